//! Writing batch results: NDJSON (the full result per record), CSV and XLSX (the flat table
//! of cmmm-sheets' `results`). Files are written to a temporary file beside the target and
//! renamed into place at the end.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::files::{target, temp_path, Target};

use clap::ValueEnum;
use cmmm_score::Outcome;
use cmmm_sheets::results::{Cell, XlsxTable};
use cmmm_sheets::Location;
use serde::Serialize;

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
    /// The column of the cell at fault, for an error in a sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<String>,
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
            line: location.row,
            column: location.column.as_ref().map(|c| c.letters()),
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

/// The file written and the file it becomes: a temporary file beside the real target, or
/// the target itself when it is not a regular file.
fn written_via(out: &Path) -> (PathBuf, PathBuf) {
    match target(out) {
        Target::Replace(real) => (temp_path(&real), real),
        Target::InPlace => (out.to_path_buf(), out.to_path_buf()),
    }
}

/// One record (or the header) ready for the output: encoded bytes for NDJSON and CSV, cells
/// for XLSX.
pub enum Rendered {
    Bytes(Vec<u8>),
    Cells(Vec<Cell>),
    Header(Vec<String>),
}

/// Where output goes: stdout, or a temporary file renamed over the target on success (a
/// target that is not a regular file, such as `/dev/null`, is written in place: `tmp` is
/// then the target itself).
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
        table: Box<XlsxTable>,
    },
}

impl Sink {
    /// Opens the output.
    pub fn open(format: OutputFormat, out: Option<&Path>) -> Result<Sink, String> {
        match (format, out) {
            (OutputFormat::Xlsx, None) => Err("--format xlsx needs --out FILE".into()),
            (OutputFormat::Xlsx, Some(out)) => {
                let (tmp, real) = written_via(out);
                Ok(Sink::Xlsx {
                    tmp,
                    target: real,
                    table: Box::new(XlsxTable::new().map_err(|e| e.to_string())?),
                })
            }
            (_, None) => Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 20,
                std::io::stdout(),
            ))),
            (_, Some(out)) => {
                let (tmp, real) = written_via(out);
                let file = std::fs::File::create(&tmp)
                    .map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
                Ok(Sink::File {
                    tmp,
                    target: real,
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
            (Sink::Xlsx { table, target, .. }, Rendered::Cells(cells)) => table
                .push(cells)
                .map_err(|e| format!("{}: {e}", target.display())),
            (Sink::Xlsx { table, target, .. }, Rendered::Header(header)) => table
                .header(header)
                .map_err(|e| format!("{}: {e}", target.display())),
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
                // A device or a FIFO has nothing to sync (fsync of /dev/null fails).
                let in_place = tmp == target;
                let written = file
                    .flush()
                    .and_then(|_| {
                        if in_place {
                            Ok(())
                        } else {
                            file.get_ref().sync_all()
                        }
                    })
                    .map_err(|e| e.to_string());
                (tmp, target, written)
            }
            Sink::Xlsx { tmp, target, table } => {
                let written = table.save(&tmp);
                (tmp, target, written)
            }
        };
        if tmp == target {
            return written.map_err(|e| format!("{}: cannot write: {e}", target.display()));
        }
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
        if let Sink::File { tmp, target, .. } | Sink::Xlsx { tmp, target, .. } = self {
            if tmp != target {
                let _ = std::fs::remove_file(tmp);
            }
        }
    }
}
