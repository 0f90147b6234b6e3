//! Records: what a reader yields for each assessment of an input, readable or not.

use std::ops::Range;
use std::sync::Arc;

use cmmm_model::Assessment;

use crate::error::{Located, SheetError};
use crate::location::{Column, Location};

/// One input assessment, in input order.
#[derive(Debug)]
pub struct Record {
    /// Where it starts: its line (JSON, NDJSON), its first row (sheets), or the file.
    pub location: Location,
    /// The assessment id, when known before parsing (sheets).
    pub id: Option<String>,
    /// The assessment, its text, or what is wrong.
    pub payload: Payload,
}

/// What a record holds.
#[derive(Debug)]
pub enum Payload {
    /// The JSON text of one assessment, as a range of the text of its
    /// [`Chunk`](crate::Chunk), parsed when it is scored (on any thread).
    Json(Range<usize>),
    /// An assessment assembled from the rows of a sheet, with the cell of every value.
    Sheet(Box<Parsed>),
    /// What could not be read, and where.
    Broken(Box<Located>),
}

impl Record {
    /// The record's assessment: its JSON text (a range of `text`, the text of the record's
    /// chunk) parsed, or the assessment read from a sheet; or what is wrong and where.
    pub fn parse(self, text: &[u8]) -> Result<Parsed, Located> {
        let Record {
            location, payload, ..
        } = self;
        match payload {
            Payload::Sheet(parsed) => Ok(*parsed),
            Payload::Broken(located) => Err(*located),
            Payload::Json(range) => {
                let fail = |error| Located::new(location.clone(), error);
                let json = std::str::from_utf8(&text[range]).map_err(|e| {
                    fail(SheetError::Encoding {
                        asked: Some("UTF-8"),
                        offset: e.valid_up_to() as u64,
                        line: location.row,
                    })
                })?;
                match cmmm_score::parse_assessment(json) {
                    Ok(assessment) => Ok(Parsed {
                        assessment,
                        origin: Origin::Json(location),
                    }),
                    Err(e) => Err(fail(e.into())),
                }
            }
        }
    }

    /// A record holding an error at `location`.
    pub fn broken(location: Location, id: Option<String>, error: SheetError) -> Record {
        Record {
            location: location.clone(),
            id,
            payload: Payload::Broken(Box::new(Located::new(location, error))),
        }
    }
}

/// An assessment read from an input, with where its values were.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The assessment.
    pub assessment: Assessment,
    pub(crate) origin: Origin,
}

/// Where the values of a parsed assessment were.
#[derive(Clone, Debug)]
pub(crate) enum Origin {
    /// A JSON text starting at this place; its fields are named by JSON path.
    Json(Location),
    /// The cells of a sheet.
    Sheet(Cells),
}

/// Cells of the values of one assessment of a sheet.
#[derive(Clone, Debug)]
pub(crate) struct Cells {
    pub file: Arc<str>,
    pub header: Arc<[Arc<str>]>,
    /// The assessment's first row.
    pub start: u64,
    /// (column key, row, column index) of each assessment field given.
    pub fields: Vec<(&'static str, u64, u32)>,
    /// (row, column index) of each answer, in the order of the assessment's ratings.
    pub answers: Vec<(u64, u32)>,
}

impl Cells {
    pub fn at(&self, row: u64, column: u32) -> Location {
        Location::row(&self.file, row).at_column(Column {
            index: column,
            name: self
                .header
                .get(column as usize)
                .cloned()
                .unwrap_or_default(),
        })
    }

    pub fn field(&self, key: &str) -> Option<Location> {
        self.fields
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|&(_, row, column)| self.at(row, column))
    }
}

impl Parsed {
    /// Where the assessment starts: its JSON text's line, or its first row.
    pub fn location(&self) -> Location {
        match &self.origin {
            Origin::Json(at) => at.clone(),
            Origin::Sheet(cells) => Location::row(&cells.file, cells.start),
        }
    }

    /// Where a field of the assessment is, named as errors name it (`ratings.data.2.a`,
    /// `profile`, `tailoring[0].reason`, …): in a sheet, the cell of its value (the
    /// assessment's first row when it has none); in JSON, where the assessment starts (the
    /// field name itself says the rest).
    pub fn locate(&self, field: &str) -> Location {
        let cells = match &self.origin {
            Origin::Json(at) => return at.clone(),
            Origin::Sheet(cells) => cells,
        };
        let found = if let Some(id) = field.strip_prefix("ratings.") {
            self.assessment
                .ratings
                .iter()
                .position(|(k, _)| k == id)
                .and_then(|i| cells.answers.get(i))
                .map(|&(row, column)| cells.at(row, column))
        } else {
            let key = field.split(['.', '[']).next().unwrap_or(field);
            cells.field(key)
        };
        found.unwrap_or_else(|| Location::row(&cells.file, cells.start))
    }
}
