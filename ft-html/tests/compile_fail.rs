//! Macro misuse is a compile error at the user's span that says what to write instead.
//! The expected messages live beside each case in tests/ui/*.stderr. And correct uses that
//! depend on how the macros expand (arguments evaluated in source order) compile and run:
//! tests/pass/*.rs.

#[test]
fn macro_misuse_is_a_clear_compile_error() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/pass/*.rs");
}
