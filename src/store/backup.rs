//! A way back for damage nobody foresaw: `backup.bin`, a consistent copy of
//! every tree of the store, written at each clean close when the store
//! changed since the last one (the schema version and the commit number
//! tell), and `recover`, which rebuilds `db` from it.
//!
//! The file: the line `stepwise-backup 1`, one line of JSON (the header:
//! schema version, commit number, when it was made, each tree's name and
//! record count, the body's length and SHA-256), then the body: for each
//! tree in the header's order, its records as (u32 big-endian key length,
//! key, u32 big-endian value length, value). It is written to a temporary
//! file, fsynced, renamed over the old one, and the directory fsynced: a
//! kill leaves the old backup or the new one, never half of one.

use super::integrity::{self, Scratch};
use super::lock::{LockError, StoreLock};
use super::schema::{self, SCHEMA_VERSION};
use super::{SLED_DIR, StoreError, TreeId, holder, open::open_sled, verify};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

pub const BACKUP_FILE: &str = "backup.bin";
const MAGIC: &str = "stepwise-backup 1";

/// What a backup holds, read from its header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub schema: u32,
    /// The commit number of the store when it was made.
    pub seq: u64,
    pub made: DateTime<Utc>,
    /// Each tree's name and how many records it holds, in body order.
    pub trees: Vec<(String, u64)>,
    pub body_len: u64,
    pub sha256: String,
}

impl Header {
    /// How many records the tree `name` holds (0 if it is not there).
    pub fn count(&self, name: &str) -> u64 {
        self.trees.iter().find(|(n, _)| n == name).map_or(0, |(_, c)| *c)
    }
}

pub fn path(dir: &Path) -> PathBuf {
    dir.join(BACKUP_FILE)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes the backup of `trees` unless the one there already holds this
/// schema version and commit number. Called with the store open and its
/// lock held, so nothing writes while the trees are read.
pub(super) fn write_if_changed(dir: &Path, trees: &[sled::Tree], now: DateTime<Utc>) -> std::io::Result<bool> {
    let meta = &trees[TreeId::Meta as usize];
    let version = meta
        .get(schema::VERSION_KEY)
        .ok()
        .flatten()
        .and_then(|v| <[u8; 4]>::try_from(v.as_ref()).ok())
        .map_or(SCHEMA_VERSION, u32::from_be_bytes);
    let seq = schema::read_seq(meta);
    if read_header(dir).is_ok_and(|h| h.is_some_and(|h| h.schema == version && h.seq == seq)) {
        return Ok(false);
    }
    remove_leftovers(dir);
    let tmp = dir.join(format!(".{BACKUP_FILE}.tmp-{}", std::process::id()));
    let result = write_streaming(&tmp, trees, |counts, body_len, sha256| Header {
        schema: version,
        seq,
        made: now,
        trees: counts,
        body_len,
        sha256,
    })
    .and_then(|()| {
        std::fs::rename(&tmp, path(dir))?;
        std::fs::File::open(dir)?.sync_all()
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map(|()| true)
}

/// The room kept for the header line: the JSON is written there, padded
/// with spaces, once the body (streamed after it) is hashed and counted.
/// Trailing spaces leave the line valid JSON, so the format is unchanged.
const HEADER_ROOM: usize = 4096;

/// A writer that hashes and counts what passes through it.
struct Hashing<W> {
    out: W,
    sha: Sha256,
    len: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.sha.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Writes the backup file `tmp` in one pass over `trees`, holding no more
/// than a buffer of it in memory (a 100,000-test store's body is ~100 MB),
/// then fsyncs it. `header` makes the header from each tree's count, the
/// body's length and its SHA-256.
fn write_streaming(
    tmp: &Path,
    trees: &[sled::Tree],
    header: impl FnOnce(Vec<(String, u64)>, u64, String) -> Header,
) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom};
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(tmp)?);
    writeln!(out, "{MAGIC}")?;
    let at = (MAGIC.len() + 1) as u64;
    out.write_all(&[b' '; HEADER_ROOM - 1])?;
    out.write_all(b"\n")?;
    let mut body = Hashing {
        out,
        sha: Sha256::new(),
        len: 0,
    };
    let mut counts = Vec::with_capacity(trees.len());
    for id in TreeId::ALL {
        let mut n = 0u64;
        for item in trees[id as usize].iter() {
            let (k, v) = item.map_err(std::io::Error::other)?;
            for part in [k.as_ref(), v.as_ref()] {
                let len = u32::try_from(part.len()).map_err(std::io::Error::other)?;
                body.write_all(&len.to_be_bytes())?;
                body.write_all(part)?;
            }
            n += 1;
        }
        counts.push((id.name().to_string(), n));
    }
    body.flush()?;
    let Hashing { out, sha, len } = body;
    let mut file = out.into_inner().map_err(|e| e.into_error())?;
    let sha = hex(&sha.finalize());
    let json = serde_json::to_string(&header(counts, len, sha)).map_err(std::io::Error::other)?;
    if json.len() >= HEADER_ROOM {
        return Err(std::io::Error::other(format!(
            "the backup's header takes {} bytes, more than the {HEADER_ROOM} kept for it",
            json.len()
        )));
    }
    file.seek(SeekFrom::Start(at))?;
    file.write_all(json.as_bytes())?;
    file.sync_all()
}

/// Removes what a killed writer or `recover` left behind: temporary
/// backups and half-built databases. Only with the store's lock held.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&format!(".{BACKUP_FILE}.tmp-")) {
            let _ = std::fs::remove_file(entry.path());
        } else if name.starts_with(&format!("{SLED_DIR}.recovering-")) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Reads the magic line and the header, leaving the reader at the body.
