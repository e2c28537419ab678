//! `#[derive(FormFields)]`'s declarative rules: one test per rule kind, then every error at
//! once (type errors and rule errors together, with every submitted value kept), and the
//! form shown again with its messages.

use chrono::NaiveDate;
use ft_html::prelude::*;
use ft_html::values::{FromValues, MapSource, Source};

fn check<T: FromValues>(pairs: &[(&str, &str)]) -> Valid<T> {
    let src = MapSource::new(Source::Body, pairs.iter().copied());
    Valid::<T>::from_values(&src, "form").expect("field errors are handed over")
}

fn errors_of<T: FromValues + std::fmt::Debug>(pairs: &[(&str, &str)]) -> FieldErrors {
    check::<T>(pairs).expect_err("the submission is invalid")
}

#[derive(FormFields, Debug, PartialEq)]
struct Required {
    #[form(required)]
    name: String,
    #[form(required(message = "Tick the box to accept the terms"))]
    terms: bool,
    #[form(required)]
    nick: Option<String>,
    #[form(required)]
    tags: Vec<String>,
}

#[test]
fn required_text_bool_option_and_list() {
    let e = errors_of::<Required>(&[("name", "   "), ("nick", "")]);
    assert_eq!(e.get("name"), Some("required"));
    assert_eq!(e.get("terms"), Some("Tick the box to accept the terms"));
    assert_eq!(e.get("nick"), Some("required"));
    assert_eq!(e.get("tags"), Some("required"));
    let ok = check::<Required>(&[
        ("name", "Ada"),
        ("terms", "on"),
        ("nick", "a"),
        ("tags", "x"),
    ]);
    assert_eq!(
        ok,
        Ok(Required {
            name: "Ada".into(),
            terms: true,
            nick: Some("a".into()),
            tags: vec!["x".into()],
        })
    );
}

#[test]
fn a_required_message_also_stands_for_a_field_that_was_not_sent() {
    #[derive(FormFields, Debug)]
    struct P {
        #[form(required(message = "Enter your name"))]
        name: String,
    }
    assert_eq!(errors_of::<P>(&[]).get("name"), Some("Enter your name"));
}

#[derive(FormFields, Debug, PartialEq)]
struct Bounds {
    #[form(min = 18, max = 130)]
    age: u8,
    #[form(min = 0.5, max(2.0, message = "At most two kilos"))]
    weight: f64,
    #[form(min = -10)]
    delta: i32,
    #[form(min = "2024-01-01", max = "2024-12-31")]
    day: NaiveDate,
    #[form(min = 1)]
    page: Option<u32>,
}

#[test]
fn min_and_max_for_numbers_and_dates() {
    let e = errors_of::<Bounds>(&[
        ("age", "17"),
        ("weight", "2.5"),
        ("delta", "-11"),
        ("day", "2025-01-01"),
        ("page", "0"),
    ]);
    assert_eq!(e.get("age"), Some("must be at least 18"));
    assert_eq!(e.get("weight"), Some("At most two kilos"));
    assert_eq!(e.get("delta"), Some("must be at least -10"));
    assert_eq!(e.get("day"), Some("must be at most 2024-12-31"));
    assert_eq!(e.get("page"), Some("must be at least 1"));
    let e = errors_of::<Bounds>(&[
        ("age", "131"),
        ("weight", "0.1"),
        ("delta", "0"),
        ("day", "2023-12-31"),
    ]);
    assert_eq!(e.get("age"), Some("must be at most 130"));
    assert_eq!(e.get("weight"), Some("must be at least 0.5"));
    assert_eq!(e.get("day"), Some("must be at least 2024-01-01"));
    assert!(!e.has("delta") && !e.has("page"), "{e:?}"); // an absent Option is not checked
    let ok = check::<Bounds>(&[
        ("age", "18"),
        ("weight", "2"),
        ("delta", "-10"),
        ("day", "2024-02-29"),
    ]);
    assert!(ok.is_ok(), "{ok:?}");
}

#[derive(FormFields, Debug)]
struct Lengths {
    #[form(min_len = 3, max_len = 5)]
    code: String,
    #[form(max_len = 2)]
    tags: Vec<String>,
}

#[test]
fn length_bounds_count_characters_and_items() {
    let e = errors_of::<Lengths>(&[("code", "ab"), ("tags", "a"), ("tags", "b"), ("tags", "c")]);
    assert_eq!(e.get("code"), Some("must be at least 3 characters"));
    assert_eq!(e.get("tags"), Some("must be at most 2 items"));
    assert_eq!(
        errors_of::<Lengths>(&[("code", "abcdef")]).get("code"),
        Some("must be at most 5 characters")
    );
    assert!(check::<Lengths>(&[("code", "ééééé")]).is_ok()); // five characters, ten bytes
}

