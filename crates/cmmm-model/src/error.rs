//! Errors of loading and validating a model.

use std::fmt;

/// Why a model file was rejected.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The text is not JSON of the model's shape (syntax, wrong type, unknown or duplicate
    /// field).
    #[error("model JSON at {path} (line {line}, column {column}): {message}")]
    Json {
        /// JSON path of the fault, e.g. `profiles[0].weights`.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The JSON is well formed but breaks one or more rules of a model.
    #[error("invalid model: {}", Problems(.0))]
    Invalid(Vec<Problem>),
}

impl ModelError {
    /// Stable code of the error kind: `io`, `invalid-json` or `invalid-model`.
    pub fn code(&self) -> &'static str {
        match self {
            ModelError::Io { .. } => "io",
            ModelError::Json { .. } => "invalid-json",
            ModelError::Invalid(_) => "invalid-model",
        }
    }

    /// Where: the file of an `Io` error, the JSON path of a `Json` one, the path of the first
    /// problem of an `Invalid` one (the message lists them all).
    pub fn location(&self) -> String {
        match self {
            ModelError::Io { path, .. } | ModelError::Json { path, .. } => path.clone(),
            ModelError::Invalid(problems) => {
                problems.first().map_or_else(String::new, |p| p.at.clone())
            }
        }
    }

    /// The rule problems of an `Invalid` model (empty for the other kinds).
    pub fn problems(&self) -> &[Problem] {
        match self {
            ModelError::Invalid(p) => p,
            _ => &[],
        }
    }

    /// Converts a JSON error located by serde_path_to_error.
    pub(crate) fn from_json(err: serde_path_to_error::Error<serde_json::Error>) -> ModelError {
        let path = err.path().to_string();
        let inner = err.into_inner();
        ModelError::Json {
            path,
            line: inner.line(),
            column: inner.column(),
            message: strip_position(&inner.to_string()),
        }
    }
}

/// serde_json appends " at line L column C"; we report the position in our own fields.
pub(crate) fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Why a text is not JSON of the expected shape: where (JSON path, line, column) and what.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("JSON at {path} (line {line}, column {column}): {message}")]
#[non_exhaustive]
pub struct JsonError {
    /// JSON path of the fault, e.g. `ratings.data.2.a`; `.` for the whole text.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl JsonError {
    /// A serde_json error at `path`.
    pub(crate) fn at(path: String, err: &serde_json::Error) -> JsonError {
        JsonError {
            path,
            line: err.line(),
            column: err.column(),
            message: strip_position(&err.to_string()),
        }
    }
}

struct Problems<'a>(&'a [Problem]);

impl fmt::Display for Problems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

/// One broken rule in a model.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Problem {
    /// Which rule.
    pub rule: Rule,
    /// JSON path of the fault, e.g. `profiles[1].weights.domains.design`.
    pub at: String,
    /// What is wrong, naming the id concerned.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.at, self.message, self.rule.code())
    }
}

/// The rules a model must keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// An id, scale key or label appears twice where it must be unique.
    DuplicateId,
    /// An id or required text is empty.
    Empty,
    /// The levels are not numbered 1, 2, … without gaps.
    Levels,
    /// A requirement names a level the model does not have.
    LevelOutOfRange,
    /// A scale value is outside [0, 1], or the scale is empty.
    Scale,
    /// The gate is outside (0, 1].
    Gate,
    /// The bands overlap, leave a gap, or do not cover 0 to the top level.
    Bands,
    /// An element, domain or sub-domain has no children.
    Structure,
    /// A weight is negative or not an exact decimal or fraction.
    InvalidWeight,
    /// Sibling weights do not sum to exactly 1.
    WeightSum,
    /// A profile names a node the model lacks.
    UnknownNode,
    /// A profile gives no weight for a node.
    MissingWeight,
    /// A profile has nothing to score at some level.
    NothingToScore,
    /// The model has no profile.
    NoProfile,
}

impl Rule {
    /// Stable code of the rule.
    pub fn code(self) -> &'static str {
        match self {
            Rule::DuplicateId => "duplicate-id",
            Rule::Empty => "empty",
            Rule::Levels => "levels",
            Rule::LevelOutOfRange => "level-out-of-range",
            Rule::Scale => "scale",
            Rule::Gate => "gate",
            Rule::Bands => "bands",
            Rule::Structure => "structure",
            Rule::InvalidWeight => "invalid-weight",
            Rule::WeightSum => "weight-sum",
            Rule::UnknownNode => "unknown-node",
            Rule::MissingWeight => "missing-weight",
            Rule::NothingToScore => "nothing-to-score",
            Rule::NoProfile => "no-profile",
        }
    }
}
