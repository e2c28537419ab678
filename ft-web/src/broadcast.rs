//! Broadcast: rooms that websockets and SSE streams join, and one `publish` that reaches every
//! member — in this process, and in every other process of the app when a shared backend is
//! configured (PostgreSQL or Redis, through a log per channel that survives a restart of
//! either). The chat and multiplayer patterns.
//!
//! The [`Hub`] is part of the app: take it as a handler parameter (`hub: Hub`, HTTP or
//! websocket) or from [`App::hub`](crate::App::hub). A socket joins a room with
//! [`Hub::join`]; [`Hub::publish`] renders the FT once and queues it to every member without
//! waiting for any of them. A member whose socket is gone is dropped from its rooms by itself
//! (on disconnect, and whenever a publish finds its queue closed); a member that stops reading
//! until its queue is full is disconnected rather than buffered without bound.
//!
//! ```
//! use ft_web::prelude::*;
//!
//! async fn on_connect(send: WsSend, hub: Hub) {
//!     hub.join("lobby", &send);
//! }
//!
//! #[ws("/chat", conn = on_connect)]
//! async fn chat(msg: String, hub: Hub) -> Result<()> {
//!     hub.publish("lobby", Div!(P!(msg), id = "log", hx_swap_oob = "beforeend")).await?;
//!     Ok(())
//! }
//!
//! #[post("/announce")]
//! async fn announce(text: String, hub: Hub) -> Result<String> {
//!     let n = hub.publish("lobby", P!(text)).await?;   // from plain HTTP, too
//!     Ok(format!("sent to {n} local sockets"))
//! }
//! # let _ = fast_app().routes(routes![chat, announce]);
//! ```
//!
//! **Across processes.** `fast_app().broadcast(Broadcast::postgres(url))` or
//! `Broadcast::redis(url)` (or `FT_BROADCAST_URL=postgres://..`/`redis://..` in the
//! environment) makes every publish also go out on the shared channel; each process delivers
//! what the others publish to its own members. A publish reaches this process's members
//! immediately and the other processes' members through the backend (each process ignores its
//! own echo). Each app has a channel of its own on the shared backend: by default one
//! derived from the app's secret key (`ft_` and 16 hex digits), so the instances of one app
//! (which share their secret for sessions anyway) share it, and two unrelated apps on one
//! PostgreSQL or Redis never see each other's rooms; [`Broadcast::channel`] names it instead,
//! and [`Hub::channel`] tells which it is. Channel names are not secret (the backend lists
//! them), so an app's hub also seals every message with an HMAC keyed from its secret and
//! drops what is not sealed so: a process without the secret cannot put HTML into the
//! app's rooms, pin a versioned room or fake a head count. A worker beside the app gets a
//! hub that can with [`Hub::with_secret`]. (A hub made with [`Hub::new`] seals nothing and
//! takes everything.) Instances without a shared secret (each with its own key file) are
//! apps of their own here too: give them one `FT_SECRET_KEY`.
//!
//! **Delivery across processes survives a backend restart.** The backend keeps a log of
//! each channel: a Redis stream (`XADD`, about the last 20,000 messages) or a PostgreSQL
//! table (`<channel>_log`, the last five minutes, woken by `NOTIFY`). A publish goes into
//! this process's outbox first (see [`Hub::publish`]), which is sent to the log in order
//! and kept until the backend has taken it: while the backend is away it waits there, up
//! to its bound, and goes out when the backend is back. Each process reads the log from
//! the last entry it read, and after a reconnect it reads on from there, so what the others
//! published meanwhile reaches its members then. Each message carries its process's number
//! for it, and a process delivers a number at most once (a batch sent again after a failure
//! whose outcome was unknown leaves copies in the log, which are dropped). So every member
//! of every process gets each message exactly once, and the messages of one process in the
//! order they were published, provided: the outbox did not overflow (a publish that found it
//! full is a 503 and reaches only this process's members); the reconnecting process was
//! away for less than the log keeps (Redis: ~20,000 messages; PostgreSQL: five minutes);
//! and, on PostgreSQL, no message committed more than 10 s after a newer one was read (ids
//! can commit out of order under concurrent publishers; see `broadcast/pg.rs`). A message
//! published before a process first connected is not delivered to it; messages of
//! different processes are in log order, not in any global order. Presence counts
//! ([`Hub::members`]) are best-effort: not queued while the backend is away. A message has
//! no size limit beyond the backend's (PostgreSQL's `NOTIFY` limit no longer applies: the
//! notification carries only an id).