#[derive(FormFields, Debug)]
struct Text {
    #[form(pattern = "[a-z0-9_]+")]
    username: String,
    #[form(email)]
    email: String,
    #[form(url(message = "Give the address of your site"))]
    site: String,
    #[form(pattern = r"\d{5}")]
    zip: Option<String>,
}

#[test]
fn pattern_email_and_url() {
    let e = errors_of::<Text>(&[
        ("username", "Ada Lovelace"),
        ("email", "ada@"),
        ("site", "javascript:alert(1)"),
        ("zip", "123456"),
    ]);
    assert_eq!(e.get("username"), Some("must match the pattern [a-z0-9_]+"));
    assert_eq!(e.get("email"), Some("must be an email address"));
    assert_eq!(e.get("site"), Some("Give the address of your site"));
    assert_eq!(
        e.get("zip"),
        Some(r"must match the pattern \d{5}"),
        "the whole value must match"
    );
    let ok = check::<Text>(&[
        ("username", "ada_1815"),
        ("email", "ada@example.org"),
        ("site", "https://ada.example.org/notes"),
        ("zip", "12345"),
    ]);
    assert!(ok.is_ok(), "{ok:?}");
}

#[derive(StrEnum, Debug, Clone, Copy, PartialEq)]
enum Plan {
    Free,
    Pro,
    Enterprise,
}

#[derive(FormFields, Debug)]
struct Choice {
    #[form(one_of = [Plan::Free, Plan::Pro])]
    plan: Plan,
    #[form(one_of = ["red", "green"])]
    colour: String,
    #[form(one_of = [1, 2, 4])]
    size: u8,
}

#[test]
fn one_of_for_enums_text_and_numbers() {
    let e = errors_of::<Choice>(&[("plan", "Enterprise"), ("colour", "blue"), ("size", "3")]);
    assert_eq!(e.get("plan"), Some("must be one of: Free, Pro"));
    assert_eq!(e.get("colour"), Some("must be one of: red, green"));
    assert_eq!(e.get("size"), Some("must be one of: 1, 2, 4"));
    // A value that is no variant at all is a type error, with the whole list.
    let e = errors_of::<Choice>(&[("plan", "Gold"), ("colour", "red"), ("size", "1")]);
    assert_eq!(
        e.get("plan"),
        Some("expected one of: Free, Pro, Enterprise")
    );
    assert!(check::<Choice>(&[("plan", "Pro"), ("colour", "red"), ("size", "4")]).is_ok());
}

fn not_reserved(name: &str) -> Result<(), String> {
    if ["admin", "root"].contains(&name.to_lowercase().as_str()) {
        Err(format!("{name} is reserved"))
    } else {
        Ok(())
    }
}

fn even(n: &u32) -> Result<(), &'static str> {
    if n.is_multiple_of(2) {
        Ok(())
    } else {
        Err("must be even")
    }
}

fn passwords_match(s: &Account, errors: &mut FieldErrors) {
    if s.password != s.confirm {
        errors.add("confirm", "does not match the password");
    }
}

#[derive(FormFields, Debug)]
#[form(check = passwords_match)]
struct Account {
    #[form(check = not_reserved)]
    name: String,
    #[form(check = even, check(|n: &u32| if *n < 100 { Ok(()) } else { Err("too big") }, message = "Under 100, please"))]
    seats: u32,
    password: String,
    confirm: String,
}

#[test]
fn custom_checks_on_a_field_and_on_the_struct() {
    let e = errors_of::<Account>(&[
        ("name", "Admin"),
        ("seats", "101"),
        ("password", "a"),
        ("confirm", "b"),
    ]);
    assert_eq!(e.get("name"), Some("Admin is reserved"));
    let seats: Vec<&str> = e.messages("seats").collect();
    assert_eq!(seats, ["must be even", "Under 100, please"]);
    assert_eq!(e.get("confirm"), Some("does not match the password"));
    let ok = check::<Account>(&[
        ("name", "ada"),
        ("seats", "4"),
        ("password", "x"),
        ("confirm", "x"),
    ]);
    assert!(ok.is_ok(), "{ok:?}");
}

#[test]
fn the_struct_check_waits_for_every_field_to_have_a_value() {
    // `seats` does not parse: there is no value to hand the struct check, so it does not run;
    // the field checks of the fields that parsed still do.
    let e = errors_of::<Account>(&[
        ("name", "root"),
        ("seats", "x"),
        ("password", "a"),
        ("confirm", "b"),
    ]);
    assert_eq!(e.fields().collect::<Vec<_>>(), ["name", "seats"]);
}