fn header_of(reader: &mut impl BufRead) -> Result<Header, String> {
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|e| e.to_string())?;
    if line.trim_end() != MAGIC {
        return Err("it does not start as a stepwise backup".into());
    }
    line.clear();
    reader.read_line(&mut line).map_err(|e| e.to_string())?;
    serde_json::from_str(&line).map_err(|e| format!("its header does not read: {e}"))
}

/// The header of the backup in `dir`: None when there is none, an error
/// (in words) when the file is there but does not read.
pub fn read_header(dir: &Path) -> Result<Option<Header>, String> {
    let file = match std::fs::File::open(path(dir)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
        Ok(f) => f,
    };
    header_of(&mut std::io::BufReader::new(file)).map(Some)
}

/// The number of commits the store counted beside its database
/// (`commit_seq`; 0 when unknown).
pub fn commits_counted(dir: &Path) -> u64 {
    integrity::read_seq(dir).unwrap_or(0)
}

/// A tree's records: (key, value) in key order.
pub type Records = Vec<(Vec<u8>, Vec<u8>)>;

/// A backup read in full, its checksum verified.
pub struct Backup {
    pub header: Header,
    pub trees: Vec<(String, Records)>,
}

/// Reads and verifies the whole backup in `dir` (None when there is none).
pub fn load(dir: &Path) -> Result<Option<Backup>, String> {
    let file = match std::fs::File::open(path(dir)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
        Ok(f) => f,
    };
    let mut reader = std::io::BufReader::new(file);
    let header = header_of(&mut reader)?;
    let mut body = Vec::new();
    reader.read_to_end(&mut body).map_err(|e| e.to_string())?;
    if body.len() as u64 != header.body_len {
        return Err(format!(
            "it holds {} bytes of data where its header says {}",
            body.len(),
            header.body_len
        ));
    }
    if hex(&Sha256::digest(&body)) != header.sha256 {
        return Err("its checksum does not match its data".into());
    }
    let mut rest = body.as_slice();
    let mut take = || -> Result<Vec<u8>, String> {
        let short = || "its data ends early".to_string();
        let (len, tail) = rest.split_first_chunk::<4>().ok_or_else(short)?;
        let len = u32::from_be_bytes(*len) as usize;
        if tail.len() < len {
            return Err(short());
        }
        let (part, tail) = tail.split_at(len);
        rest = tail;
        Ok(part.to_vec())
    };
    let mut trees = Vec::with_capacity(header.trees.len());
    for (name, count) in &header.trees {
        let mut pairs = Vec::new();
        for _ in 0..*count {
            let key = take()?;
            pairs.push((key, take()?));
        }
        trees.push((name.clone(), pairs));
    }
    if !rest.is_empty() {
        return Err("it holds more data than its header counts".into());
    }
    Ok(Some(Backup { header, trees }))
}

/// What `recover` did.
pub struct Recovered {
    pub header: Header,
    /// Where the database that would not open was moved (None if there was none).
    pub kept: Option<PathBuf>,
    /// The commit number `commit_seq` named before (0 if unknown).
    pub seq_before: u64,
}

