//! The layers point one way (ARCHITECTURE.md, README "Layout"): each
//! folder of `src/` may import only the layers and crates [`RULES`] allows.
//! The test reads every `.rs` file under `src/<layer>/` and fails naming
//! `file:line` for each `crate::<layer>` path or crate path the table
//! forbids. `lib.rs` and `main.rs` wire the layers together and are not
//! checked.

use std::path::{Path, PathBuf};

/// Crates no layer but the terminal's may use.
const TERMINAL: &[&str] = &["ratatui", "crossterm", "ratatui_textarea"];

struct Rule {
    layer: &'static str,
    /// The other layers it may import (`crate::<layer>`).
    layers: &'static [&'static str],
    /// The crates it may not use, or for `Only`, the only ones it may.
    crates: Crates,
}

enum Crates {
    Only(&'static [&'static str]),
    Not(&'static [&'static [&'static str]]),
}

/// Who may import whom. Read a row as "LAYER may use LAYERS".
const RULES: &[Rule] = &[
    // Pure: std and crates without I/O. Its tests also use proptest, and
    // serde_json and bincode to pin what it serialises to.
    Rule {
        layer: "domain",
        layers: &[],
        crates: Crates::Only(&[
            "serde",
            "chrono",
            "thiserror",
            "unicode_width",
            "nucleo_matcher",
            "proptest",
            "serde_json",
            "bincode",
        ]),
    },
    Rule {
        layer: "store",
        layers: &["domain"],
        crates: Crates::Not(&[TERMINAL, &["tokio"]]),
    },
    Rule {
        layer: "interop",
        layers: &["domain"],
        crates: Crates::Not(&[TERMINAL, &["sled", "tokio"]]),
    },
    Rule {
        layer: "service",
        layers: &["domain", "store", "interop"],
        crates: Crates::Not(&[TERMINAL, &["sled"]]),
    },
    // The server serves the service's calls; it opens the store it owns.
    Rule {
        layer: "server",
        layers: &["service", "store", "domain"],
        crates: Crates::Not(&[TERMINAL, &["sled"]]),
    },
    // Output formats (JSON shapes, CSV) come from interop.
    Rule {
        layer: "cli",
        layers: &["service", "domain", "interop"],
        crates: Crates::Not(&[TERMINAL, &["sled"]]),
    },
    Rule {
        layer: "tui",
        layers: &["service", "domain"],
        crates: Crates::Not(&[&["sled"]]),
    },
];

/// Imports the table forbids, allowed in one file for a stated reason.
/// An exception no file needs any more fails the test too.
const EXCEPTIONS: &[(&str, &str, &str)] = &[
    (
        "cli/store.rs",
        "crate::store",
        "`store recover` works on a store sled refuses to open: there is no Service to ask",
    ),
    (
        "cli/server.rs",
        "crate::server",
        "`stepwise serve` runs the server in this process",
    ),
    (
        "cli/server.rs",
        "crate::store",
        "`stepwise serve` opens the store it serves, and says why one cannot be opened as every command did",
    ),
    (
        "cli/statuses.rs",
        "crate::tui",
        "a custom status may not take a key the wizard binds: the wizard's binding table says which",
    ),
    (
        "cli/statuses.rs",
        "crossterm",
        "the key event the wizard's binding table is asked about",
    ),
];

/// The domain never reads the clock or touches files, processes or the network.
const DOMAIN_NEVER: &[&str] = &["std::fs", "std::net", "std::process", "std::env", "::now("];

const LAYERS: [&str; 7] = ["domain", "store", "interop", "service", "server", "cli", "tui"];

/// Every dependency name in Cargo.toml, as code spells it.
fn crate_names(manifest: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_deps = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_deps = line == "[dependencies]" || line == "[dev-dependencies]";
        } else if in_deps && let Some((name, _)) = line.split_once('=') {
            let name = name.trim();
            if !name.is_empty() && !name.starts_with('#') {
                names.push(name.replace('-', "_"));
            }
        }
    }
    names
}

