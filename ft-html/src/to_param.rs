//! [`ToParam`]: a value written as the text [`FromParam`](crate::values::FromParam) reads
//! back, for form fields and query strings; and the attribute, content and form-field
//! conversions of the types that had none (dates, 128-bit integers).

use crate::attr::{AttrValue, IntoAttr, NotStr};
use crate::forms::{AsField, FieldValue, FromField};
use crate::values::FromParam;
use crate::{Ft, IntoFt, Str};
use std::borrow::Cow;

/// The inverse of [`FromParam`](crate::values::FromParam): the text a value is sent as, in a
/// form field or a query string, such that `T::from_param(&v.to_param()) == Some(v)`.
///
/// `bool` is `true`/`false` (never a bare attribute, which submits `""`), floats are Rust's
/// shortest text that reads back exactly, dates and times are ISO 8601 as `<input
/// type=date|datetime-local|time>` writes them (fractional seconds kept), and
/// `DateTime<FixedOffset>` is RFC 3339. `#[derive(StrEnum)]` enums implement it too.
///
/// ```
/// use ft_html::values::{FromParam, ToParam};
/// use chrono::NaiveDate;
///
/// assert_eq!(true.to_param(), "true");
/// assert_eq!(0.1f64.to_param(), "0.1");
/// let day = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
/// assert_eq!(day.to_param(), "2024-02-29");
/// assert_eq!(NaiveDate::from_param(&day.to_param()), Some(day));
/// ```
pub trait ToParam {
    /// The value as text.
    fn to_param(&self) -> Cow<'_, str>;
}

impl<T: ToParam + ?Sized> ToParam for &T {
    fn to_param(&self) -> Cow<'_, str> {
        (**self).to_param()
    }
}

impl ToParam for str {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl ToParam for String {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl ToParam for Cow<'_, str> {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl ToParam for char {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
}

impl ToParam for bool {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
}

macro_rules! display_param {
    ($($t:ty),*) => {$(
        impl ToParam for $t {
            // Integers' and floats' `Display` is exact (floats: the shortest text that
            // parses back to the same bits; never an exponent, which some parsers refuse).
            fn to_param(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}
display_param!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64
);

impl ToParam for chrono::NaiveDate {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Owned(self.format("%Y-%m-%d").to_string())
    }
}

impl ToParam for chrono::NaiveDateTime {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Owned(self.format("%Y-%m-%dT%H:%M:%S%.f").to_string())
    }
}

impl ToParam for chrono::NaiveTime {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Owned(self.format("%H:%M:%S%.f").to_string())
    }
}

impl ToParam for chrono::DateTime<chrono::FixedOffset> {
    fn to_param(&self) -> Cow<'_, str> {
        // `AutoSi` keeps every fractional digit there is (0, 3, 6 or 9 of them).
        Cow::Owned(self.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false))
    }
}

/// Dates, times and 128-bit integers as attribute values and content, in their
/// [`ToParam`] text: `Input!(r#type = "date", value = day)` shows and submits the date.
macro_rules! param_text {
    ($($t:ty),*) => {$(
        impl IntoAttr for $t {
            fn into_attr(self) -> Option<AttrValue> {
                Some(AttrValue::Text(Str::from(self.to_param().into_owned())))
            }
        }
        impl IntoFt for $t {
            fn into_ft(self) -> Ft {
                Ft::text(self.to_param().into_owned())
            }
        }
        impl IntoFt for &$t {
            fn into_ft(self) -> Ft {
                Ft::text(self.to_param().into_owned())
            }
        }
        impl NotStr for $t {}
    )*};
}
param_text!(
    i128,
    u128,
    chrono::NaiveDate,
    chrono::NaiveDateTime,
    chrono::NaiveTime,
    chrono::DateTime<chrono::FixedOffset>
);

/// Form fields of the types `FieldValue` has no variant for: their text.
macro_rules! text_field {
    ($($t:ty),*) => {$(
        impl AsField for $t {
            fn as_field(&self) -> FieldValue<'_> {
                FieldValue::Text(self.to_param())
            }
        }
    )*};
}
text_field!(i128, u128, chrono::DateTime<chrono::FixedOffset>);

// (i128 and u128 read as the other integers do: `forms/from_field.rs`.)
impl FromField for chrono::DateTime<chrono::FixedOffset> {
    fn from_field(v: &FieldValue<'_>) -> Option<Self> {
        v.to_text().and_then(|s| Self::from_param(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

    fn round_trip<T: ToParam + FromParam + PartialEq + std::fmt::Debug>(v: T, text: &str) {
        assert_eq!(v.to_param(), text);
        assert_eq!(T::from_param(text), Some(v), "{text}");
    }

    #[test]
    fn each_type_writes_text_it_reads_back() {
        round_trip(false, "false");
        round_trip(-5i8, "-5");
        round_trip(u128::MAX, "340282366920938463463374607431768211455");
        round_trip(1e300f64, &format!("1{}", "0".repeat(300)));
        round_trip(0.1f32, "0.1");
        round_trip('ß', "ß");
        round_trip(String::from(" a&b "), " a&b ");
        let dt = NaiveDate::from_ymd_opt(2024, 1, 2)
            .and_then(|d| d.and_hms_nano_opt(3, 4, 5, 6_000))
            .unwrap();
        round_trip(dt, "2024-01-02T03:04:05.000006");
        round_trip(dt.date(), "2024-01-02");
        round_trip(NaiveTime::from_hms_opt(23, 59, 0).unwrap(), "23:59:00");
        let z = DateTime::parse_from_rfc3339("2024-01-02T03:04:05.120-05:30").unwrap();
        round_trip(z, "2024-01-02T03:04:05.120-05:30");
        assert_eq!(
            NaiveDateTime::from_param(&dt.to_param()).map(|d| d.and_utc().timestamp_subsec_nanos()),
            Some(6_000)
        );
    }
}
