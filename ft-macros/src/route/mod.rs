//! `#[rt]`, `#[get]`, `#[post]`, ...: a handler function becomes a route value.
//!
//! ```text
//! #[rt("/todos/{id}")]
//! async fn show(id: i64, todos: Tbl<Todo>) -> Result<Ft> { .. }
//! ```
//! expands to a unit struct `show` (the route value) with
//! - `show::call(id, todos)`: the function itself;
//! - `show.to(id)`: a typed link (path parameters and required scalar query parameters as
//!   arguments; every other query parameter, optional, list, enum or any type not known by
//!   name as a special parameter, as a method of the returned link taking `impl QueryArg<T>`);
//! - `impl Route for show`: path, methods, name, and a generated handler that extracts every
//!   parameter by name and type, calls the function and builds the response;
//! - `IntoAttr`/`Display`: the route used as an attribute value renders its path.

use crate::handler_args::{named_param, parse_options};
use crate::krate::path_to;
use crate::route_value::RouteValue;
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Expr, Ident, ItemFn, LitStr, Pat, Token, Type};

const VERBS: &[&str] = &[
    "get", "post", "put", "delete", "patch", "head", "trace", "options",
];

/// The attribute's arguments.
#[derive(Default)]
struct Args {
    path: Option<LitStr>,
    methods: Option<Vec<(String, Span)>>,
    router: Option<Expr>,
    name: Option<LitStr>,
    /// `before = check` or `before = [a, b]`: the route's own beforeware (SPEC 2.49).
    before: Vec<Expr>,
    /// `cancel_on_disconnect`: the call is dropped when the client goes away (SPEC 7.14).
    cancel_on_disconnect: Option<Span>,
}

