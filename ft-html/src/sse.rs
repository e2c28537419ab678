//! Server-sent events: [`sse_message`] formats an FT tree as one SSE message (SPEC 1L).

use crate::IntoFt;

/// `sse_message(elm, event)`: `elm` rendered with the indented renderer ([`crate::Ft::to_xml`]),
/// every line prefixed with `data: `, then a blank line. The default event `"message"` writes
/// no `event:` line; any other name comes first as `event: NAME` (SPEC 1.112-1.114).
///
/// Deliberate differences, both so data can never forge SSE fields:
/// - lines are split where SSE splits them (`\r\n`, `\r`, `\n`) rather than at every Unicode
///   line break Python's `splitlines` knows, so what the client joins back is the HTML;
/// - `\r` and `\n` are removed from the event name (FastHTML writes them, starting a new field).
///
/// Also, a plain string is HTML text, so it is escaped (`a<b` gives `data: a&lt;b`; FastHTML
/// sends it as it is). Pass `Raw(..)` for markup.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     sse_message(Div!(P!("hi"), id = "x"), "message"),
///     "data: <div id=\"x\">\ndata:   <p>hi</p>\ndata: </div>\n\n"
/// );
/// assert_eq!(sse_message(P!("a"), "tick"), "event: tick\ndata: <p>a</p>\n\n");
/// assert_eq!(sse_message("hello", "message"), "data: hello\n\n");
/// ```
pub fn sse_message(elm: impl IntoFt, event: &str) -> String {
    let xml = elm.into_ft().to_xml();
    let mut out = String::with_capacity(xml.len() + 16);
    if event != "message" {
        out.push_str("event: ");
        out.extend(event.chars().filter(|c| !matches!(c, '\r' | '\n')));
        out.push('\n');
    }
    let mut first = true;
    for line in sse_lines(&xml) {
        if !first {
            out.push('\n');
        }
        first = false;
        out.push_str("data: ");
        out.push_str(line);
    }
    out.push_str("\n\n");
    out
}

/// Splits at `\r\n`, `\r` or `\n`; like Python's `splitlines`, a final line break does not
/// start another (empty) line, and the empty string has no lines.
fn sse_lines(s: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        match rest.find(['\r', '\n']) {
            Some(i) => {
                lines.push(&rest[..i]);
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
            None => {
                lines.push(rest);
                rest = "";
            }
        }
    }
    lines
}
