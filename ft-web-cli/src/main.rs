//! `ft`: the command-line tool for ft apps (FastHTML for Rust).
//!
//! ```text
//! cargo install ft-web-cli
//! ft new myapp            # a starter project that builds, tests and serves out of the box
//! cd myapp && ft dev      # rebuild and restart on save, the browser tab reloads by itself
//! ```
//!
//! Arguments parsed by hand (two subcommands do not need a parser crate) and one dependency,
//! `notify` for `ft dev`'s file watching: the tool builds in seconds (`cargo dev` in ft's
//! workspace builds it on every run).

mod dev;
mod new;

use std::process::ExitCode;

const VERSION: &str = env!("CARGO_PKG_VERSION");

const USAGE: &str = "ft: the command-line tool for ft apps (FastHTML for Rust)

usage: ft <COMMAND> [ARGS]..

commands:
  new NAME [--ft-path DIR]   write a starter project in the folder NAME
  dev [ARGS]..               build, run and rebuild the app on every save, with live reload

options:
  -h, --help       this help (`ft help COMMAND` or `ft COMMAND --help` for a command's)
  -V, --version    the version

`ft dev` takes cargo build's arguments (`-p PKG --example NAME`); see `ft dev --help`.";

/// What the first argument asks for.
#[derive(Debug, PartialEq)]
enum Command {
    /// `ft`, `ft --help`: the overview.
    Help,
    /// `ft help [COMMAND]`.
    HelpOn,
    Version,
    New,
    Dev,
    Unknown(String),
}

fn command(first: Option<&str>) -> Command {
    match first {
        None | Some("-h" | "--help") => Command::Help,
        Some("help") => Command::HelpOn,
        Some("-V" | "--version" | "version") => Command::Version,
        Some("new") => Command::New,
        Some("dev") => Command::Dev,
        Some(other) => Command::Unknown(other.to_string()),
    }
}

fn help_for(cmd: &str) -> Option<&'static str> {
    match cmd {
        "new" => Some(new::USAGE),
        "dev" => Some(dev::USAGE),
        "" => Some(USAGE),
        _ => None,
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let first = args.next();
    match command(first.as_deref()) {
        Command::Help => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Command::HelpOn => {
            let topic = args.next().unwrap_or_default();
            match help_for(&topic) {
                Some(text) => {
                    println!("{text}");
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!("ft: no command named {topic:?}\n\n{USAGE}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Version => {
            println!("ft {VERSION}");
            ExitCode::SUCCESS
        }
        Command::New => new::run(args),
        Command::Dev => dev::run(args),
        Command::Unknown(other) => {
            eprintln!("ft: unknown command {other:?} (expected `new` or `dev`)\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispatches_commands() {
        assert_eq!(command(None), Command::Help);
        assert_eq!(command(Some("--help")), Command::Help);
        assert_eq!(command(Some("help")), Command::HelpOn);
        assert_eq!(command(Some("-V")), Command::Version);
        assert_eq!(command(Some("new")), Command::New);
        assert_eq!(command(Some("dev")), Command::Dev);
        assert_eq!(command(Some("serve")), Command::Unknown("serve".into()));
        assert!(help_for("new").is_some_and(|h| h.contains("--ft-path")));
        assert!(help_for("bogus").is_none());
    }
}
