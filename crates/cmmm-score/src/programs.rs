//! Government programmes that gate on the maturity level, kept as versioned data
//! (`data/programs.json`), never in code.

use std::sync::OnceLock;

use cmmm_model::{Id, Text};
use serde::{Deserialize, Serialize};

use crate::outcome::Threshold;

/// The embedded programme file (a `static`: one copy however many places read it).
pub static PROGRAMMES_JSON: &str = include_str!("../../../data/programs.json");

/// A set of programmes with their minimum levels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programmes {
    /// Version of the data (year-month of the last review).
    pub version: String,
    /// Where the figures come from.
    pub source: Text,
    /// The programmes.
    pub programmes: Vec<Programme>,
}

/// One programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Programme {
    /// Stable id.
    pub id: Id,
    /// Name.
    pub name: Text,
    /// Year of the notice.
    pub year: u16,
    /// Where it applies.
    pub scope: Text,
    /// Minimum maturity level; `None` when no figure is published.
    pub minimum_level: Option<u8>,
    /// How far the minimum level can be trusted: `verified` when read in the notice itself,
    /// `reported` when taken from summaries or quotations of it.
    pub level_status: cmmm_model::SourceStatus,
    /// Whether a self-assessment suffices.
    pub self_assessment: bool,
    /// Conditions outside this model.
    pub conditions: Text,
    /// The notice it rests on.
    pub basis: String,
}

impl Programmes {
    /// Parses a programme file.
    pub fn from_json(json: &str) -> Result<Programmes, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The programmes embedded in the library (see `data/programs.json`).
    pub fn embedded() -> &'static Programmes {
        static P: OnceLock<Programmes> = OnceLock::new();
        // The embedded file is checked by this crate's tests; failing here is a build defect.
        P.get_or_init(|| {
            Programmes::from_json(PROGRAMMES_JSON).expect("data/programs.json is valid")
        })
    }

    /// The programme with this id.
    pub fn get(&self, id: &str) -> Option<&Programme> {
        self.programmes.iter().find(|p| &*p.id == id)
    }

    /// Whether `level` meets each programme. Compares whole levels, which come from the exact
    /// total, so no rounding is involved.
    pub fn thresholds(&self, level: u8) -> Vec<Threshold> {
        self.programmes
            .iter()
            .map(|p| Threshold {
                programme: p.id.clone(),
                met: p.minimum_level.map(|m| level >= m),
            })
            .collect()
    }
}
