//! The decision between applying an edit's markup and rebuilding.

use super::{Decision, decide, scan};

fn decision(before: &str, after: &str) -> Decision {
    decide(&scan(before).unwrap(), &scan(after).unwrap())
}

const PAGE: &str = r#"
fn page(items: &[Item], user: &str) -> Ft {
    let n = items.len();
    Div!(
        H1!("My todos"),
        P!("Hello, ", user, cls = "greeting"),
        Ul!(items.iter().map(|it| Li!(A!(&it.title, hx_get = format!("/todos/{}", it.id)), id = it.id))),
        id = "main",
    )
}
"#;

fn hot(d: Decision) -> Vec<super::Template> {
    match d {
        Decision::Hot(t) => t,
        other => panic!("expected a hot reload, got {other:?}"),
    }
}

fn rebuild(d: Decision) -> String {
    match d {
        Decision::Rebuild(why) => why,
        other => panic!("expected a rebuild, got {other:?}"),
    }
}

#[test]
fn a_text_edit_is_hot_and_keeps_the_built_location() {
    let after = PAGE.replace("My todos", "Our todos, all of them");
    let t = hot(decision(PAGE, &after));
    assert_eq!(t.len(), 1);
    // The first token inside `Div!(` is `H1` on line 5, column 8.
    assert_eq!((t[0].line, t[0].col, t[0].idx), (5, 8, 0));
    assert!(
        t[0].nodes.contains("22:Our todos, all of them"),
        "{}",
        t[0].nodes
    );
}

