//! The optional backends name their cargo feature when a build without it is asked for them,
//! and work when it has it. `./scripts/test` runs this file in both builds (all features, and
//! ft-web's default features).

use ft_web::Broadcast;
use ft_web::data::Database;

#[test]
fn broadcast_urls_need_their_feature() {
    for (url, feature, on) in [
        ("redis://127.0.0.1:1", "redis", cfg!(feature = "redis")),
        (
            "postgres://u@127.0.0.1:1/db",
            "postgres",
            cfg!(feature = "postgres"),
        ),
    ] {
        match Broadcast::from_url(url) {
            Ok(b) => {
                assert!(on, "{url} accepted by a build without `{feature}`");
                assert_eq!(b.kind(), feature);
            }
            Err(e) => {
                assert!(
                    !on,
                    "{url} refused by a build with `{feature}`: {}",
                    e.message()
                );
                assert!(
                    e.message().contains(&format!("`{feature}` cargo feature")),
                    "{}",
                    e.message()
                );
            }
        }
    }
    assert_eq!(
        Broadcast::from_url("").map(|b| b.kind()).ok(),
        Some("in-process")
    );
    assert!(Broadcast::from_url("nats://x").is_err());
}

#[tokio::test]
async fn a_postgres_url_without_the_feature_is_a_clear_startup_error() {
    // An unknown sslmode: a build with PostgreSQL refuses the URL at once (no connect wait).
    let Err(e) = Database::connect("postgres://u@127.0.0.1:1/db?sslmode=bogus").await else {
        panic!("connected to 127.0.0.1:1");
    };
    let text = e.to_string();
    if cfg!(feature = "postgres") {
        assert!(!text.contains("cargo feature"), "{text}");
    } else {
        assert!(text.contains("`postgres` cargo"), "{text}");
    }
}
