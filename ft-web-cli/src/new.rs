//! `ft new NAME [--ft-path DIR]`: writes a starter project that builds, tests and serves out
//! of the box.
//!
//! The files are the templates in `ft-web-cli/templates/`, embedded at compile time so the
//! installed binary needs nothing beside it. Only `Cargo.toml` and `README.md` have
//! placeholders (`{{name}}`, `{{ft_web}}`); the Rust files are plain Rust (the page title comes
//! from `CARGO_PKG_NAME`), so they can be checked as they are.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

/// `ft new --help`.
pub const USAGE: &str = "usage: ft new NAME [--ft-path DIR]

Writes a starter ft app in the folder NAME (a path such as projects/myapp is fine; its last
part is the package name): Cargo.toml, src/main.rs (a page with a form and a table in SQLite),
src/tests.rs, static/app.css, README.md and .gitignore.

  --ft-path DIR   depend on ft-web from a checkout of ft (DIR/ft-web) instead of crates.io";

/// One file of the starter: where it goes and its template.
struct File {
    path: &'static str,
    template: &'static str,
}

const FILES: &[File] = &[
    File {
        path: "Cargo.toml",
        template: include_str!("../templates/Cargo.toml.tmpl"),
    },
    File {
        path: "src/main.rs",
        template: include_str!("../templates/main.rs"),
    },
    File {
        path: "src/tests.rs",
        template: include_str!("../templates/tests.rs"),
    },
    File {
        path: "static/app.css",
        template: include_str!("../templates/app.css"),
    },
    File {
        path: "README.md",
        template: include_str!("../templates/README.md"),
    },
    // Stored without its dot: cargo leaves hidden files out of a package unless told otherwise.
    File {
        path: ".gitignore",
        template: include_str!("../templates/gitignore"),
    },
];

#[derive(Debug, Default, PartialEq)]
struct Options {
    dir: Option<PathBuf>,
    ft_path: Option<PathBuf>,
    help: bool,
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut o = Options::default();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => o.help = true,
            "--ft-path" => {
                o.ft_path = Some(it.next().ok_or("--ft-path needs a folder")?.into());
            }
            s if s.starts_with("--ft-path=") => {
                o.ft_path = Some(s["--ft-path=".len()..].into());
            }
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("unknown option {s:?}")),
            _ if o.dir.is_some() => return Err(format!("one NAME only (also got {a:?})")),
            _ => o.dir = Some(a.into()),
        }
    }
    Ok(o)
}

/// Names cargo or the compiler refuse for a package (Rust's keywords, and crates every
/// program links), plus the crate the starter depends on.
const RESERVED: &[&str] = &[
    "as",
    "async",
    "await",
    "break",
    "const",
    "continue",
    "crate",
    "dyn",
    "else",
    "enum",
    "extern",
    "false",
    "fn",
    "for",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "match",
    "mod",
    "move",
    "mut",
    "pub",
    "ref",
    "return",
    "self",
    "Self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "type",
    "unsafe",
    "use",
    "where",
    "while",
    "abstract",
    "become",
    "box",
    "do",
    "final",
    "gen",
    "macro",
    "override",
    "priv",
    "try",
    "typeof",
    "unsized",
    "virtual",
    "yield",
    "std",
    "core",
    "alloc",
    "proc_macro",
    "proc-macro",
    "test",
    "ft-web",
    "ft_web",
];

/// The package name for the folder `dir`: its last part, if cargo accepts it as a name.
fn package_name(dir: &Path) -> Result<String, String> {
    if dir.as_os_str().is_empty() {
        return Err("the project needs a name: ft new NAME".into());
    }
    if dir.components().any(|c| c == Component::ParentDir) {
        return Err(format!(
            "{}: `..` is not allowed in NAME; change to the parent folder first",
            dir.display()
        ));
    }
    let Some(Component::Normal(last)) = dir.components().next_back() else {
        return Err(format!("{}: NAME must end in a folder name", dir.display()));
    };
    let Some(name) = last.to_str() else {
        return Err(format!("{}: the name is not valid UTF-8", dir.display()));
    };
    check_name(name)?;
    Ok(name.to_string())
}

