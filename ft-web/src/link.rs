//! [`Link`]: a URL built by a route's generated `.to(..)`, with path parameters filled and
//! query parameters appended, every value percent-encoded.

use ft_html::{AttrValue, IntoAttr};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
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
                    let parts: Vec<String> = text
                        .split('/')
                        .map(|p| utf8_percent_encode(p, SEGMENT).to_string())
                        .collect();
                    url.push_str(&parts.join("/"));
                } else {
                    url.extend(utf8_percent_encode(&text, SEGMENT));
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
