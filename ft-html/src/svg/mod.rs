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

use crate::attr::IntoAttr;
use std::borrow::Cow;

mod attr_case;
mod path;
mod points;
mod shapes;
mod swap;
mod transform;

pub use attr_case::svg_attr_name;
pub use path::PathFt;
pub use points::Points;
pub use shapes::{SVG_NS, SvgBuilder};
pub use swap::{SVG_INB, SVG_INB_HEADER, template};
pub use transform::{Transformd, transformd};

pub use crate::{
    Circle, Ellipse, Line, Path, Polygon, Polyline, Rect, SvgInb, SvgOob, SvgText as Text,
    SvgX as Svg,
};

/// An attribute value as plain text (`""` when absent), as the helpers write numbers into
/// `viewBox`, `points`, path data and transforms.
fn plain(v: impl IntoAttr) -> String {
    v.into_attr()
        .and_then(|v| v.to_plain().map(Cow::into_owned))
        .unwrap_or_default()
}
