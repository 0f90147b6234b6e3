//! Assessment text → parse → score (strict and with missing ratings allowed, with a target):
//! any input is a result or an error, never a panic.
#![no_main]

use cmmm_score::{Options, Scorer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(assessment) = cmmm_score::parse_assessment(text) else {
        return;
    };
    let scorer = Scorer::new(cmmm_model::Model::gbt39116_2020());
    let _ = scorer.score(&assessment, &Options::default());
    let lenient = Options::new().allow_missing(true).target(Some(5));
    if let Ok(outcome) = scorer.score(&assessment, &lenient) {
        assert!(outcome.level <= 5);
    }
});
