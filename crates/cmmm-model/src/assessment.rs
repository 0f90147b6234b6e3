//! The assessment file: a filled-in questionnaire, the input of scoring.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text::Text;
use crate::unique_map::UniqueMap;

/// One self-assessment of one enterprise against one model profile.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Optional pointer to the JSON Schema, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Id of the model the questionnaire was written for; when given it must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Id of this assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Profile (enterprise type) id, e.g. `discrete` or `process`.
    pub profile: String,
    /// Who is assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise: Option<Enterprise>,
    /// Date of the assessment (free text, ISO 8601 recommended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessed_on: Option<String>,
    /// Who carried out the self-assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessor: Option<String>,
    /// Sub-domains tailored out (裁剪), each with its reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tailoring: Vec<Tailoring>,
    /// Sub-domains that the profile excludes by default but this assessment includes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// Requirement id → answer.
    pub ratings: UniqueMap<Answer>,
}

/// The enterprise assessed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Enterprise {
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Unified social credit code (统一社会信用代码) or another registration id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Industry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    /// Region (province, city, park).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// A sub-domain tailored out of an assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tailoring {
    /// The sub-domain id.
    pub sub_domain: String,
    /// Why it does not apply (required).
    pub reason: String,
}

/// A rating as given: a scale key (`most`), a Chinese label (`大部分满足`) or an exact value
/// (`"0.8"` or `0.8`). Numbers keep the digits written in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RatingInput {
    /// Given as a JSON string.
    Text(String),
    /// Given as a JSON number, with its digits as written.
    Number(String),
}

impl RatingInput {
    /// The rating's text (a number's digits as written).
    pub fn as_str(&self) -> &str {
        match self {
            RatingInput::Text(s) | RatingInput::Number(s) => s,
        }
    }
}

impl Serialize for RatingInput {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RatingInput::Text(s) => serializer.serialize_str(s),
            RatingInput::Number(s) => match s.parse::<serde_json::Number>() {
                Ok(n) => n.serialize(serializer),
                Err(_) => serializer.serialize_str(s),
            },
        }
    }
}

impl RatingInput {
    fn from_value<E: serde::de::Error>(value: serde_json::Value) -> Result<RatingInput, E> {
        match value {
            serde_json::Value::String(s) => Ok(RatingInput::Text(s)),
            serde_json::Value::Number(n) => Ok(RatingInput::Number(n.to_string())),
            other => Err(E::custom(format_args!(
                "a rating is a scale key, a Chinese label or a value, not {other}"
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for RatingInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        RatingInput::from_value(serde_json::Value::deserialize(deserializer)?)
    }
}

impl JsonSchema for RatingInput {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rating".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A scale key (full, most, partial, none), a Chinese label (全部满足, 大部分满足, 部分满足, 不满足) or an exact scale value (\"0.8\" or 0.8).",
            "type": ["string", "number"]
        })
    }
}

/// The answer to one requirement: a bare rating, or an object with the rating, evidence and a
/// comment. Templates also carry the requirement's sub-domain, level and text, for the reader;
/// scoring ignores those three.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    /// The rating; `None` while unanswered.
    pub rating: Option<RatingInput>,
    /// References to evidence (document numbers, system names, links).
    pub evidence: Vec<String>,
    /// A comment.
    pub comment: Option<String>,
    /// The requirement's sub-domain, for the reader.
    pub sub_domain: Option<String>,
    /// The requirement's level, for the reader.
    pub level: Option<u8>,
    /// The requirement's text, for the reader.
    pub text: Option<Text>,
}

/// The object form of [`Answer`].
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "AnswerObject")]
struct AnswerObject {
    /// The rating; null or absent while unanswered.
    #[serde(default)]
    rating: Option<RatingInput>,
    /// References to evidence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<String>,
    /// A comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
    /// The requirement's sub-domain (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sub_domain: Option<String>,
    /// The requirement's level (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    level: Option<u8>,
    /// The requirement's text (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<Text>,
}

impl Answer {
    /// An answer holding only a rating.
    pub fn rated(rating: RatingInput) -> Answer {
        Answer {
            rating: Some(rating),
            ..Answer::default()
        }
    }
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let bare = self.evidence.is_empty()
            && self.comment.is_none()
            && self.sub_domain.is_none()
            && self.level.is_none()
            && self.text.is_none();
        match (&self.rating, bare) {
            (Some(r), true) => r.serialize(serializer),
            _ => AnswerObject {
                rating: self.rating.clone(),
                evidence: self.evidence.clone(),
                comment: self.comment.clone(),
                sub_domain: self.sub_domain.clone(),
                level: self.level,
                text: self.text.clone(),
            }
            .serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Null => Ok(Answer::default()),
            object @ serde_json::Value::Object(_) => {
                let o: AnswerObject = serde_json::from_value(object).map_err(D::Error::custom)?;
                Ok(Answer {
                    rating: o.rating,
                    evidence: o.evidence,
                    comment: o.comment,
                    sub_domain: o.sub_domain,
                    level: o.level,
                    text: o.text,
                })
            }
            scalar => RatingInput::from_value(scalar).map(Answer::rated),
        }
    }
}

impl JsonSchema for Answer {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Answer".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let rating = generator.subschema_for::<RatingInput>();
        let object = generator.subschema_for::<AnswerObject>();
        schemars::json_schema!({
            "description": "A bare rating, null while unanswered, or an object with the rating, evidence and a comment.",
            "anyOf": [rating, { "type": "null" }, object]
        })
    }
}
