//! Random bytes and truncated or mutated fixtures never make a parser
//! panic or hang: every input is a model or a positioned error. Hostile
//! files (deep, wide, forbidden characters, other encodings) are bounded
//! or refused by name.

use crate::import_support;

use import_support::*;
use proptest::prelude::*;
use stepwise::interop::import::{ImportFormat, MAX_NESTING, Parsed, ResultsFile, detect, parse};

const FORMATS: [ImportFormat; 4] = [
    ImportFormat::QaseCsv,
    ImportFormat::QaseJson,
    ImportFormat::TestrailXml,
    ImportFormat::Junit,
];

fn fixtures() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut out: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    out.sort();
    out
}

fn check(bytes: &[u8]) {
    for f in FORMATS {
        if let Err(e) = parse(f, bytes) {
            assert!(e.line >= 1 && e.column >= 1 && !e.message.is_empty());
        }
    }
    let _ = detect("x", bytes);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check(&bytes);
    }

    #[test]
    fn truncated_and_mutated_fixtures(pick in 0usize..64, cut in 0.0f64..1.0, at in 0.0f64..1.0, byte in any::<u8>()) {
        let all = fixtures();
        let mut bytes = all[pick % all.len()].clone();
        let n = (bytes.len() as f64 * cut) as usize;
        check(&bytes[..n]);
        if !bytes.is_empty() {
            let i = ((bytes.len() - 1) as f64 * at) as usize;
            bytes[i] = byte;
            check(&bytes);
        }
    }
}

/// `depth` nested testsuites (named or not) around one testcase.
fn nested(depth: usize, named: bool) -> String {
    let open = if named { "<testsuite name=\"s\">" } else { "<testsuite>" };
    format!(
        "<testsuites>{}<testcase name=\"t\"/>{}</testsuites>",
        open.repeat(depth),
        "</testsuite>".repeat(depth)
    )
}

fn junit(bytes: &[u8]) -> Result<ResultsFile, stepwise::interop::import::ParseError> {
    match parse(ImportFormat::Junit, bytes)? {
        Parsed::Results(r) => Ok(r),
        Parsed::Cases(_) => unreachable!("JUnit gives results"),
    }
}

#[test]
fn deep_files_are_refused_at_the_suite_past_256() {
    for named in [true, false] {
        let open = if named {
            "<testsuite name=\"s\">".len()
        } else {
            "<testsuite>".len()
        };
        // The 257th start tag, 1-based column.
        let column = "<testsuites>".len() + MAX_NESTING * open + 1;
        for depth in [10_000, 100_000] {
            let bytes = nested(depth, named);
            let e = junit(bytes.as_bytes()).unwrap_err();
            assert_eq!(
                (e.line, e.column, e.message.as_str()),
                (1, column, "suites nested deeper than 256"),
                "depth {depth}"
            );
        }
    }
    // Through the binary: exit 2, `FILE:LINE:COLUMN: message`, nothing written.
    let tmp = tempfile::tempdir().unwrap();
    for depth in [10_000, 100_000] {
        let path = tmp.path().join(format!("deep-{depth}.xml"));
        std::fs::write(&path, nested(depth, false)).unwrap();
        let file = path.to_str().unwrap();
        let (status, out, err) = cli(tmp.path(), &["--project", "DEEP", "import", file, "--dry-run"]);
        assert_eq!(status, 2, "{out}{err}");
        assert!(
            err.contains(&format!("{file}:1:2829: suites nested deeper than 256")),
            "{err}"
        );
    }
    // TestRail sections and Qase JSON suites are bounded too.
    let sections = format!(
        "<suite><sections>{}</sections></suite>",
        "<section><name>s</name><sections>".repeat(10_000)
    );
    let e = parse(ImportFormat::TestrailXml, sections.as_bytes()).unwrap_err();
    assert_eq!(e.message, "sections nested deeper than 256");
    let json = format!("{{\"suites\": {}", "[{\"title\": \"s\", \"suites\": ".repeat(100_000));
    let e = parse(ImportFormat::QaseJson, json.as_bytes()).unwrap_err();
    assert!(e.message.contains("nested deeper than 128 levels"), "{e}");
    let mut csv =
        String::from("v2.id,title,suite_id,suite_parent_id,suite,suite_without_cases,steps_actions,steps_result\n");
    for i in 1..=20_000 {
        let parent = if i == 1 { String::new() } else { (i - 1).to_string() };
        csv.push_str(&format!(",,{i},{parent},S{i},1,,\n"));
    }
    let e = parse(ImportFormat::QaseCsv, csv.as_bytes()).unwrap_err();
    assert!(e.message.contains("suites nested deeper than 256"), "{e}");
}

