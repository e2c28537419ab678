//! The benchmark app by hand: actix-web + maud + rusqlite. Each worker has its own reader
//! connection (reads run inline: a WAL read never waits); writes share one connection behind a
//! mutex. `PORT`, `FT_BENCH_DB`; `FT_BENCH_COMPRESS=1` wraps the app in actix's `Compress`
//! middleware (bench/compress.sh), otherwise responses go out as they are.

use actix_web::middleware::Compress;
use actix_web::{App, HttpResponse, HttpServer, web};
use ft_bench::{HTML, Item, NewItem, db_path, page, row};
use rusqlite::{Connection, OptionalExtension};
use std::cell::RefCell;
use std::sync::{Arc, Mutex};

struct Db {
    read: RefCell<Connection>,
    write: Arc<Mutex<Connection>>,
}

fn item(r: &rusqlite::Row<'_>) -> rusqlite::Result<Item> {
    Ok(Item {
        id: r.get(0)?,
        title: r.get(1)?,
        done: r.get(2)?,
    })
}

fn open(path: &str) -> Connection {
    let c = Connection::open(path).expect("open the database");
    c.execute_batch("PRAGMA synchronous = NORMAL;")
        .expect("pragma");
    c.busy_timeout(std::time::Duration::from_secs(5))
        .expect("busy timeout");
    c
}

async fn index(db: web::Data<Db>) -> HttpResponse {
    let c = db.read.borrow();
    let mut st = c
        .prepare_cached(r#"SELECT "id", "title", "done" FROM "item" ORDER BY "id" LIMIT 100"#)
        .expect("prepare");
    let items: Vec<Item> = st
        .query_map([], item)
        .and_then(|rows| rows.collect())
        .expect("query");
    HttpResponse::Ok().content_type(HTML).body(page(&items))
}

async fn show(db: web::Data<Db>, id: web::Path<i64>) -> HttpResponse {
    let c = db.read.borrow();
    let mut st = c
        .prepare_cached(r#"SELECT "id", "title", "done" FROM "item" WHERE "id" = ?1"#)
        .expect("prepare");
    match st.query_row([*id], item).optional().expect("query") {
        Some(it) => HttpResponse::Ok()
            .content_type(HTML)
            .body(row(&it).into_string()),
        None => HttpResponse::NotFound().finish(),
    }
}

async fn add(db: web::Data<Db>, form: web::Form<NewItem>) -> HttpResponse {
    let c = db.write.lock().expect("writer");
    let mut st = c
        .prepare_cached(
            r#"INSERT INTO "item" ("title", "done", "priority") VALUES (?1, FALSE, 0) RETURNING "id", "title", "done""#,
        )
        .expect("prepare");
    let it = st.query_row([&form.title], item).expect("insert");
    HttpResponse::Ok()
        .content_type(HTML)
        .body(row(&it).into_string())
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let path = db_path();
    let write = Arc::new(Mutex::new(open(&path)));
    let app = move || {
        let db = Db {
            read: RefCell::new(open(&path)),
            write: write.clone(),
        };
        App::new()
            .app_data(web::Data::new(db))
            .route("/", web::get().to(index))
            .route("/items/{id}", web::get().to(show))
            .route("/items", web::post().to(add))
    };
    // Two servers rather than `Condition`, so the plain one is exactly the app above.
    if std::env::var_os("FT_BENCH_COMPRESS").is_some_and(|v| v == "1") {
        HttpServer::new(move || app().wrap(Compress::default()))
            .bind(ft_bench::addr())?
            .run()
            .await
    } else {
        HttpServer::new(app).bind(ft_bench::addr())?.run().await
    }
}
