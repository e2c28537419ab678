//! What the tag macros turn `format!(..)` into when it is a child or an attribute value: the
//! pieces are appended to a [`StrBuilder`] (24 bytes inline, so ids and short URLs need no
//! allocation), integers from a digit table or through `itoa`, strings as they are, other
//! values through `Display`. `format!("/items/{}", it.id)` becomes, in effect,
//! `b.push_str("/items/"); b.push_str(itoa(it.id)); b.finish()`.

use crate::Str;
use std::fmt;

/// Builds a [`Str`] piece by piece.
///
/// ```
/// use ft_html::__private::fmt::StrBuilder;
/// let mut b = StrBuilder::new();
/// b.push_str("/items/");
/// b.push_str("42");
/// assert_eq!(b.finish(), "/items/42");
/// ```
#[derive(Default)]
pub struct StrBuilder(compact_str::CompactString);

impl StrBuilder {
    /// An empty builder.
    #[inline]
    pub fn new() -> StrBuilder {
        StrBuilder(compact_str::CompactString::const_new(""))
    }

    /// Appends `s`.
    #[inline]
    pub fn push_str(&mut self, s: &str) {
        self.0.push_str(s);
    }

    /// The string.
    #[inline]
    pub fn finish(self) -> Str {
        Str::from_compact(self.0)
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

/// An integer's digits, through `itoa`.
#[inline]
fn put_int<T: itoa::Integer>(b: &mut StrBuilder, n: T) {
    b.push_str(itoa::Buffer::new().format(n));
}

macro_rules! fast_ints {
    ($($t:ty),*) => {$(
        impl Fast for Piece<'_, $t> {
            #[inline]
            fn put(&self, b: &mut StrBuilder) {
                put_int(b, *self.0);
            }
        }
        impl Fast for Piece<'_, &$t> {
            #[inline]
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
            #[inline]
            fn put(&self, b: &mut StrBuilder) {
                b.push_str(self.0);
            }
        }
    )*};
}
fast_strs!(str, &str, String, &String, Str, &Str);

// ---------------------------------------------------------------- formats kept as pieces

/// A kept `format!`'s literal pieces as a type: the tag macro writes a unit struct for each
/// kept call, so a [`Fmt`] holds its arguments only (a row's values are boxed together, and
/// every byte of them is paid for each row).
#[doc(hidden)]
pub trait Lits: 'static {
    /// The literal pieces around the arguments: one more than there are arguments.
    const LITS: &'static [&'static str];
}

/// A `format!(..)` value in a compiled template, kept as its literal pieces ([`Lits`]) and
/// typed arguments and written out only when rendered: for
/// `hx_get = format!("/items/{}", it.id)` the template holds the `i64` (like `maud` writing
/// `"/items/" (it.id)`), not a string.
///
/// The tag macro makes one only when the pieces hold nothing to escape (`&`, `<`, `>`, `"`)
/// and cannot start a URL scheme that the arguments finish (no `:` in them, or a `/`, `?` or
/// `#` before the first one): then, with integer arguments, the value is written as it is
/// ([`FmtArgs::DIGITS`]); any other argument is formatted and escaped like a string.
/// Reading the tree gives the same `Str` the `format!` would have.
#[doc(hidden)]
pub struct Fmt<L, A> {
    args: A,
    lits: std::marker::PhantomData<fn() -> L>,
}

impl<L, A: Clone> Clone for Fmt<L, A> {
    fn clone(&self) -> Fmt<L, A> {
        Fmt {
            args: self.args.clone(),
            lits: std::marker::PhantomData,
        }
    }
}

impl<L: Lits, A: FmtArgs> Fmt<L, A> {
    #[inline]
    pub fn new(args: A) -> Fmt<L, A> {
        Fmt {
            args,
            lits: std::marker::PhantomData,
        }
    }

    /// The arguments (a template's renderer writes the pieces as literals between them).
    #[inline]
    pub fn args(&self) -> &A {
        &self.args
    }

    /// The formatted string.
    pub fn to_str(&self) -> Str {
        let mut b = StrBuilder::new();
        self.args.push(L::LITS, &mut b);
        b.finish()
    }
}

impl<L: Lits, A: FmtArgs> crate::typed::SlotValue for Fmt<L, A> {
    #[inline]
    fn child(&self, out: &mut String) {
        // The pieces hold nothing to escape; the arguments are escaped as text.
        self.args.text(L::LITS, out);
    }
    #[inline]
    fn attr(&self, name: &str, out: &mut String) {
        if A::DIGITS {
            // Pieces with nothing to escape and digits: the value as it is, in `"`s.
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            self.child(out);
            out.push('"');
        } else {
            let s = self.to_str();
            crate::render::render_attr_value(name, crate::attr::AttrRef::Text(&s), out);
        }
    }
    fn into_ft(self) -> crate::Ft {
        crate::Ft::Text(crate::Text::Str(self.to_str()))
    }
}

