//! Rows of a sheet (CSV or XLSX) assembled into assessments, as people fill sheets in:
//!
//! - **Long layout** (the header has `requirement_id` and `rating`): one row per answer.
//! - **Wide layout** (any other header): one row per assessment, one column per requirement.
//! - **Fill-down**: a row whose `assessment_id` is blank belongs to the assessment above it,
//!   so a sheet with no ids at all is one assessment; the other assessment columns
//!   (enterprise name, profile, …) may be typed on any one row of the assessment, usually the
//!   first, and later rows left blank. A later row giving a *different* value is an error.
//! - **Cells**: assessment fields and ids are trimmed; a rating is read exactly as typed (a
//!   rating with spaces around it is an error everywhere, as in JSON); a cell of nothing but
//!   spaces is blank, and a blank rating is an unrated requirement.
//!
//! Every error names the file, row and column of the cell at fault.

use std::collections::HashMap;
use std::sync::Arc;

use cmmm_model::{Answer, Assessment, Enterprise, Id, Rating, Tailoring};
use compact_str::CompactString;

use crate::columns::{column, Part, COLUMNS, LIST_SEPARATOR};
use crate::error::SheetError;
use crate::location::{Column, Location};
use crate::record::{Cells, Origin, Parsed, Payload, Record};

/// A row: its line (or worksheet row), its cells and whether its text spans lines (a CSV row
/// with a line break in a quoted cell, which may be a quote left open); or a row that could
/// not be split.
pub(crate) type Row = Result<(u64, Vec<String>, bool), (u64, SheetError)>;

/// The header of a sheet.
struct Header {
    names: Arc<[Arc<str>]>,
    /// Column index of each of [`COLUMNS`], when present.
    index: [Option<u32>; COLUMNS.len()],
    /// (column key, column index) of each assessment column present.
    fields: Vec<(&'static str, u32)>,
    /// Long layout: the columns of `requirement_id`, `rating`, `evidence`, `comment` and
    /// `rated_by`.
    answer: [Option<u32>; 5],
    /// Wide layout: (column index, requirement id) of each requirement column.
    requirements: Vec<(u32, CompactString)>,
    long: bool,
}

impl Header {
    fn read(cells: Vec<String>, row: u64, file: &Arc<str>) -> Result<Header, Record> {
        let names: Vec<Arc<str>> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let c = if i == 0 {
                    c.trim_start_matches('\u{feff}')
                } else {
                    c
                };
                Arc::from(c.trim())
            })
            .collect();
        let fail = |error| Record::broken(Location::row(file, row), None, error);
        let mut seen: HashMap<&str, u32> = HashMap::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            if name.is_empty() {
                continue;
            }
            if let Some(first) = seen.insert(name, i as u32) {
                return Err(fail(SheetError::DuplicateColumn {
                    name: name.to_string(),
                    first: letters(first),
                    second: letters(i as u32),
                }));
            }
        }
        let mut index = [None; COLUMNS.len()];
        for (k, def) in COLUMNS.iter().enumerate() {
            index[k] = seen.get(def.key).copied();
        }
        let has = |key: &str| seen.contains_key(key);
        let long = has("requirement_id") && has("rating");
        let mut requirements = Vec::new();
        let mut unknown = Vec::new();
        for (i, name) in names.iter().enumerate() {
            match column(name) {
                _ if name.is_empty() => {}
                Some(_) => {}
                None if long => unknown.push(name.to_string()),
                None => requirements.push((i as u32, CompactString::from(&**name))),
            }
        }
        if !unknown.is_empty() {
            return Err(fail(SheetError::UnknownColumns(unknown)));
        }
        let fields = COLUMNS
            .iter()
            .zip(index)
            .filter(|(def, _)| def.part == Part::Assessment)
            .filter_map(|(def, at)| Some((def.key, at?)))
            .collect();
        let answer = [
            "requirement_id",
            "rating",
            "evidence",
            "comment",
            "rated_by",
        ]
        .map(|k| seen.get(k).copied());
        Ok(Header {
            names: names.into(),
            index,
            fields,
            answer,
            requirements,
            long,
        })
    }

    fn position(&self, key: &str) -> Option<u32> {
        let k = COLUMNS.iter().position(|c| c.key == key)?;
        self.index[k]
    }
}

