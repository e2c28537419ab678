//! Values from a request, by name: the parse half of handler parameters and of
//! `#[derive(FormFields)]` structs. ft-web supplies a [`ValueSource`] that looks a name up in
//! the path, the query and the body (cookies and headers only for its `Cookie<T>` and
//! `Header<T>` wrappers); the types here turn what it finds into Rust values.
//!
//! ```
//! use ft_html::values::{FromValues, MapSource, Source};
//! let src = MapSource::new(Source::Query, [("page", "3"), ("tag", "a"), ("tag", "b"), ("done", "on")]);
//! assert_eq!(u32::from_values(&src, "page"), Ok(3));
//! assert_eq!(Vec::<String>::from_values(&src, "tag"), Ok(vec!["a".into(), "b".into()]));
//! assert_eq!(bool::from_values(&src, "done"), Ok(true));
//! assert_eq!(bool::from_values(&src, "missing"), Ok(false)); // an absent checkbox
//! assert_eq!(Option::<u32>::from_values(&src, "missing"), Ok(None));
//! assert!(u32::from_values(&src, "tag").is_err());
//! ```

use std::borrow::Cow;
use std::fmt;

pub use crate::to_param::ToParam;
pub use ft_macros::StrEnum;

/// Where a value was found. A path value that does not parse means "no such page" (404);
/// anything else that does not parse is a bad request (400).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A `{param}` of the route path.
    Path,
    /// A cookie.
    Cookie,
    /// A request header (`user_agent` -> `User-Agent`).
    Header,
    /// The query string.
    Query,
    /// The form or JSON body.
    Body,
}

impl Source {
    /// The lower-case name, for messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Path => "path",
            Source::Cookie => "cookies",
            Source::Header => "headers",
            Source::Query => "query",
            Source::Body => "body",
        }
    }
}

/// Looks values up by name.
pub trait ValueSource {
    /// Every value given for `name` by the first source that has it (repeated query or form
    /// fields give several), with that source.
    fn lookup(&self, name: &str) -> Option<(Source, Vec<Cow<'_, str>>)>;
    /// The sources searched, for "looked in ..." messages.
    fn searched(&self) -> &[Source];
}

/// Why a value could not be had.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueError {
    /// Nothing was given under this name.
    Missing {
        /// The parameter or field name.
        name: String,
        /// Where it was looked for.
        searched: Vec<Source>,
    },
    /// A value was given but does not convert.
    Invalid {
        /// The parameter or field name.
        name: String,
        /// Where the value came from.
        source: Source,
        /// The value as sent.
        value: String,
        /// What was expected.
        expected: String,
    },
    /// Several fields of a struct failed (see [`FieldErrors`]).
    Fields(FieldErrors),
}

impl ValueError {
    /// The HTTP status this error deserves: 404 for a path value that does not parse (the URL
    /// names no such thing), 400 for everything else.
    pub fn status(&self) -> u16 {
        match self {
            ValueError::Invalid {
                source: Source::Path,
                ..
            } => 404,
            _ => 400,
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::Missing { name, searched } => {
                let places: Vec<&str> = searched.iter().map(|s| s.as_str()).collect();
                write!(
                    f,
                    "Missing required field: {name} (looked in {})",
                    places.join(", ")
                )
            }
            ValueError::Invalid {
                name,
                source,
                value,
                expected,
            } => {
                write!(
                    f,
                    "Invalid value for {name} (from {}): {value:?} is not {expected}",
                    source.as_str()
                )
            }
            ValueError::Fields(errs) => fmt::Display::fmt(errs, f),
        }
    }
}

impl std::error::Error for ValueError {}

/// The errors of a struct built from a form, with every submitted value kept so the form can
/// be shown again, filled, with its messages (`fill_form(&form, &errors)`).
///
/// A field can have several messages: a value that does not parse has one ("expected an
/// integer (u8)"); a value that parses gets one per broken rule (`#[form(min_len = 3, email)]`).
/// Type errors and rule errors come together, in field order, then the struct's own checks.
///
/// ```
/// use ft_html::values::FieldErrors;
/// let mut e = FieldErrors::default();
/// e.add("age", "must be at least 18");
/// e.add("email", "must be an email address");
/// e.add("email", "must be at most 40 characters");
/// assert_eq!(e.get("email"), Some("must be an email address"));
/// assert_eq!(e.messages("email").collect::<Vec<_>>().len(), 2);
/// assert_eq!(e.fields().collect::<Vec<_>>(), ["age", "email"]);
/// assert!(e.has("age") && !e.has("name"));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldErrors {
    /// `(field, message)` pairs in field order (a field may have several).
    pub errors: Vec<(String, String)>,
    /// Every value that was submitted, by name.
    pub values: Vec<(String, String)>,
}

