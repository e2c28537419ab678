//! A call nested in a tag macro means what it means outside one. The outer macro compiles
//! the tag calls nested in it into its template by their names, so it checks each name with
//! the compiler (`tags::check_plain_tag`); these are the names it must not take for ft's:
//! ft's helpers that share a tag's name, and the user's own `format!`. (A user macro named
//! like a tag is a compile error: tests/ui/nested_user_macro*.rs.)
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
        // The prelude's `Svg!` is the plain `<svg>` tag, nested or not.
        let chart = Div!(Svg!(G!(id = "g"), w = 640, h = 142), P!("x"));
        assert_eq!(
            chart.render(),
            r#"<div><svg w="640" h="142"><g id="g"></g></svg><p>x</p></div>"#
        );
        assert_eq!(chart.children()[0], Svg!(G!(id = "g"), w = 640, h = 142));
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

mod user_format {
    use ft_html::prelude::*;

    /// The user's own `format!`: std's, upper-cased.
    macro_rules! format {
        ($($t:tt)*) => {
            ::std::format!($($t)*).to_uppercase()
        };
    }

    #[test]
    fn nested_format_is_the_user_s() {
        let (id, name) = (7, "ann & bob");
        // In a template (children, attributes, a target, the element's own attributes).
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
            r##"<tr id="R7" title="ANN &amp; BOB"><td>ROW 7: ANN &amp; BOB</td><td><a href="#" hx-get="/ITEMS/7" hx-target="#ITEM-7">edit</a></td></tr>"##
        );
        // Without a template: a child, a value, `target_id`.
        let p = P!(
            format!("hi {name}"),
            cls = format!("c{id}"),
            target_id = format!("t{id}")
        );
        assert_eq!(
            p.render(),
            r##"<p hx-target="#T7" class="C7">HI ANN &amp; BOB</p>"##
        );
        // In a loop.
        let list = Ul!((1..=2).map(|i| Li!(format!("item {i}"), data_i = format!("i{i}"))));
        assert_eq!(
            list.render(),
            r#"<ul><li data-i="I1">ITEM 1</li><li data-i="I2">ITEM 2</li></ul>"#
        );
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
