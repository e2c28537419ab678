//! Sessions in a cookie (SPEC 5D, 6A): a JSON map, encrypted and authenticated with
//! AES-256-GCM under a key derived from the app's secret (or, with `encrypt: false`, only
//! signed with HMAC-SHA256 as FastHTML does). A tampered, foreign or expired cookie reads as an
//! empty session (SPEC 5.29); a value that would not fit the cookie is refused when it is
//! inserted (a 413 the handler returns), never silently lost.
//!
//! A cookie session cannot be revoked: a copy of the cookie stays valid until it expires. The
//! server-side store ([`crate::session_store`]) keeps the values in the app's database
//! instead, so logging out ends the session for every copy of its cookie.

use crate::Error;
use actix_web::cookie::{Cookie, CookieJar, Key, SameSite, time::Duration};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

/// The largest session cookie value ft sends. Browsers keep a cookie of at most 4096 bytes
/// (name, value and attributes); a larger one is dropped by the browser without a word, so
/// `Session::insert` refuses a value that would not fit (a 413), and a cookie that still
/// outgrows it is never sent (a 500 that says so).
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
    /// Lifetime in seconds (14 days; FastHTML's is a year). The browser forgets the cookie
    /// after it, and ft no longer accepts a cookie written longer ago (the sealed payload
    /// carries its time). An active session is re-sent once a quarter of its lifetime has
    /// passed (not on every response: that would cost an encryption per request), so it only
    /// expires after `max_age` without requests.
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
    /// Encrypt the session (AES-256-GCM with a key derived from the secret): the client can
    /// neither change nor read it. On by default; `false` only signs it, as FastHTML does
    /// (SPEC 5.27: readable by the client). Either kind of cookie is still read after
    /// switching, and re-written in the configured kind, so sessions signed by an older
    /// version carry over.
    pub encrypt: bool,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig {
            cookie: "session_".into(),
            max_age: 14 * 24 * 3600,
            path: "/".into(),
            same_site: SameSite::Lax,
            https_only: None,
            trust_forwarded_proto: false,
            domain: None,
            encrypt: true,
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
        tracing::warn!(
            "the session key file {} can be read by other users (mode {:o}); run `chmod 600 {}`",
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
pub(crate) fn key_from_secret(secret: &str) -> Key {
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
pub(crate) struct State {
    pub(crate) data: Map<String, Value>,
    pub(crate) changed: bool,
    /// When the request's cookie was signed (unix seconds); `None` without a valid cookie.
    pub(crate) issued: Option<i64>,
    /// The most JSON the values may take: what fits the cookie, or the store's limit.
    pub(crate) limit: Limit,
    /// The server-side store's record of this session, when the app has one.
    pub(crate) stored: Option<crate::session_store::Stored>,
}

/// How large a session may grow, checked on every insert.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Limit {
    /// A cookie of this name length, encrypted or signed: at most [`MAX_COOKIE_BYTES`].
    Cookie { name_len: usize, encrypt: bool },
    /// Values kept on the server: at most this many bytes of JSON.
    Json(usize),
}

impl Default for Limit {
    fn default() -> Self {
        Limit::for_cookie(&SessionConfig::default())
    }
}

impl Limit {
    pub(crate) fn for_cookie(cfg: &SessionConfig) -> Limit {
        Limit::Cookie {
            name_len: cfg.cookie.len(),
            encrypt: cfg.encrypt,
        }
    }
    /// The largest JSON this limit allows.
    fn max_json(self) -> usize {
        match self {
            Limit::Json(n) => n,
            Limit::Cookie { name_len, encrypt } => {
                // Cookie = name "=" value; the value wraps base64url(JSON) "." time (11 bytes)
                // in base64 of nonce (12) + text + tag (16) when encrypted, or after a 44-byte
                // base64 HMAC when signed.
                let room = MAX_COOKIE_BYTES.saturating_sub(name_len + 1);
                let payload = if encrypt {
                    (room / 4 * 3).saturating_sub(12 + 16)
                } else {
                    room.saturating_sub(44)
                };
                payload.saturating_sub(11) / 4 * 3
            }
        }
    }
}

/// The request's session: a map of JSON values kept in an encrypted cookie (or, with a
/// [server-side store](crate::session_store), in the app's database). Cheap to
/// clone (one session per request; a handler parameter `session: Session` gives it).
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
/// A value that would make the session too large for its cookie is refused by `insert` with a
/// 413 (before the handler writes anything else, if it inserts first), never a silently lost
/// cookie. Keep anything large in the database and only an id in the session.
///
/// ```
/// use ft_web::Session;
/// let s = Session::default();
/// let err = s.insert("name", "x".repeat(5000)).unwrap_err();
/// assert_eq!(err.status(), 413);
/// assert!(!s.contains("name"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Session(Rc<RefCell<State>>);

impl Session {
    /// A session holding `data` (unchanged so far).
    pub fn from_map(data: Map<String, Value>) -> Session {
        Session(Rc::new(RefCell::new(State {
            data,
            ..State::default()
        })))
    }
    pub(crate) fn from_state(state: State) -> Session {
        Session(Rc::new(RefCell::new(state)))
    }
    pub(crate) fn state(&self) -> std::cell::RefMut<'_, State> {
        self.0.borrow_mut()
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
    /// the `insert`, not after the handler ran as in FastHTML, SPEC 6.2). A value that would
    /// make the session too large is refused with a 413 and the session is left as it was:
    /// insert before writing anything else, so a refused request has changed nothing.
    pub fn insert(&self, key: &str, value: impl Serialize) -> Result<(), Error> {
        let v = serde_json::to_value(value)
            .map_err(|e| Error::internal(format!("session value {key:?} is not JSON: {e}")))?;
        let mut state = self.0.borrow_mut();
        let old = state.data.insert(key.to_owned(), v);
        let max = state.limit.max_json();
        let size = json_len(&state.data);
        if size > max {
            match old {
                Some(old) => state.data.insert(key.to_owned(), old),
                None => state.data.remove(key),
            };
            return Err(Error::new(
                413,
                format!(
                    "The value of {key:?} is too large to keep in the session ({size} bytes of JSON, at most {max})."
                ),
            ));
        }
        crate::session_store::on_change(&mut state, key);
        state.changed = true;
        Ok(())
    }
    /// Removes a value, returning it.
    pub fn remove(&self, key: &str) -> Option<Value> {
        let mut state = self.0.borrow_mut();
        let old = state.data.remove(key);
        if old.is_some() {
            state.changed = true;
            crate::session_store::on_change(&mut state, key);
        }
        old
    }
    /// Empties the session: the response expires the cookie (SPEC 5.30).
    pub fn clear(&self) {
        let mut state = self.0.borrow_mut();
        state.changed |= !state.data.is_empty() || state.issued.is_some();
        state.data.clear();
        crate::session_store::on_clear(&mut state);
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
    /// Does this response depend on the session: it has values, came with a cookie, or
    /// changed? (Such a response is kept out of shared caches.)
    pub(crate) fn in_use(&self) -> bool {
        let state = self.0.borrow();
        state.changed || state.issued.is_some() || !state.data.is_empty()
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
    pub(crate) fn needs_write(&self, cfg: &SessionConfig) -> bool {
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

/// The length of a map's JSON text.
fn json_len(data: &Map<String, Value>) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut n = Count(0);
    let _ = serde_json::to_writer(&mut n, data);
    n.0
}

pub(crate) fn now() -> i64 {
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
        limit: Limit::for_cookie(cfg),
        stored: None,
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
    // Saturating: a sealed time near i64::MIN is merely too old, not an overflow.
    let age = now().saturating_sub(time);
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
/// expired or malformed reads as an empty session (SPEC 5.29). It takes any string and never
/// panics (it is fuzzed).
///
/// ```
/// use ft_web::actix_web::cookie::Key;
/// use ft_web::session::{decode, encode, SessionConfig};
/// let key = Key::derive_from(&[7; 32]);
/// let cfg = SessionConfig::default();
/// let data = serde_json::json!({"auth": "uma"}).as_object().unwrap().clone();
/// let cookie = encode(&key, &cfg, &data, false).unwrap();
/// assert!(!cookie.value().contains("dW1h")); // encrypted: "uma" cannot be read from it
/// assert_eq!(decode(&key, &cfg, cookie.value()), data);
/// assert!(decode(&key, &cfg, "forged").is_empty());
/// ```
pub fn decode(key: &Key, cfg: &SessionConfig, cookie_value: &str) -> Map<String, Value> {
    verify(key, cfg, cookie_value)
        .map(|(m, _)| m)
        .unwrap_or_default()
}

/// The `Set-Cookie` for a session: the sealed map, or an expired cookie for an empty
/// session; an error when it outgrows its cookie.
///
/// The payload is `base64url(JSON) "." unix-time`, safe in a cookie whatever the JSON holds
/// (`;`, spaces, non-ASCII); encrypted it becomes `base64(nonce, AES-256-GCM text, tag)`,
/// signed `base64(HMAC-SHA256)` followed by the readable payload.
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
    let map = crate::session_store::cookie_map(session).unwrap_or_else(|| session.to_map());
    encode(key, cfg, &map, request_is_https(req, cfg)).map(Some)
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
        Err(e) => tracing::error!(path = ctx.path(), "session not saved: {}", e.message()),
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
            format!("{}.{}", b64::encode(br#"{"a":1}"#), i64::MIN),
            format!("%%%.{t}"),
            String::new(),
        ] {
            let cookie = signed(&key, &cfg, &payload);
            assert!(decode(&key, &cfg, &cookie).is_empty(), "{payload:?}");
        }
    }

    // Found by fuzz/ (session_decode): without serde_json's exact float parsing this number
    // came back one unit in the last place off.
    #[test]
    fn floats_come_back_exactly() {
        let key = key_from_secret("k");
        let cfg = SessionConfig::default();
        let data = Map::from_iter([("f".to_owned(), Value::from(1.7970001813750401e308))]);
        let cookie = encode(&key, &cfg, &data, false).map(|c| c.value().to_owned());
        assert_eq!(cookie.map(|c| decode(&key, &cfg, &c)).ok(), Some(data));
    }

    #[test]
    fn unchanged_sessions_are_re_sent_when_a_quarter_old() {
        let cfg = SessionConfig {
            max_age: 400,
            ..SessionConfig::default()
        };
        let fresh = Session(Rc::new(RefCell::new(State {
            data: Map::from_iter([("a".to_owned(), Value::from(1))]),
            issued: Some(now()),
            ..State::default()
        })));
        assert!(!fresh.needs_write(&cfg));
        fresh.0.borrow_mut().issued = Some(now() - 150);
        assert!(fresh.needs_write(&cfg));
        fresh.0.borrow_mut().data.clear();
        assert!(!fresh.needs_write(&cfg));
    }
}
