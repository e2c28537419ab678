//! The expansion behind every tag and component macro (`Div!(..)`, `Card!(..)`).
//!
//! Input, as the `macro_rules!` wrappers in ft-html write it:
//! `{$crate}, {builder expr}, [named params], [positional params], void("tag") | nonvoid;`
//! (a positional parameter may also be given by name: `label = "Done"`)
//! (`nonvoid` may name its tag too: `nonvoid("div")`, and a plain tag macro its own name:
//! `nonvoid("tr", Tr)`, which lets it keep its attributes in its children's template)
//! followed by the user's tokens: children positionally, attributes as `name = value`,
//! `"any-name" = value`, `data-foo = value`, and `..pairs` to spread run-time attributes.

use crate::names::attr_name;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Expr, ExprMacro, Ident, LitStr, Token, braced, bracketed, parenthesized};

/// The header the wrappers pass.
struct Header {
    krate: TokenStream,
    builder: TokenStream,
    named: Vec<Ident>,
    positional: Vec<Ident>,
    void_tag: Option<LitStr>,
    /// A plain tag macro's own name (`Tr`): its builder is the bare element.
    plain: Option<Ident>,
}

/// One user item.
#[derive(Clone)]
pub(crate) enum Item {
    Child(Expr),
    Attr {
        name: String,
        key: AttrKey,
        value: Expr,
    },
    Spread(Expr),
}

/// How the attribute was written (for messages and special handling).
#[derive(Clone)]
pub(crate) struct AttrKey {
    pub(crate) written: String,
    pub(crate) span: Span,
    pub(crate) ident: Option<Ident>,
}

impl Parse for Header {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let k;
        braced!(k in input);
        let krate: TokenStream = k.parse()?;
        input.parse::<Token![,]>()?;
        let b;
        braced!(b in input);
        let builder: TokenStream = b.parse()?;
        input.parse::<Token![,]>()?;
        let idents = |input: ParseStream| -> syn::Result<Vec<Ident>> {
            let c;
            bracketed!(c in input);
            Ok(c.parse_terminated(Ident::parse, Token![,])?
                .into_iter()
                .collect())
        };
        let named = idents(input)?;
        input.parse::<Token![,]>()?;
        let positional = idents(input)?;
        input.parse::<Token![,]>()?;
        let kind: Ident = input.parse()?;
        let (tag, plain) = if input.peek(syn::token::Paren) {
            let t;
            parenthesized!(t in input);
            let tag: LitStr = t.parse()?;
            let plain = if t.peek(Token![,]) {
                t.parse::<Token![,]>()?;
                Some(t.parse::<Ident>()?)
            } else {
                None
            };
            (Some(tag), plain)
        } else {
            (None, None)
        };
        let void_tag = if kind == "void" { tag } else { None };
        input.parse::<Token![;]>()?;
        Ok(Header {
            krate,
            builder,
            named,
            positional,
            void_tag,
            plain: if kind == "nonvoid" { plain } else { None },
        })
    }
}

fn parse_item(input: ParseStream) -> syn::Result<Item> {
    if input.peek(Token![..]) {
        input.parse::<Token![..]>()?;
        return Ok(Item::Spread(input.parse()?));
    }
    // `name = value`, `r#for = value`, `data-foo = value`, `"@click" = value`
    let fork = input.fork();
    if let Some((written, span, ident)) = attr_key(&fork) {
        if fork.peek(Token![=]) && !fork.peek(Token![==]) && !fork.peek(Token![=>]) {
            fork.parse::<Token![=]>()?;
            if fork.is_empty() || fork.peek(Token![,]) {
                return Err(syn::Error::new(
                    span,
                    format!("attribute `{written}` has no value: write `{written} = value`"),
                ));
            }
            let value: Expr = fork.parse()?;
            use syn::parse::discouraged::Speculative;
            input.advance_to(&fork);
            let name = attr_name(written.trim_matches('"'));
            return Ok(Item::Attr {
                name,
                key: AttrKey {
                    written,
                    span,
                    ident,
                },
                value,
            });
        }
        if let Some(ident) = &ident
            && (fork.peek(Token![:]) && !fork.peek(Token![::]) || fork.peek(Token![=>]))
        {
            return Err(syn::Error::new(
                ident.span(),
                format!("attributes are written `name = value`: write `{ident} = ..`"),
            ));
        }
    }
    let expr: Expr = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            format!("{e}; a tag macro takes children (`P!(\"text\")`) and attributes (`cls = \"x\"`), separated by commas"),
        )
    })?;
    Ok(Item::Child(expr))
}

