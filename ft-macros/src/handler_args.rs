//! What `#[rt]` and `#[ws]` share: their `"path", key = value, ..` arguments and their
//! parameters, which must be plain names (parameters are found by name).

use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{FnArg, Ident, LitStr, Pat, PatType, Token};

/// Parses an optional leading path literal, then `key = value` options: `option` parses the
/// value of a key it knows and returns `Ok(false)` for one it does not, which becomes an
/// error naming the key and what `expected` says is allowed.
pub fn parse_options(
    input: ParseStream,
    what: &str,
    expected: &str,
    mut option: impl FnMut(&Ident, ParseStream) -> syn::Result<bool>,
) -> syn::Result<Option<LitStr>> {
    let mut path = None;
    if input.peek(LitStr) {
        path = Some(input.parse()?);
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    while !input.is_empty() {
        let key: Ident = input.parse()?;
        // A flag (`cancel_on_disconnect`) has no value: the option sees the `,` or the end.
        if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
        } else if !(input.is_empty() || input.peek(Token![,])) {
            return Err(input.error(format!("expected `=` after `{key}`")));
        }
        if !option(&key, input)? {
            return Err(syn::Error::new(
                key.span(),
                format!("unknown {what} option `{key}`: expected {expected}"),
            ));
        }
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    Ok(path)
}

/// A handler parameter with a plain name: its name and its pattern and type.
pub fn named_param<'a>(arg: &'a FnArg, what: &str) -> syn::Result<(Ident, &'a PatType)> {
    let FnArg::Typed(pt) = arg else {
        return Err(syn::Error::new(
            arg.span(),
            format!("a {what} handler is a free function: it cannot take `self`"),
        ));
    };
    let Pat::Ident(pi) = &*pt.pat else {
        return Err(syn::Error::new(
            pt.pat.span(),
            format!("{what} parameters are found by name: give this parameter a plain name"),
        ));
    };
    Ok((pi.ident.clone(), pt))
}