/// `text` with its comments and the insides of its string and char
/// literals blanked out (newlines kept, so offsets keep their lines).
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |ch: char| if ch == '\n' { '\n' } else { ' ' };
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut i = 0;
    while i < c.len() {
        let prev_ident = i > 0 && ident(c[i - 1]);
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
        } else if c[i] == 'r' && !prev_ident && matches!(c.get(i + 1), Some('"' | '#')) {
            // A raw string: r"…", r#"…"#, …
            let hashes = c[i + 1..].iter().take_while(|ch| **ch == '#').count();
            if c.get(i + 1 + hashes) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            out.extend(std::iter::repeat_n(' ', hashes + 2));
            i += hashes + 2;
            while i < c.len()
                && !(c[i] == '"' && c[i + 1..].iter().take(hashes).filter(|ch| **ch == '#').count() == hashes)
            {
                out.push(blank(c[i]));
                i += 1;
            }
            out.extend(std::iter::repeat_n(' ', hashes + 1));
            i += hashes + 1;
        } else if c[i] == '"' {
            out.push(' ');
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < c.len() {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c[i] == '\'' && (c.get(i + 1) == Some(&'\\') || c.get(i + 2) == Some(&'\'')) {
            // A char literal ('x', '\n', '\u{1b}'); a lifetime stays.
            out.push(' ');
            i += 1;
            while i < c.len() && c[i] != '\'' {
                if c[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                out.push(' ');
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The 1-based line of byte offset `at`.
fn line_of(code: &str, at: usize) -> usize {
    code[..at].matches('\n').count() + 1
}

/// Names used as the first segment of a path (`name::…`) or imported
/// whole (`use name;`), with their offsets.
fn path_roots(code: &str) -> Vec<(usize, &str)> {
    let mut roots = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts = is_ident(bytes[i]) && (i == 0 || !(is_ident(bytes[i - 1]) || matches!(bytes[i - 1], b':' | b'$')));
        if !starts {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_ident(bytes[i]) {
            i += 1;
        }
        let rest = &code[i..];
        let used_whole = code[..start].trim_end().ends_with("use") && rest.trim_start().starts_with([';', ' ']);
        if rest.starts_with("::") || used_whole {
            roots.push((start, &code[start..i]));
        }
    }
    roots
}

/// The layers `crate::…` paths name, with their offsets; a group
/// (`crate::{domain::X, service::Y}`, over several lines too) names each.
fn crate_layers(code: &str) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(at) = code[from..].find("crate::").map(|a| a + from) {
        from = at + "crate::".len();
        if at > 0 && (is_ident(bytes[at - 1]) || matches!(bytes[at - 1], b':' | b'$')) {
            continue;
        }
        let mut heads = vec![from];
        if bytes.get(from) == Some(&b'{') {
            // The group's top-level items, up to its closing brace.
            let mut depth = 0;
            heads.clear();
            for (j, b) in bytes.iter().enumerate().skip(from) {
                match b {
                    b'{' => {
                        depth += 1;
                        if depth == 1 {
                            heads.push(j + 1);
                        }
                    }
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    b',' if depth == 1 => heads.push(j + 1),
                    _ => {}
                }
            }
        }
        for h in heads {
            let head = code[h..].trim_start();
            let name: String = head.bytes().take_while(|b| is_ident(*b)).map(char::from).collect();
            if let Some(layer) = LAYERS.iter().find(|l| **l == name) {
                found.push((h + (code[h..].len() - head.len()), *layer));
            }
        }
    }
    found
}

/// What `text` (the file `rel`, e.g. `cli/store.rs`) imports against its
/// layer's rule, as (line, what), before exceptions.
fn check_text(rel: &str, text: &str, crates: &[String]) -> Vec<(usize, String)> {
    let layer = rel.split('/').next().unwrap_or("");
    let Some(rule) = RULES.iter().find(|r| r.layer == layer) else {
        return vec![(0, format!("{layer} is not a layer of the table"))];
    };
    let code = code_only(text);
    let mut out = Vec::new();
    for (at, other) in crate_layers(&code) {
        if other != layer && !rule.layers.contains(&other) {
            out.push((at, format!("crate::{other}")));
        }
    }
    for (at, root) in path_roots(&code) {
        if !crates.iter().any(|c| c == root) {
            continue;
        }
        let forbidden = match &rule.crates {
            Crates::Only(ok) => !ok.contains(&root),
            Crates::Not(groups) => groups.iter().any(|g| g.contains(&root)),
        };
        if forbidden {
            out.push((at, root.to_string()));
        }
    }
    if layer == "domain" {
        for never in DOMAIN_NEVER {
            out.extend(code.match_indices(never).map(|(at, _)| (at, never.to_string())));
        }
    }
    out.sort();
    out.into_iter().map(|(at, what)| (line_of(&code, at), what)).collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_import_follows_the_layer_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
    let crates = crate_names(&manifest);
    assert!(crates.iter().any(|c| c == "ratatui_textarea"), "{crates:?}");
    let src = root.join("src");
    let mut bad = Vec::new();
    let mut used = vec![false; EXCEPTIONS.len()];
    let mut files = 0;
    for layer in LAYERS {
        let mut paths = Vec::new();
        rust_files(&src.join(layer), &mut paths);
        assert!(!paths.is_empty(), "src/{layer} holds no Rust file");
        for path in paths {
            files += 1;
            let rel = path
                .strip_prefix(&src)
                .expect("under src")
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&path).expect("source file");
            for (line, what) in check_text(&rel, &text, &crates) {
                match EXCEPTIONS.iter().position(|(f, w, _)| *f == rel && *w == what) {
                    Some(i) => used[i] = true,
                    None => bad.push(format!("src/{rel}:{line}: {layer} may not use {what}")),
                }
            }
        }
    }
    assert!(files > 100, "only {files} files read");
    for (i, (file, what, why)) in EXCEPTIONS.iter().enumerate() {
        if !used[i] {
            bad.push(format!(
                "exception for src/{file} using {what} ({why}) is no longer needed"
            ));
        }
    }
    assert!(bad.is_empty(), "imports against the layering:\n{}", bad.join("\n"));
}

#[test]
fn the_check_catches_forbidden_imports() {
    let crates: Vec<String> = ["sled", "ratatui", "serde", "tokio", "csv"].map(String::from).into();
    let interop = "use crate::domain::Run;\n\
                   use crate::service::RunView; // the cycle\n\
                   use crate::{domain::Test, store::keys};\n\
                   fn f() { let _ = sled::Config::new(); }\n\
                   // sled::Db in a comment is no import\n\
                   fn g() { csv::render(); let s = \"tokio::spawn\"; let c = '\"'; }\n\
                   use crate::{\n    domain::Case,\n    tui::App,\n};\n";
    let found = check_text("interop/export/mod.rs", interop, &crates);
    let expected = [
        (2, "crate::service"),
        (3, "crate::store"),
        (4, "sled"),
        (9, "crate::tui"),
    ];
    assert_eq!(found, expected.map(|(n, w)| (n, w.to_string())));

    let domain = "use serde::Serialize;\nuse tokio;\nfn now() -> Time { chrono::Utc::now() }\n";
    let found = check_text("domain/run.rs", domain, &crates);
    assert_eq!(found, [(2, "tokio".to_string()), (3, "::now(".to_string())]);

    let tui = "use crate::service::Service;\nuse crate::store::Store;\nuse ratatui::Frame;\n";
    assert_eq!(
        check_text("tui/app.rs", tui, &crates),
        [(2, "crate::store".to_string())]
    );
}
