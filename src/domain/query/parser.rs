//! Recursive descent over the tokens: `or` < `and` < `not` < comparison.

use super::lexer::{Tok, Token};
use super::{Comparison, Expr, Field, QueryError};

pub struct Parser<'a> {
    src: &'a str,
    tokens: Vec<Token>,
    pos: usize,
}

fn keyword(tok: &Tok, word: &str) -> bool {
    matches!(tok, Tok::Word(w) if w.eq_ignore_ascii_case(word))
}

impl<'a> Parser<'a> {
    pub fn new(src: &'a str, tokens: Vec<Token>) -> Self {
        Self { src, tokens, pos: 0 }
    }

    fn peek(&self) -> &Token {
        // The lexer always ends with `End`, and `next` never passes it.
        &self.tokens[self.pos.min(self.tokens.len() - 1)]
    }

    fn next(&mut self) -> Token {
        let t = self.peek().clone();
        if t.tok != Tok::End {
            self.pos += 1;
        }
        t
    }

    fn error(&self, at: usize, message: String) -> QueryError {
        QueryError::at(self.src, at, &message)
    }

    pub fn parse(mut self) -> Result<Expr, QueryError> {
        let expr = self.or()?;
        let t = self.peek();
        if t.tok == Tok::End {
            return Ok(expr);
        }
        let message = if t.tok == Tok::RParen {
            "unexpected ')': no '(' is open here".to_string()
        } else {
            format!(
                "expected 'and', 'or' or the end of the query, found {}",
                t.tok.describe()
            )
        };
        Err(self.error(t.at, message))
    }

    fn or(&mut self) -> Result<Expr, QueryError> {
        let mut left = self.and()?;
        while keyword(&self.peek().tok, "or") {
            self.next();
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, QueryError> {
        let mut left = self.unary()?;
        while keyword(&self.peek().tok, "and") {
            self.next();
            left = Expr::And(Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, QueryError> {
        let t = self.next();
        match &t.tok {
            tok if keyword(tok, "not") => Ok(Expr::Not(Box::new(self.unary()?))),
            Tok::LParen => {
                let inner = self.or()?;
                let close = self.next();
                if close.tok != Tok::RParen {
                    let col = QueryError::at(self.src, t.at, "").column;
                    return Err(self.error(
                        close.at,
                        format!(
                            "expected ')' to close the '(' at column {col}, found {}",
                            close.tok.describe()
                        ),
                    ));
                }
                Ok(inner)
            }
            Tok::Word(name) if !keyword(&t.tok, "and") && !keyword(&t.tok, "or") => {
                let field = Field::parse(name).ok_or_else(|| {
                    self.error(
                        t.at,
                        format!("unknown field '{name}'; known fields: {}", Field::names()),
                    )
                })?;
                self.comparison(field, t.at)
            }
            other => Err(self.error(
                t.at,
                format!("expected a field name, 'not' or '(', found {}", other.describe()),
            )),
        }
    }

    fn comparison(&mut self, field: Field, at: usize) -> Result<Expr, QueryError> {
        let t = self.next();
        let Tok::Op(op) = t.tok else {
            return Err(self.error(
                t.at,
                format!(
                    "expected an operator (= != ~ !~ < >) after '{}', found {}",
                    field.as_str(),
                    t.tok.describe()
                ),
            ));
        };
        if !field.ops().contains(&op) {
            let ops: Vec<&str> = field.ops().iter().map(|o| o.as_str()).collect();
            return Err(self.error(
                t.at,
                format!(
                    "operator '{}' does not apply to {}; use {}",
                    op.as_str(),
                    field.as_str(),
                    ops.join(" ")
                ),
            ));
        }
        let v = self.next();
        let text = match &v.tok {
            Tok::Word(w) => w.clone(),
            Tok::Str(s) => s.clone(),
            other => {
                return Err(self.error(
                    v.at,
                    format!("expected a value after '{}', found {}", op.as_str(), other.describe()),
                ));
            }
        };
        let value = field.value(&text, op).map_err(|m| self.error(v.at, m))?;
        Ok(Expr::Cmp(Comparison {
            field,
            op,
            value,
            raw: text,
            at,
            value_at: v.at,
        }))
    }
}
