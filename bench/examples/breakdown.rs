//! Where a page request's time goes, in-process (no HTTP): the 100-row query through ft-data
//! vs raw rusqlite, and building + rendering the 100-row page in ft vs maud.
//! `cargo run --release -p ft-bench --example breakdown -- path/to/seeded.db`

use std::time::Instant;

use ft_bench::ft_page::{Item, body, row};

fn best<R>(label: &str, n: usize, mut f: impl FnMut() -> R) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..15 {
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(f());
        }
        best = best.min(t.elapsed().as_secs_f64() / n as f64);
    }
    println!("{label:<48} {:>8.1} µs", best * 1e6);
    best
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("a seeded database (bench/seed.py)");
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let db = rt
        .block_on(ft_web::data::Database::open(&path))
        .expect("open");
    let t: ft_web::data::Table<Item> = rt.block_on(db.create::<Item>()).expect("table");
    let c = rusqlite::Connection::open(&path).expect("open");
    let n = 300;
    best("ft-data: query().order_by(id).limit(100)", n, || {
        rt.block_on(t.query().order_by("id").limit(100).fetch())
            .expect("fetch")
    });
    best("raw rusqlite: the same 100 rows", n, || {
        let mut st = c
            .prepare_cached(r#"SELECT "id", "title", "done" FROM "item" ORDER BY "id" LIMIT 100"#)
            .expect("prepare");
        st.query_map([], |r| {
            Ok(ft_bench::Item {
                id: r.get(0)?,
                title: r.get(1)?,
                done: r.get(2)?,
            })
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .expect("query")
    });
    let rows = rt
        .block_on(t.query().order_by("id").limit(100).fetch())
        .expect("fetch");
    let mrows: Vec<ft_bench::Item> = rows
        .iter()
        .map(|r| ft_bench::Item {
            id: r.id,
            title: r.title.clone(),
            done: r.done,
        })
        .collect();
    best("ft-data: get(42)", n * 20, || {
        rt.block_on(t.get(42)).expect("get")
    });
    best("raw rusqlite: row 42", n * 20, || {
        let mut st = c
            .prepare_cached(r#"SELECT "id", "title", "done" FROM "item" WHERE "id" = ?1"#)
            .expect("prepare");
        st.query_row([42], |r| {
            Ok(ft_bench::Item {
                id: r.get(0)?,
                title: r.get(1)?,
                done: r.get(2)?,
            })
        })
        .expect("row")
    });
    // The server moves the fetched rows into the tree; here they are cloned first, each
    // time: the clone's own cost is the first line below.
    best(
        "clone row 42 (included in the ft row lines)",
        n * 20,
        || rows[41].clone(),
    );
    best("ft: one row, build + render + drop", n * 20, || {
        row(rows[41].clone()).render()
    });
    best("maud: one row", n * 20, || {
        ft_bench::row(&mrows[41]).into_string()
    });
    best(
        "clone the 100 rows (included in the ft page lines)",
        n,
        || rows.clone(),
    );
    best("ft: build the page body tree", n, || body(rows.clone()));
    let tree = body(rows.clone());
    best("ft: render the built tree", n, || tree.render());
    best("ft: build + render + drop", n, || {
        body(rows.clone()).render()
    });
    best("maud: the whole page", n, || ft_bench::page(&mrows));
}
