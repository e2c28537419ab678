use ft_web::prelude::*;

#[rt("/users/{user_id}/posts/{post_id}")]
fn post(user_id: i64) -> String {
    user_id.to_string()
}

fn main() {}
