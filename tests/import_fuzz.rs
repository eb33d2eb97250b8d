//! Random bytes and truncated or mutated fixtures never make a parser
//! panic or hang: every input is a model or a positioned error.

use proptest::prelude::*;
use stepwise::interop::import::{Format, detect, parse};

const FORMATS: [Format; 4] = [Format::QaseCsv, Format::QaseJson, Format::TestrailXml, Format::Junit];

fn fixtures() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut out: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    out.sort();
    out
}

fn check(bytes: &[u8]) {
    for f in FORMATS {
        if let Err(e) = parse(f, bytes) {
            assert!(e.line >= 1 && e.column >= 1 && !e.message.is_empty());
        }
    }
    let _ = detect("x", bytes);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check(&bytes);
    }

    #[test]
    fn truncated_and_mutated_fixtures(pick in 0usize..64, cut in 0.0f64..1.0, at in 0.0f64..1.0, byte in any::<u8>()) {
        let all = fixtures();
        let mut bytes = all[pick % all.len()].clone();
        let n = (bytes.len() as f64 * cut) as usize;
        check(&bytes[..n]);
        if !bytes.is_empty() {
            let i = ((bytes.len() - 1) as f64 * at) as usize;
            bytes[i] = byte;
            check(&bytes);
        }
    }
}
