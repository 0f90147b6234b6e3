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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::Status;

    #[test]
    fn scores_like_the_core() {
        let model = Model::gbt39116_2020();
        let text = cmmm_model::template(model, "discrete", &[]).unwrap();
        let mut text = serde_json::to_value(&text).unwrap();
        for (_, v) in text["ratings"].as_object_mut().unwrap() {
            *v = "full".into();
        }
        let text = text.to_string();
        let options = Options::default();
        let direct = Scorer::new(model)
            .score(&parse_assessment(&text).unwrap(), &options)
            .unwrap();
        let out = score(None, &text, &options).unwrap();
        assert_eq!(out, serde_json::to_string(&direct).unwrap());
        assert_eq!(
            out,
            score(Some(&Scorer::new(model)), &text, &options).unwrap()
        );
    }

    #[test]
    fn errors_carry_class_code_and_location() {
        let e = score(
            None,
            r#"{"profile": "discrete", "ratings": {"nope": "full"}}"#,
            &Options::default(),
        )
        .unwrap_err();
        assert_eq!(e.status, Status::InvalidAssessment);
        assert_eq!(e.code, "unknown-requirement");
        assert_eq!(e.location, "ratings.nope");
        assert!(e
            .to_string()
            .starts_with("unknown-requirement: ratings.nope: "));

        let e = score(None, "{", &Options::default()).unwrap_err();
        assert_eq!((e.status, e.code), (Status::InvalidJson, "invalid-json"));

        let options = Options::new().allow_missing(true).target(9);
        let e = score(None, r#"{"profile": "discrete", "ratings": {}}"#, &options).unwrap_err();
        assert_eq!(
            (e.status, e.code),
            (Status::InvalidOptions, "invalid-target")
        );

        let e = load_model("{}").unwrap_err();
        assert_eq!((e.status, e.code), (Status::InvalidJson, "invalid-json"));
        let broken = Model::gbt39116_2020()
            .to_json_pretty()
            .replace("\"gate\": \"0.8\"", "\"gate\": \"1.5\"");
        let e = load_model(&broken).unwrap_err();
        assert_eq!(
            (e.status, e.code, e.location.as_str()),
            (Status::InvalidModel, "invalid-model", "gate")
        );

        let e = template(None, "nope").unwrap_err();
        assert_eq!(
            (e.status, e.code),
            (Status::InvalidArgument, "unknown-profile")
        );
    }

    #[test]
    fn template_is_an_assessment() {
        let t = template(None, "process").unwrap();
        let a = parse_assessment(&t).unwrap();
        assert_eq!(a.profile, "process");
        assert!(!a.ratings.is_empty());
    }
}
