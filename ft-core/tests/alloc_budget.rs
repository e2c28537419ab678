//! Allocation budget of building and rendering the "big table" (100x100 integers): a
//! regression guard for the hot path. Cells must cost no allocation of their own; the
//! budget is a few allocations per row.

use ft_core::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

struct Counting;
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static COUNTING: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Only the thread measuring counts (the test harness allocates on its own threads).
    static MEASURING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn note() {
    if COUNTING.load(Relaxed) && MEASURING.try_with(|m| m.get()).unwrap_or(false) {
        ALLOCS.fetch_add(1, Relaxed);
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
    MEASURING.with(|m| m.set(true));
    let before = ALLOCS.load(Relaxed);
    COUNTING.store(true, Relaxed);
    let r = f();
    COUNTING.store(false, Relaxed);
    let n = ALLOCS.load(Relaxed) - before;
    MEASURING.with(|m| m.set(false));
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

#[test]
fn attributes_are_allocated_once() {
    // The macro reserves room for every attribute (and the auto `name`) up front: one box and
    // one vector, not a vector that grows 2 -> 4 -> 8.
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
