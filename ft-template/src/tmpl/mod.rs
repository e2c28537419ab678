//! Nested tag macros compiled into a template (ft-html's `tmpl`).
//!
//! In `Tr!(Td!(it.id), Td!(A!("edit", hx_get = url)))` the outer macro sees the nested calls
//! as tokens. When a call is a plain tag (or `A!`/`Form!` with their preset attribute) that
//! it can read completely, it writes the nested elements as a `static` description instead
//! of expanding them, and keeps only the run-time values (`it.id`, `url`) as slots. Anything
//! it cannot read (a spread, another macro, a void tag given children, a parse error) stays
//! an ordinary child expression, expanded (and reported) by its own macro.
//!
//! A name is all the outer macro sees, so for each name it compiles it also writes a
//! resolution check, spanned at the nested call: `const { check_plain_tag(Td!(@__ft_plain_tag)) }`
//! (ft-html's `tags`). The compiler resolves `Td!` there as it resolves the call itself; ft's
//! tag macros answer the check with a marker and it compiles to nothing, and any other macro
//! of the name is a compile error at the call instead of being replaced by ft's tag. The names
//! ft's helpers share with tags (`svg::Svg`, `pico::Search`) are never compiled: whichever is in
//! scope, the call stays an ordinary child.
//!
//! `format!("..", args)` (by that bare name, with a string literal) is std's `format!` inside a
//! tag macro: a template keeps it as its pieces (`component::format::fmt_pieces`, ft-html's
//! `fmt::Fmt`), or builds its `Str` from them (`component::format::formatted`). Each such call
//! is also written again as the user wrote it, type-checked as a `String` but never run
//! (`component::format::checked_format`), so that a `format!` of the user's own that does not
//! take these arguments or does not give a `String` is a compile error at the call.
//!
//! The steps, one module each: PARSE (`read`: nested calls into `Nested`), CHECK (`check`: the
//! resolution check of each name compiled), building (`program`: the nodes in render order,
//! the slots renumbered in source order) and GENERATE (`emit`: the template, the values'
//! structs, the renderer).

mod check;
mod emit;
mod emit_data;
mod program;
mod read;
#[cfg(test)]
mod tests;

pub(crate) use read::tag_lists;

use crate::component::Item;
use proc_macro2::TokenStream;
use program::{Node, Slot};
use read::{Tag, read, tag_for};
use syn::{Expr, Ident};

/// The template being written: its description and the slots' values.
#[derive(Default)]
pub(crate) struct Program {
    nodes: Vec<Node>,
    slots: Vec<Slot>,
    /// Where each slot's value was written: the indices of the items leading to it (`[1, 0]`:
    /// the first item of the call given as the second item), so sorting the keys gives the
    /// source order.
    keys: Vec<Vec<u32>>,
    /// Elements and loops compiled at this level and below (a loop's items not counted).
    elements: usize,
    /// The names of the nested calls compiled, at this level and below (each once, with the
    /// span of its first call), for their resolution checks.
    names: Vec<Ident>,
    /// The next element's children are a grid's: each in a `<div>` (`Program::grid`).
    grid: bool,
}

impl Program {
    /// The template of an element's children (with the index of the item each was written
    /// as); `None` when no child is a nested tag call or a loop of them (the children are
    /// then given one by one).
    pub(crate) fn build(krate: &TokenStream, children: &[(u32, Expr)]) -> Option<Program> {
        let mut p = Program::default();
        for (at, c) in children {
            p.child(krate, c, vec![*at]);
        }
        p.in_source_order();
        (p.elements > 0).then_some(p)
    }

    /// The template of the plain tag macro `name` itself, when it has attributes and nested
    /// tags among its children (`Tr!(Td!(..), id = x)`); `None` leaves it to the usual
    /// expansion (which also reports any mistake in the items).
    pub(crate) fn whole(krate: &TokenStream, name: &Ident, items: &[Item]) -> Option<Program> {
        if !items.iter().any(|i| matches!(i, Item::Attr { .. })) {
            return None;
        }
        let tag = tag_for(&name.to_string()).filter(|t| t.presets.is_empty() && !t.void)?;
        let n = read(tag, items.to_vec())?;
        let mut p = Program::default();
        p.element(krate, n, &[]);
        p.in_source_order();
        // The element itself counts one: compile only when something nested does too.
        (p.elements > 1).then_some(p)
    }

    /// The template of Pico's `Card!(children.., header = h, footer = f, attrs..)` as the
    /// tags it renders: `<article attrs..><header>h</header>children..<footer>f</footer>
    /// </article>`, when that is known at build time: no spread, each of `header` and
    /// `footer` given at most once: a nested tag call (an element: always shown), a string
    /// literal (shown unless empty), or any other value, shown unless empty when it is known
    /// (`typed::Shown`). `None` leaves it to `CardBuilder`.
    pub(crate) fn card(krate: &TokenStream, items: &[Item]) -> Option<Program> {
        let mut sections: [Option<(Tag, u32, Expr, bool)>; 2] = [None, None];
        let mut seen = [false; 2];
        let mut rest = Vec::new();
        let mut at_of = Vec::new();
        for (at, item) in (0u32..).zip(items) {
            let which = match item {
                Item::Attr { key, .. } if key.ident.as_ref().is_some_and(|i| i == "header") => 0,
                Item::Attr { key, .. } if key.ident.as_ref().is_some_and(|i| i == "footer") => 1,
                Item::Spread(_) => return None,
                other => {
                    rest.push(other.clone());
                    at_of.push(at);
                    continue;
                }
            };
            let Item::Attr { value, .. } = item else {
                return None;
            };
            if std::mem::replace(&mut seen[which], true) {
                return None;
            }
            // Shown (at build time), and known to be shown.
            let (shown, known) = match value {
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => (!s.value().is_empty(), true),
                Expr::Macro(m) if read::nested(m).is_some() => (true, true),
                _ => (true, false),
            };
            if shown {
                let tag = tag_for(["Header", "Footer"][which])?;
                sections[which] = Some((tag, at, value.clone(), known));
            }
        }
        let mut n = read(tag_for("Article")?, rest)?;
        // The items' own indices, as written (the sections' items were taken out).
        let at = |i: &mut u32| *i = at_of.get(*i as usize).copied().unwrap_or(*i);
        n.attrs.iter_mut().for_each(|a| at(&mut a.3));
        n.children.iter_mut().for_each(|c| at(&mut c.0));
        let mut p = Program::default();
        p.element_with(krate, n, &[], sections);
        p.in_source_order();
        Some(p)
    }

