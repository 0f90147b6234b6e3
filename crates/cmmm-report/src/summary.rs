//! The plain-text summary of one assessment (`cmmm score`, format text), for a person at a
//! terminal: the warnings first, then the level and S, T(n), the programme thresholds and the
//! plan to the target level as requirement texts grouped by sub-domain — every word in the
//! report's language, every figure shown by the same rules as the reports.

use std::fmt::Write as _;

use crate::figures::{self, band_bounds, gate, shown};
use crate::i18n::{words, Words};
use crate::report::{requirement_text, scale_key_label, unofficial_parts, Report};

/// Writes the summary.
pub(crate) fn write(r: &Report<'_>) -> String {
    let (m, o, lang) = (r.model, r.outcome, r.lang);
    let w: &Words = words(lang);
    let mut s = String::new();
    // Warnings first: what the figures are not, before the figures.
    let unofficial = unofficial_parts(o, w);
    if !unofficial.is_empty() {
        let _ = writeln!(
            s,
            "⚠ {}{}",
            w.unofficial_title,
            w.unofficial_text(&unofficial.join(w.list_sep))
        );
    }
    for warning in o.warnings.iter().filter(|x| x.code != "unofficial-model") {
        let _ = writeln!(s, "⚠ {}", warning.message.get(lang));
    }
    let _ = writeln!(s, "{}{}", w.self_assessed_title, w.self_assessed_text);
    let _ = writeln!(s);

    let who = crate::report::assessee_name(o, w);
    let _ = writeln!(
        s,
        "{}{}{who}   {}{}{}   {}",
        w.enterprise,
        w.colon,
        w.profile,
        w.colon,
        figures::profile_name(m, &o.profile, lang),
        w.footer_model(&o.model.id, &o.model.version)
    );
    let _ = writeln!(
        s,
        "{}{}{}",
        w.maturity,
        w.colon,
        figures::level_name(m, o.level, lang)
    );
    let _ = writeln!(
        s,
        "{} = {}{}",
        w.total_s,
        shown(&o.total, &band_bounds(m)),
        w.paren(&w.rule_short(o.model.total_rule))
    );
    let _ = writeln!(
        s,
        "{}{}{}",
        w.meets_level_2,
        w.colon,
        w.yes_no(o.meets_level_2)
    );
    let _ = writeln!(s);

    let _ = writeln!(s, "{}", w.level_scores_title);
    let g = gate(m);
    for l in &o.levels {
        let status = match (l.counted, l.met) {
            (true, true) => w.met_counted,
            (true, false) => w.short_counted,
            (false, true) => w.met_not_counted,
            (false, false) => w.not_met_not_counted,
        };
        let _ = writeln!(
            s,
            "  T({}) = {:<6} {}  {status}",
            l.level,
            shown(&l.score, &[g]),
            figures::level_name(m, l.level, lang),
        );
    }
    let _ = writeln!(s);

    let _ = writeln!(s, "{}", w.thresholds_title);
    for t in &o.thresholds {
        let p = r.programmes.get(&t.programme);
        let name = p.map_or_else(|| t.programme.to_string(), |p| p.name.get(lang).to_string());
        let verdict = match t.met {
            Some(true) => w.met,
            Some(false) => w.not_met,
            None => w.no_published_level,
        };
        let minimum = w.minimum_level(p.and_then(|p| p.minimum_level), p.map(|p| p.level_status));
        let minimum = w.paren(&format!("{}{}{minimum}", w.col_minimum, w.colon));
        let year = p.map_or_else(|| "—".to_string(), |p| p.year.to_string());
        let _ = writeln!(s, "  {year} {name}{minimum}{}{verdict}", w.colon);
    }

    if let Some(gaps) = &o.gaps {
        let _ = writeln!(s);
        let target = crate::report::level_label(m, gaps.target, lang);
        if gaps.reached {
            let _ = writeln!(s, "{}", w.gaps_reached(&target));
        } else {
            let _ = writeln!(
                s,
                "{}",
                w.gaps_intro(
                    &target,
                    gaps.plan.upgrades.len(),
                    &shown(&gaps.plan.total, &band_bounds(m)),
                    &crate::report::level_label(m, gaps.plan.level, lang),
                )
            );
            let top = m
                .scale()
                .iter()
                .max_by(|a, b| a.value.cmp(&b.value))
                .map_or("", |p| p.label.get(lang));
            // The plan, grouped by sub-domain in model order.
            for node in &m.layout().sub_domains {
                let mine: Vec<_> = gaps
                    .plan
                    .upgrades
                    .iter()
                    .filter_map(|id| gaps.items.iter().find(|x| x.requirement == *id))
                    .filter(|x| *x.sub_domain == *node.id)
                    .collect();
                if mine.is_empty() {
                    continue;
                }
                let _ = writeln!(s, "  {}", node.name.get(lang));
                for x in mine {
                    let _ = writeln!(
                        s,
                        "    {}  {}\n      {} → {}   ΔT({}) {}   ΔS {}",
                        x.requirement,
                        requirement_text(m, &x.requirement, lang),
                        scale_key_label(m, &x.rating, lang),
                        top,
                        x.level,
                        figures::gain(&x.gain_level),
                        figures::gain(&x.gain_total),
                    );
                }
            }
        }
    }
    s
}
