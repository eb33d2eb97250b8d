//! Logs go to `stepwise.log` in the store directory, never to the screen;
//! the level comes from STEPWISE_LOG (default `info`). A client of another
//! account, which cannot write there, logs to its own data directory.

use std::path::{Path, PathBuf};

/// Starts logging to `dir/stepwise.log` (or, failing that, `fallback`);
/// returns the file's path.
pub fn init_with_fallback(dir: &Path, fallback: Option<&Path>) -> PathBuf {
    let mut path = dir.join("stepwise.log");
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&path);
    if file.is_err()
        && let Some(f) = fallback
    {
        let _ = std::fs::create_dir_all(f);
        path = f.join("stepwise.log");
        file = std::fs::OpenOptions::new().create(true).append(true).open(&path);
    }
    if let Ok(file) = file {
        let filter = tracing_subscriber::EnvFilter::try_from_env("STEPWISE_LOG")
            .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sled=warn"));
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_ansi(false)
            .with_writer(std::sync::Mutex::new(file))
            .try_init();
    }
    path
}

pub fn init(dir: &Path) -> PathBuf {
    init_with_fallback(dir, None)
}
