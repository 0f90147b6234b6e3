//! Writing batch results: NDJSON (the full result per record), CSV and XLSX (the flat table
//! of cmmm-sheets' `results`). Files are written to a temporary file beside the target and
//! renamed into place at the end.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::files::OutFile;

use clap::ValueEnum;
use cmmm_sheets::batch::Scored;
use cmmm_sheets::results::{Cell, XlsxTable};

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Ndjson,
    Csv,
    Xlsx,
}

/// One NDJSON line (with its newline).
pub fn ndjson_line(scored: &Scored) -> Vec<u8> {
    // Plain data with string keys serializes.
    let mut line = serde_json::to_vec(scored).expect("record serializes");
    line.push(b'\n');
    line
}

/// One record (or the header) ready for the output: encoded bytes for NDJSON and CSV, cells
/// for XLSX.
pub enum Rendered {
    Bytes(Vec<u8>),
    Cells(Vec<Cell>),
    Header(Vec<String>),
}

/// Where output goes: stdout, or a file that replaces its target on success only
/// ([`OutFile`]).
pub enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    File {
        target: PathBuf,
        file: BufWriter<OutFile>,
    },
    Xlsx {
        target: PathBuf,
        out: OutFile,
        table: Box<XlsxTable>,
    },
}

impl Sink {
    /// Opens the output.
    pub fn open(format: OutputFormat, out: Option<&Path>) -> Result<Sink, String> {
        match (format, out) {
            (OutputFormat::Xlsx, None) => Err("--format xlsx needs --out FILE".into()),
            (OutputFormat::Xlsx, Some(path)) => Ok(Sink::Xlsx {
                target: path.to_path_buf(),
                out: OutFile::create(path)?,
                table: Box::new(XlsxTable::new().map_err(|e| e.to_string())?),
            }),
            (_, None) => Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 20,
                std::io::stdout(),
            ))),
            (_, Some(path)) => Ok(Sink::File {
                target: path.to_path_buf(),
                file: BufWriter::with_capacity(1 << 20, OutFile::create(path)?),
            }),
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

    /// Finishes the output: flushes it and puts it in place of its target.
    pub fn finish(self) -> Result<(), String> {
        match self {
            Sink::Stdout(mut w) => w
                .flush()
                .map_err(|e| format!("cannot write the output: {e}")),
            Sink::File { target, file } => file
                .into_inner()
                .map_err(|e| format!("{}: cannot write: {}", target.display(), e.error()))?
                .finish(),
            Sink::Xlsx {
                target,
                mut out,
                table,
            } => {
                table
                    .save_to(out.file())
                    .map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
                out.finish()
            }
        }
    }

    /// Drops the output after a failure: nothing of it is left.
    pub fn abandon(self) {}
}
