use ft_html::prelude::*;
fn main() {
    let _ = Input!(typ = "text", name = "q");
}
