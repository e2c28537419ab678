//! Password hashing for the common login form: Argon2id (the `argon2` crate), a random salt
//! per password, and a constant-time check.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// Hashes a password for storage (a PHC string: algorithm, parameters, salt and hash).
///
/// ```
/// let stored = ft_web::password::hash("s3cret").unwrap();
/// assert!(stored.starts_with("$argon2id$"));
/// assert!(ft_web::password::verify("s3cret", &stored));
/// assert!(!ft_web::password::verify("wrong", &stored));
/// ```
pub fn hash(password: &str) -> Result<String, crate::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| crate::Error::internal(format!("could not hash the password: {e}")))
}

/// Does `password` match `stored` (from [`hash`])? A malformed `stored` value is simply no
/// match. The comparison takes the same time whatever the inputs share.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Checks a login: `stored` is the user's hash, or `None` when there is no such user. A
/// missing user costs the same time as a wrong password (a hash is verified either way), so
/// response times do not tell which names exist.
///
/// ```
/// let stored = ft_web::password::hash("pw").unwrap();
/// assert!(ft_web::password::verify_user("pw", Some(&stored)));
/// assert!(!ft_web::password::verify_user("pw", None));
/// ```
pub fn verify_user(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    match stored {
        Some(s) => verify(password, s),
        None => {
            let dummy = DUMMY.get_or_init(|| hash("ft-dummy-password").unwrap_or_default());
            let _ = verify(password, dummy);
            false
        }
    }
}
