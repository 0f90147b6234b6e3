//! The choices of a scoring run: missing ratings, the target level, and how much of the
//! result to compute.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How much of a result to compute. Each tier holds everything the one before it holds:
///
/// | tier | adds | read by |
/// |---|---|---|
/// | [`Summary`](Detail::Summary) | level, S, T(n) met and counted, level 2, programme thresholds, each sub-domain's own level, scope, warnings, provenance, the size of the plan to the target | decisions, flat tables |
/// | [`Profile`](Detail::Profile) | D(s,n) and the weight of every sub-domain at every level | radar charts, the portfolio report |
/// | [`Gaps`](Detail::Gaps) | the gap list and the plan | improvement work |
/// | [`Full`](Detail::Full) | C(d,n) and B(e,n) with weights: the whole trace | audits, the assessment report |
///
/// A result nobody reads is not computed: the summary costs a fraction of the full result
/// and is about a twentieth of its JSON.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Detail {
    /// The decisions.
    Summary,
    /// The decisions and every sub-domain's scores.
    Profile,
    /// The profile, the gap list and the plan.
    Gaps,
    /// Everything: the per-node trace of domains and elements too.
    #[default]
    Full,
}

impl Detail {
    /// Every tier, smallest first.
    pub const ALL: [Detail; 4] = [Detail::Summary, Detail::Profile, Detail::Gaps, Detail::Full];

    /// The tier's name as written in JSON and on command lines: `summary`, `profile`,
    /// `gaps` or `full`.
    pub fn as_str(self) -> &'static str {
        match self {
            Detail::Summary => "summary",
            Detail::Profile => "profile",
            Detail::Gaps => "gaps",
            Detail::Full => "full",
        }
    }
}

impl std::fmt::Display for Detail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Detail {
    type Err = UnknownDetail;

    fn from_str(s: &str) -> Result<Detail, UnknownDetail> {
        Detail::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| UnknownDetail(s.to_string()))
    }
}

/// A tier name that is none of `summary`, `profile`, `gaps`, `full`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown detail `{0}`: expected summary, profile, gaps or full")]
pub struct UnknownDetail(pub String);

/// Choices of a scoring run. Build with [`Options::new`] and the setters:
///
/// ```
/// use cmmm_score::{Detail, Options};
///
/// let options = Options::new().detail(Detail::Summary).allow_missing(true);
/// assert_eq!(options.detail, Detail::Summary);
/// assert_eq!(options.target, None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Score unrated in-scope requirements as the lowest scale point (with a warning)
    /// instead of failing.
    pub allow_missing: bool,
    /// Level to compute gaps for; by default the level above the one reached.
    pub target: Option<u8>,
    /// How much of the result to compute (default: [`Detail::Full`]).
    pub detail: Detail,
}

impl Options {
    /// The defaults: unrated requirements are an error, the target is the next level, the
    /// full result.
    pub fn new() -> Options {
        Options::default()
    }

    /// Scores unrated in-scope requirements as the lowest scale point (with a warning).
    pub fn allow_missing(mut self, allow: bool) -> Options {
        self.allow_missing = allow;
        self
    }

    /// Computes the gaps and the plan for `target` (`None`: the level above the one reached).
    pub fn target(mut self, target: impl Into<Option<u8>>) -> Options {
        self.target = target.into();
        self
    }

    /// Computes the result up to `detail`.
    pub fn detail(mut self, detail: Detail) -> Options {
        self.detail = detail;
        self
    }
}
