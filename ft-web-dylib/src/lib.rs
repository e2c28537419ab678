//! ft-web linked as one shared library, for the development loop.
//!
//! After an edit, most of an ft app's rebuild is rustc working on the app's own crate; the
//! link of the executable, with ft-web, actix, tokio, SQLite and every other dependency in
//! it, is a fixed part of every rebuild (about 0.4 s on a 2-core machine). With this crate
//! linked in, the app links against `libft_web_dylib.so` (and std's shared library) instead,
//! which is built once.
//!
//! An app opts in under a cargo feature, so release builds link statically as usual:
//!
//! ```toml
//! [features]
//! dylib = ["dep:ft-web-dylib"]
//!
//! [dependencies]
//! ft-web = "0.1"
//! ft-web-dylib = { version = "0.1", optional = true }
//! ```
//!
//! and names the crate once, so that it is linked:
//!
//! ```text
//! #[cfg(feature = "dylib")]
//! use ft_web_dylib as _;
//! ```
//!
//! `ft dev --dylib` builds with `--features dylib` and starts the app with the library path
//! it needs (the target's `deps` folder and std's library folder); `cargo run --features
//! dylib` sets the same path itself. A project made by `ft new` has the feature and the line.
//! The executable built this way needs those libraries at run time: ship a build without the
//! feature. Without the `use` line the feature links statically as before (no error, no
//! gain): `ldd` on the executable lists `libft_web_dylib.so` when it works.
//!
//! This crate is released with ft-web, at the same version: `ft new`'s starter names it (an
//! optional dependency, which cargo resolves all the same).

pub use ft_web;
