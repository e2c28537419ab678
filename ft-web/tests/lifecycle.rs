//! Startup and shutdown hooks and lifespans (SPEC 5.33), background tasks on the app's `Send` handles, and
//! the route's path parameters in websocket hooks (`PathParams<T>`).

mod ws_util;

use ft_web::prelude::*;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use ws_util::*;

#[derive(Record, Clone, Debug, PartialEq)]
struct Job {
    id: i64,
    what: String,
}

#[get("/jobs")]
async fn jobs(t: Tbl<Job>) -> Result<String> {
    let all = t.query().order_by("id").fetch().await?;
    Ok(all
        .iter()
        .map(|j| j.what.as_str())
        .collect::<Vec<_>>()
        .join(","))
}

/// What the hooks did, in order.
#[derive(Default)]
struct Log(Mutex<Vec<String>>);

fn log_of(app: &App) -> Arc<Log> {
    app.state::<Log>().expect("the Log state")
}

#[tokio::test]
async fn startup_hooks_run_in_order_before_the_first_request() {
    let app = fast_app()
        .secret_key("k")
        .db(":memory:")
        .table::<Job>()
        .state(Log::default())
        .on_startup(|app: App| async move {
            // The tables exist when the first hook runs.
            let db = app.db().await?;
            db.table::<Job>()
                .insert(&Job {
                    id: 0,
                    what: "seeded".into(),
                })
                .await?;
            log_of(&app).0.lock().unwrap().push("first".into());
            Ok(())
        })
        .on_startup(|app: App| async move {
            log_of(&app).0.lock().unwrap().push("second".into());
            Ok(())
        })
        .routes(routes![jobs]);
    let cli = Client::new(app).await;
    assert_eq!(cli.get("/jobs").send().await.text(), "seeded");
    let log = cli.app().state::<Log>().unwrap();
    assert_eq!(*log.0.lock().unwrap(), ["first", "second"]);
}

#[tokio::test]
#[should_panic(expected = "a startup hook failed: no license")]
async fn a_failing_startup_hook_stops_the_start() {
    let app = fast_app()
        .secret_key("k")
        .on_startup(|_: App| async { Err(Error::internal("no license")) })
        .on_startup(|_: App| async { panic!("the second hook must not run") });
    let _ = Client::new(app).await;
}

#[tokio::test]
async fn every_shutdown_hook_runs_and_the_first_error_is_returned() {
    let app = fast_app()
        .secret_key("k")
        .state(Log::default())
        .on_shutdown(|app: App| async move {
            log_of(&app).0.lock().unwrap().push("a".into());
            Err(Error::internal("disk full"))
        })
        .on_shutdown(|app: App| async move {
            log_of(&app).0.lock().unwrap().push("b".into());
            Err(Error::internal("second failure"))
        })
        .on_shutdown(|app: App| async move {
            log_of(&app).0.lock().unwrap().push("c".into());
            Ok(())
        });
    let cli = Client::new(app).await;
    let log = cli.app().state::<Log>().unwrap();
    assert!(
        log.0.lock().unwrap().is_empty(),
        "nothing ran before shutdown"
    );
    let err = cli.shutdown().await.unwrap_err();
    assert_eq!(err.message(), "disk full");
    assert_eq!(*log.0.lock().unwrap(), ["a", "b", "c"]);
}

fn push(app: &App, what: &str) {
    log_of(app).0.lock().unwrap().push(what.into());
}

/// SPEC 5.33: startup hooks run before, shutdown hooks after, the lifespans' bodies.
#[tokio::test]
async fn lifespans_run_between_the_startup_and_shutdown_hooks() {
    let app = fast_app()
        .secret_key("k")
        .state(Log::default())
        .on_shutdown(|app: App| async move {
            push(&app, "shutdown hook");
            Ok(())
        })
        .lifespan(|app: App| async move {
            push(&app, "start 1");
            Ok(move || async move {
                push(&app, "end 1");
                Ok(())
            })
        })
        .lifespan(|app: App| async move {
            push(&app, "start 2");
            Ok(move || async move {
                push(&app, "end 2");
                Err(Error::internal("end 2 failed"))
            })
        })
        .on_startup(|app: App| async move {
            push(&app, "startup hook");
            Ok(())
        });
    let cli = Client::new(app).await;
    let log = cli.app().state::<Log>().unwrap();
    assert_eq!(
        *log.0.lock().unwrap(),
        ["startup hook", "start 1", "start 2"]
    );
    assert_eq!(cli.shutdown().await.unwrap_err().message(), "end 2 failed");
    assert_eq!(
        *log.0.lock().unwrap(),
        [
            "startup hook",
            "start 1",
            "start 2",
            "end 2",
            "end 1",
            "shutdown hook"
        ]
    );
    // The hooks run once.
    cli.shutdown().await.unwrap();
    assert_eq!(log.0.lock().unwrap().len(), 6);
}

