//! Criterion: ft-data vs hand-written rusqlite, operation by operation, in one run (the same
//! file-backed SQLite setup for both): insert (with the stored row returned), get by primary
//! key, and a 100-row query.
//!
//! `cargo bench -p ft-data --bench ops`

mod common;

use common::{Raw, Todo, todo};
use criterion::{Criterion, criterion_group, criterion_main};
use ft_data::Table;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Rows in the table before reads are measured.
const SEED: usize = 5000;

fn ft_loop<F, Fut, R>(rt: &tokio::runtime::Runtime, iters: u64, mut op: F) -> Duration
where
    F: FnMut(u64) -> Fut,
    Fut: std::future::Future<Output = R>,
{
    rt.block_on(async {
        let t0 = Instant::now();
        for i in 0..iters {
            black_box(op(i).await);
        }
        t0.elapsed()
    })
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let ft: Table<Todo> = rt.block_on(common::ft_table("ops-ft.db", SEED));
    let raw = Raw::open("ops-raw.db", SEED);
    let ft = &ft;
    let id = |i: u64| (i % SEED as u64) as i64 + 1;

    let mut g = c.benchmark_group("get_by_pk");
    g.bench_function("raw rusqlite", |b| {
        b.iter_custom(|n| {
            let t0 = Instant::now();
            for i in 0..n {
                black_box(raw.get(id(i)));
            }
            t0.elapsed()
        })
    });
    g.bench_function("ft-data", |b| {
        b.iter_custom(|n| ft_loop(&rt, n, |i| async move { ft.get(id(i)).await.expect("get") }))
    });
    g.finish();

    let mut g = c.benchmark_group("query_100_rows");
    g.bench_function("raw rusqlite", |b| b.iter(|| raw.query100()));
    g.bench_function("ft-data", |b| {
        b.iter_custom(|n| ft_loop(&rt, n, |_| common::ft_query100(ft)))
    });
    g.finish();

    let mut g = c.benchmark_group("insert");
    g.bench_function("raw rusqlite", |b| {
        b.iter_custom(|n| {
            let rows: Vec<Todo> = (0..n as usize).map(todo).collect();
            let t0 = Instant::now();
            for r in &rows {
                black_box(raw.insert(r));
            }
            t0.elapsed()
        })
    });
    g.bench_function("ft-data", |b| {
        b.iter_custom(|n| {
            let rows: Vec<Todo> = (0..n as usize).map(todo).collect();
            ft_loop(&rt, n, |i| ft.insert(&rows[i as usize]))
        })
    });
    g.finish();
    common::cleanup();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    targets = bench
}
criterion_main!(benches);
