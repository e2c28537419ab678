//! `#[derive(FormFields)]`: implements `ft_core::forms::FormFields` (read a field by name)
//! and `ft_core::forms::FillFrom` (set fields from another `FormFields` value) for a struct
//! with named fields.
//!
//! Attributes: `#[form(rename = "x")]` and `#[form(skip)]` on fields, `#[form(crate = "path")]`
//! on the struct (the path to ft-core; `::ft_core` by default).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, LitStr, Type};

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
}

fn derive(input: DeriveInput) -> syn::Result<TokenStream> {
    let mut krate: TokenStream = quote!(::ft_core);
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("form")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let s: LitStr = meta.value()?.parse()?;
                let path: syn::Path = s.parse()?;
                krate = quote!(#path);
                Ok(())
            } else {
                Err(meta.error("unknown `form` attribute on a struct: expected `crate = \"path\"`"))
            }
        })?;
    }

    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new(
            input.ident.span(),
            "#[derive(FormFields)] needs a struct with named fields",
        ));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new(
            input.ident.span(),
            "#[derive(FormFields)] needs a struct with named fields (`struct P { name: String }`)",
        ));
    };

    let mut fields = Vec::new();
    for f in &named.named {
        let Some(ident) = f.ident.clone() else {
            continue;
        };
        let mut name = ident.to_string().trim_start_matches("r#").to_owned();
        let mut skip = false;
        for attr in f.attrs.iter().filter(|a| a.path().is_ident("form")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    let s: LitStr = meta.value()?.parse()?;
                    name = s.value();
                    Ok(())
                } else if meta.path.is_ident("skip") {
                    skip = true;
                    Ok(())
                } else {
                    Err(meta.error("unknown `form` attribute on a field: expected `rename = \"name\"` or `skip`"))
                }
            })?;
        }
        if !skip {
            fields.push(Field {
                ident,
                name,
                ty: f.ty.clone(),
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
            if let ::core::option::Option::Some(v) = #forms::FormFields::field(src, #name) {
                if let ::core::option::Option::Some(v) = <#ty as #forms::FromField>::from_field(&v) {
                    self.#id = v;
                }
            }
        }
    });

    Ok(quote! {
        #[automatically_derived]
        impl #impl_g #forms::FormFields for #ident #ty_g #where_g {
            fn field(&self, name: &str) -> ::core::option::Option<#forms::FieldValue<'_>> {
                match name {
                    #(#arms)*
                    _ => ::core::option::Option::None,
                }
            }
        }
        #[automatically_derived]
        impl #impl_g #forms::FillFrom for #ident #ty_g #where_g {
            #[allow(unused_variables)]
            fn fill_from<F: #forms::FormFields + ?::core::marker::Sized>(&mut self, src: &F) -> &mut Self {
                #(#sets)*
                self
            }
        }
    })
}
