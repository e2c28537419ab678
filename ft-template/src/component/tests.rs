//! Unit tests: items, header, checks, `format!`, arguments evaluated in source order.

use super::check::checked_name;
use super::expand;
use super::format::{Piece, fmt_slot, plain_format};
use super::generate::slot;
use super::parse::{AttrKey, Header, Item, parse_items};
use proc_macro2::Span;
use quote::quote;
use syn::Ident;

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
    // The element is still built (without the child), the error after it.
    assert!(out.starts_with("{ let __ft_partial = {"), "{out}");
    assert!(!out.contains(r#""x""#), "{out}");
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
    // What compiled templates (release builds) make of it.
    crate::Templates::set(Some(crate::Templates::Compiled));
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
    // What compiled templates (release builds) make of it.
    crate::Templates::set(Some(crate::Templates::Compiled));
    let k = quote!(::k);
    let slot = |src: &str| fmt_slot(&k, &syn::parse_str(src).unwrap()).map(|t| t.to_string());
    let kept = slot(r#"format!("/items/{}", it.id)"#).unwrap();
    // The pieces as a type of their own, the value holding the arguments only.
    assert!(
        kept.contains(r#"struct __FtLits ; impl :: k :: __private :: fmt :: Lits for __FtLits { const LITS : & 'static [& 'static str] = & ["/items/" , ""] ; }"#),
        "{kept}"
    );
    assert!(
        kept.contains(r#":: k :: __private :: fmt :: Fmt :: < __FtLits , _ > :: new (("#),
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
