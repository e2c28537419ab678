//! The benchmark app in ft: a page of 100 rows, a one-row htmx partial and a form POST that
//! inserts (see `bench/run.sh`). `PORT`, `FT_BENCH_DB` (an already seeded SQLite file);
//! `FT_BENCH_ACCESS_LOG=1` turns ft's request log on; `FT_BENCH_COMPRESS=0` turns compression
//! off (on by default, as in any ft app; bench/compress.sh).

use ft_web::prelude::*;

use ft_bench::ft_page::{Item, body, row};

#[get("/")]
async fn index(items: Tbl<Item>) -> Result<Ft> {
    let rows = items.query().order_by("id").limit(100).fetch().await?;
    Ok(body(rows))
}

#[get("/items/{id}")]
async fn show(id: i64, items: Tbl<Item>) -> Result<Ft> {
    Ok(row(items.get(id).await?))
}

#[post("/items")]
async fn add(title: String, items: Tbl<Item>) -> Result<Ft> {
    let it = items
        .insert(&Item {
            id: 0,
            title,
            done: false,
        })
        .await?;
    Ok(row(it))
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    let db = std::env::var("FT_BENCH_DB").unwrap_or_else(|_| "bench.db".into());
    fast_app()
        .cdn(true)
        .secret_key("bench")
        .static_files(false)
        // uvicorn runs with --no-access-log and the hand-written servers log nothing
        .access_log(std::env::var_os("FT_BENCH_ACCESS_LOG").is_some())
        .compress(std::env::var_os("FT_BENCH_COMPRESS").is_none_or(|v| v != "0"))
        .db(db)
        .table::<Item>()
        .routes(routes![index, show, add])
        .serve()
        .await
}