#[test]
fn attribute_values_new_static_elements_and_reordering_static_children_are_hot() {
    for after in [
        PAGE.replace(r#"cls = "greeting""#, r#"cls = "greeting big""#),
        PAGE.replace(r#"id = "main""#, r#"id = "main", role = "main""#),
        PAGE.replace(
            r#"H1!("My todos"),"#,
            r#"H1!("My todos"), P!("A list."), Hr!(),"#,
        ),
        PAGE.replace(r#"H1!("My todos"),"#, r#"H1!(Em!("My"), " todos"),"#),
    ] {
        assert_eq!(hot(decision(PAGE, &after)).len(), 1, "{after}");
    }
}

#[test]
fn a_new_tag_name_the_file_names_elsewhere_rebuilds() {
    let with_own = format!("use my::Hr;\n{PAGE}");
    let after = with_own.replace(r#"H1!("My todos"),"#, r#"H1!("My todos"), Hr!(),"#);
    assert!(rebuild(decision(&with_own, &after)).contains("Hr!"));
}

#[test]
fn comments_and_spacing_change_nothing() {
    let after = PAGE.replace("let n", "// count\n    let   n");
    assert_eq!(decision(PAGE, &after), Decision::Unchanged);
    assert_eq!(decision(PAGE, PAGE), Decision::Unchanged);
}

#[test]
fn rust_code_values_slots_and_control_flow_rebuild() {
    let cases = [
        // outside the macro
        PAGE.replace("items.len()", "items.len() + 1"),
        // a value inside it
        PAGE.replace(r#""Hello, ", user"#, r#""Hello, ", user.to_uppercase()"#),
        // a `format!` (its pieces are the value's)
        PAGE.replace("/todos/{}", "/todo/{}"),
        // a loop's receiver
        PAGE.replace("items.iter()", "items.iter().rev()"),
        // a new run-time child
        PAGE.replace(r#"H1!("My todos"),"#, r#"H1!("My todos"), n,"#),
        // a new tag macro call that stays a call
        PAGE.replace(r#"H1!("My todos"),"#, r#"H1!("My todos"), Card!("x"),"#),
    ];
    for after in cases {
        let why = rebuild(decision(PAGE, &after));
        assert!(!why.is_empty());
    }
}

#[test]
fn two_calls_on_one_line_are_told_apart() {
    let before = r#"fn f() -> (Ft, Ft) { (Div!(P!("a")), Div!(P!("b"))) }"#;
    let after = r#"fn f() -> (Ft, Ft) { (Div!(P!("a")), Div!(P!("c"))) }"#;
    let t = hot(decision(before, after));
    assert_eq!(t.len(), 1);
    // The second call's first token, `P` of `P!("b")`.
    assert_eq!((t[0].line, t[0].col), (1, 42));
    assert!(t[0].nodes.contains("1:c"));
}

#[test]
fn a_template_in_a_call_left_inside_another_is_its_own() {
    // `Card!` is not compiled into `Div!`'s template: it is expanded by itself, and its
    // own template changes alone.
    let before = r#"fn f(x: u32) -> Ft { Div!(P!("a"), Card!(P!("in card"), x)) }"#;
    let after = r#"fn f(x: u32) -> Ft { Div!(P!("a"), Card!(P!("in the card"), x)) }"#;
    let t = hot(decision(before, after));
    assert_eq!(t.len(), 1);
    assert!(t[0].nodes.contains("11:in the card"), "{}", t[0].nodes);
}

#[test]
fn a_reverted_edit_sends_nothing() {
    let edited = PAGE.replace("My todos", "Ours");
    assert_eq!(hot(decision(PAGE, &edited)).len(), 1);
    // Back as built: nothing differs from the built file.
    assert_eq!(decision(PAGE, PAGE), Decision::Unchanged);
}

#[test]
fn a_file_that_does_not_parse_is_an_error() {
    assert!(scan("fn f() { Div!(").is_err());
}

#[test]
fn the_header_table_matches_ft_htmls_wrappers() {
    // Every `macro_rules!` in ft-html that forwards to `component!` with one header.
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../ft-html/src");
    let mut found = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(root)];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                found.extend(wrappers(&std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    // The plain tags' wrapper (`macro_rules! $name`, ft-html's `define_tags`), as `header`
    // writes it for each of them.
    let (_, plain) = found.remove(found.iter().position(|(n, _)| n.is_empty()).unwrap());
    let div = plain
        .replace("$d crate", "::ft_html")
        .replace("$name", "Div")
        .replace("$void($tag", "nonvoid(\"div\"");
    assert_eq!(super::headers::header("Div").unwrap(), div);
    found.retain(|(n, _)| n != "tag");
    found.sort();
    let mut table: Vec<(String, String)> = super::headers::HELPERS
        .iter()
        .map(|(n, h)| (n.to_string(), h.to_string()))
        .collect();
    table.sort();
    assert_eq!(found, table);
}

/// (name, header with spaces normalized) of each wrapper in `src`.
fn wrappers(src: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (at, _) in src.match_indices("macro_rules! ") {
        let rest = &src[at + 13..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let end = rest[1..]
            .find("macro_rules! ")
            .map_or(rest.len(), |e| e + 1);
        let body = &rest[..end];
        let Some(i) = body.find("component!(") else {
            continue;
        };
        let head = &body[i + 11..];
        let mut depth = 0i32;
        let mut stop = 0;
        for (k, c) in head.char_indices() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                ';' if depth == 0 => {
                    stop = k;
                    break;
                }
                _ => {}
            }
        }
        let header = head[..stop]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        out.push((name, header));
    }
    out
}

#[test]
fn a_call_of_a_tag_name_the_file_gives_another_macro_rebuilds() {
    // `Em!` is ft-html's `Span!` here: the compiler writes `<span>`, not the `<em>` a scan
    // as ft's `Em!` would send.
    for head in [
        "use ft_html::Span as Em;",
        "macro_rules! Em { ($($t:tt)*) => { Span!($($t)*) }; }",
    ] {
        let before = format!("{head}\nfn f(x: &str) -> Ft {{ Em!(B!(\"a\"), x, cls = \"c\") }}");
        let after = before.replace("\"a\"", "\"b\"");
        assert!(rebuild(decision(&before, &after)).contains("Em!"), "{head}");
    }
    // Not named otherwise: hot.
    let before = "fn f(x: &str) -> Ft { Em!(B!(\"a\"), x, cls = \"c\") }";
    assert_eq!(
        hot(decision(before, &before.replace("\"a\"", "\"b\""))).len(),
        1
    );
}

#[test]
fn a_call_in_a_macro_rules_body_or_in_another_macros_arguments_rebuilds() {
    // Compiled once per use of the macro, with the use's tokens for `$x` (which the scan
    // cannot read), at the definition's location.
    let before = r#"
macro_rules! row { ($x:expr) => { Tr!(Td!("label"), Td!(B!($x))) }; }
fn f() -> Ft { Table!(row!(1), row!("two")) }
"#;
    rebuild(decision(before, &before.replace("label", "Label")));
    // Another macro may hand the call's tokens to a tag macro of its own.
    let before = r#"fn f() -> Ft { my_rows!(Tr!(Td!(B!("a")))) }"#;
    rebuild(decision(before, &before.replace("\"a\"", "\"b\"")));
    // std's macros compile their arguments where they are: hot.
    let before =
        r#"fn f() -> Vec<Ft> { vec![Div!(P!("a")), Div!(P!(format!("{}", Em!("x").render())))] }"#;
    assert_eq!(
        hot(decision(before, &before.replace("\"a\"", "\"b\""))).len(),
        1
    );
}

#[test]
fn a_line_or_column_macro_that_moves_rebuilds() {
    // `line!()` is where it is written: lines added above change what it renders.
    let before = "fn f() -> Ft { Div!(P!(\"a\"), line!(), column!()) }";
    for after in [
        format!("// a comment\n{before}"),
        format!("// a comment\n{}", before.replace("\"a\"", "\"b\"")),
        before.replace("(P", "( P"),
    ] {
        rebuild(decision(before, &after));
    }
    assert_eq!(
        hot(decision(before, &before.replace("\"a\"", "\"b\""))).len(),
        1
    );
}

#[test]
fn an_edit_the_compiler_refuses_is_a_rebuild() {
    // The rebuild reports it; the running app must not take the markup without it.
    for after in [
        PAGE.replace(r#"H1!("My todos")"#, r#"H1!("My todos", value = "x")"#),
        PAGE.replace(r#"H1!("My todos")"#, r#"H1!("My todos", clss = "x")"#),
        PAGE.replace(
            r#"H1!("My todos")"#,
            r#"H1!("My todos", cls = "a", cls = "b")"#,
        ),
        PAGE.replace(r#"H1!("My todos")"#, r#"H1!("My todos", Br!("x"))"#),
        PAGE.replace(r#"H1!("My todos")"#, r#"H1!("My todos", Nosuchtag!())"#),
    ] {
        rebuild(decision(PAGE, &after));
    }
}

#[test]
fn a_call_of_another_crates_macro_of_a_tag_name_rebuilds() {
    // `other::Div!` is not ft's: the scan cannot read it.
    for before in [
        r#"fn f(x: &str) -> Ft { other::Div!(B!("a"), x, cls = "c") }"#,
        r#"fn f(x: &str) -> Ft { other::Div!(B!(I!("a")), x, cls = "c") }"#,
    ] {
        rebuild(decision(before, &before.replace("\"a\"", "\"b\"")));
    }
    for ours in ["ft_html::Div!", "::ft_html::Div!", "ft_html::prelude::Div!"] {
        let before = format!(r#"fn f(x: &str) -> Ft {{ {ours}(B!("a"), x, cls = "c") }}"#);
        assert_eq!(
            hot(decision(&before, &before.replace("\"a\"", "\"b\""))).len(),
            1,
            "{ours}"
        );
    }
}

#[test]
fn a_byte_order_mark_is_not_a_column() {
    // rustc drops a leading BOM before it counts columns.
    let plain = "fn f() -> Ft { Div!(P!(\"a\")) }";
    let with_bom = format!("\u{feff}{plain}");
    let t = hot(decision(plain, &plain.replace("\"a\"", "\"b\"")));
    let u = hot(decision(&with_bom, &with_bom.replace("\"a\"", "\"b\"")));
    assert_eq!((t[0].line, t[0].col), (u[0].line, u[0].col));
}

#[test]
fn a_crlf_file_gives_the_text_rustc_gives() {
    // rustc reads `\r\n` as `\n`, in a string literal too.
    let before = "fn f() -> Ft {\r\n    Div!(P!(\"a\"))\r\n}\r\n";
    let after = "fn f() -> Ft {\r\n    Div!(P!(\"a\r\nb\"), P!(r\"c\r\nd\"))\r\n}\r\n";
    let t = hot(decision(before, after));
    assert!(!t[0].nodes.contains('\r'), "{:?}", t[0].nodes);
    assert_eq!((t[0].line, t[0].col), (2, 9));
}

#[test]
fn a_save_expands_only_the_calls_it_changed() {
    let src = r#"
fn a() -> Ft { Div!(P!("a1"), Span!("a2")) }
fn b() -> Ft { Div!(P!("b1")) }
fn c() -> Ft { Section!(P!("c1"), Card!(P!("c2"))) }
"#;
    let count = || super::scan::EXPANDED.with(|n| n.get());
    let before = scan(src).unwrap();
    let first = count();
    // Edited on line 3 only, same length: lines 2 and 4 are as before.
    let edited = src.replace("b1", "B1");
    let after = scan(&edited).unwrap();
    assert_eq!(count() - first, 1, "only b's call is expanded again");
    assert_eq!(hot(decide(&before, &after)).len(), 1);
}

#[test]
fn the_cache_never_gives_a_call_another_layouts_locations() {
    // The same tokens laid out differently: the nested call's template is elsewhere.
    let one = "fn f() -> Ft { Div!(P!(\"a\"), Card!(P!(\"b\"))) }\n";
    let two = "fn f() -> Ft { Div!(P!(\"a\"),\n    Card!(P!(\"b\"))) }\n";
    let _ = scan(one).unwrap();
    let built = scan(two).unwrap();
    let t = hot(decide(
        &built,
        &scan(&two.replace("\"b\"", "\"c\"")).unwrap(),
    ));
    // `P` of the nested `P!("b")`, on line 2 of `two`.
    assert_eq!((t[0].line, t[0].col), (2, 10), "{t:?}");
}
