//! Building a `Program`: nodes in render order, slots renumbered in source order, loops.

use super::Program;
use super::read::{Mapped, Nested, Tag, mapped, nested, section, tag_for};
use crate::component::{
    Conv, attr_value, child_tokens, fmt_pieces, format_call, formatted, specialized,
};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::spanned::Spanned;
use syn::{Expr, LitStr};

/// A node of the description (ft-html's `tmpl::Node`), its slot numbers still open to
/// renumbering.
pub(super) enum Node {
    Open(Tag),
    Attr(LitStr, LitStr),
    AttrSlot(LitStr, u16),
    AutoName,
    Text(LitStr),
    Child(u16),
    Close,
    Repeat { slot: u16, width: u16, len: u16 },
}

/// A slot's value: one typed value (`ft_html::typed`), or a loop's items.
pub(super) enum Slot {
    Value(TokenStream),
    /// A `format!` kept as its pieces (ft-html's `fmt::Fmt`), with its literal pieces (one
    /// more than its arguments), which the renderer writes as literals; `true` for an `id`
    /// (`fmt::FmtId`: a string made when the tree reads the id back).
    Fmt(TokenStream, Vec<String>, bool),
    Loop {
        iter: TokenStream,
        bind: TokenStream,
        body: Program,
        /// An optional section (`opt.map(|x| Tag!(..))`: ft-html's `typed::Section`), its
        /// `Else` in the next slot.
        section: bool,
    },
    /// What renders in the place of the section in the slot before (a `Result`'s `Err`):
    /// held by that section's value, so this slot's own value is `()`.
    Else,
}

impl Program {
    fn slot(&mut self, value: Slot, key: Vec<u32>) -> u16 {
        self.slots.push(value);
        self.keys.push(key);
        // More than 65,535 run-time values in one macro call cannot be written by hand.
        u16::try_from(self.slots.len() - 1).unwrap_or(u16::MAX)
    }

    /// Renumbers this level's slots in the order their values were written. The values
    /// struct is built field by field in slot order, so this is what makes a template
    /// evaluate its arguments in source order (`Li!(A!(hx_get = format!("/{x}")), id = x)`
    /// borrows `x` before moving it), although the nodes meet them in render order
    /// (attributes first).
    pub(super) fn in_source_order(&mut self) {
        let mut order: Vec<usize> = (0..self.slots.len()).collect();
        order.sort_by(|a, b| self.keys[*a].cmp(&self.keys[*b]));
        if order.iter().enumerate().all(|(new, old)| new == *old) {
            return;
        }
        let mut new_of = vec![0u16; order.len()];
        for (new, old) in order.iter().enumerate() {
            new_of[*old] = u16::try_from(new).unwrap_or(u16::MAX);
        }
        let mut i = 0;
        while i < self.nodes.len() {
            match &mut self.nodes[i] {
                Node::Child(s) | Node::AttrSlot(_, s) => *s = new_of[usize::from(*s)],
                Node::Repeat { slot, len, .. } => {
                    *slot = new_of[usize::from(*slot)];
                    // The item's own nodes count their own slots.
                    i += usize::from(*len);
                }
                _ => {}
            }
            i += 1;
        }
        let mut slots: Vec<Option<Slot>> = self.slots.drain(..).map(Some).collect();
        let mut keys = std::mem::take(&mut self.keys);
        for old in order {
            self.slots.extend(slots[old].take());
            self.keys.push(std::mem::take(&mut keys[old]));
        }
    }

    pub(super) fn child(&mut self, krate: &TokenStream, expr: &Expr, key: Vec<u32>) {
        if let Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) = expr
        {
            self.nodes.push(Node::Text(s.clone()));
            return;
        }
        if let Expr::Macro(m) = expr
            && let Some(n) = nested(m)
        {
            return self.element(krate, n, &key);
        }
        if let Some(l) = mapped(expr) {
            return self.repeat(krate, l, key, false);
        }
        if let Some(l) = section(expr) {
            return self.repeat(krate, l, key, true);
        }
        if let Some(choice) = literal_choice(expr) {
            let value = quote!(#krate::__private::typed::Lit::new(#choice));
            let i = self.slot(Slot::Value(value), key);
            self.nodes.push(Node::Child(i));
            return;
        }
        let value = match fmt_pieces(krate, expr) {
            Some((value, lits)) => Slot::Fmt(value, lits, false),
            None => Slot::Value(specialized(
                krate,
                expr.span(),
                Conv::Child,
                formatted(krate, expr),
            )),
        };
        let i = self.slot(value, key);
        self.nodes.push(Node::Child(i));
    }

