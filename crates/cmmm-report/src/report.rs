//! The report of one assessment, as a [`Document`]: what it holds and in which order
//! (method.md §6). It leads with pictures: the key figures, the level ladder and the radar
//! come first; then progress (with a previous assessment), the assessee, scope and
//! provenance, the result in detail, sub-domain scores and strengths, gaps and the plan, and
//! every rated requirement with its evidence and comment.

use std::collections::HashMap;

use cmmm_model::{Assessment, Lang, Model, Rating, ScalePoint, SourceStatus};
use cmmm_score::{Gap, Outcome, Programmes, Score};

use crate::bars::{self, HBar, VSeries};
use crate::doc::{
    strong, text, Banner, Block, Cell, Chart, Document, Figure, Inline, Row, Section, Table, Tone,
};
use crate::figures::{self, delta, meets, own_level};
use crate::i18n::{words, Words};
use crate::svg::{colour, coord};
use crate::{ladder, radar};

/// Further gaps (beyond the plan) listed in the gap table.
const FURTHER_GAPS: usize = 15;
/// Strengths listed when no sub-domain is ahead of the enterprise's level.
const CLOSEST: usize = 3;

/// Everything a report of one assessment is made from.
#[derive(Clone, Copy)]
pub struct Report<'a> {
    /// The model the assessment was scored against (names, texts, scale, gate, bands).
    pub model: &'a Model,
    /// The assessment as given (ratings, evidence, comments).
    pub assessment: &'a Assessment,
    /// Its result.
    pub outcome: &'a Outcome,
    /// An earlier assessment of the same enterprise and its result, for the progress section.
    pub previous: Option<(&'a Assessment, &'a Outcome)>,
    /// Programme names and conditions for the thresholds.
    pub programmes: &'a Programmes,
    /// Language of the texts.
    pub lang: Lang,
}

impl<'a> Report<'a> {
    /// A report in English with the embedded programme data and no previous assessment.
    pub fn new(model: &'a Model, assessment: &'a Assessment, outcome: &'a Outcome) -> Report<'a> {
        Report {
            model,
            assessment,
            outcome,
            previous: None,
            programmes: Programmes::embedded(),
            lang: Lang::En,
        }
    }

    /// The same report in `lang`.
    pub fn lang(self, lang: Lang) -> Report<'a> {
        Report { lang, ..self }
    }

    /// The same report with a progress section against an earlier assessment.
    pub fn previous(self, assessment: &'a Assessment, outcome: &'a Outcome) -> Report<'a> {
        Report {
            previous: Some((assessment, outcome)),
            ..self
        }
    }

    /// The report as one self-contained HTML file (inline CSS and SVG, no script, no
    /// network, printable on A4).
    pub fn html(&self) -> String {
        crate::html::write(&document(self))
    }

    /// A plain-text summary for a terminal (`cmmm score`): the warnings first, the level,
    /// S, T(n), the thresholds and the plan to the target level as requirement texts.
    pub fn text(&self) -> String {
        crate::summary::write(self)
    }

    /// The report as Markdown. With `images`, each chart is linked as the image
    /// `{images}.{name}.svg` (write [`Report::charts`] beside the Markdown file); without,
    /// the Markdown stands alone with its tables.
    pub fn markdown(&self, images: Option<&str>) -> String {
        crate::markdown::write(&document(self), images)
    }

    /// The charts of the report as `(name, SVG)` pairs, in the order they appear.
    pub fn charts(&self) -> Vec<(&'static str, String)> {
        crate::doc::charts(document(self))
    }
}

/// Builds the document of a report.
pub(crate) fn document(r: &Report<'_>) -> Document {
    let w = words(r.lang);
    let o = r.outcome;
    let mut sections = vec![glance(r, w)];
    if let Some(previous) = r.previous {
        sections.push(progress(r, w, previous));
    }
    sections.push(assessee(r, w));
    sections.push(result(r, w));
    sections.push(sub_domains(r, w));
    sections.push(gaps(r, w));
    sections.push(requirements(r, w));
    if let Some(section) = raters(r, w) {
        sections.push(section);
    }
    if let Some(section) = evidence(r, w) {
        sections.push(section);
    }
    Document {
        title: w.report_title.to_string(),
        subtitle: assessee_name(o, w),
        lang: w.html_lang,
        banners: banners(r, w),
        sections,
        footer: vec![text(w.footer(&o.model.id, &o.model.version))],
    }
}

/// The enterprise's name, else the assessment id.
pub(crate) fn assessee_name(o: &Outcome, w: &Words) -> String {
    o.assessment
        .enterprise
        .as_ref()
        .and_then(|e| e.name.clone())
        .or_else(|| o.assessment.id.clone())
        .unwrap_or_else(|| w.unnamed.to_string())
}