fn letters(index: u32) -> String {
    Column {
        index,
        name: "".into(),
    }
    .letters()
}

/// The trimmed cell of column `at`, if not blank.
fn cell(cells: &[String], at: Option<u32>) -> Option<&str> {
    let c = cells.get(at? as usize)?.trim();
    (!c.is_empty()).then_some(c)
}

fn list(value: &str) -> Vec<String> {
    value
        .split(LIST_SEPARATOR)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// One assessment being assembled from its rows.
struct Builder {
    start: u64,
    id: Option<String>,
    /// (column key, value, row, column) of each assessment field given.
    fields: Vec<(&'static str, String, u64, u32)>,
    ratings: Vec<(CompactString, Answer)>,
    answers: Vec<(u64, u32)>,
    /// First row of each requirement answered.
    seen: HashMap<CompactString, u64>,
    broken: Option<(Location, SheetError)>,
}

impl Builder {
    /// An assessment starting at row `start`, with room for `answers` answers (the last
    /// assessment's count: the assessments of one sheet are of one model).
    fn new(start: u64, id: Option<&str>, answers: usize) -> Builder {
        Builder {
            start,
            id: id.map(str::to_string),
            fields: Vec::new(),
            ratings: Vec::with_capacity(answers),
            answers: Vec::with_capacity(answers),
            seen: HashMap::with_capacity(answers),
            broken: None,
        }
    }

    fn value(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.0 == key)
            .map(|f| f.1.as_str())
    }

    /// Takes the assessment fields of a row (fill-down: a field is given once).
    fn fields(&mut self, header: &Header, cells: &[String], row: u64, file: &Arc<str>) {
        for &(key, at) in &header.fields {
            let Some(value) = cell(cells, Some(at)) else {
                continue;
            };
            match self.fields.iter().find(|f| f.0 == key) {
                None => self.fields.push((key, value.to_string(), row, at)),
                Some((_, first, first_row, _)) if first != value => {
                    let error = SheetError::Conflict {
                        column: key,
                        value: value.to_string(),
                        first: first.clone(),
                        first_row: *first_row,
                    };
                    self.fail(cell_at(file, header, row, at), error);
                    return;
                }
                Some(_) => {}
            }
        }
    }

    fn answer(
        &mut self,
        requirement: &str,
        answer: Answer,
        row: u64,
        at: u32,
        header: &Header,
        file: &Arc<str>,
    ) {
        let id = CompactString::from(requirement);
        if let Some(&first_row) = self.seen.get(&id) {
            let error = SheetError::RatedTwice {
                requirement: requirement.to_string(),
                first_row,
            };
            self.fail(cell_at(file, header, row, at), error);
            return;
        }
        self.seen.insert(id.clone(), row);
        self.ratings.push((id, answer));
        self.answers.push((row, at));
    }

    fn fail(&mut self, at: Location, error: SheetError) {
        if self.broken.is_none() {
            self.broken = Some((at, error));
        }
    }

    fn finish(self, header: &Header, file: &Arc<str>, default_profile: Option<&str>) -> Record {
        let start = Location::row(file, self.start);
        if let Some((at, error)) = self.broken {
            return Record::broken(at, self.id, error);
        }
        let field_cell = |key: &str| {
            self.fields
                .iter()
                .find(|f| f.0 == key)
                .map(|f| cell_at(file, header, f.2, f.3))
        };
        let Some(profile) = self.value("profile").or(default_profile) else {
            let at = header
                .position("profile")
                .map_or(start.clone(), |c| cell_at(file, header, self.start, c));
            return Record::broken(at, self.id, SheetError::NoProfile);
        };
        let get = |key| self.value(key).map(str::to_string);
        let mut enterprise = Enterprise::default();
        enterprise.name = get("enterprise_name");
        enterprise.code = get("enterprise_code");
        enterprise.industry = get("industry");
        enterprise.region = get("region");
        let mut tailoring = Vec::new();
        for entry in self.value("tailoring").map(list).unwrap_or_default() {
            let Some((sub_domain, reason)) = entry.split_once('=') else {
                let at = field_cell("tailoring").unwrap_or(start);
                return Record::broken(at, self.id, SheetError::Tailoring(entry));
            };
            tailoring.push(Tailoring::new(sub_domain.trim(), reason.trim()));
        }
        let mut assessment = Assessment::new(profile);
        assessment.model = get("model").map(Id::from);
        assessment.id = self.id.clone();
        assessment.enterprise = (enterprise != Enterprise::default()).then_some(enterprise);
        assessment.assessed_on = get("assessed_on");
        assessment.assessor = get("assessor");
        assessment.tailoring = tailoring;
        assessment.include = self
            .value("include")
            .map(|v| list(v).into_iter().map(Id::from).collect())
            .unwrap_or_default();
        // Unique by construction (`seen`).
        assessment.ratings = self.ratings.into_iter().collect();
        let cells = Cells {
            file: file.clone(),
            header: header.names.clone(),
            start: self.start,
            fields: self.fields.iter().map(|f| (f.0, f.2, f.3)).collect(),
            answers: self.answers,
        };
        Record {
            location: start,
            id: self.id,
            payload: Payload::Sheet(Box::new(Parsed {
                assessment,
                origin: Origin::Sheet(cells),
            })),
        }
    }
}

/// The cell of column `at` of `row`; a cell right of the header has no name.
fn cell_at(file: &Arc<str>, header: &Header, row: u64, at: u32) -> Location {
    Location::row(file, row).at_column(Column {
        index: at,
        name: header.names.get(at as usize).cloned().unwrap_or_default(),
    })
}

/// Assembles the rows of a sheet into records: the first row is the header.
pub(crate) fn assemble(
    mut rows: impl Iterator<Item = Row>,
    file: &Arc<str>,
    default_profile: Option<&str>,
    emit: &mut dyn FnMut(Record),
) -> Result<(), SheetError> {
    let (row, cells, _) = match rows.next() {
        None => return Err(SheetError::Empty("the file")),
        Some(Err((_, SheetError::Row(message)))) => {
            return Err(SheetError::UnreadableHeader(message))
        }
        Some(Err((_, error))) => return Err(error),
        Some(Ok(header)) => header,
    };
    let header = match Header::read(cells, row, file) {
        Ok(h) => h,
        Err(record) => {
            emit(record);
            return Ok(());
        }
    };
    let id_column = header.position("assessment_id");
    let width = header.names.len();
    let mut current: Option<Builder> = None;
    let mut room = 0;
    // Assessments swallowed by an unclosed quote, reported after the one that holds it.
    let mut lost: Vec<Record> = Vec::new();
    for row in rows {
        let (row, cells, spans_lines) = match row {
            Ok(r) => r,
            Err((row, error @ SheetError::TooLarge { .. })) => {
                // A row past the limit ends the reading: what came before stands.
                if let Some(done) = current.take() {
                    emit(done.finish(&header, file, default_profile));
                }
                lost.drain(..).for_each(&mut *emit);
                emit(Record::broken(Location::row(file, row), None, error));
                return Ok(());
            }
            Err((row, error)) => {
                // A row that cannot be split breaks the assessment it belongs to, or stands
                // alone.
                let at = Location::row(file, row);
                match current.as_mut() {
                    Some(b) => b.fail(at, error),
                    None => emit(Record::broken(at, None, error)),
                }
                continue;
            }
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let id = cell(&cells, id_column);
        let starts = match &current {
            None => true,
            Some(b) => id.is_some() && b.id.as_deref() != id,
        };
        if starts {
            if let Some(done) = current.take() {
                room = done.ratings.len();
                emit(done.finish(&header, file, default_profile));
                lost.drain(..).for_each(&mut *emit);
            }
            current = Some(Builder::new(row, id, room));
        }
        let b = current.as_mut().expect("set above");
        let swallowed = spans_lines
            .then(|| swallowed_rows(&cells, width, id_column))
            .flatten();
        if let Some(swallowed) = swallowed {
            // A quote opened in a cell and never closed: the csv reader took the rows
            // below for that cell's text. This assessment fails at the cell, and each other
            // assessment whose rows were swallowed becomes an error record of its own.
            let at = cell_at(file, &header, row, swallowed.column);
            let rows = swallowed.rows.len();
            b.fail(at, SheetError::UnclosedQuote { rows });
            let mut seen: Vec<&str> = b.id.iter().map(String::as_str).collect();
            for (line, other) in &swallowed.rows {
                let Some(other) = other.as_deref() else {
                    continue;
                };
                if !seen.contains(&other) {
                    seen.push(other);
                    lost.push(Record::broken(
                        Location::row(file, row + line),
                        Some(other.to_string()),
                        SheetError::Swallowed { quote_row: row },
                    ));
                }
            }
            continue;
        }
        if b.broken.is_some() {
            continue;
        }
        if cells.len() > width && cells[width..].iter().any(|c| !c.trim().is_empty()) {
            let error = SheetError::CellCount {
                found: cells.len(),
                expected: width,
            };
            b.fail(Location::row(file, row), error);
            continue;
        }
        b.fields(&header, &cells, row, file);
        if header.long {
            long_row(b, &header, &cells, row, file);
        } else {
            for (at, requirement) in &header.requirements {
                if let Some(rating) = rating_cell(&cells, *at) {
                    let answer = Answer::rated(Rating::from(rating));
                    b.answer(requirement, answer, row, *at, &header, file);
                }
            }
        }
    }
    if let Some(done) = current {
        emit(done.finish(&header, file, default_profile));
    }
    lost.into_iter().for_each(emit);
    Ok(())
}

/// Rows that an unclosed quote swallowed into one cell.
struct Swallowed {
    /// The cell's column.
    column: u32,
    /// Each swallowed row: its line counted from the cell's row, and its assessment id.
    rows: Vec<(u64, Option<String>)>,
}

/// The rows a cell swallowed, when its text goes on over lines that read as whole rows of
/// the sheet (as many cells as the header, give or take the last): the mark of a quote that
/// was opened and never closed. A comment over several lines has no such lines.
fn swallowed_rows(cells: &[String], width: usize, id_column: Option<u32>) -> Option<Swallowed> {
    let wide_enough = width.saturating_sub(1).max(2);
    for (column, text) in cells.iter().enumerate() {
        let Some(start) = text.find(['\n', '\r']) else {
            continue;
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&text.as_bytes()[start..]);
        let rows: Vec<(u64, Option<String>)> = reader
            .records()
            .map_while(Result::ok)
            .filter(|r| r.len() >= wide_enough)
            .map(|r| {
                let line = r
                    .position()
                    .map_or(1, |p| p.line().saturating_sub(1).max(1));
                let id = id_column
                    .and_then(|c| r.get(c as usize))
                    .map(str::trim)
                    .filter(|id| !id.is_empty())
                    .map(str::to_string);
                (line, id)
            })
            .collect();
        if !rows.is_empty() {
            return Some(Swallowed {
                column: column as u32,
                rows,
            });
        }
    }
    None
}

/// A rating cell: as typed, unless it is blank.
fn rating_cell(cells: &[String], at: u32) -> Option<&str> {
    let c = cells.get(at as usize)?;
    (!c.trim().is_empty()).then_some(c.as_str())
}

fn long_row(b: &mut Builder, header: &Header, cells: &[String], row: u64, file: &Arc<str>) {
    let [requirement_at, rating_at, evidence_at, comment_at, rated_by_at] = header.answer;
    let rating_at = rating_at.expect("the long layout has a rating column");
    let rating = rating_cell(cells, rating_at);
    let evidence = cell(cells, evidence_at);
    let comment = cell(cells, comment_at);
    let rated_by = cell(cells, rated_by_at);
    let Some(requirement) = cell(cells, requirement_at) else {
        if rating.is_some() || evidence.is_some() || comment.is_some() || rated_by.is_some() {
            let at = requirement_at.expect("the long layout has a requirement_id column");
            b.fail(cell_at(file, header, row, at), SheetError::EmptyRequirement);
        }
        // A row of assessment fields only.
        return;
    };
    let mut answer = Answer::default();
    answer.rating = rating.map(Rating::from);
    answer.evidence = evidence.map(list).unwrap_or_default();
    answer.comment = comment.map(str::to_string);
    answer.assessor = rated_by.map(str::to_string);
    b.answer(requirement, answer, row, rating_at, header, file);
}
