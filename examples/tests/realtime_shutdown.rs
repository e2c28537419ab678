//! The realtime example's number stream ends when the server shuts down (FastHTML's
//! `signal_shutdown`). Its own test binary: the shutdown signal is process-wide and stays set.

mod common;

#[allow(dead_code)]
#[path = "../examples/realtime.rs"]
mod realtime;

use common::Running;
use common::sse::Sse;

#[test]
fn number_stream_ends_on_shutdown() {
    let server = Running::start(realtime::app);
    let mut sse = Sse::open(&server, "/number-stream");
    assert!(sse.next_event().is_some(), "a first number");
    ft_web::trigger_shutdown();
    // At most the number already on its way, then the end of the stream (not a timeout).
    let mut after = 0;
    while sse.next_event().is_some() {
        after += 1;
        assert!(after <= 1, "the stream goes on after shutdown");
    }
}
