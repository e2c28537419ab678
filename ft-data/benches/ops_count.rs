//! One operation run N times, for instruction counts under callgrind (`benches/callgrind.sh`
//! runs it at two N and divides the difference, so setup and seeding cancel out).
//!
//! `ops_count <ft|raw> <insert|get|query> <N>`

mod common;

use common::{Raw, todo};
use std::hint::black_box;

const SEED: usize = 2000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [variant, op, n] = args.as_slice() else {
        eprintln!("usage: ops_count <ft|raw> <insert|get|query> <N>");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N");
    let id = |i: usize| (i % SEED) as i64 + 1;
    // rows to insert are made before counting starts (only for `insert`)
    let rows: Vec<common::Todo> = match op.as_str() {
        "insert" => (0..n).map(|i| todo(SEED + i)).collect(),
        _ => Vec::new(),
    };
    match variant.as_str() {
        "raw" => {
            let raw = Raw::open("count-raw.db", SEED);
            for i in 0..n {
                match rows.get(i) {
                    Some(row) => drop(black_box(raw.insert(row))),
                    None if op == "get" => drop(black_box(raw.get(id(i)))),
                    None => drop(black_box(raw.query100())),
                }
            }
        }
        _ => {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async {
                let t = common::ft_table("count-ft.db", SEED).await;
                for i in 0..n {
                    match rows.get(i) {
                        Some(row) => drop(black_box(t.insert(row).await.expect("insert"))),
                        None if op == "get" => drop(black_box(t.get(id(i)).await.expect("get"))),
                        None => drop(black_box(common::ft_query100(&t).await)),
                    }
                }
            });
        }
    }
    common::cleanup();
}
