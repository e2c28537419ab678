//! Password hashing for the common login form: Argon2id (the `argon2` crate, its default
//! parameters: 19 MiB, 2 passes), a random salt per password, and a constant-time check.
//!
//! Hashing is slow on purpose, so it never runs on the server's async workers: [`hash`],
//! [`verify`] and [`verify_user`] are `async` and hand the work to a small pool of threads
//! ([`Limits`]: as many as CPU cores, each reusing one Argon2 memory, running at a lower CPU
//! priority than the request handlers). When its queue is full (a flood of logins), a call
//! fails with a 503 and `Retry-After: 1`, after a one-second pause that keeps a flood from
//! turning refusals into a CPU load of its own. Nothing queues without bound, the rest of the
//! app keeps answering, and memory stays flat. Pair it with a
//! [`LoginThrottle`](crate::LoginThrottle), which refuses a flood (429) before it reaches the
//! pool. FastHTML leaves hashing to the app (a Python app hashes on its event loop, or on a
//! thread per request).
//!
//! ```
//! # actix_web::rt::System::new().block_on(async {
//! let stored = ft_web::password::hash("s3cret").await.unwrap();
//! assert!(stored.starts_with("$argon2id$"));
//! assert!(ft_web::password::verify("s3cret", &stored).await.unwrap());
//! assert!(!ft_web::password::verify("wrong", &stored).await.unwrap());
//! # });
//! ```
//!
//! The `_blocking` variants use the same pool and block the calling thread until the answer
//! comes: for scripts, tests and synchronous code, never inside a handler.

use crate::Error;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use pool::{Memory, Work};

mod pool;

pub use pool::{Limits, set_limits};

/// The longest password accepted, in bytes; [`hash`] refuses a longer one (400) and
/// [`verify`] never matches one. Generous for passphrases, and it keeps a queued job small.
pub const MAX_PASSWORD_BYTES: usize = 4096;

/// A hash of `ft-dummy-password` with the default parameters: what [`verify_user`] checks
/// against when there is no such user, so that costs the same as a wrong password.
const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$U5kQJ9aJdF7eEegX2RtHBlQ/QgYGmBPdDWUwJdu6PMA";

/// Hashes a password for storage (a PHC string: algorithm, parameters, salt and hash).
/// Fails with 400 for a password over [`MAX_PASSWORD_BYTES`], 503 when the pool is busy.
pub async fn hash(password: &str) -> Result<String, Error> {
    let password = checked(password)?;
    run(move |mem| hash_with(mem, password.as_bytes())).await?
}

/// Does `password` match `stored` (from [`hash`], or any Argon2 PHC string)? A malformed
/// `stored` value is simply no match. The comparison takes the same time whatever the inputs
/// share. Fails only when the pool is busy (503).
pub async fn verify(password: &str, stored: &str) -> Result<bool, Error> {
    let Ok(password) = checked(password) else {
        return Ok(false);
    };
    let stored = stored.to_owned();
    run(move |mem| verify_with(mem, password.as_bytes(), &stored)).await
}

/// Checks a login: `stored` is the user's hash, or `None` when there is no such user. A
/// missing user costs the same time as a wrong password (a hash is verified either way), so
/// response times do not tell which names exist.
///
/// ```
/// # actix_web::rt::System::new().block_on(async {
/// use ft_web::password;
/// let stored = password::hash("pw").await.unwrap();
/// assert!(password::verify_user("pw", Some(&stored)).await.unwrap());
/// assert!(!password::verify_user("pw", None).await.unwrap());
/// # });
/// ```
pub async fn verify_user(password: &str, stored: Option<&str>) -> Result<bool, Error> {
    let matched = verify(password, stored.unwrap_or(DUMMY)).await?;
    Ok(matched && stored.is_some())
}

/// [`hash`], blocking the calling thread: not for handlers (it would stall the server).
///
/// ```
/// let stored = ft_web::password::hash_blocking("s3cret").unwrap();
/// assert!(ft_web::password::verify_blocking("s3cret", &stored).unwrap());
/// ```
pub fn hash_blocking(password: &str) -> Result<String, Error> {
    let password = checked(password)?;
    run_blocking(move |mem| hash_with(mem, password.as_bytes()))?
}

/// [`verify`], blocking the calling thread: not for handlers (it would stall the server).
pub fn verify_blocking(password: &str, stored: &str) -> Result<bool, Error> {
    let Ok(password) = checked(password) else {
        return Ok(false);
    };
    let stored = stored.to_owned();
    run_blocking(move |mem| verify_with(mem, password.as_bytes(), &stored))
}

fn checked(password: &str) -> Result<String, Error> {
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(Error::bad_request(format!(
            "password: at most {MAX_PASSWORD_BYTES} bytes"
        )));
    }
    Ok(password.to_owned())
}

