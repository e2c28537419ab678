//! What the derives and attribute macros read from the Rust items they are given, checked
//! the same way everywhere: a struct's named fields, a `crate = "path"` override, the `T` of
//! `Option<T>` / `Vec<T>`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::meta::ParseNestedMeta;
use syn::{Data, DeriveInput, Fields, FieldsNamed, LitStr, Type};

/// The named fields of the struct `input`, or the error `#[derive(NAME)] needs a struct with
/// named fields` (with `example` for a tuple or unit struct).
pub(crate) fn named_fields<'a>(
    input: &'a DeriveInput,
    derive: &str,
    example: &str,
) -> syn::Result<&'a FieldsNamed> {
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new(
            input.ident.span(),
            format!("#[derive({derive})] needs a struct with named fields"),
        ));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new(
            input.ident.span(),
            format!("#[derive({derive})] needs a struct with named fields (`{example}`)"),
        ));
    };
    Ok(named)
}

/// The path of `crate = "path"` in a helper attribute.
pub(crate) fn crate_path(meta: &ParseNestedMeta) -> syn::Result<TokenStream> {
    let s: LitStr = meta.value()?.parse()?;
    let path: syn::Path = s.parse()?;
    Ok(quote!(#path))
}

/// The `T` of `Option<T>` / `Vec<T>` (`wrapper`), when the type is written so.
pub(crate) fn inner_of<'a>(ty: &'a Type, wrapper: &str) -> Option<&'a Type> {
    let Type::Path(p) = ty else { return None };
    let seg = p.path.segments.last()?;
    if seg.ident != wrapper {
        return None;
    }
    let syn::PathArguments::AngleBracketed(a) = &seg.arguments else {
        return None;
    };
    match a.args.first()? {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}