/// An element's `id = format!(..)` in a compiled template: a [`Fmt`] rendered like the other
/// kept `format!`s, and formatted into a string only when the tree is asked for the element's
/// id ([`SlotValue::as_str`](crate::typed::SlotValue::as_str) borrows it, so the string is
/// kept once made).
#[doc(hidden)]
pub struct FmtId<L, A> {
    fmt: Fmt<L, A>,
    text: std::sync::OnceLock<Str>,
}

impl<L, A: Clone> Clone for FmtId<L, A> {
    fn clone(&self) -> FmtId<L, A> {
        FmtId {
            fmt: self.fmt.clone(),
            text: self.text.clone(),
        }
    }
}

impl<L: Lits, A: FmtArgs> FmtId<L, A> {
    #[inline]
    pub fn new(fmt: Fmt<L, A>) -> FmtId<L, A> {
        FmtId {
            fmt,
            text: std::sync::OnceLock::new(),
        }
    }
}

impl<L: Lits, A: FmtArgs> crate::typed::SlotValue for FmtId<L, A> {
    #[inline]
    fn child(&self, out: &mut String) {
        crate::typed::SlotValue::child(&self.fmt, out);
    }
    #[inline]
    fn attr(&self, name: &str, out: &mut String) {
        crate::typed::SlotValue::attr(&self.fmt, name, out);
    }
    fn into_ft(self) -> crate::Ft {
        let s = self.text.into_inner().unwrap_or_else(|| self.fmt.to_str());
        crate::Ft::Text(crate::Text::Str(s))
    }
    fn as_str(&self) -> Option<&str> {
        Some(self.text.get_or_init(|| self.fmt.to_str()).as_str())
    }
}

/// A kept `format!`: its arguments, for a template's renderer (which writes the pieces).
#[doc(hidden)]
pub trait Pieces {
    type Args: FmtArgs;
    fn args(&self) -> &Self::Args;
}

impl<L: Lits, A: FmtArgs> Pieces for Fmt<L, A> {
    type Args = A;
    #[inline]
    fn args(&self) -> &A {
        &self.args
    }
}

impl<L: Lits, A: FmtArgs> Pieces for FmtId<L, A> {
    type Args = A;
    #[inline]
    fn args(&self) -> &A {
        &self.fmt.args
    }
}

/// A kept `format!`'s arguments (see [`Pieces`]).
#[inline]
pub fn args<P: Pieces>(p: &P) -> &P::Args {
    p.args()
}

/// Are all of a kept `format!`'s arguments integers (see [`FmtArgs::DIGITS`])?
#[inline]
pub fn digits<P: Pieces>(_: &P) -> bool {
    P::Args::DIGITS
}

/// An argument of a [`Fmt`]: an integer, or anything else as the string it displays as.
#[doc(hidden)]
pub trait FmtArg: Clone + Send + Sync + 'static {
    /// Are its characters digits (and a sign), never escaped?
    const DIGITS: bool;
    /// Writes it as text (escaped).
    fn text(&self, out: &mut String);
    /// Appends it as it is.
    fn push(&self, b: &mut StrBuilder);
}

/// The two integer arguments: digits, written as the renderer writes integers.
macro_rules! int_arg {
    ($($t:ty => $write:path;)*) => {$(
        impl FmtArg for $t {
            const DIGITS: bool = true;
            #[inline]
            fn text(&self, out: &mut String) {
                $write(*self, out);
            }
            #[inline]
            fn push(&self, b: &mut StrBuilder) {
                put_int(b, *self);
            }
        }
    )*};
}

int_arg! {
    i64 => crate::render::write_int;
    u64 => crate::render::write_uint;
}

impl FmtArg for Str {
    const DIGITS: bool = false;
    #[inline]
    fn text(&self, out: &mut String) {
        crate::render::write_str(self, out);
    }
    #[inline]
    fn push(&self, b: &mut StrBuilder) {
        b.push_str(self);
    }
}

/// A [`Fmt`]'s arguments: a tuple of [`FmtArg`]s.
#[doc(hidden)]
pub trait FmtArgs: Clone + Send + Sync + 'static {
    /// Are all of them integers?
    const DIGITS: bool;
    /// Writes the pieces as they are and the arguments as text, alternating.
    fn text(&self, lits: &[&str], out: &mut String);
    /// Appends the pieces and the arguments, as they are, alternating.
    fn push(&self, lits: &[&str], b: &mut StrBuilder);
}

/// One method of [`FmtArgs`] for a tuple: `$put(out, piece)` and `FmtArg::$arg(&self.i, out)`
/// alternating (the pieces are one more than the arguments).
macro_rules! alternate {
    ($self:ident, $lits:ident, $out:ident, $put:path, $arg:ident, $($i:tt)+) => {{
        let mut lits = $lits.iter();
        $(
            if let Some(l) = lits.next() {
                $put($out, l);
            }
            FmtArg::$arg(&$self.$i, $out);
        )+
        for l in lits {
            $put($out, l);
        }
    }};
}

