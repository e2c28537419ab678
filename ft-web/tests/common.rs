//! Shared by the test files: a client for an app with a fixed test key.
#![allow(dead_code)]

use ft_web::prelude::*;

/// A test client for these routes.
pub async fn client(routes: Vec<ft_web::RouteDef>) -> Client {
    Client::new(fast_app().routes(routes).secret_key("test-secret")).await
}

/// A test client for a configured app.
pub async fn client_for(app: FastApp) -> Client {
    Client::new(app.secret_key("test-secret")).await
}
