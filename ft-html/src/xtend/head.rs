//! Page metadata for `<head>`: `Socials!` (Open Graph and Twitter cards), `Favicon`, and
//! JSON-LD structured data (`LdJson`, `LdWebsite`).

use super::Preset;
use super::json::write_json_object;
use super::to_json_value;
use crate::attr::{AttrValue, IntoAttr};
use crate::element::Element;
use crate::text::Raw;
use crate::{Ft, Str};
use serde_json::Value;
use std::borrow::Cow;

/// The options of `Socials!`.
#[derive(Debug, Clone)]
pub struct SocialsBuilder {
    title: String,
    site_name: String,
    description: String,
    image: String,
    url: Option<String>,
    w: AttrValue,
    h: AttrValue,
    twitter_site: Option<String>,
    creator: Option<String>,
    card: String,
}

impl SocialsBuilder {
    /// The four required values.
    pub fn new(
        title: impl AsRef<str>,
        site_name: impl AsRef<str>,
        description: impl AsRef<str>,
        image: impl AsRef<str>,
    ) -> Self {
        SocialsBuilder {
            title: title.as_ref().to_owned(),
            site_name: site_name.as_ref().to_owned(),
            description: description.as_ref().to_owned(),
            image: image.as_ref().to_owned(),
            url: None,
            w: AttrValue::Int(1200),
            h: AttrValue::Int(630),
            twitter_site: None,
            creator: None,
            card: "summary".into(),
        }
    }
    /// The site URL (default: the site name); `https://` is added when it has no scheme.
    pub fn url(&mut self, v: impl AsRef<str>) {
        let v = v.as_ref();
        self.url = (!v.is_empty()).then(|| v.to_owned());
    }
    /// The image width (default 1200).
    pub fn w(&mut self, v: impl IntoAttr) {
        self.w = v.into_attr().unwrap_or(AttrValue::Int(1200));
    }
    /// The image height (default 630).
    pub fn h(&mut self, v: impl IntoAttr) {
        self.h = v.into_attr().unwrap_or(AttrValue::Int(630));
    }
    /// `twitter:site`.
    pub fn twitter_site(&mut self, v: impl AsRef<str>) {
        self.twitter_site = Some(v.as_ref().to_owned());
    }
    /// `twitter:creator`.
    pub fn creator(&mut self, v: impl AsRef<str>) {
        self.creator = Some(v.as_ref().to_owned());
    }
    /// `twitter:card` (default `summary`).
    pub fn card(&mut self, v: impl AsRef<str>) {
        v.as_ref().clone_into(&mut self.card);
    }
    /// The `<meta>` tags.
    pub fn build(&self) -> Ft {
        let mut url = self.url.clone().unwrap_or_else(|| self.site_name.clone());
        if !url.starts_with("http") {
            url = format!("https://{url}");
        }
        let image = if self.image.starts_with("http") {
            self.image.clone()
        } else {
            format!("{url}{}", self.image)
        };
        let meta = |key: &'static str, k: &str, v: AttrValue| {
            let mut el = Element::new_static("meta", true);
            el.put(
                Cow::Borrowed(key),
                Some(AttrValue::Text(Str::from(k.to_owned()))),
            );
            el.put(Cow::Borrowed("content"), Some(v));
            Ft::Element(el)
        };
        let t = |s: &str| AttrValue::Text(Str::from(s.to_owned()));
        let mut res = vec![
            meta("property", "og:image", t(&image)),
            meta("property", "og:site_name", t(&self.site_name)),
            meta("property", "og:image:type", t("image/png")),
            meta("property", "og:image:width", self.w.clone()),
            meta("property", "og:image:height", self.h.clone()),
            meta("property", "og:type", t("website")),
            meta("property", "og:url", t(&url)),
            meta("property", "og:title", t(&self.title)),
            meta("property", "og:description", t(&self.description)),
            meta("name", "twitter:image", t(&image)),
            meta("name", "twitter:card", t(&self.card)),
            meta("name", "twitter:title", t(&self.title)),
            meta("name", "twitter:description", t(&self.description)),
        ];
        if let Some(s) = &self.twitter_site {
            res.push(meta("name", "twitter:site", t(s)));
        }
        if let Some(s) = &self.creator {
            res.push(meta("name", "twitter:creator", t(s)));
        }
        Ft::Fragment(res)
    }
}

