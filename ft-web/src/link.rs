//! [`Link`]: a URL built by a route's generated `.to(..)`, with path parameters filled and
//! query parameters appended, every value percent-encoded; [`QueryArg`]: what the link's
//! query methods take.

use ft_html::values::ToParam;
use ft_html::{AttrValue, IntoAttr};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::borrow::Cow;
use std::fmt;

/// Characters left as they are in a path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');
/// Characters left as they are in a query key or value (space becomes `+`).
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b' ');

/// A URL to one of the app's routes. Renders as its text; usable directly as an attribute
/// value (`hx_get = show.to(3)`).
///
/// ```
/// use ft_web::Link;
/// let link = Link::from_template("/todos/{id}", &[("id", &5)]).query("q", &"a b&c");
/// assert_eq!(link.to_string(), "/todos/5?q=a+b%26c");
/// // A value is one segment: `/`, `?`, `#` and a `..` that a browser would resolve are encoded.
/// let link = Link::from_template("/files/{name}", &[("name", &"..")]);
/// assert_eq!(link.to_string(), "/files/%2E%2E");
/// assert_eq!(Link::from_template("/f/{n}", &[("n", &"a/b?c#d")]).to_string(), "/f/a%2Fb%3Fc%23d");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    url: String,
    has_query: bool,
}

impl Link {
    /// Fills the `{name}` / `{name:conv}` placeholders of a path template.
    pub fn from_template(template: &str, params: &[(&str, &dyn fmt::Display)]) -> Link {
        let mut url = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            url.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let inner = &rest[open + 1..open + close];
            let (name, conv) = inner.split_once(':').unwrap_or((inner, "str"));
            if let Some((_, v)) = params.iter().find(|(n, _)| *n == name) {
                let text = v.to_string();
                if conv == "path" {
                    // A `path` parameter may hold slashes: encode each segment on its own.
                    for (i, part) in text.split('/').enumerate() {
                        if i > 0 {
                            url.push('/');
                        }
                        push_segment(&mut url, part);
                    }
                } else {
                    push_segment(&mut url, &text);
                }
            }
            rest = &rest[open + close + 1..];
        }
        url.push_str(rest);
        Link {
            url,
            has_query: false,
        }
    }

    /// Appends `name=value` to the query string.
    pub fn query(mut self, name: &str, value: &dyn fmt::Display) -> Link {
        self.push_query(name, value);
        self
    }

    /// Appends `name=value` to the query string, in place.
    pub fn push_query(&mut self, name: &str, value: &dyn fmt::Display) {
        self.url.push(if self.has_query { '&' } else { '?' });
        self.has_query = true;
        push_query_part(&mut self.url, name);
        self.url.push('=');
        push_query_part(&mut self.url, &value.to_string());
    }

    /// The URL.
    pub fn as_str(&self) -> &str {
        &self.url
    }
}

/// One path segment, percent-encoded. A segment `.` or `..` is encoded too (`%2E`): left as
/// it is, a browser would resolve it and request another path.
fn push_segment(out: &mut String, s: &str) {
    if s == "." || s == ".." {
        for _ in 0..s.len() {
            out.push_str("%2E");
        }
    } else {
        out.extend(utf8_percent_encode(s, SEGMENT));
    }
}

fn push_query_part(out: &mut String, s: &str) {
    for piece in utf8_percent_encode(s, QUERY) {
        out.push_str(&piece.replace(' ', "+"));
    }
}

impl fmt::Display for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.url)
    }
}

impl From<Link> for String {
    fn from(l: Link) -> String {
        l.url
    }
}

impl IntoAttr for Link {
    /// A link built from the app's own routes is trusted as a URL.
    fn into_attr(self) -> Option<AttrValue> {
        Some(AttrValue::Trusted(self.url.into()))
    }
}

impl IntoAttr for &Link {
    fn into_attr(self) -> Option<AttrValue> {
        self.clone().into_attr()
    }
}

impl ft_html::IntoFt for Link {
    fn into_ft(self) -> ft_html::Ft {
        ft_html::Ft::text(self.url)
    }
}

/// A value a typed link's query method takes for a parameter of type `T`, written as the
/// text the parameter reads back ([`ToParam`]: `true`/`false`, ISO dates, a `StrEnum`'s
/// text): `T` itself or a reference to it, and for a `String` also `&str` and `Cow<str>`.
///
/// A route's generated link has a method for every query parameter that is not an argument
/// of `.to(..)`; its argument is `impl QueryArg<T>` (for `Vec<T>`, an iterator of them), so a
/// method for a parameter that is no query value (a user's own extractor) cannot be called.
///
/// ```
/// use ft_web::prelude::*;
/// use ft_web::chrono::NaiveDate;
///
/// #[derive(StrEnum, Debug, Clone, Copy, PartialEq)]
/// enum Sort { Asc, Desc }
///
/// #[get("/list")]
/// fn list(sort: Sort, page: Option<u32>, tag: Vec<String>, q: Option<String>, day: Option<NaiveDate>) -> String {
///     format!("{sort} {page:?} {tag:?} {q:?} {day:?}")
/// }
///
/// let tags = vec![String::from("a b"), String::from("c&d")];
/// let link = list.to().sort(Sort::Desc).page(2).tag(&tags).q("x").day(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
/// assert_eq!(link.to_string(), "/list?sort=Desc&page=2&tag=a+b&tag=c%26d&q=x&day=2024-02-29");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent as a `{T}` query value",
    label = "not a `{T}`",
    note = "a query method takes the parameter's own type or a reference to it (`&str` and `Cow<str>` for a String); parameters that are not query values (sessions, tables, bodies, your own extractors) cannot be set in a link"
)]
pub trait QueryArg<T> {
    /// The value's text in the query string (before percent-encoding).
    fn query_text(&self) -> Cow<'_, str>;
}

impl<T: ToParam> QueryArg<T> for T {
    fn query_text(&self) -> Cow<'_, str> {
        self.to_param()
    }
}

impl<T: ToParam> QueryArg<T> for &T {
    fn query_text(&self) -> Cow<'_, str> {
        (**self).to_param()
    }
}

impl QueryArg<String> for &str {
    fn query_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl QueryArg<String> for Cow<'_, str> {
    fn query_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl QueryArg<String> for &Cow<'_, str> {
    fn query_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}
