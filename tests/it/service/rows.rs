//! A run's compact rows (`Service::run_rows`, kept by the store in the
//! same transaction as the tests) say what the tests say after every kind
//! of change, and a window of them reads only what it asks for.

use super::{demo, new_run};
use stepwise::domain::case_edit::CaseFields;
use stepwise::domain::{CaseNo, ProjectCode, ResultStatus, RowEntry, RunNo};
use stepwise::service::{NewResult, Service};

/// The rows the service gives equal the rows of the tests themselves.
fn same(svc: &Service, code: &ProjectCode, no: RunNo) {
    let expected: Vec<RowEntry> = svc.tests(code, no.0).unwrap().iter().map(RowEntry::of).collect();
    assert_eq!(svc.run_rows(code, no).unwrap(), expected, "rows of run {no}");
}

#[test]
fn rows_follow_every_change_to_a_runs_tests() {
    let (_d, svc, code) = demo("ann");
    let mut new = new_run(vec![1, 2, 3, 4]);
    new.configs = vec![("Browser".into(), vec!["Chrome".into(), "Firefox".into()])];
    let run = svc.create_run(&code, new).unwrap();
    let no = RunNo(run.no);
    same(&svc, &code, no);
    svc.record_result(&code, no, 1, NewResult::status(ResultStatus::Failed))
        .unwrap();
    same(&svc, &code, no);
    svc.bulk_result(&code, no, &[2, 3], ResultStatus::Passed, 60_000, "")
        .unwrap();
    svc.assign_tests(&code, no, &[0, 5], Some("bob")).unwrap();
    svc.retest_tests(&code, no, &[1]).unwrap();
    same(&svc, &code, no);
    // An untested test follows its case's new title; a tested one keeps it.
    let mut fields = CaseFields::of(&svc.case(&code, CaseNo(1)).unwrap());
    fields.title = "Renamed in the repository".into();
    svc.edit_case(&code, CaseNo(1), fields).unwrap();
    same(&svc, &code, no);
    let rows = svc.run_rows(&code, no).unwrap();
    assert_eq!(rows[0].title, "Renamed in the repository");
    svc.remove_tests(&code, no, &[4, 6]).unwrap();
    svc.add_cases_to_run(&code, no, &[5]).unwrap();
    same(&svc, &code, no);
    // A window: only the tests asked for that exist, by id.
    let window = svc.test_rows(&code, no, &[7, 1, 4, 999]).unwrap();
    assert_eq!(window.iter().map(|r| r.id).collect::<Vec<_>>(), [1, 7]);
    assert_eq!(
        svc.run_rows(&code, no).unwrap().len() as u32,
        svc.run(&code, no).unwrap().test_count
    );
    // A deleted run takes its rows.
    svc.delete_run(&code, no).unwrap();
    assert!(svc.run_rows(&code, no).is_err(), "the run is gone");
    assert!(
        svc.store()
            .expect("a local store")
            .keys(
                stepwise::store::TreeId::RunRows,
                &stepwise::store::keys::run_tests(&code, run.no)
            )
            .unwrap()
            .is_empty(),
        "no chunk of a deleted run is left"
    );
}

/// A run of more tests than one chunk holds reads whole, by id, and a
/// large synthetic run's rows match its tests.
#[test]
fn rows_of_a_run_over_several_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let store = stepwise::store::Store::open(dir.path(), "ann").unwrap();
    let mut svc = Service::new(store, "ann");
    let code = svc.write_synthetic(1_300, crate::support::fixed_now()).unwrap();
    same(&svc, &code, RunNo(1));
    let rows = svc.run_rows(&code, RunNo(1)).unwrap();
    assert_eq!(rows.len(), 1_300);
    assert!(rows.windows(2).all(|w| w[0].id < w[1].id));
    let ids = [1_299, 0, 512, 511];
    let window = svc.test_rows(&code, RunNo(1), &ids).unwrap();
    assert_eq!(window.iter().map(|r| r.id).collect::<Vec<_>>(), [0, 511, 512, 1_299]);
}

/// The head of a run's list is the beginning of every row in list order,
/// read again after a change (a cached chunk is never served stale).
#[test]
fn the_head_of_a_run_is_the_beginning_of_its_list_and_follows_changes() {
    use stepwise::domain::{ConfigCombo, ListOrder};
    let dir = tempfile::tempdir().unwrap();
    let store = stepwise::store::Store::open(dir.path(), "ann").unwrap();
    let mut svc = Service::new(store, "ann");
    let code = svc.write_synthetic(1_300, crate::support::fixed_now()).unwrap();
    let no = RunNo(1);
    let beginning = |svc: &Service, n: usize| {
        let run = svc.run(&code, no).unwrap();
        let order = ListOrder::new(&svc.suites(&code).unwrap(), &ConfigCombo::cross_product(&run.configs));
        let mut rows = svc.run_rows(&code, no).unwrap();
        rows.sort_by_key(|r| order.key(r));
        rows.truncate(n);
        rows
    };
    let head = svc.run_head(&code, no, 150).unwrap();
    assert_eq!(head.rows, beginning(&svc, 150));
    assert_eq!(head.max_case_no, 1_300);
    let (id, before) = (head.rows[3].id, head.rows[3].results.len());
    svc.record_result(&code, no, id, NewResult::status(ResultStatus::Blocked))
        .unwrap();
    let head = svc.run_head(&code, no, 150).unwrap();
    assert_eq!(head.rows, beginning(&svc, 150));
    assert_eq!(
        head.rows[3].results.len(),
        before + 1,
        "the new result, not the cached chunk"
    );
}
