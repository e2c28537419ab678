//! The benchmark app's markup in ft, shared by the server (`bin/ft_app.rs`) and the in-process
//! breakdown (`examples/breakdown.rs`) so both measure the same tree.

use ft_web::prelude::*;

/// A row of the `item` table, as ft-data reads it: the three columns the page shows, as the
/// hand-written servers read them (the table's `priority` column keeps its default).
#[derive(Record, Clone, Debug)]
#[table(name = "item")]
pub struct Item {
    pub id: i64,
    pub title: String,
    pub done: bool,
}

/// The `<tr>` of one item (the htmx partial and the POST's answer). It takes the item by
/// value, so the tree takes the title as it is: a borrowed title longer than 23 bytes would
/// be copied (docs/perf-web.md).
pub fn row(it: Item) -> Ft {
    Tr!(
        Td!(it.id),
        Td!(it.title),
        Td!(if it.done { "yes" } else { "no" }),
        Td!(A!(
            "edit",
            hx_get = format!("/items/{}", it.id),
            hx_target = format!("#item-{}", it.id),
            hx_swap = "outerHTML"
        )),
        id = format!("item-{}", it.id)
    )
}

/// The page's content: the table of rows and the form that adds one.
pub fn body(rows: Vec<Item>) -> Ft {
    Titled!(
        "Items",
        ft_web::Table!(
            Thead!(Tr!(Th!("id"), Th!("title"), Th!("done"), Th!("edit"))),
            Tbody!(rows.into_iter().map(row), id = "items")
        ),
        Form!(
            Input!(name = "title"),
            Button!("Add"),
            hx_post = "/items",
            hx_target = "#items",
            hx_swap = "beforeend"
        )
    )
}
