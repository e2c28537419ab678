//! Every type a form field or handler parameter can hold, rendered in each widget that sends
//! it (a hidden input, a text input, a checkbox, a `<select>`, a `<textarea>`), reads back
//! as the same value: the page is parsed as a browser parses it, the values a browser would
//! submit are collected, and `FromParam`/`FromValues` read them.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use ft_html::forms::AsField;
use ft_html::html2ft::{HtmlElement, HtmlNode, parse};
use ft_html::prelude::*;
use ft_html::values::{FromParam, FromValues, MapSource, Source, ToParam};
use proptest::prelude::*;
use std::fmt::Debug;

#[derive(StrEnum, Debug, Clone, Copy, PartialEq)]
enum Sort {
    Asc,
    Desc,
    // Text that must be escaped in HTML, to show the enum's text goes through the escaper.
    #[str_enum(rename = "a&b <\"c\"> 'd'")]
    Odd,
}

/// The `(name, value)` pairs a browser submits for the forms controls in `html`: inputs with
/// their value (checkboxes and radios only when checked, `on` without a value), textareas'
/// text, and the selected options of selects (the first one when none is).
fn submitted(html: &str) -> Vec<(String, String)> {
    // The parser's input preprocessing: CR LF and lone CR become LF.
    let html = html.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = Vec::new();
    for n in parse(&html) {
        walk(&n, &mut out);
    }
    out
}

fn attr<'a>(e: &'a HtmlElement, name: &str) -> Option<&'a str> {
    e.attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn text(nodes: &[HtmlNode], out: &mut String) {
    for n in nodes {
        match n {
            HtmlNode::Text(t) => out.push_str(t),
            HtmlNode::Element(e) => text(&e.children, out),
            HtmlNode::Doctype(_) => {}
        }
    }
}

fn options<'a>(nodes: &'a [HtmlNode], out: &mut Vec<&'a HtmlElement>) {
    for n in nodes {
        if let HtmlNode::Element(e) = n {
            if e.tag == "option" {
                out.push(e);
            } else {
                options(&e.children, out);
            }
        }
    }
}

fn walk(n: &HtmlNode, out: &mut Vec<(String, String)>) {
    let HtmlNode::Element(e) = n else { return };
    let name = attr(e, "name").map(str::to_owned);
    match (e.tag.as_str(), name) {
        ("input", Some(name)) => {
            let ty = attr(e, "type").unwrap_or("text").to_ascii_lowercase();
            if ty == "checkbox" || ty == "radio" {
                if attr(e, "checked").is_some() {
                    out.push((name, attr(e, "value").unwrap_or("on").to_owned()));
                }
            } else {
                out.push((name, attr(e, "value").unwrap_or("").to_owned()));
            }
        }
        ("textarea", Some(name)) => {
            let mut t = String::new();
            text(&e.children, &mut t);
            // HTML drops one newline right after `<textarea>`.
            let t = t.strip_prefix('\n').map(str::to_owned).unwrap_or(t);
            out.push((name, t));
        }
        ("select", Some(name)) => {
            let mut opts = Vec::new();
            options(&e.children, &mut opts);
            let chosen: Vec<&HtmlElement> = match opts
                .iter()
                .copied()
                .filter(|o| attr(o, "selected").is_some())
                .collect::<Vec<_>>()
            {
                none if none.is_empty() => opts.first().copied().into_iter().collect(),
                some => some,
            };
            for o in chosen {
                let v = match attr(o, "value") {
                    Some(v) => v.to_owned(),
                    None => {
                        let mut t = String::new();
                        text(&o.children, &mut t);
                        t.split_whitespace().collect::<Vec<_>>().join(" ")
                    }
                };
                out.push((name.clone(), v));
            }
        }
        _ => {
            for c in &e.children {
                walk(c, out);
            }
        }
    }
}

