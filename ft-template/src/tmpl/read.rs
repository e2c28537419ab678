//! PARSE: nested tag calls read into `Nested` (`tag_for`, `HELPER_NAMES`, loops); tag lists.

use crate::component::{AttrKey, Item, checked_name, parse_items, slot};
use crate::tag_list;
use ft_tags::classes;
use proc_macro2::{Punct, Spacing, Span, TokenStream};
use quote::quote;
use syn::{Expr, ExprMacro, Ident};

/// `tag_lists!(m)`: `m! { $ html nonvoid false; TagA "a", .. }` for each list.
pub fn tag_lists(input: TokenStream) -> TokenStream {
    let m: Ident = match syn::parse2(input) {
        Ok(m) => m,
        Err(e) => return e.to_compile_error(),
    };
    let dollar = Punct::new('$', Spacing::Alone);
    let one = |lookup: &str, kind: &str, void: bool, list: tag_list::List| {
        let lookup = Ident::new(lookup, Span::call_site());
        let kind = Ident::new(kind, Span::call_site());
        let entries = list.iter().map(|(name, tag)| {
            let name = Ident::new(name, Span::call_site());
            quote!(#name #tag,)
        });
        quote!(#m! { #dollar #lookup #kind #void; #(#entries)* })
    };
    let html = one("html", "nonvoid", false, tag_list::HTML);
    let void = one("void", "void", true, tag_list::VOID);
    let svg = one("svg", "nonvoid", false, tag_list::SVG);
    quote!(#html #void #svg)
}

/// What a nested call compiles to.
pub(super) struct Tag {
    /// The `static` descriptor in ft-html's `tags`.
    pub(super) desc: Ident,
    /// The HTML name (`td`, `linearGradient`).
    pub(super) html: &'static str,
    pub(super) void: bool,
    /// Attributes the helper sets first (`A!`'s `href="#"`), kept in place when given again.
    pub(super) presets: &'static [(&'static str, &'static str)],
}

pub(super) fn tag_for(name: &str) -> Option<Tag> {
    let tag = |desc: &str, html, void, presets| Tag {
        desc: Ident::new(desc, Span::call_site()),
        html,
        void,
        presets,
    };
    match name {
        "A" => return Some(tag("TagA", "a", false, classes::A_PRESET)),
        "Form" => return Some(tag("TagForm", "form", false, classes::FORM_PRESET)),
        _ => {}
    }
    let html = |list: tag_list::List| list.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
    let raw_text = |list: tag_list::List| {
        list.iter()
            .any(|(n, t)| *n == name && classes::contains(classes::RAW_TEXT, t))
    };
    let textarea = |list: tag_list::List| list.iter().any(|(n, t)| *n == name && *t == "textarea");
    if raw_text(tag_list::HTML) {
        // Their content is raw text: left to their own macros.
        None
    } else if textarea(tag_list::HTML) {
        // A textarea's value may start with a newline, which only the element renderer
        // doubles (HTML drops the first): left an element of its own.
        None
    } else if let Some(t) = html(tag_list::HTML).or_else(|| html(tag_list::SVG)) {
        Some(tag(name, t, false, &[]))
    } else {
        html(tag_list::VOID).map(|t| tag(name, t, true, &[]))
    }
}

/// Tag names that ft's helpers have too (`ft_html::svg::Svg`, `ft_html::pico::Search`): a
/// nested call of one of them is left an ordinary child, so that it is the tag or the helper,
/// whichever the name means where it is written.
pub(super) const HELPER_NAMES: &[&str] = &["Svg", "Search"];

/// A nested call read completely: its tag, attributes (in render order) and children, each
/// with the index of the item it was written as (a preset's is 0: it is a literal, never a
/// slot), so that the values can be evaluated in the order written; and the name it was
/// called by, to check (not for the outer macro's own element).
pub(super) struct Nested {
    pub(super) tag: Tag,
    pub(super) attrs: Vec<(String, Expr, String, u32)>,
    pub(super) children: Vec<(u32, Expr)>,
    pub(super) name: Option<Ident>,
}

/// Reads `X!(..)` if it is a tag call that can be compiled.
pub(super) fn nested(m: &ExprMacro) -> Option<Nested> {
    let ident = m.mac.path.get_ident()?;
    let name = ident.to_string();
    if HELPER_NAMES.contains(&name.as_str()) {
        return None;
    }
    let tag = tag_for(&name)?;
    let items = syn::parse::Parser::parse2(parse_items, m.mac.tokens.clone()).ok()?;
    let mut n = read(tag, items)?;
    n.name = Some(ident.clone());
    Some(n)
}

/// The tag call's items read completely, if they can be compiled: no spread, no children
/// on a void tag, no attribute given twice.
pub(super) fn read(tag: Tag, items: Vec<Item>) -> Option<Nested> {
    let mut seen = Vec::new();
    let mut attrs: Vec<(u8, (String, Expr, String, u32))> = Vec::new();
    let mut children = Vec::new();
    for (at, item) in (0u32..).zip(items) {
        match item {
            Item::Child(e) if !tag.void => children.push((at, e)),
            Item::Attr { name, key, value } => {
                let AttrKey { written, ident, .. } = &key;
                let order = if ident.is_some() { slot(written) } else { 0 };
                // A refused name is left to the call's own expansion, which reports it.
                crate::attr_check::check(Some(tag.html), &name, &key).ok()?;
                let name = checked_name(name, &key, &mut seen).ok()?;
                attrs.push((order, (name, value, written.clone(), at)));
            }
            Item::Child(_) | Item::Spread(_) => return None,
        }
    }
    attrs.sort_by_key(|(order, _)| *order);
    let mut attrs: Vec<_> = attrs.into_iter().map(|(_, a)| a).collect();
    // Presets first, each replaced by a given value of the same name.
    let mut first = Vec::new();
    for (pname, pvalue) in tag.presets {
        match attrs.iter().position(|(n, ..)| n == pname) {
            Some(i) => first.push(attrs.remove(i)),
            None => first.push((
                pname.to_string(),
                syn::parse_quote!(#pvalue),
                pname.to_string(),
                0,
            )),
        }
    }
    first.extend(attrs);
    Some(Nested {
        tag,
        attrs: first,
        children,
        name: None,
    })
}

/// `iter.map(|pat| Tag!(..))`: a loop whose body is one nested tag call.
pub(super) struct Mapped<'a> {
    pub(super) iter: &'a Expr,
    pub(super) pat: &'a syn::Pat,
    pub(super) body: Nested,
}

/// Reads `receiver.map(|pat| Tag!(..))` when the receiver is plainly an iterator (a range,
/// or a call of an iterator method such as `iter()`, `enumerate()`, `rev()`): `Option::map`
/// and `Result::map` keep their own meaning.
pub(super) fn mapped(expr: &Expr) -> Option<Mapped<'_>> {
    mapped_any(expr).filter(|m| is_iterator(m.iter))
}

/// Reads `receiver.map(|pat| Tag!(..))` when the receiver is not plainly an iterator (an
/// `Option`, a `Result`, or an iterator by its type): an optional section, whose receiver's
/// type picks how it is read (`ft_html::typed::Section`).
pub(super) fn section(expr: &Expr) -> Option<Mapped<'_>> {
    mapped_any(expr).filter(|m| !is_iterator(m.iter))
}

/// `receiver.map(|pat| Tag!(..))`, whatever the receiver.
fn mapped_any(expr: &Expr) -> Option<Mapped<'_>> {
    let Expr::MethodCall(call) = expr else {
        return None;
    };
    if call.method != "map" || call.args.len() != 1 {
        return None;
    }
    let Some(Expr::Closure(c)) = call.args.first() else {
        return None;
    };
    if c.inputs.len() != 1 || c.asyncness.is_some() || !matches!(c.output, syn::ReturnType::Default)
    {
        return None;
    }
    let mut body = &*c.body;
    loop {
        body = match body {
            Expr::Paren(p) => &p.expr,
            Expr::Block(b) if b.block.stmts.len() == 1 => match &b.block.stmts[0] {
                syn::Stmt::Expr(e, None) => e,
                _ => return None,
            },
            _ => break,
        };
    }
    let Expr::Macro(m) = body else {
        return None;
    };
    Some(Mapped {
        iter: &call.receiver,
        pat: c.inputs.first()?,
        body: nested(m)?,
    })
}

/// Is this expression plainly an iterator?
pub(super) fn is_iterator(expr: &Expr) -> bool {
    const METHODS: &[&str] = &[
        "iter",
        "into_iter",
        "iter_mut",
        "enumerate",
        "rev",
        "skip",
        "take",
        "zip",
        "chain",
        "filter",
        "step_by",
        "skip_while",
        "take_while",
        "cloned",
        "copied",
        "chars",
        "bytes",
        "char_indices",
        "lines",
        "split",
        "split_whitespace",
        "keys",
        "values",
        "windows",
        "chunks",
        "drain",
        "peekable",
    ];
    match expr {
        Expr::Paren(p) => is_iterator(&p.expr),
        Expr::Range(_) => true,
        Expr::MethodCall(m) => METHODS.iter().any(|name| m.method == name),
        _ => false,
    }
}
