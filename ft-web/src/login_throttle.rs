//! [`LoginThrottle`]: a limit on login attempts per account and per client address, for a
//! login handler to call before it checks a password.
//!
//! Each account and each address has a leaky bucket: an attempt adds one, the level drains by
//! one every `every`, and an attempt that would overflow `burst` is refused with
//! `429 Too Many Requests` and a `Retry-After` saying when the next one fits. The refusal
//! comes after a pause ([`LoginThrottle::pause`], 1 s), so a client that ignores
//! `Retry-After` gets one answer per connection per second, not thousands of cheap ones. The attempt is
//! counted when it starts, so a hundred concurrent guesses cannot all slip through while the
//! first hashes run. A successful login clears its account's bucket, never its address's: an
//! attacker who logs into their own account does not earn more guesses at someone else's.
//!
//! Bounded memory: the table keeps a 64-bit keyed hash per account or address (not the name,
//! whatever its length) and at most [`LoginThrottle::max_entries`] of them; when it is full,
//! drained entries go first, then the least-loaded ones, so a flood of fresh names or
//! addresses cannot flush the buckets that are holding an attacker back. An IPv6 client is
//! counted by its /64 (one host usually owns the whole prefix).
//!
//! The address is the TCP peer's. Behind a reverse proxy that is the proxy, so say how many
//! proxies append to `X-Forwarded-For` with [`LoginThrottle::trust_forwarded_for`]: the
//! address is then read that many entries from the header's end, the part the client cannot
//! forge. Without it the header is ignored (a client can write anything there).
//!
//! A per-account limit lets anyone slow down a victim's logins by failing on purpose; the
//! default (10 attempts, then one a minute) keeps that mild while making a guessing attack
//! hopeless. FastHTML has no throttle.
//!
//! ```
//! use ft_web::prelude::*;
//!
//! #[derive(FormFields)]
//! struct Login { name: String, pwd: String }
//!
//! #[post("/login")]
//! async fn login(form: Login, throttle: State<LoginThrottle>, req: Request) -> Result<String> {
//!     let attempt = throttle.attempt(&req, &form.name).await?; // 429 once over the limit
//!     let stored: Option<String> = None;                     // look the user up here
//!     if !ft_web::password::verify_user(&form.pwd, stored.as_deref()).await? {
//!         return Ok("wrong name or password".into());
//!     }
//!     attempt.succeeded();
//!     Ok("welcome".into())
//! }
//!
//! # actix_web::rt::System::new().block_on(async {
//! let throttle = LoginThrottle::new()
//!     .per_account(2, std::time::Duration::from_secs(60))
//!     .pause(std::time::Duration::ZERO);
//! let app = fast_app()
//!     .state(throttle)
//!     .routes(routes![login]);
//! let cli = Client::new(app).await;
//! let guess = || cli.post("/login").form([("name", "uma"), ("pwd", "guess")]);
//! assert_eq!(guess().send().await.status(), 200);
//! assert_eq!(guess().send().await.status(), 200);
//! let refused = guess().send().await;
//! assert_eq!(refused.status(), 429);
//! assert!(refused.header("retry-after").is_some());
//! # });
//! ```

use crate::Error;
use actix_web::HttpRequest;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Limits on login attempts; keep one in the app's state (`fast_app().state(..)`) and call
/// [`attempt`](LoginThrottle::attempt) in the login handler.
#[derive(Debug)]
pub struct LoginThrottle {
    on: bool,
    account: Rate,
    address: Rate,
    forwarded_hops: usize,
    max_entries: usize,
    pause: Duration,
    keys: std::hash::RandomState,
    table: Mutex<HashMap<u64, Bucket>>,
}

/// `burst` attempts at once, then one more every `every`.
#[derive(Debug, Clone, Copy)]
struct Rate {
    burst: u32,
    every: Duration,
}

/// Attempts outstanding (`level`, draining by one every `every`) as of `at`.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    level: f64,
    at: Instant,
    every: Duration,
}