/// "Self-assessment, not certified" always; the unofficial-model warning whenever a part of
/// the model is illustrative or a placeholder; unrated requirements scored as none.
pub(crate) fn banners(r: &Report<'_>, w: &Words) -> Vec<Banner> {
    let o = r.outcome;
    let mut out = vec![Banner {
        tone: Tone::Info,
        content: vec![strong(w.self_assessed_title), text(w.self_assessed_text)],
    }];
    let unofficial = unofficial_parts(o, w);
    if !unofficial.is_empty() || o.warnings.iter().any(|x| x.code == "unofficial-model") {
        // One box, in the report's words: the engine's own warning says the same.
        out.push(Banner {
            tone: Tone::Bad,
            content: vec![
                strong(w.unofficial_title),
                text(w.unofficial_text(&unofficial.join(w.list_sep))),
            ],
        });
    }
    for warning in o.warnings.iter().filter(|x| x.code != "unofficial-model") {
        let mut content = vec![text(warning.message.get(r.lang))];
        if !warning.ids.is_empty() {
            content.push(Inline::Break);
            content.push(Inline::Code(
                warning
                    .ids
                    .iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
        }
        out.push(Banner {
            tone: Tone::Warn,
            content,
        });
    }
    out
}

/// "requirements: illustrative" for every unofficial part of the result's model.
pub(crate) fn unofficial_parts(o: &Outcome, w: &Words) -> Vec<String> {
    let p = &o.model.provenance;
    [
        (w.part_structure, p.structure),
        (w.part_requirements, p.requirements),
        (w.part_method, p.method),
        (w.part_weights, p.weights),
    ]
    .iter()
    .filter(|(_, s)| s.is_unofficial())
    .map(|(part, s)| format!("{part}{}{}", w.colon, w.status(*s)))
    .collect()
}

fn section(id: &'static str, title: &str, blocks: Vec<Block>) -> Section {
    Section {
        id,
        title: title.to_string(),
        page_break: true,
        blocks,
    }
}

pub(crate) fn level_label(model: &Model, level: u8, lang: Lang) -> String {
    figures::level_name(model, level, lang)
}

fn sub_domain_name<'m>(model: &'m Model, id: &'m str, lang: Lang) -> &'m str {
    model
        .sub_domain_index(id)
        .and_then(|i| model.layout().sub_domains.get(i))
        .map_or(id, |n| n.name.get(lang))
}

pub(crate) fn requirement_text<'m>(model: &'m Model, id: &str, lang: Lang) -> &'m str {
    model
        .requirement_index(id)
        .and_then(|i| model.layout().requirements.get(i))
        .map_or("", |q| q.text.get(lang))
}

/// The scale point a rating names (`Model::scale_point`), for its label.
fn scale_point<'m>(model: &'m Model, input: &Rating) -> Option<&'m ScalePoint> {
    model.scale_point(input).map(|i| &model.scale()[i])
}

pub(crate) fn scale_key_label(model: &Model, key: &str, lang: Lang) -> String {
    model
        .scale()
        .iter()
        .find(|p| p.key == key)
        .map_or_else(|| key.to_string(), |p| p.label.get(lang).to_string())
}

// ---------------------------------------------------------------------------------------
// At a glance

fn glance(r: &Report<'_>, w: &Words) -> Section {
    let (m, o, lang) = (r.model, r.outcome, r.lang);
    let mut figures = vec![
        Figure {
            label: w.level.to_string(),
            value: o.level.to_string(),
            note: figures::level_name(m, o.level, lang),
            tone: if o.meets_level_2 {
                Tone::Good
            } else if o.level == 0 {
                Tone::Bad
            } else {
                Tone::Warn
            },
        },
        Figure {
            label: w.total_s.to_string(),
            value: figures::shown(&o.total, &figures::band_bounds(m)),
            note: w.rule_short(o.model.total_rule),
            tone: Tone::Plain,
        },
        Figure {
            label: w.meets_level_2.to_string(),
            value: w.yes_no(o.meets_level_2).to_string(),
            note: w.meets_level_2_note.to_string(),
            tone: if o.meets_level_2 {
                Tone::Good
            } else {
                Tone::Bad
            },
        },
    ];
    match &o.gaps {
        Some(g) if !g.reached => figures.push(Figure {
            label: w.plan_to(&level_label(m, g.target, lang)),
            value: g.plan.upgrades.len().to_string(),
            note: w.plan_note(&g.plan.total.display(), g.plan.level),
            tone: Tone::Info,
        }),
        Some(g) => figures.push(Figure {
            label: w.target_level.to_string(),
            value: g.target.to_string(),
            note: w.target_reached.to_string(),
            tone: Tone::Good,
        }),
        None => figures.push(Figure {
            label: w.target_level.to_string(),
            value: "—".to_string(),
            note: w.top_level_reached.to_string(),
            tone: Tone::Good,
        }),
    }
    let blocks = vec![
        Block::Figures(figures),
        Block::Chart(Chart {
            name: "ladder",
            alt: w.ladder_title.to_string(),
            svg: ladder::assessment(m, o, lang),
        }),
        Block::Chart(Chart {
            name: "radar",
            alt: w.radar_title.to_string(),
            svg: radar::assessment(m, o, lang),
        }),
        Block::Para(vec![text(w.glance_reading)]),
        Block::Para(vec![text(w.figures_reading)]),
    ];
    Section {
        page_break: false,
        ..section("glance", w.glance_title, blocks)
    }
}

// ---------------------------------------------------------------------------------------
// Progress

