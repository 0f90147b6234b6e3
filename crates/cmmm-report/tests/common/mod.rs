//! Shared helpers of the report tests: the example assessments, scored.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use cmmm_model::{Assessment, Model};
use cmmm_score::{Options, Outcome, Scorer};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The example assessments with a report snapshot (file stems in `data/examples`).
pub const EXAMPLES: [&str; 4] = [
    "discrete",
    "process-tailored",
    "level-0",
    "level-2-boundary",
];

/// The example pair of the progress report: the same enterprise a year apart.
pub const PROGRESS: (&str, &str) = ("discrete-2025", "discrete");

/// Reads and scores `data/examples/{stem}.json` with the embedded model.
pub fn scored(stem: &str) -> (Assessment, Outcome) {
    let text = std::fs::read_to_string(root().join(format!("data/examples/{stem}.json")))
        .expect("example file");
    parse_and_score(&text)
}

/// Parses and scores an assessment text with the embedded model.
pub fn parse_and_score(text: &str) -> (Assessment, Outcome) {
    let assessment = cmmm_score::parse_assessment(text).expect("example parses");
    let outcome = Scorer::new(Model::gbt39116_2020())
        .score(&assessment, &Options::default())
        .expect("example scores");
    (assessment, outcome)
}

/// One NDJSON batch record of a result, as `cmmm batch` writes it.
pub fn batch_line(file: &str, line: u64, outcome: &Outcome) -> String {
    serde_json::json!({
        "source": {"file": file, "line": line},
        "id": outcome.assessment.id,
        "status": "ok",
        "result": outcome,
    })
    .to_string()
}

/// An error record.
pub fn error_line(file: &str, line: u64) -> String {
    serde_json::json!({
        "source": {"file": file, "line": line},
        "id": null,
        "status": "error",
        "error": {"code": "invalid-rating", "message": "…", "location": "ratings.x"},
    })
    .to_string()
}

/// Checks that `svg` is well-formed XML with an `<svg>` root.
pub fn assert_well_formed(svg: &str, what: &str) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(svg);
    reader.config_mut().check_end_names = true;
    let mut depth = 0i32;
    let mut root_seen = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if depth == 0 {
                    assert!(e.name().into_inner() == "svg", "{what}: root element");
                    root_seen = true;
                }
                depth += 1;
            }
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Text(t)) => {
                let raw = t.into_inner().into_owned();
                assert!(!raw.contains('<'), "{what}: raw `<` in text");
                quick_xml::escape::unescape(&raw)
                    .unwrap_or_else(|e| panic!("{what}: bad character reference in {raw:?}: {e}"));
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "{what}: not well-formed XML at {}: {e}",
                reader.buffer_position()
            ),
        }
    }
    assert!(root_seen && depth == 0, "{what}: unbalanced document");
}
