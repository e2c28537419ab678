// A misspelt or unknown rule name: the error is at the word, suggests the closest one and
// lists them all.
use ft_html::prelude::*;

#[derive(FormFields)]
struct Signup {
    #[form(emial)]
    email: String,
}

#[derive(FormFields)]
#[form(chek = fine)]
struct Other {
    name: String,
}

fn fine(_: &Other, _: &mut FieldErrors) {}

fn main() {}
