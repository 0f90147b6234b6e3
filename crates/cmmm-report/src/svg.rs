//! A small SVG writer: elements as text, every text and attribute value escaped, numbers
//! written deterministically.
//!
//! Chart geometry uses `f64` coordinates derived from scores. That is drawing, not deciding:
//! every number a reader sees is an exact result string, and every decision (met, not met,
//! level) comes from the exact result. So that native and WASM builds write the same bytes,
//! the only floating-point operations are `+ - * /` and rounding (correctly rounded on every
//! IEEE 754 platform); the sine and cosine are computed here from those, not by the
//! platform's maths library.

use std::fmt::{self, Write as _};

use crate::escape::xml;

/// The font stack of every chart: system fonts with CJK coverage on common platforms.
pub const FONT: &str = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',system-ui,sans-serif";

/// Colours shared by the charts (colour-blind safe where they must be told apart).
pub mod colour {
    /// Text.
    pub const INK: &str = "#1f2933";
    /// Secondary text, axes.
    pub const MUTED: &str = "#6b7280";
    /// Grid lines.
    pub const GRID: &str = "#d9dde3";
    /// The gate and everything "not met".
    pub const GATE: &str = "#c0392b";
    /// Met.
    pub const MET: &str = "#2e7d4f";
    /// Counted but not met.
    pub const SHORT: &str = "#e08a1e";
    /// Not counted, not applicable.
    pub const OFF: &str = "#b8bec7";
    /// First series (achieved level, current assessment).
    pub const FIRST: &str = "#1f5fa8";
    /// Second series (next level, previous assessment).
    pub const SECOND: &str = "#e0701e";
    /// Further series (portfolio averages per level).
    pub const SERIES: [&str; 6] = [
        "#1f5fa8", "#e0701e", "#2e8b57", "#8e44ad", "#17a2b8", "#7f8c8d",
    ];
    /// Light tints of the element groups (radar background sectors).
    pub const GROUPS: [&str; 6] = [
        "#f0f5fc", "#fdf5ec", "#eef8f2", "#f7f1fa", "#fcf0ee", "#f3f4f6",
    ];
    /// Stronger tones of the element groups (arcs and legend).
    pub const GROUP_EDGES: [&str; 6] = [
        "#5b8fd0", "#e3a15f", "#5fae7f", "#a77bc0", "#d77b6f", "#97a1ab",
    ];
}

/// A coordinate or length written with at most one decimal, never `-0`: `{:.1}` and its
/// rounding. A `Display`, so that it is written into the SVG text with no string of its own.
///
/// Away from a tie in the tenths (that is, nearly always), `v · 10` rounded is what `{:.1}`
/// gives, and an integer is written several times faster than `{:.1}`'s exact float
/// formatting: with both, the form's radar, redrawn after every answer, takes half the
/// instructions it did (1.66 M → 0.82 M, callgrind; BENCHMARKS.md, "Lean results"). Near a
/// tie, or for coordinates too large for the bound below, `{:.1}` decides.
pub fn num(v: f64) -> Num {
    Num(if v.is_finite() { v } else { 0.0 })
}

/// See [`num`].
#[derive(Clone, Copy, Debug)]
pub struct Num(f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0 * 10.0;
        // |x| < 1e9 keeps the error of `v · 10` below 1e-6, far from the 0.5 of a tie.
        if x.abs() < 1e9 && ((x - x.trunc()).abs() - 0.5).abs() > 1e-6 {
            let tenths = x.round() as i64;
            let sign = if tenths < 0 { "-" } else { "" };
            let (whole, tenth) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
            return match (whole, tenth) {
                (0, 0) => f.write_str("0"),
                (w, 0) => write!(f, "{sign}{w}"),
                (w, t) => write!(f, "{sign}{w}.{t}"),
            };
        }
        let s = format!("{:.1}", self.0);
        let s = s.strip_suffix(".0").unwrap_or(&s);
        f.write_str(if s == "-0" { "0" } else { s })
    }
}

