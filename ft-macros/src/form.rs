//! `#[derive(FormFields)]`: implements `ft_html::forms::FormFields` (read a field by name)
//! and `ft_html::forms::FillFrom` (set fields from another `FormFields` value) for a struct
//! with named fields.
//!
//! Attributes: `#[form(rename = "x")]` and `#[form(skip)]` on fields, `#[form(crate = "path")]`
//! on the struct (the path to ft-html; `::ft_html` by default).

use crate::item_input::{crate_path, named_fields};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, LitStr, Type};

pub fn expand(input: TokenStream) -> TokenStream {
    match syn::parse2::<DeriveInput>(input).and_then(derive) {
        Ok(t) => t,
        Err(e) => e.to_compile_error(),
    }
}

struct Field {
    ident: syn::Ident,
    name: String,
    ty: Type,
    /// A missing value takes `Default::default()` instead of failing.
    default: bool,
}

fn derive(input: DeriveInput) -> syn::Result<TokenStream> {
    let mut krate: TokenStream = crate::krate::path_to(&["ft-html", "ft-web", "ft-data"]);
    let mut struct_default = false;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("form")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                krate = crate_path(&meta)?;
                Ok(())
            } else if meta.path.is_ident("default") {
                struct_default = true;
                Ok(())
            } else {
                Err(meta.error("unknown `form` attribute on a struct: expected `crate = \"path\"` or `default`"))
            }
        })?;
    }

    let named = named_fields(&input, "FormFields", "struct P { name: String }")?;

    let mut fields = Vec::new();
    let mut skipped = Vec::new();
    for f in &named.named {
        let Some(ident) = f.ident.clone() else {
            continue;
        };
        let mut name = ident.to_string().trim_start_matches("r#").to_owned();
        let mut skip = false;
        let mut default = struct_default;
        for attr in f.attrs.iter().filter(|a| a.path().is_ident("form")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    let s: LitStr = meta.value()?.parse()?;
                    name = s.value();
                    Ok(())
                } else if meta.path.is_ident("skip") {
                    skip = true;
                    Ok(())
                } else if meta.path.is_ident("default") {
                    default = true;
                    Ok(())
                } else {
                    Err(meta.error("unknown `form` attribute on a field: expected `rename = \"name\"`, `default` or `skip`"))
                }
            })?;
        }
        if skip {
            skipped.push(ident);
        } else {
            fields.push(Field {
                ident,
                name,
                ty: f.ty.clone(),
                default,
            });
        }
    }

    let forms = quote!(#krate::forms);
    let ident = &input.ident;
    let (impl_g, ty_g, where_g) = input.generics.split_for_impl();

    let arms = fields.iter().map(|f| {
        let (id, name) = (&f.ident, &f.name);
        quote_spanned!(f.ty.span()=> #name => ::core::option::Option::Some(#forms::AsField::as_field(&self.#id)),)
    });
    let sets = fields.iter().filter(|f| !matches!(f.ty, Type::Reference(_))).map(|f| {
        let (id, name, ty) = (&f.ident, &f.name, &f.ty);
        quote_spanned! {f.ty.span()=>
            if let ::core::option::Option::Some(__ft_v) = #forms::FormFields::field(__ft_src, #name) {
                if let ::core::option::Option::Some(__ft_v) = <#ty as #forms::FromField>::from_field(&__ft_v) {
                    self.#id = __ft_v;
                }
            }
        }
    });

    let from_values = from_values(&krate, &input, &fields, &skipped);
    Ok(quote! {
        #from_values
        #[automatically_derived]
        impl #impl_g #forms::FormFields for #ident #ty_g #where_g {
            fn field(&self, __ft_name: &str) -> ::core::option::Option<#forms::FieldValue<'_>> {
                match __ft_name {
                    #(#arms)*
                    _ => ::core::option::Option::None,
                }
            }
        }
        #[automatically_derived]
        impl #impl_g #forms::FillFrom for #ident #ty_g #where_g {
            #[allow(unused_variables)]
            fn fill_from<__F: #forms::FormFields + ?::core::marker::Sized>(&mut self, __ft_src: &__F) -> &mut Self {
                #(#sets)*
                self
            }
        }
    })
}

/// `FromValues`: the struct built from a request's values, every field converted; failures
/// are collected per field (with all submitted values kept) instead of stopping at the first.
fn from_values(
    krate: &TokenStream,
    input: &DeriveInput,
    fields: &[Field],
    skipped: &[syn::Ident],
) -> TokenStream {
    let values = quote!(#krate::values);
    let ident = &input.ident;
    let (impl_g, ty_g, where_g) = input.generics.split_for_impl();
    // Structs with borrowed fields cannot be built from a request.
    if fields.iter().any(|f| matches!(f.ty, Type::Reference(_)))
        || !input.generics.params.is_empty()
    {
        return TokenStream::new();
    }
    let vars: Vec<syn::Ident> = (0..fields.len())
        .map(|i| syn::Ident::new(&format!("__f{i}"), proc_macro2::Span::call_site()))
        .collect();
    let reads = fields.iter().zip(&vars).map(|(f, v)| {
        let (name, ty) = (&f.name, &f.ty);
        let on_missing = if f.default {
            quote!(::core::result::Result::Err(#values::ValueError::Missing { .. }) => ::core::option::Option::Some(::core::default::Default::default()),)
        } else {
            quote!()
        };
        quote_spanned! {f.ty.span()=>
            let #v: ::core::option::Option<#ty> = match <#ty as #values::FromValues>::from_values(__ft_src, #name) {
                ::core::result::Result::Ok(__ft_v) => ::core::option::Option::Some(__ft_v),
                #on_missing
                ::core::result::Result::Err(__ft_e) => {
                    __errors.errors.push((#name.to_string(), #values::field_message(&__ft_e)));
                    ::core::option::Option::None
                }
            };
        }
    });
    let names: Vec<&String> = fields.iter().map(|f| &f.name).collect();
    let idents: Vec<&syn::Ident> = fields.iter().map(|f| &f.ident).collect();
    quote! {
        #[automatically_derived]
        impl #impl_g #values::FromValues for #ident #ty_g #where_g {
            fn from_values(__ft_src: &dyn #values::ValueSource, _: &str) -> ::core::result::Result<Self, #values::ValueError> {
                let mut __errors = #values::FieldErrors::default();
                #(#reads)*
                match (#(#vars,)*) {
                    (#(::core::option::Option::Some(#vars),)*) if __errors.is_empty() => ::core::result::Result::Ok(Self {
                        #(#idents: #vars,)*
                        #(#skipped: ::core::default::Default::default(),)*
                    }),
                    _ => {
                        __errors.values = #values::submitted(__ft_src, &[#(#names),*]);
                        ::core::result::Result::Err(#values::ValueError::Fields(__errors))
                    }
                }
            }
        }
    }
}
