use ft_html::prelude::*;
fn main() {
    let _ = A!("home", hreff = "#");
}
