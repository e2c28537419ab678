//! SPEC 1L: sse_message, outputs observed on FastHTML 0.14.14.

use ft_html::prelude::*;

// SPEC 1.112
#[test]
fn default_event_has_no_event_line() {
    assert_eq!(
        sse_message(Div!(P!("hi"), id = "x"), "message"),
        "data: <div id=\"x\">\ndata:   <p>hi</p>\ndata: </div>\n\n"
    );
}

// SPEC 1.113
#[test]
fn custom_event() {
    assert_eq!(
        sse_message(P!("a"), "tick"),
        "event: tick\ndata: <p>a</p>\n\n"
    );
}

// SPEC 1.114
#[test]
fn plain_values() {
    assert_eq!(sse_message("hello", "message"), "data: hello\n\n");
    assert_eq!(
        sse_message(Span!("x"), "message"),
        "data: <span>x</span>\n\n"
    );
    assert_eq!(sse_message(5, "message"), "data: 5\n\n");
    // FastHTML: sse_message('') == '\n\n'
    assert_eq!(sse_message("", "message"), "\n\n");
}

// SPEC 1.114, deliberate difference: FastHTML sends a plain string unescaped ('data: a<b');
// it is HTML text that htmx swaps in, so ft escapes it. Raw(..) sends markup as it is.
#[test]
fn plain_string_is_escaped() {
    assert_eq!(sse_message("a<b", "message"), "data: a&lt;b\n\n");
    assert_eq!(
        sse_message(Raw::new("<b>x</b>"), "message"),
        "data: <b>x</b>\n\n"
    );
}

// SPEC 1.112, deliberate differences that keep data from forging SSE fields. FastHTML splits
// with str.splitlines (sse_message(P('a\rb\u2028c')) == 'data: <p>a\ndata: b\ndata: c</p>\n\n',
// so U+2028 is turned into a newline) and writes the event name as given
// (event='e\nf' gives 'event: e\nf\n...', a forged field).
#[test]
fn line_breaks_and_event_names_cannot_forge_fields() {
    assert_eq!(
        sse_message(P!("a\rb\u{2028}c"), "message"),
        "data: <p>a\ndata: b\u{2028}c</p>\n\n"
    );
    assert_eq!(
        sse_message(P!("a\r\nb"), "message"),
        "data: <p>a\ndata: b</p>\n\n"
    );
    assert_eq!(
        sse_message(Div!(P!("x"), id = "y"), "e\nf"),
        "event: ef\ndata: <div id=\"y\">\ndata:   <p>x</p>\ndata: </div>\n\n"
    );
    let msg = sse_message(P!("x\r\n\nevent: evil\rid: 1"), "message");
    for line in msg.trim_end_matches("\n\n").split('\n') {
        assert!(line.starts_with("data: "), "{line:?}");
    }
}
