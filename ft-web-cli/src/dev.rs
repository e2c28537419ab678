//! `ft dev`: the one-command development loop for ft apps.
//!
//! ```text
//! ft dev [OPTIONS] [CARGO BUILD ARGS]... [-- APP ARGS]...
//! cargo dev -p ft-examples --example dev_loop          # in ft's workspace, an alias for `ft dev`
//! ```
//!
//! It builds the app with `cargo build <CARGO BUILD ARGS>`, runs the binary it produced with
//! `FT_LIVE=1` (so the app's pages carry the live-reload script, see `ft_web::live_reload`),
//! then watches the sources. On a save it rebuilds while the old server keeps serving; when
//! the build succeeds it stops the old process and starts the new one on the same port, and
//! the open browser tabs reload by themselves. A failed build leaves the old server running
//! and prints the compiler's errors.
//!
//! Options:
//! - `--watch PATH` (repeatable): what to watch instead of the whole workspace;
//! - `--ext EXT` (repeatable): watch files ending in `.EXT` too (default: rs, toml, html,
//!   htm, css, js, svg, sql);
//! - `--poll-ms N`: how often the sources are checked (default 100 ms).
//!
//! Watching is done by polling file modification times: no platform-specific code, no
//! dependencies, works on network and container file systems, and costs a few hundred `stat`
//! calls per tick. `target/`, hidden folders and `node_modules/` are never watched, and only
//! source-like extensions count, so the app's own SQLite files and `.sesskey` never trigger a
//! rebuild.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime};

const DEFAULT_EXTS: &[&str] = &["rs", "toml", "html", "htm", "css", "js", "svg", "sql"];
const SKIP_DIRS: &[&str] = &["target", "node_modules"];

#[derive(Debug, Default, PartialEq)]
struct Options {
    watch: Vec<PathBuf>,
    exts: Vec<String>,
    poll: Option<Duration>,
    cargo: Vec<String>,
    app: Vec<String>,
    help: bool,
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut o = Options::default();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--" => {
                o.app.extend(it.by_ref());
                break;
            }
            "-h" | "--help" => o.help = true,
            "--watch" => o
                .watch
                .push(it.next().ok_or("--watch needs a path")?.into()),
            "--ext" => o.exts.push(
                it.next()
                    .ok_or("--ext needs an extension")?
                    .trim_start_matches('.')
                    .into(),
            ),
            "--poll-ms" => {
                let n = it.next().ok_or("--poll-ms needs a number")?;
                let ms: u64 = n
                    .parse()
                    .map_err(|_| format!("--poll-ms: {n:?} is not a number"))?;
                o.poll = Some(Duration::from_millis(ms.max(10)));
            }
            _ => o.cargo.push(a),
        }
    }
    Ok(o)
}

/// The value of the first `"key":"..."` string field in one line of JSON (cargo's messages are
/// one object per line; the field names used here are unique in them).
fn json_str_field(line: &str, key: &str) -> Option<String> {
    let pat = format!("\"{key}\":\"");
    let start = line.find(&pat)? + pat.len();
    let mut out = String::new();
    let mut chars = line[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(
                        char::from_u32(u32::from_str_radix(&hex, 16).ok()?).unwrap_or('\u{fffd}'),
                    );
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

type Snapshot = HashMap<PathBuf, (SystemTime, u64)>;

fn watched_file(path: &Path, exts: &[String]) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') || name.ends_with('~') {
        return false;
    }
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| x == e))
}

fn snapshot(roots: &[PathBuf], exts: &[String], skip: &[PathBuf]) -> Snapshot {
    let mut out = Snapshot::new();
    let mut stack: Vec<PathBuf> = roots.to_vec();
    while let Some(p) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            let Ok(entries) = std::fs::read_dir(&p) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
                if is_dir {
                    let name = e.file_name();
                    let name = name.to_string_lossy();
                    if name.starts_with('.')
                        || SKIP_DIRS.contains(&name.as_ref())
                        || skip.contains(&path)
                    {
                        continue;
                    }
                    stack.push(path);
                } else if watched_file(&path, exts)
                    && let Ok(m) = e.metadata()
                {
                    out.insert(
                        path,
                        (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()),
                    );
                }
            }
        } else {
            out.insert(
                p,
                (
                    meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                    meta.len(),
                ),
            );
        }
    }
    out
}

