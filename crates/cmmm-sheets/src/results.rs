//! Scored results as a flat table, one row per record: where it came from, who was assessed,
//! the status (or the error), the level, S, T(n), level 2 and every programme threshold. CSV
//! keeps every score as its exact decimal text; XLSX writes numbers as number cells (the
//! nearest binary double, so that a spreadsheet can sort and average them; the exact text
//! is the CSV's and the NDJSON's) and verdicts as boolean cells.

use cmmm_model::{Enterprise, Lang, Model};
use cmmm_score::{Outcome, Programmes};

use crate::location::Location;

/// A cell of the result table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A whole number (line, level).
    Integer(u64),
    /// An exact decimal (a score), as text.
    Decimal(String),
    /// A verdict.
    Bool(bool),
}

/// An error record's fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorCells<'a> {
    /// Stable code.
    pub code: &'a str,
    /// The field within the assessment (a JSON path), or "".
    pub field: &'a str,
    /// The message, in the table's language.
    pub message: &'a str,
}

/// The columns of a result table for one model, its programmes and a language.
pub struct ResultTable<'a> {
    model: &'a Model,
    programmes: &'a Programmes,
    lang: Lang,
}

const ENTERPRISE: [&str; 4] = ["enterprise_name", "enterprise_code", "industry", "region"];

impl<'a> ResultTable<'a> {
    /// The table of results scored with `model`, with `programmes`' thresholds, headed and
    /// worded in `lang`.
    pub fn new(model: &'a Model, programmes: &'a Programmes, lang: Lang) -> ResultTable<'a> {
        ResultTable {
            model,
            programmes,
            lang,
        }
    }

    /// The header row: `file, line, column, assessment_id`, the enterprise columns, `status,
    /// error_code, error_location, error_message, profile, level, total, total_display,
    /// t1…tN, meets_level_2`, and one column per programme, headed with its name and year.
    pub fn header(&self) -> Vec<String> {
        let mut h: Vec<String> = ["file", "line", "column", "assessment_id"]
            .into_iter()
            .chain(ENTERPRISE)
            .chain([
                "status",
                "error_code",
                "error_location",
                "error_message",
                "profile",
                "level",
                "total",
                "total_display",
            ])
            .map(str::to_string)
            .collect();
        h.extend((1..=self.model.level_count()).map(|n| format!("t{n}")));
        h.push("meets_level_2".into());
        h.extend(
            self.programmes
                .programmes
                .iter()
                .map(|p| format!("{} ({})", p.name.get(self.lang), p.year)),
        );
        h
    }

    /// One record's row, aligned with [`ResultTable::header`]: scored, or failed at
    /// `location` with `error`.
    pub fn row(
        &self,
        location: &Location,
        id: Option<&str>,
        enterprise: Option<&Enterprise>,
        result: Result<&Outcome, ErrorCells<'_>>,
    ) -> Vec<Cell> {
        let text = |s: Option<&str>| s.map_or(Cell::Empty, |s| Cell::Text(s.to_string()));
        let mut cells = vec![
            Cell::Text(location.file.to_string()),
            // 0 for a file as a whole.
            Cell::Integer(location.row),
            text(location.column.as_ref().map(|c| c.letters()).as_deref()),
            text(id),
        ];
        let enterprise = enterprise.or_else(|| {
            result
                .as_ref()
                .ok()
                .and_then(|o| o.assessment.enterprise.as_ref())
        });
        cells.extend([
            text(enterprise.and_then(|e| e.name.as_deref())),
            text(enterprise.and_then(|e| e.code.as_deref())),
            text(enterprise.and_then(|e| e.industry.as_deref())),
            text(enterprise.and_then(|e| e.region.as_deref())),
        ]);
        let levels = usize::from(self.model.level_count());
        match result {
            Ok(o) => {
                cells.extend([
                    Cell::Text("ok".into()),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Text(o.profile.to_string()),
                    Cell::Integer(u64::from(o.level)),
                    Cell::Decimal(o.total.value()),
                    Cell::Text(o.total.display()),
                ]);
                cells.extend(o.levels.iter().map(|l| Cell::Decimal(l.score.value())));
                cells.push(Cell::Bool(o.meets_level_2));
                cells.extend(
                    o.thresholds
                        .iter()
                        .map(|t| t.met.map_or(Cell::Empty, Cell::Bool)),
                );
            }
            Err(e) => {
                cells.extend([
                    Cell::Text("error".into()),
                    Cell::Text(e.code.to_string()),
                    text(Some(e.field).filter(|f| !f.is_empty())),
                    Cell::Text(e.message.to_string()),
                ]);
                cells.extend(std::iter::repeat_n(
                    Cell::Empty,
                    4 + levels + 1 + self.programmes.programmes.len(),
                ));
            }
        }
        cells
    }
}

