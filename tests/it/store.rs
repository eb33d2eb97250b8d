//! The store layer on real directories: round trip and reopen, private
//! files, the lock, refusing newer or damaged stores without touching a byte,
//! and commits that survive kill -9.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use stepwise::domain::{Case, ConfigCombo, Defect, Project, ProjectCode, Run, RunState, Test, Time};
use stepwise::store::{Batch, SLED_DIR, Store, StoreError, keys};

mod run_rows;
mod side_files;

fn at(secs: i64) -> Time {
    chrono::DateTime::from_timestamp(1_763_000_000 + secs, 0).unwrap()
}

fn code() -> ProjectCode {
    ProjectCode::parse("DEMO").unwrap()
}

fn open(dir: &Path) -> Store {
    Store::open(dir, "ann").unwrap_or_else(|e| panic!("opening {}: {e}", dir.display()))
}

/// The error a refused open gives (`Store` is not `Debug`, so no `unwrap_err`).
fn refused(dir: &Path) -> StoreError {
    match Store::open(dir, "bob") {
        Ok(_) => panic!("{} opened but should have been refused", dir.display()),
        Err(e) => e,
    }
}

fn run(no: u64) -> Run {
    Run {
        no,
        title: format!("Run {no}"),
        description: String::new(),
        environment: Some("staging".into()),
        milestone: None,
        configs: vec![],
        tags: vec!["nightly".into()],
        author: "ann".into(),
        created: at(0),
        started: None,
        ended: None,
        state: RunState::Active,
        outcome: None,
        test_count: 3,
        next_test: 3,
    }
}

fn case(no: u64) -> Case {
    let mut c = Case::new(no, format!("Case {no}: log in with a long enough title"), at(no as i64));
    c.description = "x".repeat(200);
    c
}

/// Every entry under `dir`, recursively.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        out.push(path.clone());
        if path.is_dir() {
            out.extend(entries(&path));
        }
    }
    out
}

/// Every entry under `dir`: path -> bytes (None for a folder).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let read = |p: &PathBuf| p.is_file().then(|| std::fs::read(p).unwrap());
    entries(dir).into_iter().map(|p| (p.clone(), read(&p))).collect()
}

#[test]
fn round_trip_survives_reopen_and_scans_one_run_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    let p = code();
    let project = Project::new(p.clone(), "Demo", at(0));
    let case1 = case(1);
    let defect = Defect::new(1, "Crash on login", "ann", at(5));
    // Run 1's tests, written out of order; 256 checks numeric (not byte) order.
    let tests: Vec<Test> = [256, 0, 2, 1]
        .iter()
        .map(|&id| Test::new(1, id, &case1, ConfigCombo::default()))
        .collect();
    let other_run = Test::new(2, 0, &case1, ConfigCombo::default());
    {
        let store = open(&dir);
        let mut batch = Batch::new();
        batch.put(keys::project(&p), &project);
        batch.put(keys::numbered(&p, 1), &case1);
        batch.put(keys::numbered(&p, 1), &run(1));
        batch.put(keys::numbered(&p, 2), &run(2));
        batch.put(keys::numbered(&p, 1), &defect);
        for t in tests.iter().chain([&other_run]) {
            batch.put(keys::test(&p, t.run, t.id), t);
        }
        store.commit(batch).unwrap();
    }
    let store = open(&dir);
    assert_eq!(store.get::<Project>(&keys::project(&p)).unwrap(), Some(project));
    assert_eq!(store.get::<Case>(&keys::numbered(&p, 1)).unwrap(), Some(case1));
    assert_eq!(store.get::<Run>(&keys::numbered(&p, 1)).unwrap(), Some(run(1)));
    assert_eq!(store.get::<Defect>(&keys::numbered(&p, 1)).unwrap(), Some(defect));
    assert_eq!(store.get::<Case>(&keys::numbered(&p, 2)).unwrap(), None);
    assert_eq!(store.scan::<Run>(&keys::prefix(&p)).unwrap(), vec![run(1), run(2)]);
    let listed: Vec<u32> = store
        .scan::<Test>(&keys::run_tests(&p, 1))
        .unwrap()
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(listed, [0, 1, 2, 256]);
    assert_eq!(store.scan::<Test>(&keys::run_tests(&p, 2)).unwrap(), vec![other_run]);
    assert_eq!(
        store.get::<Test>(&keys::test(&p, 1, 2)).unwrap(),
        Some(tests[2].clone())
    );
}

