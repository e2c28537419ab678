//! One macro per HTML tag FastHTML exports (SPEC 1.1, 1.2), plus the SVG element tags.
//! Each takes children positionally and attributes as `name = value`:
//! `Div!(P!("hi"), id = "x")`, also written `Div![..]`. `A!`, `Form!`, `Script!` and
//! `Style!` are FastHTML's helpers with defaults (in `components`); their plain tags are
//! `TagA!`, `TagForm!`, `TagScript!`, `TagStyle!`.
//!
//! The lists below are the whole tag set; add a tag by adding it to its list. Each tag also has
//! a `static` [`TagDesc`] here, named like its macro (`tags::Td`).

use crate::TagDesc;

/// Defines tag macros, each with its `static` [`TagDesc`] (named like the macro) that every
/// element it makes points to, and `$lookup`, which finds a descriptor by name. `$d` is a `$`
/// token so the generated macros have their own repetitions.
macro_rules! define_tags {
    ($d:tt $lookup:ident $void:ident $is_void:literal; $($name:ident $tag:literal,)*) => {
        $(
            #[doc = concat!("The descriptor of `<", $tag, ">`.")]
            #[allow(non_upper_case_globals)]
            pub static $name: TagDesc =
                TagDesc::new($tag, concat!("<", $tag, ">"), concat!("</", $tag, ">"), $is_void);

            #[doc = concat!("The `<", $tag, ">` element: children positionally, attributes as `name = value`.\n\n```\nuse ft_core::prelude::*;\nlet el = ", stringify!($name), "!(id = \"x\");\nassert_eq!(el.tag(), Some(\"", $tag, "\"));\nassert!(el.render().starts_with(\"<", $tag, " id=\\\"x\\\"\"));\n```")]
            #[macro_export]
            macro_rules! $name {
                ($d($d t:tt)*) => {
                    $d crate::__macros::component!(
                        {$d crate}, {$d crate::Element::from_tag(&$d crate::tags::$name)}, [], [], $void($tag);
                        $d($d t)*
                    )
                };
            }
        )*

        fn $lookup(name: &str) -> Option<&'static TagDesc> {
            match name {
                $($tag => Some(&$name),)*
                _ => None,
            }
        }
    };
}

/// `<!doctype>` (the `Html!` helper's first node).
pub static DOCTYPE: TagDesc = TagDesc::new("!doctype", "<!doctype>", "</!doctype>", true);
/// `<html>` (written by the `Html!` helper and `tag!("html")`).
pub static HTML: TagDesc = TagDesc::new("html", "<html>", "</html>", false);
/// `<hx-partial>`.
pub static HX_PARTIAL: TagDesc = TagDesc::new("hx-partial", "<hx-partial>", "</hx-partial>", false);

/// The `static` descriptor of a tag name, if the tag macros know it.
pub(crate) fn lookup(name: &str) -> Option<&'static TagDesc> {
    html(name)
        .or_else(|| void(name))
        .or_else(|| svg(name))
        .or(match name {
            "!doctype" => Some(&DOCTYPE),
            "html" => Some(&HTML),
            "hx-partial" => Some(&HX_PARTIAL),
            _ => None,
        })
}

define_tags! { $ html nonvoid false;
    TagA "a", Abbr "abbr", Address "address", Article "article", Aside "aside", Audio "audio",
    B "b", Bdi "bdi", Bdo "bdo", Blockquote "blockquote", Body "body", Button "button",
    Canvas "canvas", Caption "caption", Cite "cite", Code "code", Colgroup "colgroup",
    Data "data", Datalist "datalist", Dd "dd", Del "del", Details "details", Dfn "dfn",
    Dialog "dialog", Div "div", Dl "dl", Dt "dt", Em "em", Fencedframe "fencedframe",
    Fieldset "fieldset", Figcaption "figcaption", Figure "figure", Footer "footer",
    TagForm "form", H1 "h1", H2 "h2", H3 "h3", H4 "h4", H5 "h5", H6 "h6", Head "head",
    Header "header", Hgroup "hgroup", I "i", Iframe "iframe", Ins "ins", Kbd "kbd", Label "label",
    Legend "legend", Li "li", Main "main", Map "map", Mark "mark", Menu "menu", Meter "meter",
    Nav "nav", Noscript "noscript", Object "object", Ol "ol", Optgroup "optgroup",
    Option "option", Output "output", P "p", Picture "picture",
    PortalExperimental "portalexperimental", Pre "pre", Progress "progress", Q "q", Rp "rp",
    Rt "rt", Ruby "ruby", S "s", Samp "samp", TagScript "script", Search "search",
    Section "section", Select "select", Slot "slot", Small "small", Span "span", Strong "strong",
    TagStyle "style", Sub "sub", Summary "summary", Sup "sup", Table "table", Tbody "tbody",
    Td "td", Template "template", Textarea "textarea", Tfoot "tfoot", Th "th", Thead "thead",
    Time "time", Title "title", Tr "tr", U "u", Ul "ul", Var "var", Video "video",
    Strike "strike", Svg "svg", Math "math",
}

