//! The result of scoring: everything an assessor, a programme officer or a program needs,
//! with the full trace. Serialized as JSON (schema: `data/schema/result.schema.json`).

use std::cell::RefCell;
use std::cmp::Ordering;
use std::sync::Arc;

use cmmm_model::{Enterprise, Id, Ratio, SourceStatus, Tailoring, Text, TotalRule};
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{Signed, Zero};

use crate::{int, Detail};
use schemars::JsonSchema;
use serde::de;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Places of the rounded display form of every score.
pub const DISPLAY_PLACES: u32 = 2;

/// An exact score. In JSON, a decimal string at full precision:
/// `"0.7666666666666666666666666667"` (28 places at most, rounded half away from zero, no
/// trailing zeros). Decisions use the exact value, never the text; [`Score::display`] rounds
/// it for showing.
///
/// Almost every score is a fraction of 128-bit integers ([`Score::ratio`]); the scores of a
/// model whose weights have large co-prime denominators can be wider, and stay exact. Every
/// format, binary ones included, gets the same text.
#[derive(Clone, Debug)]
pub struct Score(Exact);

#[derive(Clone, Debug)]
enum Exact {
    /// A fraction of 128-bit integers (not necessarily in lowest terms).
    Small(Ratio),
    /// In lowest terms, too wide for 128 bits.
    Big(Arc<BigRational>),
}

impl From<Ratio> for Score {
    fn from(r: Ratio) -> Score {
        Score(Exact::Small(r))
    }
}

impl PartialEq for Score {
    fn eq(&self, other: &Score) -> bool {
        self.cmp_exact(other) == Ordering::Equal
    }
}

impl Score {
    /// The score of a fraction of any size: a 128-bit one when its lowest terms fit.
    pub(crate) fn from_big(r: BigRational) -> Score {
        match int::narrow(&r) {
            Some(small) => Score::from(small),
            None => Score(Exact::Big(Arc::new(r))),
        }
    }

    /// The exact value as a fraction of 128-bit integers, when it is one (always, but for
    /// models whose weights have large co-prime denominators).
    pub fn ratio(&self) -> Option<Ratio> {
        match &self.0 {
            Exact::Small(r) => Some(*r),
            Exact::Big(_) => None,
        }
    }

    /// The exact value at any size.
    fn big(&self) -> BigRational {
        match &self.0 {
            Exact::Small(r) => BigRational::new(r.numer().into(), r.denom().into()),
            Exact::Big(b) => (**b).clone(),
        }
    }

    /// Compares with a 128-bit ratio (the gate, a band bound), exactly.
    pub fn cmp_ratio(&self, other: &Ratio) -> Ordering {
        self.cmp_exact(&Score::from(*other))
    }

    /// Compares two scores exactly.
    pub fn cmp_exact(&self, other: &Score) -> Ordering {
        if let (Exact::Small(a), Exact::Small(b)) = (&self.0, &other.0) {
            if let Some(o) = a.checked_cmp(b) {
                return o;
            }
        }
        self.big().cmp(&other.big())
    }

    /// Rounds half away from zero (四舍五入) to `places` fractional digits (at most
    /// [`cmmm_model::FULL_PRECISION`]): the shortest decimal of that value, or exactly
    /// `places` digits with `fixed`.
    pub fn to_decimal_string(&self, places: u32, fixed: bool) -> String {
        match &self.0 {
            Exact::Small(r) => r.to_decimal_string(places, fixed),
            Exact::Big(b) => big_decimal_string(b, places.min(cmmm_model::FULL_PRECISION), fixed),
        }
    }

    /// The value at full precision: the score's JSON text.
    pub fn value(&self) -> String {
        self.to_decimal_string(cmmm_model::FULL_PRECISION, false)
    }

    /// The display form: [`DISPLAY_PLACES`] places, half away from zero.
    pub fn display(&self) -> String {
        self.to_decimal_string(DISPLAY_PLACES, true)
    }
}

