//! Unit tests of templates: reading nested calls, building programs, checks and tokens.

use super::Program;
use super::emit::{markup_nodes, node_strings};
use super::program::{Node, Slot};
use super::read::{HELPER_NAMES, Nested, is_iterator, mapped, nested, tag_for};
use crate::component::parse_items;
use crate::tag_list;
use ft_tags::markup;
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Expr, Ident, LitStr};

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
            Slot::Value(v) | Slot::Fmt(v, ..) => {
                let v = v.to_string();
                // Compiled: `(&&&Val::new(<expr>)).ft_child()`, the expression between the
                // parentheses of `new`; as data: `IntoFt::into_ft(<expr>)` or
                // `attr_slot(IntoAttr::into_attr(<expr>))`.
                let (open, close) = if v.contains("Val :: new (") {
                    ("Val :: new (", ")) .")
                } else if v.contains("into_attr (") {
                    ("into_attr (", "))")
                } else {
                    ("into_ft (", ")")
                };
                let start = v.find(open).map_or(0, |i| i + open.len());
                let end = v.rfind(close).unwrap_or(v.len());
                v[start..end].trim().to_string()
            }
            Slot::Loop { iter, .. } => format!("loop {iter}"),
            Slot::Else => "else".to_string(),
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
    // So is a textarea's (its renderer keeps a leading newline).
    assert!(tag_for("Textarea").is_none());
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
fn a_map_on_anything_else_is_a_section_with_what_renders_in_its_place() {
    let p = Program::build(&krate(), &children(&["opt.map(|x| Li!(x))", "y"])).unwrap();
    // The loop's item, then a child slot for a `Result`'s `Err` (held by the section).
    assert_eq!(
        show(&p.nodes),
        ["repeat $0 1x3", "<li", "$0", ">", "$1", "$2"]
    );
    assert!(matches!(p.slots[0], Slot::Loop { section: true, .. }));
    assert!(matches!(p.slots[1], Slot::Else));
    assert_eq!(p.keys, [vec![0], vec![0, 0], vec![1]]);
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
    // What compiled templates (release builds) make of it.
    crate::Templates::set(Some(crate::Templates::Compiled));
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
    let lits = |l: &str| format!("const LITS : & 'static [& 'static str] = & [{l}] ;");
    assert!(
        all[0].contains(r#":: ft_html :: __private :: fmt :: Fmt :: < __FtLits , _ > :: new (("#)
            && all[0].contains(&lits(r#""n=" , """#)),
        "{}",
        all[0]
    );
    assert!(all[1].contains(&lits(r#""/i/" , """#)), "{}", all[1]);
    // An `id` (read back as a string): the pieces, with the string made on first read
    // (`fmt::FmtId`); a spec: a `Str` by std's `format_args!`.
    assert!(
        all[2].contains(r#"FmtId :: new ("#) && all[2].contains(&lits(r#""r" , """#)),
        "{}",
        all[2]
    );
    assert!(
        all[3].contains(r#":: ft_html :: Str :: format (:: std :: format_args ! ("{:>3}" , n))"#),
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
    // One `const` block holds them all.
    assert_eq!(code.matches("const {").count(), 1, "{code}");
    for name in ["Td", "A", "Input"] {
        let check = format!(
            ":: ft_html :: __private :: tags :: check_plain_tag ({name} ! (@ __ft_plain_tag)) ;"
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
    assert!(matches!(nodes[2], markup::Node::Open(("b", false))));
    assert!(matches!(nodes[3], markup::Node::Attr("title", "t")));
    assert!(matches!(nodes[4], markup::Node::Child(0)));
}

impl Slot {
    fn value_string(&self) -> String {
        match self {
            Slot::Value(v) | Slot::Fmt(v, ..) => v.to_string(),
            Slot::Loop { iter, .. } => iter.to_string(),
            Slot::Else => String::new(),
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

/// The same template in both modes: compiled (release builds) a struct with a `SlotSet` impl
/// and a renderer holding the markup; as data (debug builds) no type and no impl, only the
/// description and the values as `Ft`s in source order, a loop's as one fragment, a section's
/// items then what renders in its place, and `format!` as std's, guarded as written.
#[test]
fn a_template_as_data_has_no_type_and_keeps_the_values_in_order() {
    let srcs = [
        r#"Td!(A!(it.name, hx_get = format!("/i/{}", it.id)))"#,
        "Ul!(xs.iter().map(|x| Li!(x, cls = c)))",
        "Div!(opt.map(|o| B!(o)))",
        "Td!(n)",
    ];
    let ft = Ident::new("__ft", Span::call_site());
    let emit = |mode| {
        crate::Templates::set(Some(mode));
        let p = Program::build(&krate(), &children(&srcs)).unwrap();
        p.emit(&krate(), &ft, false, true).to_string()
    };
    let wire = {
        let p = Program::build(&krate(), &children(&srcs)).unwrap();
        let strings = super::emit::node_strings(&p.nodes);
        ft_tags::wire::encode(&super::emit::markup_nodes(&p.nodes, &strings))
    };
    let compiled = emit(crate::Templates::Compiled);
    let data = emit(crate::Templates::Data);
    crate::Templates::set(None);
    assert!(compiled.contains("SlotSet for __FtSlots"), "{compiled}");
    assert!(compiled.contains("push_str"), "{compiled}");
    for absent in ["struct ", "impl ", "SlotSet", "push_str", "__FtSlots"] {
        assert!(!data.contains(absent), "{absent}: {data}");
    }
    // The same description in both: as nodes, and as one literal of their text.
    assert!(
        compiled.contains(":: ft_html :: __private :: tmpl :: Tmpl :: new (& [:: ft_html :: __private :: tmpl :: Node :: Open (& :: ft_html :: __private :: tags :: Td)"),
        "{compiled}"
    );
    assert!(wire.starts_with("On2:td"), "{wire}");
    assert!(
        data.contains(&format!(
            ":: ft_html :: __private :: tmpl :: Tmpl :: data ({wire:?} , false ,"
        )),
        "{data}"
    );
    assert!(!data.contains("Node ::"), "{data}");
    // The values, in source order.
    let at = |needle: &str| {
        data.find(needle)
            .unwrap_or_else(|| panic!("{needle}: {data}"))
    };
    let order = [
        ":: ft_html :: IntoFt :: into_ft (it . name)",
        ":: std :: format ! (\"/i/{}\" , it . id)",
        "xs . iter ()",
        ":: ft_html :: IntoAttr :: into_attr (c)",
        "Val :: new (opt)",
        ":: ft_html :: IntoFt :: into_ft (n)",
    ];
    // No method probing: the values are converted by path, with no traits brought in.
    assert!(!data.contains("Val :: new (it"), "{data}");
    assert!(!data.contains("ChildAny"), "{data}");
    for w in order.windows(2) {
        assert!(at(w[0]) < at(w[1]), "{} before {}: {data}", w[0], w[1]);
    }
    assert!(
        data.contains(":: ft_html :: Ft :: Fragment (__ft_w)"),
        "{data}"
    );
    assert!(data.contains("__ft_v . extend ("), "{data}");
    assert!(
        data.contains(&crate::component::tests::guard(
            r#"format ! ("/i/{}" , it . id)"#
        )),
        "{data}"
    );
}

#[test]
fn a_choice_of_literals_is_escaped_now_and_anything_else_is_a_value() {
    let p = Program::build(
        &krate(),
        &children(&[
            r#"Td!(if a { "<x>" } else if b { "y&" } else { "z" })"#,
            r#"Td!(if a { "x" } else { s })"#,
            r#"Td!(if a { "x" })"#,
        ]),
    )
    .unwrap();
    let all: Vec<String> = p.slots.iter().map(Slot::value_string).collect();
    assert!(
        all[0].contains(
            r#"typed :: Lit :: new (if a { & ["<x>" , "&lt;x&gt;"] } else if b { & ["y&" , "y&amp;"] } else { & ["z" , "z"] })"#
        ),
        "{}",
        all[0]
    );
    // A branch that is not a literal, or no `else`: the `if` is an ordinary value.
    for v in &all[1..] {
        assert!(!v.contains("Lit :: new"), "{v}");
    }
}
