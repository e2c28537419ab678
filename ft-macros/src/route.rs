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
use crate::item_input::inner_of;
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
    if verb.is_none() && syn::parse2::<syn::ItemImpl>(item.clone()).is_ok() {
        return expand_group(attr, item);
    }
    match try_expand(verb, attr, item) {
        Ok(t) => t,
        Err(e) => e.to_compile_error(),
    }
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

fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

const SCALARS: &[&str] = &[
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "f32",
    "f64",
    "bool",
    "String",
    "char",
    "NaiveDate",
    "NaiveDateTime",
    "NaiveTime",
];

fn is_scalar(ty: &Type) -> bool {
    type_name(ty).is_some_and(|n| SCALARS.contains(&n.as_str()))
}

/// ft-web's parameter types that are never read from the query string (and `Result`, a
/// struct's field errors), by name: their links get no method.
const NOT_QUERY: &[&str] = &[
    "Request",
    "HttpRequest",
    "Session",
    "Htmx",
    "App",
    "Auth",
    "MaybeAuth",
    "State",
    "Tbl",
    "Db",
    "Hub",
    "UploadFile",
    "Files",
    "Body",
    "Json",
    "Form",
    "Header",
    "Cookie",
    "Valid",
    "Result",
    "CsrfToken",
    "OAuthClient",
    "WsSend",
    "WsId",
    "WsData",
    "Ctx",
];

/// How a query parameter is set in a link: one value, or one per item.
enum QueryShape {
    One(Type),
    Many(Type),
}

/// The query method a parameter type gets: `Option<T>` and a required `T` one value of `T`,
/// `Vec<T>` several (`Query<..>` read through). Any type not known by name gets one: its
/// method takes `impl QueryArg<T>`, which only query values implement.
fn query_shape(ty: &Type) -> Option<QueryShape> {
    let ty = inner_of(ty, "Query").unwrap_or(ty);
    let plain = |t: &Type| match t {
        Type::Path(p) if p.qself.is_none() => type_name(t)
            .filter(|n| !NOT_QUERY.contains(&n.as_str()) && n != "Option" && n != "Vec")
            .map(|_| t.clone()),
        _ => None,
    };
    if let Some(inner) = inner_of(ty, "Option") {
        plain(inner).map(QueryShape::One)
    } else if let Some(inner) = inner_of(ty, "Vec") {
        plain(inner).map(QueryShape::Many)
    } else {
        plain(ty).map(QueryShape::One)
    }
}

fn try_expand(
    verb: Option<&str>,
    attr: TokenStream,
    item: TokenStream,
) -> syn::Result<TokenStream> {
    let args: Args = syn::parse2(attr)?;
    let func: ItemFn = syn::parse2(item)?;
    let krate = path_to(&["ft-web"]);
    expand_fn(&krate, verb, &args, &func)
}

