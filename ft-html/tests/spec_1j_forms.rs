//! SPEC 1J (forms): `fill_form`, `fill_dataclass`, `find_inputs`, `#[derive(FormFields)]`.
//! Expected strings are FastHTML 0.14.14's output unless a comment says why they differ.

use ft_html::prelude::*;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};

/// FastHTML's `Form(..)`: a `<form>` with `enctype="multipart/form-data"`.
fn form(children: impl IntoFt) -> Ft {
    TagForm!(children, enctype = "multipart/form-data")
}

fn renders(v: Vec<Ft>) -> Vec<String> {
    v.iter().map(|e| e.render()).collect()
}

// SPEC 1.102
#[test]
fn fills_value_and_textarea() {
    let f = form((
        Input!(name = "email"),
        Input!(name = "age", r#type = "number"),
        Textarea!(name = "bio"),
    ));
    let out = fill_form(&f, &json!({"email": "a@b.c", "age": 5, "bio": "<hi>"}));
    assert_eq!(
        out.render(),
        r#"<form enctype="multipart/form-data"><input name="email" value="a@b.c"><input name="age" type="number" value="5"><textarea name="bio">&lt;hi&gt;</textarea></form>"#
    );
}

// SPEC 1.102, with a HashMap / BTreeMap of strings and a list of pairs.
#[test]
fn fills_from_maps_and_pairs() {
    let f = form((
        Input!(name = "email"),
        Input!(name = "age", r#type = "number"),
    ));
    let expected = r#"<form enctype="multipart/form-data"><input name="email" value="a@b.c"><input name="age" type="number" value="5"></form>"#;
    let hm: HashMap<String, String> = [
        ("email".to_string(), "a@b.c".to_string()),
        ("age".into(), "5".into()),
    ]
    .into();
    assert_eq!(fill_form(&f, &hm).render(), expected);
    let bt: BTreeMap<&str, &str> = [("email", "a@b.c"), ("age", "5")].into();
    assert_eq!(fill_form(&f, &bt).render(), expected);
    let hj: HashMap<&str, serde_json::Value> =
        [("email", json!("a@b.c")), ("age", json!(5))].into();
    assert_eq!(fill_form(&f, &hj).render(), expected);
    assert_eq!(
        fill_form(&f, &[("email", "a@b.c"), ("age", "5")]).render(),
        expected
    );
    assert_eq!(
        fill_form(&f, &vec![("email", "a@b.c"), ("age", "5")]).render(),
        expected
    );
    let multi: HashMap<&str, Vec<&str>> = [("email", vec!["a@b.c"]), ("age", vec!["5"])].into();
    assert_eq!(fill_form(&f, &multi).render(), expected);
}

// SPEC 1.103
#[test]
fn checkbox_and_radio() {
    let f = form((
        Input!(r#type = "checkbox", name = "a", value = "1"),
        Input!(r#type = "checkbox", name = "b", checked = true, value = "1"),
        Input!(r#type = "checkbox", name = "tags", value = "x"),
        Input!(r#type = "checkbox", name = "tags", value = "y"),
        Input!(r#type = "radio", name = "r", value = "p"),
        Input!(r#type = "radio", name = "r", value = "q"),
    ));
    let out = fill_form(&f, &json!({"a": true, "b": false, "tags": ["y"], "r": "q"}));
    assert_eq!(
        out.render(),
        r#"<form enctype="multipart/form-data"><input type="checkbox" name="a" value="1" checked="1"><input type="checkbox" name="b" value="1"><input type="checkbox" name="tags" value="x"><input type="checkbox" name="tags" value="y" checked="1"><input type="radio" name="r" value="p"><input type="radio" name="r" value="q" checked="1"></form>"#
    );
}

// SPEC 1.103, beyond FastHTML: a scalar checks a box iff it equals the box's value
// (FastHTML: iff truthy, so "0" checks a value="1" box); a box without value is checked by
// a truthy scalar; a list checks a box without value iff it holds "on" (FastHTML: KeyError).
#[test]
fn checkbox_scalars_and_defaults() {
    let f = form((
        Input!(r#type = "checkbox", name = "z", value = "1", checked = true),
        Input!(r#type = "checkbox", name = "o", value = "1"),
        Input!(r#type = "checkbox", name = "n", value = "1"),
        Input!(r#type = "checkbox", name = "t"),
        Input!(r#type = "checkbox", name = "f", checked = true),
        Input!(r#type = "checkbox", name = "l"),
    ));
    let out = fill_form(
        &f,
        &json!({"z": "0", "o": "1", "n": 1, "t": "on", "f": "off", "l": ["on"]}),
    );
    assert_eq!(
        out.render(),
        r#"<form enctype="multipart/form-data"><input type="checkbox" name="z" value="1"><input type="checkbox" name="o" value="1" checked="1"><input type="checkbox" name="n" value="1" checked="1"><input type="checkbox" name="t" checked="1"><input type="checkbox" name="f"><input type="checkbox" name="l" checked="1"></form>"#
    );
}

// SPEC 1.103: radio values compare as text (FastHTML: `5 == "5"` is False, so a number
// never checks a radio), and an earlier `checked` is cleared.
#[test]
fn radio_numbers_and_stale_checked() {
    let f = form((
        Input!(r#type = "radio", name = "r", value = "4", checked = true),
        Input!(r#type = "radio", name = "r", value = "5"),
    ));
    assert_eq!(
        fill_form(&f, &json!({"r": 5})).render(),
        r#"<form enctype="multipart/form-data"><input type="radio" name="r" value="4"><input type="radio" name="r" value="5" checked="1"></form>"#
    );
}

// SPEC 1.104
#[test]
fn select_single_and_multiple() {
    let f = form((
        Select!(
            Option!("A", value = "a"),
            Option!("B", value = "b"),
            name = "s"
        ),
        Select!(
            Option!("X", value = "x"),
            Option!("Y", value = "y"),
            name = "m",
            multiple = true
        ),
    ));
    let out = fill_form(&f, &json!({"s": "b", "m": ["x", "y"]}));
    assert_eq!(
        out.render(),
        r#"<form enctype="multipart/form-data"><select name="s"><option value="a">A</option><option value="b" selected="1">B</option></select><select name="m" multiple><option value="x" selected="1">X</option><option value="y" selected="1">Y</option></select></form>"#
    );
}

// SPEC 1.104, beyond FastHTML: stale `selected` is removed (FastHTML keeps it, leaving two
// selected options), options in <optgroup> and options without `value` (matched by their
// text) are filled too (FastHTML ignores both).
#[test]
fn select_deselects_optgroups_and_text_values() {
    let f = form(Select!(
        Option!("A", value = "a", selected = true),
        Optgroup!(
            Option!("B", value = "b"),
            Option!(" Cee ", selected = true),
            label = "g"
        ),
        name = "s",
    ));
    assert_eq!(
        fill_form(&f, &json!({"s": "b"})).render(),
        r#"<form enctype="multipart/form-data"><select name="s"><option value="a">A</option><optgroup label="g"><option value="b" selected="1">B</option><option> Cee </option></optgroup></select></form>"#
    );
    assert_eq!(
        fill_form(&f, &json!({"s": ["Cee", "a"]})).render(),
        r#"<form enctype="multipart/form-data"><select name="s"><option value="a" selected="1">A</option><optgroup label="g"><option value="b">B</option><option selected="1"> Cee </option></optgroup></select></form>"#
    );
}

// SPEC 1.105
#[test]
fn skip_missing_and_null_untouched() {
    let f = form((
        Input!(name = "a", skip = true),
        Input!(name = "b", value = "keep"),
        Input!(name = "c"),
    ));
    let out = fill_form(&f, &json!({"a": "X", "c": null}));
    assert_eq!(
        out.render(),
        r#"<form enctype="multipart/form-data"><input name="a" skip><input name="b" value="keep"><input name="c"></form>"#
    );
    // `skip = false` is no skip attribute at all (it does not render either).
    let g = form(Input!(name = "a", skip = false));
    assert_eq!(
        fill_form(&g, &json!({"a": "X"})).render(),
        r#"<form enctype="multipart/form-data"><input name="a" value="X"></form>"#
    );
    // A None field of a struct is left alone too.
    #[derive(FormFields)]
    struct P {
        c: Option<String>,
    }
    assert_eq!(fill_form(&f, &P { c: None }).render(), f.render());
}

// SPEC 1.106: deliberate difference. FastHTML mutates the original form's inputs, so the
// original also shows `value="1"`; ours returns a filled copy and leaves the original alone.
#[test]
fn original_not_mutated() {
    let f = form(Input!(name = "a"));
    let g = fill_form(&f, &[("a", "1")]);
    assert_eq!(
        f.render(),
        r#"<form enctype="multipart/form-data"><input name="a"></form>"#
    );
    assert_eq!(
        g.render(),
        r#"<form enctype="multipart/form-data"><input name="a" value="1"></form>"#
    );
}

// SPEC 1.107
#[test]
fn fills_from_a_derived_struct() {
    #[derive(FormFields)]
    struct P1 {
        name: String,
        done: bool,
    }
    let f = form((
        Input!(name = "name"),
        Input!(name = "done", r#type = "checkbox"),
    ));
    assert_eq!(
        fill_form(
            &f,
            &P1 {
                name: "x".into(),
                done: true
            }
        )
        .render(),
        r#"<form enctype="multipart/form-data"><input name="name" value="x"><input name="done" type="checkbox" checked="1"></form>"#
    );
}

// SPEC 1.107: every supported field type, rename, skip, borrowed fields, generics.
#[test]
fn derive_field_types() {
    struct NotAField;
    #[derive(FormFields)]
    struct All<'a> {
        s: String,
        r: &'a str,
        i: i32,
        u: u64,
        fl: f64,
        b: bool,
        c: char,
        o: Option<u8>,
        on: Option<String>,
        v: Vec<String>,
        vi: Vec<i64>,
        #[form(rename = "data-x")]
        renamed: String,
        #[form(skip)]
        #[allow(dead_code)]
        hidden: NotAField,
        r#type: String,
    }
    let a = All {
        s: "s".into(),
        r: "r",
        i: -1,
        u: 2,
        fl: 1.5,
        b: false,
        c: 'c',
        o: Some(3),
        on: None,
        v: vec!["p".into(), "q".into()],
        vi: vec![1, 2],
        renamed: "x".into(),
        hidden: NotAField,
        r#type: "t".into(),
    };
    use ft_html::forms::FieldValue as V;
    assert_eq!(a.field("s"), Some(V::Text("s".into())));
    assert_eq!(a.field("r"), Some(V::Text("r".into())));
    assert_eq!(a.field("i"), Some(V::Int(-1)));
    assert_eq!(a.field("u"), Some(V::UInt(2)));
    assert_eq!(a.field("fl"), Some(V::Float(1.5)));
    assert_eq!(a.field("b"), Some(V::Bool(false)));
    assert_eq!(a.field("c"), Some(V::Text("c".into())));
    assert_eq!(a.field("o"), Some(V::UInt(3)));
    assert_eq!(a.field("on"), Some(V::Null));
    assert_eq!(a.field("v"), Some(V::List(vec!["p".into(), "q".into()])));
    assert_eq!(a.field("vi"), Some(V::List(vec!["1".into(), "2".into()])));
    assert_eq!(a.field("data-x"), Some(V::Text("x".into())));
    assert_eq!(a.field("renamed"), None);
    assert_eq!(a.field("hidden"), None);
    assert_eq!(a.field("type"), Some(V::Text("t".into())));

    let f = form((
        Input!(name = "fl"),
        Input!(name = "data-x"),
        Input!(name = "b", r#type = "checkbox", checked = true),
        Select!(
            Option!("P", value = "p"),
            Option!("Q", value = "q"),
            Option!("Z", value = "z"),
            name = "v",
            multiple = true
        ),
        Input!(name = "vi", r#type = "checkbox", value = "2"),
    ));
    assert_eq!(
        fill_form(&f, &a).render(),
        r#"<form enctype="multipart/form-data"><input name="fl" value="1.5"><input name="data-x" value="x"><input name="b" type="checkbox"><select name="v" multiple><option value="p" selected="1">P</option><option value="q" selected="1">Q</option><option value="z">Z</option></select><input name="vi" type="checkbox" value="2" checked="1"></form>"#
    );
}

// SPEC 1.108
#[test]
fn fill_dataclass_copies_fields() {
    #[derive(FormFields, Default, Debug, PartialEq)]
    struct T {
        a: i32,
        b: String,
    }
    let mut d = T::default();
    let r = fill_dataclass(
        &T {
            a: 1,
            b: "x".into(),
        },
        &mut d,
    );
    assert_eq!(
        *r,
        T {
            a: 1,
            b: "x".into()
        }
    );
    assert!(std::ptr::eq(r, &d)); // `r is d`
}

// SPEC 1.108, beyond FastHTML: the source may be any FormFields value; values convert
// (text to numbers/bools, one value to a Vec); fields that do not convert or are missing
// are left as they are; null sets an Option to None.
#[test]
fn fill_from_converts() {
    #[derive(FormFields, Debug, PartialEq)]
    struct T {
        n: u8,
        f: f32,
        b: bool,
        s: String,
        o: Option<i32>,
        v: Vec<u16>,
        keep: i64,
        bad: u8,
    }
    let mut t = T {
        n: 0,
        f: 0.0,
        b: false,
        s: String::new(),
        o: Some(1),
        v: vec![],
        keep: 9,
        bad: 7,
    };
    t.fill_from(
        &json!({"n": "42", "f": 2, "b": "on", "s": 3.5, "o": null, "v": ["1", "2"], "bad": 300}),
    );
    assert_eq!(
        t,
        T {
            n: 42,
            f: 2.0,
            b: true,
            s: "3.5".into(),
            o: None,
            v: vec![1, 2],
            keep: 9,
            bad: 7
        }
    );
    t.fill_from(&[("v", "5"), ("b", "false"), ("bad", "x")]);
    assert_eq!((t.v.as_slice(), t.b, t.bad), (&[5u16][..], false, 7));
    let multi: HashMap<String, Vec<String>> = [("n".to_string(), vec!["8".to_string()])].into();
    t.fill_from(&multi);
    assert_eq!(t.n, 8);
}

// SPEC 1.109
#[test]
fn find_inputs_recursive() {
    let f = form((
        Input!(name = "a"),
        Div!(Input!(name = "b", r#type = "text"), Select!(name = "s")),
    ));
    assert_eq!(
        renders(find_inputs(&f, &["input"], &[])),
        [r#"<input name="a">"#, r#"<input name="b" type="text">"#]
    );
    assert_eq!(
        renders(find_inputs(&f, &["input"], &[("type", "text")])),
        [r#"<input name="b" type="text">"#]
    );
    assert_eq!(
        renders(find_inputs(&f, &["select", "input"], &[("name", "s")])),
        [r#"<select name="s"></select>"#]
    );
}

// SPEC 1.109: the root itself, fragments, keyword-style names, boolean attributes, no tags.
#[test]
fn find_inputs_edges() {
    let frag = Fragment((
        Input!(name = "a", required = true, hx_get = "/x"),
        Input!(name = "b"),
    ));
    assert_eq!(
        renders(find_inputs(&frag, &["input"], &[("required", "true")])),
        [r#"<input name="a" required hx-get="/x">"#]
    );
    assert_eq!(find_inputs(&frag, &["input"], &[("hx_get", "/x")]).len(), 1);
    assert_eq!(
        find_inputs(&frag, &["input"], &[("name", "a"), ("name", "b")]).len(),
        0
    );
    assert!(find_inputs(&frag, &[], &[]).is_empty());
    let one = Input!(name = "z");
    assert_eq!(
        find_inputs(&one, &["input"], &[]),
        std::slice::from_ref(&one)
    );
}

// Nested fieldsets and hostile values: everything is escaped on output.
#[test]
fn nested_and_hostile() {
    let f = form(Fieldset(
        Legend!("L"),
        Div!(
            Input!(name = "x"),
            Input!(r#type = "checkbox", name = "c", value = "v", checked = true),
            Fieldset!(Textarea!("\"><script>", name = "t")),
        ),
    ));
    let evil = r#""><script>alert(1)</script>"#;
    let out = fill_form(
        &f,
        &json!({"x": evil, "c": ["w"], "t": "</textarea><script>x</script>"}),
    )
    .render();
    assert!(!out.contains("<script"), "{out}");
    // Exactly FastHTML's output (an attribute holding `"` is quoted with `'`).
    assert_eq!(
        out,
        r#"<form enctype="multipart/form-data"><fieldset><legend>L</legend><div><input name="x" value='"&gt;&lt;script&gt;alert(1)&lt;/script&gt;'><input type="checkbox" name="c" value="v"><fieldset><textarea name="t">&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;</textarea></fieldset></div></fieldset></form>"#
    );
    let both = r#"'"><script>"#;
    let out = fill_form(&Input!(name = "x"), &[("x", both)]).render();
    assert!(!out.contains("<script"), "{out}");
    assert_eq!(out, r#"<input name="x" value='&#39;"&gt;&lt;script&gt;'>"#);
}

/// `Fieldset(..)` as a function, to check fill_form walks children built at run time.
#[allow(non_snake_case)]
fn Fieldset(legend: Ft, body: Ft) -> Ft {
    Fieldset!(legend, body)
}

// Text inputs with bools, floats, lists; textareas replace old content.
#[test]
fn text_inputs_with_other_types() {
    let f = form((
        Input!(name = "a"),
        Input!(name = "b"),
        Input!(name = "one"),
        Input!(r#type = "hidden", name = "c"),
        Textarea!("old", name = "t"),
        Textarea!("old", name = "tl"),
        Input!(name = "n"),
    ));
    let out = fill_form(
        &f,
        &json!({"a": true, "b": ["x", "y"], "one": ["z"], "c": false, "t": 5, "tl": ["p", "q"], "n": 1.5}),
    );
    // FastHTML: `value` (bare) for True, value="['x', 'y']" for the list, nothing for False.
    // ft: a list in a single box gives its last value, what a scalar parameter reads.
    assert_eq!(
        out.render(),
        r#"<form enctype="multipart/form-data"><input name="a" value="true"><input name="b" value="y"><input name="one" value="z"><input type="hidden" name="c" value="false"><textarea name="t">5</textarea><textarea name="tl">q</textarea><input name="n" value="1.5"></form>"#
    );
}

// Several boxes of one name take a list's values in order, as the browser sends them; a
// password is never written back.
#[test]
fn lists_spread_over_boxes_and_passwords_stay_empty() {
    let f = form((
        Input!(name = "tag"),
        Input!(name = "tag"),
        Input!(name = "tag"),
        Input!(name = "pw", r#type = "password"),
    ));
    let out = fill_form(&f, &json!({"tag": ["a", "b"], "pw": "hunter2"}));
    assert_eq!(
        out.render(),
        r#"<form enctype="multipart/form-data"><input name="tag" value="a"><input name="tag" value="b"><input name="tag"><input name="pw" type="password"></form>"#
    );
}

// `Form!` of xtend, when it is there, fills like any tree; nothing outside form controls is
// touched (a div with a name is not an input).
#[test]
fn only_form_controls() {
    let f = Div!(
        // A string key: `name` is no attribute of a div, which the tag macros refuse as an
        // identifier (the guide's "Checked attributes").
        Div!("name" = "a"),
        Button!(name = "a", value = "b"),
        Input!(name = "a")
    );
    assert_eq!(
        fill_form(&f, &[("a", "X")]).render(),
        r#"<div><div name="a"></div><button name="a" value="b"></button><input name="a" value="X"></div>"#
    );
}
