//! **cond_teams**: the teams page as an app writes it with ft's helpers: `Html!(..,
//! doctype = false)` around the page and the champion's class from an `if`/`else` giving an
//! `Option`. The markup is the teams page's, so the other engines' templates are teams'.

use crate::teams::{self, Teams};
use ft_html::prelude::*;

pub const PER_BATCH: usize = teams::PER_BATCH;

pub type Data = Teams;

pub fn data() -> Data {
    teams::data()
}

/// ft's tree, before rendering (the `RENDER_SPLIT` mode times building and rendering apart).
pub fn tree(t: &Teams) -> Ft {
    Html!(
        Head!(Title!(&t.name)),
        Body!(
            H1!("CSL ", t.year),
            Ul!(t.teams.iter().enumerate().map(|(i, team)| Li!(
                B!(&team.name),
                ": ",
                team.score,
                cls = if i == 0 { Some("champion") } else { None },
            ))),
        ),
        doctype = false,
    )
}

pub fn ft(t: &Teams) -> String {
    tree(t).render()
}

pub use teams::{askama, maud, sailfish};

pub fn check() {
    let t = data();
    assert_eq!(ft(&t), teams::ft(&t), "cond_teams: not the teams page");
}