/// `#[rt("/cards/{id}")] impl Cards { fn get(id: i64) -> Ft {..} fn delete(..) .. }`: a
/// route group (FastHTML's class decorated with `@rt`, SPEC 2.9). Each verb-named function
/// is a route on the group's path answering that verb, reachable as `Cards::get` (a route
/// value: `Cards::get.to(3)`, `hx_delete = Cards::delete`); other items stay in the impl.
/// `Cards` itself (a unit struct the user declares) is a route value for all of them:
/// `routes![Cards]`, and as an attribute value it renders the path. Without a path, the path
/// is `/` and the type's name with its first letter lower-cased, which is also the routes'
/// name; the other options (`router`, `name`, `before`, `cancel_on_disconnect`) apply to
/// every route.
fn expand_group(attr: TokenStream, item: TokenStream) -> TokenStream {
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
    for p in &pparams {
        if !params
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
    let ordered_path: Vec<&Param> = pparams
        .iter()
        .filter_map(|pp| {
            params
                .iter()
                .find(|a| a.ident.to_string().trim_start_matches("r#") == pp)
        })
        .collect();
    for p in ordered_path
        .iter()
        .copied()
        .chain(params.iter().filter(|p| !p.is_path && is_scalar(&p.ty)))
    {
        let (id, ty) = (&p.ident, &p.ty);
        let pname = id.to_string().trim_start_matches("r#").to_owned();
        let is_string = type_name(ty).is_some_and(|n| n == "String");
        if is_string {
            to_args.push(quote!(#id: impl ::std::fmt::Display));
        } else {
            to_args.push(quote!(#id: #ty));
        }
        // Scalars are written as they read back (`ToParam`: ISO dates, `true`/`false`); a
        // path parameter of another type by its `Display`.
        let text = if is_string || !is_scalar(ty) {
            quote!(&#id)
        } else {
            quote!(&#krate::QueryArg::<#ty>::query_text(&#id))
        };
        if p.is_path {
            to_path_fill.push(quote!((#pname, #text as &dyn ::std::fmt::Display)));
        } else {
            to_query.push(quote!(__link.push_query(#pname, #text);));
        }
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

    let doc_link =
        format!("The link type of the route [`{name_str}`], built by `{name_str}.to(..)`.");
    let link = quote! {
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

    };
    let to = quote! {
        /// A link to this route: path parameters filled, required query parameters added.
        #vis fn to(&self, #(#to_args),*) -> #link_ty {
            let __path = self.path();
            #[allow(unused_mut)]
            let mut __link = #krate::Link::from_template(&__path, &[#(#to_path_fill),*]);
            #(#to_query)*
            #link_ty(__link)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(src: &str) -> syn::Result<Args> {
        syn::parse_str(src)
    }

    fn ty(src: &str) -> Type {
        syn::parse_str(src).unwrap()
    }

    fn expand_str(verb: Option<&str>, attr: &str, item: &str) -> String {
        expand(verb, attr.parse().unwrap(), item.parse().unwrap()).to_string()
    }

    #[test]
    fn path_params_are_the_names_in_braces() {
        assert_eq!(path_params("/todos/{id}"), ["id"]);
        // A pattern after `:` is not part of the name.
        assert_eq!(
            path_params("/u/{name}/f/{rest:.*}/{n:\\d+}"),
            ["name", "rest", "n"]
        );
        assert!(path_params("/").is_empty());
        assert!(path_params("/plain/path").is_empty());
        // An unclosed brace ends the names.
        assert_eq!(path_params("/a/{x}/{y"), ["x"]);
    }

    #[test]
    fn arguments_are_a_path_and_options() {
        let a = args(r#""/p", methods = ["GET", put], name = "n", router = ADMIN"#).unwrap();
        assert_eq!(a.path.unwrap().value(), "/p");
        let methods: Vec<String> = a.methods.unwrap().into_iter().map(|m| m.0).collect();
        assert_eq!(methods, ["get", "put"]);
        assert_eq!(a.name.unwrap().value(), "n");
        assert!(a.router.is_some());
        let a = args("").unwrap();
        assert!(a.path.is_none() && a.methods.is_none());
        // Options without a path.
        assert_eq!(args("methods = [post]").unwrap().methods.unwrap().len(), 1);
    }

    #[test]
    fn argument_mistakes_are_named() {
        let e = |src: &str| args(src).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            e(r#""/p", methods = ["fetch"]"#),
            "unknown HTTP method `fetch`: use one of get, post, put, delete, patch, head, trace, options"
        );
        assert_eq!(
            e(r#""/p", verb = 1"#),
            "unknown route option `verb`: expected a path string, `methods = [..]`, `router = CONST`, `name = \"..\"`, `before = check` or `cancel_on_disconnect`"
        );
    }

    #[test]
    fn parameter_types_are_read_through_option_and_vec() {
        let opt = ty("Option<i64>");
        assert_eq!(type_name(inner_of(&opt, "Option").unwrap()).unwrap(), "i64");
        assert!(inner_of(&opt, "Vec").is_none());
        let v = ty("std::vec::Vec<String>");
        assert_eq!(type_name(inner_of(&v, "Vec").unwrap()).unwrap(), "String");
        assert!(inner_of(&ty("i64"), "Option").is_none());
        for t in ["i64", "u8", "String", "bool", "f64", "chrono::NaiveDate"] {
            assert!(is_scalar(&ty(t)), "{t}");
        }
        for t in ["Tbl<Todo>", "Session", "&str", "Option<i64>", "(i64, i64)"] {
            assert!(!is_scalar(&ty(t)), "{t}");
        }
    }

    #[test]
    fn query_methods_are_for_every_query_value_type() {
        let shape = |t: &str| match query_shape(&ty(t)) {
            Some(QueryShape::One(t)) => format!("one {}", quote!(#t)),
            Some(QueryShape::Many(t)) => format!("many {}", quote!(#t)),
            None => "none".to_owned(),
        };
        assert_eq!(shape("Sort"), "one Sort");
        assert_eq!(shape("Option<u32>"), "one u32");
        assert_eq!(
            shape("Option<chrono::NaiveDate>"),
            "one chrono :: NaiveDate"
        );
        assert_eq!(shape("Vec<String>"), "many String");
        assert_eq!(shape("Query<Option<Sort>>"), "one Sort");
        for t in [
            "Session",
            "Tbl<Todo>",
            "Option<Auth<User>>",
            "Vec<UploadFile>",
            "Result<Todo, FieldErrors>",
            "Header<String>",
            "Json<Todo>",
            "&str",
            "(i64, i64)",
            "Option<Vec<u8>>",
        ] {
            assert_eq!(shape(t), "none", "{t}");
        }
    }

    #[test]
    fn a_path_must_start_with_a_slash_and_name_the_parameters() {
        let out = expand_str(None, r#""todos""#, "fn list() -> Ft { todo!() }");
        assert!(
            out.contains(r#"a route path starts with `/`: write \"/todos\""#),
            "{out}"
        );
        let out = expand_str(
            Some("get"),
            r#""/todos/{id}/{tab}""#,
            "fn show(id: i64) -> Ft { todo!() }",
        );
        assert!(
            out.contains("the path has `{tab}` but `show` has no parameter named `tab`"),
            "{out}"
        );
        let out = expand_str(None, "", "fn show(self) -> Ft { todo!() }");
        assert!(out.contains("a route handler is a free function"), "{out}");
        let out = expand_str(None, "", "fn show((a, b): (i64, i64)) -> Ft { todo!() }");
        assert!(out.contains("route parameters are found by name"), "{out}");
    }

    #[test]
    fn the_default_path_and_methods_come_from_the_function() {
        let out = expand_str(None, "", "fn index() -> Ft { todo!() }");
        assert!(out.contains(r#"String :: from ("/")"#), "{out}");
        assert!(
            out.contains("Method :: Get") && out.contains("Method :: Post"),
            "{out}"
        );
        // A function named after a verb answers that verb.
        let out = expand_str(None, "", "fn delete() -> Ft { todo!() }");
        assert!(out.contains(r#"String :: from ("/delete")"#), "{out}");
        assert!(
            out.contains("Method :: Delete") && !out.contains("Method :: Get"),
            "{out}"
        );
        // `#[put]` whatever the name; `methods` for `#[rt]`.
        let out = expand_str(Some("put"), r#""/x""#, "fn save() -> Ft { todo!() }");
        assert!(
            out.contains("Method :: Put") && !out.contains("Method :: Post"),
            "{out}"
        );
        let out = expand_str(
            None,
            r#""/x", methods = [patch]"#,
            "fn save() -> Ft { todo!() }",
        );
        assert!(
            out.contains("Method :: Patch") && !out.contains("Method :: Get"),
            "{out}"
        );
        // A router's prefix goes before the path.
        let out = expand_str(
            None,
            r#""/x", router = ADMIN"#,
            "fn save() -> Ft { todo!() }",
        );
        assert!(out.contains("(ADMIN) . prefix ()"), "{out}");
    }

    #[test]
    fn route_options_before_and_cancel_on_disconnect() {
        // SPEC 2.49: one beforeware or a list; SPEC 7.14: a flag, on async functions only.
        let a = args(r#""/p", before = [a, b], cancel_on_disconnect"#).unwrap();
        assert_eq!(a.before.len(), 2);
        assert!(a.cancel_on_disconnect.is_some());
        assert_eq!(args(r#""/p", before = check"#).unwrap().before.len(), 1);
        let e = |src: &str| args(src).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            e(r#""/p", cancel_on_disconnect = true"#),
            "`cancel_on_disconnect` takes no value"
        );
        assert_eq!(e(r#""/p", name "x""#), "expected `=` after `name`");
        let out = expand_str(
            Some("get"),
            r#""/s", cancel_on_disconnect"#,
            "fn slow() -> Ft { todo!() }",
        );
        assert!(
            out.contains("cancel_on_disconnect needs an `async fn`"),
            "{out}"
        );
        let out = expand_str(
            Some("get"),
            r#""/s", cancel_on_disconnect, before = check"#,
            "async fn slow() -> Ft { todo!() }",
        );
        assert!(out.contains("Disconnect :: of"), "{out}");
        assert!(out.contains("run_route_befores"), "{out}");
    }

    #[test]
    fn route_group_mistakes_are_named() {
        // SPEC 2.9
        let out = expand_str(None, r#""/c""#, "impl Cards { fn helper() {} }");
        assert!(
            out.contains("a route group needs a function named after an HTTP verb"),
            "{out}"
        );
        let out = expand_str(None, r#""/c""#, "impl Show for Cards { fn get() {} }");
        assert!(out.contains("not a trait impl"), "{out}");
        let out = expand_str(
            None,
            r#""/c", methods = [get]"#,
            "impl Cards { fn get() {} }",
        );
        assert!(out.contains("drop `methods`"), "{out}");
        let out = expand_str(None, r#""/c""#, "impl<T> Cards<T> { fn get() {} }");
        assert!(out.contains("cannot be generic"), "{out}");
        // The default path and name: the type's name, first letter lower-cased.
        let out = expand_str(None, "", "impl MyThing { fn post() -> Ft { todo!() } }");
        assert!(out.contains(r#"String :: from ("/myThing")"#), "{out}");
        assert!(out.contains(r#"name : "myThing""#), "{out}");
        assert!(out.contains("const post : __ft_MyThing_post"), "{out}");
    }
}
