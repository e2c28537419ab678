//! Shared by the example tests: temporary SQLite files, a real server on an ephemeral
//! 127.0.0.1 port, and the browser end-to-end runner (Node's playwright-core driving
//! Debian's chromium; see e2e/README.md).
#![allow(dead_code)]

pub mod markdown_payloads;
pub mod sse;
pub mod ws;

use ft_web::prelude::*;
use ft_web::testing::TestServer;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("examples/ has a parent")
        .to_path_buf()
}

/// A fresh temporary folder, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!(
            "ft-ex-{tag}-{}-{}-{nanos}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
    /// A path inside the folder, as a string (for `.db(..)`).
    pub fn file(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An in-process test client for an example app, with a fixed session key.
pub async fn client(app: FastApp) -> Client {
    Client::new(app.secret_key("example-test-key")).await
}

/// Logs `c` in as `name` (password `pw`) through the app's `/login` form (the todo and login
/// examples create the account on first login).
pub async fn log_in(c: &Client, name: &str) {
    let r = c
        .post("/login")
        .form([("name", name), ("pwd", "pw")])
        .send()
        .await;
    assert_eq!(r.status(), 303, "{}", r.text());
}

/// A client of `app`, logged in as `name`.
pub async fn logged_in(app: FastApp, name: &str) -> Client {
    let c = client(app).await;
    log_in(&c, name).await;
    c
}

/// A real server on 127.0.0.1 with an ephemeral port, stopped when dropped: ft's
/// [`TestServer`] with the examples' fixed key (a server started again on the same database
/// reads the sessions of the one before).
pub struct Running(TestServer);

impl Running {
    pub fn start(make: impl FnOnce() -> FastApp + Send + 'static) -> Running {
        Running::start_at(|_| make())
    }

    /// [`Running::start`] for an app that must know its own address (e.g. an OAuth redirect
    /// URI). `make` runs inside the server's actix system, so it may start helper servers.
    pub fn start_at(make: impl FnOnce(SocketAddr) -> FastApp + Send + 'static) -> Running {
        Running(TestServer::start_at(|addr| {
            make(addr).secret_key("example-e2e-key")
        }))
    }
}

impl std::ops::Deref for Running {
    type Target = TestServer;
    fn deref(&self) -> &TestServer {
        &self.0
    }
}

/// The chromium binary the browser tests use: `$CHROMIUM`, else Debian's `/usr/bin/chromium`.
pub fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p)).filter(|p| p.exists());
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Why the browser tests cannot run here, if they cannot.
pub fn browser_unavailable() -> Option<String> {
    if chromium().is_none() {
        return Some(
            "chromium not installed: apt-get install chromium chromium-driver".to_string(),
        );
    }
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        return Some("node not installed: apt-get install nodejs npm".to_string());
    }
    if !repo_root()
        .join("e2e/node_modules/playwright-core/package.json")
        .exists()
    {
        return Some("playwright-core not installed: npm ci --prefix e2e".to_string());
    }
    None
}

/// Runs the browser script `e2e/<script>.mjs` against `server`, saving screenshots to
/// `e2e-artifacts/<script>/`. Without a browser it prints why and passes.
pub fn e2e(script: &str, server: &Running) {
    e2e_with(script, server, &[]);
}

/// [`e2e`] with extra environment variables for the script (e.g. `E2E_ALLOW`: more loopback
/// origins the page may reach, such as a mock OAuth provider).
pub fn e2e_with(script: &str, server: &Running, env: &[(&str, &str)]) {
    if let Some(why) = browser_unavailable() {
        println!("skipped: browser tests ({why})");
        return;
    }
    let root = repo_root();
    let artifacts = root.join("e2e-artifacts").join(script);
    let _ = std::fs::remove_dir_all(&artifacts);
    std::fs::create_dir_all(&artifacts).expect("e2e-artifacts");
    let out = Command::new("node")
        .arg(root.join("e2e").join(format!("{script}.mjs")))
        .env("BASE_URL", server.url())
        .env("ARTIFACTS", &artifacts)
        .env("CHROMIUM", chromium().expect("checked above"))
        .envs(env.iter().copied())
        .current_dir(root.join("e2e"))
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "browser test e2e/{script}.mjs failed ({}):\n{stdout}\n{stderr}",
        out.status
    );
}

/// Polls `f` every 10 ms until it holds (at most 10 s): was it ever true?
pub async fn eventually(f: impl Fn() -> bool) -> bool {
    for _ in 0..1000 {
        if f() {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    false
}
