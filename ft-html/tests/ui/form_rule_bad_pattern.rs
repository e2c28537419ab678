// A `pattern` that is not a valid regex: the error is at the pattern, with the reason.
use ft_html::prelude::*;

#[derive(FormFields)]
struct Signup {
    #[form(pattern = "[a-z")]
    name: String,
}

fn main() {}
