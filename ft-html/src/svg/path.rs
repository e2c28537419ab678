//! `Path!` and `PathFt`: an SVG `<path>` with FastHTML's chainable path commands.

use super::plain;
use crate::Str;
use crate::attr::{AttrValue, IntoAttr};
use crate::{Ft, IntoFt};
use std::borrow::Cow;
use std::fmt;

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
            $crate::__private::macros::component!({$crate}, {$crate::svg::SvgBuilder::path()}, [], [d], nonvoid; $($t)*)
        )
    };
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
