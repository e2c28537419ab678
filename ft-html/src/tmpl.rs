//! Compiled children: nested tag macros flattened at compile time.
//!
//! `Tr!(Td!(it.id), Td!(A!("edit", hx_get = url)))` is one element whose children are a
//! [`Tmpl`] (a `static` description of the nested `<td>`s and `<a>` written by the macro)
//! plus the run-time values in slots (`it.id`, `url`), kept in their own types by a struct
//! the macro writes ([`crate::typed`]). Rendering writes the static markup between the slots
//! as merged pieces (`</td><td><a href="#" hx-get=`), so a row costs one element instead of
//! four and no vector. The macro compiles the pieces at build time (`ft_tags::markup`) and
//! writes them as string literals in the values' renderer.
//!
//! The tree is still a tree: reading an element's children builds the nested elements from
//! the description ([`Element::children`](crate::Element::children) gives them), and changing
//! them turns the compiled children into ordinary ones first.

use crate::attr::{AttrRef, AttrValue};
use crate::element::Element;
use crate::text::{Raw, Text};
use crate::typed::Slots;
use crate::{Component, Ft, Str, TagDesc};
use ft_tags::markup::{attrs_at, repeat_body};
use std::borrow::Cow;
use std::sync::OnceLock;

/// One node of a template's description, in document order (written by the tag macros):
/// `ft_tags::markup`'s nodes, with ft-html's tag descriptors as their tags.
pub type Node = ft_tags::markup::Node<'static, &'static TagDesc>;

impl ft_tags::markup::Tag for &'static TagDesc {
    fn name(&self) -> &str {
        TagDesc::name(self)
    }
    fn is_void(&self) -> bool {
        TagDesc::is_void(self)
    }
}

/// A `static` description of nested elements, with the render steps it compiles to.
#[doc(hidden)]
pub struct Tmpl {
    desc: Desc,
    /// The nodes describe the element itself (its `Open`, attributes, children and `Close`),
    /// not only its children: see [`Tmpl::whole`].
    whole: bool,
    /// The steps, for values that come without the macro's renderer (see
    /// [`SlotSet::render`](crate::typed::SlotSet::render)); compiled on first use.
    steps: OnceLock<Box<[Step]>>,
    /// Where the macro call was written (debug builds), for markup hot reload (`crate::hot`).
    pub(crate) site: Option<&'static crate::hot::Site>,
}

/// How the macro wrote the description.
enum Desc {
    /// As nodes (release builds, where the template also has an unrolled renderer).
    Nodes(&'static [Node]),
    /// As one string in `ft_tags::wire`'s text, decoded on first use (debug builds: a
    /// literal costs the compiler far less than an array of nodes, on every rebuild).
    Wire(&'static str, OnceLock<&'static [Node]>),
}

/// A render step: markup as it is, then at most one run-time value (`ft_tags::markup`, the
/// same function the tag macros compile their renderers with).
pub(crate) type Step = ft_tags::markup::Step<'static>;
pub(crate) use ft_tags::markup::Act;

impl Tmpl {
    /// A template (the macros make one `static` per nested literal).
    pub const fn new(nodes: &'static [Node]) -> Tmpl {
        Tmpl {
            desc: Desc::Nodes(nodes),
            whole: false,
            steps: OnceLock::new(),
            site: None,
        }
    }

    /// A template described in `ft_tags::wire`'s text (what the macros write in debug
    /// builds), [`Tmpl::whole`] or not, written at `site`.
    pub const fn data(
        wire: &'static str,
        whole: bool,
        site: Option<&'static crate::hot::Site>,
    ) -> Tmpl {
        Tmpl {
            desc: Desc::Wire(wire, OnceLock::new()),
            whole,
            steps: OnceLock::new(),
            site,
        }
    }

    /// The same template with its source location (the macros write `__ft_site!(..)`, which
    /// is `None` in release builds).
    pub const fn at(mut self, site: Option<&'static crate::hot::Site>) -> Tmpl {
        self.site = site;
        self
    }