use crate::Error;
use crate::ws::WsSend;
use actix_web::web::Bytes;
use bytestring::ByteString;
use ft_html::IntoFt;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use tokio::sync::mpsc::error::TrySendError;
use tokio::sync::{mpsc, watch};

/// The channel of a [`Hub`] made outside an app ([`Hub::new`]) with no [`Broadcast::channel`];
/// an app's hub derives its own from the app's secret key instead (see the module docs).
pub const DEFAULT_CHANNEL: &str = "ft_broadcast";
/// How long a publish waits for a connected backend to take its message before it returns
/// anyway (the message stays queued).
const ACK_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// One published message: its HTML (rendered once for every member) and SSE event name.
#[derive(Debug)]
pub struct Message {
    event: Option<String>,
    html: ByteString,
    sse: OnceLock<Bytes>,
}

impl Message {
    pub(crate) fn new(html: String, event: Option<&str>) -> Message {
        Message {
            event: event
                .filter(|e| !e.is_empty() && *e != "message")
                .map(str::to_owned),
            html: ByteString::from(html),
            sse: OnceLock::new(),
        }
    }
    /// The rendered HTML (what a websocket member receives).
    pub fn html(&self) -> &str {
        &self.html
    }
    /// The SSE event name (`None` is the default `message`).
    pub fn event(&self) -> Option<&str> {
        self.event.as_deref()
    }
    pub(crate) fn html_bytes(&self) -> ByteString {
        self.html.clone()
    }
    /// The message as one SSE message (`event: ..` line, `data: ` lines, blank line),
    /// formatted once and shared by every stream.
    pub fn sse(&self) -> Bytes {
        self.sse
            .get_or_init(|| {
                Bytes::from(ft_html::sse::sse_message(
                    ft_html::Raw(self.html.to_string().into()),
                    self.event.as_deref().unwrap_or("message"),
                ))
            })
            .clone()
    }
}

/// What a member's queue carries: a published message, or (for one socket) a text sent to it
/// alone. One pointer: a socket's queue is allocated in blocks of 32 items.
pub(crate) type Out = Arc<Message>;

struct Member {
    tx: mpsc::Sender<Out>,
    /// Set to disconnect the member (websockets; SSE streams end when their queue drops).
    stop: Option<Arc<watch::Sender<bool>>>,
}

#[derive(Default)]
struct Rooms {
    rooms: HashMap<String, HashMap<u64, Member>>,
    joined: HashMap<u64, Vec<String>>,
    /// The newest version delivered to each room ([`Hub::publish_versioned`]).
    versions: HashMap<String, u64>,
}

/// Rooms whose newest version is kept although they have no members, at most (beyond it,
/// those of empty rooms are forgotten).
const MAX_VERSIONS: usize = 10_000;

impl Rooms {
    /// Is `version` newer than every one delivered to `room`? Then it is the newest now.
    fn newer(&mut self, room: &str, version: u64) -> bool {
        if let Some(last) = self.versions.get_mut(room) {
            if version <= *last {
                return false;
            }
            *last = version;
            return true;
        }
        if self.versions.len() >= MAX_VERSIONS {
            let rooms = &self.rooms;
            self.versions.retain(|r, _| rooms.contains_key(r));
        }
        self.versions.insert(room.to_owned(), version);
        true
    }

    fn forget(&mut self, id: u64, room: &str) {
        if let Some(list) = self.joined.get_mut(&id) {
            list.retain(|r| r != room);
            if list.is_empty() {
                self.joined.remove(&id);
            }
        }
    }
}

