//! The wizard on a full disk (a small tmpfs, so root only): recording is
//! refused in the dialog with the whole message, the typed text stays, and
//! Ctrl-S again records once there is room.

use super::e2e::key;
use super::e2e::tmpfs::Tmpfs;
use super::{FIRST_UNTESTED, NEXT_UNTESTED, cli_ok, expect_flat, expect_notice, on_test, only_result, quit, set};
use super::{assert_test, tests, type_text, wizard};

#[test]
fn on_a_full_disk_the_dialog_says_so_keeps_the_text_and_records_on_retry() {
    let Some(fs) = Tmpfs::mount(4) else { return };
    let store = &fs.dir;
    cli_ok(store.path(), &["demo"]);
    set(store, "fast_pass=false");
    let mut t = wizard(store);
    let fill = fs.fill_leaving(8 * 1024);
    t.send("p");
    t.expect("Record: passed");
    type_text(&mut t, "checked while the disk was full");
    t.send(key::CTRL_S);
    expect_flat(
        &t,
        &format!("no space left on the device holding {}", store.path().display()),
    );
    expect_flat(&t, "nothing was recorded; free some space and try again");
    let screen = t.screen();
    assert!(screen.contains("Record: passed"), "the dialog closed:\n{screen}");
    assert!(
        screen.contains("checked while the disk was full"),
        "the text is gone:\n{screen}"
    );

    std::fs::remove_file(&fill).expect("free the space");
    t.send(key::CTRL_S);
    on_test(&t, NEXT_UNTESTED, "DEMO-6");
    expect_notice(&t, "passed recorded on DEMO-4");
    quit(t);
    let test = &tests(store)[FIRST_UNTESTED];
    assert_test(test, "DEMO-4", "Firefox", "passed");
    assert_eq!(only_result(test)["comment"], "checked while the disk was full");
}
