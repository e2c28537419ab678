//! The compact renderer's byte-level cases.

use super::*;
use crate::Element;

#[test]
fn text_and_tags_of_every_length() {
    // Lengths around the inline string capacity, text needing escapes or not, non-ASCII,
    // void tags, attributes, in a buffer with and without spare room.
    let texts = [
        String::new(),
        "a".into(),
        "ü".into(),
        "a&b".into(),
        "<".into(),
        "x".repeat(22),
        "x".repeat(23),
        "x".repeat(24),
        "é".repeat(11) + "z",
        "y".repeat(40) + ">",
    ];
    let tags = [
        "b".to_string(),
        "t".repeat(13),
        "u".repeat(14),
        "v".repeat(40),
    ];
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    for tag in &tags {
        for text in &texts {
            for void in [false, true] {
                for attrs in [false, true] {
                    let mut el = Element::new(tag.clone());
                    el.push(crate::Str::new(text));
                    if attrs {
                        el.set("id", "i");
                    }
                    el.set_void(void);
                    let a = if attrs { r#" id="i""# } else { "" };
                    let end = if void {
                        String::new()
                    } else {
                        format!("</{tag}>")
                    };
                    let want = format!("<{tag}{a}>{}{end}", esc(text));
                    for pre in [String::new(), "p".repeat(100)] {
                        let mut out = pre.clone();
                        Ft::Element(el.clone()).render_into(&mut out);
                        assert_eq!(out, format!("{pre}{want}"));
                    }
                    // The same text as one of several children.
                    let mut parent = Element::new(tag.clone());
                    parent.push((crate::Str::new(text), Ft::Element(el.clone())));
                    let want2 = format!("<{tag}>{}{want}</{tag}>", esc(text));
                    assert_eq!(Ft::Element(parent).render(), want2);
                }
            }
        }
    }
}

#[test]
fn attribute_values_on_every_path() {
    // Inline values, longer ones, values to escape or quote, URL schemes, trusted and
    // run-time values.
    let (x23, u12) = ("x".repeat(23), "ü".repeat(12));
    let cases: [(&str, &str); 12] = [
        ("", r#" href="""#),
        ("/items/1", r#" href="/items/1""#),
        (
            "javascript:alert(1)",
            r#" href="about:invalid#ft-unsafe-url""#,
        ),
        ("JavaScript:x", r#" href="about:invalid#ft-unsafe-url""#),
        ("https://e.org/a?b=c", r#" href="https://e.org/a?b=c""#),
        ("a&b", r#" href="a&amp;b""#),
        ("say \"hi\"", r#" href='say "hi"'"#),
        ("it's \"x\"", r#" href='it&#39;s "x"'"#),
        (&x23, " href=\"xxxxxxxxxxxxxxxxxxxxxxx\""),
        (&u12, " href=\"üüüüüüüüüüüü\""),
        (
            "javascript:alert('a long script, past inline')",
            r#" href="about:invalid#ft-unsafe-url""#,
        ),
        ("<b>", r#" href="&lt;b&gt;""#),
    ];
    for (value, want) in cases {
        for name_len in [0usize, 30] {
            let mut el = Element::new_static("a", false);
            let pad = "d".repeat(name_len);
            if name_len > 0 {
                el.set(&format!("data-{pad}"), value);
            }
            el.set("href", value);
            let got = Ft::Element(el).render();
            let pre = if name_len > 0 {
                // The same value under a non-URL name: never blocked.
                let plain = if want.contains("ft-unsafe-url") {
                    format!(r#"="{}""#, value.replace('&', "&amp;"))
                } else {
                    want.trim_start_matches(" href").to_string()
                };
                format!(" data-{pad}{plain}")
            } else {
                String::new()
            };
            assert_eq!(got, format!("<a{pre}{want}></a>"), "{value:?}");
        }
    }
    // A trusted (literal) URL is not checked; it still takes the quoting rules.
    let mut el = Element::new_static("a", false);
    el.put(
        "href".into(),
        Some(crate::AttrValue::Trusted(crate::Str::from_static(
            "javascript:void(0)",
        ))),
    );
    assert_eq!(
        Ft::Element(el).render(),
        r#"<a href="javascript:void(0)"></a>"#
    );
}

#[test]
fn render_buffer_starts_at_the_previous_size() {
    let big = Ft::text("x".repeat(10_000));
    assert_eq!(big.render().len(), 10_000);
    assert!(size_hint() >= 10_000);
    // A small page after a big one renders the same, and the hint follows it down.
    assert_eq!(Ft::text("y").render(), "y");
    assert_eq!(size_hint(), MIN_HINT);
}

#[test]
fn close_tag_all_lengths() {
    for t in [1usize, 2, 5, 16, 32, 33, 50] {
        let el = Element::new("q".repeat(t));
        let mut out = String::new();
        close_tag(el.tag_desc(), &mut out);
        assert_eq!(out, format!("</{}>", "q".repeat(t)));
    }
}