pub(crate) struct HubInner {
    rooms: Mutex<Rooms>,
    origin: u64,
    kind: &'static str,
    channel: Option<String>,
    /// This process's messages on their way to the backend (`None` in process).
    outbox: Option<Arc<outbox::Outbox>>,
    /// The newest message delivered from each other process (copies are dropped).
    seen: Mutex<outbox::Seen>,
    ready: watch::Receiver<bool>,
    pub(crate) ws: crate::ws::WsConfig,
    /// The other processes' room counts (`presence`).
    peers: Mutex<presence::Peers>,
    /// Woken when a room of this process gains or loses a member.
    changed: Arc<tokio::sync::Notify>,
    /// The key this hub seals its messages with and checks others' with (an app's hub);
    /// `None`: sent as they are, and every message is taken.
    seal: Option<[u8; 32]>,
    /// This process's open websockets (`WsConfig::max_sockets`).
    sockets: std::sync::atomic::AtomicUsize,
}

impl Drop for HubInner {
    fn drop(&mut self) {
        if let Some(o) = &self.outbox {
            o.close();
        }
    }
}

impl HubInner {
    /// `json` sealed for the channel: an HMAC of it, then a space, then it.
    pub(crate) fn seal(&self, json: &str) -> String {
        use base64::Engine;
        match self.seal.as_ref().and_then(|k| mac_of(k, json)) {
            Some(mac) => format!(
                "{} {json}",
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac)
            ),
            None => json.to_owned(),
        }
    }

    /// The JSON of a message from the channel, if this hub takes it: sealed with this hub's
    /// key (anything else is dropped), or anything for a hub without a key.
    fn open<'a>(&self, payload: &'a str) -> Option<&'a str> {
        use base64::Engine;
        let Some(key) = &self.seal else {
            return Some(payload.split_once(' ').map_or(payload, |(_, j)| j));
        };
        let (mac, json) = payload.split_once(' ')?;
        let mac = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(mac)
            .ok()?;
        use hmac::Mac;
        let mut check = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).ok()?;
        check.update(json.as_bytes());
        check.verify_slice(&mac).ok().map(|()| json)
    }

    /// This process's members per room.
    fn local_counts(&self) -> HashMap<String, usize> {
        let rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        rooms
            .rooms
            .iter()
            .map(|(r, m)| (r.clone(), m.len()))
            .collect()
    }
}

/// The app's rooms (see the [module docs](self)). Cheap to clone; `Send + Sync`, so it can be
/// used from any thread or background task.
///
/// **As a handler parameter**, `hub: Hub` is the app's own hub (one per app, made at startup;
/// the same one a websocket handler, a hook or [`App::hub`](crate::App::hub) gets), in any
/// HTTP route, websocket handler or `conn`/`disconn` hook. A handler can publish to a room
/// ([`Hub::publish`]) or count its members here ([`Hub::local_members`]); a member is a
/// websocket that [`Hub::join`]ed it or an SSE stream of it
/// ([`EventStream::room`](crate::EventStream::room)), which a plain HTTP route can answer
/// with.
///
/// ```
/// use ft_web::prelude::*;
///
/// #[post("/announce")]
/// async fn announce(text: String, hub: Hub) -> Result<String> {
///     let sent = hub.publish("lobby", P!(text)).await?; // queued to this process's members
///     Ok(format!("{sent} of {} members", hub.local_members("lobby")))
/// }
///
/// #[get("/lobby")]
/// fn lobby(hub: Hub) -> EventStream {
///     EventStream::room(&hub, "lobby") // what is published from now on
/// }
///
/// # actix_web::rt::System::new().block_on(async {
/// let c = Client::new(fast_app().routes(routes![announce, lobby]).secret_key("test")).await;
/// let mut feed = c.get("/lobby").sse().await?; // the stream is now a member
/// let r = c.post("/announce").form([("text", "hello")]).send().await;
/// assert_eq!(r.text(), "1 of 1 members");
/// assert_eq!(feed.next().await.expect("the announcement").data, "<p>hello</p>");
/// # Ok::<(), ft_web::sse::SseError>(())
/// # }).unwrap();
/// ```
#[derive(Clone)]
pub struct Hub(Arc<HubInner>);

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub")
            .field("backend", &self.0.kind)
            .finish()
    }
}

static NEXT_MEMBER: AtomicU64 = AtomicU64::new(1);

