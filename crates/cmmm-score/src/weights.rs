//! Effective weights for one scope: which nodes take part at each level, their weights
//! rescaled among the siblings that remain, and integer coefficients that turn the sum of a
//! sub-domain's ratings into its exact share of T(n).
//!
//! For level n, each present sub-domain s has global weight g(s) = w(e)·w(d)·w(s) (effective,
//! after rescaling) and `count` requirements, so T(n) = Σ g(s)/count · Σ ratings. With every
//! g(s)/count written over one common denominator L and ratings scaled to integers by 10^K,
//! T(n) = Σ a(s)·m / (L·10^K): integer sums, no rounding, no division until the end.

use cmmm_model::{Layout, Model, ProfileIndex};
use num_traits::{CheckedAdd, CheckedDiv, CheckedMul, Zero};

use crate::error::ScoreError;
use crate::int::{self, fits, Fault, Frac, Int};
use crate::rating::Scale;
use crate::scope::Scope;
use crate::total::Units;

/// Effective weights of one level.
#[derive(Clone, Debug)]
pub(crate) struct LevelWeights<T> {
    /// Denominator of T(n): L·10^K.
    pub den: T,
    /// Per sub-domain: a(s), the integer coefficient of each rating (0 when absent).
    pub coef: Vec<T>,
    /// Effective weight of each element among present siblings (`None` when absent).
    pub elements: Vec<Option<Frac<T>>>,
    /// Effective weight of each domain among present siblings.
    pub domains: Vec<Option<Frac<T>>>,
    /// Effective weight of each sub-domain among present siblings.
    pub sub_domains: Vec<Option<Frac<T>>>,
    /// Global weight of each present element (for its score B = share of T / weight).
    pub element_global: Vec<Frac<T>>,
    /// Global weight of each present domain.
    pub domain_global: Vec<Frac<T>>,
}

/// Effective weights of every level for one scope.
#[derive(Clone, Debug)]
pub(crate) struct Prepared<T> {
    pub levels: Vec<LevelWeights<T>>,
    /// Gate and bands over a denominator that every level's `den` divides.
    pub units: Units<T>,
    /// Per level: `units.den / levels[n].den`, which turns a level numerator into units.
    pub to_units: Vec<T>,
    /// What raising one rating from a scale point to the top adds to T(n), in units, at
    /// `(sub_domain * levels + level - 1) * points + point`.
    pub gains: Vec<T>,
    /// Per level: the indexes in `gains` of that level's positive gains, largest first (the
    /// order the plan takes upgrades in, the same for every assessment of the scope).
    pub by_gain: Vec<Vec<usize>>,
}

/// Rescales `weights[range]` among the members with `present[i]`; returns the effective
/// weights and whether any member is present.
fn rescale<T: Int>(
    weights: &[Frac<T>],
    present: &[bool],
    range: std::ops::Range<usize>,
    out: &mut [Option<Frac<T>>],
) -> Result<bool, Fault> {
    let mut sum = Frac::<T>::zero();
    for i in range.clone() {
        if present[i] {
            sum = fits(sum.checked_add(&weights[i]))?;
        }
    }
    if sum.is_zero() {
        return Ok(false);
    }
    for i in range {
        if present[i] {
            out[i] = Some(fits(weights[i].checked_div(&sum))?);
        }
    }
    Ok(true)
}

