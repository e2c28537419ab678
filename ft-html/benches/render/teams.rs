//! **teams**: a small page (template-benchmarks-rs): a title, `<h1>CSL 2015</h1>` and a list of
//! four teams (escaped name + score), the first with `class="champion"`.

use ft_html::prelude::*;

pub const PER_BATCH: usize = 20_000;

pub struct Team {
    pub name: String,
    pub score: u8,
}

pub struct Teams {
    pub year: u16,
    pub name: String,
    pub teams: Vec<Team>,
}

pub type Data = Teams;

pub fn data() -> Data {
    with(["Jiangsu", "Beijing", "Guangzhou", "Shandong"])
}

pub fn with(names: [&str; 4]) -> Teams {
    Teams {
        year: 2015,
        name: "Chinese Super League".into(),
        teams: names
            .iter()
            .zip([43, 27, 22, 12])
            .map(|(n, score)| Team {
                name: (*n).into(),
                score,
            })
            .collect(),
    }
}

/// ft's tree, before rendering (the `RENDER_SPLIT` mode times building and rendering apart).
pub fn tree(t: &Teams) -> Ft {
    tag!(
        "html",
        Head!(Title!(&t.name)),
        Body!(
            H1!("CSL ", t.year),
            Ul!(t.teams.iter().enumerate().map(|(i, team)| Li!(
                B!(&team.name),
                ": ",
                team.score,
                cls = (i == 0).then_some("champion"),
            ))),
        ),
    )
}

pub fn ft(t: &Teams) -> String {
    tree(t).render()
}

pub fn maud(t: &Teams) -> String {
    maud::html! {
        html {
            head { title { (t.name) } }
            body {
                h1 { "CSL " (t.year) }
                ul {
                    @for (i, team) in t.teams.iter().enumerate() {
                        li class=[(i == 0).then_some("champion")] {
                            b { (team.name) } ": " (team.score)
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
    source = "<html><head><title>{{ name }}</title></head><body><h1>CSL {{ year }}</h1><ul>\
{% for team in teams %}<li{% if loop.first %} class=\"champion\"{% endif %}><b>{{ team.name }}</b>: {{ team.score }}</li>{% endfor %}\
</ul></body></html>",
    ext = "html"
)]
struct AskamaTpl<'a> {
    year: u16,
    name: &'a str,
    teams: &'a [Team],
}

pub fn askama(t: &Teams) -> String {
    askama::Template::render(&AskamaTpl {
        year: t.year,
        name: &t.name,
        teams: &t.teams,
    })
    .unwrap()
}

#[derive(sailfish::TemplateOnce)]
#[template(path = "teams.stpl")]
struct SailfishTpl<'a> {
    year: u16,
    name: &'a str,
    teams: &'a [Team],
}

pub fn sailfish(t: &Teams) -> String {
    sailfish::TemplateOnce::render_once(SailfishTpl {
        year: t.year,
        name: &t.name,
        teams: &t.teams,
    })
    .unwrap()
}

pub fn check() {
    let ft = ft(&data());
    assert_eq!(
        ft,
        "<html><head><title>Chinese Super League</title></head><body><h1>CSL 2015</h1><ul>\
         <li class=\"champion\"><b>Jiangsu</b>: 43</li><li><b>Beijing</b>: 27</li>\
         <li><b>Guangzhou</b>: 22</li><li><b>Shandong</b>: 12</li></ul></body></html>"
    );
    // Names that need escaping (only `&`, `<`, `>`: askama and sailfish escape quotes too).
    let nasty = with(["A & B", "<script>", "x > y", "plain"]);
    let ft = self::ft(&nasty);
    assert!(
        ft.contains("<b>A &amp; B</b>") && ft.contains("<b>&lt;script&gt;</b>"),
        "{ft}"
    );
    crate::assert_same(
        "teams (escaped)",
        &ft,
        [
            ("maud", maud(&nasty)),
            ("askama", askama(&nasty)),
            ("sailfish", sailfish(&nasty)),
        ],
    );
}
