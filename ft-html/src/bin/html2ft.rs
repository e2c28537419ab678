//! `html2ft [FILE]`: converts HTML (from FILE, or standard input) to the Rust source of an ft
//! expression, written to standard output. `--attrs-first` puts attributes before children.

use ft_html::html2ft::{Options, html2ft_with};
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: html2ft [--attrs-first] [FILE]\n\
    Converts HTML from FILE (or standard input when FILE is absent or `-`) to Rust source using ft's tag macros.";

fn main() -> ExitCode {
    let mut opts = Options::default();
    let mut file = None;
    for arg in std::env::args_os().skip(1) {
        match arg.to_str() {
            Some("-h" | "--help") => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            Some("--attrs-first") => opts.attrs_first = true,
            Some(a) if a.starts_with("--") => {
                eprintln!("html2ft: unknown option `{a}`\n{USAGE}");
                return ExitCode::from(2);
            }
            _ if file.is_some() => {
                eprintln!("html2ft: only one input file may be given\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => file = Some(arg),
        }
    }
    let mut bytes = Vec::new();
    let (what, read) = match &file {
        Some(path) if path != "-" => (
            path.to_string_lossy().into_owned(),
            std::fs::read(path).map(|b| bytes = b),
        ),
        _ => (
            "standard input".to_string(),
            std::io::stdin().read_to_end(&mut bytes).map(drop),
        ),
    };
    if let Err(e) = read {
        eprintln!("html2ft: cannot read {what}: {e}");
        return ExitCode::FAILURE;
    }
    let html = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("html2ft: {what} is not UTF-8 text ({})", e.utf8_error());
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{}", html2ft_with(&html, &opts)).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("html2ft: cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}
