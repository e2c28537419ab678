//! `FillFrom` and `fill_dataclass`: copying fields from one value onto another.

use super::FormFields;

/// A value whose fields can be set from a [`FormFields`] value: FastHTML's
/// `fill_dataclass` (SPEC 1.108). `#[derive(FormFields)]` implements it: each field that
/// `src` has and that converts ([`FromField`]) is set; the others are left as they are
/// (a `Null` sets an `Option` field to `None` and leaves other fields alone). Borrowed
/// fields (`&str`) are never set.
///
/// ```
/// use ft_html::prelude::*;
///
/// #[derive(FormFields, Default, Debug, PartialEq)]
/// struct T { a: i32, b: String, c: Option<u8> }
///
/// let mut d = T { c: Some(1), ..T::default() };
/// d.fill_from(&serde_json::json!({"a": "7", "b": "x", "c": null, "zzz": 1}));
/// assert_eq!(d, T { a: 7, b: "x".into(), c: None });
/// ```
///
/// [`FromField`]: super::FromField
pub trait FillFrom {
    /// Sets the fields `src` has; returns `self` for chaining.
    fn fill_from<F: FormFields + ?Sized>(&mut self, src: &F) -> &mut Self;
}

/// FastHTML's `fill_dataclass(src, dest)`: copies the fields of `src` onto `dest` and
/// returns `dest` (SPEC 1.108). See [`FillFrom`] for the rules; unlike FastHTML, `src` may
/// be any [`FormFields`] value (a map, JSON, another struct with the same field names).
///
/// ```
/// use ft_html::prelude::*;
///
/// #[derive(FormFields, Default, Debug)]
/// struct T { a: i32, b: String }
///
/// let mut d = T::default();
/// let r = fill_dataclass(&T { a: 1, b: "x".into() }, &mut d);
/// assert_eq!((r.a, r.b.as_str()), (1, "x"));
/// ```
pub fn fill_dataclass<'d, D: FillFrom + ?Sized>(
    src: &(impl FormFields + ?Sized),
    dest: &'d mut D,
) -> &'d mut D {
    dest.fill_from(src)
}