    /// The description the macro wrote, and whether it is [`Tmpl::whole`].
    #[cfg(debug_assertions)]
    pub(crate) fn built(&self) -> (&'static [Node], bool) {
        (self.own_nodes(), self.whole)
    }

    /// The description: the built one, or the one `ft dev` replaced it with.
    pub(crate) fn nodes(&self) -> &'static [Node] {
        self.hot().map_or_else(|| self.own_nodes(), |h| h.nodes)
    }

    /// The description the macro wrote.
    fn own_nodes(&self) -> &'static [Node] {
        match &self.desc {
            Desc::Nodes(nodes) => nodes,
            Desc::Wire(text, nodes) => nodes.get_or_init(|| {
                // The macros write the text from nodes they built: it always decodes.
                let nodes = from_wire(text).unwrap_or_else(|e| {
                    panic!(
                        "ft: a tag macro wrote a template ft cannot read ({e}): please report it"
                    )
                });
                // Once per template, kept as long as the template (a `static`).
                Box::leak(nodes.into_boxed_slice())
            }),
        }
    }

    /// The same template describing the element itself: its first node opens the element,
    /// its attributes follow, and its last node closes it. `Tr!(Td!(..), id = x)` keeps its
    /// own attributes in the template's slots instead of an attribute list, so a row renders
    /// its start tag with its cells and costs no list.
    pub const fn whole(mut self) -> Tmpl {
        self.whole = true;
        self
    }

    /// The render steps of the built description (compiled on first use).
    pub(crate) fn steps(&self) -> &[Step] {
        self.steps
            .get_or_init(|| ft_tags::markup::compile(self.own_nodes()).into_boxed_slice())
    }
}

impl std::fmt::Debug for Tmpl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tmpl")
            .field("nodes", &self.own_nodes())
            .finish()
    }
}

/// The nodes `text` (`ft_tags::wire`) describes, with ft-html's tags: for templates the macros
/// write as text, and for `ft dev`'s replacements.
pub(crate) fn from_wire(text: &'static str) -> Result<Vec<Node>, String> {
    use ft_tags::markup::Node as Wire;
    let nodes = ft_tags::wire::decode(text)?;
    let mut ours = Vec::with_capacity(nodes.len());
    for n in nodes {
        ours.push(match n {
            Wire::Open((name, _)) => {
                Node::Open(crate::tags::lookup(name).ok_or_else(|| format!("no tag <{name}>"))?)
            }
            Wire::Attr(a, v) => Node::Attr(a, v),
            Wire::AttrSlot(a, s) => Node::AttrSlot(a, s),
            Wire::AutoName => Node::AutoName,
            Wire::Text(t) => Node::Text(t),
            Wire::Child(s) => Node::Child(s),
            Wire::Close => Node::Close,
            Wire::Repeat { slot, width, len } => Node::Repeat { slot, width, len },
        });
    }
    Ok(ours)
}

