//! GENERATE: `format!("..", args)` as its pieces, and the guard holding it to std's `format!`.

use super::generate::{Conv, specialized};
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{Expr, ExprMacro, Ident, LitStr, Token};

/// `format!(..)` as a child or attribute value is formatted straight into a `Str` (inline up
/// to 24 bytes: no allocation for ids and short URLs), with its guard (`checked_format`);
/// any other expression is kept as is.
pub(crate) fn formatted(krate: &TokenStream, expr: &Expr) -> TokenStream {
    let Some(m) = format_call(expr) else {
        return quote!(#expr);
    };
    if crate::Templates::current() == crate::Templates::Data {
        // Debug builds: std's `format!`, the least code to compile. (`format!("{x}")` is
        // how a value is written in a tag macro, not a useless `format!`.)
        let args = &m.mac.tokens;
        let value = quote_spanned! {expr.span()=> {
            #[allow(clippy::useless_format)]
            let __ft_f: ::std::string::String = ::std::format!(#args);
            __ft_f
        }};
        return checked_format(m, value);
    }
    let value = match plain_format(&m.mac.tokens) {
        Some(pieces) => concat_pieces(krate, pieces),
        None => {
            let args = &m.mac.tokens;
            quote_spanned!(expr.span()=> #krate::Str::format(::std::format_args!(#args)))
        }
    };
    checked_format(m, value)
}

/// [`fmt_pieces`]'s value alone.
#[cfg(test)]
pub(crate) fn fmt_slot(krate: &TokenStream, expr: &Expr) -> Option<TokenStream> {
    fmt_pieces(krate, expr).map(|(value, _)| value)
}

/// `format!(..)` in a compiled template kept as its pieces (ft-html's `fmt::Fmt`), when it is
/// a plain format of at most six arguments whose literal text holds nothing to escape and
/// cannot start a URL scheme that an argument finishes (no `:`, or a `/`, `?` or `#` before
/// the first one), with its guard (`checked_format`), and the literal pieces (one more than
/// the arguments: the template's renderer writes them as literals). The arguments are
/// borrowed, as `format!` borrows them.
pub(crate) fn fmt_pieces(krate: &TokenStream, expr: &Expr) -> Option<(TokenStream, Vec<String>)> {
    if crate::Templates::current() == crate::Templates::Data {
        return None;
    }
    let m = format_call(expr)?;
    let mut lits = vec![String::new()];
    let mut args = Vec::new();
    for piece in plain_format(&m.mac.tokens)? {
        match piece {
            Piece::Lit(s) => lits.last_mut()?.push_str(&s),
            Piece::Value(v) => {
                args.push(v);
                lits.push(String::new());
            }
        }
    }
    let text: String = lits.concat();
    let lead_fixed = lits[0]
        .find([':', '/', '?', '#'])
        .is_some_and(|i| lits[0].as_bytes()[i] != b':');
    if args.is_empty()
        || args.len() > 6
        || text.contains(['&', '<', '>', '"'])
        || (text.contains(':') && !lead_fixed)
    {
        return None;
    }
    let args = args
        .iter()
        .map(|a| specialized(krate, a.span(), Conv::Fmt, quote!(&(#a))));
    // The pieces as a type of their own (`fmt::Lits`): the kept value holds the arguments only.
    let ty = Ident::new("__FtLits", Span::mixed_site());
    let value = quote_spanned! {expr.span()=> {
        struct #ty;
        impl #krate::__private::fmt::Lits for #ty {
            const LITS: &'static [&'static str] = &[#(#lits),*];
        }
        #krate::__private::fmt::Fmt::<#ty, _>::new((#(#args,)*))
    }};
    Some((checked_format(m, value), lits))
}

/// `format!("..", ..)`, called by that bare name with a string literal first: the call a tag
/// macro compiles as std's `format!`. Any other call (`format!(concat!(..), ..)`,
/// `my::format!(..)`) is an ordinary expression.
pub(crate) fn format_call(expr: &Expr) -> Option<&ExprMacro> {
    let Expr::Macro(m) = expr else { return None };
    let literal_first = |input: ParseStream| -> syn::Result<()> {
        input.parse::<LitStr>()?;
        input.parse::<TokenStream>()?;
        Ok(())
    };
    let literal_first = syn::parse::Parser::parse2(literal_first, m.mac.tokens.clone()).is_ok();
    (m.mac.path.is_ident("format") && literal_first).then_some(m)
}

/// `value` (the pieces of the `format!` call `m`) with the call's guard. A tag macro sees only
/// the name `format`, so the rule is that inside a tag macro `format!` with a string literal
/// is std's `format!`; the guard makes the compiler hold the call to it. The call is written
/// again, exactly as the user wrote it (its own tokens and spans: it resolves where it was
/// written), where it is type-checked but never run:
///
/// ```text
/// {
///     #[allow(unreachable_code, clippy::all, ..., reason = "..")]
///     if false {
///         ::core::unreachable!();
///         let _: ::std::string::String = format!("/items/{}", it.id);
///     }
///     <the pieces>
/// }
/// ```
///
/// So a user's own `format!` that does not take these arguments, or gives anything but a
/// `String`, is a compile error at the call instead of being replaced by std's. The branch is
/// never taken (nothing at run time), and the call is after a diverging one (unreachable: the
/// borrow checker sees no use of the arguments in it, so a moved argument stays moved once,
/// and a `break`, `continue`, `?` or `.await` among them means what it means in the pieces).
/// The copy is for the compiler only, so no lint looks at it (clippy's `useless_format` would
/// ask for a `String` the pieces do not build). What no proc macro can tell apart remains: a
/// user's own `format!` that takes the same arguments and gives a `String` is compiled as
/// std's.
fn checked_format(m: &ExprMacro, value: TokenStream) -> TokenStream {
    quote_spanned! {m.span()=> {
        #[allow(
            unreachable_code,
            clippy::all,
            clippy::pedantic,
            clippy::nursery,
            clippy::restriction,
            reason = "a tag macro's check of a `format!` call: type-checked, never run"
        )]
        if false {
            ::core::unreachable!();
            let _: ::std::string::String = #m;
        }
        #value
    }}
}

/// A piece of a plain format string: literal text, or a value for a `{}` hole.
pub(super) enum Piece {
    Lit(String),
    Value(TokenStream),
}

/// The pieces of `format!("..", args..)` when every hole is a plain `{}` (taking the next
/// argument, each used once, in order) or `{name}` (a variable): no width, precision or
/// other spec, no named or numbered arguments. `None` leaves the call to `format_args!`.
pub(super) fn plain_format(tokens: &TokenStream) -> Option<Vec<Piece>> {
    let parser = |input: ParseStream| -> syn::Result<(LitStr, Vec<Expr>)> {
        let lit: LitStr = input.parse()?;
        let mut args = Vec::new();
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            if input.peek(Ident) && input.peek2(Token![=]) && !input.peek2(Token![==]) {
                return Err(input.error("named argument"));
            }
            args.push(input.parse()?);
        }
        Ok((lit, args))
    };
    let (lit, args) = syn::parse::Parser::parse2(parser, tokens.clone()).ok()?;
    let fmt = lit.value();
    let mut args = args.into_iter();
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '}' => return None,
            '{' => {
                let mut hole = String::new();
                loop {
                    match chars.next()? {
                        '}' => break,
                        c => hole.push(c),
                    }
                }
                let value = if hole.is_empty() {
                    let a = args.next()?;
                    quote!(#a)
                } else {
                    let ident: Ident = syn::parse_str(&hole).ok()?;
                    let name = ident.to_string();
                    if name.starts_with("r#") {
                        return None;
                    }
                    let ident = Ident::new(&name, lit.span());
                    quote!(#ident)
                };
                if !text.is_empty() {
                    pieces.push(Piece::Lit(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Value(value));
            }
            c => text.push(c),
        }
    }
    if args.next().is_some() {
        return None;
    }
    if !text.is_empty() {
        pieces.push(Piece::Lit(text));
    }
    Some(pieces)
}

/// The pieces appended to a `StrBuilder` in turn: literal text as it is, each value as
/// ft-html's `fmt::Piece` puts it (integers and strings without `fmt`).
fn concat_pieces(krate: &TokenStream, pieces: Vec<Piece>) -> TokenStream {
    let b = Ident::new("__ft_fmt", Span::call_site());
    let steps = pieces.into_iter().map(|p| match p {
        Piece::Lit(s) => quote!(#b.push_str(#s);),
        Piece::Value(v) => quote!((&#krate::__private::fmt::Piece(&(#v))).put(&mut #b);),
    });
    quote! {{
        #[allow(unused_imports)]
        use #krate::__private::fmt::{Fast as _, ViaDisplay as _};
        let mut #b = #krate::__private::fmt::StrBuilder::new();
        #(#steps)*
        #b.finish()
    }}
}