    /// The element `n`, written at `at` (its items' keys are `at` and their index).
    pub(super) fn element(&mut self, krate: &TokenStream, n: Nested, at: &[u32]) {
        self.element_with(krate, n, at, [None, None]);
    }

    /// [`Program::element`] with a section before its children and one after them: an
    /// element of its own holding one value (`Card!`'s `<header>` and `<footer>`), each with
    /// the index of the item it was written as, and whether it is always shown (else it is
    /// shown unless its value is empty, `typed::Shown`).
    pub(super) fn element_with(
        &mut self,
        krate: &TokenStream,
        n: Nested,
        at: &[u32],
        [first, last]: [Option<(Tag, u32, Expr, bool)>; 2],
    ) {
        let key = |i: u32| [at, &[i]].concat();
        self.elements += 1;
        if let Some(name) = n.name
            && !self.names.contains(&name)
        {
            self.names.push(name);
        }
        self.nodes.push(Node::Open(n.tag));
        for (name, value, written, i) in &n.attrs {
            let name = LitStr::new(name, Span::call_site());
            let literal = match value {
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) if written != "hx_target" && written != "target_id" => Some(s),
                _ => None,
            };
            match literal {
                Some(s) => self.nodes.push(Node::Attr(name, s.clone())),
                None => {
                    let v = attr_slot_value(krate, written, value);
                    let i = self.slot(v, key(*i));
                    self.nodes.push(Node::AttrSlot(name, i));
                }
            }
        }
        if n.attrs.iter().any(|(_, _, written, _)| written == "id") {
            self.nodes.push(Node::AutoName);
        }
        let section = |p: &mut Program, s: Option<(Tag, u32, Expr, bool)>| match s {
            Some((tag, i, value, true)) => {
                p.elements += 1;
                p.nodes.push(Node::Open(tag));
                p.child(krate, &value, key(i));
                p.nodes.push(Node::Close);
            }
            Some((tag, i, value, false)) => {
                // A helper's parameter, as written (a `format!` in it is the user's).
                let v = quote::quote_spanned!(value.span()=> #krate::IntoFt::into_ft(#value));
                let desc = &tag.desc;
                let shown = quote!(#krate::__private::typed::Shown::new(
                    &#krate::__private::tags::#desc,
                    #v
                ));
                let s = p.slot(Slot::Value(shown), key(i));
                p.nodes.push(Node::Child(s));
            }
            None => {}
        };
        section(self, first);
        let grid = std::mem::take(&mut self.grid);
        for (i, c) in &n.children {
            if grid {
                self.grid_child(krate, c, key(*i));
            } else {
                self.child(krate, c, key(*i));
            }
        }
        section(self, last);
        self.nodes.push(Node::Close);
    }

    /// A child of a grid: a string literal or a nested tag call in a `<div>` of the template,
    /// anything else in a `<div>` when it is not a list, decided when it is known
    /// (`typed::GridCell`).
    fn grid_child(&mut self, krate: &TokenStream, expr: &Expr, key: Vec<u32>) {
        let one = match expr {
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(_),
                ..
            }) => true,
            Expr::Macro(m) => nested(m).is_some(),
            _ => false,
        };
        match (one, tag_for("Div")) {
            (true, Some(div)) => {
                self.elements += 1;
                self.nodes.push(Node::Open(div));
                self.child(krate, expr, key);
                self.nodes.push(Node::Close);
            }
            _ => {
                let v = child_tokens(krate, expr);
                let cell = quote!(#krate::__private::typed::GridCell::new(#v));
                let i = self.slot(Slot::Value(cell), key);
                self.nodes.push(Node::Child(i));
            }
        }
    }

    /// A loop: its own program for one item, run once per item into the items held by one
    /// slot of this program (each item's values typed, in a struct of its own). A section is
    /// the same loop, its receiver read by type, then a child slot for what renders in its
    /// place.
    fn repeat(&mut self, krate: &TokenStream, l: Mapped<'_>, key: Vec<u32>, section: bool) {
        let mut body = Program::default();
        body.element(krate, l.body, &[]);
        body.in_source_order();
        self.elements += 1;
        for name in std::mem::take(&mut body.names) {
            if !self.names.contains(&name) {
                self.names.push(name);
            }
        }
        if body.slots.is_empty() {
            // Every item needs a value, so that its values in a fragment count the items.
            body.slot(Slot::Value(quote!(#krate::Ft::empty())), Vec::new());
        }
        let iter = l.iter;
        let bind = match l.pat {
            syn::Pat::Type(t) => {
                let (pat, ty) = (&t.pat, &t.ty);
                quote!(let #pat: #ty = __ft_item;)
            }
            pat => quote!(let #pat = __ft_item;),
        };
        let (width, len) = (
            u16::try_from(body.slots.len()).unwrap_or(u16::MAX),
            u16::try_from(body.nodes.len()).unwrap_or(u16::MAX),
        );
        let nodes = std::mem::take(&mut body.nodes);
        let else_key = [&key[..], &[0]].concat();
        let slot = self.slot(
            Slot::Loop {
                iter: quote!(#iter),
                bind,
                body,
                section,
            },
            key,
        );
        self.nodes.push(Node::Repeat { slot, width, len });
        self.nodes.extend(nodes);
        if section {
            // Right after the section's slot in source order too (its key's first child).
            let i = self.slot(Slot::Else, else_key);
            self.nodes.push(Node::Child(i));
        }
    }
}

/// An attribute's run-time value in a slot: a `format!` kept as pieces when it can be (an
/// `id`'s also keeps the string it is read back as, made on first read); a target through its
/// own conversion (a `format!`'s string is a target as it is); anything else typed like a
/// child.
fn attr_slot_value(krate: &TokenStream, written: &str, value: &Expr) -> Slot {
    let is_format = format_call(value).is_some();
    if written != "target_id"
        && let Some((kept, lits)) = fmt_pieces(krate, value)
    {
        if written == "id" {
            let kept = quote!(#krate::__private::fmt::FmtId::new(#kept));
            return Slot::Fmt(kept, lits, true);
        }
        return Slot::Fmt(kept, lits, false);
    }
    if written == "target_id" || (written == "hx_target" && !is_format) {
        let v = attr_value(krate, written, value);
        return Slot::Value(quote!(#krate::__private::tmpl::attr_slot(#v)));
    }
    Slot::Value(specialized(
        krate,
        value.span(),
        Conv::Attr,
        formatted(krate, value),
    ))
}

/// A child that is one of a few string literals, `if done { "yes" } else { "no" }` (an `if`
/// with an `else`, each branch a literal alone, `else if`s too), as the same `if` choosing
/// `&[text, html]`: each literal escaped now, so rendering it copies markup and reading it
/// back borrows the literal (ft-html's `typed::Lit`), instead of a copy escaped per render.
fn literal_choice(expr: &Expr) -> Option<TokenStream> {
    let Expr::If(e) = expr else { return None };
    let lit = |b: &syn::Block| match b.stmts.as_slice() {
        [
            syn::Stmt::Expr(
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    attrs,
                }),
                None,
            ),
        ] if attrs.is_empty() => {
            let text = s.value();
            let mut html = String::new();
            ft_tags::markup::escape_text(&mut html, &text);
            let html = LitStr::new(&html, s.span());
            Some(quote!({ &[#s, #html] }))
        }
        _ => None,
    };
    if !e.attrs.is_empty() {
        return None;
    }
    let then = lit(&e.then_branch)?;
    let other = match &*e.else_branch.as_ref()?.1 {
        Expr::Block(b) if b.attrs.is_empty() && b.label.is_none() => lit(&b.block)?,
        other @ Expr::If(_) => literal_choice(other)?,
        _ => return None,
    };
    let cond = &e.cond;
    Some(quote!(if #cond #then else #other))
}
