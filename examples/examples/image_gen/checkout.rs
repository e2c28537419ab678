//! "Buy 50 more": FastHTML's Stripe flow with a local stand-in for Stripe (no external
//! service is reachable here, and no card is ever charged).
//!
//! The app's side is the original's, but `/buy_global` is a POST (the original's is a GET
//! link, so any page, or a crawler, could create checkouts): it creates a checkout session and
//! sends the user to its page; `/success` and `/cancel` are where the user comes back. The stand-in
//! serves the hosted checkout page under `/fake-stripe/`; paying marks the checkout paid and
//! then does what the original's Stripe webhook does on `checkout.session.completed`: add 50
//! credits to the shared pool, exactly once per checkout.

use super::{Settings, credits, credits::Credits};
use ft_web::data::params;
use ft_web::prelude::*;

/// Credits one purchase adds, and what it costs.
pub const PACK: i64 = 50;
const PRICE: &str = "$1.00";

/// A checkout session (what `stripe.checkout.Session.create` returns).
#[derive(Record, Clone, Debug)]
#[table(name = "checkouts", pk = "id")]
pub struct Checkout {
    id: String,
    credits: i64,
    /// `open`, then `paid` or `cancelled`.
    status: String,
}

/// The routes of the purchase flow.
pub fn routes() -> Vec<ft_web::RouteDef> {
    routes![
        buy_global,
        checkout_page,
        pay,
        cancel_checkout,
        success,
        cancel
    ]
}

// --- the app's side --------------------------------------------------------------------

/// The "Buy 50 more" button: a form, since buying creates a checkout (a GET must not write).
pub fn buy_button(id: Option<&str>) -> Ft {
    Form!(
        Button!(format!("Buy {PACK} more"), id = id, cls = "outline"),
        method = "post",
        action = buy_global,
        cls = "buy"
    )
}

/// Creates a checkout session and sends the user to it.
#[post("/buy_global")]
pub async fn buy_global(checkouts: Tbl<Checkout>) -> Result<Redirect> {
    let c = checkouts
        .insert(&Checkout {
            id: unqid(),
            credits: PACK,
            status: "open".into(),
        })
        .await?;
    Ok(Redirect::to(checkout_page.to(c.id)))
}

/// Where the checkout sends the user after paying.
#[get("/success")]
fn success() -> Ft {
    Titled!(
        "Thank you!",
        P!(
            format!("Success! {PACK} credits were added to the shared pool."),
            id = "success"
        ),
        A!("Return Home", href = "/")
    )
}

/// Where the checkout sends the user after cancelling.
#[get("/cancel")]
fn cancel() -> Ft {
    Titled!(
        "Cancelled",
        P!("Cancelled: no credits were bought.", id = "cancelled"),
        A!("Return Home", href = "/")
    )
}

/// What the app's webhook does when the payment provider reports a completed checkout.
async fn checkout_completed(c: &Checkout, pool: &Tbl<Credits>, cfg: &Settings) -> Result<()> {
    credits::add(pool, cfg.initial_credits, c.credits).await
}

// --- the stand-in for Stripe -----------------------------------------------------------

/// Stripe's hosted checkout page.
#[get("/fake-stripe/checkout/{id}")]
async fn checkout_page(id: String, checkouts: Tbl<Checkout>) -> Result<Ft> {
    let c = checkouts.get(id.as_str()).await?;
    if c.status != "open" {
        return Ok(Titled!(
            "Checkout",
            P!(format!("This checkout is {}.", c.status)),
            A!("Return Home", href = "/")
        ));
    }
    Ok(Titled!(
        "Fake Checkout",
        P!(Em!(
            "A local stand-in for Stripe's checkout: no card is charged, nothing leaves this machine."
        )),
        Article!(
            Header!(H3!(format!("Buy {} credits for {PRICE}", c.credits))),
            P!("The credits go to the pool everyone shares."),
            Footer!(Grid!(
                Form!(
                    Button!(format!("Pay {PRICE}")),
                    method = "post",
                    action = pay.to(c.id.clone())
                ),
                Form!(
                    Button!("Cancel", cls = "secondary"),
                    method = "post",
                    action = cancel_checkout.to(c.id.clone())
                )
            ))
        )
    ))
}

/// Sets an open checkout's status; `false` if it was not open (paid or cancelled already).
async fn close(checkouts: &Tbl<Checkout>, id: &str, status: &str) -> Result<bool> {
    let changed = checkouts
        .database()
        .execute(
            "UPDATE checkouts SET status = ? WHERE id = ? AND status = 'open'",
            params![status, id],
        )
        .await?;
    Ok(changed == 1)
}

/// "Pays": the checkout is paid once; a second attempt is a 409 and adds nothing.
#[post("/fake-stripe/checkout/{id}/pay")]
async fn pay(
    id: String,
    checkouts: Tbl<Checkout>,
    pool: Tbl<Credits>,
    cfg: State<Settings>,
) -> Result<Redirect> {
    let c = checkouts.get(id.as_str()).await?;
    if !close(&checkouts, &id, "paid").await? {
        return Err(Error::new(
            409,
            format!("This checkout is {} already.", c.status),
        ));
    }
    checkout_completed(&c, &pool, &cfg).await?;
    Ok(Redirect::to(success.to()))
}

#[post("/fake-stripe/checkout/{id}/cancel")]
async fn cancel_checkout(id: String, checkouts: Tbl<Checkout>) -> Result<Redirect> {
    let c = checkouts.get(id.as_str()).await?;
    if !close(&checkouts, &id, "cancelled").await? {
        return Err(Error::new(
            409,
            format!("This checkout is {} already.", c.status),
        ));
    }
    Ok(Redirect::to(cancel.to()))
}
