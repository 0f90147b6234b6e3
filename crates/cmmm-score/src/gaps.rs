//! Gaps to a target level and the smallest set of upgrades that reaches it.
//!
//! Raising requirement r (at level n, in sub-domain s) to the top of the scale adds
//! a(s)·(top − m) / den(n) to T(n) and nothing to other levels, so gains at one level add up
//! and never interact. All gains are integers over the scope's common denominator
//! ([`crate::total::Units`]), so every comparison below is exact. The plan is **provably
//! minimal** in the number of upgrades:
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

use cmmm_model::TotalRule;

use crate::error::ScoreError;
use crate::sort::{sort_by_fields, Dir};
use crate::total::{Totals, Units};

/// One possible upgrade: requirement `index` (in model order) at `level`, adding `gain`
/// units to T(level).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    pub index: usize,
    pub level: u8,
    pub gain: i128,
}

/// A gap: a candidate with its gain in S (units).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Item {
    pub candidate: Candidate,
    pub gain_total: i128,
}

/// The gap list and plan, in units.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub items: Vec<Item>,
    /// Candidates of the plan, by level then gain.
    pub plan: Vec<Candidate>,
    /// Totals after the plan (the current totals when the target is reached).
    pub after: Totals,
}

fn overflow() -> ScoreError {
    ScoreError::Overflow("gaps".into())
}

/// S gained by adding `gain` to T(level), with a shortcut for upgrades that move no gate.
fn total_gain(
    units: &Units,
    t: &[i128],
    totals: &Totals,
    c: &Candidate,
) -> Result<i128, ScoreError> {
    let n = usize::from(c.level) - 1;
    let raised = t[n].checked_add(c.gain).ok_or_else(overflow)?;
    if !totals.met[n] && units.meets_gate(raised) {
        let mut t2 = t.to_vec();
        t2[n] = raised;
        return Ok(units.totals(&t2)?.total - totals.total);
    }
    let counts = match units.rule() {
        TotalRule::SumUntilFirstUnmet => n < totals.counted,
        TotalRule::MetCountPlusPartial => n + 1 == totals.counted,
    };
    Ok(if counts { c.gain } else { 0 })
}

/// Gaps for `target`: every candidate at a level up to the target or with a gain in S,
/// ordered by gain in S, then in T(n), then level and model order; and the smallest plan.
pub(crate) fn gaps(
    units: &Units,
    t: &[i128],
    totals: &Totals,
    candidates: Vec<Candidate>,
    target: u8,
) -> Result<Found, ScoreError> {
    let mut items = Vec::with_capacity(candidates.len());
    for c in &candidates {
        let gain_total = total_gain(units, t, totals, c)?;
        if c.level <= target || gain_total != 0 {
            items.push(Item {
                candidate: *c,
                gain_total,
            });
        }
    }
    let (up, down) = (Dir::Ascending, Dir::Descending);
    sort_by_fields(&mut items, [down, down, up, up], |i| {
        let c = &i.candidate;
        [i.gain_total, c.gain, c.level.into(), c.index as i128]
    });
    if totals.level >= target {
        return Ok(Found {
            items,
            plan: Vec::new(),
            after: totals.clone(),
        });
    }
    let (plan, after) = plan(units, t, candidates, target)?;
    Ok(Found { items, plan, after })
}

/// The fewest upgrades that reach `target` (see the module docs for the proof). Empty with
/// the current totals when no set of upgrades reaches it (a scale whose top is below 1).
pub(crate) fn plan(
    units: &Units,
    t: &[i128],
    mut candidates: Vec<Candidate>,
    target: u8,
) -> Result<(Vec<Candidate>, Totals), ScoreError> {
    let levels = t.len();
    // Each level's candidates, largest gain first, then in model order: slices of one list.
    let (up, down) = (Dir::Ascending, Dir::Descending);
    sort_by_fields(&mut candidates, [up, down, up], |c| {
        [c.level.into(), c.gain, c.index as i128]
    });
    let by_level: Vec<&[Candidate]> = (1..=levels)
        .map(|level| {
            let from = candidates.partition_point(|c| usize::from(c.level) < level);
            let to = candidates.partition_point(|c| usize::from(c.level) <= level);
            &candidates[from..to]
        })
        .collect();
    let bound = units.band_min(target);
    let mut best: Option<(Vec<Candidate>, Totals)> = None;
    for k in 1..=levels {
        let Some(chosen) = for_counted_levels(units, t, &by_level, k, bound)? else {
            continue;
        };
        let mut t2 = t.to_vec();
        for c in &chosen {
            let n = usize::from(c.level) - 1;
            t2[n] = t2[n].checked_add(c.gain).ok_or_else(overflow)?;
        }
        let after = units.totals(&t2)?;
        if after.level < target {
            continue;
        }
        let better = match &best {
            None => true,
            Some((b, bt)) => {
                chosen.len() < b.len() || (chosen.len() == b.len() && after.total > bt.total)
            }
        };
        if better {
            best = Some((chosen, after));
        }
    }
    let Some((mut chosen, after)) = best else {
        return Ok((Vec::new(), units.totals(t)?));
    };
    chosen.sort_unstable_by_key(|c| (c.level, std::cmp::Reverse(c.gain), c.index));
    Ok((chosen, after))
}

/// The fewest upgrades that make a result counting `k` levels reach `bound`, or `None`.
fn for_counted_levels(
    units: &Units,
    t: &[i128],
    by_level: &[&[Candidate]],
    k: usize,
    bound: i128,
) -> Result<Option<Vec<Candidate>>, ScoreError> {
    let mut chosen = Vec::new();
    let mut taken = vec![0usize; by_level.len()];
    let mut raised = t.to_vec();
    // Lifts T(n) to `goal` with the largest gains of level n; false if they do not suffice.
    let mut lift = |n: usize,
                    goal: i128,
                    raised: &mut [i128],
                    chosen: &mut Vec<Candidate>|
     -> Result<bool, ScoreError> {
        while raised[n] < goal {
            let Some(c) = by_level[n].get(taken[n]) else {
                return Ok(false);
            };
            raised[n] = raised[n].checked_add(c.gain).ok_or_else(overflow)?;
            taken[n] += 1;
            chosen.push(*c);
        }
        Ok(true)
    };
    for n in 0..k - 1 {
        if !lift(n, units.gate(), &mut raised, &mut chosen)? {
            return Ok(None);
        }
    }
    match units.rule() {
        TotalRule::MetCountPlusPartial => {
            let goal = bound - (k as i128 - 1) * units.den;
            if !lift(k - 1, goal, &mut raised, &mut chosen)? {
                return Ok(None);
            }
        }
        TotalRule::SumUntilFirstUnmet => {
            let mut sum = raised[..k]
                .iter()
                .try_fold(0i128, |s, x| s.checked_add(*x))
                .ok_or_else(overflow)?;
            // Take the largest remaining gain of levels 1..=k until the sum reaches the bound
            // (each level's list is sorted, so its next gain is its largest remaining one).
            while sum < bound {
                let next = (0..k)
                    .filter_map(|n| by_level[n].get(taken[n]).map(|c| (n, c)))
                    .min_by_key(|(_, c)| (std::cmp::Reverse(c.gain), c.level, c.index));
                let Some((n, c)) = next else { return Ok(None) };
                sum = sum.checked_add(c.gain).ok_or_else(overflow)?;
                taken[n] += 1;
                chosen.push(*c);
            }
        }
    }
    Ok(Some(chosen))
}
