//! ft against maud and askama on the classic template-benchmarks-rs workloads:
//! the "big table" (100x100 integers) and "teams" (a small page with escaped names), and ft
//! against maud on "rows": the 100 `<tr>` rows of the web benchmark's page (bench/), each with
//! an id, an escaped title and a link with four attributes, three of them `format!`-built.
//!
//! For ft the measured work is building the tree *and* rendering it, as maud's and askama's
//! templates include their loops. Every engine's output is checked equal to the others' before
//! anything is measured, and a counting allocator reports allocations per render.
//!
//! `cargo bench -p ft-html --bench render` (a few minutes at most; see docs/perf-render.md).
//!
//! For instruction counts, `RENDER_COUNT=N` skips criterion and runs each workload `N` times
//! in its own never-inlined function (`count_<workload>_<engine>`), to read under
//! `valgrind --tool=callgrind` (see docs/perf-render.md). `RENDER_MIN=N` times `N` batches of
//! each workload, ft and maud alternating, and prints the best batch of each and their ratio:
//! far less sensitive than criterion's means to other processes sharing the machine.

#[path = "../tests/common/rows.rs"]
mod rows;

use askama::Template;
use criterion::{Criterion, criterion_group};
use ft_html::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Duration;

// ---------------------------------------------------------------- counting allocator

struct Counting;
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size(), Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size(), Relaxed);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(new_size.saturating_sub(layout.size()), Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// (allocations, bytes) per call of `f`, averaged over a few calls.
fn count_allocs<R>(mut f: impl FnMut() -> R) -> (f64, f64) {
    const RUNS: usize = 20;
    black_box(f());
    let (a0, b0) = (ALLOCS.load(Relaxed), BYTES.load(Relaxed));
    for _ in 0..RUNS {
        black_box(f());
    }
    let (a1, b1) = (ALLOCS.load(Relaxed), BYTES.load(Relaxed));
    (
        (a1 - a0) as f64 / RUNS as f64,
        (b1 - b0) as f64 / RUNS as f64,
    )
}

// ---------------------------------------------------------------- big table

const SIZE: usize = 100;

fn table_data() -> Vec<Vec<usize>> {
    (0..SIZE).map(|_| (0..SIZE).collect()).collect()
}

fn big_table_ft(table: &[Vec<usize>]) -> String {
    Table!(table.iter().map(|row| Tr!(row.iter().map(|n| Td!(n))))).render()
}

fn big_table_maud(table: &[Vec<usize>]) -> String {
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

#[derive(Template)]
#[template(
    source = "<table>{% for row in table %}<tr>{% for col in row %}<td>{{ col }}</td>{% endfor %}</tr>{% endfor %}</table>",
    ext = "html"
)]
struct BigTable<'a> {
    table: &'a [Vec<usize>],
}

fn big_table_askama(table: &[Vec<usize>]) -> String {
    BigTable { table }.render().unwrap()
}

// ---------------------------------------------------------------- teams

struct Team {
    name: String,
    score: u8,
}

struct Teams {
    year: u16,
    name: String,
    teams: Vec<Team>,
}

fn teams_data() -> Teams {
    teams_with(["Jiangsu", "Beijing", "Guangzhou", "Shandong"])
}

fn teams_with(names: [&str; 4]) -> Teams {
    Teams {
        year: 2015,
        name: "Chinese Super League".into(),
        teams: names
            .iter()
            .zip([43, 27, 22, 12])
            .map(|(n, score)| Team {
                name: (*n).into(),
                score,
            })
            .collect(),
    }
}

fn teams_ft(t: &Teams) -> String {
    tag!(
        "html",
        Head!(Title!(&t.name)),
        Body!(
            H1!("CSL ", t.year),
            Ul!(t.teams.iter().enumerate().map(|(i, team)| Li!(
                B!(&team.name),
                ": ",
                team.score,
                cls = (i == 0).then_some("champion"),
            ))),
        ),
    )
    .render()
}

fn teams_maud(t: &Teams) -> String {
    maud::html! {
        html {
            head { title { (t.name) } }
            body {
                h1 { "CSL " (t.year) }
                ul {
                    @for (i, team) in t.teams.iter().enumerate() {
                        li class=[(i == 0).then_some("champion")] {
                            b { (team.name) } ": " (team.score)
                        }
                    }
                }
            }
        }
    }
    .into_string()
}

#[derive(Template)]
#[template(
    source = "<html><head><title>{{ name }}</title></head><body><h1>CSL {{ year }}</h1><ul>\
{% for team in teams %}<li{% if loop.first %} class=\"champion\"{% endif %}><b>{{ team.name }}</b>: {{ team.score }}</li>{% endfor %}\
</ul></body></html>",
    ext = "html"
)]
struct TeamsTpl<'a> {
    year: u16,
    name: &'a str,
    teams: &'a [Team],
}

