//! Hooks for the end-to-end tests of the panic and abort paths, built only
//! with the `test-hooks` feature (never in the shipped binary): with
//! `STEPWISE_TEST_PANIC_KEY` set, `!` panics and `@` overflows a stack.

use crossterm::event::{KeyCode, KeyEvent};

pub fn on_key(ev: &KeyEvent) {
    if std::env::var_os("STEPWISE_TEST_PANIC_KEY").is_none() {
        return;
    }
    match ev.code {
        KeyCode::Char('!') => panic!("test panic requested by STEPWISE_TEST_PANIC_KEY"),
        KeyCode::Char('@') => stack_overflow(),
        _ => {}
    }
}

/// A real stack overflow on a thread of its own (Rust prints it and
/// aborts the process).
fn stack_overflow() {
    fn deeper(n: u64) -> u64 {
        let pad = std::hint::black_box([n; 64]);
        if pad[0] == u64::MAX {
            return 0;
        }
        pad[1] + deeper(n + 1)
    }
    let t = std::thread::Builder::new().stack_size(64 * 1024).spawn(|| deeper(0));
    if let Ok(t) = t {
        let _ = t.join();
    }
}
