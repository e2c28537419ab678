//! Startup and shutdown hooks (FastHTML's `on_startup`/`on_shutdown` and `lifespan`, SPEC
//! 5.33): async code that runs once with the [`App`] before the first request is served, and
//! once after the server has stopped. The place to start background tasks, warm caches or
//! check a service. The order is FastHTML's: startup hooks, then each lifespan's start; at
//! the end each lifespan's end (the last started first), then the shutdown hooks.

use super::FastApp;
use crate::Error;
use crate::ctx::App;
use futures_util::future::LocalBoxFuture;
use std::future::Future;
use std::sync::Mutex;

/// A startup or shutdown hook, boxed.
pub(crate) type Hook = Box<dyn Fn(App) -> LocalBoxFuture<'static, Result<(), Error>> + Send + Sync>;

/// What a lifespan's start leaves to run at shutdown.
type Teardown = Box<dyn FnOnce() -> LocalBoxFuture<'static, Result<(), Error>> + Send>;

/// A lifespan, boxed: its start, which gives its end.
type Lifespan = Box<dyn Fn(App) -> LocalBoxFuture<'static, Result<Teardown, Error>> + Send + Sync>;

/// The app's hooks, in the order they were added.
#[derive(Default)]
pub(crate) struct Hooks {
    pub(crate) startup: Vec<Hook>,
    pub(crate) shutdown: Vec<Hook>,
    lifespans: Vec<Lifespan>,
    /// The ends of the lifespans started so far.
    started: Mutex<Vec<Teardown>>,
    /// The shutdown hooks have run (they run once).
    shut: std::sync::atomic::AtomicBool,
}

fn boxed<F, Fut>(f: F) -> Hook
where
    F: Fn(App) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), Error>> + 'static,
{
    Box::new(move |app| Box::pin(f(app)))
}

