//! `#[derive(Record)]`: implements `ft_data::Record` for a struct with named fields: the table
//! schema (name, columns and types, primary key) and the conversions to and from a row (a row
//! is read column by column straight into the fields, generic over the backend's row type).
//!
//! Struct attributes: `#[table(name = "x")]`, `#[table(pk = "a, b")]`,
//! `#[table(index = "a, b")]` (repeatable), `#[table(crate = "path")]`. Field attributes:
//! `#[table(pk)]`, `#[table(index)]`, `#[table(rename = "x")]`, `#[table(skip)]`,
//! `#[table(as_text)]`, `#[table(json)]`.

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

#[derive(PartialEq)]
enum Mode {
    Field,
    AsText,
    Json,
}

struct Col {
    ident: syn::Ident,
    name: String,
    ty: Type,
    mode: Mode,
    pk: bool,
    index: bool,
}

/// `TodoItem` -> `todo_item`, `HTTPLog` -> `http_log`.
fn snake_case(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev_lower =
                i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_uppercase();
            if i > 0 && (prev_lower || (prev_upper && next_lower)) {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `"a, b"` -> `["a", "b"]`.
fn split_names(s: &str) -> Vec<String> {
    s.split(',')
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

fn derive(input: DeriveInput) -> syn::Result<TokenStream> {
    let mut krate: TokenStream = crate::krate::data_path();
    let mut table_name = snake_case(&input.ident.to_string());
    let mut struct_pk: Option<(Vec<String>, proc_macro2::Span)> = None;
    let mut indexes: Vec<(Vec<String>, proc_macro2::Span)> = Vec::new();
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("table")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                krate = crate_path(&meta)?;
                Ok(())
            } else if meta.path.is_ident("name") {
                let s: LitStr = meta.value()?.parse()?;
                table_name = s.value();
                Ok(())
            } else if meta.path.is_ident("pk") {
                let s: LitStr = meta.value()?.parse()?;
                let names = split_names(&s.value());
                struct_pk = Some((names, s.span()));
                Ok(())
            } else if meta.path.is_ident("index") {
                let s: LitStr = meta.value()?.parse()?;
                indexes.push((split_names(&s.value()), s.span()));
                Ok(())
            } else {
                Err(meta.error(
                    "unknown `table` attribute on a struct: expected `name = \"..\"`, `pk = \"a, b\"`, `index = \"a, b\"` or `crate = \"path\"`",
                ))
            }
        })?;
    }

    let named = named_fields(&input, "Record", "struct Todo { id: i64, title: String }")?;

    let mut cols: Vec<Col> = Vec::new();
    let mut skipped = Vec::new();
    for f in &named.named {
        let Some(ident) = f.ident.clone() else {
            continue;
        };
        let mut name = ident.to_string().trim_start_matches("r#").to_owned();
        let mut skip = false;
        let mut pk = false;
        let mut index = false;
        let mut mode = Mode::Field;
        for attr in f.attrs.iter().filter(|a| a.path().is_ident("table")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    let s: LitStr = meta.value()?.parse()?;
                    name = s.value();
                } else if meta.path.is_ident("skip") {
                    skip = true;
                } else if meta.path.is_ident("pk") {
                    pk = true;
                } else if meta.path.is_ident("index") {
                    index = true;
                } else if meta.path.is_ident("as_text") {
                    mode = Mode::AsText;
                } else if meta.path.is_ident("json") {
                    mode = Mode::Json;
                } else {
                    return Err(meta.error(
                        "unknown `table` attribute on a field: expected `pk`, `index`, `rename = \"..\"`, `skip`, `as_text` or `json`",
                    ));
                }
                Ok(())
            })?;
        }
        if skip {
            skipped.push(ident);
            continue;
        }
        cols.push(Col {
            ident,
            name,
            ty: f.ty.clone(),
            mode,
            pk,
            index,
        });
    }
    if cols.is_empty() {
        return Err(syn::Error::new(
            input.ident.span(),
            "#[derive(Record)] needs at least one stored field",
        ));
    }

    let field_pk: Vec<String> = cols
        .iter()
        .filter(|c| c.pk)
        .map(|c| c.name.clone())
        .collect();
    let pk: Vec<String> = match (struct_pk, field_pk.is_empty()) {
        (Some((names, span)), true) => {
            for n in &names {
                if !cols.iter().any(|c| &c.name == n) {
                    return Err(syn::Error::new(
                        span,
                        format!("primary key `{n}` is not a stored field of this struct"),
                    ));
                }
            }
            if names.is_empty() {
                return Err(syn::Error::new(span, "`pk` lists no field"));
            }
            names
        }
        (Some((_, span)), false) => {
            return Err(syn::Error::new(
                span,
                "give the primary key either as `#[table(pk = \"..\")]` on the struct or as `#[table(pk)]` on fields, not both",
            ));
        }
        (None, false) => field_pk,
        (None, true) => {
            if cols.iter().any(|c| c.name == "id") {
                vec!["id".to_owned()]
            } else {
                return Err(syn::Error::new(
                    input.ident.span(),
                    "#[derive(Record)] needs a primary key: add a field `id`, mark fields with `#[table(pk)]`, or write `#[table(pk = \"name\")]` on the struct",
                ));
            }
        }
    };

    for (names, span) in &indexes {
        if names.is_empty() {
            return Err(syn::Error::new(*span, "`index` lists no field"));
        }
        if let Some(n) = names.iter().find(|n| !cols.iter().any(|c| &c.name == *n)) {
            return Err(syn::Error::new(
                *span,
                format!("index column `{n}` is not a stored field of this struct"),
            ));
        }
    }
    let indexes = indexes
        .into_iter()
        .map(|(names, _)| names)
        .chain(
            cols.iter()
                .filter(|c| c.index)
                .map(|c| vec![c.name.clone()]),
        )
        .map(|names| quote!(&[#(#names),*][..]));

    let ident = &input.ident;
    let (impl_g, ty_g, where_g) = input.generics.split_for_impl();

    let mut defs = Vec::new();
    let mut to_vals = Vec::new();
    let mut from_fields = Vec::new();
    for (idx, c) in cols.iter().enumerate() {
        let name = &c.name;
        let fid = &c.ident;
        let ty = &c.ty;
        let span = ty.span();
        let opt = inner_of(ty, "Option");
        match c.mode {
            Mode::Field => {
                defs.push(quote_spanned! {span=>
                    #krate::ColumnDef {
                        name: #name,
                        ty: <#ty as #krate::SqlField>::SQL_TYPE,
                        nullable: <#ty as #krate::SqlField>::NULLABLE,
                        zero_default: <#ty as #krate::SqlField>::ZERO_DEFAULT,
                    }
                });
                to_vals.push(quote_spanned! {span=> #krate::SqlField::to_value(&self.#fid) });
                from_fields.push(quote_spanned! {span=>
                    #fid: #krate::read_field::<#ty, __R>(__ft_row, #idx, #name)?
                });
            }
            Mode::AsText | Mode::Json => {
                let nullable = opt.is_some() || c.mode == Mode::Json;
                let (to_fn, from_fn) = match (&c.mode, opt.is_some()) {
                    (Mode::AsText, false) => (quote!(text_to_value), quote!(text_from_value)),
                    (Mode::AsText, true) => {
                        (quote!(opt_text_to_value), quote!(opt_text_from_value))
                    }
                    _ => (quote!(json_to_value), quote!(json_from_value)),
                };
                let inner = match (&c.mode, opt) {
                    (Mode::AsText, Some(t)) => quote!(#t),
                    _ => quote!(#ty),
                };
                defs.push(quote_spanned! {span=>
                    #krate::ColumnDef {
                        name: #name,
                        ty: #krate::SqlType::Text,
                        nullable: #nullable,
                        zero_default: false,
                    }
                });
                to_vals.push(quote_spanned! {span=> #krate::#to_fn(&self.#fid) });
                from_fields.push(quote_spanned! {span=>
                    #fid: #krate::read_field_with(__ft_row, #idx, #name, #krate::#from_fn::<#inner>)?
                });
            }
        }
    }
    for s in &skipped {
        from_fields.push(quote_spanned! {s.span()=> #s: ::core::default::Default::default() });
    }
    let ncols = cols.len();

    Ok(quote! {
        #[automatically_derived]
        impl #impl_g #krate::Record for #ident #ty_g #where_g {
            fn schema() -> ::std::sync::Arc<#krate::Schema> {
                static SCHEMA: ::std::sync::OnceLock<::std::sync::Arc<#krate::Schema>> =
                    ::std::sync::OnceLock::new();
                SCHEMA
                    .get_or_init(|| {
                        const COLS: &[#krate::ColumnDef] = &[#(#defs),*];
                        ::std::sync::Arc::new(#krate::Schema::from_defs(#table_name, COLS, &[#(#pk),*], &[#(#indexes),*]))
                    })
                    .clone()
            }
            fn to_values(&self) -> ::std::vec::Vec<#krate::Value> {
                let mut __ft_values = ::std::vec::Vec::with_capacity(#ncols);
                #( __ft_values.push(#to_vals); )*
                __ft_values
            }
            #[inline]
            fn from_row<__R: #krate::ReadRow + ?::core::marker::Sized>(
                __ft_row: &__R,
            ) -> #krate::Result<Self> {
                ::core::result::Result::Ok(Self { #(#from_fields),* })
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::snake_case;

    #[test]
    fn snake() {
        assert_eq!(snake_case("TodoItem"), "todo_item");
        assert_eq!(snake_case("User"), "user");
        assert_eq!(snake_case("AllTypes"), "all_types");
        assert_eq!(snake_case("HTTPLog"), "http_log");
    }
}
