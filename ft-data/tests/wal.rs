//! The WAL under sustained writes, in a test binary of its own: the bound depends on the
//! checkpoint thread getting CPU time beside the writer, which the other tests of a shared
//! binary (eight writers on one file, thousands of interleaved requests) would take from it.

mod common;

use common::{Todo, todo};
use ft_data::Database;

/// Checkpoints run beside the writer, but the WAL stays bounded: 30,000 inserts without a
/// pause (60,000 WAL pages without checkpoints) leave a WAL of ~4,000 pages, and a reader sees
/// every row. The bound allows 10,000: while the checkpoint thread is off the CPU mid-way
/// through a checkpoint, the writer's own is refused and the WAL grows until the thread runs
/// again (7,500 pages seen once in a full `scripts/test` run on 2 busy cores).
#[tokio::test]
async fn wal_stays_bounded_under_sustained_writes() {
    let dir = std::env::temp_dir().join(common::unique("wal"));
    let path = dir.join("w.db");
    let db = Database::open(&path).await.unwrap();
    let t = db.create::<Todo>().await.unwrap();
    let mut biggest = 0;
    for i in 0..30_000 {
        t.insert(&todo(&format!("t{i}"), "w")).await.unwrap();
        if i % 500 == 0 {
            let wal = std::fs::metadata(dir.join("w.db-wal")).map_or(0, |m| m.len());
            biggest = biggest.max(wal);
        }
    }
    assert!(biggest < 10_000 * 4120, "the WAL grew to {biggest} bytes");
    assert_eq!(t.query().count().await.unwrap(), 30_000);
    std::fs::remove_dir_all(&dir).unwrap();
}
