//! An external issue's URL: copied with OSC 52 (works over SSH), or opened
//! in a local browser when one can be used, detached so the UI never waits.

use super::DefectsScreen;
use crate::tui::screen::Notices;
use crate::tui::widgets::clipboard;
use std::process::{Command, Stdio};

/// The shell command that opens a URL (given as `$1`), if a local browser
/// can be used: `$BROWSER` (its first entry; `%s` stands for the URL), else
/// `xdg-open` on a graphical session (`graphical`, when it is installed).
pub fn browser_command(browser: Option<&str>, graphical: bool, xdg_open: bool) -> Option<String> {
    let first = browser
        .and_then(|b| b.split(':').map(str::trim).find(|b| !b.is_empty()))
        .map(str::to_string);
    match first {
        Some(b) if b.contains("%s") => Some(b.replace("%s", "\"$1\"")),
        Some(b) => Some(format!("{b} \"$1\"")),
        None if graphical && xdg_open => Some("xdg-open \"$1\"".into()),
        None => None,
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|dir| dir.join(program).is_file()))
}

/// The browser command for this process's environment.
fn local_browser() -> Option<String> {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    let browser = std::env::var("BROWSER").ok();
    let graphical = set("DISPLAY") || set("WAYLAND_DISPLAY");
    browser_command(browser.as_deref(), graphical, graphical && on_path("xdg-open"))
}

/// Starts `command` with the URL, in its own process group, with no
/// terminal I/O; a thread reaps it.
fn spawn_detached(command: &str, url: &str) -> std::io::Result<()> {
    use std::os::unix::process::CommandExt;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .arg("stepwise-browser")
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()?;
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

impl DefectsScreen {
    pub(super) fn copy_url(&mut self, notices: &mut Notices, url: &str) {
        match clipboard::copy(url) {
            Ok(()) => notices.info(format!("Copied to the clipboard: {url}")),
            Err(e) => notices.error(format!("cannot write to the terminal: {e}")),
        }
    }

    pub(super) fn open_url(&mut self, notices: &mut Notices, url: &str) {
        let Some(command) = local_browser() else {
            let _ = clipboard::copy(url);
            notices.info(format!("no local browser: the URL was copied ({url})"));
            return;
        };
        match spawn_detached(&command, url) {
            Ok(()) => notices.info(format!("Opening {url} in the browser")),
            Err(e) => {
                let _ = clipboard::copy(url);
                notices.error(format!("cannot start the browser ({e}): the URL was copied"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_only_when_one_can_be_used() {
        assert_eq!(browser_command(None, false, true), None);
        assert_eq!(browser_command(None, true, false), None);
        assert_eq!(
            browser_command(Some(""), true, true).as_deref(),
            Some("xdg-open \"$1\"")
        );
        assert_eq!(
            browser_command(Some("w3m"), false, false).as_deref(),
            Some("w3m \"$1\"")
        );
        assert_eq!(
            browser_command(Some(":firefox %s:chromium"), false, false).as_deref(),
            Some("firefox \"$1\"")
        );
    }
}