/// `Socials!(title, site_name, description, image, url = .., w = .., h = .., twitter_site = ..,
/// creator = .., card = ..)`: Open Graph and Twitter card `<meta>` tags, 13 of them, 15 with
/// `twitter_site` and `creator` (SPEC 1.84). `url` defaults to the site name and gets
/// `https://` when it has no scheme; a relative image is prefixed with the URL.
///
/// ```
/// use ft_html::prelude::*;
/// let s = Socials!("T", "ex.com", "D", "/img.png", twitter_site = "@s", creator = "@c");
/// assert_eq!(s.children().len(), 15);
/// assert!(s.render().starts_with(r#"<meta property="og:image" content="https://ex.com/img.png">"#));
/// ```
#[macro_export]
macro_rules! Socials {
    ($title:expr, $site:expr, $desc:expr, $image:expr $(, $($rest:tt)*)?) => {{
        #[allow(unused_mut)]
        let mut __b = $crate::xtend::SocialsBuilder::new($title, $site, $desc, $image);
        $crate::__ft_opts!(__b [] $($($rest)*)?);
        __b.build()
    }};
}

/// `Favicon(light, dark)`: two `<link rel="icon">` for light and dark color schemes
/// (SPEC 1.85).
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     Favicon("l.ico", "d.ico").render(),
///     r#"<link rel="icon" type="image/x-ico" href="l.ico" media="(prefers-color-scheme: light)"><link rel="icon" type="image/x-ico" href="d.ico" media="(prefers-color-scheme: dark)">"#
/// );
/// ```
#[allow(non_snake_case)]
pub fn Favicon(light_icon: impl IntoAttr, dark_icon: impl IntoAttr) -> Ft {
    let link = |href: Option<AttrValue>, media: &'static str| {
        let mut el = Preset::new(
            "link",
            true,
            &[("rel", "icon"), ("type", "image/x-ico"), ("href", "")],
        )
        .el;
        el.put(Cow::Borrowed("href"), href);
        el.put(
            Cow::Borrowed("media"),
            Some(AttrValue::Trusted(Str::from_static(media))),
        );
        Ft::Element(el)
    };
    Ft::Fragment(vec![
        link(light_icon.into_attr(), "(prefers-color-scheme: light)"),
        link(dark_icon.into_attr(), "(prefers-color-scheme: dark)"),
    ])
}

/// `LdJson(typ, data)`: a `<script type="application/ld+json">` with JSON-LD structured data:
/// `@type`, `@context` and then the pairs of `data` in the order given, written like Python's
/// `json.dumps(.., indent=1)` (SPEC 1.91; FastHTML's `LdJson(.., script=True)`). For the bare
/// dict use `serde_json::json!`.
///
/// Nested objects list their keys sorted (serde_json's map order). `</script` in the data is
/// written `<\/script`, which JSON reads the same.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     LdJson("WebSite", [("name", "S"), ("url", "https://s")]).render(),
///     "<script type=\"application/ld+json\">{\n \"@type\": \"WebSite\",\n \"@context\": \"https://schema.org\",\n \"name\": \"S\",\n \"url\": \"https://s\"\n}</script>"
/// );
/// ```
#[allow(non_snake_case)]
pub fn LdJson<K: AsRef<str>, V: serde::Serialize>(
    typ: &str,
    data: impl IntoIterator<Item = (K, V)>,
) -> Ft {
    let mut items: Vec<(String, Value)> = vec![
        ("@type".into(), Value::String(typ.to_owned())),
        (
            "@context".into(),
            Value::String("https://schema.org".into()),
        ),
    ];
    for (k, v) in data {
        let k = k.as_ref();
        let v = to_json_value(&v);
        match items.iter_mut().find(|(n, _)| n == k) {
            Some(slot) => slot.1 = v,
            None => items.push((k.to_owned(), v)),
        }
    }
    let mut json = String::new();
    write_json_object(
        &mut json,
        items.iter().map(|(k, v)| (k.as_str(), v)),
        Some(1),
        0,
    );
    let mut el = Element::new_static("script", false);
    el.push(Raw(Str::from(json)));
    el.put(
        Cow::Borrowed("type"),
        Some(AttrValue::Trusted(Str::from_static("application/ld+json"))),
    );
    Ft::Element(el)
}

/// `LdWebsite(name, url)`: JSON-LD `WebSite` data in a script (FastHTML's
/// `LdWebsite(.., script=True)`, SPEC 1.91).
///
/// ```
/// use ft_html::prelude::*;
/// assert!(LdWebsite("S", "https://s").render().contains("\"@type\": \"WebSite\""));
/// ```
#[allow(non_snake_case)]
pub fn LdWebsite(name: &str, url: &str) -> Ft {
    LdJson("WebSite", [("name", name), ("url", url)])
}
