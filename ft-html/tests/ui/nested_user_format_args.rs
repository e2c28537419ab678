// A `format!` of the user's own that does not take the arguments std's takes, given as a tag
// macro's child: a compile error at the call, not a silent substitution of std's `format!`.
use ft_html::prelude::*;

/// A greeting: one name, no format string.
macro_rules! format {
    ($name:expr) => {
        ::std::format!("hello {}", $name)
    };
}

fn main() {
    let name = "ann";
    let _ = Ul!(Li!(format!("{}", name)));
}
