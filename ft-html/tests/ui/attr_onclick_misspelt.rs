use ft_html::prelude::*;
fn main() {
    let _ = Button!("go", onclik = "x()");
}
