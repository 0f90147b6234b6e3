//! The assessment file: a filled-in questionnaire, the input of scoring.

use compact_str::CompactString;
use schemars::JsonSchema;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::JsonError;
use crate::id::Id;
use crate::text::Text;
use crate::unique_map::UniqueMap;

/// One self-assessment of one enterprise against one model profile. Build one with
/// [`Assessment::builder`], read one with [`Assessment::from_json`], or start from
/// [`Assessment::new`] and set its fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Assessment {
    /// Optional pointer to the JSON Schema, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Id of the model the questionnaire was written for; when given it must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<Id>,
    /// Id of this assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Profile (enterprise type) id, e.g. `discrete` or `process`.
    pub profile: Id,
    /// Who is assessed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_object"
    )]
    pub enterprise: Option<Enterprise>,
    /// Date of the assessment (free text, ISO 8601 recommended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessed_on: Option<String>,
    /// Who carried out the self-assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessor: Option<String>,
    /// Sub-domains tailored out (裁剪), each with its reason.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "objects"
    )]
    pub tailoring: Vec<Tailoring>,
    /// Sub-domains that the profile excludes by default but this assessment includes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<Id>,
    /// Requirement id → answer.
    pub ratings: UniqueMap<Answer>,
}

/// A `T` read from an object only. serde's derived structs also take an array of their
/// fields in order (`"enterprise": ["name", "code"]`), which the JSON Schema does not allow
/// and nobody writes on purpose; this reads `T` through its map form alone, so an array is
/// an error naming the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(std::marker::PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = Object<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Object<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Object)
            }
        }

        deserializer.deserialize_map(ObjectVisitor(std::marker::PhantomData))
    }
}

fn optional_object<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<Object<T>>::deserialize(deserializer).map(|o| o.map(|x| x.0))
}

fn objects<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Vec::<Object<T>>::deserialize(deserializer).map(|v| v.into_iter().map(|x| x.0).collect())
}

/// The enterprise assessed (start from `Enterprise::default()` and set its fields).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
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
#[non_exhaustive]
pub struct Tailoring {
    /// The sub-domain id.
    pub sub_domain: Id,
    /// Why it does not apply (required).
    pub reason: String,
}

impl Tailoring {
    /// Sub-domain `sub_domain` tailored out, for `reason`.
    pub fn new(sub_domain: impl Into<Id>, reason: impl Into<String>) -> Tailoring {
        Tailoring {
            sub_domain: sub_domain.into(),
            reason: reason.into(),
        }
    }
}

/// A rating: a scale key (`most`), a Chinese label (`大部分满足`) or an exact scale value
/// (`0.8`), resolved against the model's scale when scored (method.md §1). Build one with
/// [`Rating::key`], [`Rating::label`] or [`Rating::value`], or from a `&str` (a key or a
/// label):
///
/// ```
/// use cmmm_model::Rating;
/// use rust_decimal::Decimal;
///
/// assert_eq!(Rating::key("most").as_str(), "most");
/// assert_eq!(Rating::value(Decimal::new(8, 1)).as_str(), "0.8");
/// assert_eq!(Rating::from("部分满足"), Rating::label("部分满足"));
/// ```
///
/// Reading the hundreds of ratings of an assessment allocates nothing for them: texts of up
/// to 24 bytes (every scale key and label) are held inline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rating(Given);

/// How a rating was given.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Given {
    /// A scale key, a Chinese label, or a value written as text (`"0.8"`).
    Text(CompactString),
    /// An exact value, given as a number: its digits as written.
    Number(CompactString),
}

impl Rating {
    /// The rating of scale key `key` (`full`, `most`, `partial`, `none` in the default model).
    pub fn key(key: &str) -> Rating {
        Rating(Given::Text(key.into()))
    }

    /// The rating of the scale point labelled `label` in Chinese (`全部满足`, …).
    pub fn label(label: &str) -> Rating {
        Rating(Given::Text(label.into()))
    }

    /// The rating of the scale point whose value is exactly `value`.
    pub fn value(value: rust_decimal::Decimal) -> Rating {
        Rating(Given::Number(value.normalize().to_string().into()))
    }

    /// The rating's text (a number's digits as written).
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Given::Text(s) | Given::Number(s) => s,
        }
    }

    /// Whether the rating was given as a number (a JSON number, a number cell), which only a
    /// scale value can match; a text may also be a scale key or label.
    pub fn is_number(&self) -> bool {
        matches!(self.0, Given::Number(_))
    }

    /// A number's digits as written (a JSON number, a spreadsheet's number cell).
    pub fn number(digits: &str) -> Rating {
        Rating(Given::Number(digits.into()))
    }
}

impl From<&str> for Rating {
    /// A scale key, a Chinese label, or a value written as text (`"0.8"`).
    fn from(text: &str) -> Rating {
        Rating(Given::Text(text.into()))
    }
}

