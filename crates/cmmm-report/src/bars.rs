//! Bar charts: ranked horizontal bars (plans per sub-domain, blocking sub-domains, threshold
//! shares) and grouped vertical bars (level distribution, T(n) before and after).
//!
//! Bar lengths are `f64` fractions computed from exact counts and scores: drawing only. The
//! figures printed on the bars are exact strings supplied by the caller.

use crate::svg::{colour, ellipsize, wrap, Anchor, Font, Stroke, Svg};

/// One horizontal bar.
pub struct HBar {
    /// Label left of the bar.
    pub label: String,
    /// Length as a fraction of the full width (0 to 1).
    pub fraction: f64,
    /// Figure right of the bar.
    pub figure: String,
    /// Colour.
    pub colour: &'static str,
}

/// Ranked horizontal bars, top to bottom in the given order.
pub fn horizontal(title: &str, desc: &str, bars: &[HBar]) -> String {
    let width = 780.0;
    let row = 28.0;
    let top = 52.0;
    let height = top + row * bars.len().max(1) as f64 + 16.0;
    let mut svg = Svg::new(width, height, title, desc);
    svg.heading(title);
    let (x0, x1) = (330.0, 660.0);
    svg.line(
        x0,
        top - 6.0,
        x0,
        top + row * bars.len() as f64,
        Stroke::new(colour::GRID, 1.0, None),
    );
    for (i, b) in bars.iter().enumerate() {
        let y = top + row * i as f64;
        // Long labels are cut to one line; the tooltip keeps the full text.
        let label = ellipsize(&b.label, 42.0);
        svg.group(&format!("{}: {}", b.label, b.figure));
        svg.text(
            x0 - 10.0,
            y + 17.0,
            Anchor::End,
            Font::new(13.0, colour::INK),
            &label,
        );
        let len = (x1 - x0) * b.fraction.clamp(0.0, 1.0);
        svg.rect((x0, y + 5.0, len, row - 10.0), b.colour, None, None);
        svg.text(
            x0 + len + 8.0,
            y + 18.0,
            Anchor::Start,
            Font::new(13.0, colour::INK).bold(),
            &b.figure,
        );
        svg.end_group();
    }
    svg.finish()
}

/// One series of vertical bars.
pub struct VSeries {
    /// Legend text (no legend when there is one unnamed series).
    pub name: String,
    /// Colour.
    pub colour: &'static str,
    /// Per category: height as a fraction of the axis (0 to 1) and the figure on top.
    pub values: Vec<Option<(f64, String)>>,
}

/// Grouped vertical bars with an optional gate line. `axis` labels the 0, 0.2, … 1 ticks
/// when given; `gate` is the gate's position (fraction) and its label.
pub fn vertical(
    title: &str,
    desc: &str,
    categories: &[(String, String)],
    series: &[VSeries],
    axis: bool,
    gate: Option<(f64, &str)>,
) -> String {
    let (width, height) = (780.0, 380.0);
    let mut svg = Svg::new(width, height, title, desc);
    svg.heading(title);
    let mut x = 20.0;
    let named = series.iter().any(|s| !s.name.is_empty());
    if named {
        for s in series {
            x = svg.legend_swatch(x, s.colour, None, &s.name);
        }
    }
    if let Some((_, label)) = gate {
        svg.legend_line(
            x,
            (49.0, 54.0),
            Stroke::new(colour::GATE, 1.5, Some("5 3")),
            label,
        );
    }
    let (x0, x1, top, bottom) = (64.0, 760.0, 90.0, 296.0);
    let y = |v: f64| bottom - (bottom - top) * v.clamp(0.0, 1.0);
    if axis {
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
    } else {
        svg.line(
            x0,
            bottom,
            x1,
            bottom,
            Stroke::new(colour::MUTED, 1.0, None),
        );
    }
    let slot = (x1 - x0) / categories.len().max(1) as f64;
    let group = slot * 0.7;
    let bw = (group / series.len().max(1) as f64).min(80.0);
    for (c, (label, sub)) in categories.iter().enumerate() {
        let cx = x0 + slot * (c as f64 + 0.5);
        let start = cx - bw * series.len() as f64 / 2.0;
        for (k, s) in series.iter().enumerate() {
            let Some(Some((v, figure))) = s.values.get(c) else {
                continue;
            };
            let bx = start + bw * k as f64;
            let tip = if s.name.is_empty() {
                format!("{label}: {figure}")
            } else {
                format!("{label} · {}: {figure}", s.name)
            };
            svg.rect(
                (bx + 2.0, y(*v), bw - 4.0, bottom - y(*v)),
                s.colour,
                None,
                Some(&tip),
            );
            svg.text(
                bx + bw / 2.0,
                y(*v) - 6.0,
                Anchor::Middle,
                Font::new(if series.len() > 1 { 11.0 } else { 13.0 }, colour::INK).bold(),
                figure,
            );
        }
        svg.text(
            cx,
            bottom + 18.0,
            Anchor::Middle,
            Font::new(13.0, colour::INK).bold(),
            label,
        );
        let sub = wrap(sub, 18);
        let sub_refs: Vec<&str> = sub.iter().map(String::as_str).collect();
        svg.text_lines(
            cx,
            bottom + 34.0,
            Anchor::Middle,
            Font::new(11.0, colour::MUTED),
            &sub_refs,
        );
    }
    if let Some((g, label)) = gate {
        svg.line(
            x0,
            y(g),
            x1,
            y(g),
            Stroke::new(colour::GATE, 1.5, Some("5 3")),
        );
        svg.text(
            x1,
            y(g) - 4.0,
            Anchor::End,
            Font::new(11.0, colour::GATE).bold(),
            label,
        );
    }
    svg.finish()
}
