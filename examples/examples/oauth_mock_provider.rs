//! A mock OAuth provider in GitHub's shape on 127.0.0.1:5002 (`MOCK_PORT` changes it), with a
//! consent page where you pick the user: for trying `oauth_counter` without a GitHub app.
//!
//! ```text
//! cargo run -p ft-examples --example oauth_mock_provider
//! OAUTH_MOCK=http://127.0.0.1:5002 cargo run -p ft-examples --example oauth_counter
//! ```
//!
//! Client id `mock-client`, secret `mock-secret`. `MOCK_STYLE` picks another provider's shape
//! (`google`, `huggingface`, `discord`, `auth0`, `oidc`).

use ft_web::auth::mock_provider::{MockConfig, MockProvider, Style};

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::var("MOCK_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(5002);
    let style = match std::env::var("MOCK_STYLE").as_deref() {
        Ok("google") => Style::Google,
        Ok("huggingface") => Style::HuggingFace,
        Ok("discord") => Style::Discord,
        Ok("auth0") => Style::Auth0,
        Ok("oidc") => Style::Oidc,
        _ => Style::GitHub,
    };
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
    let (mock, server) = MockProvider::listen(MockConfig::new(style).interactive(), listener)?;
    eprintln!(
        "mock {style:?} OAuth provider on {} (client mock-client / mock-secret)",
        mock.url()
    );
    server.await
}
