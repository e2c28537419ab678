//! FastHTML by Example's image generation app ("Full Example #2", with its "Again, with
//! Sessions" and "Again, with Credits!" steps: `image_app_session_credits/main.py`), in ft.
//!
//! - The home page has a prompt form; a generation is added to the top of the list at once as
//!   a card that polls every second (`hx_trigger = "every 1s"`, `hx_swap = "outerHTML"`)
//!   until its image is ready, and the prompt box is cleared with an out-of-band swap.
//! - The picture is made in the background (a `BackgroundTask`, FastHTML's `@threaded`) after
//!   a short wait that stands in for the model's latency. It is drawn locally and
//!   deterministically from the prompt as SVG ([`art`]) instead of by a model on Replicate, and
//!   stored in the SQLite file; `/gens/{id}/image.svg` serves it (an integer id, no file path).
//! - Each browser sees only its own generations: a beforeware gives every session a random
//!   `session_id` and scopes the generations table to it (the original filters with a
//!   `where` string; here another session's generation is a 404 everywhere).
//! - Every generation spends one credit from a pool everyone shares ([`credits`]); the balance
//!   polls every 2 seconds. With no credits left the form says so and nothing is generated.
//!   "Buy 50 more" (a POST form: no GET writes anything) goes through a local fake checkout
//!   page that stands in for Stripe ([`checkout`]).
//!
//! `cargo run -p ft-examples --example image_gen`, then open http://127.0.0.1:5001
//! (data in `data/image_gen.db`; `PORT`/`HOST` change the address).

use ft_web::actix_web::HttpResponse;
use ft_web::prelude::*;
use std::time::Duration;

#[path = "art.rs"]
pub mod art;
#[path = "checkout.rs"]
mod checkout;
#[path = "credits.rs"]
mod credits;

use credits::Credits;

/// A generation: a prompt, the session that asked for it, and its picture once drawn.
#[derive(Record, Clone, Debug)]
#[table(name = "gens")]
struct Generation {
    id: i64,
    prompt: String,
    session_id: String,
    /// The SVG, `None` while it is being generated.
    image: Option<String>,
}

/// What the app is started with.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Credits in the pool when it is created.
    pub initial_credits: i64,
    /// How long a generation takes (the stand-in for the model's latency).
    pub delay: Duration,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            initial_credits: 10,
            delay: Duration::from_secs(2),
        }
    }
}

/// The longest prompt accepted, in characters.
const MAX_PROMPT: usize = 300;
/// Generations shown on the home page.
const SHOWN: u64 = 20;

const STYLE: &str = "
.gen-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 1rem; }
.gen-grid article { margin: 0; }
.gen-grid img { width: 100%; aspect-ratio: 1; border-radius: var(--pico-border-radius); }
.out-of-credits { color: var(--pico-del-color); }
form.buy { display: inline-block; margin: 0 .5rem 0 0; }
form.buy button { width: auto; padding: .25rem .75rem; margin: 0; }
";

/// Every request gets a session id, and sees only that session's generations.
fn session_gallery() -> Beforeware {
    Beforeware::sync(|ctx: &mut Ctx| {
        let session = ctx.session();
        let id = match session.get::<String>("session_id") {
            Some(id) => id,
            None => {
                let id = unqid();
                if let Err(e) = session.insert("session_id", &id) {
                    return Some(e.into_ft());
                }
                id
            }
        };
        ctx.scope::<Generation>("session_id", id);
        None
    })
    .skip([r"/favicon\.ico", r"/_ft/.*"])
}

fn prompt_input(oob: bool) -> Ft {
    Input!(
        id = "new-prompt",
        name = "prompt",
        placeholder = "Enter a prompt",
        required = true,
        maxlength = MAX_PROMPT,
        autocomplete = "off",
        hx_swap_oob = oob.then_some("true")
    )
}

/// The live balance: it polls itself, and generations swap a fresh one in out of band.
fn balance_view(n: i64, oob: bool) -> Ft {
    Div!(
        P!(format!("Global balance: {n} credits")),
        id = "balance",
        hx_get = balance,
        hx_trigger = "every 2s",
        hx_swap = "outerHTML",
        hx_swap_oob = oob.then_some("true")
    )
}

/// The message line under the form (out of band: the form's target is the list).
fn notice(msg: Option<Ft>) -> Ft {
    Div!(msg, id = "notice", role = "status", hx_swap_oob = "true")
}

