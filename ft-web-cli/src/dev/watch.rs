//! What `ft dev` watches, through the `notify` crate: the platform's change notifications
//! (inotify, FSEvents, ReadDirectoryChangesW), or with `--poll-ms N` notify's `PollWatcher`
//! (network and container file systems, where notifications do not arrive; it reads the
//! watched folders' files on every tick, since it compares modification times only to the
//! second).
//!
//! Folders are watched one by one, never `target/`, hidden folders or `node_modules/` (nor
//! `CARGO_TARGET_DIR`): a build's own writes cost nothing, and big trees use no watches. A
//! folder created later is watched from then on. Only files with a source extension count,
//! so the app's SQLite files, `.sesskey` and an editor's swap and backup files never trigger a
//! rebuild. A burst of events (an editor writing a temporary file, then renaming it) is one
//! change: the runner waits for [`QUIET`] without events before it builds.

use notify::event::{AccessKind, EventKind, MetadataKind, ModifyKind};
use notify::{Event, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// Source extensions watched by default.
pub(crate) const DEFAULT_EXTS: &[&str] = &["rs", "toml", "html", "htm", "css", "js", "svg", "sql"];
/// Folders never watched (besides hidden ones and `CARGO_TARGET_DIR`).
const SKIP_DIRS: &[&str] = &["target", "node_modules"];
/// How long the files must stay still before a build starts.
pub(crate) const QUIET: Duration = Duration::from_millis(50);
/// The longest wait for that quiet (a tool that writes without pause still gets a build).
const MAX_SETTLE: Duration = Duration::from_millis(1000);

/// Which paths matter.
#[derive(Debug, Clone)]
pub(crate) struct Filter {
    /// The watched roots (paths are judged relative to them).
    pub(crate) roots: Vec<PathBuf>,
    /// The extensions that count.
    pub(crate) exts: Vec<String>,
    /// Folders never watched, besides [`SKIP_DIRS`] and hidden ones.
    pub(crate) skip: Vec<PathBuf>,
}

impl Filter {
    /// A folder that is not watched: hidden, `target`, `node_modules`, or in `skip`.
    pub(crate) fn skips_dir(&self, dir: &Path) -> bool {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("");
        name.starts_with('.') || SKIP_DIRS.contains(&name) || self.skip.iter().any(|s| s == dir)
    }

    /// Whether a change of `path` (a file) should rebuild: a source extension, not hidden
    /// or a backup, and no skipped folder between its root and it.
    pub(crate) fn wants(&self, path: &Path) -> bool {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name.ends_with('~') {
            return false;
        }
        let source = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.exts.iter().any(|x| x == e));
        source && !self.under_skipped(path)
    }

    fn under_skipped(&self, path: &Path) -> bool {
        if self.skip.iter().any(|s| path.starts_with(s)) {
            return true;
        }
        let rel = self
            .roots
            .iter()
            .find_map(|r| path.strip_prefix(r).ok())
            .unwrap_or(path);
        let mut dirs = rel.components().rev().skip(1);
        dirs.any(|c| {
            let c = c.as_os_str().to_str().unwrap_or("");
            c.starts_with('.') && c != "." && c != ".." || SKIP_DIRS.contains(&c)
        })
    }
}

/// Whether an event kind is a change (not a read, not an access time).
pub(crate) fn is_change(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(AccessKind::Read | AccessKind::Open(_) | AccessKind::Any)
            | EventKind::Access(AccessKind::Close(_) | AccessKind::Other)
            | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}

/// The watcher and its events.
pub(crate) struct Watch {
    watcher: Box<dyn Watcher>,
    rx: Receiver<notify::Result<Event>>,
    filter: Filter,
    /// How many folders are watched.
    pub(crate) dirs: usize,
}

impl Watch {
    /// Watches `filter.roots` (files or folders), with notify's recommended watcher, or its
    /// `PollWatcher` checking every `poll` when given.
    pub(crate) fn new(filter: Filter, poll: Option<Duration>) -> notify::Result<Watch> {
        let (tx, rx) = channel();
        let watcher: Box<dyn Watcher> = match poll {
            Some(every) => Box::new(notify::PollWatcher::new(
                tx,
                // notify's poller compares modification times in whole seconds: the contents
                // too, or a second save within the same second would go unseen.
                notify::Config::default()
                    .with_poll_interval(every)
                    .with_compare_contents(true),
            )?),
            None => Box::new(notify::recommended_watcher(tx)?),
        };
        let mut w = Watch {
            watcher,
            rx,
            filter,
            dirs: 0,
        };
        for root in w.filter.roots.clone() {
            if root.is_dir() {
                w.watch_tree(&root)?;
            } else {
                w.watcher.watch(&root, RecursiveMode::NonRecursive)?;
            }
        }
        Ok(w)
    }

