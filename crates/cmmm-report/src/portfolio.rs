//! Portfolio reports: many scored assessments (the NDJSON output of `cmmm batch`) of a park,
//! a city or a group, aggregated as they stream past.
//!
//! [`Record::parse`] reads one NDJSON line into the few figures a portfolio needs (level,
//! thresholds, D(s, n) as exact integers); [`Portfolio::add`] folds it into running counts
//! and exact sums, so memory does not grow with the number of records. Portfolios built on
//! several threads combine with [`Portfolio::merge`].
//!
//! **Blocking sub-domains.** An enterprise below level n is blocked by a sub-domain when the
//! sub-domain's score D(s, m) is below the gate at level n or a lower level m. The levels
//! examined are 2 (the demonstration-factory condition) and every minimum level a programme
//! publishes, up to the model's top level.
//!
//! **Exactness.** Results carry each D(s, n) as a decimal string rounded half away from zero
//! to 28 places; this module reads it as an integer count of 10⁻²⁸. Sums and means are exact
//! over those values. Comparing with the gate is exact for the true D too: D is a mean of at
//! most a few dozen ratings with a few decimals, so a D below the gate is below it by far
//! more than the 0.5 · 10⁻²⁸ that rounding can move it.

use std::borrow::Cow;

use cmmm_model::{Lang, Model, Ratio};
use cmmm_score::{Programmes, ProvenanceStatus, Score};
use serde::Deserialize;

use crate::bars::{self, HBar, VSeries};
use crate::doc::{
    strong, text, Banner, Block, Cell, Chart, Document, Figure, Row, Section, Table, Tone,
};
use crate::figures::{fraction, percent, units, UNITS};
use crate::i18n::{words, Words};
use crate::radar::{self, Series};
use crate::svg::colour;

/// Sub-domains shown in a blocking chart (the table lists them all).
const BLOCKING_CHART: usize = 10;

/// Why a record cannot join a portfolio.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PortfolioError {
    /// The line is not a batch record.
    Json(String),
    /// The record was scored against another model.
    ModelMismatch {
        /// The portfolio's model id.
        expected: String,
        /// The record's model id.
        found: String,
    },
    /// The record names a sub-domain the model does not have.
    UnknownSubDomain(String),
    /// A score is not an exact decimal in [0, 1].
    BadScore(String),
    /// A sum does not fit in 128 bits.
    Overflow,
}

impl PortfolioError {
    /// A stable code per kind.
    pub fn code(&self) -> &'static str {
        match self {
            PortfolioError::Json(_) => "portfolio-json",
            PortfolioError::ModelMismatch { .. } => "portfolio-model-mismatch",
            PortfolioError::UnknownSubDomain(_) => "portfolio-unknown-sub-domain",
            PortfolioError::BadScore(_) => "portfolio-bad-score",
            PortfolioError::Overflow => "portfolio-overflow",
        }
    }
}

impl std::fmt::Display for PortfolioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PortfolioError::Json(m) => write!(f, "not a batch result record: {m}"),
            PortfolioError::ModelMismatch { expected, found } => write!(
                f,
                "the record was scored against model `{found}`, the portfolio uses `{expected}`"
            ),
            PortfolioError::UnknownSubDomain(id) => {
                write!(
                    f,
                    "the record names sub-domain `{id}`, which the model does not have"
                )
            }
            PortfolioError::BadScore(v) => write!(f, "`{v}` is not a score between 0 and 1"),
            PortfolioError::Overflow => f.write_str("the portfolio's sums overflow"),
        }
    }
}

impl std::error::Error for PortfolioError {}

// --- the NDJSON record, as much of it as a portfolio reads -----------------------------

#[derive(Deserialize)]
struct LineJson<'a> {
    #[serde(borrow, default)]
    source: Option<SourceJson<'a>>,
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    status: Cow<'a, str>,
    #[serde(borrow, default)]
    result: Option<ResultJson<'a>>,
    #[serde(borrow, default)]
    error: Option<ErrorJson<'a>>,
}

#[derive(Deserialize)]
struct SourceJson<'a> {
    #[serde(borrow)]
    file: Cow<'a, str>,
    line: u64,
}

#[derive(Deserialize)]
struct ErrorJson<'a> {
    #[serde(borrow)]
    code: Cow<'a, str>,
    #[serde(borrow)]
    message: Cow<'a, str>,
}

#[derive(Deserialize)]
struct AssessmentJson<'a> {
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    enterprise: Option<EnterpriseJson<'a>>,
}

