//! A call nested in a tag macro means what it means outside one. The outer macro compiles
//! the tag calls nested in it into its template by their names, so it checks each name with
//! the compiler (`tags::check_plain_tag`); these are the names it must not take for ft's:
//! ft's helpers that share a tag's name. (A user macro named like a tag is a compile error:
//! tests/ui/nested_user_macro*.rs.) The one documented exception is `format!`: see
//! `user_format` below.
//!
//! `deny(unused_imports)`: an import that the expansion ignored (the issue's `use
//! ft_web::svg::Svg`, reported unused) fails the build.
#![deny(unused_imports)]

use ft_html::prelude::*;

const SVG_HEAD: &str =
    r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 142" height="142" width="640">"#;

mod svg_helper {
    use super::SVG_HEAD;
    use ft_html::prelude::*;
    use ft_html::svg::{Rect, Svg};

    #[test]
    fn nested_svg_is_the_helper_in_scope() {
        // The issue's line: `Svg!` is the helper, nested or not.
        let bars = Rect!(10, 20, fill = "navy");
        let chart = Div!(Svg!(bars.clone(), w = 640, h = 142));
        let alone = Svg!(bars, w = 640, h = 142);
        assert!(alone.render().starts_with(SVG_HEAD), "{}", alone.render());
        assert_eq!(chart.render(), format!("<div>{}</div>", alone.render()));

        // Beside tags the outer macro compiles into its template, with attributes of its own.
        let id = "c1";
        let card = Div!(
            H2!("Sales"),
            Svg!(Rect!(1, 2), w = 640, h = 142),
            P!(id),
            id = id
        );
        assert_eq!(
            card.render(),
            format!(
                r#"<div id="c1"><h2>Sales</h2>{SVG_HEAD}<rect width="1" height="2" x="0" y="0"></rect></svg><p>c1</p></div>"#
            )
        );
        // In a loop body too.
        let list = Ul!((0..2).map(|i| Li!(Svg!(w = 640, h = 142), i)));
        assert_eq!(
            list.render(),
            format!("<ul><li>{SVG_HEAD}</svg>0</li><li>{SVG_HEAD}</svg>1</li></ul>")
        );
    }
}

mod svg_helper_only_nested {
    use super::SVG_HEAD;
    use ft_html::prelude::*;
    // Used only by the nested call: were it compiled as the plain tag, this import would be
    // unused, which `deny(unused_imports)` makes an error.
    use ft_html::svg::Svg;

    #[test]
    fn the_helper_s_import_is_used_by_a_nested_call() {
        let bars = "bars";
        let chart = Div!(Svg!(bars, w = 640, h = 142));
        assert_eq!(chart.render(), format!("<div>{SVG_HEAD}bars</svg></div>"));
    }
}

mod plain_svg {
    use ft_html::prelude::*;

    #[test]
    fn nested_svg_is_the_plain_tag_without_the_helper() {
        // The prelude's `Svg!` is the plain `<svg>` tag, nested or not (the helper's `w`/`h`
        // are no attributes of `<svg>`: a compile error here).
        let chart = Div!(Svg!(G!(id = "g"), width = 640, height = 142), P!("x"));
        assert_eq!(
            chart.render(),
            r#"<div><svg width="640" height="142"><g id="g"></g></svg><p>x</p></div>"#
        );
        assert_eq!(
            chart.children()[0],
            Svg!(G!(id = "g"), width = 640, height = 142)
        );
    }
}

mod search {
    use ft_html::prelude::*;

    #[test]
    fn nested_search_is_the_tag_or_pico_s_helper() {
        let tag = Div!(Search!(Input!(name = "q")), P!("x"));
        assert_eq!(
            tag.render(),
            r#"<div><search><input name="q"></search><p>x</p></div>"#
        );
        {
            use ft_html::pico::Search;
            let helper = Div!(Search!(Input!(name = "q")), P!("x"));
            assert_eq!(
                helper.render(),
                r#"<div><form enctype="multipart/form-data" role="search"><input name="q"></form><p>x</p></div>"#
            );
        }
    }
}

/// The rule: a `format!("..", ..)` given as a child or an attribute value of a tag macro is
/// std's `format!`, which the macro builds from its pieces (no `String`, no `fmt` for plain
/// holes). What the compiler checks, at the user's call: the call as written (resolved where
/// it is written: here, the user's macro) takes these arguments and gives a `String`
/// (tests/ui/nested_user_format*.rs: a user's `format!` that does not is a compile error).
/// What remains, and what these tests pin down: a user's own `format!` that takes std's
/// arguments and gives a `String` is compiled as std's `format!` there (no proc macro can tell
/// the two apart); anywhere else (outside a tag macro, inside another expression, a helper's
/// parameter) it is the user's.
mod user_format {
    use ft_html::prelude::*;

