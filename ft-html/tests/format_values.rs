//! `format!(..)` as a child or an attribute value of a tag macro: the macro formats it
//! straight into the tree's string type (inside a tag macro, `format!` with a string literal is
//! std's `format!`; the call as written is checked to be one, tests/nested_names.rs and
//! tests/ui/nested_user_format*.rs). The output must be exactly `format!`'s, escaped like any
//! other text or value.

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

/// The call's guard (the call written again, type-checked but never run) neither evaluates
/// nor moves the arguments a second time.
#[test]
fn the_guard_evaluates_and_moves_nothing() {
    use std::cell::Cell;
    struct Row(String);
    fn title(r: Row) -> String {
        r.0
    }
    // An argument moved into a call, in a loop's template, in a template, without one.
    let rows = vec![Row("a".into()), Row("b".into())];
    let list = Ul!(rows.into_iter().map(|row| Li!(format!("{}", title(row)))));
    assert_eq!(list.render(), "<ul><li>a</li><li>b</li></ul>");
    let (row, s) = (Row("c".into()), String::from("s"));
    let tr = Tr!(Td!(format!("{}/{}", title(row), { s })));
    assert_eq!(tr.render(), "<tr><td>c/s</td></tr>");
    let row = Row("d".into());
    assert_eq!(
        P!(cls = format!("{}", title(row))).render(),
        r#"<p class="d"></p>"#
    );
    // Each argument evaluated once.
    let calls = Cell::new(0);
    let next = || {
        calls.set(calls.get() + 1);
        calls.get()
    };
    let el = Div!(
        P!(format!("{}", next()), id = format!("p{}", next())),
        format!("{:>2}", next()),
        title = format!("t{}", next())
    );
    assert_eq!(calls.get(), 4);
    assert_eq!(el.render(), r#"<div title="t4"><p id="p2">1</p> 3</div>"#);
    // `continue` and `?` among the arguments mean what they mean in the pieces.
    let parse = |s: &str| -> Result<Vec<Ft>, std::num::ParseIntError> {
        let mut out = Vec::new();
        for (i, part) in s.split(',').enumerate() {
            out.push(Td!(format!(
                "{}",
                if i == 1 {
                    continue;
                } else {
                    part.parse::<u8>()?
                }
            )));
        }
        Ok(out)
    };
    let cells = parse("1,x,3").unwrap();
    assert_eq!(cells.len(), 2);
    assert_eq!(cells[1].render(), "<td>3</td>");
    assert!(parse("1,2,y").is_err());
}