impl Bucket {
    fn level_at(&self, now: Instant) -> f64 {
        let drained = now.duration_since(self.at).as_secs_f64() / self.every.as_secs_f64();
        (self.level - drained).max(0.0)
    }
}

impl Default for LoginThrottle {
    fn default() -> LoginThrottle {
        LoginThrottle::new()
    }
}

impl LoginThrottle {
    /// The defaults: per account 10 attempts, then one a minute; per address 30, then one
    /// every 2 seconds; 100,000 entries (a few MB); `X-Forwarded-For` ignored.
    pub fn new() -> LoginThrottle {
        LoginThrottle {
            on: true,
            account: Rate {
                burst: 10,
                every: Duration::from_secs(60),
            },
            address: Rate {
                burst: 30,
                every: Duration::from_secs(2),
            },
            forwarded_hops: 0,
            max_entries: 100_000,
            pause: Duration::from_secs(1),
            keys: std::hash::RandomState::new(),
            table: Mutex::new(HashMap::new()),
        }
    }
    /// A throttle that counts nothing and refuses nothing: for load tests, and for apps
    /// that limit logins elsewhere (a reverse proxy).
    pub fn off() -> LoginThrottle {
        LoginThrottle {
            on: false,
            ..LoginThrottle::new()
        }
    }
    /// Attempts per account: `burst` at once, then one every `every`.
    pub fn per_account(mut self, burst: u32, every: Duration) -> LoginThrottle {
        self.account = Rate::new(burst, every);
        self
    }
    /// Attempts per client address: `burst` at once, then one every `every`.
    pub fn per_address(mut self, burst: u32, every: Duration) -> LoginThrottle {
        self.address = Rate::new(burst, every);
        self
    }
    /// The app is behind `hops` reverse proxies that each append the address they saw to
    /// `X-Forwarded-For`: the client is the entry `hops` from the end. Only set this when
    /// every request comes through them, or clients can pick their address.
    pub fn trust_forwarded_for(mut self, hops: usize) -> LoginThrottle {
        self.forwarded_hops = hops;
        self
    }
    /// How long a refusal takes (default 1 s; the connection waits, the server does not).
    pub fn pause(mut self, pause: Duration) -> LoginThrottle {
        self.pause = pause;
        self
    }
    /// The most accounts and addresses remembered at once.
    pub fn max_entries(mut self, n: usize) -> LoginThrottle {
        self.max_entries = n.max(2);
        self
    }

