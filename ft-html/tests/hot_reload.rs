//! Markup hot reload, end to end in one process: `ft dev`'s decision (ft-template, run on
//! this very file) gives the new markup of the templates below, keyed by the locations the
//! macros compiled them at, and the running code renders it with its own values. Release
//! builds have no hot reload.
#![cfg(debug_assertions)]

use ft_html::prelude::*;
use ft_template::hot::{Decision, decide, scan};

struct Todo {
    id: u32,
    title: String,
}

fn page(user: &str, todos: &[Todo]) -> Ft {
    Div!(
        H1!("My todos"),
        P!("Hello, ", user, cls = "greeting"),
        Ul!(todos
            .iter()
            .map(|t| Li!(A!(&t.title, href = format!("/t/{}", t.id)), id = t.id))),
        id = "main",
    )
}

fn other() -> Ft {
    Section!(P!("untouched"), H2!("Also untouched"))
}

#[rustfmt::skip]
fn two_on_a_line() -> (Ft, Ft) { (Span!(B!("left")), Span!(B!("right"))) }

fn todos() -> Vec<Todo> {
    vec![
        Todo {
            id: 1,
            title: "Milk & eggs".into(),
        },
        Todo {
            id: 2,
            title: "<b>bold</b>".into(),
        },
    ]
}

const SRC: &str = include_str!("hot_reload.rs");

/// The replacements are the process's, and each edit replaces the file's: one test at a
/// time (the test harness runs them on several threads).
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Applies the edit `from` -> `to` of this file as `ft dev` does.
fn hot_edit(from: &str, to: &str) -> usize {
    assert!(SRC.contains(from), "{from}");
    let edited = SRC.replacen(from, to, 1);
    let Decision::Hot(templates) = decide(&scan(SRC).unwrap(), &scan(&edited).unwrap()) else {
        panic!("{from} -> {to}: not a markup edit");
    };
    let list: Vec<(u32, u32, u32, &str)> = templates
        .iter()
        .map(|t| (t.line as u32, t.col as u32, t.idx, t.nodes.as_str()))
        .collect();
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hot_reload.rs");
    ft_html::hot::apply(file, &list).unwrap()
}

#[test]
fn an_edited_template_renders_its_new_markup_with_the_running_values() {
    let _one = one_at_a_time();
    let before = page("Ann", &todos()).render();
    assert!(before.contains("<h1>My todos</h1>"), "{before}");
    let other_before = other().render();

    assert_eq!(
        hot_edit(
            r#"H1!("My todos"),"#,
            r#"H1!("Our todos", cls = "big"), Hr!(),"#
        ),
        1
    );
    let after = page("Ann", &todos()).render();
    assert!(
        after.contains(r#"<h1 class="big">Our todos</h1><hr>"#),
        "{after}"
    );
    // The run-time values are the handler's, escaped as before.
    assert!(
        after.contains(r#"<p class="greeting">Hello, Ann</p>"#),
        "{after}"
    );
    assert!(
        after.contains("Milk &amp; eggs") && after.contains("&lt;b&gt;bold&lt;/b&gt;"),
        "{after}"
    );
    assert!(after.contains(r#"<li id="2"><a href="/t/2">"#), "{after}");
    // Reading the tree back sees the new markup too.
    let tree = page("Bob", &[]);
    let kids = tree.children();
    assert_eq!(kids[0].render(), r#"<h1 class="big">Our todos</h1>"#);
    assert_eq!(kids[1].tag(), Some("hr"));
    // Another template is untouched.
    assert_eq!(other().render(), other_before);
}

#[test]
fn two_templates_on_one_line_are_told_apart() {
    let _one = one_at_a_time();
    hot_edit(r#"B!("right")"#, r#"B!("RIGHT")"#);
    let (l, r) = two_on_a_line();
    assert_eq!(l.render(), "<span><b>left</b></span>");
    assert_eq!(r.render(), "<span><b>RIGHT</b></span>");
}

#[test]
fn a_bad_description_changes_nothing() {
    let _one = one_at_a_time();
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hot_reload.rs");
    assert!(ft_html::hot::apply(file, &[(1, 0, 0, "On1:p")]).is_err());
    assert!(ft_html::hot::apply(file, &[(1, 0, 0, "On7:notatagE")]).is_err());
}