#[derive(Deserialize)]
struct EnterpriseJson<'a> {
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    code: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct ResultJson<'a> {
    #[serde(borrow)]
    model: ModelJson<'a>,
    #[serde(borrow)]
    profile: Cow<'a, str>,
    #[serde(borrow)]
    assessment: AssessmentJson<'a>,
    #[serde(borrow)]
    total: Cow<'a, str>,
    level: u8,
    meets_level_2: bool,
    #[serde(deserialize_with = "in_order")]
    thresholds: Vec<(String, Option<bool>)>,
    #[serde(borrow, default)]
    sub_domains: Vec<NodeJson<'a>>,
}

#[derive(Deserialize)]
struct ModelJson<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    version: Cow<'a, str>,
    provenance: ProvenanceStatus,
}

/// The entries of a JSON object in its order (programme id → met).
fn in_order<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<(String, Option<bool>)>, D::Error> {
    struct Entries;
    impl<'de> serde::de::Visitor<'de> for Entries {
        type Value = Vec<(String, Option<bool>)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object of programme ids")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(entry) = map.next_entry()? {
                out.push(entry);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Entries)
}

#[derive(Deserialize)]
struct NodeJson<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    scores: Vec<Option<Cow<'a, str>>>,
}

/// One batch record, reduced to what a portfolio needs.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    /// A scored assessment.
    Scored(Box<Scored>),
    /// A record that failed to score.
    Failed(Box<Failure>),
}

/// Where a record came from and who it names: its line of the roster.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Who {
    /// The input file and line.
    pub source: Option<(String, u64)>,
    /// The assessment id.
    pub id: Option<String>,
    /// The enterprise's name.
    pub name: Option<String>,
    /// The enterprise's registration code.
    pub code: Option<String>,
}

/// A record that failed, for the list of failures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Failure {
    /// Where it came from.
    pub who: Who,
    /// The stable error code.
    pub code: String,
    /// The message.
    pub message: String,
}

/// An enterprise's line of the roster.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    who: Who,
    level: u8,
    /// S in units of 10⁻²⁸.
    total: i128,
    meets_level_2: bool,
    /// Per programme of the portfolio's list (in the record's order): met or not.
    thresholds: Vec<(String, Option<bool>)>,
}

/// The figures of one scored assessment.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    who: Who,
    total: i128,
    model_version: String,
    provenance: ProvenanceStatus,
    profile: String,
    level: u8,
    meets_level_2: bool,
    thresholds: Vec<(String, Option<bool>)>,
    /// D(s, n) in units of 10⁻²⁸, at `s * levels + n - 1`.
    d: Vec<Option<i128>>,
}

impl Record {
    /// Reads one line of `cmmm batch` NDJSON output, scored against `model`.
    pub fn parse(model: &Model, line: &str) -> Result<Record, PortfolioError> {
        let json: LineJson<'_> =
            serde_json::from_str(line).map_err(|e| PortfolioError::Json(e.to_string()))?;
        let mut who = Who {
            source: json.source.map(|s| (s.file.into_owned(), s.line)),
            id: json.id.map(Cow::into_owned),
            ..Who::default()
        };
        if json.status != "ok" {
            let (code, message) = json.error.map_or_else(Default::default, |e| {
                (e.code.into_owned(), e.message.into_owned())
            });
            return Ok(Record::Failed(Box::new(Failure { who, code, message })));
        }
        let r = json
            .result
            .ok_or_else(|| PortfolioError::Json("an `ok` record without a `result`".into()))?;
        if let Some(e) = r.assessment.enterprise {
            who.name = e.name.map(Cow::into_owned);
            who.code = e.code.map(Cow::into_owned);
        }
        if who.id.is_none() {
            who.id = r.assessment.id.map(Cow::into_owned);
        }
        let total = units(&r.total).ok_or_else(|| PortfolioError::BadScore(r.total.to_string()))?;
        if r.model.id != model.id().as_str() {
            return Err(PortfolioError::ModelMismatch {
                expected: model.id().to_string(),
                found: r.model.id.into_owned(),
            });
        }
        let levels = usize::from(model.level_count());
        let subs = model.layout().sub_domains.len();
        let mut d = vec![None; subs * levels];
        for (i, node) in r.sub_domains.iter().enumerate() {
            // Results list the sub-domains in model order; look up only when they do not.
            let s = match model.layout().sub_domains.get(i) {
                Some(n) if *n.id == *node.id => i,
                _ => model
                    .sub_domain_index(&node.id)
                    .ok_or_else(|| PortfolioError::UnknownSubDomain(node.id.to_string()))?,
            };
            for (n, score) in node.scores.iter().take(levels).enumerate() {
                let Some(score) = score else { continue };
                let u = units(score)
                    .filter(|u| *u <= UNITS)
                    .ok_or_else(|| PortfolioError::BadScore(score.to_string()))?;
                d[s * levels + n] = Some(u);
            }
        }
        Ok(Record::Scored(Box::new(Scored {
            who,
            total,
            model_version: r.model.version.into_owned(),
            provenance: r.model.provenance,
            profile: r.profile.into_owned(),
            level: r.level,
            meets_level_2: r.meets_level_2,
            thresholds: r.thresholds,
            d,
        })))
    }
}