/// Reads an attribute key if one starts here: an identifier (possibly `a-b-c`) or a string.
fn attr_key(input: ParseStream) -> Option<(String, Span, Option<Ident>)> {
    if input.peek(Token![_]) {
        let u: Token![_] = input.parse().ok()?;
        return Some(("_".to_string(), u.span, None));
    }
    if input.peek(LitStr) {
        let s: LitStr = input.parse().ok()?;
        return Some((format!("\"{}\"", s.value()), s.span(), None));
    }
    if !input.peek(Ident)
        && !input.peek(Token![type])
        && !input.peek(Token![for])
        && !input.peek(Token![async])
    {
        return None;
    }
    let first: Ident = syn::ext::IdentExt::parse_any(input).ok()?;
    let span = first.span();
    let mut written = first.to_string();
    let mut hyphenated = false;
    while input.peek(Token![-])
        && (input.peek2(Ident) || input.peek2(Token![type]) || input.peek2(Token![for]))
    {
        input.parse::<Token![-]>().ok()?;
        let next: Ident = syn::ext::IdentExt::parse_any(input).ok()?;
        written.push('-');
        written.push_str(&next.to_string());
        hyphenated = true;
    }
    Some((written, span, (!hyphenated).then_some(first)))
}

pub fn expand(input: TokenStream) -> TokenStream {
    match try_expand(input) {
        Ok(ts) => ts,
        Err(e) => e.to_compile_error(),
    }
}

struct Parsed {
    header: Header,
    items: Vec<Item>,
}

impl Parse for Parsed {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let header: Header = input.parse()?;
        if input.peek(Token![@]) {
            let fork = input.fork();
            fork.parse::<Token![@]>()?;
            if fork.parse::<Ident>().is_ok_and(|i| i == PLAIN_TAG_CHECK) && fork.is_empty() {
                return Err(syn::Error::new(input.span(), NOT_A_PLAIN_TAG));
            }
        }
        let items = parse_items(input)?;
        Ok(Parsed { header, items })
    }
}

/// The argument of a nested call's resolution check (`Td!(@__ft_plain_tag)`, see `tmpl.rs`):
/// ft's plain tag macros answer it with a marker in an arm of their own, so an expansion that
/// meets it here is one of ft's other macros, met under a tag's name.
pub(crate) const PLAIN_TAG_CHECK: &str = "__ft_plain_tag";

/// The error of the check meeting one of ft's other macros (a helper imported under a tag's
/// name: `use ft_html::svg::Svg as G;`).
const NOT_A_PLAIN_TAG: &str = "this nested call is one of ft's helpers under a tag's name, not ft's tag macro: a tag macro compiles the ft tags nested in it into its own template, which it cannot do with a helper; bind the helper's value first (`let x = ..;`, then nest `x`)";

/// The user's items: children and attributes, separated by commas.
pub(crate) fn parse_items(input: ParseStream) -> syn::Result<Vec<Item>> {
    {
        let mut items = Vec::new();
        while !input.is_empty() {
            items.push(parse_item(input)?);
            if input.is_empty() {
                break;
            }
            if !input.peek(Token![,]) {
                return Err(input.error(
                    "expected `,` between items; a tag macro takes children and `name = value` attributes separated by commas",
                ));
            }
            input.parse::<Token![,]>()?;
        }
        Ok(items)
    }
}

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