    /// Counts a login attempt on `account` from the request's client, or refuses it with
    /// 429 and `Retry-After`, after the [pause](LoginThrottle::pause), when either is over its
    /// limit (a refused attempt is not counted). Call [`Attempt::succeeded`] when the password
    /// was right.
    pub async fn attempt(&self, req: &HttpRequest, account: &str) -> Result<Attempt<'_>, Error> {
        let counted = self.count(req, account);
        if counted.is_err() && !self.pause.is_zero() {
            tokio::time::sleep(self.pause).await;
        }
        counted
    }

    /// [`attempt`](LoginThrottle::attempt) without the pause.
    fn count(&self, req: &HttpRequest, account: &str) -> Result<Attempt<'_>, Error> {
        if !self.on {
            return Ok(Attempt {
                throttle: self,
                account_key: 0,
            });
        }
        let addr = self.client_address(req);
        let account_key = self.keys.hash_one(("account", account));
        let address_key = self.keys.hash_one(("address", addr));
        let now = Instant::now();
        let mut table = self.table.lock().unwrap_or_else(|e| e.into_inner());
        let mut wait = Duration::ZERO;
        let mut levels = [0.0; 2];
        let buckets = [(account_key, self.account), (address_key, self.address)];
        for (level, (key, rate)) in levels.iter_mut().zip(buckets) {
            *level = table.get(&key).map_or(0.0, |b| b.level_at(now));
            let over = *level + 1.0 - f64::from(rate.burst);
            if over > 0.0 {
                wait = wait.max(rate.every.mul_f64(over));
            }
        }
        if !wait.is_zero() {
            let secs = u32::try_from(wait.as_secs()).unwrap_or(u32::MAX).max(1);
            let secs = if wait.subsec_nanos() > 0 {
                secs.saturating_add(1)
            } else {
                secs
            };
            return Err(Error::too_many_requests(
                format!("Too many login attempts; try again in {secs} seconds"),
                secs,
            ));
        }
        for (level, (key, rate)) in levels.into_iter().zip(buckets) {
            if !table.contains_key(&key) && table.len() >= self.max_entries {
                self.make_room(&mut table, now);
            }
            let bucket = Bucket {
                level: level + 1.0,
                at: now,
                every: rate.every,
            };
            table.insert(key, bucket);
        }
        Ok(Attempt {
            throttle: self,
            account_key,
        })
    }

    /// The client's address: the peer, or the trusted `X-Forwarded-For` entry; an IPv6
    /// address as its /64.
    fn client_address(&self, req: &HttpRequest) -> Option<IpAddr> {
        let forwarded = (self.forwarded_hops > 0)
            .then(|| {
                let entries: Vec<&str> = req
                    .headers()
                    .get_all("x-forwarded-for")
                    .filter_map(|v| v.to_str().ok())
                    .flat_map(|v| v.split(','))
                    .collect();
                let at = entries.len().checked_sub(self.forwarded_hops)?;
                entries[at].trim().parse::<IpAddr>().ok()
            })
            .flatten();
        let ip = forwarded.or_else(|| req.peer_addr().map(|a| a.ip()))?;
        Some(match ip.to_canonical() {
            IpAddr::V6(v6) => {
                let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(prefix.into())
            }
            v4 => v4,
        })
    }

    /// Frees a quarter of the table: drained buckets first, then the least-loaded ones.
    fn make_room(&self, table: &mut HashMap<u64, Bucket>, now: Instant) {
        table.retain(|_, b| b.level_at(now) > 0.0);
        let target = self.max_entries - self.max_entries / 4;
        if table.len() <= target {
            return;
        }
        let mut by_level: Vec<(f64, u64)> =
            table.iter().map(|(k, b)| (b.level_at(now), *k)).collect();
        let cut = table.len() - target;
        by_level.select_nth_unstable_by(cut, |a, b| a.0.total_cmp(&b.0));
        for (_, key) in &by_level[..cut] {
            table.remove(key);
        }
    }

    #[cfg(test)]
    fn entries(&self) -> usize {
        self.table.lock().map_or(0, |t| t.len())
    }
}

impl Rate {
    fn new(burst: u32, every: Duration) -> Rate {
        Rate {
            burst: burst.max(1),
            every: every.max(Duration::from_millis(1)),
        }
    }
}

/// A counted login attempt (from [`LoginThrottle::attempt`]). Dropping it leaves the attempt
/// counted, as a failure.
#[must_use = "call `succeeded()` when the password was right"]
pub struct Attempt<'a> {
    throttle: &'a LoginThrottle,
    account_key: u64,
}

impl Attempt<'_> {
    /// The password was right: the account's bucket is emptied (its address's stays).
    pub fn succeeded(self) {
        if !self.throttle.on {
            return;
        }
        let mut table = self
            .throttle
            .table
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        table.remove(&self.account_key);
    }
}

#[cfg(test)]
mod tests {
    use super::LoginThrottle;
    use actix_web::test::TestRequest;
    use std::time::Duration;

    fn from(peer: &str) -> actix_web::HttpRequest {
        TestRequest::default()
            .peer_addr(peer.parse().unwrap())
            .to_http_request()
    }

