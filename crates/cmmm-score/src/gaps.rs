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

use std::cmp::Reverse;

use cmmm_model::TotalRule;

use crate::int::{self, Fault, Int};
use crate::total::{Totals, Units};

/// One possible upgrade: requirement `index` (in model order) at `level`, adding `gain`
/// units to T(level).
#[derive(Clone, Debug)]
pub(crate) struct Candidate<T> {
    pub index: usize,
    pub level: u8,
    pub gain: T,
}

/// A gap: a candidate with its gain in S (units).
#[derive(Clone, Debug)]
pub(crate) struct Item<T> {
    pub candidate: Candidate<T>,
    pub gain_total: T,
}

/// The gap list and plan, in units.
#[derive(Clone, Debug)]
pub(crate) struct Found<T> {
    pub items: Vec<Item<T>>,
    /// Candidates of the plan, by level then gain.
    pub plan: Vec<Candidate<T>>,
    /// Totals after the plan (the current totals when the target is reached).
    pub after: Totals<T>,
}

/// S gained by adding `gain` to T(level), with a shortcut for upgrades that move no gate.
fn total_gain<T: Int>(
    units: &Units<T>,
    t: &[T],
    totals: &Totals<T>,
    c: &Candidate<T>,
) -> Result<T, Fault> {
    let n = usize::from(c.level) - 1;
    let raised = int::add(&t[n], &c.gain)?;
    if !totals.met[n] && units.meets_gate(&raised) {
        let mut t2 = t.to_vec();
        t2[n] = raised;
        return int::sub(&units.totals(&t2)?.total, &totals.total);
    }
    let counts = match units.rule() {
        TotalRule::SumUntilFirstUnmet => n < totals.counted,
        TotalRule::MetCountPlusPartial => n + 1 == totals.counted,
    };
    Ok(if counts { c.gain.clone() } else { T::zero() })
}

/// Gaps for `target`: every candidate at a level up to the target or with a gain in S,
/// ordered by gain in S, then in T(n), then level and model order; and the smallest plan.
pub(crate) fn gaps<T: Int>(
    units: &Units<T>,
    t: &[T],
    totals: &Totals<T>,
    candidates: Vec<Candidate<T>>,
    target: u8,
) -> Result<Found<T>, Fault> {
    let mut items = Vec::with_capacity(candidates.len());
    for c in &candidates {
        let gain_total = total_gain(units, t, totals, c)?;
        if c.level <= target || !gain_total.is_zero() {
            items.push(Item {
                candidate: c.clone(),
                gain_total,
            });
        }
    }
    items.sort_unstable_by(|a, b| {
        let (x, y) = (&a.candidate, &b.candidate);
        (Reverse(&a.gain_total), Reverse(&x.gain), x.level, x.index).cmp(&(
            Reverse(&b.gain_total),
            Reverse(&y.gain),
            y.level,
            y.index,
        ))
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

/// The fewest upgrades that reach `target` (see the module docs for the proof), by level,
/// then by gain (largest first), then in model order. Empty with the current totals when no
/// set of upgrades reaches it (a scale whose top is below 1).
pub(crate) fn plan<T: Int>(
    units: &Units<T>,
    t: &[T],
    mut candidates: Vec<Candidate<T>>,
    target: u8,
) -> Result<(Vec<Candidate<T>>, Totals<T>), Fault> {
    let levels = t.len();
    // Each level's candidates, largest gain first, then in model order: slices of one list.
    // The plan is made of prefixes of these slices, so it comes out in this order too.
    candidates.sort_unstable_by(|a, b| {
        (a.level, Reverse(&a.gain), a.index).cmp(&(b.level, Reverse(&b.gain), b.index))
    });
    let by_level: Vec<&[Candidate<T>]> = (1..=levels)
        .map(|level| {
            let from = candidates.partition_point(|c| usize::from(c.level) < level);
            let to = candidates.partition_point(|c| usize::from(c.level) <= level);
            &candidates[from..to]
        })
        .collect();
    let bound = units.band_min(target);
    let mut best: Option<(Vec<usize>, Totals<T>)> = None;
    for k in 1..=levels {
        let Some(taken) = for_counted_levels(units, t, &by_level, k, &bound)? else {
            continue;
        };
        let mut t2 = t.to_vec();
        for (n, c) in taken.iter().enumerate() {
            for c in &by_level[n][..*c] {
                t2[n] = int::add(&t2[n], &c.gain)?;
            }
        }
        let after = units.totals(&t2)?;
        if after.level < target {
            continue;
        }
        let size = |taken: &[usize]| taken.iter().sum::<usize>();
        let better = match &best {
            None => true,
            Some((b, bt)) => {
                size(&taken) < size(b) || (size(&taken) == size(b) && after.total > bt.total)
            }
        };
        if better {
            best = Some((taken, after));
        }
    }
    let Some((taken, after)) = best else {
        return Ok((Vec::new(), units.totals(t)?));
    };
    let chosen = taken
        .iter()
        .enumerate()
        .flat_map(|(n, c)| by_level[n][..*c].iter().cloned())
        .collect();
    Ok((chosen, after))
}

/// The fewest upgrades that make a result counting `k` levels reach `bound`, as the number
/// taken from the front of each level's list, or `None`.
fn for_counted_levels<T: Int>(
    units: &Units<T>,
    t: &[T],
    by_level: &[&[Candidate<T>]],
    k: usize,
    bound: &T,
) -> Result<Option<Vec<usize>>, Fault> {
    let mut taken = vec![0usize; by_level.len()];
    let mut raised = t.to_vec();
    // Lifts T(n) to `goal` with the largest gains of level n; false if they do not suffice.
    let mut lift = |n: usize, goal: &T, raised: &mut [T]| -> Result<bool, Fault> {
        while raised[n] < *goal {
            let Some(c) = by_level[n].get(taken[n]) else {
                return Ok(false);
            };
            raised[n] = int::add(&raised[n], &c.gain)?;
            taken[n] += 1;
        }
        Ok(true)
    };
    for n in 0..k - 1 {
        if !lift(n, units.gate(), &mut raised)? {
            return Ok(None);
        }
    }
    match units.rule() {
        TotalRule::MetCountPlusPartial => {
            let below = int::mul(&T::from(k as i128 - 1), &units.den)?;
            let goal = int::sub(bound, &below)?;
            if !lift(k - 1, &goal, &mut raised)? {
                return Ok(None);
            }
        }
        TotalRule::SumUntilFirstUnmet => {
            let mut sum = raised[..k]
                .iter()
                .try_fold(T::zero(), |s, x| int::add(&s, x))?;
            // Take the largest remaining gain of levels 1..=k until the sum reaches the bound
            // (each level's list is sorted, so its next gain is its largest remaining one).
            while sum < *bound {
                let next = (0..k)
                    .filter_map(|n| by_level[n].get(taken[n]).map(|c| (n, c)))
                    .min_by(|(_, a), (_, b)| {
                        (Reverse(&a.gain), a.level, a.index).cmp(&(
                            Reverse(&b.gain),
                            b.level,
                            b.index,
                        ))
                    });
                let Some((n, c)) = next else { return Ok(None) };
                sum = int::add(&sum, &c.gain)?;
                taken[n] += 1;
            }
        }
    }
    Ok(Some(taken))
}