    /// Watches `dir` and the folders under it that are not skipped.
    fn watch_tree(&mut self, dir: &Path) -> notify::Result<()> {
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            self.watcher.watch(&d, RecursiveMode::NonRecursive)?;
            self.dirs += 1;
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                if e.file_type().is_ok_and(|t| t.is_dir()) && !self.filter.skips_dir(&path) {
                    stack.push(path);
                }
            }
        }
        Ok(())
    }

    /// Adds the paths of `event` that count to `found`. A new folder that is not skipped is
    /// watched from now on, and counts as a change when it came with sources in it (not, for
    /// example, the folder an app makes for its database).
    fn relevant(&mut self, event: notify::Result<Event>, found: &mut Vec<PathBuf>) {
        let event = match event {
            Ok(e) => e,
            Err(e) => {
                eprintln!("ft dev: watching: {e}");
                return;
            }
        };
        if !is_change(&event.kind) {
            return;
        }
        for path in event.paths {
            if path.is_dir() {
                let created = matches!(
                    event.kind,
                    EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(_))
                );
                if created && !self.filter.skips_dir(&path) && !self.filter.under_skipped(&path) {
                    if let Err(e) = self.watch_tree(&path) {
                        eprintln!("ft dev: cannot watch {}: {e}", path.display());
                    }
                    let before = found.len();
                    self.sources_in(&path, found);
                    if found.len() > before {
                        found.truncate(before);
                        found.push(path);
                    }
                }
            } else if self.filter.wants(&path) {
                found.push(path);
            }
        }
    }

    /// The watched files (as [`Filter`] judges them) that exist now.
    pub(crate) fn files(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for root in &self.filter.roots {
            self.sources_in(root, &mut out);
        }
        out
    }

    /// Adds the watched files under `root` (or `root` itself) to `out`.
    fn sources_in(&self, root: &Path, out: &mut Vec<PathBuf>) {
        let mut stack: Vec<PathBuf> = vec![root.to_path_buf()];
        while let Some(p) = stack.pop() {
            if p.is_file() {
                if self.filter.wants(&p) {
                    out.push(p);
                }
                continue;
            }
            let Ok(entries) = std::fs::read_dir(&p) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                match e.file_type() {
                    Ok(t) if t.is_dir() && !self.filter.skips_dir(&path) => stack.push(path),
                    Ok(t) if t.is_file() && self.filter.wants(&path) => out.push(path),
                    _ => {}
                }
            }
        }
    }

    /// Waits up to `wait` for a change; then waits for the files to settle (a burst is one
    /// change). The changed paths, sorted.
    pub(crate) fn next(&mut self, wait: Duration) -> Option<Vec<PathBuf>> {
        let until = Instant::now() + wait;
        let mut found = Vec::new();
        loop {
            let left = until.checked_duration_since(Instant::now())?;
            match self.rx.recv_timeout(left) {
                Ok(ev) => {
                    self.relevant(ev, &mut found);
                    if !found.is_empty() {
                        return Some(self.settle(found));
                    }
                }
                Err(RecvTimeoutError::Timeout) => return None,
                // The watcher is gone: nothing more will come.
                Err(RecvTimeoutError::Disconnected) => {
                    std::thread::sleep(left);
                    return None;
                }
            }
        }
    }

    /// The events that arrived meanwhile (during a build): the changed paths, sorted, after
    /// the files settled. Any number of saves during a build make one more build.
    pub(crate) fn pending(&mut self) -> Option<Vec<PathBuf>> {
        let mut found = Vec::new();
        while let Ok(ev) = self.rx.try_recv() {
            self.relevant(ev, &mut found);
        }
        (!found.is_empty()).then(|| self.settle(found))
    }

    /// Reads events until none came for [`QUIET`] (at most [`MAX_SETTLE`]), adding their
    /// paths to `found`; new folders among them are watched. The paths, sorted, each once.
    fn settle(&mut self, mut found: Vec<PathBuf>) -> Vec<PathBuf> {
        let start = Instant::now();
        while start.elapsed() < MAX_SETTLE {
            match self.rx.recv_timeout(QUIET) {
                Ok(ev) => self.relevant(ev, &mut found),
                Err(_) => break,
            }
        }
        found.sort();
        found.dedup();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange};

    fn filter(root: &Path) -> Filter {
        Filter {
            roots: vec![root.to_path_buf()],
            exts: DEFAULT_EXTS.iter().map(|s| s.to_string()).collect(),
            skip: vec![root.join("custom-target")],
        }
    }

    #[test]
    fn watches_sources_not_data() {
        let f = filter(Path::new("/home/u/.projects/app"));
        let yes = |p: &str| f.wants(Path::new(p));
        assert!(
            yes("/home/u/.projects/app/src/main.rs"),
            "a hidden folder above the root"
        );
        assert!(yes("/home/u/.projects/app/Cargo.toml"));
        assert!(yes("/home/u/.projects/app/static/site.css"));
        assert!(!yes("/home/u/.projects/app/data/todos.db"));
        assert!(!yes("/home/u/.projects/app/todos.db-wal"));
        assert!(!yes("/home/u/.projects/app/.sesskey"));
        assert!(!yes("/home/u/.projects/app/src/.main.rs.swp"));
        assert!(!yes("/home/u/.projects/app/src/main.rs~"));
        assert!(!yes("/home/u/.projects/app/src/4913"));
        assert!(!yes(
            "/home/u/.projects/app/target/debug/build/x/out/gen.rs"
        ));
        assert!(!yes("/home/u/.projects/app/web/node_modules/x/index.js"));
        assert!(!yes("/home/u/.projects/app/.git/config.toml"));
        assert!(!yes("/home/u/.projects/app/custom-target/debug/a.rs"));
        assert!(f.skips_dir(Path::new("/home/u/.projects/app/target")));
        assert!(f.skips_dir(Path::new("/home/u/.projects/app/.git")));
        assert!(!f.skips_dir(Path::new("/home/u/.projects/app/src")));
    }

    #[test]
    fn changes_are_writes_not_reads() {
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Remove(
            notify::event::RemoveKind::File
        )));
        assert!(is_change(&EventKind::Modify(ModifyKind::Name(
            notify::event::RenameMode::To
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::WriteTime
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Read)));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            notify::event::AccessMode::Write
        ))));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
    }

    /// A real watcher on a temporary folder: a save is one change, an editor's
    /// temp-file-and-rename burst is one change, data files and `target/` are none, and a new
    /// folder is watched.
    fn sees_changes(poll: Option<Duration>) {
        let dir = std::env::temp_dir().join(format!(
            "ft-web-cli-watch-{}-{}",
            std::process::id(),
            poll.is_some()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("target")).expect("mkdir");
        std::fs::create_dir_all(dir.join("src")).expect("mkdir");
        std::fs::write(dir.join("src/a.rs"), "1").expect("write");
        let mut w = Watch::new(filter(&dir), poll).expect("watch");
        assert_eq!(w.dirs, 2, "the root and src/, not target/");
        let wait = Duration::from_secs(3);

        std::fs::write(dir.join("app.db"), "2").expect("write");
        std::fs::write(dir.join("target/b.rs"), "2").expect("write");
        assert_eq!(w.next(Duration::from_millis(400)), None);

        std::fs::write(dir.join("src/a.rs"), "22").expect("write");
        assert_eq!(w.next(wait), Some(vec![dir.join("src/a.rs")]));
        assert_eq!(
            w.next(Duration::from_millis(300)),
            None,
            "one save, one change"
        );

        // An editor's safe write: a temporary file, then a rename over the source.
        std::fs::write(dir.join("src/.a.rs.tmp"), "333").expect("write");
        std::fs::rename(dir.join("src/.a.rs.tmp"), dir.join("src/a.rs")).expect("rename");
        assert_eq!(w.next(wait), Some(vec![dir.join("src/a.rs")]));
        assert_eq!(
            w.next(Duration::from_millis(300)),
            None,
            "one burst, one change"
        );

        // Saves while "building" are kept for one more build.
        std::fs::write(dir.join("src/a.rs"), "4444").expect("write");
        std::fs::write(dir.join("Cargo.toml"), "[package]").expect("write");
        std::thread::sleep(poll.unwrap_or_default() * 3 + Duration::from_millis(200));
        assert_eq!(
            w.pending(),
            Some(vec![dir.join("Cargo.toml"), dir.join("src/a.rs")]),
            "every path of the saves"
        );
        assert_eq!(w.pending(), None);

        // A new folder without sources (an app's database folder) is no change, but is
        // watched; one that comes with sources is.
        std::fs::create_dir_all(dir.join("src/new")).expect("mkdir");
        std::fs::write(dir.join("src/new/app.db"), "1").expect("write");
        assert_eq!(w.next(Duration::from_millis(400)), None);
        std::fs::write(dir.join("src/new/c.rs"), "1").expect("write");
        assert_eq!(w.next(wait), Some(vec![dir.join("src/new/c.rs")]));
        let moved = std::env::temp_dir().join(format!(
            "ft-web-cli-moved-{}-{}",
            std::process::id(),
            poll.is_some()
        ));
        std::fs::create_dir_all(&moved).expect("mkdir");
        std::fs::write(moved.join("d.rs"), "1").expect("write");
        std::fs::rename(&moved, dir.join("src/moved")).expect("rename");
        let got = w.next(wait).expect("a folder moved in with a source");
        assert!(
            got.iter().any(|p| p.starts_with(dir.join("src/moved"))),
            "{got:?}"
        );
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn sees_changes_with_notifications() {
        sees_changes(None);
    }

    #[test]
    fn sees_changes_by_polling() {
        sees_changes(Some(Duration::from_millis(50)));
    }
}
