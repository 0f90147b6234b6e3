//! Exact figures for reports: comparisons with the gate, differences, shares and averages,
//! all in exact rational arithmetic. Nothing here rounds before deciding; the strings are
//! rounded half away from zero only when written.

use std::cmp::Ordering;

use cmmm_model::{Lang, Model, Ratio};
use cmmm_score::{NodeScores, Score};

/// The model's gate as an exact ratio.
pub fn gate(model: &Model) -> Ratio {
    Ratio::from_decimal(model.doc().gate)
}

/// The name of a result level (0 = below the first level) in `lang`; the bare number for a
/// level the model does not have (a result from another model).
pub fn level_name(model: &Model, level: u8, lang: Lang) -> String {
    if level <= model.level_count() {
        model.level_name(level).get(lang).to_string()
    } else {
        level.to_string()
    }
}

/// `score ≥ gate`, exactly.
pub fn meets(score: &Score, gate: Ratio) -> bool {
    matches!(
        score.0.checked_cmp(&gate),
        Some(Ordering::Greater | Ordering::Equal)
    )
}

/// The sub-domain's own level: the highest `m` such that D(s, 1) … D(s, m) all meet the gate
/// (levels where it has nothing to score are passed over); 0 when D(s, 1) falls short or it
/// has nothing to score at all.
pub fn own_level(node: &NodeScores, gate: Ratio) -> u8 {
    let mut reached = 0;
    let mut levels: Vec<_> = node.levels.iter().collect();
    levels.sort_by_key(|l| l.level);
    for l in levels {
        match &l.score {
            None => continue,
            Some(s) if meets(s, gate) => reached = l.level,
            Some(_) => break,
        }
    }
    reached
}

/// `after − before`, exactly; `None` on overflow.
pub fn delta(before: &Score, after: &Score) -> Option<Ratio> {
    after.0.checked_sub(before.0)
}

/// A signed difference for display: `+0.20`, `−0.10`, `0.00`.
pub fn signed(d: Ratio) -> String {
    let shown = Score(d).display();
    match d.checked_cmp(&Ratio::ZERO) {
        Some(Ordering::Greater) => format!("+{shown}"),
        Some(Ordering::Less) => format!("−{}", shown.trim_start_matches('-')),
        _ => shown,
    }
}

/// The sign of a difference.
pub fn sign(d: Ratio) -> Ordering {
    d.checked_cmp(&Ratio::ZERO).unwrap_or(Ordering::Equal)
}

/// `part / whole` as a percentage with one decimal (`43.2%`); `—` when `whole` is 0.
pub fn percent(part: u64, whole: u64) -> String {
    match Ratio::new(i128::from(part) * 100, i128::from(whole)) {
        Some(r) => format!("{}%", r.to_decimal_string(1, true)),
        None => "—".to_string(),
    }
}

/// `part / whole` as a drawing fraction (0 when `whole` is 0).
pub fn fraction(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Units of 10⁻²⁸: a full-precision result value (at most 28 places) as an integer.
pub const UNITS: i128 = 10_000_000_000_000_000_000_000_000_000;

/// Parses a full-precision decimal string (`"0.7666666666666666666666666667"`, `"1"`) into
/// units of 10⁻²⁸, exactly; `None` for anything else.
pub fn units(value: &str) -> Option<i128> {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    if int.is_empty()
        || int.len() > 9
        || frac.len() > 28
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || (value.contains('.') && frac.is_empty())
    {
        return None;
    }
    let mut n: i128 = 0;
    for b in int.bytes() {
        n = n * 10 + i128::from(b - b'0');
    }
    for b in frac.bytes() {
        n = n * 10 + i128::from(b - b'0');
    }
    Some(n * 10i128.pow(28 - frac.len() as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(s: &str) -> Score {
        Score(s.parse().unwrap())
    }

    #[test]
    fn the_gate_is_met_exactly() {
        let g: Ratio = "0.8".parse().unwrap();
        assert!(meets(&score("0.8"), g));
        assert!(meets(&Score(Ratio::new(24, 30).unwrap()), g));
        assert!(!meets(&score("0.7999999999999999999999999999"), g));
    }

    #[test]
    fn differences_are_signed() {
        assert_eq!(
            signed(delta(&score("0.5"), &score("0.7")).unwrap()),
            "+0.20"
        );
        assert_eq!(
            signed(delta(&score("0.7"), &score("0.5")).unwrap()),
            "−0.20"
        );
        assert_eq!(signed(Ratio::ZERO), "0.00");
    }

    #[test]
    fn shares_and_units() {
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(0, 0), "—");
        assert_eq!(units("1"), Some(UNITS));
        assert_eq!(units("0.8"), Some(UNITS / 10 * 8));
        assert_eq!(units("0.0000000000000000000000000001"), Some(1));
        for bad in [
            "",
            ".5",
            "1.",
            "-1",
            "1e3",
            "0.12345678901234567890123456789",
        ] {
            assert_eq!(units(bad), None, "{bad}");
        }
    }
}
