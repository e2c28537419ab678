//! FastHTML's "File Uploads" section: a single-file form and a multiple-file form, each
//! posting with htmx and showing a card per file (name, size, content type). The files are
//! written to an upload folder and listed from a table in a SQLite file.
//!
//! `cargo run -p ft-examples --example uploads`, then open http://127.0.0.1:5001
//! (files in `data/uploads/`, their list in `data/uploads.db`).

use ft_web::prelude::*;
use std::path::{Path, PathBuf};

#[derive(Record, Clone, Debug)]
#[table(name = "uploads")]
struct Upload {
    id: i64,
    filename: String,
    size: i64,
    content_type: String,
}

/// Where the files go (app state, so tests can use a temporary folder).
struct UploadDir(PathBuf);

#[get("/")]
async fn index(uploads: Tbl<Upload>) -> Result<Ft> {
    let single = Article!(
        H2!("One file"),
        // The progress bar shows and advances while the file goes up (FastHTML's
        // upload_pb_attrs, SPEC 1.93).
        Form!(
            Input!(r#type = "file", name = "file"),
            Button!("Upload", r#type = "submit", cls = "secondary"),
            Progress!(value = 0, max = 100, id = "uploadprog", cls = "hidden"),
            hx_post = upload,
            hx_target = "#result-one",
            id = "form-one",
            ..upload_pb_attrs("uploadprog")
        ),
        Div!(id = "result-one")
    );
    let many = Article!(
        H2!("Several files"),
        Form!(
            Input!(r#type = "file", name = "files", multiple = true),
            Button!("Upload", r#type = "submit", cls = "secondary"),
            hx_post = upload_many,
            hx_target = "#result-many",
            id = "form-many"
        ),
        Div!(id = "result-many")
    );
    let rows = uploads.all().await?;
    let list = Ul!(
        rows.iter()
            .map(|u| Li!(format!("{} ({} bytes)", u.filename, u.size))),
        id = "uploaded"
    );
    Ok(Titled!(
        "File Upload Demo",
        Style!(".hidden { display: none; }"),
        single,
        many,
        H2!("Uploaded so far"),
        list
    ))
}

/// A card with what the browser told us about a file.
fn file_card(u: &Upload) -> Ft {
    Article!(
        Header!(H3!(&u.filename)),
        Ul!(
            Li!("Size: ", u.size),
            Li!("Content Type: ", &u.content_type)
        ),
        cls = "file-card"
    )
}

/// Keeps only the last path component of the name the browser sent (never trust it as a path).
fn safe_name(name: &str) -> Option<String> {
    let base = Path::new(name.rsplit(['/', '\\']).next()?).file_name()?;
    let s = base.to_string_lossy().trim().to_string();
    (!s.is_empty() && !s.starts_with('.')).then_some(s)
}

async fn store(f: &UploadFile, dir: &UploadDir, uploads: &Tbl<Upload>) -> Result<Upload> {
    let name = safe_name(&f.filename)
        .ok_or_else(|| Error::bad_request("file: choose a file to upload"))?;
    std::fs::create_dir_all(&dir.0).map_err(|e| Error::internal(e.to_string()))?;
    std::fs::write(dir.0.join(&name), &f.bytes).map_err(|e| Error::internal(e.to_string()))?;
    Ok(uploads
        .insert(&Upload {
            id: 0,
            filename: name,
            size: f.len() as i64,
            content_type: f.content_type.clone(),
        })
        .await?)
}

#[post("/upload")]
async fn upload(file: UploadFile, dir: State<UploadDir>, uploads: Tbl<Upload>) -> Result<Ft> {
    Ok(file_card(&store(&file, &dir, &uploads).await?))
}

#[post("/upload_many")]
async fn upload_many(files: Files, dir: State<UploadDir>, uploads: Tbl<Upload>) -> Result<Ft> {
    let mut cards = Vec::new();
    for f in files.iter() {
        cards.push(file_card(&store(f, &dir, &uploads).await?));
    }
    Ok(Fragment(cards))
}

/// The app on the SQLite file `db`, writing files into `dir`.
pub fn app(db: &str, dir: impl Into<PathBuf>) -> FastApp {
    fast_app()
        .db(db)
        .table::<Upload>()
        .state(UploadDir(dir.into()))
        // Files may be large (max_body decides); a text field of these forms never is
        // (FastHTML's max_part_size, SPEC 5.39: a larger one is a 400).
        .max_part_size(64 * 1024)
        .routes(routes![index, upload, upload_many])
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    app("data/uploads.db", "data/uploads")
        .htmx4(ft_examples::htmx4())
        .serve()
        .await
}