/// [`Ratio::to_decimal_string`] for a fraction wider than 128 bits: the same rounding, half
/// away from zero, on the scaled quotient.
fn big_decimal_string(r: &BigRational, places: u32, fixed: bool) -> String {
    let ten_p = BigInt::from(10).pow(places);
    let scaled = r.numer().abs() * &ten_p;
    let (mut q, rem) = scaled.div_rem(r.denom());
    if rem * 2 >= *r.denom() {
        q += 1;
    }
    let (int, frac) = q.div_rem(&ten_p);
    let mut frac = format!("{frac:0>width$}", width = places as usize);
    if !fixed {
        frac.truncate(frac.trim_end_matches('0').len());
    }
    let sign = if r.is_negative() && !q.is_zero() {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

/// The name a score goes by in serde: a newtype struct around its value text, so a host's
/// serializer can tell a score from other text (the Python package makes it a `Decimal`).
pub const SCORE_SERDE_NAME: &str = "Score";

impl Serialize for Score {
    /// [`Score::value`], as a newtype struct named [`SCORE_SERDE_NAME`], without writing the
    /// digits of a value again (see `Score::with_value`): the one form of a score, in every
    /// format.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.with_value(|value| serializer.serialize_newtype_struct(SCORE_SERDE_NAME, value))
    }
}

/// Slots of the per-thread cache of score texts (a power of two).
const RECENT_SLOTS: usize = 256;

/// The text of a recently written score: its exact fraction and value.
type Texts = ((i128, i128), Box<str>);

thread_local! {
    /// Recently written scores. A result repeats few distinct values (many nodes score alike:
    /// 623 scores but 62 distinct fractions in a full result of the default model), so each is
    /// written out digit by digit once.
    static RECENT: RefCell<[Option<Texts>; RECENT_SLOTS]> =
        const { RefCell::new([const { None }; RECENT_SLOTS]) };
}

impl Score {
    /// Calls `f` with [`Score::value`], from a small per-thread cache keyed by the exact
    /// fraction (the same fraction always gives the same text): two slots per hash, the one
    /// used last first.
    fn with_value<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        let Exact::Small(r) = &self.0 else {
            return f(&self.value());
        };
        let key = (r.numer(), r.denom());
        let mix = (key.0 as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (key.1 as u64);
        let set = (mix.wrapping_mul(0x517c_c1b7_2722_0a95) >> 56) as usize % (RECENT_SLOTS / 2);
        let mut f = Some(f);
        let cached = RECENT.try_with(|r| {
            let mut recent = r.try_borrow_mut().ok()?;
            let pair = &mut recent[2 * set..2 * set + 2];
            match pair
                .iter()
                .position(|t| matches!(t, Some((k, _)) if *k == key))
            {
                Some(0) => {}
                Some(_) => pair.swap(0, 1),
                None => {
                    pair[1] = Some((key, self.value().into()));
                    pair.swap(0, 1);
                }
            }
            let (_, value) = pair[0].as_ref()?;
            f.take().map(|f| f(value))
        });
        match (cached, f) {
            (Ok(Some(result)), _) => result,
            // During thread teardown, or re-entered, the cache is simply not used.
            (_, Some(f)) => f(&self.value()),
            (_, None) => unreachable!("`f` ran only if its result is returned above"),
        }
    }
}

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl<'de> de::Visitor<'de> for Text {
            type Value = Score;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a score: an exact decimal string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Score, E> {
                let value: Ratio = v
                    .parse()
                    .map_err(|_| E::custom(format_args!("`{v}` is not an exact decimal")))?;
                Ok(Score::from(value))
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Score, D::Error> {
                d.deserialize_str(self)
            }
        }
        deserializer.deserialize_newtype_struct(SCORE_SERDE_NAME, Text)
    }
}