fn try_expand(input: TokenStream) -> syn::Result<TokenStream> {
    let Parsed { header, items } = syn::parse2(input)?;
    // A plain tag with attributes and nested tags among its children: one template for the
    // element itself (its own attributes in slots too).
    if let Some(whole) = header
        .plain
        .as_ref()
        .and_then(|name| crate::tmpl::Program::whole(&header.krate, name, &items))
    {
        let (krate, builder) = (&header.krate, &header.builder);
        return Ok(only_template(krate, builder, whole, true));
    }
    let Header {
        krate,
        builder,
        named,
        positional,
        void_tag,
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
                if let Some(tag) = &void_tag {
                    return Err(syn::Error::new(
                        expr.span(),
                        format!(
                            "`<{}>` is a void element and cannot have children; give its content as an attribute instead (e.g. `value = ..`)",
                            tag.value()
                        ),
                    ));
                }
                children.push((at, expr));
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
                let name = checked_name(name, &key, &mut seen)?;
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
    // Nested tag macros among the children (of a component without parameters) are compiled
    // into one template; otherwise each child is given on its own.
    let compiled = (named.is_empty() && positional.is_empty())
        .then(|| crate::tmpl::Program::build(&krate, &children))
        .flatten();
    let (children, reserve) = if let Some(program) = compiled {
        if calls.is_empty() {
            return Ok(only_template(&krate, &builder, program, false));
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
    Ok(quote! {{
        #[allow(unused_mut)]
        let mut #ft = #builder;
        #(#lets)*
        #reserve
        #reserve_attrs
        #(#children)*
        #(#calls)*
        #auto_name
        #krate::Component::build(#ft)
    }})
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

/// The attribute's HTML name (`target_id` is `hx-target`), refused when already given
/// (`hx_target` and `target_id` may both be given: `target_id` wins, SPEC 1.26).
pub(crate) fn checked_name(
    name: String,
    key: &AttrKey,
    seen: &mut Vec<(String, String)>,
) -> syn::Result<String> {
    let target_pair = |a: &str, b: &str| {
        matches!(
            (a, b),
            ("hx_target", "target_id") | ("target_id", "hx_target")
        )
    };
    let name = if key.written == "target_id" {
        "hx-target".to_string()
    } else {
        name
    };
    if let Some((_, before)) = seen
        .iter()
        .find(|(n, w)| *n == name && !target_pair(w, &key.written))
    {
        return Err(syn::Error::new(
            key.span,
            format!(
                "attribute `{name}` is given twice (as `{before}` and `{}`); keep one",
                key.written
            ),
        ));
    }
    seen.push((name.clone(), key.written.clone()));
    Ok(name)
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

/// `format!(..)` as a child or attribute value is formatted straight into a `Str` (inline up
/// to 24 bytes: no allocation for ids and short URLs), with its guard (`checked_format`);
/// any other expression is kept as is.
pub(crate) fn formatted(krate: &TokenStream, expr: &Expr) -> TokenStream {
    let Some(m) = format_call(expr) else {
        return quote!(#expr);
    };
    let value = match plain_format(&m.mac.tokens) {
        Some(pieces) => concat_pieces(krate, pieces),
        None => {
            let args = &m.mac.tokens;
            quote_spanned!(expr.span()=> #krate::Str::format(::std::format_args!(#args)))
        }
    };
    checked_format(m, value)
}

/// `format!(..)` in a compiled template kept as its pieces (ft-html's `fmt::Fmt`), when it is
/// a plain format of at most six arguments whose literal text holds nothing to escape and
/// cannot start a URL scheme that an argument finishes (no `:`, or a `/`, `?` or `#` before
/// the first one), with its guard (`checked_format`). The arguments are borrowed, as
/// `format!` borrows them.
pub(crate) fn fmt_slot(krate: &TokenStream, expr: &Expr) -> Option<TokenStream> {
    let m = format_call(expr)?;
    let mut lits = vec![String::new()];
    let mut args = Vec::new();
    for piece in plain_format(&m.mac.tokens)? {
        match piece {
            Piece::Lit(s) => lits.last_mut()?.push_str(&s),
            Piece::Value(v) => {
                args.push(v);
                lits.push(String::new());
            }
        }
    }
    let text: String = lits.concat();
    let lead_fixed = lits[0]
        .find([':', '/', '?', '#'])
        .is_some_and(|i| lits[0].as_bytes()[i] != b':');
    if args.is_empty()
        || args.len() > 6
        || text.contains(['&', '<', '>', '"'])
        || (text.contains(':') && !lead_fixed)
    {
        return None;
    }
    let args = args
        .iter()
        .map(|a| specialized(krate, a.span(), Conv::Fmt, quote!(&(#a))));
    let value = quote_spanned! {expr.span()=>
        #krate::__private::fmt::Fmt::new(&[#(#lits),*], (#(#args,)*))
    };
    Some(checked_format(m, value))
}

/// `format!("..", ..)`, called by that bare name with a string literal first: the call a tag
/// macro compiles as std's `format!`. Any other call (`format!(concat!(..), ..)`,
/// `my::format!(..)`) is an ordinary expression.
pub(crate) fn format_call(expr: &Expr) -> Option<&ExprMacro> {
    let Expr::Macro(m) = expr else { return None };
    let literal_first = |input: ParseStream| -> syn::Result<()> {
        input.parse::<LitStr>()?;
        input.parse::<TokenStream>()?;
        Ok(())
    };
    let literal_first = syn::parse::Parser::parse2(literal_first, m.mac.tokens.clone()).is_ok();
    (m.mac.path.is_ident("format") && literal_first).then_some(m)
}

/// `value` (the pieces of the `format!` call `m`) with the call's guard. A tag macro sees only
/// the name `format`, so the rule is that inside a tag macro `format!` with a string literal
/// is std's `format!`; the guard makes the compiler hold the call to it. The call is written
/// again, exactly as the user wrote it (its own tokens and spans: it resolves where it was
/// written), where it is type-checked but never run:
///
/// ```text
/// {
///     #[allow(unreachable_code, clippy::all, ..., reason = "..")]
///     if false {
///         ::core::unreachable!();
///         let _: ::std::string::String = format!("/items/{}", it.id);
///     }
///     <the pieces>
/// }
/// ```
///
/// So a user's own `format!` that does not take these arguments, or gives anything but a
/// `String`, is a compile error at the call instead of being replaced by std's. The branch is
/// never taken (nothing at run time), and the call is after a diverging one (unreachable: the
/// borrow checker sees no use of the arguments in it, so a moved argument stays moved once,
/// and a `break`, `continue`, `?` or `.await` among them means what it means in the pieces).
/// The copy is for the compiler only, so no lint looks at it (clippy's `useless_format` would
/// ask for a `String` the pieces do not build). What no proc macro can tell apart remains: a
/// user's own `format!` that takes the same arguments and gives a `String` is compiled as
/// std's.
fn checked_format(m: &ExprMacro, value: TokenStream) -> TokenStream {
    quote_spanned! {m.span()=> {
        #[allow(
            unreachable_code,
            clippy::all,
            clippy::pedantic,
            clippy::nursery,
            clippy::restriction,
            reason = "a tag macro's check of a `format!` call: type-checked, never run"
        )]
        if false {
            ::core::unreachable!();
            let _: ::std::string::String = #m;
        }
        #value
    }}
}

/// Which typed conversion a template value goes through (ft-html's `typed` and `fmt`).
#[derive(Clone, Copy)]
pub(crate) enum Conv {
    Child,
    Attr,
    Fmt,
}

/// `(&&&Val::new(value)).ft_<conv>().into_slot()`, with the two traits whose methods autoref
/// specialization chooses between in scope.
pub(crate) fn specialized(
    krate: &TokenStream,
    span: Span,
    conv: Conv,
    value: TokenStream,
) -> TokenStream {
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

/// A piece of a plain format string: literal text, or a value for a `{}` hole.
enum Piece {
    Lit(String),
    Value(TokenStream),
}

/// The pieces of `format!("..", args..)` when every hole is a plain `{}` (taking the next
/// argument, each used once, in order) or `{name}` (a variable): no width, precision or
/// other spec, no named or numbered arguments. `None` leaves the call to `format_args!`.
fn plain_format(tokens: &TokenStream) -> Option<Vec<Piece>> {
    let parser = |input: ParseStream| -> syn::Result<(LitStr, Vec<Expr>)> {
        let lit: LitStr = input.parse()?;
        let mut args = Vec::new();
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            if input.peek(Ident) && input.peek2(Token![=]) && !input.peek2(Token![==]) {
                return Err(input.error("named argument"));
            }
            args.push(input.parse()?);
        }
        Ok((lit, args))
    };
    let (lit, args) = syn::parse::Parser::parse2(parser, tokens.clone()).ok()?;
    let fmt = lit.value();
    let mut args = args.into_iter();
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '}' => return None,
            '{' => {
                let mut hole = String::new();
                loop {
                    match chars.next()? {
                        '}' => break,
                        c => hole.push(c),
                    }
                }
                let value = if hole.is_empty() {
                    let a = args.next()?;
                    quote!(#a)
                } else {
                    let ident: Ident = syn::parse_str(&hole).ok()?;
                    let name = ident.to_string();
                    if name.starts_with("r#") {
                        return None;
                    }
                    let ident = Ident::new(&name, lit.span());
                    quote!(#ident)
                };
                if !text.is_empty() {
                    pieces.push(Piece::Lit(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Value(value));
            }
            c => text.push(c),
        }
    }
    if args.next().is_some() {
        return None;
    }
    if !text.is_empty() {
        pieces.push(Piece::Lit(text));
    }
    Some(pieces)
}

/// The pieces appended to a `StrBuilder` in turn: literal text as it is, each value as
/// ft-html's `fmt::Piece` puts it (integers and strings without `fmt`).
fn concat_pieces(krate: &TokenStream, pieces: Vec<Piece>) -> TokenStream {
    let b = Ident::new("__ft_fmt", Span::call_site());
    let steps = pieces.into_iter().map(|p| match p {
        Piece::Lit(s) => quote!(#b.push_str(#s);),
        Piece::Value(v) => quote!((&#krate::__private::fmt::Piece(&(#v))).put(&mut #b);),
    });
    quote! {{
        #[allow(unused_imports)]
        use #krate::__private::fmt::{Fast as _, ViaDisplay as _};
        let mut #b = #krate::__private::fmt::StrBuilder::new();
        #(#steps)*
        #b.finish()
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn items(src: &str) -> syn::Result<Vec<Item>> {
        syn::parse::Parser::parse_str(parse_items, src)
    }

    fn error(src: &str) -> String {
        match items(src) {
            Ok(_) => panic!("{src} parsed"),
            Err(e) => e.to_string(),
        }
    }

    /// Each item as `child <expr>`, `name (written) = <expr>` or `..<expr>`.
    fn show(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Item::Child(e) => format!("child {}", quote!(#e)),
                Item::Attr { name, key, value } => {
                    format!("{name} ({}) = {}", key.written, quote!(#value))
                }
                Item::Spread(e) => format!("..{}", quote!(#e)),
            })
            .collect()
    }

    #[test]
    fn items_are_children_attributes_and_spreads_with_html_names() {
        let got = items(
            r#"P!("a"), x + 1, cls = "c", hx_on__after_request = f, data-foo-bar = 1,
               "@click" = g, r#for = "i", fr = "j", _ = 3, r#type = t, ..pairs, a == b"#,
        )
        .unwrap();
        assert_eq!(
            show(&got),
            [
                "child P ! (\"a\")",
                "child x + 1",
                "class (cls) = \"c\"",
                "hx-on--after-request (hx_on__after_request) = f",
                "data-foo-bar (data-foo-bar) = 1",
                "@click (\"@click\") = g",
                "for (r#for) = \"i\"",
                "for (fr) = \"j\"",
                "_ (_) = 3",
                "type (r#type) = t",
                "..pairs",
                "child a == b",
            ]
        );
        // A hyphenated or quoted key has no identifier (it cannot be a helper's parameter).
        let Item::Attr { key, .. } = &got[4] else {
            panic!()
        };
        assert!(key.ident.is_none());
        let Item::Attr { key, .. } = &got[2] else {
            panic!()
        };
        assert_eq!(key.ident.as_ref().unwrap().to_string(), "cls");
        assert!(items("").unwrap().is_empty());
        assert_eq!(items("a, b,").unwrap().len(), 2);
    }

    #[test]
    fn item_mistakes_say_what_to_write() {
        assert_eq!(
            error(r#"cls: "x""#),
            "attributes are written `name = value`: write `cls = ..`"
        );
        assert_eq!(
            error("hx_get => u"),
            "attributes are written `name = value`: write `hx_get = ..`"
        );
        assert_eq!(
            error("id = , x"),
            "attribute `id` has no value: write `id = value`"
        );
        assert_eq!(
            error("data-x ="),
            "attribute `data-x` has no value: write `data-x = value`"
        );
        assert!(
            error("a b").starts_with("expected `,` between items;"),
            "{}",
            error("a b")
        );
        assert!(error("+").contains("a tag macro takes children"));
        // A path (`a::b`) is a child, not an attribute written with `:`.
        assert_eq!(show(&items("a::b").unwrap()), ["child a :: b"]);
    }

    #[test]
    fn attributes_go_in_fasthtml_order() {
        let order: Vec<u8> = [
            "hx_get",
            "hx_vals",
            "hx_target",
            "target_id",
            "id",
            "cls",
            "title",
            "style",
            "data_x",
        ]
        .iter()
        .map(|w| slot(w))
        .collect();
        assert_eq!(order, [0, 1, 2, 3, 5, 6, 7, 8, 0]);
    }

    #[test]
    fn an_attribute_given_twice_is_refused_but_target_id_may_join_hx_target() {
        let key = |w: &str| AttrKey {
            written: w.into(),
            span: Span::call_site(),
            ident: None,
        };
        let mut seen = Vec::new();
        assert_eq!(
            checked_name("class".into(), &key("cls"), &mut seen).unwrap(),
            "class"
        );
        let e = checked_name("class".into(), &key("klass"), &mut seen).unwrap_err();
        assert_eq!(
            e.to_string(),
            "attribute `class` is given twice (as `cls` and `klass`); keep one"
        );
        // `target_id` is `hx-target`, and may be given with `hx_target` (it wins at run time).
        assert_eq!(
            checked_name("hx-target".into(), &key("hx_target"), &mut seen).unwrap(),
            "hx-target"
        );
        assert_eq!(
            checked_name("target-id".into(), &key("target_id"), &mut seen).unwrap(),
            "hx-target"
        );
        assert!(checked_name("hx-target".into(), &key("hx_target"), &mut seen).is_err());
    }

    fn expand_str(src: &str) -> String {
        expand(src.parse().unwrap()).to_string()
    }

    #[test]
    fn the_header_names_a_plain_tag_and_a_void_one() {
        let h: Header = syn::parse_str(r#"{::k}, {b()}, [w, h], [r], nonvoid("tr", Tr);"#).unwrap();
        assert_eq!(h.krate.to_string(), ":: k");
        assert_eq!(h.builder.to_string(), "b ()");
        let names = |v: &[Ident]| v.iter().map(Ident::to_string).collect::<Vec<_>>();
        assert_eq!(
            (names(&h.named), names(&h.positional)),
            (vec!["w".to_string(), "h".into()], vec!["r".to_string()])
        );
        assert_eq!(h.plain.unwrap().to_string(), "Tr");
        assert!(h.void_tag.is_none());
        let h: Header = syn::parse_str(r#"{::k}, {b()}, [], [], void("input", Input);"#).unwrap();
        assert_eq!(h.void_tag.unwrap().value(), "input");
        assert!(h.plain.is_none());
        let h: Header = syn::parse_str("{::k}, {b()}, [], [], nonvoid;").unwrap();
        assert!(h.plain.is_none() && h.void_tag.is_none());
    }

    #[test]
    fn a_void_tag_with_children_is_an_error() {
        let out = expand_str(r#"{::k}, {b()}, [], [], void("br", Br); "x""#);
        assert!(out.starts_with(":: core :: compile_error !"), "{out}");
        assert!(
            out.contains("`<br>` is a void element and cannot have children"),
            "{out}"
        );
        // A positional parameter is not a child.
        let out = expand_str(r#"{::k}, {b()}, [], [value], void("input"); 5"#);
        assert!(!out.contains("compile_error"), "{out}");
        assert!(out.contains("__ft . value (5) ;"), "{out}");
    }

    #[test]
    fn the_resolution_check_is_refused_by_any_other_ft_macro() {
        // ft's plain tag macros answer `X!(@__ft_plain_tag)` in an arm of their own; a helper
        // reaching the expansion with it was called under a tag's name.
        let out = expand_str("{::k}, {b()}, [w, h], [], nonvoid; @__ft_plain_tag");
        assert!(out.starts_with(":: core :: compile_error !"), "{out}");
        assert!(
            out.contains("one of ft's helpers under a tag's name"),
            "{out}"
        );
        // Anything else starting with `@` is the usual parse error.
        let out = expand_str("{::k}, {b()}, [], [], nonvoid; @other");
        assert!(!out.contains("helpers under a tag's name"), "{out}");
    }

    /// The guard `checked_format` writes for the call `call` (as `to_string` spells tokens),
    /// after its `#[allow(..)]`.
    pub(crate) fn guard(call: &str) -> String {
        format!(
            "if false {{ :: core :: unreachable ! () ; let _ : :: std :: string :: String = {call} ; }}"
        )
    }

    #[test]
    fn format_is_built_from_its_pieces_and_guarded_as_written() {
        let out = expand_str(
            r##"{::k}, {b()}, [], [], nonvoid; format!("{}", x), title = format!("t{y}"), hx_target = format!("#{z}"), data_w = format!("{:>5}", w)"##,
        );
        // Plain holes: the pieces appended to a `StrBuilder` (no `fmt`, no `String`).
        assert!(
            out.contains(r#"__ft_fmt . push_str ("t") ; (& :: k :: __private :: fmt :: Piece (& (y))) . put (& mut __ft_fmt) ;"#),
            "{out}"
        );
        assert!(out.contains("StrBuilder :: new ()"), "{out}");
        // A spec (`{:>5}`): std's `format_args!` into a `Str`.
        assert!(
            out.contains(r#":: k :: Str :: format (:: std :: format_args ! ("{:>5}" , w))"#),
            "{out}"
        );
        // Each call is written again as the user wrote it, in its guard: type-checked as a
        // `String`, never run.
        for call in [
            r#"format ! ("{}" , x)"#,
            r#"format ! ("t{y}")"#,
            r##"format ! ("#{z}")"##,
            r#"format ! ("{:>5}" , w)"#,
        ] {
            assert_eq!(out.matches(&guard(call)).count(), 1, "{call}: {out}");
        }
        // No lint looks at the copy (rustc's `unreachable_code`, clippy's `useless_format`).
        assert_eq!(
            out.matches("# [allow (unreachable_code , clippy :: all , clippy :: pedantic , clippy :: nursery , clippy :: restriction , reason =").count(),
            4,
            "{out}"
        );
        // The guard comes first in the value's block, the pieces last (its value).
        let child = &out[out.find("into_ft").unwrap()..];
        assert!(
            child.find("unreachable").unwrap() < child.find("StrBuilder").unwrap(),
            "{out}"
        );
    }

    #[test]
    fn other_macros_and_format_without_a_literal_are_given_as_written() {
        let out = expand_str(
            r#"{::k}, {b()}, [], [], nonvoid; std::format!("{}", x), title = my_format!("t{y}"), data_a = format!(concat!("{}", "a"), z), data_b = format!(w)"#,
        );
        assert!(
            out.contains(r#"into_attr (format ! (concat ! ("{}" , "a") , z))"#),
            "{out}"
        );
        assert!(out.contains("into_attr (format ! (w))"), "{out}");
        assert!(
            out.contains(r#"into_ft (std :: format ! ("{}" , x))"#),
            "{out}"
        );
        assert!(out.contains(r#"into_attr (my_format ! ("t{y}"))"#), "{out}");
        assert!(
            !out.contains("__private :: fmt") && !out.contains("unreachable"),
            "{out}"
        );
    }

    /// `plain_format`'s pieces, one string each (`{v}` a value).
    fn pieces(args: &str) -> Option<Vec<String>> {
        let pieces = plain_format(&args.parse().unwrap())?;
        Some(
            pieces
                .into_iter()
                .map(|p| match p {
                    Piece::Lit(s) => s,
                    Piece::Value(v) => format!("{{{v}}}"),
                })
                .collect(),
        )
    }

    #[test]
    fn plain_format_reads_plain_holes_only() {
        assert_eq!(
            pieces(r#""/items/{}/{id}?x={{{}}}", it.id, n + 1,"#).unwrap(),
            ["/items/", "{it . id}", "/", "{id}", "?x={", "{n + 1}", "}"]
        );
        assert_eq!(pieces(r#""text""#).unwrap(), ["text"]);
        assert!(pieces(r#""""#).unwrap().is_empty());
        for args in [
            r#""{:>5}", x"#,
            r#""{0}", x"#,
            r#""{x:?}""#,
            r#""{}", x = 1"#,
            r#""{} {}", x"#,
            r#""{}", x, y"#,
            r#""}", x"#,
            r#""{r#type}""#,
            "s, x",
            r#"concat!("a", "{}"), x"#,
        ] {
            assert!(pieces(args).is_none(), "{args}");
        }
    }

    #[test]
    fn fmt_slot_keeps_pieces_that_need_no_escaping_and_start_no_scheme() {
        let k = quote!(::k);
        let slot = |src: &str| fmt_slot(&k, &syn::parse_str(src).unwrap()).map(|t| t.to_string());
        let kept = slot(r#"format!("/items/{}", it.id)"#).unwrap();
        assert!(
            kept.contains(r#":: k :: __private :: fmt :: Fmt :: new (& ["/items/" , ""] ,"#),
            "{kept}"
        );
        // `{ #[allow(..)] <guard> <pieces> }`.
        assert!(kept.starts_with("{ # [allow (unreachable_code"), "{kept}");
        let after = kept.split_once(")] ").unwrap().1;
        assert!(
            after.starts_with(&guard(r#"format ! ("/items/{}" , it . id)"#)),
            "{kept}"
        );
        assert!(slot(r##"format!("#{}:{}", a, b)"##).is_some());
        assert!(slot(r#"format!("/{}", a)"#).is_some());
        for src in [
            // Nothing to format, or more than six values.
            r#"format!("x")"#,
            r#"format!("{}{}{}{}{}{}{}", a, b, c, d, e, f, g)"#,
            // Text to escape.
            r#"format!("a&{}", x)"#,
            r#"format!("<{}>", x)"#,
            r#"format!("\"{}", x)"#,
            // A `:` that an argument could make a scheme of (`javascript:`).
            r#"format!("{}:{}", a, b)"#,
            r#"format!("x{}:", a)"#,
            // A spec, and other macros.
            r#"format!("{:>5}", x)"#,
            r#"std::format!("{}", x)"#,
            r#"write!("{}", x)"#,
        ] {
            assert!(slot(src).is_none(), "{src}");
        }
    }

    #[test]
    fn arguments_given_out_of_order_are_bound_in_source_order() {
        // `id = x` is given after `title = y` (FastHTML's order), but written first.
        let out = expand_str("{::k}, {b()}, [], [], nonvoid; id = x, title = y, c");
        let (a0, a1, a2) = (
            out.find("let __ft_a0 =").expect(&out),
            out.find("let __ft_a1 =").expect(&out),
            out.find("let __ft_a2 =").expect(&out),
        );
        assert!(a0 < a1 && a1 < a2, "{out}");
        // In order already (`title` goes after `id`): nothing is bound.
        let out = expand_str("{::k}, {b()}, [], [], nonvoid; c, data_y = y, id = x, title = t");
        assert!(!out.contains("__ft_a"), "{out}");
    }
}
