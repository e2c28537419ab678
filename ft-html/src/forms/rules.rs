//! The checks behind `#[derive(FormFields)]`'s declarative rules (`#[form(min = 18, email)]`).
//!
//! The derive calls one function per rule on a field's parsed value; each answers `Ok(())` or
//! the default message. Which field types a rule accepts is a trait bound, so a rule on a field
//! of the wrong type is a compile error at the rule, saying which types it takes.
//!
//! ```
//! use ft_html::forms::rules;
//! assert!(rules::min(&17u8, 18).is_err());
//! assert!(rules::max_len(&"héllo".to_string(), 5).is_ok()); // characters, not bytes
//! assert!(rules::email(&"ada@example.org".to_string()).is_ok());
//! assert!(rules::url(&"javascript:alert(1)".to_string()).is_err());
//! assert!(rules::required(&Some(3)).is_ok());
//! ```

use crate::values::FromParam;
use std::fmt::Display;
use std::sync::OnceLock;

#[doc(hidden)]
pub use regex::Regex;

/// A field type `min` and `max` compare: numbers and dates. A bound is written as a literal of
/// the field's type (`min = 18`, `max = 2.5`) or, for dates and times, in ISO form
/// (`min = "2000-01-01"`).
#[diagnostic::on_unimplemented(
    message = "`min`/`max` need a number or a date field, not `{Self}`",
    label = "this rule compares numbers and dates",
    note = "for text, use `min_len`/`max_len`; for a list, `min_len`/`max_len` count its items"
)]
pub trait Bounded: PartialOrd + Display + Sized {
    /// How a bound is written in the attribute.
    type Lit;
    /// The bound as a value of the field's type; `None` if a written date does not parse
    /// (the derive checks the literal's form at compile time).
    fn bound(lit: Self::Lit) -> Option<Self>;
}

macro_rules! bounded_num {
    ($($t:ty),*) => {$(
        impl Bounded for $t {
            type Lit = $t;
            fn bound(lit: $t) -> Option<$t> {
                Some(lit)
            }
        }
    )*};
}
bounded_num!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64
);

macro_rules! bounded_date {
    ($($t:ty),*) => {$(
        impl Bounded for $t {
            type Lit = &'static str;
            fn bound(lit: &'static str) -> Option<$t> {
                <$t as FromParam>::from_param(lit)
            }
        }
    )*};
}
bounded_date!(
    chrono::NaiveDate,
    chrono::NaiveDateTime,
    chrono::NaiveTime,
    chrono::DateTime<chrono::FixedOffset>
);

/// `min = ..`: at least the bound.
pub fn min<T: Bounded>(v: &T, lit: T::Lit) -> Result<(), String> {
    match T::bound(lit) {
        Some(b) if *v >= b => Ok(()),
        Some(b) => Err(format!("must be at least {b}")),
        None => Err("has a `min` bound that is not a valid value".to_owned()),
    }
}

/// `max = ..`: at most the bound.
pub fn max<T: Bounded>(v: &T, lit: T::Lit) -> Result<(), String> {
    match T::bound(lit) {
        Some(b) if *v <= b => Ok(()),
        Some(b) => Err(format!("must be at most {b}")),
        None => Err("has a `max` bound that is not a valid value".to_owned()),
    }
}

/// A field type with a length: text (counted in characters) and lists (counted in items).
#[diagnostic::on_unimplemented(
    message = "`min_len`/`max_len` need a text or list field, not `{Self}`",
    label = "this rule counts characters or items",
    note = "for numbers and dates, use `min`/`max`"
)]
pub trait Measured {
    /// The length.
    fn measure(&self) -> usize;
    /// What is counted, for messages.
    const UNIT: &'static str;
}

impl Measured for String {
    fn measure(&self) -> usize {
        self.chars().count()
    }
    const UNIT: &'static str = "characters";
}

impl<T> Measured for Vec<T> {
    fn measure(&self) -> usize {
        self.len()
    }
    const UNIT: &'static str = "items";
}

/// `min_len = n`.
pub fn min_len<T: Measured>(v: &T, n: usize) -> Result<(), String> {
    if v.measure() >= n {
        Ok(())
    } else {
        Err(format!("must be at least {n} {}", T::UNIT))
    }
}

