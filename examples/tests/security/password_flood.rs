//! Password hashing under a flood of logins: wrong-password logins (no account needed) sent
//! concurrently must neither starve other requests nor grow memory, and are throttled per
//! account and per address. FastHTML leaves hashing and throttling to the app; its examples
//! compare plain-text passwords and have no limit. bench/login_flood.sh measures the same
//! flood with wrk (RSS, the p99 of an unrelated GET).

use crate::common::ws::{Http, http};
use crate::common::{Running, TempDir};
use crate::todo;
use ft_web::prelude::*;
use std::time::{Duration, Instant};

const FORM: (&str, &str) = ("content-type", "application/x-www-form-urlencoded");

async fn login(server: &Running, name: &str, pwd: &str, extra: &[(&str, &str)]) -> Http {
    let mut headers = vec![FORM];
    headers.extend_from_slice(extra);
    let body = format!("name={name}&pwd={pwd}");
    http(server, "POST", "/login", &headers, &body).await
}

fn retry_after(r: &Http) -> Option<u32> {
    r.headers
        .iter()
        .find(|(k, _)| k == "retry-after")
        .and_then(|(_, v)| v.parse().ok())
}

/// The todo app as it ships, on a temporary database, with the account `uma` made.
async fn todo_with_uma(dir: &TempDir, throttle: Option<LoginThrottle>) -> (Running, String) {
    let db = dir.file("todos.db");
    let server = Running::start(move || match throttle {
        Some(t) => todo::app_with_throttle(&db, t),
        None => todo::app(&db),
    });
    let r = login(&server, "uma", "right", &[]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let cookie = r.cookie("session_").expect("a session");
    (server, cookie)
}

/// 64 concurrent wrong guesses at one account: the attempts are counted when they start, so
/// no more than the account's allowance (10) reach the password check; the rest are 429s
/// with `Retry-After`, never an error page. The right password then waits too (the price of
/// a per-account limit).
#[ft_web::test]
async fn password_flood_is_throttled_per_account() {
    let dir = TempDir::new("sec-flood-throttle");
    let (server, _) = todo_with_uma(&dir, None).await;
    let guesses = (0..64).map(|i| {
        let server = &server;
        async move { login(server, "uma", &format!("guess{i}"), &[]).await }
    });
    let answers = futures_util::future::join_all(guesses).await;
    // 303: the password was checked; 503: it would have been, but the hashing pool (shared
    // by the process, and maybe filled by the flood test) was full.
    let through = answers
        .iter()
        .filter(|r| [303, 503].contains(&r.status))
        .count();
    let refused: Vec<&Http> = answers.iter().filter(|r| r.status == 429).collect();
    assert!(through <= 10, "{through} guesses got past the throttle");
    assert_eq!(through + refused.len(), 64, "only 303s, 503s and 429s");
    assert!(
        refused
            .iter()
            .all(|r| retry_after(r).is_some_and(|s| s >= 1))
    );

    let t = Instant::now();
    let right = login(&server, "uma", "right", &[]).await;
    assert_eq!(right.status, 429);
    assert!(
        t.elapsed() >= Duration::from_millis(900),
        "refused after the pause"
    );
}

/// Guessing across many accounts from one address: the address's allowance (30) runs out,
/// and a forged `X-Forwarded-For` buys no fresh one (the app trusts no proxy). Refusals take
/// a second each (the throttle's pause), so a flood that ignores `Retry-After` is slowed.
#[ft_web::test]
async fn password_flood_is_throttled_per_address() {
    let dir = TempDir::new("sec-flood-address");
    let (server, _) = todo_with_uma(&dir, None).await;
    let logins = (0..50).map(|i| {
        let server = &server;
        // New names create accounts in this app: the flood writes at most the allowance.
        async move { login(server, &format!("user{i}"), "pw", &[]).await.status }
    });
    let statuses = futures_util::future::join_all(logins).await;
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert!(refused >= 15, "{statuses:?}");
    // 503: the hashing pool is shared by the process, and the flood test may fill it.
    let allowed = [303, 429, 503];
    assert!(statuses.iter().all(|s| allowed.contains(s)), "{statuses:?}");
    // Ten more, each claiming another client: at most the one or two attempts the bucket
    // drained meanwhile get through (were the header believed, all ten would).
    let spoofed = (0..10).map(|i| {
        let server = &server;
        async move {
            let fake = format!("198.51.100.{i}, 203.0.113.{i}");
            let name = format!("spoof{i}");
            login(server, &name, "pw", &[("x-forwarded-for", &fake)])
                .await
                .status
        }
    });
    let spoofed = futures_util::future::join_all(spoofed).await;
    let refused = spoofed.iter().filter(|s| **s == 429).count();
    assert!(refused >= 7, "{spoofed:?}");
}

/// The hashing pool alone (throttle off): a flood of 128 concurrent wrong-password logins
/// for 3 seconds. Before, Argon2 ran on the async workers and a logged-in page took 0.35-1 s
/// under this flood; now at most one hash per core runs, on its own lower-priority threads,
/// the excess is refused (503 + `Retry-After`, after a pause), and the page stays fast.
#[ft_web::test]
async fn password_flood_leaves_other_requests_fast() {
    let dir = TempDir::new("sec-flood-pool");
    let (server, cookie) = todo_with_uma(&dir, Some(LoginThrottle::off())).await;
    let cookie_header = [("cookie", cookie.as_str())];
    let until = Instant::now() + Duration::from_secs(3);
    let flood = (0..128).map(|_| {
        let server = &server;
        async move {
            let mut seen = Vec::new();
            while Instant::now() < until {
                let r = login(server, "uma", "wrong", &[]).await;
                seen.push((r.status, retry_after(&r)));
            }
            seen
        }
    });
    let measure = async {
        // Let the flood fill the pool first.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let mut times = Vec::new();
        while Instant::now() < until {
            let t = Instant::now();
            let r = http(&server, "GET", "/", &cookie_header, "").await;
            assert_eq!(r.status, 200, "{}", r.body);
            assert!(r.body.contains("uma's Todo list"));
            times.push(t.elapsed());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        times
    };
    let (answers, mut times) =
        futures_util::future::join(futures_util::future::join_all(flood), measure).await;
    let answers: Vec<_> = answers.into_iter().flatten().collect();
    assert!(
        answers
            .iter()
            .all(|(s, retry)| *s == 303 || (*s == 503 && retry.is_some())),
        "only checked logins (303) and busy answers with Retry-After (503)"
    );
    assert!(
        answers.iter().any(|(s, _)| *s == 503),
        "the pool was saturated"
    );
    times.sort();
    let median = times[times.len() / 2];
    // Generous for a debug build on a loaded machine; the hashes alone took 0.35 s and more.
    assert!(
        median < Duration::from_millis(100),
        "median {median:?} of {} page loads during the flood",
        times.len()
    );
}
