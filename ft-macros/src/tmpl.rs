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
//! tag macro: a template keeps it as its pieces (`component::fmt_slot`, ft-html's `fmt::Fmt`),
//! or builds its `Str` from them (`component::formatted`). Each such call is also written
//! again as the user wrote it, type-checked as a `String` but never run
//! (`component::checked_format`), so that a `format!` of the user's own that does not take
//! these arguments or does not give a `String` is a compile error at the call.

use crate::component::{
    AttrKey, Conv, Item, PLAIN_TAG_CHECK, attr_value, checked_name, fmt_slot, format_call,
    formatted, parse_items, slot, specialized,
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
        const { #krate::__private::tags::check_plain_tag(#name #bang #args) };
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
                quote!(#krate::__private::tmpl::Node::Open(&#krate::__private::tags::#desc))
            }
            Node::Attr(name, s) => quote!(#krate::__private::tmpl::Node::Attr(#name, #s)),
            Node::AttrSlot(name, i) => quote!(#krate::__private::tmpl::Node::AttrSlot(#name, #i)),
            Node::AutoName => quote!(#krate::__private::tmpl::Node::AutoName),
            Node::Text(s) => quote!(#krate::__private::tmpl::Node::Text(#s)),
            Node::Child(i) => quote!(#krate::__private::tmpl::Node::Child(#i)),
            Node::Close => quote!(#krate::__private::tmpl::Node::Close),
            Node::Repeat { slot, width, len } => {
                quote!(#krate::__private::tmpl::Node::Repeat { slot: #slot, width: #width, len: #len })
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
        let value = fmt_slot(krate, expr).unwrap_or_else(|| {
            specialized(krate, expr.span(), Conv::Child, formatted(krate, expr))
        });
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
        let tmpl = quote!(#krate::__private::tmpl::Tmpl::new(&[#(#nodes),*]));
        let tmpl = if whole { quote!(#tmpl.whole()) } else { tmpl };

        let mut types = Types::default();
        let name = Ident::new("__FtSlots", Span::call_site());
        let ty = types.level(krate, &name, &slots);
        let params = &types.params;
        let structs = &types.structs;
        let set = quote!(#krate::__private::typed::SlotSet);
        let value = quote!(#krate::__private::typed::SlotValue);
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
            static __FT_TMPL: #krate::__private::tmpl::Tmpl = #tmpl;
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
            #krate::Component::#call(#ft, &__FT_TMPL, #krate::__private::typed::Slots::new(#built)) #end
        };
        (lets, body)
    }
}

/// An attribute's run-time value in a slot: a `format!` kept as pieces when it can be (not an
/// `id`, which is read back as a string); a target through its own conversion (a `format!`'s
/// string is a target as it is); anything else typed like a child.
fn attr_slot_value(krate: &TokenStream, written: &str, value: &Expr) -> TokenStream {
    let is_format = format_call(value).is_some();
    if written != "id"
        && written != "target_id"
        && let Some(kept) = fmt_slot(krate, value)
    {
        return kept;
    }
    if written == "target_id" || (written == "hx_target" && !is_format) {
        let v = attr_value(krate, written, value);
        return quote!(#krate::__private::tmpl::attr_slot(#v));
    }
    specialized(krate, value.span(), Conv::Attr, formatted(krate, value))
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
                    quote!(#krate::__private::typed::Items<#ty>)
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
                let mut __ft_items = #krate::__private::typed::Items::with_capacity(__ft_iter.size_hint().0);
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
    let value = quote!(#krate::__private::typed::SlotValue);
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
    let value = quote!(#krate::__private::typed::SlotValue);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn krate() -> TokenStream {
        quote!(::ft_html)
    }

    fn expr(src: &str) -> Expr {
        syn::parse_str(src).unwrap_or_else(|e| panic!("{src}: {e}"))
    }

    fn call(src: &str) -> Option<Nested> {
        match expr(src) {
            Expr::Macro(m) => nested(&m),
            _ => panic!("{src} is not a macro call"),
        }
    }

    /// The children of a call, with their item indices, as `Program::build` takes them.
    fn children(srcs: &[&str]) -> Vec<(u32, Expr)> {
        (0u32..).zip(srcs.iter().map(|s| expr(s))).collect()
    }

    /// A template's nodes, one short string each.
    fn show(nodes: &[Node]) -> Vec<String> {
        nodes
            .iter()
            .map(|n| match n {
                Node::Open(t) => format!("<{}", t.html),
                Node::Attr(name, v) => format!("{}={:?}", name.value(), v.value()),
                Node::AttrSlot(name, i) => format!("{}=${i}", name.value()),
                Node::AutoName => "auto-name".to_string(),
                Node::Text(s) => format!("{:?}", s.value()),
                Node::Child(i) => format!("${i}"),
                Node::Close => ">".to_string(),
                Node::Repeat { slot, width, len } => format!("repeat ${slot} {width}x{len}"),
            })
            .collect()
    }

    /// A template's values, as written (the `Slot::Value` tokens hold the expression).
    fn values(p: &Program) -> Vec<String> {
        p.slots
            .iter()
            .map(|s| match s {
                Slot::Value(v) => {
                    let v = v.to_string();
                    // `(&&&Val::new(<expr>)).ft_child()`: the expression is between the
                    // parentheses of `new`.
                    let start = v
                        .find("Val :: new (")
                        .map_or(0, |i| i + "Val :: new (".len());
                    let end = v.rfind(")) .").unwrap_or(v.len());
                    v[start..end].trim().to_string()
                }
                Slot::Loop { iter, .. } => format!("loop {iter}"),
            })
            .collect()
    }

    #[test]
    fn tag_for_knows_plain_tags_presets_and_case() {
        let td = tag_for("Td").unwrap();
        assert_eq!(
            (td.desc.to_string(), td.html, td.void),
            ("Td".into(), "td", false)
        );
        assert!(td.presets.is_empty());
        let input = tag_for("Input").unwrap();
        assert_eq!((input.html, input.void), ("input", true));
        // SVG tags keep SVG's case.
        assert_eq!(tag_for("LinearGradient").unwrap().html, "linearGradient");
        // `A!`/`Form!` are the presets, on the plain tags' descriptors.
        let a = tag_for("A").unwrap();
        assert_eq!((a.desc.to_string(), a.html), ("TagA".into(), "a"));
        assert_eq!(a.presets, &[("href", "#")]);
        let form = tag_for("Form").unwrap();
        assert_eq!(form.desc.to_string(), "TagForm");
        assert_eq!(form.presets, &[("enctype", "multipart/form-data")]);
        assert_eq!(tag_for("TagA").unwrap().presets.len(), 0);
    }

    #[test]
    fn tag_for_leaves_raw_text_tags_and_other_names() {
        // Raw-text content is left to the tags' own macros.
        assert!(tag_for("TagScript").is_none());
        assert!(tag_for("TagStyle").is_none());
        for name in ["Script", "Style", "Card", "Rect", "format", "td", "Html"] {
            assert!(tag_for(name).is_none(), "{name}");
        }
    }

    #[test]
    fn nested_reads_a_call_in_fasthtml_attribute_order() {
        let n = call(r#"Td!(x, title = t, id = "a", cls = "c", data_x = 1, "y")"#).unwrap();
        assert_eq!(n.tag.html, "td");
        assert_eq!(n.name.as_ref().unwrap().to_string(), "Td");
        // Call order first, then `id`, `class`, `title`; each with the item it was written as.
        let attrs: Vec<(&str, u32)> = n.attrs.iter().map(|a| (a.0.as_str(), a.3)).collect();
        assert_eq!(
            attrs,
            [("data-x", 4), ("id", 2), ("class", 3), ("title", 1)]
        );
        let kids: Vec<u32> = n.children.iter().map(|c| c.0).collect();
        assert_eq!(kids, [0, 5]);
    }

    #[test]
    fn nested_puts_a_preset_first_or_the_value_given_for_it() {
        let a = call(r#"A!("x", id = "l")"#).unwrap();
        let attrs: Vec<(&str, u32)> = a.attrs.iter().map(|a| (a.0.as_str(), a.3)).collect();
        // The preset is a literal: item 0, never a slot.
        assert_eq!(attrs, [("href", 0), ("id", 1)]);
        let a = call(r#"A!("x", id = "l", href = url)"#).unwrap();
        let attrs: Vec<(&str, u32)> = a.attrs.iter().map(|a| (a.0.as_str(), a.3)).collect();
        assert_eq!(attrs, [("href", 2), ("id", 1)]);
    }

    #[test]
    fn nested_leaves_what_it_cannot_compile_whole() {
        for src in [
            // Names ft's helpers share with tags: whichever is in scope.
            "Svg!(w = 1, h = 2)",
            "Search!(Input!(name = \"q\"))",
            // A path: not a bare name.
            "ft_html::Td!(x)",
            "self::Td!(x)",
            // Not a tag.
            "Card!(x)",
            "format!(\"{}\", x)",
            "TagScript!(\"code\")",
            // A spread, children on a void tag, an attribute twice, a parse error.
            "Td!(x, ..attrs)",
            "Input!(\"x\")",
            "Td!(id = 1, id = 2)",
            "Td!(a b)",
            "Td!(cls: \"x\")",
        ] {
            assert!(call(src).is_none(), "{src}");
        }
        // `hx_target` and `target_id` may both be given.
        assert!(call("Td!(hx_target = a, target_id = b)").is_some());
    }

    #[test]
    fn mapped_reads_iterator_loops_only() {
        let e = expr("items.iter().map(|it| Li!(it.name))");
        let m = mapped(&e).unwrap();
        assert_eq!(m.body.tag.html, "li");
        let iter = m.iter;
        assert_eq!(quote!(#iter).to_string(), "items . iter ()");
        assert!(mapped(&expr("(0..3).map(|i| { Li!(i) })")).is_some());
        assert!(
            mapped(&expr(
                "v.iter().enumerate().map(|(i, x): (usize, &u8)| (Td!(i, x)))"
            ))
            .is_some()
        );
        for src in [
            // `Option::map`, `Result::map`: not plainly iterators.
            "opt.map(|x| Li!(x))",
            "v.into_iter().collect::<Vec<_>>().map(|x| Li!(x))",
            // Not one closure of one argument, or a body that is not one tag call.
            "v.iter().map(f)",
            "v.iter().map(|a, b| Li!(a))",
            "v.iter().map(|x| -> Ft { Li!(x) })",
            "v.iter().map(|x| { let y = x; Li!(y) })",
            "v.iter().map(|x| Card!(x))",
            "v.iter().filter_map(|x| Li!(x))",
        ] {
            assert!(mapped(&expr(src)).is_none(), "{src}");
        }
    }

    #[test]
    fn is_iterator_knows_ranges_and_iterator_methods() {
        for src in [
            "0..n",
            "(a..=b)",
            "v.iter()",
            "s.chars().rev()",
            "m.keys()",
            "x.lines()",
        ] {
            assert!(is_iterator(&expr(src)), "{src}");
        }
        for src in ["v", "opt", "f()", "v.len()", "v.to_vec()"] {
            assert!(!is_iterator(&expr(src)), "{src}");
        }
    }

    #[test]
    fn build_leaves_children_without_nested_tags() {
        let k = krate();
        assert!(Program::build(&k, &children(&["x", "\"text\"", "format!(\"{}\", y)"])).is_none());
        // A nested call it cannot compile does not make a template either.
        assert!(Program::build(&k, &children(&["Svg!(x)", "self::Td!(y)"])).is_none());
    }

    #[test]
    fn build_writes_nodes_in_render_order_and_slots_in_source_order() {
        // `Tr!(Td!(a, id = b), "t", Td!(A!("e", hx_get = u, cls = "k")))`: the `id` renders
        // before the child `a`, but `a` was written first, so it is slot 0.
        let p = Program::build(
            &krate(),
            &children(&[
                "Td!(a, id = b)",
                "\"t\"",
                "Td!(A!(\"e\", hx_get = u, cls = \"k\"))",
            ]),
        )
        .unwrap();
        assert_eq!(
            show(&p.nodes),
            [
                "<td",
                "id=$1",
                "auto-name",
                "$0",
                ">",
                "\"t\"",
                "<td",
                "<a",
                "href=\"#\"",
                "hx-get=$2",
                "class=\"k\"",
                "\"e\"",
                ">",
                ">"
            ]
        );
        assert_eq!(values(&p), ["a", "b", "u"]);
        assert_eq!(p.keys, [vec![0, 0], vec![0, 1], vec![2, 0, 1]]);
        assert_eq!(p.elements, 3);
    }

    #[test]
    fn literal_attributes_stay_markup_except_targets() {
        let p = Program::build(
            &krate(),
            &children(&[r##"Div!(id = "x", hx_target = "#t", title = "a", P!(1))"##]),
        )
        .unwrap();
        assert_eq!(
            show(&p.nodes),
            [
                "<div",
                "hx-target=$0",
                "id=\"x\"",
                "title=\"a\"",
                "auto-name",
                "<p",
                "$1",
                ">",
                ">"
            ]
        );
        let target = p.slots[0].value_string();
        assert!(target.contains("attr_slot"), "{target}");
        assert!(target.contains("IntoTarget :: into_target"), "{target}");
    }

    #[test]
    fn format_is_kept_as_pieces_and_guarded_as_written() {
        let p = Program::build(
            &krate(),
            &children(&[
                r#"Td!(format!("n={}", n), hx_get = format!("/i/{n}"), id = format!("r{n}"), title = format!("{:>3}", n))"#,
            ]),
        )
        .unwrap();
        let all: Vec<String> = p.slots.iter().map(Slot::value_string).collect();
        // Render order: `hx-get`, `id`, `title`, the child; slots in source order.
        assert_eq!(show(&p.nodes)[1..4], ["hx-get=$1", "id=$2", "title=$3"]);
        // A child and an attribute: the template keeps the pieces (`fmt::Fmt`).
        assert!(
            all[0].contains(r#":: ft_html :: __private :: fmt :: Fmt :: new (& ["n=" , ""] ,"#),
            "{}",
            all[0]
        );
        assert!(
            all[1].contains(r#"Fmt :: new (& ["/i/" , ""] ,"#),
            "{}",
            all[1]
        );
        // An `id` (read back as a string) and a spec: a `Str`, built from the pieces or by
        // std's `format_args!`.
        assert!(all[2].contains("StrBuilder :: new ()"), "{}", all[2]);
        assert!(
            all[3]
                .contains(r#":: ft_html :: Str :: format (:: std :: format_args ! ("{:>3}" , n))"#),
            "{}",
            all[3]
        );
        // Each with its guard: the call as written, a `String`, never run.
        for (v, call) in all.iter().zip([
            r#"format ! ("n={}" , n)"#,
            r#"format ! ("/i/{n}")"#,
            r#"format ! ("r{n}")"#,
            r#"format ! ("{:>3}" , n)"#,
        ]) {
            let guard = crate::component::tests::guard(call);
            assert_eq!(v.matches(&guard).count(), 1, "{call}: {v}");
        }
    }

    #[test]
    fn a_loop_is_one_slot_with_its_own_renumbered_item() {
        let p = Program::build(
            &krate(),
            &children(&["H1!(t)", "rows.iter().map(|r| Li!(r.name, id = r.id))"]),
        )
        .unwrap();
        assert_eq!(
            show(&p.nodes),
            [
                "<h1",
                "$0",
                ">",
                "repeat $1 2x5",
                "<li",
                "id=$1",
                "auto-name",
                "$0",
                ">"
            ]
        );
        assert_eq!(values(&p), ["t", "loop rows . iter ()"]);
        let Slot::Loop { body, bind, .. } = &p.slots[1] else {
            panic!("not a loop");
        };
        assert_eq!(values(body), ["r . name", "r . id"]);
        assert_eq!(bind.to_string(), "let r = __ft_item ;");
        // The loop body's tag is checked with the others.
        let names: Vec<String> = p.names.iter().map(Ident::to_string).collect();
        assert_eq!(names, ["H1", "Li"]);
    }

    #[test]
    fn in_source_order_renumbers_slots_and_keeps_loop_bodies() {
        let mut p = Program {
            nodes: vec![
                Node::AttrSlot(LitStr::new("id", Span::call_site()), 0),
                Node::Repeat {
                    slot: 1,
                    width: 1,
                    len: 1,
                },
                Node::Child(0),
                Node::Child(2),
            ],
            ..Program::default()
        };
        for (v, key) in [("b", vec![3]), ("l", vec![2]), ("a", vec![0, 5])] {
            p.slots.push(Slot::Value(quote!(#v)));
            p.keys.push(key);
        }
        p.in_source_order();
        // `a` ([0, 5]) < `l` ([2]) < `b` ([3]); the loop item's own `Child(0)` is untouched.
        assert_eq!(show(&p.nodes), ["id=$2", "repeat $1 1x1", "$0", "$0"]);
        assert_eq!(p.keys, [vec![0, 5], vec![2], vec![3]]);
        let vs: Vec<String> = p.slots.iter().map(Slot::value_string).collect();
        assert_eq!(vs, ["\"a\"", "\"l\"", "\"b\""]);
    }

    #[test]
    fn whole_compiles_a_plain_tag_with_attributes_and_nested_tags() {
        let items = |src: &str| syn::parse::Parser::parse_str(parse_items, src).unwrap();
        let tr = Ident::new("Tr", Span::call_site());
        let p = Program::whole(&krate(), &tr, &items("Td!(x), id = y")).unwrap();
        assert_eq!(
            show(&p.nodes),
            ["<tr", "id=$1", "auto-name", "<td", "$0", ">", ">"]
        );
        assert_eq!(values(&p), ["x", "y"]);
        // The outer element is ft's own (its wrapper names it): not checked; `Td!` is.
        let names: Vec<String> = p.names.iter().map(Ident::to_string).collect();
        assert_eq!(names, ["Td"]);
        // No attribute, nothing nested, a void tag, a preset: the usual expansion.
        assert!(Program::whole(&krate(), &tr, &items("Td!(x)")).is_none());
        assert!(Program::whole(&krate(), &tr, &items("x, id = y")).is_none());
        let input = Ident::new("Input", Span::call_site());
        assert!(Program::whole(&krate(), &input, &items("id = y")).is_none());
        let a = Ident::new("A", Span::call_site());
        assert!(Program::whole(&krate(), &a, &items("Td!(x), id = y")).is_none());
    }

    #[test]
    fn each_name_is_checked_once_at_its_first_call() {
        let p = Program::build(
            &krate(),
            &children(&["Td!(A!(\"a\"))", "Td!(2)", "A!(\"b\")", "Input!(name = n)"]),
        )
        .unwrap();
        let names: Vec<String> = p.names.iter().map(Ident::to_string).collect();
        assert_eq!(names, ["Td", "A", "Input"]);
        let ft = Ident::new("__ft", Span::call_site());
        let code = p.emit(&krate(), &ft, false, true).to_string();
        for name in ["Td", "A", "Input"] {
            let check = format!(
                "const {{ :: ft_html :: __private :: tags :: check_plain_tag ({name} ! (@ __ft_plain_tag)) }} ;"
            );
            assert_eq!(code.matches(&check).count(), 1, "{name}: {code}");
        }
        // The checks come before the template.
        assert!(code.find("check_plain_tag").unwrap() < code.find("__FT_TMPL").unwrap());
    }

    #[test]
    fn markup_nodes_take_the_strings_in_order() {
        let p = Program::build(
            &krate(),
            &children(&[r#"P!("a", B!(x, title = "t"), "c")"#]),
        )
        .unwrap();
        let strings = node_strings(&p.nodes);
        assert_eq!(strings, ["a", "title", "t", "c"]);
        let nodes = markup_nodes(&p.nodes, &strings);
        assert_eq!(nodes.len(), p.nodes.len());
        assert!(matches!(
            nodes[2],
            markup::Node::Open {
                name: "b",
                void: false
            }
        ));
        assert!(matches!(nodes[3], markup::Node::Attr("title", "t")));
        assert!(matches!(nodes[4], markup::Node::Child(0)));
    }

    impl Slot {
        fn value_string(&self) -> String {
            match self {
                Slot::Value(v) => v.to_string(),
                Slot::Loop { iter, .. } => iter.to_string(),
            }
        }
    }

    /// Every helper of ft-html whose macro has a tag's name (exported as one, or re-exported
    /// under one: `pub use crate::{SvgX as Svg}`) is in `HELPER_NAMES`, so that a nested call of
    /// it is never compiled as the tag.
    #[test]
    fn helper_names_are_the_helpers_named_like_tags() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ft-html/src");
        let mut files = vec![src];
        let mut names = Vec::new();
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("tags.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let words: Vec<&str> = text
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '!'))
                .filter(|w| !w.is_empty())
                .collect();
            for w in words.windows(2) {
                // `macro_rules! Name` and `Name as Alias`.
                if w[0] == "macro_rules!" || w[0] == "as" {
                    names.push(w[1].to_string());
                }
            }
        }
        let mut shared: Vec<String> = names
            .into_iter()
            .filter(|n| {
                [tag_list::HTML, tag_list::VOID, tag_list::SVG]
                    .iter()
                    .any(|l| l.iter().any(|(t, _)| t == n))
            })
            .collect();
        shared.sort();
        shared.dedup();
        assert_eq!(shared, ["Search", "Svg"]);
        let mut listed = HELPER_NAMES.to_vec();
        listed.sort();
        assert_eq!(shared, listed);
    }
}
