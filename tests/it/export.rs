//! `stepwise export RUN --format ...` on the demo store: every format read
//! back with a real parser, hostile text kept as text, files written whole
//! with mode 0644, bad input refused with exit 2.

use crate::e2e;

use e2e::{cli, cli_command, cli_json, cli_ok, demo_store};
use quick_xml::events::Event;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

/// `stepwise export ARGS` that must succeed: raw standard output.
fn export(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = cli_command(dir, &[&["export"], args].concat(), &[])
        .output()
        .expect("run stepwise");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "export {args:?} failed: {err}");
    out.stdout
}

/// Run 2 with hostile and awkward text: a formula comment, a hostile
/// defect linked to a failure, a hostile comment, non-ASCII text.
fn hostile_store() -> tempfile::TempDir {
    let store = demo_store();
    let dir = store.path();
    cli_ok(dir, &["defect", "new", "--title", SCRIPT, "--actual", IMG]);
    let defects = cli_json(dir, &["defects"]);
    let id = defects
        .as_array()
        .and_then(|a| a.iter().find(|d| d["title"] == SCRIPT))
        .and_then(|d| d["id"].as_str())
        .expect("the new defect")
        .to_string();
    let comment = format!("{IMG} | pipe\nsecond line {SCRIPT}");
    let args = [
        "result",
        "2",
        "DEMO-6",
        "--config",
        "Chrome",
        "--status",
        "failed",
        "--comment",
        &comment,
    ];
    cli_ok(dir, &[&args[..], &["--defect", &id]].concat());
    let args = ["result", "2", "DEMO-6", "--config", "Firefox", "--status", "passed"];
    cli_ok(dir, &[&args[..], &["--comment", "=HYPERLINK(\"http://x\")"]].concat());
    let args = ["result", "2", "DEMO-7", "--config", "Chrome", "--status", "blocked"];
    cli_ok(
        dir,
        &[
            &args[..],
            &["--comment", "Grüße – Привет – Ελληνικά – 日本語 ✓ \u{1} tab\tend"],
        ]
        .concat(),
    );
    store
}

fn run_tests(dir: &Path) -> Vec<serde_json::Value> {
    cli_json(dir, &["run", "show", "2"])["tests"]
        .as_array()
        .cloned()
        .expect("tests")
}

