//! Sets `cfg(ft_guide)` when the workspace's user guide (`../docs/guide.md`) is next to this
//! crate, so `cargo test --doc` compiles the guide's code blocks (lib.rs includes it). The
//! published crate holds no guide (cargo packages only files inside the crate's folder), so
//! there the cfg stays off and the crate and its own doc tests build without it.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(ft_guide)");
    let guide = std::path::Path::new("../docs/guide.md");
    if guide.exists() {
        println!("cargo::rustc-cfg=ft_guide");
        println!("cargo::rerun-if-changed=../docs/guide.md");
    } else {
        println!("cargo::rerun-if-changed=build.rs");
    }
}