impl FieldErrors {
    /// The first message for a field, if it failed.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
    /// Every message for a field, in the order they were found.
    pub fn messages<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.errors
            .iter()
            .filter(move |(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
    /// Did this field fail?
    pub fn has(&self, field: &str) -> bool {
        self.errors.iter().any(|(f, _)| f == field)
    }
    /// The fields that failed, each once, in order.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        let mut seen: Vec<&str> = Vec::new();
        self.errors
            .iter()
            .map(|(f, _)| f.as_str())
            .filter(move |f| {
                let first = !seen.contains(f);
                if first {
                    seen.push(f);
                }
                first
            })
    }
    /// Adds a message for a field (a struct's `#[form(check = ..)]` function calls this).
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push((field.into(), message.into()));
    }
    /// No field failed?
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }
    /// The value submitted for a field (the last, if it was repeated), as typed.
    pub fn value(&self, field: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .errors
            .iter()
            .map(|(k, m)| format!("{k}: {m}"))
            .collect();
        write!(f, "Invalid form: {}", parts.join("; "))
    }
}

impl crate::forms::FormFields for FieldErrors {
    fn field(&self, name: &str) -> Option<crate::forms::FieldValue<'_>> {
        self.values.field(name)
    }
    fn errors(&self) -> Option<&FieldErrors> {
        Some(self)
    }
}

/// A value that can be built from what a request carries under a name.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read from a request",
    label = "not a request value",
    note = "handler parameters are numbers, String, bool, char, dates, Option/Vec of those, `#[derive(StrEnum)]` enums, `#[derive(FormFields)]` structs, or one of ft-web's special parameter types (HttpRequest, Session, Htmx, ...)"
)]
pub trait FromValues: Sized {
    /// Reads the value named `name`.
    fn from_values(src: &dyn ValueSource, name: &str) -> Result<Self, ValueError>;
}

/// A scalar parsed from one string (a path segment, a query or form value, a header).
pub trait FromParam: Sized {
    /// What the value should look like, for messages ("an integer").
    const EXPECTED: &'static str;
    /// Parses one value.
    fn from_param(s: &str) -> Option<Self>;
    /// The value when nothing was sent; `None` makes the parameter required. `bool` is
    /// `false` when absent, like an unticked checkbox.
    fn when_missing() -> Option<Self> {
        None
    }
}

fn invalid(name: &str, source: Source, value: &str, expected: &str) -> ValueError {
    ValueError::Invalid {
        name: name.to_owned(),
        source,
        value: value.to_owned(),
        expected: expected.to_owned(),
    }
}

fn missing(src: &dyn ValueSource, name: &str) -> ValueError {
    ValueError::Missing {
        name: name.to_owned(),
        searched: src.searched().to_vec(),
    }
}

impl<T: FromParam> FromValues for T {
    fn from_values(src: &dyn ValueSource, name: &str) -> Result<Self, ValueError> {
        match src.lookup(name) {
            // A repeated scalar takes the last value (SPEC 3.6).
            Some((source, values)) => match values.last() {
                Some(v) => T::from_param(v).ok_or_else(|| invalid(name, source, v, T::EXPECTED)),
                None => T::when_missing().ok_or_else(|| missing(src, name)),
            },
            None => T::when_missing().ok_or_else(|| missing(src, name)),
        }
    }
}

impl<T: FromParam> FromValues for Option<T> {
    /// Absent: `None`. Sent empty: `None` for types that cannot be empty (numbers, dates),
    /// `Some("")` for text (SPEC 3.9).
    fn from_values(src: &dyn ValueSource, name: &str) -> Result<Self, ValueError> {
        match src.lookup(name) {
            Some((source, values)) => match values.last() {
                Some(v) if v.is_empty() => Ok(T::from_param(v)),
                Some(v) => T::from_param(v)
                    .map(Some)
                    .ok_or_else(|| invalid(name, source, v, T::EXPECTED)),
                None => Ok(None),
            },
            None => Ok(None),
        }
    }
}

