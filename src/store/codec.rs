//! The versioned codec: a record is one version byte followed by its bincode
//! body. Each record type states its current version; older versions are
//! upgraded by the type's `upgrade`, newer ones refused.
//!
//! bincode is not self-describing: adding, removing or reordering a field or
//! an enum variant changes what old bytes mean. So a stored type that must
//! change is first frozen under `records` as its old version (a copy of the
//! struct as it was), `VERSION` goes up, and `upgrade` converts the old
//! bytes. The golden fixtures under `tests/golden/` fail as soon as a stored
//! type changes without that.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::TreeId;

pub trait Record: Serialize + DeserializeOwned {
    /// The tree records of this type live in.
    const TREE: TreeId;
    /// The version written now.
    const VERSION: u8 = 1;

    /// Decodes a body written at an older `version`.
    fn upgrade(version: u8, _body: &[u8]) -> Result<Self, String> {
        Err(format!("no upgrade from record version {version}"))
    }
}

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

pub fn encode<R: Record>(value: &R) -> Vec<u8> {
    let mut out = vec![R::VERSION];
    // Encoding into a Vec cannot fail for the plain serde types stored here.
    let body = bincode::serde::encode_to_vec(value, config()).unwrap_or_default();
    out.extend_from_slice(&body);
    out
}

/// Decodes a record body of the current version, requiring every byte used.
pub fn decode_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    let (value, used) = bincode::serde::decode_from_slice(body, config()).map_err(|e| e.to_string())?;
    if used != body.len() {
        return Err(format!("{} trailing bytes", body.len() - used));
    }
    Ok(value)
}

pub fn decode<R: Record>(bytes: &[u8]) -> Result<R, String> {
    let (&version, body) = bytes.split_first().ok_or("empty record")?;
    if version == R::VERSION {
        decode_body(body)
    } else if version > R::VERSION {
        Err(format!(
            "record version {version} is newer than this stepwise reads ({})",
            R::VERSION
        ))
    } else {
        R::upgrade(version, body)
    }
}
