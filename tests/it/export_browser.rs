//! The HTML report rendered in headless Chromium (Debian's `chromium`):
//! the page must load without a script or console error, its DOM must hold
//! the run title and every test title, hostile text must stay text, and the
//! screenshot must not be blank. Without chromium the test fails under CI
//! (`.ci/run` installs it) and is skipped with a note elsewhere.

use crate::e2e;

use e2e::{cli_json, cli_ok, demo_store};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const HOSTILE: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>";

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

struct Rendered {
    stdout: String,
    stderr: String,
}

/// Runs chromium headless on `page` with `mode` (`--dump-dom` or
/// `--screenshot=FILE`), killed after a minute.
fn render(browser: &Path, page: &Path, mode: &str) -> Rendered {
    let profile = tempfile::tempdir().expect("profile dir");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1200,900",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(mode)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let (out, err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let read = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = r.read_to_end(&mut s);
            String::from_utf8_lossy(&s).into_owned()
        })
    };
    let (out, err) = (read(Box::new(out)), read(Box::new(err)));
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium did not finish in 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Rendered {
        stdout: out.join().expect("stdout"),
        stderr: err.join().expect("stderr"),
    }
}

/// Console messages and uncaught errors chromium logged for the page.
fn page_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("Content Security Policy"))
        .collect()
}

/// Share of pixels that are not (nearly) white.
fn ink(png_path: &Path) -> f64 {
    let decoder = png::Decoder::new(std::fs::File::open(png_path).expect("screenshot"));
    let mut reader = decoder.read_info().expect("PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("frame");
    let channels = info.color_type.samples();
    let pixels = &buf[..info.buffer_size()];
    let dark = pixels
        .chunks(channels)
        .filter(|p| p.iter().take(3).any(|&c| c < 200))
        .count();
    dark as f64 / (pixels.len() / channels) as f64
}

#[test]
fn html_report_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        if std::env::var_os("CI").is_some() {
            panic!("chromium is not installed; .ci/run installs it (apt-get install -y chromium)");
        }
        eprintln!("note: chromium not found; skipping the headless render of the HTML report");
        return;
    };
    let store = demo_store();
    let dir = store.path();
    cli_ok(dir, &["run", "new", "--title", HOSTILE, "--suite", "Checkout"]);
    let runs = cli_json(dir, &["runs"]);
    let run = runs.as_array().and_then(|r| r.first()).expect("a run")["number"].to_string();
    let tests = cli_json(dir, &["run", "show", &run])["tests"]
        .as_array()
        .cloned()
        .expect("tests");
    let first = tests[0]["case"].as_str().expect("case").to_string();
    cli_ok(
        dir,
        &["result", &run, &first, "--status", "failed", "--comment", HOSTILE],
    );
    let out = tempfile::tempdir().expect("temp dir");
    let page = out.path().join("report.html");
    cli_ok(dir, &["export", &run, "--format", "html", "-o", page.to_str().unwrap()]);

    // A page with a script error must be caught: the check itself works.
    let bad = out.path().join("bad.html");
    std::fs::write(&bad, "<!DOCTYPE html><p>x</p><script>missing_function()</script>").unwrap();
    let r = render(&browser, &bad, "--dump-dom");
    assert!(
        !page_errors(&r.stderr).is_empty(),
        "the error check saw nothing: {}",
        r.stderr
    );

    let r = render(&browser, &page, "--dump-dom");
    assert!(
        page_errors(&r.stderr).is_empty(),
        "errors: {:?}",
        page_errors(&r.stderr)
    );
    let dom = &r.stdout;
    assert!(dom.contains("id=\"run-title\""), "no run title in the DOM: {dom}");
    assert!(
        dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the hostile title is not shown as text"
    );
    assert!(
        !dom.contains("<script") && !dom.contains("<img"),
        "hostile markup became elements"
    );
    for t in &tests {
        let title = t["title"].as_str().expect("title");
        assert!(dom.contains(&title.replace('&', "&amp;")), "{title} is missing");
    }

    let shot = out.path().join("shot.png");
    let r = render(&browser, &page, &format!("--screenshot={}", shot.display()));
    assert!(
        page_errors(&r.stderr).is_empty(),
        "errors: {:?}",
        page_errors(&r.stderr)
    );
    let ink = ink(&shot);
    assert!(ink > 0.01, "the page looks blank ({:.3}% ink)", ink * 100.0);
}
