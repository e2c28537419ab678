//! Markdown rendered on the server: a textarea and a live preview that needs no script in the
//! browser beyond htmx. `markdown()` (ft-web's `markdown` cargo feature: pulldown-cmark, then
//! ammonia's allow-list) turns what the user typed into HTML that cannot carry script: raw
//! `<script>`, event handlers and `javascript:` links are removed, the Markdown itself renders.
//!
//! `cargo run -p ft-examples --features markdown --example markdown_preview`, then open
//! http://127.0.0.1:5001 (`PORT`/`HOST` change the address).

use ft_web::prelude::*;

const START: &str =
    "# Notes\n\nSome **bold** text, a [link](https://example.com/) and a list:\n\n- one\n- two\n";

#[get("/")]
fn index() -> Ft {
    Titled!(
        "Markdown preview",
        Grid!(
            Form!(
                Textarea!(START, name = "text", rows = 14, aria_label = "Markdown"),
                hx_post = preview,
                hx_trigger = "input delay:300ms, load",
                hx_target = "#preview"
            ),
            Article!(id = "preview")
        )
    )
}

/// The preview: sanitized HTML, safe to put in the page whatever was typed.
#[post("/preview")]
fn preview(text: String) -> Ft {
    markdown(&text)
}

pub fn app() -> FastApp {
    fast_app().routes(routes![index, preview])
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    app().htmx4(ft_examples::htmx4()).serve().await
}
