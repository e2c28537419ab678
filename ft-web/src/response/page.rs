//! The full page around a handler's content (SPEC 4A): the app's frame (`<html>`, the head
//! with the default headers and `hdrs`, `<body>`, the footers), rendered once when the app is
//! built, and the content's own head tags hoisted into it.

use crate::app::AppInner;
use ft_html::{Element, Ft};

pub(crate) fn render_all<'a>(items: impl IntoIterator<Item = &'a Ft>) -> String {
    let mut out = String::with_capacity(1024);
    for item in items {
        item.render_into(&mut out);
    }
    out
}

fn is_tag(ft: &Ft, tags: &[&str]) -> bool {
    ft.tag().is_some_and(|t| tags.contains(&t))
}

/// What every full page of an app has around its content, rendered once when the app is
/// built (not per request): FastHTML's `<html>`/`<body>` attributes, the default title, the
/// default headers and `hdrs`, the footers.
pub(crate) struct PageFrame {
    /// `<!doctype html><html ...><head>`
    open: String,
    /// `<title>..</title>`, for content without its own title.
    title: String,
    /// The default headers, then the app's `hdrs`, after the content's own head tags.
    head: String,
    /// `</head><body ...>`
    body_open: String,
    /// The footers, `</body></html>`.
    close: String,
    /// `head` and `close` cut at their `<script` tags, for pages with a CSP nonce.
    head_pieces: Vec<String>,
    close_pieces: Vec<String>,
    /// The length of the last page, to size the next one's buffer in one allocation.
    last_len: std::sync::atomic::AtomicUsize,
}

impl PageFrame {
    pub(crate) fn new(
        title: &str,
        headers: &[&[Ft]],
        ftrs: &[Ft],
        htmlkw: &[(String, String)],
        bodykw: &[(String, String)],
    ) -> PageFrame {
        let mut open = String::from("<!doctype html>");
        open_with(&mut open, "html", htmlkw);
        open.push_str("<head>");
        let mut body_open = String::from("</head>");
        open_with(&mut body_open, "body", bodykw);
        let head = render_all(headers.iter().flat_map(|h| h.iter()));
        let close = render_all(ftrs) + "</body></html>";
        PageFrame {
            open,
            title: ft_html::prelude::Title!(title.to_owned()).render(),
            head_pieces: crate::security_headers::split_scripts(&head),
            close_pieces: crate::security_headers::split_scripts(&close),
            head,
            body_open,
            close,
            last_len: std::sync::atomic::AtomicUsize::new(4096),
        }
    }
}

/// The full page around `content` (SPEC 4.1, 4.6, 4.9, 4.10, 5.7): the app's title and
/// headers, the content's own head tags first, the body wrapped and followed by the footers.
/// With a CSP nonce, the frame's scripts and the content's top-level scripts carry it.
pub(crate) fn page(app: &AppInner, mut content: Vec<Ft>, nonce: Option<&str>) -> String {
    use std::sync::atomic::Ordering::Relaxed;
    if let Some(n) = nonce {
        for item in content.iter_mut().filter(|c| is_tag(c, &["script"])) {
            item.set("nonce", n.to_owned());
        }
    }
    if content.iter().any(|c| is_tag(c, &["html"])) {
        return render_all(&content);
    }
    let frame = &app.frame;
    let (head_items, body_items): (Vec<Ft>, Vec<Ft>) = content
        .into_iter()
        .partition(|c| is_tag(c, ft_tags::classes::HEAD));
    let mut out = String::with_capacity(frame.last_len.load(Relaxed));
    out.push_str(&frame.open);
    if !head_items.iter().any(|c| is_tag(c, &["title"])) {
        out.push_str(&frame.title);
    }
    for item in &head_items {
        item.render_into(&mut out);
    }
    match nonce {
        Some(n) => crate::security_headers::join_with_nonce(&mut out, &frame.head_pieces, n),
        None => out.push_str(&frame.head),
    }
    out.push_str(&frame.body_open);
    let body = Ft::Fragment(body_items);
    match &app.body_wrap {
        Some(wrap) => wrap(body).render_into(&mut out),
        None => body.render_into(&mut out),
    }
    match nonce {
        Some(n) => crate::security_headers::join_with_nonce(&mut out, &frame.close_pieces, n),
        None => out.push_str(&frame.close),
    }
    // A little over this page's size for the next one (pages of a route are alike).
    frame.last_len.store(out.len() + out.len() / 8, Relaxed);
    out
}

fn open_with(out: &mut String, tag: &'static str, attrs: &[(String, String)]) {
    let mut el = Element::new_static(tag, false);
    for (k, v) in attrs {
        el.set(k, v.as_str());
    }
    let html = Ft::Element(el).render();
    // `<tag ...></tag>`: keep the opening tag only.
    out.push_str(&html[..html.len() - tag.len() - 3]);
}
