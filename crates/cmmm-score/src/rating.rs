//! The model's scale as scoring uses it (which point a rating names is
//! `Model::scale_point`).

use cmmm_model::{Model, Ratio};

/// The model's scale, with each value as an integer numerator over 10^digits.
#[derive(Clone, Debug)]
pub(crate) struct Scale {
    /// Per point: its key, shared by the gaps that name it.
    keys: Vec<std::sync::Arc<str>>,
    /// Per point: value · 10^digits.
    pub units: Vec<i128>,
    /// Fractional digits that make every value an integer.
    pub digits: u32,
    /// Index of the highest value ("fully met").
    pub top: usize,
    /// Index of the lowest value ("not met").
    pub bottom: usize,
    /// The accepted inputs, for messages.
    pub expected: String,
}

impl Scale {
    pub fn new(model: &Model) -> Scale {
        let points = model.scale();
        let digits = points.iter().map(|p| p.value.scale()).max().unwrap_or(0);
        let units = points
            .iter()
            .map(|p| {
                let r = Ratio::from_decimal(p.value);
                // Scale values are in [0, 1] with at most 28 digits: value·10^digits fits.
                r.numer() * 10i128.pow(digits) / r.denom()
            })
            .collect::<Vec<_>>();
        let by = |better: fn(&i128, &i128) -> bool| {
            (0..units.len()).fold(0, |best, i| {
                if better(&units[i], &units[best]) {
                    i
                } else {
                    best
                }
            })
        };
        let top = by(|a, b| a > b);
        let bottom = by(|a, b| a < b);
        let expected = points
            .iter()
            .map(|p| format!("{} / {} / {}", p.key, p.label.zh, p.value))
            .collect::<Vec<_>>()
            .join(", ");
        Scale {
            keys: points.iter().map(|p| p.key.as_str().into()).collect(),
            units,
            digits,
            top,
            bottom,
            expected,
        }
    }

    /// The key of a point.
    pub fn key(&self, point: usize) -> &std::sync::Arc<str> {
        &self.keys[point]
    }
}
