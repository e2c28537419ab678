//! What a call expands to while the user is still typing it (rust-analyzer expands tag macros
//! on every keystroke, with its delimiters balanced): the items that parsed, expanded as
//! usual, followed by an error for each item that did not, at its span. So completion, hover
//! and go-to-definition keep working on the complete children.

use super::parse::{Broken, attr_key};
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::quote;
use syn::parse::{ParseStream, Parser};
use syn::{Expr, Ident, Token};

/// The errors as one, the first first.
pub(super) fn combined(errors: impl IntoIterator<Item = syn::Error>) -> Option<syn::Error> {
    errors.into_iter().reduce(|mut all, e| {
        all.combine(e);
        all
    })
}

/// The expression kept of a broken item (its tokens up to the next comma), for rust-analyzer:
/// its value (after `name =` or `..`, else the whole item) if it parses as an expression, or
/// once a trailing `.` is dropped (`t.` while typing a field: `t` is kept, so hovering and
/// going to its definition still work).
pub(super) fn expression(item: TokenStream) -> Option<Expr> {
    let value = |input: ParseStream| -> syn::Result<TokenStream> {
        use syn::parse::discouraged::Speculative;
        if input.peek(Token![..]) {
            input.parse::<Token![..]>()?;
        } else {
            let fork = input.fork();
            if attr_key(&fork).is_some()
                && fork.peek(Token![=])
                && !fork.peek(Token![==])
                && !fork.peek(Token![=>])
            {
                fork.parse::<Token![=]>()?;
                input.advance_to(&fork);
            }
        }
        input.parse()
    };
    let value = value.parse2(item).ok()?;
    if let Ok(e) = syn::parse2(value.clone()) {
        return Some(e);
    }
    let mut tokens: Vec<TokenTree> = value.into_iter().collect();
    match tokens.pop() {
        Some(TokenTree::Punct(p)) if p.as_char() == '.' => {}
        _ => return None,
    }
    syn::parse2(tokens.into_iter().collect()).ok()
}

/// The expansion of the items that parsed, followed in the same block by what is kept of the
/// broken items (in a block never run: `if false { let _ = &(t); }`, borrowed so that nothing
/// is moved) and their errors, in source order; the block's value is the element.
pub(super) fn with_broken(expansion: TokenStream, broken: Vec<Broken>) -> TokenStream {
    let value = Ident::new("__ft_partial", Span::mixed_site());
    let partials = broken.iter().filter_map(|b| b.partial.as_ref());
    let partials: Vec<TokenStream> = partials
        .map(|e| quote!(if false { let _ = &(#e); }))
        .collect();
    let errors = combined(broken.into_iter().map(|b| b.error)).map(|e| e.to_compile_error());
    quote! {{
        let #value = #expansion;
        #(#partials)*
        #errors
        #value
    }}
}
