//! `#[derive(StrEnum)]`: a unit-variant enum read from and written as text — handler
//! parameters (SPEC 2.22: a value that is no variant is a 404 in the path, a 400 elsewhere),
//! form fields, query values (`ToParam`), attribute values and content.

use crate::krate::path_to;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, LitStr};

pub fn expand(input: TokenStream) -> TokenStream {
    match syn::parse2::<DeriveInput>(input).and_then(derive) {
        Ok(t) => t,
        Err(e) => e.to_compile_error(),
    }
}

fn derive(input: DeriveInput) -> syn::Result<TokenStream> {
    let krate = path_to(&["ft-html", "ft-web", "ft-data"]);
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new(
            input.ident.span(),
            "#[derive(StrEnum)] is for enums whose variants have no fields",
        ));
    };
    let mut idents = Vec::new();
    let mut texts = Vec::new();
    for v in &data.variants {
        if !matches!(v.fields, Fields::Unit) {
            return Err(syn::Error::new(
                v.ident.span(),
                "#[derive(StrEnum)] variants cannot have fields",
            ));
        }
        let mut text = v.ident.to_string();
        for attr in v.attrs.iter().filter(|a| a.path().is_ident("str_enum")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    let s: LitStr = meta.value()?.parse()?;
                    text = s.value();
                    Ok(())
                } else {
                    Err(meta.error("expected `rename = \"text\"`"))
                }
            })?;
        }
        idents.push(v.ident.clone());
        texts.push(text);
    }
    let name = &input.ident;
    let expected = format!("one of: {}", texts.join(", "));
    Ok(quote! {
        #[automatically_derived]
        impl #name {
            /// The variant's text.
            pub fn as_str(&self) -> &'static str {
                match self { #(Self::#idents => #texts,)* }
            }
            /// Every variant, in order.
            pub const ALL: &'static [Self] = &[#(Self::#idents),*];
        }
        #[automatically_derived]
        impl ::std::fmt::Display for #name {
            fn fmt(&self, __ft_f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                __ft_f.write_str(self.as_str())
            }
        }
        #[automatically_derived]
        impl ::std::str::FromStr for #name {
            type Err = ::std::string::String;
            fn from_str(__ft_s: &str) -> ::core::result::Result<Self, Self::Err> {
                match __ft_s {
                    #(#texts => ::core::result::Result::Ok(Self::#idents),)*
                    _ => ::core::result::Result::Err(::std::format!("{:?} is not {}", __ft_s, #expected)),
                }
            }
        }
        #[automatically_derived]
        impl #krate::values::FromParam for #name {
            const EXPECTED: &'static str = #expected;
            fn from_param(__ft_s: &str) -> ::core::option::Option<Self> {
                __ft_s.parse().ok()
            }
        }
        #[automatically_derived]
        impl #krate::values::ToParam for #name {
            fn to_param(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
        }
        #[automatically_derived]
        impl #krate::forms::AsField for #name {
            fn as_field(&self) -> #krate::forms::FieldValue<'_> {
                #krate::forms::FieldValue::Text(::std::borrow::Cow::Borrowed(self.as_str()))
            }
        }
        #[automatically_derived]
        impl #krate::forms::FromField for #name {
            fn from_field(__ft_v: &#krate::forms::FieldValue<'_>) -> ::core::option::Option<Self> {
                __ft_v.to_text().and_then(|__ft_s| __ft_s.parse().ok())
            }
        }
        #[automatically_derived]
        impl #krate::IntoAttr for #name {
            fn into_attr(self) -> ::core::option::Option<#krate::AttrValue> {
                ::core::option::Option::Some(#krate::AttrValue::Trusted(#krate::Str::from_static(self.as_str())))
            }
        }
        #[automatically_derived]
        impl #krate::IntoFt for #name {
            fn into_ft(self) -> #krate::Ft {
                #krate::Ft::text(self.as_str())
            }
        }
    })
}
