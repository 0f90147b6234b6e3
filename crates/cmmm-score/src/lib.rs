//! GB/T 39117-2020 scoring of intelligent-manufacturing maturity self-assessments.
//!
//! [`score`] turns a validated [`Model`] and an [`Assessment`] into an [`Outcome`]: D(s,n),
//! C(d,n), B(e,n) and T(n) for every level, the total S under the model's total rule, the
//! level, the level-2 threshold and programme thresholds, and the gaps and smallest plan to
//! the next level. All arithmetic is exact (rational), so a level score that is
//! mathematically 0.8 meets the 0.8 gate even when built from thirds; scores leave as
//! decimal strings.
//!
//! ```
//! use cmmm_score::{Assessment, Model, Options, Rating, Scorer};
//!
//! let model = Model::gbt39116_2020();
//! let mut answers = Assessment::builder("discrete");
//! for r in &model.layout().requirements {
//!     answers = answers.rate(&r.id, Rating::key(if r.level <= 2 { "full" } else { "partial" }));
//! }
//! let outcome = Scorer::new(model).score(&answers.build(), &Options::new()).unwrap();
//! assert_eq!(outcome.level, 2);
//! assert_eq!(outcome.total.value(), "2.5");
//! assert!(outcome.meets_level_2);
//! ```
#![warn(missing_docs)]

mod compare;
mod error;
mod gaps;
mod int;
mod options;
mod outcome;
mod programs;
mod rating;
mod scope;
mod scorer;
mod total;
mod weights;

pub use cmmm_model::{Assessment, Model, Rating};
pub use compare::{compare, CompareError, Comparison, Difference, Standing, SubDomainAgreement};
pub use error::ScoreError;
pub use options::{Detail, Options, UnknownDetail};
pub use outcome::*;
pub use programs::{Programme, Programmes, PROGRAMMES_JSON};
pub use scorer::Scorer;

/// Parses an assessment from JSON text: [`Assessment::from_json`] with its fault as a
/// [`ScoreError::Json`].
pub fn parse_assessment(json: &str) -> Result<Assessment, ScoreError> {
    Ok(Assessment::from_json(json)?)
}

/// Scores `assessment` against `model` with default [`Options`] (the full result). It builds
/// a [`Scorer`], which prepares the model's weights for the assessment's scope, for this one
/// call: to score many, build one [`Scorer`] and keep it (about 24 µs a full result against
/// 68 µs through this function, BENCHMARKS.md).
pub fn score(model: &Model, assessment: &Assessment) -> Result<Outcome, ScoreError> {
    Scorer::new(model).score(assessment, &Options::default())
}
