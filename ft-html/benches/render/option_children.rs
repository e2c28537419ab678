//! **option_children**: 50 user profile cards whose avatar, bio and badge are optional: the
//! children are `Option<Ft>`s, `Some` or `None` depending on the user. Some names and bios need
//! escaping (a name also appears in an attribute, the avatar's `alt`).

use ft_html::prelude::*;

pub const PER_BATCH: usize = 100;

pub struct User {
    pub id: u32,
    pub name: String,
    pub avatar: Option<String>,
    pub bio: Option<String>,
    pub badge: Option<&'static str>,
}

pub type Data = Vec<User>;

pub fn data() -> Data {
    (1..=50)
        .map(|i| User {
            id: i,
            name: if i % 7 == 0 {
                format!("Ann & <Bob> {i}")
            } else {
                format!("User {i}")
            },
            avatar: (i % 2 == 0).then(|| format!("/avatars/{i}.png")),
            bio: (i % 3 != 0).then(|| format!("Writes about Rust & <html> templates ({i})")),
            badge: match i % 5 {
                0 => Some("admin"),
                1 => Some("new"),
                _ => None,
            },
        })
        .collect()
}

fn profile(u: &User) -> Ft {
    Article!(
        u.avatar.as_ref().map(|src| Img!(src = src, alt = &u.name)),
        H3!(&u.name),
        u.bio.as_ref().map(|bio| P!(bio)),
        u.badge.map(|badge| Mark!(badge)),
        id = format!("user-{}", u.id),
        cls = "profile",
    )
}

/// ft's tree, before rendering (the `RENDER_SPLIT` mode times building and rendering apart).
pub fn tree(users: &Data) -> Ft {
    Section!(users.iter().map(profile), id = "users")
}

pub fn ft(users: &Data) -> String {
    tree(users).render()
}

pub fn maud(users: &Data) -> String {
    maud::html! {
        section id="users" {
            @for u in users {
                article id={ "user-" (u.id) } class="profile" {
                    @if let Some(src) = &u.avatar {
                        img src=(src) alt=(u.name);
                    }
                    h3 { (u.name) }
                    @if let Some(bio) = &u.bio {
                        p { (bio) }
                    }
                    @if let Some(badge) = u.badge {
                        mark { (badge) }
                    }
                }
            }
        }
    }
    .into_string()
}

#[derive(askama::Template)]
#[template(
    source = "<section id=\"users\">{% for u in users %}<article id=\"user-{{ u.id }}\" class=\"profile\">\
{% if let Some(src) = u.avatar %}<img src=\"{{ src }}\" alt=\"{{ u.name }}\">{% endif %}\
<h3>{{ u.name }}</h3>{% if let Some(bio) = u.bio %}<p>{{ bio }}</p>{% endif %}\
{% if let Some(badge) = u.badge %}<mark>{{ badge }}</mark>{% endif %}</article>{% endfor %}</section>",
    ext = "html"
)]
struct AskamaTpl<'a> {
    users: &'a [User],
}

pub fn askama(users: &Data) -> String {
    askama::Template::render(&AskamaTpl { users }).unwrap()
}

#[derive(sailfish::TemplateOnce)]
#[template(path = "option_children.stpl")]
struct SailfishTpl<'a> {
    users: &'a [User],
}

pub fn sailfish(users: &Data) -> String {
    sailfish::TemplateOnce::render_once(SailfishTpl { users }).unwrap()
}

pub fn check() {
    let ft = ft(&data());
    for part in [
        "<section id=\"users\"><article id=\"user-1\" class=\"profile\"><h3>User 1</h3><p>",
        "<article id=\"user-14\" class=\"profile\"><img src=\"/avatars/14.png\" alt=\"Ann &amp; &lt;Bob&gt; 14\"><h3>Ann &amp; &lt;Bob&gt; 14</h3><p>",
        "<article id=\"user-15\" class=\"profile\"><h3>User 15</h3><mark>admin</mark></article>",
    ] {
        assert!(
            ft.contains(part),
            "option_children: no {part:?} in {}",
            &ft[..600]
        );
    }
}
