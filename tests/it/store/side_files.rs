//! The files beside the database (`format`, `commit_seq`, `clean.json`,
//! `holder.json`): written atomically and only when they change, recovered
//! from the database when a crash left them missing or empty, no scratch
//! copy left behind, and a store's modes never changed by opening it.

use super::{SLED_DIR, Store, StoreError, assert_refused_untouched, code, is_corrupt, open, populate, snapshot};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use stepwise::domain::Case;
use stepwise::store::keys;

fn stamp(path: &Path) -> (Vec<u8>, SystemTime, u32) {
    let meta = std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (
        std::fs::read(path).unwrap(),
        meta.modified().unwrap(),
        meta.permissions().mode() & 0o777,
    )
}

fn cases(store: &Store) -> usize {
    store.scan::<Case>(&keys::prefix(&code())).unwrap().len()
}

/// Names in the store directory that a killed process could leave behind.
fn leftovers(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(".verify-") || name.starts_with(".tmp-") || name == "holder.json"
        })
        .collect()
}

/// Opening a cleanly closed store to read it rewrites neither `format`
/// nor `commit_seq` (not even their modification time), leaves no holder
/// note, and keeps a read-only `format` read-only. (`clean.json` follows
/// sled's own files, which sled rewrites on every open.)
#[test]
fn reading_a_cleanly_closed_store_rewrites_no_side_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    populate(&dir, 3, 5);
    drop(open(&dir)); // sled's first reopen grows its files; settle them
    std::fs::set_permissions(dir.join("format"), std::fs::Permissions::from_mode(0o400)).unwrap();
    let before = [stamp(&dir.join("format")), stamp(&dir.join("commit_seq"))];
    std::thread::sleep(std::time::Duration::from_millis(20));
    let store = open(&dir);
    assert!(store.checked_on_copy().is_none(), "a clean store was checked on a copy");
    assert_eq!(cases(&store), 15);
    drop(store);
    let after = [stamp(&dir.join("format")), stamp(&dir.join("commit_seq"))];
    assert_eq!(before, after, "format or commit_seq was rewritten by a read-only open");
    assert!(dir.join("clean.json").exists());
    assert_eq!(leftovers(&dir), Vec::<PathBuf>::new());
}

/// A side file emptied by a kill mid-write (an older stepwise truncated,
/// then wrote) or deleted: the intact store opens with everything, after a
/// check on a copy, and the file is written again from the database.
fn recovers(damage: impl FnOnce(&Path)) -> Store {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    populate(&dir, 3, 50);
    damage(&dir);
    let store = open(&dir);
    assert!(
        store.checked_on_copy().is_some(),
        "an unproven store was not checked on a copy"
    );
    assert_eq!(cases(&store), 150);
    drop(store);
    assert_eq!(
        std::fs::read_to_string(dir.join("format")).unwrap(),
        format!("stepwise-store {}\n", stepwise::store::SCHEMA_VERSION)
    );
    assert_eq!(std::fs::read_to_string(dir.join("commit_seq")).unwrap(), "3");
    assert!(dir.join("clean.json").exists());
    // Proven again: the next open is clean.
    let store = open(&dir);
    assert!(store.checked_on_copy().is_none());
    assert_eq!(cases(&store), 150);
    store
}

#[test]
fn an_empty_format_file_does_not_refuse_an_intact_store() {
    recovers(|dir| std::fs::write(dir.join("format"), "").unwrap());
}

#[test]
fn an_empty_commit_seq_is_unknown_not_zero() {
    recovers(|dir| std::fs::write(dir.join("commit_seq"), "").unwrap());
}

#[test]
fn a_missing_clean_json_opens_with_everything() {
    recovers(|dir| std::fs::remove_file(dir.join("clean.json")).unwrap());
}

#[test]
fn a_missing_format_and_commit_seq_open_with_everything() {
    recovers(|dir| {
        std::fs::remove_file(dir.join("format")).unwrap();
        std::fs::remove_file(dir.join("commit_seq")).unwrap();
    });
}

/// A holder note left behind means the holder was killed: the store is
/// checked on a copy even though sled's files match the clean fingerprint.
#[test]
fn a_holder_note_left_behind_means_an_unclean_close() {
    recovers(|dir| {
        std::fs::write(
            dir.join("holder.json"),
            r#"{"pid":999999,"user":"x","tty":"none","since":"2026-01-01T00:00:00Z"}"#,
        )
        .unwrap();
    });
}

