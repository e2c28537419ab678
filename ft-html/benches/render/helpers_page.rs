//! **helpers_page**: a whole page built from ft's helpers, as FastHTML apps write pages:
//! `Html!` (doctype, `<html lang>`), `Titled!` (`<title>` and `<main class="container">` with
//! an `<h1>`), Pico's `Grid!` (each child wrapped in a `<div>`; an iterator's items are not)
//! and `Card!` (an `<article>` with a `<header>` and a `<footer>`). Three stat cards, then a
//! grid of 12 post cards. The other engines write the same markup by hand
//! (ft-html/src/xtend/page.rs and pico.rs say what the helpers render).

use ft_html::pico::{Card, Grid};
use ft_html::prelude::*;

pub const PER_BATCH: usize = 500;

pub struct Post {
    pub id: u32,
    pub title: String,
    pub summary: String,
}

pub struct Page {
    pub title: String,
    pub intro: String,
    pub stats: [(&'static str, u32); 3],
    pub posts: Vec<Post>,
}

pub type Data = Page;

pub fn data() -> Data {
    Page {
        title: "Reports & dashboards".into(),
        intro: "Welcome back, <admin>: 12 new posts this week.".into(),
        stats: [("Users", 1_204), ("Open", 37), ("Closed", 5_210)],
        posts: (1..=12)
            .map(|i| Post {
                id: i,
                title: format!("Week {i}: tips & tricks"),
                summary: format!("What we learned in week {i}, in <5 minutes>."),
            })
            .collect(),
    }
}

fn post_card(p: &Post) -> Ft {
    Card!(
        P!(&p.summary),
        header = H3!(&p.title),
        footer = A!("Read more", href = format!("/posts/{}", p.id)),
    )
}

/// ft's tree, before rendering (the `RENDER_SPLIT` mode times building and rendering apart).
pub fn tree(p: &Page) -> Ft {
    let [(l0, v0), (l1, v1), (l2, v2)] = p.stats;
    Html!(
        Head!(
            Meta!(charset = "utf-8"),
            Link!(rel = "stylesheet", href = "/static/pico.min.css"),
        ),
        Body!(Titled!(
            &p.title,
            P!(&p.intro),
            Grid!(
                Card!(Strong!(v0), header = l0),
                Card!(Strong!(v1), header = l1),
                Card!(Strong!(v2), header = l2),
            ),
            Grid!(p.posts.iter().map(post_card)),
        )),
        lang = "en",
    )
}

pub fn ft(p: &Page) -> String {
    tree(p).render()
}

pub fn maud(p: &Page) -> String {
    maud::html! {
        (maud::PreEscaped("<!doctype html>"))
        html lang="en" {
            head {
                meta charset="utf-8";
                link rel="stylesheet" href="/static/pico.min.css";
            }
            body {
                title { (p.title) }
                main class="container" {
                    h1 { (p.title) }
                    p { (p.intro) }
                    div class="grid" {
                        @for (label, value) in &p.stats {
                            div { article { header { (label) } strong { (value) } } }
                        }
                    }
                    div class="grid" {
                        @for post in &p.posts {
                            article {
                                header { h3 { (post.title) } }
                                p { (post.summary) }
                                footer { a href={ "/posts/" (post.id) } { "Read more" } }
                            }
                        }
                    }
                }
            }
        }
    }
    .into_string()
}

#[derive(askama::Template)]
#[template(
    source = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<link rel=\"stylesheet\" href=\"/static/pico.min.css\"></head><body><title>{{ title }}</title>\
<main class=\"container\"><h1>{{ title }}</h1><p>{{ intro }}</p><div class=\"grid\">\
{% for (label, value) in stats %}<div><article><header>{{ label }}</header><strong>{{ value }}</strong></article></div>{% endfor %}\
</div><div class=\"grid\">{% for post in posts %}<article><header><h3>{{ post.title }}</h3></header>\
<p>{{ post.summary }}</p><footer><a href=\"/posts/{{ post.id }}\">Read more</a></footer></article>{% endfor %}\
</div></main></body></html>",
    ext = "html"
)]
struct AskamaTpl<'a> {
    title: &'a str,
    intro: &'a str,
    stats: &'a [(&'static str, u32)],
    posts: &'a [Post],
}

pub fn askama(p: &Page) -> String {
    askama::Template::render(&AskamaTpl {
        title: &p.title,
        intro: &p.intro,
        stats: &p.stats,
        posts: &p.posts,
    })
    .unwrap()
}

#[derive(sailfish::TemplateOnce)]
#[template(path = "helpers_page.stpl")]
struct SailfishTpl<'a> {
    title: &'a str,
    intro: &'a str,
    stats: &'a [(&'static str, u32)],
    posts: &'a [Post],
}

pub fn sailfish(p: &Page) -> String {
    sailfish::TemplateOnce::render_once(SailfishTpl {
        title: &p.title,
        intro: &p.intro,
        stats: &p.stats,
        posts: &p.posts,
    })
    .unwrap()
}

pub fn check() {
    let ft = ft(&data());
    for part in [
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<title>Reports &amp; dashboards</title><main class=\"container\"><h1>Reports &amp; dashboards</h1>",
        "<div class=\"grid\"><div><article><header>Users</header><strong>1204</strong></article></div>",
        "<div class=\"grid\"><article><header><h3>Week 1: tips &amp; tricks</h3></header>",
        "<footer><a href=\"/posts/12\">Read more</a></footer></article></div></main></body></html>",
    ] {
        assert!(ft.contains(part), "helpers_page: no {part:?} in {ft}");
    }
}