impl<T: FromParam> FromValues for Vec<T> {
    /// Every value of a repeated field, each converted; absent: empty (SPEC 3.15).
    fn from_values(src: &dyn ValueSource, name: &str) -> Result<Self, ValueError> {
        let Some((source, values)) = src.lookup(name) else {
            return Ok(Vec::new());
        };
        values
            .iter()
            .map(|v| T::from_param(v).ok_or_else(|| invalid(name, source, v, T::EXPECTED)))
            .collect()
    }
}

/// A struct's field errors handed to the handler instead of answering 400, so it can show the
/// form again with messages: a `Result<MyForm, FieldErrors>` parameter. Only field errors are
/// handed over; any other failure (a path value that does not parse) is still answered.
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::values::{FieldErrors, FromValues, MapSource, Source};
///
/// #[derive(FormFields, Debug)]
/// struct Todo { title: String, priority: u8 }
///
/// let sent = MapSource::new(Source::Body, [("priority", "high")]);
/// let errors = Result::<Todo, FieldErrors>::from_values(&sent, "todo").unwrap().unwrap_err();
/// assert_eq!(errors.get("title"), Some("required"));
/// assert_eq!(errors.get("priority"), Some("expected an integer (u8)"));
/// // The sent values and the messages, to show the form again as it was filled.
/// let form = TagForm!(Input!(name = "title"), Input!(name = "priority"));
/// assert_eq!(
///     fill_form(&form, &errors).render(),
///     concat!(
///         r#"<form><input name="title" aria-invalid="true" aria-describedby="title-error">"#,
///         r#"<small id="title-error">required</small>"#,
///         r#"<input name="priority" value="high" aria-invalid="true" aria-describedby="priority-error">"#,
///         r#"<small id="priority-error">expected an integer (u8)</small></form>"#,
///     )
/// );
/// ```
impl<T: FromValues> FromValues for Result<T, FieldErrors> {
    fn from_values(src: &dyn ValueSource, name: &str) -> Result<Self, ValueError> {
        match T::from_values(src, name) {
            Ok(v) => Ok(Ok(v)),
            Err(ValueError::Fields(errs)) => Ok(Err(errs)),
            Err(other) => Err(other),
        }
    }
}

macro_rules! int_param {
    ($($t:ty),*) => {$(
        impl FromParam for $t {
            const EXPECTED: &'static str = concat!("an integer (", stringify!($t), ")");
            fn from_param(s: &str) -> Option<Self> {
                s.trim().parse().ok()
            }
        }
    )*};
}
int_param!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

macro_rules! float_param {
    ($($t:ty),*) => {$(
        impl FromParam for $t {
            const EXPECTED: &'static str = "a number";
            fn from_param(s: &str) -> Option<Self> {
                s.trim().parse::<$t>().ok().filter(|f| f.is_finite())
            }
        }
    )*};
}
float_param!(f32, f64);

impl FromParam for bool {
    const EXPECTED: &'static str = "a yes/no word (true/false, on/off, yes/no, 1/0)";
    /// FastHTML's str2bool words, case-insensitive; an empty value is `false` (SPEC 3.9,
    /// 3.11 — where FastHTML fails with a 500 on other words, ft answers 400).
    fn from_param(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "t" | "on" | "yes" | "y" => Some(true),
            "0" | "false" | "f" | "off" | "no" | "n" | "" => Some(false),
            _ => None,
        }
    }
    fn when_missing() -> Option<Self> {
        Some(false)
    }
}

impl FromParam for String {
    const EXPECTED: &'static str = "text";
    fn from_param(s: &str) -> Option<Self> {
        Some(s.to_owned())
    }
}

impl FromParam for char {
    const EXPECTED: &'static str = "one character";
    fn from_param(s: &str) -> Option<Self> {
        let mut chars = s.chars();
        let c = chars.next()?;
        chars.next().is_none().then_some(c)
    }
}

impl FromParam for chrono::NaiveDate {
    const EXPECTED: &'static str = "a date (YYYY-MM-DD)";
    fn from_param(s: &str) -> Option<Self> {
        s.trim().parse().ok()
    }
}