/// Builds the nested elements a template describes, taking each slot's value from `slot`:
/// the children as they were given to the macro (a fragment stays one child; a loop gives
/// its items one by one).
fn thaw(nodes: &[Node], slot: &mut dyn FnMut(usize) -> Ft) -> Vec<Ft> {
    let mut top: Vec<Ft> = Vec::new();
    let mut open: Vec<Element> = Vec::new();
    fn add(top: &mut Vec<Ft>, open: &mut [Element], child: Ft) {
        match open.last_mut() {
            Some(parent) => parent.push_ft(child),
            None => top.push(child),
        }
    }
    let mut i = 0;
    while i < nodes.len() {
        match nodes[i] {
            Node::Open(d) => {
                let attrs = attrs_at(nodes, i + 1);
                open.push(open_element(d, attrs, slot));
                i += attrs.len();
            }
            Node::Text(s) => add(
                &mut top,
                &mut open,
                Ft::Text(Text::Str(Str::from_static(s))),
            ),
            Node::Child(s) => {
                let child = slot(usize::from(s));
                add(&mut top, &mut open, child);
            }
            Node::Close => {
                if let Some(el) = open.pop() {
                    add(&mut top, &mut open, Ft::Element(el));
                }
            }
            Node::Repeat {
                slot: s,
                width,
                len,
            } => {
                let body = repeat_body(nodes, i, len);
                let items = match slot(usize::from(s)) {
                    Ft::Fragment(items) => items,
                    _ => Vec::new(),
                };
                let width = usize::from(width.max(1));
                let mut values = items.into_iter();
                for _ in 0..values.len() / width {
                    let mut group: Vec<Option<Ft>> =
                        values.by_ref().take(width).map(Some).collect();
                    let mut take =
                        |i: usize| group.get_mut(i).and_then(Option::take).unwrap_or_default();
                    for item in thaw(body, &mut take) {
                        add(&mut top, &mut open, item);
                    }
                }
                i += body.len();
            }
            Node::Attr(..) | Node::AttrSlot(..) | Node::AutoName => {}
        }
        i += 1;
    }
    top
}

/// The element an `Open` starts, with its attributes (the nodes after it) and no children.
fn open_element(d: &'static TagDesc, attrs: &[Node], slot: &mut dyn FnMut(usize) -> Ft) -> Element {
    let mut el = Element::from_tag(d);
    let mut auto = false;
    for n in attrs {
        match *n {
            Node::Attr(name, v) => Component::attr(
                &mut el,
                Cow::Borrowed(name),
                Some(AttrValue::Trusted(Str::from_static(v))),
            ),
            Node::AttrSlot(name, s) => Component::attr(
                &mut el,
                Cow::Borrowed(name),
                slot_attr(slot(usize::from(s))),
            ),
            Node::AutoName => auto = true,
            _ => {}
        }
    }
    if auto {
        el.auto_name();
    }
    el
}

/// Children as an element keeps them: fragments spliced in, empty ones dropped.
fn flatten(given: Vec<Ft>) -> Vec<Ft> {
    let mut out = Vec::with_capacity(given.len());
    for child in given {
        match child {
            Ft::Fragment(items) => out.extend(items),
            one => out.push(one),
        }
    }
    out
}

/// An attribute value as a slot holds it: an `Ft` leaf (so that slots are one vector of
/// `Ft` from the children pool). `None` is the empty fragment; a literal-like trusted string
/// is `Raw`, any other string `Text`.
#[doc(hidden)]
#[inline]
pub fn attr_slot(value: Option<AttrValue>) -> Ft {
    match value {
        None => Ft::empty(),
        Some(AttrValue::Text(s)) => Ft::Text(Text::Str(s)),
        Some(AttrValue::Trusted(s)) => Ft::Raw(Raw(s)),
        Some(AttrValue::Bool(b)) => Ft::Text(Text::Bool(b)),
        Some(AttrValue::Int(n)) => Ft::Text(Text::Int(n)),
        Some(AttrValue::UInt(n)) => Ft::Text(Text::UInt(n)),
        Some(AttrValue::Float(f)) => Ft::Text(Text::Float(f)),
    }
}

/// The attribute value a slot holds (the inverse of [`attr_slot`]).
fn slot_attr(ft: Ft) -> Option<AttrValue> {
    Some(match ft {
        Ft::Text(Text::Str(s)) => AttrValue::Text(s),
        Ft::Raw(Raw(s)) => AttrValue::Trusted(s),
        Ft::Text(Text::Bool(b)) => AttrValue::Bool(b),
        Ft::Text(Text::Int(n)) => AttrValue::Int(n),
        Ft::Text(Text::UInt(n)) => AttrValue::UInt(n),
        Ft::Text(Text::Float(f)) => AttrValue::Float(f),
        Ft::Text(Text::Char(c)) => AttrValue::Text(Str::from(c)),
        _ => return None,
    })
}

