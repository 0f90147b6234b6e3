//! Error classes and errors at the boundary: every core error becomes a [`Status`] (its class,
//! the C return value) plus the core's stable code, location and message.

use std::fmt;

use cmmm_model::{Lang, ModelError, TemplateError};
use cmmm_score::ScoreError;

/// The outcome class of a call: `CMMM_STATUS_OK` (0) or the class of the error. The exact kind
/// is the stable code in `cmmm_last_error_code()` (the core's `code()` strings, e.g.
/// `invalid-rating`), the text in `cmmm_last_error()`. New classes may be added; treat any
/// unknown non-zero value as an error.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Success.
    Ok = 0,
    /// A required pointer is NULL, or a length is larger than any object can be: code
    /// `invalid-argument`. For `cmmm_template_json`, also a profile the model lacks: code
    /// `unknown-profile`.
    InvalidArgument = 1,
    /// A text argument is not UTF-8. Code `invalid-utf8`.
    InvalidUtf8 = 2,
    /// A model or assessment text is not JSON of the expected shape (syntax, wrong type,
    /// unknown or repeated field). Code `invalid-json`.
    InvalidJson = 3,
    /// A model is well-formed JSON but breaks a rule of the model format (weights that do not
    /// sum to 1, …). Code `invalid-model`; the message lists every fault by JSON path.
    InvalidModel = 4,
    /// An assessment is well-formed JSON but cannot be scored against the model. Codes
    /// `model-mismatch`, `unknown-profile`, `unknown-requirement`, `invalid-rating`,
    /// `out-of-scope-rating`, `unknown-sub-domain`, `not-tailorable`, `missing-reason`,
    /// `invalid-scope`, `duplicate-key`, `missing-ratings`, `nothing-to-score`.
    InvalidAssessment = 5,
    /// The scoring options are not valid for the model (a target level the model does not
    /// have). Code `invalid-target`.
    InvalidOptions = 6,
    // 7 was `overflow`, exact arithmetic beyond 128 bits: scoring now widens its integers
    // instead, so it is never returned.
    /// A bug: the engine panicked. The panic was caught at the boundary; the handles passed
    /// in are still valid. Code `panic`.
    Panic = 8,
}

impl Status {
    /// The status as a number, as C sees it.
    pub fn as_int(self) -> i32 {
        self as i32
    }
}

/// An error crossing the boundary: its class, the core's stable code, where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FfiError {
    /// The class, returned to C.
    pub status: Status,
    /// The stable code (`ScoreError::code()`, `ModelError::code()`, … or one of this layer's:
    /// `invalid-argument`, `invalid-utf8`, `panic`).
    pub code: &'static str,
    /// Where: a JSON path, field, requirement id or argument name (may be empty).
    pub location: String,
    /// What, in English, as the core's `Display` says it.
    pub message: String,
    /// What, in Chinese, where the core says it in Chinese too (the errors of an assessment:
    /// `ScoreError::message`); a host with a Chinese interface shows it.
    pub message_zh: Option<String>,
}

impl FfiError {
    /// A NULL or otherwise unusable argument.
    pub fn invalid_argument(argument: &str, what: &str) -> FfiError {
        FfiError {
            status: Status::InvalidArgument,
            code: "invalid-argument",
            location: argument.to_string(),
            message: format!("{argument}: {what}"),
            message_zh: None,
        }
    }

    /// A text argument that is not UTF-8: `valid_up_to` bytes are.
    pub fn invalid_utf8(argument: &str, valid_up_to: usize) -> FfiError {
        FfiError {
            status: Status::InvalidUtf8,
            code: "invalid-utf8",
            location: argument.to_string(),
            message: format!("{argument}: not UTF-8 (invalid byte sequence at byte {valid_up_to})"),
            message_zh: None,
        }
    }

    /// A `detail` option that is not one of the tiers.
    pub fn invalid_detail(value: &str) -> FfiError {
        FfiError {
            status: Status::InvalidOptions,
            code: "invalid-detail",
            location: "detail".to_string(),
            message: format!(
                "detail: `{value}` is not a result tier (summary, profile, gaps or full)"
            ),
            message_zh: None,
        }
    }

    /// A panic caught at the boundary, with its message when it has one.
    pub fn panic(what: &str) -> FfiError {
        FfiError {
            status: Status::Panic,
            code: "panic",
            location: String::new(),
            message: format!("internal error (please report it): {what}"),
            message_zh: None,
        }
    }
}

impl fmt::Display for FfiError {
    /// `code: message`, e.g. `invalid-rating: ratings.x.1.a: `7` is not on the rating scale …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for FfiError {}

impl From<ScoreError> for FfiError {
    fn from(e: ScoreError) -> FfiError {
        let status = match &e {
            ScoreError::Json { .. } => Status::InvalidJson,
            ScoreError::InvalidTarget { .. } => Status::InvalidOptions,
            _ => Status::InvalidAssessment,
        };
        FfiError {
            status,
            code: e.code(),
            location: e.location(),
            message: e.to_string(),
            message_zh: Some(e.message(Lang::Zh)),
        }
    }
}

impl From<ModelError> for FfiError {
    fn from(e: ModelError) -> FfiError {
        let status = match &e {
            ModelError::Json { .. } => Status::InvalidJson,
            // Only file reading gives Io, which this layer never does; any later kind is a
            // fault of the model text.
            _ => Status::InvalidModel,
        };
        FfiError {
            status,
            code: e.code(),
            location: e.location(),
            message: e.to_string(),
            message_zh: None,
        }
    }
}

impl From<TemplateError> for FfiError {
    fn from(e: TemplateError) -> FfiError {
        FfiError {
            status: Status::InvalidArgument,
            code: e.code(),
            location: "profile".into(),
            message: format!("profile: {e}"),
            message_zh: None,
        }
    }
}