/// `max_len = n`.
pub fn max_len<T: Measured>(v: &T, n: usize) -> Result<(), String> {
    if v.measure() <= n {
        Ok(())
    } else {
        Err(format!("must be at most {n} {}", T::UNIT))
    }
}

/// A field type `required` checks: text must not be blank, a bool must be true (a box that
/// must be ticked), an `Option` must hold a value, a list must not be empty.
#[diagnostic::on_unimplemented(
    message = "`required` applies to text, bool, `Option` and list fields, not `{Self}`",
    label = "a field of this type is already required: it must be sent and parse",
    note = "use `Option<T>` for a value that may be left out, and `required` on it to insist"
)]
pub trait Presence {
    /// Was something given?
    fn is_present(&self) -> bool;
}

impl Presence for String {
    fn is_present(&self) -> bool {
        !self.trim().is_empty()
    }
}

impl Presence for bool {
    fn is_present(&self) -> bool {
        *self
    }
}

/// A list is given when one of its items is (a text box left blank sends `""`).
impl<T: 'static> Presence for Vec<T> {
    fn is_present(&self) -> bool {
        self.iter().any(|v| !is_blank(v))
    }
}

impl<T: 'static> Presence for Option<T> {
    fn is_present(&self) -> bool {
        self.as_ref().is_some_and(|v| !is_blank(v))
    }
}

/// Blank text: what a text box left empty (or holding only spaces) sends. An `Option<String>`
/// reads an empty box as `Some("")`, so the derive skips an `Option`'s rules for blank text
/// as it does for `None`; values of other types are never blank.
pub fn is_blank<T: 'static>(v: &T) -> bool {
    let any: &dyn std::any::Any = v;
    any.downcast_ref::<String>()
        .is_some_and(|s| s.trim().is_empty())
}

/// `required`.
pub fn required<T: Presence>(v: &T) -> Result<(), String> {
    if v.is_present() {
        Ok(())
    } else {
        Err("required".to_owned())
    }
}

/// A text field: what `email`, `url` and `pattern` read.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a text field: `email`, `url` and `pattern` check text",
    label = "this rule reads text",
    note = "use them on a `String` (or `Option<String>`) field"
)]
pub trait Textual {
    /// The text.
    fn text(&self) -> &str;
}

impl Textual for String {
    fn text(&self) -> &str {
        self
    }
}

/// `email`: `local@domain.tld` as the browser's `<input type=email>` accepts it (the local
/// part's characters, dot-separated labels of letters, digits and inner hyphens), with a dot
/// in the domain. Surrounding spaces fail too: the value the handler gets is the one checked.
pub fn email<T: Textual>(v: &T) -> Result<(), String> {
    const LOCAL: &str = "!#$%&'*+/=?^_`{|}~-";
    let ok = v.text().split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && local.split('.').all(|w| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_alphanumeric() || LOCAL.contains(c))
            })
            && domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
    });
    if ok {
        Ok(())
    } else {
        Err("must be an email address".to_owned())
    }
}

/// `url`: an `http://` or `https://` address with a host (any other scheme, `javascript:`
/// included, fails).
pub fn url<T: Textual>(v: &T) -> Result<(), String> {
    let s = v.text();
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let ok = rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        !host.is_empty()
            && !host.starts_with(':')
            && !s.chars().any(|c| c.is_whitespace() || c.is_control())
    });
    if ok {
        Ok(())
    } else {
        Err("must be a web address (http:// or https://)".to_owned())
    }
}

/// `pattern = "regex"`: the whole text matches (like HTML's `pattern` attribute). `re` is the
/// derive's cached, anchored regex; the derive checked the pattern at compile time.
pub fn pattern<T: Textual>(v: &T, re: &regex::Regex, source: &str) -> Result<(), String> {
    if re.is_match(v.text()) {
        Ok(())
    } else {
        Err(format!("must match the pattern {source}"))
    }
}

/// The regex of a `pattern` rule, compiled once per field (`cell` is the derive's static).
/// The derive checked that the pattern compiles, so `None` here means a regex size limit was
/// hit at run time; the rule then fails closed.
pub fn regex_of(
    cell: &'static OnceLock<Option<regex::Regex>>,
    source: &str,
) -> Option<&'static regex::Regex> {
    cell.get_or_init(|| regex::Regex::new(&format!("^(?:{source})$")).ok())
        .as_ref()
}

