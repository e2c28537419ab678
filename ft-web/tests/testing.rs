//! The helpers an app's own tests get from ft-web: `#[ft_web::test]`, `TestServer`, `TempDb`.

use ft_web::prelude::*;
use ft_web::testing::{TempDb, TestServer};
use std::io::{Read, Write};

#[derive(Record, Clone, Debug)]
struct Note {
    id: i64,
    text: String,
}

#[get("/")]
async fn count(notes: Tbl<Note>, session: Session) -> Result<String> {
    let n: i64 = session.get("visits").unwrap_or(0) + 1;
    session.insert("visits", n)?;
    Ok(format!("{} notes, visit {n}", notes.all().await?.len()))
}

fn app(db: &str) -> FastApp {
    fast_app().db(db).table::<Note>().routes(routes![count])
}

/// A raw GET, as any HTTP client would send it.
fn get(server: &TestServer, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(server.addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("read");
    out
}

#[ft_web::test]
async fn the_in_process_client_runs_on_an_async_test() {
    let db = TempDb::new();
    let c = Client::new(app(db.path())).await;
    assert_eq!(c.get("/").send().await.text(), "0 notes, visit 1");
    assert_eq!(c.get("/").send().await.text(), "0 notes, visit 2");
}

#[ft_web::test]
async fn a_test_may_return_a_result() -> std::io::Result<()> {
    let db = TempDb::new();
    ft_web::data::Database::open(db.path())
        .await
        .map_err(std::io::Error::other)?;
    Ok(())
}

#[test]
fn a_test_server_answers_real_http_and_stops_when_dropped() {
    let db = TempDb::new();
    let path = db.path().to_owned();
    let server = TestServer::start(move || app(&path));
    assert!(server.url().starts_with("http://127.0.0.1:"));
    let res = get(&server, "/");
    assert!(res.starts_with("HTTP/1.1 200"), "{res}");
    assert!(res.contains("0 notes, visit 1"), "{res}");
    let addr = server.addr;
    drop(server);
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "still listening"
    );
}

#[test]
fn a_temp_db_is_removed_with_its_folder() {
    let db = TempDb::new();
    let folder = std::path::Path::new(db.path())
        .parent()
        .unwrap()
        .to_path_buf();
    assert!(folder.is_dir());
    drop(db);
    assert!(!folder.exists());
}