/// What a handler parameter `x: T` reads from the submitted pairs.
fn read<T: FromValues>(pairs: Vec<(String, String)>) -> T {
    let src = MapSource::new(Source::Body, pairs);
    match T::from_values(&src, "x") {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    }
}

/// Equal, and written the same (`-0.0` is not `0.0`; a date-time keeps its offset).
fn same<T: PartialEq + Debug>(got: &T, want: &T, widget: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(got, want, "{}", widget);
    prop_assert_eq!(format!("{got:?}"), format!("{want:?}"), "{}", widget);
    Ok(())
}

/// `v` rendered in each widget reads back as `v`.
fn round_trip<T>(v: T) -> Result<(), TestCaseError>
where
    T: FromParam + ToParam + IntoAttr + IntoFt + AsField + Clone + PartialEq + Debug,
{
    let text = v.to_param().into_owned();
    same(&T::from_param(&text), &Some(v.clone()), "to_param")?;

    let widgets = [
        ("Hidden!", Hidden!(v.clone(), name = "x")),
        ("Input!", Input!(name = "x", value = v.clone())),
        // Nested: the compiled template's slot.
        (
            "nested Input!",
            Div!(P!(Input!(name = "x", value = v.clone()))),
        ),
        ("Textarea!", Textarea!(v.clone(), name = "x")),
        (
            "Select!",
            Select!(
                Option!("other", value = format!("{text}~")),
                Option!("v", value = v.clone(), selected = true),
                name = "x",
            ),
        ),
    ];
    for (widget, ft) in widgets {
        let html = ft.render();
        let got: T = read(submitted(&html));
        same(&got, &v, &format!("{widget}: {html}"))?;
    }

    // fill_form: a text input, a textarea and a select filled from the value.
    let form = TagForm!(
        Input!(name = "x"),
        Textarea!(name = "x"),
        Select!(
            Option!("a", value = format!("{text}~")),
            Option!("v", value = v.clone()),
            Option!("b", value = format!("~{text}")),
            name = "x",
        ),
    );
    let filled = fill_form(&form, &[("x", v.clone())]).render();
    let pairs = submitted(&filled);
    prop_assert_eq!(pairs.len(), 3, "{}", filled);
    for pair in pairs {
        let got: T = read(vec![pair]);
        same(&got, &v, &format!("fill_form: {filled}"))?;
    }
    Ok(())
}

fn finite_f64() -> impl Strategy<Value = f64> {
    any::<f64>().prop_filter("finite", |f| f.is_finite())
}

fn finite_f32() -> impl Strategy<Value = f32> {
    any::<f32>().prop_filter("finite", |f| f.is_finite())
}

/// Text without CR and NUL: HTML cannot carry either as written (the parser turns CR into LF
/// and NUL into U+FFFD), and browsers send every line break as CR LF anyway.
fn text_value() -> impl Strategy<Value = String> {
    any::<String>().prop_map(|s| s.replace(['\r', '\0'], ""))
}

fn char_value() -> impl Strategy<Value = char> {
    any::<char>().prop_filter("not CR or NUL", |c| !matches!(c, '\r' | '\0'))
}

fn date() -> impl Strategy<Value = NaiveDate> {
    let (lo, hi) = (
        NaiveDate::MIN.num_days_from_ce(),
        NaiveDate::MAX.num_days_from_ce(),
    );
    (lo..=hi).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).expect("in range"))
}

fn time() -> impl Strategy<Value = NaiveTime> {
    // Whole seconds, milliseconds, microseconds and nanoseconds all occur.
    (0u32..86_400, 0u32..1_000_000_000, 0usize..4).prop_map(|(s, n, digits)| {
        let n = n - n % [1_000_000_000, 1_000_000, 1_000, 1][digits];
        NaiveTime::from_num_seconds_from_midnight_opt(s, n).expect("in range")
    })
}

fn date_time() -> impl Strategy<Value = NaiveDateTime> {
    (date(), time()).prop_map(|(d, t)| d.and_time(t))
}

