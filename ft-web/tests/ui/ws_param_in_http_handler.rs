use ft_web::prelude::*;

// A socket's sender exists only in a websocket handler or hook.
#[get("/send")]
fn send_page(send: WsSend) -> String {
    send.id().to_string()
}

// A hook has no message: plain values are not its parameters.
async fn joined(room: String) {
    let _ = room;
}

#[ws("/chat", conn = joined)]
async fn chat(msg: String) -> String {
    msg
}

fn main() {
    let _ = (send_page, chat);
}