/// A generation's card: the picture and its prompt, or a placeholder that polls until the
/// picture is ready.
fn preview(g: &Generation) -> Ft {
    let id = format!("gen-{}", g.id);
    match g.image {
        Some(_) => Article!(
            Img!(src = image.to(g.id), alt = &g.prompt),
            P!(B!("Prompt: "), &g.prompt, cls = "card-text"),
            id = id,
            cls = "gen"
        ),
        None => Article!(
            P!(
                format!("Generating with prompt '{}'...", g.prompt),
                aria_busy = "true"
            ),
            id = id,
            cls = "gen pending",
            hx_get = poll.to(g.id),
            hx_trigger = "every 1s",
            hx_swap = "outerHTML"
        ),
    }
}

#[get("/")]
async fn index(gens: Tbl<Generation>, pool: Tbl<Credits>, cfg: State<Settings>) -> Result<Ft> {
    let add = Form!(
        Group!(prompt_input(false), Button!("Generate")),
        hx_post = generate,
        hx_target = "#gen-list",
        hx_swap = "afterbegin"
    );
    let newest = gens
        .query()
        .order_by("id DESC")
        .limit(SHOWN)
        .fetch()
        .await?;
    let credits = credits::balance(&pool, cfg.initial_credits).await?;
    Ok((
        Title!("Image Generation Demo"),
        Style!(STYLE),
        Main!(
            H1!("Image Generation Demo (Sessions, Credits)"),
            balance_view(credits, false),
            Div!(
                checkout::buy_button(Some("buy")),
                " to share ($1, through a local fake checkout)"
            ),
            add,
            Div!(id = "notice", role = "status"),
            Div!(
                newest.iter().map(preview),
                id = "gen-list",
                cls = "gen-grid"
            ),
            cls = "container"
        ),
    )
        .into_ft())
}

/// A pending card polls this until its picture is ready.
#[get("/gens/{id}")]
async fn poll(id: i64, gens: Tbl<Generation>) -> Result<Ft> {
    Ok(preview(&gens.get(id).await?))
}

/// The picture of one of this session's generations.
#[get("/gens/{id}/image.svg")]
async fn image(id: i64, gens: Tbl<Generation>) -> Result<HttpResponse> {
    let svg = gens
        .get(id)
        .await?
        .image
        .ok_or_else(|| Error::not_found("this image is still being generated"))?;
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header(("X-Content-Type-Options", "nosniff"))
        // Opened on its own, the SVG may run nothing and load nothing.
        .insert_header((
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'",
        ))
        .insert_header(("Cache-Control", "private, max-age=86400"))
        .body(svg))
}

#[get("/balance")]
async fn balance(pool: Tbl<Credits>, cfg: State<Settings>) -> Result<Ft> {
    Ok(balance_view(
        credits::balance(&pool, cfg.initial_credits).await?,
        false,
    ))
}

/// Starts a generation: one credit, a pending card at the top of the list, the picture drawn
/// in the background.
#[post("/")]
async fn generate(
    prompt: String,
    gens: Tbl<Generation>,
    pool: Tbl<Credits>,
    cfg: State<Settings>,
) -> Result<Ft> {
    let prompt = prompt.trim();
    if prompt.is_empty() {
        return Err(Error::bad_request("prompt: write what to draw"));
    }
    if prompt.chars().count() > MAX_PROMPT {
        return Err(Error::bad_request(format!(
            "prompt: at most {MAX_PROMPT} characters"
        )));
    }
    if !credits::spend_one(&pool, cfg.initial_credits).await? {
        let msg = Div!(
            "Out of credits! ",
            checkout::buy_button(None),
            " to keep generating.",
            cls = "out-of-credits"
        );
        return Ok((prompt_input(true), notice(Some(msg)), balance_view(0, true)).into_ft());
    }
    let g = gens
        .insert(&Generation {
            id: 0,
            prompt: prompt.to_owned(),
            session_id: String::new(), // the session's scope fills it in
            image: None,
        })
        .await?;
    let table = gens.0.clone();
    let (id, text, delay) = (g.id, g.prompt.clone(), cfg.delay);
    let draw = BackgroundTask::new(async move {
        ft_web::actix_web::rt::time::sleep(delay).await;
        if let Err(e) = table
            .update_fields(id, [("image", art::generate(&text))])
            .await
        {
            eprintln!("image_gen: saving generation {id} failed: {e}");
        }
    });
    let left = credits::balance(&pool, cfg.initial_credits).await?;
    Ok((
        preview(&g),
        prompt_input(true),
        notice(None),
        balance_view(left, true),
        draw,
    )
        .into_ft())
}

/// The app on the SQLite file `db`.
pub fn app(db: &str, settings: Settings) -> FastApp {
    fast_app()
        .db(db)
        .table::<Generation>()
        .table::<Credits>()
        .table::<checkout::Checkout>()
        .state(settings)
        .before(session_gallery())
        .routes(routes![index, poll, image, balance, generate])
        .routes(checkout::routes())
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    app("data/image_gen.db", Settings::default())
        .htmx4(ft_examples::htmx4())
        .serve()
        .await
}
