//! Route mistakes are compile errors that point at the mistake and say what to write.
//! The expected messages live beside each case in tests/ui/*.stderr. And the other way round:
//! a user's own names (handlers, structs, fields) never collide with what the macros
//! generate (tests/hygiene/*.rs compile and run).

#[test]
fn route_misuse_is_a_clear_compile_error_and_user_names_are_free() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/hygiene/*.rs");
}
