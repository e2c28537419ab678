//! The headers ft-html's `macro_rules!` wrappers write before the user's tokens (`{$crate},
//! {builder}, [named], [positional], kind;`), by macro name, so that `ft dev` can expand a
//! call as the compiler does. A test checks this table against ft-html's wrappers.

use ft_tags::tag_list;

/// The helper macros whose one arm forwards to `component!` (`tag!`, whose header depends on
/// its first argument, is left out: its calls are never hot-reloaded).
pub(super) const HELPERS: &[(&str, &str)] = &[
    (
        "A",
        "{$crate}, {$crate::xtend::Preset::a()}, [], [], nonvoid(\"a\")",
    ),
    (
        "AX",
        "{$crate}, {$crate::xtend::AxBuilder::default()}, [], [txt, hx_get, target_id, hx_swap], nonvoid",
    ),
    (
        "Card",
        "{$crate}, {$crate::pico::CardBuilder::default()}, [header, footer], [], card",
    ),
    (
        "CheckboxX",
        "{$crate}, {$crate::xtend::CheckboxXBuilder::default()}, [], [checked, label], void(\"input\")",
    ),
    (
        "Circle",
        "{$crate}, {$crate::svg::SvgBuilder::circle()}, [], [r], nonvoid",
    ),
    (
        "Container",
        "{$crate}, {$crate::pico::ContainerBuilder::default()}, [], [], nonvoid",
    ),
    (
        "DialogX",
        "{$crate}, {$crate::pico::DialogXBuilder::default()}, [open, header, footer, id], [], nonvoid",
    ),
    (
        "Ellipse",
        "{$crate}, {$crate::svg::SvgBuilder::ellipse()}, [], [rx, ry], nonvoid",
    ),
    (
        "Form",
        "{$crate}, {$crate::xtend::Preset::form()}, [], [], nonvoid(\"form\")",
    ),
    (
        "Grid",
        "{$crate}, {$crate::pico::GridBuilder::default()}, [], [], grid",
    ),
    (
        "Group",
        "{$crate}, {$crate::pico::group_element()}, [], [], nonvoid",
    ),
    (
        "Hidden",
        "{$crate}, {$crate::xtend::Preset::hidden()}, [], [value], void(\"input\")",
    ),
    (
        "Html",
        "{$crate}, {$crate::xtend::HtmlBuilder::default()}, [doctype], [], keeps_tmpl",
    ),
    (
        "HxPartial",
        "{$crate}, {$crate::Element::new_static(\"hx-partial\", false)}, [], [], nonvoid",
    ),
    (
        "Line",
        "{$crate}, {$crate::svg::SvgBuilder::line()}, [w], [x1, y1, x2, y2], nonvoid",
    ),
    (
        "Path",
        "{$crate}, {$crate::svg::SvgBuilder::path()}, [], [d], nonvoid",
    ),
    (
        "PicoSearch",
        "{$crate}, {$crate::pico::search_element()}, [], [], nonvoid",
    ),
    (
        "Polygon",
        "{$crate}, {$crate::svg::SvgBuilder::polygon()}, [points], [points], nonvoid",
    ),
    (
        "Polyline",
        "{$crate}, {$crate::svg::SvgBuilder::polyline()}, [points], [points], nonvoid",
    ),
    (
        "Rect",
        "{$crate}, {$crate::svg::SvgBuilder::rect()}, [], [width, height], nonvoid",
    ),
    (
        "Script",
        "{$crate}, {$crate::xtend::Preset::script()}, [], [], nonvoid(\"script\")",
    ),
    (
        "Style",
        "{$crate}, {$crate::xtend::Preset::style()}, [], [], nonvoid(\"style\")",
    ),
    (
        "SvgText",
        "{$crate}, {$crate::svg::SvgBuilder::text()}, [], [], nonvoid",
    ),
    (
        "SvgX",
        "{$crate}, {$crate::svg::SvgBuilder::svg()}, [w, h], [], nonvoid",
    ),
    (
        "Titled",
        "{$crate}, {$crate::xtend::TitledBuilder::default()}, [], [title], titled",
    ),
    (
        "YouTubeEmbed",
        "{$crate}, {$crate::xtend::YouTubeEmbedBuilder::default()}, [width, height, start_time, no_controls, title, cls], [video_id], nonvoid",
    ),
    (
        "jsd",
        "{$crate}, {$crate::xtend::Jsd::default()}, [prov, typ, ver, esm], [org, repo, root, path], void(\"link\")",
    ),
];

/// The header of the tag or helper macro `name`, with `$crate` written as `::ft_html`.
pub(super) fn header(name: &str) -> Option<String> {
    let plain = [
        (tag_list::HTML, "nonvoid"),
        (tag_list::VOID, "void"),
        (tag_list::SVG, "nonvoid"),
    ]
    .into_iter()
    .find_map(|(list, kind)| {
        list.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, tag)| (kind, tag))
    });
    let header = match plain {
        Some((kind, tag)) => format!(
            "{{$crate}}, {{$crate::Element::from_tag(&$crate::__private::tags::{name})}}, [], [], {kind}(\"{tag}\", {name})"
        ),
        None => HELPERS.iter().find(|(n, _)| *n == name)?.1.to_string(),
    };
    Some(header.replace("$crate", "::ft_html"))
}
