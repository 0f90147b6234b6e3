//! The radar chart: one spoke per sub-domain, in model order, so the sub-domains of each
//! element sit together in a tinted sector; one polygon per series (the achieved and the
//! next level for an assessment, each level's average for a portfolio); the gate as a dashed
//! ring. A sub-domain with nothing to score (tailored out, excluded) has a dashed spoke and
//! no point: the polygon joins its neighbours rather than dropping to zero.

use cmmm_model::{Lang, Model};
use cmmm_score::{Outcome, Score};

use crate::figures::level_name;
use crate::i18n::words;
use crate::svg::{char_width, colour, coord, num, sin_cos, wrap, Anchor, Font, Stroke, Svg};

/// One polygon of a radar chart.
pub struct Series {
    /// Legend text.
    pub name: String,
    /// Colour.
    pub colour: &'static str,
    /// Dashed outline.
    pub dashed: bool,
    /// One value per sub-domain of the model, in layout order; `None` for no point.
    pub values: Vec<Option<Score>>,
}

/// Where a radar is drawn: its canvas, centre and radius, how long a label line may be, and
/// whether the legend entries stand in a row or one under another.
pub(crate) struct Canvas {
    width: f64,
    height: f64,
    centre: (f64, f64),
    radius: f64,
    wrap: usize,
    stacked_legend: bool,
}

/// A page of a report.
pub(crate) const PAGE: Canvas = Canvas {
    width: 780.0,
    height: 668.0,
    centre: (390.0, 350.0),
    radius: 220.0,
    wrap: 16,
    stacked_legend: false,
};

/// A side panel about 450 pixels wide (the web form's result): a smaller canvas with the same
/// type sizes, so the labels stay readable when the chart is scaled to the panel.
const PANEL: Canvas = Canvas {
    width: 540.0,
    height: 600.0,
    centre: (270.0, 330.0),
    radius: 148.0,
    wrap: 11,
    stacked_legend: true,
};

/// The radar of one assessment: sub-domain scores D(s, n) at the achieved level and the
/// next one (only the next at level 0, only the top level at the top).
pub fn assessment(model: &Model, outcome: &Outcome, lang: Lang) -> String {
    assessment_on(model, outcome, lang, &PAGE)
}

/// [`assessment`] sized for a side panel about 450 pixels wide, as the web form shows it:
/// the same chart on a smaller canvas, its labels at the same type size.
pub fn panel(model: &Model, outcome: &Outcome, lang: Lang) -> String {
    assessment_on(model, outcome, lang, &PANEL)
}

fn assessment_on(model: &Model, outcome: &Outcome, lang: Lang, canvas: &Canvas) -> String {
    let w = words(lang);
    let top = model.level_count();
    let achieved = outcome.level.min(top);
    // (level, legend, achieved?)
    let shown: Vec<(u8, String, bool)> = if achieved == 0 {
        vec![(1, w.next_level_of(&level_name(model, 1, lang)), false)]
    } else if achieved == top {
        vec![(
            top,
            w.achieved_level_of(&level_name(model, top, lang)),
            true,
        )]
    } else {
        vec![
            (
                achieved,
                w.achieved_level_of(&level_name(model, achieved, lang)),
                true,
            ),
            (
                achieved + 1,
                w.next_level_of(&level_name(model, achieved + 1, lang)),
                false,
            ),
        ]
    };
    let series: Vec<Series> = shown
        .into_iter()
        .map(|(level, name, reached)| Series {
            name,
            colour: if reached {
                colour::FIRST
            } else {
                colour::SECOND
            },
            dashed: !reached,
            values: sub_domain_scores(model, outcome, level),
        })
        .collect();
    draw(model, lang, w.radar_title, &series, canvas)
}

/// D(s, level) of every sub-domain of the model, in layout order (`None` where the result
/// has no score).
pub(crate) fn sub_domain_scores(model: &Model, outcome: &Outcome, level: u8) -> Vec<Option<Score>> {
    model
        .layout()
        .sub_domains
        .iter()
        .map(|node| {
            outcome
                .sub_domains
                .iter()
                .find(|s| s.id == node.id)
                .and_then(|s| s.score(level))
                .cloned()
        })
        .collect()
}

