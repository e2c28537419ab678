//! Nested tag macros are compiled into a template (`ft_html::tmpl`): every shape must render
//! and inspect exactly like the same tree built one element at a time. Each case builds the
//! tree twice: once as literal nested macros (compiled), once with the nested elements made
//! in separate statements (which the macros cannot compile), and compares.

use ft_html::prelude::*;

#[path = "common/same.rs"]
mod common_same;
use common_same::same;

#[test]
fn the_web_benchmark_row() {
    let (id, title, done) = (7, "Buy <milk> & eggs, and then some more", false);
    let compiled = Tr!(
        Td!(id),
        Td!(title),
        Td!(if done { "yes" } else { "no" }),
        Td!(A!(
            "edit",
            hx_get = format!("/items/{}", id),
            hx_target = format!("#item-{}", id),
            hx_swap = "outerHTML"
        )),
        id = format!("item-{}", id)
    );
    let a = A!(
        "edit",
        hx_get = format!("/items/{}", id),
        hx_target = format!("#item-{}", id),
        hx_swap = "outerHTML"
    );
    let cells = [
        Td!(id),
        Td!(title),
        Td!(if done { "yes" } else { "no" }),
        Td!(a),
    ];
    let built = Tr!(cells.to_vec(), id = format!("item-{}", id));
    assert_eq!(
        compiled.render(),
        r##"<tr id="item-7"><td>7</td><td>Buy &lt;milk&gt; &amp; eggs, and then some more</td><td>no</td><td><a href="#" hx-get="/items/7" hx-swap="outerHTML" hx-target="#item-7">edit</a></td></tr>"##
    );
    same(compiled, built);
}

#[test]
fn presets_auto_name_and_attribute_order() {
    // SPEC 1.55, 1.58, 1.73: `A!`'s href and `Form!`'s enctype come first and are replaced in
    // place; `id` copies into `name` on the tags that have it, `_id` does not; `hx_target` and
    // `target_id` keep their place in FastHTML's order (SPEC 1.16, 1.26).
    let compiled = Div!(
        A!("a", href = "/p", id = "l"),
        A!("b", href = None::<&str>),
        Form!(Input!(id = "q", placeholder = "Search"), hx_post = "/s"),
        Input!(_id = "z"),
        Button!(
            "go",
            cls = "x",
            id = "b",
            hx_target = "#t",
            hx_get = "/g",
            target_id = "u"
        ),
    );
    let parts = vec![
        A!("a", href = "/p", id = "l"),
        A!("b", href = None::<&str>),
        {
            let input = Input!(id = "q", placeholder = "Search");
            Form!(input, hx_post = "/s")
        },
        Input!(_id = "z"),
        Button!(
            "go",
            cls = "x",
            id = "b",
            hx_target = "#t",
            hx_get = "/g",
            target_id = "u"
        ),
    ];
    let built = Div!(parts);
    assert_eq!(
        compiled.render(),
        concat!(
            r#"<div><a href="/p" id="l" name="l">a</a><a>b</a>"#,
            r#"<form enctype="multipart/form-data" hx-post="/s"><input placeholder="Search" id="q" name="q"></form>"#,
            r#"<input id="z">"#,
            r##"<button hx-get="/g" hx-target="#u" id="b" class="x" name="b">go</button></div>"##
        )
    );
    same(compiled, built);
}

