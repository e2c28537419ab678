//! The SVG helper elements: `SvgBuilder` and the macros built on it (`Svg!`, `Rect!`,
//! `Circle!`, `Ellipse!`, `Line!`, `Polyline!`, `Polygon!`, `Text!`).

use super::attr_case::svg_case;
use super::{Points, plain};
use crate::attr::{Attr, AttrValue, IntoAttr};
use crate::component::Component;
use crate::element::Element;
use crate::{Ft, Str};
use std::borrow::Cow;

/// The SVG namespace `Svg!` writes as `xmlns`.
pub const SVG_NS: &str = "http://www.w3.org/2000/svg";

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
        $crate::__private::macros::component!({$crate}, {$crate::svg::SvgBuilder::svg()}, [w, h], [], nonvoid; $($t)*)
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
        $crate::__private::macros::component!({$crate}, {$crate::svg::SvgBuilder::rect()}, [], [width, height], nonvoid; $($t)*)
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
        $crate::__private::macros::component!({$crate}, {$crate::svg::SvgBuilder::circle()}, [], [r], nonvoid; $($t)*)
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
        $crate::__private::macros::component!({$crate}, {$crate::svg::SvgBuilder::ellipse()}, [], [rx, ry], nonvoid; $($t)*)
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
        $crate::__private::macros::component!({$crate}, {$crate::svg::SvgBuilder::line()}, [w], [x1, y1, x2, y2], nonvoid; $($t)*)
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
        $crate::__private::macros::component!({$crate}, {$crate::svg::SvgBuilder::polyline()}, [points], [points], nonvoid; $($t)*)
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
        $crate::__private::macros::component!({$crate}, {$crate::svg::SvgBuilder::polygon()}, [points], [points], nonvoid; $($t)*)
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
        $crate::__private::macros::component!({$crate}, {$crate::svg::SvgBuilder::text()}, [], [], nonvoid; $($t)*)
    };
}
