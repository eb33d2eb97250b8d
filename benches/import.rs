//! Importing the 4,239-testcase Jest JUnit file and the 235-case TestRail
//! file (from ../shared/samples; synthetic files of the same size when the
//! folder is absent), parse only and parse + apply into a fresh store.
//!
//! cargo bench --bench import

use std::path::PathBuf;
use std::sync::OnceLock;
use stepwise::domain::ProjectCode;
use stepwise::interop::import::{ImportFormat, parse};
use stepwise::service::{ImportOptions, Service};
use stepwise::store::Store;

fn main() {
    divan::main();
}

fn sample(name: &str) -> Option<Vec<u8>> {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/samples")).join(name);
    std::fs::read(path).ok()
}

fn junit() -> &'static (String, Vec<u8>) {
    static FILE: OnceLock<(String, Vec<u8>)> = OnceLock::new();
    FILE.get_or_init(|| {
        let bytes = sample("junit-jest.xml").unwrap_or_else(|| {
            eprintln!("note: samples absent; a synthetic 4,239-testcase file instead");
            let mut s = String::from("<testsuites name=\"synthetic\">\n");
            for suite in 0..400 {
                s.push_str(&format!("<testsuite name=\"pkg/{suite}.test.js\" tests=\"11\">\n"));
                for case in 0..11 {
                    if suite * 11 + case >= 4239 {
                        break;
                    }
                    let fail = if case == 3 { "<failure message=\"no\">trace</failure>" } else { "" };
                    s.push_str(&format!(
                        "<testcase classname=\"group {case}\" name=\"does thing {case}\" time=\"0.01\">{fail}</testcase>\n"
                    ));
                }
                s.push_str("</testsuite>\n");
            }
            s.push_str("</testsuites>\n");
            s.into_bytes()
        });
        ("junit-jest.xml".to_string(), bytes)
    })
}

fn testrail() -> &'static (String, Vec<u8>) {
    static FILE: OnceLock<(String, Vec<u8>)> = OnceLock::new();
    FILE.get_or_init(|| {
        let bytes = sample("testrail-example-235.xml").unwrap_or_else(|| {
            eprintln!("note: samples absent; a synthetic 235-case file instead");
            let mut s = String::from("<suite><id>S1</id><name>Master</name><sections>\n");
            for sec in 0..23 {
                s.push_str(&format!("<section><name>Section {sec}</name><cases>\n"));
                for case in 0..11 {
                    let id = sec * 11 + case;
                    if id >= 235 {
                        break;
                    }
                    s.push_str(&format!(
                        "<case><id>C{id}</id><title>Case {id}</title><template>Test Case (Text)</template>\
                         <type>Other</type><priority>Medium</priority><estimate>120</estimate>\
                         <custom><preconds>{}</preconds><steps>Do it</steps></custom></case>\n",
                        "Lorem ipsum dolor sit amet. ".repeat(60)
                    ));
                }
                s.push_str("</cases></section>\n");
            }
            s.push_str("</sections></suite>\n");
            s.into_bytes()
        });
        ("testrail-example-235.xml".to_string(), bytes)
    })
}

fn fresh() -> (tempfile::TempDir, Service) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let svc = Service::new(Store::open(&tmp.path().join("s"), "bench").expect("store"), "bench");
    (tmp, svc)
}

fn apply(bencher: divan::Bencher, file: &'static (String, Vec<u8>)) {
    bencher.with_inputs(fresh).bench_local_values(|(tmp, svc)| {
        let code = ProjectCode::parse("BENCH").expect("code");
        let report = svc
            .import_bytes(&code, &file.0, &file.1, ImportOptions::default())
            .expect("import");
        divan::black_box(report);
        // Closing the store and removing it happen after the timing.
        (tmp, svc)
    });
}

#[divan::bench(sample_count = 10)]
fn parse_junit_4239() {
    divan::black_box(parse(ImportFormat::Junit, &junit().1).expect("parse"));
}

#[divan::bench(sample_count = 10)]
fn parse_testrail_235() {
    divan::black_box(parse(ImportFormat::TestrailXml, &testrail().1).expect("parse"));
}

#[divan::bench(sample_count = 10)]
fn import_junit_4239(bencher: divan::Bencher) {
    apply(bencher, junit());
}

#[divan::bench(sample_count = 10)]
fn import_testrail_235(bencher: divan::Bencher) {
    apply(bencher, testrail());
}
