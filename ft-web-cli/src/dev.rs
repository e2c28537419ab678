//! `ft dev`: the one-command development loop for ft apps.
//!
//! ```text
//! ft dev [OPTIONS] [CARGO BUILD ARGS]... [-- APP ARGS]...
//! cargo dev -p ft-examples --example dev_loop          # in ft's workspace, an alias for `ft dev`
//! ```
//!
//! It builds the app with `cargo build <CARGO BUILD ARGS>`, runs the binary it produced with
//! `FT_LIVE=1` (so the app's pages carry the live-reload script, see `ft_web::live_reload`)
//! and `FT_DEV_TOKEN` (a fresh random token: the key to the app's dev channel, see
//! `ft_web::dev_channel`), then watches the sources. On a save it rebuilds while the old
//! server keeps serving; when the build succeeds it stops the old process and starts the new
//! one on the same port, and the open browser tabs reload by themselves, keeping their scroll
//! position and form values. A failed build prints the compiler's errors in the terminal,
//! leaves the old server running, and shows the first error in the open tabs as an overlay
//! (a `POST /_ft/dev` to the old server); the next good build's fresh page has none, and a
//! good build that gives back the running executable (the broken edit was undone) just
//! removes the overlay.
//!
//! Markup hot reload ([`hot`]): a save that only changes markup inside compiled tag macro
//! templates, compared with the sources the running app was built from, goes to the app as
//! the dev channel's `markup` command instead of a rebuild; the tabs reload. Saves during a
//! build, while an error shows, or that the app refuses always rebuild.
//!
//! Options:
//! - `--watch PATH` (repeatable): what to watch instead of the whole workspace;
//! - `--ext EXT` (repeatable): watch files ending in `.EXT` too (default: rs, toml, html,
//!   htm, css, js, svg, sql);
//! - `--poll-ms N`: check the files every N ms instead of waiting for the platform's change
//!   notifications (for network and container file systems, where those do not arrive);
//! - `--app-addr HOST:PORT` (or `PORT`): where the app listens, for the dev channel, when the
//!   app does not take its address from `HOST`/`PORT` as `serve()` does;
//! - `--no-hot`: every change rebuilds (no markup hot reload);
//! - `--dylib`: build with the app's `dylib` feature (ft-web as one shared library, crate
//!   `ft-web-dylib`: about 0.4 s less to link per rebuild) and start it with the library path
//!   it needs ([`dylib`]).
//!
//! The parts: [`watch`] (the `notify` crate, the filter, coalescing), [`cargo`] (the build and
//! its JSON diagnostics), [`channel`] (the token and the `POST` to the app), [`hot`] (the
//! sources as built, and what a save needs).

mod cargo;
mod channel;
mod dylib;
mod hot;
mod watch;

use cargo::Built;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};
use watch::{DEFAULT_EXTS, Filter, Watch};

#[derive(Debug, Default, PartialEq)]
struct Options {
    watch: Vec<PathBuf>,
    exts: Vec<String>,
    /// `--poll-ms`: poll instead of change notifications.
    poll: Option<Duration>,
    /// `--app-addr`: where the app listens (for the dev channel), when not `HOST`/`PORT`.
    app_addr: Option<(String, u16)>,
    /// `--no-hot`: every change rebuilds (no markup hot reload).
    no_hot: bool,
    /// `--dylib`: the app's `dylib` feature, and the library path to run it.
    dylib: bool,
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
            "--no-hot" => o.no_hot = true,
            "--dylib" => {
                o.dylib = true;
                o.cargo.extend(["--features".into(), "dylib".into()]);
            }
            "--app-addr" => {
                let v = it.next().ok_or("--app-addr needs HOST:PORT or PORT")?;
                o.app_addr = Some(
                    parse_addr(&v)
                        .ok_or_else(|| format!("--app-addr: {v:?} is not HOST:PORT or PORT"))?,
                );
            }
            _ => o.cargo.push(a),
        }
    }
    Ok(o)
}

/// `HOST:PORT`, `[V6]:PORT` or `PORT` (on 127.0.0.1).
fn parse_addr(v: &str) -> Option<(String, u16)> {
    if let Ok(port) = v.parse() {
        return Some(("127.0.0.1".into(), port));
    }
    let (host, port) = v.rsplit_once(':')?;
    let port: u16 = port.parse().ok()?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return None;
    }
    // A wildcard host is reached on loopback, as for HOST.
    Some((channel::app_address(Some(host), None).0, port))
}

fn workspace_root() -> Option<PathBuf> {
    let out = Command::new(cargo::cargo())
        .args(["locate-project", "--workspace", "--message-format", "plain"])
        .stderr(Stdio::inherit())
        .output()
        .ok()?;
    let manifest = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    manifest.parent().map(Path::to_path_buf)
}

