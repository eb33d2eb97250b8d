//! `--format auto`: the file's extension, then a look at its content.

use super::ParseError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Auto,
    QaseCsv,
    QaseJson,
    TestrailXml,
    Junit,
}

impl Format {
    pub const NAMES: &'static str = "auto, qase-csv, qase-json, testrail-xml, junit";

    pub fn parse(input: &str) -> Option<Self> {
        Some(match input.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Self::Auto,
            "qase-csv" | "qase" | "csv" => Self::QaseCsv,
            "qase-json" | "json" => Self::QaseJson,
            "testrail-xml" | "testrail" => Self::TestrailXml,
            "junit" | "junit-xml" | "xunit" => Self::Junit,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::QaseCsv => "qase-csv",
            Self::QaseJson => "qase-json",
            Self::TestrailXml => "testrail-xml",
            Self::Junit => "junit",
        }
    }
}

/// The format of a file named `name` holding `bytes`.
pub fn detect(name: &str, bytes: &[u8]) -> Result<Format, ParseError> {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("csv") => return Ok(Format::QaseCsv),
        Some("json") => return Ok(Format::QaseJson),
        Some("xml") => return xml_kind(bytes),
        _ => {}
    }
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') || start.starts_with('[') {
        Ok(Format::QaseJson)
    } else if start.starts_with('<') {
        xml_kind(bytes)
    } else if start.starts_with("v2.id,") || (start.contains("title") && start.contains("steps_actions")) {
        Ok(Format::QaseCsv)
    } else {
        Err(ParseError::new(
            1,
            1,
            format!(
                "cannot tell the format; expected one of {}: give --format",
                Format::NAMES
            ),
        ))
    }
}

/// JUnit or TestRail, by the first element's name.
fn xml_kind(bytes: &[u8]) -> Result<Format, ParseError> {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
    let mut rest = text.as_ref();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        return match name.as_str() {
            "testsuites" | "testsuite" => Ok(Format::Junit),
            "suite" | "sections" | "section" => Ok(Format::TestrailXml),
            other => Err(ParseError::new(
                1,
                1,
                format!("unknown XML document <{other}>; expected <testsuites> (JUnit) or <suite> (TestRail)"),
            )),
        };
    }
    Err(ParseError::new(1, 1, "expected an XML element"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_then_content() {
        assert_eq!(detect("a.csv", b"").unwrap(), Format::QaseCsv);
        assert_eq!(detect("a.json", b"").unwrap(), Format::QaseJson);
        let junit = b"<?xml version=\"1.0\"?>\n<!-- c --><testsuites>";
        assert_eq!(detect("r.xml", junit).unwrap(), Format::Junit);
        assert_eq!(detect("r", b"<suite><id>S1</id>").unwrap(), Format::TestrailXml);
        assert_eq!(detect("x", b"  {\"suites\": []}").unwrap(), Format::QaseJson);
        assert_eq!(detect("x", b"v2.id,title\n").unwrap(), Format::QaseCsv);
        assert!(detect("x.xml", b"<html>").unwrap_err().message.contains("<html>"));
        assert!(detect("x", b"hello").is_err());
        assert_eq!(Format::parse("TestRail_XML"), Some(Format::TestrailXml));
    }
}