/// Rebuilds the database of the store in `dir` from its backup: the
/// backup is verified, the new database built and checked beside the old
/// one, then the old one is renamed `db.broken-<time>` (never deleted) and
/// the new one takes its place; the side files follow. Holds the store's
/// lock throughout. The caller makes sure the store does not open.
pub fn recover(dir: &Path, now: DateTime<Utc>) -> Result<Recovered, StoreError> {
    let io = |detail: String| StoreError::Io {
        path: dir.to_path_buf(),
        detail,
    };
    let _lock = StoreLock::acquire(dir).map_err(|e| match e {
        LockError::Held => StoreError::Locked {
            path: dir.to_path_buf(),
            holder: holder::read(dir),
        },
        LockError::Io(detail) => io(detail),
    })?;
    let file = path(dir);
    let backup = match load(dir) {
        Ok(Some(b)) => b,
        Ok(None) => {
            return Err(io(format!(
                "there is no backup to recover from ({} is missing)",
                file.display()
            )));
        }
        Err(e) => {
            return Err(io(format!(
                "the backup {} is damaged ({e}); nothing was changed",
                file.display()
            )));
        }
    };
    if backup.header.schema > SCHEMA_VERSION {
        return Err(StoreError::Newer {
            path: dir.to_path_buf(),
            found: backup.header.schema,
            supported: SCHEMA_VERSION,
        });
    }
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    remove_leftovers(dir);
    let building = Scratch(dir.join(format!("{SLED_DIR}.recovering-{}", std::process::id())));
    {
        let (db, trees) = open_sled(&building.0, dir)?;
        for (name, pairs) in &backup.trees {
            let id = TreeId::ALL
                .into_iter()
                .find(|t| t.name() == name)
                .ok_or_else(|| io(format!("the backup {} holds an unknown tree {name}", file.display())))?;
            let mut batch = sled::Batch::default();
            for (k, v) in pairs {
                batch.insert(k.as_slice(), v.as_slice());
            }
            trees[id as usize]
                .apply_batch(batch)
                .map_err(|e| StoreError::from_sled(dir, e))?;
        }
        db.flush().map_err(|e| StoreError::from_sled(dir, e))?;
        verify::check(dir, &trees, backup.header.seq)?;
    }
    let sled_dir = dir.join(SLED_DIR);
    let mut kept = None;
    if sled_dir.exists() {
        let mut aside = dir.join(format!("{SLED_DIR}.broken-{stamp}"));
        let mut n = 1;
        while aside.exists() {
            n += 1;
            aside = dir.join(format!("{SLED_DIR}.broken-{stamp}-{n}"));
        }
        std::fs::rename(&sled_dir, &aside).map_err(|e| io(format!("cannot move {} aside: {e}", sled_dir.display())))?;
        kept = Some(aside);
    }
    std::fs::rename(&building.0, &sled_dir)
        .map_err(|e| io(format!("cannot put the rebuilt database in place: {e}")))?;
    let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    let seq_before = integrity::read_seq(dir).unwrap_or(0);
    integrity::write_format(dir, backup.header.schema).map_err(|e| io(format!("cannot write the format file: {e}")))?;
    integrity::write_seq(dir, backup.header.seq);
    integrity::write_clean(dir, &sled_dir);
    Ok(Recovered {
        header: backup.header,
        kept,
        seq_before,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Batch, Store};
    use std::os::unix::fs::MetadataExt;

    fn commit(store: &Store, n: u8) {
        let mut batch = Batch::new();
        batch.put_raw(TreeId::Queries, vec![b'Q', b'/', n], vec![n; 3]);
        store.commit(batch).unwrap();
    }

    #[test]
    fn written_at_close_only_when_the_store_changed_and_read_back_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        let store = Store::open(&dir, "ann").unwrap();
        commit(&store, 1);
        commit(&store, 2);
        assert!(read_header(&dir).unwrap().is_none(), "written before the close");
        drop(store);
        let h = read_header(&dir).unwrap().expect("a backup after a clean close");
        assert_eq!((h.schema, h.seq, h.count("queries")), (SCHEMA_VERSION, 2, 2));
        let ino = std::fs::metadata(path(&dir)).unwrap().ino();
        drop(Store::open(&dir, "ann").unwrap());
        assert_eq!(
            std::fs::metadata(path(&dir)).unwrap().ino(),
            ino,
            "rewritten with nothing changed"
        );
        let leftover = dir.join(format!(".{BACKUP_FILE}.tmp-999999"));
        std::fs::write(&leftover, b"half a backup").unwrap();
        let store = Store::open(&dir, "ann").unwrap();
        commit(&store, 3);
        drop(store);
        assert!(!leftover.exists(), "a killed writer's temporary backup is still there");
        let b = load(&dir).unwrap().unwrap();
        assert_eq!(b.header.seq, 3);
        let (_, queries) = b.trees.iter().find(|(n, _)| n == "queries").unwrap();
        assert_eq!(queries[2], (vec![b'Q', b'/', 3], vec![3; 3]));
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(
            !names.iter().any(|n| n.to_string_lossy().contains(".tmp-")),
            "{names:?}"
        );
    }

    #[test]
    fn a_damaged_backup_does_not_load() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        let store = Store::open(&dir, "ann").unwrap();
        commit(&store, 1);
        drop(store);
        let good = std::fs::read(path(&dir)).unwrap();
        for (at, why) in [(good.len() - 2, "checksum"), (3, "does not start")] {
            let mut bad = good.clone();
            bad[at] ^= 0x20;
            std::fs::write(path(&dir), &bad).unwrap();
            let err = load(&dir).err().expect("a damaged backup loaded");
            assert!(err.contains(why), "{err}");
        }
        std::fs::write(path(&dir), &good[..good.len() - 1]).unwrap();
        assert!(load(&dir).err().unwrap().contains("bytes of data"));
    }
}
