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

/// The largest session cookie value ft sends. Browsers keep a cookie of at most 4096 bytes
/// (name, value and attributes); a larger one is dropped by the browser without a word, so
/// ft refuses to send it (a 500 that says so) instead.
pub const MAX_COOKIE_BYTES: usize = 4000;

/// Session cookie settings (FastHTML's `session_cookie`, `max_age`, `sess_path`, `same_site`,
/// `sess_https_only`, `sess_domain`; SPEC 5.26, 5.28).
///
/// ```
/// use ft_web::prelude::*;
/// use ft_web::SessionConfig;
/// let app = fast_app().session_config(SessionConfig {
///     cookie: "sid".into(),
///     max_age: 8 * 3600,
///     https_only: Some(true), // behind a TLS-terminating proxy: always Secure
///     ..SessionConfig::default()
/// });
/// # let _ = app;
/// ```
#[derive(Debug, Clone)]
pub struct SessionConfig {
    /// Cookie name (`session_`).
    pub cookie: String,
    /// Lifetime in seconds (365 days). The browser forgets the cookie after it, and ft no
    /// longer accepts a cookie signed longer ago (the signature carries its time). An active
    /// session is re-sent, so it only expires after `max_age` without requests.
    pub max_age: i64,
    /// Cookie path (`/`).
    pub path: String,
    /// SameSite (`Lax`).
    pub same_site: SameSite,
    /// The `Secure` flag. `Some(true)`: always; `Some(false)`: never; `None` (the default):
    /// when the request came over https — on a TLS listener, or, with
    /// [`trust_forwarded_proto`](Self::trust_forwarded_proto), when the proxy says so.
    pub https_only: Option<bool>,
    /// Believe `X-Forwarded-Proto: https` / `Forwarded: proto=https` when deciding the
    /// `Secure` flag (off: any client can send these headers; turn it on only behind a proxy
    /// that sets them).
    pub trust_forwarded_proto: bool,
    /// Cookie domain.
    pub domain: Option<String>,
    /// Encrypt the session (AES-256-GCM with a key derived from the secret) instead of only
    /// signing it: the client can then neither change nor read it. Off by default (FastHTML's
    /// sessions are readable, SPEC 5.27); either kind of cookie is still read after switching,
    /// and re-written in the configured kind.
    pub encrypt: bool,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig {
            cookie: "session_".into(),
            max_age: 365 * 24 * 3600,
            path: "/".into(),
            same_site: SameSite::Lax,
            https_only: None,
            trust_forwarded_proto: false,
            domain: None,
            encrypt: false,
        }
    }
}

/// The signing key (SPEC 5.25): the configured secret (an empty one counts as none), else the
/// key file, created once with a random key and mode 0600, and read on every later start.
/// Several processes starting at once agree on one key: the file appears atomically, complete,
/// and whoever comes second reads the winner's key.
pub fn load_key(secret: Option<&str>, key_file: &Path) -> std::io::Result<Key> {
    if let Some(secret) = secret.filter(|s| !s.is_empty()) {
        return Ok(key_from_secret(secret));
    }
    if let Some(existing) = read_key_file(key_file)? {
        return Ok(key_from_secret(&existing));
    }
    let hex: String = Key::generate()
        .master()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    match create_private(key_file, &hex) {
        Ok(()) => Ok(key_from_secret(&hex)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => match read_key_file(key_file)? {
            Some(existing) => Ok(key_from_secret(&existing)),
            None => Err(empty_key_file(key_file)),
        },
        Err(e) => Err(std::io::Error::new(
            e.kind(),
            format!(
                "cannot create the session key file {}: {e} (set FT_SECRET_KEY or .secret_key(..) instead)",
                key_file.display()
            ),
        )),
    }
}

fn empty_key_file(path: &Path) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!(
            "the session key file {} is empty: delete it (a new key is made) or set FT_SECRET_KEY",
            path.display()
        ),
    )
}

