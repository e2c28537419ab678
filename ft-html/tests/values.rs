//! Request values into Rust values: scalars, options, lists, and `#[derive(FormFields)]`
//! structs with per-field errors (the parse half of handler parameters, SPEC 3B, 3E).

use ft_html::prelude::*;
use ft_html::values::{FromValues, MapSource, Source, ValueError};

#[derive(FormFields, Debug, PartialEq, Default)]
struct Profile {
    #[form(default)]
    id: i64,
    name: String,
    age: u32,
    newsletter: bool,
    tags: Vec<String>,
    nick: Option<String>,
    joined: Option<chrono::NaiveDate>,
}

fn body<const N: usize>(entries: [(&str, &str); N]) -> MapSource {
    MapSource::new(Source::Body, entries)
}

#[test]
fn struct_from_form_values() {
    // SPEC 3.33, 3.16: fields converted by type; repeated fields into a Vec; extra fields ignored.
    let src = body([
        ("name", "Uma"),
        ("age", "31"),
        ("newsletter", "on"),
        ("tags", "a"),
        ("tags", "b"),
        ("joined", "2024-01-02"),
        ("extra", "ignored"),
    ]);
    let p = Profile::from_values(&src, "profile").unwrap();
    assert_eq!(
        p,
        Profile {
            id: 0,
            name: "Uma".into(),
            age: 31,
            newsletter: true,
            tags: vec!["a".into(), "b".into()],
            nick: None,
            joined: chrono::NaiveDate::from_ymd_opt(2024, 1, 2),
        }
    );
}

#[test]
fn absent_checkbox_is_false_and_empty_optional_text_is_empty() {
    // SPEC 3.9: an empty value is a value for text; for a date it is None
    let src = body([("name", "x"), ("age", "1"), ("nick", ""), ("joined", "")]);
    let p = Profile::from_values(&src, "p").unwrap();
    assert!(!p.newsletter);
    assert_eq!(p.nick.as_deref(), Some(""));
    assert_eq!(p.joined, None);
}

#[test]
fn every_bad_field_is_reported_with_the_submitted_values_kept() {
    // SPEC 3.34, 3.35 are 500s in FastHTML; ft gives per-field errors (a 400 in ft-web).
    let src = body([("age", "old"), ("joined", "yesterday"), ("nick", "<b>")]);
    let Err(ValueError::Fields(errs)) = Profile::from_values(&src, "p") else {
        panic!("expected field errors")
    };
    assert_eq!(errs.get("name"), Some("required"));
    assert_eq!(errs.get("age"), Some("expected an integer (u32)"));
    assert_eq!(errs.get("joined"), Some("expected a date (YYYY-MM-DD)"));
    assert_eq!(errs.get("nick"), None);
    assert!(errs.values.contains(&("age".into(), "old".into())));
    // The errors fill the form again with what was typed.
    let form = fill_form(&Form!(Input!(name = "age"), Input!(name = "nick")), &errs);
    // (the bad field is marked and followed by its message)
    assert!(form.render().contains(
        r#"<input name="age" value="old" aria-invalid="true" aria-describedby="age-error"><small id="age-error">expected an integer (u32)</small>"#
    ));
    assert!(
        form.render()
            .contains(r#"<input name="nick" value="&lt;b&gt;">"#)
    );
}

#[test]
fn scalar_lookup_errors_name_the_field_and_where_it_was_looked_for() {
    // SPEC 3.7, 3.6 (last value wins), 3.4 (hyphenated names match underscores)
    let src = MapSource::new(Source::Query, [("n", "1"), ("n", "2"), ("first-name", "A")])
        .then(Source::Body, [("m", "x")]);
    assert_eq!(i32::from_values(&src, "n"), Ok(2));
    assert_eq!(String::from_values(&src, "first_name"), Ok("A".into()));
    let err = i32::from_values(&src, "missing").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Missing required field: missing (looked in query, body)"
    );
    assert_eq!(err.status(), 400);
    let bad = i32::from_values(&src, "m").unwrap_err();
    assert_eq!(bad.status(), 400);
    let path = MapSource::new(Source::Path, [("age", "five")]);
    assert_eq!(u32::from_values(&path, "age").unwrap_err().status(), 404);
}

#[test]
fn bool_words() {
    // SPEC 3.11: FastHTML 500s on other words; ft answers 400.
    for (w, b) in [
        ("TRUE", true),
        ("yes", true),
        ("1", true),
        ("on", true),
        ("off", false),
        ("no", false),
        ("0", false),
        ("", false),
    ] {
        assert_eq!(bool::from_values(&body([("b", w)]), "b"), Ok(b), "{w}");
    }
    assert!(bool::from_values(&body([("b", "maybe")]), "b").is_err());
}
