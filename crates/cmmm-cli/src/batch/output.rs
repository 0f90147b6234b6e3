//! Writing batch results: NDJSON (the full result per record), CSV and XLSX (flat columns).
//! Files are written to a temporary file beside the target and renamed into place at the end.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::files::temp_path;

use clap::ValueEnum;
use cmmm_model::Model;
use cmmm_score::{Outcome, Programmes};
use serde::Serialize;

use super::input::Location;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Ndjson,
    Csv,
    Xlsx,
}

/// The error of one record.
#[derive(Serialize)]
pub struct RecordError {
    pub code: String,
    pub message: String,
    pub location: String,
}

#[derive(Serialize)]
struct Source<'a> {
    file: &'a str,
    line: u64,
}

#[derive(Serialize)]
struct NdjsonRecord<'a> {
    source: Source<'a>,
    id: Option<&'a str>,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<&'a Outcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a RecordError>,
}

/// One NDJSON line (with its newline).
pub fn ndjson_line(
    location: &Location,
    id: Option<&str>,
    result: Result<&Outcome, &RecordError>,
) -> Vec<u8> {
    let record = NdjsonRecord {
        source: Source {
            file: &location.file,
            line: location.line,
        },
        id,
        status: if result.is_ok() { "ok" } else { "error" },
        result: result.ok(),
        error: result.err(),
    };
    // Plain data with string keys serializes.
    let mut line = serde_json::to_vec(&record).expect("record serializes");
    line.push(b'\n');
    line
}

/// The flat columns of CSV and XLSX output.
pub fn flat_header(model: &Model, programmes: &Programmes) -> Vec<String> {
    let mut h: Vec<String> = [
        "file",
        "line",
        "assessment_id",
        "status",
        "error_code",
        "error_location",
        "error_message",
        "profile",
        "level",
        "total",
        "total_display",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    h.extend((1..=model.level_count()).map(|n| format!("t{n}")));
    h.push("meets_level_2".into());
    h.extend(programmes.programmes.iter().map(|p| p.id.to_string()));
    h
}

/// One record's flat cells, aligned with [`flat_header`].
pub fn flat_cells(
    model: &Model,
    programmes: &Programmes,
    location: &Location,
    id: Option<&str>,
    result: Result<&Outcome, &RecordError>,
) -> Vec<String> {
    let mut cells = vec![
        location.file.to_string(),
        location.line.to_string(),
        id.unwrap_or_default().to_string(),
    ];
    let levels = usize::from(model.level_count());
    match result {
        Ok(o) => {
            cells.extend([
                "ok".to_string(),
                String::new(),
                String::new(),
                String::new(),
                o.profile.id.clone(),
                o.level.level.to_string(),
            ]);
            cells.push(o.total.score.value());
            cells.push(o.total.score.display());
            cells.extend(o.levels.iter().map(|l| l.score.value()));
            cells.push(yes_no(Some(o.meets_level_2)));
            cells.extend(o.thresholds.iter().map(|t| yes_no(t.met)));
        }
        Err(e) => {
            cells.extend([
                "error".to_string(),
                e.code.clone(),
                e.location.clone(),
                e.message.clone(),
            ]);
            cells.extend(std::iter::repeat_n(
                String::new(),
                4 + levels + 1 + programmes.programmes.len(),
            ));
        }
    }
    cells
}

fn yes_no(b: Option<bool>) -> String {
    match b {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => String::new(),
    }
}

/// One CSV line (with its newline) from flat cells.
pub fn csv_line(cells: &[String]) -> Vec<u8> {
    // A small buffer: the writer's default of 8 KiB per line is wasted work here.
    let mut w = csv::WriterBuilder::new()
        .buffer_capacity(512)
        .from_writer(Vec::with_capacity(512));
    // Writing to memory cannot fail.
    w.write_record(cells).expect("write to memory");
    w.into_inner().expect("flush to memory")
}

/// One record (or the header) ready for the output: encoded bytes for NDJSON and CSV, cells
/// for XLSX.
pub enum Rendered {
    Bytes(Vec<u8>),
    Cells(Vec<String>),
}

/// Where output goes: stdout, or a temporary file renamed over the target on success.
pub enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    File {
        tmp: PathBuf,
        target: PathBuf,
        file: BufWriter<std::fs::File>,
    },
    Xlsx {
        tmp: PathBuf,
        target: PathBuf,
        workbook: Box<rust_xlsxwriter::Workbook>,
        row: u32,
    },
}

