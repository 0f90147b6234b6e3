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
//! use cmmm_model::Model;
//! use cmmm_score::{parse_assessment, score};
//!
//! let model = Model::gbt39116_2020();
//! let mut json = String::from(r#"{"profile": "discrete", "ratings": {"#);
//! let ids: Vec<String> = model.layout().requirements.iter()
//!     .map(|r| format!("{:?}: {:?}", r.id, if r.level <= 2 { "full" } else { "partial" }))
//!     .collect();
//! json.push_str(&ids.join(","));
//! json.push_str("}}");
//! let outcome = score(model, &parse_assessment(&json).unwrap()).unwrap();
//! assert_eq!(outcome.level.level, 2);
//! assert_eq!(outcome.total.score.value(), "2.5");
//! assert!(outcome.meets_level_2);
//! ```
#![warn(missing_docs)]

mod checked;
mod error;
mod gaps;
mod outcome;
mod programs;
mod rating;
mod scope;
mod scorer;
mod sort;
mod total;
mod weights;

pub use cmmm_model::{Assessment, Model};
pub use error::ScoreError;
pub use outcome::*;
pub use programs::{Programme, Programmes, PROGRAMMES_JSON};
pub use scorer::Scorer;

/// Choices of a scoring run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Score unrated in-scope requirements as the lowest scale point (with a warning)
    /// instead of failing.
    pub allow_missing: bool,
    /// Level to compute gaps for; by default the level above the one reached.
    pub target: Option<u8>,
}

/// Parses an assessment from JSON text, naming the JSON path, line and column of a fault.
/// A leading byte-order mark is ignored.
pub fn parse_assessment(json: &str) -> Result<Assessment, ScoreError> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    // The fast path parses without tracking paths; only a faulty text is parsed again to
    // find where the fault is.
    // An assessment is an object; `Object` refuses serde's array form of a struct.
    if let Ok(cmmm_model::Object(assessment)) = serde_json::from_str(json) {
        return Ok(assessment);
    }
    let located = |path: String, e: serde_json::Error| {
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        ScoreError::Json {
            path,
            line: e.line(),
            column: e.column(),
            message,
        }
    };
    let mut de = serde_json::Deserializer::from_str(json);
    let cmmm_model::Object(assessment) =
        serde_path_to_error::deserialize(&mut de).map_err(|e| {
            // serde_path_to_error writes `?` for a place it could not name (inside a map,
            // before its next key): the map itself is the place.
            let path = e.path().to_string();
            let path = match path.strip_suffix('?') {
                Some("") => ".".to_string(),
                Some(parent) => parent.trim_end_matches('.').to_string(),
                None => path,
            };
            located(path, e.into_inner())
        })?;
    de.end().map_err(|e| located(".".into(), e))?;
    Ok(assessment)
}

/// Scores `assessment` against `model` with default [`Options`].
pub fn score(model: &Model, assessment: &Assessment) -> Result<Outcome, ScoreError> {
    Scorer::new(model).score(assessment, &Options::default())
}