/// `pattern` when the regex could not be built.
pub fn pattern_unavailable() -> Result<(), String> {
    Err("could not be checked".to_owned())
}

/// `one_of = [a, b, ..]`: the value equals one of the listed values.
pub fn one_of<T: PartialEq<U>, U: Display>(v: &T, allowed: &[U]) -> Result<(), String> {
    if allowed.iter().any(|a| v == a) {
        Ok(())
    } else {
        let list: Vec<String> = allowed.iter().map(|a| a.to_string()).collect();
        Err(format!("must be one of: {}", list.join(", ")))
    }
}

/// `check = path` on a field: the user's function got the value (a `String` field's function
/// may take `&str`) and answered `Ok(())` or an error to show.
pub fn check_result<E: Display>(r: Result<(), E>) -> Result<(), String> {
    r.map_err(|e| e.to_string())
}

/// `#[form(check = path)]` on the struct: the user's function sees the whole value once every
/// field has one, and adds messages to the fields it finds wrong (`errors.add("confirm", ..)`).
pub fn check_struct<T, F: FnOnce(&T, &mut crate::values::FieldErrors)>(
    v: &T,
    errors: &mut crate::values::FieldErrors,
    f: F,
) {
    f(v, errors);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_compare_numbers_and_dates() {
        assert_eq!(min(&18u8, 18), Ok(()));
        assert_eq!(min(&17u8, 18), Err("must be at least 18".into()));
        assert_eq!(max(&2.5f64, 2.0), Err("must be at most 2".into()));
        let d: chrono::NaiveDate = "1999-12-31".parse().unwrap();
        assert_eq!(
            min(&d, "2000-01-01"),
            Err("must be at least 2000-01-01".into())
        );
        assert!(max(&d, "2000-01-01").is_ok());
        assert!(min(&d, "not a date").is_err());
    }

    #[test]
    fn lengths_count_characters_and_items() {
        assert!(min_len(&"ab".to_string(), 3).is_err());
        assert!(max_len(&"ééé".to_string(), 3).is_ok());
        assert_eq!(
            max_len(&vec![1, 2, 3], 2),
            Err("must be at most 2 items".into())
        );
    }

    #[test]
    fn required_per_kind() {
        assert!(required(&"  ".to_string()).is_err());
        assert!(required(&false).is_err());
        assert!(required(&true).is_ok());
        assert!(required(&None::<u32>).is_err());
        assert!(required(&Some(" ".to_string())).is_err());
        assert!(required(&Some(0u32)).is_ok());
        assert!(required(&Vec::<u8>::new()).is_err());
        assert!(required(&vec![String::new(), " ".into()]).is_err());
        assert!(required(&vec![String::new(), "x".into()]).is_ok());
        assert!(required(&vec![0u8]).is_ok());
    }

    #[test]
    fn emails() {
        for ok in ["a@b.co", "first.last+tag@sub.example.org"] {
            assert!(email(&ok.to_string()).is_ok(), "{ok}");
        }
        for bad in [
            "", "a", "@b.co", "a@b", "a@@b.co", "a b@c.de", "a@.b", "a@b.", "a@b..c",
        ] {
            assert!(email(&bad.to_string()).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls() {
        for ok in [
            "https://example.org",
            "http://localhost:8080/x?y#z",
            "HTTPS://A.B",
        ] {
            assert!(url(&ok.to_string()).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "example.org",
            "javascript:alert(1)",
            "https://",
            "https:///x",
            "ftp://a.b",
            "https://a b",
            " https://a.b",
            "https://a.b\n",
        ] {
            assert!(url(&bad.to_string()).is_err(), "{bad}");
        }
    }

    #[test]
    fn patterns_match_the_whole_text() {
        static RE: OnceLock<Option<regex::Regex>> = OnceLock::new();
        let re = regex_of(&RE, "[a-z]+").unwrap();
        assert!(pattern(&"abc".to_string(), re, "[a-z]+").is_ok());
        assert_eq!(
            pattern(&"abc1".to_string(), re, "[a-z]+"),
            Err("must match the pattern [a-z]+".into())
        );
    }

    #[test]
    fn one_of_lists_the_choices() {
        assert!(one_of(&"b".to_string(), &["a", "b"]).is_ok());
        assert_eq!(one_of(&3, &[1, 2]), Err("must be one of: 1, 2".into()));
    }
}
