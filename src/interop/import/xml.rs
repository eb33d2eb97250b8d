//! A small element tree over quick-xml, with byte offsets for messages.
//! Comments, processing instructions and the doctype are dropped; text and
//! CDATA directly inside an element are joined into `text`.

use super::ParseError;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

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

fn start_node(bytes: &[u8], e: &BytesStart, offset: u64) -> Result<Node, ParseError> {
    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|x| err(bytes, offset, format!("bad attribute in <{name}>: {x}")))?;
        let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
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

/// Parses a whole document into its root element.
pub fn parse(bytes: &[u8]) -> Result<Node, ParseError> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    let text_err = |pos: u64, e: &dyn std::fmt::Display| err(bytes, pos, format!("expected UTF-8 text: {e}"));
    loop {
        let before = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| err(bytes, reader.error_position(), format!("malformed XML: {e}")))?;
        match event {
            Event::Start(e) => stack.push(start_node(bytes, &e, before)?),
            Event::Empty(e) => {
                let node = start_node(bytes, &e, before)?;
                attach(&mut stack, &mut root, node, bytes, before)?;
            }
            Event::End(_) => {
                let node = stack.pop().ok_or_else(|| err(bytes, before, "unexpected end tag"))?;
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
    root.ok_or_else(|| err(bytes, 0, "expected an XML element, found none"))
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

    #[test]
    fn tree_with_text_entities_and_positions() {
        let doc = b"<?xml version=\"1.0\"?>\n<a x=\"1&amp;2\"><b>t&lt;&#xA;u</b><!-- c --><c/></a>";
        let root = parse(doc).unwrap();
        assert_eq!(root.attr("x"), Some("1&2"));
        assert_eq!(root.child_text("b"), "t<\nu");
        assert!(root.child("c").is_some());
        let e = parse(b"<a>\n  <b></c>\n</a>").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = parse(b"<a>\n<b>").unwrap_err();
        assert!(e.message.contains("</b>"), "{e}");
        assert!(parse(b"").is_err());
        assert!(parse(b"<a/><b/>").is_err());
    }
}
