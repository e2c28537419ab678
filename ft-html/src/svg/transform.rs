//! `transformd`: a `transform` attribute built from its functions.

use super::plain;
use crate::attr::IntoAttr;

/// FastHTML's `transformd` (SPEC 1.119): a `transform` attribute built from its functions, to
/// spread into any element: `Rect!(1, 1, ..transformd().rotate([45, 0, 0]))`. The functions
/// are written in FastHTML's fixed order (translate, scale, rotate, skewX, skewY, matrix)
/// whatever order they are set in; with none set it adds nothing (FastHTML's `{}`).
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::svg::{transformd, Rect};
/// let t = transformd().translate([1, 2]).rotate([45, 0, 0]).scale([2]);
/// assert_eq!(t.value().as_deref(), Some("translate(1, 2) scale(2) rotate(45,0,0)"));
/// assert_eq!(
///     Rect!(1, 1, ..t).render(),
///     r#"<rect transform="translate(1, 2) scale(2) rotate(45,0,0)" width="1" height="1" x="0" y="0"></rect>"#
/// );
/// assert_eq!(G!(..transformd()).render(), "<g></g>");
/// ```
pub fn transformd() -> Transformd {
    Transformd::default()
}

/// The builder [`transformd`] returns; iterating it yields the `("transform", value)` pair
/// (or nothing).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Transformd {
    translate: Option<String>,
    scale: Option<String>,
    rotate: Option<String>,
    skew_x: Option<String>,
    skew_y: Option<String>,
    matrix: Option<String>,
}

fn join_args<T: IntoAttr>(args: impl IntoIterator<Item = T>, sep: &str) -> String {
    args.into_iter().map(plain).collect::<Vec<_>>().join(sep)
}

impl Transformd {
    /// `translate(x, y)`.
    pub fn translate<T: IntoAttr>(mut self, args: impl IntoIterator<Item = T>) -> Self {
        self.translate = Some(format!("translate({})", join_args(args, ", ")));
        self
    }
    /// `scale(s)` or `scale(sx, sy)`.
    pub fn scale<T: IntoAttr>(mut self, args: impl IntoIterator<Item = T>) -> Self {
        self.scale = Some(format!("scale({})", join_args(args, ", ")));
        self
    }
    /// `rotate(a)` or `rotate(a,cx,cy)`.
    pub fn rotate<T: IntoAttr>(mut self, args: impl IntoIterator<Item = T>) -> Self {
        self.rotate = Some(format!("rotate({})", join_args(args, ",")));
        self
    }
    /// `skewX(a)`.
    pub fn skew_x(mut self, a: impl IntoAttr) -> Self {
        self.skew_x = Some(format!("skewX({})", plain(a)));
        self
    }
    /// `skewY(a)`.
    pub fn skew_y(mut self, a: impl IntoAttr) -> Self {
        self.skew_y = Some(format!("skewY({})", plain(a)));
        self
    }
    /// `matrix(a, b, c, d, e, f)`.
    pub fn matrix<T: IntoAttr>(mut self, args: impl IntoIterator<Item = T>) -> Self {
        self.matrix = Some(format!("matrix({})", join_args(args, ", ")));
        self
    }
    /// The `transform` value, `None` when no function was set.
    pub fn value(&self) -> Option<String> {
        let parts: Vec<&str> = [
            &self.translate,
            &self.scale,
            &self.rotate,
            &self.skew_x,
            &self.skew_y,
            &self.matrix,
        ]
        .into_iter()
        .filter_map(|p| p.as_deref())
        .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

impl IntoIterator for Transformd {
    type Item = (&'static str, String);
    type IntoIter = std::option::IntoIter<(&'static str, String)>;
    fn into_iter(self) -> Self::IntoIter {
        self.value().map(|v| ("transform", v)).into_iter()
    }
}
impl IntoIterator for &Transformd {
    type Item = (&'static str, String);
    type IntoIter = std::option::IntoIter<(&'static str, String)>;
    fn into_iter(self) -> Self::IntoIter {
        self.value().map(|v| ("transform", v)).into_iter()
    }
}
