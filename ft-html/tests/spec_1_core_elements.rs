//! SPEC area 1, the core, part 1: elements. Tags, escaping, children, and the two
//! renderers. Each test cites the items it checks; a "deliberate difference" comment says
//! where ft is safer or more Rust-like than FastHTML, and why. Attribute names and values and
//! id/name are in `spec_1_core_attributes.rs`.

use ft_html::prelude::*;

macro_rules! assert_tags {
    ($($mac:ident $tag:literal),* $(,)?) => {$(
        assert_eq!($mac!().render(), concat!("<", $tag, "></", $tag, ">"));
    )*};
}

#[test]
fn every_fasthtml_tag_has_a_macro() {
    // SPEC 1.1: the 113 tag constructors (A/Form/Script/Style are helpers with defaults,
    // their plain tags are TagA!/TagForm!/TagScript!/TagStyle!; voids are checked below).
    assert_tags!(
        TagA "a", Abbr "abbr", Address "address", Article "article", Aside "aside", Audio "audio",
        B "b", Bdi "bdi", Bdo "bdo", Blockquote "blockquote", Body "body", Button "button",
        Canvas "canvas", Caption "caption", Cite "cite", Code "code", Colgroup "colgroup",
        Data "data", Datalist "datalist", Dd "dd", Del "del", Details "details", Dfn "dfn",
        Dialog "dialog", Div "div", Dl "dl", Dt "dt", Em "em", Fencedframe "fencedframe",
        Fieldset "fieldset", Figcaption "figcaption", Figure "figure", Footer "footer",
        TagForm "form", H1 "h1", H2 "h2", H3 "h3", H4 "h4", H5 "h5", H6 "h6", Head "head",
        Header "header", Hgroup "hgroup", I "i", Iframe "iframe", Ins "ins", Kbd "kbd",
        Label "label", Legend "legend", Li "li", Main "main", Map "map", Mark "mark", Menu "menu",
        Meter "meter", Nav "nav", Noscript "noscript", Object "object", Ol "ol",
        Optgroup "optgroup", Option "option", Output "output", P "p", Picture "picture",
        PortalExperimental "portalexperimental", Pre "pre", Progress "progress", Q "q", Rp "rp",
        Rt "rt", Ruby "ruby", S "s", Samp "samp", TagScript "script", Search "search",
        Section "section", Select "select", Slot "slot", Small "small", Span "span",
        Strong "strong", TagStyle "style", Sub "sub", Summary "summary", Sup "sup",
        Table "table", Tbody "tbody", Td "td", Template "template", Textarea "textarea",
        Tfoot "tfoot", Th "th", Thead "thead", Time "time", Title "title", Tr "tr", U "u",
        Ul "ul", Var "var", Video "video",
    );
    // SPEC 1.2: Strike, Param, Svg, Math from fastcore.xml.
    assert_tags!(Strike "strike", Math "math");
    assert_eq!(Svg!(Strike!("x")).render(), "<svg><strike>x</strike></svg>");
}

