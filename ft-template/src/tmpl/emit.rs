//! GENERATE: a `Program` as tokens: the template, the values' structs, the renderer.

use super::Program;
use super::check::resolution_checks;
use super::program::{Node, Slot};
use ft_tags::markup;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Ident, Index};

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
pub(super) fn markup_nodes<'a>(nodes: &[Node], v: &'a [String]) -> Vec<markup::Node<'a>> {
    let mut strs = v.iter();
    let mut next = || strs.next().map_or("", String::as_str);
    nodes
        .iter()
        .map(|n| match n {
            Node::Open(t) => markup::Node::Open((t.html, t.void)),
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
pub(super) fn node_strings(nodes: &[Node]) -> Vec<String> {
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

impl Program {
    pub(super) fn emit_with(
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
        let strings = node_strings(&nodes);
        let markup = markup_nodes(&nodes, &strings);
        // The template's source location, for `ft dev`'s markup hot reload (which runs this
        // code too, and then records the description and the names, and masks them).
        let (site, masked) = crate::hot::template(krate, &markup, &names);
        let checks = if masked {
            TokenStream::new()
        } else {
            resolution_checks(krate, &names)
        };
        let data = crate::Templates::current() == crate::Templates::Data;
        let tmpl = if data && !masked {
            // One literal: far fewer tokens for the compiler than the nodes, on every build.
            let wire = ft_tags::wire::encode(&markup);
            quote!(#krate::__private::tmpl::Tmpl::data(#wire, #whole, #site))
        } else {
            let tmpl = if masked {
                quote!(__ft_masked)
            } else {
                let nodes = nodes.iter().map(|n| n.tokens(krate));
                quote!(#krate::__private::tmpl::Tmpl::new(&[#(#nodes),*]))
            };
            let tmpl = if whole { quote!(#tmpl.whole()) } else { tmpl };
            quote!(#tmpl.at(#site))
        };
        let (lets, defs, values) = if data {
            let (lets, values) = Program::emit_data(&slots, keys, krate, bind);
            (lets, quote!(), values)
        } else {
            let steps = (!masked).then(|| markup::compile(&markup));
            compiled(krate, steps.as_deref(), &slots, keys, bind)
        };
        let body = quote! {
            #checks
            static __FT_TMPL: #krate::__private::tmpl::Tmpl = #tmpl;
            #defs
            #krate::Component::#call(#ft, &__FT_TMPL, #krate::__private::typed::Slots::new(#values)) #end
        };
        (lets, body)
    }
}

/// A compiled template's values (`lets` and the expression building them) and its
/// definitions: the values' structs and their `SlotSet`, whose renderer is unrolled from
/// `steps` (`None`: masked, for `ft dev`'s scan).
fn compiled(
    krate: &TokenStream,
    steps: Option<&[markup::Step<'_>]>,
    slots: &[Slot],
    keys: Vec<Vec<u32>>,
    bind: bool,
) -> (Vec<(Vec<u32>, TokenStream)>, TokenStream, TokenStream) {
    let mut types = Types::default();
    let name = Ident::new("__FtSlots", Span::call_site());
    let ty = types.level(krate, &name, slots);
    let params = &types.params;
    let bounds = &types.bounds;
    let structs = &types.structs;
    let set = quote!(#krate::__private::typed::SlotSet);
    let value = quote!(#krate::__private::typed::SlotValue);
    let this = quote!(self);
    let render = match steps {
        Some(steps) => renderer(krate, steps, slots, &this, 0),
        None => quote!(__ft_masked;),
    };
    let to_fts = fts(krate, slots, &this, 0, false);
    let into_fts = fts(krate, slots, &quote!(__ft_all), 0, true);
    let strs = slots.iter().enumerate().filter_map(|(i, s)| match s {
        Slot::Value(_) | Slot::Fmt(..) => {
            let f = Index::from(i);
            Some(quote!(#i => #value::as_str(&self.#f),))
        }
        Slot::Loop { .. } | Slot::Else => None,
    });
    let values = build_level(krate, slots, &types.items, &mut 0);
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
    let defs = quote! {
        #(#structs)*
        impl<#(#params: #bounds),*> #set for #ty {
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
    };
    (lets, defs, built)
}

/// The typed values' structs: one tuple struct per level (generic in every field), and the
/// type of the top one with a parameter for each value at any depth.
#[derive(Default)]
struct Types {
    params: Vec<Ident>,
    /// Each parameter's bound.
    bounds: Vec<TokenStream>,
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
                    self.bounds
                        .push(quote!(#krate::__private::typed::SlotValue));
                    quote!(#p)
                }
                // A `format!`'s type is known but for its pieces' type and its arguments' (the
                // renderer writes each).
                Slot::Fmt(_, lits, id) => {
                    let l = format_ident!("__FtV{}", self.params.len());
                    self.params.push(l.clone());
                    self.bounds.push(quote!(#krate::__private::fmt::Lits));
                    let args: Vec<Ident> = (1..lits.len())
                        .map(|_| {
                            let p = format_ident!("__FtV{}", self.params.len());
                            self.params.push(p.clone());
                            self.bounds.push(quote!(#krate::__private::fmt::FmtArg));
                            p
                        })
                        .collect();
                    if *id {
                        quote!(#krate::__private::fmt::FmtId<#l, (#(#args,)*)>)
                    } else {
                        quote!(#krate::__private::fmt::Fmt<#l, (#(#args,)*)>)
                    }
                }
                Slot::Loop { body, section, .. } => {
                    let item = format_ident!("__FtItem{}", self.items.len());
                    self.items.push(item.clone());
                    let ty = self.level(krate, &item, &body.slots);
                    if *section {
                        quote!(#krate::__private::typed::Section<#ty>)
                    } else {
                        quote!(#krate::__private::typed::Items<#ty>)
                    }
                }
                // Held by the section before it.
                Slot::Else => quote!(()),
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
        Slot::Value(v) | Slot::Fmt(v, ..) => v.clone(),
        Slot::Else => quote!(()),
        Slot::Loop {
            iter,
            bind,
            body,
            section: true,
        } => {
            let item = &items[*next];
            *next += 1;
            let one = build_level(krate, &body.slots, items, next);
            let one = quote!(#item(#(#one),*));
            let typed = quote!(#krate::__private::typed);
            quote! {{
                #[allow(unused_imports)]
                use #typed::{SectionAny as _, SectionTyped as _};
                let (__ft_iter, __ft_other) = (&&&#typed::Val::new(#iter)).ft_section().into_parts();
                let mut __ft_items = #typed::Section::new(__ft_other);
                for __ft_item in __ft_iter {
                    #bind
                    __ft_items.push_with(|| #one);
                }
                __ft_items
            }}
        }
        Slot::Loop {
            iter, bind, body, ..
        } => {
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
            Slot::Value(_) | Slot::Fmt(..) if moving => {
                quote!(#v.push(#value::into_ft(#src.#f));)
            }
            Slot::Value(_) | Slot::Fmt(..) => quote!(#v.push(#value::to_ft(&#src.#f));),
            // The section before holds it (and has taken it, when moving).
            Slot::Else if moving => {
                let other = format_ident!("__ft_other{}_{}", depth, i - 1);
                quote!(#v.push(#other);)
            }
            Slot::Else => {
                let f = Index::from(i - 1);
                quote!(#v.push(#krate::__private::typed::Section::other_ft(&#src.#f));)
            }
            Slot::Loop { body, section, .. } => {
                let it = format_ident!("__ft_it{}", depth + 1);
                let inner = fts(krate, &body.slots, &quote!(#it), depth + 1, moving);
                let other = format_ident!("__ft_other{}_{}", depth, i);
                let (split, items) = match (moving, *section) {
                    (true, true) => (
                        quote!(let (__ft_items, #other) = #krate::__private::typed::Section::into_parts(#src.#f);),
                        quote!(__ft_items),
                    ),
                    (true, false) => (quote!(), quote!(#src.#f)),
                    (false, _) => (quote!(), quote!(#src.#f.iter())),
                };
                let w = format_ident!("__ft_v{}", depth + 1);
                quote! {
                    #split
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
/// value (a field of `src`, a struct of typed values) written by its own type's code. Markup
/// known at build time is merged into as few literals as the values allow: a `format!`'s
/// pieces (`Slot::Fmt`) are written as literals among the markup, and an attribute whose
/// value is always written (a string, an integer, a `format!` of integers) has its
/// ` name="` in the literal before it (each type's `SlotValue::ALWAYS`, a constant, picks
/// the branch when the renderer is compiled).
fn renderer(
    krate: &TokenStream,
    steps: &[markup::Step<'_>],
    slots: &[Slot],
    src: &TokenStream,
    depth: usize,
) -> TokenStream {
    let mut w = Writer::default();
    write_steps(&mut w, krate, steps, slots, src, depth);
    w.finish()
}

fn write_steps(
    w: &mut Writer,
    krate: &TokenStream,
    steps: &[markup::Step<'_>],
    slots: &[Slot],
    src: &TokenStream,
    depth: usize,
) {
    let value = quote!(#krate::__private::typed::SlotValue);
    let fmt = quote!(#krate::__private::fmt);
    let out = quote!(__ft_out);
    for step in steps {
        w.lit(&step.lit);
        match &step.act {
            markup::Act::None => {}
            markup::Act::Child(i) => {
                let f = Index::from(usize::from(*i));
                match slots.get(usize::from(*i)) {
                    // What renders in the place of the section before (held by it).
                    Some(Slot::Else) => {
                        let s = Index::from(usize::from(*i) - 1);
                        let other = quote!(#krate::__private::typed::Section::other(&#src.#s));
                        w.code(quote! {
                            if let ::std::option::Option::Some(__ft_o) = #other {
                                #value::child(__ft_o, #out);
                            }
                        });
                    }
                    // The pieces hold nothing to escape; the arguments are escaped as text.
                    Some(Slot::Fmt(_, lits, _)) => {
                        write_fmt(w, &fmt, lits, &quote!(#src.#f));
                    }
                    _ => w.code(quote!(#value::child(&#src.#f, #out);)),
                }
            }
            markup::Act::Attr(i, name) => {
                let f = Index::from(usize::from(*i));
                let v = quote!(#src.#f);
                let generic = quote!(#value::attr(&#v, #name, #out););
                let mut always = w.fork();
                let cond = match slots.get(usize::from(*i)) {
                    // A `format!` of integers: ` name="`, the pieces and digits, `"`.
                    Some(Slot::Fmt(_, lits, _)) => {
                        always.lit(&format!(" {name}=\""));
                        write_fmt(&mut always, &fmt, lits, &v);
                        always.lit("\"");
                        quote!(#fmt::digits(&#v))
                    }
                    _ => {
                        always.lit(&format!(" {name}="));
                        always.code(quote!(#value::attr_value(&#v, #name, #out);));
                        quote!(#krate::__private::typed::always(&#v))
                    }
                };
                let mut other = w.fork();
                w.lit.clear();
                other.code(generic);
                let (always, other) = (always.finish(), other.finish());
                w.code(quote! {
                    if #cond {
                        #always
                    } else {
                        #other
                    }
                });
            }
            markup::Act::Repeat { slot, body, .. } => {
                let f = Index::from(usize::from(*slot));
                let it = format_ident!("__ft_s{}", depth + 1);
                let inner = match slots.get(usize::from(*slot)) {
                    Some(Slot::Loop { body: p, .. }) => &p.slots[..],
                    _ => &[],
                };
                let item = renderer(krate, body, inner, &quote!(#it), depth + 1);
                w.code(quote! {
                    for #it in #src.#f.iter() {
                        #item
                    }
                });
            }
        }
    }
}

/// A `format!`'s pieces as literals and its arguments (`FmtArg::text`) between them.
fn write_fmt(w: &mut Writer, fmt: &TokenStream, lits: &[String], v: &TokenStream) {
    let out = quote!(__ft_out);
    for (k, lit) in lits.iter().enumerate() {
        w.lit(lit);
        if k + 1 < lits.len() {
            let a = Index::from(k);
            w.code(quote!(#fmt::FmtArg::text(&#fmt::args(&#v).#a, #out);));
        }
    }
}

/// A renderer's statements, adjacent literals merged into one `push_str`.
#[derive(Default)]
struct Writer {
    code: Vec<TokenStream>,
    lit: String,
}

impl Writer {
    fn lit(&mut self, s: &str) {
        self.lit.push_str(s);
    }
    fn flush(&mut self) {
        if !self.lit.is_empty() {
            let lit = std::mem::take(&mut self.lit);
            self.code.push(quote!(__ft_out.push_str(#lit);));
        }
    }
    fn code(&mut self, t: TokenStream) {
        self.flush();
        self.code.push(t);
    }
    /// A branch starting with the literal written so far.
    fn fork(&mut self) -> Writer {
        Writer {
            code: Vec::new(),
            lit: self.lit.clone(),
        }
    }
    fn finish(mut self) -> TokenStream {
        self.flush();
        let code = self.code;
        quote!(#(#code)*)
    }
}
