//! Server-side sessions: the values live in a table of the app's database (`ft_session`,
//! SQLite or PostgreSQL, created on first use) and the cookie holds only a random id, sealed
//! like any session cookie. Turn it on with [`FastApp::server_sessions`](crate::FastApp::server_sessions).
//!
//! What it gives over cookie sessions: logging out deletes the row, so a copy of the cookie
//! stops working at once; [`Session::log_out_everywhere`] and [`revoke_user`] end every
//! session of a user; the id changes whenever the user value changes (log in, log out), so a
//! session id planted before login is worth nothing after it. What it costs: one indexed
//! read per request that carries the cookie, and one write when the session changes or is
//! renewed (a quarter of its lifetime after the last write, as cookie sessions are).
//!
//! Handlers use the same [`Session`] either way.
//!
//! ```
//! use ft_web::prelude::*;
//! #[post("/logout")]
//! fn logout(session: Session) -> Redirect {
//!     session.clear(); // the row is deleted: every copy of the cookie is logged out
//!     Redirect::to("/")
//! }
//! let app = fast_app().db(":memory:").server_sessions().routes(routes![logout]);
//! # let _ = app;
//! ```

use crate::Error;
use crate::app::AppInner;
use crate::ctx::Ctx;
use crate::session::{Limit, Session, State, now};
use actix_web::HttpResponse;
use ft_data::{Database, Dialect, Value as DbValue};
use serde_json::{Map, Value};
use std::sync::atomic::{AtomicI64, Ordering::Relaxed};

/// The cookie's one value: the row's id.
const SID: &str = "sid";
/// The most JSON a stored session may hold (an encrypted cookie session holds about 2.2 KB).
pub const MAX_STORED_JSON: usize = 64 * 1024;
const TABLE: &str = "create table if not exists ft_session (id text primary key, user_id text, data text not null, expires bigint not null)";
const INDEX: &str = "create index if not exists ft_session_user on ft_session (user_id)";

/// The app's server-side session settings.
#[derive(Debug)]
pub(crate) struct StoreConfig {
    /// The session value naming the user (for [`revoke_user`] and the id change on login).
    user_key: &'static str,
    ready: tokio::sync::OnceCell<()>,
    /// When expired rows were last deleted (unix seconds).
    purged: AtomicI64,
}

impl StoreConfig {
    pub(crate) fn new(user_key: &'static str) -> StoreConfig {
        StoreConfig {
            user_key,
            ready: tokio::sync::OnceCell::new(),
            purged: AtomicI64::new(0),
        }
    }
}

/// A request's link to its row.
#[derive(Debug, Default)]
pub(crate) struct Stored {
    /// The row's id, once the session has one.
    sid: Option<String>,
    /// `sid` was made during this request: its row is inserted. A loaded id's row is only
    /// updated, so a row deleted meanwhile (logout elsewhere, revocation) stays deleted.
    fresh: bool,
    /// Rows to delete after the response (the session was cleared or got a new id).
    dead: Vec<String>,
    /// End every session of this user.
    revoke: Option<String>,
    user_key: &'static str,
}

/// The user a session value names, as the `user_id` column keeps it.
fn user_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A new value under `key`: when it is the user value, the session gets a new id (fixation).
pub(crate) fn on_change(state: &mut State, key: &str) {
    if let Some(st) = &mut state.stored
        && key == st.user_key
        && let Some(old) = st.sid.take()
    {
        st.dead.push(old);
    }
}

/// The session was emptied: its row goes.
pub(crate) fn on_clear(state: &mut State) {
    if let Some(st) = &mut state.stored
        && let Some(old) = st.sid.take()
    {
        st.dead.push(old);
    }
}

impl Session {
    /// Logs this user out of every session: with server-side sessions, every row of the user
    /// the session names is deleted after the response, so every browser (and every copied
    /// cookie) is logged out. With cookie sessions only this session is cleared: other cookies
    /// stay valid until they expire (change the secret key to end them all).
    pub fn log_out_everywhere(&self) {
        {
            let mut state = self.state();
            let user = match &state.stored {
                Some(st) => state.data.get(st.user_key).map(user_text),
                None => None,
            };
            if let Some(st) = &mut state.stored {
                st.revoke = user;
            }
        }
        self.clear();
    }
}

/// The map the cookie holds: only the id (one is made for a session that has values and no
/// row yet). `None` for a cookie session.
pub(crate) fn cookie_map(session: &Session) -> Option<Map<String, Value>> {
    let mut state = session.state();
    let empty = state.data.is_empty();
    let st = state.stored.as_mut()?;
    let mut map = Map::new();
    if !empty {
        let sid = st
            .sid
            .get_or_insert_with(|| {
                st.fresh = true;
                crate::auth::csrf::random_token()
            })
            .clone();
        map.insert(SID.into(), Value::String(sid));
    }
    Some(map)
}

