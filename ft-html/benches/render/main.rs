//! ft against maud, askama and sailfish, one module per workload ("shape"):
//!
//! - `big_table` and `teams`: the classic template-benchmarks-rs workloads;
//! - `rows`: the 100 `<tr>` rows of the web benchmark's page (bench/);
//! - `todo_list`: 100 items, each from a component function mapped over a slice;
//! - `helpers_page`: a page from ft's helpers (`Html!`, `Titled!`, Pico's `Grid!`, `Card!`);
//! - `cond_teams`: the teams page written with `Html!(.., doctype = false)` and an `if`/`else`
//!   class;
//! - `option_children`: 50 profile cards whose optional parts are `Option<Ft>` children.
//!
//! For ft the measured work is building the tree *and* rendering it, as the other engines'
//! templates include their loops. Every engine's output is checked equal to ft's before
//! anything is measured (askama's numeric entities read as the others' named ones), and a
//! counting allocator reports allocations per render. The sailfish templates are files,
//! `ft-html/benches/templates/*.stpl` (found through `ft-html/sailfish.toml`).
//!
//! `cargo bench -p ft-html --bench render` (a few minutes; see docs/perf-render.md).
//!
//! Two more modes skip criterion:
//! - `RENDER_MIN=N` times `N` batches of each workload, the four engines alternating, and
//!   prints the best batch of each (time per render) with allocations per render: far less
//!   sensitive than criterion's means to other processes sharing the machine. With
//!   `RENDER_FORMAT=tsv` it prints `shape engine ns allocs bytes` lines instead
//!   (bench/render-compare.sh reads them).
//! - `RENDER_SPLIT=N` times `N` batches of ft's two halves apart: building (and dropping)
//!   the tree, and rendering a tree built once, beside ft's whole and maud's.
//! - `RENDER_COUNT=N` runs each workload `N` times in its own never-inlined function
//!   (`count_<workload>_<engine>`), to read under `valgrind --tool=callgrind`;
//!   `RENDER_ONLY=teams_ft` keeps the counters whose name holds it.

mod big_table;
mod cond_teams;
mod helpers_page;
mod option_children;
mod rows;
mod teams;
mod todo_list;

use criterion::{Criterion, criterion_group};
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

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

// ---------------------------------------------------------------- output checks

const ENGINES: [&str; 4] = ["ft", "maud", "askama", "sailfish"];

/// askama writes numeric entities (`&#38;`), the others named ones (`&amp;`): the same text.
/// The workloads' data hold no quotes, which the engines escape differently (or not at all).
fn normalise(s: &str) -> String {
    s.replace("&#38;", "&amp;")
        .replace("&#60;", "&lt;")
        .replace("&#62;", "&gt;")
}

/// Each other engine's output must be ft's: the engines must agree before their speed means
/// anything. A difference is reported with the first differing bytes of both.
pub fn assert_same<const N: usize>(shape: &str, ft: &str, others: [(&str, String); N]) {
    for (engine, out) in others {
        let out = normalise(&out);
        if out == ft {
            continue;
        }
        let at = ft
            .bytes()
            .zip(out.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(ft.len().min(out.len()));
        let around = |s: &str| {
            let mut from = at.saturating_sub(60).min(s.len());
            while !s.is_char_boundary(from) {
                from -= 1;
            }
            let mut to = (at + 60).min(s.len());
            while !s.is_char_boundary(to) {
                to += 1;
            }
            s[from..to].to_owned()
        };
        panic!(
            "{shape}: ft and {engine} differ at byte {at} (lengths {} and {}):\n  ft:      \
             ...{}...\n  {engine:<8} ...{}...",
            ft.len(),
            out.len(),
            around(ft),
            around(&out)
        );
    }
}

// ---------------------------------------------------------------- timing

/// Seconds per call of `f`, over one batch of `per_batch` calls.
#[inline(always)]
fn time_batch(per_batch: usize, f: &mut impl FnMut()) -> f64 {
    let t = Instant::now();
    for _ in 0..per_batch {
        f();
    }
    t.elapsed().as_secs_f64() / per_batch as f64
}

/// Best time per call over `batches` batches of `per_batch` calls, for each of four engines
/// run in turn (so all see the same machine load), after one batch of each untimed.
fn best_of(
    batches: usize,
    per_batch: usize,
    mut a: impl FnMut(),
    mut b: impl FnMut(),
    mut c: impl FnMut(),
    mut d: impl FnMut(),
) -> [f64; 4] {
    time_batch(per_batch, &mut a);
    time_batch(per_batch, &mut b);
    time_batch(per_batch, &mut c);
    time_batch(per_batch, &mut d);
    let mut best = [f64::MAX; 4];
    for _ in 0..batches {
        best[0] = best[0].min(time_batch(per_batch, &mut a));
        best[1] = best[1].min(time_batch(per_batch, &mut b));
        best[2] = best[2].min(time_batch(per_batch, &mut c));
        best[3] = best[3].min(time_batch(per_batch, &mut d));
    }
    best
}

/// `136 ns`, `12.4 µs`, `1.23 ms`.
fn fmt_time(secs: f64) -> String {
    let ns = secs * 1e9;
    if ns < 1e3 {
        format!("{ns:.0} ns")
    } else if ns < 1e6 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{:.2} ms", ns / 1e6)
    }
}

