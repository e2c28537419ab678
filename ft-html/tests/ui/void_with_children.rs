use ft_html::prelude::*;
fn main() {
    let _ = Input!("text", name = "q");
}
