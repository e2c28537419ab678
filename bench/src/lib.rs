//! The load benchmark's shared pieces for the hand-written actix-web servers: the row type, the
//! maud templates (the same HTML ft renders, byte for byte: `bench/run.sh` checks it) and the
//! server settings. The ft server is `src/bin/ft_app.rs` (its markup in `ft_page`), FastHTML's is `fasthtml_app.py`.

pub mod ft_page;

use maud::{Markup, PreEscaped, html};

/// One row of the `item` table (the `priority` column is not shown).
pub struct Item {
    /// Primary key.
    pub id: i64,
    /// Shown escaped.
    pub title: String,
    /// Shown as yes/no.
    pub done: bool,
}

/// The form of the POST.
#[derive(serde::Deserialize)]
pub struct NewItem {
    /// The new row's title.
    pub title: String,
}

/// The `<tr>` of one item (the htmx partial and the POST's answer).
pub fn row(it: &Item) -> Markup {
    html! {
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

/// The full page: FastHTML's default `<head>` (CDN links, Pico) and the table of items.
pub fn page(items: &[Item]) -> String {
    html! {
        (PreEscaped("<!doctype html>"))
        html {
            head {
                title { "Items" }
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover";
                script src="https://cdn.jsdelivr.net/npm/htmx.org@2.0.7/dist/htmx.js" {}
                script src="https://cdn.jsdelivr.net/gh/answerdotai/fasthtml-js@1.0.12/fasthtml.js" {}
                script src="https://cdn.jsdelivr.net/gh/answerdotai/surreal@main/surreal.js" {}
                script src="https://cdn.jsdelivr.net/gh/gnat/css-scope-inline@main/script.js" {}
                link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/@anyblades/pico@latest/css/pico.min.css";
                style { (PreEscaped(":root { --pico-font-size: 100%; }")) }
            }
            body {
                main class="container" {
                    h1 { "Items" }
                    table {
                        thead { tr { th { "id" } th { "title" } th { "done" } th { "edit" } } }
                        tbody id="items" {
                            @for it in items { (row(it)) }
                        }
                    }
                    form enctype="multipart/form-data" hx-post="/items" hx-swap="beforeend" hx-target="#items" {
                        input name="title";
                        button { "Add" }
                    }
                }
            }
        }
    }
    .into_string()
}

/// The database file (`FT_BENCH_DB`, seeded by `bench/seed.py`).
pub fn db_path() -> String {
    std::env::var("FT_BENCH_DB").unwrap_or_else(|_| "bench.db".into())
}

/// The address to listen on: 127.0.0.1 and `PORT`.
pub fn addr() -> (&'static str, u16) {
    let port = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(5001);
    ("127.0.0.1", port)
}

/// The response headers ft sends with every HTML answer, so all servers send the same.
pub const HTML: &str = "text/html; charset=utf-8";
