//! Route mistakes are compile errors that point at the mistake and say what to write.
//! The expected messages live beside each case in tests/ui/*.stderr.

#[test]
fn route_misuse_is_a_clear_compile_error() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