fn teams_askama(t: &Teams) -> String {
    TeamsTpl {
        year: t.year,
        name: &t.name,
        teams: &t.teams,
    }
    .render()
    .unwrap()
}

// ---------------------------------------------------------------- rows

/// The same row as `bench/src/lib.rs` (the hand-written actix-web + maud server).
fn rows_maud(items: &[rows::Item]) -> String {
    maud::html! {
        tbody id="items" {
            @for it in items {
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
    }
    .into_string()
}

// ---------------------------------------------------------------- checks and report

/// The engines must agree before their speed means anything.
fn check_outputs() {
    let table = table_data();
    let ft = big_table_ft(&table);
    assert!(
        ft.starts_with("<table><tr><td>0</td><td>1</td>"),
        "{}",
        &ft[..40]
    );
    assert_eq!(ft, big_table_maud(&table), "big table: ft and maud differ");
    assert_eq!(
        ft,
        big_table_askama(&table),
        "big table: ft and askama differ"
    );

    let teams = teams_data();
    let ft = teams_ft(&teams);
    assert_eq!(
        ft,
        "<html><head><title>Chinese Super League</title></head><body><h1>CSL 2015</h1><ul>\
         <li class=\"champion\"><b>Jiangsu</b>: 43</li><li><b>Beijing</b>: 27</li>\
         <li><b>Guangzhou</b>: 22</li><li><b>Shandong</b>: 12</li></ul></body></html>"
    );
    assert_eq!(ft, teams_maud(&teams), "teams: ft and maud differ");
    assert_eq!(ft, teams_askama(&teams), "teams: ft and askama differ");

    // Names that need escaping (only `&`, `<`, `>`: askama escapes quotes too). askama writes
    // numeric entities (`&#38;`), the others named ones (`&amp;`): the same text.
    let nasty = teams_with(["A & B", "<script>", "x > y", "plain"]);
    let ft = teams_ft(&nasty);
    assert!(
        ft.contains("<b>A &amp; B</b>") && ft.contains("<b>&lt;script&gt;</b>"),
        "{ft}"
    );
    assert_eq!(ft, teams_maud(&nasty), "escaped teams: ft and maud differ");
    let askama = teams_askama(&nasty)
        .replace("&#38;", "&amp;")
        .replace("&#60;", "&lt;")
        .replace("&#62;", "&gt;");
    assert_eq!(ft, askama, "escaped teams: ft and askama differ");

    let items = rows::items();
    let ft = rows::rows(&items);
    assert!(
        ft.starts_with(
            "<tbody id=\"items\"><tr id=\"item-1\"><td>1</td><td>Item 1 &lt;buy&gt; milk &amp; eggs</td>\
             <td>no</td><td><a href=\"#\" hx-get=\"/items/1\" hx-swap=\"outerHTML\" hx-target=\"#item-1\">edit</a></td></tr>"
        ),
        "{}",
        &ft[..200]
    );
    assert_eq!(ft, rows_maud(&items), "rows: ft and maud differ");
}

fn report_allocs() {
    let table = table_data();
    let teams = teams_data();
    let items = rows::items();
    println!("\nallocations per render (count, bytes):");
    let rows: [(&str, (f64, f64)); 8] = [
        ("big_table/ft", count_allocs(|| big_table_ft(&table))),
        ("big_table/maud", count_allocs(|| big_table_maud(&table))),
        (
            "big_table/askama",
            count_allocs(|| big_table_askama(&table)),
        ),
        ("teams/ft", count_allocs(|| teams_ft(&teams))),
        ("teams/maud", count_allocs(|| teams_maud(&teams))),
        ("teams/askama", count_allocs(|| teams_askama(&teams))),
        ("rows/ft", count_allocs(|| rows::rows(&items))),
        ("rows/maud", count_allocs(|| rows_maud(&items))),
    ];
    for (name, (n, bytes)) in rows {
        println!("  {name:<18} {n:>8.1} allocs {bytes:>10.0} bytes");
    }
    println!();
}

// ---------------------------------------------------------------- criterion

fn bench_big_table(c: &mut Criterion) {
    check_outputs();
    report_allocs();
    let table = table_data();
    let mut g = c.benchmark_group("big_table");
    g.bench_function("ft", |b| b.iter(|| big_table_ft(black_box(&table))));
    g.bench_function("maud", |b| b.iter(|| big_table_maud(black_box(&table))));
    g.bench_function("askama", |b| b.iter(|| big_table_askama(black_box(&table))));
    g.finish();
}

fn bench_teams(c: &mut Criterion) {
    let teams = teams_data();
    let mut g = c.benchmark_group("teams");
    g.bench_function("ft", |b| b.iter(|| teams_ft(black_box(&teams))));
    g.bench_function("maud", |b| b.iter(|| teams_maud(black_box(&teams))));
    g.bench_function("askama", |b| b.iter(|| teams_askama(black_box(&teams))));
    g.finish();
}

fn bench_rows(c: &mut Criterion) {
    let items = rows::items();
    let mut g = c.benchmark_group("rows");
    g.bench_function("ft", |b| b.iter(|| rows::rows(black_box(&items))));
    g.bench_function("maud", |b| b.iter(|| rows_maud(black_box(&items))));
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_big_table, bench_teams, bench_rows
}

// ---------------------------------------------------------------- instruction counts

/// Defines `count_<name>(n)`: `n` runs of a workload in a function of its own, so callgrind's
/// inclusive cost of that function divided by `n` is the cost of one run.
macro_rules! counters {
    ($($name:ident => $run:expr;)*) => {
        $(
            #[inline(never)]
            fn $name(n: usize) {
                for _ in 0..n {
                    black_box($run);
                }
            }
        )*
        /// Every counter, or only those whose name holds `RENDER_ONLY` (e.g. `teams_ft`).
        fn count_all(n: usize) {
            let only = std::env::var("RENDER_ONLY").unwrap_or_default();
            $(if stringify!($name).contains(only.as_str()) {
                $name(n);
            })*
        }
        /// The same work outside the counted functions (warms pools and size hints).
        fn warm_up() {
            for _ in 0..2 {
                $(black_box($run);)*
            }
        }
    };
}

fn counted_table() -> &'static [Vec<usize>] {
    static T: std::sync::OnceLock<Vec<Vec<usize>>> = std::sync::OnceLock::new();
    T.get_or_init(table_data)
}
fn counted_teams() -> &'static Teams {
    static T: std::sync::OnceLock<Teams> = std::sync::OnceLock::new();
    T.get_or_init(teams_data)
}
fn counted_items() -> &'static [rows::Item] {
    static T: std::sync::OnceLock<Vec<rows::Item>> = std::sync::OnceLock::new();
    T.get_or_init(rows::items)
}