#[test]
fn store_directory_is_0700_and_its_files_0600() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    let check = |when: &str| {
        let found = entries(&dir);
        assert!(found.len() > 3, "{when}: expected the store's files, found {found:?}");
        for path in found.into_iter().chain([dir.clone()]) {
            let meta = std::fs::metadata(&path).unwrap();
            let (mode, want) = (
                meta.permissions().mode() & 0o777,
                if meta.is_dir() { 0o700 } else { 0o600 },
            );
            assert_eq!(
                mode,
                want,
                "{when}: {} has mode {mode:o}, want {want:o}",
                path.display()
            );
        }
    };
    let store = open(&dir);
    let mut batch = Batch::new();
    batch.put(keys::numbered(&code(), 1), &case(1));
    store.commit(batch).unwrap();
    check("while open");
    drop(store);
    check("after close");
}

#[test]
fn second_open_is_refused_naming_the_holder_until_the_first_closes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    let first = open(&dir);
    let err = refused(&dir);
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("in use"), "{msg}");
    assert!(msg.contains(&format!("pid {}", std::process::id())), "{msg}");
    assert!(msg.contains("user ann"), "{msg}");
    drop(first);
    drop(open(&dir));
}

/// A child forked by another thread while the store was open holds copies
/// of its descriptors (until it execs; here, until it exits): closing the
/// store must still let it open again, not say it is in use.
#[test]
fn a_store_reopens_while_a_child_forked_meanwhile_still_holds_its_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    let first = open(&dir);
    // SAFETY: the child only sleeps and exits (both async-signal-safe).
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        unsafe {
            libc::usleep(500_000);
            libc::_exit(0);
        }
    }
    drop(first);
    let reopened = Store::open(&dir, "ann");
    let mut status = 0;
    // SAFETY: waits for the child forked above.
    unsafe { libc::waitpid(pid, &mut status, 0) };
    if let Err(e) = reopened {
        panic!("reopening while a forked child holds copies of the files: {e}");
    }
}

/// Opens `dir`, expecting `want` and not a single byte changed.
fn assert_refused_untouched(dir: &Path, want: fn(&StoreError) -> bool, words: &str) {
    let before = snapshot(dir);
    let err = refused(dir);
    assert!(want(&err), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains(words) && msg.contains(&dir.display().to_string()), "{msg}");
    // Folders are part of the snapshot: a leftover `.verify-*` scratch
    // folder (even an empty one) fails here too.
    let after = snapshot(dir);
    let names = |s: &BTreeMap<PathBuf, _>| s.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&before), names(&after), "entries added or removed");
    for (path, bytes) in &before {
        assert!(after[path] == *bytes, "{} changed", path.display());
    }
}

fn is_newer(e: &StoreError) -> bool {
    matches!(e, StoreError::Newer { found: 99, .. })
}

fn is_corrupt(e: &StoreError) -> bool {
    matches!(e, StoreError::Corrupt { .. })
}

#[test]
fn newer_format_file_is_refused_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    populate(&dir, 1, 3);
    std::fs::write(dir.join("format"), "stepwise-store 99\n").unwrap();
    assert_refused_untouched(&dir, is_newer, "newer");
    // Untouched indeed: with the format file put back, the data is all there.
    std::fs::write(
        dir.join("format"),
        format!("stepwise-store {}\n", stepwise::store::SCHEMA_VERSION),
    )
    .unwrap();
    assert_eq!(open(&dir).scan::<Case>(&keys::prefix(&code())).unwrap().len(), 3);
}

#[test]
fn newer_schema_in_the_database_is_refused_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    populate(&dir, 1, 3);
    {
        let db = stepwise::store::open_sled_db(&dir.join(SLED_DIR)).unwrap();
        db.open_tree("meta")
            .unwrap()
            .insert(b"schema_version", &99u32.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    assert_refused_untouched(&dir, is_newer, "newer");
}

/// Fills a store with `commits` commits of `per` cases each, then closes it.
fn populate(dir: &Path, commits: u64, per: u64) {
    let store = open(dir);
    for c in 0..commits {
        let mut batch = Batch::new();
        for n in c * per + 1..=(c + 1) * per {
            batch.put(keys::numbered(&code(), n), &case(n));
        }
        store.commit(batch).unwrap();
    }
}

fn corrupt_case(damage: impl FnOnce(&Path)) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    populate(&dir, 5, 100);
    let db = dir.join(SLED_DIR).join("db");
    damage(&db);
    assert_refused_untouched(&dir, is_corrupt, "corrupt");
    // In words, naming the database, without sled's internals.
    let msg = refused(&dir).to_string();
    for internal in ["offset", "backtrace", "Some(", "Inline(", "sled version"] {
        assert!(!msg.contains(internal), "{msg}");
    }
}

