//! The query language's tokens: words, quoted strings with escapes,
//! operators and parentheses, each with the byte offset it starts at.

use super::QueryError;

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Op {
    Eq,
    Ne,
    Contains,
    NotContains,
    Lt,
    Gt,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Contains => "~",
            Op::NotContains => "!~",
            Op::Lt => "<",
            Op::Gt => ">",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    /// A bare word: a field name, a keyword or an unquoted value.
    Word(String),
    /// A quoted string, escapes resolved.
    Str(String),
    Op(Op),
    LParen,
    RParen,
    End,
}

impl Tok {
    /// The token in words, for "found ..." in errors.
    pub fn describe(&self) -> String {
        match self {
            Tok::Word(w) => format!("'{w}'"),
            Tok::Str(s) => format!("\"{s}\""),
            Tok::Op(op) => format!("'{}'", op.as_str()),
            Tok::LParen => "'('".into(),
            Tok::RParen => "')'".into(),
            Tok::End => "end of input".into(),
        }
    }
}

/// A token and the byte offset where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    pub at: usize,
}

fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '(' | ')' | '=' | '!' | '~' | '<' | '>' | '"' | '\'')
}

/// Splits `src` into tokens, ending with `Tok::End`.
pub fn lex(src: &str) -> Result<Vec<Token>, QueryError> {
    let mut out = Vec::new();
    let mut chars = src.char_indices().peekable();
    while let Some(&(at, c)) = chars.peek() {
        let single = |tok| Token { tok, at };
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' | ')' | '=' | '~' | '<' | '>' => {
                chars.next();
                out.push(single(match c {
                    '(' => Tok::LParen,
                    ')' => Tok::RParen,
                    '=' => Tok::Op(Op::Eq),
                    '~' => Tok::Op(Op::Contains),
                    '<' => Tok::Op(Op::Lt),
                    _ => Tok::Op(Op::Gt),
                }));
            }
            '!' => {
                chars.next();
                let op = match chars.peek().map(|p| p.1) {
                    Some('=') => Op::Ne,
                    Some('~') => Op::NotContains,
                    _ => return Err(QueryError::at(src, at, "expected '=' or '~' after '!' (use != or !~)")),
                };
                chars.next();
                out.push(single(Tok::Op(op)));
            }
            '"' | '\'' => {
                chars.next();
                out.push(single(Tok::Str(string(src, at, c, &mut chars)?)));
            }
            _ => {
                let mut word = String::new();
                while let Some(&(_, c)) = chars.peek() {
                    if !is_word_char(c) {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                out.push(single(Tok::Word(word)));
            }
        }
    }
    out.push(Token {
        tok: Tok::End,
        at: src.len(),
    });
    Ok(out)
}

/// The rest of a quoted string after its opening `quote`.
fn string(
    src: &str,
    start: usize,
    quote: char,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
) -> Result<String, QueryError> {
    let mut text = String::new();
    loop {
        match chars.next() {
            None => {
                return Err(QueryError::at(
                    src,
                    start,
                    &format!("unterminated string: no closing {quote}"),
                ));
            }
            Some((_, c)) if c == quote => return Ok(text),
            Some((at, '\\')) => match chars.next() {
                Some((_, c @ ('"' | '\'' | '\\'))) => text.push(c),
                Some((_, 'n')) => text.push('\n'),
                Some((_, 't')) => text.push('\t'),
                Some((_, c)) => {
                    return Err(QueryError::at(
                        src,
                        at,
                        &format!("unknown escape '\\{c}'; use \\\" \\' \\\\ \\n or \\t"),
                    ));
                }
                None => return Err(QueryError::at(src, at, "unterminated string: it ends with '\\'")),
            },
            Some((_, c)) => text.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        lex(src).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn words_strings_and_operators() {
        assert_eq!(
            toks(r#"title~"a \"b\"" and(x!=DEMO-3)"#),
            vec![
                Tok::Word("title".into()),
                Tok::Op(Op::Contains),
                Tok::Str("a \"b\"".into()),
                Tok::Word("and".into()),
                Tok::LParen,
                Tok::Word("x".into()),
                Tok::Op(Op::Ne),
                Tok::Word("DEMO-3".into()),
                Tok::RParen,
                Tok::End,
            ]
        );
        assert_eq!(toks("a !~ 'it''s'")[2], Tok::Str("it".into()));
        assert_eq!(toks("a<b>c")[1], Tok::Op(Op::Lt));
    }

    #[test]
    fn errors_point_at_the_offending_character() {
        assert_eq!(
            lex("tag ! x").unwrap_err().to_string(),
            "query:1:5: expected '=' or '~' after '!' (use != or !~)"
        );
        assert_eq!(lex("title = \"open").unwrap_err().column, 9);
        assert_eq!(lex(r#"title = "a\q""#).unwrap_err().column, 11);
    }
}
