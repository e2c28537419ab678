//! GENERATE: the expansion's tokens: `Component` calls, values bound in source order.

use super::check;
use super::format::formatted;
use super::parse::{Header, Item};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Expr, Ident, LitStr};

/// Where an attribute goes in FastHTML's order (SPEC 1.16): call order, then `hx_vals`,
/// `hx_target`, `target_id` (which wins over `hx_target`, SPEC 1.26), spreads, then `id`,
/// `class`, `title`, `style`.
pub(crate) fn slot(written: &str) -> u8 {
    match written {
        "hx_vals" => 1,
        "hx_target" => 2,
        "target_id" => 3,
        "id" => 5,
        "cls" => 6,
        "title" => 7,
        "style" => 8,
        _ => 0,
    }
}

/// What the expansion does with an argument after the children: a helper's parameter
/// (`__ft.header(value)`), a spread (`..pairs`) or an attribute (its HTML name).
enum Call {
    Method(Ident, Span),
    Spread(Span),
    Attr(Span, LitStr),
}

/// An argument whose evaluation nothing can observe (a literal, a closure): left in place
/// when the others are bound in source order (a literal stays a constant, a closure keeps
/// the parameter type its argument types are inferred from).
fn inert(expr: &Expr) -> bool {
    matches!(expr, Expr::Lit(_) | Expr::Closure(_))
}

/// `let`s of arguments, each with where it was written (item indices), to sort.
pub(crate) type Lets = Vec<(Vec<u32>, TokenStream)>;

