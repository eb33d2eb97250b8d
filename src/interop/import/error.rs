//! Parse errors with a position: `FILE:LINE:COLUMN: what was expected`.

use std::fmt;

/// Where a file could not be read, and what was expected there. Lines and
/// columns count from 1; columns count characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ParseError {
    pub fn new(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            line: line.max(1),
            column: column.max(1),
            message: message.into(),
        }
    }

    /// An error at a byte offset of `bytes`.
    pub fn at_offset(bytes: &[u8], offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_col(bytes, offset);
        Self::new(line, column, message)
    }

    /// The message with the file name in front: `FILE:LINE:COLUMN: message`.
    pub fn in_file(&self, file: &str) -> String {
        format!("{file}:{}:{}: {}", self.line, self.column, self.message)
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ParseError {}

/// The 1-based line and character column of a byte offset (clamped to the
/// input; a column inside a multi-byte character counts that character).
pub fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let offset = offset.min(bytes.len());
    let before = &bytes[..offset];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let start = before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    // Count characters, not bytes: continuation bytes do not start one.
    let column = before[start..].iter().filter(|b| (**b & 0xC0) != 0x80).count() + 1;
    (line, column)
}

/// Line starts of a text, for many offset-to-line look-ups (one scan).
pub struct LineIndex(Vec<usize>);

impl LineIndex {
    pub fn new(bytes: &[u8]) -> Self {
        let starts = std::iter::once(0)
            .chain(
                bytes
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| **b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        Self(starts)
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|start| *start <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "ab\ncdé f\n".as_bytes();
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // 'é' is two bytes: the space after it is the 4th character.
        assert_eq!(line_col(text, 7), (2, 4));
        assert_eq!(line_col(text, 999), (3, 1));
        assert_eq!(ParseError::new(0, 0, "x").in_file("f.csv"), "f.csv:1:1: x");
        let index = LineIndex::new(text);
        assert_eq!(
            [index.line(0), index.line(2), index.line(3), index.line(99)],
            [1, 1, 2, 3]
        );
    }
}