    /// The template of Pico's `Grid!(children.., attrs..)` as the tags it renders: `<div
    /// attrs.. class="grid">` (the class where FastHTML writes it, unless one is given) with
    /// each child in a `<div>`: a string literal or a nested tag call at build time, any
    /// other child when it is not a list (`typed::GridCell`, as `GridBuilder` decides).
    /// `None` (a spread, a loop of tag calls) leaves it to `GridBuilder`.
    pub(crate) fn grid(krate: &TokenStream, items: &[Item]) -> Option<Program> {
        let mut items = items.to_vec();
        let mut has_class = false;
        for item in &items {
            match item {
                Item::Spread(_) => return None,
                Item::Attr { key, .. } if key.written == "cls" || key.written == "class" => {
                    has_class = true;
                }
                _ => {}
            }
        }
        if !has_class {
            let cls = syn::parse::Parser::parse2(
                crate::component::parse_items,
                quote::quote!(cls = "grid"),
            )
            .ok()?;
            items.extend(cls);
        }
        let n = read(tag_for("Div")?, items)?;
        // A loop of tag calls gives the builder its items one by one (each wrapped): left
        // to it.
        if n.children.iter().any(|(_, c)| read::mapped(c).is_some()) {
            return None;
        }
        let mut p = Program {
            grid: true,
            ..Program::default()
        };
        p.element(krate, n, &[]);
        p.in_source_order();
        Some(p)
    }

    /// `Titled!(title?, children.., attrs..)`'s `<main attrs.. class="container"><h1>title
    /// </h1>children..</main>` (the class where FastHTML writes it, unless one is given) as
    /// one template, with the title expression (if given) for the caller to evaluate first
    /// into `__ft_title_h1`, the `<h1>`'s value (and the `<title>`'s). `None` (a spread, a
    /// `title = ..` keyword, an attribute before the title) leaves it to `TitledBuilder`.
    pub(crate) fn titled(krate: &TokenStream, items: &[Item]) -> Option<(Option<Expr>, Program)> {
        let mut title = None;
        let mut rest = Vec::new();
        let mut at_of = Vec::new();
        let mut has_class = false;
        for (at, item) in (0u32..).zip(items) {
            match item {
                Item::Spread(_) => return None,
                Item::Attr { key, .. } => {
                    if key.ident.as_ref().is_some_and(|i| i == "title") || title.is_none() {
                        return None;
                    }
                    has_class |= key.written == "cls" || key.written == "class";
                }
                Item::Child(e) if title.is_none() => {
                    title = Some((at, e.clone()));
                    continue;
                }
                Item::Child(_) => {}
            }
            rest.push(item.clone());
            at_of.push(at);
        }
        if !has_class {
            let cls = syn::parse::Parser::parse2(
                crate::component::parse_items,
                quote::quote!(cls = "container"),
            )
            .ok()?;
            rest.extend(cls);
            at_of.push(u32::try_from(items.len()).ok()?);
        }
        let mut n = read(tag_for("Main")?, rest)?;
        let at = |i: &mut u32| *i = at_of.get(*i as usize).copied().unwrap_or(*i);
        n.attrs.iter_mut().for_each(|a| at(&mut a.3));
        n.children.iter_mut().for_each(|c| at(&mut c.0));
        let h1: Expr = syn::parse_quote!(__ft_title_h1);
        let at = title.as_ref().map_or(0, |(at, _)| *at);
        let mut p = Program::default();
        p.element_with(krate, n, &[], [Some((tag_for("H1")?, at, h1, true)), None]);
        p.in_source_order();
        Some((title.map(|(_, e)| e), p))
    }

    /// The statements that give the element (`ft`) its compiled children: the template, the
    /// typed values' structs (`__FtSlots`, and `__FtItemN` for each loop's items) with their
    /// `SlotSet` (whose renderer is unrolled from the steps), and the values.
    ///
    /// With `last`, nothing else is given to the element after its template: the expression
    /// is the finished `Ft` (`Component::with_tmpl`, which builds a fresh element in one go);
    /// otherwise it is a statement, and the element (a `mut` binding) is built later.
    pub(crate) fn emit(
        self,
        krate: &TokenStream,
        ft: &Ident,
        whole: bool,
        last: bool,
    ) -> TokenStream {
        self.emit_with(krate, ft, whole, last, false).1
    }

    /// [`Program::emit`] (not `last`) with each top-level value bound to a local first: the
    /// `let`s, each with its key, for the caller to interleave with its other arguments in
    /// source order, and the statement using the locals.
    pub(crate) fn emit_bound(
        self,
        krate: &TokenStream,
        ft: &Ident,
    ) -> (Vec<(Vec<u32>, TokenStream)>, TokenStream) {
        self.emit_with(krate, ft, false, false, true)
    }
}