/// `?` placeholders in the backend's own form.
fn sql(db: &Database, text: &'static str) -> std::borrow::Cow<'static, str> {
    match db.dialect() {
        Dialect::Sqlite => text.into(),
        Dialect::Postgres => {
            let mut out = String::with_capacity(text.len() + 8);
            let mut n = 0;
            for c in text.chars() {
                if c == '?' {
                    n += 1;
                    out.push_str(&format!("${n}"));
                } else {
                    out.push(c);
                }
            }
            out.into()
        }
    }
}

async fn database(app: &AppInner, cfg: &StoreConfig) -> Result<Database, Error> {
    let db = app.db.get().await?;
    cfg.ready.get_or_try_init(|| create(&db)).await?;
    Ok(db)
}

/// The table and its index by user, if missing. Two instances creating them at once on
/// PostgreSQL can collide in its catalog despite `if not exists`; the second try finds them.
async fn create(db: &Database) -> Result<(), Error> {
    let attempt = || async {
        db.execute(TABLE, vec![]).await?;
        db.execute(INDEX, vec![]).await
    };
    if attempt().await.is_err() {
        attempt().await?;
    }
    Ok(())
}

/// Reads the request's session from its row before anything else runs; `None` when the app
/// keeps sessions in cookies. A cookie whose row is gone (logged out, revoked, expired)
/// reads as an empty session and is expired on the response.
pub(crate) async fn load(ctx: &mut Ctx) -> Result<Option<Session>, Error> {
    let app = ctx.app().clone();
    let Some(cfg) = &app.session_store else {
        return Ok(None);
    };
    let cookie = ctx.session(); // the sealed id, read as a cookie session
    let (issued, changed, sid) = {
        let st = cookie.state();
        let sid = st.data.get(SID).and_then(Value::as_str).map(str::to_owned);
        (st.issued, st.changed, sid)
    };
    let mut data = Map::new();
    let mut live = None;
    if let Some(sid) = sid
        && let Some(m) = read_row(&database(&app, cfg).await?, &sid).await?
    {
        data = m;
        live = Some(sid);
    }
    let session = Session::from_state(State {
        changed: changed || (issued.is_some() && live.is_none()),
        data,
        issued,
        limit: Limit::Json(MAX_STORED_JSON),
        stored: Some(Stored {
            sid: live,
            user_key: cfg.user_key,
            ..Stored::default()
        }),
    });
    ctx.set_session(session.clone());
    Ok(Some(session))
}

/// Writes the session's row after the handler ran (unless it failed with a 5xx: what it put
/// into the session may be half done). A failed write is an error (dispatch answers it with a
/// 500), never a cookie pointing at a row that does not exist. A session whose row was deleted
/// while the request ran (logged out in another tab, revoked) is not brought back: its cookie
/// is expired instead.
pub(crate) async fn save(
    app: &AppInner,
    session: Option<Session>,
    https: bool,
    mut res: HttpResponse,
) -> Result<HttpResponse, Error> {
    let (Some(session), Some(cfg)) = (session, &app.session_store) else {
        return Ok(res);
    };
    if res.status().is_server_error() {
        return Ok(res);
    }
    if !write(app, cfg, &session).await? {
        expire_cookie(app, https, &mut res);
    }
    Ok(res)
}

/// Replaces the response's session cookie by one that expires it.
fn expire_cookie(app: &AppInner, https: bool, res: &mut HttpResponse) {
    use actix_web::http::header::SET_COOKIE;
    let prefix = format!("{}=", app.session.cookie);
    let others: Vec<_> = res
        .headers()
        .get_all(SET_COOKIE)
        .filter(|v| !v.as_bytes().starts_with(prefix.as_bytes()))
        .cloned()
        .collect();
    res.headers_mut().remove(SET_COOKIE);
    for v in others {
        res.headers_mut().append(SET_COOKIE, v);
    }
    if let Ok(c) = crate::session::encode(&app.key, &app.session, &Map::new(), https) {
        let _ = res.add_cookie(&c);
    }
}

/// Writes the row; `false` when the session's row is gone (the session ended meanwhile).
async fn write(app: &AppInner, cfg: &StoreConfig, session: &Session) -> Result<bool, Error> {
    let renew = session.needs_write(&app.session);
    let (dead, revoke, row) = {
        let mut state = session.state();
        let data = if state.data.is_empty() {
            None
        } else {
            Some(Value::Object(state.data.clone()).to_string())
        };
        let user = state.data.get(cfg.user_key).map(user_text);
        let Some(st) = &mut state.stored else {
            return Ok(true);
        };
        if data.is_none()
            && let Some(old) = st.sid.take()
        {
            st.dead.push(old); // emptied value by value: the row goes too
        }
        let row = match (renew, &st.sid, data) {
            (true, Some(sid), Some(data)) => Some((sid.clone(), st.fresh, user, data)),
            _ => None,
        };
        (std::mem::take(&mut st.dead), st.revoke.take(), row)
    };
    if dead.is_empty() && revoke.is_none() && row.is_none() {
        return Ok(true);
    }
    let db = database(app, cfg).await?;
    for sid in dead {
        db.execute(
            &sql(&db, "delete from ft_session where id = ?"),
            vec![sid.into()],
        )
        .await?;
    }
    if let Some(user) = revoke {
        revoke_user(&db, &user).await?;
    }
    let mut alive = true;
    if let Some((sid, fresh, user, data)) = row {
        let t = now();
        let expires = t + app.session.max_age;
        let user = user.map_or(DbValue::Null, DbValue::from);
        if fresh {
            let q = sql(
                &db,
                "insert into ft_session (user_id, data, expires, id) values (?, ?, ?, ?)",
            );
            db.execute(&q, vec![user, data.into(), expires.into(), sid.into()])
                .await?;
        } else {
            let q = sql(
                &db,
                "update ft_session set user_id = ?, data = ?, expires = ? where id = ? and expires > ?",
            );
            let args = vec![user, data.into(), expires.into(), sid.into(), t.into()];
            alive = db.execute(&q, args).await? == 1;
        }
        purge_expired(&db, cfg).await?;
    }
    Ok(alive)
}

/// The values a cookie's map (as [`crate::session::decode`] reads it) stands for: the
/// stored row's for a server-side session, else the map itself (for the test client).
pub(crate) async fn peek(app: &AppInner, cookie: Map<String, Value>) -> Map<String, Value> {
    let (Some(cfg), Some(sid)) = (&app.session_store, cookie.get(SID).and_then(Value::as_str))
    else {
        return cookie;
    };
    match database(app, cfg).await {
        Ok(db) => read_row(&db, sid).await.ok().flatten().unwrap_or_default(),
        Err(_) => Map::new(),
    }
}

/// A live row's values.
async fn read_row(db: &Database, sid: &str) -> Result<Option<Map<String, Value>>, Error> {
    let q = sql(
        db,
        "select data from ft_session where id = ? and expires > ?",
    );
    let rows = db.q(&q, vec![sid.into(), now().into()]).await?;
    Ok(rows
        .first()
        .and_then(|r| r.get("data"))
        .and_then(Value::as_str)
        .and_then(|t| serde_json::from_str(t).ok()))
}

/// Deletes expired rows, at most once an hour per process.
async fn purge_expired(db: &Database, cfg: &StoreConfig) -> Result<(), Error> {
    let t = now();
    let last = cfg.purged.load(Relaxed);
    if t - last < 3600
        || cfg
            .purged
            .compare_exchange(last, t, Relaxed, Relaxed)
            .is_err()
    {
        return Ok(());
    }
    db.execute(
        &sql(db, "delete from ft_session where expires <= ?"),
        vec![t.into()],
    )
    .await?;
    Ok(())
}

/// Ends every server-side session of `user` (the value of the session's user key, by
/// default `auth`): for an admin's "log this user out" or after a password change. Returns
/// how many sessions ended.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_web::Result<()> {
/// let db = ft_web::data::Database::open(":memory:").await?;
/// assert_eq!(ft_web::session_store::revoke_user(&db, "uma").await?, 0);
/// # Ok(()) }
/// ```
pub async fn revoke_user(db: &Database, user: &str) -> Result<u64, Error> {
    create(db).await?;
    let q = sql(db, "delete from ft_session where user_id = ?");
    Ok(db.execute(&q, vec![user.into()]).await?)
}

/// How many live server-side sessions `user` has (for an account page, and tests).
pub async fn count_user_sessions(db: &Database, user: &str) -> Result<u64, Error> {
    create(db).await?;
    let q = sql(
        db,
        "select count(*) as n from ft_session where user_id = ? and expires > ?",
    );
    let rows = db.q(&q, vec![user.into(), now().into()]).await?;
    Ok(rows
        .first()
        .and_then(|r| r.get("n"))
        .and_then(Value::as_u64)
        .unwrap_or(0))
}