fn progress(r: &Report<'_>, w: &Words, (pa, po): (&Assessment, &Outcome)) -> Section {
    let (m, o, lang) = (r.model, r.outcome, r.lang);
    let mut blocks = Vec::new();
    let when = |x: &Outcome| {
        format!(
            "{} ({})",
            x.assessment.id.clone().unwrap_or_else(|| "—".into()),
            x.assessment
                .assessed_on
                .clone()
                .unwrap_or_else(|| "—".into())
        )
    };
    blocks.push(Block::Para(vec![text(
        w.progress_intro(&when(po), &when(o)),
    )]));
    let name = |x: &Outcome| {
        x.assessment
            .enterprise
            .as_ref()
            .and_then(|e| e.name.clone())
    };
    let code = |x: &Outcome| {
        x.assessment
            .enterprise
            .as_ref()
            .and_then(|e| e.code.clone())
    };
    if name(po) != name(o) || code(po) != code(o) {
        blocks.push(Block::Notice(
            Tone::Warn,
            vec![text(w.progress_other_enterprise(&assessee_name(po, w)))],
        ));
    }
    if po.model.id != o.model.id || po.model.version != o.model.version {
        blocks.push(Block::Notice(
            Tone::Warn,
            vec![text(w.progress_other_model(&format!(
                "{} {}",
                po.model.id, po.model.version
            )))],
        ));
    }
    if po.profile != o.profile {
        blocks.push(Block::Notice(
            Tone::Warn,
            vec![text(w.progress_other_profile(&figures::profile_name(
                m,
                &po.profile,
                lang,
            )))],
        ));
    }

    // Key figures: S and level.
    let ds = delta(&po.total, &o.total);
    blocks.push(Block::Figures(vec![
        Figure {
            label: w.total_s.to_string(),
            value: format!("{} → {}", po.total.display(), o.total.display()),
            note: figures::shown_change(&po.total, &o.total),
            tone: ds.map_or(Tone::Plain, tone_of),
        },
        Figure {
            label: w.level.to_string(),
            value: format!("{} → {}", po.level, o.level),
            note: figures::level_name(m, o.level, lang),
            tone: match o.level.cmp(&po.level) {
                std::cmp::Ordering::Greater => Tone::Good,
                std::cmp::Ordering::Less => Tone::Bad,
                std::cmp::Ordering::Equal => Tone::Plain,
            },
        },
    ]));

    // T(n) before and after.
    let gate_text = m.doc().gate.to_string();
    let categories: Vec<(String, String)> = o
        .levels
        .iter()
        .map(|l| {
            (
                format!("T({})", l.level),
                figures::level_name(m, l.level, lang),
            )
        })
        .collect();
    let t_of = |x: &Outcome, level: u8| {
        x.levels
            .iter()
            .find(|l| l.level == level)
            .map(|l| l.score.clone())
    };
    let series = |x: &Outcome, name: String, colour: &'static str| VSeries {
        name,
        colour,
        values: o
            .levels
            .iter()
            .map(|l| t_of(x, l.level).map(|s| (coord(&s.value()), s.display())))
            .collect(),
    };
    blocks.push(Block::Chart(Chart {
        name: "progress",
        alt: w.progress_chart_title.to_string(),
        svg: bars::vertical(
            w.progress_chart_title,
            &w.progress_intro(&when(po), &when(o)),
            &categories,
            &[
                series(po, w.previous_label(&when(po)), colour::OFF),
                series(o, w.current_label(&when(o)), colour::FIRST),
            ],
            true,
            Some((coord(&gate_text), &w.gate_of(&gate_text))),
        ),
    }));
    let mut rows = Vec::new();
    for l in &o.levels {
        let before = t_of(po, l.level);
        rows.push(delta_row(
            vec![
                Cell::text(format!("T({})", l.level)),
                Cell::text(figures::level_name(m, l.level, lang)),
            ],
            before.as_ref(),
            Some(&l.score),
        ));
    }
    rows.push(delta_row(
        vec![Cell::inline(vec![strong("S")]), Cell::text(w.total_s)],
        Some(&po.total),
        Some(&o.total),
    ));
    blocks.push(Block::Table(Table {
        head: vec![
            w.col_score.into(),
            w.col_name.into(),
            w.col_before.into(),
            w.col_after.into(),
            w.col_change.into(),
        ],
        numeric: vec![false, false, true, true, true],
        rows,
    }));

    // Sub-domains × levels: what moved.
    blocks.push(Block::Heading(w.progress_matrix_title.to_string()));
    blocks.push(Block::Para(vec![text(w.progress_matrix_note)]));
    let levels: Vec<u8> = o.levels.iter().map(|l| l.level).collect();
    let mut head = vec![w.col_sub_domain.to_string()];
    head.extend(levels.iter().map(|n| format!("D({n})")));
    let mut numeric = vec![false];
    numeric.extend(levels.iter().map(|_| true));
    let mut rows = Vec::new();
    let layout = m.layout();
    for node in &layout.sub_domains {
        let now = o.sub_domains.iter().find(|s| s.id == node.id);
        let then = po.sub_domains.iter().find(|s| s.id == node.id);
        let mut cells = vec![Cell::text(node.name.get(lang))];
        for n in &levels {
            let score = |x: Option<&cmmm_score::NodeScores>| x.and_then(|s| s.score(*n)).cloned();
            cells.push(match (score(then), score(now)) {
                (Some(b), Some(a)) => match delta(&b, &a) {
                    Some(d) if figures::sign(d) != std::cmp::Ordering::Equal => Cell::toned(
                        format!(
                            "{} → {} ({})",
                            b.display(),
                            a.display(),
                            figures::shown_change(&b, &a)
                        ),
                        tone_of(d),
                    ),
                    _ => Cell::toned(a.display(), Tone::Muted),
                },
                (None, Some(a)) => Cell::toned(format!("— → {}", a.display()), Tone::Info),
                (Some(b), None) => Cell::toned(format!("{} → —", b.display()), Tone::Muted),
                (None, None) => Cell::toned("—", Tone::Muted),
            });
        }
        rows.push(Row::cells(cells));
    }
    blocks.push(Block::Table(Table {
        head,
        numeric,
        rows,
    }));

    // Requirements whose rating moved.
    let moved = moved_requirements(m, pa, r.assessment);
    let (up, down) = (
        moved.iter().filter(|x| x.up).count(),
        moved.iter().filter(|x| !x.up).count(),
    );
    blocks.push(Block::Heading(w.progress_moved_title.to_string()));
    blocks.push(Block::Para(vec![text(w.progress_moved(up, down))]));
    if !moved.is_empty() {
        blocks.push(Block::Table(Table {
            head: vec![
                w.col_requirement.into(),
                w.col_sub_domain.into(),
                w.col_level.into(),
                w.col_text.into(),
                w.col_before.into(),
                w.col_after.into(),
            ],
            numeric: vec![false, false, true, false, false, false],
            rows: moved
                .iter()
                .map(|x| {
                    let tone = if x.up { Tone::Good } else { Tone::Bad };
                    Row::cells(vec![
                        Cell::code(x.id.clone()),
                        Cell::text(sub_domain_name(m, &x.sub_domain, lang)),
                        Cell::text(x.level.to_string()),
                        Cell::text(requirement_text(m, &x.id, lang)),
                        Cell::text(
                            x.before
                                .map_or(w.not_rated.to_string(), |p| p.label.get(lang).to_string()),
                        ),
                        Cell::toned(
                            x.after
                                .map_or(w.not_rated.to_string(), |p| p.label.get(lang).to_string()),
                            tone,
                        ),
                    ])
                })
                .collect(),
        }));
    }
    section("progress", w.progress_title, blocks)
}

