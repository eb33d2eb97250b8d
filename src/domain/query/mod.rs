//! The saved-query language (PRODUCT.md §2): a filter over cases such as
//! `suite = "Auth" and priority >= high and not tag = flaky`.
//!
//! ```text
//! query      := or
//! or         := and ("or" and)*
//! and        := unary ("and" unary)*
//! unary      := "not" unary | "(" query ")" | field op value
//! op         := "=" | "!=" | "~" | "!~" | "<" | ">"
//! value      := word | "quoted \"string\"" | 'single quoted'
//! ```
//!
//! `not` binds tighter than `and`, which binds tighter than `or`; keywords
//! and field names are case-insensitive. Parsing checks fields, operators
//! and values, so a saved query always evaluates.

mod eval;
mod field;
mod lexer;
mod parser;

pub use eval::{SuitePaths, in_suite};
pub use field::{Field, Value};
pub use lexer::Op;

use std::fmt;

/// A parse error with its position (1-based line and column, in characters).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct QueryError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The line of the query the error is on, for the caret display.
    pub source_line: String,
}

impl QueryError {
    pub(crate) fn at(src: &str, offset: usize, message: &str) -> Self {
        let offset = offset.min(src.len());
        let before = src.get(..offset).unwrap_or(src);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = src.get(line_start..offset).map_or(1, |s| s.chars().count() + 1);
        let source_line = src[line_start..].lines().next().unwrap_or("").to_string();
        Self {
            line,
            column,
            message: message.to_string(),
            source_line,
        }
    }

    /// The query line and a caret under the error, e.g. for the CLI:
    ///
    /// ```text
    ///   suite = "Auth" and priority =
    ///                                ^
    /// ```
    pub fn caret(&self) -> String {
        format!(
            "  {}\n  {}^",
            self.source_line,
            " ".repeat(self.column.saturating_sub(1))
        )
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "query:{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for QueryError {}

/// One comparison: `field op value`, with the offsets of its field and
/// value and the value as written.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Comparison {
    pub field: Field,
    pub op: Op,
    pub value: Value,
    pub raw: String,
    pub at: usize,
    pub value_at: usize,
}

/// A parsed query.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Expr {
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Cmp(Comparison),
}

/// A query: its text and its parsed form.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Query {
    pub text: String,
    pub expr: Expr,
}

impl Query {
    /// Parses a query; the error says where and what was expected.
    pub fn parse(text: &str) -> Result<Self, QueryError> {
        let tokens = lexer::lex(text)?;
        let expr = parser::Parser::new(text, tokens).parse()?;
        Ok(Self {
            text: text.to_string(),
            expr,
        })
    }

    /// Every comparison, left to right (to check suite names against the
    /// store, for one).
    pub fn comparisons(&self) -> Vec<&Comparison> {
        fn walk<'a>(e: &'a Expr, out: &mut Vec<&'a Comparison>) {
            match e {
                Expr::Or(a, b) | Expr::And(a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                Expr::Not(a) => walk(a, out),
                Expr::Cmp(c) => out.push(c),
            }
        }
        let mut out = Vec::new();
        walk(&self.expr, &mut out);
        out
    }

    /// An error at a comparison's value (for checks made outside the
    /// domain, such as an unknown suite).
    pub fn error_at(&self, cmp: &Comparison, message: &str) -> QueryError {
        QueryError::at(&self.text, cmp.value_at, message)
    }
}

#[cfg(test)]
mod tests;
