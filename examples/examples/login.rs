//! FastHTML's "Authentication and authorization" section: Beforeware that sends visitors
//! without a session to the login page (skipping the home and login pages), a login form,
//! the user handed to handlers as `Auth<String>`, and logout. Accounts live in a SQLite file,
//! created on first login, with Argon2 password hashes.
//!
//! `cargo run -p ft-examples --example login`, then open http://127.0.0.1:5001
//! (data in `data/login.db`).

use ft_web::prelude::*;

#[derive(Record, Clone, Debug)]
#[table(name = "users", pk = "name")]
struct User {
    name: String,
    pwd: String,
}

/// Every page but `/` and `/login` needs a user in the session (FastHTML's `user_auth_before`).
fn user_auth_before() -> Beforeware {
    Beforeware::sync(|ctx: &mut Ctx| match ctx.session().get::<String>("auth") {
        Some(user) => {
            ctx.set_auth(user);
            None
        }
        // 303: the browser follows a POST with a GET.
        None => Some(Redirect::to(login_page.to()).into_ft()),
    })
    .skip([
        r"/favicon\.ico",
        r"/static/.*",
        r".*\.css",
        r".*\.js",
        "/login",
        "/",
    ])
}

#[get("/")]
fn index(session: Session) -> Ft {
    let who = session.get::<String>("auth");
    Titled!(
        "Home",
        match who {
            Some(name) => P!(
                format!("Logged in as {name}. "),
                A!("Dashboard", href = dashboard)
            ),
            None => P!("You are not logged in. ", A!("Log in", href = login_page)),
        }
    )
}

#[get("/login")]
fn login_page() -> Ft {
    Titled!(
        "Login",
        Form!(
            Input!(id = "name", placeholder = "Name", required = true),
            Input!(
                id = "pwd",
                r#type = "password",
                placeholder = "Password",
                required = true
            ),
            Button!("login"),
            action = login,
            method = "post"
        )
    )
}

/// The longest account name (bytes).
const MAX_NAME: usize = 64;

#[derive(FormFields)]
struct Login {
    name: String,
    pwd: String,
}

/// Attempts are throttled per account and per address (429 beyond the limit); the password
/// is hashed off the async workers.
#[post("/login")]
async fn login(
    form: Login,
    session: Session,
    users: Tbl<User>,
    throttle: State<LoginThrottle>,
    req: Request,
) -> Result<Ft> {
    if form.name.trim().is_empty() || form.pwd.is_empty() {
        return Ok(Redirect::to(login_page.to()).into_ft());
    }
    // Checked before anything is written: a name too long to keep in the session is a 400
    // here, not an error after the account was created.
    if form.name.len() > MAX_NAME {
        return Err(Error::bad_request(format!(
            "A name has at most {MAX_NAME} bytes."
        )));
    }
    let attempt = throttle.attempt(&req, &form.name).await?;
    match users.try_get(form.name.as_str()).await? {
        Some(user) => {
            if !ft_web::password::verify(&form.pwd, &user.pwd).await? {
                add_toast(&session, "Wrong password", ToastKind::Error);
                return Ok(Redirect::to(login_page.to()).into_ft());
            }
        }
        None => {
            let pwd = ft_web::password::hash(&form.pwd).await?;
            users
                .insert(&User {
                    name: form.name.clone(),
                    pwd,
                })
                .await?;
        }
    }
    attempt.succeeded();
    session.insert("auth", &form.name)?;
    Ok(Redirect::to(dashboard.to()).into_ft())
}

/// Only reachable with a session: the Beforeware put the user into `Auth`.
#[get("/dashboard")]
fn dashboard(user: Auth<String>) -> Ft {
    Titled!(
        "Dashboard",
        P!(format!("Welcome, {}!", *user), id = "welcome"),
        Form!(
            Button!("Log out", cls = "secondary outline"),
            action = logout,
            method = "post"
        ),
        Form!(
            Button!("Log out everywhere", cls = "secondary outline"),
            action = logout_everywhere,
            method = "post"
        )
    )
}

/// A POST (with the CSRF token ft puts into every post form), so another site cannot log the
/// user out. The session lives on the server: clearing it deletes its row, and a copy of the
/// cookie is logged out too.
#[post("/logout")]
fn logout(session: Session) -> Redirect {
    session.clear();
    Redirect::to(index.to())
}

/// Ends every session of this user, in every browser (e.g. after a lost phone).
#[post("/logout-everywhere")]
fn logout_everywhere(session: Session) -> Redirect {
    session.log_out_everywhere();
    Redirect::to(index.to())
}

/// The app on the SQLite file `db` (the tests use a temporary one).
pub fn app(db: &str) -> FastApp {
    fast_app()
        .db(db)
        .table::<User>()
        .server_sessions()
        .state(LoginThrottle::new())
        .toasts(5_000)
        .before(user_auth_before())
        .routes(routes![
            index,
            login_page,
            login,
            dashboard,
            logout,
            logout_everywhere
        ])
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    app("data/login.db")
        .htmx4(ft_examples::htmx4())
        .serve()
        .await
}