#[test]
fn flipped_bytes_are_refused_untouched() {
    corrupt_case(|db| {
        let mut bytes = std::fs::read(db).unwrap();
        assert!(bytes.len() > 3 * 200, "the database is only {} bytes", bytes.len());
        let start = bytes.len() / 2 - 100; // 200 bytes in the middle third
        for b in &mut bytes[start..start + 200] {
            *b ^= 0xA5;
        }
        std::fs::write(db, bytes).unwrap();
    });
}

/// Damage that keeps the file's size and modification time is still caught
/// (the clean-close fingerprint hashes the content).
#[test]
fn flipped_bytes_with_the_old_mtime_are_refused_untouched() {
    corrupt_case(|db| {
        let mtime = std::fs::metadata(db).unwrap().modified().unwrap();
        let mut bytes = std::fs::read(db).unwrap();
        let start = bytes.len() / 2 - 100;
        for b in &mut bytes[start..start + 200] {
            *b ^= 0xA5;
        }
        std::fs::write(db, bytes).unwrap();
        let file = std::fs::File::options().write(true).open(db).unwrap();
        file.set_modified(mtime).unwrap();
        assert_eq!(std::fs::metadata(db).unwrap().modified().unwrap(), mtime);
    });
}

#[test]
fn truncated_database_is_refused_untouched() {
    corrupt_case(|db| {
        let len = std::fs::metadata(db).unwrap().len();
        std::fs::OpenOptions::new()
            .write(true)
            .open(db)
            .unwrap()
            .set_len(len / 2)
            .unwrap();
    });
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    corrupt_case(|db| std::fs::write(db, b"not a database").unwrap());
}

/// A kill while sled wrote its first snapshot leaves an empty
/// `snap.<lsn>.generating` beside the database, which sled 0.34.7 then
/// reads as a corrupt snapshot: the store opens with everything in it.
#[test]
fn an_unfinished_sled_snapshot_does_not_make_the_store_unopenable() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    populate(&dir, 3, 50);
    let leftover = dir.join(SLED_DIR).join("snap.00000000FFFFFFFF.generating");
    std::fs::write(&leftover, b"").unwrap();
    let store = open(&dir);
    assert!(!leftover.exists(), "the unfinished snapshot is still there");
    assert_eq!(store.removed_snapshots(), std::slice::from_ref(&leftover));
    let cases: Vec<Case> = store.scan(&keys::prefix(&code())).unwrap();
    assert_eq!(cases.len(), 150);
}

const CHILD_DIR: &str = "STEPWISE_CHILD_DIR";

/// Run only as the child of `commit_survives_kill_9`: commits, then dies at
/// once so that no destructor runs.
#[test]
#[ignore = "the child process of commit_survives_kill_9"]
fn child_writer() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let store = open(Path::new(&dir));
    for n in 1..=3 {
        let mut batch = Batch::new();
        batch.put(keys::numbered(&code(), n), &case(n));
        store.commit(batch).unwrap();
    }
    // SAFETY: signals this very process; nothing after it runs.
    unsafe { libc::kill(libc::getpid(), libc::SIGKILL) };
    unreachable!("SIGKILL returned");
}

#[test]
fn commit_survives_kill_9() {
    use std::os::unix::process::ExitStatusExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    // The child's name in this binary: its module path without the crate.
    let child = module_path!()
        .split_once("::")
        .map_or(String::new(), |(_, m)| format!("{m}::"));
    let child = format!("{child}child_writer");
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", &child, "--nocapture", "--ignored"])
        .env(CHILD_DIR, &dir)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        out.status.signal(),
        Some(libc::SIGKILL),
        "child did not die by SIGKILL: {said}"
    );
    assert!(!dir.join("clean.json").exists(), "the child closed the store cleanly");
    let store = open(&dir);
    assert!(
        store.checked_on_copy().is_some(),
        "an unclean store is checked on a copy first"
    );
    let cases = store.scan::<Case>(&keys::prefix(&code())).unwrap();
    assert_eq!(cases, vec![case(1), case(2), case(3)]);
    drop(store);
    assert!(open(&dir).checked_on_copy().is_none(), "a clean close is trusted");
}

