//! SPEC area 1, the core: tags, attribute names and values, escaping, children, id/name,
//! and the two renderers. Each test cites the items it checks; a "deliberate difference"
//! comment says where ft is safer or more Rust-like than FastHTML, and why.

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
fn class_and_for_aliases() {
    // SPEC 1.8
    assert_eq!(Div!(cls = "a").render(), r#"<div class="a"></div>"#);
    assert_eq!(Div!(klass = "b").render(), r#"<div class="b"></div>"#);
    assert_eq!(Div!(_class = "c").render(), r#"<div class="c"></div>"#);
    // Names no element has (`htmlclass`, `htmlfor`, `for-`, `datafoo`) are compile errors in a
    // checked tag macro (the guide's "Checked attributes"); `tag!` checks none, so it shows
    // FastHTML's mapping of them.
    assert_eq!(
        tag!("div", htmlClass = "d").render(),
        r#"<div htmlclass="d"></div>"#
    );
    assert_eq!(Label!(fr = "x").render(), r#"<label for="x"></label>"#);
    assert_eq!(Label!(_for = "y").render(), r#"<label for="y"></label>"#);
    assert_eq!(Label!(r#for = "w").render(), r#"<label for="w"></label>"#);
    assert_eq!(
        tag!("label", htmlFor = "z").render(),
        r#"<label htmlfor="z"></label>"#
    );
}

#[test]
fn underscores_become_hyphens() {
    // SPEC 1.9
    assert_eq!(
        tag!(
            "div",
            _id = "a",
            hx_get = "/x",
            data_foo_bar = "1",
            for_ = "z",
            _async = true
        )
        .render(),
        r#"<div id="a" hx-get="/x" data-foo-bar="1" for-="z" async></div>"#
    );
    // ft also takes hyphenated names as written.
    assert_eq!(
        Div!(data - foo - bar = 1).render(),
        r#"<div data-foo-bar="1"></div>"#
    );
}

#[test]
fn names_are_lower_cased() {
    // SPEC 1.10
    assert_eq!(
        tag!("div", dataFoo = "1", viewBox = "0 0 1 1").render(),
        r#"<div datafoo="1" viewbox="0 0 1 1"></div>"#
    );
}

#[test]
fn double_underscore_becomes_double_hyphen() {
    // SPEC 1.11
    assert_eq!(
        Button!(hx_on__after_request = "a()", hx_on_click = "b()").render(),
        r#"<button hx-on--after-request="a()" hx-on-click="b()"></button>"#
    );
}

#[test]
fn punctuated_names_pass_through() {
    // SPEC 1.12
    assert_eq!(
        Div!(
            "@click" = "go()",
            "x-on:key_up" = "k",
            ":class" = "c",
            "hx-on::after-request" = "z"
        )
        .render(),
        r#"<div @click="go()" x-on:key_up="k" :class="c" hx-on::after-request="z"></div>"#
    );
    assert_eq!(
        Div!(..[("@click", "p()"), ("data_x", "1")], "txt").render(),
        r#"<div @click="p()" data-x="1">txt</div>"#
    );
}

#[test]
fn spread_attributes_merge_later_wins() {
    // SPEC 1.13: FastHTML's positional dicts are ft's `..pairs`.
    assert_eq!(
        Div!(..[("a", "1")], "kid", ..[("a", "2"), ("b", "3")]).render(),
        r#"<div a="2" b="3">kid</div>"#
    );
}

#[test]
fn at_prefix_and_bare_underscore() {
    // SPEC 1.14, 1.15
    assert_eq!(Div!(_at_click = "x").render(), r#"<div @click="x"></div>"#);
    assert_eq!(
        Div!(_ = "on click toggle .x").render(),
        r#"<div _="on click toggle .x"></div>"#
    );
}

#[test]
fn attribute_order_puts_id_class_title_style_last() {
    // SPEC 1.16
    assert_eq!(
        Div!(
            style = "s",
            title = "t",
            cls = "c",
            hx_get = "/g",
            id = "i",
            data_x = "d"
        )
        .render(),
        r#"<div hx-get="/g" data-x="d" id="i" class="c" title="t" style="s"></div>"#
    );
    // hx_vals and hx_target come after the other keywords, as in FastHTML's ft_hx.
    assert_eq!(
        Div!(
            cls = "c",
            data_x = "d",
            hx_get = "/g",
            hx_post = "p",
            id = "i",
            target_id = "t",
            hx_vals = serde_json::json!({"a": 1}),
            hx_swap = "s"
        )
        .render(),
        r##"<div data-x="d" hx-get="/g" hx-post="p" hx-swap="s" hx-vals='{"a": 1}' hx-target="#t" id="i" class="c"></div>"##
    );
}

#[test]
fn attribute_access_by_keyword() {
    // SPEC 1.17
    let mut d = Div!(hx_get = "/g");
    d.set("hx_post", "/p").set("data_x", 1);
    assert_eq!(d.get_str("hx_get").as_deref(), Some("/g"));
    assert_eq!(d.get("nope"), None);
    assert_eq!(d.get_str("missing").unwrap_or("dflt".into()), "dflt");
    assert_eq!(
        d.render(),
        r#"<div hx-get="/g" hx-post="/p" data-x="1"></div>"#
    );
    d.set("hx_post", None::<&str>);
    assert_eq!(d.render(), r#"<div hx-get="/g" data-x="1"></div>"#);
}

#[test]
fn bool_and_none_values() {
    // SPEC 1.18
    assert_eq!(
        Input!(
            disabled = true,
            checked = false,
            value = None::<&str>,
            required = true
        )
        .render(),
        "<input disabled required>"
    );
}

#[test]
fn numbers_as_values() {
    // SPEC 1.19
    assert_eq!(
        Div!(data_n = 3, data_f = 1.5, data_z = 0, tabindex = -1).render(),
        r#"<div data-n="3" data-f="1.5" data-z="0" tabindex="-1"></div>"#
    );
    assert_eq!(Div!(data_f = 2.0).render(), r#"<div data-f="2.0"></div>"#);
}

#[test]
fn list_values_join_with_spaces() {
    // SPEC 1.20 (a Rust list holds one type: numbers as strings here)
    assert_eq!(
        Div!(cls = ["a", "b", "3"]).render(),
        r#"<div class="a b 3"></div>"#
    );
    assert_eq!(
        Div!(cls = vec![1, 2]).render(),
        r#"<div class="1 2"></div>"#
    );
    assert_eq!(Div!(cls = Vec::<&str>::new()).render(), "<div></div>");
}

#[test]
fn pair_lists_are_css() {
    // SPEC 1.21
    assert_eq!(
        Div!(style = [("color", "red"), ("margin", "0")]).render(),
        r#"<div style="color:red; margin:0"></div>"#
    );
    assert_eq!(
        Div!(style = Vec::<(&str, &str)>::new()).render(),
        "<div></div>"
    );
}

#[test]
fn json_values_for_hx_vals() {
    // SPEC 1.22
    assert_eq!(
        Div!(hx_vals = serde_json::json!({"a": 1, "b": "x"})).render(),
        r#"<div hx-vals='{"a": 1, "b": "x"}'></div>"#
    );
}

#[test]
fn quoting_rules() {
    // SPEC 1.23
    assert_eq!(
        Div!(title = r#"say "hi""#).render(),
        r#"<div title='say "hi"'></div>"#
    );
    assert_eq!(
        Div!(title = r#"it's "x""#).render(),
        r#"<div title='it&#39;s "x"'></div>"#
    );
    assert_eq!(Div!(title = "it's").render(), r#"<div title="it's"></div>"#);
    // the same for values computed at run time
    let v = String::from("a\"b'c");
    assert_eq!(Div!(title = v).render(), r#"<div title='a"b&#39;c'></div>"#);
}

#[test]
fn attribute_values_escape_amp_lt_gt() {
    // SPEC 1.24, 1.25
    assert_eq!(
        TagA!("x", href = "/a?b=1&c=<2>").render(),
        r#"<a href="/a?b=1&amp;c=&lt;2&gt;">x</a>"#
    );
    assert_eq!(
        Option!("x", value = "").render(),
        r#"<option value="">x</option>"#
    );
}

#[test]
fn hx_target_from_an_element_and_target_id() {
    // SPEC 1.26
    let t = Div!(id = "tgt");
    assert_eq!(
        Button!(hx_target = &t).render(),
        r##"<button hx-target="#tgt"></button>"##
    );
    assert_eq!(
        Button!(target_id = "res", hx_target = "#other").render(),
        r##"<button hx-target="#res"></button>"##
    );
}

#[test]
fn id_from_an_element_and_generated_ids() {
    // SPEC 1.27
    let src = Div!(id = "orig");
    assert_eq!(Span!(id = &src).render(), r#"<span id="orig"></span>"#);
    let a = ft_html::unqid();
    let b = ft_html::unqid();
    assert_eq!(a.len(), 23);
    assert!(a.starts_with('_'));
    assert!(
        a[1..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    );
    assert_ne!(a, b);
}

#[test]
fn invalid_attribute_names_are_dropped() {
    // SPEC 1.28. Deliberate difference: FastHTML writes any name, so a name from user data
    // can inject attributes; ft drops names HTML cannot hold (spaces, quotes, `>`, `/`, `=`).
    let d = Div!(..[("a\"b", "1"), ("x y", "2"), ("ok", "3")]);
    assert_eq!(d.render(), r#"<div ok="3"></div>"#);
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
fn unsafe_urls_from_run_time_values_are_neutralised() {
    // Context-aware escaping (no SPEC item: FastHTML writes any URL). A URL computed at run
    // time with a script-running scheme cannot reach href/src/action/hx-* attributes; a literal
    // in the source code is the developer's own and is kept.
    let evil = String::from(" JaVa\tScript:alert(1)");
    assert_eq!(
        TagA!("x", href = evil).render(),
        r#"<a href="about:invalid#ft-unsafe-url">x</a>"#
    );
    let data = String::from("data:text/html,<b>");
    assert_eq!(
        Img!(src = data).render(),
        r#"<img src="about:invalid#ft-unsafe-url">"#
    );
    let png = String::from("data:image/png;base64,AAAA");
    assert_eq!(
        Img!(src = png).render(),
        r#"<img src="data:image/png;base64,AAAA">"#
    );
    let fine = String::from("/todos/1?x=javascript:1");
    assert_eq!(
        Button!(hx_get = fine).render(),
        r#"<button hx-get="/todos/1?x=javascript:1"></button>"#
    );
    assert_eq!(
        TagA!(href = "javascript:void(0)").render(),
        r#"<a href="javascript:void(0)"></a>"#
    );
    // Not a URL attribute: left alone.
    let t = String::from("javascript:x");
    assert_eq!(
        Div!(title = t).render(),
        r#"<div title="javascript:x"></div>"#
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
fn id_sets_name_on_form_tags() {
    // SPEC 1.55
    assert_eq!(Input!(id = "q").render(), r#"<input id="q" name="q">"#);
    assert_eq!(
        Select!(id = "q").render(),
        r#"<select id="q" name="q"></select>"#
    );
    assert_eq!(
        Textarea!(id = "q").render(),
        r#"<textarea id="q" name="q"></textarea>"#
    );
    assert_eq!(
        Button!(id = "q").render(),
        r#"<button id="q" name="q"></button>"#
    );
    assert_eq!(Img!(id = "q").render(), r#"<img id="q" name="q">"#);
    assert_eq!(
        Iframe!(id = "q").render(),
        r#"<iframe id="q" name="q"></iframe>"#
    );
    assert_eq!(Meta!(id = "q").render(), r#"<meta id="q" name="q">"#);
    assert_eq!(
        Object!(id = "q").render(),
        r#"<object id="q" name="q"></object>"#
    );
    assert_eq!(Map!(id = "q").render(), r#"<map id="q" name="q"></map>"#);
    assert_eq!(Div!(id = "q").render(), r#"<div id="q"></div>"#);
    assert_eq!(Label!(id = "q").render(), r#"<label id="q"></label>"#);
    assert_eq!(Option!(id = "q").render(), r#"<option id="q"></option>"#);
    // name comes last, after class (FastHTML appends it)
    assert_eq!(
        Input!(id = "q", cls = "c").render(),
        r#"<input id="q" class="c" name="q">"#
    );
}

#[test]
fn underscore_id_does_not_set_name() {
    // SPEC 1.56 (the seed's attribute showcase, rendered by 0.14.14)
    let el = Label!(
        "Choose an option",
        Select!(
            Option!("one", value = "1", selected = true),
            Option!("two", value = "2", selected = false),
            Option!("three", value = 3),
            cls = "selector",
            _id = "counter",
            "@click" = "alert('Clicked');"
        ),
        _for = "counter"
    );
    assert_eq!(
        el.to_xml(),
        r#"<label for="counter">Choose an option<select id="counter" @click="alert('Clicked');" class="selector"><option value="1" selected>one</option><option value="2">two</option><option value="3">three</option></select></label>"#
    );
}

#[test]
fn explicit_name_wins() {
    // SPEC 1.57
    assert_eq!(
        Input!(id = "q", name = "other").render(),
        r#"<input name="other" id="q">"#
    );
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
fn direct_attribute_edits() {
    // SPEC 1.128, 1.129
    let mut d = Div!();
    let el = d.as_element_mut().unwrap();
    el.put("x_".into(), "1".into_attr());
    el.put("_".into(), "h".into_attr());
    assert_eq!(d.render(), r#"<div _="h"></div>"#);
    let mut d = Div!();
    d.as_element_mut()
        .unwrap()
        .put("hx_get".into(), "/a".into_attr());
    d.set("data_x", 1);
    assert_eq!(d.render(), r#"<div hx_get="/a" data-x="1"></div>"#);
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