/// The attribute value a slot holds, borrowed (for rendering).
#[inline]
pub(crate) fn slot_attr_ref(ft: &Ft) -> Option<AttrRef<'_>> {
    Some(match ft {
        Ft::Text(Text::Str(s)) => AttrRef::Text(s),
        Ft::Raw(Raw(s)) => AttrRef::Trusted(s),
        Ft::Text(Text::Bool(b)) => AttrRef::Bool(*b),
        Ft::Text(Text::Int(n)) => AttrRef::Int(*n),
        Ft::Text(Text::UInt(n)) => AttrRef::UInt(*n),
        Ft::Text(Text::Float(f)) => AttrRef::Float(*f),
        _ => return None,
    })
}

/// An element's compiled children: the template and its values.
pub(crate) struct TmplKids {
    pub(crate) tmpl: &'static Tmpl,
    pub(crate) slots: Slots,
}

impl TmplKids {
    #[inline]
    pub(crate) fn new(tmpl: &'static Tmpl, slots: Slots) -> TmplKids {
        TmplKids { tmpl, slots }
    }
    /// Does the template describe the element itself ([`Tmpl::whole`])?
    #[inline]
    pub(crate) fn is_whole(&self) -> bool {
        self.tmpl.whole
    }
    /// The nodes of the element's own attributes (empty unless whole), and of its children.
    fn parts(&self) -> (Option<&'static TagDesc>, &'static [Node], &'static [Node]) {
        let nodes = self.tmpl.nodes();
        match nodes {
            [Node::Open(d), rest @ .., Node::Close] if self.tmpl.whole => {
                let attrs = attrs_at(nodes, 1);
                (Some(d), attrs, &rest[attrs.len()..])
            }
            _ => (None, &[], nodes),
        }
    }
    /// The children as an element holds them (fragments flattened), cloning the values.
    pub(crate) fn to_children(&self) -> Vec<Ft> {
        let mut take = taker(self.slots.to_fts());
        flatten(thaw(self.parts().2, &mut take))
    }
    /// The element's own attributes, when the template is whole (cloning the values).
    pub(crate) fn own_attrs(&self) -> Option<Element> {
        let (d, attrs, _) = self.parts();
        let d = d?;
        Some(open_element(d, attrs, &mut taker(self.slots.to_fts())))
    }
    /// The element's own `id`, borrowed from the template, when the template is whole.
    pub(crate) fn own_id(&self) -> Option<&str> {
        let (_, attrs, _) = self.parts();
        attrs.iter().rev().find_map(|n| match *n {
            Node::Attr("id", v) => Some(v),
            Node::AttrSlot("id", s) => self.slots.slot_str(usize::from(s)),
            _ => None,
        })
    }
    /// The element's own attributes (`None` unless whole) and its children as an element
    /// holds them (fragments flattened), moving the values.
    pub(crate) fn into_parts(self) -> (Option<Element>, Vec<Ft>) {
        let (d, attrs, kids) = self.parts();
        let mut take = taker(self.slots.into_fts());
        let own = d.map(|d| open_element(d, attrs, &mut take));
        (own, flatten(thaw(kids, &mut take)))
    }
    /// What the template describes, as given to the macro, moving the values: the children
    /// (a fragment stays one child), or for a whole template the element itself.
    pub(crate) fn into_given(self) -> Vec<Ft> {
        thaw(self.tmpl.nodes(), &mut taker(self.slots.into_fts()))
    }
}

/// Hands out each slot's value once, by number (the empty fragment for any other).
fn taker(values: Vec<Ft>) -> impl FnMut(usize) -> Ft {
    let mut slots: Vec<Option<Ft>> = values.into_iter().map(Some).collect();
    move |i| slots.get_mut(i).and_then(Option::take).unwrap_or_default()
}

impl Clone for TmplKids {
    fn clone(&self) -> TmplKids {
        TmplKids::new(self.tmpl, self.slots.clone())
    }
}

