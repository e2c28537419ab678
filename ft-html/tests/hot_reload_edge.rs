//! Markup hot reload's promise, attacked: for each edit below, `ft dev`'s decision (run on
//! this very file) is either a rebuild, or the running code renders (and reads back) with the
//! new descriptions exactly what the edited code (written out as a second function) renders.
//! Every case function before the tests' marker is edited in a copy of this file's text.
#![cfg(debug_assertions)]

use ft_html::prelude::*;
use ft_template::hot::{Decision, decide, scan};
use std::sync::Mutex;

// ---- the cases: each `*_before` is edited; `*_after` is the edit as a rebuild compiles it.

fn types_before(s: &str, o: Option<&str>, n: i32, f: f64, c: char, b: bool, big: u128) -> Ft {
    Div!(
        P!("types-a < & >"),
        Span!(s, o, n, f, c, b, big),
        I!(
            title = c,
            data_f = f,
            hidden = b,
            data_o = o,
            data_n = n,
            data_b = b
        ),
        Input!(id = s),
        id = format!("t-{}", n),
    )
}

fn types_after(s: &str, o: Option<&str>, n: i32, f: f64, c: char, b: bool, big: u128) -> Ft {
    Div!(
        P!("types-b \" ' &amp;", cls = "x<y"),
        Span!(s, o, n, f, c, b, big),
        I!(
            title = c,
            data_f = f,
            hidden = b,
            data_o = o,
            data_n = n,
            data_b = b
        ),
        Input!(id = s, name = "given"),
        id = format!("t-{}", n),
    )
}

fn loops_before(items: &[&str], opt: Option<&str>, res: Result<u32, String>) -> Ft {
    Div!(
        Ul!(items.iter().map(|x| Li!(B!("item"), *x))),
        opt.map(|x| P!(I!("opt"), x)),
        res.map(|v| P!("ok ", v)),
        Hr!(),
    )
}

fn loops_after(items: &[&str], opt: Option<&str>, res: Result<u32, String>) -> Ft {
    Div!(
        Ul!(items.iter().map(|x| Li!(*x, Hr!(), Strong!("ITEM")))),
        opt.map(|x| P!(x, cls = "opt")),
        res.map(|v| Section!(P!("OK ", v))),
        Br!(),
    )
}

fn helpers_before(x: &str) -> (Ft, Ft, Ft, Ft) {
    (
        Card!(P!("card-a"), x, header = H3!("hdr"), footer = "foot"),
        Titled!(x, P!("titled-a")),
        Grid!(P!("grid-a"), "lit", x),
        Html!(Head!(Title!("t")), Body!(P!("html-a"), x)),
    )
}

fn helpers_after(x: &str) -> (Ft, Ft, Ft, Ft) {
    (
        Card!(P!("card-b"), x, header = H4!("hdr"), footer = ""),
        Titled!(x, P!("titled-b"), Hr!()),
        Grid!(P!("lit"), "grid-b", x),
        Html!(Head!(Title!("t2")), Body!(x, P!("html-b"))),
    )
}

fn whole_before(x: u32) -> Ft {
    Tr!(Td!(x), Td!(B!("w")), id = "r1", cls = "c")
}

fn whole_after(x: u32) -> Ft {
    Tr!(Td!(B!("W")), Td!(x), id = "r2", cls = "c d", title = "t")
}

fn form_before(v: &str) -> Ft {
    Div!(Form!(
        Input!(name = "a"),
        Input!(name = "b", value = v),
        action = "/f"
    ))
}

fn form_after(v: &str) -> Ft {
    Div!(Form!(
        Input!(name = "c"),
        Input!(name = "b", value = v),
        action = "/g"
    ))
}

fn nested_before(x: &str) -> Ft {
    Div!(P!("outer-a"), Card!(P!("inner-a"), x))
}

fn nested_after(x: &str) -> Ft {
    Div!(P!("outer-b"), Card!(P!("inner-b"), x))
}

fn shift_before(x: &str) -> Ft {
    Div!(P!("shift-a"), x)
}

fn shift_after(x: &str) -> Ft {
    Div!(P!("shift-b"), x)
}

#[rustfmt::skip]
fn line_before() -> (Ft, Ft) { (Span!(B!("ééé日本")),	Span!(B!("uni-r"))) }

#[rustfmt::skip]
fn line_after() -> (Ft, Ft) { (Span!(B!("ééé日本")),	Span!(B!("UNI-R"))) }

