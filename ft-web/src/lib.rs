//! # ft-web: FastHTML's request cycle on actix-web
//!
//! Routes from annotated functions, parameters extracted by name and type in generated code,
//! responses from FT values, sessions, beforeware, and an in-process test client.
//! `use ft_web::prelude::*;` is the one import an app needs.
//!
//! ```no_run
//! use ft_web::prelude::*;
//!
//! #[rt]                                   // "/" because the fn is `index`; GET and POST
//! fn index() -> Ft {
//!     Titled!("FastHTML", P!("Let's do this!"))
//! }
//!
//! #[rt("/{name}/{age}")]                  // typed path params: "/uma/five" is a 404
//! fn greet(name: String, age: u32) -> Ft {
//!     Titled!(format!("Hello {name}, age {age}"))
//! }
//!
//! #[ft_web::main]
//! async fn main() -> std::io::Result<()> {
//!     fast_app().routes(routes![index, greet]).serve().await   // 127.0.0.1:5001
//! }
//! ```
//!
//! ## Cargo features
//!
//! The default build holds what a SQLite app needs, so a first build stays small; the rest is
//! opt-in (`ft-web = { version = "0.1", features = ["postgres"] }`):
//!
//! | feature | gives | pulls in |
//! |---|---|---|
//! | `postgres` | `.db("postgres://..")`, server sessions and `Broadcast::postgres` on PostgreSQL | tokio-postgres, deadpool-postgres |
//! | `redis` | `Broadcast::redis`: websocket/SSE fan-out through Redis pub/sub | redis |
//! | `oauth` | `auth::oauth`, `auth::mock_provider`: OAuth/OIDC login over https | awc, rustls, ring |
//! | `markdown` | `markdown(..)`: Markdown rendered on the server, sanitized | pulldown-cmark, ammonia |
//! | `compress` | gzip and brotli responses, precompressed `/_ft/` assets ([`FastApp::compress`]) | flate2, brotli |
//!
//! Without its feature, a `postgres://` database URL or an `FT_BROADCAST_URL` of that scheme is
//! an error at startup that names the feature.

pub use ft_html::*;

// The user guide's code blocks are this crate's doc tests, so they cannot drift from the API.
#[cfg(all(doctest, ft_guide))]
#[doc = include_str!("../../docs/guide.md")]
pub struct GuideDoctests;

mod app;
pub mod assets;
pub mod auth;
mod body;
pub mod broadcast;
mod client;
#[cfg(feature = "compress")]
pub mod compress;
mod ctx;
pub mod dev_channel;
pub mod disconnect;
mod dispatch;
mod htmx;
mod layer;
mod link;
pub mod live_reload;
pub mod location;
pub mod log;
pub mod login_throttle;
mod partial;
pub mod password;
mod response;
mod route;
mod router;
pub mod security_headers;
mod server;
pub mod session;
pub mod session_store;
mod shutdown;
pub mod sse;
pub mod static_files;
mod tbl;
pub mod testing;
mod toasts;
pub mod ws;

pub use actix_web;
pub use app::{Beforeware, FastApp, IntoBeforeware, fast_app};
pub use body::{ParsedBody, UploadFile};
pub use broadcast::{Broadcast, Hub};
/// Dates and times for parameters and fields (`Option<chrono::NaiveDate>`): the version ft reads.
pub use chrono;
pub use client::{Client, RequestBuilder, TestResponse};
pub use ctx::{
    App, Auth, Body, Cookie, Ctx, Extract, Files, Form, Header, Json, MaybeAuth, NamedValues,
    ParamSource, PathParams, Query, Request, State, WsSource,
};
pub use disconnect::{ClientGone, Disconnect};
/// The MiniDataAPI (ft-data), re-exported: `ft_web::data::Database`.
pub use ft_data as data;
pub use ft_macros::{main, test};
/// futures-util, re-exported for building streams (`futures::stream::iter(..)`, `StreamExt`).
pub use futures_util as futures;
pub use htmx::{Htmx, HtmxResponseHeaders, RequestType};
pub use link::{Link, QueryArg};
pub use live_reload::LiveReload;
pub use login_throttle::LoginThrottle;
pub use partial::{Partial, Swap};
pub use response::{
    BackgroundTask, Error, FtResponse, HttpHeader, Redirect, Result, SetCookie, cookie,
};
pub use route::{ApiRouter, HandlerFuture, Method, Route, RouteDef};
pub use security_headers::SecurityHeaders;
pub use session::{Session, SessionConfig};
pub use shutdown::{Shutdown, signal_shutdown, trigger_shutdown};
pub use sse::{EventStream, SseEvent};
pub use static_files::{STATIC_EXTS, StaticDir, vurl};
pub use tbl::{Db, Tbl};
pub use toasts::{DEFAULT_TOAST_DURATION_MS, Toast, ToastKind, add_dismissable_toast, add_toast};
pub use tracing;
pub use ws::{WsConfig, WsData, WsId, WsSend};