macro_rules! fmt_args {
    ($(($($t:ident $i:tt),+);)*) => {$(
        impl<$($t: FmtArg),+> FmtArgs for ($($t,)+) {
            const DIGITS: bool = $($t::DIGITS)&&+;
            #[inline]
            fn text(&self, lits: &[&str], out: &mut String) {
                alternate!(self, lits, out, String::push_str, text, $($i)+)
            }
            #[inline]
            fn push(&self, lits: &[&str], b: &mut StrBuilder) {
                alternate!(self, lits, b, StrBuilder::push_str, push, $($i)+)
            }
        }
    )*};
}

fmt_args! {
    (A 0);
    (A 0, B 1);
    (A 0, B 1, C 2);
    (A 0, B 1, C 2, D 3);
    (A 0, B 1, C 2, D 3, E 4);
    (A 0, B 1, C 2, D 3, E 4, F 5);
}

/// A `format!` argument on its way into a [`Fmt`]: the tag macro writes
/// `(&&&Val::new(&arg)).ft_fmt().into_slot()`, and method resolution picks the integer or
/// string conversion when the argument's type has one ([`FmtTyped`]), and `Display` otherwise
/// ([`FmtAny`]).
#[doc(hidden)]
pub trait FmtTyped {
    type Out;
    fn ft_fmt(&self) -> crate::typed::Ready<Self::Out>;
}

/// Any other `format!` argument: formatted with `Display` (see [`FmtTyped`]).
#[doc(hidden)]
pub trait FmtAny {
    type In;
    fn ft_fmt(&self) -> Displayed<Self::In>;
}

/// An argument of no typed kind: `into_slot` formats it.
#[doc(hidden)]
pub struct Displayed<T>(T);

impl<T: fmt::Display> Displayed<T> {
    #[inline]
    pub fn into_slot(self) -> Str {
        let mut b = StrBuilder::new();
        let _ = fmt::Write::write_fmt(&mut b, format_args!("{}", self.0));
        b.finish()
    }
}

impl<T> FmtAny for &crate::typed::Val<T> {
    type In = T;
    #[inline]
    fn ft_fmt(&self) -> Displayed<T> {
        Displayed(self.take())
    }
}

macro_rules! fmt_typed {
    ($($t:ty => $out:ty, $f:expr;)*) => {$(
        impl FmtTyped for &&crate::typed::Val<&$t> {
            type Out = $out;
            #[inline]
            fn ft_fmt(&self) -> crate::typed::Ready<$out> {
                crate::typed::Ready($f(self.take()))
            }
        }
    )*};
}

fmt_typed! {
    i8 => i64, |n: &i8| i64::from(*n);
    i16 => i64, |n: &i16| i64::from(*n);
    i32 => i64, |n: &i32| i64::from(*n);
    i64 => i64, |n: &i64| *n;
    isize => i64, |n: &isize| *n as i64;
    u8 => u64, |n: &u8| u64::from(*n);
    u16 => u64, |n: &u16| u64::from(*n);
    u32 => u64, |n: &u32| u64::from(*n);
    u64 => u64, |n: &u64| *n;
    usize => u64, |n: &usize| *n as u64;
    &i32 => i64, |n: &&i32| i64::from(**n);
    &i64 => i64, |n: &&i64| **n;
    &u32 => u64, |n: &&u32| u64::from(**n);
    &u64 => u64, |n: &&u64| **n;
    &usize => u64, |n: &&usize| **n as u64;
    &str => Str, |s: &&str| Str::new(s);
    String => Str, |s: &String| Str::new(s);
    &String => Str, |s: &&String| Str::new(s);
    Str => Str, Str::clone;
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Url;
    impl Lits for Url {
        const LITS: &'static [&'static str] = &["/items/", "?q=", ""];
    }

    #[test]
    fn a_kept_format_holds_its_arguments_only() {
        let f = Fmt::<Url, (i64, Str)>::new((-4, Str::from_static("a<b")));
        // The pieces are the type's: the value is its arguments, not a slice of pieces more.
        assert_eq!(std::mem::size_of_val(&f), std::mem::size_of::<(i64, Str)>());
        assert_eq!(f.to_str(), "/items/-4?q=a<b");
        assert_eq!(f.clone().to_str(), format!("/items/{}?q={}", -4, "a<b"));
        let mut out = String::new();
        crate::typed::SlotValue::child(&f, &mut out);
        assert_eq!(out, "/items/-4?q=a&lt;b");
        let id = FmtId::new(Fmt::<Url, (i64, Str)>::new((7, Str::from_static("x"))));
        assert_eq!(
            crate::typed::SlotValue::as_str(&id.clone()),
            Some("/items/7?q=x")
        );
    }

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
