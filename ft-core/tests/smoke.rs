use ft_core::prelude::*;
#[test]
fn smoke() {
    let name = String::from("x");
    let d = Div!(P!("a & b"), Span!(&name, 3, 1.5), id = "i", cls = "c", hx_get = "/g", data_x = 1, "@click" = "go()", r#for = "z", hx_on__after_request = "f()", disabled = true, checked = false);
    assert_eq!(d.render(), r#"<div hx-get="/g" data-x="1" @click="go()" for="z" hx-on--after-request="f()" disabled id="i" class="c"><p>a &amp; b</p><span>x31.5</span></div>"#);
    let i = Input!(id = "q");
    assert_eq!(i.render(), r#"<input id="q" name="q">"#);
    println!("{}", Div!(Ul!(Li!("a"), Li!("b"))).to_xml());
}