const ROUTE_OPTIONS: &str = "a path string, `methods = [..]`, `router = CONST`, `name = \"..\"`, `before = check` or `cancel_on_disconnect`";

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut args = Args::default();
        args.path = parse_options(input, "route", ROUTE_OPTIONS, |key, input| {
            match key.to_string().as_str() {
                "methods" => args.methods = Some(parse_methods(input)?),
                "router" => args.router = Some(input.parse()?),
                "name" => args.name = Some(input.parse()?),
                "before" => args.before = parse_befores(input)?,
                "cancel_on_disconnect" => {
                    if !(input.is_empty() || input.peek(Token![,])) {
                        return Err(input.error("`cancel_on_disconnect` takes no value"));
                    }
                    args.cancel_on_disconnect = Some(key.span());
                }
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        Ok(args)
    }
}

/// `check` or `[a, b]`: each an expression of a type that converts into a `Beforeware`.
fn parse_befores(input: ParseStream) -> syn::Result<Vec<Expr>> {
    match input.parse::<Expr>()? {
        Expr::Array(a) => Ok(a.elems.into_iter().collect()),
        e => Ok(vec![e]),
    }
}

/// `["get", "PATCH", put]`: lower-cased, each one an HTTP verb.
fn parse_methods(input: ParseStream) -> syn::Result<Vec<(String, Span)>> {
    let content;
    syn::bracketed!(content in input);
    let mut ms = Vec::new();
    while !content.is_empty() {
        let (m, span) = if content.peek(LitStr) {
            let s: LitStr = content.parse()?;
            (s.value().to_lowercase(), s.span())
        } else {
            let i: Ident = content.parse()?;
            (i.to_string().to_lowercase(), i.span())
        };
        if !VERBS.contains(&m.as_str()) {
            return Err(syn::Error::new(
                span,
                format!("unknown HTTP method `{m}`: use one of {}", VERBS.join(", ")),
            ));
        }
        ms.push((m, span));
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(ms)
}

struct Param {
    ident: Ident,
    pat: Pat,
    ty: Type,
    is_path: bool,
}

/// `verb`: `Some("get")` for `#[get]` and friends, `None` for `#[rt]`.
pub fn expand(verb: Option<&str>, attr: TokenStream, item: TokenStream) -> TokenStream {
    // `#[rt]` on an impl block: a route group.
    if verb.is_none() && is_impl(&item) && syn::parse2::<syn::ItemImpl>(item.clone()).is_ok() {
        return expand_group(attr, item);
    }
    match try_expand(verb, attr, item) {
        Ok(t) => t,
        Err(e) => e.to_compile_error(),
    }
}

/// Whether `item` starts like an impl block (after its attributes and visibility): a look at
/// its first tokens, not a parse of the whole item (a function's body included).
fn is_impl(item: &TokenStream) -> bool {
    use proc_macro2::TokenTree;
    let mut trees = item.clone().into_iter().peekable();
    while let Some(t) = trees.next() {
        match t {
            TokenTree::Punct(p) if p.as_char() == '#' => {
                trees.next();
            }
            TokenTree::Ident(i) if i == "pub" => {
                if matches!(trees.peek(), Some(TokenTree::Group(g)) if g.delimiter() == proc_macro2::Delimiter::Parenthesis)
                {
                    trees.next();
                }
            }
            TokenTree::Ident(i) if i == "unsafe" || i == "default" => {}
            TokenTree::Ident(i) => return i == "impl",
            // A `macro_rules!` fragment (`$v:vis`, `$i:item`) in an invisible group: the full
            // parse decides.
            TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::None => return true,
            _ => return false,
        }
    }
    false
}

fn path_params(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        out.push(inner.split(':').next().unwrap_or(inner).to_owned());
        rest = &rest[open + close + 1..];
    }
    out
}

mod group;
mod query;
#[cfg(test)]
mod tests;

use group::expand_group;
use query::*;

fn try_expand(
    verb: Option<&str>,
    attr: TokenStream,
    item: TokenStream,
) -> syn::Result<TokenStream> {
    let args: Args = syn::parse2(attr)?;
    let func: ItemFn = crate::route_value::parse_fn(item)?;
    let krate = path_to(&["ft-web"]);
    expand_fn(&krate, verb, &args, &func)
}

fn expand_fn(
    krate: &TokenStream,
    verb: Option<&str>,
    args: &Args,
    func: &ItemFn,
) -> syn::Result<TokenStream> {
    let krate = krate.clone();
    let name = func.sig.ident.clone();
    let name_str = name.to_string();
    let fn_verb = VERBS.iter().find(|v| **v == name_str).copied();

    // `index` without a path is the root.
    let path_lit = args
        .path
        .clone()
        .or_else(|| (name_str == "index").then(|| LitStr::new("/", Span::call_site())));
    let value = RouteValue::new(
        &krate,
        func,
        path_lit.as_ref(),
        args.router.as_ref(),
        args.name.as_ref(),
        "route",
    )?;
    let path = value.path.clone();
    let methods: Vec<String> = match (verb, &args.methods) {
        (Some(v), _) => vec![v.to_owned()],
        (None, Some(ms)) => ms.iter().map(|(m, _)| m.clone()).collect(),
        (None, None) => match fn_verb {
            Some(v) => vec![v.to_owned()],
            None => vec!["get".into(), "post".into()],
        },
    };
    let method_idents = methods.iter().map(|m| {
        let mut c = m.chars();
        let cap: String = c
            .next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default();
        let id = Ident::new(&cap, Span::call_site());
        quote!(#krate::Method::#id)
    });

    // Parameters.
    let pparams = path_params(&path);
    let mut params = Vec::new();
    for arg in &func.sig.inputs {
        let (ident, pt) = named_param(arg, "route")?;
        let pname = ident.to_string().trim_start_matches("r#").to_owned();
        let is_path = pparams.contains(&pname);
        params.push(Param {
            ident,
            pat: (*pt.pat).clone(),
            ty: (*pt.ty).clone(),
            is_path,
        });
    }
    // A `PathParams<T>` parameter reads every path parameter; the others need a name.
    let all_path = params
        .iter()
        .any(|a| type_name(&a.ty).is_some_and(|n| n == "PathParams"));
    for p in &pparams {
        if !all_path
            && !params
                .iter()
                .any(|a| a.ident.to_string().trim_start_matches("r#") == p)
        {
            let span = path_lit
                .as_ref()
                .map(|l| l.span())
                .unwrap_or_else(Span::call_site);
            return Err(syn::Error::new(
                span,
                format!(
                    "the path has `{{{p}}}` but `{name_str}` has no parameter named `{p}`: add `{p}: <type>` to the function"
                ),
            ));
        }
    }

    let vis = &func.vis;
    let route_name = &value.name;

    // The handler.
    let ctx = Ident::new("__ft_ctx", Span::call_site());
    let extracts = params.iter().map(|p| {
        let (pat, ty) = (&p.pat, &p.ty);
        let pname = p.ident.to_string().trim_start_matches("r#").to_owned();
        let at = if p.is_path {
            quote!(#krate::__private::Where::Path)
        } else {
            quote!(#krate::__private::Where::Auto)
        };
        quote_spanned! {ty.span()=>
            let #pat = match <#ty as #krate::Extract>::extract(&mut #ctx, #pname, #at).await {
                ::core::result::Result::Ok(__ft_v) => __ft_v,
                ::core::result::Result::Err(__ft_e) => {
                    return #krate::__private::respond(&mut #ctx, #krate::IntoFt::into_ft(__ft_e));
                }
            };
        }
    });
    let arg_idents: Vec<&Ident> = params.iter().map(|p| &p.ident).collect();
    let await_call = value.await_call();

    // The typed link: path params, then required scalar query params, as arguments; every
    // other query param (optional, list, enum, any type not known by name) as a method.
    let link_ty = format_ident!("__ft_link_{}", name_str);
    let mut to_args = Vec::new();
    let mut to_path_fill = Vec::new();
    let mut to_query = Vec::new();
    let mut link_methods = Vec::new();
    // Path parameters in the path's order, then required scalar query parameters. A path
    // parameter no parameter names (all read through `PathParams<T>`) takes any `Display`.
    let by_name = |pp: &str| {
        params
            .iter()
            .find(|a| a.ident.to_string().trim_start_matches("r#") == pp)
    };
    // A parameter's `.to()` argument and the text it writes into the link.
    let arg_of = |p: &Param| {
        let (id, ty) = (&p.ident, &p.ty);
        let is_string = type_name(ty).is_some_and(|n| n == "String");
        let arg = if is_string {
            quote!(#id: impl ::std::fmt::Display)
        } else {
            quote!(#id: #ty)
        };
        // Scalars are written as they read back (`ToParam`: ISO dates, `true`/`false`); a
        // path parameter of another type by its `Display`.
        let text = if is_string || !is_scalar(ty) {
            quote!(&#id)
        } else {
            quote!(&#krate::QueryArg::<#ty>::query_text(&#id))
        };
        (arg, text)
    };
    for pp in &pparams {
        let (arg, text) = match by_name(pp) {
            Some(p) => arg_of(p),
            None => {
                // A keyword (`{type}`) becomes a raw identifier.
                let id = syn::parse_str::<Ident>(pp)
                    .unwrap_or_else(|_| Ident::new_raw(pp, Span::call_site()));
                (quote!(#id: impl ::std::fmt::Display), quote!(&#id))
            }
        };
        to_args.push(arg);
        to_path_fill.push(quote!((#pp, #text as &dyn ::std::fmt::Display)));
    }
    for p in params.iter().filter(|p| !p.is_path && is_scalar(&p.ty)) {
        let (arg, text) = arg_of(p);
        let pname = p.ident.to_string().trim_start_matches("r#").to_owned();
        to_args.push(arg);
        to_query.push(quote!(__link.push_query(#pname, #text);));
    }
    for p in params.iter().filter(|p| !p.is_path && !is_scalar(&p.ty)) {
        let (id, pname) = (
            &p.ident,
            p.ident.to_string().trim_start_matches("r#").to_owned(),
        );
        match query_shape(&p.ty) {
            Some(QueryShape::One(inner)) => {
                let doc = format!(
                    "Adds the query parameter `{pname}`: a `{}` (or a reference to one; `&str` for a String).",
                    quote!(#inner).to_string().replace(' ', "")
                );
                link_methods.push(quote! {
                    #[doc = #doc]
                    pub fn #id(mut self, __ft_value: impl #krate::QueryArg<#inner>) -> Self {
                        self.0.push_query(#pname, &#krate::QueryArg::<#inner>::query_text(&__ft_value));
                        self
                    }
                });
            }
            Some(QueryShape::Many(inner)) => {
                let doc = format!(
                    "Adds the query parameter `{pname}` once per value: each a `{}` (or a reference to one; `&str` for a String).",
                    quote!(#inner).to_string().replace(' ', "")
                );
                link_methods.push(quote! {
                    #[doc = #doc]
                    pub fn #id<__FtValues>(mut self, __ft_values: __FtValues) -> Self
                    where
                        __FtValues: ::std::iter::IntoIterator,
                        __FtValues::Item: #krate::QueryArg<#inner>,
                    {
                        for __ft_value in __ft_values {
                            self.0.push_query(#pname, &#krate::QueryArg::<#inner>::query_text(&__ft_value));
                        }
                        self
                    }
                });
            }
            None => {}
        }
    }

    // A route with optional or repeated query parameters gets a link type of its own, for
    // their methods; any other route's `.to(..)` is a plain `Link` (eight impls fewer per
    // route to compile on every rebuild).
    let own_type = !link_methods.is_empty();
    let doc_link =
        format!("The link type of the route [`{name_str}`], built by `{name_str}.to(..)`.");
    let link = if !own_type {
        quote!()
    } else {
        quote! {
        #[doc = #doc_link]
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, PartialEq, Eq)]
        #vis struct #link_ty(#krate::Link);

        #[allow(dead_code)]
        impl #link_ty {
            #(#link_methods)*
        }

        impl ::std::fmt::Display for #link_ty {
            fn fmt(&self, __ft_f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.0, __ft_f)
            }
        }
        impl #krate::IntoAttr for #link_ty {
            fn into_attr(self) -> ::core::option::Option<#krate::AttrValue> {
                #krate::IntoAttr::into_attr(self.0)
            }
        }
        impl ::core::convert::From<#link_ty> for #krate::Link {
            fn from(__ft_l: #link_ty) -> #krate::Link {
                __ft_l.0
            }
        }
        }
    };
    let (link_out, link_value) = if own_type {
        (quote!(#link_ty), quote!(#link_ty(__link)))
    } else {
        (quote!(#krate::Link), quote!(__link))
    };
    let to = quote! {
        /// A link to this route: path parameters filled, required query parameters added.
        #vis fn to(&self, #(#to_args),*) -> #link_out {
            let __path = self.path();
            #[allow(unused_mut)]
            let mut __link = #krate::Link::from_template(&__path, &[#(#to_path_fill),*]);
            #(#to_query)*
            #link_value
        }
    };
    // The route's own beforeware, built once (SPEC 2.49).
    let befores = if args.before.is_empty() {
        quote!()
    } else {
        let bs = &args.before;
        quote! {
            static __FT_BEFORE: ::std::sync::LazyLock<::std::vec::Vec<#krate::Beforeware>> =
                ::std::sync::LazyLock::new(|| ::std::vec![
                    #(#krate::__private::IntoBeforeware::into_beforeware(#bs)),*
                ]);
            if let ::core::option::Option::Some(__ft_res) =
                #krate::__private::run_route_befores(&__FT_BEFORE, &mut #ctx).await
            {
                return __ft_res;
            }
        }
    };
    // The call, dropped if the client disconnects first (SPEC 7.14).
    let call = match args.cancel_on_disconnect {
        Some(span) => {
            if func.sig.asyncness.is_none() {
                return Err(syn::Error::new(
                    span,
                    "cancel_on_disconnect needs an `async fn` (a plain function cannot be stopped half-way)",
                ));
            }
            quote! {
                let __ft_watch = #krate::Disconnect::of(&#ctx);
                let __ft_out = match __ft_watch.until(#name::call(#(#arg_idents),*)).await {
                    ::core::result::Result::Ok(__ft_v) => __ft_v,
                    ::core::result::Result::Err(__ft_gone) => {
                        return #krate::__private::respond(&mut #ctx, #krate::IntoFt::into_ft(__ft_gone));
                    }
                };
            }
        }
        None => quote! {
            let __ft_out = #name::call(#(#arg_idents),*)#await_call;
        },
    };
    let def = quote! {
        fn __ft_handler(mut #ctx: #krate::Ctx) -> #krate::HandlerFuture {
            ::std::boxed::Box::pin(async move {
                #befores
                #(#extracts)*
                #call
                #[allow(unused_imports)]
                use #krate::__private::Respond as _;
                (&&#krate::__private::Probe::new(__ft_out)).respond(&mut #ctx)
            })
        }
        #krate::RouteDef {
            path: self.path(),
            methods: &[#(#method_idents),*],
            name: #route_name,
            handler: __ft_handler,
        }
    };
    let value = value.emit(
        "The route's path template (with its router's prefix).",
        to,
        def,
    );
    Ok(quote!(#link #value))
}