/// One workload's `RENDER_MIN` result: best time and (allocations, bytes) per engine.
struct MinRow {
    shape: &'static str,
    best: [f64; 4],
    allocs: [(f64, f64); 4],
}

fn print_min(batches: usize, rows: &[MinRow]) {
    if std::env::var("RENDER_FORMAT").is_ok_and(|f| f == "tsv") {
        for r in rows {
            for (i, engine) in ENGINES.iter().enumerate() {
                let (n, bytes) = r.allocs[i];
                println!(
                    "{}\t{engine}\t{:.1}\t{n:.1}\t{bytes:.0}",
                    r.shape,
                    r.best[i] * 1e9
                );
            }
        }
        return;
    }
    println!("best of {batches} batches, time per render:\n");
    println!("| shape | ft | maud | askama | sailfish | ft/maud |");
    println!("|---|---:|---:|---:|---:|---:|");
    for r in rows {
        let t = r.best.map(fmt_time);
        println!(
            "| {} | {} | {} | {} | {} | {:.2}x |",
            r.shape,
            t[0],
            t[1],
            t[2],
            t[3],
            r.best[0] / r.best[1]
        );
    }
    println!("\nallocations per render (count, bytes):\n");
    println!("| shape | ft | maud | askama | sailfish |");
    println!("|---|---:|---:|---:|---:|");
    for r in rows {
        let a = r.allocs.map(|(n, b)| format!("{n:.0} ({b:.0} B)"));
        println!(
            "| {} | {} | {} | {} | {} |",
            r.shape, a[0], a[1], a[2], a[3]
        );
    }
}

// ---------------------------------------------------------------- every workload, every mode

