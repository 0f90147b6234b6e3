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

/// The upgrades of one level that add the same gain to T(level): how many there are. A
/// level's groups are listed largest gain first, one group per distinct gain.
#[derive(Clone, Debug)]
pub(crate) struct Group<T> {
    pub gain: T,
    pub count: usize,
}

/// The smallest plan to a target: how many of each level's upgrades it takes (the largest
/// gains of that level, then in model order), and the totals after it.
#[derive(Clone, Debug)]
pub(crate) struct Planned<T> {
    pub taken: Vec<usize>,
    pub after: Totals<T>,
}

impl<T> Planned<T> {
    /// The number of upgrades.
    pub fn size(&self) -> usize {
        self.taken.iter().sum()
    }
}

/// Gaps for `target`: every candidate at a level up to the target or with a gain in S,
/// ordered by gain in S, then in T(n), then level and model order; and the smallest plan,
/// `planned` from [`plan`] over the same upgrades, as candidates by level, then by gain
/// (largest first), then in model order.
pub(crate) fn gaps<T: Int>(
    units: &Units<T>,
    t: &[T],
    totals: &Totals<T>,
    candidates: Vec<Candidate<T>>,
    target: u8,
    planned: Option<Planned<T>>,
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
    let Some(planned) = planned.filter(|_| totals.level < target) else {
        return Ok(Found {
            items,
            plan: Vec::new(),
            after: totals.clone(),
        });
    };
    // Each level's candidates come in model order; a stable sort by gain keeps that order
    // among equal gains, and the plan takes each level's first `taken`.
    let mut plan = Vec::with_capacity(planned.size());
    for (n, taken) in planned.taken.iter().enumerate() {
        let mut level: Vec<&Candidate<T>> = candidates
            .iter()
            .filter(|c| usize::from(c.level) == n + 1)
            .collect();
        level.sort_by(|a, b| b.gain.cmp(&a.gain));
        plan.extend(level.into_iter().take(*taken).cloned());
    }
    Ok(Found {
        items,
        plan,
        after: planned.after,
    })
}

/// The fewest upgrades that reach `target` (see the module docs for the proof), from each
/// level's [`groups`] of upgrades; `None` when no set of upgrades reaches it (a scale whose
/// top is below 1). Working on groups rather than on single upgrades keeps this cheap enough
/// for every result (the summary states the plan's size).
pub(crate) fn plan<T: Int>(
    units: &Units<T>,
    t: &[T],
    by_level: &[Vec<Group<T>>],
    target: u8,
) -> Result<Option<Planned<T>>, Fault> {
    let levels = t.len();
    let bound = units.band_min(target);
    let mut best: Option<Planned<T>> = None;
    for k in 1..=levels {
        let Some(taken) = for_counted_levels(units, t, by_level, k, &bound)? else {
            continue;
        };
        let size: usize = taken.iter().sum();
        if best.as_ref().is_some_and(|b| size > b.size()) {
            continue;
        }
        let mut t2 = t.to_vec();
        for (n, taken) in taken.iter().enumerate() {
            let mut left = *taken;
            for g in &by_level[n] {
                if left == 0 {
                    break;
                }
                let take = left.min(g.count);
                t2[n] = int::add(&t2[n], &int::mul(&g.gain, &count(take))?)?;
                left -= take;
            }
        }
        let after = units.totals(&t2)?;
        if after.level < target {
            continue;
        }
        let better = match &best {
            None => true,
            Some(b) => size < b.size() || after.total > b.after.total,
        };
        if better {
            best = Some(Planned { taken, after });
        }
    }
    Ok(best)
}

/// `n` as an integer of the arithmetic.
fn count<T: Int>(n: usize) -> T {
    T::from(n as i128)
}

/// The upgrades taken so far: how many of each level's, and where each level's next one is
/// (its group, and how many of that group are taken).
struct Taking<'g, T> {
    by_level: &'g [Vec<Group<T>>],
    taken: Vec<usize>,
    at: Vec<(usize, usize)>,
}

impl<'g, T: Int> Taking<'g, T> {
    fn new(by_level: &'g [Vec<Group<T>>]) -> Self {
        Taking {
            by_level,
            taken: vec![0; by_level.len()],
            at: vec![(0, 0); by_level.len()],
        }
    }

    /// The group level `n`'s next upgrade is in.
    fn next(&self, n: usize) -> Option<&'g Group<T>> {
        self.by_level[n].get(self.at[n].0)
    }

    /// Takes as many of level `n`'s next group as it takes to add `short` (all it has left,
    /// if that is not enough); what they add, or `None` when level `n` has nothing left.
    fn take(&mut self, n: usize, short: &T) -> Result<Option<T>, Fault> {
        let Some(g) = self.next(n) else {
            return Ok(None);
        };
        let (group, used) = self.at[n];
        let left = g.count - used;
        // ceil(short / gain), at most what the group has left.
        let need = int::add(short, &int::sub(&g.gain, &T::one())?)? / g.gain.clone();
        let m = need.to_usize().map_or(left, |need| need.min(left));
        self.at[n] = if used + m == g.count {
            (group + 1, 0)
        } else {
            (group, used + m)
        };
        self.taken[n] += m;
        Ok(Some(int::mul(&g.gain, &count(m))?))
    }

    /// Lifts `value` to `goal` with level `n`'s largest gains; false if they do not suffice.
    fn lift(&mut self, n: usize, value: &mut T, goal: &T) -> Result<bool, Fault> {
        while *value < *goal {
            let Some(added) = self.take(n, &int::sub(goal, value)?)? else {
                return Ok(false);
            };
            *value = int::add(value, &added)?;
        }
        Ok(true)
    }
}

/// The fewest upgrades that make a result counting `k` levels reach `bound`, as the number
/// taken from the front of each level's list, or `None`.
fn for_counted_levels<T: Int>(
    units: &Units<T>,
    t: &[T],
    by_level: &[Vec<Group<T>>],
    k: usize,
    bound: &T,
) -> Result<Option<Vec<usize>>, Fault> {
    let mut taking = Taking::new(by_level);
    let mut raised = t.to_vec();
    for (n, value) in raised.iter_mut().enumerate().take(k - 1) {
        if !taking.lift(n, value, units.gate())? {
            return Ok(None);
        }
    }
    match units.rule() {
        TotalRule::MetCountPlusPartial => {
            let below = int::mul(&count(k - 1), &units.den)?;
            let goal = int::sub(bound, &below)?;
            if !taking.lift(k - 1, &mut raised[k - 1], &goal)? {
                return Ok(None);
            }
        }
        TotalRule::SumUntilFirstUnmet => {
            let mut sum = raised[..k]
                .iter()
                .try_fold(T::zero(), |s, x| int::add(&s, x))?;
            // Take the largest remaining gain of levels 1..=k until the sum reaches the bound
            // (each level's groups are sorted, so its next is its largest remaining one; of
            // equal gains, the lowest level's first).
            while sum < *bound {
                let next = (0..k)
                    .filter_map(|n| taking.next(n).map(|g| (n, &g.gain)))
                    .min_by(|(m, a), (n, b)| (Reverse(*a), m).cmp(&(Reverse(*b), n)));
                let Some((n, _)) = next else { return Ok(None) };
                let added = taking
                    .take(n, &int::sub(bound, &sum)?)?
                    .expect("level n has a group left");
                sum = int::add(&sum, &added)?;
            }
        }
    }
    Ok(Some(taking.taken))
}