#[test]
fn a_suite_path_longer_than_1024_bytes_is_refused() {
    // Each created case carries its suite path: a huge one is refused,
    // not copied into every testcase.
    let name = "n".repeat(300);
    let suites = format!("<testsuite name=\"{name}\">\n").repeat(5);
    let xml = format!(
        "<testsuites>\n{suites}<testcase name=\"t\"/>{}</testsuites>",
        "</testsuite>".repeat(5)
    );
    let e = junit(xml.as_bytes()).unwrap_err();
    assert_eq!(e.line, 5, "{e}");
    assert_eq!(e.message, "suite names nested here add up to more than 1024 bytes");
    let four = format!("<testsuite name=\"{name}\">").repeat(3);
    let ok = format!(
        "<testsuites>{four}<testcase name=\"t\"/>{}</testsuites>",
        "</testsuite>".repeat(3)
    );
    assert_eq!(junit(ok.as_bytes()).unwrap().results[0].suite().len(), 3);
}

#[test]
fn suites_256_deep_import_and_reimport_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let svc = service(tmp.path());
    let path = tmp.path().join("deep.xml");
    std::fs::write(&path, nested(MAX_NESTING, true)).unwrap();
    let r = import(&svc, "DEEP", &path);
    assert_eq!((r.suites.created, r.cases.created, r.results), (MAX_NESTING, 1, 1));
    // The same file again finds every suite where it left it.
    let again = import(&svc, "DEEP", &path);
    assert_eq!(
        (again.suites.created, again.cases.created),
        (0, 0),
        "{:?}",
        again.changes
    );
}

#[test]
fn forbidden_character_references_are_refused_with_a_position() {
    let attr = b"<testsuite>\n  <testcase name=\"a&#27;]0;owned&#7;\"/>\n</testsuite>";
    let e = junit(attr).unwrap_err();
    assert_eq!((e.line, e.column), (2, 20), "{e}");
    assert!(
        e.message.contains("&#27;") && e.message.contains("XML 1.0 forbids"),
        "{e}"
    );
    let text = b"<testsuite><testcase name=\"a\">\n<system-out>x&#x1b;[2J</system-out></testcase></testsuite>";
    let e = junit(text).unwrap_err();
    assert_eq!((e.line, e.column), (2, 14), "{e}");
    assert!(e.message.contains("U+001B"), "{e}");
    let testrail = b"<suite><sections><section><name>S&#8;</name></section></sections></suite>";
    assert!(parse(ImportFormat::TestrailXml, testrail).is_err());
    // Tabs, newlines and carriage returns are characters XML allows.
    let ok = junit(b"<testsuite><testcase name=\"a&#9;b\"><system-out>&#10;&#13;</system-out></testcase></testsuite>");
    assert_eq!(ok.unwrap().results[0].title, "a\tb");
}

#[test]
fn encodings_are_honoured_or_refused_by_name() {
    let latin1 =
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<testsuite><testcase name=\"caf\xe9\"/></testsuite>";
    assert_eq!(junit(latin1).unwrap().results[0].title, "caf\u{e9}");
    let sjis = b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<testsuite/>";
    let e = junit(sjis).unwrap_err();
    assert!(e.message.contains("encoding=\"Shift_JIS\" is not supported"), "{e}");
    let utf16: Vec<u8> = "\u{feff}<testsuites/>"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    for f in [
        ImportFormat::Junit,
        ImportFormat::TestrailXml,
        ImportFormat::QaseJson,
        ImportFormat::QaseCsv,
    ] {
        let e = parse(f, &utf16).unwrap_err();
        assert_eq!(e.message, "this looks like a UTF-16 file: save it as UTF-8");
    }
    let e = detect("r.xml", b"\x1f\x8b\x08\0\0").unwrap_err();
    assert_eq!(e.message, "this looks like a gzip file: unpack it first (gunzip)");
}