impl FromParam for chrono::NaiveDateTime {
    const EXPECTED: &'static str = "a date and time (YYYY-MM-DDTHH:MM[:SS])";
    /// ISO forms, with `T` or a space, with or without seconds (`<input type=datetime-local>`).
    fn from_param(s: &str) -> Option<Self> {
        let s = s.trim();
        [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%d %H:%M",
        ]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(s, f).ok())
    }
}

impl FromParam for chrono::NaiveTime {
    const EXPECTED: &'static str = "a time (HH:MM[:SS])";
    fn from_param(s: &str) -> Option<Self> {
        let s = s.trim();
        ["%H:%M:%S%.f", "%H:%M"]
            .iter()
            .find_map(|f| chrono::NaiveTime::parse_from_str(s, f).ok())
    }
}

impl FromParam for chrono::DateTime<chrono::FixedOffset> {
    const EXPECTED: &'static str = "an RFC 3339 date and time";
    fn from_param(s: &str) -> Option<Self> {
        chrono::DateTime::parse_from_rfc3339(s.trim()).ok()
    }
}

/// A fixed set of `(source, name, value)` entries: tests, and building structs from a map.
#[derive(Debug, Clone, Default)]
pub struct MapSource {
    source: Vec<Source>,
    entries: Vec<(Source, String, String)>,
}

impl MapSource {
    /// Entries that all come from one source.
    pub fn new<K: Into<String>, V: Into<String>>(
        source: Source,
        entries: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        MapSource {
            source: vec![source],
            entries: entries
                .into_iter()
                .map(|(k, v)| (source, k.into(), v.into()))
                .collect(),
        }
    }
    /// Adds entries from another source, searched after the ones already here.
    pub fn then<K: Into<String>, V: Into<String>>(
        mut self,
        source: Source,
        entries: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.source.push(source);
        self.entries.extend(
            entries
                .into_iter()
                .map(|(k, v)| (source, k.into(), v.into())),
        );
        self
    }
}

impl ValueSource for MapSource {
    fn lookup(&self, name: &str) -> Option<(Source, Vec<Cow<'_, str>>)> {
        for &s in &self.source {
            let vals: Vec<Cow<'_, str>> = self
                .entries
                .iter()
                .filter(|(src, k, _)| *src == s && (k == name || k.replace('-', "_") == name))
                .map(|(_, _, v)| Cow::Borrowed(v.as_str()))
                .collect();
            if !vals.is_empty() {
                return Some((s, vals));
            }
        }
        None
    }
    fn searched(&self) -> &[Source] {
        &self.source
    }
}

/// The short message a struct's field error carries ("required", "expected an integer").
pub fn field_message(e: &ValueError) -> String {
    match e {
        ValueError::Missing { .. } => "required".to_owned(),
        ValueError::Invalid { expected, .. } => format!("expected {expected}"),
        ValueError::Fields(f) => f.to_string(),
    }
}

/// Nothing, or only blank text, was sent under `name` (an `optional` field's test).
pub fn is_blank(src: &dyn ValueSource, name: &str) -> bool {
    src.lookup(name)
        .is_none_or(|(_, values)| values.iter().all(|v| v.trim().is_empty()))
}

/// Every submitted value of the named fields, for re-showing a form.
pub fn submitted(src: &dyn ValueSource, names: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in names {
        if let Some((_, values)) = src.lookup(name) {
            out.extend(
                values
                    .into_iter()
                    .map(|v| ((*name).to_owned(), v.into_owned())),
            );
        }
    }
    out
}

/// Dates and times show in forms in the format `<input type=date|datetime-local|time>` uses,
/// and are set from the same text.
macro_rules! chrono_field {
    ($($t:ty => $fmt:literal),*) => {$(
        impl crate::forms::AsField for $t {
            fn as_field(&self) -> crate::forms::FieldValue<'_> {
                crate::forms::FieldValue::Text(Cow::Owned(self.format($fmt).to_string()))
            }
        }
        impl crate::forms::FromField for $t {
            fn from_field(v: &crate::forms::FieldValue<'_>) -> Option<Self> {
                v.to_text().and_then(|s| <$t as FromParam>::from_param(&s))
            }
        }
    )*};
}
chrono_field!(
    chrono::NaiveDate => "%Y-%m-%d",
    chrono::NaiveDateTime => "%Y-%m-%dT%H:%M:%S%.f",
    chrono::NaiveTime => "%H:%M:%S%.f"
);
