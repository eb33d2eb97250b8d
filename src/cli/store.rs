//! `stepwise store recover`, and what a refused store's message says about
//! its backup. Neither goes through `Service`: they work on a store that
//! sled refuses to open.

use super::{CmdResult, Failure, JsonFlag};
use crate::say;
use crate::service::local_time;
use crate::store::backup::{self, Header};
use crate::store::{Store, StoreError};
use clap::Subcommand;
use std::path::Path;

#[derive(Subcommand, Debug)]
pub enum StoreCommand {
    /// Rebuild a store's database that cannot be opened from its backup
    /// (backup.bin, written at each clean close and by a running server
    /// every 10 minutes when the store changed); the damaged database is
    /// moved aside as db.broken-TIME, never deleted.
    Recover(JsonFlag),
}

pub fn run(cmd: &StoreCommand, dir: &Path, user: &str) -> CmdResult {
    match cmd {
        StoreCommand::Recover(j) => recover(dir, user, j.json),
    }
}

fn refuse(message: String) -> Failure {
    Failure { code: 2, message }
}

fn recover(dir: &Path, user: &str, json: bool) -> CmdResult {
    if !dir.is_dir() {
        return Err(refuse(format!("there is no store at {}", dir.display())));
    }
    match Store::open(dir, user) {
        Ok(store) => {
            drop(store);
            return Err(refuse(format!(
                "store {} opens and reads without error: there is nothing to recover",
                dir.display()
            )));
        }
        Err(StoreError::Corrupt { .. }) => {}
        Err(e) => return Err(refuse(e.to_string())),
    }
    let done = backup::recover(dir, chrono::Utc::now()).map_err(|e| refuse(e.to_string()))?;
    let h = &done.header;
    if json {
        let trees: serde_json::Map<String, serde_json::Value> =
            h.trees.iter().map(|(n, c)| (n.clone(), (*c).into())).collect();
        super::print_json(&serde_json::json!({
            "store": dir.display().to_string(),
            "backup": backup::path(dir).display().to_string(),
            "made": h.made.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "commit": h.seq,
            "commits_before": done.seq_before,
            "records": trees,
            "kept": done.kept.as_ref().map(|p| p.display().to_string()),
        }));
        return Ok(());
    }
    say!(
        "Recovered store {} from its backup made {} (commit {}): {}.",
        dir.display(),
        local_time::minute_zoned(&h.made),
        h.seq,
        holdings(h)
    );
    if done.seq_before > h.seq {
        say!(
            "The store had counted {} commits: the {} made after the backup are not in it.",
            done.seq_before,
            done.seq_before - h.seq
        );
    }
    if let Some(kept) = &done.kept {
        say!("The database that would not open was kept as {}.", kept.display());
    }
    Ok(())
}

/// `1 project, 12 cases, 3 runs, 40 tests, 5 defects`.
pub fn holdings(h: &Header) -> String {
    let n = |tree: &str, one: &str, many: &str| {
        let c = h.count(tree);
        format!("{c} {}", if c == 1 { one } else { many })
    };
    [
        n("projects", "project", "projects"),
        n("cases", "case", "cases"),
        n("runs", "run", "runs"),
        n("tests", "test", "tests"),
        n("defects", "defect", "defects"),
    ]
    .join(", ")
}

/// The store directory as a shell word.
fn shell_word(dir: &Path) -> String {
    let s = dir.display().to_string();
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+=:@,".contains(c)) {
        s
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// The message for a store that cannot be opened: the error, and for a
/// store refused as damaged, the way back — its backup (what it holds and
/// when it was made) and `stepwise store recover`, or what to do without one.
pub fn refusal(dir: &Path, err: &StoreError) -> String {
    let StoreError::Corrupt { .. } = err else {
        return err.to_string();
    };
    let file = backup::path(dir);
    let without = "restore the store's folder from your file system's backup, or keep it as it is \
                   and send it to whoever supports stepwise for you";
    let advice = match backup::load(dir) {
        Ok(Some(b)) => {
            let h = &b.header;
            let counted = crate::store::backup::commits_counted(dir);
            let missing = if counted > h.seq {
                format!(
                    " It lacks the last {} of the {counted} commits made to the store.",
                    counted - h.seq
                )
            } else {
                String::new()
            };
            format!(
                "Its database cannot be opened. A backup of its data, {}, made {} (commit {}), holds {}.{missing}\n\
                 Run `stepwise store recover --store {}` to rebuild the database from it; the damaged one is \
                 kept beside it (db.broken-…), nothing is deleted.",
                file.display(),
                local_time::minute_zoned(&h.made),
                h.seq,
                holdings(h),
                shell_word(dir)
            )
        }
        Ok(None) => format!(
            "Its database cannot be opened and it has no backup ({} is written at each clean close and while a server runs): {without}.",
            file.display()
        ),
        Err(e) => format!(
            "Its database cannot be opened and its backup {} is damaged too ({e}): {without}.",
            file.display()
        ),
    };
    format!("{err}\n{advice}")
}