/// A store written by the first release (schema 1, version-1 records) opens:
/// the schema is migrated to the current one and old records upgrade as
/// they are read.
#[test]
fn a_schema_1_store_is_migrated_and_its_records_upgraded() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    drop(open(&dir));
    let golden =
        |name: &str| std::fs::read(format!("{}/tests/golden/v1/{name}.bin", env!("CARGO_MANIFEST_DIR"))).unwrap();
    {
        let db = stepwise::store::open_sled_db(&dir.join(SLED_DIR)).unwrap();
        db.open_tree("meta")
            .unwrap()
            .insert(b"schema_version", &1u32.to_be_bytes())
            .unwrap();
        db.open_tree("projects")
            .unwrap()
            .insert(b"DEMO", golden("project"))
            .unwrap();
        db.open_tree("defects")
            .unwrap()
            .insert(keys::numbered(&code(), 2), golden("defect"))
            .unwrap();
        // A run with one test (record version 1), pushed to retest after
        // two results of 45 s and 30 s.
        db.open_tree("runs")
            .unwrap()
            .insert(keys::numbered(&code(), 2), golden("run"))
            .unwrap();
        db.open_tree("tests")
            .unwrap()
            .insert(keys::test(&code(), 2, 5), golden("test"))
            .unwrap();
        db.flush().unwrap();
    }
    std::fs::write(dir.join("format"), "stepwise-store 1\n").unwrap();
    let store = open(&dir);
    let project = store.get::<Project>(b"DEMO").unwrap().unwrap();
    assert_eq!(project.title, "Demo shop");
    assert!(project.trackers.is_empty() && project.defect_fields.is_empty());
    let defect = store.get::<Defect>(&keys::numbered(&code(), 2)).unwrap().unwrap();
    assert_eq!(defect.external[0].key, "APP-12");
    assert!(defect.fields.is_empty());
    // The step to schema 3 counted the run's tests.
    let counts = store
        .get::<stepwise::domain::RunStats>(&keys::run_tests(&code(), 2))
        .unwrap();
    let counts = counts.expect("run counts written by the migration");
    assert_eq!((counts.total, counts.retest, counts.duration_ms), (1, 1, 75_000));
    drop(store);
    let format = std::fs::read_to_string(dir.join("format")).unwrap();
    assert_eq!(
        format.trim(),
        format!("stepwise-store {}", stepwise::store::SCHEMA_VERSION)
    );
    let db = stepwise::store::open_sled_db(&dir.join(SLED_DIR)).unwrap();
    let version = db.open_tree("meta").unwrap().get(b"schema_version").unwrap().unwrap();
    assert_eq!(
        u32::from_be_bytes(version.as_ref().try_into().unwrap()),
        stepwise::store::SCHEMA_VERSION
    );
}

/// A result on test `t`.
fn with_result(mut t: Test, status: stepwise::domain::ResultStatus, ms: u64) -> Test {
    t.push_result(stepwise::domain::TestResult {
        status,
        steps: vec![],
        comment: String::new(),
        attachments: vec![],
        duration_ms: ms,
        author: "ann".into(),
        at: at(9),
        defects: vec![],
    });
    t
}

#[test]
fn run_counts_follow_every_test_write_and_go_with_the_run() {
    use stepwise::domain::{ResultStatus, RunStats};
    let tmp = tempfile::tempdir().unwrap();
    let store = open(&tmp.path().join("store"));
    let p = code();
    let c = case(1);
    let key = keys::run_tests(&p, 1);
    let mut batch = Batch::new();
    batch.put(keys::numbered(&p, 1), &run(1));
    for id in 0..3 {
        batch.put(keys::test(&p, 1, id), &Test::new(1, id, &c, ConfigCombo::default()));
    }
    store.commit(batch).unwrap();
    assert_eq!(
        (
            store.run_stats(&key).unwrap().total,
            store.run_stats(&key).unwrap().untested
        ),
        (3, 3)
    );

    // A result, then the same test written twice in one batch: counted once.
    let failed = with_result(Test::new(1, 0, &c, ConfigCombo::default()), ResultStatus::Failed, 1000);
    let mut batch = Batch::new();
    batch.put(keys::test(&p, 1, 0), &failed);
    store.commit(batch).unwrap();
    let passed = with_result(failed.clone(), ResultStatus::Passed, 500);
    let mut batch = Batch::new();
    batch.put(keys::test(&p, 1, 0), &failed);
    batch.put(keys::test(&p, 1, 0), &passed);
    batch.remove(stepwise::store::TreeId::Tests, keys::test(&p, 1, 2));
    store.commit(batch).unwrap();
    let s = store.run_stats(&key).unwrap();
    assert_eq!(s, RunStats::of_tests(&store.scan::<Test>(&key).unwrap()));
    assert_eq!(
        (
            s.total,
            s.untested,
            s.of(ResultStatus::Passed),
            s.of(ResultStatus::Failed)
        ),
        (2, 1, 1, 0)
    );
    assert_eq!(s.duration_ms, 1500);

    // Removing the run removes its counts.
    let mut batch = Batch::new();
    for id in 0..2 {
        batch.remove(stepwise::store::TreeId::Tests, keys::test(&p, 1, id));
    }
    batch.remove(stepwise::store::TreeId::Runs, keys::numbered(&p, 1));
    store.commit(batch).unwrap();
    assert_eq!(store.get::<RunStats>(&key).unwrap(), None);
}
