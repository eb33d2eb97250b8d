//! A small element tree over quick-xml, with byte offsets for messages.
//! Comments, processing instructions and the doctype are dropped; text and
//! CDATA directly inside an element are joined into `text`.
//!
//! Hostile files are bounded: elements nest at most [`MAX_ELEMENTS_DEEP`]
//! deep and the file's own nesting element (`testsuite`, `section`) at most
//! [`MAX_NESTING`], so building the tree and walking it are linear in the
//! file and every recursion over it is bounded. Character references to
//! characters XML 1.0 forbids (`&#27;`) are refused.

use super::ParseError;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;

/// How deep a file's suites (JUnit `<testsuite>`, TestRail `<section>`)
/// may nest.
pub const MAX_NESTING: usize = 256;

/// How deep any elements may nest (suites and what a case holds).
pub const MAX_ELEMENTS_DEEP: usize = 4 * MAX_NESTING;

/// The element a format nests its suites in, and what the file calls them.
#[derive(Clone, Copy, Debug)]
pub struct Nesting {
    pub element: &'static str,
    pub what: &'static str,
}

/// A parsed document: its root, and where the parser knowingly bent XML
/// (byte offset, what it accepted), for the import's warnings.
#[derive(Debug, Default)]
pub struct Document {
    pub root: Node,
    pub bent: Vec<(usize, String)>,
}

#[derive(Clone, Debug, Default)]
pub struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub text: String,
    /// Byte offset of the start tag.
    pub offset: usize,
}

impl Node {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of a child element, or "".
    pub fn child_text(&self, name: &str) -> &str {
        self.child(name).map_or("", |c| c.text.as_str())
    }
}

fn err(bytes: &[u8], offset: u64, message: impl Into<String>) -> ParseError {
    ParseError::at_offset(bytes, usize::try_from(offset).unwrap_or(usize::MAX), message)
}

/// Whether XML 1.0 forbids a character (its `Char` production).
fn forbidden(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0B' | '\x0C' | '\x0E'..='\x1F' | '\u{FFFE}' | '\u{FFFF}')
}

fn forbidden_ref(c: char) -> String {
    format!(
        "character reference &#{}; is to a control character XML 1.0 forbids (U+{:04X}); the file was not made by an XML writer",
        u32::from(c),
        u32::from(c)
    )
}

/// The byte offset of `part` inside `bytes` (the reader borrows the input,
/// so attribute values are slices of it), else `fallback`.
fn offset_in(bytes: &[u8], part: &[u8], fallback: u64) -> u64 {
    let start = bytes.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    if at >= start && at + part.len() <= start + bytes.len() {
        (at - start) as u64
    } else {
        fallback
    }
}

/// The first character reference in a raw attribute value to a character
/// XML 1.0 forbids: its offset in the value and the character.
fn forbidden_ref_in(raw: &[u8]) -> Option<(usize, char)> {
    let mut from = 0;
    while let Some(i) = raw[from..].windows(2).position(|w| w == b"&#") {
        let at = from + i;
        let rest = &raw[at + 2..];
        let end = rest.iter().position(|b| *b == b';')?;
        let num = std::str::from_utf8(&rest[..end]).ok()?;
        let code = match num.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse::<u32>().ok(),
        };
        if let Some(c) = code.and_then(char::from_u32).filter(|c| forbidden(*c)) {
            return Some((at, c));
        }
        from = at + 2;
    }
    None
}

fn start_node(bytes: &[u8], e: &BytesStart, offset: u64, bent: &mut Vec<(usize, String)>) -> Result<Node, ParseError> {
    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|x| err(bytes, offset, format!("bad attribute in <{name}>: {x}")))?;
        let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
        let at = offset_in(bytes, &a.value, offset);
        if let Some((i, c)) = forbidden_ref_in(&a.value) {
            return Err(err(bytes, at + i as u64, forbidden_ref(c)));
        }
        if a.value.contains(&b'<') {
            bent.push((
                usize::try_from(offset).unwrap_or(usize::MAX),
                format!("a raw '<' in {key}= of <{name}> was accepted (XML wants &lt;)"),
            ));
        }
        let value = a
            .unescape_value()
            .map_err(|x| err(bytes, offset, format!("bad value of {key}= in <{name}>: {x}")))?;
        attrs.push((key, value.into_owned()));
    }
    Ok(Node {
        name,
        attrs,
        offset: usize::try_from(offset).unwrap_or(usize::MAX),
        ..Node::default()
    })
}

