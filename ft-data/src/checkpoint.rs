//! WAL checkpoints off the write path.
//!
//! SQLite's automatic checkpoint runs inside the commit that takes the WAL past 1,000 pages:
//! that write waits while the WAL is copied into the database file and both are fsynced.
//! ft-data replaces it on the writer connection with a hook that only notes the WAL's size;
//! after the write, each 1,000 pages of WAL growth wake a checkpoint thread with a connection of
//! its own, which runs a PASSIVE checkpoint (it never blocks the writer or the readers). Writes
//! return once they are in the WAL.
//!
//! The writer starts the WAL over only when a checkpoint has copied all of it. Between bursts
//! of writes the thread catches up; under writes without pause it stays a few pages behind,
//! so at 4,000 pages the writer runs a PASSIVE checkpoint itself, as SQLite's automatic one
//! would (with little left to copy): the WAL stays bounded. If the thread is still in its own
//! checkpoint then (slow fsyncs on a busy disk), the writer waits for it first rather than
//! being refused and writing on: that wait is the backpressure that keeps the bound. The same
//! happens if the thread cannot start.

use rusqlite::Connection;
use rusqlite::hooks::Wal;
use std::cell::Cell;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{Arc, Mutex, OnceLock};

/// WAL growth, in pages, that starts a checkpoint (SQLite's own default).
const PAGES: i32 = 1000;
/// WAL size, in pages, at which the writer checkpoints itself.
const INLINE_PAGES: i32 = 4 * PAGES;

thread_local! {
    /// The WAL size the last commit on this thread reported (the hook runs inside the write,
    /// on the writing thread).
    static WAL_PAGES: Cell<i32> = const { Cell::new(0) };
}

fn hook(_: &Wal, pages: std::ffi::c_int) -> rusqlite::Result<()> {
    WAL_PAGES.set(pages);
    Ok(())
}

pub(crate) struct Checkpointer {
    path: PathBuf,
    /// The checkpoint thread's wake-up line, started on first need (`None`: it could not).
    wake: OnceLock<Option<SyncSender<()>>>,
    /// The WAL size that wakes it next.
    next: AtomicI32,
    /// Held while a checkpoint runs, by the thread or the writer: SQLite refuses a second
    /// checkpoint at once instead of waiting for the first.
    running: Arc<Mutex<()>>,
}

impl Checkpointer {
    /// Take over checkpoints of the database at `path` from its writer connection `c`.
    pub fn install(c: &Connection, path: PathBuf) -> Checkpointer {
        c.wal_hook(Some(hook));
        Checkpointer {
            path,
            wake: OnceLock::new(),
            next: AtomicI32::new(PAGES),
            running: Arc::new(Mutex::new(())),
        }
    }

    /// Call on the writing thread after each write, with the writer connection: wakes the
    /// checkpoint thread each time the WAL has grown by another [`PAGES`].
    pub fn after_write(&self, c: &Connection) {
        let pages = WAL_PAGES.replace(0);
        if pages == 0 {
            return; // no commit
        }
        let next = self.next.load(Ordering::Relaxed);
        if pages < next - PAGES {
            // the WAL was started over
            self.next.store(PAGES, Ordering::Relaxed);
            return;
        }
        if pages >= INLINE_PAGES {
            return checkpoint_exclusive(&self.running, c);
        }
        if pages < next {
            return;
        }
        self.next.store(pages + PAGES, Ordering::Relaxed);
        match self
            .wake
            .get_or_init(|| spawn(self.path.clone(), self.running.clone()))
        {
            // a full line means a checkpoint is already due
            Some(wake) => drop(wake.try_send(())),
            None => checkpoint_exclusive(&self.running, c),
        }
    }
}

/// The checkpoint thread: it ends when the database (the sending side) is dropped.
fn spawn(path: PathBuf, running: Arc<Mutex<()>>) -> Option<SyncSender<()>> {
    let (tx, rx) = sync_channel::<()>(1);
    let run = move || {
        let Ok(c) = Connection::open(&path) else {
            return;
        };
        while rx.recv().is_ok() {
            checkpoint_exclusive(&running, &c);
        }
    };
    std::thread::Builder::new()
        .name("ft-data-checkpoint".into())
        .spawn(run)
        .ok()
        .map(|_| tx)
}

/// A PASSIVE checkpoint once no other checkpoint of this database runs: copies what it can
/// without waiting for readers or writers (errors only mean it copied less; the next one
/// continues).
fn checkpoint_exclusive(running: &Mutex<()>, c: &Connection) {
    // A panic elsewhere while holding it leaves nothing to repair: the guard guards no data.
    let _one_at_a_time = running.lock().unwrap_or_else(|e| e.into_inner());
    let _ = c.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
}
