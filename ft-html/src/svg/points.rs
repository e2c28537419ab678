//! `Points`: what a `points` attribute accepts (a string, or a list of `(x, y)` pairs).

use super::plain;
use crate::Str;
use crate::attr::{AttrValue, IntoAttr};

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
