//! htmx swaps of SVG content: `SvgOob!`, `SvgInb!` and the `SVG_INB` attributes.

use crate::element::Element;
use crate::{Ft, IntoFt};

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