    #[test]
    fn an_account_is_limited_whatever_the_address_and_success_clears_it() {
        let t = LoginThrottle::new().per_account(3, Duration::from_secs(60));
        for i in 0..3 {
            let _ = t.count(&from(&format!("10.0.0.{i}:1")), "uma").unwrap();
        }
        let refused = t.count(&from("10.0.0.9:1"), "uma").err().unwrap();
        assert_eq!(refused.status(), 429);
        assert_eq!(refused.retry_after(), Some(60));
        // Other accounts are untouched.
        t.count(&from("10.0.0.9:1"), "ann").unwrap().succeeded();
        let t = LoginThrottle::new().per_account(2, Duration::from_secs(60));
        t.count(&from("10.0.0.1:1"), "uma").unwrap().succeeded();
        t.count(&from("10.0.0.1:1"), "uma").unwrap().succeeded();
        t.count(&from("10.0.0.1:1"), "uma").unwrap().succeeded();
    }

    #[test]
    fn an_address_is_limited_across_accounts_and_by_its_ipv6_prefix() {
        let t = LoginThrottle::new().per_address(2, Duration::from_secs(60));
        // A success clears the account, never the address.
        t.count(&from("[2001:db8::1]:1"), "a").unwrap().succeeded();
        t.count(&from("[2001:db8::2]:1"), "b").unwrap().succeeded();
        let refused = t.count(&from("[2001:db8::ffff]:1"), "c");
        assert_eq!(refused.err().map(|e| e.status()), Some(429));
        assert!(t.count(&from("[2001:db9::1]:1"), "c").is_ok());
    }

    #[test]
    fn off_refuses_nothing() {
        let t = LoginThrottle::off().per_account(1, Duration::from_secs(60));
        for _ in 0..100 {
            let _ = t.count(&from("10.0.0.1:1"), "uma").unwrap();
        }
        assert_eq!(t.entries(), 0);
    }

    #[test]
    fn buckets_drain_with_time() {
        let t = LoginThrottle::new().per_account(1, Duration::from_millis(50));
        let _ = t.count(&from("10.0.0.1:1"), "uma").unwrap();
        assert!(t.count(&from("10.0.0.1:1"), "uma").is_err());
        std::thread::sleep(Duration::from_millis(80));
        assert!(t.count(&from("10.0.0.1:1"), "uma").is_ok());
    }

    #[test]
    fn forwarded_for_counts_only_when_trusted_and_only_the_proxys_entry() {
        let spoofed = |fake: &str| {
            TestRequest::default()
                .peer_addr("127.0.0.1:9".parse().unwrap())
                .insert_header(("X-Forwarded-For", format!("{fake}, 203.0.113.7")))
                .to_http_request()
        };
        // Untrusted: every spoofed header is the same peer.
        let t = LoginThrottle::new().per_address(2, Duration::from_secs(60));
        let _ = t.count(&spoofed("1.1.1.1"), "a").unwrap();
        let _ = t.count(&spoofed("2.2.2.2"), "b").unwrap();
        assert!(t.count(&spoofed("3.3.3.3"), "c").is_err());
        // One trusted proxy: the client is the last entry, whatever the client prepended.
        let t = LoginThrottle::new()
            .per_address(2, Duration::from_secs(60))
            .trust_forwarded_for(1);
        let _ = t.count(&spoofed("1.1.1.1"), "a").unwrap();
        let _ = t.count(&spoofed("2.2.2.2"), "b").unwrap();
        assert!(t.count(&spoofed("3.3.3.3"), "c").is_err());
        assert!(t.count(&from("198.51.100.1:1"), "d").is_ok());
    }

    #[test]
    fn the_table_stays_bounded_and_keeps_the_busiest_buckets() {
        let t = LoginThrottle::new()
            .per_account(3, Duration::from_secs(600))
            .max_entries(100);
        let victim = from("10.9.9.9:1");
        for _ in 0..3 {
            let _ = t.count(&victim, "victim").unwrap();
        }
        for i in 0..10_000u32 {
            let peer = format!("10.{}.{}.{}:1", i >> 16, (i >> 8) & 255, i & 255);
            let _ = t.count(&from(&peer), &format!("name-{i}"));
            assert!(t.entries() <= 100);
        }
        assert!(t.count(&victim, "victim").is_err());
    }
}
