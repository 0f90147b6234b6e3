//! The scorer: one model's cached data, and the steps from an assessment to an [`Outcome`]:
//! scope, ratings, level scores with their trace, total and level, gaps, warnings.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use cmmm_model::{same_bytes, Assessment, Model, Ratio, Text};

use crate::checked;
use crate::error::ScoreError;
use crate::gaps::{self, Candidate};
use crate::outcome::*;
use crate::programs::Programmes;
use crate::rating::Scale;
use crate::scope::Scope;
use crate::weights::Prepared;
use crate::Options;

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
    /// Effective weights by scope (profile, and in-scope sub-domains as a bit set), computed
    /// once per distinct scope. Models with more than 128 sub-domains, and scopes beyond
    /// [`SCOPE_CACHE`] distinct ones, are computed for each assessment instead.
    scopes: ScopeCache,
    /// Per profile: the warning that the model holds unofficial content, if it does.
    unofficial: Vec<Option<Warning>>,
}

/// The `unofficial-model` warning of a profile, naming every part that is illustrative or a
/// placeholder.
fn unofficial_warning(model: &Model, profile: &cmmm_model::Profile) -> Option<Warning> {
    let doc = model.doc();
    let unofficial: Vec<(&str, &str, cmmm_model::SourceStatus)> = [
        ("structure", "结构", doc.provenance.structure.status),
        (
            "requirements",
            "要求条款",
            doc.provenance.requirements.status,
        ),
        ("method", "评分方法", doc.provenance.method.status),
        ("weights", "权重", profile.weights_provenance.status),
    ]
    .into_iter()
    .filter(|(_, _, s)| s.is_unofficial())
    .collect();
    let zh_status = |s: cmmm_model::SourceStatus| match s {
        cmmm_model::SourceStatus::Illustrative => "示例性",
        cmmm_model::SourceStatus::Placeholder => "占位",
        other => other.as_str(),
    };
    let zh: Vec<String> = unofficial
        .iter()
        .map(|(_, part, s)| format!("{part}为{}", zh_status(*s)))
        .collect();
    let en: Vec<String> = unofficial
        .iter()
        .map(|(part, _, s)| format!("{part} {}", s.as_str()))
        .collect();
    (!unofficial.is_empty()).then(|| Warning {
        code: "unofficial-model".into(),
        message: Text::new(
            format!("本结果所用模型含非官方内容（{}），不能作为 GB/T 39116/39117 的正式评估结论。", zh.join("，")),
            format!("This result uses unofficial model content ({}); it is not an official GB/T 39116/39117 assessment.", en.join(", ")),
        ),
        ids: unofficial
            .iter()
            .map(|(part, _, s)| format!("{part}:{}", s.as_str()).into())
            .collect(),
    })
}

/// Effective weights keyed by (profile index, in-scope bit set).
type ScopeCache = RwLock<HashMap<(usize, u128), Arc<Result<Prepared, ScoreError>>>>;

/// Most distinct scopes whose effective weights are kept per model.
const SCOPE_CACHE: usize = 4096;

impl ModelData {
    fn new(model: &Model) -> ModelData {
        ModelData {
            scale: Scale::new(model),
            scopes: RwLock::new(HashMap::new()),
            unofficial: model
                .profiles()
                .iter()
                .map(|p| unofficial_warning(model, p))
                .collect(),
        }
    }

    /// The effective weights of `scope` under profile `profile`.
    fn prepared(
        &self,
        model: &Model,
        profile: usize,
        index: &cmmm_model::ProfileIndex,
        scope: &Scope,
    ) -> Arc<Result<Prepared, ScoreError>> {
        let compute = || Arc::new(Prepared::new(model, index, scope, self.scale.digits));
        if scope.in_scope.len() > 128 {
            return compute();
        }
        let bits = scope
            .in_scope
            .iter()
            .enumerate()
            .fold(0u128, |b, (i, on)| if *on { b | 1 << i } else { b });
        let key = (profile, bits);
        // A poisoned lock only means another thread panicked mid-insert; the map is intact.
        if let Some(p) = self
            .scopes
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return p.clone();
        }
        let prepared = compute();
        let mut scopes = self.scopes.write().unwrap_or_else(|e| e.into_inner());
        if scopes.len() < SCOPE_CACHE {
            scopes.insert(key, prepared.clone());
        }
        prepared
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
        let prepared = self.derived.prepared(model, profile_pos, pindex, &scope);
        let prepared: &Prepared = match &*prepared {
            Ok(p) => p,
            Err(e) => return Err(e.clone()),
        };

        // Ratings → scale points.
        let mut points: Vec<Option<usize>> = vec![None; layout.requirements.len()];
        // Questionnaires mostly list requirements in model order, so the one after the last
        // is tried before the id table.
        let mut next = 0;
        for (id, answer) in assessment.ratings.iter() {
            let r = match layout.requirements.get(next) {
                Some(q) if same_bytes(q.id.as_bytes(), id.as_bytes()) => next,
                _ => model
                    .requirement_index(id)
                    .ok_or_else(|| ScoreError::UnknownRequirement(id.to_string()))?,
            };
            next = r + 1;
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
        // Unrated in-scope requirements count as the bottom of the scale (if allowed), and
        // the sums of rating units per sub-domain and level.
        let mut missing = Vec::new();
        let mut in_scope_count = 0u32;
        let mut sums = vec![0i128; layout.sub_domains.len() * levels];
        for (q, point) in layout.requirements.iter().zip(&mut points) {
            if !scope.in_scope[q.sub_domain] {
                continue;
            }
            in_scope_count += 1;
            let p = *point.get_or_insert_with(|| {
                missing.push(q.id.clone());
                self.derived.scale.bottom
            });
            let cell = &mut sums[q.sub_domain * levels + usize::from(q.level) - 1];
            *cell = cell
                .checked_add(self.derived.scale.units[p])
                .ok_or_else(|| ScoreError::Overflow(format!("ratings.{}", q.id)))?;
        }
        if !missing.is_empty() && !options.allow_missing {
            return Err(ScoreError::MissingRatings(
                missing.iter().map(|id| id.to_string()).collect(),
            ));
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
                let share =
                    checked::mul(lw.coef[s], sum).ok_or_else(|| overflow("level scores"))?;
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
                let n2 =
                    checked::mul(num, global.denom()).ok_or_else(|| overflow("node scores"))?;
                let d2 =
                    checked::mul(lw.den, global.numer()).ok_or_else(|| overflow("node scores"))?;
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
                checked::mul(total_num, prepared.to_units[n])
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
                    let gain = checked::mul(prepared.levels[n].coef[q.sub_domain], lift)
                        .and_then(|x| checked::mul(x, prepared.to_units[n]))
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

        let doc = model.doc();
        let mut warnings: Vec<Warning> = self.derived.unofficial[profile_pos]
            .iter()
            .cloned()
            .collect();
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