#[derive(FormFields, Debug, PartialEq)]
struct Optional {
    #[form(optional, url)]
    site: String,
    #[form(optional, min = 1)]
    guests: u32,
    #[form(email)]
    email: String,
}

#[test]
fn optional_fields_may_be_blank_or_absent_and_are_checked_when_given() {
    assert_eq!(
        check::<Optional>(&[("site", " "), ("guests", ""), ("email", "a@b.co")]),
        Ok(Optional {
            site: String::new(),
            guests: 0,
            email: "a@b.co".into()
        })
    );
    assert!(check::<Optional>(&[("email", "a@b.co")]).is_ok());
    let e = errors_of::<Optional>(&[("site", "ftp://x.y"), ("guests", "0"), ("email", "")]);
    assert_eq!(e.fields().collect::<Vec<_>>(), ["site", "guests", "email"]);
    assert_eq!(e.get("email"), Some("must be an email address")); // not optional: "" is checked
}

#[derive(FormFields, Debug)]
#[form(check = passwords_match_signup)]
struct Signup {
    #[form(required, min_len = 3, max_len = 20, pattern = "[a-z0-9_]+")]
    username: String,
    #[form(email)]
    email: String,
    #[form(min = 18, max = 130)]
    age: u8,
    #[form(min = "2000-01-01")]
    born: NaiveDate,
    #[form(optional, url)]
    website: String,
    #[form(one_of = [Plan::Free, Plan::Pro])]
    plan: Plan,
    password: String,
    confirm: String,
    #[form(skip)]
    id: i64,
}

fn passwords_match_signup(s: &Signup, errors: &mut FieldErrors) {
    if s.password != s.confirm {
        errors.add("confirm", "does not match the password");
    }
}

#[test]
fn every_error_at_once_type_errors_and_rule_errors_together_with_every_value_kept() {
    let sent = [
        ("username", "A"),
        ("email", "not-an-email"),
        ("age", "eighteen"),
        ("born", "1999-12-31"),
        ("website", "example.org"),
        ("plan", "Enterprise"),
        ("password", "x"),
        ("confirm", "y"),
        ("id", "7"),
    ];
    let e = errors_of::<Signup>(&sent);
    // Every bad field, in field order, each with all its messages.
    assert_eq!(
        e.errors,
        [
            ("username", "must be at least 3 characters"),
            ("username", "must match the pattern [a-z0-9_]+"),
            ("email", "must be an email address"),
            ("age", "expected an integer (u8)"),
            ("born", "must be at least 2000-01-01"),
            ("website", "must be a web address (http:// or https://)"),
            ("plan", "must be one of: Free, Pro"),
        ]
        .map(|(f, m)| (f.to_string(), m.to_string()))
    );
    // (The cross-field check needs every field's value: `age` has none yet.)
    // Every value as it was typed, for the form shown again; `id` is not a form field.
    for (name, value) in &sent[..8] {
        assert_eq!(e.value(name), Some(*value), "{name}");
    }
    assert_eq!(e.value("id"), None);

    // Fixed, but for the cross-field check.
    let e = errors_of::<Signup>(&[
        ("username", "ada"),
        ("email", "ada@example.org"),
        ("age", "36"),
        ("born", "2001-05-05"),
        ("plan", "Pro"),
        ("password", "x"),
        ("confirm", "y"),
    ]);
    assert_eq!(e.fields().collect::<Vec<_>>(), ["confirm"]);

    let ok = check::<Signup>(&[
        ("username", "ada"),
        ("email", "ada@example.org"),
        ("age", "36"),
        ("born", "2001-05-05"),
        ("plan", "Pro"),
        ("password", "x"),
        ("confirm", "x"),
        ("id", "7"),
    ])
    .expect("valid");
    assert_eq!((ok.username.as_str(), ok.age, ok.id), ("ada", 36, 0)); // `id` is never read
}

