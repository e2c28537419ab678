//! ft example apps.

/// Whether an example serves its pages with htmx 4 (`fast_app().htmx4(true)`): `FT_HTMX=4`
/// in the environment, e.g. `FT_HTMX=4 cargo run -p ft-examples --example todo`. Every
/// example's `main` reads it; without it the examples run htmx 2, as before.
pub fn htmx4() -> bool {
    std::env::var("FT_HTMX").is_ok_and(|v| v.trim() == "4")
}
