//! The todo app of FastHTML's walkthrough ("adv_app"), in ft: a login that creates the
//! account on first use, per-user todos in a SQLite file, add / edit / delete / toggle with
//! out-of-band swaps, drag-and-drop reordering and Markdown details.
//!
//! `cargo run -p ft-examples --example todo`, then open http://127.0.0.1:5001
//! (data in `data/todos.db` under the current folder; `PORT`/`HOST` change the address).
//! SortableJS and marked are served from `examples/static/vendor/` (copies from the npm
//! registry, `scripts/vendor-example-assets`), so the app works offline. A todo's details are
//! Markdown: rendered in the browser by `MarkdownJS` (sanitized with DOMPurify, which the app
//! serves under `/_ft/`), the saved details and the preview while editing alike. (Rendering on
//! the server instead, with `markdown()`: the `markdown_preview` example.)

use ft_web::prelude::*;

#[derive(Record, FormFields, Clone, Debug, Default)]
#[table(name = "todos", index = "name")] // the beforeware scopes every request by `name`
#[form(default)]
struct Todo {
    id: i64,
    title: String,
    done: bool,
    name: String,
    details: String,
    priority: i64,
}

#[derive(Record, Clone, Debug)]
#[table(name = "users", pk = "name")]
struct User {
    name: String,
    pwd: String,
}

/// How a todo shows in the list (FastHTML's `__ft__`).
impl IntoFt for &Todo {
    fn into_ft(self) -> Ft {
        let show_link = AX!(&self.title, show.to(self.id), "current-todo");
        let edit_link = AX!("edit", edit.to(self.id), "current-todo");
        let done = if self.done { "✅ " } else { "" };
        Li!(
            done,
            show_link,
            " | ",
            edit_link,
            Hidden!(self.id, id = "id"),
            Hidden!(0, id = "priority"),
            id = format!("todo-{}", self.id)
        )
    }
}

impl IntoFt for Todo {
    fn into_ft(self) -> Ft {
        (&self).into_ft()
    }
}

/// Every request but the login pages needs a user; their todos are scoped to them for the
/// whole request.
fn login_required() -> Beforeware {
    Beforeware::sync(|ctx: &mut Ctx| match ctx.session().get::<String>("auth") {
        Some(user) => {
            ctx.scope::<Todo>("name", user.clone());
            ctx.set_auth(user);
            None
        }
        None => Some(Redirect::to(login_page.to()).into_ft()),
    })
    .skip([
        r"/favicon\.ico",
        r"/static/.*",
        r".*\.css",
        "/login",
        r"/_ft/.*",
    ])
}

