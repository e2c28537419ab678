//! What the tag macros turn `format!(..)` into when it is a child or an attribute value: the
//! pieces are appended to a [`StrBuilder`] (23 bytes inline, so ids and short URLs need no
//! allocation), integers from a digit table or through `itoa`, strings as they are, other
//! values through `Display`. `format!("/items/{}", it.id)` becomes, in effect,
//! `b.push_str("/items/"); b.push_str(itoa(it.id)); b.finish()`.

use crate::Str;
use std::fmt;

/// Bytes kept inline before moving to a `String`.
const INLINE: usize = 23;

/// Builds a [`Str`] piece by piece.
///
/// ```
/// use ft_core::__fmt::StrBuilder;
/// let mut b = StrBuilder::new();
/// b.push_str("/items/");
/// b.push_str("42");
/// assert_eq!(b.finish(), "/items/42");
/// ```
pub struct StrBuilder {
    buf: [u8; INLINE],
    len: usize,
    spill: Option<String>,
}

impl Default for StrBuilder {
    fn default() -> Self {
        StrBuilder::new()
    }
}

impl StrBuilder {
    /// An empty builder.
    #[inline(always)]
    pub fn new() -> StrBuilder {
        StrBuilder {
            buf: [0; INLINE],
            len: 0,
            spill: None,
        }
    }

    /// Appends `s`.
    #[inline(always)]
    pub fn push_str(&mut self, s: &str) {
        match &mut self.spill {
            None if self.len + s.len() <= INLINE => {
                self.buf[self.len..self.len + s.len()].copy_from_slice(s.as_bytes());
                self.len += s.len();
            }
            _ => self.push_long(s),
        }
    }

    #[cold]
    fn push_long(&mut self, s: &str) {
        let inline = &self.buf[..self.len];
        let out = self.spill.get_or_insert_with(|| {
            let mut out = String::with_capacity((inline.len() + s.len()).max(2 * INLINE));
            // Only whole `&str` pieces were copied into `buf`: it is UTF-8.
            out.push_str(std::str::from_utf8(inline).unwrap_or_default());
            out
        });
        out.push_str(s);
    }

    /// The string.
    #[inline]
    pub fn finish(self) -> Str {
        match self.spill {
            Some(s) => Str::from(s),
            // SAFETY: only whole `&str` pieces were copied into `buf[..len]` (`push_str`), so
            // it is UTF-8; `len <= 23`, and the rest of `buf` is still the zeros of `new`.
            None => unsafe { Str::inline_from_buf(self.buf, self.len) },
        }
    }
}

impl fmt::Write for StrBuilder {
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

/// One `{}` hole's value. `(&Piece(&x)).put(&mut b)` resolves to [`Fast::put`] when `x` is
/// an integer or a string (no formatting machinery), else to [`ViaDisplay::put`].
pub struct Piece<'a, T: ?Sized>(pub &'a T);

/// Appends a value without `fmt`: integers through `itoa`, strings as they are.
pub trait Fast {
    /// Appends the value.
    fn put(&self, b: &mut StrBuilder);
}

/// Appends any `Display` value (the fallback of [`Fast`]).
pub trait ViaDisplay {
    /// Appends the value.
    fn put(&self, b: &mut StrBuilder);
}

impl<T: fmt::Display + ?Sized> ViaDisplay for &Piece<'_, T> {
    #[inline]
    fn put(&self, b: &mut StrBuilder) {
        let _ = fmt::Write::write_fmt(b, format_args!("{}", self.0));
    }
}

/// An integer's digits: below 100 from the renderer's digit table, else through `itoa`.
#[inline(always)]
fn put_int<T: itoa::Integer + TryInto<u64>>(b: &mut StrBuilder, n: T) {
    match n.try_into() {
        Ok(small) if small < 100 => b.push_str(crate::render::small_uint_str(small)),
        _ => b.push_str(itoa::Buffer::new().format(n)),
    }
}

macro_rules! fast_ints {
    ($($t:ty),*) => {$(
        impl Fast for Piece<'_, $t> {
            #[inline(always)]
            fn put(&self, b: &mut StrBuilder) {
                put_int(b, *self.0);
            }
        }
        impl Fast for Piece<'_, &$t> {
            #[inline(always)]
            fn put(&self, b: &mut StrBuilder) {
                put_int(b, **self.0);
            }
        }
    )*};
}
fast_ints!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

macro_rules! fast_strs {
    ($($t:ty),*) => {$(
        impl Fast for Piece<'_, $t> {
            #[inline(always)]
            fn put(&self, b: &mut StrBuilder) {
                b.push_str(self.0);
            }
        }
    )*};
}
fast_strs!(str, &str, String, &String, Str, &Str);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::needless_borrow)] // `(&Piece(..)).put(..)` is the dispatch the macros use
    fn pieces_match_format() {
        struct Shown;
        impl fmt::Display for Shown {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("<shown>")
            }
        }
        let (n, neg, name, long) = (42u64, -7i32, String::from("é-ü"), "x".repeat(30));
        let mut b = StrBuilder::new();
        (&Piece(&n)).put(&mut b);
        b.push_str("/");
        (&Piece(&neg)).put(&mut b);
        (&Piece(&&name)).put(&mut b);
        (&Piece(&Shown)).put(&mut b);
        (&Piece(&1.5f64)).put(&mut b);
        let short = b.finish();
        assert_eq!(short, format!("{n}/{neg}{name}{}{}", Shown, 1.5f64));

        // Past the inline capacity, in the middle of a piece and across pieces.
        let mut b = StrBuilder::new();
        b.push_str("0123456789012345678901");
        (&Piece(&long)).put(&mut b);
        (&Piece(&u128::MAX)).put(&mut b);
        assert_eq!(
            b.finish(),
            format!("0123456789012345678901{long}{}", u128::MAX)
        );
        assert_eq!(StrBuilder::new().finish(), "");

        // Integers at the digit table's edges, and past it, of both signs.
        for n in [
            0i64,
            1,
            9,
            10,
            42,
            99,
            100,
            101,
            999,
            -1,
            -99,
            -100,
            i64::MIN,
            i64::MAX,
        ] {
            let mut b = StrBuilder::new();
            (&Piece(&n)).put(&mut b);
            (&Piece(&n.unsigned_abs())).put(&mut b);
            (&Piece(&(n as i8))).put(&mut b);
            assert_eq!(
                b.finish(),
                format!("{n}{}{}", n.unsigned_abs(), n as i8),
                "{n}"
            );
        }
    }
}