/// Starts the app; with `--dylib` (`Some`: std's folder, if rustc named it), with the library
/// path it needs.
fn start(exe: &Path, args: &[String], token: &str, dylib: Option<Option<&Path>>) -> Option<Child> {
    let mut cmd = Command::new(exe);
    cmd.args(args)
        .env("FT_LIVE", "1")
        .env("FT_DEV_TOKEN", token);
    if let Some(std_dir) = dylib {
        let path = dylib::path_for(exe, std_dir, std::env::var_os(dylib::VAR));
        cmd.env(dylib::VAR, path);
    }
    match cmd.spawn() {
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

/// Sends a [`hot::Plan::Markup`]'s files to the app through `post`; how many templates the
/// app took, or why not (the app answered other than 200, or could not be reached).
fn send_markup(
    plan: &hot::Plan,
    mut post: impl FnMut(&str) -> Result<u16, String>,
) -> Result<usize, String> {
    let hot::Plan::Markup(files) = plan else {
        return Ok(0);
    };
    let mut n = 0;
    for (file, templates) in files {
        match post(&hot::markup_json(file, templates))? {
            200 => n += templates.len(),
            status => return Err(format!("answered {status}")),
        }
    }
    Ok(n)
}

/// `ft dev --help`.
pub const USAGE: &str = "usage: ft dev [--watch PATH].. [--ext EXT].. [--poll-ms N] [--app-addr ADDR] [--no-hot] [CARGO BUILD ARGS].. [-- APP ARGS]..

Builds the app with `cargo build`, runs it with live reload on (FT_LIVE=1), and on every save
rebuilds and restarts it while the browser tab reloads by itself (keeping its scroll position
and form values). A save that only changes markup inside compiled tag macro templates (text,
attribute values, static elements) goes to the running app without a rebuild. A failed build
shows its first error in the browser; the old server keeps serving.

  --watch PATH   watch PATH instead of the whole workspace (repeatable)
  --ext EXT      watch files ending in .EXT too (repeatable; default rs toml html htm css js svg sql)
  --poll-ms N    check the sources every N ms instead of waiting for change notifications
                 (network and container file systems)
  --app-addr A   where the app listens, HOST:PORT or PORT, for showing build errors in the
                 browser (default: HOST and PORT from the environment, as serve() reads them)
  --no-hot       rebuild on every change, markup-only edits too
  --dylib        build with the app's `dylib` feature: ft-web linked as one shared library
                 (ft-web-dylib), so each rebuild links less; projects made by `ft new` have it

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
    let filter = Filter {
        roots: roots.clone(),
        exts,
        skip,
    };
    let mut watch = match Watch::new(filter, opts.poll) {
        Ok(w) => w,
        Err(e) => {
            eprintln!(
                "ft dev: cannot watch the sources: {e}
                 (too many folders for inotify? raise fs.inotify.max_user_watches, or use --poll-ms 500)"
            );
            return ExitCode::FAILURE;
        }
    };
    eprintln!(
        "ft dev: watching {} folders under {}{}",
        watch.dirs,
        roots
            .iter()
            .map(|r| r.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        opts.poll
            .map(|p| format!(" (polling every {} ms)", p.as_millis()))
            .unwrap_or_default()
    );
    let token = channel::new_token();
    let (host, port) = opts.app_addr.clone().unwrap_or_else(|| {
        channel::app_address(
            std::env::var("HOST").ok().as_deref(),
            std::env::var("PORT").ok().as_deref(),
        )
    });
    let tell_app = |body: &str| {
        if let Err(e) = channel::post(&host, port, &token, body) {
            eprintln!("ft dev: could not tell the app ({e})");
        }
    };
    // `--dylib`: where std's shared library is, asked of rustc once.
    let std_dir = opts.dylib.then(dylib::std_dir).flatten();
    if opts.dylib && std_dir.is_none() {
        eprintln!(
            "ft dev: `rustc --print target-libdir` named no folder: the app may not find std"
        );
    }
    let mut child: Option<Child> = None;
    let mut showing_error = false;
    // The sources the running app was built from (markup hot reload compares saves with them).
    let mut sources = hot::Built::default();
    // The files whose saves started the build under way.
    let mut saved_files: Vec<PathBuf> = Vec::new();
    let mut pending = Some(Instant::now());
    loop {
        // Saves that arrive while a build runs may or may not be in what it built: they
        // always rebuild (markup keyed by the snapshot's locations could miss or mismatch).
        let mut raced = false;
        if let Some(since) = pending.take() {
            raced = true;
            let built = Instant::now();
            let snapshot = hot::Built::snapshot(watch.files());
            match cargo::build(&opts.cargo) {
                // The error is gone and the executable is the one running (the broken edit
                // was undone): the pages only lose their overlay. Any other good build
                // restarts the app, which may read other changed files when it starts.
                Built::Ok { fresh: true, .. } if child.is_some() && showing_error => {
                    eprintln!("ft dev: the executable did not change; the app keeps running");
                    tell_app(r#"{"kind":"clear"}"#);
                    showing_error = false;
                }
                Built::Ok { exe, .. } => {
                    let build_s = built.elapsed().as_secs_f64();
                    stop(&mut child);
                    let lib = opts.dylib.then_some(std_dir.as_deref());
                    child = start(&exe, &opts.app, &token, lib);
                    sources = snapshot;
                    if !opts.no_hot {
                        sources.warm(&saved_files);
                    }
                    // The restarted app's pages are fresh: no overlay.
                    showing_error = false;
                    eprintln!(
                        "ft dev: built in {build_s:.2}s, restarted {:.2}s after the change",
                        since.elapsed().as_secs_f64()
                    );
                }
                Built::Failed { first_error } => {
                    eprintln!("ft dev: build failed; the previous version keeps running");
                    // cargo's own refusal (its message is above): perhaps no `dylib` feature.
                    if opts.dylib && first_error == cargo::CARGO_FAILED {
                        eprintln!("{}", dylib::how_to_add());
                    }
                    if child.is_some() {
                        tell_app(&channel::error_body(&first_error));
                        showing_error = true;
                    }
                }
                Built::Unusable(e) => eprintln!("ft dev: {e}"),
            }
        }
        if let Some(c) = child.as_mut()
            && let Ok(Some(status)) = c.try_wait()
        {
            eprintln!("ft dev: the app exited ({status}); waiting for a change");
            child = None;
        }
        // Saves during the build make one more build; otherwise wait (checking now and then
        // that the app is still running).
        let changed = match watch.pending() {
            Some(during) => Some(during),
            None => {
                raced = false;
                watch.next(Duration::from_millis(500))
            }
        };
        if let Some(paths) = changed {
            let saved = Instant::now();
            let shown: Vec<String> = paths
                .iter()
                .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
                .collect();
            let shown = shown.join(", ");
            // A running app built from what is on disk but for markup takes the new markup;
            // anything else (a broken build showing, saves during the build) rebuilds.
            if !opts.no_hot && !raced && child.is_some() && !showing_error {
                match sources.plan(&paths) {
                    hot::Plan::Nothing => {
                        eprintln!("ft dev: {shown} saved; nothing the program runs changed");
                        continue;
                    }
                    plan @ hot::Plan::Markup(_) => {
                        match send_markup(&plan, |b| channel::post(&host, port, &token, b)) {
                            Ok(n) => {
                                sources.applied(&plan);
                                eprintln!(
                                    "ft dev: {shown}: markup of {n} template(s) applied in {:.0} ms, no rebuild",
                                    saved.elapsed().as_secs_f64() * 1000.0
                                );
                                continue;
                            }
                            Err(e) => eprintln!("ft dev: the app did not take the markup ({e})"),
                        }
                    }
                    hot::Plan::Rebuild(why) => eprintln!("ft dev: {why}"),
                }
            }
            eprintln!("ft dev: {shown} changed, rebuilding");
            saved_files = paths;
            pending = Some(saved);
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
        // Change notifications by default; polling only when asked for.
        let plain = parse_args(args("-p app")).unwrap();
        assert_eq!(
            (plain.poll, plain.app_addr, plain.dylib),
            (None, None, false)
        );
        // `--dylib` is the app's feature for cargo, wherever it is given.
        let dylib = parse_args(args("-p app --dylib --bin web -- --flag")).unwrap();
        assert!(dylib.dylib);
        assert_eq!(dylib.cargo, args("-p app --features dylib --bin web"));
        assert_eq!(dylib.app, args("--flag"));
        for (given, host, port) in [
            ("8080", "127.0.0.1", 8080),
            ("localhost:7000", "localhost", 7000),
            ("0.0.0.0:7001", "127.0.0.1", 7001),
            ("[::1]:7002", "::1", 7002),
        ] {
            let o = parse_args(args(&format!("--app-addr {given} -p app"))).unwrap();
            assert_eq!(o.app_addr, Some((host.to_string(), port)), "{given}");
            assert_eq!(o.cargo, args("-p app"));
        }
        for bad in [
            "--app-addr",
            "--app-addr host",
            "--app-addr host:x",
            "--app-addr :80",
        ] {
            assert!(parse_args(args(bad)).is_err(), "{bad}");
        }
        assert!(parse_args(args("--poll-ms soon")).is_err());
        assert!(parse_args(args("--watch")).is_err());
        assert!(!plain.no_hot);
        assert!(parse_args(args("--no-hot -p app")).unwrap().no_hot);
    }

    #[test]
    fn markup_goes_file_by_file_and_any_refusal_means_a_rebuild() {
        let t = ft_template::hot::Template {
            line: 2,
            col: 4,
            idx: 0,
            nodes: "On1:pT1:xE".into(),
        };
        let plan = hot::Plan::Markup(vec![
            (PathBuf::from("/a/src/main.rs"), vec![t.clone(), t]),
            (PathBuf::from("/a/src/page.rs"), Vec::new()),
        ]);
        let mut sent = Vec::new();
        let took = send_markup(&plan, |b| {
            sent.push(b.to_string());
            Ok(200)
        });
        assert_eq!(took, Ok(2));
        assert_eq!(sent.len(), 2);
        assert!(
            sent[0].contains(r#""file":"/a/src/main.rs""#) && sent[1].contains(r#""templates":[]"#)
        );
        // A release build answers 409; an app that is gone cannot be reached.
        assert!(send_markup(&plan, |_| Ok(409)).is_err());
        assert!(send_markup(&plan, |_| Err("refused".into())).is_err());
    }
}