fn busy() -> Error {
    Error::new(
        503,
        "The server is busy checking passwords; try again shortly",
    )
    .with_retry_after(1)
}

/// Runs `f` on the pool and waits for it without blocking the async worker.
async fn run<T: Send + 'static>(
    f: impl FnOnce(&mut Memory) -> T + Send + 'static,
) -> Result<T, Error> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let work: Work = Box::new(move |mem| {
        // The request is gone (client disconnected): skip the hash.
        if !tx.is_closed() {
            let _ = tx.send(mem.map(f));
        }
    });
    if pool::submit(work).is_err() {
        tokio::time::sleep(pool::limits().busy_pause).await;
        return Err(busy());
    }
    match rx.await {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(busy()),
        Err(_) => Err(Error::internal("password hashing failed")),
    }
}

/// Runs `f` on the pool and blocks the calling thread until it is done.
fn run_blocking<T: Send + 'static>(
    f: impl FnOnce(&mut Memory) -> T + Send + 'static,
) -> Result<T, Error> {
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let work: Work = Box::new(move |mem| {
        let _ = tx.send(mem.map(f));
    });
    pool::submit(work).map_err(|_| busy())?;
    match rx.recv() {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(busy()),
        Err(_) => Err(Error::internal("password hashing failed")),
    }
}

fn hash_with(mem: &mut Memory, password: &[u8]) -> Result<String, Error> {
    let failed = |e: &dyn std::fmt::Display| Error::internal(format!("could not hash: {e}"));
    let argon = Argon2::default();
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_buf = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_buf).map_err(|e| failed(&e))?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    mem.with_blocks(argon.params().block_count(), |blocks| {
        argon.hash_password_into_with_memory(password, salt_bytes, &mut out, blocks)
    })
    .map_err(|e| failed(&e))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(argon.params()).map_err(|e| failed(&e))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| failed(&e))?),
    };
    Ok(phc.to_string())
}

fn verify_with(mem: &mut Memory, password: &[u8], stored: &str) -> bool {
    let Ok(phc) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (phc.salt, phc.hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (Algorithm::try_from(phc.algorithm), Params::try_from(&phc))
    else {
        return false;
    };
    let version = match phc.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(v)) => v,
        Some(Err(_)) => return false,
    };
    let mut salt_buf = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut salt_buf) else {
        return false;
    };
    let argon = Argon2::new(algorithm, version, params);
    let mut out = vec![0u8; expected.len()];
    let computed = mem.with_blocks(argon.params().block_count(), |blocks| {
        argon.hash_password_into_with_memory(password, salt_bytes, &mut out, blocks)
    });
    // `Output`'s equality is constant-time.
    computed.is_ok() && Output::new(&out).is_ok_and(|o| o == expected)
}

#[cfg(test)]
mod tests {
    use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

    #[test]
    fn hashes_agree_with_the_argon2_crate_both_ways() {
        let ours = super::hash_blocking("pw").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(
            argon2::Argon2::default()
                .verify_password(b"pw", &parsed)
                .is_ok()
        );
        let salt = SaltString::from_b64("c29tZXNhbHRzb21lc2FsdA").unwrap();
        let theirs = argon2::Argon2::default()
            .hash_password(b"ft-dummy-password", &salt)
            .unwrap()
            .to_string();
        assert_eq!(theirs, super::DUMMY);
        assert!(super::verify_blocking("ft-dummy-password", &theirs).unwrap());
        assert!(!super::verify_blocking("ft-dummy-passwore", &theirs).unwrap());
    }

    #[test]
    fn other_argon2_variants_and_parameters_verify() {
        let params = argon2::Params::new(1024, 1, 2, Some(16)).unwrap();
        let argon = argon2::Argon2::new(argon2::Algorithm::Argon2i, argon2::Version::V0x10, params);
        let salt = SaltString::from_b64("c29tZXNhbHRzb21lc2FsdA").unwrap();
        let stored = argon.hash_password(b"pw", &salt).unwrap().to_string();
        assert!(super::verify_blocking("pw", &stored).unwrap());
        assert!(!super::verify_blocking("px", &stored).unwrap());
    }

    #[test]
    fn malformed_or_oversized_input_is_no_match_and_long_passwords_are_refused() {
        for stored in [
            "",
            "$argon2id$",
            "plain",
            "$argon2id$v=19$m=8,t=1,p=1$!!$!!",
        ] {
            assert!(!super::verify_blocking("pw", stored).unwrap(), "{stored}");
        }
        let long = "x".repeat(super::MAX_PASSWORD_BYTES + 1);
        assert_eq!(super::hash_blocking(&long).unwrap_err().status(), 400);
        let stored = super::hash_blocking("x").unwrap();
        assert!(!super::verify_blocking(&long, &stored).unwrap());
    }
}
