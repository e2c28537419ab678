//! `jsd!` and its options `Jsd`: a jsDelivr CDN script, stylesheet or URL.

use crate::attr::{Attr, AttrValue};
use crate::component::Component;
use crate::element::Element;
use crate::{Ft, Str};
use std::borrow::Cow;
use std::fmt;

/// The options of `jsd!`: a jsDelivr CDN URL and what to make of it.
#[derive(Debug, Clone)]
pub struct Jsd {
    org: String,
    repo: String,
    root: String,
    path: String,
    prov: String,
    typ: String,
    ver: Option<String>,
    esm: bool,
    attrs: Vec<Attr>,
}

impl Default for Jsd {
    fn default() -> Self {
        Jsd {
            org: String::new(),
            repo: String::new(),
            root: String::new(),
            path: String::new(),
            prov: "gh".into(),
            typ: "script".into(),
            ver: None,
            esm: false,
            attrs: Vec::new(),
        }
    }
}

impl Jsd {
    /// The package: `org/repo`, file `root/path`.
    pub fn new(
        org: impl AsRef<str>,
        repo: impl AsRef<str>,
        root: impl AsRef<str>,
        path: impl AsRef<str>,
    ) -> Self {
        let mut j = Jsd::default();
        j.org(org);
        j.repo(repo);
        j.root(root);
        j.path(path);
        j
    }
    /// The organisation (1st positional argument).
    pub fn org(&mut self, v: impl AsRef<str>) -> &mut Self {
        v.as_ref().clone_into(&mut self.org);
        self
    }
    /// The repository or package (2nd positional argument).
    pub fn repo(&mut self, v: impl AsRef<str>) -> &mut Self {
        v.as_ref().clone_into(&mut self.repo);
        self
    }
    /// The directory in the package (3rd positional argument).
    pub fn root(&mut self, v: impl AsRef<str>) -> &mut Self {
        v.as_ref().clone_into(&mut self.root);
        self
    }
    /// The file (4th positional argument).
    pub fn path(&mut self, v: impl AsRef<str>) -> &mut Self {
        v.as_ref().clone_into(&mut self.path);
        self
    }
    /// The provider: `gh` (default) or `npm`.
    pub fn prov(&mut self, v: impl AsRef<str>) -> &mut Self {
        v.as_ref().clone_into(&mut self.prov);
        self
    }
    /// `script` (default) gives `<script src>`, `css` gives `<link rel="stylesheet">`,
    /// anything else the URL as text.
    pub fn typ(&mut self, v: impl AsRef<str>) -> &mut Self {
        v.as_ref().clone_into(&mut self.typ);
        self
    }
    /// A version: `@ver` after the repository.
    pub fn ver(&mut self, v: impl AsRef<str>) -> &mut Self {
        let v = v.as_ref();
        self.ver = (!v.is_empty()).then(|| v.to_owned());
        self
    }
    /// `/+esm` at the end.
    pub fn esm(&mut self, v: bool) -> &mut Self {
        self.esm = v;
        self
    }
    /// The URL.
    pub fn url(&self) -> String {
        let ver = self
            .ver
            .as_deref()
            .map(|v| format!("@{v}"))
            .unwrap_or_default();
        let mut s = format!(
            "https://cdn.jsdelivr.net/{}/{}/{}{ver}/{}/{}",
            self.prov, self.org, self.repo, self.root, self.path
        );
        if self.esm {
            s.push_str("/+esm");
        }
        s
    }
}

impl Component for Jsd {
    fn child(&mut self, _child: Ft) {}
    fn attr(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        self.attrs.retain(|a| a.name != name);
        if let Some(value) = value {
            self.attrs.push(Attr { name, value });
        }
    }
    fn build(self) -> Ft {
        let url = AttrValue::Text(Str::from(self.url()));
        let el = match self.typ.as_str() {
            "script" => {
                let mut el = Element::new_static("script", false);
                el.put(Cow::Borrowed("src"), Some(url));
                el
            }
            "css" => {
                let mut el = Element::new_static("link", true);
                el.put(
                    Cow::Borrowed("rel"),
                    Some(AttrValue::Trusted(Str::from_static("stylesheet"))),
                );
                el.put(Cow::Borrowed("href"), Some(url));
                el
            }
            _ => return Ft::text(self.url()),
        };
        let mut el = el;
        el.attrs_mut().extend(self.attrs);
        Ft::Element(el)
    }
}

/// `jsd!(org, repo, root, path, prov = .., typ = .., ver = .., esm = bool, attrs..)`: a
/// jsDelivr `<script src>` (default), a stylesheet `<link>` (`typ = "css"`), or the URL as
/// text (any other `typ`; [`Jsd::url`] gives it as a `String`). Other attributes go to the
/// tag (SPEC 1.83).
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     jsd!("a", "b", "dist", "x.js", ver = "1.0").render(),
///     r#"<script src="https://cdn.jsdelivr.net/gh/a/b@1.0/dist/x.js"></script>"#
/// );
/// assert_eq!(
///     jsd!("a", "b", "dist", "x.css", typ = "css", prov = "npm").render(),
///     r#"<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/a/b/dist/x.css">"#
/// );
/// assert_eq!(Jsd::new("a", "b", "r", "p").esm(true).url(), "https://cdn.jsdelivr.net/gh/a/b/r/p/+esm");
/// ```
#[macro_export]
macro_rules! jsd {
    ($($t:tt)*) => {
        $crate::__private::macros::component!({$crate}, {$crate::xtend::Jsd::default()}, [prov, typ, ver, esm], [org, repo, root, path], void("link"); $($t)*)
    };
}

impl fmt::Display for Jsd {
    /// The URL.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.url())
    }
}
