//! The security suite: each module is one class of attack, sent the way a client would send it
//! (the test `Client` or real HTTP, and headless Chromium where a script could run), asserting
//! the safe outcome. Where FastHTML behaves differently, the test says so (SPEC Appendix B).

mod common;

mod security {
    // One module per class; each file holds the attack and the outcome it must get.
}
