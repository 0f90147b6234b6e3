//! The level ladder: T(1) … T(n) as bars against the gate (met, counted but short, or not
//! counted in S), and below them the total S on the band scale with the level it gives.

use cmmm_model::{Lang, Model};
use cmmm_score::Outcome;

use crate::i18n::words;
use crate::svg::{colour, coord, num, wrap, Anchor, Font, Stroke, Svg};

/// The ladder of one assessment.
pub fn assessment(model: &Model, outcome: &Outcome, lang: Lang) -> String {
    let w = words(lang);
    let (width, height) = (780.0, 448.0);
    let gate_text = model.doc().gate.to_string();
    let gate = coord(&gate_text).clamp(0.0, 1.0);
    let title = w.ladder_title;
    let total = crate::figures::shown(&outcome.total, &crate::figures::band_bounds(model));
    let exact_gate = crate::figures::gate(model);
    let desc = w.ladder_desc(
        &total,
        outcome.level,
        &crate::figures::level_name(model, outcome.level, lang),
    );
    let mut svg = Svg::new(width, height, title, &desc);
    svg.heading(title);

    // Legend.
    let mut x = 20.0;
    for (fill, dash, label) in [
        (colour::MET, None, w.met_counted),
        (colour::SHORT, None, w.short_counted),
        (colour::OFF, Some("4 3"), w.not_counted),
    ] {
        x = svg.legend_swatch(
            x,
            fill,
            dash.map(|d| Stroke::new(colour::MUTED, 1.0, Some(d))),
            label,
        );
    }
    svg.legend_line(
        x,
        (49.0, 54.0),
        Stroke::new(colour::GATE, 1.5, Some("5 3")),
        &w.gate_of(&gate_text),
    );

    // T(n) bars on a 0–1 axis.
    let (x0, x1, top, bottom) = (64.0, 760.0, 84.0, 264.0);
    let y = |v: f64| bottom - (bottom - top) * v.clamp(0.0, 1.0);
    for step in 0..=5 {
        let v = f64::from(step) / 5.0;
        svg.line(x0, y(v), x1, y(v), Stroke::new(colour::GRID, 1.0, None));
        let label = ["0", "0.2", "0.4", "0.6", "0.8", "1"][step as usize];
        svg.text(
            x0 - 8.0,
            y(v) + 4.0,
            Anchor::End,
            Font::new(11.0, colour::MUTED),
            label,
        );
    }
    let levels = &outcome.levels;
    let slot = (x1 - x0) / levels.len().max(1) as f64;
    for (i, l) in levels.iter().enumerate() {
        let v = coord(&l.score.value());
        let cx = x0 + slot * (i as f64 + 0.5);
        let bw = (slot * 0.46).min(90.0);
        let (fill, dash) = match (l.counted, l.met) {
            (true, true) => (colour::MET, None),
            (true, false) => (colour::SHORT, None),
            (false, _) => (colour::OFF, Some("4 3")),
        };
        let status = match (l.counted, l.met) {
            (true, true) => w.met_counted,
            (true, false) => w.short_counted,
            (false, true) => w.met_not_counted,
            (false, false) => w.not_met_not_counted,
        };
        let t = crate::figures::shown(&l.score, &[exact_gate]);
        let tip = format!("T({}) = {t} · {status}", l.level);
        svg.rect(
            (cx - bw / 2.0, y(v), bw, bottom - y(v)),
            fill,
            dash.map(|d| Stroke::new(colour::MUTED, 1.0, Some(d))),
            Some(&tip),
        );
        svg.text(
            cx,
            y(v) - 6.0,
            Anchor::Middle,
            Font::new(14.0, colour::INK).bold(),
            &t,
        );
        svg.text(
            cx,
            bottom + 18.0,
            Anchor::Middle,
            Font::new(13.0, colour::INK).bold(),
            &format!("T({})", l.level),
        );
        let name = wrap(&crate::figures::level_name(model, l.level, lang), 18);
        let name_refs: Vec<&str> = name.iter().map(String::as_str).collect();
        svg.text_lines(
            cx,
            bottom + 34.0,
            Anchor::Middle,
            Font::new(11.0, colour::MUTED),
            &name_refs,
        );
    }
    svg.line(
        x0,
        y(gate),
        x1,
        y(gate),
        Stroke::new(colour::GATE, 1.5, Some("5 3")),
    );
    svg.text(
        x1,
        y(gate) - 6.0,
        Anchor::End,
        Font::new(11.0, colour::GATE).bold(),
        &w.gate_of(&gate_text),
    );

    // S on the bands.
    let bands = &model.doc().bands;
    let s_max = bands
        .iter()
        .map(|b| coord(&b.max.to_string()))
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let (sy, sh) = (384.0, 24.0);
    let sx = |v: f64| x0 + (x1 - x0) * (v / s_max).clamp(0.0, 1.0);
    svg.text(
        20.0,
        336.0,
        Anchor::Start,
        Font::new(13.0, colour::INK).bold(),
        w.s_on_bands,
    );
    for (i, b) in bands.iter().enumerate() {
        let (a, z) = (sx(coord(&b.min.to_string())), sx(coord(&b.max.to_string())));
        let reached = b.level == outcome.level;
        let fill = if reached {
            "#cfe8d9"
        } else if i % 2 == 0 {
            "#eef1f5"
        } else {
            "#e2e7ee"
        };
        let tip = format!(
            "{}: {} ≤ S < {}",
            crate::figures::level_name(model, b.level, lang),
            b.min,
            b.max
        );
        svg.rect(
            (a, sy, z - a, sh),
            fill,
            reached.then_some(Stroke::new(colour::MET, 1.0, None)),
            Some(&tip),
        );
        svg.text(
            (a + z) / 2.0,
            sy + 16.0,
            Anchor::Middle,
            Font::new(12.0, if reached { colour::MET } else { colour::MUTED }).bold(),
            &if z - a < 44.0 {
                b.level.to_string()
            } else {
                w.level_short(b.level)
            },
        );
        svg.line(
            a,
            sy + sh,
            a,
            sy + sh + 5.0,
            Stroke::new(colour::MUTED, 1.0, None),
        );
        svg.text(
            a,
            sy + sh + 18.0,
            Anchor::Middle,
            Font::new(11.0, colour::MUTED),
            &b.min.to_string(),
        );
        if i + 1 == bands.len() {
            svg.line(
                z,
                sy + sh,
                z,
                sy + sh + 5.0,
                Stroke::new(colour::MUTED, 1.0, None),
            );
            svg.text(
                z,
                sy + sh + 18.0,
                Anchor::Middle,
                Font::new(11.0, colour::MUTED),
                &b.max.to_string(),
            );
        }
    }
    let s = coord(&outcome.total.value());
    let mx = sx(s);
    svg.path(
        &format!(
            "M{} {} L{} {} L{} {} Z",
            num(mx - 7.0),
            num(sy - 12.0),
            num(mx + 7.0),
            num(sy - 12.0),
            num(mx),
            num(sy - 1.0)
        ),
        colour::INK,
        None,
    );
    let marker = w.s_marker(
        &total,
        &crate::figures::level_name(model, outcome.level, lang),
    );
    let anchor = if mx < x0 + 120.0 {
        Anchor::Start
    } else if mx > x1 - 120.0 {
        Anchor::End
    } else {
        Anchor::Middle
    };
    let lx = match anchor {
        Anchor::Start => mx - 8.0,
        Anchor::End => mx + 8.0,
        Anchor::Middle => mx,
    };
    svg.text(
        lx,
        sy - 18.0,
        anchor,
        Font::new(14.0, colour::INK).bold(),
        &marker,
    );
    svg.finish()
}
