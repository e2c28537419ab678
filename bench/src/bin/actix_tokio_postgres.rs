//! The benchmark app by hand on PostgreSQL: actix-web + maud + tokio-postgres, with a
//! deadpool-postgres pool shared by the workers and each statement prepared once per
//! connection (`prepare_cached`). `PORT`, `FT_BENCH_PG` (a `postgres://` URL whose database
//! holds the seeded `item` table), `FT_BENCH_PG_POOL` (the pool's size, 8 by default: of 2, 4,
//! 8 and 16 on 2 cores, the one that does well on every route, docs/perf-pg.md).

use actix_web::{App, HttpResponse, HttpServer, web};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use ft_bench::{HTML, Item, NewItem, page, row};
use std::str::FromStr;
use tokio_postgres::NoTls;

fn item(r: &tokio_postgres::Row) -> Item {
    Item {
        id: i64::from(r.get::<_, i32>(0)),
        title: r.get(1),
        done: r.get(2),
    }
}

async fn index(pool: web::Data<Pool>) -> HttpResponse {
    let c = pool.get().await.expect("connection");
    let st = c
        .prepare_cached(r#"SELECT "id", "title", "done" FROM "item" ORDER BY "id" LIMIT 100"#)
        .await
        .expect("prepare");
    let items: Vec<Item> = c
        .query(&st, &[])
        .await
        .expect("query")
        .iter()
        .map(item)
        .collect();
    drop(c);
    HttpResponse::Ok().content_type(HTML).body(page(&items))
}

async fn show(pool: web::Data<Pool>, id: web::Path<i64>) -> HttpResponse {
    // `id` is a serial (int4) column: an id past its range names no row.
    let Ok(id) = i32::try_from(*id) else {
        return HttpResponse::NotFound().finish();
    };
    let c = pool.get().await.expect("connection");
    let st = c
        .prepare_cached(r#"SELECT "id", "title", "done" FROM "item" WHERE "id" = $1"#)
        .await
        .expect("prepare");
    let r = c.query_opt(&st, &[&id]).await.expect("query");
    drop(c);
    match r {
        Some(r) => HttpResponse::Ok()
            .content_type(HTML)
            .body(row(&item(&r)).into_string()),
        None => HttpResponse::NotFound().finish(),
    }
}

async fn add(pool: web::Data<Pool>, form: web::Form<NewItem>) -> HttpResponse {
    let c = pool.get().await.expect("connection");
    let st = c
        .prepare_cached(
            r#"INSERT INTO "item" ("title", "done", "priority") VALUES ($1, FALSE, 0) RETURNING "id", "title", "done""#,
        )
        .await
        .expect("prepare");
    let r = c.query_one(&st, &[&form.title]).await.expect("insert");
    drop(c);
    HttpResponse::Ok()
        .content_type(HTML)
        .body(row(&item(&r)).into_string())
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let url = std::env::var("FT_BENCH_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let size = std::env::var("FT_BENCH_PG_POOL")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(8);
    let config = tokio_postgres::Config::from_str(&url).map_err(std::io::Error::other)?;
    let manager = Manager::from_config(
        config,
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    let pool = Pool::builder(manager)
        .max_size(size)
        .build()
        .map_err(std::io::Error::other)?;
    // Fail at startup, not on the first request, when the database cannot be reached.
    drop(pool.get().await.map_err(std::io::Error::other)?);
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