/// A new id for a socket or stream, unique in this process.
pub(crate) fn next_id() -> u64 {
    NEXT_MEMBER.fetch_add(1, Ordering::Relaxed)
}

fn random_origin() -> u64 {
    use std::hash::BuildHasher;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    std::collections::hash_map::RandomState::new().hash_one((nanos, std::process::id()))
}

impl Hub {
    /// A hub of this process only (what an app has unless configured otherwise).
    pub fn in_process() -> Hub {
        Hub::new(Broadcast::InProcess, crate::ws::WsConfig::default())
    }

    /// A hub with a backend. Connecting happens on a background thread: [`Hub::ready`] waits
    /// for it; until then publishes are queued for the backend (see [`Hub::publish`]) and
    /// only messages published from then on are received from the other processes.
    pub fn new(cfg: Broadcast, ws: crate::ws::WsConfig) -> Hub {
        Hub::build(cfg, ws, None)
    }

    /// The hub an app with this secret key has ([`FastApp::secret_key`](crate::FastApp::secret_key)):
    /// on the app's channel unless `cfg` names one, sealing its messages with a key derived
    /// from the secret and taking only messages sealed so. For a process beside the app (a
    /// worker) that publishes into its rooms.
    ///
    /// ```
    /// # #[cfg(feature = "redis")] {
    /// use ft_web::{Broadcast, Hub, WsConfig};
    /// let worker = Hub::with_secret(Broadcast::redis("redis://127.0.0.1:6379"), WsConfig::default(), "the app's secret");
    /// assert!(worker.channel().unwrap().starts_with("ft_"));
    /// # }
    /// ```
    pub fn with_secret(cfg: Broadcast, ws: crate::ws::WsConfig, secret: &str) -> Hub {
        Hub::for_key(cfg, ws, &crate::session::key_from_secret(secret))
    }

    /// An app's hub: see [`Hub::with_secret`].
    pub(crate) fn for_key(
        cfg: Broadcast,
        ws: crate::ws::WsConfig,
        key: &actix_web::cookie::Key,
    ) -> Hub {
        let cfg = cfg.or_channel(|| app_channel(key));
        Hub::build(cfg, ws, Some(seal_key(key)))
    }

