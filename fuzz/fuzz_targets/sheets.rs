//! Questionnaire bytes → every reader (JSON, NDJSON, CSV in each encoding, XLSX) → score:
//! each record is an assessment or an error record, never a panic or an abort.
#![no_main]

use cmmm_score::{Options, Scorer};
use cmmm_sheets::{Encoding, Format, Limits, ReadOptions, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let scorer = Scorer::new(cmmm_model::Model::gbt39116_2020());
    let options = Options::new().allow_missing(true).target(None);
    let mut limits = Limits::default();
    limits.record_bytes = 1 << 20;
    limits.file_bytes = 4 << 20;
    let readers = [
        (Format::Json, Encoding::Auto),
        (Format::Ndjson, Encoding::Auto),
        (Format::Csv, Encoding::Auto),
        (Format::Csv, Encoding::Gbk),
        (Format::Xlsx, Encoding::Auto),
    ];
    for (format, encoding) in readers {
        let opts = ReadOptions::new()
            .format(format)
            .encoding(encoding)
            .profile("discrete")
            .limits(limits);
        let source = Source::Bytes {
            name: "input",
            bytes: data,
        };
        for parsed in cmmm_sheets::read_all(source, &opts).into_iter().flatten() {
            if let Err(e) = scorer.score(&parsed.assessment, &options) {
                // Every scoring error has a place in its input.
                let _ = parsed.locate(&e.location());
            }
        }
    }
});
