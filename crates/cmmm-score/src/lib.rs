//! GB/T 39117-2020 scoring of intelligent-manufacturing maturity self-assessments.
//!
//! [`score`] turns a validated [`Model`] and an [`Assessment`] into an [`Outcome`]: D(s,n),
//! C(d,n), B(e,n) and T(n) for every level, the total S under the model's total rule, the
//! level, the level-2 threshold and programme thresholds, and the gaps and smallest plan to
//! the next level. All arithmetic is exact (rational), so a level score that is
//! mathematically 0.8 meets the 0.8 gate even when built from thirds; scores leave as
//! decimal strings.
//!
//! ```
//! use cmmm_model::Model;
//! use cmmm_score::{parse_assessment, score};
//!
//! let model = Model::gbt39116_2020();
//! let mut json = String::from(r#"{"profile": "discrete", "ratings": {"#);
//! let ids: Vec<String> = model.layout().requirements.iter()
//!     .map(|r| format!("{:?}: {:?}", r.id, if r.level <= 2 { "full" } else { "partial" }))
//!     .collect();
//! json.push_str(&ids.join(","));
//! json.push_str("}}");
//! let outcome = score(model, &parse_assessment(&json).unwrap()).unwrap();
//! assert_eq!(outcome.level.level, 2);
//! assert_eq!(outcome.total.score.value(), "2.5");
//! assert!(outcome.meets_level_2);
//! ```
#![warn(missing_docs)]

mod error;
mod gaps;
mod outcome;
mod programs;
mod rating;
mod scope;
mod total;
mod weights;

use std::sync::OnceLock;

pub use cmmm_model::{Assessment, Model};
pub use error::ScoreError;
pub use outcome::*;
pub use programs::{Programme, Programmes, PROGRAMMES_JSON};

use cmmm_model::{Ratio, Text};

use crate::gaps::Candidate;
use crate::rating::Scale;
use crate::scope::Scope;
use crate::weights::Prepared;

/// Choices of a scoring run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Score unrated in-scope requirements as the lowest scale point (with a warning)
    /// instead of failing.
    pub allow_missing: bool,
    /// Level to compute gaps for; by default the level above the one reached.
    pub target: Option<u8>,
}

/// Parses an assessment from JSON text, naming the JSON path, line and column of a fault.
/// A leading byte-order mark is ignored.
pub fn parse_assessment(json: &str) -> Result<Assessment, ScoreError> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    // The fast path parses without tracking paths; only a faulty text is parsed again to
    // find where the fault is.
    if let Ok(assessment) = serde_json::from_str::<Assessment>(json) {
        return Ok(assessment);
    }
    let located = |path: String, e: serde_json::Error| {
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        ScoreError::Json {
            path,
            line: e.line(),
            column: e.column(),
            message,
        }
    };
    let mut de = serde_json::Deserializer::from_str(json);
    let assessment: Assessment = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        located(path, e.into_inner())
    })?;
    de.end().map_err(|e| located(".".into(), e))?;
    Ok(assessment)
}

/// Scores `assessment` against `model` with default [`Options`].
pub fn score(model: &Model, assessment: &Assessment) -> Result<Outcome, ScoreError> {
    Scorer::new(model).score(assessment, &Options::default())
}

/// A scorer bound to one model. The effective weights of each profile's default scope are
/// computed once per model (kept with the model, see [`Model::derived`]) and shared by every
/// scorer and thread, so scoring many assessments repeats no work.
pub struct Scorer<'m> {
    model: &'m Model,
    derived: Derived<'m>,
    programmes: &'m Programmes,
}

/// What scoring derives from a model once.
struct ModelData {
    scale: Scale,
    defaults: Vec<OnceLock<Result<Prepared, ScoreError>>>,
}

impl ModelData {
    fn new(model: &Model) -> ModelData {
        ModelData {
            scale: Scale::new(model),
            defaults: model.profiles().iter().map(|_| OnceLock::new()).collect(),
        }
    }
}