#[test]
fn run_time_values_of_every_kind() {
    let maybe: Option<&str> = None;
    let items = ["x", "y"];
    let n = 3u8;
    let js = String::from("javascript:alert(1)");
    let compiled = Ul!(
        Li!("literal & <escaped>", 1.5, true, 'c', -4, maybe),
        Li!(items.iter().map(|i| B!(*i))),
        Li!(
            Raw::new("<i>raw</i>"),
            inert = true,
            hidden = false,
            data_n = n,
            title = maybe,
            style = "a:b"
        ),
        Li!(
            Span!(Em!(format!("{}-{}", n, "deep")), cls = ["a", "b"]),
            ""
        ),
        Li!(vec![P!("v")], (P!("t1"), "t2"), Fragment(())),
        Li!(Input!(value = "say \"hi\""), Img!(src = js.as_str())),
    );
    let lis = vec![
        Li!("literal & <escaped>", 1.5, true, 'c', -4, maybe),
        Li!(items.iter().map(|i| B!(*i))),
        Li!(
            Raw::new("<i>raw</i>"),
            inert = true,
            hidden = false,
            data_n = n,
            title = maybe,
            style = "a:b"
        ),
        {
            let em = Em!(format!("{}-{}", n, "deep"));
            let span = Span!(em, cls = ["a", "b"]);
            Li!(span, "")
        },
        {
            let (p, t) = (P!("t1"), "t2");
            Li!(vec![P!("v")], (p, t), Fragment(()))
        },
        {
            let (input, img) = (Input!(value = "say \"hi\""), Img!(src = js.as_str()));
            Li!(input, img)
        },
    ];
    let built = Ul!(lis);
    let html = compiled.render();
    assert!(
        html.contains("<li>literal &amp; &lt;escaped&gt;1.5truec-4</li>"),
        "{html}"
    );
    assert!(html.contains("<li><b>x</b><b>y</b></li>"), "{html}");
    assert!(
        html.contains(r#"<li inert data-n="3" style="a:b"><i>raw</i></li>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<span class="a b"><em>3-deep</em></span>"#),
        "{html}"
    );
    assert!(html.contains(r#"value='say "hi"'"#), "{html}");
    // SPEC 1.31 (deliberate difference): a run-time `javascript:` URL is made inert.
    assert!(!html.contains("javascript:alert"), "{html}");
    same(compiled, built);
}

#[test]
fn components_get_each_child_as_given() {
    // SPEC 1.96: Grid wraps each child in a div, but passes a list through.
    let g = Grid!("a", P!("b"), vec![Span!("c")]);
    assert_eq!(
        g.render(),
        r#"<div class="grid"><div>a</div><div><p>b</p></div><span>c</span></div>"#
    );
    // Script content stays raw even when given next to compiled siblings.
    let s = Div!(Script!("a < b"), P!("x"));
    assert_eq!(s.render(), "<div><script>a < b</script><p>x</p></div>");
}

#[test]
fn compiled_children_can_be_inspected_and_changed() {
    let mut page = Div!(
        H1!("Title"),
        Ul!(Li!("one", id = "first"), Li!("two")),
        id = "main"
    );
    assert_eq!(page.children().len(), 2);
    assert_eq!(page.children()[1].children()[0].id(), Some("first"));
    let inputs = find_inputs(&Div!(P!(Input!(name = "a"))), &["input"], &[]);
    assert_eq!(inputs.len(), 1);
    let mut seen = Vec::new();
    page.walk(&mut |n| seen.extend(n.tag().map(str::to_owned)));
    assert_eq!(seen, ["div", "h1", "ul", "li", "li"]);
    // SPEC 1.50: children can be replaced in place.
    page.children_mut().unwrap()[0] = H2!("Other");
    page.push(P!("end"));
    assert_eq!(
        page.render(),
        r#"<div id="main"><h2>Other</h2><ul><li id="first">one</li><li>two</li></ul><p>end</p></div>"#
    );
    // fill_form reaches inputs inside compiled children (SPEC 1.103).
    let form = Form!(Fieldset!(Input!(name = "title"), Textarea!(name = "body")));
    let filled = fill_form(&form, &serde_json::json!({"title": "T", "body": "B <b>"}));
    assert_eq!(
        filled.render(),
        r#"<form enctype="multipart/form-data"><fieldset><input name="title" value="T"><textarea name="body">B &lt;b&gt;</textarea></fieldset></form>"#
    );
    // A clone renders the same and compares equal.
    let copy = filled.clone();
    assert_eq!(copy, filled);
    assert_eq!(copy.render(), filled.render());
}

#[test]
fn loops_of_nested_tags_are_compiled_too() {
    struct Team {
        name: String,
        score: u32,
    }
    let teams: Vec<Team> = [("Jiangsu", 43), ("Beijing <B>", 27), ("Guangzhou", 22)]
        .iter()
        .map(|(n, s)| Team {
            name: (*n).into(),
            score: *s,
        })
        .collect();
    // `iter.map(|pat| Tag!(..))` as a child: one template for the list, the items' values
    // in one slot. Tuple and typed patterns, nested loops, bodies without values, empty
    // loops and ranges all render and inspect like the elements built one by one.
    let compiled = Div!(
        Ul!(teams.iter().enumerate().map(|(i, team)| Li!(
            B!(&team.name),
            ": ",
            team.score,
            cls = (i == 0).then_some("champion"),
        ))),
        Ol!((1..=2).map(|n: u8| Li!(Ul!((0..n).map(|k| Li!(k, data_k = k)))))),
        Ul!(teams.iter().map(|_| Li!(B!("same")))),
        Ul!(teams.iter().take(0).map(|t| Li!(&t.name))),
    );
    let first: Vec<Ft> = teams
        .iter()
        .enumerate()
        .map(|(i, team)| {
            let b = B!(&team.name);
            Li!(b, ": ", team.score, cls = (i == 0).then_some("champion"))
        })
        .collect();
    let second: Vec<Ft> = (1..=2u8)
        .map(|n| {
            let inner: Vec<Ft> = (0..n).map(|k| Li!(k, data_k = k)).collect();
            let ul = Ul!(inner);
            Li!(ul)
        })
        .collect();
    let third: Vec<Ft> = teams.iter().map(|_| Li!(B!("same"))).collect();
    let parts = vec![Ul!(first), Ol!(second), Ul!(third), Ul!()];
    let built = Div!(parts);
    assert_eq!(
        compiled.render(),
        concat!(
            r#"<div><ul><li class="champion"><b>Jiangsu</b>: 43</li><li><b>Beijing &lt;B&gt;</b>: 27</li><li><b>Guangzhou</b>: 22</li></ul>"#,
            r#"<ol><li><ul><li data-k="0">0</li></ul></li><li><ul><li data-k="0">0</li><li data-k="1">1</li></ul></li></ol>"#,
            r#"<ul><li><b>same</b></li><li><b>same</b></li><li><b>same</b></li></ul><ul></ul></div>"#
        )
    );
    same(compiled.clone(), built);
    // The loop's items are children like any others.
    let ul = &compiled.children()[0];
    assert_eq!(ul.children().len(), 3);
    assert_eq!(
        ul.children()[1].children()[0].render(),
        "<b>Beijing &lt;B&gt;</b>"
    );
}

#[test]
fn maps_that_are_not_plain_iterators_keep_their_meaning() {
    // `Option::map` and `Result::map` are not loops: a `Result`'s error still renders.
    let some = Some("x");
    let err: Result<&str, &str> = Err("failed");
    let el = Div!(some.map(|s| P!(s)), err.map(|s| P!(s)));
    assert_eq!(el.render(), "<div><p>x</p>failed</div>");
}

#[test]
fn repeated_and_unwritable_names_with_run_time_values() {
    // `hx_target` and `target_id` name one attribute, and "bad name" is never written
    // (SPEC 1.28): the template's prepared steps then differ from the macro's numbering of
    // its values, and the macro's unrolled renderer must not be used for them.
    let (t, u, v) = (String::from("#t"), String::from("u"), String::from("v"));
    let compiled = Div!(
        Button!(
            "go",
            hx_target = t.clone(),
            hx_get = v.clone(),
            target_id = u.clone()
        ),
        Span!("s", "bad name" = v.clone(), title = t.clone()),
    );
    let parts = vec![
        Button!(
            "go",
            hx_target = t.clone(),
            hx_get = v.clone(),
            target_id = u.clone()
        ),
        Span!("s", "bad name" = v.clone(), title = t.clone()),
    ];
    let built = Div!(parts);
    assert_eq!(
        compiled.render(),
        r##"<div><button hx-get="v" hx-target="#u">go</button><span title="#t">s</span></div>"##
    );
    same(compiled, built);
}

#[test]
fn an_element_keeps_its_own_attributes_in_its_template() {
    // `Tr!(Td!(..), id = ..)`: the row's own attributes are slots of the same template as its
    // cells, yet read, compare and change like any element's attributes.
    let n = 1;
    let mut row = Tr!(
        Td!(n),
        Td!(B!("x")),
        id = format!("item-{n}"),
        cls = "r",
        hx_get = "/x"
    );
    let built = Tr!(
        vec![Td!(n), {
            let b = B!("x");
            Td!(b)
        }],
        id = format!("item-{n}"),
        cls = "r",
        hx_get = "/x"
    );
    assert_eq!(
        row.render(),
        r#"<tr hx-get="/x" id="item-1" class="r"><td>1</td><td><b>x</b></td></tr>"#
    );
    same(row.clone(), built);
    let el = row.as_element().unwrap();
    assert_eq!(el.id(), Some("item-1"));
    assert!(el.get("cls").is_some_and(|v| v.is("r")));
    let names: Vec<String> = el.attrs().iter().map(|a| a.name.to_string()).collect();
    assert_eq!(names, ["hx-get", "id", "class"]);
    assert_eq!(el.children().len(), 2);
    assert!(format!("{el:?}").contains("item-1"));
    // Changing an attribute or a child keeps everything else where it was.
    row.set("hx_get", "/y");
    row.as_element_mut().unwrap().remove("cls");
    row.push(Td!(3));
    assert_eq!(
        row.render(),
        r#"<tr hx-get="/y" id="item-1"><td>1</td><td><b>x</b></td><td>3</td></tr>"#
    );
    let mut other = Div!(P!("a"), id = "d");
    other.as_element_mut().unwrap().set_children(Span!("b"));
    assert_eq!(other.render(), r#"<div id="d"><span>b</span></div>"#);
    // fill_form reaches an input inside such an element (SPEC 1.103).
    let form = Div!(Fieldset!(Input!(name = "t"), id = "f"));
    let filled = fill_form(&form, &serde_json::json!({"t": "T"}));
    assert_eq!(
        filled.render(),
        r#"<div><fieldset id="f"><input name="t" value="T"></fieldset></div>"#
    );
}

#[test]
fn auto_name_on_an_element_with_compiled_children() {
    // SPEC 1.55: `id` copies into `name` on the tags that have it, also when the element's
    // own attributes are kept in its template; a given `name` wins.
    let compiled = Div!(
        Button!(Span!("go"), id = "b"),
        Button!(Span!("go"), id = "c", name = "n"),
        Section!(Span!("s"), id = "s")
    );
    let parts = vec![
        {
            let s = Span!("go");
            Button!(s, id = "b")
        },
        {
            let s = Span!("go");
            Button!(s, id = "c", name = "n")
        },
        {
            let s = Span!("s");
            Section!(s, id = "s")
        },
    ];
    let built = Div!(parts);
    assert_eq!(
        compiled.render(),
        concat!(
            r#"<div><button id="b" name="b"><span>go</span></button>"#,
            r#"<button name="n" id="c"><span>go</span></button>"#,
            r#"<section id="s"><span>s</span></section></div>"#
        )
    );
    same(compiled, built);
    let b = Button!(Span!("go"), id = "b");
    assert_eq!(b.get_str("name").as_deref(), Some("b"));
}

#[test]
fn typed_values_read_back_as_the_values_they_convert_to() {
    // A template keeps strings, integers and optional strings in their own types
    // (`ft_html::typed`); read back, each is the `Ft` or attribute value the same value
    // gives an element built at run time.
    let (owned, name) = (
        String::from("own <ed>"),
        String::from("a name longer than 23 bytes"),
    );
    let (some, none): (Option<&str>, Option<String>) = (Some("s"), None);
    let (i8_, i16_, i32_, i64_, isize_) = (-8i8, -16i16, -32i32, -64i64, -1isize);
    let (u8_, u16_, u32_, u64_, usize_) = (8u8, 16u16, 32u32, u64::MAX, 7usize);
    let compiled = Tr!(
        Td!(
            owned.clone(),
            &name,
            name.as_str(),
            format!("f{}", 1),
            some,
            none.clone()
        ),
        Td!(i8_, i16_, i32_, i64_, isize_, &i32_, &i64_),
        Td!(u8_, u16_, u32_, u64_, usize_, &u32_, &u64_, &usize_),
        Td!(
            "x",
            data_a = owned.clone(),
            data_b = &name,
            data_c = format!("#{}", 2),
            data_d = some,
            data_e = none.clone(),
            data_f = i32_,
            data_g = u64_,
            data_h = &usize_,
        ),
        id = name.as_str()
    );
    let cells = [
        Td!(
            owned.clone(),
            &name,
            name.as_str(),
            format!("f{}", 1),
            some,
            none.clone()
        ),
        Td!(i8_, i16_, i32_, i64_, isize_, &i32_, &i64_),
        Td!(u8_, u16_, u32_, u64_, usize_, &u32_, &u64_, &usize_),
        Td!(
            "x",
            data_a = owned.clone(),
            data_b = &name,
            data_c = format!("#{}", 2),
            data_d = some,
            data_e = none.clone(),
            data_f = i32_,
            data_g = u64_,
            data_h = &usize_,
        ),
    ];
    let built = Tr!(cells, id = name.as_str());
    assert_eq!(
        compiled.render(),
        concat!(
            r#"<tr id="a name longer than 23 bytes"><td>own &lt;ed&gt;a name longer than 23 bytes"#,
            r#"a name longer than 23 bytesf1s</td><td>-8-16-32-64-1-32-64</td>"#,
            r#"<td>8163218446744073709551615732184467440737095516157</td><td data-a="own &lt;ed&gt;" "#,
            r##"data-b="a name longer than 23 bytes" data-c="#2" data-d="s" data-f="-32" "##,
            r#"data-g="18446744073709551615" data-h="7">x</td></tr>"#
        )
    );
    assert_eq!(compiled.id(), Some("a name longer than 23 bytes"));
    same(compiled, built);
}

/// The same `format!` values in a template (most kept as pieces, `ft_html::__private::fmt::Fmt`) and
/// in elements built at run time (formatted into strings).
macro_rules! format_cells {
    ($n:expr, $neg:expr, $s:expr) => {
        [
            Td!(
                format!("n={}", $n),
                format!("{}-{}-{}", $n, $neg, $s),
                format!("[{}]", "<b> & c"),
                format!("{}", 1.5f64),
                format!("a&b{}", $n),
                format!("{}{}{}{}{}{}{}", 1, 2, 3, 4, 5, 6, 7),
            ),
            Td!(
                A!(
                    "x",
                    href = format!("/a/{}", $n),
                    hx_get = format!("/items/{}?q={}", $n, $s),
                    hx_target = format!("#item-{}", $neg),
                ),
                A!("y", href = format!("java{}", "script:alert(1)")),
                A!("z", href = format!("{}:{}", "javascript", 1)),
                A!("w", href = format!("https://x.org/{}", $n)),
                data_q = format!("say {}", "\"hi\""),
                data_c = format!("{}", 'c'),
            ),
        ]
    };
}

#[test]
fn formats_are_kept_as_pieces_and_read_back_as_strings() {
    // A URL attribute built by `format!` is made inert when unsafe (a deliberate difference,
    // as in `spec_1_core_attributes.rs`), checked whole, wherever its scheme comes from; the
    // quoting rule (SPEC 1.23) and text escaping (SPEC 1.29) see the arguments too.
    let (n, neg, s) = (42u64, -7i32, String::from("<s>"));
    let compiled = Tr!(
        format_cells!(n, neg, s)[0].clone(),
        Td!(
            format!("n={}", n),
            format!("{}-{}-{}", n, neg, s),
            format!("[{}]", "<b> & c"),
            format!("{}", 1.5f64),
            format!("a&b{}", n),
            format!("{}{}{}{}{}{}{}", 1, 2, 3, 4, 5, 6, 7),
        ),
        Td!(
            A!(
                "x",
                href = format!("/a/{}", n),
                hx_get = format!("/items/{}?q={}", n, s),
                hx_target = format!("#item-{}", neg),
            ),
            A!("y", href = format!("java{}", "script:alert(1)")),
            A!("z", href = format!("{}:{}", "javascript", 1)),
            A!("w", href = format!("https://x.org/{}", n)),
            data_q = format!("say {}", "\"hi\""),
            data_c = format!("{}", 'c'),
        ),
        id = format!("item-{n}")
    );
    let [first, second] = format_cells!(n, neg, s);
    let built = Tr!(first.clone(), first, second, id = format!("item-{n}"));
    let html = compiled.render();
    assert!(
        html.contains(concat!(
            r#"<td>n=4242--7-&lt;s&gt;[&lt;b&gt; &amp; c]1.5a&amp;b421234567</td>"#,
            r#"<td data-q='say "hi"' data-c="c"><a href="/a/42" hx-get="/items/42?q=&lt;s&gt;" "#,
            r##"hx-target="#item--7">x</a><a href="about:invalid#ft-unsafe-url">y</a>"##,
            r##"<a href="about:invalid#ft-unsafe-url">z</a><a href="https://x.org/42">w</a></td>"##,
        )),
        "{html}"
    );
    assert_eq!(compiled.id(), Some("item-42"));
    same(compiled, built);
}

#[test]
fn loops_keep_their_items_through_growth_clones_and_changes() {
    // A filter's size hint is 0: the items' memory grows as they come. A clone is deep, and
    // changing the original (which turns the template into ordinary children, moving the
    // values) leaves the clone as it was.
    let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
    let mut list = Ul!(words
        .iter()
        .filter(|w| w.len() > 2 || w.ends_with('7'))
        .map(|w| Li!(B!(w), data_w = w.as_str())));
    let kept: Vec<&String> = words
        .iter()
        .filter(|w| w.len() > 2 || w.ends_with('7'))
        .collect();
    assert_eq!(kept.len(), 31);
    let built = Ul!(kept
        .iter()
        .map(|w| {
            let b = B!(*w);
            Li!(b, data_w = w.as_str())
        })
        .collect::<Vec<_>>());
    let copy = list.clone();
    same(list.clone(), built.clone());
    list.push(Li!("last"));
    assert_eq!(list.children().len(), 32);
    assert_eq!(list.children()[0], built.children()[0]);
    assert!(
        list.render()
            .ends_with(r#"<li data-w="w39"><b>w39</b></li><li>last</li></ul>"#)
    );
    same(copy, built);
}

#[test]
fn loops_of_leaf_elements_are_compiled() {
    // The big table's shape: a loop of rows, each a loop of cells with one value.
    let table: Vec<Vec<usize>> = (0..3)
        .map(|r| (0..3).map(|c| r * 10 + c).collect())
        .collect();
    let compiled = Table!(table.iter().map(|row| Tr!(row.iter().map(|n| Td!(n)))));
    let rows: Vec<Ft> = table
        .iter()
        .map(|row| Tr!(row.iter().map(|n| Td!(n)).collect::<Vec<_>>()))
        .collect();
    let built = Table!(rows);
    assert_eq!(
        compiled.render(),
        "<table><tr><td>0</td><td>1</td><td>2</td></tr><tr><td>10</td><td>11</td><td>12</td></tr>\
         <tr><td>20</td><td>21</td><td>22</td></tr></table>"
    );
    assert_eq!(compiled.children().len(), 3);
    assert_eq!(compiled.children()[2].children()[1].render(), "<td>21</td>");
    same(compiled, built);
}

/// `x.map(|v| Tag!(..))` on an `Option` or a `Result` is an optional section of the template:
/// it renders and reads back like the `Option<Ft>` / `Result<Ft, E>` child it was, a
/// `Result`'s `Err` included; an iterator held in a variable is still every item.
#[test]
fn option_and_result_maps_are_sections() {
    fn card(avatar: Option<&str>, bio: Result<&str, &str>, tags: &[&str]) -> Ft {
        let tags = tags.iter();
        Article!(
            avatar.map(|src| Img!(src = src, alt = "a")),
            H3!("name"),
            bio.map(|b| P!(b)),
            tags.map(|t| Mark!(*t)),
            id = "c",
        )
    }
    // The same values computed first: ordinary children.
    fn built(avatar: Option<&str>, bio: Result<&str, &str>, tags: &[&str]) -> Ft {
        let avatar: Option<Ft> = avatar.map(|src| Img!(src = src, alt = "a"));
        let bio: Result<Ft, &str> = bio.map(|b| P!(b));
        let tags: Vec<Ft> = tags.iter().map(|t| Mark!(*t)).collect();
        Article!(avatar, H3!("name"), bio, tags, id = "c")
    }
    for (avatar, bio, tags) in [
        (Some("/a.png"), Ok("b & c"), &["x", "y"][..]),
        (None, Err("no <bio>"), &[][..]),
        (Some("/b.png"), Err("e"), &["z"][..]),
    ] {
        let compiled = card(avatar, bio, tags);
        let by_hand = built(avatar, bio, tags);
        assert_eq!(compiled.render(), by_hand.render());
        assert_eq!(compiled.children(), by_hand.children());
        assert_eq!(compiled, by_hand);
    }
    assert_eq!(
        card(Some("/a.png"), Err("no <bio>"), &["x"]).render(),
        r#"<article id="c"><img src="/a.png" alt="a"><h3>name</h3>no &lt;bio&gt;<mark>x</mark></article>"#
    );
}

/// A `Grid!` without a spread is compiled (`<div class="grid">` with each child in a
/// `<div>`, a list unwrapped): it equals the grid its builder makes (a spread keeps the
/// builder), with its class where FastHTML writes it or the one given.
#[test]
fn a_grid_is_compiled_like_its_builder() {
    let none: [(&str, &str); 0] = [];
    let cards: Vec<Ft> = vec![Span!("c"), Span!("d")];
    let card = |s: &str| Card!(P!(s.to_string()), header = "h");
    let small = |i: i32| Small!(i);
    let compiled = Grid!(
        "a",
        P!("b"),
        cards.clone(),
        card("x"),
        (1..3).map(small),
        Some(Em!("e")),
        id = "g",
        title = "t"
    );
    let built = Grid!(
        "a",
        P!("b"),
        cards.clone(),
        card("x"),
        (1..3).map(small),
        Some(Em!("e")),
        id = "g",
        title = "t",
        ..none
    );
    assert_eq!(
        compiled.render(),
        "<div id=\"g\" class=\"grid\" title=\"t\"><div>a</div><div><p>b</p></div>\
         <span>c</span><span>d</span><div><article><header>h</header><p>x</p></article></div>\
         <small>1</small><small>2</small><div><em>e</em></div></div>"
    );
    same(compiled, built);
    same(
        Grid!(P!("a"), cls = "g2"),
        Grid!(P!("a"), cls = "g2", ..none),
    );
    assert_eq!(Grid!().render(), r#"<div class="grid"></div>"#);
}

/// `Titled!` without a spread, a `title = ..` keyword or an attribute before its title has
/// its `<main>` compiled (`<h1>` and children in one template): it equals what its builder
/// makes (a spread keeps the builder).
#[test]
fn titled_is_compiled_like_its_builder() {
    let none: [(&str, &str); 0] = [];
    let name = String::from("Reports & <dashboards>");
    let grid = || Grid!(P!("a"), Span!("b"));
    same(
        Titled!(&name, P!("intro"), grid(), "tail", id = "m", style = "x"),
        Titled!(
            &name,
            P!("intro"),
            grid(),
            "tail",
            id = "m",
            style = "x",
            ..none
        ),
    );
    same(
        Titled!("T", P!("x"), cls = "wide"),
        Titled!("T", P!("x"), cls = "wide", ..none),
    );
    same(Titled!(), Titled!(..none));
    assert_eq!(
        Titled!(&name, P!("intro"), id = "m").render(),
        "<title>Reports &amp; &lt;dashboards&gt;</title><main id=\"m\" class=\"container\">\
         <h1>Reports &amp; &lt;dashboards&gt;</h1><p>intro</p></main>"
    );
}

/// A `Card!` whose header or footer is known only at run time is compiled too: each is
/// shown in its element unless it is empty, as its builder decides (a spread keeps the
/// builder).
#[test]
fn a_card_with_run_time_header_and_footer_is_compiled_like_its_builder() {
    let none: [(&str, &str); 0] = [];
    for (h, f) in [("H & co", "F"), ("", "F"), ("H", "")] {
        same(
            Card!(P!("x"), header = h, footer = f, id = "c"),
            Card!(P!("x"), header = h, footer = f, id = "c", ..none),
        );
        let opt: Option<Ft> = (!h.is_empty()).then(|| Strong!(h));
        same(
            Card!(P!("x"), header = opt.clone(), footer = H3!("f")),
            Card!(P!("x"), header = opt.clone(), footer = H3!("f"), ..none),
        );
    }
    assert_eq!(
        Card!(Strong!(7), header = "Users".to_string()).render(),
        "<article><header>Users</header><strong>7</strong></article>"
    );
    assert_eq!(
        Card!(Strong!(7), header = String::new()).render(),
        "<article><strong>7</strong></article>"
    );
}
