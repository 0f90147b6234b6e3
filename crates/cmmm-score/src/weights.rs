//! Effective weights for one scope: which nodes take part at each level, their weights
//! rescaled among the siblings that remain, and integer coefficients that turn the sum of a
//! sub-domain's ratings into its exact share of T(n).
//!
//! For level n, each present sub-domain s has global weight g(s) = w(e)·w(d)·w(s) (effective,
//! after rescaling) and `count` requirements, so T(n) = Σ g(s)/count · Σ ratings. With every
//! g(s)/count written over one common denominator L and ratings scaled to integers by 10^K,
//! T(n) = Σ a(s)·m / (L·10^K): integer sums, no rounding, no division until the end.

use cmmm_model::{Layout, Model, ProfileIndex, Ratio};

use crate::error::ScoreError;
use crate::scope::Scope;
use crate::total::Units;

/// Effective weights of one level.
#[derive(Clone, Debug)]
pub(crate) struct LevelWeights {
    /// Denominator of T(n): L·10^K.
    pub den: i128,
    /// Per sub-domain: a(s), the integer coefficient of each rating (0 when absent).
    pub coef: Vec<i128>,
    /// Effective weight of each element among present siblings (`None` when absent).
    pub elements: Vec<Option<Ratio>>,
    /// Effective weight of each domain among present siblings.
    pub domains: Vec<Option<Ratio>>,
    /// Effective weight of each sub-domain among present siblings.
    pub sub_domains: Vec<Option<Ratio>>,
    /// Global weight of each present element (for its score B = share of T / weight).
    pub element_global: Vec<Ratio>,
    /// Global weight of each present domain.
    pub domain_global: Vec<Ratio>,
}

/// Effective weights of every level for one scope.
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    pub levels: Vec<LevelWeights>,
    /// Gate and bands over a denominator that every level's `den` divides.
    pub units: Units,
    /// Per level: `units.den / levels[n].den`, which turns a level numerator into units.
    pub to_units: Vec<i128>,
}

fn overflow(level: usize) -> ScoreError {
    ScoreError::Overflow(format!("weights at level {}", level + 1))
}

/// Rescales `weights[range]` among the members with `present[i]`; returns the effective
/// weights and whether any member is present.
fn rescale(
    weights: &[Ratio],
    present: &[bool],
    range: std::ops::Range<usize>,
    out: &mut [Option<Ratio>],
    level: usize,
) -> Result<bool, ScoreError> {
    let mut sum = Ratio::ZERO;
    for i in range.clone() {
        if present[i] {
            sum = sum.checked_add(weights[i]).ok_or_else(|| overflow(level))?;
        }
    }
    if sum.is_zero() {
        return Ok(false);
    }
    for i in range {
        if present[i] {
            out[i] = Some(
                weights[i]
                    .checked_div(sum)
                    .ok_or_else(|| overflow(level))?
                    .reduced(),
            );
        }
    }
    Ok(true)
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

impl Prepared {
    /// Effective weights of `scope` under `profile`; `scale_digits` is K, the number of
    /// fractional digits that make every scale value an integer.
    pub fn new(
        model: &Model,
        profile: &ProfileIndex,
        scope: &Scope,
        scale_digits: u32,
    ) -> Result<Prepared, ScoreError> {
        let l: &Layout = model.layout();
        let ten_k = 10i128.pow(scale_digits);
        let mut levels = Vec::with_capacity(model.levels().len());
        for n in 0..model.levels().len() {
            let present_s: Vec<bool> = (0..l.sub_domains.len())
                .map(|s| {
                    scope.in_scope[s]
                        && l.counts[s][n] > 0
                        && !profile.sub_domain_weights[s].is_zero()
                })
                .collect();
            let mut sub_domains = vec![None; l.sub_domains.len()];
            let mut present_d = vec![false; l.domains.len()];
            for (d, node) in l.domains.iter().enumerate() {
                let any = rescale(
                    &profile.sub_domain_weights,
                    &present_s,
                    node.children.clone(),
                    &mut sub_domains,
                    n,
                )?;
                present_d[d] = any && !profile.domain_weights[d].is_zero();
            }
            let mut domains = vec![None; l.domains.len()];
            let mut present_e = vec![false; l.elements.len()];
            for (e, node) in l.elements.iter().enumerate() {
                let any = rescale(
                    &profile.domain_weights,
                    &present_d,
                    node.children.clone(),
                    &mut domains,
                    n,
                )?;
                present_e[e] = any && !profile.element_weights[e].is_zero();
            }
            let mut elements = vec![None; l.elements.len()];
            if !rescale(
                &profile.element_weights,
                &present_e,
                0..l.elements.len(),
                &mut elements,
                n,
            )? {
                return Err(ScoreError::NothingToScore((n + 1) as u8));
            }
            // A node whose parent dropped out drops out too.
            let mut element_global = vec![Ratio::ZERO; l.elements.len()];
            let mut domain_global = vec![Ratio::ZERO; l.domains.len()];
            let mut shares = vec![None; l.sub_domains.len()];
            for (e, node) in l.elements.iter().enumerate() {
                let Some(we) = elements[e] else { continue };
                element_global[e] = we;
                for d in node.children.clone() {
                    let Some(wd) = domains[d].filter(|_| present_d[d]) else {
                        domains[d] = None;
                        continue;
                    };
                    let gd = we.checked_mul(wd).ok_or_else(|| overflow(n))?;
                    domain_global[d] = gd;
                    for s in l.domains[d].children.clone() {
                        if let Some(ws) = sub_domains[s] {
                            let gs = gd.checked_mul(ws).ok_or_else(|| overflow(n))?;
                            let share = gs
                                .checked_div(Ratio::from_int(i128::from(l.counts[s][n])))
                                .ok_or_else(|| overflow(n))?
                                .reduced();
                            shares[s] = Some(share);
                        }
                    }
                }
            }
            for (e, node) in l.elements.iter().enumerate() {
                if elements[e].is_none() {
                    for d in node.children.clone() {
                        domains[d] = None;
                    }
                }
            }
            for (d, node) in l.domains.iter().enumerate() {
                if domains[d].is_none() {
                    for s in node.children.clone() {
                        sub_domains[s] = None;
                        shares[s] = None;
                    }
                }
            }
            // Common denominator of every share.
            let mut common: i128 = 1;
            for share in shares.iter().flatten() {
                let d = share.denom();
                common = (common / gcd(common, d))
                    .checked_mul(d)
                    .ok_or_else(|| overflow(n))?;
            }
            let coef = shares
                .iter()
                .map(|share| match share {
                    Some(r) => r
                        .numer()
                        .checked_mul(common / r.denom())
                        .ok_or_else(|| overflow(n)),
                    None => Ok(0),
                })
                .collect::<Result<Vec<_>, _>>()?;
            levels.push(LevelWeights {
                den: common.checked_mul(ten_k).ok_or_else(|| overflow(n))?,
                coef,
                elements,
                domains,
                sub_domains,
                element_global,
                domain_global,
            });
        }
        let dens: Vec<i128> = levels.iter().map(|l| l.den).collect();
        let units = Units::new(model, &dens)?;
        let to_units = dens.iter().map(|d| units.den / d).collect();
        Ok(Prepared {
            levels,
            units,
            to_units,
        })
    }
}