/// Cargo's rules for a package name, kept to ASCII (what crates.io accepts).
fn check_name(name: &str) -> Result<(), String> {
    let bad = |why: &str| Err(format!("{name:?} cannot be a package name: {why}"));
    let Some(first) = name.chars().next() else {
        return bad("it is empty");
    };
    if !first.is_ascii_alphabetic() && first != '_' {
        return bad("it must start with a letter or `_`");
    }
    if let Some(c) = name
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && *c != '-' && *c != '_')
    {
        return bad(&format!(
            "{c:?} is not allowed (letters, digits, `-` and `_` only)"
        ));
    }
    if name.len() > 64 {
        return bad("it is longer than 64 characters");
    }
    if RESERVED.contains(&name) {
        return bad("it is reserved by Rust or cargo, or names a crate the app needs");
    }
    Ok(())
}

/// `s` as a TOML basic string (quoted, with `\` `"` and control characters escaped).
fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The release this `ft` came with (`major.minor`), which the starter depends on: it is
/// written against that release's API.
pub(crate) const RELEASE: &str = concat!(
    env!("CARGO_PKG_VERSION_MAJOR"),
    ".",
    env!("CARGO_PKG_VERSION_MINOR")
);

/// The `[dependencies]` lines for ft-web, and for ft-web-dylib under the `dylib` feature
/// (`ft dev --dylib`): this tool's own release from crates.io, or the checkout `ft_path` (which
/// must hold `ft-web/Cargo.toml` and `ft-web-dylib/Cargo.toml`).
fn ft_web_dependency(ft_path: Option<&Path>) -> Result<String, String> {
    let Some(dir) = ft_path else {
        let version = RELEASE;
        return Ok(format!(
            "ft-web = \"{version}\"\nft-web-dylib = {{ version = \"{version}\", optional = true }}"
        ));
    };
    let root = dir
        .canonicalize()
        .map_err(|e| format!("--ft-path {}: {e}", dir.display()))?;
    let web = root.join("ft-web");
    if !web.join("Cargo.toml").is_file() {
        return Err(format!(
            "--ft-path {}: no ft-web/Cargo.toml there (give the root of an ft checkout)",
            root.display()
        ));
    }
    let dylib = root.join("ft-web-dylib");
    if !dylib.join("Cargo.toml").is_file() {
        return Err(format!(
            "--ft-path {}: no ft-web-dylib/Cargo.toml there (a checkout older than this `ft`?)",
            root.display()
        ));
    }
    let (Some(web), Some(dylib)) = (web.to_str(), dylib.to_str()) else {
        return Err(format!(
            "--ft-path {}: the path is not valid UTF-8",
            root.display()
        ));
    };
    Ok(format!(
        "ft-web = {{ path = {} }}\nft-web-dylib = {{ path = {}, optional = true }}",
        toml_str(web),
        toml_str(dylib)
    ))
}

/// A template with `{{key}}` replaced by its value.
fn render(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (key, value) in vars {
        out = out.replace(&format!("{{{{{key}}}}}"), value);
    }
    out
}