/// Running figures of many assessments against one model.
#[derive(Clone, Debug)]
pub struct Portfolio<'m> {
    model: &'m Model,
    gate: i128,
    failed: u64,
    /// Enterprises per level 0..=top.
    levels: Vec<u64>,
    meets_level_2: u64,
    /// Programme id, enterprises meeting it, enterprises with a published level for it.
    thresholds: Vec<(String, u64, u64)>,
    profiles: Vec<(String, u64)>,
    models: Vec<(String, ProvenanceStatus, u64)>,
    /// Sums and counts of D(s, n) in units of 10⁻²⁸, at `s * levels + n - 1`.
    sums: Vec<i128>,
    counts: Vec<u64>,
    /// The levels examined for blocking sub-domains.
    blocking: Vec<u8>,
    /// Per blocking level: enterprises below it.
    below: Vec<u64>,
    /// Per blocking level and sub-domain: enterprises it blocks, at `b * subs + s`.
    blocked: Vec<u64>,
    /// Every enterprise, in input order (a few hundred bytes each).
    roster: Vec<Entry>,
    /// Every failed record, in input order.
    failures: Vec<Failure>,
}

impl<'m> Portfolio<'m> {
    /// An empty portfolio of assessments scored against `model`, with the programme levels
    /// of `programmes` examined for blocking sub-domains.
    pub fn new(model: &'m Model, programmes: &Programmes) -> Portfolio<'m> {
        let levels = usize::from(model.level_count());
        let subs = model.layout().sub_domains.len();
        let mut blocking: Vec<u8> = std::iter::once(2)
            .chain(programmes.programmes.iter().filter_map(|p| p.minimum_level))
            .filter(|l| *l >= 1 && *l <= model.level_count())
            .collect();
        blocking.sort_unstable();
        blocking.dedup();
        Portfolio {
            model,
            gate: units(&model.doc().gate.normalize().to_string()).unwrap_or(UNITS),
            failed: 0,
            levels: vec![0; levels + 1],
            meets_level_2: 0,
            thresholds: Vec::new(),
            profiles: Vec::new(),
            models: Vec::new(),
            sums: vec![0; subs * levels],
            counts: vec![0; subs * levels],
            below: vec![0; blocking.len()],
            blocked: vec![0; blocking.len() * subs],
            blocking,
            roster: Vec::new(),
            failures: Vec::new(),
        }
    }

    /// Adds one record.
    pub fn add(&mut self, record: &Record) -> Result<(), PortfolioError> {
        let r = match record {
            Record::Failed(f) => {
                self.failed += 1;
                self.failures.push((**f).clone());
                return Ok(());
            }
            Record::Scored(r) => r,
        };
        if r.d.len() != self.sums.len() {
            return Err(PortfolioError::ModelMismatch {
                expected: self.model.id().to_string(),
                found: self.model.id().to_string(),
            });
        }
        let level = usize::from(r.level).min(self.levels.len() - 1);
        self.levels[level] += 1;
        self.roster.push(Entry {
            who: r.who.clone(),
            level: r.level,
            total: r.total,
            meets_level_2: r.meets_level_2,
            thresholds: r.thresholds.clone(),
        });
        self.meets_level_2 += u64::from(r.meets_level_2);
        for (programme, met) in &r.thresholds {
            let at = match self.thresholds.iter().position(|t| t.0 == *programme) {
                Some(i) => i,
                None => {
                    self.thresholds.push((programme.clone(), 0, 0));
                    self.thresholds.len() - 1
                }
            };
            if let Some(met) = met {
                self.thresholds[at].1 += u64::from(*met);
                self.thresholds[at].2 += 1;
            }
        }
        bump(&mut self.profiles, &r.profile);
        match self
            .models
            .iter_mut()
            .find(|m| m.0 == r.model_version && m.1 == r.provenance)
        {
            Some(m) => m.2 += 1,
            None => self
                .models
                .push((r.model_version.clone(), r.provenance.clone(), 1)),
        }
        for (i, d) in r.d.iter().enumerate() {
            if let Some(u) = d {
                self.sums[i] = self.sums[i]
                    .checked_add(*u)
                    .ok_or(PortfolioError::Overflow)?;
                self.counts[i] += 1;
            }
        }
        let levels = usize::from(self.model.level_count());
        let subs = self.model.layout().sub_domains.len();
        for (b, n) in self.blocking.iter().enumerate() {
            if r.level >= *n {
                continue;
            }
            self.below[b] += 1;
            for s in 0..subs {
                let short = (0..usize::from(*n))
                    .any(|m| matches!(r.d[s * levels + m], Some(u) if u < self.gate));
                self.blocked[b * subs + s] += u64::from(short);
            }
        }
        Ok(())
    }

    /// Adds every figure of `other` (built on another thread from other records).
    pub fn merge(&mut self, other: Portfolio<'_>) -> Result<(), PortfolioError> {
        if other.sums.len() != self.sums.len() || other.blocking != self.blocking {
            return Err(PortfolioError::ModelMismatch {
                expected: self.model.id().to_string(),
                found: other.model.id().to_string(),
            });
        }
        self.failed += other.failed;
        for (a, b) in self.levels.iter_mut().zip(&other.levels) {
            *a += b;
        }
        self.meets_level_2 += other.meets_level_2;
        for (id, met, known) in other.thresholds {
            match self.thresholds.iter_mut().find(|t| t.0 == id) {
                Some(t) => {
                    t.1 += met;
                    t.2 += known;
                }
                None => self.thresholds.push((id, met, known)),
            }
        }
        for (id, n) in other.profiles {
            match self.profiles.iter_mut().find(|p| p.0 == id) {
                Some(p) => p.1 += n,
                None => self.profiles.push((id, n)),
            }
        }
        for (v, p, n) in other.models {
            match self.models.iter_mut().find(|m| m.0 == v && m.1 == p) {
                Some(m) => m.2 += n,
                None => self.models.push((v, p, n)),
            }
        }
        for (a, b) in self.sums.iter_mut().zip(&other.sums) {
            *a = a.checked_add(*b).ok_or(PortfolioError::Overflow)?;
        }
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        for (a, b) in self.below.iter_mut().zip(&other.below) {
            *a += b;
        }
        for (a, b) in self.blocked.iter_mut().zip(&other.blocked) {
            *a += b;
        }
        self.roster.extend(other.roster);
        self.failures.extend(other.failures);
        Ok(())
    }

    /// Scored records.
    pub fn scored(&self) -> u64 {
        self.levels.iter().sum()
    }

    /// Records that failed to score.
    pub fn failed(&self) -> u64 {
        self.failed
    }

    /// Enterprises at each level, from 0.
    pub fn levels(&self) -> &[u64] {
        &self.levels
    }

    /// The mean D(s, n) of sub-domain `s` (layout index) at `level`, over the records that
    /// score it; `None` when none does.
    pub fn mean(&self, s: usize, level: u8) -> Option<Score> {
        let levels = usize::from(self.model.level_count());
        let i = s * levels + usize::from(level).checked_sub(1)?;
        let count = i128::from(*self.counts.get(i)?);
        if count == 0 {
            return None;
        }
        Ratio::new(self.sums[i], count.checked_mul(UNITS)?).map(Score::from)
    }

    /// The report of this portfolio, named `name` (a park, a city, a group).
    pub fn report<'a>(&'a self, name: Option<&'a str>) -> PortfolioReport<'a> {
        PortfolioReport {
            portfolio: self,
            name,
            programmes: Programmes::embedded(),
            lang: Lang::En,
        }
    }
}

fn bump(list: &mut Vec<(String, u64)>, id: &str) {
    match list.iter_mut().find(|p| p.0 == id) {
        Some(p) => p.1 += 1,
        None => list.push((id.to_string(), 1)),
    }
}

/// A portfolio report: the portfolio, its name, the programme data and the language.
#[derive(Clone, Copy)]
pub struct PortfolioReport<'a> {
    /// The figures.
    pub portfolio: &'a Portfolio<'a>,
    /// What the portfolio is (a park, a city, a group); user text, escaped when written.
    pub name: Option<&'a str>,
    /// Programme names.
    pub programmes: &'a Programmes,
    /// Language.
    pub lang: Lang,
}

