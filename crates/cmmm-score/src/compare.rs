//! Two independent assessments of the same enterprise, compared (what formal assessment
//! teams do to check each other): where the ratings differ, requirement by requirement and
//! per sub-domain, the share of identical ratings, a weighted agreement statistic, and the
//! level and S each gives.

use cmmm_model::{Assessment, Id, Model, Ratio};
use schemars::JsonSchema;
use serde::Serialize;

use crate::{Options, Score, ScoreError, Scorer};

/// The comparison of assessments A and B.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Comparison {
    /// Requirements in the scope of both and rated on the scale in both.
    pub compared: u32,
    /// Of those, rated the same.
    pub identical: u32,
    /// `identical / compared`; `null` when nothing is compared.
    pub agreement: Option<Score>,
    /// Cohen's kappa with linear weights over the scale's order (the agreement beyond chance,
    /// a near miss counting in part): `1 − Σ w·o / Σ w·e` with `w = |i − j| / (k − 1)` over
    /// the k points sorted by value, `o` the observed and `e` the chance proportions; `null`
    /// when chance explains everything (one point used throughout).
    pub kappa: Option<Score>,
    /// Each requirement rated differently, in model order.
    pub differences: Vec<Difference>,
    /// Per in-scope sub-domain of A, in model order: compared and differing ratings.
    pub sub_domains: Vec<SubDomainAgreement>,
    /// Requirements compared in neither way: out of one scope, or unrated on one side.
    pub not_compared: Vec<Id>,
    /// What A scores.
    pub a: Standing,
    /// What B scores.
    pub b: Standing,
}

/// One requirement rated differently.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Difference {
    /// The requirement id.
    pub requirement: Id,
    /// Its sub-domain.
    pub sub_domain: Id,
    /// A's rating (scale key).
    pub a: String,
    /// B's rating (scale key).
    pub b: String,
}

/// Agreement within one sub-domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct SubDomainAgreement {
    /// The sub-domain id.
    pub sub_domain: Id,
    /// Requirements compared.
    pub compared: u32,
    /// Of those, rated differently.
    pub differing: u32,
}

/// An assessment's level and total score.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Standing {
    /// The level.
    pub level: u8,
    /// S.
    pub total: Score,
}

/// Which assessment could not be scored, and why.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("assessment {which}: {error}")]
#[non_exhaustive]
pub struct CompareError {
    /// `A` or `B`.
    pub which: char,
    /// Why it cannot be scored.
    pub error: ScoreError,
}

/// Compares `a` and `b`, each scored with `options` (only their levels and totals are read:
/// the summary tier is enough).
pub fn compare(
    scorer: &Scorer<'_>,
    a: &Assessment,
    b: &Assessment,
    options: &Options,
) -> Result<Comparison, CompareError> {
    let score = |which: char, x: &Assessment| {
        let fault = |error| CompareError { which, error };
        Ok((
            scorer.score(x, options).map_err(fault)?,
            scorer.in_scope(x).map_err(fault)?,
        ))
    };
    let ((outcome_a, scope_a), (outcome_b, scope_b)) = (score('A', a)?, score('B', b)?);
    let model = scorer.model();
    let layout = model.layout();
    let scale = model.scale();
    // Each point's place in the scale's order, lowest value first.
    let mut order: Vec<usize> = (0..scale.len()).collect();
    order.sort_by(|&x, &y| scale[x].value.cmp(&scale[y].value));
    let mut rank = vec![0i128; scale.len()];
    for (place, &p) in order.iter().enumerate() {
        rank[p] = place as i128;
    }
    let (pa, pb) = (points(model, a), points(model, b));

    let k = scale.len();
    let mut counts = vec![0i128; k * k];
    let (mut compared, mut identical) = (0u32, 0u32);
    let mut differences = Vec::new();
    let mut not_compared = Vec::new();
    let mut per: Vec<(usize, u32, u32)> = Vec::new();
    for q in &layout.requirements {
        let (sa, sb) = (scope_a[q.sub_domain], scope_b[q.sub_domain]);
        if sa && per.last().is_none_or(|(s, _, _)| *s != q.sub_domain) {
            per.push((q.sub_domain, 0, 0));
        }
        match (sa && sb, pa.get(&*q.id), pb.get(&*q.id)) {
            (true, Some(&x), Some(&y)) => {
                // In A's scope: its sub-domain's entry was pushed above.
                let (_, here, differing) = per.last_mut().expect("an entry for the sub-domain");
                compared += 1;
                *here += 1;
                counts[x * k + y] += 1;
                if x == y {
                    identical += 1;
                } else {
                    *differing += 1;
                    differences.push(Difference {
                        requirement: q.id.clone(),
                        sub_domain: layout.sub_domains[q.sub_domain].id.clone(),
                        a: scale[x].key.clone(),
                        b: scale[y].key.clone(),
                    });
                }
            }
            _ if sa || sb => not_compared.push(q.id.clone()),
            _ => {}
        }
    }

    // Linear-weighted kappa: 1 − N·Σ d·n / Σ d·row·col, d the distance in the scale's order.
    let n = i128::from(compared);
    let (rows, cols): (Vec<i128>, Vec<i128>) = (
        (0..k)
            .map(|i| (0..k).map(|j| counts[i * k + j]).sum())
            .collect(),
        (0..k)
            .map(|j| (0..k).map(|i| counts[i * k + j]).sum())
            .collect(),
    );
    let (mut observed, mut chance) = (0i128, 0i128);
    for i in 0..k {
        for j in 0..k {
            let d = (rank[i] - rank[j]).abs();
            observed += d * counts[i * k + j];
            chance += d * rows[i] * cols[j];
        }
    }
    // Counts are at most the number of requirements: every product fits in 128 bits.
    let kappa = Ratio::new(n * observed, chance)
        .and_then(|r| Ratio::new(1, 1)?.checked_sub(r))
        .map(Score::from);
    let standing = |o: &crate::Outcome| Standing {
        level: o.level,
        total: o.total.clone(),
    };
    Ok(Comparison {
        compared,
        identical,
        agreement: Ratio::new(i128::from(identical), n).map(Score::from),
        kappa,
        differences,
        sub_domains: per
            .into_iter()
            .map(|(s, compared, differing)| SubDomainAgreement {
                sub_domain: layout.sub_domains[s].id.clone(),
                compared,
                differing,
            })
            .collect(),
        not_compared,
        a: standing(&outcome_a),
        b: standing(&outcome_b),
    })
}

/// The scale point of each rating of `x` that names one, by requirement id.
fn points<'a>(model: &Model, x: &'a Assessment) -> std::collections::HashMap<&'a str, usize> {
    x.ratings
        .iter()
        .filter_map(|(id, answer)| Some((id, model.scale_point(answer.rating.as_ref()?)?)))
        .collect()
}
