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

use crate::component::{
    AttrKey, Conv, Item, PLAIN_TAG_CHECK, attr_value, checked_name, parse_items, slot, specialized,
};
use crate::tag_list;
use ft_tags::{classes, markup};
use proc_macro2::{Delimiter, Group, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Expr, ExprMacro, Ident, Index, LitStr};

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
struct Tag {
    /// The `static` descriptor in ft-html's `tags`.
    desc: Ident,
    /// The HTML name (`td`, `linearGradient`).
    html: &'static str,
    void: bool,
    /// Attributes the helper sets first (`A!`'s `href="#"`), kept in place when given again.
    presets: &'static [(&'static str, &'static str)],
}

fn tag_for(name: &str) -> Option<Tag> {
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
    if raw_text(tag_list::HTML) {
        // Their content is raw text: left to their own macros.
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
const HELPER_NAMES: &[&str] = &["Svg", "Search"];

/// A nested call read completely: its tag, attributes (in render order) and children, each
/// with the index of the item it was written as (a preset's is 0: it is a literal, never a
/// slot), so that the values can be evaluated in the order written; and the name it was
/// called by, to check (not for the outer macro's own element).
struct Nested {
    tag: Tag,
    attrs: Vec<(String, Expr, String, u32)>,
    children: Vec<(u32, Expr)>,
    name: Option<Ident>,
}

/// Reads `X!(..)` if it is a tag call that can be compiled.
fn nested(m: &ExprMacro) -> Option<Nested> {
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

/// The resolution check of the nested call `name!(..)`: `name!(@__ft_plain_tag)`, which only
/// ft's tag macros answer with `PlainTag`, in a `const` block (nothing at run time). The name
/// keeps its own span, so that it resolves where the user wrote it; the other tokens are
/// placed there too, so that an error points at the call.
fn resolution_check(krate: &TokenStream, name: &Ident) -> TokenStream {
    let span = name.span();
    let mut at = Punct::new('@', Spacing::Alone);
    at.set_span(span);
    let marker = Ident::new(PLAIN_TAG_CHECK, span);
    let mut args = Group::new(
        Delimiter::Parenthesis,
        [TokenTree::from(at), TokenTree::from(marker)]
            .into_iter()
            .collect(),
    );
    args.set_span(span);
    let mut bang = Punct::new('!', Spacing::Alone);
    bang.set_span(span);
    quote_spanned! {span=>
        const { #krate::tags::check_plain_tag(#name #bang #args) };
    }
}

/// The tag call's items read completely, if they can be compiled: no spread, no children
/// on a void tag, no attribute given twice.
fn read(tag: Tag, items: Vec<Item>) -> Option<Nested> {
    let mut seen = Vec::new();
    let mut attrs: Vec<(u8, (String, Expr, String, u32))> = Vec::new();
    let mut children = Vec::new();
    for (at, item) in (0u32..).zip(items) {
        match item {
            Item::Child(e) if !tag.void => children.push((at, e)),
            Item::Attr { name, key, value } => {
                let AttrKey { written, ident, .. } = &key;
                let order = if ident.is_some() { slot(written) } else { 0 };
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
struct Mapped<'a> {
    iter: &'a Expr,
    pat: &'a syn::Pat,
    body: Nested,
}

/// Reads `receiver.map(|pat| Tag!(..))` when the receiver is plainly an iterator (a range,
/// or a call of an iterator method such as `iter()`, `enumerate()`, `rev()`): `Option::map`
/// and `Result::map` keep their own meaning.
fn mapped(expr: &Expr) -> Option<Mapped<'_>> {
    let Expr::MethodCall(call) = expr else {
        return None;
    };
    if call.method != "map" || call.args.len() != 1 || !is_iterator(&call.receiver) {
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
fn is_iterator(expr: &Expr) -> bool {
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
}

/// A node of the description (ft-html's `tmpl::Node`), its slot numbers still open to
/// renumbering.
enum Node {
    Open(Tag),
    Attr(LitStr, LitStr),
    AttrSlot(LitStr, u16),
    AutoName,
    Text(LitStr),
    Child(u16),
    Close,
    Repeat { slot: u16, width: u16, len: u16 },
}

impl Node {
    /// ft-html's `tmpl::Node`, for reading the tree back.
    fn tokens(&self, krate: &TokenStream) -> TokenStream {
        match self {
            Node::Open(t) => {
                let desc = &t.desc;
                quote!(#krate::tmpl::Node::Open(&#krate::tags::#desc))
            }
            Node::Attr(name, s) => quote!(#krate::tmpl::Node::Attr(#name, #s)),
            Node::AttrSlot(name, i) => quote!(#krate::tmpl::Node::AttrSlot(#name, #i)),
            Node::AutoName => quote!(#krate::tmpl::Node::AutoName),
            Node::Text(s) => quote!(#krate::tmpl::Node::Text(#s)),
            Node::Child(i) => quote!(#krate::tmpl::Node::Child(#i)),
            Node::Close => quote!(#krate::tmpl::Node::Close),
            Node::Repeat { slot, width, len } => {
                quote!(#krate::tmpl::Node::Repeat { slot: #slot, width: #width, len: #len })
            }
        }
    }
}

/// The description as `ft_tags::markup` reads it (the strings' values: `v` holds them).
fn markup_nodes<'a>(nodes: &[Node], v: &'a [String]) -> Vec<markup::Node<'a>> {
    let mut strs = v.iter();
    let mut next = || strs.next().map_or("", String::as_str);
    nodes
        .iter()
        .map(|n| match n {
            Node::Open(t) => markup::Node::Open {
                name: t.html,
                void: t.void,
            },
            Node::Attr(..) => markup::Node::Attr(next(), next()),
            Node::AttrSlot(_, i) => markup::Node::AttrSlot(next(), *i),
            Node::AutoName => markup::Node::AutoName,
            Node::Text(_) => markup::Node::Text(next()),
            Node::Child(i) => markup::Node::Child(*i),
            Node::Close => markup::Node::Close,
            Node::Repeat { slot, width, len } => markup::Node::Repeat {
                slot: *slot,
                width: *width,
                len: *len,
            },
        })
        .collect()
}

/// The literal strings of `nodes`, in the order `markup_nodes` takes them.
fn node_strings(nodes: &[Node]) -> Vec<String> {
    let mut v = Vec::new();
    for n in nodes {
        match n {
            Node::Attr(name, s) => v.extend([name.value(), s.value()]),
            Node::AttrSlot(name, _) => v.push(name.value()),
            Node::Text(s) => v.push(s.value()),
            _ => {}
        }
    }
    v
}

/// A slot's value: one typed value (`ft_html::typed`), or a loop's items.
enum Slot {
    Value(TokenStream),
    Loop {
        iter: TokenStream,
        bind: TokenStream,
        body: Program,
    },
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
    fn in_source_order(&mut self) {
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

    fn child(&mut self, krate: &TokenStream, expr: &Expr, key: Vec<u32>) {
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
            return self.repeat(krate, l, key);
        }
        let value = specialized(krate, expr.span(), Conv::Child, quote!(#expr));
        let i = self.slot(Slot::Value(value), key);
        self.nodes.push(Node::Child(i));
    }

    /// The element `n`, written at `at` (its items' keys are `at` and their index).
    fn element(&mut self, krate: &TokenStream, n: Nested, at: &[u32]) {
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
                    let i = self.slot(Slot::Value(v), key(*i));
                    self.nodes.push(Node::AttrSlot(name, i));
                }
            }
        }
        if n.attrs.iter().any(|(_, _, written, _)| written == "id") {
            self.nodes.push(Node::AutoName);
        }
        for (i, c) in &n.children {
            self.child(krate, c, key(*i));
        }
        self.nodes.push(Node::Close);
    }

    /// A loop: its own program for one item, run once per item into the items held by one
    /// slot of this program (each item's values typed, in a struct of its own).
    fn repeat(&mut self, krate: &TokenStream, l: Mapped<'_>, key: Vec<u32>) {
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
        let slot = self.slot(
            Slot::Loop {
                iter: quote!(#iter),
                bind,
                body,
            },
            key,
        );
        self.nodes.push(Node::Repeat { slot, width, len });
        self.nodes.extend(nodes);
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

    fn emit_with(
        self,
        krate: &TokenStream,
        ft: &Ident,
        whole: bool,
        last: bool,
        bind: bool,
    ) -> (Vec<(Vec<u32>, TokenStream)>, TokenStream) {
        let (call, ft, end) = if last {
            (quote!(with_tmpl), quote!(#ft), quote!())
        } else {
            (quote!(tmpl), quote!(&mut #ft), quote!(;))
        };
        let Program {
            nodes,
            slots,
            keys,
            names,
            ..
        } = self;
        let checks = names.iter().map(|name| resolution_check(krate, name));
        let strings = node_strings(&nodes);
        let steps = markup::compile(&markup_nodes(&nodes, &strings));
        let nodes = nodes.iter().map(|n| n.tokens(krate));
        let tmpl = quote!(#krate::tmpl::Tmpl::new(&[#(#nodes),*]));
        let tmpl = if whole { quote!(#tmpl.whole()) } else { tmpl };

        let mut types = Types::default();
        let name = Ident::new("__FtSlots", Span::call_site());
        let ty = types.level(krate, &name, &slots);
        let params = &types.params;
        let structs = &types.structs;
        let set = quote!(#krate::typed::SlotSet);
        let value = quote!(#krate::typed::SlotValue);
        let this = quote!(self);
        let render = renderer(krate, &steps, &this, 0);
        let to_fts = fts(krate, &slots, &this, 0, false);
        let into_fts = fts(krate, &slots, &quote!(__ft_all), 0, true);
        let strs = slots.iter().enumerate().filter_map(|(i, s)| match s {
            Slot::Value(_) => {
                let f = Index::from(i);
                Some(quote!(#i => #value::as_str(&self.#f),))
            }
            Slot::Loop { .. } => None,
        });
        let values = build_level(krate, &slots, &types.items, &mut 0);
        let mut lets = Vec::new();
        let built = if bind {
            let locals =
                (0..values.len()).map(|i| format_ident!("__ft_s{}", i, span = Span::mixed_site()));
            let locals: Vec<Ident> = locals.collect();
            for ((local, value), key) in locals.iter().zip(values).zip(keys) {
                lets.push((key, quote!(let #local = #value;)));
            }
            quote!(#name(#(#locals),*))
        } else {
            quote!(#name(#(#values),*))
        };
        let body = quote! {
            #(#checks)*
            static __FT_TMPL: #krate::tmpl::Tmpl = #tmpl;
            #(#structs)*
            impl<#(#params: #value),*> #set for #ty {
                #[inline]
                fn render(&self, __ft_out: &mut ::std::string::String) -> bool {
                    #render
                    true
                }
                fn to_fts(&self) -> ::std::vec::Vec<#krate::Ft> {
                    #to_fts
                }
                fn into_fts(self) -> ::std::vec::Vec<#krate::Ft> {
                    let __ft_all = self;
                    #into_fts
                }
                #[allow(clippy::match_single_binding)]
                fn slot_str(&self, __ft_i: usize) -> ::std::option::Option<&str> {
                    match __ft_i {
                        #(#strs)*
                        _ => ::std::option::Option::None,
                    }
                }
            }
            #krate::Component::#call(#ft, &__FT_TMPL, #krate::typed::Slots::new(#built)) #end
        };
        (lets, body)
    }
}

/// An attribute's run-time value in a slot: a target through its own conversion; anything
/// else typed like a child. (`format!(..)` is an expression like any other: the macro cannot
/// know it is std's.)
fn attr_slot_value(krate: &TokenStream, written: &str, value: &Expr) -> TokenStream {
    if written == "target_id" || written == "hx_target" {
        let v = attr_value(krate, written, value);
        return quote!(#krate::tmpl::attr_slot(#v));
    }
    specialized(krate, value.span(), Conv::Attr, quote!(#value))
}

/// The typed values' structs: one tuple struct per level (generic in every field), and the
/// type of the top one with a parameter for each value at any depth.
#[derive(Default)]
struct Types {
    params: Vec<Ident>,
    structs: Vec<TokenStream>,
    /// Each loop's item struct, in the order the loops are met (depth first).
    items: Vec<Ident>,
}

impl Types {
    /// Declares the struct `name` for `slots` and returns its type with the parameters.
    fn level(&mut self, krate: &TokenStream, name: &Ident, slots: &[Slot]) -> TokenStream {
        let fields: Vec<Ident> = (0..slots.len()).map(|i| format_ident!("F{}", i)).collect();
        self.structs.push(quote! {
            #[derive(Clone)]
            struct #name<#(#fields),*>(#(#fields),*);
        });
        let args: Vec<TokenStream> = slots
            .iter()
            .map(|s| match s {
                Slot::Value(_) => {
                    let p = format_ident!("__FtV{}", self.params.len());
                    self.params.push(p.clone());
                    quote!(#p)
                }
                Slot::Loop { body, .. } => {
                    let item = format_ident!("__FtItem{}", self.items.len());
                    self.items.push(item.clone());
                    let ty = self.level(krate, &item, &body.slots);
                    quote!(#krate::typed::Items<#ty>)
                }
            })
            .collect();
        quote!(#name<#(#args),*>)
    }
}

/// The expressions of the values of `slots`, in slot order (source order), for the fields of
/// their struct (loops into vectors of their item structs, `items` in the order `Types`
/// declared them).
fn build_level(
    krate: &TokenStream,
    slots: &[Slot],
    items: &[Ident],
    next: &mut usize,
) -> Vec<TokenStream> {
    let values = slots.iter().map(|s| match s {
        Slot::Value(v) => v.clone(),
        Slot::Loop { iter, bind, body } => {
            let item = &items[*next];
            *next += 1;
            let one = build_level(krate, &body.slots, items, next);
            let one = quote!(#item(#(#one),*));
            quote! {{
                let __ft_iter = ::std::iter::IntoIterator::into_iter(#iter);
                let mut __ft_items = #krate::typed::Items::with_capacity(__ft_iter.size_hint().0);
                for __ft_item in __ft_iter {
                    #bind
                    __ft_items.push_with(|| #one);
                }
                __ft_items
            }}
        }
    });
    values.collect()
}

/// The statements giving the values of `slots` (fields of `src`) as untyped slots, in a
/// vector: a loop's items as one fragment of all their values. `moving` takes the values.
fn fts(
    krate: &TokenStream,
    slots: &[Slot],
    src: &TokenStream,
    depth: usize,
    moving: bool,
) -> TokenStream {
    let value = quote!(#krate::typed::SlotValue);
    let v = format_ident!("__ft_v{}", depth);
    let n = slots.len();
    let pushes = slots.iter().enumerate().map(|(i, s)| {
        let f = Index::from(i);
        match s {
            Slot::Value(_) if moving => quote!(#v.push(#value::into_ft(#src.#f));),
            Slot::Value(_) => quote!(#v.push(#value::to_ft(&#src.#f));),
            Slot::Loop { body, .. } => {
                let it = format_ident!("__ft_it{}", depth + 1);
                let inner = fts(krate, &body.slots, &quote!(#it), depth + 1, moving);
                let items = if moving {
                    quote!(#src.#f)
                } else {
                    quote!(#src.#f.iter())
                };
                let w = format_ident!("__ft_v{}", depth + 1);
                quote! {
                    let mut #w = ::std::vec::Vec::new();
                    for #it in #items {
                        #w.extend(#inner);
                    }
                    #v.push(#krate::Ft::Fragment(#w));
                }
            }
        }
    });
    quote! {{
        let mut #v = ::std::vec::Vec::with_capacity(#n);
        #(#pushes)*
        #v
    }}
}

/// The renderer's statements for one level: each step's markup as a string literal, then its
/// value (a field of `src`, a struct of typed values) written by its own type's code.
fn renderer(
    krate: &TokenStream,
    steps: &[markup::Step<'_>],
    src: &TokenStream,
    depth: usize,
) -> TokenStream {
    let value = quote!(#krate::typed::SlotValue);
    let out = quote!(__ft_out);
    let code = steps.iter().map(|step| {
        let lit = &step.lit;
        let lit = (!lit.is_empty()).then(|| quote!(#out.push_str(#lit);));
        let write = match &step.act {
            markup::Act::None => quote!(),
            markup::Act::Child(i) => {
                let f = Index::from(usize::from(*i));
                quote!(#value::child(&#src.#f, #out);)
            }
            markup::Act::Attr(i, name) => {
                let f = Index::from(usize::from(*i));
                quote!(#value::attr(&#src.#f, #name, #out);)
            }
            markup::Act::Repeat { slot, body, .. } => {
                let f = Index::from(usize::from(*slot));
                let it = format_ident!("__ft_s{}", depth + 1);
                let item = renderer(krate, body, &quote!(#it), depth + 1);
                quote! {
                    for #it in #src.#f.iter() {
                        #item
                    }
                }
            }
        };
        quote!(#lit #write)
    });
    quote!(#(#code)*)
}

