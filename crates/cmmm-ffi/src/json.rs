//! The boundary contract shared by every host: JSON text in, JSON text out.
//!
//! Each function is one call of the core (`cmmm-model`, `cmmm-score`) with its error turned
//! into an [`FfiError`]. The C half and the WebAssembly half only convert arguments and
//! results around these functions.
//!
//! Output is compact JSON, exactly `serde_json::to_string` of the core's value: the result
//! schema is `data/schema/result.schema.json`, the template is an assessment
//! (`data/schema/assessment.schema.json`). Decimals are strings, as everywhere.

use std::sync::{Arc, OnceLock};

use cmmm_model::Model;
use cmmm_score::{parse_assessment, Options, Scorer};
use serde::Serialize;

use crate::status::FfiError;

/// The engine's version (this crate's, the same for every crate of the workspace).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The scorer of the embedded default model (`gbt39116-2020`), built once per process.
pub fn default_scorer() -> &'static Scorer<'static> {
    static SCORER: OnceLock<Scorer<'static>> = OnceLock::new();
    SCORER.get_or_init(|| Scorer::new(Model::gbt39116_2020()))
}

/// Compact JSON of a core value. The core's results and assessments are plain data with
/// string keys, so serializing them cannot fail; if it ever did, that is a bug reported as a
/// `panic`-class error rather than a crash.
fn to_json<T: Serialize>(value: &T) -> Result<String, FfiError> {
    serde_json::to_string(value).map_err(|e| FfiError::panic(&format!("serializing: {e}")))
}

/// Parses and validates a model file's JSON text (a leading byte-order mark is ignored).
pub fn load_model(text: &str) -> Result<Model, FfiError> {
    Ok(Model::from_json(text)?)
}

/// [`load_model`], ready to score: the scorer a host's model handle keeps.
pub fn load_scorer(text: &str) -> Result<Scorer<'static>, FfiError> {
    Ok(Scorer::shared(Arc::new(load_model(text)?)))
}

/// Scores the assessment JSON `text` with `scorer` (`None`: the embedded default model's)
/// and `options`: the result as compact JSON, `serde_json::to_string(&outcome)`.
pub fn score(scorer: Option<&Scorer>, text: &str, options: &Options) -> Result<String, FfiError> {
    let scorer = scorer.unwrap_or_else(|| default_scorer());
    let assessment = parse_assessment(text)?;
    to_json(&scorer.score(&assessment, options)?)
}

/// A blank questionnaire for `profile` of `model` (`None`: the embedded default model): every
/// in-scope requirement with its sub-domain, level and text, ratings `null`, as compact JSON.
pub fn template(model: Option<&Model>, profile: &str) -> Result<String, FfiError> {
    let model = model.unwrap_or_else(|| Model::gbt39116_2020());
    let assessment = cmmm_model::template(model, profile, &[])?;
    to_json(&assessment)
}
