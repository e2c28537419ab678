//! SPEC 1M: SVG helpers (`fasthtml.svg`). Expected strings are FastHTML 0.14.14's output unless
//! a comment names a deliberate difference.

use ft_html::prelude::*;
use ft_html::svg::*;
use ft_html::svg::{Svg, Text};

// SPEC 1.115. Deliberate difference: FastHTML writes `viewbox` (lower-cased); SVG is
// case-sensitive XML, so ft writes `viewBox`.
#[test]
fn svg_root_xmlns_and_viewbox() {
    // FastHTML: <svg xmlns="http://www.w3.org/2000/svg" viewbox="0 0 100 50" height="50" width="100"></svg>
    assert_eq!(
        Svg!(w = 100, h = 50).render(),
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" height="50" width="100"></svg>"#
    );
    assert_eq!(
        Svg!(width = 100, height = 50, fill = "x").render(),
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" height="50" width="100" fill="x"></svg>"#
    );
    assert_eq!(
        Svg!().render(),
        r#"<svg xmlns="http://www.w3.org/2000/svg"></svg>"#
    );
    // A falsy `w` is ignored, and then there is no viewBox.
    assert_eq!(
        Svg!(w = 0, h = 10).render(),
        r#"<svg xmlns="http://www.w3.org/2000/svg" height="10"></svg>"#
    );
    // A given viewBox wins; id/class come last.
    assert_eq!(
        Svg!(
            Rect!(1, 1),
            w = 100,
            h = 50,
            id = "s",
            cls = "c",
            viewBox = "0 0 1 1"
        )
        .render(),
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" height="50" width="100" id="s" class="c"><rect width="1" height="1" x="0" y="0"></rect></svg>"#
    );
    let svg = SvgX!(w = 1, h = 2);
    let vb = svg.as_element().and_then(|e| {
        let attrs = e.attrs();
        let a = attrs.iter().find(|a| a.name == "viewBox")?;
        a.value.to_plain().map(|v| v.into_owned())
    });
    assert_eq!(vb.as_deref(), Some("0 0 1 2"));
}

// SPEC 1.115 (deliberate): camel-case SVG attributes keep their case on the SVG builders.
#[test]
fn svg_camel_case_attrs() {
    assert_eq!(
        Svg!("preserveAspectRatio" = "none", viewbox = "0 0 2 2").render(),
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2" preserveAspectRatio="none"></svg>"#
    );
    assert_eq!(svg_attr_name("gradientunits"), "gradientUnits");
    assert_eq!(svg_attr_name("fill"), "fill");
}

// SPEC 1.116
#[test]
fn rect_and_circle() {
    assert_eq!(
        Rect!(10, 20, fill = "red", stroke_width = 2).render(),
        r#"<rect width="10" height="20" x="0" y="0" fill="red" stroke-width="2"></rect>"#
    );
    assert_eq!(
        Circle!(5).render(),
        r#"<circle r="5" cx="0" cy="0"></circle>"#
    );
    // Signature order, whatever the call order; presentation attributes first; id/class last.
    assert_eq!(
        Rect!(
            10,
            20,
            stroke_width = 2,
            id = "r",
            data_x = 1,
            fill = "red",
            opacity = 0.5,
            cls = "c"
        )
        .render(),
        r#"<rect opacity="0.5" width="10" height="20" x="0" y="0" fill="red" stroke-width="2" data-x="1" id="r" class="c"></rect>"#
    );
    assert_eq!(
        Circle!(
            5,
            cx = 1,
            cy = 2,
            fill = "r",
            stroke = "s",
            stroke_width = 1,
            transform = "t"
        )
        .render(),
        r#"<circle transform="t" r="5" cx="1" cy="2" fill="r" stroke="s" stroke-width="1"></circle>"#
    );
    assert_eq!(
        Rect!(0, 0).render(),
        r#"<rect width="0" height="0" x="0" y="0"></rect>"#
    );
}

