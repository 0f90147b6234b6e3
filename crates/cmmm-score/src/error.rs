//! Errors of scoring, each naming the requirement, sub-domain or field at fault.

/// Why an assessment could not be scored.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScoreError {
    /// The assessment text is not JSON of the assessment's shape.
    #[error("assessment JSON at {path} (line {line}, column {column}): {message}")]
    Json {
        /// JSON path of the fault, e.g. `ratings.data.2.a`.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The assessment was written for another model.
    #[error("model: the assessment is for model `{found}`, not `{expected}`")]
    ModelMismatch {
        /// The model scored against.
        expected: String,
        /// The model the assessment names.
        found: String,
    },
    /// The model has no such profile.
    #[error("profile: unknown profile `{0}`")]
    UnknownProfile(String),
    /// A rating names a requirement the model lacks.
    #[error("ratings.{0}: unknown requirement `{0}`")]
    UnknownRequirement(String),
    /// A rating is not on the scale.
    #[error("ratings.{id}: `{value}` is not on the rating scale ({expected})")]
    InvalidRating {
        /// The requirement.
        id: String,
        /// The rating as given.
        value: String,
        /// The accepted keys, labels and values.
        expected: String,
    },
    /// A rating is given for a requirement outside the assessment's scope.
    #[error(
        "ratings.{id}: requirement `{id}` is out of scope: sub-domain `{sub_domain}` is {why}"
    )]
    OutOfScopeRating {
        /// The requirement.
        id: String,
        /// Its sub-domain.
        sub_domain: String,
        /// `tailored out` or `excluded by the profile`.
        why: String,
    },
    /// Tailoring or include names a sub-domain the model lacks.
    #[error("{field}: unknown sub-domain `{id}`")]
    UnknownSubDomain {
        /// The field, e.g. `tailoring[0].sub_domain`.
        field: String,
        /// The id given.
        id: String,
    },
    /// Tailoring names a sub-domain the profile does not allow to tailor out.
    #[error("{field}: sub-domain `{id}` may not be tailored out in profile `{profile}`")]
    NotTailorable {
        /// The field.
        field: String,
        /// The sub-domain.
        id: String,
        /// The profile.
        profile: String,
    },
    /// Tailoring gives no reason.
    #[error("{field}: tailoring out `{id}` needs a reason")]
    MissingReason {
        /// The field.
        field: String,
        /// The sub-domain.
        id: String,
    },
    /// Include names a sub-domain that the profile does not exclude by default, or tailoring
    /// names one that is not in scope.
    #[error("{field}: sub-domain `{id}` {why}")]
    InvalidScope {
        /// The field.
        field: String,
        /// The sub-domain.
        id: String,
        /// What is wrong.
        why: String,
    },
    /// A sub-domain is named twice in tailoring or include.
    #[error("{field}: sub-domain `{id}` is listed twice")]
    DuplicateKey {
        /// The field.
        field: String,
        /// The sub-domain.
        id: String,
    },
    /// In-scope requirements have no rating.
    #[error("ratings: {} in-scope requirement(s) not rated: {}", .0.len(), .0.join(", "))]
    MissingRatings(Vec<String>),
    /// After tailoring, a level has nothing to score.
    #[error("scope: nothing is left to score at level {0}")]
    NothingToScore(u8),
    /// The target level for gaps is not a level of the model.
    #[error("target: level {target} is not between 1 and {levels}")]
    InvalidTarget {
        /// The target asked for.
        target: u8,
        /// The model's top level.
        levels: u8,
    },
    /// Exact arithmetic overflowed 128-bit integers (weights with very many digits).
    #[error("{0}: exact arithmetic overflowed; use weights with fewer digits")]
    Overflow(String),
}

impl ScoreError {
    /// Stable code of the error kind, shared by the CLI, C and JavaScript hosts.
    pub fn code(&self) -> &'static str {
        match self {
            ScoreError::Json { .. } => "invalid-json",
            ScoreError::ModelMismatch { .. } => "model-mismatch",
            ScoreError::UnknownProfile(_) => "unknown-profile",
            ScoreError::UnknownRequirement(_) => "unknown-requirement",
            ScoreError::InvalidRating { .. } => "invalid-rating",
            ScoreError::OutOfScopeRating { .. } => "out-of-scope-rating",
            ScoreError::UnknownSubDomain { .. } => "unknown-sub-domain",
            ScoreError::NotTailorable { .. } => "not-tailorable",
            ScoreError::MissingReason { .. } => "missing-reason",
            ScoreError::InvalidScope { .. } => "invalid-scope",
            ScoreError::DuplicateKey { .. } => "duplicate-key",
            ScoreError::MissingRatings(_) => "missing-ratings",
            ScoreError::NothingToScore(_) => "nothing-to-score",
            ScoreError::InvalidTarget { .. } => "invalid-target",
            ScoreError::Overflow(_) => "overflow",
        }
    }

    /// Where the fault is: a JSON path, a field or a requirement id.
    pub fn location(&self) -> String {
        match self {
            ScoreError::Json { path, .. } => path.clone(),
            ScoreError::ModelMismatch { .. } => "model".into(),
            ScoreError::UnknownProfile(_) => "profile".into(),
            ScoreError::UnknownRequirement(id)
            | ScoreError::InvalidRating { id, .. }
            | ScoreError::OutOfScopeRating { id, .. } => format!("ratings.{id}"),
            ScoreError::UnknownSubDomain { field, .. }
            | ScoreError::NotTailorable { field, .. }
            | ScoreError::MissingReason { field, .. }
            | ScoreError::InvalidScope { field, .. }
            | ScoreError::DuplicateKey { field, .. } => field.clone(),
            ScoreError::MissingRatings(_) => "ratings".into(),
            ScoreError::NothingToScore(_) => "scope".into(),
            ScoreError::InvalidTarget { .. } => "target".into(),
            ScoreError::Overflow(at) => at.clone(),
        }
    }
}
