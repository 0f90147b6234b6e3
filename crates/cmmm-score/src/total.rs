//! From level scores to the total S and the level: the gate, the total rule and the bands.
//!
//! Decisions are made on integers: every level score, the gate and every band bound are
//! written over one common denominator (see [`Units`]), so comparisons are exact and cheap.

use cmmm_model::{Model, Ratio, TotalRule};

use crate::int::{self, Fault, Int};

/// S and what it decides, in units of 1/`Units::den`.
#[derive(Clone, Debug)]
pub(crate) struct Totals<T> {
    /// Per level: T(n) ≥ gate.
    pub met: Vec<bool>,
    /// Number of levels counted (k).
    pub counted: usize,
    /// S, in units.
    pub total: T,
    /// The level S falls in.
    pub level: u8,
}

/// The gate, the bands and the total rule over a common denominator `den` that also
/// divides exactly into every level score of one scope.
#[derive(Clone, Debug)]
pub(crate) struct Units<T> {
    /// The common denominator.
    pub den: T,
    gate: T,
    /// (level, inclusive lower bound), ascending.
    bands: Vec<(u8, T)>,
    rule: TotalRule,
}

impl<T: Int> Units<T> {
    /// Units for a model whose level scores have denominators `level_dens`.
    pub fn new(model: &Model, level_dens: &[T]) -> Result<Units<T>, Fault> {
        let doc = model.doc();
        let gate = Ratio::from_decimal(doc.gate).reduced();
        let bands: Vec<(u8, Ratio)> = doc
            .bands
            .iter()
            .map(|b| (b.level, Ratio::from_decimal(b.min).reduced()))
            .collect();
        let mut den = T::from(gate.denom());
        for d in level_dens
            .iter()
            .cloned()
            .chain(bands.iter().map(|(_, r)| T::from(r.denom())))
        {
            den = int::lcm(&den, &d)?;
        }
        let to_units =
            |r: Ratio| int::mul(&T::from(r.numer()), &(den.clone() / T::from(r.denom())));
        Ok(Units {
            gate: to_units(gate)?,
            bands: bands
                .into_iter()
                .map(|(l, r)| to_units(r).map(|u| (l, u)))
                .collect::<Result<_, _>>()?,
            rule: doc.total_rule,
            den,
        })
    }

    /// The exact score of a value in units.
    pub fn score(&self, units: &T) -> crate::Score {
        T::score(units, &self.den)
    }

    /// T(n) ≥ gate.
    pub fn meets_gate(&self, t: &T) -> bool {
        *t >= self.gate
    }

    /// The gate in units.
    pub fn gate(&self) -> &T {
        &self.gate
    }

    /// The lower bound of the band of `level`.
    pub fn band_min(&self, level: u8) -> T {
        self.bands
            .iter()
            .find(|(l, _)| *l == level)
            .map_or_else(T::zero, |(_, m)| m.clone())
    }

    /// The level whose band holds `total` (lower bounds inclusive).
    pub fn level_of(&self, total: &T) -> u8 {
        self.bands
            .iter()
            .rev()
            .find(|(_, min)| total >= min)
            .map_or(0, |(l, _)| *l)
    }

    /// The total rule.
    pub fn rule(&self) -> TotalRule {
        self.rule
    }

    /// Applies the gate, the total rule and the bands to the level scores `t` (in units).
    pub fn totals(&self, t: &[T]) -> Result<Totals<T>, Fault> {
        let met: Vec<bool> = t.iter().map(|x| self.meets_gate(x)).collect();
        let k = met.iter().position(|m| !m).map_or(t.len(), |i| i + 1);
        let total = match self.rule {
            TotalRule::SumUntilFirstUnmet => {
                t[..k].iter().try_fold(T::zero(), |s, x| int::add(&s, x))?
            }
            TotalRule::MetCountPlusPartial => {
                let before = int::mul(&T::from(k as i128 - 1), &self.den)?;
                int::add(&before, &t[k - 1])?
            }
        };
        Ok(Totals {
            level: self.level_of(&total),
            met,
            counted: k,
            total,
        })
    }
}
