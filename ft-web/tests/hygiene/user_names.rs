//! A user's names beside everything ft's macros generate: handlers named like the derives'
//! and the route macros' own variables, next to structs whose fields have the same names.
use ft_web::prelude::*;

#[derive(Record, FormFields, Clone, Debug, Default, PartialEq)]
#[form(default)]
struct Entry {
    id: i64,
    name: String,
    title: String,
    value: i64,
    key: String,
    item: String,
    items: String,
    row: String,
    field: String,
    form: String,
    query: String,
    ctx: String,
    req: String,
    app: String,
    db: String,
    get: String,
    index: String,
}

#[derive(StrEnum, Debug, Clone, Copy, PartialEq)]
enum Kind {
    Row,
    Name,
    Value,
}

#[get("/row/{n}")]
fn row(n: i64) -> String {
    format!("row {n}")
}
#[get("/name")]
fn name(text: String) -> String {
    text
}
#[get("/id")]
fn id() -> &'static str {
    "id"
}
#[get("/title")]
fn title(kind: Kind) -> String {
    format!("{kind:?}")
}
#[get("/item")]
fn item(k: Option<String>, many: Vec<i64>) -> String {
    format!("{}{}", k.unwrap_or_default(), many.len())
}
#[get("/items")]
async fn items(entries: Tbl<Entry>) -> Result<Ft> {
    let all = entries.all().await?;
    Ok(Ul!(all.iter().map(|e| Li!(
        A!(&e.title, href = row.to(e.id)),
        Span!(format!("P{}", e.value)),
        id = format!("e-{}", e.id)
    ))))
}
#[get("/value")]
fn value(a: String, b: String) -> String {
    format!("{a}{b}")
}
#[get("/ctx")]
fn ctx(r: Request) -> String {
    r.path().to_owned()
}
#[get("/req")]
fn req(s: Session) -> String {
    format!("{}", s.is_empty())
}
#[get("/app")]
fn app(h: Htmx) -> String {
    format!("{}", h.request)
}
#[get("/db")]
async fn db(entries: Tbl<Entry>, n: i64) -> Result<Entry> {
    Ok(entries.get(n).await?)
}
#[get("/get")]
fn get(q: Option<String>) -> String {
    q.unwrap_or_default()
}
#[get("/query")]
fn query(a: String, b: String) -> String {
    format!("{a}{b}")
}
#[rt]
fn index() -> Ft {
    Div!(
        A!("row", href = row.to(1)),
        A!("items", href = items.to()),
        A!("get", href = get.to().q("x".to_string())),
        A!("item", href = item.to().k("a".to_string()).many([1, 2])),
        id = "links"
    )
}
#[post("/form")]
async fn form(entry: Entry, entries: Tbl<Entry>) -> Result<String> {
    Ok(entries.insert(&entry).await?.title)
}
#[post("/field")]
fn field(entry: Entry) -> String {
    entry.name
}
#[get("/key")]
fn key(a: String) -> String {
    a
}

impl IntoFt for Entry {
    fn into_ft(self) -> Ft {
        P!(self.title)
    }
}

fn main() {
    let _app = fast_app()
        .db(":memory:")
        .table::<Entry>()
        .routes(routes![
            row, name, id, title, item, items, value, ctx, req, app, db, get, query, index, form,
            field, key
        ]);
    assert_eq!(row.to(3).to_string(), "/row/3");
    assert_eq!(Kind::Value.to_string(), "Value");
    let filled = fill_form(&Form!(Input!(name = "title")), &Entry::default());
    let _ = filled;
}
