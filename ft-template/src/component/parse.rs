//! PARSE: the wrappers' header and the user's items (children, `name = value`, spreads).

use super::check;
use crate::names::attr_name;
use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::{Expr, Ident, LitStr, Token, braced, bracketed, parenthesized};

/// The header the wrappers pass.
pub(super) struct Header {
    pub(super) krate: TokenStream,
    pub(super) builder: TokenStream,
    pub(super) named: Vec<Ident>,
    pub(super) positional: Vec<Ident>,
    pub(super) void_tag: Option<LitStr>,
    /// The element's tag when the header names it (`void("input", Input)`, `nonvoid("a")`),
    /// for the attribute check (`crate::attr_check`).
    pub(super) tag: Option<LitStr>,
    /// A plain tag macro's own name (`Tr`): its builder is the bare element.
    pub(super) plain: Option<Ident>,
    /// `keeps_tmpl`: a helper (not void) whose builder keeps compiled children as its
    /// template (its own `Component::tmpl`), so they are compiled although it takes keyword
    /// parameters (`Html!(Head!(..), Body!(..), doctype = false)`).
    pub(super) keeps_tmpl: bool,
    /// `card`: Pico's `Card!`, compiled as the tags it renders when it can be
    /// (`tmpl::Program::card`).
    pub(super) card: bool,
    /// `grid`: Pico's `Grid!`, compiled as the `<div class="grid">` it renders when it can
    /// be (`tmpl::Program::grid`).
    pub(super) grid: bool,
    /// `titled`: `Titled!`, its `<main>` compiled as the tags it renders when it can be
    /// (`tmpl::Program::titled`).
    pub(super) titled: bool,
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
        let void_tag = if kind == "void" { tag.clone() } else { None };
        // A void helper's tag only says it takes no children (`Jsd!` is `void("link")` and
        // may build a `<script>`): its attributes are checked as a tag's only by tag macros.
        let tag = if plain.is_some() || kind == "nonvoid" {
            tag
        } else {
            None
        };
        input.parse::<Token![;]>()?;
        Ok(Header {
            krate,
            builder,
            named,
            positional,
            void_tag,
            tag,
            plain: if kind == "nonvoid" { plain } else { None },
            keeps_tmpl: kind == "keeps_tmpl",
            card: kind == "card",
            grid: kind == "grid",
            titled: kind == "titled",
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
                return Err(check::no_value(&written, span));
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
            return Err(check::not_name_value(ident));
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
pub(super) fn attr_key(input: ParseStream) -> Option<(String, Span, Option<Ident>)> {
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

/// The whole input: the header, then the user's items that parsed and passed the attribute
/// check, and those that did not (in source order).
pub(super) struct Parsed {
    pub(super) header: Header,
    pub(super) items: Vec<Item>,
    /// Where each of `items` was written among all the items, broken ones included.
    pub(super) written_at: Vec<u32>,
    pub(super) broken: Vec<Broken>,
}

impl Parse for Parsed {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let header: Header = input.parse()?;
        check::not_the_resolution_check(input)?;
        let (parsed, mut broken) = parse_items_recovering(input)?;
        let params: Vec<&Ident> = header.named.iter().chain(&header.positional).collect();
        let tag = header.tag.as_ref().map(LitStr::value);
        let (mut items, mut written_at) = (Vec::new(), Vec::new());
        for (at, item) in parsed {
            let one = std::slice::from_ref(&item);
            match crate::attr_check::check_items(tag.as_deref(), &params, one) {
                Ok(()) => {
                    items.push(item);
                    written_at.push(at);
                }
                // A refused attribute is left out, its value kept for rust-analyzer.
                Err(error) => {
                    let partial = match item {
                        Item::Attr { value, .. } => Some(value),
                        _ => None,
                    };
                    broken.push(Broken { at, error, partial });
                }
            }
        }
        broken.sort_by_key(|b| b.at);
        Ok(Parsed {
            header,
            items,
            written_at,
            broken,
        })
    }
}

/// An item that did not parse or was refused by a check: its error, where it was written
/// among all the items, and what of it is kept in the expansion for rust-analyzer
/// (`super::partial::expression`).
pub(crate) struct Broken {
    pub(crate) at: u32,
    pub(crate) error: syn::Error,
    pub(crate) partial: Option<Expr>,
}

/// The user's items: children and attributes, separated by commas.
pub(crate) fn parse_items(input: ParseStream) -> syn::Result<Vec<Item>> {
    let (items, broken) = parse_items_recovering(input)?;
    match broken.into_iter().next() {
        Some(b) => Err(b.error),
        None => Ok(items.into_iter().map(|(_, item)| item).collect()),
    }
}

/// The items that parsed, each with where it was written among all the items, and those that
/// did not.
pub(crate) type Recovered = (Vec<(u32, Item)>, Vec<Broken>);

/// The user's items, each parsed on its own, with where it was written: an item that does not
/// parse (`cls =`, a stray `.`, `t.` while typing) is recorded as broken, with its error, and
/// skipped up to the next top-level comma, so that the items after it are still read.
pub(crate) fn parse_items_recovering(input: ParseStream) -> syn::Result<Recovered> {
    use syn::parse::discouraged::Speculative;
    let mut items = Vec::new();
    let mut broken = Vec::new();
    for at in 0u32.. {
        if input.is_empty() {
            break;
        }
        let fork = input.fork();
        let item = parse_item(&fork).and_then(|item| {
            if fork.is_empty() || fork.peek(Token![,]) {
                Ok(item)
            } else {
                Err(fork.error(
                    "expected `,` between items; a tag macro takes children and `name = value` attributes separated by commas",
                ))
            }
        });
        match item {
            Ok(item) => {
                input.advance_to(&fork);
                items.push((at, item));
            }
            Err(error) => {
                // The broken item: all its tokens, up to the next top-level comma.
                let mut tokens = TokenStream::new();
                while !input.is_empty() && !input.peek(Token![,]) {
                    tokens.extend([input.parse::<proc_macro2::TokenTree>()?]);
                }
                // An item cut short at the end of the call (`t.`): its error at the item, not
                // at the whole call (where syn puts the end of the input).
                let error = if !tokens.is_empty()
                    && error.to_string().starts_with("unexpected end of input")
                {
                    syn::Error::new_spanned(&tokens, error)
                } else {
                    error
                };
                let partial = super::partial::expression(tokens);
                broken.push(Broken { at, error, partial });
            }
        }
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok((items, broken))
}
