//! The web benchmark's 100 rows (`bench/src/ft_page.rs` writes the same markup for the
//! server), shared by the render benchmark and the allocation budget test.

use ft_html::prelude::*;

/// One row of the benchmark's `item` table.
pub struct Item {
    pub id: i64,
    pub title: String,
    pub done: bool,
}

/// Items 1 to 100, with titles that need escaping (24-25 bytes: past the inline size).
pub fn items() -> Vec<Item> {
    (1..=100)
        .map(|i| Item {
            id: i,
            title: format!("Item {i} <buy> milk & eggs"),
            done: i % 3 == 0,
        })
        .collect()
}

/// The `<tr>` of one item, its title borrowed.
pub fn row(it: &Item) -> Ft {
    Tr!(
        Td!(it.id),
        Td!(&it.title),
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

/// The `<tbody>` of all the rows.
#[allow(dead_code)] // the allocation budget test renders through `rows`
pub fn tree(items: &[Item]) -> Ft {
    Tbody!(items.iter().map(row), id = "items")
}

/// The `<tbody>` of all the rows, rendered.
#[allow(dead_code)] // the render benchmark renders through `tree`
pub fn rows(items: &[Item]) -> String {
    tree(items).render()
}
