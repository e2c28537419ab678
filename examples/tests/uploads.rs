//! The uploads example (single and multiple files): test client and browser.

mod common;

#[allow(dead_code)]
#[path = "../examples/uploads.rs"]
mod uploads;

use common::{Running, TempDir, client};

#[ft_web::test]
async fn single_upload_is_saved_and_listed() {
    let dir = TempDir::new("up");
    let files = dir.0.join("files");
    let c = client(uploads::app(&dir.file("u.db"), &files)).await;
    let r = c
        .post("/upload")
        .htmx()
        .file("file", "notes.txt", "text/plain", b"hello upload".to_vec())
        .send()
        .await;
    assert_eq!(r.status(), 200, "{}", r.text());
    assert!(r.text().contains("<h3>notes.txt</h3>"), "{}", r.text());
    assert!(r.text().contains("Size: 12"));
    assert!(r.text().contains("text/plain"));
    assert_eq!(
        std::fs::read(files.join("notes.txt")).unwrap(),
        b"hello upload"
    );
    assert!(
        c.get("/")
            .send()
            .await
            .text()
            .contains("notes.txt (12 bytes)")
    );
}

#[ft_web::test]
async fn multiple_uploads_and_unsafe_names() {
    let dir = TempDir::new("up");
    let files = dir.0.join("files");
    let c = client(uploads::app(&dir.file("u.db"), &files)).await;
    let r = c
        .post("/upload_many")
        .htmx()
        .file("files", "a.csv", "text/csv", b"x,y\n1,2\n".to_vec())
        .file("files", "../../escape.txt", "text/plain", b"nope".to_vec())
        .send()
        .await;
    assert_eq!(r.status(), 200, "{}", r.text());
    assert_eq!(r.text().matches("class=\"file-card\"").count(), 2);
    // The path in the name is dropped: the file lands inside the upload folder.
    assert!(files.join("escape.txt").exists());
    assert!(!dir.0.join("escape.txt").exists());
    // No file chosen: a clear 400.
    let r = c
        .post("/upload")
        .htmx()
        .file("file", "", "application/octet-stream", Vec::new())
        .send()
        .await;
    assert_eq!(r.status(), 400, "{}", r.text());
}

#[test]
fn browser_uploads() {
    let dir = TempDir::new("up-e2e");
    let db = dir.file("uploads.db");
    let files = dir.0.join("files");
    let server = Running::start(move || uploads::app(&db, files));
    common::e2e("uploads", &server);
}

/// The same with the app on htmx 4.
#[test]
fn browser_uploads_htmx4() {
    let dir = TempDir::new("up-e2e-htmx4");
    let db = dir.file("uploads.db");
    let files = dir.0.join("files");
    let server = Running::start(move || uploads::app(&db, files).htmx4(true));
    common::e2e_with("uploads", &server, &[("E2E_HTMX", "4")]);
}

#[ft_web::test]
async fn the_form_shows_upload_progress_and_text_fields_are_limited() {
    // SPEC 1.93: upload_pb_attrs on the single-file form, with its hidden <progress>.
    let dir = TempDir::new("up-pb");
    let c = client(uploads::app(&dir.file("u.db"), dir.0.join("files"))).await;
    let page = c.get("/").send().await.text();
    assert!(
        page.contains(r#"hx-on::xhr:progress="{ const p=document.getElementById('uploadprog');"#),
        "{page}"
    );
    assert!(
        page.contains(
            r#"<progress value="0" max="100" id="uploadprog" class="hidden"></progress>"#
        ),
        "{page}"
    );
    // SPEC 5.39: a non-file field over max_part_size (64 KiB here) is a 400; a file of that
    // size is fine.
    let big = "x".repeat(65 * 1024);
    let r = c
        .post("/upload")
        .htmx()
        .multipart_field("file", &big)
        .send()
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(r.text(), "Part exceeded maximum size of 64KB.");
    let r = c
        .post("/upload")
        .htmx()
        .file("file", "big.txt", "text/plain", big.into_bytes())
        .send()
        .await;
    assert_eq!(r.status(), 200, "{}", r.text());
}