/// A process killed during the check on a copy, or while writing a side
/// file, leaves its scratch folder or temporary file; the next open (under
/// the lock) removes them, and its own check leaves nothing behind.
#[test]
fn a_killed_check_leaves_no_scratch_copy_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    populate(&dir, 2, 20);
    let stale = dir.join(".verify-999999");
    std::fs::create_dir_all(stale.join("blobs")).unwrap();
    std::fs::write(stale.join("db"), vec![7u8; 4096]).unwrap();
    std::fs::write(dir.join(".tmp-format"), "stepwise-st").unwrap();
    std::fs::remove_file(dir.join("clean.json")).unwrap();
    let store = open(&dir);
    assert!(store.checked_on_copy().is_some());
    assert_eq!(leftovers(&dir), vec![dir.join("holder.json")], "while open");
    drop(store);
    assert_eq!(leftovers(&dir), Vec::<PathBuf>::new(), "after close");
}

/// Opening never changes the modes of an existing store: a 0500 store
/// directory stays 0500 whether it is refused (not root) or opens (root).
#[test]
fn opening_keeps_a_read_only_store_directory_read_only() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    populate(&dir, 1, 3);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o500)).unwrap();
    let before = snapshot(&dir);
    let outcome = Store::open(&dir, "bob").map(drop);
    let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(mode, 0o500, "the store directory was chmod'ed");
    if let Err(e) = outcome {
        let msg = e.to_string();
        assert!(
            msg.contains(&dir.display().to_string()) && msg.contains("permission"),
            "{msg}"
        );
        assert_eq!(before, snapshot(&dir), "a refused store was changed");
    }
}

/// sled's own errors are told in words that name the database, without
/// its internals (`Read corrupted data at file offset None backtrace ()`).
#[test]
fn a_damaged_sled_snapshot_is_refused_in_words() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    populate(&dir, 2, 20);
    drop(open(&dir)); // the first reopen writes sled's first snapshot
    let snap = std::fs::read_dir(dir.join(SLED_DIR))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("snap."))
        .expect("sled wrote no snapshot");
    std::fs::write(&snap, b"garbagegarbage").unwrap();
    assert_refused_untouched(&dir, is_corrupt, "corrupt");
    let msg = match Store::open(&dir, "bob") {
        Ok(_) => panic!("opened"),
        Err(e) => e.to_string(),
    };
    assert!(msg.contains(&dir.join(SLED_DIR).display().to_string()), "{msg}");
    assert!(msg.contains("damaged"), "{msg}");
    for internal in ["offset", "backtrace", "None", "Some("] {
        assert!(!msg.contains(internal), "{msg}");
    }
}

/// Unmounts a tmpfs when dropped.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// After an unclean close, a disk without room for the copy the check
/// needs: the store is refused untouched with what it needs (not as
/// corrupt), and opens once there is room.
#[test]
fn no_room_for_the_check_says_what_it_needs() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: mounting a small tmpfs needs root (CI runs as root)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let ok = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1200k", "tmpfs"])
        .arg(tmp.path())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("skipped: this system does not allow mounting a tmpfs");
        return;
    }
    let _mount = Mount(tmp.path().to_path_buf());
    let dir = tmp.path().join("store");
    populate(&dir, 2, 20);
    drop(open(&dir)); // sled grows its file to a full segment on reopen
    let needs = stepwise_size(&dir.join(SLED_DIR));
    let free = free_bytes(tmp.path());
    assert!(
        free > needs,
        "the tmpfs is too small for the test: {free} free, {needs} needed"
    );
    let filler = tmp.path().join("filler");
    std::fs::write(&filler, vec![0u8; (free - needs / 2) as usize]).unwrap();
    std::fs::remove_file(dir.join("clean.json")).unwrap();
    let before = snapshot(&dir);
    let err = match Store::open(&dir, "bob") {
        Ok(_) => panic!("opened without room for the check"),
        Err(e) => e,
    };
    assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("MB free on the disk holding")
            && msg.contains("free some space")
            && msg.contains("nothing was changed"),
        "{msg}"
    );
    assert_eq!(before, snapshot(&dir), "a refused store was changed");
    std::fs::remove_file(&filler).unwrap();
    let store = open(&dir);
    assert!(store.checked_on_copy().is_some());
    assert_eq!(cases(&store), 40);
    drop(store);
    assert_eq!(leftovers(&dir), Vec::<PathBuf>::new());
}

fn stepwise_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            if meta.is_dir() {
                stepwise_size(&e.path())
            } else {
                meta.len()
            }
        })
        .sum()
}

fn free_bytes(dir: &Path) -> u64 {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(dir.as_os_str().as_bytes()).unwrap();
    // SAFETY: statvfs fills the struct it is given from a valid C string.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::statvfs(c.as_ptr(), &mut st) }, 0);
    #[allow(clippy::unnecessary_cast)]
    let free = (st.f_bavail as u64) * (st.f_frsize as u64);
    free
}
