//! The model file: every type a maturity model is written in.
//!
//! These are the serde types of `data/models/*.json` and of `data/schema/model.schema.json`.
//! They are plain data; [`crate::Model`] is the validated, indexed form that scoring uses.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::exact::Ratio;
use crate::id::Id;
use crate::text::Text;
use crate::unique_map::UniqueMap;

/// A maturity model as written in a model file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelDoc {
    /// Optional pointer to the JSON Schema, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable id of the model, e.g. `gbt39116-2020`.
    pub id: Id,
    /// Version of this data file (not of the standard), e.g. `2020.1-illustrative.1`.
    pub version: String,
    /// Title of the model.
    pub title: Text,
    /// Where each part of the model comes from.
    pub provenance: Provenance,
    /// The maturity levels, numbered 1, 2, … without gaps.
    pub levels: Vec<LevelDef>,
    /// Name of the result below the first level (level 0).
    pub below_first_level: Text,
    /// The rating scale.
    pub scale: Vec<ScalePoint>,
    /// A level is met when its score T(n) is at least this value.
    #[serde(with = "crate::decimal")]
    #[schemars(with = "crate::decimal::DecimalText")]
    pub gate: Decimal,
    /// Bands of the total score S that give the level, from level 0 upward.
    pub bands: Vec<Band>,
    /// How the level scores add up to the total score S.
    pub total_rule: TotalRule,
    /// Capability elements, each with its domains, sub-domains and requirements.
    pub elements: Vec<Element>,
    /// Enterprise-type profiles: weights and scope.
    pub profiles: Vec<Profile>,
}

/// Where the parts of a model come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The elements, domains, sub-domains and level names.
    pub structure: Source,
    /// The requirement texts.
    pub requirements: Source,
    /// The rating scale, gate, bands and total rule.
    pub method: Source,
}

/// The origin of one part of a model, with its status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// How far the part can be trusted.
    pub status: SourceStatus,
    /// What it was taken from, or what it stands in for.
    pub note: Text,
}

/// How far a part of a model can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceStatus {
    /// Transcribed from the standard's normative text.
    Official,
    /// Checked against several public sources, not the normative text.
    Verified,
    /// Widely reported, not read in the normative text.
    Reported,
    /// Written for illustration; not the standard's content.
    Illustrative,
    /// A stand-in value chosen for convenience; not the standard's content.
    Placeholder,
}

impl SourceStatus {
    /// The kebab-case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceStatus::Official => "official",
            SourceStatus::Verified => "verified",
            SourceStatus::Reported => "reported",
            SourceStatus::Illustrative => "illustrative",
            SourceStatus::Placeholder => "placeholder",
        }
    }

    /// True for parts that are not the standard's own content.
    pub fn is_unofficial(self) -> bool {
        matches!(self, SourceStatus::Illustrative | SourceStatus::Placeholder)
    }
}

impl FromStr for SourceStatus {
    type Err = String;

    fn from_str(s: &str) -> Result<SourceStatus, String> {
        Ok(match s {
            "official" => SourceStatus::Official,
            "verified" => SourceStatus::Verified,
            "reported" => SourceStatus::Reported,
            "illustrative" => SourceStatus::Illustrative,
            "placeholder" => SourceStatus::Placeholder,
            other => {
                return Err(format!(
                    "unknown status `{other}` (official, verified, reported, illustrative, placeholder)"
                ))
            }
        })
    }
}

/// One maturity level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelDef {
    /// The level number, from 1.
    pub level: u8,
    /// Its name, e.g. 规范级 / Standardisation.
    pub name: Text,
    /// What reaching it means.
    #[serde(default)]
    pub summary: Text,
}

/// One point of the rating scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScalePoint {
    /// Machine key, e.g. `most`.
    pub key: String,
    /// Label, e.g. 大部分满足 / Mostly met. Inputs may give the Chinese label.
    pub label: Text,
    /// Value in [0, 1].
    #[serde(with = "crate::decimal")]
    #[schemars(with = "crate::decimal::DecimalText")]
    pub value: Decimal,
}

