//! HTTP Basic auth (SPEC 6C): FastHTML's behaviour, except that malformed credentials are a
//! 401, not a 500 (SPEC 6.13).

use ft_web::auth::basic::{BasicAuth, basic_logout};
use ft_web::prelude::*;

#[get("/")]
fn home(user: Auth<String>) -> String {
    format!("hello {}", *user)
}

#[get("/public")]
fn public(user: MaybeAuth<String>) -> String {
    format!("public {:?}", user.0)
}

#[get("/lo")]
fn lo(req: Request) -> String {
    basic_logout(&req)
}

fn b(u: &str, p: &str) -> String {
    use base64::Engine;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{u}:{p}"))
    )
}

// SPEC 6.11
#[actix_web::test]
async fn users_and_skip_list() {
    let auth = BasicAuth::users([("alice", "pw1")]).skip(["/public"]);
    let cli = Client::new(
        fast_app()
            .secret_key("k")
            .before(auth.beforeware())
            .routes(routes![home, public]),
    )
    .await;
    let r = cli.get("/").send().await;
    assert_eq!(r.status(), 401);
    assert_eq!(r.header("www-authenticate"), Some("Basic realm=\"login\""));
    assert_eq!(r.text(), "not authenticated");
    assert_eq!(
        cli.get("/")
            .header("Authorization", &b("alice", "pw1"))
            .send()
            .await
            .text(),
        "hello alice"
    );
    assert_eq!(
        cli.get("/")
            .header("Authorization", &b("alice", "bad"))
            .send()
            .await
            .status(),
        401
    );
    assert_eq!(
        cli.get("/")
            .header("Authorization", &b("bob", "pw1"))
            .send()
            .await
            .status(),
        401
    );
    assert_eq!(cli.get("/public").send().await.text(), "public None");
}

// SPEC 6.12, 6.13, 6.14
#[actix_web::test]
async fn lookup_refusals_and_malformed_credentials() {
    let auth = BasicAuth::lookup(|u, p| u == "x" && p == "y" || u == "logout");
    let cli = Client::new(
        fast_app()
            .secret_key("k")
            .before(auth.beforeware())
            .routes(routes![home, lo]),
    )
    .await;
    assert_eq!(
        cli.get("/")
            .header("Authorization", &b("x", "y"))
            .send()
            .await
            .text(),
        "hello x"
    );
    for bad in [
        b("logout", "logout"),
        b("", "y"),
        b("x", ""),
        "Bearer t".into(),
        "Basic !!!notb64".into(),
        "Basic".into(),
        "Basic a b".into(),
        format!("Basic {}", "eHk="), // "xy": no colon
        "Basic //79".into(),         // not UTF-8
    ] {
        let r = cli.get("/").header("Authorization", &bad).send().await;
        assert_eq!(r.status(), 401, "{bad}");
    }
    let r = cli
        .get("/lo")
        .header("Authorization", &b("x", "y"))
        .header("Host", "testserver")
        .send()
        .await;
    assert_eq!(r.text(), "http://logout:logout@testserver/");
}

#[actix_web::test]
async fn argon2_hashes_are_verified() {
    let stored = ft_web::password::hash("s3cret").await.unwrap();
    let auth = BasicAuth::users([("uma", stored.as_str())]);
    let cli = Client::new(
        fast_app()
            .secret_key("k")
            .before(auth.beforeware())
            .routes(routes![home]),
    )
    .await;
    assert_eq!(
        cli.get("/")
            .header("Authorization", &b("uma", "s3cret"))
            .send()
            .await
            .text(),
        "hello uma"
    );
    assert_eq!(
        cli.get("/")
            .header("Authorization", &b("uma", &stored))
            .send()
            .await
            .status(),
        401
    );
}
