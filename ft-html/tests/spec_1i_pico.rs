//! SPEC 1I: Pico components (`fasthtml.pico`). Expected strings are FastHTML 0.14.14's output
//! unless a comment names a deliberate difference.

use ft_html::pico::Search;
use ft_html::pico::*;
use ft_html::prelude::*;

// SPEC 1.94
#[test]
fn picolink_is_link_and_style() {
    let expected = "<link rel=\"stylesheet\" href=\"https://cdn.jsdelivr.net/npm/@anyblades/pico@latest/css/pico.min.css\">\n<style>:root { --pico-font-size: 100%; }</style>\n";
    assert_eq!(picolink().to_xml(), expected);
    assert_eq!(picolink().children().len(), 2);
    assert_eq!(
        PICOCSS,
        "https://cdn.jsdelivr.net/npm/@anyblades/pico@latest/css/pico.min.css"
    );
}

// SPEC 1.94 (deliberate addition: ft apps vendor Pico, so the href can be changed)
#[test]
fn picolink_with_own_href() {
    assert_eq!(
        picolink_href("/static/pico.min.css").render(),
        "<link rel=\"stylesheet\" href=\"/static/pico.min.css\"><style>:root { --pico-font-size: 100%; }</style>"
    );
    assert_eq!(
        picocondlink().render(),
        "<link rel=\"stylesheet\" href=\"https://cdn.jsdelivr.net/npm/@anyblades/pico@latest/css/pico.conditional.min.css\"><style>:root { --pico-font-size: 100%; }</style>"
    );
}

// SPEC 1.95
#[test]
fn card_header_footer() {
    let c = Card!(P!("body"), header = H3!("H"), footer = "F");
    assert_eq!(
        c.render(),
        "<article><header><h3>H</h3></header><p>body</p><footer>F</footer></article>"
    );
    assert_eq!(
        c.to_xml(),
        "<article>\n  <header>\n    <h3>H</h3>\n  </header>\n  <p>body</p>\n  <footer>F</footer>\n</article>\n"
    );
}

// SPEC 1.95: a falsy header (`''`) is left out; other attributes go on the article in
// FastHTML's order (`Card('x', header='', id='i', cls='c', style='s', data_a=1)`).
#[test]
fn card_attrs_and_empty_header() {
    assert_eq!(
        Card!(
            "x",
            header = "",
            id = "i",
            cls = "c",
            style = "s",
            data_a = 1
        )
        .render(),
        r#"<article data-a="1" id="i" class="c" style="s">x</article>"#
    );
    let none: Option<Ft> = None;
    assert_eq!(Card!("x", footer = none).render(), "<article>x</article>");
}

// A card whose header and footer are known at build time (tag calls, literals) compiles to one
// template of the `<article>`; a run-time header goes through the builder: the same tree.
#[test]
fn compiled_card_is_the_built_card() {
    let (title, n) = (String::from("A & B"), 7);
    let h: Ft = H3!(&title);
    let compiled = Card!(
        P!("body ", n),
        header = H3!(&title),
        footer = A!("more", href = format!("/p/{}", n)),
        id = "c1",
        cls = "wide",
    );
    let built = Card!(
        P!("body ", n),
        header = h,
        footer = A!("more", href = format!("/p/{}", n)),
        id = "c1",
        cls = "wide",
    );
    assert_eq!(
        compiled.render(),
        r##"<article id="c1" class="wide"><header><h3>A &amp; B</h3></header><p>body 7</p><footer><a href="/p/7">more</a></footer></article>"##
    );
    assert_eq!(compiled.render(), built.render());
    assert_eq!(compiled, built);
    assert_eq!(compiled.children(), built.children());
    assert_eq!(compiled.to_xml(), built.to_xml());
    assert_eq!(compiled.get_str("id").as_deref(), Some("c1"));
    let mut edited = compiled.clone();
    edited.push(P!("more"));
    assert!(edited.render().ends_with("</footer><p>more</p></article>"));
    assert_eq!(
        Card!("x", header = "", footer = "").render(),
        "<article>x</article>"
    );
    assert_eq!(
        Card!(header = "H").render(),
        "<article><header>H</header></article>"
    );
}