/// The first path that differs between two snapshots (added, removed or changed).
fn changed(old: &Snapshot, new: &Snapshot) -> Option<PathBuf> {
    for (p, v) in new {
        if old.get(p) != Some(v) {
            return Some(p.clone());
        }
    }
    old.keys().find(|p| !new.contains_key(*p)).cloned()
}

fn workspace_root() -> Option<PathBuf> {
    let out = Command::new(cargo())
        .args(["locate-project", "--workspace", "--message-format", "plain"])
        .stderr(Stdio::inherit())
        .output()
        .ok()?;
    let manifest = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    manifest.parent().map(Path::to_path_buf)
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// `cargo build`; on success, the last executable it produced.
fn build(args: &[String]) -> Result<PathBuf, String> {
    let mut child = Command::new(cargo())
        .arg("build")
        .arg("--message-format=json-render-diagnostics")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let mut exe = None;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.contains("\"reason\":\"compiler-artifact\"")
                && let Some(path) = json_str_field(&line, "executable")
            {
                exe = Some(PathBuf::from(path));
            }
        }
    }
    let status = child.wait().map_err(|e| format!("cargo: {e}"))?;
    if !status.success() {
        return Err("build failed; the previous version keeps running".into());
    }
    exe.ok_or_else(|| {
        "the build produced no executable: pass `--bin NAME` or `--example NAME`".into()
    })
}

fn start(exe: &Path, args: &[String]) -> Option<Child> {
    match Command::new(exe).args(args).env("FT_LIVE", "1").spawn() {
        Ok(c) => Some(c),
        Err(e) => {
            eprintln!("ft dev: cannot start {}: {e}", exe.display());
            None
        }
    }
}

fn stop(child: &mut Option<Child>) {
    if let Some(mut c) = child.take() {
        // SIGKILL: the app holds live-reload websockets open, so a graceful stop would wait
        // for them. Development servers have nothing to flush.
        let _ = c.kill();
        let _ = c.wait();
    }
}

/// `ft dev --help`.
pub const USAGE: &str = "usage: ft dev [--watch PATH].. [--ext EXT].. [--poll-ms N] [CARGO BUILD ARGS].. [-- APP ARGS]..

Builds the app with `cargo build`, runs it with live reload on (FT_LIVE=1), and on every save
rebuilds and restarts it while the browser tab reloads by itself.

  --watch PATH   watch PATH instead of the whole workspace (repeatable)
  --ext EXT      watch files ending in .EXT too (repeatable; default rs toml html htm css js svg sql)
  --poll-ms N    how often the sources are checked (default 100)

examples: ft dev                       (in a project made by `ft new`)
          ft dev -p ft-examples --example dev_loop";

