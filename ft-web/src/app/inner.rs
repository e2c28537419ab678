//! [`AppInner`]: what [`FastApp::build`](crate::FastApp::build) freezes the builder into,
//! shared by every worker and read by dispatch, the extractors and the response.

use super::{Beforeware, BodyWrap, ErrorPage};
use crate::Error;
use crate::response::page;
use crate::route::RouteDef;
use crate::session::{self, SessionConfig};
use actix_web::cookie::Key;
use std::any::Any;
use std::collections::HashMap;
use std::sync::Arc;

/// Everything the app knows, shared by every worker.
pub struct AppInner {
    pub(crate) routes: Vec<RouteDef>,
    /// Which route a path names (built from `routes`, the convertors and static folders).
    pub(crate) router: crate::router::Router,
    /// Everything of a full page around its content, rendered once.
    pub(crate) frame: page::PageFrame,
    pub(crate) body_wrap: Option<Arc<BodyWrap>>,
    pub(crate) befores: Vec<Beforeware>,
    pub(crate) exception_handlers: HashMap<u16, Arc<ErrorPage>>,
    pub(crate) key: Key,
    pub(crate) session: SessionConfig,
    /// Server-side sessions, when on (`server_sessions`).
    pub(crate) session_store: Option<crate::session_store::StoreConfig>,
    /// The security headers, ready to add.
    pub(crate) security: crate::security_headers::Prepared,
    pub(crate) max_body: usize,
    /// The largest non-file multipart field (`max_part_size`, SPEC 5.39).
    pub(crate) max_part_size: usize,
    pub(crate) access_log: bool,
    pub(crate) debug: bool,
    pub(crate) state: Vec<Arc<dyn Any + Send + Sync>>,
    pub(crate) db: crate::tbl::DbConfig,
    pub(crate) statics: Vec<crate::static_files::StaticDir>,
    pub(crate) live: crate::live_reload::LiveReload,
    /// The dev channel's broadcast to the live-reload sockets (crate::dev_channel).
    pub(crate) dev: crate::dev_channel::DevChannel,
    pub(crate) csrf: crate::auth::csrf::CsrfConfig,
    /// Previous session keys, still accepted (key rotation).
    pub(crate) old_keys: Vec<Key>,
    pub(crate) hub: crate::broadcast::Hub,
    /// How long toasts stay, when `.toasts(..)` turned them on.
    pub(crate) toast_ms: Option<u64>,
    /// Compress responses the client accepts compressed (`.compress(..)`, crate::compress).
    #[cfg_attr(not(feature = "compress"), allow(dead_code))]
    pub(crate) compress: bool,
    /// The pages load htmx 4 (`.htmx4(true)`): out-of-band updates and websocket messages
    /// are written for it.
    pub(crate) htmx4: bool,
    /// `on_startup` / `on_shutdown`.
    pub(crate) hooks: super::lifecycle::Hooks,
}

impl AppInner {
    /// Opens the database and creates the tables now (startup), so a bad path or URL is an
    /// error here, not on the first request.
    pub async fn open_db(&self) -> std::io::Result<()> {
        if self.db.is_set() {
            self.db
                .get()
                .await
                .map_err(|e| std::io::Error::other(format!("database: {}", e.message())))?;
        }
        Ok(())
    }
    pub(crate) fn state<T: Send + Sync + 'static>(&self) -> Option<Arc<T>> {
        self.state
            .iter()
            .find_map(|s| s.clone().downcast::<T>().ok())
    }
    /// Reads a session cookie value as this app would (for tests and tools).
    pub fn decode_session(&self, cookie_value: &str) -> serde_json::Map<String, serde_json::Value> {
        session::decode(&self.key, &self.session, cookie_value)
    }
    /// The session cookie's name.
    pub fn session_cookie(&self) -> &str {
        &self.session.cookie
    }
    /// A signed session cookie value holding `data`, as this app writes it (for tests and
    /// tools).
    pub fn encode_session(
        &self,
        data: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<String, Error> {
        session::encode(&self.key, &self.session, data, false).map(|c| c.value().to_owned())
    }
}
