//! cmmm: intelligent-manufacturing maturity self-assessment under GB/T 39116-2020 (the model)
//! and GB/T 39117-2020 (the assessment method).
//!
//! This facade re-exports the crates: [`model`] (the model as validated data), [`score`]
//! (exact scoring), [`sheets`] (questionnaires in JSON, NDJSON, CSV and XLSX) and [`report`]
//! (reports and charts people read).
//! The embedded default model has the standard's structure with an **illustrative**
//! requirement catalogue and **placeholder** weights — labelled so in its data and in every
//! result.
//!
//! ```
//! let model = cmmm::Model::gbt39116_2020();
//! let template = cmmm::model::template(model, "process", &[]).unwrap();
//! // The process profile leaves product design out unless asked.
//! assert!(template.ratings.iter().all(|(id, _)| !id.starts_with("product-design.")));
//! ```
//!
//! Building an assessment in code and reading the summary tier of its result:
//!
//! ```
//! use cmmm::{Assessment, Detail, Options, Rating, Scorer};
//!
//! let model = cmmm::Model::gbt39116_2020();
//! let scorer = Scorer::new(model); // build once, share across threads
//! let mut answers = Assessment::builder("discrete").id("EX-1");
//! for r in &model.layout().requirements {
//!     let rating = if r.level <= 2 { Rating::key("full") } else { Rating::key("partial") };
//!     answers = answers.rate(&r.id, rating);
//! }
//! let outcome = scorer
//!     .score(&answers.build(), &Options::new().detail(Detail::Summary))
//!     .unwrap();
//! assert_eq!(outcome.level, 2);
//! assert_eq!(outcome.total.value(), "2.5");
//! assert!(outcome.meets_level_2);
//! ```
//!
//! Reading an uploaded questionnaire (any format; here the shipped example) and scoring it:
//!
//! ```
//! use cmmm::sheets::{read_one, ReadOptions, Source};
//!
//! let model = cmmm::Model::gbt39116_2020();
//! let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/discrete.json");
//! let parsed = read_one(Source::Path(path.as_ref()), &ReadOptions::new()).unwrap();
//! let outcome = cmmm::Scorer::new(model)
//!     .score(&parsed.assessment, &cmmm::Options::default())
//!     .unwrap_or_else(|e| panic!("{}: {e}", parsed.locate(&e.location())));
//! assert_eq!(outcome.level, 2);
//! ```
#![warn(missing_docs)]

pub use cmmm_model as model;
pub use cmmm_report as report;
pub use cmmm_score as score;
pub use cmmm_sheets as sheets;

pub use cmmm_model::{Assessment, Id, Model, Rating};
pub use cmmm_score::{Detail, Options, Outcome, ScoreError, Scorer};

/// The JSON Schemas of the file formats, as `(file name, pretty JSON)`: the model file, the
/// assessment file, the result and the form view (`cmmm_report::FormView`). They are committed in `data/schema/`; a test fails when
/// they are stale.
pub fn schemas() -> Vec<(&'static str, String)> {
    vec![
        ("model.schema.json", cmmm_model::schema::model_schema()),
        (
            "assessment.schema.json",
            cmmm_model::schema::assessment_schema(),
        ),
        (
            "result.schema.json",
            cmmm_model::schema::schema_json::<cmmm_score::Outcome>(),
        ),
        (
            "view.schema.json",
            cmmm_model::schema::schema_json::<cmmm_report::FormView>(),
        ),
    ]
}

/// The README's Rust snippets, run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