/// The model's shared data, or a private copy if its slot holds something else.
enum Derived<'m> {
    Shared(&'m ModelData),
    Own(Box<ModelData>),
}

impl std::ops::Deref for Derived<'_> {
    type Target = ModelData;

    fn deref(&self) -> &ModelData {
        match self {
            Derived::Shared(d) => d,
            Derived::Own(d) => d,
        }
    }
}

impl<'m> Scorer<'m> {
    /// A scorer for `model` with the embedded programme thresholds.
    pub fn new(model: &'m Model) -> Scorer<'m> {
        Scorer::with_programmes(model, Programmes::embedded())
    }

    /// A scorer for `model` with other programme thresholds.
    pub fn with_programmes(model: &'m Model, programmes: &'m Programmes) -> Scorer<'m> {
        let derived = match model.derived(ModelData::new) {
            Some(d) => Derived::Shared(d),
            None => Derived::Own(Box::new(ModelData::new(model))),
        };
        Scorer {
            model,
            derived,
            programmes,
        }
    }

    /// The model.
    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// Scores one assessment: the full result, with the per-node trace and the gaps.
    pub fn score(&self, assessment: &Assessment, options: &Options) -> Result<Outcome, ScoreError> {
        self.evaluate(assessment, options, true)
    }

    /// Scores one assessment without the per-node trace and the gaps: `elements`, `domains`
    /// and `sub_domains` are empty and `gaps` is `None`; everything else, levels and totals
    /// included, is as [`Scorer::score`] gives it. Batch scoring into flat tables uses this.
    pub fn score_summary(
        &self,
        assessment: &Assessment,
        options: &Options,
    ) -> Result<Outcome, ScoreError> {
        self.evaluate(assessment, options, false)
    }

