//! An in-process harness for screen flows: the app on a fresh demo store
//! in a temporary directory, a fixed wall clock and a scripted monotonic
//! one, keys typed as a string, time moved by hand, and the frame drawn on
//! a `TestBackend` as text (for assertions and insta snapshots). No
//! terminal, no sleeps: debounces, the wizard's timer and its type-ahead
//! guard read the scripted clock.
//!
//! ```text
//! let mut h = Harness::demo();
//! h.keys("<Enter>w");            // open run #2 (the cursor's), the wizard
//! h.advance(Duration::from_secs(1));
//! let frame = h.frame();
//! ```

use super::action::Action;
use super::app::{App, Start};
use super::screen::Clock;
use super::theme::{ColorMode, Theme};
use crate::domain::ProjectCode;
use crate::service::{Service, ServiceError};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The wall clock of every harness: 2025-11-22 08:26:40 UTC.
pub fn fixed_now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_763_800_000, 0).unwrap_or_default()
}

pub struct Harness {
    /// The store's directory; removed when the harness drops.
    pub dir: tempfile::TempDir,
    pub app: App,
    /// Milliseconds since `base` on the scripted monotonic clock.
    millis: Arc<AtomicU64>,
    width: u16,
    height: u16,
}

impl Harness {
    /// The app on the runs tab of a fresh demo store, drawn at 80x24.
    ///
    /// # Panics
    /// When the temporary store cannot be made: a test cannot go on then.
    pub fn demo() -> Self {
        Self::demo_at(Start::Home)
    }

    /// Like `demo`, opening at `start`.
    ///
    /// # Panics
    /// When the temporary store cannot be made.
    pub fn demo_at(start: Start) -> Self {
        Self::made_by(|svc| svc.write_demo(fixed_now()), start)
    }

    /// The app on project LOAD of `demo --cases N`'s generator (run #1 over
    /// all `cases` cases), opening at `start`; its
    /// first frame drawn, and nothing left for after it done yet.
    ///
    /// # Panics
    /// When the temporary store cannot be made.
    pub fn synthetic_at(cases: usize, start: Start) -> Self {
        Self::made_by(|svc| svc.write_synthetic(cases, fixed_now()), start)
    }

