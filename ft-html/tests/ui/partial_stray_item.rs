use ft_html::prelude::*;
fn main() {
    // Typed so far: the stray `.` is reported where it is, and the complete items are still
    // expanded (so the misspelt name in `P!(..)` is reported too, as rust-analyzer sees it).
    let _ = Div!(P!(titel), hx_get = "/a", .);
}
