//! **todo_list**: 100 todos, each rendered by a component function mapped over the slice
//! (`Ul!(todos.iter().map(item), ..)`): a checkbox (`checked` for done ones), a link with
//! `format!`-built htmx attributes, the priority, and details. Some titles and details need
//! escaping; short ones fit ft's inline strings, longer ones do not.

use ft_html::prelude::*;

pub const PER_BATCH: usize = 50;

pub struct Todo {
    pub id: u32,
    pub title: String,
    pub details: String,
    pub priority: u8,
    pub done: bool,
}

pub type Data = Vec<Todo>;

pub fn data() -> Data {
    (1..=100)
        .map(|i| Todo {
            id: i,
            title: if i % 5 == 0 {
                format!("Call <Ann> & Bob about #{i}")
            } else {
                format!("Task {i}")
            },
            details: if i % 3 == 0 {
                format!("Needs > 2 hours & a room (ticket {i})")
            } else {
                format!("Due in {} days", i % 7)
            },
            priority: (i % 4) as u8,
            done: i % 4 == 0,
        })
        .collect()
}

fn item(t: &Todo) -> Ft {
    Li!(
        Input!(
            r#type = "checkbox",
            checked = t.done,
            hx_post = format!("/todos/{}/toggle", t.id)
        ),
        A!(
            &t.title,
            hx_get = format!("/todos/{}", t.id),
            hx_target = format!("#todo-{}", t.id),
            hx_swap = "outerHTML"
        ),
        Span!(format!("P{}", t.priority)),
        Small!(&t.details),
        id = format!("todo-{}", t.id)
    )
}

/// ft's tree, before rendering (the `RENDER_SPLIT` mode times building and rendering apart).
pub fn tree(todos: &Data) -> Ft {
    Ul!(todos.iter().map(item), id = "todo-list")
}

pub fn ft(todos: &Data) -> String {
    tree(todos).render()
}

pub fn maud(todos: &Data) -> String {
    maud::html! {
        ul id="todo-list" {
            @for t in todos {
                li id={ "todo-" (t.id) } {
                    input type="checkbox" checked[t.done] hx-post={ "/todos/" (t.id) "/toggle" };
                    a href="#" hx-get={ "/todos/" (t.id) } hx-swap="outerHTML" hx-target={ "#todo-" (t.id) } { (t.title) }
                    span { "P" (t.priority) }
                    small { (t.details) }
                }
            }
        }
    }
    .into_string()
}

#[derive(askama::Template)]
#[template(
    source = "<ul id=\"todo-list\">{% for t in todos %}<li id=\"todo-{{ t.id }}\">\
<input type=\"checkbox\"{% if t.done %} checked{% endif %} hx-post=\"/todos/{{ t.id }}/toggle\">\
<a href=\"#\" hx-get=\"/todos/{{ t.id }}\" hx-swap=\"outerHTML\" hx-target=\"#todo-{{ t.id }}\">{{ t.title }}</a>\
<span>P{{ t.priority }}</span><small>{{ t.details }}</small></li>{% endfor %}</ul>",
    ext = "html"
)]
struct AskamaTpl<'a> {
    todos: &'a [Todo],
}

pub fn askama(todos: &Data) -> String {
    askama::Template::render(&AskamaTpl { todos }).unwrap()
}

#[derive(sailfish::TemplateOnce)]
#[template(path = "todo_list.stpl")]
struct SailfishTpl<'a> {
    todos: &'a [Todo],
}

pub fn sailfish(todos: &Data) -> String {
    sailfish::TemplateOnce::render_once(SailfishTpl { todos }).unwrap()
}

pub fn check() {
    let ft = ft(&data());
    for part in [
        "<ul id=\"todo-list\"><li id=\"todo-1\"><input type=\"checkbox\" hx-post=\"/todos/1/toggle\">",
        "<li id=\"todo-4\"><input type=\"checkbox\" checked hx-post=\"/todos/4/toggle\">",
        ">Call &lt;Ann&gt; &amp; Bob about #5</a>",
        "<small>Needs &gt; 2 hours &amp; a room (ticket 3)</small>",
    ] {
        assert!(
            ft.contains(part),
            "todo_list: no {part:?} in {}",
            &ft[..400]
        );
    }
}
