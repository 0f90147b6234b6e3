//! Errors of scoring, each naming the requirement, sub-domain or field at fault, with the
//! message in English (`Display`) or Chinese ([`ScoreError::message`]).

use cmmm_model::{JsonError, Lang};

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
    #[error("ratings.{id}: `{value}` is not on the rating scale ({expected}){}", padded_hint(.value))]
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
    #[error("ratings: {} in-scope requirement(s) not rated; rate them, or allow missing ratings to score them as not met (--allow-missing; allow_missing in C, allowMissing in JavaScript): {}", .0.len(), .0.join(", "))]
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
}

/// What to do about a rating that is on the scale but for spaces around it.
fn padded_hint(value: &str) -> &'static str {
    if value.trim() != value {
        "; remove the spaces before or after it"
    } else {
        ""
    }
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
        }
    }

    /// The message in `lang`: English is the `Display` text; Chinese says the same, with
    /// field names, ids and codes kept as they are.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            ScoreError::Json {
                path,
                line,
                column,
                message,
            } => format!("评估文件的 JSON 在 {path}（第 {line} 行第 {column} 列）有误：{message}"),
            ScoreError::ModelMismatch { expected, found } => {
                format!("model：该评估针对模型 `{found}`，而不是 `{expected}`")
            }
            ScoreError::UnknownProfile(p) => format!("profile：未知的企业类型 `{p}`"),
            ScoreError::UnknownRequirement(id) => format!("ratings.{id}：未知的要求 `{id}`"),
            ScoreError::InvalidRating {
                id,
                value,
                expected,
            } => {
                let padded = value.trim() != value;
                format!(
                    "ratings.{id}：`{value}` 不在评分等级中（可填：{expected}）{}",
                    if padded { "；请删去前后的空格" } else { "" }
                )
            }
            ScoreError::OutOfScopeRating { id, sub_domain, why } => format!(
                "ratings.{id}：要求 `{id}` 不在评估范围内：子域 `{sub_domain}` {}",
                match why.as_str() {
                    "tailored out" => "已裁剪",
                    "excluded by the profile" => "被该企业类型排除",
                    other => other,
                }
            ),
            ScoreError::UnknownSubDomain { field, id } => format!("{field}：未知的子域 `{id}`"),
            ScoreError::NotTailorable { field, id, profile } => {
                format!("{field}：企业类型 `{profile}` 不允许裁剪子域 `{id}`")
            }
            ScoreError::MissingReason { field, id } => {
                format!("{field}：裁剪子域 `{id}` 须填写理由")
            }
            ScoreError::InvalidScope { field, id, why } => {
                format!("{field}：子域 `{id}` 的范围设置无效（{why}）")
            }
            ScoreError::DuplicateKey { field, id } => format!("{field}：子域 `{id}` 重复列出"),
            ScoreError::MissingRatings(ids) => format!(
                "ratings：{} 项范围内的要求未评分；请评分，或允许缺评（--allow-missing；C 接口 allow_missing，JavaScript 为 allowMissing），未评的按“不满足”计分：{}",
                ids.len(),
                ids.join("、")
            ),
            ScoreError::NothingToScore(n) => format!("scope：裁剪后第 {n} 级没有可计分的要求"),
            ScoreError::InvalidTarget { target, levels } => {
                format!("target：目标等级 {target} 不在 1 到 {levels} 之间")
            }
        }
    }
}

impl From<JsonError> for ScoreError {
    fn from(e: JsonError) -> ScoreError {
        ScoreError::Json {
            path: e.path,
            line: e.line,
            column: e.column,
            message: e.message,
        }
    }
}