/// RFC 3339 allows years 0000-9999 and offsets in whole minutes under 24 hours.
fn zoned() -> impl Strategy<Value = DateTime<FixedOffset>> {
    let lo = NaiveDate::from_ymd_opt(0, 1, 2).expect("date");
    let hi = NaiveDate::from_ymd_opt(9999, 12, 30).expect("date");
    (
        lo.num_days_from_ce()..=hi.num_days_from_ce(),
        time(),
        -1439i32..=1439,
    )
        .prop_map(|(d, t, m)| {
            let day = NaiveDate::from_num_days_from_ce_opt(d).expect("in range");
            let offset = FixedOffset::east_opt(m * 60).expect("in range");
            day.and_time(t)
                .and_local_timezone(offset)
                .single()
                .expect("fixed offsets are unambiguous")
        })
}

/// 256 cases a test; failures are reported, not saved to files beside the sources.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

macro_rules! round_trips {
    ($($test:ident: $strategy:expr;)*) => {
        proptest! {
            #![proptest_config(config())]
            $(
                #[test]
                fn $test(v in $strategy) {
                    round_trip(v)?;
                }
            )*
        }
    };
}

round_trips! {
    i8_values: any::<i8>();
    i16_values: any::<i16>();
    i32_values: any::<i32>();
    i64_values: any::<i64>();
    i128_values: any::<i128>();
    isize_values: any::<isize>();
    u8_values: any::<u8>();
    u16_values: any::<u16>();
    u32_values: any::<u32>();
    u64_values: any::<u64>();
    u128_values: any::<u128>();
    usize_values: any::<usize>();
    f32_values: finite_f32();
    f64_values: finite_f64();
    bool_values: any::<bool>();
    string_values: text_value();
    char_values: char_value();
    date_values: date();
    date_time_values: date_time();
    time_values: time();
    zoned_values: zoned();
    str_enum_values: proptest::sample::select(Sort::ALL);
}