/// Draws a radar of `series` over the model's sub-domains.
pub(crate) fn draw(
    model: &Model,
    lang: Lang,
    title: &str,
    series: &[Series],
    canvas: &Canvas,
) -> String {
    let w = words(lang);
    let layout = model.layout();
    let n = layout.sub_domains.len().max(1);
    let (width, height) = (canvas.width, canvas.height);
    let ((cx, cy), r) = (canvas.centre, canvas.radius);
    let gate_text = model.doc().gate.to_string();
    let gate = coord(&gate_text).clamp(0.0, 1.0);
    let desc = series
        .iter()
        .map(|s| s.name.as_str())
        .collect::<Vec<_>>()
        .join(" / ");
    let mut svg = Svg::new(width, height, title, &desc);
    svg.heading(title);

    // Legend: the series, then the gate; in a row, or one under another.
    let gate_entry = (
        Stroke::new(colour::GATE, 1.5, Some("5 3")),
        w.gate_of(&gate_text),
    );
    let entries = series
        .iter()
        .map(|s| {
            let stroke = Stroke::new(s.colour, 3.0, s.dashed.then_some("6 4"));
            (stroke, s.name.clone())
        })
        .chain(std::iter::once(gate_entry));
    let mut x = 20.0;
    for (i, (stroke, name)) in entries.enumerate() {
        if canvas.stacked_legend {
            let y = 52.0 + 20.0 * i as f64;
            svg.legend_line(20.0, (y, y + 4.0), stroke, &name);
        } else {
            x = svg.legend_line(x, (52.0, 56.0), stroke, &name);
        }
    }

    // Element sectors: a light tint behind each element's spokes and an arc outside.
    let angle = |i: f64| i / n as f64;
    let point = |turns: f64, radius: f64| {
        let (s, c) = sin_cos(turns);
        (cx + radius * s, cy - radius * c)
    };
    for (e, element) in layout.elements.iter().enumerate() {
        let subs: Vec<usize> = layout
            .sub_domains
            .iter()
            .enumerate()
            .filter(|(_, s)| layout.domains.get(s.parent).map(|d| d.parent) == Some(e))
            .map(|(i, _)| i)
            .collect();
        let (Some(&first), Some(&last)) = (subs.first(), subs.last()) else {
            continue;
        };
        let (a0, a1) = (angle(first as f64 - 0.5), angle(last as f64 + 0.5));
        let large = if a1 - a0 > 0.5 { 1 } else { 0 };
        let tint = colour::GROUPS[e % colour::GROUPS.len()];
        let edge = colour::GROUP_EDGES[e % colour::GROUP_EDGES.len()];
        let (p0, p1) = (point(a0, r), point(a1, r));
        svg.group(element.name.get(lang));
        svg.path(
            &format!(
                "M{} {} L{} {} A{} {} 0 {large} 1 {} {} Z",
                num(cx),
                num(cy),
                num(p0.0),
                num(p0.1),
                num(r),
                num(r),
                num(p1.0),
                num(p1.1)
            ),
            tint,
            None,
        );
        let ra = r + 7.0;
        let (q0, q1) = (point(a0 + 0.004, ra), point(a1 - 0.004, ra));
        svg.path(
            &format!(
                "M{} {} A{} {} 0 {large} 1 {} {}",
                num(q0.0),
                num(q0.1),
                num(ra),
                num(ra),
                num(q1.0),
                num(q1.1)
            ),
            "none",
            Some((edge, 5.0)),
        );
        svg.end_group();
    }

    // Rings, with their values along the top spoke, and the gate.
    for step in 1..=5 {
        let v = f64::from(step) / 5.0;
        svg.circle(
            (cx, cy, r * v),
            "none",
            Some(Stroke::new(colour::GRID, 1.0, None)),
            None,
        );
        if (v - gate).abs() > 0.05 {
            let label = ["0.2", "0.4", "0.6", "0.8", "1"][step as usize - 1];
            svg.text(
                cx + 4.0,
                cy - r * v - 3.0,
                Anchor::Start,
                Font::new(10.0, colour::MUTED),
                label,
            );
        }
    }
    svg.circle(
        (cx, cy, r * gate),
        "none",
        Some(Stroke::new(colour::GATE, 1.5, Some("5 3"))),
        Some(&w.gate_of(&gate_text)),
    );
    svg.text(
        cx + 4.0,
        cy - r * gate - 3.0,
        Anchor::Start,
        Font::new(10.0, colour::GATE).bold(),
        &gate_text,
    );

    // Spokes and labels.
    for (i, node) in layout.sub_domains.iter().enumerate() {
        let scored = series
            .iter()
            .any(|s| s.values.get(i).is_some_and(Option::is_some));
        let a = angle(i as f64);
        let (x, y) = point(a, r);
        svg.line(
            cx,
            cy,
            x,
            y,
            Stroke::new(
                if scored { colour::GRID } else { colour::OFF },
                1.0,
                (!scored).then_some("3 3"),
            ),
        );
        let name = node.name.get(lang);
        let label = if scored {
            name.to_string()
        } else {
            format!("{name} {}", w.not_applicable_mark)
        };
        let lines = wrap(&label, canvas.wrap);
        let line_refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let (s, c) = sin_cos(a);
        let (lx, ly) = point(a, r + 20.0);
        let anchor = if s > 0.2 {
            Anchor::Start
        } else if s < -0.2 {
            Anchor::End
        } else {
            Anchor::Middle
        };
        let size = 13.0;
        let block = size * 1.2 * (line_refs.len() as f64 - 1.0);
        let ly = if c > 0.6 {
            ly - block
        } else if c < -0.6 {
            ly + size
        } else {
            ly + size * 0.35 - block / 2.0
        };
        let font = Font::new(size, if scored { colour::INK } else { colour::MUTED });
        svg.text_lines(lx, ly, anchor, font, &line_refs);
    }

    // The series.
    for s in series {
        let points: Vec<(usize, (f64, f64), Score)> = s
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let v = v.clone()?;
                let f = coord(&v.value()).clamp(0.0, 1.0);
                Some((i, point(angle(i as f64), r * f), v))
            })
            .collect();
        let xy: Vec<(f64, f64)> = points.iter().map(|p| p.1).collect();
        if xy.len() >= 3 {
            svg.poly(
                &xy,
                true,
                (s.colour, if s.dashed { 0.06 } else { 0.1 }),
                Stroke::new(s.colour, 2.5, s.dashed.then_some("7 4")),
            );
        } else if xy.len() == 2 {
            svg.poly(
                &xy,
                false,
                ("none", 0.0),
                Stroke::new(s.colour, 2.5, s.dashed.then_some("7 4")),
            );
        }
        for (i, (x, y), v) in &points {
            let name = layout
                .sub_domains
                .get(*i)
                .map(|n| n.name.get(lang))
                .unwrap_or("");
            svg.circle(
                (*x, *y, 3.5),
                s.colour,
                Some(Stroke::new("#ffffff", 1.0, None)),
                Some(&format!(
                    "{name} · {}: {}",
                    s.name,
                    crate::figures::shown(v, &[crate::figures::gate(model)])
                )),
            );
        }
    }

    // Element legend.
    let mut x = 20.0;
    let y = height - 22.0;
    for (e, element) in layout.elements.iter().enumerate() {
        let name = element.name.get(lang);
        svg.rect(
            (x, y - 11.0, 16.0, 14.0),
            colour::GROUPS[e % colour::GROUPS.len()],
            Some(Stroke::new(
                colour::GROUP_EDGES[e % colour::GROUP_EDGES.len()],
                1.0,
                None,
            )),
            None,
        );
        svg.text(
            x + 22.0,
            y,
            Anchor::Start,
            Font::new(13.0, colour::INK),
            name,
        );
        x += 40.0 + 7.5 * name.chars().map(char_width).sum::<f64>();
    }
    svg.finish()
}
