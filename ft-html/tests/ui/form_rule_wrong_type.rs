// A rule on a field of a type it cannot check: the error is at the rule and says which field
// types it takes.
use ft_html::prelude::*;

#[derive(FormFields)]
struct Signup {
    #[form(min = 3)]
    name: String,
    #[form(min_len = 2)]
    age: u32,
    #[form(email)]
    seats: u8,
    #[form(required)]
    count: u32,
}

fn main() {}
