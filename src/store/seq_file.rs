//! Writing `commit_seq` (see `integrity`) beside the answer, not before it.
//!
//! The file is a witness: on an unclean open, the database must hold at
//! least the commits it counts. It is written only after a flush made
//! those commits durable, so it never counts one the database could lose;
//! written atomically (two fsyncs and a rename), it cost a recorded result
//! as much as sled's own flush. So one thread per open store writes it
//! after the caller has its answer, always the latest number noted, and
//! the store's close writes the last one before the clean fingerprint.
//! A kill within the moment between an answer and that write leaves the
//! file one commit behind: the check on the next open is then one commit
//! less strict, never wrong.

use super::integrity;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};

#[derive(Default)]
struct State {
    /// The highest durable commit noted.
    noted: u64,
    /// The highest written to the file.
    written: u64,
    closing: bool,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

/// The writer of one open store's `commit_seq`.
pub(super) struct SeqFile {
    shared: Arc<Shared>,
    thread: Option<std::thread::JoinHandle<()>>,
    dir: PathBuf,
}

impl SeqFile {
    /// `written` is what the file holds now (the store just opened).
    pub(super) fn start(dir: PathBuf, written: u64) -> SeqFile {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                noted: written,
                written,
                closing: false,
            }),
            wake: Condvar::new(),
        });
        let thread = {
            let (shared, dir) = (shared.clone(), dir.clone());
            std::thread::Builder::new()
                .name("commit-seq".into())
                .spawn(move || write_in_background(&shared, &dir))
                .ok()
        };
        SeqFile { shared, thread, dir }
    }

    /// Commit `seq` is durable: the file is to say so.
    pub(super) fn note(&self, seq: u64) {
        let mut state = self.shared.state.lock().unwrap_or_else(|p| p.into_inner());
        if seq > state.noted {
            state.noted = seq;
            if self.thread.is_none() {
                // No thread could be started: written here, as before.
                integrity::write_seq(&self.dir, seq);
                state.written = seq;
            }
            self.shared.wake.notify_one();
        }
    }

    /// Writes the last number noted (if the thread has not yet) and stops
    /// the thread: the store is closing.
    pub(super) fn finish(&mut self) {
        self.shared.state.lock().unwrap_or_else(|p| p.into_inner()).closing = true;
        self.shared.wake.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for SeqFile {
    fn drop(&mut self) {
        self.finish();
    }
}

fn write_in_background(shared: &Shared, dir: &std::path::Path) {
    let mut state = shared.state.lock().unwrap_or_else(|p| p.into_inner());
    loop {
        if state.noted > state.written {
            let seq = state.noted;
            drop(state);
            integrity::write_seq(dir, seq);
            state = shared.state.lock().unwrap_or_else(|p| p.into_inner());
            state.written = seq;
            continue;
        }
        if state.closing {
            return;
        }
        state = shared.wake.wait(state).unwrap_or_else(|p| p.into_inner());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_number_noted_is_written_by_the_close() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        let mut file = SeqFile::start(dir.clone(), 0);
        for seq in 1..=50 {
            file.note(seq);
        }
        file.note(7);
        file.finish();
        assert_eq!(integrity::read_seq(&dir), Some(50));
        // Nothing noted: nothing written.
        std::fs::remove_file(dir.join(integrity::SEQ_FILE)).unwrap();
        drop(SeqFile::start(dir.clone(), 50));
        assert_eq!(integrity::read_seq(&dir), None);
    }
}