counters! {
    count_big_table_ft => big_table_ft(black_box(counted_table()));
    count_big_table_maud => big_table_maud(black_box(counted_table()));
    count_teams_ft => teams_ft(black_box(counted_teams()));
    count_teams_maud => teams_maud(black_box(counted_teams()));
    count_rows_ft => rows::rows(black_box(counted_items()));
    count_rows_maud => rows_maud(black_box(counted_items()));
}

/// Best time per call over `batches` batches of `per_batch` calls, for each of two engines
/// run alternately (so both see the same machine load).
fn best_of(
    batches: usize,
    per_batch: usize,
    mut a: impl FnMut(),
    mut b: impl FnMut(),
) -> (f64, f64) {
    let time = |f: &mut dyn FnMut()| {
        let t = std::time::Instant::now();
        for _ in 0..per_batch {
            f();
        }
        t.elapsed().as_secs_f64() / per_batch as f64
    };
    let (mut best_a, mut best_b) = (f64::MAX, f64::MAX);
    for _ in 0..batches {
        best_a = best_a.min(time(&mut a));
        best_b = best_b.min(time(&mut b));
    }
    (best_a, best_b)
}

fn report_min(batches: usize) {
    check_outputs();
    let (table, teams, items) = (table_data(), teams_data(), rows::items());
    let rows: [(&str, (f64, f64)); 3] = [
        (
            "big_table",
            best_of(
                batches,
                50,
                || drop(black_box(big_table_ft(black_box(&table)))),
                || drop(black_box(big_table_maud(black_box(&table)))),
            ),
        ),
        (
            "teams",
            best_of(
                batches,
                20_000,
                || drop(black_box(teams_ft(black_box(&teams)))),
                || drop(black_box(teams_maud(black_box(&teams)))),
            ),
        ),
        (
            "rows",
            best_of(
                batches,
                50,
                || drop(black_box(rows::rows(black_box(&items)))),
                || drop(black_box(rows_maud(black_box(&items)))),
            ),
        ),
    ];
    println!("best of {batches} batches (ft, maud, ft/maud):");
    for (name, (ft, maud)) in rows {
        println!(
            "  {name:<10} {:>10.3} µs {:>10.3} µs {:>6.2}x",
            ft * 1e6,
            maud * 1e6,
            ft / maud
        );
    }
}

fn main() {
    if let Some(n) = std::env::var("RENDER_MIN")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        report_min(n);
        return;
    }
    if let Some(n) = std::env::var("RENDER_COUNT")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        check_outputs();
        // Warm the pools and size hints first, as criterion's warm-up does.
        warm_up();
        count_all(n);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
