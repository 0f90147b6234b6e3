//! Gaps to a target level and the smallest set of upgrades that reaches it.
//!
//! Raising requirement r (at level n, in sub-domain s) to the top of the scale adds
//! a(s)·(top − m) / den(n) to T(n) and nothing to other levels, so gains at one level add up
//! and never interact. The plan is **provably minimal** in the number of upgrades:
//!
//! Let k be the number of levels counted in a final result (its first unmet level, or the
//! top). Any final result counting k levels meets the gate at every level below k, and S is
//! monotone in every T(n). For a fixed k:
//! - the fewest upgrades that lift T(n) to the gate are the largest gains of level n, taken
//!   in order (any other set of the same size adds no more);
//! - under `sum-until-first-unmet`, S ≥ T(1) + … + T(k); after the compulsory upgrades, the
//!   fewest further upgrades that lift that sum to the target band are the largest remaining
//!   gains of levels 1..=k (exchange argument: swapping any chosen gain for a larger unchosen
//!   one never lowers the sum);
//! - under `met-count-plus-partial`, S ≥ (k − 1) + T(k), a bound on T(k) alone, met again by
//!   its largest gains.
//!
//! Every candidate's result really reaches the target (levels below k stay met; more counted
//! levels only add to S), and the optimum counts some k levels, so the minimum over k is the
//! minimum over all plans. Tests compare it with exhaustive search on small models.

use std::cmp::Ordering;

use cmmm_model::Ratio;

use crate::error::ScoreError;
use crate::outcome::{Gap, Gaps, Plan, Score};
use crate::total::{Rules, Totals};

/// One possible upgrade.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    /// Requirement id.
    pub id: String,
    /// Sub-domain id.
    pub sub_domain: String,
    /// Level (1-based).
    pub level: u8,
    /// Current rating key.
    pub rating: String,
    /// Gain in T(level).
    pub gain: Ratio,
}

fn overflow() -> ScoreError {
    ScoreError::Overflow("gaps".into())
}

fn desc(a: &Ratio, b: &Ratio) -> Ordering {
    b.checked_cmp(a).unwrap_or(Ordering::Equal)
}

/// S after adding `gain` to T(level), with a shortcut for upgrades that do not move a gate.
fn total_gain(
    rules: &Rules,
    t: &[Ratio],
    totals: &Totals,
    level: usize,
    gain: Ratio,
) -> Result<Ratio, ScoreError> {
    let n = level - 1;
    let raised = t[n].checked_add(gain).ok_or_else(overflow)?;
    let crosses = !totals.met[n] && rules.meets_gate(&raised)?;
    if crosses {
        let mut t2 = t.to_vec();
        t2[n] = raised;
        return rules
            .totals(&t2)?
            .total
            .checked_sub(totals.total)
            .ok_or_else(overflow);
    }
    let counts = match rules.rule() {
        cmmm_model::TotalRule::SumUntilFirstUnmet => level <= totals.counted,
        cmmm_model::TotalRule::MetCountPlusPartial => level == totals.counted,
    };
    Ok(if counts { gain } else { Ratio::ZERO })
}

/// The gap list and plan for `target`.
pub(crate) fn gaps(
    rules: &Rules,
    t: &[Ratio],
    totals: &Totals,
    candidates: Vec<Candidate>,
    target: u8,
) -> Result<Gaps, ScoreError> {
    let levels = t.len();
    let mut items = Vec::new();
    for c in &candidates {
        let gain_total = total_gain(rules, t, totals, usize::from(c.level), c.gain)?;
        if c.level <= target || !gain_total.is_zero() {
            items.push((c, gain_total));
        }
    }
    items.sort_by(|(a, sa), (b, sb)| {
        desc(sa, sb)
            .then_with(|| desc(&a.gain, &b.gain))
            .then_with(|| a.level.cmp(&b.level))
            .then_with(|| a.id.cmp(&b.id))
    });
    let reached = totals.level >= target;
    let plan = if reached {
        Plan {
            upgrades: Vec::new(),
            total: Score(totals.total),
            level: totals.level,
        }
    } else {
        plan(rules, t, &candidates, levels, target)?
    };
    Ok(Gaps {
        target,
        reached,
        items: items
            .into_iter()
            .map(|(c, gain_total)| Gap {
                requirement: c.id.clone(),
                sub_domain: c.sub_domain.clone(),
                level: c.level,
                rating: c.rating.clone(),
                gain_level: Score(c.gain),
                gain_total: Score(gain_total),
            })
            .collect(),
        plan,
    })
}