impl JsonSchema for Score {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Score".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = <cmmm_model::decimal::DecimalText as JsonSchema>::json_schema(generator);
        schema.insert(
            "description".into(),
            "An exact score: a decimal string at full precision (up to 28 places, rounded half \
             away from zero, no trailing zeros)."
                .into(),
        );
        schema
    }
}

/// The result of scoring one assessment, computed up to the [`Detail`] asked for: the
/// summary fields always; `sub_domains` from [`Detail::Profile`]; `gaps` from
/// [`Detail::Gaps`]; `domains` and `elements` at [`Detail::Full`]. Lists a tier does not
/// compute are empty and left out of the JSON; `gaps` is `null` below the gaps tier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Outcome {
    /// Always true: a self-assessment, not a certified assessment.
    pub self_assessed: bool,
    /// How much of the result was computed.
    pub detail: Detail,
    /// The model scored against, with the provenance of its parts and the profile's weights.
    pub model: ModelInfo,
    /// The profile's id (its name is in the model).
    pub profile: Id,
    /// Who was assessed.
    pub assessment: AssessmentInfo,
    /// The effective scope.
    pub scope: ScopeInfo,
    /// T(n) for every level, counted or not (the levels' names are in the model).
    pub levels: Vec<LevelScore>,
    /// The total score S, made by the model's total rule ([`ModelInfo::total_rule`]).
    pub total: Score,
    /// The level S falls in: 0 (below the first level) to the top level; its name is
    /// [`cmmm_model::Model::level_name`].
    pub level: u8,
    /// True when the level is 2 or above (the 2023 demonstration-factory condition).
    pub meets_level_2: bool,
    /// Programme thresholds from `data/programs.json`. In JSON an object: programme id →
    /// met (`null` when the programme publishes no minimum level).
    #[serde(with = "as_map")]
    #[schemars(with = "std::collections::BTreeMap<String, Option<bool>>")]
    pub thresholds: Vec<Threshold>,
    /// The own level of every in-scope sub-domain, in model order: the sub-domains scored. In
    /// JSON an object: sub-domain id → own level.
    #[serde(with = "as_map")]
    #[schemars(with = "std::collections::BTreeMap<String, u8>")]
    pub sub_domain_levels: Vec<SubDomainLevel>,
    /// The target level and the size of the smallest plan that reaches it; `None` at the top
    /// level when no target is asked for.
    pub target: Option<Target>,
    /// B(e, n) of every element ([`Detail::Full`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<NodeScores>,
    /// C(d, n) of every domain ([`Detail::Full`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<NodeScores>,
    /// D(s, n) of every sub-domain ([`Detail::Profile`] and above).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_domains: Vec<NodeScores>,
    /// The gap list and the plan to the target ([`Detail::Gaps`] and above). `None` (absent
    /// from JSON) when there is no target (the top level is reached) or below the gaps tier;
    /// [`Outcome::target`] holds the plan's size at every tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gaps: Option<Gaps>,
    /// Things the reader must know (unofficial data, unrated requirements scored as none).
    pub warnings: Vec<Warning>,
    /// The evidence files of the answers, found under a directory (`cmmm score --evidence-dir`);
    /// absent unless asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<EvidenceManifest>,
}

impl Outcome {
    /// The sub-domains scored (in scope), in model order.
    pub fn in_scope(&self) -> impl Iterator<Item = &str> {
        self.sub_domain_levels.iter().map(|s| &*s.sub_domain)
    }

    /// The result with the evidence manifest of its answers; each reference with no file is
    /// listed in a `missing-evidence` warning too.
    pub fn with_evidence(mut self, manifest: EvidenceManifest) -> Outcome {
        if !manifest.missing.is_empty() {
            let mut ids: Vec<Id> = manifest
                .missing
                .iter()
                .map(|m| m.requirement.clone())
                .collect();
            ids.dedup();
            self.warnings.push(Warning {
                code: "missing-evidence".into(),
                message: Text::new(
                    format!(
                        "{} 条证据引用在证据目录中找不到对应文件。",
                        manifest.missing.len()
                    ),
                    format!(
                        "{} evidence reference(s) have no file in the evidence directory.",
                        manifest.missing.len()
                    ),
                ),
                ids,
            });
        }
        self.evidence = Some(manifest);
        self
    }
}

