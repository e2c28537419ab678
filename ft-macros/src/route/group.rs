//! Route groups: `#[rt("/path")]` on an impl block.

use super::*;

/// `#[rt("/cards/{id}")] impl Cards { fn get(id: i64) -> Ft {..} fn delete(..) .. }`: a
/// route group (FastHTML's class decorated with `@rt`, SPEC 2.9). Each verb-named function
/// is a route on the group's path answering that verb, reachable as `Cards::get` (a route
/// value: `Cards::get.to(3)`, `hx_delete = Cards::delete`); other items stay in the impl.
/// `Cards` itself (a unit struct the user declares) is a route value for all of them:
/// `routes![Cards]`, and as an attribute value it renders the path. Without a path, the path
/// is `/` and the type's name with its first letter lower-cased, which is also the routes'
/// name; the other options (`router`, `name`, `before`, `cancel_on_disconnect`) apply to
/// every route.
pub(super) fn expand_group(attr: TokenStream, item: TokenStream) -> TokenStream {
    match try_expand_group(attr, item) {
        Ok(t) => t,
        Err(e) => e.to_compile_error(),
    }
}

fn try_expand_group(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let mut args: Args = syn::parse2(attr)?;
    let imp: syn::ItemImpl = syn::parse2(item)?;
    if let Some((_, tr, _)) = &imp.trait_ {
        return Err(syn::Error::new(
            tr.span(),
            "`#[rt]` goes on an inherent impl (`impl Cards { .. }`), not a trait impl",
        ));
    }
    if !imp.generics.params.is_empty() {
        return Err(syn::Error::new(
            imp.generics.span(),
            "a route group cannot be generic",
        ));
    }
    if let Some(ms) = &args.methods {
        return Err(syn::Error::new(
            ms[0].1,
            "a route group's verbs are its functions' names: drop `methods`",
        ));
    }
    let Type::Path(tp) = &*imp.self_ty else {
        return Err(syn::Error::new(
            imp.self_ty.span(),
            "a route group is a unit struct: `struct Cards;`",
        ));
    };
    let Some(seg) = tp.path.segments.last() else {
        return Err(syn::Error::new(
            tp.span(),
            "a route group needs a type name",
        ));
    };
    let ty_ident = seg.ident.clone();
    let ty_str = ty_ident.to_string();
    let lower_first: String = {
        let mut c = ty_str.chars();
        c.next()
            .map(|f| f.to_lowercase().chain(c).collect())
            .unwrap_or_default()
    };
    if args.path.is_none() {
        args.path = Some(LitStr::new(&format!("/{lower_first}"), ty_ident.span()));
    }
    if args.name.is_none() {
        args.name = Some(LitStr::new(&lower_first, ty_ident.span()));
    }
    let krate = path_to(&["ft-web"]);
    let self_ty = &imp.self_ty;
    let mut routes_out = Vec::new();
    let mut consts = Vec::new();
    let mut values = Vec::new();
    let mut kept = Vec::new();
    for it in &imp.items {
        let syn::ImplItem::Fn(f) = it else {
            kept.push(it.clone());
            continue;
        };
        let fname = f.sig.ident.to_string();
        let Some(verb) = VERBS.iter().find(|v| **v == fname).copied() else {
            kept.push(it.clone());
            continue;
        };
        let value_ident = format_ident!("__ft_{}_{}", ty_str, fname);
        // The function moves out of the impl: `Self` in it still means the group.
        let mut sig: syn::Signature = syn::parse2(replace_self(f.sig.to_token_stream(), self_ty))?;
        sig.ident = value_ident.clone();
        let block = replace_self(f.block.to_token_stream(), self_ty);
        let func = ItemFn {
            attrs: f.attrs.clone(),
            vis: f.vis.clone(),
            sig,
            block: Box::new(syn::parse2(block)?),
        };
        routes_out.push(expand_fn(&krate, Some(verb), &args, &func)?);
        let vis = &f.vis;
        let fn_ident = &f.sig.ident;
        let doc = format!(
            "The `{}` route of [`{ty_str}`]: a route value (`{ty_str}::{fname}.to(..)`).",
            verb.to_uppercase()
        );
        consts.push(quote! {
            #[doc = #doc]
            #[allow(non_upper_case_globals)]
            #vis const #fn_ident: #value_ident = #value_ident;
        });
        values.push(value_ident);
    }
    let Some(first) = values.first() else {
        return Err(syn::Error::new(
            imp.self_ty.span(),
            format!(
                "a route group needs a function named after an HTTP verb ({})",
                VERBS.join(", ")
            ),
        ));
    };
    let attrs = &imp.attrs;
    Ok(quote! {
        #(#routes_out)*

        #(#attrs)*
        impl #self_ty {
            #(#consts)*
            #(#kept)*
        }

        impl #krate::Route for #self_ty {
            /// The group's first route (`routes![..]` takes them all, through `defs`).
            fn def(&self) -> #krate::RouteDef {
                #krate::Route::def(&#first)
            }
            fn defs(&self) -> ::std::vec::Vec<#krate::RouteDef> {
                ::std::vec![#(#krate::Route::def(&#values)),*]
            }
        }

        impl #krate::IntoAttr for #self_ty {
            /// A route group as an attribute value is its path (SPEC 2.26).
            fn into_attr(self) -> ::core::option::Option<#krate::AttrValue> {
                #krate::IntoAttr::into_attr(#first)
            }
        }

        impl ::std::fmt::Display for #self_ty {
            fn fmt(&self, __ft_f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&#first, __ft_f)
            }
        }
    })
}

/// `tokens` with every `Self` replaced by `ty` (spanned at the `Self`).
fn replace_self(tokens: TokenStream, ty: &Type) -> TokenStream {
    use proc_macro2::{Group, TokenTree};
    tokens
        .into_iter()
        .flat_map(|tt| match tt {
            TokenTree::Ident(i) if i == "Self" => ty
                .to_token_stream()
                .into_iter()
                .map(|mut t| {
                    t.set_span(i.span());
                    t
                })
                .collect::<Vec<_>>(),
            TokenTree::Group(g) => {
                let mut ng = Group::new(g.delimiter(), replace_self(g.stream(), ty));
                ng.set_span(g.span());
                vec![TokenTree::Group(ng)]
            }
            other => vec![other],
        })
        .collect()
}
