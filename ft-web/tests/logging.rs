//! ft reports through `tracing`: an access event per request with its fields, an error event
//! for a 5xx with the request's path; nothing is printed without a subscriber (tests).

use ft_web::prelude::*;
use std::sync::{Arc, Mutex};

#[get("/ok")]
fn ok() -> &'static str {
    "ok"
}

#[get("/boom")]
fn boom() -> Result<String> {
    Err(Error::internal("the disk is full"))
}

/// A writer the subscriber formats into, for the test to read.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("lock")).into_owned()
    }
}

#[actix_web::test]
async fn requests_and_errors_are_tracing_events() {
    let out = Captured::default();
    let writer = out.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let c = Client::new(fast_app().routes(routes![ok, boom])).await;
    assert_eq!(c.get("/ok").send().await.status(), 200);
    assert_eq!(c.get("/boom").send().await.status(), 500);
    let log = out.text();
    let access: Vec<&str> = log.lines().filter(|l| l.contains("ft::access")).collect();
    assert_eq!(access.len(), 2, "{log}");
    assert!(
        access[0].contains("INFO") && access[0].contains("method=GET"),
        "{log}"
    );
    assert!(access[0].contains("path=/ok status=200 ms="), "{log}");
    assert!(access[1].contains("path=/boom status=500"), "{log}");
    let error = log
        .lines()
        .find(|l| l.contains("ERROR"))
        .unwrap_or_else(|| panic!("an error event: {log}"));
    assert!(
        error.contains("status=500") && error.contains("path=\"/boom\""),
        "{error}"
    );
    assert!(error.contains("the disk is full"), "{error}");

    // Off: no access events, errors still reported.
    let before = out.text().lines().count();
    let quiet = Client::new(fast_app().access_log(false).routes(routes![ok])).await;
    quiet.get("/ok").send().await;
    assert_eq!(out.text().lines().count(), before, "{}", out.text());
}
