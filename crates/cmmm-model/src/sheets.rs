//! Building a model from spreadsheets (CSV) and writing one back out.
//!
//! Users who hold the official texts and weight tables transcribe them into three CSV files
//! (UTF-8, with or without a byte-order mark); everything else (id, version, levels, scale,
//! gate, bands, total rule, provenance, profile names) comes from a base model. The columns
//! are documented in the README:
//!
//! - structure: `element,element_zh,element_en,domain,domain_zh,domain_en,sub_domain,sub_domain_zh,sub_domain_en`
//! - requirements: `id,sub_domain,level,text_zh,text_en`
//! - weights: `profile,layer,id,weight,excluded_by_default,tailorable`
//!
//! [`export`] writes the same three files, so export → build round-trips.

use std::collections::HashMap;
use std::fmt;

use crate::doc::{
    Domain, Element, ModelDoc, Profile, Requirement, Source, SourceStatus, SubDomain, Weight,
    Weights,
};
use crate::error::ModelError;
use crate::id::Id;
use crate::model::Model;
use crate::text::Text;

/// Column headers of the structure sheet.
pub const STRUCTURE_COLUMNS: [&str; 9] = [
    "element",
    "element_zh",
    "element_en",
    "domain",
    "domain_zh",
    "domain_en",
    "sub_domain",
    "sub_domain_zh",
    "sub_domain_en",
];
/// Column headers of the requirements sheet.
pub const REQUIREMENT_COLUMNS: [&str; 5] = ["id", "sub_domain", "level", "text_zh", "text_en"];
/// Column headers of the weights sheet.
pub const WEIGHT_COLUMNS: [&str; 6] = [
    "profile",
    "layer",
    "id",
    "weight",
    "excluded_by_default",
    "tailorable",
];

/// A named CSV text.
#[derive(Clone, Copy, Debug)]
pub struct Sheet<'a> {
    /// The file name used in messages.
    pub name: &'a str,
    /// The CSV text.
    pub text: &'a str,
}

/// What the sheets do not say: where the rest of the model comes from. Start from
/// [`BuildOptions::new`] and set what differs from the base model.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct BuildOptions {
    /// Replaces the base model's id.
    pub id: Option<Id>,
    /// Replaces the base model's version.
    pub version: Option<String>,
    /// Replaces the base model's title, which describes the base (the embedded model's says
    /// "illustrative requirements and placeholder weights"): name a model built from the
    /// official text.
    pub title: Option<Text>,
    /// Status of the requirement texts; the base model's status is kept when `None`.
    pub requirements_status: Option<SourceStatus>,
    /// Status of the weights of every profile; the base profile's status is kept when `None`
    /// (and profiles new to the base are labelled placeholder).
    pub weights_status: Option<SourceStatus>,
}

impl BuildOptions {
    /// The base model's id, version and statuses, all kept.
    pub fn new() -> BuildOptions {
        BuildOptions::default()
    }

    /// The built model's id.
    pub fn id(mut self, id: impl Into<Id>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The built model's version.
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// The built model's title (Chinese, English).
    pub fn title(mut self, title: Text) -> Self {
        self.title = Some(title);
        self
    }

    /// The status of the requirement texts.
    pub fn requirements_status(mut self, status: SourceStatus) -> Self {
        self.requirements_status = Some(status);
        self
    }

    /// The status of every profile's weights.
    pub fn weights_status(mut self, status: SourceStatus) -> Self {
        self.weights_status = Some(status);
        self
    }
}

/// One bad cell or row of a sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SheetProblem {
    /// File name.
    pub file: String,
    /// 1-based line.
    pub line: u64,
    /// Column header (empty for a whole-row fault).
    pub column: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for SheetProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column.is_empty() {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(
                f,
                "{}:{}: column {}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// Rows of the sheets are malformed; every bad row is listed.
    #[error("{} bad row(s):\n{}", .0.len(), .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Sheets(Vec<SheetProblem>),
    /// The rows are well formed but the model they make breaks a model rule.
    #[error(transparent)]
    Model(#[from] ModelError),
}

impl BuildError {
    /// Stable code: `invalid-sheet` or the model error's code.
    pub fn code(&self) -> &'static str {
        match self {
            BuildError::Sheets(_) => "invalid-sheet",
            BuildError::Model(e) => e.code(),
        }
    }
}

struct Row {
    line: u64,
    cells: HashMap<&'static str, String>,
}

struct Reader<'a> {
    file: &'a str,
    problems: &'a mut Vec<SheetProblem>,
}

impl Reader<'_> {
    fn problem(&mut self, line: u64, column: &str, message: impl Into<String>) {
        self.problems.push(SheetProblem {
            file: self.file.to_string(),
            line,
            column: column.to_string(),
            message: message.into(),
        });
    }

