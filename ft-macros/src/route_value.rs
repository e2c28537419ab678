//! What `#[rt]` and `#[ws]` both write around a function: the route value. A unit struct
//! named like the function, with `call` (the function itself) and `path()` (the template
//! with its router's prefix), `impl Route`, and `IntoAttr`/`Display` giving its path.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::quote;
use syn::{Expr, ItemFn, LitStr};

/// `item` as a function whose body is left as the compiler gave it: syn parses the
/// attributes and the signature, and the body goes back out as one group, so its tokens
/// (most of a page's, in its handler) never cross into the macro and back, on every build.
/// An item without a body is parsed whole, and syn says what is wrong with it.
pub(crate) fn parse_fn(item: TokenStream) -> syn::Result<ItemFn> {
    let mut trees: Vec<TokenTree> = item.into_iter().collect();
    let body = match trees.pop() {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => g,
        last => {
            trees.extend(last);
            return syn::parse2(trees.into_iter().collect());
        }
    };
    let mut empty = Group::new(Delimiter::Brace, TokenStream::new());
    empty.set_span(body.span());
    trees.push(TokenTree::Group(empty));
    let mut func: ItemFn = syn::parse2(trees.into_iter().collect())?;
    func.block = Box::new(syn::Block {
        brace_token: syn::token::Brace {
            span: body.delim_span(),
        },
        stmts: vec![syn::Stmt::Item(syn::Item::Verbatim(body.stream()))],
    });
    Ok(func)
}

/// A function becoming a route value.
pub(crate) struct RouteValue<'a> {
    pub krate: &'a TokenStream,
    pub func: &'a ItemFn,
    /// The path template (`/chat/{room}`), checked to start with `/`.
    pub path: String,
    /// `router = CONST`: the router whose prefix goes before the path.
    pub router: Option<&'a Expr>,
    /// `name = ".."`, else the function's name.
    pub name: String,
}

impl<'a> RouteValue<'a> {
    /// Reads the path (the function's name when none is given) and checks it; `what` names
    /// the kind of route in the error ("route", "websocket").
    pub fn new(
        krate: &'a TokenStream,
        func: &'a ItemFn,
        path: Option<&LitStr>,
        router: Option<&'a Expr>,
        name: Option<&LitStr>,
        what: &str,
    ) -> syn::Result<Self> {
        let fn_name = func.sig.ident.to_string();
        let written = path.map_or_else(|| format!("/{fn_name}"), LitStr::value);
        if !written.starts_with('/') {
            let span = path.map_or_else(Span::call_site, LitStr::span);
            return Err(syn::Error::new(
                span,
                format!("a {what} path starts with `/`: write \"/{written}\""),
            ));
        }
        Ok(RouteValue {
            krate,
            func,
            path: written,
            router,
            name: name.map_or(fn_name, LitStr::value),
        })
    }

    /// `.await` after the call of an `async` function.
    pub fn await_call(&self) -> TokenStream {
        match self.func.sig.asyncness {
            Some(_) => quote!(.await),
            None => quote!(),
        }
    }

    /// The unit struct and its impls: `methods` are more inherent methods (`to`), `def` the
    /// body of `Route::def` (it builds the `RouteDef`), `path_doc` the doc of `path()`.
    pub fn emit(&self, path_doc: &str, methods: TokenStream, def: TokenStream) -> TokenStream {
        let krate = self.krate;
        let func = self.func;
        let (attrs, vis, sig, block) = (&func.attrs, &func.vis, &func.sig, &func.block);
        let (asyncness, inputs, output) = (&sig.asyncness, &sig.inputs, &sig.output);
        let name = &sig.ident;
        let path = &self.path;
        let full_path = match self.router {
            Some(r) => quote!(::std::format!("{}{}", (#r).prefix(), #path)),
            None => quote!(::std::string::String::from(#path)),
        };
        quote! {
            #(#attrs)*
            #[allow(non_camel_case_types)]
            #[derive(Debug, Clone, Copy)]
            #vis struct #name;

            #[allow(dead_code, clippy::too_many_arguments)]
            impl #name {
                /// The handler function itself.
                #vis #asyncness fn call(#inputs) #output #block

                #[doc = #path_doc]
                #vis fn path(&self) -> ::std::string::String {
                    #full_path
                }

                #methods
            }

            impl #krate::Route for #name {
                fn def(&self) -> #krate::RouteDef {
                    #def
                }
            }

            impl #krate::IntoAttr for #name {
                /// A route as an attribute value is its path (SPEC 2.26).
                fn into_attr(self) -> ::core::option::Option<#krate::AttrValue> {
                    ::core::option::Option::Some(#krate::AttrValue::Trusted(#krate::Str::from(self.path())))
                }
            }

            impl ::std::fmt::Display for #name {
                fn fmt(&self, __ft_f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    __ft_f.write_str(&self.path())
                }
            }
        }
    }
}
