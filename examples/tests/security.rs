//! The security suite: each module is one class of attack, sent the way a client would send it
//! (the test `Client` or real HTTP, and headless Chromium where a script could run), asserting
//! the safe outcome. Where FastHTML behaves differently, the test says so (SPEC Appendix B).

mod common;

#[allow(dead_code)]
#[path = "../examples/image_gen/main.rs"]
mod image_gen;
#[allow(dead_code)]
#[path = "../examples/login.rs"]
mod login;
#[cfg(feature = "oauth")]
#[allow(dead_code)]
#[path = "../examples/oauth_counter.rs"]
mod oauth_counter;
#[allow(dead_code)]
#[path = "../examples/profile.rs"]
mod profile;
#[allow(dead_code)]
#[path = "../examples/quickdraw/main.rs"]
mod quickdraw;
#[allow(dead_code)]
#[path = "../examples/todo.rs"]
mod todo;
#[allow(dead_code)]
#[path = "../examples/ws_chat.rs"]
mod ws_chat;

mod security {
    // One module per class; each file holds the attack and the outcome it must get.
    mod headers;
    mod hx_vals;
    mod login_csrf;
    mod markdown_xss;
    mod mass_assignment;
    #[cfg(feature = "oauth")]
    mod oauth_redirects;
    mod oversize;
    mod param_sources;
    mod password_flood;
    mod redirects;
    mod scoped_index;
    mod sessions;
    mod small_examples;
}