impl From<rust_decimal::Decimal> for Rating {
    fn from(value: rust_decimal::Decimal) -> Rating {
        Rating::value(value)
    }
}

impl Serialize for Rating {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Given::Text(s) => serializer.serialize_str(s),
            Given::Number(s) => match s.parse::<serde_json::Number>() {
                Ok(n) => n.serialize(serializer),
                Err(_) => serializer.serialize_str(s),
            },
        }
    }
}

/// How serde_json (with `arbitrary_precision`) hands a number to `deserialize_any`: a map
/// with this single key whose value is the number's text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

const NOT_A_RATING: &str = "a rating (a scale key, a Chinese label or a value)";

struct RatingVisitor;

impl<'de> Visitor<'de> for RatingVisitor {
    type Value = Rating;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(NOT_A_RATING)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Rating, E> {
        Ok(Rating(Given::Text(v.into())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Rating, E> {
        Ok(Rating(Given::Text(v.into())))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Rating, E> {
        Ok(Rating(Given::Number(v.to_string().into())))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Rating, E> {
        Ok(Rating(Given::Number(v.to_string().into())))
    }

    /// Only reached from deserializers that hold binary floats (not from JSON text, whose
    /// numbers arrive digit for digit); the shortest text that round-trips is taken.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Rating, E> {
        Ok(Rating(Given::Number(v.to_string().into())))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Rating, A::Error> {
        match map.next_key::<String>()? {
            Some(k) if k == NUMBER_TOKEN => Ok(Rating(Given::Number(map.next_value()?))),
            _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
        }
    }
}

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RatingVisitor)
    }
}

impl JsonSchema for Rating {
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

/// The answer to one requirement: a bare rating, or an object with the rating, evidence, a
/// comment and who rated it. Templates also carry the requirement's sub-domain, level and text, for the reader;
/// scoring ignores those three. Start from [`Answer::rated`] or `Answer::default()` and set
/// its fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Answer {
    /// The rating; `None` while unanswered.
    pub rating: Option<Rating>,
    /// References to evidence (document numbers, system names, links).
    pub evidence: Vec<String>,
    /// A comment.
    pub comment: Option<String>,
    /// Who rated it (a person or a department), in a team assessment.
    pub assessor: Option<String>,
    /// The requirement's sub-domain, for the reader.
    pub sub_domain: Option<Id>,
    /// The requirement's level, for the reader.
    pub level: Option<u8>,
    /// The requirement's text, for the reader.
    pub text: Option<Text>,
}

/// The object form of an answer (written by its serializer, read by its visitor).
#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "AnswerObject")]
struct AnswerObject {
    /// The rating; null or absent while unanswered.
    #[serde(default)]
    rating: Option<Rating>,
    /// References to evidence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<String>,
    /// A comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
    /// Who rated it (a person or a department), in a team assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assessor: Option<String>,
    /// The requirement's sub-domain (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sub_domain: Option<Id>,
    /// The requirement's level (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    level: Option<u8>,
    /// The requirement's text (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<Text>,
}

impl Answer {
    /// An answer holding only a rating.
    pub fn rated(rating: Rating) -> Answer {
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
            && self.assessor.is_none()
            && self.sub_domain.is_none()
            && self.level.is_none()
            && self.text.is_none();
        match (&self.rating, bare) {
            (Some(r), true) => r.serialize(serializer),
            _ => AnswerObject {
                rating: self.rating.clone(),
                evidence: self.evidence.clone(),
                comment: self.comment.clone(),
                assessor: self.assessor.clone(),
                sub_domain: self.sub_domain.clone(),
                level: self.level,
                text: self.text.clone(),
            }
            .serialize(serializer),
        }
    }
}

struct AnswerVisitor;

const ANSWER_FIELDS: &[&str] = &[
    "rating",
    "evidence",
    "comment",
    "sub_domain",
    "level",
    "text",
    "assessor",
];

impl<'de> Visitor<'de> for AnswerVisitor {
    type Value = Answer;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a rating (a scale key, a Chinese label or a value), null, or an object with a rating, evidence, a comment and who rated it")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Answer, E> {
        Ok(Answer::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<Answer, E> {
        Ok(Answer::default())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Answer, E> {
        RatingVisitor.visit_str(v).map(Answer::rated)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Answer, E> {
        RatingVisitor.visit_string(v).map(Answer::rated)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Answer, E> {
        RatingVisitor.visit_u64(v).map(Answer::rated)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Answer, E> {
        RatingVisitor.visit_i64(v).map(Answer::rated)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Answer, E> {
        RatingVisitor.visit_f64(v).map(Answer::rated)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answer, A::Error> {
        let mut answer = Answer::default();
        let mut seen = [false; ANSWER_FIELDS.len()];
        let mut first = true;
        while let Some(key) = map.next_key::<String>()? {
            if first && key == NUMBER_TOKEN {
                return Ok(Answer::rated(Rating(Given::Number(map.next_value()?))));
            }
            first = false;
            let Some(field) = ANSWER_FIELDS.iter().position(|f| *f == key) else {
                return Err(de::Error::unknown_field(&key, ANSWER_FIELDS));
            };
            if std::mem::replace(&mut seen[field], true) {
                return Err(de::Error::duplicate_field(ANSWER_FIELDS[field]));
            }
            match field {
                0 => answer.rating = map.next_value()?,
                1 => answer.evidence = map.next_value()?,
                2 => answer.comment = map.next_value()?,
                3 => answer.sub_domain = map.next_value()?,
                4 => answer.level = map.next_value()?,
                5 => answer.text = map.next_value()?,
                _ => answer.assessor = map.next_value()?,
            }
        }
        Ok(answer)
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnswerVisitor)
    }
}

impl JsonSchema for Answer {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Answer".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let rating = generator.subschema_for::<Rating>();
        let object = generator.subschema_for::<AnswerObject>();
        schemars::json_schema!({
            "description": "A bare rating, null while unanswered, or an object with the rating, evidence, a comment and who rated it.",
            "anyOf": [rating, { "type": "null" }, object]
        })
    }
}

impl Assessment {
    /// The same assessment with every rating that names a point of `model`'s scale written
    /// as that point's key (`0.8`, `0.80` and `大部分满足` all become `most`,
    /// [`Model::scale_point`](crate::Model::scale_point)); a rating on no point is kept as
    /// given, for scoring to report.
    pub fn keyed(mut self, model: &crate::Model) -> Assessment {
        for (_, answer) in self.ratings.iter_mut() {
            if let Some(rating) = &answer.rating {
                if let Some(p) = model.scale_point(rating) {
                    answer.rating = Some(Rating::key(&model.scale()[p].key));
                }
            }
        }
        self
    }

    /// An assessment of an enterprise of type `profile` with nothing else in it yet.
    pub fn new(profile: impl Into<Id>) -> Assessment {
        Assessment {
            profile: profile.into(),
            ..Assessment::default()
        }
    }

    /// Reads an assessment from JSON text, naming the JSON path, line and column of a fault.
    /// A leading byte-order mark is ignored.
    ///
    /// ```
    /// use cmmm_model::Assessment;
    ///
    /// let a = Assessment::from_json(r#"{"profile": "discrete", "ratings": {"org-strategy.1.a": "full"}}"#).unwrap();
    /// assert_eq!(a.profile, "discrete");
    /// let err = Assessment::from_json(r#"{"profile": 3}"#).unwrap_err();
    /// assert_eq!(err.path, "profile");
    /// ```
    pub fn from_json(json: &str) -> Result<Assessment, JsonError> {
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        // The fast path parses without tracking paths; only a faulty text is parsed again to
        // find where the fault is. An assessment is an object; `Object` refuses serde's array
        // form of a struct.
        if let Ok(Object(assessment)) = serde_json::from_str(json) {
            return Ok(assessment);
        }
        let mut de = serde_json::Deserializer::from_str(json);
        let Object(assessment) = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            // serde_path_to_error writes `?` for a place it could not name (inside a map,
            // before its next key): the map itself is the place.
            let path = e.path().to_string();
            let path = match path.strip_suffix('?') {
                Some("") => ".".to_string(),
                Some(parent) => parent.trim_end_matches('.').to_string(),
                None => path,
            };
            JsonError::at(path, e.inner())
        })?;
        de.end().map_err(|e| JsonError::at(".".into(), &e))?;
        Ok(assessment)
    }

    /// The assessment as compact JSON text, which [`Assessment::from_json`] reads back.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an assessment always serialises")
    }

    /// The assessment as indented JSON text.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("an assessment always serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_writes_every_rating_on_the_scale_as_its_key() {
        let model = crate::Model::gbt39116_2020();
        let a = Assessment::from_json(
            r#"{"profile": "discrete", "ratings": {"a": "0.80", "b": "大部分满足", "c": 0.5,
                "d": "full", "e": "maybe", "f": null, "g": {"rating": 1, "comment": "kept"},
                "h": "Mostly met"}}"#,
        )
        .expect("an assessment");
        let keyed = a.keyed(model);
        let got: Vec<(&str, Option<&str>)> = keyed
            .ratings
            .iter()
            .map(|(id, answer)| (id, answer.rating.as_ref().map(Rating::as_str)))
            .collect();
        assert_eq!(
            got,
            [
                ("a", Some("most")),
                ("b", Some("most")),
                ("c", Some("partial")),
                ("d", Some("full")),
                ("e", Some("maybe")),
                ("f", None),
                ("g", Some("full")),
                ("h", Some("Mostly met")),
            ]
        );
        let (_, g) = keyed.ratings.iter().nth(6).expect("g");
        assert_eq!(g.comment.as_deref(), Some("kept"));
    }
}
