//! The scorer: one model's prepared data, and the steps from an assessment to an
//! [`Outcome`]: scope, ratings, sums, level scores, totals, gaps, warnings, each computed
//! only as far as the [`Detail`] asked for.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use cmmm_model::{Assessment, Id, Model, ProfileIndex, Ratio, Text};
use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::error::ScoreError;
use crate::gaps::{self, Candidate, Group};
use crate::int::{self, frac_score, Fault, Int};
use crate::outcome::*;
use crate::programs::Programmes;
use crate::rating::Scale;
use crate::scope::Scope;
use crate::total::Totals;
use crate::weights::Prepared;
use crate::{Detail, Options};

/// A scorer for one model: build it once and score any number of assessments with it, from
/// any number of threads (it is `Send + Sync`). It prepares what every assessment shares
/// (the scale, the unofficial-content warnings) when built, and the effective weights of
/// each distinct scope the first time an assessment has it.
///
/// ```
/// use cmmm_score::{Assessment, Detail, Model, Options, Rating, Scorer};
///
/// let model = Model::gbt39116_2020();
/// let scorer = Scorer::new(model);
/// let mut assessment = Assessment::builder("discrete");
/// for r in &model.layout().requirements {
///     assessment = assessment.rate(&*r.id, Rating::key(if r.level <= 2 { "full" } else { "none" }));
/// }
/// let outcome = scorer
///     .score(&assessment.build(), &Options::new().detail(Detail::Summary))
///     .unwrap();
/// assert_eq!(outcome.level, 2);
/// assert!(outcome.sub_domains.is_empty()); // not computed at the summary tier
/// ```
pub struct Scorer<'m> {
    model: Held<'m>,
    programmes: &'m Programmes,
    scale: Scale,
    /// Per sub-domain and level, at `sub_domain * levels + level - 1`: the least sum of
    /// rating units whose mean meets the gate, ceil(gate · count · 10^K), for own levels;
    /// `None` where no sum reaches it within 128 bits (sums stay far below 2^127).
    own_gate: Vec<Option<i128>>,
    /// Effective weights by scope (profile, and in-scope sub-domains as a bit set), computed
    /// once per distinct scope. Models with more than 128 sub-domains, and scopes beyond
    /// [`SCOPE_CACHE`] distinct ones, are computed for each assessment instead.
    scopes: ScopeCache,
    /// Per profile: the warning that the model holds unofficial content, if it does.
    unofficial: Vec<Option<Warning>>,
}

/// The model a scorer scores against: borrowed, or shared with the scorer's owner.
enum Held<'m> {
    Borrowed(&'m Model),
    Shared(Arc<Model>),
}

const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<Scorer<'static>>();
    shareable::<Model>();
};

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
            format!("非 GB/T 39116/39117 正式评估：模型的{}。", zh.join("，")),
            format!(
                "Not an official GB/T 39116/39117 assessment (model {}).",
                en.join(", ")
            ),
        ),
        ids: unofficial
            .iter()
            .map(|(part, _, s)| format!("{part}:{}", s.as_str()).into())
            .collect(),
    })
}

/// Effective weights keyed by (profile index, in-scope bit set).
type ScopeCache = RwLock<HashMap<(usize, u128), Arc<Weights>>>;

/// The effective weights of one scope on 128-bit integers, and on big integers where those
/// overflow (computed the first time an assessment needs them).
struct Weights {
    small: Result<Prepared<i128>, Fault>,
    big: OnceLock<Result<Prepared<BigInt>, ScoreError>>,
}

/// The result of a step on big integers, which never overflow.
fn wide<X>(step: Result<X, Fault>) -> Result<X, ScoreError> {
    match step {
        Ok(x) => Ok(x),
        Err(Fault::Score(e)) => Err(e),
        Err(Fault::Overflow) => unreachable!("arbitrary-precision arithmetic does not overflow"),
    }
}

/// Most distinct scopes whose effective weights are kept per model.
const SCOPE_CACHE: usize = 4096;

/// What the ratings give: the scale point of every requirement, and the sums of rating
/// units per sub-domain and level.
struct Rated {
    /// Per requirement (model order): its scale point; `None` out of scope.
    points: Vec<Option<usize>>,
    /// Unrated in-scope requirements, scored as the bottom of the scale.
    missing: Vec<Id>,
    /// In-scope requirements.
    in_scope: u32,
    /// Sum of rating units, at `sub_domain * levels + level - 1`.
    sums: Vec<i128>,
    /// How many requirements are at each scale point, at
    /// `(sub_domain * levels + level - 1) * points + point`.
    tally: Vec<u32>,
}