/// The file as UTF-8: as it is, or decoded from the ISO-8859-1 (Latin-1,
/// US-ASCII) its declaration names. UTF-16, gzip and other encodings are
/// refused by name. Each Latin-1 byte is one character, so lines and
/// columns in the decoded text are the file's.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, [u8]>, ParseError> {
    if let Some(what) = super::detect::not_text(bytes) {
        return Err(ParseError::new(1, 1, what));
    }
    let head = &bytes[..bytes.len().min(256)];
    let Some(decl) = head.strip_prefix(b"<?xml") else {
        return Ok(Cow::Borrowed(bytes));
    };
    let decl = &decl[..decl.windows(2).position(|w| w == b"?>").unwrap_or(decl.len())];
    let Some(i) = decl.windows(8).position(|w| w == b"encoding") else {
        return Ok(Cow::Borrowed(bytes));
    };
    let rest = &decl[i + 8..];
    let value: String = String::from_utf8_lossy(rest)
        .trim_start_matches([' ', '\t', '\r', '\n', '='])
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        .collect();
    match value.to_ascii_lowercase().as_str() {
        "utf-8" | "utf8" | "" => Ok(Cow::Borrowed(bytes)),
        "us-ascii" | "ascii" | "iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" | "l1" => Ok(Cow::Owned(
            bytes.iter().map(|b| char::from(*b)).collect::<String>().into_bytes(),
        )),
        _ => Err(ParseError::at_offset(
            bytes,
            5 + i,
            format!("encoding=\"{value}\" is not supported: save the file as UTF-8 (or ISO-8859-1)"),
        )),
    }
}

/// Parses a whole document into its root element; suites (`nest`) may nest
/// [`MAX_NESTING`] deep, any elements [`MAX_ELEMENTS_DEEP`].
pub fn parse(bytes: &[u8], nest: Nesting) -> Result<Document, ParseError> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    let mut bent = Vec::new();
    // How many `nest` elements are open.
    let mut suites = 0usize;
    let text_err = |pos: u64, e: &dyn std::fmt::Display| err(bytes, pos, format!("expected UTF-8 text: {e}"));
    loop {
        let before = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| err(bytes, reader.error_position(), format!("malformed XML: {e}")))?;
        match event {
            Event::Start(e) => {
                let node = start_node(bytes, &e, before, &mut bent)?;
                if node.name == nest.element {
                    suites += 1;
                    if suites > MAX_NESTING {
                        return Err(err(
                            bytes,
                            before,
                            format!("{} nested deeper than {MAX_NESTING}", nest.what),
                        ));
                    }
                }
                if stack.len() >= MAX_ELEMENTS_DEEP {
                    return Err(err(
                        bytes,
                        before,
                        format!("elements nested deeper than {MAX_ELEMENTS_DEEP}"),
                    ));
                }
                stack.push(node);
            }
            Event::Empty(e) => {
                let node = start_node(bytes, &e, before, &mut bent)?;
                attach(&mut stack, &mut root, node, bytes, before)?;
            }
            Event::End(_) => {
                let node = stack.pop().ok_or_else(|| err(bytes, before, "unexpected end tag"))?;
                if node.name == nest.element {
                    suites -= 1;
                }
                attach(&mut stack, &mut root, node, bytes, before)?;
            }
            Event::Text(t) => {
                let s = t.xml10_content().map_err(|e| text_err(before, &e))?;
                push_text(&mut stack, &s, bytes, before)?;
            }
            Event::CData(t) => {
                let s = t.xml10_content().map_err(|e| text_err(before, &e))?;
                push_text(&mut stack, &s, bytes, before)?;
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) if forbidden(c) => return Err(err(bytes, before, forbidden_ref(c))),
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = r.decode().map_err(|e| text_err(before, &e))?;
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| err(bytes, before, format!("unknown entity &{name};")))?
                            .to_string()
                    }
                    Err(e) => return Err(err(bytes, before, format!("bad character reference: {e}"))),
                };
                push_text(&mut stack, &resolved, bytes, before)?;
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(err(
            bytes,
            bytes.len() as u64,
            format!("expected </{}> before the end of the file", open.name),
        ));
    }
    let root = root.ok_or_else(|| err(bytes, 0, "expected an XML element, found none"))?;
    Ok(Document { root, bent })
}

fn attach(stack: &mut [Node], root: &mut Option<Node>, node: Node, bytes: &[u8], at: u64) -> Result<(), ParseError> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(node),
        None if root.is_none() => *root = Some(node),
        None => return Err(err(bytes, at, "expected one root element, found a second")),
    }
    Ok(())
}

fn push_text(stack: &mut [Node], s: &str, bytes: &[u8], at: u64) -> Result<(), ParseError> {
    match stack.last_mut() {
        Some(node) => node.text.push_str(s),
        None if s.trim().is_empty() => {}
        None => return Err(err(bytes, at, "expected an element, found text outside the root")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEST: Nesting = Nesting {
        element: "s",
        what: "suites",
    };

    #[test]
    fn tree_with_text_entities_and_positions() {
        let doc = b"<?xml version=\"1.0\"?>\n<a x=\"1&amp;2\"><b>t&lt;&#xA;u</b><!-- c --><c/></a>";
        let root = parse(doc, NEST).unwrap().root;
        assert_eq!(root.attr("x"), Some("1&2"));
        assert_eq!(root.child_text("b"), "t<\nu");
        assert!(root.child("c").is_some());
        let e = parse(b"<a>\n  <b></c>\n</a>", NEST).unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = parse(b"<a>\n<b>", NEST).unwrap_err();
        assert!(e.message.contains("</b>"), "{e}");
        assert!(parse(b"", NEST).is_err());
        assert!(parse(b"<a/><b/>", NEST).is_err());
    }
}
