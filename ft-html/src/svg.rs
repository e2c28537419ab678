//! FastHTML's SVG helpers (`fasthtml.svg`, SPEC 1M): an `<svg>` root that adds `xmlns` and a
//! `viewBox`, shape macros whose geometry is positional (`Rect!(w, h)`, `Circle!(r)`), a `<path>`
//! builder with chainable commands, `transformd`, and the htmx swap wrappers `SvgOob!`/`SvgInb!`.
//!
//! Import it explicitly, as in FastHTML (`from fasthtml.svg import *`):
//!
//! ```
//! use ft_html::prelude::*;
//! use ft_html::svg::{Circle, Path, Rect, Svg};
//!
//! let pic = Svg!(
//!     Rect!(100, 50, fill = "navy"),
//!     Circle!(10, cx = 50, cy = 25, fill = "gold"),
//!     Path!(stroke = "red").M(0, 0).L(100, 50),
//!     w = 100, h = 50,
//! );
//! assert_eq!(
//!     pic.render(),
//!     "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\" height=\"50\" width=\"100\">\
//!      <rect width=\"100\" height=\"50\" x=\"0\" y=\"0\" fill=\"navy\"></rect>\
//!      <circle r=\"10\" cx=\"50\" cy=\"25\" fill=\"gold\"></circle>\
//!      <path d=\"M0 0 L100 50\" stroke=\"red\"></path></svg>"
//! );
//! ```
//!
//! `Svg` and `Text` here are the helpers; the crate root (and so the prelude) also has the plain
//! `<svg>` tag `Svg!` and the text type `Text`. After `use ft_html::prelude::*; use
//! ft_html::svg::*;` name the macros explicitly — `use ft_html::svg::{Svg, Text};` (an explicit
//! import wins over the globs) — or use their root names `SvgX!` and `SvgText!`.
//!
//! # Attribute order
//! Like FastHTML, the SVG presentation parameters come first when given (`transform`, `opacity`,
//! `clip`, `mask`, `filter`, `vector-effect`, `pointer-events`), then the shape's own parameters
//! in its signature order (`Rect`: `width height x y fill stroke stroke-width rx ry`), then every
//! other attribute in the order written, with `id`, `class`, `title`, `style` last.
//!
//! # Deliberate differences from FastHTML
//! - **Case.** SVG is case-sensitive XML, so ft writes `viewBox` (FastHTML: `viewbox`, SPEC
//!   1.115) and the element tags `linearGradient`, `feGaussianBlur`, `clipPath`, ... (FastHTML
//!   lower-cases them, SPEC 1.121; those tag macros live at the crate root). On the builders of
//!   this module, the camel-case SVG attributes that a keyword can only spell in lower case
//!   (`viewBox`, `"preserveAspectRatio" = ..`, `"gradientUnits" = ..`) get their SVG case back
//!   ([`svg_attr_name`]).
//! - **`Path!` data.** FastHTML's `Path().M(0, 0)` gives `d=" M0 0"` with a stray leading space
//!   (its default `d` is `''`, SPEC 1.118); ft gives `d="M0 0"`.
//! - **`transformd`** writes `scale(2)` where FastHTML writes Python's one-tuple `scale(2,)`
//!   (invalid SVG), and is a builder: `transformd().translate([1, 2]).rotate([45])`.
//! - **`SvgInb!`** pairs the `<svg>` with the header `HX-Reselect: svg>*` — the header htmx
//!   reads. FastHTML 0.14.14 sends it as `HX-Hx-Reselect` (a doubled prefix, SPEC 1.120), which
//!   htmx ignores.
//! - **Points** are given as one list: `Polygon!([(0, 0), (1, 2)])` (Rust has no `*args`).
//! - Python lets `Rect()` without `width` fail; here a missing positional parameter is just an
//!   absent attribute.

use crate::Str;
use crate::attr::{Attr, AttrValue, IntoAttr};
use crate::component::Component;
use crate::element::Element;
use crate::{Ft, IntoFt};
use std::borrow::Cow;
use std::fmt;

