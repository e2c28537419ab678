// A `#[form(skip)]` field is never read from the request, so a rule on it is a mistake.
use ft_html::prelude::*;

#[derive(FormFields)]
struct Signup {
    name: String,
    #[form(skip, min = 1)]
    id: i64,
}

fn main() {}