    fn evaluate(
        &self,
        assessment: &Assessment,
        options: &Options,
        detail: bool,
    ) -> Result<Outcome, ScoreError> {
        let model = self.model;
        let layout = model.layout();
        let levels = model.levels().len();
        if let Some(m) = &assessment.model {
            if m != model.id() {
                return Err(ScoreError::ModelMismatch {
                    expected: model.id().to_string(),
                    found: m.clone(),
                });
            }
        }
        if let Some(target) = options.target {
            if target == 0 || usize::from(target) > levels {
                return Err(ScoreError::InvalidTarget {
                    target,
                    levels: model.level_count(),
                });
            }
        }
        let profile_pos = model
            .profiles()
            .iter()
            .position(|p| p.id == assessment.profile)
            .ok_or_else(|| ScoreError::UnknownProfile(assessment.profile.clone()))?;
        let (profile, pindex) = (
            &model.profiles()[profile_pos],
            model
                .profile(&assessment.profile)
                .map(|(_, i)| i)
                .expect("profile found above"),
        );
        let scope = Scope::of(model, &profile.id, pindex, assessment)?;
        let owned;
        let prepared: &Prepared = if scope.is_default {
            match self.derived.defaults[profile_pos]
                .get_or_init(|| Prepared::new(model, pindex, &scope, self.derived.scale.digits))
            {
                Ok(p) => p,
                Err(e) => return Err(e.clone()),
            }
        } else {
            owned = Prepared::new(model, pindex, &scope, self.derived.scale.digits)?;
            &owned
        };

        // Ratings → scale points.
        let mut points: Vec<Option<usize>> = vec![None; layout.requirements.len()];
        for (id, answer) in assessment.ratings.iter() {
            let r = model
                .requirement_index(id)
                .ok_or_else(|| ScoreError::UnknownRequirement(id.to_string()))?;
            let Some(input) = &answer.rating else {
                continue;
            };
            let s = layout.requirements[r].sub_domain;
            if !scope.in_scope[s] {
                let why = if scope.tailored[s] {
                    "tailored out"
                } else {
                    "excluded by the profile"
                };
                return Err(ScoreError::OutOfScopeRating {
                    id: id.to_string(),
                    sub_domain: layout.sub_domains[s].id.to_string(),
                    why: why.into(),
                });
            }
            let point =
                self.derived
                    .scale
                    .resolve(input)
                    .ok_or_else(|| ScoreError::InvalidRating {
                        id: id.to_string(),
                        value: input.as_str().to_string(),
                        expected: self.derived.scale.expected.clone(),
                    })?;
            points[r] = Some(point);
        }
        let mut missing = Vec::new();
        let mut in_scope_count = 0u32;
        for (r, q) in layout.requirements.iter().enumerate() {
            if scope.in_scope[q.sub_domain] {
                in_scope_count += 1;
                if points[r].is_none() {
                    missing.push(q.id.clone());
                    points[r] = Some(self.derived.scale.bottom);
                }
            }
        }
        if !missing.is_empty() && !options.allow_missing {
            return Err(ScoreError::MissingRatings(
                missing.iter().map(|id| id.to_string()).collect(),
            ));
        }

        // Sums of rating units per sub-domain and level.
        let mut sums = vec![0i128; layout.sub_domains.len() * levels];
        for (r, q) in layout.requirements.iter().enumerate() {
            if let Some(p) = points[r] {
                let cell = &mut sums[q.sub_domain * levels + usize::from(q.level) - 1];
                *cell = cell
                    .checked_add(self.derived.scale.units[p])
                    .ok_or_else(|| ScoreError::Overflow(format!("ratings.{}", q.id)))?;
            }
        }
        let ten_k = 10i128.pow(self.derived.scale.digits);
        let overflow = |what: &str| ScoreError::Overflow(what.to_string());

        // T(n) and the trace.
        let mut t = Vec::with_capacity(levels);
        let mut t_units = Vec::with_capacity(levels);
        // The per-node trace, only when asked for.
        let traced = |n: usize| if detail { n } else { 0 };
        let mut sub_levels: Vec<Vec<NodeLevel>> =
            vec![Vec::with_capacity(levels); traced(layout.sub_domains.len())];
        let mut dom_levels: Vec<Vec<NodeLevel>> =
            vec![Vec::with_capacity(levels); traced(layout.domains.len())];
        let mut elem_levels: Vec<Vec<NodeLevel>> =
            vec![Vec::with_capacity(levels); traced(layout.elements.len())];
        let mut dom_num = vec![0i128; layout.domains.len()];
        for (n, lw) in prepared.levels.iter().enumerate() {
            let level = (n + 1) as u8;
            dom_num.iter_mut().for_each(|x| *x = 0);
            let mut total_num = 0i128;
            for (s, node) in layout.sub_domains.iter().enumerate() {
                let count = layout.counts[s][n];
                let sum = sums[s * levels + n];
                let share = lw.coef[s]
                    .checked_mul(sum)
                    .ok_or_else(|| overflow("level scores"))?;
                dom_num[node.parent] = dom_num[node.parent]
                    .checked_add(share)
                    .ok_or_else(|| overflow("level scores"))?;
                total_num = total_num
                    .checked_add(share)
                    .ok_or_else(|| overflow("level scores"))?;
                if detail {
                    let score = (scope.in_scope[s] && count > 0)
                        .then(|| Ratio::new(sum, i128::from(count) * ten_k).map(Score))
                        .flatten();
                    sub_levels[s].push(NodeLevel {
                        level,
                        score,
                        weight: lw.sub_domains[s].map(Score),
                    });
                }
            }
            let node_score = |num: i128, global: Ratio| -> Result<Score, ScoreError> {
                // score = (num / den) / global, kept unreduced: num·q / (den·p).
                let n2 = num
                    .checked_mul(global.denom())
                    .ok_or_else(|| overflow("node scores"))?;
                let d2 = lw
                    .den
                    .checked_mul(global.numer())
                    .ok_or_else(|| overflow("node scores"))?;
                Ratio::new(n2, d2)
                    .map(Score)
                    .ok_or_else(|| overflow("node scores"))
            };
            for d in (0..layout.domains.len()).filter(|_| detail) {
                let score = match lw.domains[d] {
                    Some(_) => Some(node_score(dom_num[d], lw.domain_global[d])?),
                    None => None,
                };
                dom_levels[d].push(NodeLevel {
                    level,
                    score,
                    weight: lw.domains[d].map(Score),
                });
            }
            for (e, node) in layout.elements.iter().enumerate().filter(|_| detail) {
                let score = match lw.elements[e] {
                    Some(_) => {
                        let num = dom_num[node.children.clone()]
                            .iter()
                            .try_fold(0i128, |a, x| a.checked_add(*x))
                            .ok_or_else(|| overflow("node scores"))?;
                        Some(node_score(num, lw.element_global[e])?)
                    }
                    None => None,
                };
                elem_levels[e].push(NodeLevel {
                    level,
                    score,
                    weight: lw.elements[e].map(Score),
                });
            }
            t.push(Ratio::new(total_num, lw.den).ok_or_else(|| overflow("level scores"))?);
            t_units.push(
                total_num
                    .checked_mul(prepared.to_units[n])
                    .ok_or_else(|| overflow("level scores"))?,
            );
        }
        let units = &prepared.units;
        let totals = units.totals(&t_units)?;

        // Gaps to the target.
        let target = options
            .target
            .or_else(|| (usize::from(totals.level) < levels).then_some(totals.level + 1));
        let gaps = match target.filter(|_| detail) {
            None => None,
            Some(target) => {
                let mut candidates = Vec::new();
                for (r, q) in layout.requirements.iter().enumerate() {
                    let Some(p) = points[r] else { continue };
                    if p == self.derived.scale.top {
                        continue;
                    }
                    let n = usize::from(q.level) - 1;
                    let lift = self.derived.scale.units[self.derived.scale.top]
                        - self.derived.scale.units[p];
                    let gain = prepared.levels[n].coef[q.sub_domain]
                        .checked_mul(lift)
                        .and_then(|x| x.checked_mul(prepared.to_units[n]))
                        .ok_or_else(|| overflow("gaps"))?;
                    candidates.push(Candidate {
                        index: r,
                        level: q.level,
                        gain,
                    });
                }
                let found = gaps::gaps(units, &t_units, &totals, candidates, target)?;
                let rating = |r: usize| {
                    points[r].map_or_else(|| "".into(), |p| self.derived.scale.key(p).clone())
                };
                Some(Gaps {
                    target,
                    reached: totals.level >= target,
                    items: found
                        .items
                        .iter()
                        .map(|i| {
                            let q = &layout.requirements[i.candidate.index];
                            Gap {
                                requirement: q.id.clone(),
                                sub_domain: layout.sub_domains[q.sub_domain].id.clone(),
                                level: q.level,
                                rating: rating(i.candidate.index),
                                gain_level: Score(units.ratio(i.candidate.gain)),
                                gain_total: Score(units.ratio(i.gain_total)),
                            }
                        })
                        .collect(),
                    plan: Plan {
                        upgrades: found
                            .plan
                            .iter()
                            .map(|c| layout.requirements[c.index].id.clone())
                            .collect(),
                        total: Score(units.ratio(found.after.total)),
                        level: found.after.level,
                    },
                })
            }
        };

        let mut warnings = Vec::new();
        let doc = model.doc();
        let unofficial: Vec<std::sync::Arc<str>> = [
            ("structure", doc.provenance.structure.status),
            ("requirements", doc.provenance.requirements.status),
            ("method", doc.provenance.method.status),
            ("weights", profile.weights_provenance.status),
        ]
        .iter()
        .filter(|(_, s)| s.is_unofficial())
        .map(|(part, s)| format!("{part}:{}", s.as_str()).into())
        .collect();
        if !unofficial.is_empty() {
            warnings.push(Warning {
                code: "unofficial-model".into(),
                message: Text::new(
                    format!("本结果所用模型含非官方内容（{}），不能作为 GB/T 39116/39117 的正式评估结论。", unofficial.join("，")),
                    format!("This result uses unofficial model content ({}); it is not an official GB/T 39116/39117 assessment.", unofficial.join(", ")),
                ),
                ids: unofficial,
            });
        }
        if !missing.is_empty() {
            warnings.push(Warning {
                code: "scored-as-none".into(),
                message: Text::new(
                    format!(
                        "{} 项范围内要求未评分，按“{}”计分。",
                        missing.len(),
                        doc.scale[self.derived.scale.bottom].label.zh
                    ),
                    format!(
                        "{} in-scope requirement(s) were not rated and were scored as `{}`.",
                        missing.len(),
                        self.derived.scale.key(self.derived.scale.bottom)
                    ),
                ),
                ids: missing,
            });
        }

        let node_scores = |nodes: &[cmmm_model::Node],
                           levels: Vec<Vec<NodeLevel>>,
                           parents: Option<&[cmmm_model::Node]>|
         -> Vec<NodeScores> {
            nodes
                .iter()
                .zip(levels)
                .map(|(node, levels)| NodeScores {
                    id: node.id.clone(),
                    parent: parents.map(|p| p[node.parent].id.clone()),
                    levels,
                })
                .collect()
        };
        let ids_where = |f: &dyn Fn(usize) -> bool| -> Vec<std::sync::Arc<str>> {
            layout
                .sub_domains
                .iter()
                .enumerate()
                .filter(|(s, _)| f(*s))
                .map(|(_, n)| n.id.clone())
                .collect()
        };
        Ok(Outcome {
            self_assessed: true,
            model: ModelInfo {
                id: model.id().to_string(),
                version: model.version().to_string(),
                provenance: ProvenanceStatus {
                    structure: doc.provenance.structure.status,
                    requirements: doc.provenance.requirements.status,
                    method: doc.provenance.method.status,
                    weights: profile.weights_provenance.status,
                },
                total_rule: doc.total_rule,
            },
            profile: ProfileInfo {
                id: profile.id.clone(),
                name: profile.name.clone(),
            },
            assessment: AssessmentInfo {
                id: assessment.id.clone(),
                enterprise: assessment.enterprise.clone(),
                assessed_on: assessment.assessed_on.clone(),
                assessor: assessment.assessor.clone(),
            },
            scope: ScopeInfo {
                sub_domains: ids_where(&|s| scope.in_scope[s]),
                excluded: ids_where(&|s| {
                    pindex.excluded_by_default[s] && !scope.in_scope[s] && !scope.tailored[s]
                }),
                included: assessment.include.clone(),
                tailored: assessment.tailoring.clone(),
                requirements: in_scope_count,
            },
            levels: t
                .iter()
                .enumerate()
                .map(|(n, x)| LevelScore {
                    level: (n + 1) as u8,
                    name: model.level_name((n + 1) as u8).clone(),
                    score: Score(*x),
                    met: totals.met[n],
                    counted: n < totals.counted,
                })
                .collect(),
            total: Total {
                rule: units.rule(),
                score: Score(units.ratio(totals.total)),
            },
            level: Achieved {
                level: totals.level,
                name: model.level_name(totals.level).clone(),
            },
            meets_level_2: totals.level >= 2,
            thresholds: self.programmes.thresholds(totals.level),
            elements: if detail {
                node_scores(&layout.elements, elem_levels, None)
            } else {
                Vec::new()
            },
            domains: if detail {
                node_scores(&layout.domains, dom_levels, Some(&layout.elements))
            } else {
                Vec::new()
            },
            sub_domains: if detail {
                node_scores(&layout.sub_domains, sub_levels, Some(&layout.domains))
            } else {
                Vec::new()
            },
            gaps,
            warnings,
        })
    }
}
