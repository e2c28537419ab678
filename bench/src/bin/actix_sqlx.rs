//! The benchmark app by hand: actix-web + maud + sqlx (SQLite, a pool of 4 connections, WAL).
//! `PORT`, `FT_BENCH_DB`.

use actix_web::{App, HttpResponse, HttpServer, web};
use ft_bench::{HTML, Item, NewItem, db_path, page, row};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

type Row = (i64, String, bool);

fn item((id, title, done): Row) -> Item {
    Item { id, title, done }
}

async fn index(pool: web::Data<SqlitePool>) -> HttpResponse {
    let rows: Vec<Row> =
        sqlx::query_as(r#"SELECT "id", "title", "done" FROM "item" ORDER BY "id" LIMIT 100"#)
            .fetch_all(pool.get_ref())
            .await
            .expect("query");
    let items: Vec<Item> = rows.into_iter().map(item).collect();
    HttpResponse::Ok().content_type(HTML).body(page(&items))
}

async fn show(pool: web::Data<SqlitePool>, id: web::Path<i64>) -> HttpResponse {
    let r: Option<Row> =
        sqlx::query_as(r#"SELECT "id", "title", "done" FROM "item" WHERE "id" = ?1"#)
            .bind(*id)
            .fetch_optional(pool.get_ref())
            .await
            .expect("query");
    match r {
        Some(r) => HttpResponse::Ok()
            .content_type(HTML)
            .body(row(&item(r)).into_string()),
        None => HttpResponse::NotFound().finish(),
    }
}

async fn add(pool: web::Data<SqlitePool>, form: web::Form<NewItem>) -> HttpResponse {
    let r: Row = sqlx::query_as(
        r#"INSERT INTO "item" ("title", "done", "priority") VALUES (?1, FALSE, 0) RETURNING "id", "title", "done""#,
    )
    .bind(&form.title)
    .fetch_one(pool.get_ref())
    .await
    .expect("insert");
    HttpResponse::Ok()
        .content_type(HTML)
        .body(row(&item(r)).into_string())
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let opts = SqliteConnectOptions::new()
        .filename(db_path())
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(std::time::Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(opts)
        .await
        .map_err(std::io::Error::other)?;
    HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(pool.clone()))
            .route("/", web::get().to(index))
            .route("/items/{id}", web::get().to(show))
            .route("/items", web::post().to(add))
    })
    .bind(ft_bench::addr())?
    .run()
    .await
}
