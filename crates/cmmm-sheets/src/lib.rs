//! Questionnaires of intelligent-manufacturing maturity self-assessments (GB/T 39116/39117)
//! in the formats people exchange them in: JSON (one assessment or an array), NDJSON, CSV
//! (long or wide layout, UTF-8 with or without a byte-order mark, or GBK/GB18030) and XLSX.
//!
//! **Reading** turns a file or an upload into [`Record`]s in input order, each an
//! assessment, its JSON text (parsed where it is scored), or what is wrong — with the file,
//! row and column of the cell at fault. Sheets are read as people fill them in (see
//! [`columns`] for the layouts): a sheet with no `assessment_id` is one assessment, a blank
//! id continues the assessment above (fill-down), and the assessment's fields may be typed on
//! its first row only. The encoding of CSV text is decided on the whole text.
//!
//! **Writing** makes questionnaires from assessments (a template is an assessment with every
//! rating blank): JSON, NDJSON, CSV with a byte-order mark (so Excel and WPS open it right)
//! in the long or the wide layout, and XLSX with the requirement texts, a drop-down of the scale in the rating column and a
//! frozen header. What is written reads back to the same assessment. [`results`] writes
//! scored results as flat tables (CSV, XLSX with number cells).
//!
//! **Batches**: [`batch::run`] scores every record of many files in input order on a pool of
//! threads, in bounded memory; each becomes a [`batch::Scored`] (a result or an error record).
//!
//! ```
//! use cmmm_model::{template, Lang, Model};
//! use cmmm_sheets::{read_one, write_csv, Source, ReadOptions};
//!
//! let model = Model::gbt39116_2020();
//! // The blank questionnaire as a CSV sheet, as `cmmm template --format csv` writes it …
//! let blank = template(model, "discrete", &[]).unwrap();
//! let sheet = String::from_utf8(write_csv(model, &[blank], Lang::Zh)).unwrap();
//! // … filled in as a person does: the rating column only, "全部满足" on every row.
//! let filled: String = sheet.lines().enumerate().map(|(i, line)| {
//!     let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
//!     if i > 0 { cells[4] = "全部满足".into(); }
//!     cells.join(",") + "\n"
//! }).collect();
//! let source = Source::Bytes { name: "enterprise.csv", bytes: filled.as_bytes() };
//! let parsed = read_one(source, &ReadOptions::new()).unwrap();
//! let outcome = cmmm_score::score(model, &parsed.assessment).unwrap();
//! assert_eq!(outcome.level, 5);
//! ```
#![warn(missing_docs)]

pub mod batch;
mod chunk;
pub mod columns;
mod csv_sheet;
mod encoding;
mod error;
pub mod evidence;
mod json;
mod location;
mod record;
pub mod results;
mod source;
mod table;
mod write;
mod xlsx_sheet;

pub use chunk::{Chunk, Chunker};
pub use encoding::Encoding;
pub use error::{Located, SheetError};
pub use location::{Column, Location};
pub use record::{Parsed, Payload, Record};
pub use source::{Format, Limits, ReadOptions, Source};
pub use write::{
    wide_loses, write_csv, write_csv_wide, write_json, write_ndjson, write_xlsx, WriteError,
};

/// Reads every record of `source` into `out`, in input order, calling `progress` with the
/// bytes read. A file that cannot be read at all becomes one error record for the file.
pub fn read_into(
    source: Source<'_>,
    opts: &ReadOptions,
    progress: &dyn Fn(u64),
    out: &mut Chunker<'_>,
) {
    let file = source.name();
    let result = match source.format(opts) {
        None => Err(SheetError::UnknownFormat),
        Some(Format::Json) => json::read_json(&source, &file, opts.limits, progress, out),
        Some(Format::Ndjson) => json::read_ndjson(&source, &file, opts.limits, progress, out),
        Some(Format::Csv) => csv_sheet::read_csv(
            &source,
            &file,
            opts.encoding,
            opts.limits,
            opts.profile.as_deref(),
            progress,
            &mut |r| out.push(r),
        ),
        Some(Format::Xlsx) => xlsx_sheet::read_xlsx(
            &source,
            &file,
            opts.limits,
            opts.sheet.as_deref(),
            opts.profile.as_deref(),
            progress,
            &mut |r| out.push(r),
        ),
    };
    if let Err(error) = result {
        out.push(Record::broken(Location::file(&file), None, error));
    }
}

/// Reads and parses every assessment of `source`, in input order: for inputs that fit in
/// memory (an upload, one enterprise's file). Batches of any size go through [`read_into`].
pub fn read_all(source: Source<'_>, opts: &ReadOptions) -> Vec<Result<Parsed, Located>> {
    let mut chunks = Vec::new();
    let mut out = Chunker::new(|| None, |full| chunks.push(full));
    read_into(source, opts, &|_| {}, &mut out);
    out.finish();
    chunks
        .into_iter()
        .flat_map(|chunk| {
            let Chunk { text, records } = chunk;
            records
                .into_iter()
                .map(|r| r.parse(&text))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Reads the one assessment of `source` (one enterprise's questionnaire, in any format); a
/// file holding several is an error that says to score them as a batch.
pub fn read_one(source: Source<'_>, opts: &ReadOptions) -> Result<Parsed, Located> {
    let file = source.name();
    let mut all = read_all(source, opts);
    match all.len() {
        1 => all.pop().expect("one record"),
        0 => Err(Located::new(
            Location::file(&file),
            SheetError::NoAssessment,
        )),
        n => Err(Located::new(Location::file(&file), SheetError::Several(n))),
    }
}