/// The key file's secret; `None` when there is no file.
fn read_key_file(path: &Path) -> std::io::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(s) if s.trim().is_empty() => Err(empty_key_file(path)),
        Ok(s) => {
            warn_if_readable_by_others(path);
            Ok(Some(s.trim().to_owned()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(std::io::Error::new(
            e.kind(),
            format!("cannot read the session key file {}: {e}", path.display()),
        )),
    }
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path)
        && meta.permissions().mode() & 0o077 != 0
    {
        eprintln!(
            "ft: warning: the session key file {} can be read by other users (mode {:o}); run `chmod 600 {}`",
            path.display(),
            meta.permissions().mode() & 0o777,
            path.display()
        );
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_: &Path) {}

/// Any secret, however short, becomes a 32-byte master key (SHA-256) and is expanded with
/// HKDF into the signing and encryption keys.
fn key_from_secret(secret: &str) -> Key {
    use sha2::Digest;
    Key::derive_from(&sha2::Sha256::digest(secret.as_bytes()))
}

/// Writes `contents` to a new file at `path`, readable by its owner only, all at once: a
/// private temporary file is written, then hard-linked to `path` (which fails with
/// `AlreadyExists` when another process got there first).
#[cfg(unix)]
fn create_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("sesskey");
    static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = path.with_file_name(format!(".{name}.{}-{seq}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let written = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(contents.as_bytes())?;
        f.sync_all()?;
        std::fs::hard_link(&tmp, path)
    })();
    let _ = std::fs::remove_file(&tmp);
    written
}

#[cfg(not(unix))]
fn create_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(contents.as_bytes())
}

#[derive(Debug, Default)]
struct State {
    data: Map<String, Value>,
    changed: bool,
    /// When the request's cookie was signed (unix seconds); `None` without a valid cookie.
    issued: Option<i64>,
}

/// The request's session: a map of JSON values kept in a signed cookie. Cheap to clone (one
/// session per request; a handler parameter `session: Session` gives it).
///
/// ```
/// use ft_web::Session;
/// let s = Session::default();
/// s.insert("user", "uma").unwrap();
/// assert_eq!(s.get::<String>("user").as_deref(), Some("uma"));
/// s.remove("user");
/// assert!(s.is_empty());
/// ```
///
/// The cookie is signed, not encrypted: the client can read (but not change) what is in it,
/// so keep secrets and anything large in the database and only an id in the session. A
/// session that no longer fits its cookie is a 500 that says so, never a silently lost
/// cookie.
#[derive(Clone, Debug, Default)]
pub struct Session(Rc<RefCell<State>>);

