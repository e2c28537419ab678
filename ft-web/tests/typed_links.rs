//! Typed links (`route.to(..)` and the link's query methods): every parameter type the
//! extractor reads from the query has a method, values are written as they read back
//! (`ToParam`) and percent-encoded, and following a link reaches the handler with the same
//! typed values.

mod common;
use common::client;
use ft_web::Query;
use ft_web::chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use ft_web::prelude::*;
use std::borrow::Cow;

#[derive(StrEnum, Debug, Clone, Copy, PartialEq)]
enum Sort {
    Asc,
    Desc,
    // Every character a query or path must encode.
    #[str_enum(rename = "a&b=c ?#/ü+%")]
    Odd,
}

/// The values a handler received, written the same way whatever their origin.
fn seen(v: impl std::fmt::Debug) -> String {
    format!("{v:?}")
}

/// What the test client reads back for a handler's `String` (HTML text: escaped).
fn as_body(s: &str) -> String {
    Ft::text(s.to_owned()).render()
}

#[allow(clippy::too_many_arguments)]
#[get("/list")]
fn list(
    sort: Sort,
    page: Option<u32>,
    tag: Vec<String>,
    q: Option<String>,
    day: Option<NaiveDate>,
    done: Option<bool>,
    score: Option<f64>,
    at: Option<NaiveDateTime>,
    sorts: Vec<Sort>,
    pinned: Query<Option<i64>>,
) -> String {
    seen((sort, page, tag, q, day, done, score, at, sorts, pinned.0))
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 2, 29).expect("a date")
}

fn at() -> NaiveDateTime {
    day().and_hms_milli_opt(8, 30, 5, 250).expect("a time")
}

// Passing references is what this test checks.
#[allow(clippy::needless_borrows_for_generic_args)]
#[test]
fn every_query_parameter_type_has_a_method() {
    // An enum (required, so a method), numbers, a date, a bool, strings as `&str`.
    let link = list
        .to()
        .sort(Sort::Desc)
        .page(2)
        .tag(["a", "b c"])
        .q("x")
        .day(day())
        .done(false)
        .score(0.1)
        .at(at())
        .sorts([Sort::Asc, Sort::Odd])
        .pinned(-7);
    assert_eq!(
        link.to_string(),
        "/list?sort=Desc&page=2&tag=a&tag=b+c&q=x&day=2024-02-29&done=false&score=0.1\
         &at=2024-02-29T08%3A30%3A05.250&sorts=Asc&sorts=a%26b%3Dc+%3F%23%2F%C3%BC%2B%25&pinned=-7"
    );
    // References, `String`, `&String` and `Cow<str>` for strings; any iterable for a list.
    let owned = String::from("y");
    let tags = vec![String::from("t1"), String::from("t2")];
    let cow: Cow<str> = Cow::Borrowed("t3");
    let link = list
        .to()
        .sort(&Sort::Asc)
        .q(&owned)
        .tag(&tags)
        .tag([cow.clone()])
        .tag(vec![owned.clone()])
        .q(cow)
        .day(&day())
        .sorts(&[Sort::Desc]);
    assert_eq!(
        link.to_string(),
        "/list?sort=Asc&q=y&tag=t1&tag=t2&tag=t3&tag=y&q=t3&day=2024-02-29&sorts=Desc"
    );
}

#[actix_web::test]
async fn following_a_link_gives_the_handler_the_same_values() {
    let cli = client(routes![list]).await;
    let cases = [
        (
            Sort::Asc,
            None,
            vec![],
            None,
            None,
            None,
            None,
            None,
            vec![],
            None,
        ),
        (
            Sort::Odd,
            Some(u32::MAX),
            vec!["../x".to_owned(), "?#&=".to_owned(), " spaced ".to_owned()],
            Some("ü & <b> + %20".to_owned()),
            Some(day()),
            Some(true),
            Some(-1.0e-7),
            Some(at()),
            vec![Sort::Odd, Sort::Desc],
            Some(i64::MIN),
        ),
        (
            Sort::Desc,
            Some(0),
            vec![String::new()],
            Some(String::new()),
            Some(NaiveDate::from_ymd_opt(1, 1, 1).expect("a date")),
            Some(false),
            Some(f64::MAX),
            Some(day().and_hms_nano_opt(0, 0, 0, 1).expect("a time")),
            vec![Sort::Asc],
            Some(0),
        ),
    ];
    for case in cases {
        let (sort, page, tag, q, day, done, score, at, sorts, pinned) = case.clone();
        let mut link = list.to().sort(sort).tag(&tag).sorts(&sorts);
        if let Some(v) = page {
            link = link.page(v);
        }
        if let Some(v) = &q {
            link = link.q(v.as_str());
        }
        if let Some(v) = day {
            link = link.day(v);
        }
        if let Some(v) = done {
            link = link.done(v);
        }
        if let Some(v) = score {
            link = link.score(v);
        }
        if let Some(v) = at {
            link = link.at(v);
        }
        if let Some(v) = pinned {
            link = link.pinned(v);
        }
        let r = cli.get(&link.to_string()).send().await;
        assert_eq!(r.status(), 200, "{link}");
        assert_eq!(r.text(), as_body(&seen(case)), "{link}");
    }
    // A required enum left out of the link: the handler cannot run.
    assert_eq!(cli.get(&list.to().to_string()).send().await.status(), 400);
}