/// The files behind the evidence references of an assessment's answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EvidenceManifest {
    /// Every reference that names a file, in the order of the answers.
    pub files: Vec<EvidenceFile>,
    /// References that name no file.
    pub missing: Vec<MissingEvidence>,
}

/// One evidence file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EvidenceFile {
    /// The requirement whose answer gives the reference.
    pub requirement: Id,
    /// The reference as given.
    pub reference: String,
    /// The file, relative to the evidence directory, with `/` between names.
    pub file: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256, lowercase hexadecimal (as `sha256sum` prints it).
    pub sha256: String,
}

/// An evidence reference with no file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MissingEvidence {
    /// The requirement whose answer gives the reference.
    pub requirement: Id,
    /// The reference as given.
    pub reference: String,
}

impl EvidenceManifest {
    /// An empty manifest.
    pub fn new() -> EvidenceManifest {
        EvidenceManifest {
            files: Vec::new(),
            missing: Vec::new(),
        }
    }
}

impl Default for EvidenceManifest {
    fn default() -> Self {
        Self::new()
    }
}

impl EvidenceFile {
    /// `reference` of `requirement`'s answer, found as `file` (`size` bytes, `sha256`).
    pub fn new(
        requirement: &str,
        reference: &str,
        file: String,
        size: u64,
        sha256: String,
    ) -> EvidenceFile {
        EvidenceFile {
            requirement: requirement.into(),
            reference: reference.to_string(),
            file,
            size,
            sha256,
        }
    }
}

impl MissingEvidence {
    /// `reference` of `requirement`'s answer, with no file.
    pub fn new(requirement: &str, reference: &str) -> MissingEvidence {
        MissingEvidence {
            requirement: requirement.into(),
            reference: reference.to_string(),
        }
    }
}

/// A sub-domain's own level: the highest level m such that D(s, 1) … D(s, m) all meet the
/// gate (levels where it has nothing to score are passed over); 0 when D(s, 1) falls short.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SubDomainLevel {
    /// Sub-domain id.
    pub sub_domain: Id,
    /// Its own level.
    pub level: u8,
}

impl as_map::Entry for SubDomainLevel {
    type Value = u8;
    fn key(&self) -> &str {
        &self.sub_domain
    }
    fn value(&self) -> &u8 {
        &self.level
    }
    fn new(sub_domain: Id, level: u8) -> SubDomainLevel {
        SubDomainLevel { sub_domain, level }
    }
}

/// A list of keyed entries written as a JSON object, in list order, and read back in the
/// object's order (a repeated key is an error).
mod as_map {
    use std::marker::PhantomData;

    use cmmm_model::Id;

    use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
    use serde::ser::{Serialize, SerializeMap, Serializer};

    /// An entry: its key and its value.
    pub trait Entry: Sized {
        type Value: Serialize + for<'de> Deserialize<'de>;
        fn key(&self) -> &str;
        fn value(&self) -> &Self::Value;
        fn new(key: Id, value: Self::Value) -> Self;
    }

    pub fn serialize<T: Entry, S: Serializer>(list: &[T], s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(list.len()))?;
        for e in list {
            map.serialize_entry(e.key(), e.value())?;
        }
        map.end()
    }

    pub fn deserialize<'de, T: Entry, D: Deserializer<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        struct Entries<T>(PhantomData<T>);
        impl<'de, T: Entry> Visitor<'de> for Entries<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of ids")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<T>, A::Error> {
                let mut out: Vec<T> = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some((key, value)) = map.next_entry::<String, T::Value>()? {
                    if out.iter().any(|e| e.key() == key) {
                        return Err(de::Error::custom(format_args!("`{key}` is repeated")));
                    }
                    out.push(T::new(key.into(), value));
                }
                Ok(out)
            }
        }
        d.deserialize_map(Entries(PhantomData))
    }
}

