//! Every byte the commands write goes through here, so that stored text
//! never reaches the terminal raw (`domain::inert`): text lines show
//! control characters and bidi controls as visible escapes, JSON writes
//! them as `\uXXXX` escapes (the exact text once parsed), and a data file
//! (CSV, a report) sent to standard output is written as it is when the
//! output is a file or a pipe, with the escapes only when it is a terminal.
//! The commands print with [`say!`](crate::say) and [`say_err!`](crate::say_err);
//! a test below keeps `println!` and friends out of `src/cli`.

use crate::domain::inert;
use std::io::{IsTerminal, Write};

/// Prints a line of text (like `println!`) with every live character
/// made visible.
#[macro_export]
macro_rules! say {
    () => { $crate::cli::out::line("") };
    ($($arg:tt)*) => { $crate::cli::out::line(&format!($($arg)*)) };
}

/// Prints a line on standard error (like `eprintln!`), made inert.
#[macro_export]
macro_rules! say_err {
    ($($arg:tt)*) => { $crate::cli::out::warn_line(&format!($($arg)*)) };
}

/// One line of text on standard output, made inert.
pub fn line(s: &str) {
    println!("{}", inert::text(s));
}

/// One line on standard error, made inert.
pub fn warn_line(s: &str) {
    eprintln!("{}", inert::text(s));
}

/// A JSON document, pretty-printed, its strings exact.
pub fn json(value: &serde_json::Value) {
    let doc = serde_json::to_string_pretty(value).unwrap_or_default();
    println!("{}", inert::json(&doc));
}

/// Whether standard output is a terminal.
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// What a data file is, for [`data`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Data {
    /// A JSON document: escaped losslessly wherever it goes.
    Json,
    /// Text (CSV, XML, Markdown, HTML): exact to a file or a pipe, made
    /// inert on a terminal.
    Text,
    /// Bytes that are not text (a PDF): written as they are.
    Binary,
}

/// Writes a data file to standard output and flushes it.
pub fn data(bytes: &[u8], kind: Data) -> std::io::Result<()> {
    let out = std::io::stdout();
    write_data(&mut out.lock(), bytes, kind, out.is_terminal())
}

/// [`data`] on any writer; `terminal` says whether it is one.
pub fn write_data(out: &mut impl Write, bytes: &[u8], kind: Data, terminal: bool) -> std::io::Result<()> {
    match kind {
        Data::Json => match std::str::from_utf8(bytes) {
            Ok(doc) => out.write_all(inert::json(doc).as_bytes())?,
            Err(_) => out.write_all(bytes)?,
        },
        Data::Text if terminal => out.write_all(inert::text(&String::from_utf8_lossy(bytes)).as_bytes())?,
        Data::Text | Data::Binary => out.write_all(bytes)?,
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_data_is_exact_in_a_file_and_inert_on_a_terminal() {
        let csv = "id,title\r\nD-1,\"a\u{1b}[2Jb\u{202e}c\"\r\n".as_bytes();
        let mut file = Vec::new();
        write_data(&mut file, csv, Data::Text, false).unwrap();
        assert_eq!(file, csv);
        let mut tty = Vec::new();
        write_data(&mut tty, csv, Data::Text, true).unwrap();
        assert_eq!(
            String::from_utf8(tty).unwrap(),
            "id,title\r\nD-1,\"a\\e[2Jb\\u{202e}c\"\r\n"
        );
        let mut json = Vec::new();
        write_data(&mut json, "[\"\u{202e}\"]".as_bytes(), Data::Json, false).unwrap();
        assert_eq!(json, b"[\"\\u202e\"]");
    }

    /// New commands print through this module: no `println!` elsewhere
    /// in `src/cli`.
    #[test]
    fn commands_print_only_through_this_module() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli");
        let forbidden = ["println!", "print!(", "eprintln!", "eprint!(", "stdout()", "stderr()"];
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == "out.rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for (i, l) in source.lines().enumerate() {
                // Completions and the man page are not stored text.
                if l.contains("clap_complete::generate") || l.contains(".render(&mut std::io::stdout())") {
                    continue;
                }
                for f in forbidden {
                    assert!(!l.contains(f), "{}:{}: {f} bypasses cli::out", path.display(), i + 1);
                }
            }
        }
    }
}