pub use crate::{
    Circle, Ellipse, Line, Path, Polygon, Polyline, Rect, SvgInb, SvgOob, SvgText as Text,
    SvgX as Svg,
};

/// The SVG namespace `Svg!` writes as `xmlns`.
pub const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// The attributes for an in-band SVG swap, FastHTML's `svg_inb` (`hx-select="svg>*"`), to spread
/// into the element that makes the request: `Button!("Draw", hx_get = "/shape", ..SVG_INB)`.
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::svg::SVG_INB;
/// assert_eq!(Div!(..SVG_INB).render(), r#"<div hx-select="svg&gt;*"></div>"#);
/// ```
pub const SVG_INB: [(&str, &str); 1] = [("hx_select", "svg>*")];

/// The response header `SvgInb!` pairs with its `<svg>`: `HX-Reselect: svg>*`.
pub const SVG_INB_HEADER: (&str, &str) = ("HX-Reselect", "svg>*");

/// SVG's camel-case attribute names, keyed by their lower-case form (the HTML parser's own
/// SVG attribute adjustment table).
const SVG_CAMEL_ATTRS: &[&str] = &[
    "attributeName",
    "attributeType",
    "baseFrequency",
    "baseProfile",
    "calcMode",
    "clipPathUnits",
    "diffuseConstant",
    "edgeMode",
    "filterUnits",
    "glyphRef",
    "gradientTransform",
    "gradientUnits",
    "kernelMatrix",
    "kernelUnitLength",
    "keyPoints",
    "keySplines",
    "keyTimes",
    "lengthAdjust",
    "limitingConeAngle",
    "markerHeight",
    "markerUnits",
    "markerWidth",
    "maskContentUnits",
    "maskUnits",
    "numOctaves",
    "pathLength",
    "patternContentUnits",
    "patternTransform",
    "patternUnits",
    "pointsAtX",
    "pointsAtY",
    "pointsAtZ",
    "preserveAlpha",
    "preserveAspectRatio",
    "primitiveUnits",
    "refX",
    "refY",
    "repeatCount",
    "repeatDur",
    "requiredExtensions",
    "requiredFeatures",
    "specularConstant",
    "specularExponent",
    "spreadMethod",
    "startOffset",
    "stdDeviation",
    "stitchTiles",
    "surfaceScale",
    "systemLanguage",
    "tableValues",
    "targetX",
    "targetY",
    "textLength",
    "viewBox",
    "viewTarget",
    "xChannelSelector",
    "yChannelSelector",
    "zoomAndPan",
];

/// The SVG spelling of an attribute name: a lower-cased camel-case SVG attribute gets its case
/// back (`viewbox` -> `viewBox`, `preserveaspectratio` -> `preserveAspectRatio`); every other
/// name is returned unchanged.
///
/// ```
/// use ft_html::svg::svg_attr_name;
/// assert_eq!(svg_attr_name("viewbox"), "viewBox");
/// assert_eq!(svg_attr_name("stddeviation"), "stdDeviation");
/// assert_eq!(svg_attr_name("stroke-width"), "stroke-width");
/// ```
pub fn svg_attr_name(name: &str) -> Cow<'static, str> {
    match SVG_CAMEL_ATTRS
        .iter()
        .find(|a| a.eq_ignore_ascii_case(name))
    {
        Some(a) => Cow::Borrowed(a),
        None => Cow::Owned(name.to_owned()),
    }
}