#[test]
fn fill_form_writes_values_back_marks_bad_fields_and_places_each_message() {
    let e = errors_of::<Signup>(&[
        ("username", "A"),
        ("email", "ada@example.org"),
        ("age", "x"),
        ("born", "2001-01-01"),
        ("plan", "Free"),
        ("password", "p"),
        ("confirm", "p"),
    ]);
    let form = TagForm!(
        Label!(
            "Username",
            Input!(name = "username", id = "u", aria_describedby = "u-help")
        ),
        Small!("Lower-case letters", id = "u-help"),
        Input!(name = "email", r#type = "email", aria_invalid = "true"),
        Input!(name = "age", r#type = "number"),
        Fieldset!(
            Label!(
                Input!(r#type = "radio", name = "plan", value = "Free"),
                "Free"
            ),
            Label!(
                Input!(r#type = "radio", name = "plan", value = "Pro"),
                "Pro"
            ),
        ),
        Button!("Sign up"),
    );
    let html = fill_form(&form, &e).render();
    // The bad fields: marked, described by their message, which follows them.
    assert!(
        html.contains(concat!(
            r#"<input name="username" aria-describedby="u-help u-error" id="u" value="A" aria-invalid="true">"#,
            r#"<small id="u-error">must be at least 3 characters; must match the pattern [a-z0-9_]+</small>"#
        )),
        "{html}"
    );
    assert!(
        html.contains(concat!(
            r#"<input name="age" type="number" value="x" aria-invalid="true" aria-describedby="age-error">"#,
            r#"<small id="age-error">expected an integer (u8)</small>"#
        )),
        "{html}"
    );
    // A good field keeps its value and loses a stale mark.
    assert!(
        html.contains(r#"<input name="email" type="email" value="ada@example.org">"#),
        "{html}"
    );
    // Radios: the submitted one is checked; no error, no message.
    assert!(html.contains(r#"value="Free" checked="1""#), "{html}");
    assert!(
        !html.contains("email-error") && !html.contains("plan-error"),
        "{html}"
    );
    // The form itself is unchanged.
    assert!(
        !form
            .render()
            .contains("aria-invalid=\"true\" aria-describedby")
    );
}

#[test]
fn a_group_of_radios_gets_one_message_after_its_last_button() {
    let e = errors_of::<Choice>(&[("plan", "Enterprise"), ("colour", "red"), ("size", "1")]);
    let form = TagForm!(
        Input!(r#type = "radio", name = "plan", value = "Free"),
        Input!(r#type = "radio", name = "plan", value = "Pro"),
        Input!(r#type = "radio", name = "plan", value = "Enterprise"),
        P!("after"),
    );
    let html = fill_form(&form, &e).render();
    assert_eq!(html.matches(r#"aria-invalid="true""#).count(), 3, "{html}");
    assert!(
        html.contains(r#"value="Enterprise" checked="1" aria-invalid="true" aria-describedby="plan-error"><small id="plan-error">must be one of: Free, Pro</small><p>after</p>"#),
        "{html}"
    );
}

#[test]
fn messages_are_text_not_markup() {
    #[derive(FormFields, Debug)]
    struct P {
        #[form(check = |s: &String| if s.is_empty() { Ok(()) } else { Err(format!("{s} is taken")) })]
        name: String,
    }
    let e = errors_of::<P>(&[("name", "<img src=x onerror=alert(1)>")]);
    let html = fill_form(&TagForm!(Input!(name = "name")), &e).render();
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt; is taken</small>"),
        "{html}"
    );
}

#[derive(FormFields, Debug, PartialEq)]
struct Blanks {
    #[form(email)]
    email: Option<String>,
    #[form(required)]
    tags: Vec<String>,
    #[form(min_len = 2)]
    name: String,
}

#[test]
fn a_blank_optional_text_is_not_checked_and_a_list_of_blanks_is_not_given() {
    // An empty box sends "": an `Option<String>` is `Some("")`, and its rules do not run.
    let e = errors_of::<Blanks>(&[("email", " "), ("tags", ""), ("name", "ab")]);
    assert_eq!(e.fields().collect::<Vec<_>>(), ["tags"]);
    assert_eq!(e.get("tags"), Some("required"));
    assert_eq!(
        check::<Blanks>(&[("email", ""), ("tags", ""), ("tags", "x"), ("name", "ab")]),
        Ok(Blanks {
            email: Some(String::new()),
            tags: vec![String::new(), "x".into()],
            name: "ab".into(),
        })
    );
}

#[test]
fn the_value_checked_is_the_value_handed_over() {
    // Spaces or a line break around an address fail, rather than pass unchecked.
    let e = errors_of::<Blanks>(&[("email", " a@b.co "), ("tags", "x"), ("name", "ab")]);
    assert_eq!(e.get("email"), Some("must be an email address"));
    let e = errors_of::<Blanks>(&[("email", "a@b.co\n"), ("tags", "x"), ("name", "ab")]);
    assert_eq!(e.get("email"), Some("must be an email address"));
}

#[test]
fn a_repeated_field_is_shown_again_with_the_value_that_was_checked() {
    // A scalar reads the last of repeated values; the form shown again holds that one.
    let e = errors_of::<Blanks>(&[("tags", "x"), ("name", "bob"), ("name", "x")]);
    assert_eq!(e.get("name"), Some("must be at least 2 characters"));
    let html = fill_form(&TagForm!(Input!(name = "name")), &e).render();
    assert!(
        html.contains(r#"<input name="name" value="x" aria-invalid="true""#),
        "{html}"
    );
}