    /// The user's own `format!`: std's, upper-cased.
    macro_rules! format {
        ($($t:tt)*) => {
            ::std::format!($($t)*).to_uppercase()
        };
    }

    #[test]
    fn nested_format_is_std_s() {
        let (id, name) = (7, "ann & bob");
        // Outside a tag macro: the user's.
        assert_eq!(format!("row {id}: {name}"), "ROW 7: ANN & BOB");
        // In a template (children, attributes, a target, the element's own attributes): std's.
        let row = Tr!(
            Td!(format!("row {id}: {name}")),
            Td!(A!(
                "edit",
                hx_get = format!("/items/{}", id),
                hx_target = format!("#item-{id}")
            )),
            id = format!("r{id}"),
            title = format!("{name}")
        );
        assert_eq!(
            row.render(),
            r##"<tr id="r7" title="ann &amp; bob"><td>row 7: ann &amp; bob</td><td><a href="#" hx-get="/items/7" hx-target="#item-7">edit</a></td></tr>"##
        );
        // Without a template (a child, a value, `target_id`), and with a spec: std's.
        let p = P!(
            format!("hi {name}"),
            format!("{:>4}", id),
            cls = format!("c{id}"),
            target_id = format!("t{id}")
        );
        assert_eq!(
            p.render(),
            r##"<p hx-target="#t7" class="c7">hi ann &amp; bob   7</p>"##
        );
        // In a loop: std's.
        let list = Ul!((1..=2).map(|i| Li!(format!("item {i}"), data_i = format!("i{i}"))));
        assert_eq!(
            list.render(),
            r#"<ul><li data-i="i1">item 1</li><li data-i="i2">item 2</li></ul>"#
        );
    }

    #[test]
    fn format_elsewhere_in_a_tag_macro_is_the_user_s() {
        let name = "ann";
        // Inside another expression, and as a helper's parameter: as written, the user's.
        let p = P!(format!("hi {name}").as_str(), cls = Some(format!("c")));
        assert_eq!(p.render(), r#"<p class="C">HI ANN</p>"#);
        let card = Card!(header = format!("head {name}"), "body");
        assert_eq!(
            card.render(),
            "<article><header>HEAD ANN</header>body</article>"
        );
    }
}

/// The check resolves the call as written, so a user's `format!` used only as a tag macro's
/// child is used (were it not expanded, `unused_macros` would fail the build).
mod user_format_only_nested {
    #![deny(unused_macros)]
    use ft_html::prelude::*;

    /// The user's own `format!`, the same as std's.
    macro_rules! format {
        ($($t:tt)*) => {
            ::std::format!($($t)*)
        };
    }

    #[test]
    fn the_user_s_format_is_resolved_by_the_check() {
        let n = 3;
        assert_eq!(Ul!(Li!(format!("n={n}"))).render(), "<ul><li>n=3</li></ul>");
    }
}

mod user_tag_macro {
    use ft_html::prelude::*;

    /// The user's own `Td!`: a number cell.
    macro_rules! Td {
        ($n:expr) => {
            ft_html::Td!($n, cls = "num")
        };
    }
    pub(crate) use Td;

    #[test]
    fn a_user_macro_named_like_a_tag_nests_bound_or_by_path() {
        // `Tr!(Td!(1))` is refused (tests/ui/nested_user_macro.rs); these are the user's.
        let one = Td!(1);
        let row = Tr!(one, self::Td!(2), Th!("x"));
        assert_eq!(
            row.render(),
            r#"<tr><td class="num">1</td><td class="num">2</td><th>x</th></tr>"#
        );
    }
}

#[test]
fn ft_s_own_tags_still_compile_into_one_template() {
    // Checked names that are ft's compile as before: the same tree as built one by one.
    let url = "/a";
    let compiled = Tr!(
        Td!(A!("x", hx_get = url)),
        Td!(Input!(name = "n")),
        id = "r"
    );
    let cell = Td!(A!("x", hx_get = url));
    let input = Td!(Input!(name = "n"));
    let built = Tr!(cell, input, id = "r");
    assert_eq!(compiled.render(), built.render());
    assert_eq!(compiled, built);
    assert_eq!(
        compiled.render(),
        r##"<tr id="r"><td><a href="#" hx-get="/a">x</a></td><td><input name="n"></td></tr>"##
    );
}