/// The level aimed at and how far it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Target {
    /// The level aimed at (the option `target`, else the level above the one reached).
    pub level: u8,
    /// Whether the result already reaches it.
    pub reached: bool,
    /// Whether some set of upgrades reaches it (false only for a scale whose top is below
    /// 1, or a scope too small).
    pub reachable: bool,
    /// The number of rating upgrades (to the top of the scale) in the smallest plan that
    /// reaches it; 0 when reached or unreachable.
    pub upgrades: u32,
}

/// The model of a result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ModelInfo {
    /// Model id.
    pub id: Id,
    /// Model data version.
    pub version: String,
    /// How far each part of the model can be trusted (the model file's `provenance` says
    /// where each comes from).
    pub provenance: ProvenanceStatus,
    /// How S is made.
    pub total_rule: TotalRule,
}

/// The status of each part of a model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ProvenanceStatus {
    /// The elements, domains, sub-domains and level names.
    pub structure: SourceStatus,
    /// The requirement texts.
    pub requirements: SourceStatus,
    /// The rating scale, gate, bands and total rule.
    pub method: SourceStatus,
    /// The profile's weights.
    pub weights: SourceStatus,
}

/// Who was assessed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AssessmentInfo {
    /// Assessment id (absent from JSON when the assessment has none, as every field here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The enterprise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise: Option<Enterprise>,
    /// Date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessed_on: Option<String>,
    /// Assessor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessor: Option<String>,
}

/// The effective scope; the sub-domains scored are [`Outcome::in_scope`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ScopeInfo {
    /// Sub-domains the profile excludes and the assessment did not include (each list here
    /// is absent from JSON when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded: Vec<Id>,
    /// Optional sub-domains the assessment included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub included: Vec<Id>,
    /// Sub-domains tailored out, with reasons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tailored: Vec<Tailoring>,
    /// In-scope requirements (rated or scored as none).
    pub requirements: u32,
}

/// T(n) of one level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LevelScore {
    /// The level.
    pub level: u8,
    /// T(n).
    pub score: Score,
    /// T(n) ≥ gate.
    pub met: bool,
    /// Whether T(n) counts towards S.
    pub counted: bool,
}

/// Whether the result meets one programme's minimum level.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Threshold {
    /// Programme id (its name, year, minimum level and conditions are in
    /// `data/programs.json`, [`crate::Programmes`]).
    pub programme: Id,
    /// `None` when no minimum level is published.
    pub met: Option<bool>,
}

impl as_map::Entry for Threshold {
    type Value = Option<bool>;
    fn key(&self) -> &str {
        &self.programme
    }
    fn value(&self) -> &Option<bool> {
        &self.met
    }
    fn new(programme: Id, met: Option<bool>) -> Threshold {
        Threshold { programme, met }
    }
}

/// The scores of one element, domain or sub-domain at every level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct NodeScores {
    /// Id (its name and its place in the tree are in the model).
    pub id: Id,
    /// Its score at each level, from level 1; `None` (JSON `null`) where it takes no part:
    /// nothing to score there (out of scope, tailored out, no requirements at the level), a
    /// weight of 0, or a parent that takes no part. The same rule holds for D, C and B.
    pub scores: Vec<Option<Score>>,
    /// Its weight among the siblings that take part at each level, after rescaling, from
    /// level 1 ([`Detail::Full`]; empty, and absent in JSON, below); `None` where it drops
    /// out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weights: Vec<Option<Score>>,
}