/// The sine and cosine of `turns` full turns (1 turn = 360°), from basic arithmetic only so
/// that every platform gives the same bits.
pub fn sin_cos(turns: f64) -> (f64, f64) {
    // Reduce to [-1/2, 1/2] turn, then to radians in [-π, π].
    let t = turns - turns.round();
    let x = t * 2.0 * std::f64::consts::PI;
    // Taylor series; |x| ≤ π, so 30 terms leave an error far below one drawing unit.
    let (mut sin, mut cos) = (0.0, 0.0);
    let (mut term_s, mut term_c) = (x, 1.0);
    for k in 0..15 {
        sin += term_s;
        cos += term_c;
        let a = (2 * k + 2) as f64;
        let b = (2 * k + 3) as f64;
        term_s = -term_s * x * x / (a * b);
        term_c = -term_c * x * x / ((a - 1.0) * a);
    }
    (sin, cos)
}

/// Horizontal anchor of a text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Text starts at x.
    Start,
    /// Text is centred on x.
    Middle,
    /// Text ends at x.
    End,
}

impl Anchor {
    fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A text's look.
#[derive(Clone, Copy)]
pub struct Font {
    /// Size in user units.
    pub size: f64,
    /// Colour.
    pub fill: &'static str,
    /// Bold.
    pub bold: bool,
}

impl Font {
    /// Regular text of `size` in `fill`.
    pub const fn new(size: f64, fill: &'static str) -> Font {
        Font {
            size,
            fill,
            bold: false,
        }
    }

    /// The same, bold.
    pub const fn bold(self) -> Font {
        Font { bold: true, ..self }
    }
}

/// An SVG document being written.
pub struct Svg {
    out: String,
}

impl Svg {
    /// Starts a chart of `width` × `height` user units with an accessible title and
    /// description.
    pub fn new(width: f64, height: f64, title: &str, desc: &str) -> Svg {
        let mut out = String::with_capacity(16 * 1024);
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" font-family="{font}">"#,
            w = num(width),
            h = num(height),
            font = FONT,
        );
        let _ = write!(
            out,
            "<title>{}</title><desc>{}</desc>",
            xml(title),
            xml(desc)
        );
        let _ = write!(
            out,
            r##"<rect x="0" y="0" width="{}" height="{}" fill="#ffffff"/>"##,
            num(width),
            num(height)
        );
        Svg { out }
    }