/// A band of the total score: `min ≤ S < max` gives `level` (the top band includes its max).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The level this band gives (0 = below the first level).
    pub level: u8,
    /// Inclusive lower bound.
    #[serde(with = "crate::decimal")]
    #[schemars(with = "crate::decimal::DecimalText")]
    pub min: Decimal,
    /// Exclusive upper bound (inclusive for the top band).
    #[serde(with = "crate::decimal")]
    #[schemars(with = "crate::decimal::DecimalText")]
    pub max: Decimal,
}

/// How level scores make the total score S. `k` is the first level with T(k) below the gate,
/// or the top level when every level is met.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TotalRule {
    /// S = T(1) + … + T(k).
    SumUntilFirstUnmet,
    /// S = (k − 1) + T(k).
    MetCountPlusPartial,
}

impl TotalRule {
    /// The kebab-case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            TotalRule::SumUntilFirstUnmet => "sum-until-first-unmet",
            TotalRule::MetCountPlusPartial => "met-count-plus-partial",
        }
    }
}

/// A capability element (能力要素).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Element {
    /// Id, unique among elements.
    pub id: Id,
    /// Name.
    pub name: Text,
    /// Its capability domains.
    pub domains: Vec<Domain>,
}

/// A capability domain (能力域).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    /// Id, unique among domains (a domain with one sub-domain may share its id).
    pub id: Id,
    /// Name.
    pub name: Text,
    /// Its capability sub-domains.
    pub sub_domains: Vec<SubDomain>,
}

/// A capability sub-domain (能力子域).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubDomain {
    /// Id, unique among sub-domains.
    pub id: Id,
    /// Name.
    pub name: Text,
    /// Its maturity requirements at every level.
    pub requirements: Vec<Requirement>,
}

/// One maturity requirement (成熟度要求).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Id, unique in the model, conventionally `<sub-domain>.<level>.<letter>`.
    pub id: Id,
    /// The level it belongs to.
    pub level: u8,
    /// The requirement statement.
    pub text: Text,
}

/// An enterprise-type profile (e.g. discrete or process manufacturing).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Id, e.g. `discrete`.
    pub id: Id,
    /// Name.
    pub name: Text,
    /// Where the weights come from.
    pub weights_provenance: Source,
    /// Weight of every node, relative to its siblings.
    pub weights: Weights,
    /// Sub-domains out of scope unless an assessment includes them.
    #[serde(default)]
    pub excluded_by_default: Vec<Id>,
    /// Sub-domains an assessment may tailor out (裁剪) with a stated reason.
    #[serde(default)]
    pub tailorable: Vec<Id>,
}

/// Weights of every element, domain and sub-domain. Siblings' weights sum to exactly 1.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// Element id → weight among the elements.
    pub elements: UniqueMap<Weight>,
    /// Domain id → weight among its element's domains.
    pub domains: UniqueMap<Weight>,
    /// Sub-domain id → weight among its domain's sub-domains.
    pub sub_domains: UniqueMap<Weight>,
}

/// An exact, non-negative weight written as a decimal string (`"0.25"`) or a fraction of
/// integers (`"1/3"`). The text is kept as written so a model file round-trips unchanged.
#[derive(Clone, Debug, PartialEq)]
pub struct Weight {
    text: String,
    value: Option<Ratio>,
}

impl Weight {
    /// A weight from its text; an invalid text is kept and reported by validation.
    pub fn parse(text: impl Into<String>) -> Weight {
        let text = text.into();
        let value = text.parse::<Ratio>().ok();
        Weight { text, value }
    }

    /// The text as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The exact value, `None` when the text is not an exact number.
    pub fn value(&self) -> Option<Ratio> {
        self.value
    }
}

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Weight {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Weight {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Weight::parse)
    }
}

impl JsonSchema for Weight {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Weight".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "An exact non-negative weight: a decimal (\"0.25\") or a fraction of integers (\"1/3\"), each integer of at most 38 digits.",
            "pattern": "^([0-9]{1,38}(\\.[0-9]{1,38})?|[0-9]{1,38}/[0-9]{1,38})$"
        })
    }
}