fn fmt_before(n: u32) -> Ft {
    Div!(
        A!(B!("fmt-a"), href = format!("/u?a=1&b={}", n)),
        P!(format!("<{}>", n))
    )
}

fn fmt_after(n: u32) -> Ft {
    Div!(
        A!(I!("fmt-b"), href = format!("/u?a=1&b={}", n)),
        P!(format!("<{}>", n))
    )
}

mod shadowed {
    use ft_html::Kbd as Em;
    use ft_html::prelude::*;

    pub fn before(x: &str) -> Ft {
        Em!(B!("shadow-a"), x, cls = "c")
    }

    pub fn after(x: &str) -> Ft {
        ft_html::Kbd!(B!("shadow-b"), x, cls = "c")
    }
}

macro_rules! labelled {
    ($x:expr) => {
        Tr!(Td!("mr-label"), Td!(B!($x)))
    };
}

fn mr_before() -> Ft {
    Table!(labelled!(1), labelled!("two"))
}

fn mr_after() -> Ft {
    Table!(
        Tr!(Td!("MR-LABEL"), Td!(B!(1))),
        Tr!(Td!("MR-LABEL"), Td!(B!("two")))
    )
}

fn more_before(rows: &[Vec<u8>], x: &str) -> Ft {
    Div!(
        P!("m", cls = "k"),
        Span!(x),
        Table!(rows.iter().map(|r| Tr!(r.iter().map(|c| Td!(B!("c"), *c))))),
        Script!("if (a < b && c) {}"),
        Style!("p > b { color: red }"),
    )
}

fn more_after(rows: &[Vec<u8>], x: &str) -> Ft {
    Div!(
        P!("m"),
        Span!(x, cls = "k"),
        Table!(rows.iter().map(|r| Tr!(r.iter().map(|c| Td!(*c, I!("C")))))),
        Script!("if (a < b && c) {}"),
        Style!("p > b { color: red }"),
    )
}

fn moved_before(n: u32) -> Ft {
    Div!(P!(B!("x"), format!("/u/{}", n)))
}

fn moved_after(n: u32) -> Ft {
    Div!(P!(B!("x"), title = format!("/u/{}", n)))
}

// ==== the tests

const SRC: &str = include_str!("hot_reload_edge.rs");
const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hot_reload_edge.rs");

/// The replacements are the process's: one test at a time.
static LOCK: Mutex<()> = Mutex::new(());

fn lock() -> std::sync::MutexGuard<'static, ()> {
    let g = LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    ft_html::hot::apply(FILE, &[]).unwrap();
    g
}

/// This file with each `(from, to)` applied at `from`'s first place (in the cases).
fn edited(edits: &[(&str, &str)]) -> String {
    let mut s = SRC.to_string();
    for (from, to) in edits {
        let at = s.find(from).unwrap_or_else(|| panic!("{from}"));
        assert!(at < s.find("// ==== the tests").unwrap(), "{from}");
        s.replace_range(at..at + from.len(), to);
    }
    s
}

fn decision_for(edits: &[(&str, &str)]) -> Decision {
    decide(&scan(SRC).unwrap(), &scan(&edited(edits)).unwrap())
}

/// Sends a hot decision to this process as `ft dev` would; the decision.
fn send(d: &Decision) {
    match d {
        Decision::Hot(templates) => {
            let list: Vec<(u32, u32, u32, &str)> = templates
                .iter()
                .map(|t| (t.line as u32, t.col as u32, t.idx, t.nodes.as_str()))
                .collect();
            ft_html::hot::apply(FILE, &list).unwrap();
        }
        // Back as built (ft dev has to clear what it sent before).
        Decision::Unchanged => {
            ft_html::hot::apply(FILE, &[]).unwrap();
        }
        Decision::Rebuild(_) => {}
    }
}

/// Everything the tree says about `ft`, for comparing two trees.
fn read_back(ft: &Ft) -> String {
    let mut out = format!("{}\n", ft.render());
    fn walk(ft: &Ft, out: &mut String, depth: usize) {
        if let Some(el) = ft.as_element() {
            out.push_str(&format!(
                "{:depth$}<{}> id={:?} attrs={:?} name={:?} value={:?}\n",
                "",
                el.tag(),
                el.id(),
                el.attrs(),
                el.get_str("name"),
                el.get_str("value"),
            ));
        } else {
            out.push_str(&format!("{:depth$}{ft:?}\n", ""));
        }
        for k in ft.children().iter() {
            walk(k, out, depth + 1);
        }
    }
    walk(ft, &mut out, 0);
    out
}