#[test]
fn nameless_testcases_stay_tests_of_their_own_and_bent_xml_is_said() {
    let tmp = tempfile::tempdir().unwrap();
    let svc = service(tmp.path());
    let path = tmp.path().join("nameless.xml");
    std::fs::write(
        &path,
        "<testsuite>\n<testcase/>\n<testcase/>\n<testcase><failure/></testcase>\n<testcase/>\n\
         <testcase name=\"a<b\"/>\n</testsuite>",
    )
    .unwrap();
    let r = import(&svc, "NONAME", &path);
    assert_eq!((r.cases.created, r.results, r.shared.tests), (5, 5, 0), "{r:?}");
    let tests = svc.tests(&code("NONAME"), r.run.unwrap()).unwrap();
    let titles: Vec<&str> = tests.iter().map(|t| t.snapshot.title.as_str()).collect();
    assert_eq!(titles, ["unnamed", "unnamed #2", "unnamed #3", "unnamed #4", "a<b"]);
    for line in 2..=5 {
        assert!(
            r.warnings
                .iter()
                .any(|w| w.starts_with(&format!("line {line}: <testcase> without a name"))
                    && w.contains("a test of its own")),
            "{:?}",
            r.warnings
        );
    }
    assert!(
        r.warnings
            .iter()
            .any(|w| w == "line 6: a raw '<' in name= of <testcase> was accepted (XML wants &lt;)"),
        "{:?}",
        r.warnings
    );
    // The same file again: the same tests, nothing new.
    let again = import(&svc, "NONAME", &path);
    assert_eq!(again.cases.created, 0);
}

/// A JUnit file from a walk: each step opens a suite, closes one or adds a
/// testcase; what is still open is closed at the end.
fn walk_file(steps: &[u8]) -> (String, usize, usize) {
    let mut xml = String::from("<testsuites>");
    let (mut depth, mut deepest, mut cases) = (0usize, 0usize, 0usize);
    for (i, s) in steps.iter().enumerate() {
        match s % 10 {
            0..=4 => {
                if s % 2 == 0 {
                    xml.push_str(&format!("<testsuite name=\"s{}\">", i % 10));
                } else {
                    xml.push_str("<testsuite>");
                }
                depth += 1;
                deepest = deepest.max(depth);
            }
            5 | 6 if depth > 0 => {
                xml.push_str("</testsuite>");
                depth -= 1;
            }
            _ => {
                xml.push_str(&format!("<testcase name=\"c{i}\"/>"));
                cases += 1;
            }
        }
    }
    xml.push_str(&"</testsuite>".repeat(depth));
    xml.push_str("</testsuites>");
    (xml, deepest, cases)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Deep and wide files: read in full up to 256 suites deep, refused
    /// past it, never a crash.
    #[test]
    fn deep_and_wide_junit(steps in proptest::collection::vec(any::<u8>(), 0..3000), wide in 0usize..2000) {
        let (mut xml, deepest, mut cases) = walk_file(&steps);
        // Wide: many testcases side by side at the top.
        let side: String = (0..wide).map(|i| format!("<testcase name=\"w{i}\"/>")).collect();
        xml.insert_str("<testsuites>".len(), &side);
        cases += wide;
        match junit(xml.as_bytes()) {
            Ok(file) => {
                prop_assert!(deepest <= MAX_NESTING);
                prop_assert_eq!(file.results.len(), cases);
                for r in &file.results {
                    prop_assert!(r.suite().len() <= MAX_NESTING);
                }
            }
            Err(e) => {
                prop_assert!(deepest > MAX_NESTING, "{}", e);
                prop_assert_eq!(e.message.as_str(), "suites nested deeper than 256");
            }
        }
    }
}