    /// A line.
    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: Stroke<'_>) {
        let _ = write!(
            self.out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}"{}/>"#,
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            stroke.attrs()
        );
    }

    /// The chart's title, at the top left.
    pub fn heading(&mut self, title: &str) {
        self.text(
            20.0,
            28.0,
            Anchor::Start,
            Font::new(17.0, colour::INK).bold(),
            title,
        );
    }

    /// A legend entry at `x`: a 16×14 swatch and its label. Returns where the next entry
    /// starts.
    pub fn legend_swatch(
        &mut self,
        x: f64,
        fill: &str,
        stroke: Option<Stroke<'_>>,
        label: &str,
    ) -> f64 {
        self.rect((x, 42.0, 16.0, 14.0), fill, stroke, None);
        self.text(
            x + 22.0,
            54.0,
            Anchor::Start,
            Font::new(13.0, colour::INK),
            label,
        );
        legend_next(x, label)
    }

    /// A legend entry at `x`: a short line at `line_y` and its label at `text_y`. Returns
    /// where the next entry starts.
    pub fn legend_line(
        &mut self,
        x: f64,
        (line_y, text_y): (f64, f64),
        stroke: Stroke<'_>,
        label: &str,
    ) -> f64 {
        self.line(x, line_y, x + 26.0, line_y, stroke);
        self.text(
            x + 32.0,
            text_y,
            Anchor::Start,
            Font::new(13.0, colour::INK),
            label,
        );
        legend_next(x, label)
    }

    /// A rectangle `(x, y, width, height)`, with an optional outline and tooltip.
    pub fn rect(
        &mut self,
        (x, y, w, h): (f64, f64, f64, f64),
        fill: &str,
        stroke: Option<Stroke<'_>>,
        tip: Option<&str>,
    ) {
        let _ = write!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}"{}"#,
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0)),
            stroke.map(|s| s.attrs()).unwrap_or_default()
        );
        self.close(tip, "rect");
    }

    /// A circle, with an optional outline and tooltip.
    pub fn circle(
        &mut self,
        (cx, cy, r): (f64, f64, f64),
        fill: &str,
        stroke: Option<Stroke<'_>>,
        tip: Option<&str>,
    ) {
        let _ = write!(
            self.out,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{fill}"{}"#,
            num(cx),
            num(cy),
            num(r),
            stroke.map(|s| s.attrs()).unwrap_or_default()
        );
        self.close(tip, "circle");
    }

    /// A closed polygon (`close`) or an open polyline through `points`, filled with
    /// `(colour, opacity)`.
    pub fn poly(
        &mut self,
        points: &[(f64, f64)],
        close: bool,
        (fill, opacity): (&str, f64),
        stroke: Stroke<'_>,
    ) {
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
            .collect();
        let _ = write!(
            self.out,
            r#"<{tag} points="{}" fill="{fill}" fill-opacity="{}"{} stroke-linejoin="round"/>"#,
            pts.join(" "),
            num_fine(opacity),
            stroke.attrs(),
            tag = if close { "polygon" } else { "polyline" },
        );
    }

    /// A path from its `d` data (built by the caller with [`num`]).
    pub fn path(&mut self, d: &str, fill: &str, stroke: Option<(&str, f64)>) {
        let _ = write!(self.out, r#"<path d="{d}" fill="{fill}""#);
        if let Some((colour, width)) = stroke {
            let _ = write!(
                self.out,
                r#" stroke="{colour}" stroke-width="{}""#,
                num(width)
            );
        }
        self.out.push_str("/>");
    }

    /// A one-line text.
    pub fn text(&mut self, x: f64, y: f64, anchor: Anchor, font: Font, text: &str) {
        self.text_lines(x, y, anchor, font, &[text]);
    }

    /// A text of several lines, the first at `y`, each further one a line lower.
    pub fn text_lines(&mut self, x: f64, y: f64, anchor: Anchor, font: Font, lines: &[&str]) {
        let _ = write!(
            self.out,
            r#"<text x="{}" y="{}" font-size="{}" fill="{}" text-anchor="{}"{}>"#,
            num(x),
            num(y),
            num(font.size),
            font.fill,
            anchor.as_str(),
            if font.bold {
                r#" font-weight="bold""#
            } else {
                ""
            }
        );
        if let [one] = lines {
            self.out.push_str(&xml(one));
        } else {
            for (i, line) in lines.iter().enumerate() {
                let _ = write!(
                    self.out,
                    r#"<tspan x="{}" dy="{}">{}</tspan>"#,
                    num(x),
                    num(if i == 0 { 0.0 } else { font.size * 1.2 }),
                    xml(line)
                );
            }
        }
        self.out.push_str("</text>");
    }

    /// Opens a group with a tooltip (closed by [`Svg::end_group`]).
    pub fn group(&mut self, tip: &str) {
        let _ = write!(self.out, "<g><title>{}</title>", xml(tip));
    }

    /// Closes a group.
    pub fn end_group(&mut self) {
        self.out.push_str("</g>");
    }

    /// The finished document.
    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }

    fn close(&mut self, tip: Option<&str>, tag: &str) {
        match tip {
            Some(t) => {
                let _ = write!(self.out, "><title>{}</title></{tag}>", xml(t));
            }
            None => self.out.push_str("/>"),
        }
    }
}

/// The outline of a shape or a line.
#[derive(Clone, Copy)]
pub struct Stroke<'a> {
    /// Colour.
    pub colour: &'a str,
    /// Width.
    pub width: f64,
    /// Dash pattern (`"5 3"`), solid when `None`.
    pub dash: Option<&'a str>,
}

impl<'a> Stroke<'a> {
    /// A stroke of `colour` and `width`, dashed with `dash` when given.
    pub fn new(colour: &'a str, width: f64, dash: Option<&'a str>) -> Stroke<'a> {
        Stroke {
            colour,
            width,
            dash,
        }
    }

    fn attrs(&self) -> String {
        let mut a = format!(
            r#" stroke="{}" stroke-width="{}""#,
            self.colour,
            num(self.width)
        );
        if let Some(d) = self.dash {
            let _ = write!(a, r#" stroke-dasharray="{d}""#);
        }
        a
    }
}