impl<'a> PortfolioReport<'a> {
    /// The same report in `lang`.
    pub fn lang(self, lang: Lang) -> PortfolioReport<'a> {
        PortfolioReport { lang, ..self }
    }

    /// One self-contained HTML file.
    pub fn html(&self) -> String {
        crate::html::write(&self.document())
    }

    /// Markdown; `images` is the file stem of the chart images written beside it.
    pub fn markdown(&self, images: Option<&str>) -> String {
        crate::markdown::write(&self.document(), images)
    }

    /// The charts as `(name, SVG)` pairs.
    pub fn charts(&self) -> Vec<(&'static str, String)> {
        crate::doc::charts(self.document())
    }

    fn document(&self) -> Document {
        let w = words(self.lang);
        let p = self.portfolio;
        let name = self.name.unwrap_or(w.portfolio_default_name);
        let mut sections = vec![self.glance(w), self.thresholds(w), self.profile(w)];
        sections.push(self.blocking(w));
        sections.push(self.roster(w));
        if !p.failures.is_empty() {
            sections.push(self.failures(w));
        }
        sections.push(self.models(w));
        Document {
            title: w.portfolio_title.to_string(),
            subtitle: w.portfolio_subtitle(name, p.scored()),
            lang: w.html_lang,
            banners: self.banners(w),
            sections,
            footer: vec![text(w.footer(p.model.id(), p.model.version()))],
        }
    }

    fn banners(&self, w: &Words) -> Vec<Banner> {
        let mut out = vec![Banner {
            tone: Tone::Info,
            content: vec![strong(w.self_assessed_title), text(w.self_assessed_text)],
        }];
        let mut parts: Vec<String> = Vec::new();
        for (_, prov, _) in &self.portfolio.models {
            for (part, s) in [
                (w.part_structure, prov.structure),
                (w.part_requirements, prov.requirements),
                (w.part_method, prov.method),
                (w.part_weights, prov.weights),
            ] {
                let label = format!("{part}{}{}", w.colon, w.status(s));
                if s.is_unofficial() && !parts.contains(&label) {
                    parts.push(label);
                }
            }
        }
        if !parts.is_empty() {
            out.push(Banner {
                tone: Tone::Bad,
                content: vec![
                    strong(w.unofficial_title),
                    text(w.unofficial_text(&parts.join(w.list_sep))),
                ],
            });
        }
        if self.portfolio.failed > 0 {
            out.push(Banner {
                tone: Tone::Warn,
                content: vec![text(w.portfolio_failed_note(self.portfolio.failed))],
            });
        }
        out
    }

    fn level_name(&self, level: u8) -> String {
        crate::figures::level_name(self.portfolio.model, level, self.lang)
    }

    fn glance(&self, w: &Words) -> Section {
        let p = self.portfolio;
        let n = p.scored();
        let mut figures = vec![
            Figure {
                label: w.portfolio_enterprises.to_string(),
                value: n.to_string(),
                note: String::new(),
                tone: Tone::Info,
            },
            Figure {
                label: w.meets_level_2.to_string(),
                value: percent(p.meets_level_2, n),
                note: w.level_count_tip(p.meets_level_2, &percent(p.meets_level_2, n)),
                tone: Tone::Good,
            },
        ];
        if p.failed > 0 {
            figures.push(Figure {
                label: w.portfolio_failed.to_string(),
                value: p.failed.to_string(),
                note: String::new(),
                tone: Tone::Warn,
            });
        }
        let most = p.levels.iter().copied().max().unwrap_or(0);
        let categories: Vec<(String, String)> = (0..p.levels.len())
            .map(|l| (w.level_short(l as u8), self.level_name(l as u8)))
            .collect();
        let series = VSeries {
            name: String::new(),
            colour: colour::FIRST,
            values: p
                .levels
                .iter()
                .map(|c| Some((fraction(*c, most), format!("{c} · {}", percent(*c, n)))))
                .collect(),
        };
        let chart = bars::vertical(
            w.portfolio_levels_title,
            &w.portfolio_levels_desc(n),
            &categories,
            &[series],
            false,
            None,
        );
        let rows = p
            .levels
            .iter()
            .enumerate()
            .map(|(l, c)| {
                Row::cells(vec![
                    Cell::text(l.to_string()),
                    Cell::text(self.level_name(l as u8)),
                    Cell::text(c.to_string()),
                    Cell::inline(vec![crate::doc::Inline::Bar(
                        fraction(*c, n),
                        percent(*c, n),
                    )]),
                ])
            })
            .collect();
        Section {
            id: "glance",
            title: w.portfolio_glance_title.to_string(),
            page_break: false,
            blocks: vec![
                Block::Figures(figures),
                Block::Chart(Chart {
                    name: "levels",
                    alt: w.portfolio_levels_title.to_string(),
                    svg: chart,
                }),
                Block::Table(Table {
                    head: vec![
                        w.col_level.into(),
                        w.col_name.into(),
                        w.col_count.into(),
                        w.col_share.into(),
                    ],
                    numeric: vec![true, false, true, false],
                    rows,
                }),
            ],
        }
    }

    fn thresholds(&self, w: &Words) -> Section {
        let p = self.portfolio;
        let n = p.scored();
        let mut bars_list = vec![HBar {
            label: w.meets_level_2.to_string(),
            fraction: fraction(p.meets_level_2, n),
            figure: format!("{} · {}", percent(p.meets_level_2, n), p.meets_level_2),
            colour: colour::MET,
        }];
        let mut rows = vec![Row::cells(vec![
            Cell::inline(vec![strong(w.meets_level_2)]),
            Cell::text("—"),
            Cell::text("2"),
            Cell::text("—"),
            Cell::text(p.meets_level_2.to_string()),
            Cell::inline(vec![crate::doc::Inline::Bar(
                fraction(p.meets_level_2, n),
                percent(p.meets_level_2, n),
            )]),
        ])];
        for (id, met, known) in &p.thresholds {
            let programme = self.programmes.get(id);
            let name = programme.map_or_else(|| id.clone(), |x| x.name.get(self.lang).to_string());
            let min = programme.and_then(|x| x.minimum_level);
            let self_ok = programme.map(|x| x.self_assessment);
            let year = programme.map_or_else(|| "—".to_string(), |x| x.year.to_string());
            if *known > 0 {
                bars_list.push(HBar {
                    label: name.clone(),
                    fraction: fraction(*met, n),
                    figure: format!("{} · {met}", percent(*met, n)),
                    colour: colour::FIRST,
                });
            }
            rows.push(Row::cells(vec![
                Cell::text(name),
                Cell::text(year),
                Cell::text(w.minimum_level(min, programme.map(|x| x.level_status))),
                Cell::text(self_ok.map_or("—", |b| w.yes_no(b))),
                if *known > 0 {
                    Cell::text(met.to_string())
                } else {
                    Cell::toned(w.no_published_level, Tone::Muted)
                },
                if *known > 0 {
                    Cell::inline(vec![crate::doc::Inline::Bar(
                        fraction(*met, n),
                        percent(*met, n),
                    )])
                } else {
                    Cell::toned("—", Tone::Muted)
                },
            ]));
        }
        Section {
            id: "thresholds",
            title: w.portfolio_thresholds_title.to_string(),
            page_break: true,
            blocks: vec![
                Block::Chart(Chart {
                    name: "thresholds",
                    alt: w.portfolio_thresholds_title.to_string(),
                    svg: bars::horizontal(
                        w.portfolio_thresholds_title,
                        w.portfolio_thresholds_title,
                        &bars_list,
                    ),
                }),
                Block::Table(Table {
                    head: vec![
                        w.col_programme.into(),
                        w.col_year.into(),
                        w.col_minimum.into(),
                        w.col_self_ok.into(),
                        w.col_count.into(),
                        w.col_share.into(),
                    ],
                    numeric: vec![false, true, true, false, true, false],
                    rows,
                }),
                Block::Para(vec![text(w.programmes_source(
                    &self.programmes.version,
                    self.programmes.source.get(self.lang),
                ))]),
            ],
        }
    }

    fn profile(&self, w: &Words) -> Section {
        let p = self.portfolio;
        let m = p.model;
        let layout = m.layout();
        let levels: Vec<u8> = (1..=m.level_count()).collect();
        let series: Vec<Series> = levels
            .iter()
            .enumerate()
            .map(|(i, n)| Series {
                name: w.profile_series(*n),
                colour: colour::SERIES[i % colour::SERIES.len()],
                dashed: false,
                values: (0..layout.sub_domains.len())
                    .map(|s| p.mean(s, *n))
                    .collect(),
            })
            .collect();
        let chart = radar::draw(
            m,
            self.lang,
            w.portfolio_profile_title,
            &series,
            &radar::PAGE,
        );
        let mut head = vec![w.col_sub_domain.to_string()];
        head.extend(levels.iter().map(|n| format!("D({n})")));
        head.push(w.col_count.to_string());
        let mut numeric = vec![false];
        numeric.extend(levels.iter().map(|_| true));
        numeric.push(true);
        let gate = crate::figures::gate(m);
        let lv = levels.len();
        let rows = layout
            .sub_domains
            .iter()
            .enumerate()
            .map(|(s, node)| {
                let mut cells = vec![Cell::text(node.name.get(self.lang))];
                for n in &levels {
                    cells.push(match p.mean(s, *n) {
                        Some(x) if crate::figures::meets(&x, gate) => {
                            Cell::toned(crate::figures::shown(&x, &[gate]), Tone::Good)
                        }
                        Some(x) => Cell::text(crate::figures::shown(&x, &[gate])),
                        None => Cell::toned("—", Tone::Muted),
                    });
                }
                let in_scope = p.counts[s * lv..(s + 1) * lv]
                    .iter()
                    .copied()
                    .max()
                    .unwrap_or(0);
                cells.push(Cell::text(in_scope.to_string()));
                Row::cells(cells)
            })
            .collect();
        Section {
            id: "profile",
            title: w.portfolio_profile_title.to_string(),
            page_break: true,
            blocks: vec![
                Block::Para(vec![text(w.portfolio_profile_intro)]),
                Block::Para(vec![text(w.figures_reading)]),
                Block::Chart(Chart {
                    name: "profile",
                    alt: w.portfolio_profile_title.to_string(),
                    svg: chart,
                }),
                Block::Table(Table {
                    head,
                    numeric,
                    rows,
                }),
            ],
        }
    }

    /// Every enterprise with its level, S and verdicts, the highest level and S first (a
    /// report has no script to sort with, so it comes sorted).
    fn roster(&self, w: &Words) -> Section {
        let p = self.portfolio;
        let mut order: Vec<&Entry> = p.roster.iter().collect();
        order.sort_by(|a, b| b.level.cmp(&a.level).then(b.total.cmp(&a.total)));
        // The programmes that publish a level, in the order of the programme list.
        let programmes: Vec<&str> = p
            .thresholds
            .iter()
            .filter(|t| t.2 > 0)
            .map(|t| t.0.as_str())
            .collect();
        let mut head: Vec<String> = vec![
            w.col_rank.into(),
            w.col_enterprise.into(),
            w.col_assessment_id.into(),
            w.col_enterprise_code.into(),
            w.col_level.into(),
            "S".into(),
            w.meets_level_2.into(),
        ];
        head.extend(programmes.iter().map(|id| {
            self.programmes
                .get(id)
                .map_or_else(|| id.to_string(), |x| x.name.get(self.lang).to_string())
        }));
        let mut numeric = vec![true, false, false, false, false, true, false];
        numeric.extend(programmes.iter().map(|_| false));
        let verdict = |met: Option<bool>| match met {
            Some(true) => Cell::toned(w.yes_no(true), Tone::Good),
            Some(false) => Cell::toned(w.yes_no(false), Tone::Muted),
            None => Cell::toned("—", Tone::Muted),
        };
        let blank = |s: &Option<String>| Cell::text(s.clone().unwrap_or_else(|| "—".into()));
        let bounds = crate::figures::band_bounds(p.model);
        let rows =
            order
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let mut cells = vec![
                        Cell::text((i + 1).to_string()),
                        blank(&e.who.name),
                        blank(&e.who.id),
                        blank(&e.who.code),
                        Cell::text(self.level_name(e.level)),
                        Cell::text(Ratio::new(e.total, UNITS).map_or_else(
                            || "—".into(),
                            |t| crate::figures::shown(&Score::from(t), &bounds),
                        )),
                        verdict(Some(e.meets_level_2)),
                    ];
                    cells.extend(programmes.iter().map(|id| {
                        verdict(e.thresholds.iter().find(|t| t.0 == *id).and_then(|t| t.1))
                    }));
                    Row::cells(cells)
                })
                .collect();
        Section {
            id: "roster",
            title: w.portfolio_roster_title.to_string(),
            page_break: true,
            blocks: vec![
                Block::Para(vec![text(w.portfolio_roster_intro)]),
                Block::Table(Table {
                    head,
                    numeric,
                    rows,
                }),
            ],
        }
    }

    /// The records that failed, in input order, with their errors.
    fn failures(&self, w: &Words) -> Section {
        let rows = self
            .portfolio
            .failures
            .iter()
            .map(|f| {
                let source = f
                    .who
                    .source
                    .as_ref()
                    .map_or_else(|| "—".to_string(), |(file, line)| format!("{file}:{line}"));
                Row::cells(vec![
                    Cell::text(source),
                    Cell::text(f.who.id.clone().unwrap_or_else(|| "—".into())),
                    Cell::text(f.code.clone()),
                    Cell::text(f.message.clone()),
                ])
            })
            .collect();
        Section {
            id: "failures",
            title: w.portfolio_failures_title.to_string(),
            page_break: false,
            blocks: vec![Block::Table(Table {
                head: vec![
                    w.col_source_line.into(),
                    w.col_assessment_id.into(),
                    w.col_error_code.into(),
                    w.col_error.into(),
                ],
                numeric: vec![false, false, false, false],
                rows,
            })],
        }
    }

    fn blocking(&self, w: &Words) -> Section {
        let p = self.portfolio;
        let layout = p.model.layout();
        let subs = layout.sub_domains.len();
        let mut blocks = vec![Block::Para(vec![text(w.portfolio_blocking_intro)])];
        for (b, n) in p.blocking.iter().enumerate() {
            let level = self.level_name(*n);
            blocks.push(Block::Heading(w.blocking_chart_title(&level)));
            let below = p.below[b];
            if below == 0 {
                blocks.push(Block::Para(vec![text(w.blocking_none(&level))]));
                continue;
            }
            blocks.push(Block::Para(vec![text(w.blocking_below(below, &level))]));
            let mut ranked: Vec<(usize, u64)> = (0..subs)
                .map(|s| (s, p.blocked[b * subs + s]))
                .filter(|(_, c)| *c > 0)
                .collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let name = |s: usize| layout.sub_domains[s].name.get(self.lang).to_string();
            let bars_list: Vec<HBar> = ranked
                .iter()
                .take(BLOCKING_CHART)
                .map(|(s, c)| HBar {
                    label: name(*s),
                    fraction: fraction(*c, below),
                    figure: format!("{} · {c}", percent(*c, below)),
                    colour: colour::GATE,
                })
                .collect();
            let title = w.blocking_chart_title(&level);
            blocks.push(Block::Chart(Chart {
                name: if *n == 2 {
                    "blocking-2"
                } else if *n == 3 {
                    "blocking-3"
                } else {
                    "blocking"
                },
                alt: title.clone(),
                svg: bars::horizontal(&title, &w.blocking_below(below, &level), &bars_list),
            }));
            blocks.push(Block::Table(Table {
                head: vec![
                    "#".into(),
                    w.col_sub_domain.into(),
                    w.col_blocked.into(),
                    w.col_share.into(),
                ],
                numeric: vec![true, false, true, false],
                rows: ranked
                    .iter()
                    .enumerate()
                    .map(|(i, (s, c))| {
                        Row::cells(vec![
                            Cell::text((i + 1).to_string()),
                            Cell::text(name(*s)),
                            Cell::text(c.to_string()),
                            Cell::inline(vec![crate::doc::Inline::Bar(
                                fraction(*c, below),
                                percent(*c, below),
                            )]),
                        ])
                    })
                    .collect(),
            }));
        }
        Section {
            id: "blocking",
            title: w.portfolio_blocking_title.to_string(),
            page_break: true,
            blocks,
        }
    }

    fn models(&self, w: &Words) -> Section {
        let p = self.portfolio;
        let m = p.model;
        let mut blocks = vec![Block::Para(vec![text(w.provenance_intro(
            m.doc().title.get(self.lang),
            m.id(),
            m.version(),
        ))])];
        blocks.push(Block::Table(Table {
            head: vec![
                w.col_item.into(),
                w.part_structure.into(),
                w.part_requirements.into(),
                w.part_method.into(),
                w.part_weights.into(),
                w.col_count.into(),
            ],
            numeric: vec![false, false, false, false, false, true],
            rows: p
                .models
                .iter()
                .map(|(version, prov, count)| {
                    let st = |s: cmmm_model::SourceStatus| {
                        Cell::toned(
                            w.status(s),
                            if s.is_unofficial() {
                                Tone::Bad
                            } else {
                                Tone::Plain
                            },
                        )
                    };
                    Row::cells(vec![
                        Cell::code(format!("{} {version}", m.id())),
                        st(prov.structure),
                        st(prov.requirements),
                        st(prov.method),
                        st(prov.weights),
                        Cell::text(count.to_string()),
                    ])
                })
                .collect(),
        }));
        blocks.push(Block::Para(vec![text(w.status_legend)]));
        blocks.push(Block::Heading(w.portfolio_profiles.to_string()));
        let n = p.scored();
        blocks.push(Block::Table(Table {
            head: vec![w.profile.into(), w.col_count.into(), w.col_share.into()],
            numeric: vec![false, true, true],
            rows: p
                .profiles
                .iter()
                .map(|(id, c)| {
                    let name = m
                        .profile(id)
                        .map_or_else(|| id.clone(), |(x, _)| x.name.get(self.lang).to_string());
                    Row::cells(vec![
                        Cell::text(format!("{name} ({id})")),
                        Cell::text(c.to_string()),
                        Cell::text(percent(*c, n)),
                    ])
                })
                .collect(),
        }));
        Section {
            id: "models",
            title: w.portfolio_models_title.to_string(),
            page_break: true,
            blocks,
        }
    }
}