#[doc(hidden)]
pub mod __private {
    //! Not an API (it changes without notice): what the code `#[rt]`, `#[ws]` and
    //! `#[ft_web::main]` generate names, and the internals ft-web's own tests read.
    pub use crate::IntoBeforeware;
    pub use crate::app::AppInner;
    pub use crate::app::run_route_befores;
    pub use crate::ctx::Where;
    pub use crate::response::{Probe, Respond, respond, ws_upgrade};
    pub use crate::route::Handler;
    pub use crate::toasts::{TOAST_CONTAINER_ID, TOAST_CSS, TOAST_JS, TOAST_SESSION_KEY};

    /// What `main` returned, as the process's exit: an error is printed as the sentence it
    /// is (`Error: ...`, its `Display`), not as the `Debug` of its struct.
    pub trait MainResult {
        /// The exit code, after printing an error.
        fn exit(self) -> std::process::ExitCode;
    }

    impl MainResult for () {
        fn exit(self) -> std::process::ExitCode {
            std::process::ExitCode::SUCCESS
        }
    }

    impl<E: std::fmt::Display> MainResult for Result<(), E> {
        fn exit(self) -> std::process::ExitCode {
            match self {
                Ok(()) => std::process::ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("Error: {e}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
    }
}

/// Everything an app needs, listed: the app and its routes, the parameter and response types,
/// sessions and toasts, websockets and SSE, tables, the test client; from ft-html, the FT value,
/// FastHTML's helpers and every tag and helper macro. Anything else is at its path
/// (`ft_web::Form`, `ft_web::values::FieldErrors`, `ft_web::pico::picolink`, ...).
pub mod prelude {
    // The app, routes and beforeware; parameters; responses.
    pub use crate::{
        ApiRouter, App, Auth, BackgroundTask, Beforeware, Client, Cookie, Ctx, Error, FastApp,
        Files, FtResponse, Htmx, HtmxResponseHeaders, HttpHeader, Json, LoginThrottle, MaybeAuth,
        PathParams, Redirect, Request, Result, Route, Session, State, UploadFile, cookie, fast_app,
        routes,
    };
    // From their modules: at the crate root these names are also the `Header!` and `Link!` tag
    // macros (ft-html's root is re-exported there), which the tag list below brings.
    pub use crate::ctx::Header;
    pub use crate::link::Link;
    pub use ft_macros::{delete, get, head, options, patch, post, put, rt, ws};
    // Toasts.
    pub use crate::{Toast, ToastKind, add_dismissable_toast, add_toast};
    // Websockets, SSE, rooms; streams.
    pub use crate::{
        Broadcast, EventStream, Hub, SseEvent, WsConfig, WsData, WsId, WsSend, futures,
        signal_shutdown,
    };
    pub use futures_util::StreamExt as _;
    // Tables.
    pub use crate::{Db, Tbl};
    pub use ft_data::Record;

    // ft-html: the FT value and its traits.
    pub use ft_html::prelude::{
        AttrValue, Each, Element, Fragment, Ft, IntoAttr, IntoFt, NotStr, Raw, Text, each, ft_hx,
        unqid,
    };
    // Forms (`#[derive(FormFields)]` with its rules, `#[derive(StrEnum)]`, a checked form
    // parameter, FastHTML's form functions).
    pub use ft_html::prelude::{
        FieldErrors, FormFields, StrEnum, Valid, fill_dataclass, fill_form, find_inputs,
    };
    // FastHTML's helper functions (xtend, js, sse), and the builders the js ones return.
    pub use ft_html::prelude::{
        AnyNow, Favicon, File, HighlightJS, HighlightJs, HtmxOn, KatexMarkdownJS, KatexMarkdownJs,
        LdJson, LdWebsite, MarkdownJS, MarkdownJs, MermaidJS, MermaidJs, Nbsp, ScriptX, SortableJS,
        SortableJs, StyleX, Surreal, clear, dark_media, light_media, loose_format, py_dumps,
        replace_css_vars, run_js, sse_message, to_json_value, upload_pb_attrs,
    };
    // Markdown rendered on the server (the `markdown` feature).
    #[cfg(feature = "markdown")]
    pub use ft_html::prelude::markdown;

    // The helper macros: FastHTML's components with defaults, Pico's, the SVG shapes.
    pub use ft_html::prelude::{
        A, AX, CheckboxX, Form, Hidden, Html, HxPartial, Now, On, Prev, Script, Socials, Style,
        Titled, YouTubeEmbed, jsd, tag,
    };
    pub use ft_html::prelude::{Card, Container, DialogX, Grid, Group, PicoSearch};
    pub use ft_html::prelude::{
        Circle, Ellipse, Line, Path, Polygon, Polyline, Rect, SvgInb, SvgOob, SvgText, SvgX,
    };

    /// One `use` of every tag macro of a list (`tag_lists!` calls it once per list of ft-tags'
    /// `tag_list.rs`: HTML, void HTML, SVG), so the prelude holds exactly the tags ft-html
    /// defines, without a glob.
    macro_rules! use_tags {
        ($d:tt $list:ident $kind:ident $void:literal; $($name:ident $tag:literal,)*) => {
            pub use ft_html::{$($name),*};
        };
    }
    ft_macros::tag_lists!(use_tags);
}
