//! Allocation budgets of building and rendering: a regression guard for the hot paths.
//! The "big table" (100x100 integers): cells cost no allocation of their own, the budget is
//! a few allocations per row. "Teams" (a small page with short names): a compiled page
//! allocates its output, its values' box and its loop's items, whatever the row count. The
//! web benchmark's rows: per row, the values' box and the strings too long to be inline.
//!
//! These are budgets of compiled templates, which release builds' tag macros write (debug
//! builds write templates as data: `ft_template::Templates`); `scripts/test` runs this crate's
//! tests in release too.
#![cfg(not(debug_assertions))]

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
    // Warm the output size hint.
    let html = render();
    assert!(html.contains(r#"<li class="champion"><b>Jiangsu</b>: 43</li>"#));
    // The page is one template: its values in one box, the loop's items in one vector (names
    // up to 24 bytes are stored inline), and the output.
    let n = allocations(render);
    assert_eq!(n, 3, "teams: {n} allocations per render");
}

#[test]
fn table_rows_allocate_only_long_strings() {
    let items = rows::items();
    let render = || rows::rows(&items);
    render();
    let html = render();
    assert!(html.contains(
        r##"<tr id="item-42"><td>42</td><td>Item 42 &lt;buy&gt; milk &amp; eggs</td><td>yes</td><td><a href="#" hx-get="/items/42" hx-swap="outerHTML" hx-target="#item-42">edit</a></td></tr>"##
    ));
    // Per row (a component function: one template): its values' box, and the title when it
    // is past the inline size (25 bytes from row 10); the three `format!` values are
    // formatted inline. Then the rows' vector and the output.
    let n = allocations(render);
    assert!(
        n <= 2 * items.len() + 2,
        "rows: {n} allocations for {} rows",
        items.len()
    );
}

#[test]
fn short_strings_allocate_nothing() {
    let name = String::from("a short name");
    let id = 42;
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
    // The `A!`'s attribute list is the one allocation.
    assert_eq!(n, 1, "{n} allocations");
}

#[test]
fn attributes_are_allocated_once() {
    // The macro reserves room for every attribute (and the auto `name`) up front: one vector,
    // not a vector that grows 2 -> 4 -> 8.
    let n = allocations(|| {
        Input!(
            r#type = "text",
            placeholder = "New Todo",
            hx_post = "/",
            hx_swap = "afterbegin",
            id = "new-title"
        )
    });
    assert_eq!(n, 1, "{n} allocations");
}
