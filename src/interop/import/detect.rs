//! `--format auto`: the file's extension, then a look at its content.

use super::ParseError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ImportFormat {
    Auto,
    QaseCsv,
    QaseJson,
    TestrailXml,
    Junit,
}

impl ImportFormat {
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

/// What a file that is not UTF-8 text looks like (UTF-16, gzip, zip), and
/// what to do; None for anything else.
pub fn not_text(bytes: &[u8]) -> Option<String> {
    let what = match bytes {
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] | [0, b'<', ..] | [b'<', 0, ..] => "a UTF-16 file: save it as UTF-8",
        [0x1F, 0x8B, ..] => "a gzip file: unpack it first (gunzip)",
        [b'P', b'K', 3, 4, ..] => "a zip archive: unpack it first",
        _ => return None,
    };
    Some(format!("this looks like {what}"))
}

/// The format of a file named `name` holding `bytes`.
pub fn detect(name: &str, bytes: &[u8]) -> Result<ImportFormat, ParseError> {
    if let Some(what) = not_text(bytes) {
        return Err(ParseError::new(1, 1, what));
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("csv") => return Ok(ImportFormat::QaseCsv),
        Some("json") => return Ok(ImportFormat::QaseJson),
        Some("xml") => return xml_kind(bytes),
        _ => {}
    }
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') || start.starts_with('[') {
        Ok(ImportFormat::QaseJson)
    } else if start.starts_with('<') {
        xml_kind(bytes)
    } else if start.starts_with("v2.id,") || (start.contains("title") && start.contains("steps_actions")) {
        Ok(ImportFormat::QaseCsv)
    } else {
        Err(ParseError::new(
            1,
            1,
            format!(
                "cannot tell the format; expected one of {}: give --format",
                ImportFormat::NAMES
            ),
        ))
    }
}

/// JUnit or TestRail, by the first element's name.
fn xml_kind(bytes: &[u8]) -> Result<ImportFormat, ParseError> {
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
            "testsuites" | "testsuite" => Ok(ImportFormat::Junit),
            "suite" | "sections" | "section" => Ok(ImportFormat::TestrailXml),
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
        assert_eq!(detect("a.csv", b"").unwrap(), ImportFormat::QaseCsv);
        assert_eq!(detect("a.json", b"").unwrap(), ImportFormat::QaseJson);
        let junit = b"<?xml version=\"1.0\"?>\n<!-- c --><testsuites>";
        assert_eq!(detect("r.xml", junit).unwrap(), ImportFormat::Junit);
        assert_eq!(detect("r", b"<suite><id>S1</id>").unwrap(), ImportFormat::TestrailXml);
        assert_eq!(detect("x", b"  {\"suites\": []}").unwrap(), ImportFormat::QaseJson);
        assert_eq!(detect("x", b"v2.id,title\n").unwrap(), ImportFormat::QaseCsv);
        assert!(detect("x.xml", b"<html>").unwrap_err().message.contains("<html>"));
        assert!(detect("x", b"hello").is_err());
        assert_eq!(ImportFormat::parse("TestRail_XML"), Some(ImportFormat::TestrailXml));
        let utf16: Vec<u8> = "\u{feff}<testsuites/>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(detect("r.xml", &utf16).unwrap_err().message.contains("UTF-16"));
        assert!(detect("r.xml", b"\x1f\x8b\x08\0").unwrap_err().message.contains("gzip"));
    }
}