impl Session {
    /// A session holding `data` (unchanged so far).
    pub fn from_map(data: Map<String, Value>) -> Session {
        Session(Rc::new(RefCell::new(State {
            data,
            changed: false,
            issued: None,
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
    /// Stores a value (anything serde can write as JSON; anything else is an error here, at
    /// the `insert`, not after the handler ran as in FastHTML, SPEC 6.2).
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
    /// Empties the session: the response expires the cookie (SPEC 5.30).
    pub fn clear(&self) {
        let mut state = self.0.borrow_mut();
        state.changed |= !state.data.is_empty() || state.issued.is_some();
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
    /// Edits the raw map in place (marks the session changed).
    pub(crate) fn with_map<R>(&self, f: impl FnOnce(&mut Map<String, Value>) -> R) -> R {
        let mut state = self.0.borrow_mut();
        state.changed = true;
        f(&mut state.data)
    }
    /// Does the response need a `Set-Cookie`? When the session changed, and also when an
    /// unchanged session's cookie is a quarter of its lifetime old: it is re-signed, so an
    /// active user's session does not expire (Starlette re-sends it on every response).
    fn needs_write(&self, cfg: &SessionConfig) -> bool {
        let state = self.0.borrow();
        if state.changed {
            return true;
        }
        match state.issued {
            Some(t) if !state.data.is_empty() => now() - t > cfg.max_age / 4,
            _ => false,
        }
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Clock skew tolerated for a cookie's time (seconds).
const SKEW: i64 = 300;

/// The session of a request: its cookie read and checked, or an empty session. Cookies made
/// with the app's previous keys (key rotation) or in the other kind (signed/encrypted) are
/// accepted too; such a session is re-written with the current key and kind on this response.
pub(crate) fn from_request_rotating(
    req: &actix_web::HttpRequest,
    key: &Key,
    old_keys: &[Key],
    cfg: &SessionConfig,
) -> Session {
    let (data, issued, stale) = match req.cookie(&cfg.cookie) {
        Some(c) => match verify_any(key, old_keys, cfg, c.value()) {
            Some((data, t, stale)) => (data, Some(t), stale),
            None => (Map::new(), None, false),
        },
        None => (Map::new(), None, false),
    };
    Session(Rc::new(RefCell::new(State {
        data,
        changed: stale,
        issued,
    })))
}

/// The cookie's map and time under the current key or an old one, in either kind; `stale`
/// when it was not the current key and kind.
fn verify_any(
    key: &Key,
    old_keys: &[Key],
    cfg: &SessionConfig,
    cookie_value: &str,
) -> Option<(Map<String, Value>, i64, bool)> {
    for (i, k) in std::iter::once(key).chain(old_keys).enumerate() {
        for private in [cfg.encrypt, !cfg.encrypt] {
            if let Some((m, t)) = verify_with(k, cfg, cookie_value, private) {
                return Some((m, t, i > 0 || private != cfg.encrypt));
            }
        }
    }
    None
}

/// The cookie's map and signing time, when its signature is this key's, its time within
/// `max_age`, and its payload a JSON object.
fn verify(key: &Key, cfg: &SessionConfig, cookie_value: &str) -> Option<(Map<String, Value>, i64)> {
    verify_any(key, &[], cfg, cookie_value).map(|(m, t, _)| (m, t))
}

fn verify_with(
    key: &Key,
    cfg: &SessionConfig,
    cookie_value: &str,
    private: bool,
) -> Option<(Map<String, Value>, i64)> {
    let mut jar = CookieJar::new();
    jar.add_original(Cookie::new(cfg.cookie.clone(), cookie_value.to_owned()));
    let signed = if private {
        jar.private(key).get(&cfg.cookie)?
    } else {
        jar.signed(key).get(&cfg.cookie)?
    };
    let (payload, time) = signed.value().rsplit_once('.')?;
    let time: i64 = time.parse().ok()?;
    let age = now() - time;
    if age > cfg.max_age || age < -SKEW {
        return None;
    }
    let json = b64::decode(payload)?;
    match serde_json::from_slice::<Value>(&json).ok()? {
        Value::Object(m) => Some((m, time)),
        _ => None,
    }
}

/// Reads a session cookie's value: anything unsigned, tampered, signed with another key,
/// expired or malformed reads as an empty session (SPEC 5.29).
pub fn decode(key: &Key, cfg: &SessionConfig, cookie_value: &str) -> Map<String, Value> {
    verify(key, cfg, cookie_value)
        .map(|(m, _)| m)
        .unwrap_or_default()
}

/// The `Set-Cookie` for a session: the signed map, or an expired cookie for an empty
/// session; an error when it outgrows its cookie.
///
/// The value is `base64(HMAC-SHA256) base64url(JSON) "." unix-time`: signed, readable by the
/// client, safe in a cookie whatever the JSON holds (`;`, spaces, non-ASCII).
pub fn encode(
    key: &Key,
    cfg: &SessionConfig,
    data: &Map<String, Value>,
    https: bool,
) -> Result<Cookie<'static>, Error> {
    let secure = cfg.https_only.unwrap_or(https);
    let mut c = if data.is_empty() {
        let mut c = Cookie::new(cfg.cookie.clone(), "");
        c.set_max_age(Duration::ZERO);
        c.set_expires(actix_web::cookie::time::OffsetDateTime::UNIX_EPOCH);
        c
    } else {
        let json = Value::Object(data.clone()).to_string();
        let payload = format!("{}.{}", b64::encode(json.as_bytes()), now());
        let mut jar = CookieJar::new();
        if cfg.encrypt {
            jar.private_mut(key)
                .add(Cookie::new(cfg.cookie.clone(), payload));
        } else {
            jar.signed_mut(key)
                .add(Cookie::new(cfg.cookie.clone(), payload));
        }
        let mut c = jar
            .get(&cfg.cookie)
            .cloned()
            .ok_or_else(|| Error::internal("session cookie could not be signed"))?;
        let size = c.name().len() + 1 + c.value().len();
        if size > MAX_COOKIE_BYTES {
            let mut keys: Vec<(&String, usize)> =
                data.iter().map(|(k, v)| (k, v.to_string().len())).collect();
            keys.sort_by_key(|k| std::cmp::Reverse(k.1));
            let biggest: Vec<String> = keys
                .iter()
                .take(3)
                .map(|(k, n)| format!("{k:?} ({n} bytes of JSON)"))
                .collect();
            return Err(Error::internal(format!(
                "the session is too large for its cookie: {size} bytes, browsers keep at most {MAX_COOKIE_BYTES}, so it was not sent (it would be lost). Largest values: {}. Keep large data in the database and only its id in the session.",
                biggest.join(", ")
            )));
        }
        c.set_max_age(Duration::seconds(cfg.max_age));
        c
    };
    c.set_path(cfg.path.clone());
    c.set_http_only(true);
    c.set_same_site(cfg.same_site);
    c.set_secure(secure);
    if let Some(d) = &cfg.domain {
        c.set_domain(d.clone());
    }
    Ok(c)
}

/// Was the request made over https, for the session cookie's `Secure` flag? A TLS listener
/// says so; `X-Forwarded-Proto`/`Forwarded` only count when the app trusts its proxy
/// ([`SessionConfig::trust_forwarded_proto`]).
pub fn request_is_https(req: &actix_web::HttpRequest, cfg: &SessionConfig) -> bool {
    if req.app_config().secure() || req.uri().scheme_str() == Some("https") {
        return true;
    }
    cfg.trust_forwarded_proto && req.connection_info().scheme() == "https"
}

/// The session's `Set-Cookie`, when the request's session needs writing.
fn cookie_for(
    session: &Session,
    req: &actix_web::HttpRequest,
    key: &Key,
    cfg: &SessionConfig,
) -> Result<Option<Cookie<'static>>, Error> {
    if !session.needs_write(cfg) {
        return Ok(None);
    }
    if session.is_empty() && session.0.borrow().issued.is_none() {
        return Ok(None); // nothing to keep, no cookie to expire
    }
    encode(key, cfg, &session.to_map(), request_is_https(req, cfg)).map(Some)
}

/// Adds the session's `Set-Cookie` to a response when the request's session needs writing.
pub(crate) fn write_cookie(
    session: &Session,
    req: &actix_web::HttpRequest,
    key: &Key,
    cfg: &SessionConfig,
    res: &mut actix_web::HttpResponseBuilder,
) -> Result<(), Error> {
    if let Some(cookie) = cookie_for(session, req, key, cfg)? {
        res.cookie(cookie);
    }
    Ok(())
}

/// A 4xx error page still saves the session, as Starlette's session middleware does for an
/// `HTTPException`: a toast queued before `Err(Error::not_found(..))` shows on the next page.
/// A 5xx does not (the handler failed; what it put in the session may be half done).
pub(crate) fn save_on_error(ctx: &crate::ctx::Ctx, res: &mut actix_web::HttpResponse) {
    if res.status().is_server_error() {
        return;
    }
    let Some(session) = ctx.session_if_loaded() else {
        return;
    };
    let app = ctx.app();
    match cookie_for(session, ctx.req(), &app.key, &app.session) {
        Ok(Some(cookie)) => {
            let _ = res.add_cookie(&cookie);
        }
        Ok(None) => {}
        Err(e) => eprintln!("ft: {}: session not saved: {}", ctx.path(), e.message()),
    }
}

/// base64url without padding (RFC 4648 §5), for cookie payloads.
mod b64 {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
            for i in 0..=chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
        }
        out
    }

    pub fn decode(s: &str) -> Option<Vec<u8>> {
        if s.len() % 4 == 1 {
            return None;
        }
        let mut out = Vec::with_capacity(s.len() * 3 / 4);
        for chunk in s.as_bytes().chunks(4) {
            let mut n = 0u32;
            for (i, c) in chunk.iter().enumerate() {
                let v = ALPHABET.iter().position(|a| a == c)? as u32;
                n |= v << (18 - 6 * i);
            }
            for i in 0..chunk.len() - 1 {
                out.push((n >> (16 - 8 * i)) as u8);
            }
        }
        Some(out)
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn roundtrip() {
            for len in 0..40 {
                let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
                let s = super::encode(&bytes);
                assert!(!s.contains('='));
                assert_eq!(super::decode(&s).as_deref(), Some(&bytes[..]), "len {len}");
            }
            assert_eq!(super::encode(b"{\"a\":1}"), "eyJhIjoxfQ");
            assert_eq!(super::decode("e"), None);
            assert_eq!(super::decode("e!=="), None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(key: &Key, cfg: &SessionConfig, payload: &str) -> String {
        let mut jar = CookieJar::new();
        jar.signed_mut(key)
            .add(Cookie::new(cfg.cookie.clone(), payload.to_owned()));
        jar.get(&cfg.cookie)
            .map(|c| c.value().to_owned())
            .unwrap_or_default()
    }

    // SPEC 5.29: correctly signed but malformed payloads read as an empty session too.
    #[test]
    fn signed_garbage_reads_as_empty() {
        let key = key_from_secret("k");
        let cfg = SessionConfig::default();
        let t = now();
        let ok = signed(&key, &cfg, &format!("{}.{t}", b64::encode(br#"{"a":1}"#)));
        assert_eq!(decode(&key, &cfg, &ok).get("a"), Some(&Value::from(1)));
        for payload in [
            format!("{}.{t}", b64::encode(b"not json")),
            format!("{}.{t}", b64::encode(b"[1,2]")),
            format!("{}.{t}", b64::encode(b"null")),
            format!("{}.{t}", b64::encode(&[0xff, 0xfe])),
            format!("{}.notatime", b64::encode(br#"{"a":1}"#)),
            b64::encode(br#"{"a":1}"#),
            format!("{}.{}", b64::encode(br#"{"a":1}"#), t - cfg.max_age - 10), // expired
            format!("{}.{}", b64::encode(br#"{"a":1}"#), t + 3600),             // from the future
            format!("%%%.{t}"),
            String::new(),
        ] {
            let cookie = signed(&key, &cfg, &payload);
            assert!(decode(&key, &cfg, &cookie).is_empty(), "{payload:?}");
        }
    }

    #[test]
    fn unchanged_sessions_are_re_sent_when_a_quarter_old() {
        let cfg = SessionConfig {
            max_age: 400,
            ..SessionConfig::default()
        };
        let fresh = Session(Rc::new(RefCell::new(State {
            data: Map::from_iter([("a".to_owned(), Value::from(1))]),
            changed: false,
            issued: Some(now()),
        })));
        assert!(!fresh.needs_write(&cfg));
        fresh.0.borrow_mut().issued = Some(now() - 150);
        assert!(fresh.needs_write(&cfg));
        fresh.0.borrow_mut().data.clear();
        assert!(!fresh.needs_write(&cfg));
    }
}