    /// Reads rows, checking the header has every column (extra columns are reported).
    fn rows(&mut self, text: &str, columns: &'static [&'static str]) -> Vec<Row> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
            Err(e) => {
                self.problem(1, "", format!("cannot read the header: {e}"));
                return Vec::new();
            }
        };
        let mut positions = Vec::new();
        for c in columns {
            match header.iter().position(|h| h == c) {
                Some(i) => positions.push((*c, i)),
                None => self.problem(
                    1,
                    c,
                    format!("missing column `{c}` (expected {})", columns.join(",")),
                ),
            }
        }
        for h in &header {
            if !columns.contains(&h.as_str()) {
                self.problem(
                    1,
                    h,
                    format!("unknown column `{h}` (expected {})", columns.join(",")),
                );
            }
        }
        if positions.len() != columns.len() {
            return Vec::new();
        }
        let mut rows = Vec::new();
        let mut lines = Lines::new(text);
        for record in reader.records() {
            match record {
                Err(e) => {
                    let line = e.position().map_or(0, |p| lines.at(p.byte()));
                    self.problem(line, "", format!("unreadable row: {e}"));
                }
                Ok(rec) => {
                    let line = rec.position().map_or(0, |p| lines.at(p.byte()));
                    if rec.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    if rec.len() != header.len() {
                        self.problem(
                            line,
                            "",
                            format!("{} cells where the header has {}", rec.len(), header.len()),
                        );
                        continue;
                    }
                    let cells = positions
                        .iter()
                        .map(|(c, i)| (*c, rec[*i].trim().to_string()))
                        .collect();
                    rows.push(Row { line, cells });
                }
            }
        }
        rows
    }

    fn required<'r>(&mut self, row: &'r Row, column: &'static str) -> Option<&'r str> {
        let v = row.cells[column].as_str();
        if v.is_empty() {
            self.problem(row.line, column, "empty cell");
            None
        } else {
            Some(v)
        }
    }
}

/// Physical line numbers of record starts.
///
/// The csv crate's own line count runs one short after CRLF line ends and after blank lines
/// (BurntSushi/rust-csv#395, #208), and its byte offset may point at the line end before the
/// record, so we skip line ends and count them ourselves (CRLF, LF or a lone CR). Records
/// come in order, so counting resumes where the previous record left off.
struct Lines<'t> {
    bytes: &'t [u8],
    pos: usize,
    line: u64,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    /// The 1-based line on which the record at byte `offset` starts.
    fn at(&mut self, offset: u64) -> u64 {
        let b = self.bytes;
        let mut start = usize::try_from(offset).map_or(b.len(), |o| o.min(b.len()));
        while start < b.len() && matches!(b[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.pos {
            // Not expected from the reader; count again from the top.
            (self.pos, self.line) = (0, 1);
        }
        for i in self.pos..start {
            if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                self.line += 1;
            }
        }
        self.pos = start;
        self.line
    }
}

/// The provenance of a part whose status the builder stated: the base model's note no longer
/// applies, so it is replaced by one that says who stated what.
fn stated(status: SourceStatus, part: &str) -> Source {
    Source {
        status,
        note: text(
            &format!("由 cmmm model build 从电子表格构建；{part}的状态（{}）由构建者声明。", status.as_str()),
            &format!("Built by `cmmm model build` from spreadsheets; the status of the {part} ({}) was stated by the builder.", status.as_str()),
        ),
    }
}

fn text(zh: &str, en: &str) -> Text {
    Text::new(zh, en)
}

fn yes(cell: &str) -> Option<bool> {
    match cell.to_ascii_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" | "否" => Some(false),
        "yes" | "y" | "true" | "1" | "是" => Some(true),
        _ => None,
    }
}

/// Builds and validates a model from the three sheets and a base model.
pub fn build(
    structure: Sheet<'_>,
    requirements: Sheet<'_>,
    weights: Sheet<'_>,
    base: &Model,
    options: &BuildOptions,
) -> Result<Model, BuildError> {
    let mut problems = Vec::new();
    let mut doc = base.doc().clone();
    if let Some(id) = &options.id {
        doc.id = id.clone();
    }
    if let Some(v) = &options.version {
        doc.version = v.clone();
    }
    if let Some(t) = &options.title {
        doc.title = t.clone();
    }
    if let Some(s) = options.requirements_status {
        doc.provenance.requirements = stated(s, "requirement texts");
    }
    doc.elements = read_structure(structure, &mut problems);
    read_requirements(requirements, &mut doc.elements, &mut problems);
    doc.profiles = read_weights(weights, base, options, &mut problems);
    if !problems.is_empty() {
        return Err(BuildError::Sheets(problems));
    }
    Ok(Model::from_doc(doc)?)
}

