//! Where a tracker's secrets come from: the environment variable its
//! configuration names, or the same name in the credentials file of the
//! user's config directory (`~/.config/stepwise/credentials`, lines
//! `NAME=value`), which is refused unless only its owner can read it
//! (mode 0600), as ssh refuses a readable key.

use crate::domain::TrackerApi;
use crate::domain::tracker::request::Credentials;
use std::path::PathBuf;

/// The credentials file: `$STEPWISE_CREDENTIALS`, or `credentials` in
/// stepwise's config directory.
pub fn file_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("STEPWISE_CREDENTIALS").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::BaseDirs::new().map(|b| b.config_dir().join("stepwise").join("credentials"))
}

/// The value of `name` in the credentials file, if the file has it.
fn from_file(name: &str) -> Result<Option<String>, String> {
    let Some(path) = file_path() else { return Ok(None) };
    let meta = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {}", path.display(), e.kind())),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(format!(
                "{} is readable by others (mode {mode:04o}): run chmod 600 on it",
                path.display()
            ));
        }
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {}", path.display(), e.kind()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .find(|(k, _)| k.trim() == name)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty()))
}

fn lookup(name: &str) -> Result<String, String> {
    if let Some(v) = std::env::var(name).ok().filter(|v| !v.trim().is_empty()) {
        return Ok(v.trim().to_string());
    }
    from_file(name)?.ok_or_else(|| {
        let file = file_path()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "the credentials file".into());
        format!("${name} is not set (set it, or put {name}=... in {file}, mode 0600)")
    })
}

/// The token (and for Jira Cloud the email) of a tracker.
pub fn credentials(api: &TrackerApi) -> Result<Credentials, String> {
    let token = lookup(&api.token_env)?;
    let email = match &api.email_env {
        Some(e) => Some(lookup(e)?),
        None => None,
    };
    Ok(Credentials { token, email })
}