define_tags! { $ void void true;
    Area "area", Base "base", Br "br", Col "col", Embed "embed", Hr "hr", Img "img",
    Input "input", Link "link", Meta "meta", Source "source", Track "track", Wbr "wbr",
    Param "param",
}

// SVG element tags, with the case SVG gives them (`linearGradient`, where FastHTML writes
// `lineargradient`, SPEC 1.121). The shape helpers (`Rect!`, `Circle!`, `Path!`, ...) are in `svg`.
define_tags! { $ svg nonvoid false;
    G "g", Defs "defs", Symbol "symbol", Use "use", Image "image", Marker "marker", Mask "mask",
    Pattern "pattern", ClipPath "clipPath", LinearGradient "linearGradient",
    RadialGradient "radialGradient", Stop "stop", Filter "filter", FeBlend "feBlend",
    FeColorMatrix "feColorMatrix", FeComponentTransfer "feComponentTransfer",
    FeComposite "feComposite", FeConvolveMatrix "feConvolveMatrix",
    FeDiffuseLighting "feDiffuseLighting", FeDisplacementMap "feDisplacementMap",
    FeDropShadow "feDropShadow", FeFlood "feFlood", FeGaussianBlur "feGaussianBlur",
    FeImage "feImage", FeMerge "feMerge", FeMergeNode "feMergeNode", FeMorphology "feMorphology",
    FeOffset "feOffset", FeSpecularLighting "feSpecularLighting", FeTile "feTile",
    FeTurbulence "feTurbulence", ForeignObject "foreignObject", TextPath "textPath",
    Tspan "tspan", Animate "animate", AnimateMotion "animateMotion",
    AnimateTransform "animateTransform", Desc "desc", Metadata "metadata", Switch "switch",
    View "view",
}

/// Any element by name, for tags chosen at run time or custom elements (FastHTML's
/// `ft_hx`/`ft_html`, SPEC 1.5, 1.54): the tag is lower-cased, and void when HTML says so.
///
/// ```
/// use ft_core::prelude::*;
/// assert_eq!(tag!("sl-dropdown", "a", x_y = 1).render(), r#"<sl-dropdown x-y="1">a</sl-dropdown>"#);
/// assert_eq!(tag!("My-Tag").render(), "<my-tag></my-tag>");
/// assert_eq!(tag!("br").render(), "<br>");
/// ```
///
/// A lower-case string literal gets its [`TagDesc`] at compile time, like the tag macros.
#[macro_export]
macro_rules! tag {
    ($tag:literal $(, $($t:tt)*)?) => {
        $crate::__macros::component!(
            {$crate},
            {
                if const { $crate::TagDesc::is_lower_case($tag) } {
                    $crate::Element::from_tag(const {
                        &$crate::TagDesc::new(
                            $tag,
                            concat!("<", $tag, ">"),
                            concat!("</", $tag, ">"),
                            $crate::TagDesc::is_void_name($tag),
                        )
                    })
                } else {
                    $crate::Element::new($tag)
                }
            },
            [], [], nonvoid; $($($t)*)?
        )
    };
    ($tag:expr $(, $($t:tt)*)?) => {
        $crate::__macros::component!(
            {$crate}, {$crate::Element::new($tag)}, [], [], nonvoid; $($($t)*)?
        )
    };
}