fn read_structure(sheet: Sheet<'_>, problems: &mut Vec<SheetProblem>) -> Vec<Element> {
    let mut r = Reader {
        file: sheet.name,
        problems,
    };
    let mut elements: Vec<Element> = Vec::new();
    for row in r.rows(sheet.text, &STRUCTURE_COLUMNS) {
        let (Some(e), Some(d), Some(s)) = (
            r.required(&row, "element"),
            r.required(&row, "domain"),
            r.required(&row, "sub_domain"),
        ) else {
            continue;
        };
        let c = &row.cells;
        let ei = match elements.iter().position(|x| x.id == e) {
            Some(i) => i,
            None => {
                elements.push(Element {
                    id: e.into(),
                    name: text(&c["element_zh"], &c["element_en"]),
                    domains: Vec::new(),
                });
                elements.len() - 1
            }
        };
        let element = &mut elements[ei];
        let di = match element.domains.iter().position(|x| x.id == d) {
            Some(i) => i,
            None => {
                element.domains.push(Domain {
                    id: d.into(),
                    name: text(&c["domain_zh"], &c["domain_en"]),
                    sub_domains: Vec::new(),
                });
                element.domains.len() - 1
            }
        };
        let domain = &mut element.domains[di];
        if domain.sub_domains.iter().any(|x| x.id == s) {
            r.problem(
                row.line,
                "sub_domain",
                format!("sub-domain `{s}` is listed twice"),
            );
            continue;
        }
        domain.sub_domains.push(SubDomain {
            id: s.into(),
            name: text(&c["sub_domain_zh"], &c["sub_domain_en"]),
            requirements: Vec::new(),
        });
    }
    elements
}

fn read_requirements(sheet: Sheet<'_>, elements: &mut [Element], problems: &mut Vec<SheetProblem>) {
    let mut r = Reader {
        file: sheet.name,
        problems,
    };
    let mut places: HashMap<Id, (usize, usize, usize)> = HashMap::new();
    for (ei, e) in elements.iter().enumerate() {
        for (di, d) in e.domains.iter().enumerate() {
            for (si, s) in d.sub_domains.iter().enumerate() {
                places.insert(s.id.clone(), (ei, di, si));
            }
        }
    }
    for row in r.rows(sheet.text, &REQUIREMENT_COLUMNS) {
        let (Some(id), Some(sub), Some(level)) = (
            r.required(&row, "id"),
            r.required(&row, "sub_domain"),
            r.required(&row, "level"),
        ) else {
            continue;
        };
        let Ok(level) = level.parse::<u8>() else {
            r.problem(
                row.line,
                "level",
                format!("level `{level}` is not a whole number"),
            );
            continue;
        };
        let Some(&(ei, di, si)) = places.get(sub) else {
            r.problem(
                row.line,
                "sub_domain",
                format!("sub-domain `{sub}` is not in the structure sheet"),
            );
            continue;
        };
        if r.required(&row, "text_zh").is_none() {
            continue;
        }
        elements[ei].domains[di].sub_domains[si]
            .requirements
            .push(Requirement {
                id: id.into(),
                level,
                text: text(&row.cells["text_zh"], &row.cells["text_en"]),
            });
    }
}