fn svg_case(name: Cow<'static, str>) -> Cow<'static, str> {
    match SVG_CAMEL_ATTRS
        .iter()
        .find(|a| a.eq_ignore_ascii_case(&name))
    {
        Some(a) => Cow::Borrowed(a),
        None => name,
    }
}

/// Python truthiness of an attribute value (`if w:`): absent, `false`, `0` and `""` are false.
fn truthy(v: &Option<AttrValue>) -> bool {
    match v {
        None
        | Some(AttrValue::Bool(false))
        | Some(AttrValue::Int(0))
        | Some(AttrValue::UInt(0)) => false,
        Some(AttrValue::Float(f)) => *f != 0.0,
        Some(AttrValue::Text(s)) | Some(AttrValue::Trusted(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

fn plain(v: impl IntoAttr) -> String {
    v.into_attr()
        .and_then(|v| v.to_plain().map(Cow::into_owned))
        .unwrap_or_default()
}

/// FastHTML's `ft_svg` parameters, which every SVG helper writes first.
const COMMON: &[&str] = &[
    "transform",
    "opacity",
    "clip",
    "mask",
    "filter",
    "vector-effect",
    "pointer-events",
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Svg,
    Line,
    Shape,
}

/// The builder behind `Svg!`, `Rect!`, `Circle!` and the other SVG helper macros: it keeps
/// the helper's parameters in fixed slots (FastHTML's signature order, with its defaults such
/// as `x="0"`) and every other attribute after them.
#[derive(Debug, Clone)]
pub struct SvgBuilder {
    el: Element,
    kind: Kind,
    slots: Vec<(&'static str, Option<AttrValue>)>,
    w: Option<AttrValue>,
    h: Option<AttrValue>,
}

const ZERO: Option<AttrValue> = Some(AttrValue::Int(0));

impl SvgBuilder {
    fn new(tag: &'static str, kind: Kind, own: &[(&'static str, Option<AttrValue>)]) -> Self {
        let mut slots: Vec<(&'static str, Option<AttrValue>)> =
            COMMON.iter().map(|n| (*n, None)).collect();
        slots.extend(own.iter().cloned());
        SvgBuilder {
            el: Element::new_static(tag, false),
            kind,
            slots,
            w: None,
            h: None,
        }
    }
    /// `<svg>`: `xmlns`, `viewBox`, `height`, `width`.
    pub fn svg() -> Self {
        let ns = Some(AttrValue::Trusted(Str::from_static(SVG_NS)));
        Self::new(
            "svg",
            Kind::Svg,
            &[
                ("xmlns", ns),
                ("viewBox", None),
                ("height", None),
                ("width", None),
            ],
        )
    }
    /// `<rect>`: `width height x=0 y=0 fill stroke stroke-width rx ry`.
    pub fn rect() -> Self {
        Self::new(
            "rect",
            Kind::Shape,
            &[
                ("width", None),
                ("height", None),
                ("x", ZERO),
                ("y", ZERO),
                ("fill", None),
                ("stroke", None),
                ("stroke-width", None),
                ("rx", None),
                ("ry", None),
            ],
        )
    }
    /// `<circle>`: `r cx=0 cy=0 fill stroke stroke-width`.
    pub fn circle() -> Self {
        Self::new(
            "circle",
            Kind::Shape,
            &[
                ("r", None),
                ("cx", ZERO),
                ("cy", ZERO),
                ("fill", None),
                ("stroke", None),
                ("stroke-width", None),
            ],
        )
    }
    /// `<ellipse>`: `rx ry cx=0 cy=0 fill stroke stroke-width`.
    pub fn ellipse() -> Self {
        Self::new(
            "ellipse",
            Kind::Shape,
            &[
                ("rx", None),
                ("ry", None),
                ("cx", ZERO),
                ("cy", ZERO),
                ("fill", None),
                ("stroke", None),
                ("stroke-width", None),
            ],
        )
    }
    /// `<line>`: `x1 y1 x2=0 y2=0 stroke stroke-width` (`w` sets `stroke-width`).
    pub fn line() -> Self {
        Self::new(
            "line",
            Kind::Line,
            &[
                ("x1", None),
                ("y1", None),
                ("x2", ZERO),
                ("y2", ZERO),
                ("stroke", None),
                ("stroke-width", None),
            ],
        )
    }
    fn poly(tag: &'static str) -> Self {
        let empty = Some(AttrValue::Trusted(Str::from_static("")));
        Self::new(
            tag,
            Kind::Shape,
            &[
                ("points", empty),
                ("fill", None),
                ("stroke", None),
                ("stroke-width", None),
            ],
        )
    }
    /// `<polyline>`: `points fill stroke stroke-width`.
    pub fn polyline() -> Self {
        Self::poly("polyline")
    }
    /// `<polygon>`: `points fill stroke stroke-width`.
    pub fn polygon() -> Self {
        Self::poly("polygon")
    }
    /// `<text>`: `x=0 y=0 font-family font-size fill text-anchor dominant-baseline font-weight
    /// font-style text-decoration`.
    pub fn text() -> Self {
        Self::new(
            "text",
            Kind::Shape,
            &[
                ("x", ZERO),
                ("y", ZERO),
                ("font-family", None),
                ("font-size", None),
                ("fill", None),
                ("text-anchor", None),
                ("dominant-baseline", None),
                ("font-weight", None),
                ("font-style", None),
                ("text-decoration", None),
            ],
        )
    }
    /// `<path>`: `d="" fill stroke stroke-width`.
    pub fn path() -> Self {
        let empty = Some(AttrValue::Trusted(Str::from_static("")));
        Self::new(
            "path",
            Kind::Shape,
            &[
                ("d", empty),
                ("fill", None),
                ("stroke", None),
                ("stroke-width", None),
            ],
        )
    }

    /// Sets a slot, or an ordinary attribute when this helper has no such parameter.
    fn set(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        match self.slots.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => Component::attr(&mut self.el, name, value),
        }
    }
    fn get(&self, name: &str) -> Option<&AttrValue> {
        self.slots
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| v.as_ref())
    }

    /// `width`.
    pub fn width(&mut self, v: impl IntoAttr) {
        self.set(Cow::Borrowed("width"), v.into_attr());
    }
    /// `height`.
    pub fn height(&mut self, v: impl IntoAttr) {
        self.set(Cow::Borrowed("height"), v.into_attr());
    }
    /// `r`.
    pub fn r(&mut self, v: impl IntoAttr) {
        self.set(Cow::Borrowed("r"), v.into_attr());
    }
    /// `rx`.
    pub fn rx(&mut self, v: impl IntoAttr) {
        self.set(Cow::Borrowed("rx"), v.into_attr());
    }
    /// `ry`.
    pub fn ry(&mut self, v: impl IntoAttr) {
        self.set(Cow::Borrowed("ry"), v.into_attr());
    }
    /// `x1`.
    pub fn x1(&mut self, v: impl IntoAttr) {
        self.set(Cow::Borrowed("x1"), v.into_attr());
    }
    /// `y1`.
    pub fn y1(&mut self, v: impl IntoAttr) {
        self.set(Cow::Borrowed("y1"), v.into_attr());
    }
    /// `x2`.
    pub fn x2(&mut self, v: impl IntoAttr) {
        self.set(Cow::Borrowed("x2"), v.into_attr());
    }
    /// `y2`.
    pub fn y2(&mut self, v: impl IntoAttr) {
        self.set(Cow::Borrowed("y2"), v.into_attr());
    }
    /// `d` (path data).
    pub fn d(&mut self, v: impl IntoAttr) {
        self.set(Cow::Borrowed("d"), v.into_attr());
    }
    /// `points`, from a string or a list of `(x, y)` pairs.
    pub fn points(&mut self, v: impl Points) {
        self.set(Cow::Borrowed("points"), v.into_points());
    }
    /// `w`: the width of an `<svg>` (when truthy), or the `stroke-width` of a `<line>`.
    pub fn w(&mut self, v: impl IntoAttr) {
        let v = v.into_attr();
        if self.kind == Kind::Line {
            if truthy(&v) {
                self.set(Cow::Borrowed("stroke-width"), v);
            }
        } else {
            self.w = v;
        }
    }
    /// `h`: the height of an `<svg>` (when truthy).
    pub fn h(&mut self, v: impl IntoAttr) {
        self.h = v.into_attr();
    }
}

impl Component for SvgBuilder {
    fn child(&mut self, child: Ft) {
        self.el.push_ft(child);
    }
    fn attr(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        self.set(svg_case(name), value);
    }
    fn reserve(&mut self, n: usize) {
        self.el.reserve(n);
    }
    fn build(mut self) -> Ft {
        if self.kind == Kind::Svg {
            let (w, h) = (self.w.take(), self.h.take());
            if truthy(&h) {
                self.set(Cow::Borrowed("height"), h);
            }
            if truthy(&w) {
                self.set(Cow::Borrowed("width"), w);
            }
            let (width, height) = (self.get("width").cloned(), self.get("height").cloned());
            if !truthy(&self.get("viewBox").cloned()) && truthy(&width) && truthy(&height) {
                let vb = format!("0 0 {} {}", plain(width), plain(height));
                self.set(
                    Cow::Borrowed("viewBox"),
                    Some(AttrValue::Text(Str::from(vb))),
                );
            }
        }
        let mut el = self.el;
        let rest = std::mem::take(el.attrs_mut());
        let attrs = el.attrs_mut();
        attrs.extend(self.slots.into_iter().filter_map(|(name, value)| {
            value.map(|value| Attr {
                name: Cow::Borrowed(name),
                value,
            })
        }));
        attrs.extend(rest);
        Ft::Element(el)
    }
}

/// What `points` accepts: a ready string (`"0,0 1,2"`) or `(x, y)` pairs, written
/// `x,y x,y` as FastHTML does.
pub trait Points {
    /// The `points` value.
    fn into_points(self) -> Option<AttrValue>;
}
impl Points for &str {
    fn into_points(self) -> Option<AttrValue> {
        self.into_attr()
    }
}
impl Points for String {
    fn into_points(self) -> Option<AttrValue> {
        self.into_attr()
    }
}
impl Points for &String {
    fn into_points(self) -> Option<AttrValue> {
        self.into_attr()
    }
}
fn join_points<X: IntoAttr, Y: IntoAttr>(pts: impl Iterator<Item = (X, Y)>) -> Option<AttrValue> {
    let s = pts
        .map(|(x, y)| format!("{},{}", plain(x), plain(y)))
        .collect::<Vec<_>>()
        .join(" ");
    Some(AttrValue::Text(Str::from(s)))
}
impl<X: IntoAttr, Y: IntoAttr, const N: usize> Points for [(X, Y); N] {
    fn into_points(self) -> Option<AttrValue> {
        join_points(self.into_iter())
    }
}
impl<X: IntoAttr, Y: IntoAttr> Points for Vec<(X, Y)> {
    fn into_points(self) -> Option<AttrValue> {
        join_points(self.into_iter())
    }
}
impl<X: IntoAttr + Clone, Y: IntoAttr + Clone> Points for &[(X, Y)] {
    fn into_points(self) -> Option<AttrValue> {
        join_points(self.iter().cloned())
    }
}
impl<X: IntoAttr + Clone, Y: IntoAttr + Clone> Points for &Vec<(X, Y)> {
    fn into_points(self) -> Option<AttrValue> {
        join_points(self.iter().cloned())
    }
}

/// An `<svg>` root (FastHTML's `fasthtml.svg.Svg`, SPEC 1.115): adds
/// `xmlns="http://www.w3.org/2000/svg"`, takes `w`/`h` as short names for `width`/`height`,
/// and computes `viewBox="0 0 w h"` when both are given and no `viewBox` is.
/// Use it as `svg::Svg!` (`use ft_html::svg::Svg;`); at the crate root it is `SvgX!`,
/// because `Svg!` there is the plain `<svg>` tag.
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::svg::Svg;
/// assert_eq!(
///     Svg!(w = 100, h = 50).render(),
///     r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" height="50" width="100"></svg>"#
/// );
/// assert_eq!(
///     Svg!(viewBox = "0 0 1 1", "preserveAspectRatio" = "none").render(),
///     r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" preserveAspectRatio="none"></svg>"#
/// );
/// ```
#[macro_export]
macro_rules! SvgX {
    ($($t:tt)*) => {
        $crate::__macros::component!({$crate}, {$crate::svg::SvgBuilder::svg()}, [w, h], [], nonvoid; $($t)*)
    };
}

/// An SVG `<rect>`: `Rect!(width, height, ..)`; `x` and `y` default to 0 and are always
/// written (SPEC 1.116).
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::svg::Rect;
/// assert_eq!(
///     Rect!(10, 20, fill = "red", stroke_width = 2).render(),
///     r#"<rect width="10" height="20" x="0" y="0" fill="red" stroke-width="2"></rect>"#
/// );
/// ```
#[macro_export]
macro_rules! Rect {
    ($($t:tt)*) => {
        $crate::__macros::component!({$crate}, {$crate::svg::SvgBuilder::rect()}, [], [width, height], nonvoid; $($t)*)
    };
}

/// An SVG `<circle>`: `Circle!(r, ..)`; `cx` and `cy` default to 0 (SPEC 1.116).
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::svg::Circle;
/// assert_eq!(Circle!(5).render(), r#"<circle r="5" cx="0" cy="0"></circle>"#);
/// ```
#[macro_export]
macro_rules! Circle {
    ($($t:tt)*) => {
        $crate::__macros::component!({$crate}, {$crate::svg::SvgBuilder::circle()}, [], [r], nonvoid; $($t)*)
    };
}

/// An SVG `<ellipse>`: `Ellipse!(rx, ry, ..)`; `cx` and `cy` default to 0 (SPEC 1.117).
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::svg::Ellipse;
/// assert_eq!(Ellipse!(3, 4).render(), r#"<ellipse rx="3" ry="4" cx="0" cy="0"></ellipse>"#);
/// ```
#[macro_export]
macro_rules! Ellipse {
    ($($t:tt)*) => {
        $crate::__macros::component!({$crate}, {$crate::svg::SvgBuilder::ellipse()}, [], [rx, ry], nonvoid; $($t)*)
    };
}

/// An SVG `<line>`: `Line!(x1, y1, x2, y2, ..)`; `x2`/`y2` default to 0 and `w` is a short
/// name for `stroke_width` (SPEC 1.117).
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::svg::Line;
/// assert_eq!(
///     Line!(0, 0, 10, 10, stroke = "k", w = 2).render(),
///     r#"<line x1="0" y1="0" x2="10" y2="10" stroke="k" stroke-width="2"></line>"#
/// );
/// ```
#[macro_export]
macro_rules! Line {
    ($($t:tt)*) => {
        $crate::__macros::component!({$crate}, {$crate::svg::SvgBuilder::line()}, [w], [x1, y1, x2, y2], nonvoid; $($t)*)
    };
}

/// An SVG `<polyline>`: `Polyline!([(x, y), ..], ..)` or `Polyline!(points = "0,0 1,2")`
/// (SPEC 1.117).
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::svg::Polyline;
/// assert_eq!(
///     Polyline!([(0.0, 0.5), (1.5, 2.0)], stroke = "k").render(),
///     r#"<polyline points="0.0,0.5 1.5,2.0" stroke="k"></polyline>"#
/// );
/// ```
#[macro_export]
macro_rules! Polyline {
    ($($t:tt)*) => {
        $crate::__macros::component!({$crate}, {$crate::svg::SvgBuilder::polyline()}, [points], [points], nonvoid; $($t)*)
    };
}

/// An SVG `<polygon>`: `Polygon!([(x, y), ..], ..)` or `Polygon!(points = "0,0 1,2 3,4")`
/// (SPEC 1.117).
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::svg::Polygon;
/// assert_eq!(
///     Polygon!([(0, 0), (1, 2), (3, 4)], fill = "b").render(),
///     r#"<polygon points="0,0 1,2 3,4" fill="b"></polygon>"#
/// );
/// ```
#[macro_export]
macro_rules! Polygon {
    ($($t:tt)*) => {
        $crate::__macros::component!({$crate}, {$crate::svg::SvgBuilder::polygon()}, [points], [points], nonvoid; $($t)*)
    };
}

/// An SVG `<text>` (FastHTML's `fasthtml.svg.Text`, SPEC 1.117): `x`/`y` default to 0.
/// Use it as `svg::Text!` (`use ft_html::svg::Text;`); at the crate root it is `SvgText!`.
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::svg::Text;
/// assert_eq!(
///     Text!("hi", font_size = 12, text_anchor = "middle").render(),
///     r#"<text x="0" y="0" font-size="12" text-anchor="middle">hi</text>"#
/// );
/// ```
#[macro_export]
macro_rules! SvgText {
    ($($t:tt)*) => {
        $crate::__macros::component!({$crate}, {$crate::svg::SvgBuilder::text()}, [], [], nonvoid; $($t)*)
    };
}

/// An SVG `<path>` whose data is built with chainable commands (SPEC 1.118): returns a
/// [`PathFt`]. `Path!("M0 0")` starts from given data.
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::svg::Path;
/// let p = Path!(fill = "none").M(0, 0).L(10, 10).H(5).V(2).Z();
/// assert_eq!(p.render(), r#"<path d="M0 0 L10 10 H5 V2 Z" fill="none"></path>"#);
/// ```
#[macro_export]
macro_rules! Path {
    ($($t:tt)*) => {
        $crate::svg::PathFt::from_ft(
            $crate::__macros::component!({$crate}, {$crate::svg::SvgBuilder::path()}, [], [d], nonvoid; $($t)*)
        )
    };
}

/// FastHTML's `SvgOob` (SPEC 1.120): an `Svg!` wrapped in a `<template>`, as an htmx
/// out-of-band swap of SVG content needs.
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::svg::{Rect, SvgOob};
/// assert_eq!(
///     SvgOob!(Rect!(1, 1)).render(),
///     r#"<template><svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1" x="0" y="0"></rect></svg></template>"#
/// );
/// ```
#[macro_export]
macro_rules! SvgOob {
    ($($t:tt)*) => {
        $crate::svg::template($crate::SvgX!($($t)*))
    };
}

/// FastHTML's `SvgInb` (SPEC 1.120): an `Svg!` and the response header
/// [`SVG_INB_HEADER`] (`HX-Reselect: svg>*`), so htmx swaps in the shapes inside the `<svg>`.
/// FastHTML 0.14.14 names the header `HX-Hx-Reselect`, which htmx does not know; ft sends
/// the name htmx reads.
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::svg::{Rect, SvgInb};
/// let (svg, header) = SvgInb!(Rect!(1, 1));
/// assert_eq!(svg.tag(), Some("svg"));
/// assert_eq!(header, ("HX-Reselect", "svg>*"));
/// ```
#[macro_export]
macro_rules! SvgInb {
    ($($t:tt)*) => {
        ($crate::SvgX!($($t)*), $crate::svg::SVG_INB_HEADER)
    };
}

/// Wraps a tree in a `<template>` (what `SvgOob!` does).
pub fn template(content: impl IntoFt) -> Ft {
    let mut t = Element::new_static("template", false);
    t.push(content);
    Ft::Element(t)
}

/// An SVG `<path>` with FastHTML's chainable path commands (`PathFT`, SPEC 1.118). Each
/// command appends to `d`, separated by a space; numbers are written as Python writes them.
/// It derefs to [`Ft`] (`.render()`, `.to_xml()`, `.get("d")`) and is a child like any `Ft`.
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::svg::Path;
/// let p = Path!().M(0, 0).C(1, 2, 3, 4, 5, 6).Q(1, 1, 2, 2).A(5, 5, 0, 0, 1, 10.5, 10);
/// assert_eq!(p.get_str("d").as_deref(), Some("M0 0 C1 2 3 4 5 6 Q1 1 2 2 A5 5 0 0 1 10.5 10"));
/// assert_eq!(G!(p).render(), r#"<g><path d="M0 0 C1 2 3 4 5 6 Q1 1 2 2 A5 5 0 0 1 10.5 10"></path></g>"#);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PathFt(Ft);

#[allow(non_snake_case)]
impl PathFt {
    /// Wraps a `<path>` element (what `Path!` does).
    pub fn from_ft(ft: Ft) -> Self {
        PathFt(ft)
    }
    /// The tree.
    pub fn into_inner(self) -> Ft {
        self.0
    }
    fn cmd(mut self, cmd: String) -> Self {
        if let Some(e) = self.0.as_element_mut() {
            let d = match e.get_str("d") {
                Some(cur) if !cur.is_empty() => format!("{cur} {cmd}"),
                _ => cmd,
            };
            e.put(Cow::Borrowed("d"), Some(AttrValue::Text(Str::from(d))));
        }
        self
    }
    /// Move to.
    pub fn M(self, x: impl IntoAttr, y: impl IntoAttr) -> Self {
        self.cmd(format!("M{} {}", plain(x), plain(y)))
    }
    /// Line to.
    pub fn L(self, x: impl IntoAttr, y: impl IntoAttr) -> Self {
        self.cmd(format!("L{} {}", plain(x), plain(y)))
    }
    /// Horizontal line to.
    pub fn H(self, x: impl IntoAttr) -> Self {
        self.cmd(format!("H{}", plain(x)))
    }
    /// Vertical line to.
    pub fn V(self, y: impl IntoAttr) -> Self {
        self.cmd(format!("V{}", plain(y)))
    }
    /// Close path.
    pub fn Z(self) -> Self {
        self.cmd("Z".to_owned())
    }
    /// Cubic Bézier curve.
    pub fn C(
        self,
        x1: impl IntoAttr,
        y1: impl IntoAttr,
        x2: impl IntoAttr,
        y2: impl IntoAttr,
        x: impl IntoAttr,
        y: impl IntoAttr,
    ) -> Self {
        let (x1, y1, x2, y2, x, y) = (
            plain(x1),
            plain(y1),
            plain(x2),
            plain(y2),
            plain(x),
            plain(y),
        );
        self.cmd(format!("C{x1} {y1} {x2} {y2} {x} {y}"))
    }
    /// Smooth cubic Bézier curve.
    pub fn S(
        self,
        x2: impl IntoAttr,
        y2: impl IntoAttr,
        x: impl IntoAttr,
        y: impl IntoAttr,
    ) -> Self {
        self.cmd(format!(
            "S{} {} {} {}",
            plain(x2),
            plain(y2),
            plain(x),
            plain(y)
        ))
    }
    /// Quadratic Bézier curve.
    pub fn Q(
        self,
        x1: impl IntoAttr,
        y1: impl IntoAttr,
        x: impl IntoAttr,
        y: impl IntoAttr,
    ) -> Self {
        self.cmd(format!(
            "Q{} {} {} {}",
            plain(x1),
            plain(y1),
            plain(x),
            plain(y)
        ))
    }
    /// Smooth quadratic Bézier curve.
    pub fn T(self, x: impl IntoAttr, y: impl IntoAttr) -> Self {
        self.cmd(format!("T{} {}", plain(x), plain(y)))
    }
    /// Elliptical arc.
    #[allow(clippy::too_many_arguments)]
    pub fn A(
        self,
        rx: impl IntoAttr,
        ry: impl IntoAttr,
        x_axis_rotation: impl IntoAttr,
        large_arc_flag: impl IntoAttr,
        sweep_flag: impl IntoAttr,
        x: impl IntoAttr,
        y: impl IntoAttr,
    ) -> Self {
        let (rx, ry, rot) = (plain(rx), plain(ry), plain(x_axis_rotation));
        let (large, sweep, x, y) = (plain(large_arc_flag), plain(sweep_flag), plain(x), plain(y));
        self.cmd(format!("A{rx} {ry} {rot} {large} {sweep} {x} {y}"))
    }
}

impl std::ops::Deref for PathFt {
    type Target = Ft;
    fn deref(&self) -> &Ft {
        &self.0
    }
}
impl std::ops::DerefMut for PathFt {
    fn deref_mut(&mut self) -> &mut Ft {
        &mut self.0
    }
}
impl IntoFt for PathFt {
    fn into_ft(self) -> Ft {
        self.0
    }
}
impl IntoFt for &PathFt {
    fn into_ft(self) -> Ft {
        self.0.clone()
    }
}
impl From<PathFt> for Ft {
    fn from(p: PathFt) -> Ft {
        p.0
    }
}
impl fmt::Display for PathFt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

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
