//! The WAL under sustained writes, in a test binary of its own: the bound depends on the
//! checkpoint thread getting CPU time beside the writer, which the other tests of a shared
//! binary (eight writers on one file, thousands of interleaved requests) would take from it.

mod common;

use common::{Todo, todo};
use ft_data::Database;

/// Checkpoints run beside the writer, but the WAL stays bounded: 30,000 inserts without a
/// pause (60,000 WAL pages without checkpoints) leave a WAL of ~4,000 pages, and a reader sees
/// every row. Also when the disk is busy: the writer that reaches 4,000 pages while the
/// thread's checkpoint is stuck in a slow fsync waits for it (without that wait, 11,000 and
/// 13,000 pages were seen beside a process writing and fsyncing 300 MB files).
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
    assert!(biggest < 5000 * 4120, "the WAL grew to {biggest} bytes");
    assert_eq!(t.query().count().await.unwrap(), 30_000);
    std::fs::remove_dir_all(&dir).unwrap();
}
