//! `#[ft_web::main]`: a start that fails prints its error as a sentence (its `Display`), not
//! as the `Debug` of an `io::Error`, and the process exits with a failure code.

use std::process::Command;

#[ft_web::main]
async fn failing_start() -> std::io::Result<()> {
    let db = ft_web::data::Database::open("postgres://127.0.0.1/app").await;
    db.map_err(std::io::Error::other)?;
    Ok(())
}

#[test]
fn a_failed_start_prints_its_error_as_a_sentence() {
    if std::env::var_os("FT_MAIN_CHILD").is_some() {
        // The child: what a failing `main` would return to the process.
        std::process::exit(if failing_start() == std::process::ExitCode::FAILURE {
            3
        } else {
            0
        });
    }
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "a_failed_start_prints_its_error_as_a_sentence"])
        .args(["--nocapture", "--test-threads=1"])
        .env("FT_MAIN_CHILD", "1")
        .output()
        .expect("run the child");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("Error: invalid input: Database::open takes a SQLite path"),
        "{err}"
    );
    assert!(!err.contains("Custom {") && !err.contains("kind:"), "{err}");
}