#[test]
fn void_elements_render_without_end_tag() {
    // SPEC 1.3
    assert_eq!(
        ft_html::VOID_TAGS,
        [
            "!doctype", "area", "base", "br", "col", "command", "embed", "hr", "img", "input",
            "keygen", "link", "meta", "param", "source", "track", "wbr"
        ]
    );
    assert_eq!(Br!().render(), "<br>");
    assert_eq!(Img!(src = "a.png").render(), r#"<img src="a.png">"#);
    assert_eq!(Hr!().to_xml(), "<hr>");
    for (html, expected) in [
        (Area!().render(), "<area>"),
        (Base!().render(), "<base>"),
        (Col!().render(), "<col>"),
        (Embed!().render(), "<embed>"),
        (Input!().render(), "<input>"),
        (Link!().render(), "<link>"),
        (Meta!().render(), "<meta>"),
        (Param!().render(), "<param>"),
        (Source!().render(), "<source>"),
        (Track!().render(), "<track>"),
        (Wbr!().render(), "<wbr>"),
    ] {
        assert_eq!(html, expected);
    }
}

#[test]
fn void_element_with_children_at_run_time() {
    // SPEC 1.4: the macros refuse children on a void tag at compile time (see the
    // compile-fail tests); a tag named at run time renders FastHTML's way.
    assert_eq!(tag!("input", "x").render(), "<input>x");
}

#[test]
fn custom_elements_by_name() {
    // SPEC 1.5, 1.54. Deliberate difference: custom elements are named by their tag string
    // (`tag!("my-widget")`), not by CamelCase identifiers that are converted.
    assert_eq!(
        tag!("some-tag", "a", x_y = 1).render(),
        r#"<some-tag x-y="1">a</some-tag>"#
    );
    assert_eq!(tag!("sl-dropdown").render(), "<sl-dropdown></sl-dropdown>");
    assert_eq!(
        tag!("My-Tag", "x", a_b = 1).render(),
        r#"<my-tag a-b="1">x</my-tag>"#
    );
    let mut thing = Element::new("thing");
    thing.set_void(true);
    assert_eq!(thing.into_ft().render(), "<thing>");
}

#[test]
fn plain_search_is_the_search_tag() {
    // SPEC 1.6
    assert_eq!(Search!("q").render(), "<search>q</search>");
}

#[test]
fn ft_exposes_tag_children_and_attrs() {
    // SPEC 1.7. Deliberate difference: Display is the compact HTML (see 1.52).
    let d = Div!(P!("a"), id = "x", cls = "c");
    assert_eq!(d.tag(), Some("div"));
    assert_eq!(d.children().len(), 1);
    assert_eq!(d.children()[0].render(), "<p>a</p>");
    let attrs: Vec<_> = d
        .as_element()
        .unwrap()
        .attrs()
        .iter()
        .map(|a| a.name.to_string())
        .collect();
    assert_eq!(attrs, ["id", "class"]);
    assert_eq!(d.get_str("cls").as_deref(), Some("c"));
    assert_eq!(Div!("a").to_string(), "<div>a</div>");
}

#[test]
fn text_escaping() {
    // SPEC 1.29
    assert_eq!(
        P!(r#"a & b <i>"q" 's'</i>"#).render(),
        r#"<p>a &amp; b &lt;i&gt;"q" 's'&lt;/i&gt;</p>"#
    );
    let user = String::from("<script>alert(1)</script>");
    assert_eq!(
        P!(user).render(),
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    );
}

#[test]
fn raw_markup() {
    // SPEC 1.30
    assert_eq!(
        Div!(Raw::new("<b>x</b>"), NotStr("<i>y</i>")).render(),
        "<div><b>x</b><i>y</i></div>"
    );
}

#[test]
fn numbers_and_other_children() {
    // SPEC 1.31, 1.32, 1.33. Deliberate differences: a type becomes a child only through
    // IntoFt (FastHTML renders any object's str() unescaped, an injection risk); `false`
    // renders Rust's `false`; None renders nothing, 0 renders 0.
    assert_eq!(Div!(1, 2.5).render(), "<div>12.5</div>");
    assert_eq!(
        Div!(None::<&str>, false, 0, "").render(),
        "<div>false0</div>"
    );
    struct Hero {
        title: String,
    }
    impl IntoFt for &Hero {
        fn into_ft(self) -> Ft {
            Ft::text(format!("Hero(title={})", self.title))
        }
    }
    let h = Hero {
        title: "<h1>x</h1>".into(),
    };
    assert_eq!(
        Main!(&h).render(),
        "<main>Hero(title=&lt;h1&gt;x&lt;/h1&gt;)</main>"
    );
}

#[test]
fn script_and_style_content_is_raw_but_cannot_close_the_element() {
    // SPEC 1.35, 1.38. Deliberate difference: script/style content is never escaped (escaping
    // breaks JS/CSS), whichever macro made it; instead `</script`, `</style` and `<!--` are
    // broken up, so a value can never end the element early (SPEC 1.81 is FastHTML's hole).
    assert_eq!(
        TagScript!(r#"if (a < b && c > d) x("</p>")"#).render(),
        r#"<script>if (a < b && c > d) x("</p>")</script>"#
    );
    let evil = String::from("x = '</script><script>evil()</script>'");
    assert_eq!(
        TagScript!(evil).render(),
        r"<script>x = '<\/script><script>evil()<\/script>'</script>"
    );
    assert_eq!(
        TagStyle!("a > b {color: \"red\"} </STYLE><b>").render(),
        r#"<style>a > b {color: "red"} <\/STYLE><b></style>"#
    );
    assert_eq!(TagScript!("<!-- x").render(), r"<script><\!-- x</script>");
    // Raw content inside a script is held to the same rule.
    assert_eq!(
        TagScript!(Raw::new("</script>")).render(),
        r"<script><\/script></script>"
    );
}

#[test]
fn tuples_and_vectors_flatten() {
    // SPEC 1.42, 1.45. Deliberate difference: FastHTML renders a list child as Python's repr,
    // unescaped (markup injection); ft flattens lists like tuples and escapes their text.
    let d = Div!(("a", "b"), vec!["c", "d"], "e");
    assert_eq!(d.children().len(), 5);
    assert_eq!(d.render(), "<div>abcde</div>");
    assert_eq!(
        Div!((("a", ("b",)), vec!["<b>"])).render(),
        "<div>ab&lt;b&gt;</div>"
    );
    assert_eq!(Fragment((P!("a"), P!("b"))).render(), "<p>a</p><p>b</p>");
}

#[test]
fn iterators_are_children() {
    // SPEC 1.43, 1.44 (ft expands any iterator, wherever it stands)
    assert_eq!(
        Ul!((0..3).map(|i| Li!(i))).render(),
        "<ul><li>0</li><li>1</li><li>2</li></ul>"
    );
    assert_eq!(
        Ul!(["a", "b"].into_iter().map(|s| Li!(s))).render(),
        "<ul><li>a</li><li>b</li></ul>"
    );
    assert_eq!(
        Ul!("x", (0..2).map(|i| Li!(i)).filter(|_| true)).render(),
        "<ul>x<li>0</li><li>1</li></ul>"
    );
    let names = vec![String::from("a"), String::from("b")];
    assert_eq!(Ul!(&names).render(), "<ul>ab</ul>");
    assert_eq!(
        Ul!(each(names.iter().cycle().take(3))).render(),
        "<ul>aba</ul>"
    );
    assert_eq!(
        Div!(Some(P!("x")), None::<Ft>).render(),
        "<div><p>x</p></div>"
    );
}

#[test]
fn into_ft_is_fasthtmls_dunder_ft() {
    // SPEC 1.46
    struct Card2(&'static str);
    impl IntoFt for Card2 {
        fn into_ft(self) -> Ft {
            Div!(self.0, cls = "card")
        }
    }
    assert_eq!(
        Main!(Card2("hi")).render(),
        r#"<main><div class="card">hi</div></main>"#
    );
    assert_eq!(
        Card2("top").into_ft().render(),
        r#"<div class="card">top</div>"#
    );
}

#[test]
fn appending_children_and_attributes() {
    // SPEC 1.47, 1.48: FastHTML's call syntax is `.with(children)` and `.attr(name, value)`.
    let f = TagForm!(method = "post", action = "/p").with((Input!(name = "a"), Button!("Go")));
    assert_eq!(
        f.render(),
        r#"<form method="post" action="/p"><input name="a"><button>Go</button></form>"#
    );
    let d = Div!(cls = "a")
        .attr("cls", "b")
        .attr("hx_get", "/x")
        .attr("_at_click", "y");
    assert_eq!(
        d.render(),
        r#"<div class="b" hx-get="/x" @click="y"></div>"#
    );
}

#[test]
fn replacing_children_and_indexing() {
    // SPEC 1.49, 1.50
    let mut d = Div!("old", id = "i", cls = "c");
    d.as_element_mut().unwrap().set_children("new");
    d.set("cls", None::<&str>).set("style", "s");
    assert_eq!(d.render(), r#"<div id="i" style="s">new</div>"#);
    let mut u = Ul!(Li!("a"), Li!("b"));
    u.children_mut().unwrap()[1] = Li!("z");
    assert_eq!(u.children()[0].render(), "<li>a</li>");
    assert_eq!(u.render(), "<ul><li>a</li><li>z</li></ul>");
    let items: Vec<String> = u.children().iter().map(Ft::render).collect();
    assert_eq!(items, ["<li>a</li>", "<li>z</li>"]);
}

#[test]
fn equality() {
    // SPEC 1.51 (ft values compare structurally; they are not hashable because they can hold
    // floats)
    assert_eq!(Div!("a", id = "x"), Div!("a", id = "x"));
    assert_ne!(Div!("a"), Div!("b"));
    assert_eq!(Div!(String::from("a")), Div!("a"));
}

#[test]
fn display_is_the_html() {
    // SPEC 1.52. Deliberate difference: Display is always the compact HTML (FastHTML's str()
    // gives the id when there is one, a trap when formatting).
    assert_eq!(Div!("a", id = "k").to_string(), r#"<div id="k">a</div>"#);
    assert_eq!(format!("{}!", Div!("a")), "<div>a</div>!");
}

#[test]
fn fragments() {
    // SPEC 1.53
    assert_eq!(Fragment((P!("a"), P!("b"))).render(), "<p>a</p><p>b</p>");
    assert_eq!(Ft::empty().render(), "");
}

#[test]
fn indented_block_with_text() {
    // SPEC 1.60, 1.61
    assert_eq!(P!("hi").to_xml(), "<p>hi</p>\n");
    assert_eq!(
        Div!(Ul!(Li!("a"), Li!("b"))).to_xml(),
        "<div>\n  <ul>\n    <li>a</li>\n    <li>b</li>\n  </ul>\n</div>\n"
    );
}

#[test]
fn indented_inline_tags() {
    // SPEC 1.62
    assert_eq!(
        Div!(Span!("a"), B!("b"), P!("c")).to_xml(),
        "<div>\n<span>a</span><b>b</b>  <p>c</p>\n</div>\n"
    );
    assert_eq!(Main!(P!("x")).to_xml(), "<main>  <p>x</p>\n</main>");
    assert_eq!(
        TagForm!(Input!(name = "a"), Button!("b")).to_xml(),
        "<form>  <input name=\"a\">\n<button>b</button></form>"
    );
}

#[test]
fn indented_mixed_text() {
    // SPEC 1.63
    assert_eq!(
        Div!("text", P!("para"), "tail").to_xml(),
        "<div>\ntext  <p>para</p>\ntail</div>\n"
    );
}

#[test]
fn whitespace_significant_subtrees() {
    // SPEC 1.64, 1.69
    assert_eq!(
        Div!(Pre!(Code!(Div!(P!("x"))))).to_xml(),
        "<div>\n<pre><code><div><p>x</p></div></code></pre></div>\n"
    );
    assert_eq!(
        Div!(Div!(P!("x"), contenteditable = "true")).to_xml(),
        "<div>\n<div contenteditable=\"true\"><p>x</p></div></div>\n"
    );
    assert_eq!(
        Div!(Textarea!("<a>\n  b", name = "t")).to_xml(),
        "<div>\n<textarea name=\"t\">&lt;a&gt;\n  b</textarea></div>\n"
    );
}

#[test]
fn compact_rendering() {
    // SPEC 1.65, 1.70
    let page = tag!("html", Head!(Title!("t")), Body!(Div!(P!("a"))));
    let doc = Fragment((tag!("!doctype", html = true), page));
    assert_eq!(
        doc.render(),
        "<!doctype html><html><head><title>t</title></head><body><div><p>a</p></div></body></html>"
    );
    assert_eq!(Div!(P!("a")).render(), "<div><p>a</p></div>");
}

#[test]
fn several_values_render_joined() {
    // SPEC 1.66
    assert_eq!(
        Fragment((P!("a"), P!("b"))).to_xml(),
        "<p>a</p>\n<p>b</p>\n"
    );
    assert_eq!(
        ft_html::to_xml_all(&[P!("a"), Raw::new("x<y").into_ft()]),
        "<p>a</p>\n\nx<y"
    );
}

#[test]
fn empty_elements() {
    // SPEC 1.68
    assert_eq!(Div!().to_xml(), "<div></div>\n");
    assert_eq!(Textarea!().render(), "<textarea></textarea>");
}

#[test]
fn exact_indent_algorithm() {
    // SPEC 1.127
    assert_eq!(Span!(P!("a"), "b").to_xml(), "<span>  <p>a</p>\nb</span>");
    assert_eq!(
        Div!(Div!(Div!("x"))).to_xml(),
        "<div>\n  <div>\n    <div>x</div>\n  </div>\n</div>\n"
    );
    assert_eq!(
        Section!(Label!("L"), Input!(name = "i")).to_xml(),
        "<section>\n<label>L</label>  <input name=\"i\">\n</section>\n"
    );
    assert_eq!(
        Table!(Tr!(Td!("1"), Td!(B!("2")))).to_xml(),
        "<table>\n  <tr>\n    <td>1</td>\n    <td>\n<b>2</b>    </td>\n  </tr>\n</table>\n"
    );
}

#[test]
fn floats_are_written_like_python() {
    // SPEC 1.19: str(float)
    for (f, s) in [
        (2.0, "2.0"),
        (1.5, "1.5"),
        (1e20, "1e+20"),
        (1.5e-7, "1.5e-07"),
        (-0.25, "-0.25"),
        (f64::NAN, "nan"),
    ] {
        assert_eq!(Span!(f).render(), format!("<span>{s}</span>"));
    }
}
