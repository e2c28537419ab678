//! FastHTML's quickstart ("FastHTML by Example"), section by section, as one ft app: a
//! minimal page, routing, variables in URLs, HTTP methods, CSS and static files, Markdown, code
//! highlighting, a chart, custom exception handlers, cookies, sessions and toasts. The home
//! page links to every section.
//!
//! `cargo run -p ft-examples --example quickstart`, then open http://127.0.0.1:5001
//! (the chart's data is in `data/quickstart.db`; `PORT`/`HOST` change the address).
//! The forms-with-a-table, login, upload, server-sent events and websocket, and todo sections
//! are their own examples (`profile`, `login`, `uploads`, `realtime`, `todo`). The browser
//! libraries (marked, highlight.js) are served from `examples/static/vendor/`: the pages work
//! offline.

use ft_web::prelude::*;

/// The examples' static folder, wherever the binary is started from.
const STATIC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/static");

// --- A minimal application -------------------------------------------------------------

#[get("/")]
fn index() -> Ft {
    let sections: [(&str, String); 13] = [
        ("A minimal page", hello.to().to_string()),
        ("Routing", routing.to().to_string()),
        (
            "Variables in URLs",
            greet.to("Uma".to_string(), 5).to_string(),
        ),
        ("HTTP methods", Methods::get.to().to_string()),
        ("CSS and static files", css.to().to_string()),
        ("Markdown", markdown.to().to_string()),
        ("Code highlighting", highlight.to().to_string()),
        ("A chart", chart.to().to_string()),
        ("A custom 404", "/oops".to_string()),
        ("Cookies: set", set_timestamp.to().to_string()),
        ("Cookies: get", get_timestamp.to().to_string()),
        ("Sessions", adder.to(5).to_string()),
        ("Toasts", toasting.to().to_string()),
    ];
    Titled!(
        "FastHTML's quickstart in ft",
        Ul!(sections
            .into_iter()
            .map(|(label, href)| Li!(A!(label, href = href))))
    )
}

#[get("/hello")]
fn hello() -> Ft {
    Div!(P!("Hello World!"), hx_get = change)
}

#[get("/change")]
fn change() -> Ft {
    P!("Nice to be here!")
}

// --- Routing ---------------------------------------------------------------------------

#[rt("/routing")]
fn routing() -> Ft {
    Titled!(
        "Routing",
        P!("Every route is a function; its attribute gives the path and the methods."),
        P!(A!("Back home", href = index))
    )
}

// --- Variables in URLs -----------------------------------------------------------------

/// `/greet/Uma/5`; `/greet/Uma/five` is a 404 because `age` is a number.
#[get("/greet/{name}/{age}")]
fn greet(name: String, age: u32) -> Ft {
    Titled!(format!("Hello {}, age {age}", name.to_uppercase()))
}

// --- HTTP methods ----------------------------------------------------------------------

/// GET and POST of one path, in one block (FastHTML's class under `@rt`, SPEC 2.9): each
/// function named after a verb answers it, `Methods::post` is a route value.
struct Methods;

#[rt("/methods")]
impl Methods {
    fn get() -> Ft {
        Titled!(
            "HTTP GET",
            P!("Handle GET"),
            Form!(
                Button!("Send a POST"),
                hx_post = Methods::post,
                hx_target = "#posted"
            ),
            Div!(id = "posted")
        )
    }

    fn post() -> Ft {
        P!("Handle POST")
    }
}

// --- CSS files and inline styles -------------------------------------------------------

#[get("/css")]
fn css() -> Ft {
    (
        Link!(rel = "stylesheet", href = "/static/quickstart.css"),
        Style!(":root { --pico-font-size: 100%; } .inline-red { color: red; }"),
        Titled!(
            "CSS and static files",
            P!(
                "This paragraph is styled by a static CSS file.",
                cls = "fancy"
            ),
            P!("This one by an inline <style>.", cls = "inline-red"),
            P!("And this one by a style attribute.", style = "color: green"),
        ),
    )
        .into_ft()
}

// --- Markdown --------------------------------------------------------------------------

const SAMPLE: &str = "## Markdown in ft

