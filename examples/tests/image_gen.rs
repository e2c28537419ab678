//! The image generation example (sessions, credits, background generation, the fake
//! checkout): test client and browser.

mod common;

#[allow(dead_code)]
#[path = "../examples/image_gen/main.rs"]
mod image_gen;

use common::{Running, TempDir, client};
use ft_web::Client;
use image_gen::{Settings, art};
use std::time::Duration;

fn settings(credits: i64) -> Settings {
    Settings {
        initial_credits: credits,
        delay: Duration::from_millis(100),
    }
}

async fn app(dir: &TempDir, credits: i64) -> Client {
    client(image_gen::app(&dir.file("gens.db"), settings(credits))).await
}

async fn generate(c: &Client, prompt: &str) -> ft_web::TestResponse {
    c.post("/").htmx().form([("prompt", prompt)]).send().await
}

/// Polls a generation's card as the page does, until its picture is there.
async fn wait_ready(c: &Client, id: i64) -> String {
    for _ in 0..100 {
        let r = c.get(&format!("/gens/{id}")).htmx().send().await;
        assert_eq!(r.status(), 200, "{}", r.text());
        if r.text().contains("<img") {
            return r.text();
        }
        ft_web::actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("generation {id} never finished");
}

fn balance_of(page: &str) -> i64 {
    let tail = page
        .split("Global balance: ")
        .nth(1)
        .unwrap_or_else(|| panic!("no balance in {page}"));
    tail.split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number")
}

#[ft_web::test]
async fn the_home_page_has_the_form_the_balance_and_a_session() {
    let dir = TempDir::new("image-gen");
    let c = app(&dir, 7).await;
    let r = c.get("/").send().await;
    assert_eq!(r.status(), 200);
    let page = r.text();
    assert!(
        page.contains("<title>Image Generation Demo</title>"),
        "{page}"
    );
    assert!(page.contains(r#"hx-post="/""#) && page.contains(r##"hx-target="#gen-list""##));
    assert!(page.contains(r#"hx-swap="afterbegin""#));
    assert!(
        page.contains(r#"<div id="gen-list" class="gen-grid"></div>"#),
        "{page}"
    );
    assert_eq!(balance_of(&page), 7);
    assert!(page.contains(r#"method="post" action="/buy_global""#));
    // FastHTML's `session['session_id'] = str(uuid.uuid4())`.
    let sid = c.session()["session_id"].as_str().map(str::to_owned);
    assert!(
        sid.as_ref().is_some_and(|s| s.len() == 23),
        "{:?}",
        c.session()
    );
    // The id stays for the session; another browser gets another one.
    c.get("/balance").send().await;
    assert_eq!(c.session()["session_id"].as_str(), sid.as_deref());
    let other = app(&dir, 7).await;
    other.get("/").send().await;
    assert_ne!(other.session()["session_id"].as_str(), sid.as_deref());
}

#[ft_web::test]
async fn a_generation_polls_until_its_picture_is_ready() {
    let dir = TempDir::new("image-gen");
    let c = app(&dir, 5).await;
    c.get("/").send().await;
    let r = generate(&c, "  a red fox  ").await;
    assert_eq!(r.status(), 200);
    let body = r.text();
    // The pending card polls every second and replaces itself.
    assert!(body.contains(r#"id="gen-1""#), "{body}");
    assert!(
        body.contains("Generating with prompt 'a red fox'..."),
        "{body}"
    );
    assert!(body.contains(r#"hx-get="/gens/1""#) && body.contains(r#"hx-trigger="every 1s""#));
    assert!(body.contains(r#"hx-swap="outerHTML""#));
    // The prompt box is cleared and the balance updated, out of band.
    assert!(
        body.contains(r#"<input name="prompt" placeholder="Enter a prompt" required maxlength="300" autocomplete="off" hx-swap-oob="true" id="new-prompt">"#)
            && body.matches(r#"hx-swap-oob="true""#).count() == 3,
        "{body}"
    );
    assert_eq!(balance_of(&body), 4);
    // No picture yet.
    assert_eq!(c.get("/gens/1/image.svg").send().await.status(), 404);

    let card = wait_ready(&c, 1).await;
    assert!(
        card.contains(r#"<img src="/gens/1/image.svg" alt="a red fox">"#),
        "{card}"
    );
    assert!(
        !card.contains("hx-trigger"),
        "a finished card stops polling: {card}"
    );
    let img = c.get("/gens/1/image.svg").send().await;
    assert_eq!(img.status(), 200);
    assert_eq!(img.header("content-type"), Some("image/svg+xml"));
    assert_eq!(img.header("x-content-type-options"), Some("nosniff"));
    assert!(
        img.header("content-security-policy")
            .is_some_and(|v| v.starts_with("default-src 'none'"))
    );
    assert_eq!(img.text(), art::generate("a red fox"));

    // The home page shows it, and the balance stayed spent.
    let page = c.get("/").send().await.text();
    assert!(page.contains(r#"<img src="/gens/1/image.svg""#), "{page}");
    assert_eq!(balance_of(&page), 4);
    assert_eq!(balance_of(&c.get("/balance").htmx().send().await.text()), 4);
}

#[ft_web::test]
async fn generations_are_listed_newest_first() {
    let dir = TempDir::new("image-gen");
    let c = app(&dir, 5).await;
    c.get("/").send().await;
    for p in ["first", "second", "third"] {
        assert_eq!(generate(&c, p).await.status(), 200);
    }
    for id in 1..=3 {
        wait_ready(&c, id).await;
    }
    let page = c.get("/").send().await.text();
    let at = |id: i64| page.find(&format!(r#"id="gen-{id}""#)).expect("card");
    assert!(at(3) < at(2) && at(2) < at(1), "{page}");
    assert_eq!(balance_of(&page), 2);
}

#[ft_web::test]
async fn each_session_sees_only_its_own_generations() {
    let dir = TempDir::new("image-gen");
    let db = dir.file("gens.db");
    let ann = client(image_gen::app(&db, settings(5))).await;
    let bob = client(image_gen::app(&db, settings(5))).await;
    ann.get("/").send().await;
    bob.get("/").send().await;
    generate(&ann, "ann's castle").await;
    wait_ready(&ann, 1).await;

    let page = bob.get("/").send().await.text();
    assert!(
        !page.contains("gen-1") && !page.contains("castle"),
        "{page}"
    );
    assert_eq!(bob.get("/gens/1").send().await.status(), 404);
    assert_eq!(bob.get("/gens/1/image.svg").send().await.status(), 404);
    // Naming ann's session id in the request is not being in her session.
    let sid = ann.session()["session_id"]
        .as_str()
        .map(str::to_owned)
        .expect("sid");
    let r = bob.get(&format!("/gens/1?session_id={sid}")).send().await;
    assert_eq!(r.status(), 404);
    bob.set_cookie("session_id", &sid);
    assert_eq!(bob.get("/gens/1/image.svg").send().await.status(), 404);
    // The credits are shared.
    assert_eq!(balance_of(&page), 4);
}

#[ft_web::test]
async fn out_of_credits_nothing_is_generated() {
    let dir = TempDir::new("image-gen");
    let c = app(&dir, 2).await;
    c.get("/").send().await;
    generate(&c, "one").await;
    generate(&c, "two").await;
    let r = generate(&c, "three").await;
    assert_eq!(r.status(), 200);
    let body = r.text();
    assert!(body.contains("Out of credits!"), "{body}");
    assert!(
        body.contains(r#"method="post" action="/buy_global""#),
        "{body}"
    );
    assert!(!body.contains("gen-3") && !body.contains("three"), "{body}");
    assert_eq!(balance_of(&body), 0);
    assert_eq!(c.get("/gens/3").send().await.status(), 404);
    // It stays at zero, never below.
    generate(&c, "four").await;
    assert_eq!(balance_of(&c.get("/").send().await.text()), 0);
}

#[ft_web::test]
async fn buying_credits_through_the_fake_checkout() {
    let dir = TempDir::new("image-gen");
    let c = app(&dir, 0).await;
    c.get("/").send().await;
    assert!(
        generate(&c, "nothing left")
            .await
            .text()
            .contains("Out of credits!")
    );

    // A checkout is a row: creating one is a POST (the GET FastHTML's example uses is refused).
    assert_eq!(c.get("/buy_global").send().await.status(), 405);
    let r = c.post("/buy_global").send().await;
    assert_eq!(r.status(), 303);
    let checkout = r.header("location").expect("location").to_owned();
    assert!(
        checkout.starts_with("/fake-stripe/checkout/_"),
        "{checkout}"
    );
    let page = c.get(&checkout).send().await;
    assert_eq!(page.status(), 200);
    assert!(
        page.text().contains("Buy 50 credits for $1.00"),
        "{}",
        page.text()
    );
    assert!(page.text().contains(&format!(r#"action="{checkout}/pay""#)));

    let r = c.post(&format!("{checkout}/pay")).send().await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.header("location"), Some("/success"));
    assert!(
        c.get("/success")
            .send()
            .await
            .text()
            .contains("Success! 50 credits")
    );
    assert_eq!(balance_of(&c.get("/").send().await.text()), 50);
    // Paying the same checkout again adds nothing.
    let again = c.post(&format!("{checkout}/pay")).send().await;
    assert_eq!(again.status(), 409);
    assert!(again.text().contains("already"), "{}", again.text());
    assert_eq!(balance_of(&c.get("/").send().await.text()), 50);
    assert!(
        c.get(&checkout)
            .send()
            .await
            .text()
            .contains("This checkout is paid.")
    );
    // And generating works again.
    assert!(
        generate(&c, "a rose")
            .await
            .text()
            .contains(r#"id="gen-1""#)
    );
    assert_eq!(balance_of(&c.get("/").send().await.text()), 49);
}

#[ft_web::test]
async fn a_cancelled_checkout_adds_nothing() {
    let dir = TempDir::new("image-gen");
    let c = app(&dir, 3).await;
    c.get("/").send().await;
    let checkout = c
        .post("/buy_global")
        .send()
        .await
        .header("location")
        .expect("location")
        .to_owned();
    let r = c.post(&format!("{checkout}/cancel")).send().await;
    assert_eq!(r.header("location"), Some("/cancel"));
    assert!(
        c.get("/cancel")
            .send()
            .await
            .text()
            .contains("no credits were bought")
    );
    assert_eq!(
        c.post(&format!("{checkout}/pay")).send().await.status(),
        409
    );
    assert_eq!(balance_of(&c.get("/").send().await.text()), 3);
    // Unknown checkouts are 404s.
    assert_eq!(
        c.get("/fake-stripe/checkout/_nope").send().await.status(),
        404
    );
    assert_eq!(
        c.post("/fake-stripe/checkout/_nope/pay")
            .send()
            .await
            .status(),
        404
    );
    assert_eq!(balance_of(&c.get("/").send().await.text()), 3);
}

#[ft_web::test]
async fn bad_prompts_are_refused_and_cost_nothing() {
    let dir = TempDir::new("image-gen");
    let c = app(&dir, 3).await;
    c.get("/").send().await;
    for bad in ["", "   "] {
        let r = generate(&c, bad).await;
        assert_eq!(r.status(), 400);
        assert!(r.text().contains("prompt"), "{}", r.text());
    }
    let r = generate(&c, &"x".repeat(301)).await;
    assert_eq!(r.status(), 400);
    assert!(r.text().contains("at most 300"), "{}", r.text());
    let r = c.post("/").htmx().form([("other", "x")]).send().await;
    assert_eq!(r.status(), 400);
    assert_eq!(balance_of(&c.get("/").send().await.text()), 3);
    // Picture ids are integers: anything else is not a route.
    for path in [
        "/gens/abc/image.svg",
        "/gens/..%2F..%2Fetc%2Fpasswd/image.svg",
        "/gens/1/../../x",
    ] {
        assert_eq!(c.get(path).send().await.status(), 404, "{path}");
    }
}

/// The browser test, under htmx 2 or htmx 4.
fn browser(htmx4: bool) {
    let dir = TempDir::new(if htmx4 {
        "image-gen-e2e-htmx4"
    } else {
        "image-gen-e2e"
    });
    let db = dir.file("gens.db");
    let server = Running::start(move || {
        image_gen::app(
            &db,
            Settings {
                initial_credits: 3,
                delay: Duration::from_millis(500),
            },
        )
        .htmx4(htmx4)
    });
    let env: &[(&str, &str)] = if htmx4 { &[("E2E_HTMX", "4")] } else { &[] };
    common::e2e_with("image_gen", &server, env);
}

#[test]
fn browser_image_gen() {
    browser(false);
}

#[test]
fn browser_image_gen_htmx4() {
    browser(true);
}