/// The edit is hot (`must_be_hot`) or a rebuild, and once sent, `before()` renders and reads
/// back as `after()`.
fn check(
    edits: &[(&str, &str)],
    must_be_hot: bool,
    before: impl Fn() -> Ft,
    after: impl Fn() -> Ft,
) {
    let d = decision_for(edits);
    eprintln!("{edits:?}: {d:?}");
    match &d {
        Decision::Rebuild(why) => {
            assert!(!must_be_hot, "{edits:?}: rebuild: {why}");
            return;
        }
        Decision::Unchanged => {}
        Decision::Hot(_) => {}
    }
    send(&d);
    let (got, want) = (read_back(&before()), read_back(&after()));
    assert_eq!(got, want, "{edits:?}: {d:?}");
}

#[test]
fn value_types_escaping_auto_name_and_format_ids() {
    let _g = lock();
    let run = |f: fn(&str, Option<&str>, i32, f64, char, bool, u128) -> Ft| {
        move || {
            Ft::Fragment(vec![
                f("a<b&\"c", Some("o'"), -3, 1.5, '<', true, u128::MAX),
                f("", None, 0, f64::NAN, '"', false, 0),
            ])
        }
    };
    check(
        &[
            (
                r#"P!("types-a < & >")"#,
                r#"P!("types-b \" ' &amp;", cls = "x<y")"#,
            ),
            ("Input!(id = s)", r#"Input!(id = s, name = "given")"#),
        ],
        true,
        run(types_before),
        run(types_after),
    );
}

type LoopsFn = fn(&[&str], Option<&str>, Result<u32, String>) -> Ft;

#[test]
fn loop_and_section_bodies() {
    let _g = lock();
    let run = |f: LoopsFn| {
        move || {
            Ft::Fragment(vec![
                f(&["1", "<2>"], Some("x"), Ok(3)),
                f(&[], None, Err("bad <e>".into())),
            ])
        }
    };
    check(
        &[
            (
                r#"Li!(B!("item"), *x)"#,
                r#"Li!(*x, Hr!(), Strong!("ITEM"))"#,
            ),
            (r#"P!(I!("opt"), x)"#, r#"P!(x, cls = "opt")"#),
            (r#"P!("ok ", v)"#, r#"Section!(P!("OK ", v))"#),
            ("Hr!(),\n    )", "Br!(),\n    )"),
        ],
        true,
        run(loops_before),
        run(loops_after),
    );
}

#[test]
fn pico_and_page_helpers() {
    let _g = lock();
    let run = |f: fn(&str) -> (Ft, Ft, Ft, Ft)| {
        move || {
            let (a, b, c, d) = f("v<");
            Ft::Fragment(vec![a, b, c, d])
        }
    };
    check(
        &[
            (
                r#"Card!(P!("card-a"), x, header = H3!("hdr"), footer = "foot")"#,
                r#"Card!(P!("card-b"), x, header = H4!("hdr"), footer = "")"#,
            ),
            (
                r#"Titled!(x, P!("titled-a"))"#,
                r#"Titled!(x, P!("titled-b"), Hr!())"#,
            ),
            (
                r#"Grid!(P!("grid-a"), "lit", x)"#,
                r#"Grid!(P!("lit"), "grid-b", x)"#,
            ),
            (
                r#"Html!(Head!(Title!("t")), Body!(P!("html-a"), x))"#,
                r#"Html!(Head!(Title!("t2")), Body!(x, P!("html-b")))"#,
            ),
        ],
        false,
        run(helpers_before),
        run(helpers_after),
    );
}

#[test]
fn a_whole_template_reads_back_its_new_id_and_attributes() {
    let _g = lock();
    check(
        &[(
            r#"Tr!(Td!(x), Td!(B!("w")), id = "r1", cls = "c")"#,
            r#"Tr!(Td!(B!("W")), Td!(x), id = "r2", cls = "c d", title = "t")"#,
        )],
        false,
        || whole_before(7),
        || whole_after(7),
    );
}

#[test]
fn fill_form_sees_the_new_names() {
    let _g = lock();
    let data = serde_json::json!({"a": "1", "b": "2", "c": "3"});
    check(
        &[
            (r#"Input!(name = "a")"#, r#"Input!(name = "c")"#),
            (r#"action = "/f""#, r#"action = "/g""#),
        ],
        false,
        || fill_form(&form_before("v"), &data),
        || fill_form(&form_after("v"), &data),
    );
}

#[test]
fn a_call_left_in_another_and_the_outer_one_at_once() {
    let _g = lock();
    check(
        &[("outer-a", "outer-b"), ("inner-a", "inner-b")],
        true,
        || nested_before("x"),
        || nested_after("x"),
    );
}

#[test]
fn lines_added_above_keep_the_built_locations() {
    let _g = lock();
    check(
        &[
            ("fn shift_before", "// one\n\n// two\nfn shift_before"),
            ("shift-a", "shift-b"),
        ],
        true,
        || shift_before("x"),
        || shift_after("x"),
    );
}

#[test]
fn columns_after_wide_characters_and_tabs() {
    let _g = lock();
    check(
        &[(r#"B!("uni-r")"#, r#"B!("UNI-R")"#)],
        true,
        || {
            let (a, b) = line_before();
            Ft::Fragment(vec![a, b])
        },
        || {
            let (a, b) = line_after();
            Ft::Fragment(vec![a, b])
        },
    );
}

#[test]
fn format_in_a_template() {
    let _g = lock();
    check(
        &[(r#"B!("fmt-a")"#, r#"I!("fmt-b")"#)],
        true,
        || fmt_before(5),
        || fmt_after(5),
    );
}

#[test]
fn a_tag_name_imported_as_another_macro() {
    let _g = lock();
    check(
        &[("shadow-a", "shadow-b")],
        false,
        || shadowed::before("x"),
        || shadowed::after("x"),
    );
}

#[test]
fn a_call_in_a_macro_rules_body() {
    let _g = lock();
    check(&[("mr-label", "MR-LABEL")], false, mr_before, mr_after);
}

#[test]
fn edit_revert_edit() {
    let _g = lock();
    let first = decision_for(&[("shift-a", "shift-b")]);
    send(&first);
    assert_eq!(read_back(&shift_before("x")), read_back(&shift_after("x")));
    // Reverted: as built.
    let back = decision_for(&[]);
    assert_eq!(back, Decision::Unchanged);
    send(&back);
    assert!(shift_before("x").render().contains("shift-a"));
    // Another template edited from the built file: the first is as built again.
    send(&decision_for(&[("outer-a", "outer-b")]));
    assert!(shift_before("x").render().contains("shift-a"));
    assert!(nested_before("x").render().contains("outer-b"));
}

/// A small deterministic generator (xorshift).
fn rng(seed: u64) -> impl FnMut() -> u64 {
    let mut s = seed;
    move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    }
}

#[test]
fn decode_never_panics_on_hostile_text() {
    let mut next = rng(0x9E37_79B9_7F4A_7C15);
    let alphabet = b"OvnASNTCER0123456789;:-+ \xc3\xa9ab";
    let good = [
        "On1:uR0;1;3;On2:liC0;EE",
        "On1:pA5:class1:cS2:id0;NT2:hiC1;EOv2:brE",
    ];
    for round in 0..20_000 {
        let text: Vec<u8> = if round % 2 == 0 {
            let len = (next() % 40) as usize;
            (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect()
        } else {
            let mut t = good[round % good.len()].as_bytes().to_vec();
            for _ in 0..1 + next() % 3 {
                let at = (next() % t.len() as u64) as usize;
                t[at] = alphabet[(next() % alphabet.len() as u64) as usize];
            }
            t
        };
        if let Ok(text) = std::str::from_utf8(&text) {
            let _ = ft_tags::wire::decode(text);
        }
    }
}

/// The built locations of `whole_before`'s and `loops_before`'s templates (from the scan of
/// an edit of each).
fn location_of(edit: (&str, &str)) -> (u32, u32, u32) {
    match decision_for(&[edit]) {
        Decision::Hot(t) => (t[0].line as u32, t[0].col as u32, t[0].idx),
        other => panic!("{other:?}"),
    }
}

#[test]
fn hostile_descriptions_at_real_templates_never_panic() {
    let _g = lock();
    let whole = location_of((r#""r1""#, r#""r9""#));
    let loops = location_of((r#"B!("item")"#, r#"B!("ITEM")"#));
    let built = [
        read_back(&whole_before(3)),
        read_back(&loops_before(&["a", "b", "c"], Some("o"), Err("e".into()))),
    ];
    let hostile = [
        // Slots out of range, a repeat over a value, a child over a loop's items, a
        // repeat of width 0 or wider than the items, an element that is not whole.
        "On2:trS2:id9;NC7;EOn1:pC40000;E",
        "On2:trR0;1;3;On2:tdC0;EE",
        "R0;0;3;On2:liC0;ER1;9;3;On2:liC5;E",
        "C0;C1;C2;C3;",
        "On1:bE",
        "",
        "On2:trS2:id0;S2:id1;NEOv2:brA1:x1:yE",
    ];
    for text in hostile {
        for (line, col, idx) in [whole, loops] {
            let r = ft_html::hot::apply(FILE, &[(line, col, idx, text)]);
            eprintln!("apply {text:?} at {line}:{col}: {r:?}");
            for (ft, built) in [
                whole_before(3),
                loops_before(&["a", "b", "c"], Some("o"), Err("e".into())),
            ]
            .iter()
            .zip(&built)
            {
                // A description whose slots are not the template's values is not used.
                assert_eq!(&read_back(ft), built, "{text:?}");
                let _ = fill_form(ft, &serde_json::json!({"id": "z"}));
                let mut copy = ft.clone();
                if let Some(kids) = copy.children_mut() {
                    kids.push(Ft::text("more"));
                }
                let _ = copy.render();
            }
        }
    }
}

#[test]
fn every_tag_a_template_can_hold_is_known_to_apply() {
    let _g = lock();
    use ft_tags::tag_list::{HTML, SVG, VOID};
    for (list, void) in [(HTML, false), (SVG, false), (VOID, true)] {
        for (_, tag) in list.iter() {
            let kind = if void { "v" } else { "n" };
            let text = format!("O{kind}{}:{tag}E", tag.len());
            assert_eq!(
                ft_html::hot::apply(FILE, &[(1, 0, 0, &text)]),
                Ok(1),
                "{tag}"
            );
        }
    }
    ft_html::hot::apply(FILE, &[]).unwrap();
}

#[test]
fn a_static_attribute_moved_nested_loops_and_raw_text_beside() {
    let _g = lock();
    let rows = || vec![vec![1, 2], vec![], vec![3]];
    check(
        &[
            (r#"P!("m", cls = "k"),"#, r#"P!("m"),"#),
            ("Span!(x),", r#"Span!(x, cls = "k"),"#),
            (r#"Td!(B!("c"), *c)"#, r#"Td!(*c, I!("C"))"#),
        ],
        true,
        || more_before(&rows(), "<x>"),
        || more_after(&rows(), "<x>"),
    );
    // The raw text of a script is its call's own code: a rebuild.
    assert!(matches!(
        decision_for(&[("if (a < b && c) {}", "if (a > b) {}")]),
        Decision::Rebuild(_)
    ));
}

#[test]
fn a_file_elsewhere_whose_path_ends_like_this_ones_is_another_file() {
    let _g = lock();
    // `file!()` is `ft-html/tests/hot_reload_edge.rs` (from the workspace root): a file of
    // that name under another directory (another member `x/ft-html/..`, another checkout) is
    // not this one, and `apply` for it leaves this file's templates as built.
    let loc = location_of(("shift-a", "shift-b"));
    let built = shift_before("x").render();
    let other = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/x/ft-html/tests/hot_reload_edge.rs"
    );
    ft_html::hot::apply(other, &[(loc.0, loc.1, loc.2, "On1:pT5:otherEC0;")]).unwrap();
    assert_eq!(shift_before("x").render(), built);
    // This file, by its absolute path or from the workspace root, is.
    for this in [FILE, "ft-html/tests/hot_reload_edge.rs"] {
        ft_html::hot::apply(this, &[(loc.0, loc.1, loc.2, "On1:pT4:thisEC0;")]).unwrap();
        assert_eq!(
            shift_before("x").render(),
            "<div><p>this</p>x</div>",
            "{this}"
        );
        ft_html::hot::apply(this, &[]).unwrap();
    }
    ft_html::hot::apply(other, &[]).unwrap();
}

#[test]
fn a_format_moved_from_a_child_to_an_attribute() {
    let _g = lock();
    // The same value either way (its pieces): only the markup changed.
    check(
        &[(
            r#"P!(B!("x"), format!("/u/{}", n))"#,
            r#"P!(B!("x"), title = format!("/u/{}", n))"#,
        )],
        false,
        || moved_before(5),
        || moved_after(5),
    );
}
