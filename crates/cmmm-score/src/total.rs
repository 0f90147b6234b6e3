//! From level scores to the total S and the level: the gate, the total rule and the bands.

use cmmm_model::{Model, Ratio, TotalRule};

use crate::error::ScoreError;

/// The model's decision data, as exact numbers.
#[derive(Clone, Debug)]
pub(crate) struct Rules {
    gate: Ratio,
    rule: TotalRule,
    /// (level, inclusive lower bound), ascending.
    bands: Vec<(u8, Ratio)>,
}

/// S and what it decides.
#[derive(Clone, Debug)]
pub(crate) struct Totals {
    /// Per level: T(n) ≥ gate.
    pub met: Vec<bool>,
    /// Number of levels counted (k).
    pub counted: usize,
    /// S.
    pub total: Ratio,
    /// The level S falls in.
    pub level: u8,
}

fn overflow() -> ScoreError {
    ScoreError::Overflow("total".into())
}

impl Rules {
    pub fn new(model: &Model) -> Rules {
        let doc = model.doc();
        Rules {
            gate: Ratio::from_decimal(doc.gate),
            rule: doc.total_rule,
            bands: doc
                .bands
                .iter()
                .map(|b| (b.level, Ratio::from_decimal(b.min)))
                .collect(),
        }
    }

    /// T(n) ≥ gate, exactly.
    pub fn meets_gate(&self, t: &Ratio) -> Result<bool, ScoreError> {
        Ok(t.checked_cmp(&self.gate).ok_or_else(overflow)?.is_ge())
    }

    /// The lower bound of the band of `level`.
    pub fn band_min(&self, level: u8) -> Ratio {
        self.bands
            .iter()
            .find(|(l, _)| *l == level)
            .map_or(Ratio::ZERO, |(_, m)| *m)
    }

    /// The level whose band holds `total` (lower bounds inclusive).
    pub fn level_of(&self, total: &Ratio) -> Result<u8, ScoreError> {
        let mut level = 0;
        for (l, min) in &self.bands {
            if total.checked_cmp(min).ok_or_else(overflow)?.is_ge() {
                level = *l;
            }
        }
        Ok(level)
    }

    /// Applies the gate, the total rule and the bands to the level scores `t`.
    pub fn totals(&self, t: &[Ratio]) -> Result<Totals, ScoreError> {
        let met = t
            .iter()
            .map(|x| self.meets_gate(x))
            .collect::<Result<Vec<_>, _>>()?;
        let k = met.iter().position(|m| !m).map_or(t.len(), |i| i + 1);
        let total = match self.rule {
            TotalRule::SumUntilFirstUnmet => {
                let mut s = Ratio::ZERO;
                for x in &t[..k] {
                    s = s.checked_add(*x).ok_or_else(overflow)?;
                }
                s
            }
            TotalRule::MetCountPlusPartial => Ratio::from_int(k as i128 - 1)
                .checked_add(t[k - 1])
                .ok_or_else(overflow)?,
        };
        Ok(Totals {
            level: self.level_of(&total)?,
            met,
            counted: k,
            total,
        })
    }

    /// The total rule.
    pub fn rule(&self) -> TotalRule {
        self.rule
    }

    /// The gate.
    pub fn gate(&self) -> Ratio {
        self.gate
    }
}
