//! Tag macros evaluate their arguments once each, in the order written, whatever order the
//! HTML needs them in (attributes in the start tag, FastHTML's attribute order, children
//! after), in every form: plain and compiled children, nested calls, loops, whole-element
//! templates, spreads, helpers' parameters. Each argument records its position in a log
//! when evaluated; the HTML must be what it was before.

use ft_html::prelude::*;
use ft_html::svg::Rect;
use std::cell::RefCell;

/// Records `n` as evaluated and gives back `v`.
fn at<T>(log: &RefCell<Vec<u32>>, n: u32, v: T) -> T {
    log.borrow_mut().push(n);
    v
}

/// Runs `f` with a fresh log; returns its HTML and the log.
fn run(f: impl FnOnce(&RefCell<Vec<u32>>) -> Ft) -> (String, Vec<u32>) {
    let log = RefCell::new(Vec::new());
    let html = f(&log).render();
    (html, log.into_inner())
}

#[test]
fn plain_children_and_attributes() {
    let (html, log) = run(|l| P!(cls = at(l, 1, "c"), at(l, 2, "text"), id = at(l, 3, "p")));
    assert_eq!(html, r#"<p id="p" class="c">text</p>"#);
    assert_eq!(log, [1, 2, 3]);
    // FastHTML's attribute order differs from the order written; evaluation does not.
    let (html, log) = run(|l| {
        Div!(
            style = at(l, 1, "s"),
            title = at(l, 2, "t"),
            hx_target = at(l, 3, "#x"),
            hx_vals = at(l, 4, "{}"),
            at(l, 5, "a"),
            data_x = at(l, 6, 1),
        )
    });
    assert_eq!(
        html,
        r##"<div data-x="1" hx-vals="{}" hx-target="#x" title="t" style="s">a</div>"##
    );
    assert_eq!(log, [1, 2, 3, 4, 5, 6]);
}

#[test]
fn compiled_templates_and_nested_calls() {
    // The whole element is one template: its own attributes before its children in the
    // HTML, after them in the source.
    let (html, log) = run(|l| {
        Li!(
            A!(at(l, 1, "x"), hx_target = at(l, 2, "#t")),
            Span!(at(l, 3, 7)),
            id = at(l, 4, "li"),
            cls = at(l, 5, "c")
        )
    });
    assert_eq!(
        html,
        r##"<li id="li" class="c"><a href="#" hx-target="#t">x</a><span>7</span></li>"##
    );
    assert_eq!(log, [1, 2, 3, 4, 5]);
    // Compiled children only.
    let (html, log) = run(|l| {
        Div!(
            P!(at(l, 1, "a"), id = at(l, 2, "p")),
            at(l, 3, "b"),
            P!(at(l, 4, "c"))
        )
    });
    assert_eq!(html, r#"<div><p id="p">a</p>b<p>c</p></div>"#);
    assert_eq!(log, [1, 2, 3, 4]);
    // A helper with compiled children and attributes on both sides of them.
    let (html, log) = run(|l| {
        A!(
            hx_get = at(l, 1, "/a"),
            Span!(at(l, 2, "s"), cls = at(l, 3, "c")),
            id = at(l, 4, "a")
        )
    });
    assert_eq!(
        html,
        r##"<a href="#" hx-get="/a" id="a" name="a"><span class="c">s</span></a>"##
    );
    assert_eq!(log, [1, 2, 3, 4]);
}

#[test]
fn loops_evaluate_each_item_in_order() {
    let (html, log) = run(|l| {
        Ul!(
            (0..2).map(|i| Li!(
                at(l, 10 * i + 1, i),
                id = at(l, 10 * i + 2, format!("i{i}"))
            )),
            cls = at(l, 30, "list")
        )
    });
    assert_eq!(
        html,
        r#"<ul class="list"><li id="i0">0</li><li id="i1">1</li></ul>"#
    );
    assert_eq!(log, [1, 2, 11, 12, 30]);
}

#[test]
fn spreads_and_helper_parameters() {
    let (html, log) = run(|l| {
        Div!(
            id = at(l, 1, "d"),
            ..at(l, 2, [("data_a", "1")]),
            at(l, 3, "x"),
            title = at(l, 4, "t")
        )
    });
    assert_eq!(html, r#"<div data-a="1" id="d" title="t">x</div>"#);
    assert_eq!(log, [1, 2, 3, 4]);
    let (html, log) = run(|l| {
        Card!(
            header = at(l, 1, "h"),
            at(l, 2, "body"),
            footer = at(l, 3, "f")
        )
    });
    assert_eq!(
        html,
        "<article><header>h</header>body<footer>f</footer></article>"
    );
    assert_eq!(log, [1, 2, 3]);
    let (html, log) = run(|l| Rect!(fill = at(l, 1, "red"), at(l, 2, 10), at(l, 3, 20)));
    assert_eq!(
        html,
        r#"<rect width="10" height="20" x="0" y="0" fill="red"></rect>"#
    );
    assert_eq!(log, [1, 2, 3]);
}

#[test]
fn conditional_attributes_are_evaluated_once() {
    let (html, log) = run(|l| {
        Input!(
            checked = at(l, 1, false),
            value = at(l, 2, None::<&str>),
            id = at(l, 3, "i"),
            disabled = at(l, 4, true)
        )
    });
    assert_eq!(html, r#"<input disabled id="i" name="i">"#);
    assert_eq!(log, [1, 2, 3, 4]);
}