#[test]
fn csv_has_one_row_per_test_and_result_with_formulas_neutralised() {
    let store = hostile_store();
    let bytes = export(store.path(), &["2", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header = reader.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let expected: usize = run_tests(store.path())
        .iter()
        .map(|t| t["results"].as_array().map_or(0, Vec::len).max(1))
        .sum();
    assert_eq!(rows.len(), expected);
    let comments: Vec<&str> = rows.iter().map(|r| &r[col("comment")]).collect();
    assert!(comments.contains(&"'=HYPERLINK(\"http://x\")"), "{comments:?}");
    assert!(comments.iter().all(|c| !c.starts_with(['=', '+', '-', '@'])));
    let untested = rows.iter().filter(|r| &r[col("test_status")] == "untested").count();
    assert!(untested > 0 && rows.iter().all(|r| &r[col("run")] == "#2"));
    assert!(rows.iter().any(|r| r[col("defects")].contains(SCRIPT)));
}

#[test]
fn json_is_the_run_show_document() {
    let store = hostile_store();
    let bytes = export(store.path(), &["2", "--format", "json"]);
    let exported: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(exported, cli_json(store.path(), &["run", "show", "2"]));
}

#[test]
fn junit_has_one_testcase_per_test_and_failures_for_negative_statuses() {
    let store = hostile_store();
    let bytes = export(store.path(), &["2", "--format", "junit"]);
    let mut reader = quick_xml::Reader::from_reader(bytes.as_slice());
    let (mut cases, mut failures, mut skipped, mut ids) = (0, 0, 0, Vec::new());
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"testcase" => cases += 1,
                b"failure" => failures += 1,
                b"skipped" => skipped += 1,
                b"property" => {
                    let attr = |k: &[u8]| {
                        e.try_get_attribute(k)
                            .expect("attribute")
                            .map(|a| a.unescape_value().expect("escaped").into_owned())
                    };
                    if attr(b"name").as_deref() == Some("stepwise_id") {
                        ids.push(attr(b"value").expect("value"));
                    }
                }
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    let tests = run_tests(store.path());
    let status = |s: &str| tests.iter().filter(|t| t["status"] == s).count();
    assert_eq!(cases, tests.len());
    assert_eq!(ids.len(), tests.len());
    assert!(ids.contains(&"DEMO-6".to_string()));
    assert_eq!(failures, status("failed") + status("blocked") + status("invalid"));
    assert_eq!(skipped, status("skipped") + status("untested") + status("retest"));
}

#[test]
fn markdown_has_the_summary_and_a_row_per_test_with_cells_escaped() {
    let store = hostile_store();
    let md = String::from_utf8(export(store.path(), &["2", "--format", "md"])).expect("UTF-8");
    assert!(md.starts_with("# DEMO #2 "), "{md}");
    assert!(md.contains("## Summary") && md.contains("## Tests") && md.contains("## Failures"));
    let rows = md.lines().filter(|l| l.starts_with("| DEMO-")).count();
    // Every test once in Tests, plus the failing ones in Failures.
    assert!(rows >= run_tests(store.path()).len(), "{md}");
    assert!(md.contains("\\| pipe<br>second line"), "{md}");
    assert!(!md.contains("<script>") && !md.contains("<img"), "{md}");
}

/// The rows of the Markdown table under `heading`, as cells.
fn md_table(md: &str, heading: &str) -> Vec<Vec<String>> {
    let section = md.split(heading).nth(1).unwrap_or_else(|| panic!("no {heading}: {md}"));
    section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.trim_matches('|').split(" | ").map(|c| c.trim().to_string()).collect())
        .collect()
}

/// The share column adds up to 100%, a failed step is named by its text,
/// and the failures say in which configuration they happened.
#[test]
fn markdown_shares_add_up_and_failures_name_the_step_and_configuration() {
    let store = demo_store();
    let dir = store.path();
    let args = ["result", "2", "DEMO-6", "--config", "Firefox", "--status", "failed"];
    cli_ok(
        dir,
        &[&args[..], &["--step", "1=passed", "--step", "2=failed"]].concat(),
    );
    let md = String::from_utf8(export(dir, &["2", "--format", "md"])).expect("UTF-8");
    let summary = md_table(&md, "## Summary");
    assert_eq!(summary[0], ["Status", "Tests", "Share"]);
    let slices = &summary[2..summary.len() - 1];
    let share: u32 = slices
        .iter()
        .map(|r| r[2].trim_end_matches('%').parse::<u32>().unwrap())
        .sum();
    // 6, 2, 1, 1 and 18 of 28 tests: rounded down they make 98%.
    assert_eq!(share, 100, "{md}");
    let failures = md_table(&md, "## Failures");
    assert_eq!(
        failures[0],
        ["Case", "Title", "Config", "Status", "Comment", "Failed steps"]
    );
    let row = failures
        .iter()
        .find(|r| r[0] == "DEMO-6")
        .unwrap_or_else(|| panic!("{md}"));
    assert_eq!(row[2], "Firefox");
    assert_eq!(row[5], "2. Open the reset link that is older than 60 minutes");
}

#[test]
fn html_keeps_hostile_text_as_text() {
    let store = hostile_store();
    let dir = store.path();
    cli_ok(dir, &["run", "new", "--title", SCRIPT, "--case", "DEMO-1"]);
    let html = String::from_utf8(export(dir, &["2", "--format", "html"])).expect("UTF-8");
    for raw in ["<script", "<img", "onerror=alert(1)>"] {
        assert!(!html.contains(raw), "{raw} got through");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("<svg") && html.contains("DEMO-6") && html.contains("Grüße"));
    for external in ["src=\"", "href=", "url(", "<link", "@import"] {
        assert!(!html.contains(external), "no external resource: {external}");
    }
    let other = String::from_utf8(export(dir, &["3", "--format", "html"])).expect("UTF-8");
    assert!(other.contains("<title>DEMO #3 &lt;script&gt;alert(1)&lt;/script&gt; - run report</title>"));
}

#[test]
fn pdf_is_a_real_pdf_with_non_ascii_text() {
    let store = hostile_store();
    let bytes = export(store.path(), &["2", "--format", "pdf"]);
    assert!(bytes.starts_with(b"%PDF-"));
    let doc = lopdf::Document::load_mem(&bytes).expect("lopdf reads it");
    let pages = doc.get_pages().len() as u32;
    assert!(pages >= 2, "{pages} pages");
    // Every page has content and the embedded font (lopdf cannot read
    // krilla's ToUnicode maps, so the text itself was checked with pdftotext
    // by hand).
    for (_, id) in doc.get_pages() {
        assert!(!doc.get_page_content(id).expect("content").is_empty());
        assert!(!doc.get_page_fonts(id).expect("fonts").is_empty());
    }
}

#[test]
fn a_file_is_written_whole_with_mode_0644() {
    let store = demo_store();
    let out = tempfile::tempdir().expect("temp dir");
    for format in ["csv", "json", "junit", "md", "html", "pdf"] {
        let path = out.path().join(format!("report.{format}"));
        let path_str = path.to_str().expect("UTF-8 path");
        let stdout = export(store.path(), &["#2", "--format", format, "-o", path_str]);
        assert!(stdout.is_empty());
        let meta = std::fs::metadata(&path).expect("written");
        assert_eq!(meta.permissions().mode() & 0o777, 0o644, "{format}");
        assert!(meta.len() > 100, "{format}");
    }
    let names: Vec<String> = std::fs::read_dir(out.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 6, "no temporary file is left: {names:?}");
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let store = demo_store();
    let out = tempfile::tempdir().expect("temp dir");
    let path = out.path().join("r.html");
    let path_str = path.to_str().expect("UTF-8 path");
    let (code, _, err) = cli(store.path(), &["export", "9", "--format", "html", "-o", path_str]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("run #9 does not exist"), "{err}");
    let (code, _, err) = cli(store.path(), &["export", "2", "--format", "xls"]);
    assert_eq!(code, 2);
    assert!(err.contains("xls") && err.contains("html"), "{err}");
    let (code, _, err) = cli(store.path(), &["export", "two", "--format", "csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("two"), "{err}");
    let missing = out.path().join("no/such/dir/r.csv");
    let (code, _, err) = cli(
        store.path(),
        &["export", "2", "--format", "csv", "-o", missing.to_str().unwrap()],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot write"), "{err}");
    assert_eq!(std::fs::read_dir(out.path()).expect("list").count(), 0);
}

#[test]
fn pdf_to_a_terminal_is_refused() {
    let store = demo_store();
    let args = [
        "--store",
        store.path().to_str().unwrap(),
        "export",
        "2",
        "--format",
        "pdf",
    ];
    let mut tui = e2e::Tui::spawn(&args, &[], 80, 24);
    let exit = tui.exited();
    assert_eq!(exit.code, 2);
    assert!(tui.screen().contains("-o DEMO-run-2.pdf"), "{}", tui.screen());
}