// SPEC 1.117
#[test]
fn ellipse_line_polygon_text() {
    assert_eq!(
        Ellipse!(3, 4).render(),
        r#"<ellipse rx="3" ry="4" cx="0" cy="0"></ellipse>"#
    );
    assert_eq!(
        Line!(0, 0, 10, 10, stroke = "k", w = 2).render(),
        r#"<line x1="0" y1="0" x2="10" y2="10" stroke="k" stroke-width="2"></line>"#
    );
    assert_eq!(
        Line!(1, 2).render(),
        r#"<line x1="1" y1="2" x2="0" y2="0"></line>"#
    );
    // Deliberate difference in the call only: Rust has no *args, so points are one list.
    assert_eq!(
        Polygon!([(0, 0), (1, 2), (3, 4)], fill = "b").render(),
        r#"<polygon points="0,0 1,2 3,4" fill="b"></polygon>"#
    );
    assert_eq!(
        Polyline!(vec![(0.0, 0.0), (1.5, 2.0)]).render(),
        r#"<polyline points="0.0,0.0 1.5,2.0"></polyline>"#
    );
    assert_eq!(
        Polyline!(points = "1,2").render(),
        r#"<polyline points="1,2"></polyline>"#
    );
    assert_eq!(
        Text!("hi", font_size = 12, text_anchor = "middle").render(),
        r#"<text x="0" y="0" font-size="12" text-anchor="middle">hi</text>"#
    );
    assert_eq!(
        SvgText!("a", x = 5).render(),
        r#"<text x="5" y="0">a</text>"#
    );
    assert_eq!(
        Ellipse!(
            5,
            6,
            cx = 1,
            cy = 2,
            fill = "r",
            stroke = "s",
            stroke_width = 1
        )
        .render(),
        r#"<ellipse rx="5" ry="6" cx="1" cy="2" fill="r" stroke="s" stroke-width="1"></ellipse>"#
    );
}