impl PartialEq for TmplKids {
    fn eq(&self, other: &TmplKids) -> bool {
        if std::ptr::eq(self.tmpl, other.tmpl) {
            self.slots.to_fts() == other.slots.to_fts()
        } else {
            self.to_children() == other.to_children()
        }
    }
}

impl std::fmt::Debug for TmplKids {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.to_children().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags;
    use crate::typed::SlotSet;

    static ROW: Tmpl = Tmpl::new(&[
        Node::Open(&tags::Td),
        Node::Child(0),
        Node::Close,
        Node::Open(&tags::Td),
        Node::Open(&tags::TagA),
        Node::Attr("href", "#"),
        Node::AttrSlot("hx-get", 1),
        Node::AttrSlot("id", 2),
        Node::AutoName,
        Node::Text("a < b"),
        Node::Close,
        Node::Close,
    ]);

    /// `ROW` as debug builds write it: one string of `ft_tags::wire`'s text.
    static ROW_DATA: Tmpl = Tmpl::data(
        "On2:tdC0;EOn2:tdOn1:aA4:href1:#S6:hx-get1;S2:id2;NT5:a < bEE",
        false,
        None,
    );

    #[test]
    fn a_template_as_text_is_the_template_as_nodes() {
        let nodes = ROW_DATA.own_nodes();
        assert_eq!(nodes.len(), ROW.own_nodes().len());
        for (a, b) in nodes.iter().zip(ROW.own_nodes()) {
            match (a, b) {
                // The very tags the macros name, not copies.
                (Node::Open(x), Node::Open(y)) => assert!(std::ptr::eq(*x, *y), "{x:?}"),
                _ => assert_eq!(format!("{a:?}"), format!("{b:?}")),
            }
        }
        // Decoded once.
        assert!(std::ptr::eq(ROW_DATA.own_nodes(), nodes));
        let render = |t: &'static Tmpl| {
            let mut tr = Element::from_tag(&tags::Tr);
            let slots = vec![
                Ft::text("x&y"),
                attr_slot(Some(AttrValue::Text(Str::new("/items/1")))),
                attr_slot(Some(AttrValue::Text(Str::new("l")))),
            ];
            Component::tmpl(&mut tr, t, Slots::new(slots));
            tr
        };
        let (data, nodes) = (Ft::Element(render(&ROW_DATA)), Ft::Element(render(&ROW)));
        assert_eq!(data.render(), nodes.render());
        assert_eq!(data.to_xml(), nodes.to_xml());
        // Every tag the lists name reads back as its own static.
        for (name, text) in [
            ("td", "On2:tdE"),
            ("a", "On1:aE"),
            ("br", "Ov2:brE"),
            ("html", "On4:htmlE"),
            ("!doctype", "On8:!doctypeE"),
            ("svg", "On3:svgE"),
            ("linearGradient", "On14:linearGradientE"),
            ("hx-partial", "On10:hx-partialE"),
        ] {
            let nodes = from_wire(text).unwrap();
            let Node::Open(d) = nodes[0] else {
                panic!("{nodes:?}")
            };
            assert_eq!(d.name(), name);
            assert!(std::ptr::eq(d, crate::tags::lookup(name).unwrap()));
        }
        assert_eq!(from_wire("On7:nosuchxE").unwrap_err(), "no tag <nosuchx>");
    }

    fn row() -> Element {
        let mut tr = Element::from_tag(&tags::Tr);
        let slots = vec![
            Ft::text("x&y"),
            attr_slot(Some(AttrValue::Text(Str::new("/items/1")))),
            attr_slot(Some(AttrValue::Text(Str::new("l")))),
        ];
        Component::tmpl(&mut tr, &ROW, Slots::new(slots));
        tr
    }

    #[test]
    fn renders_like_the_same_tree_built_at_run_time() {
        let compiled = Ft::Element(row());
        let mut built = Element::from_tag(&tags::Tr);
        built.push(Ft::Element({
            let mut td = Element::from_tag(&tags::Td);
            td.push("x&y");
            td
        }));
        let mut a = Element::from_tag(&tags::TagA);
        a.put(
            Cow::Borrowed("href"),
            Some(AttrValue::Trusted(Str::from_static("#"))),
        );
        a.set("hx_get", "/items/1").set("id", "l");
        a.auto_name();
        a.push("a < b");
        let mut td = Element::from_tag(&tags::Td);
        td.push(Ft::Element(a));
        built.push(Ft::Element(td));
        let built = Ft::Element(built);
        assert_eq!(
            compiled.render(),
            r##"<tr><td>x&amp;y</td><td><a href="#" hx-get="/items/1" id="l" name="l">a &lt; b</a></td></tr>"##
        );
        assert_eq!(compiled.render(), built.render());
        assert_eq!(compiled, built);
        assert_eq!(compiled.children(), built.children());
    }

    #[test]
    fn editing_turns_compiled_children_into_ordinary_ones() {
        let mut tr = row();
        tr.push(Ft::text("z"));
        assert_eq!(tr.len(), 3);
        tr.children_mut()[0] = Ft::text("first");
        let html = Ft::Element(tr).render();
        assert!(html.starts_with("<tr>first<td><a"), "{html}");
        assert!(html.ends_with("</td>z</tr>"), "{html}");
    }

    #[test]
    fn absent_attribute_values_are_omitted() {
        let mut tr = Element::from_tag(&tags::Tr);
        Component::tmpl(
            &mut tr,
            &ROW,
            Slots::new(vec![
                Ft::text("1"),
                attr_slot(None),
                attr_slot(Some(AttrValue::Bool(false))),
            ]),
        );
        assert_eq!(
            Ft::Element(tr.clone()).render(),
            r##"<tr><td>1</td><td><a href="#">a &lt; b</a></td></tr>"##
        );
        let a = tr.children()[1].children()[0].clone();
        assert_eq!(a.get_str("hx_get"), None);
        assert_eq!(a.get("id").as_deref(), Some(&AttrValue::Bool(false)));
    }

    /// `<li>` + a child + `</li>`, twice over: a loop of one value per item.
    const LIST: &[Node] = &[
        Node::Repeat {
            slot: 0,
            width: 1,
            len: 3,
        },
        Node::Open(&tags::Li),
        Node::Child(0),
        Node::Close,
    ];

    /// What the macro would write for `LIST`: the items' values typed, and a renderer that
    /// marks what it wrote.
    #[derive(Clone)]
    struct Marked(Vec<(u64,)>);

    impl SlotSet for Marked {
        fn render(&self, out: &mut String) -> bool {
            out.push('!');
            for (v,) in &self.0 {
                out.push_str("<li>");
                crate::typed::SlotValue::child(v, out);
                out.push_str("</li>");
            }
            true
        }
        fn to_fts(&self) -> Vec<Ft> {
            let items = self.0.iter().map(|(v,)| Ft::Text(Text::UInt(*v))).collect();
            vec![Ft::Fragment(items)]
        }
        fn into_fts(self) -> Vec<Ft> {
            self.to_fts()
        }
        fn slot_str(&self, _: usize) -> Option<&str> {
            None
        }
    }

    static LIST_TMPL: Tmpl = Tmpl::new(LIST);

    fn list<S: SlotSet>(values: S) -> String {
        let mut ul = Element::from_tag(&tags::Ul);
        Component::tmpl(&mut ul, &LIST_TMPL, Slots::new(values));
        Ft::Element(ul).render()
    }

    #[test]
    fn values_without_a_renderer_are_interpreted_with_the_same_markup() {
        assert_eq!(
            list(Marked(vec![(1,), (2,)])),
            "<ul>!<li>1</li><li>2</li></ul>"
        );
        let untyped: Vec<Ft> = vec![Ft::Fragment(vec![
            Ft::Text(Text::UInt(1)),
            Ft::Text(Text::UInt(2)),
        ])];
        assert_eq!(list(untyped), "<ul><li>1</li><li>2</li></ul>");
    }
}
