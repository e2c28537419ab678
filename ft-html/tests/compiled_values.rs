//! Values a compiled template keeps in types of their own (`ft_html::typed`: an owned
//! `String`, a choice among string literals) render and read back like the same tree built at
//! run time. Tests run in debug builds (templates as data) and, by `scripts/test`, in
//! release builds (compiled renderers).

use ft_html::prelude::*;

#[path = "common/same.rs"]
mod common_same;
use common_same::same;

/// A child that is one of a few string literals (`if .. { "a" } else { "b" }`, `else if`s
/// too) is escaped when the macro runs (`typed::Lit`): the same bytes and the same tree as
/// the chosen `&str` given at run time, whichever branch is taken.
#[test]
fn literal_choices_render_and_read_back_like_the_chosen_string() {
    for n in 0..3 {
        let compiled = Tr!(
            Td!(if n == 0 { "<none> & co" } else { "some" }),
            Td!(if n == 0 {
                "a"
            } else if n == 1 {
                "b > a"
            } else {
                ""
            }),
        );
        let chosen: [&str; 2] = [
            if n == 0 { "<none> & co" } else { "some" },
            ["a", "b > a", ""][n],
        ];
        let built = Tr!(Td!(chosen[0]), Td!(chosen[1]));
        let html = compiled.render();
        let want = [
            "<tr><td>&lt;none&gt; &amp; co</td><td>a</td></tr>",
            "<tr><td>some</td><td>b &gt; a</td></tr>",
            "<tr><td>some</td><td></td></tr>",
        ][n];
        assert_eq!(html, want);
        same(compiled, built);
    }
}

/// An owned `String` is kept in the template as it is (`typed`'s `String` slot): written,
/// escaped, checked (an unsafe URL made inert, FastHTML's quoting rule) and read back exactly
/// like the same text given as a `&str`.
#[test]
fn owned_strings_are_kept_and_written_like_borrowed_ones() {
    let texts = [
        "a <b> & c, longer than twenty-four bytes",
        "short",
        "javascript:alert(1)",
        "say \"hi\" & 'bye'",
        "",
    ];
    for t in texts {
        let own = || String::from(t);
        let compiled = Tr!(
            Td!(own()),
            Td!(A!("x", href = own(), data_v = own(), title = own())),
            id = own()
        );
        let built = Tr!(
            Td!(t),
            Td!(A!("x", href = t, data_v = t, title = t)),
            id = t
        );
        assert_eq!(compiled.id(), built.id());
        same(compiled, built);
    }
    let html = Tr!(Td!(A!("x", href = String::from("javascript:alert(1)")))).render();
    assert_eq!(
        html,
        r#"<tr><td><a href="about:invalid#ft-unsafe-url">x</a></td></tr>"#
    );
}
