//! Schema 6: a store written before runs had their compact rows (schema 5)
//! opens, and the migration gives every run its rows, chunk by chunk.

use super::{at, case, code, open, run};
use stepwise::domain::{ConfigCombo, ResultStatus, RowEntry, Test, TestResult};
use stepwise::store::{Batch, SLED_DIR, keys};

#[test]
fn a_schema_5_store_gets_its_rows_on_open() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    let p = code();
    // Two runs; the first over more tests than one chunk holds.
    let mut tests: Vec<Test> = (0..1_100)
        .map(|id| Test::new(1, id, &case(u64::from(id) + 1), ConfigCombo::default()))
        .collect();
    tests[700].push_result(TestResult {
        status: ResultStatus::Failed,
        steps: vec![],
        comment: String::new(),
        attachments: vec![],
        duration_ms: 5_000,
        author: "bob".into(),
        at: at(3),
        defects: vec![],
    });
    tests.push(Test::new(2, 0, &case(1), ConfigCombo::default()));
    {
        let store = open(&dir);
        let mut batch = Batch::new();
        batch.put(keys::numbered(&p, 1), &run(1));
        batch.put(keys::numbered(&p, 2), &run(2));
        for t in &tests {
            batch.put(keys::test(&p, t.run, t.id), t);
        }
        store.commit(batch).unwrap();
        assert_eq!(store.run_rows(&keys::run_tests(&p, 1)).unwrap().len(), 1_100);
    }
    // Back to schema 5: no rows, the old version.
    {
        let db = stepwise::store::open_sled_db(&dir.join(SLED_DIR)).unwrap();
        db.open_tree("run_rows").unwrap().clear().unwrap();
        db.open_tree("meta")
            .unwrap()
            .insert(b"schema_version", &5u32.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    std::fs::write(dir.join("format"), "stepwise-store 5\n").unwrap();
    let store = open(&dir);
    for no in [1, 2] {
        let expected: Vec<RowEntry> = tests.iter().filter(|t| t.run == no).map(RowEntry::of).collect();
        assert_eq!(store.run_rows(&keys::run_tests(&p, no)).unwrap(), expected, "run {no}");
    }
    let failed = store.rows_of(&keys::run_tests(&p, 1), &[700]).unwrap();
    assert_eq!(failed[0].results[0].author, "bob");
    drop(store);
    let format = std::fs::read_to_string(dir.join("format")).unwrap();
    assert_eq!(
        format.trim(),
        format!("stepwise-store {}", stepwise::store::SCHEMA_VERSION)
    );
}