/// One CSV line (with its line end) of cells: decimals exact, verdicts `yes`/`no`.
pub fn csv_line(cells: &[Cell]) -> Vec<u8> {
    // A small buffer: the writer's default of 8 KiB per line is wasted work here.
    let mut w = csv::WriterBuilder::new()
        .buffer_capacity(512)
        .from_writer(Vec::with_capacity(512));
    // Writing to memory cannot fail.
    for c in cells {
        match c {
            Cell::Empty => w.write_field(""),
            Cell::Text(s) | Cell::Decimal(s) => w.write_field(s),
            Cell::Integer(n) => w.write_field(n.to_string()),
            Cell::Bool(b) => w.write_field(if *b { "yes" } else { "no" }),
        }
        .expect("write to memory");
    }
    w.write_record(None::<&[u8]>).expect("write to memory");
    w.into_inner().expect("flush to memory")
}

/// The header line of a CSV table: with a byte-order mark, so that Excel and WPS read the
/// Chinese text in it right.
pub fn csv_header(header: &[String]) -> Vec<u8> {
    let cells: Vec<Cell> = header.iter().map(|h| Cell::Text(h.clone())).collect();
    let mut line = b"\xEF\xBB\xBF".to_vec();
    line.extend(csv_line(&cells));
    line
}

/// A result table written as an XLSX workbook, row by row in constant memory.
pub struct XlsxTable {
    workbook: rust_xlsxwriter::Workbook,
    decimal: rust_xlsxwriter::Format,
    bold: rust_xlsxwriter::Format,
    row: u32,
}

/// A row of the workbook could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write row {row}: {message}")]
pub struct XlsxRowError {
    /// The 1-based row.
    pub row: u32,
    /// What went wrong.
    pub message: String,
}

impl XlsxTable {
    /// A workbook with one worksheet, `results`.
    pub fn new() -> Result<XlsxTable, XlsxRowError> {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        workbook
            .add_worksheet_with_constant_memory()
            .and_then(|w| w.set_name("results"))
            .map_err(|e| XlsxRowError {
                row: 0,
                message: e.to_string(),
            })?;
        Ok(XlsxTable {
            workbook,
            decimal: rust_xlsxwriter::Format::new().set_num_format("0.00##"),
            bold: rust_xlsxwriter::Format::new().set_bold(),
            row: 0,
        })
    }

    /// Writes the header row (bold, frozen).
    pub fn header(&mut self, header: &[String]) -> Result<(), XlsxRowError> {
        let cells: Vec<Cell> = header.iter().map(|h| Cell::Text(h.clone())).collect();
        self.write(&cells, true)
    }

    /// Writes the next row.
    pub fn push(&mut self, cells: &[Cell]) -> Result<(), XlsxRowError> {
        self.write(cells, false)
    }

    fn write(&mut self, cells: &[Cell], header: bool) -> Result<(), XlsxRowError> {
        let at = self.row;
        self.row += 1;
        let fail = |message: String| XlsxRowError {
            row: at + 1,
            message,
        };
        // rust_xlsxwriter's constant-memory mode panics when its own temporary file fails;
        // keep that a plain error.
        let (decimal, bold) = (&self.decimal, &self.bold);
        let workbook = &mut self.workbook;
        let written = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let sheet = workbook.worksheet_from_index(0)?;
            if header {
                sheet.set_freeze_panes(1, 0)?;
            }
            for (col, cell) in cells.iter().enumerate() {
                let col = col as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(s) if header => {
                        sheet.write_string_with_format(at, col, s, bold)?;
                    }
                    Cell::Text(s) => {
                        sheet.write_string(at, col, s)?;
                    }
                    Cell::Integer(n) => {
                        sheet.write_number(at, col, *n as f64)?;
                    }
                    Cell::Decimal(s) => match s.parse::<f64>() {
                        Ok(x) => {
                            sheet.write_number_with_format(at, col, x, decimal)?;
                        }
                        Err(_) => {
                            sheet.write_string(at, col, s)?;
                        }
                    },
                    Cell::Bool(b) => {
                        sheet.write_boolean(at, col, *b)?;
                    }
                }
            }
            Ok::<(), rust_xlsxwriter::XlsxError>(())
        }));
        match written {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(fail(e.to_string())),
            Err(_) => Err(fail("the spreadsheet library failed".into())),
        }
    }

    /// Writes the workbook to `writer`.
    pub fn save_to(mut self, writer: impl std::io::Write + Send) -> Result<(), String> {
        let workbook = &mut self.workbook;
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            workbook.save_to_writer(writer)
        }))
        .map_err(|_| "the workbook could not be saved".to_string())
        .and_then(|r| r.map_err(|e| e.to_string()))
    }
}
