//! `format!(..)` as a child or an attribute value of a tag macro: an expression like any
//! other (the macro cannot know that a `format!` is std's; tests/nested_names.rs has a user's
//! own). The output must be exactly `format!`'s, escaped like any other text or value.

use ft_html::prelude::*;

#[test]
fn plain_holes_give_format_s_text() {
    let (id, name, n) = (42i64, String::from("Ann & <Bob>"), 7u8);
    let el = Td!(
        format!("{}-{name}/{}", id, n),
        A!(
            "x",
            hx_get = format!("/items/{}", id),
            hx_target = format!("#item-{id}")
        ),
        id = format!("row-{}", id)
    );
    assert_eq!(
        el.render(),
        r##"<td id="row-42">42-Ann &amp; &lt;Bob&gt;/7<a href="#" hx-get="/items/42" hx-target="#item-42">x</a></td>"##
    );
}

#[test]
fn escapes_specs_and_other_forms_still_format() {
    let (x, f, v) = (3, 1.5f64, vec![1, 2]);
    let s = String::from("s");
    let cases = [
        (
            Td!(format!("{{}}{}}}", x)).render(),
            format!("<td>{{}}{x}}}</td>"),
        ),
        (
            Td!(format!("{:>4}|{:.2}|{:?}", x, f, v)).render(),
            "<td>   3|1.50|[1, 2]</td>".to_string(),
        ),
        (
            Td!(format!("{0}{0}{a}", x, a = 9)).render(),
            "<td>339</td>".to_string(),
        ),
        (Td!(format!("{}", f)).render(), "<td>1.5</td>".to_string()),
        (
            Td!(format!("{}{}", &s, &x)).render(),
            "<td>s3</td>".to_string(),
        ),
        (Td!(format!("plain")).render(), "<td>plain</td>".to_string()),
        (
            Td!(format!("{}", "y".repeat(40))).render(),
            format!("<td>{}</td>", "y".repeat(40)),
        ),
        (
            Td!(format!("{}é{}", "ü".repeat(11), u64::MAX)).render(),
            format!("<td>{}é{}</td>", "ü".repeat(11), u64::MAX),
        ),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
}

#[test]
fn formatted_values_are_checked_like_others() {
    // A run-time URL still goes through the unsafe-scheme check, quoting and escaping.
    let scheme = "javascript";
    let q = "a\"b";
    assert_eq!(
        A!(
            "x",
            href = format!("{scheme}:alert(1)"),
            title = format!("{q}&")
        )
        .render(),
        r#"<a href="about:invalid#ft-unsafe-url" title='a"b&amp;'>x</a>"#
    );
}
