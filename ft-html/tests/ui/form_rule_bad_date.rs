// A date bound the macro can read: it must be an ISO date (or time), checked at compile time.
use ft_html::prelude::*;

#[derive(FormFields)]
struct Signup {
    #[form(min = "31/01/2024")]
    born: chrono::NaiveDate,
}

fn main() {}