Text in an element with the class `marked` is rendered **in the browser** by
[marked](https://marked.js.org), served by this app from `examples/static/vendor/`.

```rust
#[rt]
fn index() -> Ft { P!(\"Hello\") }
```
";

#[get("/markdown")]
fn markdown() -> Ft {
    Titled!("Markdown", Div!(SAMPLE, cls = "marked"))
}

// --- Code highlighting ---------------------------------------------------------------

const CODE_EXAMPLE: &str = "
import datetime
import time

for i in range(10):
    print(f\"{datetime.datetime.now()}\")
    time.sleep(1)
";

/// Code in `Pre!(Code!(..))` is highlighted in the browser by highlight.js (the `HighlightJS`
/// header of [`app`]); so is the fenced code of the Markdown page.
#[get("/highlight")]
fn highlight() -> Ft {
    Titled!(
        "Code highlighting",
        P!("This Python is highlighted by highlight.js, served by this app."),
        Pre!(Code!(CODE_EXAMPLE))
    )
}

// --- A chart ---------------------------------------------------------------------------

#[derive(Record, Clone, Debug)]
#[table(name = "sales")]
struct Sale {
    id: i64,
    month: String,
    amount: i64,
}

/// A bar chart drawn as SVG on the server from the rows of `sales` (FastHTML's example uses
/// Plotly from a CDN; this one needs no JavaScript).
#[get("/chart")]
async fn chart(sales: Tbl<Sale>) -> Result<Ft> {
    if sales.query().count().await? == 0 {
        for (month, amount) in [("Jan", 16), ("Feb", 5), ("Mar", 11), ("Apr", 9)] {
            sales
                .insert(&Sale {
                    id: 0,
                    month: month.into(),
                    amount,
                })
                .await?;
        }
    }
    let rows = sales.all().await?;
    let max = rows.iter().map(|s| s.amount).max().unwrap_or(1).max(1);
    let (w, h, bar) = (400, 200, 60);
    let bars = rows.iter().enumerate().map(|(i, s)| {
        let bh = s.amount * (h - 30) / max;
        let x = 20 + i as i64 * (bar + 30);
        G!(
            Rect!(
                x = x,
                y = h - 20 - bh,
                width = bar,
                height = bh,
                cls = "bar"
            ),
            SvgText!(
                format!("{} ({})", s.month, s.amount),
                x = x,
                y = h - 5,
                cls = "bar-label"
            ),
            cls = "sale"
        )
    });
    Ok((
        Link!(rel = "stylesheet", href = "/static/quickstart.css"),
        Titled!(
            "Chart Demo",
            Svg!(
                bars,
                id = "chart",
                xmlns = "http://www.w3.org/2000/svg",
                viewBox = format!("0 0 {w} {h}"),
                width = w,
                height = h
            )
        ),
    )
        .into_ft())
}

// --- Custom exception handlers ---------------------------------------------------------

#[get("/teapot")]
fn teapot() -> Result<Ft> {
    Err(Error::new(418, "I'm a teapot"))
}

// --- Cookies ---------------------------------------------------------------------------

#[get("/settimestamp")]
fn set_timestamp() -> Ft {
    let now = chrono_now();
    (P!(format!("Set to {now}")), cookie("now", now)).into_ft()
}

/// The cookie comes back through `Cookie<T>`, named by the parameter (a plain parameter never
/// reads a cookie: a cookie another page of this host planted must not fill a form field).
#[get("/gettimestamp")]
fn get_timestamp(now: Cookie<Option<String>>) -> String {
    match now.0 {
        Some(t) => format!("Cookie was set at time {t}"),
        None => "No cookie yet: visit /settimestamp first".into(),
    }
}

/// Seconds since the Unix epoch (keeps the example free of a date crate).
fn chrono_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format!("{secs} (Unix time)")
}

// --- Sessions --------------------------------------------------------------------------

#[get("/adder/{num}")]
fn adder(num: i64, session: Session) -> Result<String> {
    let sum = session.get::<i64>("sum").unwrap_or(0) + num;
    session.insert("sum", sum)?;
    Ok(format!("The sum is {sum}."))
}

// --- Toasts ----------------------------------------------------------------------------

#[get("/toasting")]
fn toasting(session: Session) -> Ft {
    add_toast(&session, "Toast is being cooked", ToastKind::Info);
    add_dismissable_toast(&session, "Toast is ready", ToastKind::Success);
    add_toast(
        &session,
        "Toast is getting a bit crispy",
        ToastKind::Warning,
    );
    add_toast(&session, "Toast is burning!", ToastKind::Error);
    Titled!("I like toast")
}

/// The app on the SQLite file `db` (the tests use a temporary one).
pub fn app(db: &str) -> FastApp {
    fast_app()
        .db(db)
        .table::<Sale>()
        .static_route_exts("/static/", STATIC, ft_web::STATIC_EXTS)
        .hdrs(MarkdownJS().src("/static/vendor/marked-18.2.1.esm.js"))
        .hdrs(
            HighlightJS()
                .langs(["python", "rust"])
                .base("/static/vendor/highlightjs-11.12.0")
                .copy_base("/static/vendor/highlightjs-copy-1.0.6"),
        )
        .toasts(10_000)
        .exception_handler(404, |_| Titled!("404: I don't exist!"))
        .exception_handler(418, |_| Titled!("418: I'm a teapot!"))
        .routes(routes![
            index,
            hello,
            change,
            routing,
            greet,
            Methods,
            css,
            markdown,
            highlight,
            chart,
            teapot,
            set_timestamp,
            get_timestamp,
            adder,
            toasting
        ])
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    app("data/quickstart.db")
        .htmx4(ft_examples::htmx4())
        .serve()
        .await
}
