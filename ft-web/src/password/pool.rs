//! The hashing pool: a few threads, each hashing into its own Argon2 memory, fed by a bounded
//! queue.
//!
//! Argon2 is built to cost CPU and memory (19 MiB and ~10-30 ms per hash with the default
//! parameters). Run on the async workers, a flood of logins stalls every other request, and
//! allocating 19 MiB per hash fragments the heap until the process holds gigabytes. Here at
//! most [`Limits::workers`] hashes run at once, each worker reuses one buffer for every hash,
//! and a job that finds the queue full, or waited longer than [`Limits::max_wait`], is refused
//! at once (the caller answers 503 with `Retry-After`) instead of piling up.

use argon2::Block;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How much hashing the process does at once; set with [`set_limits`](super::set_limits)
/// before the first hash.
///
/// ```
/// let limits = ft_web::password::Limits::default();
/// assert!(limits.workers >= 1);
/// assert!(limits.queue >= limits.workers);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Hashes computed at once (threads, each holding one Argon2 memory of ~19 MiB).
    /// Default: the number of CPU cores.
    pub workers: usize,
    /// Hashes that may wait for a worker; more are refused at once. Default: 8 per worker.
    pub queue: usize,
    /// A hash that waited longer than this is refused rather than started. Default: 2 s.
    pub max_wait: Duration,
    /// How long a refusal takes when the queue is full. Default: 1 s (the `Retry-After`): a
    /// flood that ignores it gets one answer per connection per second instead of thousands
    /// of cheap ones, which would take the CPU from everyone else.
    pub busy_pause: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        let workers = std::thread::available_parallelism().map_or(1, usize::from);
        Limits {
            workers,
            queue: 8 * workers,
            max_wait: Duration::from_secs(2),
            busy_pause: Duration::from_secs(1),
        }
    }
}

/// A worker's Argon2 memory, kept between hashes.
pub(crate) struct Memory {
    blocks: Vec<Block>,
}

/// The largest memory a worker keeps between hashes (64 MiB); a stored hash made with more
/// gets a buffer of its own, freed afterwards.
const KEPT_BLOCKS: usize = 64 * 1024;

impl Memory {
    /// Runs `f` on `n` blocks of memory.
    pub(crate) fn with_blocks<R>(&mut self, n: usize, f: impl FnOnce(&mut [Block]) -> R) -> R {
        if n > KEPT_BLOCKS {
            return f(&mut vec![Block::default(); n]);
        }
        if self.blocks.len() < n {
            self.blocks.resize(n, Block::default());
        }
        f(&mut self.blocks[..n])
    }
}

/// A queued hash: called with the worker's memory, or `None` when it waited too long.
pub(crate) type Work = Box<dyn FnOnce(Option<&mut Memory>) + Send>;

struct Job {
    work: Work,
    queued: Instant,
}

struct Pool {
    jobs: SyncSender<Job>,
}

static LIMITS: OnceLock<Limits> = OnceLock::new();
static POOL: OnceLock<Pool> = OnceLock::new();

/// Sets the pool's limits; `false` (and no change) once the pool has started or the limits
/// were set before.
pub fn set_limits(limits: Limits) -> bool {
    LIMITS.set(limits).is_ok()
}

/// The pool is full: the job was not queued.
pub(crate) struct Busy;

/// The pool's limits (the defaults unless set before the first hash).
pub(crate) fn limits() -> Limits {
    *LIMITS.get_or_init(Limits::default)
}

/// Queues `work`, starting the pool on first use.
pub(crate) fn submit(work: Work) -> Result<(), Busy> {
    let job = Job {
        work,
        queued: Instant::now(),
    };
    match pool().jobs.try_send(job) {
        Ok(()) => Ok(()),
        Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => Err(Busy),
    }
}

fn pool() -> &'static Pool {
    POOL.get_or_init(|| {
        let limits = limits();
        let (jobs, queue) = sync_channel::<Job>(limits.queue.max(1));
        let queue = Arc::new(Mutex::new(queue));
        for i in 0..limits.workers.max(1) {
            let queue = queue.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("ft-password-{i}"))
                .spawn(move || work(&queue, limits.max_wait));
            if let Err(e) = spawned {
                tracing::error!("could not start password worker {i}: {e}");
            }
        }
        Pool { jobs }
    })
}

fn work(queue: &Mutex<Receiver<Job>>, max_wait: Duration) {
    lower_priority();
    let mut memory = Memory { blocks: Vec::new() };
    loop {
        // The lock is held only while waiting for the next job, not while hashing.
        let job = match queue.lock().unwrap_or_else(|e| e.into_inner()).recv() {
            Ok(job) => job,
            Err(_) => return,
        };
        let fresh = job.queued.elapsed() <= max_wait;
        let mem = fresh.then_some(&mut memory);
        // A panicking job drops its reply (the caller sees an error); the worker goes on.
        let _ = catch_unwind(AssertUnwindSafe(|| (job.work)(mem)));
    }
}

/// Hashing yields the CPU to the server: the worker threads run at nice 10, so under a flood
/// they take the cores the request handlers leave idle (Linux keeps a nice value per thread).
#[cfg(target_os = "linux")]
fn lower_priority() {
    // SAFETY: setpriority only reads its integer arguments; `0` is the calling thread.
    let _ = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, 10) };
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}
