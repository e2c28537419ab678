//! Forms done right: `#[derive(FormFields)]` rules that check every field at once, a handler
//! that takes `Valid<T>` (the checked value, or every error with every submitted value), and a
//! failed form answered with 422 Unprocessable Entity and shown again with `fill_form`, which
//! htmx swaps in place (ft's pages tell htmx to swap a 422; `fast_app().swap_422(false)`
//! turns that off).
//!
//! - `/`: a registration form with length, pattern, email, range, optional URL, date,
//!   one-of, custom-function and cross-field (password twice) rules.
//! - the members table on the same page: Edit turns a row into a form (htmx), Save checks it,
//!   a bad row comes back with its messages (422), a good one as the row again. Adding and
//!   saving use the same `Member` struct; the key (`id`) and the scoped column (`team`) are
//!   `#[form(skip)]`, and the table handle is scoped to the team, so a client can set neither.
//! - `/search`: a search with a typed `Sort` (`#[derive(StrEnum)]`) whose sort links are typed
//!   route links (`search.to().sort(Sort::Level)`).
//!
//! `cargo run -p ft-examples --example forms`, then open http://127.0.0.1:5001
//! (data in `data/forms.db`).

use ft_web::chrono::NaiveDate;
use ft_web::data::params;
use ft_web::prelude::*;
use std::sync::atomic::{AtomicI64, Ordering};

// ---------------------------------------------------------------------------------------------
// Registration

/// The plans the select lists. `Legacy` is still in the list (an old bookmark, a stale page)
/// but no longer sold: the `one_of` rule refuses it.
#[derive(StrEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Plan {
    #[default]
    #[str_enum(rename = "free")]
    Free,
    #[str_enum(rename = "pro")]
    Pro,
    #[str_enum(rename = "legacy")]
    Legacy,
}

#[derive(FormFields, Debug, Clone, Default)]
#[form(check = passwords_match)]
struct Signup {
    #[form(required, min_len = 3, max_len = 20, pattern = "[a-z0-9_]+")]
    username: String,
    #[form(required, email)]
    email: String,
    #[form(min = 18, max = 130)]
    age: u8,
    #[form(optional, url)]
    website: String,
    #[form(min = "2000-01-01")]
    start: NaiveDate,
    #[form(one_of = [Plan::Free, Plan::Pro])]
    plan: Plan,
    #[form(check = not_reserved)]
    nickname: String,
    #[form(min_len(8, message = "Use at least 8 characters"))]
    password: String,
    confirm: String,
    /// The account number: the server's to choose, never read from the form.
    #[form(skip)]
    id: i64,
}

/// Names the site keeps for itself.
const RESERVED: &[&str] = &["admin", "root", "support"];

fn not_reserved(nickname: &str) -> Result<(), String> {
    if RESERVED.contains(&nickname.trim().to_lowercase().as_str()) {
        Err(format!("\"{}\" is reserved", nickname.trim()))
    } else {
        Ok(())
    }
}

fn passwords_match(s: &Signup, errors: &mut FieldErrors) {
    if s.password != s.confirm {
        errors.add("confirm", "Passwords differ");
    }
}