/// Each workload is a module with `Data`, `data()`, one function per engine (`ft`, `maud`,
/// `askama`, `sailfish`: data to HTML), `PER_BATCH` (calls per `RENDER_MIN` batch, a few ms)
/// and `check()` (its own assertions on ft's output); the names after it are its
/// `RENDER_COUNT` counters, one per engine.
macro_rules! workloads {
    ($($shape:ident: $($counter:ident)*;)*) => {
        fn check_outputs() {
            $({
                let data = $shape::data();
                let ft = $shape::ft(&data);
                assert_same(stringify!($shape), &ft, [
                    ("maud", $shape::maud(&data)),
                    ("askama", $shape::askama(&data)),
                    ("sailfish", $shape::sailfish(&data)),
                ]);
                $shape::check();
            })*
        }

        /// (allocations, bytes) per render, for each engine.
        fn allocs_of() -> Vec<(&'static str, [(f64, f64); 4])> {
            vec![$({
                let d = $shape::data();
                (stringify!($shape), [
                    count_allocs(|| $shape::ft(&d)),
                    count_allocs(|| $shape::maud(&d)),
                    count_allocs(|| $shape::askama(&d)),
                    count_allocs(|| $shape::sailfish(&d)),
                ])
            }),*]
        }

        fn bench_all(c: &mut Criterion) {
            check_outputs();
            println!("\nallocations per render (count, bytes):");
            for (shape, allocs) in allocs_of() {
                for (engine, (n, bytes)) in ENGINES.iter().zip(allocs) {
                    let name = format!("{shape}/{engine}");
                    println!("  {name:<26} {n:>8.1} allocs {bytes:>10.0} bytes");
                }
            }
            println!();
            $({
                let d = $shape::data();
                let mut g = c.benchmark_group(stringify!($shape));
                g.bench_function("ft", |b| b.iter(|| $shape::ft(black_box(&d))));
                g.bench_function("maud", |b| b.iter(|| $shape::maud(black_box(&d))));
                g.bench_function("askama", |b| b.iter(|| $shape::askama(black_box(&d))));
                g.bench_function("sailfish", |b| b.iter(|| $shape::sailfish(black_box(&d))));
                g.finish();
            })*
        }

        fn report_min(batches: usize) {
            check_outputs();
            let allocs = allocs_of();
            let mut rows = Vec::new();
            $({
                let d = $shape::data();
                let best = best_of(
                    batches,
                    $shape::PER_BATCH,
                    || drop(black_box($shape::ft(black_box(&d)))),
                    || drop(black_box($shape::maud(black_box(&d)))),
                    || drop(black_box($shape::askama(black_box(&d)))),
                    || drop(black_box($shape::sailfish(black_box(&d)))),
                );
                let shape = stringify!($shape);
                let allocs = allocs.iter().find(|(s, _)| *s == shape).unwrap().1;
                rows.push(MinRow { shape, best, allocs });
            })*
            print_min(batches, &rows);
        }

        fn report_split(batches: usize) {
            check_outputs();
            println!("best of {batches} batches, time per render; ft's work split in two:\n");
            println!("| shape | ft: build + render | ft: build + drop | ft: render a built tree | maud | build / maud | render / maud |");
            println!("|---|---:|---:|---:|---:|---:|---:|");
            $({
                let d = $shape::data();
                let tree = $shape::tree(&d);
                let best = best_of(
                    batches,
                    $shape::PER_BATCH,
                    || drop(black_box($shape::ft(black_box(&d)))),
                    || drop(black_box($shape::tree(black_box(&d)))),
                    || drop(black_box(black_box(&tree).render())),
                    || drop(black_box($shape::maud(black_box(&d)))),
                );
                let t = best.map(fmt_time);
                println!(
                    "| {} | {} | {} | {} | {} | {:.2}x | {:.2}x |",
                    stringify!($shape), t[0], t[1], t[2], t[3], best[1] / best[3], best[2] / best[3]
                );
            })*
        }

        $(counters!($shape: $($counter)*);)*

        /// Every counter, or only those whose name holds `RENDER_ONLY` (e.g. `teams_ft`).
        fn count_all(n: usize) {
            let only = std::env::var("RENDER_ONLY").unwrap_or_default();
            $({
                let d = $shape::data();
                $(if stringify!($counter).contains(only.as_str()) {
                    $counter(n, &d);
                })*
            })*
        }

        /// The same work outside the counted functions (warms pools and size hints).
        fn warm_up() {
            $({
                let d = $shape::data();
                for _ in 0..2 {
                    black_box($shape::ft(&d));
                    black_box($shape::maud(&d));
                    black_box($shape::askama(&d));
                    black_box($shape::sailfish(&d));
                }
            })*
        }
    };
}

/// Defines a workload's counters, `count_<shape>_<engine>(n, data)`: `n` renders in a function
/// of its own, so callgrind's inclusive cost of that function divided by `n` is one render's.
macro_rules! counters {
    ($shape:ident: $ft:ident $maud:ident $askama:ident $sailfish:ident) => {
        counters!(@one $shape $ft ft);
        counters!(@one $shape $maud maud);
        counters!(@one $shape $askama askama);
        counters!(@one $shape $sailfish sailfish);
    };
    (@one $shape:ident $name:ident $engine:ident) => {
        #[inline(never)]
        fn $name(n: usize, d: &$shape::Data) {
            for _ in 0..n {
                black_box($shape::$engine(black_box(d)));
            }
        }
    };
}

workloads! {
    big_table: count_big_table_ft count_big_table_maud count_big_table_askama count_big_table_sailfish;
    teams: count_teams_ft count_teams_maud count_teams_askama count_teams_sailfish;
    rows: count_rows_ft count_rows_maud count_rows_askama count_rows_sailfish;
    todo_list: count_todo_list_ft count_todo_list_maud count_todo_list_askama count_todo_list_sailfish;
    helpers_page: count_helpers_page_ft count_helpers_page_maud count_helpers_page_askama count_helpers_page_sailfish;
    cond_teams: count_cond_teams_ft count_cond_teams_maud count_cond_teams_askama count_cond_teams_sailfish;
    option_children: count_option_children_ft count_option_children_maud count_option_children_askama count_option_children_sailfish;
}

// ---------------------------------------------------------------- criterion and main

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_all
}

fn env_number(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

fn main() {
    if let Some(n) = env_number("RENDER_MIN") {
        report_min(n);
        return;
    }
    if let Some(n) = env_number("RENDER_SPLIT") {
        report_split(n);
        return;
    }
    if let Some(n) = env_number("RENDER_COUNT") {
        check_outputs();
        // Warm the size hints first, as criterion's warm-up does.
        warm_up();
        count_all(n);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
