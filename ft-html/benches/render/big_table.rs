//! **big_table**: a 100x100 table of integers (template-benchmarks-rs), about 110 KB of HTML.

use ft_html::prelude::*;

pub const PER_BATCH: usize = 50;

const SIZE: usize = 100;

pub type Data = Vec<Vec<usize>>;

pub fn data() -> Data {
    (0..SIZE).map(|_| (0..SIZE).collect()).collect()
}

/// ft's tree, before rendering (the `RENDER_SPLIT` mode times building and rendering apart).
pub fn tree(table: &Data) -> Ft {
    Table!(table.iter().map(|row| Tr!(row.iter().map(|n| Td!(n)))))
}

pub fn ft(table: &Data) -> String {
    tree(table).render()
}

pub fn maud(table: &Data) -> String {
    maud::html! {
        table {
            @for row in table {
                tr {
                    @for col in row {
                        td { (col) }
                    }
                }
            }
        }
    }
    .into_string()
}

#[derive(askama::Template)]
#[template(
    source = "<table>{% for row in table %}<tr>{% for col in row %}<td>{{ col }}</td>{% endfor %}</tr>{% endfor %}</table>",
    ext = "html"
)]
struct AskamaTpl<'a> {
    table: &'a [Vec<usize>],
}

pub fn askama(table: &Data) -> String {
    askama::Template::render(&AskamaTpl { table }).unwrap()
}

#[derive(sailfish::TemplateOnce)]
#[template(path = "big_table.stpl")]
struct SailfishTpl<'a> {
    table: &'a [Vec<usize>],
}

pub fn sailfish(table: &Data) -> String {
    sailfish::TemplateOnce::render_once(SailfishTpl { table }).unwrap()
}

/// What ft writes, spot-checked (the engines are compared with each other by the caller).
pub fn check() {
    let ft = ft(&data());
    assert!(
        ft.starts_with("<table><tr><td>0</td><td>1</td>"),
        "{}",
        &ft[..40]
    );
}
