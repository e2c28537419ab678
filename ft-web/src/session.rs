//! Sessions in a signed cookie (SPEC 5D, 6A): a JSON map, signed with HMAC-SHA256 under the
//! app's secret key. A tampered or foreign cookie reads as an empty session (SPEC 5.29); a
//! session that no longer fits its cookie is an error, never silent loss.

use crate::error::Error;
use actix_web::cookie::{Cookie, CookieJar, Key, SameSite, time::Duration};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

/// The largest cookie value browsers keep reliably.
pub const MAX_COOKIE_BYTES: usize = 4000;

/// Session cookie settings (FastHTML's `session_cookie`, `max_age`, `sess_path`, `same_site`,
/// `sess_https_only`, `sess_domain`; SPEC 5.26, 5.28).
#[derive(Debug, Clone)]
pub struct SessionConfig {
    /// Cookie name (`session_`).
    pub cookie: String,
    /// Lifetime in seconds (365 days).
    pub max_age: i64,
    /// Cookie path (`/`).
    pub path: String,
    /// SameSite (`Lax`).
    pub same_site: SameSite,
    /// Send only over https. `None`: when the request came over https.
    pub https_only: Option<bool>,
    /// Cookie domain.
    pub domain: Option<String>,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig {
            cookie: "session_".into(),
            max_age: 365 * 24 * 3600,
            path: "/".into(),
            same_site: SameSite::Lax,
            https_only: None,
            domain: None,
        }
    }
}

/// The signing key: from the configured secret, or from a key file created once (0600).
pub fn load_key(secret: Option<&str>, key_file: &Path) -> std::io::Result<Key> {
    if let Some(secret) = secret {
        return Ok(key_from_secret(secret));
    }
    match std::fs::read_to_string(key_file) {
        Ok(s) if !s.trim().is_empty() => Ok(key_from_secret(s.trim())),
        _ => {
            let key = Key::generate();
            let hex: String = key.master().iter().map(|b| format!("{b:02x}")).collect();
            write_private(key_file, &hex)?;
            Ok(key_from_secret(&hex))
        }
    }
}

/// Any secret, however short, becomes a 32-byte master key (SHA-256) and is expanded with
/// HKDF into the signing and encryption keys.
fn key_from_secret(secret: &str) -> Key {
    use sha2::Digest;
    Key::derive_from(&sha2::Sha256::digest(secret.as_bytes()))
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

#[derive(Debug, Default)]
struct State {
    data: Map<String, Value>,
    changed: bool,
}

/// The request's session: a map of JSON values. Cheap to clone (one session per request).
///
/// ```
/// use ft_web::Session;
/// let s = Session::default();
/// s.insert("user", "uma").unwrap();
/// assert_eq!(s.get::<String>("user").as_deref(), Some("uma"));
/// s.remove("user");
/// assert!(s.is_empty());
/// ```
#[derive(Clone, Debug, Default)]
pub struct Session(Rc<RefCell<State>>);

impl Session {
    /// A session holding `data` (unchanged so far).
    pub fn from_map(data: Map<String, Value>) -> Session {
        Session(Rc::new(RefCell::new(State {
            data,
            changed: false,
        })))
    }
    /// A value, if present and of type `T`.
    pub fn get<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        let state = self.0.borrow();
        state.data.get(key).and_then(|v| T::deserialize(v).ok())
    }
    /// The raw JSON value.
    pub fn get_value(&self, key: &str) -> Option<Value> {
        self.0.borrow().data.get(key).cloned()
    }
    /// Stores a value (anything serde can write as JSON).
    pub fn insert(&self, key: &str, value: impl Serialize) -> Result<(), Error> {
        let v = serde_json::to_value(value)
            .map_err(|e| Error::internal(format!("session value {key:?} is not JSON: {e}")))?;
        let mut state = self.0.borrow_mut();
        state.data.insert(key.to_owned(), v);
        state.changed = true;
        Ok(())
    }
    /// Removes a value, returning it.
    pub fn remove(&self, key: &str) -> Option<Value> {
        let mut state = self.0.borrow_mut();
        let old = state.data.remove(key);
        state.changed |= old.is_some();
        old
    }
    /// Empties the session (the cookie is expired, SPEC 5.30).
    pub fn clear(&self) {
        let mut state = self.0.borrow_mut();
        state.changed |= !state.data.is_empty();
        state.data.clear();
    }
    /// Holds `key`?
    pub fn contains(&self, key: &str) -> bool {
        self.0.borrow().data.contains_key(key)
    }
    /// No values?
    pub fn is_empty(&self) -> bool {
        self.0.borrow().data.is_empty()
    }
    /// A copy of every value.
    pub fn to_map(&self) -> Map<String, Value> {
        self.0.borrow().data.clone()
    }
    /// Changed during this request?
    pub fn changed(&self) -> bool {
        self.0.borrow().changed
    }
}

/// Reads the session from a request's cookie header value; anything unsigned, tampered or
/// malformed reads as empty.
pub fn decode(key: &Key, name: &str, cookie_value: &str) -> Map<String, Value> {
    let mut jar = CookieJar::new();
    jar.add_original(Cookie::new(name.to_owned(), cookie_value.to_owned()));
    jar.signed(key)
        .get(name)
        .and_then(|c| serde_json::from_str::<Value>(c.value()).ok())
        .and_then(|v| match v {
            Value::Object(m) => Some(m),
            _ => None,
        })
        .unwrap_or_default()
}

/// The `Set-Cookie` value for a changed session, or an error when it outgrows its cookie.
pub fn encode(
    key: &Key,
    cfg: &SessionConfig,
    data: &Map<String, Value>,
    https: bool,
) -> Result<Cookie<'static>, Error> {
    let secure = cfg.https_only.unwrap_or(https);
    if data.is_empty() {
        let mut c = Cookie::new(cfg.cookie.clone(), "");
        c.set_path(cfg.path.clone());
        c.set_max_age(Duration::ZERO);
        c.set_expires(actix_web::cookie::time::OffsetDateTime::UNIX_EPOCH);
        c.set_http_only(true);
        c.set_same_site(cfg.same_site);
        c.set_secure(secure);
        return Ok(c);
    }
    let json = Value::Object(data.clone()).to_string();
    let mut jar = CookieJar::new();
    jar.signed_mut(key)
        .add(Cookie::new(cfg.cookie.clone(), json));
    let mut c = jar
        .get(&cfg.cookie)
        .cloned()
        .ok_or_else(|| Error::internal("session cookie could not be signed"))?;
    if c.value().len() > MAX_COOKIE_BYTES {
        return Err(Error::internal(format!(
            "the session is too large for its cookie ({} bytes, at most {MAX_COOKIE_BYTES}): keep large data in the database and only its id in the session",
            c.value().len()
        )));
    }
    c.set_path(cfg.path.clone());
    c.set_max_age(Duration::seconds(cfg.max_age));
    c.set_http_only(true);
    c.set_same_site(cfg.same_site);
    c.set_secure(secure);
    if let Some(d) = &cfg.domain {
        c.set_domain(d.clone());
    }
    Ok(c)
}