/// Writes the starter into `dir` (made if missing; refused unless empty).
fn create(dir: &Path, name: &str, ft_web: &str) -> Result<(), String> {
    let shown = dir.display();
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(format!(
                    "{shown} exists and is not empty; pick another NAME or empty it"
                ));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            return Err(format!("{shown} exists and is a file"));
        }
        Err(e) => return Err(format!("{shown}: {e}")),
    }
    let vars = [("name", name), ("ft_web", ft_web)];
    for f in FILES {
        let path = dir.join(f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, render(f.template, &vars))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// `ft new ARGS..`.
pub fn run(args: impl IntoIterator<Item = String>) -> ExitCode {
    let opts = match parse_args(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("ft new: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if opts.help {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let Some(dir) = opts.dir else {
        eprintln!("ft new: the project needs a name\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let made = package_name(&dir)
        .and_then(|name| Ok((name, ft_web_dependency(opts.ft_path.as_deref())?)))
        .and_then(|(name, dep)| create(&dir, &name, &dep).map(|()| (name, dep)));
    match made {
        Ok((name, dep)) => {
            let d = dir.display();
            let dep = dep.lines().next().unwrap_or_default();
            println!(
                "Created the ft app `{name}` in {d} ({dep})

Next:
  cd {d}
  cargo run     # http://127.0.0.1:5001
  cargo test
  ft dev        # rebuild and restart on every save, the browser tab reloads by itself
  ft dev --dylib  # the same, ft-web linked as a shared library: faster rebuilds"
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ft new: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_cargo() {
        assert_eq!(package_name(Path::new("myapp")).as_deref(), Ok("myapp"));
        assert_eq!(
            package_name(Path::new("projects/my-app_2")).as_deref(),
            Ok("my-app_2")
        );
        assert_eq!(package_name(Path::new("/tmp/x/app/")).as_deref(), Ok("app"));
        for bad in [
            "", "1abc", "a b", "../x", "x/../y", "é", "a.b", "fn", "test", "ft-web", "-x",
        ] {
            assert!(package_name(Path::new(bad)).is_err(), "{bad:?}");
        }
        assert!(package_name(Path::new(&"a".repeat(65))).is_err());
        assert!(
            package_name(Path::new("1abc"))
                .unwrap_err()
                .contains("start with a letter")
        );
    }

    #[test]
    fn parses_arguments() {
        let args = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        let o = parse_args(args("app --ft-path ../ft")).unwrap();
        assert_eq!(o.dir, Some(PathBuf::from("app")));
        assert_eq!(o.ft_path, Some(PathBuf::from("../ft")));
        let o = parse_args(args("--ft-path=/ft app")).unwrap();
        assert_eq!(o.ft_path, Some(PathBuf::from("/ft")));
        assert!(parse_args(args("app --ft-path")).is_err());
        assert!(parse_args(args("app other")).is_err());
        assert!(parse_args(args("app --force")).is_err());
    }

    #[test]
    fn templates_are_filled_in() {
        let vars = [("name", "shop"), ("ft_web", "ft-web = \"0.1\"")];
        for f in FILES {
            let out = render(f.template, &vars);
            assert!(!out.contains("{{"), "{} keeps a placeholder", f.path);
        }
        let toml = render(FILES[0].template, &vars);
        assert!(toml.contains("name = \"shop\"\n"), "{toml}");
        assert!(toml.contains("\nft-web = \"0.1\"\n"), "{toml}");
        assert!(toml.contains("[profile.dev.package.argon2]\nopt-level = 3"));
        // The macros, and what they parse with, built optimised: they run on every build.
        for p in [
            "ft-macros",
            "ft-template",
            "ft-tags",
            "syn",
            "proc-macro2",
            "quote",
        ] {
            assert!(
                toml.contains(&format!("[profile.dev.package.{p}]\nopt-level = 3")),
                "{p}"
            );
        }
        assert_eq!(render("{{name}}-{{name}} {{x}}", &vars), "shop-shop {{x}}");
    }

    #[test]
    fn the_dependency_is_a_release_or_a_checkout() {
        let v = format!(
            "{}.{}",
            env!("CARGO_PKG_VERSION_MAJOR"),
            env!("CARGO_PKG_VERSION_MINOR")
        );
        assert_eq!(
            ft_web_dependency(None).unwrap(),
            format!("ft-web = \"{v}\"\nft-web-dylib = {{ version = \"{v}\", optional = true }}")
        );
        // In ft's workspace this crate's parent holds ft-web (not so in the published package).
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        if root.join("ft-web/Cargo.toml").is_file() {
            let dep = ft_web_dependency(Some(&root)).unwrap();
            let canonical = root.canonicalize().unwrap();
            let web = toml_str(canonical.join("ft-web").to_str().unwrap());
            let dylib = toml_str(canonical.join("ft-web-dylib").to_str().unwrap());
            assert_eq!(
                dep,
                format!(
                    "ft-web = {{ path = {web} }}\nft-web-dylib = {{ path = {dylib}, optional = true }}"
                )
            );
        }
        assert!(ft_web_dependency(Some(Path::new(env!("CARGO_MANIFEST_DIR")))).is_err());
        assert!(ft_web_dependency(Some(Path::new("/no/such/ft"))).is_err());
        assert_eq!(toml_str(r#"C:\a "b""#), r#""C:\\a \"b\"""#);
    }

    #[test]
    fn writes_the_starter_only_into_an_empty_folder() {
        let base = std::env::temp_dir().join(format!("ft-new-test-{}", std::process::id()));
        let dir = base.join("nested/shop");
        create(&dir, "shop", "ft-web = \"0.1\"").unwrap();
        for f in FILES {
            assert!(dir.join(f.path).is_file(), "{}", f.path);
        }
        let toml = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        assert!(toml.starts_with("[package]\nname = \"shop\"\n"), "{toml}");
        let err = create(&dir, "shop", "").unwrap_err();
        assert!(err.contains("not empty"), "{err}");
        let err = create(&dir.join("Cargo.toml"), "x", "").unwrap_err();
        assert!(err.contains("is a file"), "{err}");
        std::fs::remove_dir_all(&base).unwrap();
    }
}