/// Runs the loop until the process is stopped; returns only on bad arguments or `--help`.
pub fn run(args: impl IntoIterator<Item = String>) -> ExitCode {
    let opts = match parse_args(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("ft dev: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if opts.help {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let root = workspace_root().unwrap_or_else(|| PathBuf::from("."));
    let roots = if opts.watch.is_empty() {
        vec![root.clone()]
    } else {
        opts.watch.clone()
    };
    let mut exts: Vec<String> = DEFAULT_EXTS.iter().map(|s| s.to_string()).collect();
    exts.extend(opts.exts.iter().cloned());
    let skip: Vec<PathBuf> = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    let poll = opts.poll.unwrap_or(Duration::from_millis(100));

    let mut seen = snapshot(&roots, &exts, &skip);
    eprintln!(
        "ft dev: watching {} files under {}",
        seen.len(),
        roots
            .iter()
            .map(|r| r.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut child = None;
    let mut pending = Some(Instant::now());
    loop {
        if let Some(since) = pending.take() {
            let built = Instant::now();
            match build(&opts.cargo) {
                Ok(exe) => {
                    let build_s = built.elapsed().as_secs_f64();
                    stop(&mut child);
                    child = start(&exe, &opts.app);
                    eprintln!(
                        "ft dev: built in {build_s:.2}s, restarted {:.2}s after the change",
                        since.elapsed().as_secs_f64()
                    );
                }
                Err(e) => eprintln!("ft dev: {e}"),
            }
        }
        if let Some(c) = child.as_mut()
            && let Ok(Some(status)) = c.try_wait()
        {
            eprintln!("ft dev: the app exited ({status}); waiting for a change");
            child = None;
        }
        std::thread::sleep(poll);
        let now = snapshot(&roots, &exts, &skip);
        if let Some(path) = changed(&seen, &now) {
            let shown = path.strip_prefix(&root).unwrap_or(&path);
            eprintln!("ft dev: {} changed, rebuilding", shown.display());
            // Editors may write in several steps; let them finish before reading the sources.
            std::thread::sleep(Duration::from_millis(20));
            seen = snapshot(&roots, &exts, &skip);
            pending = Some(Instant::now());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn splits_cargo_and_app_args() {
        let o = parse_args(args(
            "-p ft-examples --example todo --watch src --ext md --poll-ms 50 -- --flag x",
        ))
        .unwrap();
        assert_eq!(o.cargo, args("-p ft-examples --example todo"));
        assert_eq!(o.app, args("--flag x"));
        assert_eq!(o.watch, vec![PathBuf::from("src")]);
        assert_eq!(o.exts, vec!["md".to_string()]);
        assert_eq!(o.poll, Some(Duration::from_millis(50)));
        assert!(parse_args(args("--poll-ms soon")).is_err());
        assert!(parse_args(args("--watch")).is_err());
    }

    #[test]
    fn reads_cargo_json() {
        let line = r#"{"reason":"compiler-artifact","package_id":"x","executable":"/t/a \"b\"\\c\u00e9","fresh":false}"#;
        assert_eq!(
            json_str_field(line, "executable").as_deref(),
            Some("/t/a \"b\"\\cé")
        );
        assert_eq!(json_str_field(r#"{"executable":null}"#, "executable"), None);
    }

    #[test]
    fn watches_sources_not_data() {
        let exts: Vec<String> = DEFAULT_EXTS.iter().map(|s| s.to_string()).collect();
        assert!(watched_file(Path::new("src/main.rs"), &exts));
        assert!(watched_file(Path::new("Cargo.toml"), &exts));
        assert!(!watched_file(Path::new("data/todos.db"), &exts));
        assert!(!watched_file(Path::new("todos.db-wal"), &exts));
        assert!(!watched_file(Path::new(".sesskey"), &exts));
        assert!(!watched_file(Path::new(".main.rs.swp"), &exts));
        assert!(!watched_file(Path::new("main.rs~"), &exts));
    }

    #[test]
    fn sees_changes() {
        let dir = std::env::temp_dir().join(format!("ft-web-cli-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("target")).unwrap();
        std::fs::write(dir.join("a.rs"), "1").unwrap();
        std::fs::write(dir.join("target/b.rs"), "1").unwrap();
        std::fs::write(dir.join("app.db"), "1").unwrap();
        let exts: Vec<String> = DEFAULT_EXTS.iter().map(|s| s.to_string()).collect();
        let roots = [dir.clone()];
        let s1 = snapshot(&roots, &exts, &[]);
        assert_eq!(s1.len(), 1);
        std::fs::write(dir.join("app.db"), "22").unwrap();
        std::fs::write(dir.join("target/b.rs"), "22").unwrap();
        assert_eq!(changed(&s1, &snapshot(&roots, &exts, &[])), None);
        std::fs::write(dir.join("a.rs"), "22").unwrap();
        assert_eq!(
            changed(&s1, &snapshot(&roots, &exts, &[])),
            Some(dir.join("a.rs"))
        );
        std::fs::remove_file(dir.join("a.rs")).unwrap();
        assert_eq!(
            changed(&s1, &snapshot(&roots, &exts, &[])),
            Some(dir.join("a.rs"))
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