/// The fewest upgrades that reach `target` (see the module docs for the proof).
fn plan(
    rules: &Rules,
    t: &[Ratio],
    candidates: &[Candidate],
    levels: usize,
    target: u8,
) -> Result<Plan, ScoreError> {
    // Per level: candidate indexes by gain, largest first.
    let mut by_level: Vec<Vec<usize>> = vec![Vec::new(); levels];
    for (i, c) in candidates.iter().enumerate() {
        by_level[usize::from(c.level) - 1].push(i);
    }
    for list in &mut by_level {
        list.sort_by(|a, b| {
            desc(&candidates[*a].gain, &candidates[*b].gain)
                .then_with(|| candidates[*a].id.cmp(&candidates[*b].id))
        });
    }
    let bound = rules.band_min(target);
    let gate = rules.gate();
    let mut best: Option<(Vec<usize>, Totals)> = None;
    for k in 1..=levels {
        let Some(chosen) = candidate_plan(rules, t, candidates, &by_level, k, bound, gate)? else {
            continue;
        };
        let mut t2 = t.to_vec();
        for &i in &chosen {
            let n = usize::from(candidates[i].level) - 1;
            t2[n] = t2[n].checked_add(candidates[i].gain).ok_or_else(overflow)?;
        }
        let totals = rules.totals(&t2)?;
        if totals.level < target {
            continue;
        }
        let better = match &best {
            None => true,
            Some((b, bt)) => {
                chosen.len() < b.len()
                    || (chosen.len() == b.len()
                        && totals.total.checked_cmp(&bt.total) == Some(Ordering::Greater))
            }
        };
        if better {
            best = Some((chosen, totals));
        }
    }
    // Raising every requirement to the top gives T(n) = 1 at every level, which reaches
    // every level whenever the top scale value is 1; with a lower top the plan may not exist.
    let Some((mut chosen, totals)) = best else {
        return Ok(Plan {
            upgrades: Vec::new(),
            total: Score(Ratio::ZERO),
            level: 0,
        });
    };
    chosen.sort_by(|a, b| {
        let (x, y) = (&candidates[*a], &candidates[*b]);
        x.level
            .cmp(&y.level)
            .then_with(|| desc(&x.gain, &y.gain))
            .then_with(|| x.id.cmp(&y.id))
    });
    Ok(Plan {
        upgrades: chosen.iter().map(|&i| candidates[i].id.clone()).collect(),
        total: Score(totals.total),
        level: totals.level,
    })
}

/// The fewest upgrades that make a result counting `k` levels reach `bound`, or `None`.
fn candidate_plan(
    rules: &Rules,
    t: &[Ratio],
    candidates: &[Candidate],
    by_level: &[Vec<usize>],
    k: usize,
    bound: Ratio,
    gate: Ratio,
) -> Result<Option<Vec<usize>>, ScoreError> {
    let mut chosen = Vec::new();
    let mut taken = vec![0usize; by_level.len()];
    let mut raised = t.to_vec();
    // Lift T(n) to `goal` with the largest gains of level n.
    let lift = |n: usize,
                goal: Ratio,
                raised: &mut Vec<Ratio>,
                taken: &mut Vec<usize>,
                chosen: &mut Vec<usize>|
     -> Result<bool, ScoreError> {
        while raised[n].checked_cmp(&goal).ok_or_else(overflow)?.is_lt() {
            let Some(&i) = by_level[n].get(taken[n]) else {
                return Ok(false);
            };
            raised[n] = raised[n]
                .checked_add(candidates[i].gain)
                .ok_or_else(overflow)?;
            taken[n] += 1;
            chosen.push(i);
        }
        Ok(true)
    };
    for n in 0..k - 1 {
        if !lift(n, gate, &mut raised, &mut taken, &mut chosen)? {
            return Ok(None);
        }
    }
    match rules.rule() {
        cmmm_model::TotalRule::MetCountPlusPartial => {
            let goal = bound
                .checked_sub(Ratio::from_int(k as i128 - 1))
                .ok_or_else(overflow)?;
            if !lift(k - 1, goal, &mut raised, &mut taken, &mut chosen)? {
                return Ok(None);
            }
        }
        cmmm_model::TotalRule::SumUntilFirstUnmet => {
            let mut sum = Ratio::ZERO;
            for x in &raised[..k] {
                sum = sum.checked_add(*x).ok_or_else(overflow)?;
            }
            while sum.checked_cmp(&bound).ok_or_else(overflow)?.is_lt() {
                // The largest remaining gain among levels 1..=k.
                let next = (0..k)
                    .filter_map(|n| by_level[n].get(taken[n]).map(|&i| (n, i)))
                    .min_by(|(_, a), (_, b)| desc(&candidates[*a].gain, &candidates[*b].gain));
                let Some((n, i)) = next else { return Ok(None) };
                sum = sum.checked_add(candidates[i].gain).ok_or_else(overflow)?;
                taken[n] += 1;
                chosen.push(i);
            }
        }
    }
    Ok(Some(chosen))
}
