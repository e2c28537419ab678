//! Allocation budgets of building and rendering: a regression guard for the hot paths.
//! The "big table" (100x100 integers): cells cost no allocation of their own, the budget is
//! a few allocations per row. "Teams" (a small page with short names) and the web
//! benchmark's rows: once the per-thread pools are warm, a render allocates its output and
//! the strings too long to be stored inline, nothing else.

#[path = "common/rows.rs"]
mod rows;

use ft_html::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    /// Only the thread measuring counts, into its own counter: tests run in parallel, and a
    /// shared counter would add another test's allocations to this one's.
    static MEASURING: Cell<bool> = const { Cell::new(false) };
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

fn note() {
    if MEASURING.try_with(Cell::get).unwrap_or(false) {
        let _ = ALLOCS.try_with(|n| n.set(n.get() + 1));
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations<R>(f: impl FnOnce() -> R) -> usize {
    let before = ALLOCS.with(Cell::get);
    MEASURING.with(|m| m.set(true));
    let r = f();
    MEASURING.with(|m| m.set(false));
    let n = ALLOCS.with(Cell::get) - before;
    drop(r);
    n
}

const ROWS: usize = 100;
const COLS: usize = 100;

#[test]
fn big_table_allocates_per_row_not_per_cell() {
    let table: Vec<Vec<usize>> = (0..ROWS).map(|_| (0..COLS).collect()).collect();
    let build_and_render =
        || Table!(table.iter().map(|row| Tr!(row.iter().map(|n| Td!(n))))).render();
    let html = build_and_render();
    assert!(html.starts_with("<table><tr><td>0</td><td>1</td>"));
    assert_eq!(html.matches("<td>").count(), ROWS * COLS);

    let n = allocations(build_and_render);
    assert!(
        n <= 3 * ROWS + 100,
        "big table: {n} allocations per render, budget {}",
        3 * ROWS + 100
    );
    // Per row, not per cell.
    assert!(n < ROWS * COLS / 10, "{n} allocations: cells allocate");
}

#[test]
fn cell_with_number_allocates_nothing() {
    let n = allocations(|| Td!(42usize));
    assert_eq!(n, 0, "Td!(n) allocated");
}

struct Team {
    name: String,
    score: u8,
}

fn teams_page(name: &str, year: u16, teams: &[Team]) -> String {
    tag!(
        "html",
        Head!(Title!(name)),
        Body!(
            H1!("CSL ", year),
            Ul!(teams.iter().enumerate().map(|(i, team)| Li!(
                B!(&team.name),
                ": ",
                team.score,
                cls = (i == 0).then_some("champion"),
            ))),
        ),
    )
    .render()
}

#[test]
fn teams_page_allocates_only_its_output() {
    let teams: Vec<Team> = ["Jiangsu", "Beijing", "Guangzhou", "Shandong"]
        .iter()
        .zip([43, 27, 22, 12])
        .map(|(n, score)| Team {
            name: (*n).into(),
            score,
        })
        .collect();
    let render = || teams_page("Chinese Super League", 2015, &teams);
    // Warm the pools (children vectors, attribute lists) and the output size hint.
    let html = render();
    assert!(html.contains(r#"<li class="champion"><b>Jiangsu</b>: 43</li>"#));
    // Names up to 23 bytes are stored inline: no copy on the heap; the children vectors and
    // the `class` list come back from the pools; the output is the one allocation.
    let n = allocations(render);
    assert_eq!(n, 1, "teams: {n} allocations per render");
}

#[test]
fn table_rows_allocate_only_long_strings() {
    let items = rows::items();
    let render = || rows::rows(&items);
    // A few renders warm the pools (a request may take a buffer of the class above, which
    // the next render then has to make once).
    for _ in 0..3 {
        render();
    }
    let html = render();
    assert!(html.contains(
        r##"<tr id="item-42"><td>42</td><td>Item 42 &lt;buy&gt; milk &amp; eggs</td><td>yes</td><td><a href="#" hx-get="/items/42" hx-swap="outerHTML" hx-target="#item-42">edit</a></td></tr>"##
    ));
    // Per row: the title (24-25 bytes, past the inline size) is copied; the three
    // `format!` values are formatted inline; lists and vectors come from the pools.
    let n = allocations(render);
    assert!(
        n <= items.len() + 1,
        "rows: {n} allocations for {} rows",
        items.len()
    );
}

#[test]
fn short_strings_and_pooled_lists_allocate_nothing() {
    let name = String::from("a short name");
    let id = 42;
    // Warm the attribute-list pool.
    drop(A!(
        "x",
        hx_get = "/a",
        hx_target = "#b",
        hx_swap = "c",
        id = "d"
    ));
    let n = allocations(|| {
        (
            B!(&name),
            Td!(format!("/items/{id}")),
            A!(
                "edit",
                hx_get = format!("/items/{}", id),
                hx_target = format!("#item-{id}"),
                hx_swap = "outerHTML"
            ),
        )
    });
    assert_eq!(n, 0, "{n} allocations");
}

#[test]
fn attributes_are_allocated_once() {
    // The macro reserves room for every attribute (and the auto `name`) up front: one box and
    // one vector, not a vector that grows 2 -> 4 -> 8 (here on a thread whose attribute pool
    // is still empty, as the test harness runs each test on a fresh thread).
    let n = allocations(|| {
        Input!(
            r#type = "text",
            placeholder = "New Todo",
            hx_post = "/",
            hx_swap = "afterbegin",
            id = "new-title"
        )
    });
    assert_eq!(n, 2, "{n} allocations");
}