proptest! {
    #![proptest_config(config())]

    /// A bool in a checkbox: checked or not, the submitted pairs read back as the bool
    /// (CheckboxX!'s hidden input sends "" first, so an unticked box still says `false`).
    #[test]
    fn bool_checkboxes(b in any::<bool>()) {
        for (widget, ft) in [
            ("CheckboxX!", CheckboxX!(b, name = "x")),
            ("checkbox", Input!(r#type = "checkbox", name = "x", checked = b)),
            ("filled checkbox", fill_form(&TagForm!(Input!(r#type = "checkbox", name = "x")), &[("x", b)])),
            ("filled valued checkbox", fill_form(&TagForm!(Input!(r#type = "checkbox", name = "x", value = true)), &[("x", b)])),
        ] {
            let html = ft.render();
            let got: bool = read(submitted(&html));
            prop_assert_eq!(got, b, "{}: {}", widget, html);
        }
    }
}

/// One field of every type.
#[derive(FormFields, Debug, Clone, PartialEq)]
struct Everything {
    a: i8,
    b: i16,
    c: i32,
    d: i64,
    e: i128,
    f: isize,
    g: u8,
    h: u16,
    i: u32,
    j: u64,
    k: u128,
    l: usize,
    m: f32,
    n: f64,
    flag: bool,
    title: String,
    notes: String,
    letter: char,
    day: NaiveDate,
    at: NaiveDateTime,
    time: NaiveTime,
    zoned: DateTime<FixedOffset>,
    sort: Sort,
}

prop_compose! {
    fn everything()(
        (a, b, c, d, e, f, g, h, i, j, k, l) in (
            any::<i8>(), any::<i16>(), any::<i32>(), any::<i64>(), any::<i128>(), any::<isize>(),
            any::<u8>(), any::<u16>(), any::<u32>(), any::<u64>(), any::<u128>(), any::<usize>(),
        ),
        (m, n, flag, title, notes, letter) in (
            finite_f32(), finite_f64(), any::<bool>(), text_value(), text_value(), char_value(),
        ),
        (day, at, time, zoned, sort) in (
            date(), date_time(), time(), zoned(), proptest::sample::select(Sort::ALL),
        ),
    ) -> Everything {
        Everything {
            a, b, c, d, e, f, g, h, i, j, k, l, m, n, flag, title, notes, letter, day, at, time,
            zoned, sort,
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// A whole form: filled from a struct, submitted as a browser would, read back into it.
    #[test]
    fn a_filled_form_submits_the_struct(v in everything()) {
        let numbers = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"];
        let form = TagForm!(
            numbers.iter().map(|n| Input!(name = *n, r#type = "number")),
            Input!(name = "flag", r#type = "checkbox"),
            Input!(name = "title"),
            Textarea!(name = "notes"),
            Hidden!(name = "letter"),
            Input!(name = "day", r#type = "date"),
            Input!(name = "at", r#type = "datetime-local"),
            Input!(name = "time", r#type = "time"),
            Input!(name = "zoned"),
            Select!(Sort::ALL.iter().map(|s| Option!(s.as_str(), value = *s)), name = "sort"),
        );
        let html = fill_form(&form, &v).render();
        let src = MapSource::new(Source::Body, submitted(&html));
        let got = Everything::from_values(&src, "");
        prop_assert_eq!(got.as_ref(), Ok(&v), "{}", html);
        prop_assert_eq!(format!("{:?}", got), format!("{:?}", Ok::<_, ()>(&v)), "{}", html);
    }
}

/// The bugs this file was written for, as plain examples.
#[test]
fn a_bool_value_submits_true_or_false() {
    assert_eq!(
        Hidden!(true, name = "desc").render(),
        r#"<input type="hidden" value="true" name="desc">"#
    );
    assert_eq!(
        Hidden!(false, name = "desc").render(),
        r#"<input type="hidden" value="false" name="desc">"#
    );
    let flag = false;
    let page = Div!(Input!(name = "x", value = flag));
    assert_eq!(
        page.render(),
        r#"<div><input name="x" value="false"></div>"#
    );
    // Read back as it renders: the tree, fill_form and the browser agree.
    let input = &page.children()[0];
    assert_eq!(input.get_str("value").as_deref(), Some("false"));
    // Other boolean attributes are unchanged: bare when true, absent when false.
    assert_eq!(
        Input!(disabled = true, required = false).render(),
        "<input disabled>"
    );
}

#[test]
fn dates_are_attribute_values_and_content() {
    let day = NaiveDate::from_ymd_opt(2024, 2, 29).expect("date");
    let at = day.and_hms_milli_opt(8, 30, 0, 250).expect("time");
    assert_eq!(
        Input!(r#type = "date", name = "d", value = day).render(),
        r#"<input type="date" name="d" value="2024-02-29">"#
    );
    assert_eq!(
        Input!(value = &at).render(),
        r#"<input value="2024-02-29T08:30:00.250">"#
    );
    assert_eq!(P!(at.time()).render(), "<p>08:30:00.250</p>");
}

#[test]
fn a_textarea_keeps_a_leading_newline() {
    // HTML drops the first newline after `<textarea>`: the renderer writes a second one.
    let v = "\nindented";
    for ft in [
        Textarea!(v, name = "x"),
        Div!(P!(Textarea!(v, name = "x"))),
        fill_form(&TagForm!(Textarea!(name = "x")), &[("x", v)]),
    ] {
        let html = ft.render();
        assert!(
            html.contains("<textarea name=\"x\">\n\nindented</textarea>"),
            "{html}"
        );
        assert_eq!(submitted(&html), [("x".to_owned(), v.to_owned())]);
    }
    // Without one, nothing is added.
    assert_eq!(Textarea!("a\n").render(), "<textarea>a\n</textarea>");
}