fn tone_of(d: cmmm_model::Ratio) -> Tone {
    match figures::sign(d) {
        std::cmp::Ordering::Greater => Tone::Good,
        std::cmp::Ordering::Less => Tone::Bad,
        std::cmp::Ordering::Equal => Tone::Plain,
    }
}

fn delta_row(mut cells: Vec<Cell>, before: Option<&Score>, after: Option<&Score>) -> Row {
    let show = |s: Option<&Score>| s.map_or("—".to_string(), |s| s.display());
    cells.push(Cell::text(show(before)));
    cells.push(Cell::text(show(after)));
    cells.push(match (before, after) {
        (Some(b), Some(a)) => match delta(b, a) {
            Some(d) => Cell::toned(figures::shown_change(b, a), tone_of(d)),
            None => Cell::text("—"),
        },
        _ => Cell::toned("—", Tone::Muted),
    });
    Row::cells(cells)
}

/// A requirement whose rating differs between two assessments.
struct Moved<'m> {
    id: String,
    sub_domain: String,
    level: u8,
    before: Option<&'m ScalePoint>,
    after: Option<&'m ScalePoint>,
    up: bool,
}

fn moved_requirements<'m>(m: &'m Model, before: &Assessment, after: &Assessment) -> Vec<Moved<'m>> {
    let point = |a: &Assessment, id: &str| {
        a.ratings
            .get(id)
            .and_then(|x| x.rating.as_ref())
            .and_then(|x| scale_point(m, x))
    };
    let layout = m.layout();
    let mut out = Vec::new();
    for q in &layout.requirements {
        let (b, a) = (point(before, &q.id), point(after, &q.id));
        let value = |p: Option<&ScalePoint>| p.map(|p| p.value);
        if value(b) == value(a) {
            continue;
        }
        let up = match (b, a) {
            (Some(b), Some(a)) => a.value > b.value,
            (None, Some(_)) => true,
            _ => false,
        };
        out.push(Moved {
            id: q.id.to_string(),
            sub_domain: layout
                .sub_domains
                .get(q.sub_domain)
                .map_or_else(String::new, |s| s.id.to_string()),
            level: q.level,
            before: b,
            after: a,
            up,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------
// Assessee, scope and provenance

fn assessee(r: &Report<'_>, w: &Words) -> Section {
    let (m, o, lang) = (r.model, r.outcome, r.lang);
    let e = o.assessment.enterprise.clone().unwrap_or_default();
    let dash = |x: &Option<String>| x.clone().unwrap_or_else(|| "—".to_string());
    let facts = vec![
        (w.enterprise, dash(&e.name)),
        (w.enterprise_code, dash(&e.code)),
        (w.industry, dash(&e.industry)),
        (w.region, dash(&e.region)),
        (w.assessment_id, dash(&o.assessment.id)),
        (w.assessed_on, dash(&o.assessment.assessed_on)),
        (w.assessor, dash(&o.assessment.assessor)),
        (
            w.profile,
            format!(
                "{} ({})",
                figures::profile_name(m, &o.profile, lang),
                o.profile
            ),
        ),
        (
            w.scope,
            w.scope_counts(
                o.sub_domain_levels.len(),
                m.layout().sub_domains.len(),
                o.scope.requirements,
            ),
        ),
    ];
    let mut blocks = vec![Block::Table(Table {
        head: vec![w.col_item.into(), w.col_value.into()],
        numeric: vec![false, false],
        rows: facts
            .into_iter()
            .map(|(k, v)| Row::cells(vec![Cell::inline(vec![strong(k)]), Cell::text(v)]))
            .collect(),
    })];

    blocks.push(Block::Heading(w.scope_title.to_string()));
    let mut scope_rows = Vec::new();
    for t in &o.scope.tailored {
        scope_rows.push(Row::cells(vec![
            Cell::text(sub_domain_name(m, &t.sub_domain, lang)),
            Cell::toned(w.tailored_out, Tone::Warn),
            Cell::text(t.reason.clone()),
        ]));
    }
    for id in &o.scope.excluded {
        scope_rows.push(Row::cells(vec![
            Cell::text(sub_domain_name(m, id, lang)),
            Cell::toned(w.excluded, Tone::Muted),
            Cell::text(w.excluded_reason),
        ]));
    }
    for id in &o.scope.included {
        scope_rows.push(Row::cells(vec![
            Cell::text(sub_domain_name(m, id, lang)),
            Cell::toned(w.included, Tone::Info),
            Cell::text(w.included_reason),
        ]));
    }
    if scope_rows.is_empty() {
        blocks.push(Block::Para(vec![text(w.scope_full)]));
    } else {
        blocks.push(Block::Para(vec![text(w.scope_intro)]));
        blocks.push(Block::Table(Table {
            head: vec![
                w.col_sub_domain.into(),
                w.col_scope.into(),
                w.col_reason.into(),
            ],
            numeric: vec![false, false, false],
            rows: scope_rows,
        }));
    }

    blocks.push(Block::Heading(w.provenance_title.to_string()));
    blocks.push(Block::Para(vec![text(w.provenance_intro(
        m.doc().title.get(lang),
        &o.model.id,
        &o.model.version,
    ))]));
    let doc = m.doc();
    let weights_note = m.profile(&o.profile).map_or_else(String::new, |(p, _)| {
        p.weights_provenance.note.get(lang).to_string()
    });
    let p = &o.model.provenance;
    let rows = [
        (
            w.part_structure,
            p.structure,
            doc.provenance.structure.note.get(lang).to_string(),
        ),
        (
            w.part_requirements,
            p.requirements,
            doc.provenance.requirements.note.get(lang).to_string(),
        ),
        (
            w.part_method,
            p.method,
            doc.provenance.method.note.get(lang).to_string(),
        ),
        (w.part_weights, p.weights, weights_note),
    ]
    .into_iter()
    .map(|(part, status, note)| {
        Row::cells(vec![
            Cell::inline(vec![strong(part)]),
            Cell::toned(w.status(status), status_tone(status)),
            Cell::text(note),
        ])
    })
    .collect();
    blocks.push(Block::Table(Table {
        head: vec![w.col_part.into(), w.col_status.into(), w.col_source.into()],
        numeric: vec![false, false, false],
        rows,
    }));
    blocks.push(Block::Para(vec![text(w.status_legend)]));
    section("assessee", w.assessee_title, blocks)
}

fn status_tone(s: SourceStatus) -> Tone {
    match s {
        SourceStatus::Official => Tone::Good,
        SourceStatus::Verified | SourceStatus::Reported => Tone::Plain,
        SourceStatus::Illustrative | SourceStatus::Placeholder => Tone::Bad,
    }
}

// ---------------------------------------------------------------------------------------
// The result in detail

fn result(r: &Report<'_>, w: &Words) -> Section {
    let (m, o, lang) = (r.model, r.outcome, r.lang);
    let gate_text = m.doc().gate.to_string();
    let gate = figures::gate(m);
    let mut blocks = vec![Block::Para(vec![
        text(w.result_level_intro),
        strong(figures::level_name(m, o.level, lang)),
        text(w.result_total(
            &figures::shown(&o.total, &figures::band_bounds(m)),
            &o.total.value(),
        )),
        text(w.rule_long(o.model.total_rule, &gate_text)),
    ])];

    blocks.push(Block::Heading(w.level_scores_title.to_string()));
    blocks.push(Block::Table(Table {
        head: vec![
            w.col_score.into(),
            w.col_name.into(),
            w.col_level_score.into(),
            w.gate_of(&gate_text),
            w.col_counted.into(),
        ],
        numeric: vec![false, false, false, false, false],
        rows: o
            .levels
            .iter()
            .map(|l| {
                Row::cells(vec![
                    Cell::inline(vec![strong(format!("T({})", l.level))]),
                    Cell::text(figures::level_name(m, l.level, lang)),
                    Cell::inline(vec![Inline::Bar(
                        coord(&l.score.value()),
                        figures::shown(&l.score, &[gate]),
                    )]),
                    Cell::toned(
                        if l.met { w.met } else { w.not_met },
                        if l.met { Tone::Good } else { Tone::Bad },
                    ),
                    Cell::toned(
                        w.yes_no(l.counted),
                        if l.counted { Tone::Plain } else { Tone::Muted },
                    ),
                ])
            })
            .collect(),
    }));

    blocks.push(Block::Heading(w.bands_title.to_string()));
    let bands = &m.doc().bands;
    blocks.push(Block::Table(Table {
        head: vec![w.col_level.into(), w.col_name.into(), w.col_range.into()],
        numeric: vec![true, false, false],
        rows: bands
            .iter()
            .rev()
            .enumerate()
            .map(|(i, b)| {
                let range = if i == 0 {
                    format!("{} ≤ S ≤ {}", b.min, b.max)
                } else {
                    format!("{} ≤ S < {}", b.min, b.max)
                };
                let here = b.level == o.level;
                let tone = if here { Tone::Good } else { Tone::Plain };
                let mut name = vec![text(level_label(m, b.level, lang))];
                if here {
                    name.push(text(" "));
                    name.push(strong(
                        w.here(&figures::shown(&o.total, &figures::band_bounds(m))),
                    ));
                }
                Row::cells(vec![
                    Cell::toned(b.level.to_string(), tone),
                    Cell {
                        content: name,
                        tone,
                    },
                    Cell::toned(range, tone),
                ])
            })
            .collect(),
    }));

    blocks.push(Block::Heading(w.thresholds_title.to_string()));
    let mut rows = vec![Row::cells(vec![
        Cell::inline(vec![strong(w.meets_level_2)]),
        Cell::text("—"),
        Cell::text("2"),
        Cell::text("—"),
        Cell::toned(
            w.yes_no(o.meets_level_2),
            if o.meets_level_2 {
                Tone::Good
            } else {
                Tone::Bad
            },
        ),
        Cell::text(w.meets_level_2_note),
    ])];
    for t in &o.thresholds {
        let p = r.programmes.get(&t.programme);
        let name = p.map_or_else(|| t.programme.to_string(), |p| p.name.get(lang).to_string());
        let conditions = p.map_or_else(String::new, |p| {
            let c = p.conditions.get(lang);
            if c.is_empty() {
                p.scope.get(lang).to_string()
            } else {
                format!("{} · {c}", p.scope.get(lang))
            }
        });
        let (met, tone) = match t.met {
            Some(true) => (w.met, Tone::Good),
            Some(false) => (w.not_met, Tone::Bad),
            None => (w.no_published_level, Tone::Muted),
        };
        rows.push(Row::cells(vec![
            Cell::text(name),
            Cell::text(p.map_or_else(|| "—".to_string(), |p| p.year.to_string())),
            Cell::text(w.minimum_level(p.and_then(|p| p.minimum_level), p.map(|p| p.level_status))),
            Cell::text(p.map_or("—", |p| w.yes_no(p.self_assessment))),
            Cell::toned(met, tone),
            Cell::text(conditions),
        ]));
    }
    blocks.push(Block::Table(Table {
        head: vec![
            w.col_programme.into(),
            w.col_year.into(),
            w.col_minimum.into(),
            w.col_self_ok.into(),
            w.col_met.into(),
            w.col_conditions.into(),
        ],
        numeric: vec![false, true, true, false, false, false],
        rows,
    }));
    blocks.push(Block::Para(vec![text(w.programmes_source(
        &r.programmes.version,
        r.programmes.source.get(lang),
    ))]));
    section("result", w.result_title, blocks)
}

// ---------------------------------------------------------------------------------------
// Sub-domain scores and strengths

fn sub_domains(r: &Report<'_>, w: &Words) -> Section {
    let (m, o, lang) = (r.model, r.outcome, r.lang);
    let gate = figures::gate(m);
    let layout = m.layout();
    let levels: Vec<u8> = o.levels.iter().map(|l| l.level).collect();
    let mut head = vec![w.col_sub_domain.to_string()];
    head.extend(levels.iter().map(|n| format!("D({n})")));
    head.push(w.col_sub_level.to_string());
    let mut numeric = vec![false];
    numeric.extend(levels.iter().map(|_| true));
    numeric.push(true);
    let mut rows = Vec::new();
    let mut strengths: Vec<(u8, usize, Option<Score>)> = Vec::new();
    let next = o.level.saturating_add(1).min(m.level_count());
    for (e, element) in layout.elements.iter().enumerate() {
        rows.push(Row::group(element.name.get(lang)));
        for (s, node) in layout.sub_domains.iter().enumerate() {
            if layout.domains.get(node.parent).map(|d| d.parent) != Some(e) {
                continue;
            }
            let mut cells = vec![Cell::text(node.name.get(lang))];
            let scores = o.sub_domains.iter().find(|x| x.id == node.id);
            let in_scope = o.in_scope().any(|id| id == &*node.id);
            for n in &levels {
                let score = scores.and_then(|x| x.score(*n)).cloned();
                cells.push(match score {
                    Some(sc) if meets(&sc, gate) => {
                        Cell::toned(figures::shown(&sc, &[gate]), Tone::Good)
                    }
                    Some(sc) => Cell::toned(figures::shown(&sc, &[gate]), Tone::Plain),
                    None => Cell::toned("—", Tone::Muted),
                });
            }
            match (in_scope, scores) {
                (true, Some(x)) => {
                    let own = own_level(x, gate);
                    let at_next = x.score(next).cloned();
                    strengths.push((own, s, at_next));
                    cells.push(Cell::toned(
                        own.to_string(),
                        if own > o.level {
                            Tone::Good
                        } else {
                            Tone::Plain
                        },
                    ));
                }
                _ => {
                    let why = if o.scope.tailored.iter().any(|t| *t.sub_domain == *node.id) {
                        w.tailored_out
                    } else {
                        w.excluded
                    };
                    cells.push(Cell::toned(why, Tone::Muted));
                }
            }
            rows.push(Row::cells(cells));
        }
    }
    let mut blocks = vec![
        Block::Para(vec![text(w.sub_domains_intro(&m.doc().gate.to_string()))]),
        Block::Table(Table {
            head,
            numeric,
            rows,
        }),
    ];

    // Strengths: sub-domains already above the enterprise's level; else the closest to the
    // next level.
    blocks.push(Block::Heading(w.strengths_title.to_string()));
    let mut ahead: Vec<&(u8, usize, Option<Score>)> = strengths
        .iter()
        .filter(|(own, _, _)| *own > o.level)
        .collect();
    ahead.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let name = |s: usize| layout.sub_domains.get(s).map_or("", |n| n.name.get(lang));
    if !ahead.is_empty() {
        blocks.push(Block::Para(vec![text(w.strengths_intro(o.level))]));
        blocks.push(Block::List(
            ahead
                .iter()
                .map(|(own, s, _)| {
                    vec![
                        strong(name(*s)),
                        text(" — "),
                        text(w.sub_domain_at(*own, &level_label(m, *own, lang))),
                    ]
                })
                .collect(),
        ));
    } else {
        let mut closest: Vec<&(u8, usize, Option<Score>)> =
            strengths.iter().filter(|x| x.2.is_some()).collect();
        closest.sort_by(|a, b| match (&a.2, &b.2) {
            (Some(x), Some(y)) => y.cmp_exact(x).then(a.1.cmp(&b.1)),
            _ => a.1.cmp(&b.1),
        });
        blocks.push(Block::Para(vec![text(w.strengths_none(next))]));
        blocks.push(Block::List(
            closest
                .iter()
                .take(CLOSEST)
                .map(|(_, s, at)| {
                    vec![
                        strong(name(*s)),
                        text(" — "),
                        text(format!(
                            "D({next}) = {}",
                            at.as_ref().map_or("—".to_string(), Score::display)
                        )),
                    ]
                })
                .collect(),
        ));
    }
    section("sub-domains", w.sub_domains_title, blocks)
}

// ---------------------------------------------------------------------------------------
// Gaps and the plan

fn gaps(r: &Report<'_>, w: &Words) -> Section {
    let (m, o, lang) = (r.model, r.outcome, r.lang);
    let Some(g) = &o.gaps else {
        return section(
            "gaps",
            w.gaps_title,
            vec![Block::Para(vec![text(w.top_level_reached)])],
        );
    };
    let target = level_label(m, g.target, lang);
    let mut blocks = Vec::new();
    if g.reached {
        blocks.push(Block::Para(vec![text(w.gaps_reached(&target))]));
    } else {
        blocks.push(Block::Para(vec![text(w.gaps_intro(
            &target,
            g.plan.upgrades.len(),
            &g.plan.total.display(),
            &level_label(m, g.plan.level, lang),
        ))]));
    }
    let by_id: HashMap<&str, &Gap> = g.items.iter().map(|x| (&*x.requirement, x)).collect();
    let plan: Vec<&Gap> = g
        .plan
        .upgrades
        .iter()
        .filter_map(|id| by_id.get(&**id).copied())
        .collect();

    if !plan.is_empty() {
        // Upgrades per sub-domain, most first (model order among equals).
        let layout = m.layout();
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for (s, node) in layout.sub_domains.iter().enumerate() {
            let c = plan.iter().filter(|x| x.sub_domain == node.id).count();
            if c > 0 {
                counts.push((s, c));
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let most = counts.first().map_or(1, |c| c.1);
        let bars: Vec<HBar> = counts
            .iter()
            .map(|(s, c)| HBar {
                label: layout
                    .sub_domains
                    .get(*s)
                    .map_or("", |n| n.name.get(lang))
                    .to_string(),
                fraction: figures::fraction(*c as u64, most as u64),
                figure: c.to_string(),
                colour: colour::SECOND,
            })
            .collect();
        blocks.push(Block::Chart(Chart {
            name: "plan",
            alt: w.plan_chart_title(&target),
            svg: bars::horizontal(
                &w.plan_chart_title(&target),
                &w.plan_chart_title(&target),
                &bars,
            ),
        }));
        blocks.push(Block::Heading(w.plan_title(&target)));
        blocks.push(Block::Table(gap_table(m, lang, w, &plan, true)));
    }
    let further: Vec<&Gap> = g
        .items
        .iter()
        .filter(|x| !g.plan.upgrades.contains(&x.requirement))
        .take(FURTHER_GAPS)
        .collect();
    let rest = g.items.len().saturating_sub(plan.len());
    if !further.is_empty() {
        blocks.push(Block::Heading(w.further_gaps_title.to_string()));
        blocks.push(Block::Para(vec![text(w.further_gaps(further.len(), rest))]));
        blocks.push(Block::Table(gap_table(m, lang, w, &further, false)));
    }
    blocks.push(Block::Para(vec![text(w.gains_note)]));
    section("gaps", w.gaps_title, blocks)
}

fn gap_table(m: &Model, lang: Lang, w: &Words, items: &[&Gap], numbered: bool) -> Table {
    let mut head = Vec::new();
    if numbered {
        head.push("#".to_string());
    }
    head.extend(
        [
            w.col_requirement,
            w.col_sub_domain,
            w.col_level,
            w.col_now,
            w.col_text,
            "ΔT(n)",
            "ΔS",
        ]
        .map(String::from),
    );
    let mut numeric = if numbered { vec![true] } else { vec![] };
    numeric.extend([false, false, true, false, false, true, true]);
    Table {
        head,
        numeric,
        rows: items
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let mut cells = Vec::new();
                if numbered {
                    cells.push(Cell::text((i + 1).to_string()));
                }
                cells.extend([
                    Cell::code(x.requirement.to_string()),
                    Cell::text(sub_domain_name(m, &x.sub_domain, lang)),
                    Cell::text(x.level.to_string()),
                    Cell::toned(scale_key_label(m, &x.rating, lang), Tone::Warn),
                    Cell::text(requirement_text(m, &x.requirement, lang)),
                    Cell::text(figures::gain(&x.gain_level)),
                    Cell::text(figures::gain(&x.gain_total)),
                ]);
                Row::cells(cells)
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------
// Rated requirements

fn requirements(r: &Report<'_>, w: &Words) -> Section {
    let (m, o, lang) = (r.model, r.outcome, r.lang);
    let layout = m.layout();
    let mut blocks = Vec::new();
    if o.model.provenance.requirements.is_unofficial() {
        blocks.push(Block::Notice(Tone::Bad, vec![text(w.texts_unofficial)]));
    }
    blocks.push(Block::Para(vec![text(w.requirements_intro)]));
    let mut rows = Vec::new();
    for (s, node) in layout.sub_domains.iter().enumerate() {
        if !o.in_scope().any(|id| id == &*node.id) {
            continue;
        }
        rows.push(Row::group(format!("{} ({})", node.name.get(lang), node.id)));
        for q in layout.requirements.iter().filter(|q| q.sub_domain == s) {
            let answer = r.assessment.ratings.get(&q.id);
            let rating = answer.and_then(|a| a.rating.as_ref());
            let (label, tone) = match rating {
                None => (w.not_rated_scored_none.to_string(), Tone::Bad),
                Some(input) => match scale_point(m, input) {
                    Some(p) => (p.label.get(lang).to_string(), rating_tone(m, p)),
                    None => (input.as_str().to_string(), Tone::Plain),
                },
            };
            let evidence = answer.map_or_else(String::new, |a| a.evidence.join("; "));
            let comment = answer.and_then(|a| a.comment.clone()).unwrap_or_default();
            rows.push(Row::cells(vec![
                Cell::code(q.id.to_string()),
                Cell::text(q.level.to_string()),
                Cell::text(q.text.get(lang)),
                Cell::toned(label, tone),
                Cell::text(evidence),
                Cell::text(comment),
            ]));
        }
    }
    blocks.push(Block::Table(Table {
        head: vec![
            w.col_requirement.into(),
            w.col_level.into(),
            w.col_text.into(),
            w.col_rating.into(),
            w.col_evidence.into(),
            w.col_comment.into(),
        ],
        numeric: vec![false, true, false, false, false, false],
        rows,
    }));
    section("requirements", w.requirements_title, blocks)
}

// ---------------------------------------------------------------------------------------
// Who rated what, and the evidence files

/// Per sub-domain, who rated its answers (a team assessment), when any answer names it.
fn raters(r: &Report<'_>, w: &Words) -> Option<Section> {
    let (m, lang) = (r.model, r.lang);
    let layout = m.layout();
    let mut per: Vec<Vec<(String, u32)>> = vec![Vec::new(); layout.sub_domains.len()];
    for (id, answer) in r.assessment.ratings.iter() {
        let (Some(who), Some(q)) = (&answer.assessor, m.requirement_index(id)) else {
            continue;
        };
        let raters = &mut per[layout.requirements[q].sub_domain];
        match raters.iter_mut().find(|(name, _)| name == who) {
            Some((_, n)) => *n += 1,
            None => raters.push((who.clone(), 1)),
        }
    }
    if per.iter().all(Vec::is_empty) {
        return None;
    }
    let rows = layout
        .sub_domains
        .iter()
        .zip(&per)
        .filter(|(_, raters)| !raters.is_empty())
        .map(|(node, raters)| {
            let who: Vec<String> = raters
                .iter()
                .map(|(name, n)| format!("{name} ({n})"))
                .collect();
            Row::cells(vec![
                Cell::text(format!("{} ({})", node.name.get(lang), node.id)),
                Cell::text(who.join("; ")),
            ])
        })
        .collect();
    let table = Table {
        head: vec![w.col_sub_domain.into(), w.col_rated_by.into()],
        numeric: vec![false, false],
        rows,
    };
    Some(section("raters", w.raters_title, vec![Block::Table(table)]))
}

/// The evidence files of the answers (`--evidence-dir`), and the references with no file.
fn evidence(r: &Report<'_>, w: &Words) -> Option<Section> {
    let manifest = r.outcome.evidence.as_ref()?;
    let mut blocks = vec![Block::Para(vec![text(w.evidence_intro)])];
    let rows = manifest
        .files
        .iter()
        .map(|f| {
            Row::cells(vec![
                Cell::code(f.requirement.to_string()),
                Cell::text(f.reference.clone()),
                Cell::code(f.file.clone()),
                Cell::text(f.size.to_string()),
                Cell::code(f.sha256.clone()),
            ])
        })
        .collect();
    blocks.push(Block::Table(Table {
        head: vec![
            w.col_requirement.into(),
            w.col_evidence.into(),
            w.col_file.into(),
            w.col_bytes.into(),
            "SHA-256".into(),
        ],
        numeric: vec![false, false, false, true, false],
        rows,
    }));
    if !manifest.missing.is_empty() {
        blocks.push(Block::Notice(Tone::Warn, vec![text(w.evidence_missing)]));
        blocks.push(Block::List(
            manifest
                .missing
                .iter()
                .map(|m| vec![text(format!("{}: {}", m.requirement, m.reference))])
                .collect(),
        ));
    }
    Some(section("evidence", w.evidence_title, blocks))
}

/// Top of the scale: good; bottom: bad; in between: caution.
fn rating_tone(m: &Model, p: &ScalePoint) -> Tone {
    let values = m.scale().iter().map(|x| x.value);
    let (Some(max), Some(min)) = (values.clone().max(), values.min()) else {
        return Tone::Plain;
    };
    if p.value == max {
        Tone::Good
    } else if p.value == min {
        Tone::Bad
    } else {
        Tone::Warn
    }
}