/// The argument `value` (written as item `at`), bound to a local first when `bind`.
fn bound(lets: &mut Lets, bind: bool, at: u32, value: TokenStream, inert: bool) -> TokenStream {
    if !bind || inert {
        return value;
    }
    let local = format_ident!("__ft_a{}", at, span = Span::mixed_site());
    lets.push((vec![at], quote!(let #local = #value;)));
    quote!(#local)
}

/// The expansion of the parsed input: each item checked as it is met (a refused item is left
/// out, its error returned with its index), then the element built from its builder, its
/// children (one template when they nest tags) and its calls.
pub(super) fn expansion(header: Header, items: Vec<Item>) -> (TokenStream, Vec<(u32, syn::Error)>) {
    let mut refused = Vec::new();
    let expansion = checked_expansion(header, items, &mut refused);
    (expansion, refused)
}

fn checked_expansion(
    header: Header,
    items: Vec<Item>,
    refused: &mut Vec<(u32, syn::Error)>,
) -> TokenStream {
    // A plain tag with attributes and nested tags among its children: one template for the
    // element itself (its own attributes in slots too).
    if let Some(whole) = header
        .plain
        .as_ref()
        .and_then(|name| crate::tmpl::Program::whole(&header.krate, name, &items))
    {
        let (krate, builder) = (&header.krate, &header.builder);
        return only_template(krate, builder, whole, true);
    }
    // Pico's card, as the `<article>` it renders: one template with its header and footer.
    if header.card
        && let Some(card) = crate::tmpl::Program::card(&header.krate, &items)
    {
        let krate = &header.krate;
        let article = quote!(#krate::Element::from_tag(&#krate::__private::tags::Article));
        return only_template(krate, &article, card, true);
    }
    // Pico's grid, as the `<div class="grid">` it renders, each child in its `<div>`.
    if header.grid
        && let Some(grid) = crate::tmpl::Program::grid(&header.krate, &items)
    {
        let krate = &header.krate;
        let div = quote!(#krate::Element::from_tag(&#krate::__private::tags::Div));
        return only_template(krate, &div, grid, true);
    }
    // `Titled!`: its `<main>` one template with the `<h1>`, then the `<title>`.
    if header.titled
        && let Some((title, main)) = crate::tmpl::Program::titled(&header.krate, &items)
    {
        let krate = &header.krate;
        let title = match title {
            // A helper's parameter, as written (a `format!` in it is the user's).
            Some(t) => quote_spanned!(t.span()=> #krate::IntoFt::into_ft(#t)),
            None => quote!(#krate::Ft::text("FastHTML app")),
        };
        let element = quote!(#krate::Element::from_tag(&#krate::__private::tags::Main));
        let main = only_template(krate, &element, main, true);
        return quote! {{
            let __ft_title: #krate::Ft = #title;
            let __ft_title_h1 = ::std::clone::Clone::clone(&__ft_title);
            let __ft_main = #main;
            let mut __ft_head = #krate::Element::from_tag(&#krate::__private::tags::Title);
            __ft_head.push(__ft_title);
            #krate::Ft::Fragment(::std::vec![#krate::Ft::Element(__ft_head), __ft_main])
        }};
    }
    let Header {
        krate,
        builder,
        named,
        positional,
        void_tag,
        keeps_tmpl,
        ..
    } = header;
    let ft = Ident::new("__ft", Span::call_site());
    let mut children: Vec<(u32, Expr)> = Vec::new();
    // (FastHTML's order, where written, what, the value, inert)
    let mut calls: Vec<(u8, u32, Call, TokenStream, bool)> = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut has_id = false;
    let mut n_attrs = 0usize;
    let mut n_positional = 0usize;
    for (at, item) in (0u32..).zip(items) {
        match item {
            Item::Child(expr) => {
                if n_positional < positional.len() {
                    let m = positional[n_positional].clone();
                    n_positional += 1;
                    let call = Call::Method(m, expr.span());
                    calls.push((0, at, call, quote!(#expr), inert(&expr)));
                    continue;
                }
                match check::no_children(void_tag.as_ref(), &expr) {
                    Ok(()) => children.push((at, expr)),
                    Err(e) => refused.push((at, e)),
                }
            }
            Item::Spread(expr) => {
                calls.push((4, at, Call::Spread(expr.span()), quote!(#expr), false));
            }
            Item::Attr { name, key, value } => {
                if let Some(ident) = &key.ident
                    && let Some(m) = named.iter().chain(&positional).find(|m| *m == ident)
                {
                    let call = Call::Method(m.clone(), key.span);
                    calls.push((0, at, call, quote!(#value), inert(&value)));
                    continue;
                }
                let name = match check::checked_name(name, &key, &mut seen) {
                    Ok(name) => name,
                    Err(e) => {
                        refused.push((at, e));
                        continue;
                    }
                };
                let written = key.written.as_str();
                let s = if key.ident.is_some() {
                    slot(written)
                } else {
                    0
                };
                let val = attr_value(&krate, written, &value);
                if written == "id" {
                    has_id = true;
                }
                n_attrs += 1;
                let call = Call::Attr(key.span, LitStr::new(&name, key.span));
                calls.push((s, at, call, val, inert(&value)));
            }
        }
    }
    calls.sort_by_key(|c| c.0);
    // The children are given first, then the calls in FastHTML's order; when that is not
    // the order written, every argument is first bound to a local in source order, so each
    // is evaluated once, where it was written (`Li!(A!(hx_get = format!("/{x}")), id = x)`).
    let given = children.iter().filter(|(_, c)| !inert(c)).map(|c| c.0);
    let given: Vec<u32> = given
        .chain(calls.iter().filter(|c| !c.4).map(|c| c.1))
        .collect();
    let bind = !given.windows(2).all(|w| w[0] < w[1]);
    let mut lets: Lets = Vec::new();
    let n = children.len();
    // Nested tag macros among the children (of a component without parameters, or of one
    // that keeps them as its template) are compiled into one template; otherwise each child
    // is given on its own.
    let compiled = (positional.is_empty() && (named.is_empty() || keeps_tmpl))
        .then(|| crate::tmpl::Program::build(&krate, &children))
        .flatten();
    let (children, reserve) = if let Some(program) = compiled {
        if calls.is_empty() {
            return only_template(&krate, &builder, program, false);
        }
        if bind {
            let (program_lets, body) = program.emit_bound(&krate, &ft);
            lets.extend(program_lets);
            (vec![body], None)
        } else {
            (vec![program.emit(&krate, &ft, false, false)], None)
        }
    } else {
        let mut given = Vec::new();
        for (at, c) in &children {
            let c = bound(&mut lets, bind, *at, child_tokens(&krate, c), inert(c));
            given.push(quote!(#krate::Component::child(&mut #ft, #c);));
        }
        let reserve = (n > 1).then(|| quote!(#krate::Component::reserve(&mut #ft, #n);));
        (given, reserve)
    };
    let calls: Vec<TokenStream> = calls
        .into_iter()
        .map(|(_, at, call, value, inert)| {
            let value = bound(&mut lets, bind, at, value, inert);
            match call {
                Call::Method(m, span) => quote_spanned!(span=> #ft.#m(#value);),
                Call::Spread(span) => {
                    quote_spanned!(span=> #krate::__private::component::spread(&mut #ft, #value);)
                }
                Call::Attr(span, name) => quote_spanned!(span=>
                    #krate::Component::attr(&mut #ft, ::std::borrow::Cow::Borrowed(#name), #value);
                ),
            }
        })
        .collect();
    lets.sort_by(|a, b| a.0.cmp(&b.0));
    let lets = lets.into_iter().map(|(_, l)| l);
    // Room for every attribute at once (an `id` may add `name`), instead of growing the list.
    let n_attrs = n_attrs + usize::from(has_id);
    let reserve_attrs =
        (n_attrs > 2).then(|| quote!(#krate::Component::reserve_attrs(&mut #ft, #n_attrs);));
    let auto_name = has_id.then(|| quote!(#krate::Component::auto_name(&mut #ft);));
    quote! {{
        #[allow(unused_mut)]
        let mut #ft = #builder;
        #(#lets)*
        #reserve
        #reserve_attrs
        #(#children)*
        #(#calls)*
        #auto_name
        #krate::Component::build(#ft)
    }}
}

/// An element given nothing but its template (`whole`: the element's own template): built
/// with it in one go.
fn only_template(
    krate: &TokenStream,
    builder: &TokenStream,
    program: crate::tmpl::Program,
    whole: bool,
) -> TokenStream {
    let ft = Ident::new("__ft", Span::call_site());
    let body = program.emit(krate, &ft, whole, true);
    quote! {{
        let #ft = #builder;
        #body
    }}
}

/// The `Option<AttrValue>` of `name = value`, as written with key `written`.
pub(crate) fn attr_value(krate: &TokenStream, written: &str, value: &Expr) -> TokenStream {
    match written {
        "hx_target" => {
            let v = formatted(krate, value);
            quote_spanned!(value.span()=> #krate::IntoTarget::into_target(#v))
        }
        "target_id" => {
            let v = formatted(krate, value);
            quote_spanned!(value.span()=> #krate::__private::component::target_id(#v))
        }
        _ => value_tokens(krate, value),
    }
}

/// Which typed conversion a template value goes through (ft-html's `typed` and `fmt`).
#[derive(Clone, Copy)]
pub(crate) enum Conv {
    Child,
    Attr,
    Fmt,
}

/// `(&&&Val::new(value)).ft_<conv>().into_slot()`, with the two traits whose methods autoref
/// specialization chooses between in scope; for a template written as data, the plain
/// conversion to an `Ft`.
pub(crate) fn specialized(
    krate: &TokenStream,
    span: Span,
    conv: Conv,
    value: TokenStream,
) -> TokenStream {
    // Templates as data keep every value as an `Ft`: the conversion is the `IntoFt` or
    // `IntoAttr` the typed ones equal (ft-html's `typed` tests), named by path, which type
    // checking resolves without probing methods (a handler's body is checked again whenever
    // an edit above it moves it: docs/compile-time.md).
    if crate::Templates::current() == crate::Templates::Data {
        match conv {
            Conv::Child => {
                return quote_spanned!(span=> #krate::IntoFt::into_ft(#value));
            }
            Conv::Attr => {
                return quote_spanned!(span=> #krate::__private::tmpl::attr_slot(#krate::IntoAttr::into_attr(#value)));
            }
            Conv::Fmt => {}
        }
    }
    let (traits, method) = match conv {
        Conv::Child => (
            quote!(#krate::__private::typed::{ChildAny as _, ChildTyped as _}),
            quote!(ft_child),
        ),
        Conv::Attr => (
            quote!(#krate::__private::typed::{AttrAny as _, AttrTyped as _}),
            quote!(ft_attr),
        ),
        Conv::Fmt => (
            quote!(#krate::__private::fmt::{FmtAny as _, FmtTyped as _}),
            quote!(ft_fmt),
        ),
    };
    quote_spanned! {span=> {
        #[allow(unused_imports)]
        use #traits;
        (&&&#krate::__private::typed::Val::new(#value)).#method().into_slot()
    }}
}

pub(crate) fn child_tokens(krate: &TokenStream, expr: &Expr) -> TokenStream {
    if let Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(s),
        ..
    }) = expr
    {
        return quote_spanned!(s.span()=> #krate::Ft::Text(#krate::Text::Str(const { #krate::Str::from_static(#s) })));
    }
    let e = formatted(krate, expr);
    quote_spanned!(expr.span()=> #krate::IntoFt::into_ft(#e))
}

fn value_tokens(krate: &TokenStream, expr: &Expr) -> TokenStream {
    if let Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(s),
        ..
    }) = expr
    {
        return quote_spanned!(s.span()=> ::std::option::Option::Some(#krate::AttrValue::Trusted(const { #krate::Str::from_static(#s) })));
    }
    let e = formatted(krate, expr);
    quote_spanned!(expr.span()=> #krate::IntoAttr::into_attr(#e))
}
