//! A tiny app for the development loop (docs/dev-loop.md): run it with
//! `cargo dev -p ft-examples --example dev_loop`, open http://127.0.0.1:5001, edit the
//! greeting below and save; the browser shows the change by itself. The greeting is markup
//! in a compiled template, so the running server takes it without a rebuild (markup hot
//! reload); an edit to `count`'s code, or to its `format!`, rebuilds and restarts.

use ft_web::prelude::*;

#[rt]
fn index() -> Ft {
    Titled!(
        "Dev loop",
        P!("Hello from the dev loop!", id = "greeting"),
        A!("count", href = "/count")
    )
}

#[rt]
fn count(session: Session) -> Result<Ft> {
    let n = session.get::<i64>("n").unwrap_or(0) + 1;
    session.insert("n", n)?;
    Ok(Titled!(
        "Count",
        P!(format!("You have been here {n} times."))
    ))
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    // `ft-dev` sets FT_LIVE=1, which turns live reload on; `.live(true)` would force it.
    fast_app()
        .routes(routes![index, count])
        .htmx4(ft_examples::htmx4())
        .serve()
        .await
}