#[get("/login")]
fn login_page() -> Ft {
    let form = Form!(
        Input!(id = "name", placeholder = "Name"),
        Input!(id = "pwd", r#type = "password", placeholder = "Password"),
        Button!("login"),
        action = "/login",
        method = "post"
    );
    Titled!("Login", form)
}

/// The longest account name (bytes).
const MAX_NAME: usize = 64;

#[derive(FormFields)]
struct Login {
    name: String,
    pwd: String,
}

/// Logs in, creating the account the first time a name is used. Attempts are throttled per
/// account and per address (429 beyond the limit); passwords are hashed off the async workers.
#[post("/login")]
async fn login(
    form: Login,
    session: Session,
    users: Tbl<User>,
    throttle: State<LoginThrottle>,
    req: Request,
) -> Result<Redirect> {
    if form.name.trim().is_empty() || form.pwd.is_empty() {
        return Ok(Redirect::to(login_page.to()));
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
                return Ok(Redirect::to(login_page.to()));
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
    // Sets `auth` and clears a stale `oauth_error`; the CSRF token follows the new login.
    ft_web::auth::log_in(&session, &form.name)?;
    Ok(Redirect::to(index.to()))
}

/// A POST (with the CSRF token ft puts into every post form): a link or an image on another
/// site cannot log the user out.
#[post]
fn logout(session: Session) -> Redirect {
    ft_web::auth::log_out(&session);
    Redirect::to(login_page.to())
}

#[get("/")]
async fn index(user: Auth<String>, todos: Tbl<Todo>) -> Result<impl IntoFt> {
    let title = format!("{}'s Todo list", *user);
    let top = Grid!(
        H1!(&title),
        Form!(
            Button!("logout", cls = "secondary outline"),
            action = logout.to(),
            method = "post",
            style = "text-align: right"
        )
    );
    let new_inp = Input!(id = "new-title", name = "title", placeholder = "New Todo");
    let add_form = Form!(
        Group!(new_inp, Button!("Add")),
        add_error(""),
        hx_post = add,
        target_id = "todo-list",
        hx_swap = "afterbegin"
    );
    let items = todos.query().order_by("priority").fetch().await?;
    let list = Form!(
        items.iter().map(IntoFt::into_ft),
        id = "todo-list",
        cls = "sortable",
        hx_post = reorder,
        hx_trigger = "end"
    );
    let card = Card!(
        Ul!(list),
        header = add_form,
        footer = Div!(id = "current-todo")
    );
    Ok((Title!(title), Container!(top, card)))
}

/// The new order after a drag (the sortable list posts every `id` in order).
#[post("/reorder")]
async fn reorder(id: Vec<i64>, todos: Tbl<Todo>) -> Result<Ft> {
    for (i, todo_id) in id.iter().enumerate() {
        todos
            .update_fields(*todo_id, [("priority", i as i64)])
            .await?;
    }
    let items = todos.query().order_by("priority").fetch().await?;
    Ok(Fragment(items))
}

fn clear_details() -> Ft {
    Div!(hx_swap_oob = "innerHTML", id = "current-todo")
}

#[delete("/todos/{id}")]
async fn remove(id: i64, todos: Tbl<Todo>) -> Result<Ft> {
    todos.delete(id).await?;
    Ok(clear_details())
}

#[get("/edit/{id}")]
async fn edit(id: i64, todos: Tbl<Todo>) -> Result<Ft> {
    let form = Form!(
        Group!(Input!(id = "title"), Button!("Save")),
        Hidden!(id = "id"),
        CheckboxX!(id = "done", label = "Done"),
        Textarea!(id = "details", name = "details", rows = 10),
        Button!(
            "Preview",
            r#type = "button",
            hx_post = preview,
            hx_target = "#preview",
            cls = "secondary"
        ),
        Div!(id = "preview"),
        hx_put = save,
        target_id = format!("todo-{id}"),
        id = "edit"
    );
    Ok(fill_form(&form, &todos.get(id).await?))
}

#[put("/")]
async fn save(todo: Todo, todos: Tbl<Todo>) -> Result<impl IntoFt> {
    let kept = todos.get(todo.id).await?;
    let updated = Todo {
        priority: kept.priority,
        ..todo
    };
    Ok((todos.update(&updated).await?, clear_details()))
}

/// The add form's message slot: empty, or why the todo was not added.
fn add_error(msg: &str) -> Ft {
    Small!(
        msg,
        id = "add-error",
        style = "color: var(--pico-del-color)"
    )
}

#[post("/")]
async fn add(todo: Todo, todos: Tbl<Todo>) -> Result<Ft> {
    if todo.title.trim().is_empty() {
        // A 422 Unprocessable Entity, swapped into the message slot by htmx 2 (ft.js's
        // responseHandling rule) and htmx 4 (which swaps 4xx answers itself).
        return Ok(FtResponse::new(add_error("A todo needs a title."))
            .status(422)
            .header("HX-Retarget", "#add-error")
            .header("HX-Reswap", "outerHTML")
            .into_ft());
    }
    let new_inp = Input!(
        id = "new-title",
        name = "title",
        placeholder = "New Todo",
        hx_swap_oob = "true"
    );
    // An out-of-band update written for the app's htmx: <hx-partial> under htmx 4, the
    // hx-swap-oob equivalent under htmx 2.
    let cleared = ft_web::Partial::new("add-error", "");
    Ok((todos.insert(&todo).await?, new_inp, cleared).into_ft())
}

/// The details as they will read: the text, escaped, for `MarkdownJS` to render (and sanitize)
/// once htmx swaps it in, like the saved details.
#[post("/preview")]
fn preview(details: String) -> Ft {
    Div!(details, cls = "markdown")
}

#[get("/todos/{id}")]
async fn show(id: i64, todos: Tbl<Todo>) -> Result<Ft> {
    let todo = todos.get(id).await?;
    let btn = Button!(
        "delete",
        hx_delete = remove.to(todo.id),
        target_id = format!("todo-{}", todo.id),
        // The answer is only the out-of-band clearing of the details: htmx 2 swapped its
        // empty rest over the item, htmx 4 swaps nothing then, so say "delete" (both).
        hx_swap = "delete"
    );
    Ok(Div!(
        H2!(&todo.title),
        Div!(&todo.details, cls = "markdown"),
        btn
    ))
}

/// The login throttle's defaults; `LOGIN_THROTTLE=off` turns it off (the login-flood
/// benchmark measures the password pool alone that way).
fn login_throttle() -> LoginThrottle {
    match std::env::var("LOGIN_THROTTLE").as_deref() {
        Ok("off") => LoginThrottle::off(),
        _ => LoginThrottle::new(),
    }
}

/// The examples' static folder, wherever the binary is started from.
const STATIC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/static");

/// The app on the SQLite file `db` (the tests use a temporary one).
pub fn app(db: &str) -> FastApp {
    app_with_throttle(db, login_throttle())
}

/// [`app`] with another login throttle.
pub fn app_with_throttle(db: &str, throttle: LoginThrottle) -> FastApp {
    // Built with `--features compress` (ft-web's `compress`), pages, partials and the vendored
    // scripts go out brotli- or gzip-compressed to clients that accept it.
    fast_app()
        .db(db)
        .table::<Todo>()
        .table::<User>()
        .state(throttle)
        .before(login_required())
        .exception_handler(404, |_| {
            Titled!("Oh no!", Div!("We could not find that page :("))
        })
        .static_route_exts("/static/", STATIC, ft_web::STATIC_EXTS)
        .hdrs((
            SortableJS().src("/static/vendor/sortable-1.15.7.esm.js"),
            MarkdownJS()
                .sel(".markdown")
                .src("/static/vendor/marked-18.2.1.esm.js"),
        ))
        .routes(routes![
            login_page, login, logout, index, reorder, remove, edit, save, add, show, preview
        ])
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    app("data/todos.db")
        .htmx4(ft_examples::htmx4())
        .serve()
        .await
}