#[tokio::test]
#[should_panic(expected = "a startup hook failed: no database")]
async fn a_failing_lifespan_start_ends_those_started_before_it() {
    static ENDED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    let app = fast_app()
        .secret_key("k")
        .lifespan(|_: App| async {
            Ok(|| async {
                ENDED.store(true, std::sync::atomic::Ordering::SeqCst);
                Ok(())
            })
        })
        .lifespan(|_: App| async {
            if ENDED.load(std::sync::atomic::Ordering::SeqCst) {
                panic!("the first lifespan ended too early");
            }
            Err::<fn() -> std::future::Ready<Result<()>>, _>(Error::internal("no database"))
        });
    let started = std::panic::AssertUnwindSafe(Client::new(app));
    let outcome = futures_util::FutureExt::catch_unwind(started).await;
    assert!(
        ENDED.load(std::sync::atomic::Ordering::SeqCst),
        "the first lifespan ended"
    );
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

fn assert_send<T: Send>(t: T) -> T {
    t
}

/// A background task started at startup writes through the app's database (`tokio::spawn`
/// takes only `Send` futures, so this compiles only while the app's handles are `Send`).
#[tokio::test]
async fn a_background_task_uses_the_database_from_another_thread() {
    let app = fast_app()
        .secret_key("k")
        .db(":memory:")
        .table::<Job>()
        .on_startup(|app: App| async move {
            let app = assert_send(app);
            tokio::spawn(async move {
                for i in 0..3 {
                    let db = assert_send(app.db()).await.expect("db");
                    let table = db.table::<Job>();
                    let job = Job {
                        id: 0,
                        what: format!("tick{i}"),
                    };
                    assert_send(table.insert(&job)).await.expect("insert");
                }
                let hub = assert_send(app.hub());
                let _ = assert_send(hub.publish("jobs", P!("done"))).await;
            });
            Ok(())
        })
        .routes(routes![jobs]);
    let cli = Client::new(app).await;
    let mut seen = String::new();
    for _ in 0..100 {
        seen = cli.get("/jobs").send().await.text();
        if seen == "tick0,tick1,tick2" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(seen, "tick0,tick1,tick2");
}

// ---- path parameters in websocket hooks ------------------------------------------------------

async fn join_poll(send: WsSend, hub: Hub, PathParams(id): PathParams<u32>) {
    hub.join(format!("poll-{id}"), &send);
}

async fn leave_poll(state: State<Log>, PathParams(id): PathParams<u32>) {
    state.0.0.lock().unwrap().push(format!("left {id}"));
}

#[ws("/ws/poll/{id}", conn = join_poll, disconn = leave_poll)]
async fn poll(msg: String, id: u32, hub: Hub) -> Result<()> {
    hub.publish(
        &format!("poll-{id}"),
        P!(format!("{id}: {msg}"), id = "vote"),
    )
    .await?;
    Ok(())
}

#[derive(serde::Deserialize)]
struct Pair {
    team: String,
    n: u8,
}

#[get("/t/{team}/{n}")]
fn pair(p: PathParams<Pair>) -> String {
    format!("{} #{}", p.team, p.n)
}

#[get("/tuple/{a}/{b}")]
fn tuple(p: PathParams<(String, i64)>) -> String {
    let (a, b) = &p.0;
    format!("{a}+{b}")
}

/// A path parameter named by a keyword, read through `PathParams`.
#[get("/kw/{type}/{n}")]
fn kw(p: PathParams<(String, u8)>) -> String {
    format!("{}:{}", p.0.0, p.0.1)
}

#[get("/disconnects")]
fn disconnects(state: State<Log>) -> String {
    state.0.0.lock().unwrap().join(";")
}

fn poll_app() -> FastApp {
    fast_app()
        .secret_key("k")
        .state(Log::default())
        .routes(routes![poll, pair, tuple, kw, disconnects])
}

#[tokio::test]
async fn websocket_hooks_read_the_routes_path_parameters() {
    let srv = Running::start(poll_app);
    let mut a = srv.ws("/ws/poll/7").await;
    let mut b = srv.ws("/ws/poll/7").await;
    let mut other = srv.ws("/ws/poll/8").await;
    send(&mut a, r#"{"msg":"yes"}"#).await;
    assert_eq!(recv_text(&mut a).await, "<p id=\"vote\">7: yes</p>\n");
    assert_eq!(recv_text(&mut b).await, "<p id=\"vote\">7: yes</p>\n");
    assert!(quiet(&mut other, 150).await, "poll 8 got poll 7's vote");
    drop(b);
    assert!(
        eventually(|| body(&srv.http("GET", "/disconnects", "", "")) == "left 7").await,
        "{}",
        body(&srv.http("GET", "/disconnects", "", ""))
    );
    drop((a, other));
    srv.stop();
}

#[tokio::test]
async fn path_params_by_name_by_position_and_refused() {
    let cli = Client::new(poll_app()).await;
    assert_eq!(cli.get("/t/red/7").send().await.text(), "red #7");
    assert_eq!(cli.get("/tuple/x%20y/-3").send().await.text(), "x y+-3");
    let bad = cli.get("/t/red/300").send().await;
    assert_eq!(bad.status(), 400);
    assert!(
        bad.text().contains("Invalid path parameters"),
        "{}",
        bad.text()
    );
    assert_eq!(cli.get("/tuple/x/1.5").send().await.status(), 400);
    // The typed link takes the parameters `PathParams` reads, in the path's order.
    assert_eq!(pair.to("red", 7).to_string(), "/t/red/7");
    let link = kw.to("a b", 3).to_string();
    assert_eq!(link, "/kw/a%20b/3");
    assert_eq!(cli.get(&link).send().await.text(), "a b:3");
}