fn read_weights(
    sheet: Sheet<'_>,
    base: &Model,
    options: &BuildOptions,
    problems: &mut Vec<SheetProblem>,
) -> Vec<Profile> {
    let mut r = Reader {
        file: sheet.name,
        problems,
    };
    let mut profiles: Vec<Profile> = Vec::new();
    for row in r.rows(sheet.text, &WEIGHT_COLUMNS) {
        let (Some(pid), Some(layer), Some(id), Some(weight)) = (
            r.required(&row, "profile"),
            r.required(&row, "layer"),
            r.required(&row, "id"),
            r.required(&row, "weight"),
        ) else {
            continue;
        };
        let w = Weight::parse(weight);
        if w.value().is_none() {
            r.problem(
                row.line,
                "weight",
                format!("`{weight}` is not an exact decimal (\"0.25\") or fraction (\"1/3\")"),
            );
            continue;
        }
        let pi = match profiles.iter().position(|p| p.id == pid) {
            Some(i) => i,
            None => {
                let from_base = base.profile(pid).map(|(p, _)| p.clone());
                let mut p = from_base.unwrap_or_else(|| Profile {
                    id: pid.into(),
                    name: text(pid, pid),
                    weights_provenance: Source {
                        status: SourceStatus::Placeholder,
                        note: text(
                            "由电子表格导入，来源未声明。",
                            "Imported from a spreadsheet; source not stated.",
                        ),
                    },
                    weights: Weights::default(),
                    excluded_by_default: Vec::new(),
                    tailorable: Vec::new(),
                });
                p.weights = Weights::default();
                p.excluded_by_default.clear();
                p.tailorable.clear();
                if let Some(s) = options.weights_status {
                    p.weights_provenance = stated(s, "weights");
                }
                profiles.push(p);
                profiles.len() - 1
            }
        };
        let p = &mut profiles[pi];
        let map = match layer {
            "element" => &mut p.weights.elements,
            "domain" => &mut p.weights.domains,
            "sub_domain" => &mut p.weights.sub_domains,
            other => {
                r.problem(
                    row.line,
                    "layer",
                    format!("layer `{other}` is not element, domain or sub_domain"),
                );
                continue;
            }
        };
        if map.insert(id, w).is_err() {
            r.problem(
                row.line,
                "id",
                format!("{layer} `{id}` has a second weight in profile `{pid}`"),
            );
            continue;
        }
        for (column, list) in [
            ("excluded_by_default", &mut p.excluded_by_default),
            ("tailorable", &mut p.tailorable),
        ] {
            match (yes(&row.cells[column]), layer) {
                (None, _) => r.problem(
                    row.line,
                    column,
                    format!("`{}` is not yes or no", row.cells[column]),
                ),
                (Some(true), "sub_domain") => list.push(id.into()),
                (Some(true), _) => r.problem(
                    row.line,
                    column,
                    format!("only sub-domains can be {column}"),
                ),
                (Some(false), _) => {}
            }
        }
    }
    profiles
}

/// The three sheets of a model, as CSV texts (UTF-8, no byte-order mark).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheets {
    /// The structure sheet.
    pub structure: String,
    /// The requirements sheet.
    pub requirements: String,
    /// The weights sheet.
    pub weights: String,
}

fn write_csv<const N: usize>(header: [&str; N], rows: Vec<[String; N]>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    w.write_record(header).expect("write to memory");
    for row in rows {
        w.write_record(&row).expect("write to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory"))
        .expect("CSV of UTF-8 cells is UTF-8")
}

/// Writes a model as the three sheets that [`build`] reads.
pub fn export(model: &Model) -> Sheets {
    let doc: &ModelDoc = model.doc();
    let mut structure = Vec::new();
    let mut requirements = Vec::new();
    for e in &doc.elements {
        for d in &e.domains {
            for s in &d.sub_domains {
                structure.push([
                    e.id.to_string(),
                    e.name.zh.to_string(),
                    e.name.en.to_string(),
                    d.id.to_string(),
                    d.name.zh.to_string(),
                    d.name.en.to_string(),
                    s.id.to_string(),
                    s.name.zh.to_string(),
                    s.name.en.to_string(),
                ]);
                for q in &s.requirements {
                    requirements.push([
                        q.id.to_string(),
                        s.id.to_string(),
                        q.level.to_string(),
                        q.text.zh.to_string(),
                        q.text.en.to_string(),
                    ]);
                }
            }
        }
    }
    let mut weights = Vec::new();
    for p in &doc.profiles {
        let flag = |list: &[Id], id: &str| {
            if list.iter().any(|x| x == id) {
                "yes"
            } else {
                ""
            }
            .to_string()
        };
        for (layer, map) in [
            ("element", &p.weights.elements),
            ("domain", &p.weights.domains),
            ("sub_domain", &p.weights.sub_domains),
        ] {
            for (id, w) in map.iter() {
                let (ex, ta) = if layer == "sub_domain" {
                    (flag(&p.excluded_by_default, id), flag(&p.tailorable, id))
                } else {
                    (String::new(), String::new())
                };
                weights.push([
                    p.id.to_string(),
                    layer.to_string(),
                    id.to_string(),
                    w.text().to_string(),
                    ex,
                    ta,
                ]);
            }
        }
    }
    Sheets {
        structure: write_csv(STRUCTURE_COLUMNS, structure),
        requirements: write_csv(REQUIREMENT_COLUMNS, requirements),
        weights: write_csv(WEIGHT_COLUMNS, weights),
    }
}
