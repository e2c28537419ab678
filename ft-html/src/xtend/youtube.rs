//! `YouTubeEmbed!`: a YouTube `<iframe>` in a `<div>`.

use crate::attr::{Attr, AttrValue, IntoAttr};
use crate::component::Component;
use crate::element::Element;
use crate::{Ft, Str};
use std::borrow::Cow;

/// The builder behind `YouTubeEmbed!`.
#[derive(Debug, Clone)]
pub struct YouTubeEmbedBuilder {
    video_id: String,
    width: Option<AttrValue>,
    height: Option<AttrValue>,
    start_time: u64,
    no_controls: bool,
    title: Option<AttrValue>,
    cls: Option<AttrValue>,
    attrs: Vec<Attr>,
    kids: Vec<Ft>,
}

impl Default for YouTubeEmbedBuilder {
    fn default() -> Self {
        YouTubeEmbedBuilder {
            video_id: String::new(),
            width: Some(AttrValue::Int(560)),
            height: Some(AttrValue::Int(315)),
            start_time: 0,
            no_controls: false,
            title: Some(AttrValue::Trusted(Str::from_static("YouTube video player"))),
            cls: Some(AttrValue::Trusted(Str::from_static(""))),
            attrs: Vec::new(),
            kids: Vec::new(),
        }
    }
}

impl YouTubeEmbedBuilder {
    /// The video id (1st positional argument).
    pub fn video_id(&mut self, v: impl AsRef<str>) {
        v.as_ref().clone_into(&mut self.video_id);
    }
    /// The iframe width (default 560).
    pub fn width(&mut self, v: impl IntoAttr) {
        self.width = v.into_attr();
    }
    /// The iframe height (default 315).
    pub fn height(&mut self, v: impl IntoAttr) {
        self.height = v.into_attr();
    }
    /// Start playing at this second.
    pub fn start_time(&mut self, v: u64) {
        self.start_time = v;
    }
    /// Hide the player controls.
    pub fn no_controls(&mut self, v: bool) {
        self.no_controls = v;
    }
    /// The iframe title (default "YouTube video player").
    pub fn title(&mut self, v: impl IntoAttr) {
        self.title = v.into_attr();
    }
    /// The class of the wrapping `<div>` (default empty).
    pub fn cls(&mut self, v: impl IntoAttr) {
        self.cls = v.into_attr();
    }
    /// The embed URL.
    pub fn url(&self) -> String {
        let mut id = String::with_capacity(self.video_id.len());
        for b in self.video_id.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                id.push(b as char);
            } else {
                id.push_str(&format!("%{b:02X}"));
            }
        }
        let mut params = Vec::new();
        if self.start_time > 0 {
            params.push(format!("start={}", self.start_time));
        }
        if self.no_controls {
            params.push("controls=0".to_owned());
        }
        let q = if params.is_empty() {
            String::new()
        } else {
            format!("?{}", params.join("&"))
        };
        format!("https://www.youtube.com/embed/{id}{q}")
    }
}

impl Component for YouTubeEmbedBuilder {
    fn child(&mut self, child: Ft) {
        self.kids.push(child);
    }
    fn attr(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        self.attrs.retain(|a| a.name != name);
        if let Some(value) = value {
            self.attrs.push(Attr { name, value });
        }
    }
    fn build(self) -> Ft {
        let mut f = Element::new_static("iframe", false);
        let trusted = |s: &'static str| Some(AttrValue::Trusted(Str::from_static(s)));
        f.put(Cow::Borrowed("width"), self.width.clone());
        f.put(Cow::Borrowed("height"), self.height.clone());
        f.put(
            Cow::Borrowed("src"),
            Some(AttrValue::Text(Str::from(self.url()))),
        );
        f.put(Cow::Borrowed("frameborder"), trusted("0"));
        f.put(
            Cow::Borrowed("allow"),
            trusted("accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share"),
        );
        f.put(
            Cow::Borrowed("referrerpolicy"),
            trusted("strict-origin-when-cross-origin"),
        );
        f.put(Cow::Borrowed("allowfullscreen"), trusted(""));
        let (style, attrs): (Vec<Attr>, Vec<Attr>) =
            self.attrs.into_iter().partition(|a| a.name == "style");
        f.attrs_mut().extend(attrs);
        f.put(Cow::Borrowed("title"), self.title);
        f.attrs_mut().extend(style);
        for k in self.kids {
            f.push(k);
        }
        let mut div = Element::new_static("div", false);
        div.push(f);
        div.put(Cow::Borrowed("class"), self.cls);
        Ft::Element(div)
    }
}

/// `YouTubeEmbed!(video_id, width = .., height = .., start_time = .., no_controls = bool,
/// title = .., cls = .., attrs..)`: a YouTube `<iframe>` in a `<div class=cls>`; other
/// attributes go to the iframe (SPEC 1.89).
///
/// Deliberate differences: nothing is printed (FastHTML prints the URL to stdout); the video
/// id is percent-encoded so it cannot add query parameters (ordinary ids are unchanged); an
/// empty id gives an embed of nothing rather than an exception.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     YouTubeEmbed!("abc", start_time = 5, no_controls = true).render(),
///     r#"<div class=""><iframe width="560" height="315" src="https://www.youtube.com/embed/abc?start=5&amp;controls=0" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen="" title="YouTube video player"></iframe></div>"#
/// );
/// ```
#[macro_export]
macro_rules! YouTubeEmbed {
    ($($t:tt)*) => {
        $crate::__private::macros::component!({$crate}, {$crate::xtend::YouTubeEmbedBuilder::default()}, [width, height, start_time, no_controls, title, cls], [video_id], nonvoid; $($t)*)
    };
}
