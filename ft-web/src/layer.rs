//! The features that plug into every request, through one interface: a [`Layer`] may answer a
//! request before beforeware and the handler run ([`Layer::before`]), change a handler's
//! result before it becomes the response ([`Layer::after`]), and add routes of its own ahead
//! of the app's ([`Layer::register`]). Dispatch (`dispatch.rs`) and `response::respond` run
//! [`LAYERS`] in order and know none of them by name.
//!
//! - CSRF (`auth::csrf`): refuses a forged unsafe request before anything else; puts the token
//!   into the forms and the page, and sets the secret cookie;
//! - toasts (`toasts.rs`): shows the queued toasts with the content;
//! - live reload (`live_reload.rs`): its websocket and id routes, and the dev channel's
//!   `POST /_ft/dev` (`dev_channel.rs`), in development.
//!
//! OAuth login plugs in at app construction instead (`FastApp::oauth`): its routes, its
//! beforeware and its redirect path's CSRF exemption are ordinary routes, beforeware and
//! exemptions.

use crate::Error;
use crate::app::AppInner;
use crate::ctx::Ctx;
use crate::response::Parts;
use crate::router::Target;
use actix_web::web;
use futures_util::future::LocalBoxFuture;
use std::sync::Arc;

/// What a response will be, worked out once for the layers' [`Layer::after`].
#[derive(Clone, Copy)]
pub(crate) struct View {
    /// A full page (not an htmx partial, or an htmx history restore).
    pub(crate) full_page: bool,
    /// The result renders its content (no redirect, JSON or text body).
    pub(crate) renders_content: bool,
}

/// A feature that plugs into every request (see the module docs). Every method does nothing
/// by default; each reads its own settings from the app.
pub(crate) trait Layer: Sync {
    /// Runs before beforeware and the handler: an `Err` is the response (a 4xx keeps the
    /// session's changes). `None` when there is nothing to do (no future is made).
    fn before<'a>(
        &self,
        _ctx: &'a mut Ctx,
        _target: Target,
    ) -> Option<LocalBoxFuture<'a, Result<(), Error>>> {
        None
    }
    /// Changes a handler's result (its content, headers, cookies) before it becomes the
    /// response.
    fn after(&self, _ctx: &mut Ctx, _parts: &mut Parts, _view: View) {}
    /// Adds routes ahead of the app's.
    fn register(&self, _cfg: &mut web::ServiceConfig, _app: &Arc<AppInner>) {}
}

/// The layers, in the order they run (`before` and `after` alike): toasts join the content
/// before CSRF puts its token into the forms.
pub(crate) static LAYERS: &[&dyn Layer] = &[
    &crate::toasts::Toasts,
    &crate::auth::csrf::Csrf,
    &crate::live_reload::LiveReloadLayer,
];
