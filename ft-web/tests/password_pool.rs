//! The password pool: hashing never blocks the async worker that awaits it, the pool refuses
//! (503 + Retry-After) rather than queueing without bound, and concurrent hashes share a
//! fixed set of Argon2 memories.

use ft_web::password;
use std::time::{Duration, Instant};

/// A ticker on the same single-threaded runtime as 40 concurrent verifies: when Argon2 ran
/// inline, each verify held the thread for its whole hash (the ticker stopped for seconds);
/// on the pool, the thread stays free.
#[actix_web::test]
async fn hashing_leaves_the_async_worker_free() {
    let stored = password::hash("right").await.unwrap();
    let verifies = (0..40).map(|_| password::verify("wrong", &stored));
    let ticker = async {
        let mut worst = Duration::ZERO;
        let mut last = Instant::now();
        for _ in 0..100 {
            tokio::time::sleep(Duration::from_millis(5)).await;
            worst = worst.max(last.elapsed());
            last = Instant::now();
        }
        worst
    };
    let (answers, worst) =
        futures_util::future::join(futures_util::future::join_all(verifies), ticker).await;
    assert!(
        worst < Duration::from_millis(100),
        "the runtime stalled {worst:?}"
    );
    for a in answers {
        match a {
            Ok(matched) => assert!(!matched),
            // The queue was full: a 503 that says when to come back.
            Err(e) => assert_eq!((e.status(), e.retry_after()), (503, Some(1))),
        }
    }
}

/// Far more requests than the queue holds: the excess is refused, quickly enough that
/// nothing piles up, and every answer is a match, a non-match or a 503.
#[actix_web::test]
async fn a_flood_is_refused_not_queued() {
    let stored = password::hash("right").await.unwrap();
    let limits = password::Limits::default();
    let n = limits.queue + limits.workers + 200;
    let started = Instant::now();
    let answers =
        futures_util::future::join_all((0..n).map(|_| password::verify("wrong", &stored))).await;
    let busy = answers
        .iter()
        .filter(|a| a.as_ref().is_err_and(|e| e.status() == 503))
        .count();
    let checked = answers.iter().filter(|a| matches!(a, Ok(false))).count();
    assert_eq!(busy + checked, n, "only non-matches and 503s");
    assert!(busy >= 200, "{busy} of {n} refused");
    // The refused waited the pause (1 s), not for the hashes before them.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    // And the pool serves again afterwards.
    assert!(password::verify("right", &stored).await.unwrap());
}