impl NodeScores {
    /// Its score at `level` (from 1); `None` where it takes no part or past the last level.
    pub fn score(&self, level: u8) -> Option<&Score> {
        self.scores
            .get(usize::from(level).checked_sub(1)?)?
            .as_ref()
    }

    /// Its weight at `level` (from 1), at the full tier; `None` where it drops out, past the
    /// last level or below the full tier.
    pub fn weight(&self, level: u8) -> Option<&Score> {
        self.weights
            .get(usize::from(level).checked_sub(1)?)?
            .as_ref()
    }
}

/// The gaps to a target level and the smallest plan that reaches it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Gaps {
    /// The level aimed at.
    pub target: u8,
    /// Whether the result already reaches it.
    pub reached: bool,
    /// Every in-scope requirement at levels 1 to target that is not fully met, by gain in S,
    /// then gain in T(n), then level and model order.
    pub items: Vec<Gap>,
    /// The fewest rating upgrades (to the top of the scale) that reach the target.
    pub plan: Plan,
}

/// One requirement not fully met.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Gap {
    /// Requirement id.
    pub requirement: Id,
    /// Its sub-domain.
    pub sub_domain: Id,
    /// Its level.
    pub level: u8,
    /// Current rating key.
    pub rating: Arc<str>,
    /// How much raising it alone to the top of the scale adds to T(level).
    pub gain_level: Score,
    /// How much it adds to S.
    pub gain_total: Score,
}

/// A set of upgrades that reaches the target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Plan {
    /// Requirements to raise to the top of the scale, by level, then by gain in T(level)
    /// (largest first), then in model order.
    pub upgrades: Vec<Id>,
    /// S after the upgrades.
    pub total: Score,
    /// Level after the upgrades.
    pub level: u8,
}

/// Something the reader of a result must know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Warning {
    /// Stable code: `unofficial-model`, `scored-as-none` or `missing-evidence`.
    pub code: String,
    /// Explanation.
    pub message: Text,
    /// Ids concerned.
    pub ids: Vec<Id>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialized_texts_are_exact_however_the_cache_is_used() {
        // 820 fractions, many not in lowest terms, against 256 slots: each is written, found,
        // moved within its pair and evicted; every text must still be its own.
        for _ in 0..2 {
            for d in 1..=40 {
                for n in 0..d {
                    let score = Score::from(Ratio::new(n, d).expect("d > 0"));
                    let json = serde_json::to_value(&score).expect("a score serializes");
                    assert_eq!(json, score.value(), "{n}/{d}");
                    let back: Score = serde_json::from_value(json).expect("a score");
                    assert_eq!(back.value(), score.value());
                }
            }
        }
    }

    #[test]
    fn binary_formats_carry_the_same_texts() {
        // CBOR is not human-readable; a score is still its value text (28 places, as in
        // JSON), and a whole result comes back with the same texts.
        let score = Score::from(Ratio::new(-7, 30).expect("d > 0"));
        let mut bytes = Vec::new();
        ciborium::into_writer(&score, &mut bytes).expect("a score serializes");
        let text: String = ciborium::from_reader(&bytes[..]).expect("a text");
        assert_eq!(text, score.value());
        let back: Score = ciborium::from_reader(&bytes[..]).expect("a score");
        assert_eq!(back.value(), score.value());

        let model = cmmm_model::Model::gbt39116_2020();
        let text = include_str!("../../../data/examples/discrete.json");
        let assessment = crate::parse_assessment(text).expect("the example parses");
        let outcome = crate::Scorer::new(model)
            .score(&assessment, &crate::Options::default())
            .expect("the example scores");
        let mut bytes = Vec::new();
        ciborium::into_writer(&outcome, &mut bytes).expect("a result serializes");
        let back: Outcome = ciborium::from_reader(&bytes[..]).expect("a result deserializes");
        let json = |o: &Outcome| serde_json::to_string(o).expect("a result serializes");
        assert_eq!(json(&back), json(&outcome));
    }
}
