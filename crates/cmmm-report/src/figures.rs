//! Exact figures for reports: comparisons with the gate, differences, shares and averages,
//! all in exact rational arithmetic. Nothing here rounds before deciding; the strings are
//! rounded half away from zero only when written.

use std::cmp::Ordering;

use cmmm_model::{Lang, Model, Ratio};
use cmmm_score::{NodeScores, Score, DISPLAY_PLACES};

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

/// The name of a profile of the model, or its id when the model has no such profile (a result
/// of another model).
pub fn profile_name(model: &Model, id: &str, lang: Lang) -> String {
    model
        .profile(id)
        .map_or_else(|| id.to_string(), |(p, _)| p.name.get(lang).to_string())
}

/// `score ≥ gate`, exactly.
pub fn meets(score: &Score, gate: Ratio) -> bool {
    score.cmp_ratio(&gate) != Ordering::Less
}

/// The sub-domain's own level: the highest `m` such that D(s, 1) … D(s, m) all meet the gate
/// (levels where it has nothing to score are passed over); 0 when D(s, 1) falls short or it
/// has nothing to score at all.
pub fn own_level(node: &NodeScores, gate: Ratio) -> u8 {
    let mut reached = 0;
    for (n, score) in (1u8..).zip(&node.scores) {
        match score {
            None => continue,
            Some(s) if meets(s, gate) => reached = n,
            Some(_) => break,
        }
    }
    reached
}

/// The lower bounds of the model's bands above the lowest: the values S is judged against.
pub fn band_bounds(model: &Model) -> Vec<Ratio> {
    model
        .doc()
        .bands
        .iter()
        .map(|b| Ratio::from_decimal(b.min))
        .filter(|b| sign(*b) == Ordering::Greater)
        .collect()
}

/// `a ≥ b`, exactly (false when the comparison overflows).
fn at_least(a: Ratio, b: Ratio) -> bool {
    matches!(a.checked_cmp(&b), Some(Ordering::Greater | Ordering::Equal))
}

/// A score as shown beside the thresholds it is judged against (the gate for T(n) and
/// D(s,n), the band bounds for S): two places, or as many more as it takes for the shown
/// figure to fall on the same side of every threshold as the exact value — so that 0.7999…
/// never shows as 0.80 beside a 0.80 gate it does not meet.
pub fn shown(score: &Score, thresholds: &[Ratio]) -> String {
    for places in DISPLAY_PLACES..=cmmm_model::FULL_PRECISION {
        let text = score.to_decimal_string(places, true);
        let Ok(rounded) = text.parse::<Ratio>() else {
            break;
        };
        let agrees = thresholds
            .iter()
            .all(|t| at_least(rounded, *t) == (score.cmp_ratio(t) != Ordering::Less));
        if agrees {
            return text;
        }
    }
    score.value()
}

/// A gain for display: `+0.02`, `< 0.01` for a gain that two places would round to nothing,
/// `0.00` for none.
pub fn gain(score: &Score) -> String {
    let shown = score.display();
    match score.cmp_ratio(&Ratio::ZERO) {
        Ordering::Greater if sign(shown.parse().unwrap_or(Ratio::ZERO)) == Ordering::Equal => {
            format!("< {}", Score::from(smallest_step()).display())
        }
        Ordering::Greater => format!("+{shown}"),
        _ => shown,
    }
}

/// One unit of the last displayed place (0.01).
fn smallest_step() -> Ratio {
    Ratio::new(1, 10i128.pow(DISPLAY_PLACES)).unwrap_or(Ratio::ZERO)
}

/// The change between two displayed figures: the difference of the two-place roundings a
/// reader sees (so that `2.39 → 4.34` shows `+1.95`, not the exact `+1.94`), signed.
pub fn shown_change(before: &Score, after: &Score) -> String {
    let round = |s: &Score| s.display().parse::<Ratio>().ok();
    match (round(before), round(after)) {
        (Some(b), Some(a)) => a.checked_sub(b).map_or_else(|| "—".to_string(), signed),
        _ => "—".to_string(),
    }
}

/// `after − before`, exactly; `None` when a score or the difference does not fit in 128
/// bits (scores of models with large co-prime weight denominators).
pub fn delta(before: &Score, after: &Score) -> Option<Ratio> {
    after.ratio()?.checked_sub(before.ratio()?)
}

/// A signed difference for display: `+0.20`, `−0.10`, `0.00`.
pub fn signed(d: Ratio) -> String {
    let shown = Score::from(d).display();
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
        Score::from(s.parse::<Ratio>().unwrap())
    }

    #[test]
    fn the_gate_is_met_exactly() {
        let g: Ratio = "0.8".parse().unwrap();
        assert!(meets(&score("0.8"), g));
        assert!(meets(&Score::from(Ratio::new(24, 30).unwrap()), g));
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
    fn shown_figures_fall_on_the_side_of_their_threshold() {
        let g: Ratio = "0.8".parse().unwrap();
        assert_eq!(shown(&score("0.7999"), &[g]), "0.7999");
        assert_eq!(shown(&score("0.795"), &[g]), "0.795");
        assert_eq!(shown(&score("0.8"), &[g]), "0.80");
        assert_eq!(shown(&score("0.80001"), &[g]), "0.80");
        assert_eq!(
            shown(&score("0.7666666666666666666666666667"), &[g]),
            "0.77"
        );
        assert_eq!(
            shown(&score("0.7999999999999999999999999999"), &[g]),
            "0.7999999999999999999999999999"
        );
        let bands: Vec<Ratio> = ["0.8", "1.8", "2.8"].map(|b| b.parse().unwrap()).to_vec();
        assert_eq!(shown(&score("1.7951"), &bands), "1.795");
        assert_eq!(shown(&score("2.185"), &bands), "2.19");
    }

    #[test]
    fn gains_and_changes_read_right() {
        assert_eq!(gain(&score("0.003")), "< 0.01");
        assert_eq!(gain(&score("0.005")), "+0.01");
        assert_eq!(gain(&score("0")), "0.00");
        // The change is between the figures shown: 2.386 → 2.39, 4.335 → 4.34.
        assert_eq!(shown_change(&score("2.386"), &score("4.335")), "+1.95");
        assert_eq!(shown_change(&score("0.5"), &score("0.5")), "0.00");
        assert_eq!(shown_change(&score("0.7"), &score("0.504")), "−0.20");
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
