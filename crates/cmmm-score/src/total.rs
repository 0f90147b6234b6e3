//! From level scores to the total S and the level: the gate, the total rule and the bands.
//!
//! Decisions are made on integers: every level score, the gate and every band bound are
//! written over one common denominator (see [`Units`]), so comparisons are exact and cheap.

use cmmm_model::{Model, Ratio, TotalRule};

use crate::error::ScoreError;

/// S and what it decides, in units of 1/`Units::den`.
#[derive(Clone, Debug)]
pub(crate) struct Totals {
    /// Per level: T(n) ≥ gate.
    pub met: Vec<bool>,
    /// Number of levels counted (k).
    pub counted: usize,
    /// S, in units.
    pub total: i128,
    /// The level S falls in.
    pub level: u8,
}

/// The gate, the bands and the total rule over a common denominator `den` that also
/// divides exactly into every level score of one scope.
#[derive(Clone, Debug)]
pub(crate) struct Units {
    /// The common denominator.
    pub den: i128,
    gate: i128,
    /// (level, inclusive lower bound), ascending.
    bands: Vec<(u8, i128)>,
    rule: TotalRule,
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

fn lcm(a: i128, b: i128) -> Option<i128> {
    (a / gcd(a, b)).checked_mul(b)
}

impl Units {
    /// Units for a model whose level scores have denominators `level_dens`.
    pub fn new(model: &Model, level_dens: &[i128]) -> Result<Units, ScoreError> {
        let doc = model.doc();
        let overflow = || ScoreError::Overflow("gate and bands".into());
        let gate = Ratio::from_decimal(doc.gate).reduced();
        let bands: Vec<(u8, Ratio)> = doc
            .bands
            .iter()
            .map(|b| (b.level, Ratio::from_decimal(b.min).reduced()))
            .collect();
        let mut den = gate.denom();
        for d in level_dens
            .iter()
            .copied()
            .chain(bands.iter().map(|(_, r)| r.denom()))
        {
            den = lcm(den, d).ok_or_else(overflow)?;
        }
        let to_units = |r: Ratio| r.numer().checked_mul(den / r.denom()).ok_or_else(overflow);
        Ok(Units {
            den,
            gate: to_units(gate)?,
            bands: bands
                .into_iter()
                .map(|(l, r)| to_units(r).map(|u| (l, u)))
                .collect::<Result<_, _>>()?,
            rule: doc.total_rule,
        })
    }

    /// A value in units as an exact ratio.
    pub fn ratio(&self, units: i128) -> Ratio {
        // `den` is positive by construction.
        Ratio::new(units, self.den).expect("positive denominator")
    }

    /// T(n) ≥ gate.
    pub fn meets_gate(&self, t: i128) -> bool {
        t >= self.gate
    }

    /// The gate in units.
    pub fn gate(&self) -> i128 {
        self.gate
    }

    /// The lower bound of the band of `level`.
    pub fn band_min(&self, level: u8) -> i128 {
        self.bands
            .iter()
            .find(|(l, _)| *l == level)
            .map_or(0, |(_, m)| *m)
    }

    /// The level whose band holds `total` (lower bounds inclusive).
    pub fn level_of(&self, total: i128) -> u8 {
        self.bands
            .iter()
            .rev()
            .find(|(_, min)| total >= *min)
            .map_or(0, |(l, _)| *l)
    }

    /// The total rule.
    pub fn rule(&self) -> TotalRule {
        self.rule
    }

    /// Applies the gate, the total rule and the bands to the level scores `t` (in units).
    pub fn totals(&self, t: &[i128]) -> Result<Totals, ScoreError> {
        let met: Vec<bool> = t.iter().map(|x| self.meets_gate(*x)).collect();
        let k = met.iter().position(|m| !m).map_or(t.len(), |i| i + 1);
        let overflow = || ScoreError::Overflow("total".into());
        let total = match self.rule {
            TotalRule::SumUntilFirstUnmet => t[..k]
                .iter()
                .try_fold(0i128, |s, x| s.checked_add(*x))
                .ok_or_else(overflow)?,
            TotalRule::MetCountPlusPartial => (k as i128 - 1)
                .checked_mul(self.den)
                .and_then(|x| x.checked_add(t[k - 1]))
                .ok_or_else(overflow)?,
        };
        Ok(Totals {
            level: self.level_of(total),
            met,
            counted: k,
            total,
        })
    }
}
