//! `#[derive(FormFields)]`: implements `ft_html::forms::FormFields` (read a field by name)
//! and `ft_html::forms::FillFrom` (set fields from another `FormFields` value) for a struct
//! with named fields.
//!
//! Attributes on fields: `rename = "x"`, `skip`, `default`, `optional` and the rules
//! (`rules.rs`); on the struct: `crate = "path"` (the path to ft-html), `default`, and
//! `check = path` (a cross-field check).

mod rules;

use crate::item_input::{crate_path, inner_of, named_fields};
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
    /// Absent or blank: `Default::default()`, and no rule runs.
    optional: bool,
    rules: Vec<rules::Rule>,
}

const STRUCT_WORDS: &[&str] = &["crate", "default", "check"];

fn unknown(meta: &syn::meta::ParseNestedMeta, known: &[&'static str], place: &str) -> syn::Error {
    let word = meta
        .path
        .get_ident()
        .map(|i| i.to_string())
        .unwrap_or_default();
    let hint = rules::did_you_mean(&word, known)
        .map(|w| format!(": did you mean `{w}`?"))
        .unwrap_or_default();
    meta.error(format!(
        "unknown `form` attribute `{word}` on a {place}{hint} (expected one of: {})",
        known.join(", ")
    ))
}

fn derive(input: DeriveInput) -> syn::Result<TokenStream> {
    let mut krate: TokenStream = crate::krate::path_to(&["ft-html", "ft-web", "ft-data"]);
    let mut struct_default = false;
    let mut struct_checks: Vec<syn::Expr> = Vec::new();
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("form")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                krate = crate_path(&meta)?;
                Ok(())
            } else if meta.path.is_ident("default") {
                struct_default = true;
                Ok(())
            } else if meta.path.is_ident("check") {
                struct_checks.push(meta.value()?.parse()?);
                Ok(())
            } else {
                Err(unknown(&meta, STRUCT_WORDS, "struct"))
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
        let mut optional = false;
        let mut field_rules = Vec::new();
        for attr in f.attrs.iter().filter(|a| a.path().is_ident("form")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    let s: LitStr = meta.value()?.parse()?;
                    name = s.value();
                } else if meta.path.is_ident("skip") {
                    skip = true;
                } else if meta.path.is_ident("default") {
                    default = true;
                } else if meta.path.is_ident("optional") {
                    optional = true;
                } else if let Some(rule) = rules::parse(&meta)? {
                    field_rules.push(rule);
                } else {
                    return Err(unknown(&meta, rules::FIELD_WORDS, "field"));
                }
                Ok(())
            })?;
        }
        if skip && (optional || !field_rules.is_empty()) {
            return Err(syn::Error::new(
                ident.span(),
                "a `#[form(skip)]` field is never read from the request, so it takes no rules",
            ));
        }
        if skip {
            skipped.push(ident);
        } else {
            fields.push(Field {
                ident,
                name,
                ty: f.ty.clone(),
                default,
                optional,
                rules: field_rules,
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

    let from_values = from_values(&krate, &input, &fields, &skipped, &struct_checks);
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

/// `FromValues`: the struct built from a request's values, every field converted and checked
/// against its rules; failures are collected per field (type errors and rule errors together,
/// with every submitted value kept) instead of stopping at the first. The struct's own checks
/// run once every field has a value.
fn from_values(
    krate: &TokenStream,
    input: &DeriveInput,
    fields: &[Field],
    skipped: &[syn::Ident],
    struct_checks: &[syn::Expr],
) -> TokenStream {
    let values = quote!(#krate::values);
    let forms = quote!(#krate::forms);
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
        // A `required(message = "..")` rule's message also stands for a field that was not sent.
        let missing_message = match f.rules.iter().find(|r| r.is_required()).and_then(|r| r.message()) {
            Some(m) => quote! {
                if let #values::ValueError::Missing { .. } = __ft_e {
                    ::std::string::String::from(#m)
                } else {
                    #values::field_message(&__ft_e)
                }
            },
            None => quote!(#values::field_message(&__ft_e)),
        };
        let read = quote_spanned! {f.ty.span()=>
            match <#ty as #values::FromValues>::from_values(__ft_src, #name) {
                ::core::result::Result::Ok(__ft_v) => ::core::option::Option::Some(__ft_v),
                #on_missing
                ::core::result::Result::Err(__ft_e) => {
                    __errors.add(#name, #missing_message);
                    ::core::option::Option::None
                }
            }
        };
        let checks = if f.rules.is_empty() {
            quote!()
        } else {
            let checks = rules::checks(&forms, name, &f.rules, inner_of(ty, "Option"), ty);
            quote! {
                if let ::core::option::Option::Some(__ft_whole) = #v.as_ref() {
                    #checks
                }
            }
        };
        if f.optional {
            quote_spanned! {f.ty.span()=>
                let #v: ::core::option::Option<#ty> = if #values::is_blank(__ft_src, #name) {
                    ::core::option::Option::Some(::core::default::Default::default())
                } else {
                    let #v: ::core::option::Option<#ty> = #read;
                    #checks
                    #v
                };
            }
        } else {
            quote! {
                let #v: ::core::option::Option<#ty> = #read;
                #checks
            }
        }
    });
    let names: Vec<&String> = fields.iter().map(|f| &f.name).collect();
    let idents: Vec<&syn::Ident> = fields.iter().map(|f| &f.ident).collect();
    let struct_checks = struct_checks.iter().map(|c| {
        quote_spanned! {c.span()=>
            #forms::rules::check_struct(&__ft_value, &mut __errors, #c);
        }
    });
    quote! {
        #[automatically_derived]
        impl #impl_g #values::FromValues for #ident #ty_g #where_g {
            fn from_values(__ft_src: &dyn #values::ValueSource, _: &str) -> ::core::result::Result<Self, #values::ValueError> {
                let mut __errors = #values::FieldErrors::default();
                #(#reads)*
                if let (#(::core::option::Option::Some(#vars),)*) = (#(#vars,)*) {
                    let __ft_value = Self {
                        #(#idents: #vars,)*
                        #(#skipped: ::core::default::Default::default(),)*
                    };
                    #(#struct_checks)*
                    if __errors.is_empty() {
                        return ::core::result::Result::Ok(__ft_value);
                    }
                }
                __errors.values = #values::submitted(__ft_src, &[#(#names),*]);
                ::core::result::Result::Err(#values::ValueError::Fields(__errors))
            }
        }
    }
}