impl Sink {
    /// Opens the output.
    pub fn open(format: OutputFormat, out: Option<&Path>) -> Result<Sink, String> {
        match (format, out) {
            (OutputFormat::Xlsx, None) => Err("--format xlsx needs --out FILE".into()),
            (OutputFormat::Xlsx, Some(target)) => {
                let mut workbook = rust_xlsxwriter::Workbook::new();
                workbook
                    .add_worksheet_with_constant_memory()
                    .and_then(|w| w.set_name("results"))
                    .map_err(|e| e.to_string())?;
                Ok(Sink::Xlsx {
                    tmp: temp_path(target),
                    target: target.to_path_buf(),
                    workbook: Box::new(workbook),
                    row: 0,
                })
            }
            (_, None) => Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 20,
                std::io::stdout(),
            ))),
            (_, Some(target)) => {
                let tmp = temp_path(target);
                let file = std::fs::File::create(&tmp)
                    .map_err(|e| format!("{}: cannot write: {e}", tmp.display()))?;
                Ok(Sink::File {
                    tmp,
                    target: target.to_path_buf(),
                    file: BufWriter::with_capacity(1 << 20, file),
                })
            }
        }
    }

    /// Writes one rendered record (or the header).
    pub fn write(&mut self, rendered: &Rendered) -> Result<(), String> {
        match (self, rendered) {
            (Sink::Stdout(w), Rendered::Bytes(b)) => w
                .write_all(b)
                .map_err(|e| format!("<stdout>: cannot write: {e}")),
            (Sink::File { file, target, .. }, Rendered::Bytes(b)) => file
                .write_all(b)
                .map_err(|e| format!("{}: cannot write: {e}", target.display())),
            (
                Sink::Xlsx {
                    workbook,
                    row,
                    target,
                    ..
                },
                Rendered::Cells(cells),
            ) => {
                let at = *row;
                // rust_xlsxwriter's constant-memory mode panics when its own temporary
                // file fails; keep that a plain error.
                let written = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let sheet = workbook.worksheet_from_index(0)?;
                    for (col, cell) in cells.iter().enumerate() {
                        // Every value is written as text: decimals stay exact.
                        sheet.write_string(at, col as u16, cell)?;
                    }
                    Ok::<(), rust_xlsxwriter::XlsxError>(())
                }));
                *row += 1;
                match written {
                    Ok(Ok(())) => Ok(()),
                    Ok(Err(e)) => Err(format!(
                        "{}: cannot write row {}: {e}",
                        target.display(),
                        at + 1
                    )),
                    Err(_) => Err(format!("{}: cannot write row {}", target.display(), at + 1)),
                }
            }
            _ => Err("internal error: a record rendered for another output format".into()),
        }
    }

    /// Finishes the output: flushes and renames the temporary file into place.
    pub fn finish(self) -> Result<(), String> {
        let (tmp, target, written) = match self {
            Sink::Stdout(mut w) => {
                return w
                    .flush()
                    .map_err(|e| format!("cannot write the output: {e}"))
            }
            Sink::File {
                tmp,
                target,
                mut file,
            } => {
                let written = file
                    .flush()
                    .and_then(|_| file.get_ref().sync_all())
                    .map_err(|e| e.to_string());
                (tmp, target, written)
            }
            Sink::Xlsx {
                tmp,
                target,
                mut workbook,
                ..
            } => {
                let written =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| workbook.save(&tmp)))
                        .map_err(|_| "the workbook could not be saved".to_string())
                        .and_then(|r| r.map_err(|e| e.to_string()));
                (tmp, target, written)
            }
        };
        // A failed flush or save leaves a partial temporary file: remove it too.
        written
            .and_then(|()| std::fs::rename(&tmp, &target).map_err(|e| e.to_string()))
            .map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                format!("{}: cannot write: {e}", target.display())
            })
    }

    /// Removes a temporary file after a failure.
    pub fn abandon(self) {
        if let Sink::File { tmp, .. } | Sink::Xlsx { tmp, .. } = self {
            let _ = std::fs::remove_file(tmp);
        }
    }
}