/// The registration form, empty; with `errors`, a summary of them first (`fill_form` then puts
/// each message after its field). `novalidate`: the browser leaves checking to the server (the
/// one place the rules are enforced), so every message shows at once.
fn signup_form(errors: Option<&FieldErrors>) -> Ft {
    Form!(
        errors.map(error_summary),
        Grid!(
            Label!("Username", Input!(name = "username", id = "username")),
            Label!(
                "Email",
                Input!(name = "email", id = "email", r#type = "email")
            ),
        ),
        Grid!(
            Label!("Age", Input!(name = "age", id = "age", r#type = "number")),
            Label!(
                "Start date",
                Input!(name = "start", id = "start", r#type = "date")
            ),
            Label!(
                "Plan",
                Select!(
                    Plan::ALL
                        .iter()
                        .map(|p| Option!(p.as_str(), value = p.as_str())),
                    name = "plan",
                    id = "plan"
                )
            ),
        ),
        Grid!(
            Label!(
                "Website (optional)",
                Input!(name = "website", id = "website", r#type = "url")
            ),
            Label!("Nickname", Input!(name = "nickname", id = "nickname")),
        ),
        Grid!(
            Label!(
                "Password",
                Input!(name = "password", id = "password", r#type = "password")
            ),
            Label!(
                "Password again",
                Input!(name = "confirm", id = "confirm", r#type = "password")
            ),
        ),
        Button!("Register", r#type = "submit"),
        id = "signup",
        novalidate = true,
        method = "post",
        action = register,
        hx_post = register,
        hx_swap = "outerHTML"
    )
}

/// Every message above the form too, for a screen reader's first stop.
fn error_summary(errors: &FieldErrors) -> Ft {
    Div!(
        P!(format!(
            "Please fix {} field{}:",
            errors.fields().count(),
            if errors.fields().count() == 1 {
                ""
            } else {
                "s"
            }
        )),
        Ul!(errors
            .errors
            .iter()
            .map(|(field, message)| Li!(format!("{field}: {message}")))),
        id = "signup-errors",
        role = "alert"
    )
}

#[post("/register")]
fn register(form: Valid<Signup>, accounts: State<AtomicI64>) -> FtResponse {
    match form {
        Ok(mut s) => {
            s.id = accounts.0.fetch_add(1, Ordering::Relaxed) + 1;
            FtResponse::new(Article!(
                H2!(format!("Welcome, {}!", s.username)),
                P!(format!(
                    "Account #{} on the {} plan, starting {}.",
                    s.id, s.plan, s.start
                )),
                id = "signup"
            ))
        }
        // Every value as typed, every message, 422: htmx swaps it in place of the form.
        Err(errors) => FtResponse::new(fill_form(&signup_form(Some(&errors)), &errors)).status(422),
    }
}

// ---------------------------------------------------------------------------------------------
// Members: inline editing, one struct for insert and update

/// Every request works on this team's members (a real app takes it from the logged-in user).
const TEAM: &str = "core";

#[derive(Record, FormFields, Clone, Debug, Default)]
#[table(name = "members", index = "team")]
struct Member {
    /// The key: made by the database on insert, taken from the path on update.
    #[form(skip)]
    id: i64,
    #[form(required, max_len = 40)]
    name: String,
    #[form(email)]
    email: String,
    #[form(min = 1, max = 5)]
    level: i64,
    /// The scope: written by the scoped table handle on every insert and update.
    #[form(skip)]
    team: String,
}

fn member_row(m: &Member) -> Ft {
    Tr!(
        Td!(&m.name),
        Td!(&m.email),
        Td!(m.level),
        Td!(Button!(
            "Edit",
            cls = "outline",
            hx_get = edit_member.to(m.id),
            hx_target = "closest tr",
            hx_swap = "outerHTML"
        )),
        id = format!("member-{}", m.id)
    )
}

/// The empty editing form of a member, in one cell spanning the row.
fn member_form(id: i64) -> Ft {
    Form!(
        Grid!(
            Input!(
                name = "name",
                id = format!("name-{id}"),
                aria_label = "Name"
            ),
            Input!(
                name = "email",
                id = format!("email-{id}"),
                aria_label = "Email"
            ),
            Input!(
                name = "level",
                id = format!("level-{id}"),
                r#type = "number",
                aria_label = "Level"
            ),
            Button!("Save", r#type = "submit"),
            Button!(
                "Cancel",
                r#type = "button",
                cls = "secondary",
                hx_get = show_member.to(id),
                hx_target = "closest tr",
                hx_swap = "outerHTML"
            ),
        ),
        novalidate = true,
        hx_post = save_member.to(id),
        hx_target = "closest tr",
        hx_swap = "outerHTML"
    )
}

/// The row as a form: filled from the row, or from what was typed with its messages.
fn edit_row(id: i64, filled: Ft) -> Ft {
    Tr!(
        Td!(filled, colspan = 4),
        id = format!("member-{id}"),
        cls = "editing"
    )
}

/// The table and the form that adds to it (`add`: empty, or filled with its messages): one
/// section, which the add form replaces.
fn members_section(rows: &[Member], add: Ft) -> Ft {
    Section!(
        H2!(format!("Members of team {TEAM}")),
        ft_web::Table!(
            Thead!(Tr!(Th!("Name"), Th!("Email"), Th!("Level"), Th!(""))),
            Tbody!(rows.iter().map(member_row)),
            id = "members"
        ),
        add,
        P!(A!("Search members", href = search.to())),
        id = "members-section"
    )
}

fn add_member_form() -> Ft {
    Form!(
        Grid!(
            Input!(name = "name", id = "new-name", placeholder = "Name"),
            Input!(name = "email", id = "new-email", placeholder = "Email"),
            Input!(
                name = "level",
                id = "new-level",
                r#type = "number",
                placeholder = "Level (1-5)"
            ),
            Button!("Add", r#type = "submit"),
        ),
        id = "add-member",
        novalidate = true,
        hx_post = add_member,
        hx_target = "#members-section",
        hx_swap = "outerHTML"
    )
}

/// Three members the first time the team's table is read.
async fn seed(members: &Tbl<Member>) -> Result<()> {
    if members.query().count().await? > 0 {
        return Ok(());
    }
    for (name, email, level) in [
        ("Ada", "ada@example.org", 5),
        ("Grace", "grace@example.org", 4),
        ("Linus", "linus@example.org", 2),
    ] {
        members
            .insert(&Member {
                name: name.into(),
                email: email.into(),
                level,
                ..Member::default()
            })
            .await?;
    }
    Ok(())
}

#[get("/members/{id}")]
async fn show_member(id: i64, members: Tbl<Member>) -> Result<Ft> {
    Ok(member_row(&members.get(id).await?))
}

#[get("/members/{id}/edit")]
async fn edit_member(id: i64, members: Tbl<Member>) -> Result<Ft> {
    let m = members.get(id).await?;
    Ok(edit_row(id, fill_form(&member_form(id), &m)))
}

/// Saves a row: the id from the path, the team from the scope, the rest from the form.
#[post("/members/{id}")]
async fn save_member(id: i64, form: Valid<Member>, members: Tbl<Member>) -> Result<FtResponse> {
    match form {
        Ok(mut m) => {
            m.id = id;
            let saved = members.update(&m).await?; // not this team's row: 404
            Ok(FtResponse::new(member_row(&saved)))
        }
        Err(errors) => {
            members.get(id).await?; // not this team's row: 404, before showing a form for it
            let row = edit_row(id, fill_form(&member_form(id), &errors));
            Ok(FtResponse::new(row).status(422))
        }
    }
}

/// Adds a member: the same struct; the database picks the id, the scope sets the team. The
/// section comes back with the new row and an empty form, or with the form filled and its
/// messages (422).
#[post("/members")]
async fn add_member(form: Valid<Member>, members: Tbl<Member>) -> Result<FtResponse> {
    let (add, status) = match form {
        Ok(m) => {
            members.insert(&m).await?;
            (add_member_form(), 200)
        }
        Err(errors) => (fill_form(&add_member_form(), &errors), 422),
    };
    let rows = members.query().order_by("id").fetch().await?;
    Ok(FtResponse::new(members_section(&rows, add)).status(status))
}

// ---------------------------------------------------------------------------------------------
// Search with a typed sort

#[derive(StrEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    #[str_enum(rename = "name")]
    Name,
    #[str_enum(rename = "level")]
    Level,
    #[str_enum(rename = "newest")]
    Newest,
}

impl Sort {
    fn order_by(self) -> &'static str {
        match self {
            Sort::Name => "name, id",
            Sort::Level => "level desc, name, id",
            Sort::Newest => "id desc",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Sort::Name => "By name",
            Sort::Level => "By level",
            Sort::Newest => "Newest first",
        }
    }
}

/// The link to the results for `q` sorted by `sort`: a typed route link, whose methods are the
/// handler's query parameters with their types (`.sort` takes a `Sort`, nothing else).
pub fn sort_link(q: &str, sort: Sort) -> Link {
    let link = if q.is_empty() {
        search.to()
    } else {
        search.to().q(q)
    };
    link.sort(sort).into()
}

fn search_form(q: &str, sort: Sort) -> Ft {
    Form!(
        Group!(
            Input!(
                name = "q",
                r#type = "search",
                value = q,
                placeholder = "Name contains",
                aria_label = "Search"
            ),
            Select!(
                Sort::ALL.iter().map(|s| Option!(
                    s.label(),
                    value = s.as_str(),
                    selected = *s == sort
                )),
                name = "sort",
                aria_label = "Sort"
            ),
            Button!("Search", r#type = "submit"),
        ),
        id = "search",
        method = "get",
        action = search
    )
}

#[get("/search")]
async fn search(q: Option<String>, sort: Option<Sort>, members: Tbl<Member>) -> Result<Ft> {
    seed(&members).await?;
    let q = q.unwrap_or_default().trim().to_owned();
    let sort = sort.unwrap_or_default();
    let mut query = members.query().order_by(sort.order_by());
    if !q.is_empty() {
        query = query.filter("instr(lower(name), lower(?)) > 0", params![q.clone()]);
    }
    let rows = query.fetch().await?;
    let links = Sort::ALL.iter().map(|s| {
        if *s == sort {
            Strong!(s.label())
        } else {
            A!(s.label(), href = sort_link(&q, *s))
        }
    });
    Ok(Titled!(
        "Search members",
        search_form(&q, sort),
        Nav!(Ul!(links.map(|l| Li!(l))), id = "sorts"),
        Ol!(
            rows.iter()
                .map(|m| Li!(format!("{} (level {})", m.name, m.level))),
            id = "results"
        ),
        P!(A!("Back", href = index))
    ))
}

// ---------------------------------------------------------------------------------------------

#[get("/")]
async fn index(members: Tbl<Member>) -> Result<Ft> {
    seed(&members).await?;
    let rows = members.query().order_by("id").fetch().await?;
    Ok(Titled!(
        "Forms",
        Section!(H2!("Register"), signup_form(None)),
        members_section(&rows, add_member_form())
    ))
}

/// Every request works on the team's members only.
fn team_scope() -> Beforeware {
    Beforeware::sync(|ctx: &mut Ctx| {
        ctx.scope::<Member>("team", TEAM);
        None
    })
}

/// The app on the SQLite file `db` (the tests use a temporary one).
pub fn app(db: &str) -> FastApp {
    fast_app()
        .db(db)
        .table::<Member>()
        .state(AtomicI64::new(0))
        .before(team_scope())
        .routes(routes![
            index,
            register,
            show_member,
            edit_member,
            save_member,
            add_member,
            search
        ])
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    app("data/forms.db")
        .htmx4(ft_examples::htmx4())
        .serve()
        .await
}
