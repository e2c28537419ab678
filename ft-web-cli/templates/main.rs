//! An ft app (FastHTML for Rust): one page with a form and a table, stored in SQLite.
//!
//! `cargo run`, then open http://127.0.0.1:5001 (`PORT` and `HOST` change the address);
//! `ft dev` rebuilds and reloads the page on every save (markup-only edits skip the rebuild),
//! `ft dev --dylib` with ft-web linked as a shared library (faster rebuilds);
//! `cargo test` runs `src/tests.rs`. As the app grows, give each page its own module (a file
//! or a `mod` here): a rebuild after an edit then rechecks less of the crate.

use ft_web::prelude::*;
// `ft dev --dylib`: ft-web linked as a shared library, for faster rebuilds (Cargo.toml).
#[cfg(feature = "dylib")]
use ft_web_dylib as _;

/// The page's title: the package's name until you write your own.
const TITLE: &str = env!("CARGO_PKG_NAME");

/// A row of the `items` table and the form that adds one. `FormFields` builds it from the
/// posted form: a missing field, or a quantity that is not a number, is a 400 naming it.
#[derive(Record, FormFields, Clone, Debug)]
#[table(name = "items")]
struct Item {
    /// Chosen by the database on insert, never read from the form.
    #[form(skip)]
    id: i64,
    name: String,
    qty: i64,
}

/// One row of the table; its button deletes the item and htmx swaps the row away.
fn row(item: &Item) -> Ft {
    Tr!(
        Td!(&item.name),
        Td!(item.qty),
        Td!(Button!(
            "Delete",
            hx_delete = remove.to(item.id),
            hx_target = "closest tr",
            hx_swap = "outerHTML",
            cls = "secondary outline"
        )),
        id = format!("item-{}", item.id)
    )
}

#[get("/")]
async fn index(items: Tbl<Item>) -> Result<Ft> {
    let form = Form!(
        Group!(
            Input!(name = "name", placeholder = "Name", required = true),
            Input!(name = "qty", r#type = "number", value = 1, min = 0),
            Button!("Add")
        ),
        // htmx posts the form and appends the row it gets back to the table.
        hx_post = add,
        hx_target = "#items",
        hx_swap = "beforeend",
        hx_on__after_request = "if (event.detail.successful) this.reset()"
    );
    let rows = items.all().await?;
    // `Table` in the prelude is the data derive; the <table> tag is `ft_web::Table!`.
    let table = ft_web::Table!(
        Thead!(Tr!(Th!("Name"), Th!("Quantity"), Th!())),
        Tbody!(rows.iter().map(row), id = "items")
    );
    let hint = P!("Items are kept in data/app.db.", cls = "hint");
    Ok((
        Link!(rel = "stylesheet", href = "/app.css"),
        Titled!(TITLE, form, table, hint),
    )
        .into_ft())
}

/// Adds an item from the form and answers with its row.
#[post("/items")]
async fn add(item: Item, items: Tbl<Item>) -> Result<Ft> {
    let name = item.name.trim().to_string();
    if name.is_empty() {
        return Err(Error::bad_request("name: required"));
    }
    if item.qty < 0 {
        return Err(Error::bad_request("qty: must not be negative"));
    }
    let item = items.insert(&Item { name, ..item }).await?;
    Ok(row(&item))
}

/// Deletes an item; the empty answer replaces its row.
#[delete("/items/{id}")]
async fn remove(id: i64, items: Tbl<Item>) -> Result<Ft> {
    items.delete(id).await?;
    Ok(Fragment(()))
}

/// The app on the SQLite file `db` (created with its folder if missing; the tests use a
/// temporary one). `fast_app()` also serves the files of `static/`.
fn app(db: &str) -> FastApp {
    fast_app()
        .db(db)
        .table::<Item>()
        .routes(routes![index, add, remove])
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    app("data/app.db").serve().await
}

#[cfg(test)]
mod tests;