/// The per-node scores of a result: D(s, n) of every sub-domain; C(d, n) and B(e, n) of
/// every domain and element at the full tier (empty below it).
#[derive(Default)]
struct Trace {
    sub_domains: Vec<NodeScores>,
    domains: Vec<NodeScores>,
    elements: Vec<NodeScores>,
}

/// T(n) as scores and in the scope's units.
struct LevelTotals<T> {
    t: Vec<Score>,
    units: Vec<T>,
}

/// Everything in a result that exact arithmetic decides.
struct Decided {
    levels: Vec<LevelScore>,
    total: Score,
    level: u8,
    own_levels: Vec<SubDomainLevel>,
    target: Option<Target>,
    gaps: Option<Gaps>,
    trace: Trace,
}

impl<'m> Scorer<'m> {
    /// A scorer for `model` with the embedded programme thresholds.
    pub fn new(model: &'m Model) -> Scorer<'m> {
        Scorer::with_programmes(model, Programmes::embedded())
    }

    /// A scorer for `model` with other programme thresholds.
    pub fn with_programmes(model: &'m Model, programmes: &'m Programmes) -> Scorer<'m> {
        Scorer::build(Held::Borrowed(model), programmes)
    }

    fn build(model: Held<'m>, programmes: &'m Programmes) -> Scorer<'m> {
        let m = match &model {
            Held::Borrowed(m) => *m,
            Held::Shared(m) => m,
        };
        let scale = Scale::new(m);
        let gate = Ratio::from_decimal(m.doc().gate).reduced();
        let own_gate = m
            .layout()
            .counts
            .iter()
            .flatten()
            .map(|count| least_meeting(gate, i128::from(*count), scale.digits))
            .collect();
        Scorer {
            scale,
            own_gate,
            scopes: RwLock::new(HashMap::new()),
            unofficial: m
                .profiles()
                .iter()
                .map(|p| unofficial_warning(m, p))
                .collect(),
            programmes,
            model,
        }
    }

    /// The model.
    pub fn model(&self) -> &Model {
        match &self.model {
            Held::Borrowed(m) => m,
            Held::Shared(m) => m,
        }
    }

    /// The effective scope of `assessment`: per sub-domain of the model, in model order,
    /// whether it is scored (the profile's default scope, plus `include`, minus
    /// `tailoring`); the fault of its model id, profile, `include` or `tailoring` if it has
    /// one. Its ratings are not looked at.
    pub fn in_scope(&self, assessment: &Assessment) -> Result<Vec<bool>, ScoreError> {
        Ok(self.scope(assessment, &Options::new())?.2.in_scope)
    }

    /// Scores one assessment, computed up to `options.detail`.
    ///
    /// The arithmetic runs on 128-bit integers; should a value not fit (weights with large
    /// co-prime denominators), the same steps run again on big integers. Either way every
    /// value is exact.
    pub fn score(&self, assessment: &Assessment, options: &Options) -> Result<Outcome, ScoreError> {
        let model = self.model();
        let (profile_pos, pindex, scope) = self.scope(assessment, options)?;
        let weights = self.prepared(profile_pos, pindex, &scope);
        let big = || {
            weights
                .big
                .get_or_init(|| wide(Prepared::new(model, pindex, &scope, &self.scale)))
                .as_ref()
                .map_err(Clone::clone)
        };
        let small = match &weights.small {
            Ok(p) => Some(p),
            Err(Fault::Score(e)) => return Err(e.clone()),
            Err(Fault::Overflow) => {
                big()?;
                None
            }
        };
        let rated = self.rated(assessment, &scope, options.allow_missing)?;
        let decided = match small.map(|p| self.decide(p, &scope, &rated, options)) {
            Some(Ok(d)) => d,
            Some(Err(Fault::Score(e))) => return Err(e),
            Some(Err(Fault::Overflow)) | None => {
                wide(self.decide(big()?, &scope, &rated, options))?
            }
        };
        let Trace {
            sub_domains,
            domains,
            elements,
        } = decided.trace;
        Ok(Outcome {
            self_assessed: true,
            detail: options.detail,
            model: self.model_info(profile_pos),
            profile: model.profiles()[profile_pos].id.clone(),
            assessment: AssessmentInfo {
                id: assessment.id.clone(),
                enterprise: assessment.enterprise.clone(),
                assessed_on: assessment.assessed_on.clone(),
                assessor: assessment.assessor.clone(),
            },
            scope: self.scope_info(assessment, pindex, &scope, rated.in_scope),
            levels: decided.levels,
            total: decided.total,
            level: decided.level,
            meets_level_2: decided.level >= 2,
            thresholds: self.programmes.thresholds(decided.level),
            sub_domain_levels: decided.own_levels,
            target: decided.target,
            elements,
            domains,
            sub_domains,
            gaps: decided.gaps,
            warnings: self.warnings(profile_pos, rated.missing),
            evidence: None,
        })
    }

    /// Everything exact arithmetic decides, on the integers `T`: level scores, the total
    /// and the level, own levels, the target, and as far as `options.detail` asks, the gaps
    /// and the trace.
    fn decide<T: Int>(
        &self,
        prepared: &Prepared<T>,
        scope: &Scope,
        rated: &Rated,
        options: &Options,
    ) -> Result<Decided, Fault> {
        let model = self.model();
        let level_totals = self.level_totals(prepared, rated)?;
        let totals = prepared.units.totals(&level_totals.units)?;
        let levels = model.levels().len();
        let target = options
            .target
            .or_else(|| (usize::from(totals.level) < levels).then_some(totals.level + 1));
        let (target, gaps) = match target {
            None => (None, None),
            Some(target) => {
                let units = &prepared.units;
                let t = &level_totals.units;
                let planned = if totals.level >= target {
                    None
                } else {
                    gaps::plan(units, t, &self.groups(prepared, rated), target)?
                };
                let size = planned.as_ref().map_or(0, gaps::Planned::size);
                let gaps = if options.detail >= Detail::Gaps {
                    let candidates = self.candidates(prepared, rated);
                    let found = gaps::gaps(units, t, &totals, candidates, target, planned)?;
                    Some(self.gaps(prepared, rated, target, &totals, found))
                } else {
                    None
                };
                (Some(target_summary(target, &totals, size)), gaps)
            }
        };
        let trace = if options.detail >= Detail::Profile {
            self.trace(prepared, rated, options.detail >= Detail::Full)?
        } else {
            Trace::default()
        };
        Ok(Decided {
            levels: level_totals
                .t
                .into_iter()
                .enumerate()
                .map(|(n, score)| LevelScore {
                    level: (n + 1) as u8,
                    score,
                    met: totals.met[n],
                    counted: n < totals.counted,
                })
                .collect(),
            total: prepared.units.score(&totals.total),
            level: totals.level,
            own_levels: self.own_levels(scope, rated),
            target,
            gaps,
            trace,
        })
    }

    /// Checks the assessment's model, the target and the profile; its effective scope.
    fn scope(
        &self,
        assessment: &Assessment,
        options: &Options,
    ) -> Result<(usize, &ProfileIndex, Scope), ScoreError> {
        let model = self.model();
        if let Some(m) = &assessment.model {
            if m != model.id() {
                return Err(ScoreError::ModelMismatch {
                    expected: model.id().to_string(),
                    found: m.to_string(),
                });
            }
        }
        if let Some(target) = options.target {
            if target == 0 || target > model.level_count() {
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
            .ok_or_else(|| ScoreError::UnknownProfile(assessment.profile.to_string()))?;
        let (profile, pindex) = model
            .profile(&assessment.profile)
            .expect("profile found above");
        let scope = Scope::of(model, &profile.id, pindex, assessment)?;
        Ok((profile_pos, pindex, scope))
    }

    /// The effective weights of `scope` under profile `profile`, from the cache when it has
    /// them.
    fn prepared(&self, profile: usize, index: &ProfileIndex, scope: &Scope) -> Arc<Weights> {
        let compute = || {
            Arc::new(Weights {
                small: Prepared::new(self.model(), index, scope, &self.scale),
                big: OnceLock::new(),
            })
        };
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

    /// Ratings → scale points, unrated in-scope requirements as the bottom of the scale (if
    /// allowed), and the sums of rating units per sub-domain and level.
    fn rated(
        &self,
        assessment: &Assessment,
        scope: &Scope,
        allow_missing: bool,
    ) -> Result<Rated, ScoreError> {
        let model = self.model();
        let layout = model.layout();
        let mut points: Vec<Option<usize>> = vec![None; layout.requirements.len()];
        // Questionnaires mostly list requirements in model order, so the one after the last
        // is tried before the id table.
        let mut next = 0;
        for (id, answer) in assessment.ratings.iter() {
            let r = match layout.requirements.get(next) {
                Some(q) if *q.id == *id => next,
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
            let point = model
                .scale_point(input)
                .ok_or_else(|| ScoreError::InvalidRating {
                    id: id.to_string(),
                    value: input.as_str().to_string(),
                    expected: self.scale.expected.clone(),
                })?;
            points[r] = Some(point);
        }
        let levels = model.levels().len();
        let mut missing = Vec::new();
        let mut in_scope = 0u32;
        let mut sums = vec![0i128; layout.sub_domains.len() * levels];
        let points_per_cell = self.scale.units.len();
        let mut tally = vec![0u32; sums.len() * points_per_cell];
        for (q, point) in layout.requirements.iter().zip(&mut points) {
            if !scope.in_scope[q.sub_domain] {
                continue;
            }
            in_scope += 1;
            let p = *point.get_or_insert_with(|| {
                missing.push(q.id.clone());
                self.scale.bottom
            });
            // A scale value is at most 1 with at most 28 places, so its units are at most
            // 10^28, and a cell sums at most u32::MAX of them: below 4.3 · 10^37 < i128::MAX.
            let cell = q.sub_domain * levels + usize::from(q.level) - 1;
            sums[cell] += self.scale.units[p];
            tally[cell * points_per_cell + p] += 1;
        }
        if !missing.is_empty() && !allow_missing {
            return Err(ScoreError::MissingRatings(
                missing.iter().map(|id| id.to_string()).collect(),
            ));
        }
        Ok(Rated {
            points,
            missing,
            in_scope,
            sums,
            tally,
        })
    }

    /// T(n) of every level: Σ a(s)·sum(s, n) over the level's denominator.
    fn level_totals<T: Int>(
        &self,
        prepared: &Prepared<T>,
        rated: &Rated,
    ) -> Result<LevelTotals<T>, Fault> {
        let levels = prepared.levels.len();
        let mut t = Vec::with_capacity(levels);
        let mut units = Vec::with_capacity(levels);
        for (n, lw) in prepared.levels.iter().enumerate() {
            let mut num = T::zero();
            for (s, coef) in lw.coef.iter().enumerate() {
                let share = int::mul(coef, &T::from(rated.sums[s * levels + n]))?;
                num = int::add(&num, &share)?;
            }
            t.push(T::score(&num, &lw.den));
            units.push(int::mul(&num, &prepared.to_units[n])?);
        }
        Ok(LevelTotals { t, units })
    }

    /// Every in-scope sub-domain's own level, from the sums: D(s, n) ≥ gate exactly when
    /// the sum of its rating units at level n reaches [`Scorer::own_gate`].
    fn own_levels(&self, scope: &Scope, rated: &Rated) -> Vec<SubDomainLevel> {
        let layout = self.model().layout();
        let levels = self.model().levels().len();
        let mut out = Vec::with_capacity(layout.sub_domains.len());
        for (s, node) in layout.sub_domains.iter().enumerate() {
            if !scope.in_scope[s] {
                continue;
            }
            let mut level = 0;
            for n in 0..levels {
                if layout.counts[s][n] == 0 {
                    continue;
                }
                let cell = s * levels + n;
                if self.own_gate[cell].is_none_or(|least| rated.sums[cell] < least) {
                    break;
                }
                level = (n + 1) as u8;
            }
            out.push(SubDomainLevel {
                sub_domain: node.id.clone(),
                level,
            });
        }
        out
    }

    /// Each level's possible upgrades as groups of equal gain, largest first: the scope's
    /// upgrades in the order of their gains, counted in the tally of ratings. What the plan is
    /// made from.
    fn groups<T: Int>(&self, prepared: &Prepared<T>, rated: &Rated) -> Vec<Vec<Group<T>>> {
        prepared
            .by_gain
            .iter()
            .map(|order| {
                let mut groups: Vec<Group<T>> = Vec::new();
                for &at in order {
                    let count = rated.tally[at] as usize;
                    if count == 0 {
                        continue;
                    }
                    let gain = &prepared.gains[at];
                    match groups.last_mut() {
                        Some(last) if last.gain == *gain => last.count += count,
                        _ => groups.push(Group {
                            gain: gain.clone(),
                            count,
                        }),
                    }
                }
                groups
            })
            .collect()
    }

    /// The possible upgrades: every rated requirement below the top of the scale, with its
    /// gain in T(level) in units.
    fn candidates<T: Int>(&self, prepared: &Prepared<T>, rated: &Rated) -> Vec<Candidate<T>> {
        let layout = self.model().layout();
        let (levels, points) = (prepared.levels.len(), self.scale.units.len());
        let mut candidates = Vec::new();
        for (r, q) in layout.requirements.iter().enumerate() {
            let Some(p) = rated.points[r] else { continue };
            if p == self.scale.top {
                continue;
            }
            let at = (q.sub_domain * levels + usize::from(q.level) - 1) * points + p;
            candidates.push(Candidate {
                index: r,
                level: q.level,
                gain: prepared.gains[at].clone(),
            });
        }
        candidates
    }

    /// The gap list and the plan as results.
    fn gaps<T: Int>(
        &self,
        prepared: &Prepared<T>,
        rated: &Rated,
        target: u8,
        totals: &Totals<T>,
        found: gaps::Found<T>,
    ) -> Gaps {
        let layout = self.model().layout();
        let units = &prepared.units;
        let rating =
            |r: usize| rated.points[r].map_or_else(|| "".into(), |p| self.scale.key(p).clone());
        Gaps {
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
                        gain_level: units.score(&i.candidate.gain),
                        gain_total: units.score(&i.gain_total),
                    }
                })
                .collect(),
            plan: Plan {
                upgrades: found
                    .plan
                    .iter()
                    .map(|c| layout.requirements[c.index].id.clone())
                    .collect(),
                total: units.score(&found.after.total),
                level: found.after.level,
            },
        }
    }

    /// D(s, n) for every sub-domain; with `full`, C(d, n) and B(e, n) too, and every node's
    /// weights.
    fn trace<T: Int>(
        &self,
        prepared: &Prepared<T>,
        rated: &Rated,
        full: bool,
    ) -> Result<Trace, Fault> {
        let layout = self.model().layout();
        let levels = prepared.levels.len();
        let ten_k = T::from(10i128.pow(self.scale.digits));
        let blank = |nodes: &[cmmm_model::Node]| -> Vec<NodeScores> {
            nodes
                .iter()
                .map(|node| NodeScores {
                    id: node.id.clone(),
                    scores: Vec::with_capacity(levels),
                    weights: Vec::with_capacity(if full { levels } else { 0 }),
                })
                .collect()
        };
        let mut subs = blank(&layout.sub_domains);
        let (mut doms, mut elems) = if full {
            (blank(&layout.domains), blank(&layout.elements))
        } else {
            (Vec::new(), Vec::new())
        };
        // A node's score and, in the full trace, its weight at the next level.
        let push = |node: &mut NodeScores, score: Option<Score>, w: &Option<int::Frac<T>>| {
            node.scores.push(score);
            if full {
                node.weights.push(w.as_ref().map(frac_score));
            }
        };
        let mut dom_num = vec![T::zero(); layout.domains.len()];
        for lw in &prepared.levels {
            for (s, node) in layout.sub_domains.iter().enumerate() {
                let n = subs[s].scores.len();
                let count = T::from(i128::from(layout.counts[s][n]));
                let sum = T::from(rated.sums[s * levels + n]);
                // A sub-domain that takes no part at this level (out of scope, nothing to
                // score, weight 0, or its domain or element takes no part) has no D(s, n),
                // as domains and elements that take no part have no C or B.
                let score = match lw.sub_domains[s] {
                    Some(_) => Some(T::score(&sum, &int::mul(&count, &ten_k)?)),
                    None => None,
                };
                push(&mut subs[s], score, &lw.sub_domains[s]);
                if full {
                    let share = int::mul(&lw.coef[s], &sum)?;
                    dom_num[node.parent] = int::add(&share, &dom_num[node.parent])?;
                }
            }
            if !full {
                continue;
            }
            // score = (num / den) / global, kept unreduced: num·q / (den·p).
            let node_score = |num: &T, global: &int::Frac<T>| -> Result<Score, Fault> {
                let n2 = int::mul(num, global.denom())?;
                let d2 = int::mul(&lw.den, global.numer())?;
                Ok(T::score(&n2, &d2))
            };
            for (d, out) in doms.iter_mut().enumerate() {
                let score = match lw.domains[d] {
                    Some(_) => Some(node_score(&dom_num[d], &lw.domain_global[d])?),
                    None => None,
                };
                push(out, score, &lw.domains[d]);
            }
            for (e, node) in layout.elements.iter().enumerate() {
                let score = match lw.elements[e] {
                    Some(_) => {
                        let num = dom_num[node.children.clone()]
                            .iter()
                            .try_fold(T::zero(), |a, x| int::add(&a, x))?;
                        Some(node_score(&num, &lw.element_global[e])?)
                    }
                    None => None,
                };
                push(&mut elems[e], score, &lw.elements[e]);
            }
            dom_num.iter_mut().for_each(|x| *x = T::zero());
        }
        Ok(Trace {
            sub_domains: subs,
            domains: doms,
            elements: elems,
        })
    }

    /// The model of a result, with the provenance of the profile's weights.
    fn model_info(&self, profile: usize) -> ModelInfo {
        let model = self.model();
        let doc = model.doc();
        ModelInfo {
            id: model.id().clone(),
            version: model.version().to_string(),
            provenance: ProvenanceStatus {
                structure: doc.provenance.structure.status,
                requirements: doc.provenance.requirements.status,
                method: doc.provenance.method.status,
                weights: model.profiles()[profile].weights_provenance.status,
            },
            total_rule: doc.total_rule,
        }
    }

    /// The effective scope as a result.
    fn scope_info(
        &self,
        assessment: &Assessment,
        pindex: &ProfileIndex,
        scope: &Scope,
        requirements: u32,
    ) -> ScopeInfo {
        let layout = self.model().layout();
        let ids_where = |f: &dyn Fn(usize) -> bool| -> Vec<Id> {
            layout
                .sub_domains
                .iter()
                .enumerate()
                .filter(|(s, _)| f(*s))
                .map(|(_, n)| n.id.clone())
                .collect()
        };
        ScopeInfo {
            excluded: ids_where(&|s| {
                pindex.excluded_by_default[s] && !scope.in_scope[s] && !scope.tailored[s]
            }),
            included: assessment.include.clone(),
            tailored: assessment.tailoring.clone(),
            requirements,
        }
    }

    /// The unofficial-content warning of the profile, and the requirements scored as none.
    fn warnings(&self, profile: usize, missing: Vec<Id>) -> Vec<Warning> {
        let mut warnings: Vec<Warning> = self.unofficial[profile].iter().cloned().collect();
        if !missing.is_empty() {
            let bottom = self.scale.bottom;
            warnings.push(Warning {
                code: "scored-as-none".into(),
                message: Text::new(
                    format!(
                        "{} 项范围内要求未评分，按“{}”计分。",
                        missing.len(),
                        self.model().scale()[bottom].label.zh
                    ),
                    format!(
                        "{} in-scope requirement(s) were not rated and were scored as `{}`.",
                        missing.len(),
                        self.scale.key(bottom)
                    ),
                ),
                ids: missing,
            });
        }
        warnings
    }
}