impl<T: Int> Prepared<T> {
    /// Effective weights of `scope` under `profile`, on `scale`.
    pub fn new(
        model: &Model,
        profile: &ProfileIndex,
        scope: &Scope,
        scale: &Scale,
    ) -> Result<Prepared<T>, Fault> {
        let l: &Layout = model.layout();
        let ten_k = T::from(10i128.pow(scale.digits));
        let fracs = |ws: &[cmmm_model::Ratio]| -> Vec<Frac<T>> {
            ws.iter().map(|w| int::frac(*w)).collect()
        };
        let (element_weights, domain_weights, sub_domain_weights) = (
            fracs(&profile.element_weights),
            fracs(&profile.domain_weights),
            fracs(&profile.sub_domain_weights),
        );
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
                    &sub_domain_weights,
                    &present_s,
                    node.children.clone(),
                    &mut sub_domains,
                )?;
                present_d[d] = any && !profile.domain_weights[d].is_zero();
            }
            let mut domains = vec![None; l.domains.len()];
            let mut present_e = vec![false; l.elements.len()];
            for (e, node) in l.elements.iter().enumerate() {
                let any = rescale(
                    &domain_weights,
                    &present_d,
                    node.children.clone(),
                    &mut domains,
                )?;
                present_e[e] = any && !profile.element_weights[e].is_zero();
            }
            let mut elements = vec![None; l.elements.len()];
            if !rescale(
                &element_weights,
                &present_e,
                0..l.elements.len(),
                &mut elements,
            )? {
                return Err(ScoreError::NothingToScore((n + 1) as u8).into());
            }
            // A node whose parent dropped out drops out too.
            let mut element_global = vec![Frac::<T>::zero(); l.elements.len()];
            let mut domain_global = vec![Frac::<T>::zero(); l.domains.len()];
            let mut shares: Vec<Option<Frac<T>>> = vec![None; l.sub_domains.len()];
            for (e, node) in l.elements.iter().enumerate() {
                let Some(we) = &elements[e] else { continue };
                element_global[e] = we.clone();
                for d in node.children.clone() {
                    let Some(wd) = domains[d].clone().filter(|_| present_d[d]) else {
                        domains[d] = None;
                        continue;
                    };
                    let gd = fits(we.checked_mul(&wd))?;
                    for s in l.domains[d].children.clone() {
                        if let Some(ws) = &sub_domains[s] {
                            let gs = fits(gd.checked_mul(ws))?;
                            let count = Frac::from_integer(T::from(i128::from(l.counts[s][n])));
                            shares[s] = Some(fits(gs.checked_div(&count))?);
                        }
                    }
                    domain_global[d] = gd;
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
            let mut common = T::one();
            for share in shares.iter().flatten() {
                common = int::lcm(&common, share.denom())?;
            }
            let coef = shares
                .iter()
                .map(|share| match share {
                    Some(r) => int::mul(r.numer(), &(common.clone() / r.denom().clone())),
                    None => Ok(T::zero()),
                })
                .collect::<Result<Vec<_>, _>>()?;
            levels.push(LevelWeights {
                den: int::mul(&common, &ten_k)?,
                coef,
                elements,
                domains,
                sub_domains,
                element_global,
                domain_global,
            });
        }
        let dens: Vec<T> = levels.iter().map(|l| l.den.clone()).collect();
        let units = Units::new(model, &dens)?;
        let to_units: Vec<T> = dens.iter().map(|d| units.den.clone() / d.clone()).collect();
        let (n_levels, points) = (levels.len(), scale.units.len());
        let top = scale.units[scale.top];
        let mut gains = vec![T::zero(); l.sub_domains.len() * n_levels * points];
        let mut by_gain = vec![Vec::new(); n_levels];
        for s in 0..l.sub_domains.len() {
            for (n, lw) in levels.iter().enumerate() {
                let per_unit = int::mul(&lw.coef[s], &to_units[n])?;
                for (p, units) in scale.units.iter().enumerate() {
                    let at = (s * n_levels + n) * points + p;
                    gains[at] = int::mul(&per_unit, &T::from(top - units))?;
                    if gains[at].is_positive() {
                        by_gain[n].push(at);
                    }
                }
            }
        }
        for level in &mut by_gain {
            level.sort_by(|a, b| gains[*b].cmp(&gains[*a]));
        }
        Ok(Prepared {
            levels,
            units,
            to_units,
            gains,
            by_gain,
        })
    }
}

#[cfg(test)]
mod tests {
    use cmmm_model::{Assessment, Model};
    use num_bigint::BigInt;

    use super::Prepared;
    use crate::int::Fault;
    use crate::rating::Scale;
    use crate::scope::Scope;

    /// The golden vectors' `wide` model needs integers wider than 128 bits: its effective
    /// weights overflow `i128` and are exact on big integers, so the `wide-weights` vectors
    /// exercise the wide path in every host.
    #[test]
    fn the_wide_vector_model_overflows_128_bits() {
        let model = Model::from_json(include_str!("../../../tests/vectors/models/wide.json"))
            .expect("the vector model is valid");
        let (profile, index) = model.profile("standard").expect("its profile");
        let assessment = Assessment::builder("standard").build();
        let scope = Scope::of(&model, &profile.id, index, &assessment).expect("its scope");
        let scale = Scale::new(&model);
        let small = Prepared::<i128>::new(&model, index, &scope, &scale);
        assert!(matches!(small, Err(Fault::Overflow)), "{small:?}");
        let big = Prepared::<BigInt>::new(&model, index, &scope, &scale);
        assert!(big.is_ok());
    }
}
