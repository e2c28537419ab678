//! Leaf content: escaped [`Text`] and trusted [`Raw`] markup.

use crate::Str;
use std::borrow::Cow;
use std::fmt;

/// A text leaf. Strings are HTML-escaped when rendered; numbers are written as they are.
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    /// A string, escaped on output.
    Str(Str),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer.
    UInt(u64),
    /// A float, written the way Python's `str()` writes it (`2.0`, `1.5`).
    Float(f64),
    /// `true`/`false`.
    Bool(bool),
    /// One character, escaped on output.
    Char(char),
}

/// Trusted markup inserted as it is, never escaped: FastHTML's `NotStr`/`Safe` (SPEC 1.30).
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(Div!(Raw::new("<b>x</b>")).render(), "<div><b>x</b></div>");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Raw(pub Str);

impl Raw {
    /// Wraps trusted markup.
    pub fn new(s: impl Into<Str>) -> Self {
        Raw(s.into())
    }
    /// The markup.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// FastHTML's name for [`Raw`].
#[allow(non_snake_case)]
pub fn NotStr(s: impl Into<Str>) -> Raw {
    Raw::new(s)
}

impl Text {
    /// Writes the text, escaped when `escape` is set (strings and chars only).
    #[inline]
    pub(crate) fn write(&self, out: &mut String, escape: bool) {
        match self {
            Text::Str(s) if escape => crate::escape::text(out, s),
            Text::Str(s) => out.push_str(s),
            Text::Int(n) => out.push_str(itoa::Buffer::new().format(*n)),
            Text::UInt(n) => out.push_str(itoa::Buffer::new().format(*n)),
            Text::Float(f) => write_float(out, *f),
            Text::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Text::Char(c) if escape => crate::escape::text(out, c.encode_utf8(&mut [0; 4])),
            Text::Char(c) => out.push(*c),
        }
    }

    /// The text as a string, unescaped.
    pub fn to_plain(&self) -> Cow<'_, str> {
        match self {
            Text::Str(s) => Cow::Borrowed(s.as_str()),
            other => {
                let mut out = String::new();
                other.write(&mut out, false);
                Cow::Owned(out)
            }
        }
    }
}

/// Python's `str(float)`: integral values keep a `.0`, exponents from 1e16 and below 1e-4
/// (`1e+20`, `1.5e-07`), `nan`/`inf`.
pub(crate) fn write_float(out: &mut String, f: f64) {
    write_py_float(out, f, ["nan", "inf", "-inf"]);
}

/// Python's float formatting, with the words to use for NaN, +inf and -inf (`str()` says
/// `nan`/`inf`, `json.dumps` says `NaN`/`Infinity`).
pub(crate) fn write_py_float(out: &mut String, f: f64, non_finite: [&str; 3]) {
    use fmt::Write;
    if !f.is_finite() {
        out.push_str(if f.is_nan() {
            non_finite[0]
        } else if f > 0.0 {
            non_finite[1]
        } else {
            non_finite[2]
        });
        return;
    }
    let sci = format!("{f:e}");
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if (-4..16).contains(&exp) {
        let start = out.len();
        let _ = write!(out, "{f}");
        if !out[start..].contains('.') {
            out.push_str(".0");
        }
    } else {
        let sign = if exp < 0 { '-' } else { '+' };
        let _ = write!(out, "{mant}e{sign}{:02}", exp.abs());
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_plain())
    }
}
