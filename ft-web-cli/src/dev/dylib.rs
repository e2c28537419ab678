//! `ft dev --dylib`: the app built with its `dylib` feature (ft-web as one shared library, the
//! `ft-web-dylib` crate) and started with the library path that executable needs.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The environment variable the platform's loader searches for shared libraries (the one
/// `cargo run` sets: on macOS the fallback path, which does not shadow system libraries).
pub(crate) const VAR: &str = if cfg!(target_os = "macos") {
    "DYLD_FALLBACK_LIBRARY_PATH"
} else if cfg!(windows) {
    "PATH"
} else {
    "LD_LIBRARY_PATH"
};

/// What `ft dev --dylib` adds when cargo refused the build, which it does when the package
/// has no `dylib` feature (a project made by an older `ft new`, or not by `ft new`).
pub(crate) fn how_to_add() -> String {
    let release = crate::new::RELEASE;
    format!(
        "ft dev: if cargo said the package has no feature `dylib`: --dylib builds with it. \
Projects made by `ft new` have it; elsewhere add to Cargo.toml
    [features]
    dylib = [\"dep:ft-web-dylib\"]
    [dependencies]
    ft-web-dylib = {{ version = \"{release}\", optional = true }}    # the same version or path as ft-web
and to src/main.rs
    #[cfg(feature = \"dylib\")]
    use ft_web_dylib as _;"
    )
}

/// rustc's library folder for the host, where std's shared library is.
pub(crate) fn std_dir() -> Option<PathBuf> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(rustc)
        .args(["--print", "target-libdir"])
        .output()
        .ok()?;
    let dir = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !dir.trim().is_empty()).then(|| PathBuf::from(dir.trim()))
}

/// The value of [`VAR`] for `exe`: the target's `deps` folder beside it (where
/// `libft_web_dylib` is: `target/debug/deps` for `target/debug/app` and for
/// `target/debug/examples/app`), std's folder, then what `current` held.
pub(crate) fn path_for(exe: &Path, std_dir: Option<&Path>, current: Option<OsString>) -> OsString {
    let dir = exe.parent().unwrap_or(Path::new("."));
    let profile = match dir.file_name() {
        Some(n) if n == "examples" => dir.parent().unwrap_or(dir),
        _ => dir,
    };
    let mut ours = vec![profile.join("deps")];
    ours.extend(std_dir.map(Path::to_path_buf));
    let mut all = ours.clone();
    if let Some(c) = &current {
        all.extend(std::env::split_paths(c));
    }
    // A folder with the separator in its name cannot be listed: then the app gets the
    // folders it needs and not the rest, or the deps folder alone.
    std::env::join_paths(&all)
        .or_else(|_| std::env::join_paths(&ours))
        .unwrap_or_else(|_| ours.swap_remove(0).into_os_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deps_folder_of_a_binary_and_of_an_example_then_std_then_the_old_value() {
        let std = Path::new("/rust/lib/rustlib/x86_64-unknown-linux-gnu/lib");
        let sep = if cfg!(windows) { ";" } else { ":" };
        let bin = path_for(Path::new("/p/target/debug/app"), Some(std), None);
        assert_eq!(
            bin,
            OsString::from(format!("/p/target/debug/deps{sep}{}", std.display()))
        );
        let example = path_for(
            Path::new("/p/target/debug/examples/todo"),
            Some(std),
            Some(OsString::from(format!("/a{sep}/b"))),
        );
        assert_eq!(
            example,
            OsString::from(format!(
                "/p/target/debug/deps{sep}{}{sep}/a{sep}/b",
                std.display()
            ))
        );
        // Without rustc's answer, the deps folder alone.
        assert_eq!(
            path_for(Path::new("/p/target/debug/app"), None, None),
            OsString::from("/p/target/debug/deps")
        );
    }

    #[test]
    fn rustc_names_a_folder_that_holds_std() {
        let dir = std_dir().expect("rustc --print target-libdir");
        let has_std = std::fs::read_dir(&dir)
            .expect("the folder exists")
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("libstd-"));
        assert!(has_std, "{}", dir.display());
    }
}