// SPEC 1.118. Deliberate difference: FastHTML's `d` starts with a stray space
// (`d=" M0 0 ..."`), because its default `d` is `''`; ft starts with the first command.
#[test]
fn path_builder() {
    let p = Path!(fill = "none")
        .M(0, 0)
        .L(10, 10)
        .H(5)
        .V(2)
        .C(1, 2, 3, 4, 5, 6)
        .Q(1, 1, 2, 2)
        .A(5, 5, 0, 0, 1, 10, 10)
        .Z();
    // FastHTML: <path d=" M0 0 L10 10 H5 V2 C1 2 3 4 5 6 Q1 1 2 2 A5 5 0 0 1 10 10 Z" fill="none"></path>
    assert_eq!(
        p.render(),
        r#"<path d="M0 0 L10 10 H5 V2 C1 2 3 4 5 6 Q1 1 2 2 A5 5 0 0 1 10 10 Z" fill="none"></path>"#
    );
    // Given data is extended with a space, as in FastHTML.
    assert_eq!(
        Path!(d = "M0 0").L(1, 1).S(1, 2, 3, 4).T(5, 6).render(),
        r#"<path d="M0 0 L1 1 S1 2 3 4 T5 6"></path>"#
    );
    assert_eq!(Path!("M1 1").render(), r#"<path d="M1 1"></path>"#);
    assert_eq!(Path!().render(), r#"<path d=""></path>"#);
    assert_eq!(
        Path!(stroke = "k", id = "p").M(0, 0).render(),
        r#"<path d="M0 0" stroke="k" id="p"></path>"#
    );
    // A PathFt is a child like any Ft.
    assert_eq!(
        Svg!(Path!().M(1.5, 2)).render(),
        r#"<svg xmlns="http://www.w3.org/2000/svg"><path d="M1.5 2"></path></svg>"#
    );
}

// SPEC 1.119. Deliberate differences: a builder instead of keyword arguments, and `scale(2)`
// where FastHTML writes the Python one-tuple `scale(2,)`.
#[test]
fn transformd_builder() {
    // FastHTML: {'transform': 'translate(1, 2) scale(2,) rotate(45,0,0)'}
    let t = transformd().translate([1, 2]).rotate([45, 0, 0]).scale([2]);
    assert_eq!(
        t.value().as_deref(),
        Some("translate(1, 2) scale(2) rotate(45,0,0)")
    );
    // FastHTML: {'transform': 'translate(1, 2) scale(2, 3) skewX(5) skewY(6) matrix(1, 2, 3, 4, 5, 6)'}
    let t = transformd()
        .matrix([1, 2, 3, 4, 5, 6])
        .skew_y(6)
        .skew_x(5)
        .scale([2, 3])
        .translate([1, 2]);
    assert_eq!(
        t.value().as_deref(),
        Some("translate(1, 2) scale(2, 3) skewX(5) skewY(6) matrix(1, 2, 3, 4, 5, 6)")
    );
    assert_eq!(transformd().value(), None);
    assert_eq!(transformd().into_iter().count(), 0);
    // FastHTML: <rect transform="rotate(45)" width="1" height="1" x="0" y="0"></rect>
    assert_eq!(
        Rect!(1, 1, ..transformd().rotate([45])).render(),
        r#"<rect transform="rotate(45)" width="1" height="1" x="0" y="0"></rect>"#
    );
    assert_eq!(
        G!(..transformd().translate([1.5, 2.0])).render(),
        r#"<g transform="translate(1.5, 2.0)"></g>"#
    );
}

// SPEC 1.120. Deliberate difference: SvgInb's header is `HX-Reselect` (the one htmx reads),
// not FastHTML's doubled `HX-Hx-Reselect`.
#[test]
fn svg_oob_and_inb() {
    assert_eq!(
        SvgOob!(Rect!(1, 1)).render(),
        r#"<template><svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1" x="0" y="0"></rect></svg></template>"#
    );
    assert_eq!(
        SvgOob!(Rect!(1, 1), id = "x").render(),
        r#"<template><svg xmlns="http://www.w3.org/2000/svg" id="x"><rect width="1" height="1" x="0" y="0"></rect></svg></template>"#
    );
    let (svg, header) = SvgInb!(Rect!(1, 1));
    assert_eq!(
        svg.render(),
        r#"<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1" x="0" y="0"></rect></svg>"#
    );
    // FastHTML: HttpHeader(k='HX-Hx-Reselect', v='svg>*')
    assert_eq!(header, ("HX-Reselect", "svg>*"));
    assert_eq!(
        Button!(hx_get = "/s", ..SVG_INB).render(),
        r#"<button hx-get="/s" hx-select="svg&gt;*"></button>"#
    );
}

// SPEC 1.121. Deliberate difference: SVG's camel-case tags keep their case (FastHTML:
// `<lineargradient><stop offset="0"></stop></lineargradient> <fegaussianblur></fegaussianblur>`).
#[test]
fn svg_camel_case_tags() {
    assert_eq!(
        LinearGradient!(Stop!(offset = "0")).render(),
        r#"<linearGradient><stop offset="0"></stop></linearGradient>"#
    );
    assert_eq!(
        FeGaussianBlur!().render(),
        "<feGaussianBlur></feGaussianBlur>"
    );
    assert_eq!(
        ClipPath!(Circle!(1)).render(),
        r#"<clipPath><circle r="1" cx="0" cy="0"></circle></clipPath>"#
    );
}

// SPEC 1.115-1.117: SVG helpers are inline tags: no indentation inside (as FastHTML).
#[test]
fn svg_nesting_to_xml() {
    // FastHTML: '<svg xmlns="http://www.w3.org/2000/svg"><circle r="5" cx="0" cy="0" fill="red"></circle></svg>'
    assert_eq!(
        Svg!(Circle!(5, fill = "red")).to_xml(),
        r#"<svg xmlns="http://www.w3.org/2000/svg"><circle r="5" cx="0" cy="0" fill="red"></circle></svg>"#
    );
}