    fn made_by(fill: impl FnOnce(&mut Service) -> Result<ProjectCode, ServiceError>, start: Start) -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let svc = Service::open(&dir.path().join("store"), "alice").expect("a store");
        let mut svc = svc.with_clock(Arc::new(fixed_now));
        let code: ProjectCode = fill(&mut svc).expect("the project");
        let millis = Arc::new(AtomicU64::new(0));
        let base = Instant::now();
        let read = Arc::clone(&millis);
        let clock = Clock::new(move || base + Duration::from_millis(read.load(Ordering::SeqCst)));
        let theme = Theme {
            color: ColorMode::Named,
            ascii: false,
        };
        let app = App::with_clock(svc, code, start, theme, clock).expect("the app");
        let mut h = Self {
            dir,
            app,
            millis,
            width: 80,
            height: 24,
        };
        h.draw();
        h
    }

    /// Draws at `width` x `height` from now on.
    pub fn size(&mut self, width: u16, height: u16) -> &mut Self {
        self.width = width;
        self.height = height;
        self
    }

    /// Types `keys`: each character is a key; `<Name>` is a named key
    /// (`<Enter>`, `<Esc>`, `<Tab>`, `<BackTab>`, `<Up>`, `<Down>`,
    /// `<Left>`, `<Right>`, `<PgUp>`, `<PgDn>`, `<Space>`, `<BS>`) and
    /// `<C-x>` is Ctrl with `x`. A frame is drawn after each key, as the
    /// event loop does.
    ///
    /// # Panics
    /// On a `<...>` the harness does not know (a mistake in the test).
    pub fn keys(&mut self, keys: &str) -> &mut Self {
        for ev in key_events(keys) {
            self.key(ev);
        }
        self
    }

    /// One key press, then a frame (and whatever the screen left for
    /// after its first frame).
    pub fn key(&mut self, ev: KeyEvent) -> &mut Self {
        self.app.on_key(ev);
        self.settle();
        self
    }

    /// One action, as if its key was pressed.
    pub fn act(&mut self, action: Action) -> &mut Self {
        self.app.update(action);
        self.settle();
        self
    }

    /// What the store's server would push (a change made elsewhere, the
    /// others' presence, a reconnection), delivered as the event loop
    /// delivers a batch, then a frame.
    pub fn push(&mut self, batch: Vec<crate::service::Pushed>) -> &mut Self {
        self.app.on_pushed(batch);
        self.settle();
        self
    }

    /// Does what the screen left for after its first frame, drawing after
    /// each step (as the event loop does before it takes a key).
    pub fn after_first_frame(&mut self) -> &mut Self {
        while self.app.after_frame() {
            self.draw();
        }
        self
    }

    /// Moves the monotonic clock by `by`, then gives the app its tick (as
    /// the event loop does every second).
    pub fn advance(&mut self, by: Duration) -> &mut Self {
        self.millis.fetch_add(by.as_millis() as u64, Ordering::SeqCst);
        self.app.on_tick();
        self.settle();
        self
    }

    /// Waits (up to 30 s) until every job running off the UI thread has
    /// reported, delivers the reports as the event loop does, and draws.
    ///
    /// # Panics
    /// When a job is still running after 30 s (a test's fake tracker hung).
    pub fn wait_jobs(&mut self) -> &mut Self {
        let until = Instant::now() + Duration::from_secs(30);
        while self.app.jobs.busy() {
            assert!(Instant::now() < until, "a job still runs after 30 s");
            if !self.app.poll_jobs() {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        self.app.poll_jobs();
        self.settle();
        self
    }

    /// The frame as text, one line per row (for assertions and
    /// `insta::assert_snapshot!`).
    pub fn frame(&mut self) -> String {
        let t = self.draw();
        let buffer = t.backend().buffer();
        let width = buffer.area.width as usize;
        let cells: Vec<&str> = buffer.content().iter().map(|c| c.symbol()).collect();
        cells
            .chunks(width.max(1))
            .map(|row| row.concat())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The footer's notice, if one is up.
    pub fn notice(&self) -> Option<String> {
        self.app.notice().map(|n| n.text.clone())
    }

    fn settle(&mut self) {
        if self.app.dirty {
            self.draw();
            self.app.dirty = false;
            while self.app.after_frame() {
                self.draw();
            }
        }
    }

    fn draw(&mut self) -> Terminal<TestBackend> {
        let mut t = Terminal::new(TestBackend::new(self.width, self.height)).expect("a test terminal");
        t.draw(|f| self.app.render(f)).expect("a frame");
        t
    }
}

/// The key presses `keys` names, written as `Harness::keys` takes them.
///
/// # Panics
/// On a `<...>` the harness does not know (a mistake in the test).
pub fn key_events(keys: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut chars = keys.chars();
    while let Some(c) = chars.next() {
        out.push(if c == '<' {
            let name: String = chars.by_ref().take_while(|c| *c != '>').collect();
            named(&name).unwrap_or_else(|| panic!("unknown key <{name}>"))
        } else {
            let shift = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            KeyEvent::new(KeyCode::Char(c), shift)
        });
    }
    out
}

fn named(name: &str) -> Option<KeyEvent> {
    let plain = |code| Some(KeyEvent::new(code, KeyModifiers::NONE));
    match name {
        "Enter" => plain(KeyCode::Enter),
        "Esc" => plain(KeyCode::Esc),
        "Tab" => plain(KeyCode::Tab),
        "BackTab" => Some(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        "Up" => plain(KeyCode::Up),
        "Down" => plain(KeyCode::Down),
        "Left" => plain(KeyCode::Left),
        "Right" => plain(KeyCode::Right),
        "PgUp" => plain(KeyCode::PageUp),
        "PgDn" => plain(KeyCode::PageDown),
        "Space" => plain(KeyCode::Char(' ')),
        "BS" => plain(KeyCode::Backspace),
        _ => {
            let c = name.strip_prefix("C-")?;
            let mut chars = c.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return None;
            };
            Some(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
        }
    }
}
