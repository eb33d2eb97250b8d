//! Answers worked out from the store as it stands at one commit, kept
//! until the next: a large run's first screen (`Service::run_head`) is the
//! same for every tester who opens it until something is written, so the
//! walk over its 100,000 rows is done once, not once per opening.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

type Answers = HashMap<Vec<u8>, Arc<dyn Any + Send + Sync>>;

/// The answers kept, with the commit number they hold for.
#[derive(Default)]
pub(super) struct Memo(Mutex<(u64, Answers)>);

/// Answers kept at most for one commit.
const KEPT: usize = 64;

impl super::Store {
    /// The answer `work` gives for `key`, worked out once per commit: kept
    /// while no commit lands. `work` reads the store; one that raced a
    /// commit is kept for the number read before it, which no later call
    /// asks for.
    pub fn memoized<T, E>(&self, key: &[u8], work: impl FnOnce() -> Result<T, E>) -> Result<Arc<T>, E>
    where
        T: Any + Send + Sync,
    {
        let seq = self.commits();
        {
            let memo = self.memo.0.lock().unwrap_or_else(|p| p.into_inner());
            if memo.0 == seq
                && let Some(answer) = memo.1.get(key).and_then(|a| Arc::clone(a).downcast::<T>().ok())
            {
                return Ok(answer);
            }
        }
        let answer = Arc::new(work()?);
        let mut memo = self.memo.0.lock().unwrap_or_else(|p| p.into_inner());
        if memo.0 != seq {
            *memo = (seq, HashMap::new());
        }
        if memo.1.len() >= KEPT {
            memo.1.clear();
        }
        memo.1
            .insert(key.to_vec(), Arc::clone(&answer) as Arc<dyn Any + Send + Sync>);
        Ok(answer)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::{Batch, Store, TreeId};

    #[test]
    fn an_answer_is_kept_until_the_next_commit() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(&tmp.path().join("s"), "ann").unwrap();
        let mut worked = 0;
        let mut ask = |store: &Store, key: &[u8]| -> u64 {
            *store
                .memoized(key, || {
                    worked += 1;
                    Ok::<_, ()>(store.commits())
                })
                .unwrap()
        };
        assert_eq!((ask(&store, b"a"), ask(&store, b"a"), ask(&store, b"b")), (0, 0, 0));
        let mut batch = Batch::new();
        batch.put_raw(TreeId::Queries, b"Q/1".to_vec(), b"x".to_vec());
        store.commit(batch).unwrap();
        assert_eq!(ask(&store, b"a"), 1, "an answer outlived a commit");
        assert_eq!(worked, 3);
    }
}
