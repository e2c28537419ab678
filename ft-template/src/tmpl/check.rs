//! CHECK: the resolution check of each name compiled (`Td!(@__ft_plain_tag)`, at the call).

use crate::component::PLAIN_TAG_CHECK;
use proc_macro2::{Delimiter, Group, Punct, Spacing, TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use syn::Ident;

/// The resolution checks of the nested calls `name!(..)` a template compiled, in one `const`
/// block (nothing at run time; one block, not one per name, for the compiler's sake).
pub(super) fn resolution_checks(krate: &TokenStream, names: &[Ident]) -> TokenStream {
    if names.is_empty() {
        return TokenStream::new();
    }
    let checks = names.iter().map(|n| resolution_check(krate, n));
    quote!(const { #(#checks;)* };)
}

/// The resolution check of the nested call `name!(..)`: `name!(@__ft_plain_tag)`, which only
/// ft's tag macros answer with `PlainTag`. The name keeps its own span, so that it resolves
/// where the user wrote it; the other tokens are placed there too, so that an error points
/// at the call.
fn resolution_check(krate: &TokenStream, name: &Ident) -> TokenStream {
    let span = name.span();
    let mut at = Punct::new('@', Spacing::Alone);
    at.set_span(span);
    let marker = Ident::new(PLAIN_TAG_CHECK, span);
    let mut args = Group::new(
        Delimiter::Parenthesis,
        [TokenTree::from(at), TokenTree::from(marker)]
            .into_iter()
            .collect(),
    );
    args.set_span(span);
    let mut bang = Punct::new('!', Spacing::Alone);
    bang.set_span(span);
    quote_spanned!(span=> #krate::__private::tags::check_plain_tag(#name #bang #args))
}