impl Scorer<'static> {
    /// A scorer that shares ownership of `model`, for hosts that keep a scorer beside the
    /// model they loaded (a C handle, a JavaScript object).
    pub fn shared(model: Arc<Model>) -> Scorer<'static> {
        Scorer::build(Held::Shared(model), Programmes::embedded())
    }
}

/// The least sum of `count` ratings in units of 10^-`digits` whose mean meets `gate`:
/// ceil(gate · count · 10^digits), or `None` beyond 128 bits.
fn least_meeting(gate: Ratio, count: i128, digits: u32) -> Option<i128> {
    let (num, den) = (gate.numer(), gate.denom());
    let exact = num
        .checked_mul(count)
        .and_then(|x| x.checked_mul(10i128.checked_pow(digits)?))
        .and_then(|x| x.checked_add(den - 1));
    match exact {
        Some(x) => Some(x / den),
        // Only for gates and scales with very many digits.
        None => {
            let x: BigInt = BigInt::from(num) * count * BigInt::from(10).pow(digits) + den - 1;
            (x / BigInt::from(den)).to_i128()
        }
    }
}

/// The summary of a target from the totals and the size of the plan.
fn target_summary<T>(level: u8, totals: &Totals<T>, plan: usize) -> Target {
    let reached = totals.level >= level;
    Target {
        level,
        reached,
        reachable: reached || plan > 0,
        upgrades: plan as u32,
    }
}