    fn build(cfg: Broadcast, ws: crate::ws::WsConfig, seal: Option<[u8; 32]>) -> Hub {
        let cfg = cfg.or_channel(|| DEFAULT_CHANNEL.to_owned());
        let kind = cfg.kind();
        let channel = cfg.channel_name().map(str::to_owned);
        let (ready_tx, ready) = watch::channel(matches!(cfg, Broadcast::InProcess));
        let origin = random_origin();
        let changed = Arc::new(tokio::sync::Notify::new());
        let inner = Arc::new_cyclic(|weak: &Weak<HubInner>| {
            let outbox = match cfg {
                Broadcast::InProcess => None,
                #[cfg_attr(
                    not(any(feature = "postgres", feature = "redis")),
                    allow(unreachable_patterns)
                )]
                other => {
                    let outbox = Arc::new(outbox::Outbox::new(outbox::Outbox::limit_from_env()));
                    let beat = presence::beat(weak.clone(), changed.clone(), ws.presence_interval);
                    start_backend(other, weak.clone(), outbox.clone(), ready_tx, beat);
                    Some(outbox)
                }
            };
            HubInner {
                rooms: Mutex::new(Rooms::default()),
                origin,
                kind,
                channel,
                outbox,
                seen: Mutex::new(outbox::Seen::default()),
                ready,
                ws,
                peers: Mutex::new(presence::Peers::default()),
                changed,
                seal,
                sockets: Default::default(),
            }
        });
        // The heartbeat waits for this: the hub can be reached from now on.
        inner.changed.notify_one();
        Hub(inner)
    }

    /// This process's count of open websockets.
    pub(crate) fn sockets(&self) -> &std::sync::atomic::AtomicUsize {
        &self.0.sockets
    }

    pub(crate) fn ws_config(&self) -> &crate::ws::WsConfig {
        &self.0.ws
    }

    /// `"in-process"`, `"postgres"` or `"redis"`.
    pub fn backend(&self) -> &'static str {
        self.0.kind
    }

    /// The channel this hub uses on its backend (`None` in process): the name given to
    /// [`Broadcast::channel`], else, for an app's hub, one derived from the app's secret key.
    pub fn channel(&self) -> Option<&str> {
        self.0.channel.as_deref()
    }

    /// Waits until the backend listens (at once for an in-process hub): the messages other
    /// processes publish from then on reach this one's members. A test should wait for it.
    pub async fn ready(&self) {
        let mut rx = self.0.ready.clone();
        let _ = rx.wait_for(|r| *r).await;
    }

    /// Is the backend connected (always `true` in-process)? `false` while it reconnects.
    pub fn is_ready(&self) -> bool {
        *self.0.ready.borrow()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Rooms> {
        // A panic while holding the lock cannot leave the maps half-updated in a way that
        // matters (each operation is one insert or remove), so a poisoned lock is used as is.
        self.0.rooms.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Adds a socket to a room (joining twice is joining once). It leaves by itself when it
    /// disconnects.
    pub fn join(&self, room: impl Into<String>, send: &WsSend) {
        self.add(room.into(), send.id().0, send.queue(), Some(send.stopper()));
    }

    fn add(
        &self,
        room: String,
        id: u64,
        tx: mpsc::Sender<Out>,
        stop: Option<Arc<watch::Sender<bool>>>,
    ) {
        if tx.is_closed() {
            return;
        }
        let mut rooms = self.lock();
        let list = rooms.joined.entry(id).or_default();
        if !list.contains(&room) {
            list.push(room.clone());
        }
        rooms
            .rooms
            .entry(room)
            .or_default()
            .insert(id, Member { tx, stop });
        self.0.changed.notify_one();
    }

    /// Takes a socket out of a room.
    pub fn leave(&self, room: &str, id: crate::ws::WsId) {
        let mut rooms = self.lock();
        if let Some(members) = rooms.rooms.get_mut(room) {
            members.remove(&id.0);
            if members.is_empty() {
                rooms.rooms.remove(room);
            }
        }
        rooms.forget(id.0, room);
        self.0.changed.notify_one();
    }

    /// Takes a socket or stream out of every room (done by itself on disconnect).
    pub(crate) fn leave_all(&self, id: u64) {
        let mut rooms = self.lock();
        let Some(list) = rooms.joined.remove(&id) else {
            return;
        };
        for room in list {
            if let Some(members) = rooms.rooms.get_mut(&room) {
                members.remove(&id);
                if members.is_empty() {
                    rooms.rooms.remove(&room);
                }
            }
        }
        self.0.changed.notify_one();
    }

    /// How many sockets and streams of this process are in a room.
    pub fn local_members(&self, room: &str) -> usize {
        self.lock().rooms.get(room).map_or(0, HashMap::len)
    }

    /// How many sockets and streams are in a room in every process of the app: this one's,
    /// plus what the others last said of theirs (sent when they change, and every
    /// [`WsConfig::presence_interval`](crate::ws::WsConfig::presence_interval)). The count of
    /// a process that stops being heard from is dropped after three of its intervals, so an
    /// instance that dies without a word leaves no ghosts. "N people watching", across
    /// instances; the same as [`Hub::local_members`] without a backend.
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// async fn watching(send: WsSend, hub: Hub) {
    ///     hub.join("match-1", &send);
    ///     let n = hub.members("match-1");
    ///     let _ = hub.publish("match-1", P!(format!("{n} watching"), id = "watching")).await;
    /// }
    /// # let _ = watching;
    /// ```
    pub fn members(&self, room: &str) -> usize {
        let local = self.local_members(room);
        let mut peers = self.0.peers.lock().unwrap_or_else(|p| p.into_inner());
        local + peers.count(room)
    }

    /// The rooms that have members in this process.
    pub fn rooms(&self) -> Vec<String> {
        let mut v: Vec<String> = self.lock().rooms.keys().cloned().collect();
        v.sort();
        v
    }

    /// Sends an FT to every member of `room` (rendered once, as a websocket handler's result
    /// is: FastHTML's indented `to_xml`); on SSE streams it is a default `message` event.
    /// Returns how many members of *this* process it was queued for. An empty FT sends
    /// nothing.
    ///
    /// **With a backend** the message also goes into this process's outbox, in order, and
    /// the backend's thread sends it on. While the backend is connected the publish returns
    /// once the backend has taken the message (at most 2 s: then it returns with the
    /// message still queued); while it is away (restarting, unreachable) the publish returns
    /// `Ok` at once and the message is sent when it is back, after those queued before it.
    /// The outbox holds 10,000 messages ([`DEFAULT_OUTBOX`]; `FT_BROADCAST_OUTBOX=N` sets
    /// another bound) and 64 MiB at most: a publish that finds it full is an [`Error`] with
    /// status 503 after this process's members got the message (it does not reach the other
    /// processes; a warning is logged once per overflow). What the other processes' members
    /// get is described in the [module docs](self).
    pub async fn publish(&self, room: &str, msg: impl IntoFt) -> Result<usize, Error> {
        let html = crate::ws::render_ws(msg.into_ft(), false);
        match html {
            Some(h) => self.publish_html(room, None, h).await,
            None => Ok(0),
        }
    }

    /// [`Hub::publish`] with an SSE event name (`event: NAME`); websocket members get the HTML
    /// as usual.
    pub async fn publish_event(
        &self,
        room: &str,
        event: &str,
        msg: impl IntoFt,
    ) -> Result<usize, Error> {
        let html = crate::ws::render_ws(msg.into_ft(), false);
        match html {
            Some(h) => self.publish_html(room, Some(event), h).await,
            None => Ok(0),
        }
    }

    /// Sends already rendered HTML (or any text) as it is.
    pub async fn publish_html(
        &self,
        room: &str,
        event: Option<&str>,
        html: impl Into<String>,
    ) -> Result<usize, Error> {
        self.send_out(room, event, html.into(), None).await
    }

    /// Publishes the newest state of `room`, numbered: every process delivers a message only
    /// if its `version` is higher than any it has delivered to the room, so a slower, older
    /// publish (from another instance or another worker) never overwrites a newer one, and
    /// every page converges on the newest state whatever order the messages arrive in. The
    /// version comes from the data (a counter updated with the state, `UPDATE .. SET version =
    /// version + 1 .. RETURNING version`), so concurrent publishers agree on which is newer.
    /// Returns the local members reached (0 for a message older than one already delivered).
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// # actix_web::rt::System::new().block_on(async {
    /// let hub = Hub::in_process();
    /// let mut sub = hub.subscribe("poll-7");
    /// hub.publish_versioned("poll-7", 2, P!("12 votes")).await.unwrap();
    /// hub.publish_versioned("poll-7", 1, P!("11 votes")).await.unwrap(); // late: dropped
    /// hub.publish_versioned("poll-7", 3, P!("13 votes")).await.unwrap();
    /// assert_eq!(sub.recv().await.unwrap().html(), "<p>12 votes</p>\n");
    /// assert_eq!(sub.recv().await.unwrap().html(), "<p>13 votes</p>\n");
    /// # });
    /// ```
    pub async fn publish_versioned(
        &self,
        room: &str,
        version: u64,
        msg: impl IntoFt,
    ) -> Result<usize, Error> {
        match crate::ws::render_ws(msg.into_ft(), false) {
            Some(h) => self.send_out(room, None, h, Some(version)).await,
            None => Ok(0),
        }
    }

    async fn send_out(
        &self,
        room: &str,
        event: Option<&str>,
        html: String,
        version: Option<u64>,
    ) -> Result<usize, Error> {
        let msg = Arc::new(Message::new(html, event));
        let n = self.deliver(room, &msg, version);
        if let Some(outbox) = &self.0.outbox {
            let queued = outbox.push(|seq| {
                let payload = serde_json::json!({
                    "o": self.0.origin.to_string(),
                    "s": seq,
                    "r": room,
                    "e": msg.event(),
                    "h": msg.html(),
                    "v": version,
                });
                self.0.seal(&payload.to_string())
            });
            match queued {
                Ok(Some(taken)) => {
                    let _ = tokio::time::timeout(ACK_WAIT, taken).await;
                }
                Ok(None) => {}
                Err(waiting) => {
                    return Err(Error::new(
                        503,
                        format!(
                            "broadcast outbox full ({waiting} messages waiting for the {} \
                             backend): delivered to this process's {n} members only",
                            self.0.kind
                        ),
                    ));
                }
            }
        }
        Ok(n)
    }

    /// Queues a message for this process's members of `room`, dropping members that are gone
    /// (closed queue) or hopelessly behind (full queue: they are disconnected).
    fn deliver(&self, room: &str, msg: &Arc<Message>, version: Option<u64>) -> usize {
        let mut rooms = self.lock();
        if let Some(v) = version
            && !rooms.newer(room, v)
        {
            return 0;
        }
        let Some(members) = rooms.rooms.get_mut(room) else {
            return 0;
        };
        let mut sent = 0;
        let mut gone = Vec::new();
        members.retain(|id, m| match m.tx.try_send(msg.clone()) {
            Ok(()) => {
                sent += 1;
                true
            }
            Err(TrySendError::Full(_)) => {
                if let Some(stop) = &m.stop {
                    stop.send_replace(true);
                }
                gone.push(*id);
                false
            }
            Err(TrySendError::Closed(_)) => {
                gone.push(*id);
                false
            }
        });
        if members.is_empty() {
            rooms.rooms.remove(room);
        }
        if !gone.is_empty() {
            self.0.changed.notify_one();
        }
        for id in gone {
            rooms.forget(id, room);
        }
        sent
    }

    /// A stream of the messages published to `room` from now on (what an SSE
    /// [`EventStream::room`](crate::EventStream::room) is made of). It leaves the room when
    /// dropped; a subscriber that falls `queue` messages behind is dropped (its stream ends).
    pub fn subscribe(&self, room: impl Into<String>) -> Subscription {
        let id = next_id();
        let (tx, rx) = mpsc::channel(self.0.ws.queue.max(1));
        self.add(room.into(), id, tx, None);
        Subscription {
            id,
            rx,
            hub: self.clone(),
        }
    }

    #[cfg_attr(not(any(feature = "postgres", feature = "redis")), allow(dead_code))]
    fn incoming(&self, payload: &str) {
        let Some(json) = self.0.open(payload) else {
            return; // not sealed with this app's key
        };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(json) else {
            return;
        };
        if presence::incoming(&self.0, &v) {
            return;
        }
        let Some(origin) = v["o"].as_str().and_then(|o| o.parse::<u64>().ok()) else {
            return;
        };
        if origin == self.0.origin {
            return; // our own publish, already delivered
        }
        if let Some(seq) = v["s"].as_u64() {
            let mut seen = self.0.seen.lock().unwrap_or_else(|p| p.into_inner());
            if !seen.fresh(origin, seq) {
                return; // a copy (a batch sent again after a failure)
            }
        }
        let (Some(room), Some(html)) = (v["r"].as_str(), v["h"].as_str()) else {
            return;
        };
        let msg = Arc::new(Message::new(html.to_owned(), v["e"].as_str()));
        self.deliver(room, &msg, v["v"].as_u64());
    }
}

/// Messages published to a room (see [`Hub::subscribe`]); a `Stream` of [`Message`]s.
pub struct Subscription {
    id: u64,
    rx: mpsc::Receiver<Out>,
    hub: Hub,
}

impl Subscription {
    /// The next message; `None` once the subscription was dropped for falling behind.
    pub async fn recv(&mut self) -> Option<Arc<Message>> {
        self.rx.recv().await
    }
}

impl futures_util::Stream for Subscription {
    type Item = Arc<Message>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Arc<Message>>> {
        self.rx.poll_recv(cx)
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.hub.leave_all(self.id);
    }
}

mod backend;
mod config;
mod outbox;
mod presence;
pub use config::Broadcast;
pub use outbox::DEFAULT_OUTBOX;

#[cfg(feature = "postgres")]
mod pg;
#[cfg(feature = "redis")]
mod redis;

pub(crate) use backend::app_channel;
use backend::{mac_of, seal_key, start_backend};
