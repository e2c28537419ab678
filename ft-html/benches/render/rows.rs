//! **rows**: the 100 `<tr>` rows of the web benchmark's page (bench/), each with an id, an
//! escaped title and a link with four attributes, three of them `format!`-built. ft's rows are
//! `tests/common/rows.rs` (shared with the allocation budget test).

#[path = "../../tests/common/rows.rs"]
mod common;

pub use common::Item;

pub const PER_BATCH: usize = 50;

pub type Data = Vec<Item>;

pub fn data() -> Data {
    common::items()
}

/// ft's tree, before rendering (the `RENDER_SPLIT` mode times building and rendering apart).
pub fn tree(items: &Data) -> ft_html::Ft {
    common::tree(items)
}

pub fn ft(items: &Data) -> String {
    tree(items).render()
}

/// The same rows as `bench/src/lib.rs` (the hand-written actix-web + maud server).
pub fn maud(items: &Data) -> String {
    maud::html! {
        tbody id="items" {
            @for it in items {
                tr id={ "item-" (it.id) } {
                    td { (it.id) }
                    td { (it.title) }
                    td { @if it.done { "yes" } @else { "no" } }
                    td {
                        a href="#" hx-get={ "/items/" (it.id) } hx-swap="outerHTML" hx-target={ "#item-" (it.id) } { "edit" }
                    }
                }
            }
        }
    }
    .into_string()
}

#[derive(askama::Template)]
#[template(
    source = "<tbody id=\"items\">{% for it in items %}<tr id=\"item-{{ it.id }}\"><td>{{ it.id }}</td>\
<td>{{ it.title }}</td><td>{% if it.done %}yes{% else %}no{% endif %}</td><td><a href=\"#\" \
hx-get=\"/items/{{ it.id }}\" hx-swap=\"outerHTML\" hx-target=\"#item-{{ it.id }}\">edit</a></td></tr>\
{% endfor %}</tbody>",
    ext = "html"
)]
struct AskamaTpl<'a> {
    items: &'a [Item],
}

pub fn askama(items: &Data) -> String {
    askama::Template::render(&AskamaTpl { items }).unwrap()
}

#[derive(sailfish::TemplateOnce)]
#[template(path = "rows.stpl")]
struct SailfishTpl<'a> {
    items: &'a [Item],
}

pub fn sailfish(items: &Data) -> String {
    sailfish::TemplateOnce::render_once(SailfishTpl { items }).unwrap()
}

pub fn check() {
    let ft = ft(&data());
    assert!(
        ft.starts_with(
            "<tbody id=\"items\"><tr id=\"item-1\"><td>1</td><td>Item 1 &lt;buy&gt; milk &amp; eggs</td>\
             <td>no</td><td><a href=\"#\" hx-get=\"/items/1\" hx-swap=\"outerHTML\" hx-target=\"#item-1\">edit</a></td></tr>"
        ),
        "{}",
        &ft[..200]
    );
}