#[get("/files/{name}/{n}/{flag}/{when}")]
fn file(name: String, n: i64, flag: bool, when: NaiveDateTime, q: String, t: NaiveTime) -> String {
    seen((name, n, flag, when, q, t))
}

#[get("/raw/{rest:path}")]
fn raw(rest: String, sort: Option<Sort>) -> String {
    seen((rest, sort))
}

#[get("/by/{sort}")]
fn by(sort: Sort, also: Option<Sort>) -> String {
    seen((sort, also))
}

const HOSTILE: &[&str] = &[
    "../etc/passwd",
    "a/b",
    "?x=1",
    "#frag",
    "a&b=c",
    "sp ace + plus",
    "ünï©ødé 😀",
    "%2F%00",
    "..",
    ".",
    "\\back",
];

#[actix_web::test]
async fn path_and_query_values_are_encoded_and_read_back() {
    let cli = client(routes![file, raw, by]).await;
    let t = NaiveTime::from_hms_micro_opt(23, 59, 59, 999_999).expect("a time");
    for s in HOSTILE {
        // Path arguments take `&str`; the required scalars (`bool`, dates) are `.to()` arguments.
        let link = file.to(*s, -5, true, at(), *s, t);
        let text = link.to_string();
        let path = text.split('?').next().unwrap_or_default();
        // One segment each; none that a browser would resolve (`..`) or cut (`#`, `?`).
        assert_eq!(path.matches('/').count(), 5, "{text}");
        assert!(
            path.split('/').all(|seg| seg != "." && seg != ".."),
            "{text}"
        );
        assert!(
            !text.contains('#') && text.matches('?').count() == 1,
            "{text}"
        );
        let r = cli.get(&text).send().await;
        assert_eq!(r.status(), 200, "{text}");
        assert_eq!(
            r.text(),
            as_body(&seen((s.to_string(), -5i64, true, at(), s.to_string(), t))),
            "{text}"
        );
    }
    // A `{rest:path}` parameter keeps its slashes as separators, and encodes each segment.
    let link = raw.to("a b/ü/c?d#e").sort(Sort::Odd);
    assert_eq!(
        link.to_string(),
        "/raw/a%20b/%C3%BC/c%3Fd%23e?sort=a%26b%3Dc+%3F%23%2F%C3%BC%2B%25"
    );
    let r = cli.get(&link.to_string()).send().await;
    assert_eq!(
        r.text(),
        as_body(&seen(("a b/ü/c?d#e".to_owned(), Some(Sort::Odd))))
    );
    // An enum as a path value: its text, percent-encoded as one segment.
    for sort in Sort::ALL {
        let link = by.to(*sort).also(*sort);
        let r = cli.get(&link.to_string()).send().await;
        assert_eq!(r.status(), 200, "{link}");
        assert_eq!(r.text(), as_body(&seen((*sort, Some(*sort)))), "{link}");
    }
    assert_eq!(
        by.to(Sort::Odd).to_string(),
        "/by/a%26b%3Dc%20%3F%23%2F%C3%BC%2B%25"
    );
}

#[get("/flags")]
fn flags(on: bool, off: bool, when: NaiveDate, ratio: f32, c: char) -> String {
    seen((on, off, when, ratio, c))
}

#[actix_web::test]
async fn required_scalars_are_arguments_written_as_they_read_back() {
    // `true`/`false`, not a bare name; ISO dates; floats exactly; a char encoded.
    let link = flags.to(true, false, day(), 0.1, '&');
    assert_eq!(
        link.to_string(),
        "/flags?on=true&off=false&when=2024-02-29&ratio=0.1&c=%26"
    );
    let cli = client(routes![flags]).await;
    let r = cli.get(&link.to_string()).send().await;
    assert_eq!(r.text(), as_body(&seen((true, false, day(), 0.1f32, '&'))));
}
