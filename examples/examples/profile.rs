//! FastHTML's "Forms" and "Forms with views" sections: a `Profile` struct that is both a table
//! (in a SQLite file) and a form, a form filled from a row with `fill_form`, a POST that
//! builds the struct from the form (a bad or missing field is a 400 naming it), and a table
//! of every profile.
//!
//! `cargo run -p ft-examples --example profile`, then open http://127.0.0.1:5001
//! (data in `data/profiles.db`).

use ft_web::prelude::*;

#[derive(Record, FormFields, Clone, Debug)]
#[table(name = "profiles", pk = "email")]
struct Profile {
    email: String,
    phone: String,
    age: i64,
}

/// The empty form; `fill_form` puts a row's values into a copy of it.
fn profile_form() -> Ft {
    Form!(
        Fieldset!(
            Label!(
                "Email",
                Input!(name = "email", r#type = "email", required = true)
            ),
            Label!("Phone", Input!(name = "phone")),
            Label!("Age", Input!(name = "age", r#type = "number", min = 0)),
        ),
        Button!("Save", r#type = "submit"),
        method = "post",
        action = save
    )
}

#[get("/")]
async fn index(profiles: Tbl<Profile>) -> Result<Ft> {
    let rows = profiles.all().await?;
    // `Table` in the prelude is the derive; the <table> tag is reached by its full path.
    let table = ft_web::Table!(
        Thead!(Tr!(Th!("Email"), Th!("Phone"), Th!("Age"))),
        Tbody!(rows.iter().map(|p| Tr!(
            Td!(A!(&p.email, href = profile.to(p.email.clone()))),
            Td!(&p.phone),
            Td!(p.age)
        ))),
        id = "profiles"
    );
    Ok(Titled!(
        "Profiles",
        table,
        H2!("New profile"),
        profile_form()
    ))
}

#[get("/profile/{email}")]
async fn profile(email: String, profiles: Tbl<Profile>) -> Result<Ft> {
    let p = profiles.get(email.as_str()).await?;
    Ok(Titled!(
        format!("Profile for {}", p.email),
        fill_form(&profile_form(), &p),
        P!(A!("All profiles", href = index))
    ))
}

/// The struct is built from the form; `age` must be a number.
#[post("/profile")]
async fn save(p: Profile, profiles: Tbl<Profile>) -> Result<Redirect> {
    if p.email.trim().is_empty() {
        return Err(Error::bad_request("email: required"));
    }
    let p = profiles.upsert(&p).await?;
    Ok(Redirect::to(profile.to(p.email)))
}

/// The app on the SQLite file `db` (the tests use a temporary one).
pub fn app(db: &str) -> FastApp {
    fast_app()
        .db(db)
        .table::<Profile>()
        .routes(routes![index, profile, save])
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    app("data/profiles.db")
        .htmx4(ft_examples::htmx4())
        .serve()
        .await
}