impl FastApp {
    /// Runs `hook` once at startup, after the database is open and its tables created, before
    /// the first request is served (by [`serve`](FastApp::serve) and by the test
    /// [`Client`](crate::Client)). Hooks run in the order they were added; an error stops
    /// the start with that error. FastHTML's `on_startup`.
    ///
    /// The [`App`] it gets is `Send`: its database, hub and state can be moved into a task of
    /// its own (`tokio::spawn`), which is how a background job runs; end the task's loop on
    /// [`signal_shutdown`](crate::shutdown::signal_shutdown).
    ///
    /// ```
    /// use ft_web::prelude::*;
    ///
    /// #[derive(Record, Clone, Debug)]
    /// struct Tick { id: i64, n: i64 }
    ///
    /// #[get("/ticks")]
    /// async fn ticks(t: Tbl<Tick>) -> Result<String> {
    ///     Ok(t.query().count().await?.to_string())
    /// }
    ///
    /// let app = fast_app()
    ///     .db(":memory:")
    ///     .table::<Tick>()
    ///     .on_startup(|app: App| async move {
    ///         // Seed a row, then keep a job running beside the server.
    ///         app.db().await?.table::<Tick>().insert(&Tick { id: 0, n: 1 }).await?;
    ///         tokio::spawn(async move {
    ///             let mut stop = signal_shutdown();
    ///             let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
    ///             loop {
    ///                 tokio::select! {
    ///                     _ = stop.wait() => break,
    ///                     _ = every.tick() => {
    ///                         if let Ok(db) = app.db().await {
    ///                             let _ = db.table::<Tick>().insert(&Tick { id: 0, n: 2 }).await;
    ///                         }
    ///                     }
    ///                 }
    ///             }
    ///         });
    ///         Ok(())
    ///     })
    ///     .routes(routes![ticks]);
    /// # actix_web::rt::System::new().block_on(async {
    /// let cli = Client::new(app.secret_key("k")).await;
    /// assert!(cli.get("/ticks").send().await.text().parse::<u32>().unwrap() >= 1);
    /// # });
    /// ```
    pub fn on_startup<F, Fut>(mut self, hook: F) -> Self
    where
        F: Fn(App) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), Error>> + 'static,
    {
        self.hooks.startup.push(boxed(hook));
        self
    }

    /// Runs `hook` once after the server has stopped (Ctrl-C, SIGTERM, or its handle's
    /// `stop`), when every request has been answered, under [`serve`](FastApp::serve); the
    /// test [`Client`](crate::Client) runs them on [`Client::shutdown`](crate::Client::shutdown).
    /// Every hook runs once, in the order they were added, even when one fails; the first
    /// error is returned. FastHTML's `on_shutdown`.
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// use std::sync::atomic::{AtomicBool, Ordering};
    ///
    /// static FLUSHED: AtomicBool = AtomicBool::new(false);
    ///
    /// let app = fast_app().on_shutdown(|_app: App| async {
    ///     FLUSHED.store(true, Ordering::SeqCst);
    ///     Ok(())
    /// });
    /// # actix_web::rt::System::new().block_on(async {
    /// let cli = Client::new(app.secret_key("k")).await;
    /// cli.shutdown().await.unwrap();
    /// assert!(FLUSHED.load(Ordering::SeqCst));
    /// # });
    /// ```
    pub fn on_shutdown<F, Fut>(mut self, hook: F) -> Self
    where
        F: Fn(App) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), Error>> + 'static,
    {
        self.hooks.shutdown.push(boxed(hook));
        self
    }

    /// FastHTML's `lifespan`: `start` runs at startup (after the [`on_startup`](FastApp::on_startup)
    /// hooks) and returns what runs at shutdown (before the
    /// [`on_shutdown`](FastApp::on_shutdown) hooks), so what the two halves share (a
    /// connection, a task's handle) stays in one place. Several lifespans end in the reverse
    /// of their start; when one's start fails, those started before it end at once and the
    /// start fails.
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// use std::sync::{Arc, Mutex};
    ///
    /// let log = Arc::new(Mutex::new(Vec::<&str>::new()));
    /// let l = log.clone();
    /// let app = fast_app()
    ///     .on_startup({ let l = log.clone(); move |_: App| { let l = l.clone(); async move { l.lock().unwrap().push("startup"); Ok(()) } } })
    ///     .lifespan(move |_: App| {
    ///         let l = l.clone();
    ///         async move {
    ///             l.lock().unwrap().push("lifespan start");
    ///             let worker = tokio::spawn(async { /* a job for the app's whole life */ });
    ///             Ok(move || async move {
    ///                 worker.abort();
    ///                 l.lock().unwrap().push("lifespan end");
    ///                 Ok(())
    ///             })
    ///         }
    ///     });
    /// # actix_web::rt::System::new().block_on(async {
    /// let cli = Client::new(app.secret_key("k")).await;
    /// cli.shutdown().await.unwrap();
    /// assert_eq!(*log.lock().unwrap(), ["startup", "lifespan start", "lifespan end"]);
    /// # });
    /// ```
    pub fn lifespan<F, Fut, E, EFut>(mut self, start: F) -> Self
    where
        F: Fn(App) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<E, Error>> + 'static,
        E: FnOnce() -> EFut + Send + 'static,
        EFut: Future<Output = Result<(), Error>> + 'static,
    {
        self.hooks.lifespans.push(Box::new(move |app| {
            let started = start(app);
            Box::pin(async move {
                let end = started.await?;
                Ok(Box::new(move || Box::pin(end()) as LocalBoxFuture<'static, _>) as Teardown)
            })
        }));
        self
    }
}

/// Runs the startup hooks, then starts the lifespans, in order; the first error stops them.
pub(crate) async fn run_startup(app: &App) -> Result<(), Error> {
    let hooks = &app.0.hooks;
    for hook in &hooks.startup {
        hook(app.clone()).await?;
    }
    for start in &hooks.lifespans {
        match start(app.clone()).await {
            Ok(end) => {
                if let Ok(mut started) = hooks.started.lock() {
                    started.push(end);
                }
            }
            Err(e) => {
                // The lifespans already started end, as they would at shutdown.
                for end in take_started(hooks) {
                    if let Err(e) = end().await {
                        tracing::error!("lifespan end failed: {}", e.message());
                    }
                }
                return Err(e);
            }
        }
    }
    Ok(())
}

/// The ends of the started lifespans, the last started first; none are left.
fn take_started(hooks: &Hooks) -> Vec<Teardown> {
    match hooks.started.lock() {
        Ok(mut started) => started.drain(..).rev().collect(),
        Err(_) => Vec::new(),
    }
}

/// Ends the started lifespans (the last started first), then runs every shutdown hook in
/// order; returns the first error. Only the first call does anything.
pub(crate) async fn run_shutdown(app: &App) -> Result<(), Error> {
    let hooks = &app.0.hooks;
    if hooks.shut.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return Ok(());
    }
    let ends = take_started(hooks);
    let mut first = Ok(());
    let mut note = |r: Result<(), Error>| {
        if let Err(e) = r {
            tracing::error!("shutdown hook failed: {}", e.message());
            if first.is_ok() {
                first = Err(e);
            }
        }
    };
    for end in ends {
        note(end().await);
    }
    for hook in &hooks.shutdown {
        note(hook(app.clone()).await);
    }
    first
}