/// Writes an opacity or other small fraction with two decimals.
fn num_fine(v: f64) -> String {
    let s = format!("{:.2}", v.clamp(0.0, 1.0));
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Parses an exact decimal string for drawing only (see the module docs).
pub fn coord(value: &str) -> f64 {
    value.parse().unwrap_or(0.0)
}

/// Splits a label into at most two lines at the space nearest its middle when it is longer
/// than `max` characters.
pub fn wrap(label: &str, max: usize) -> Vec<String> {
    let chars = label.chars().count();
    if chars <= max {
        return vec![label.to_string()];
    }
    let mid = chars / 2;
    let best = label
        .char_indices()
        .filter(|(_, c)| *c == ' ')
        .map(|(i, _)| (label[..i].chars().count().abs_diff(mid), i))
        .min();
    match best {
        Some((_, i)) => vec![label[..i].to_string(), label[i + 1..].to_string()],
        None => vec![label.to_string()],
    }
}

/// Rough width of a character in units of a Latin letter, for laying out legends: CJK and
/// other wide characters take two.
/// Where the legend entry after one at `x` labelled `label` starts.
fn legend_next(x: f64, label: &str) -> f64 {
    x + 44.0 + 7.5 * label.chars().map(char_width).sum::<f64>()
}

pub fn char_width(c: char) -> f64 {
    if c.is_ascii() {
        1.0
    } else if ('\u{2e80}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c) {
        2.0
    } else {
        1.2
    }
}

/// Cuts `label` to about `max` Latin-letter widths, ending it with `…` when cut.
pub fn ellipsize(label: &str, max: f64) -> String {
    if label.chars().map(char_width).sum::<f64>() <= max + 1.0 {
        return label.to_string();
    }
    let mut cut = String::new();
    let mut used = 0.0;
    for c in label.chars() {
        used += char_width(c);
        if used > max {
            break;
        }
        cut.push(c);
    }
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(num(1.0).to_string(), "1");
        assert_eq!(num(1.25).to_string(), "1.2");
        assert_eq!(num(-0.01).to_string(), "0");
        assert_eq!(num(12.36).to_string(), "12.4");
        assert_eq!(num(f64::NAN).to_string(), "0");
    }

    #[test]
    fn numbers_are_what_one_decimal_formatting_gives() {
        let reference = |v: f64| {
            let s = format!("{v:.1}");
            let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
            if s == "-0" {
                "0".to_string()
            } else {
                s
            }
        };
        // Ties in binary and in decimal, near-ties, negatives, thirds, large and tiny values.
        let mut values = vec![
            0.05, 0.15, 0.25, 0.35, -0.05, -0.25, 1e9, -1e12, 1e-300, 2.5e8,
        ];
        for i in -40_000..40_000 {
            let i = f64::from(i);
            values.extend([i / 100.0, i / 3.0, i / 7.0 + 0.05, i * 0.1 + 0.05, i / 40.0]);
        }
        for v in values {
            assert_eq!(num(v).to_string(), reference(v), "{v:e}");
        }
    }

    #[test]
    fn the_sine_matches_the_platform_to_drawing_precision() {
        for i in 0..=80 {
            let turns = f64::from(i) / 40.0 - 1.0;
            let (s, c) = sin_cos(turns);
            let x = turns * 2.0 * std::f64::consts::PI;
            assert!((s - x.sin()).abs() < 1e-12, "{turns}");
            assert!((c - x.cos()).abs() < 1e-12, "{turns}");
        }
    }

    #[test]
    fn labels_wrap_at_the_middle_space() {
        assert_eq!(wrap("Data", 12), ["Data"]);
        assert_eq!(
            wrap("Warehousing and distribution", 14),
            ["Warehousing and", "distribution"]
        );
        assert_eq!(wrap("仓储配送", 2), ["仓储配送"]);
    }
}