// SPEC 1.96: FastHTML renders a list child as its Python repr (`[<span>c</span>]`);
// deliberate difference: ft passes the list through unwrapped but renders its items.
#[test]
fn grid_wraps_children() {
    let g = Grid!("a", P!("b"), vec![Span!("c")]);
    // FastHTML: <div class="grid"><div>a</div><div><p>b</p></div>[<span>c</span>]</div>
    assert_eq!(
        g.render(),
        r#"<div class="grid"><div>a</div><div><p>b</p></div><span>c</span></div>"#
    );
    assert_eq!(
        Grid!(id = "x", cls = "g2").render(),
        r#"<div id="x" class="g2"></div>"#
    );
    assert_eq!(
        Grid!(P!("a"), id = "x").render(),
        r#"<div id="x" class="grid"><div><p>a</p></div></div>"#
    );
}

// SPEC 1.97
#[test]
fn group_is_fieldset_role_group() {
    assert_eq!(
        Group!(Input!(name = "a"), Button!("Go")).render(),
        r#"<fieldset role="group"><input name="a"><button>Go</button></fieldset>"#
    );
    assert_eq!(
        Group!(Input!(name = "a")).to_xml(),
        "<fieldset role=\"group\">  <input name=\"a\">\n</fieldset>"
    );
    assert_eq!(
        Group!(id = "x", data_a = 1).render(),
        r#"<fieldset role="group" data-a="1" id="x"></fieldset>"#
    );
}

// SPEC 1.98
#[test]
fn pico_search_is_form_role_search() {
    assert_eq!(
        Search!(Input!(name = "q")).render(),
        r#"<form enctype="multipart/form-data" role="search"><input name="q"></form>"#
    );
    assert_eq!(
        PicoSearch!(id = "s").render(),
        r#"<form enctype="multipart/form-data" role="search" id="s" name="s"></form>"#
    );
}

// SPEC 1.99
#[test]
fn dialogx_wraps_card() {
    let d = DialogX!(P!("x"), header = "H", open = true, id = "dlg", cls = "c");
    assert_eq!(
        d.render(),
        r#"<dialog open id="dlg"><article class="c"><header>H</header><p>x</p></article></dialog>"#
    );
    assert_eq!(
        d.to_xml(),
        "<dialog open id=\"dlg\">  <article class=\"c\">\n    <header>H</header>\n    <p>x</p>\n  </article>\n</dialog>"
    );
    assert_eq!(
        DialogX!("x").render(),
        "<dialog><article>x</article></dialog>"
    );
    assert_eq!(
        DialogX!("x", footer = Button!("ok"), open = false).render(),
        "<dialog><article>x<footer><button>ok</button></footer></article></dialog>"
    );
}

// SPEC 1.100
#[test]
fn container_is_main_container() {
    assert_eq!(
        Container!(P!("x")).render(),
        r#"<main class="container"><p>x</p></main>"#
    );
    assert_eq!(
        Container!(P!("x")).to_xml(),
        "<main class=\"container\">  <p>x</p>\n</main>"
    );
    assert_eq!(
        Container!(id = "x", data_a = 1).render(),
        r#"<main data-a="1" id="x" class="container"></main>"#
    );
    // Deliberate difference: FastHTML raises TypeError for Container(cls=..); ft adds the class.
    assert_eq!(
        Container!(cls = "wide").render(),
        r#"<main class="container wide"></main>"#
    );
}

// SPEC 1.101
#[test]
fn pico_busy_scripts() {
    let b = PicoBusy();
    assert_eq!(b.children().len(), 2);
    assert!(b.to_xml().contains("aria-busy"));
    assert_eq!(
        b.render(),
        "<script>domReadyExecute(function() {\n[\"htmx:beforeRequest\",\"htmx-before-request\"].forEach(evt => document.body.addEventListener(evt, function(event) { (event.detail.ctx?.sourceElement || event.detail.elt).setAttribute('aria-busy', 'true' ) }))\n})</script>\
         <script>domReadyExecute(function() {\n[\"htmx:afterRequest\",\"htmx-after-request\"].forEach(evt => document.body.addEventListener(evt, function(event) { (event.detail.ctx?.sourceElement || event.detail.elt).setAttribute('aria-busy', 'false') }))\n})</script>"
    );
}
