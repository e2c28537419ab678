//! Oversize values: a login name of thousands of characters. FastHTML creates the account
//! and then fails with a 500 when the session no longer fits its cookie; ft refuses the
//! value with a 4xx before anything is written, and `Session::insert` itself refuses a value
//! the session cannot keep (413), so the error comes before the handler's next write.

use crate::common::{TempDir, client};
use crate::{login, todo};
use ft_web::prelude::*;

async fn users(db: &str) -> i64 {
    let db = ft_web::data::Database::open(db).await.expect("db");
    let rows = db
        .q("select count(*) as n from users", vec![])
        .await
        .expect("count");
    rows[0]["n"].as_i64().expect("n")
}

#[ft_web::test]
async fn oversize_login_name_is_a_4xx_and_creates_no_account() {
    let dir = TempDir::new("sec-oversize");
    let name = "n".repeat(3000);
    for (db, app) in [
        (dir.file("t.db"), todo::app as fn(&str) -> FastApp),
        (dir.file("l.db"), login::app),
    ] {
        let c = client(app(&db)).await;
        let r = c
            .post("/login")
            .form([("name", name.as_str()), ("pwd", "pw")])
            .send()
            .await;
        assert_eq!(r.status(), 400, "{db}: {}", r.text());
        assert!(
            r.headers_all("set-cookie")
                .iter()
                .all(|c| !c.starts_with("session_"))
        );
        // A normal login afterwards creates exactly one account: the long one never was.
        let r = c
            .post("/login")
            .form([("name", "ann"), ("pwd", "pw")])
            .send()
            .await;
        assert_eq!(r.status(), 303, "{db}");
        assert_eq!(users(&db).await, 1, "{db}");
    }
}

#[rt("/remember")]
fn remember(session: Session, note: String) -> Result<String> {
    session.insert("note", &note)?;
    Ok("kept".into())
}

// The framework's guarantee, for any handler: a value too large for the session is a 413
// from `insert` (not a 500 after the handler finished), and the session keeps what it had.
#[ft_web::test]
async fn oversize_session_value_is_refused_at_insert() {
    let c = client(fast_app().routes(routes![remember])).await;
    let r = c.post("/remember").form([("note", "short")]).send().await;
    assert_eq!(r.text(), "kept");
    let big = "x".repeat(4000);
    let r = c
        .post("/remember")
        .form([("note", big.as_str())])
        .send()
        .await;
    assert_eq!(r.status(), 413, "{}", r.text());
    assert!(r.text().contains("too large"), "{}", r.text());
    assert!(r.headers_all("set-cookie").is_empty());
    assert_eq!(c.session().get("note"), Some(&serde_json::json!("short")));
}
