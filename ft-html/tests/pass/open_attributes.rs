//! The attribute check (issue 19) leaves open what is open by design: `data-*`, `aria-*`,
//! string keys (Alpine's `"@click"`/`"x-data"`, hyperscript's `_`, any name of your own),
//! `hx-on*` events, the htmx extensions' attributes, FastHTML's names, SVG's, and every name
//! on a custom element.
use ft_html::prelude::*;

fn main() {
    let d = Div!(
        data_foo_bar = "1",
        aria_label = "menu",
        "x-data" = "{open: false}",
        "@click" = "open = !open",
        "my-attr" = "mine",
        _ = "on click toggle .x",
        _at_keyup = "k()",
        hx_on__after_request = "a()",
        hx_on_click = "b()",
        hx_target_404 = "#nf",
        cls = "c",
        tabindex = 0,
    );
    assert_eq!(
        d.render(),
        r##"<div data-foo-bar="1" aria-label="menu" x-data="{open: false}" @click="open = !open" my-attr="mine" _="on click toggle .x" @keyup="k()" hx-on--after-request="a()" hx-on-click="b()" hx-target-404="#nf" tabindex="0" class="c"></div>"##
    );

    // htmx 2's and htmx 4's attributes (both by default) and the extensions'.
    let s = Div!(hx_ext = "sse", sse_connect = "/feed", sse_swap = "msg", hx_action = "/a", hx_method = "post");
    assert_eq!(
        s.render(),
        r#"<div hx-ext="sse" sse-connect="/feed" sse-swap="msg" hx-action="/a" hx-method="post"></div>"#
    );
    let f = Form!(Input!(r#type = "text", name = "q", placeholder = "find"), ws_send = true, ws_connect = "/ws");
    assert!(f.render().contains(r#"<input type="text" name="q" placeholder="find">"#));

    // FastHTML's names, per-tag attributes, `target_id`.
    let l = Label!("x", _for = "q", form = "f");
    assert_eq!(l.render(), r#"<label for="q" form="f">x</label>"#);
    let a = A!("x", href = "/p", target_id = "main", hx_get = "/p");
    assert_eq!(a.render(), r##"<a href="/p" hx-get="/p" hx-target="#main">x</a>"##);

    // SVG attributes on SVG tags.
    let g = G!(fill = "red", stroke_width = 2, transform = "scale(2)");
    assert_eq!(g.render(), r#"<g fill="red" stroke-width="2" transform="scale(2)"></g>"#);

    // A custom element takes any name (a tag the macros do not know).
    let c = tag!("sl-dropdown", placement = "top", hoist = true);
    assert_eq!(c.render(), r#"<sl-dropdown placement="top" hoist></sl-dropdown>"#);
}
