//! One macro per HTML tag FastHTML exports (SPEC 1.1, 1.2), plus the SVG element tags.
//! Each takes children positionally and attributes as `name = value`:
//! `Div!(P!("hi"), id = "x")`, also written `Div![..]`. `A!`, `Form!`, `Script!` and
//! `Style!` are FastHTML's helpers with defaults (in `components`); their plain tags are
//! `TagA!`, `TagForm!`, `TagScript!`, `TagStyle!`.
//!
//! Tag calls nested in a tag macro (`Tr!(Td!(id), Td!(A!("edit")))`) are read by the outer
//! macro and compiled into one static template with the run-time values as slots
//! (`ft_html::tmpl`): the result renders, compares and inspects exactly like the same
//! elements built one by one, and is cheaper to build and render. The outer macro sees names
//! only, so for each call it compiles it also asks the compiler what the name means there
//! (`Td!(@__ft_plain_tag)`, which ft's tag macros answer with [`PlainTag`], checked by
//! [`check_plain_tag`] at compile time): a macro of your own named like a tag (`Td!`, `A!`) is
//! refused at its call with a compile error, never replaced by ft's tag. Bind its value first
//! (`let cell = Td!(..);`, then `Tr!(cell)`) to nest it; a call by path (`self::Td!(..)`) is
//! not compiled either, so it is left to its own macro. The two helpers that share a tag's name (`svg::Svg`, `pico::Search`) are never compiled into
//! the template: nested, they are ordinary children, whichever one is in scope.
//!
//! Every argument, nested ones included, is evaluated once, in the order written, although
//! the HTML puts an element's attributes before its children: `Li!(A!("x", hx_target =
//! format!("#{tid}")), id = tid)` borrows `tid` before moving it.
//!
//! The tag set is ft-macros' `tag_list.rs` (the tag macros and html2ft read it too); add a tag
//! by adding it to its list. Each tag also has a `static` [`TagDesc`] here, named like its
//! macro (`tags::Td`).

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

            #[doc = concat!("The `<", $tag, ">` element: children positionally, attributes as `name = value`.\n\n```\nuse ft_html::prelude::*;\nlet el = ", stringify!($name), "!(id = \"x\");\nassert_eq!(el.tag(), Some(\"", $tag, "\"));\nassert!(el.render().starts_with(\"<", $tag, " id=\\\"x\\\"\"));\n```")]
            #[macro_export]
            macro_rules! $name {
                // The resolution check of a nested call (see the module's docs).
                (@__ft_plain_tag) => { $d crate::__private::tags::PlainTag };
                ($d($d t:tt)*) => {
                    $d crate::__private::macros::component!(
                        {$d crate}, {$d crate::Element::from_tag(&$d crate::__private::tags::$name)}, [], [], $void($tag, $name);
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

/// What ft's plain tag macros (and the `A!`/`Form!` presets, which tag macros compile too)
/// give for `Td!(@__ft_plain_tag)`: the outer tag macro writes that call, spanned at a nested
/// call it compiles into its template, so that the compiler resolves the name there. Any other
/// macro of the name fails to match it, or gives another type, which [`check_plain_tag`]
/// refuses.
#[doc(hidden)]
pub struct PlainTag;

/// Implemented by [`PlainTag`] only.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "this nested call is not ft's tag macro: a macro of the same name is in scope here (its value is of type `{Self}`)",
    label = "not ft's tag macro",
    note = "a tag macro compiles the ft tag macros nested in it into its own template, so a nested call named like an ft tag must be ft's: to nest your own macro, bind its value first (`let cell = Td!(..);`, then `Tr!(cell)`)"
)]
pub trait IsPlainTag {}

impl IsPlainTag for PlainTag {}

/// The resolution check of a nested call: compiles (in a `const` block, to nothing) only when
/// the call's macro is ft's plain tag macro.
#[doc(hidden)]
pub const fn check_plain_tag<T: IsPlainTag>(tag: T) {
    std::mem::forget(tag);
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

// The lists themselves are ft-macros' `tag_list.rs` (the tag macros read them too).
// SVG element tags keep the case SVG gives them (`linearGradient`, where FastHTML writes
// `lineargradient`, SPEC 1.121). The shape helpers (`Rect!`, `Circle!`, `Path!`, ...) are in `svg`.
crate::__private::macros::tag_lists!(define_tags);

/// Any element by name, for tags chosen at run time or custom elements (FastHTML's
/// `ft_hx`/`ft_html`, SPEC 1.5, 1.54): the tag is lower-cased, and void when HTML says so.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(tag!("sl-dropdown", "a", x_y = 1).render(), r#"<sl-dropdown x-y="1">a</sl-dropdown>"#);
/// assert_eq!(tag!("My-Tag").render(), "<my-tag></my-tag>");
/// assert_eq!(tag!("br").render(), "<br>");
/// ```
///
/// A lower-case string literal gets its [`TagDesc`] at compile time, like the tag macros.
#[macro_export]
macro_rules! tag {
    ($tag:literal $(, $($t:tt)*)?) => {
        $crate::__private::macros::component!(
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
        $crate::__private::macros::component!(
            {$crate}, {$crate::Element::new($tag)}, [], [], nonvoid; $($($t)*)?
        )
    };
}
