//! `cmmm batch`: score exported questionnaires in bulk, in input order, on every core, in
//! bounded memory, losing nothing: a broken record becomes an error record and the rest
//! still score.
//!
//! A reader thread turns the inputs into chunks of records; the chunks go through a bounded
//! channel to the main thread, which scores each chunk on a rayon pool of `--jobs` threads
//! (an indexed parallel map keeps input order), writes the results and hands the emptied
//! chunk back to the reader for reuse. Memory is bounded by the chunk size and the channel
//! depth, whatever the size of the input.

mod chunk;
mod input;
mod output;
mod summary;
mod table;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender};

use clap::Args;
use cmmm_score::{Options, Programmes, Scorer};
use rayon::prelude::*;

use self::chunk::{Chunk, Chunker};
use self::input::{EncodingArg, InputFormat, InputOptions, Payload, Record};
use self::output::{OutputFormat, RecordError, Rendered, Sink};
use crate::files::write_atomic;
use crate::{load_model, Failure};

/// Chunks that may wait between the reader and the workers.
const QUEUE: usize = 2;

#[derive(Args)]
pub struct BatchArgs {
    /// Input files or directories (walked recursively, in sorted order).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Model file (default: the embedded model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Output file (default: stdout; required for xlsx).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "ndjson")]
    format: OutputFormat,
    /// Worker threads (default: all cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// Score unrated requirements as "none" instead of failing the record.
    #[arg(long)]
    allow_missing: bool,
    /// Also write the closing summary as JSON to this file.
    #[arg(long)]
    summary: Option<PathBuf>,
    /// Input format, instead of detecting it from the file extension.
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    /// Text encoding of CSV input.
    #[arg(long, value_enum, default_value = "auto")]
    encoding: EncodingArg,
    /// Worksheet of XLSX input (default: the first).
    #[arg(long)]
    sheet: Option<String>,
    /// Profile of sheet rows that have no `profile` column.
    #[arg(long)]
    profile: Option<String>,
    /// Benchmark baseline: read and parse every record into the assessment type, score and
    /// write nothing.
    #[arg(long, hide = true)]
    parse_only: bool,
}

/// One scored record, rendered for the output by a worker.
struct Done {
    /// The level, or `None` when the record failed.
    level: Option<u8>,
    /// False for a file that could not be read at all (its one error record).
    readable: bool,
    rendered: Rendered,
}

pub fn run(args: &BatchArgs) -> Result<(), Failure> {
    let model = load_model(args.model.as_ref())?;
    let model = &*model;
    let pool = crate::worker_pool(args.jobs)?;
    let files = input::list_inputs(&args.inputs);
    let total_bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let opts = InputOptions {
        format: args.input_format,
        encoding: args.encoding,
        sheet: args.sheet.clone(),
        profile: args.profile.clone(),
    };
    let scorer = Scorer::new(model);
    let programmes = Programmes::embedded();
    let options = Options {
        allow_missing: args.allow_missing,
        target: None,
    };
    let format = args.format;

    let progress = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(total_bytes)
    } else {
        indicatif::ProgressBar::hidden()
    };
    progress.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {msg} ({elapsed}, ETA {eta})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let bytes_read = AtomicU64::new(0);

    if args.parse_only {
        return parse_only(&files, &opts, &pool);
    }
    if format == OutputFormat::Xlsx && args.out.is_none() {
        return Err(Failure::usage("--format xlsx needs --out FILE"));
    }
    let mut sink = Sink::open(format, args.out.as_deref()).map_err(Failure::input)?;
    let header = output::flat_header(model, programmes);
    let written = match format {
        OutputFormat::Ndjson => Ok(()),
        OutputFormat::Csv => sink.write(&Rendered::Bytes(output::csv_line(&header))),
        OutputFormat::Xlsx => sink.write(&Rendered::Cells(header)),
    };
    if let Err(e) = written {
        sink.abandon();
        return Err(Failure::input(e));
    }

    let mut tally = summary::Tally::new(model);
    let (mut records, mut readable) = (0u64, 0u64);
    let result: Result<(), String> = std::thread::scope(|s| {
        let (rx, recycle) = spawn_reader(s, &files, &opts, &bytes_read);
        for mut chunk in rx {
            let Chunk {
                text,
                records: items,
            } = &mut chunk;
            let done: Vec<Done> = pool.install(|| {
                items
                    .par_drain(..)
                    .map(|r| process(&scorer, programmes, &options, format, text, r))
                    .collect()
            });
            chunk.recycle();
            // The reader may have finished; then the chunk is simply dropped.
            let _ = recycle.send(chunk);
            for d in done {
                records += 1;
                readable += u64::from(d.readable);
                tally.add(d.level);
                sink.write(&d.rendered)?;
            }
            progress.set_position(bytes_read.load(Ordering::Relaxed));
            progress.set_message(format!("{records} records"));
        }
        Ok(())
    });
    progress.finish_and_clear();
    if let Err(e) = result {
        sink.abandon();
        return Err(Failure::input(e));
    }
    sink.finish().map_err(Failure::input)?;

    eprint!("{}", tally.text(model));
    if let Some(path) = &args.summary {
        write_atomic(path, tally.json(model).as_bytes())?;
    }
    if readable == 0 {
        return Err(Failure {
            code: 1,
            message: format!("nothing could be read: {records} input file(s) unreadable or empty"),
        });
    }
    if tally.failed() > 0 {
        return Err(Failure {
            code: 3,
            message: format!(
                "{} of {records} record(s) failed; each is an error record in the output",
                tally.failed()
            ),
        });
    }
    Ok(())
}

/// Starts the reader thread: it reads every file in order and sends chunks of records
/// through a bounded channel, adding the bytes it reads to `bytes_read`. Chunks sent back
/// through the returned sender are reused.
fn spawn_reader<'s, 'e: 's>(
    scope: &'s std::thread::Scope<'s, 'e>,
    files: &'e [PathBuf],
    opts: &'e InputOptions,
    bytes_read: &'e AtomicU64,
) -> (Receiver<Chunk>, Sender<Chunk>) {
    let (tx, rx) = sync_channel::<Chunk>(QUEUE);
    let (recycle, returned) = channel::<Chunk>();
    scope.spawn(move || {
        let mut out = Chunker::new(tx, returned);
        let count = |n: u64| {
            bytes_read.fetch_add(n, Ordering::Relaxed);
        };
        for path in files {
            input::read_file(path, opts, &count, &mut out);
        }
        out.finish();
    });
    (rx, recycle)
}

/// The parse-only baseline: the same reading and parsing as a real run, on the same pool.
fn parse_only(
    files: &[PathBuf],
    opts: &InputOptions,
    pool: &rayon::ThreadPool,
) -> Result<(), Failure> {
    let (mut parsed, mut failed) = (0u64, 0u64);
    let bytes_read = AtomicU64::new(0);
    std::thread::scope(|s| {
        let (rx, recycle) = spawn_reader(s, files, opts, &bytes_read);
        for mut chunk in rx {
            let Chunk { text, records } = &mut chunk;
            let ok: Vec<bool> = pool.install(|| {
                records
                    .par_drain(..)
                    .map(|r| match r.payload {
                        Payload::Json(range) => json_text(text, range)
                            .is_ok_and(|t| cmmm_score::parse_assessment(t).is_ok()),
                        Payload::Assessment(_) => true,
                        Payload::Broken { .. } => false,
                    })
                    .collect()
            });
            chunk.recycle();
            let _ = recycle.send(chunk);
            for o in ok {
                if o {
                    parsed += 1;
                } else {
                    failed += 1;
                }
            }
        }
    });
    eprintln!("parsed: {parsed}, unreadable: {failed}");
    Ok(())
}

/// Parses (if needed), scores and renders one record.
fn process(
    scorer: &Scorer<'_>,
    programmes: &Programmes,
    options: &Options,
    format: OutputFormat,
    text: &[u8],
    record: Record,
) -> Done {
    let Record {
        location,
        id,
        payload,
    } = record;
    // A record at line 0 stands for a whole file that could not be read.
    let readable = location.line != 0;
    let parsed = match payload {
        Payload::Json(range) => json_text(text, range).and_then(|t| {
            cmmm_score::parse_assessment(t)
                .map(Box::new)
                .map_err(|e| err(e.code(), e.to_string(), e.location()))
        }),
        Payload::Assessment(a) => Ok(a),
        Payload::Broken { code, message } => Err(err(code, message, String::new())),
    };
    let (id, result) = match parsed {
        Ok(a) => {
            let id = a.id.clone().or(id);
            let scored = match format {
                OutputFormat::Ndjson => scorer.score(&a, options),
                OutputFormat::Csv | OutputFormat::Xlsx => scorer.score_summary(&a, options),
            };
            (
                id,
                scored.map_err(|e| err(e.code(), e.to_string(), e.location())),
            )
        }
        Err(e) => (id, Err(e)),
    };
    let level = result.as_ref().ok().map(|o| o.level.level);
    let result = result.as_ref();
    let rendered = match format {
        OutputFormat::Ndjson => {
            Rendered::Bytes(output::ndjson_line(&location, id.as_deref(), result))
        }
        OutputFormat::Csv => Rendered::Bytes(output::csv_line(&output::flat_cells(
            scorer.model(),
            programmes,
            &location,
            id.as_deref(),
            result,
        ))),
        OutputFormat::Xlsx => Rendered::Cells(output::flat_cells(
            scorer.model(),
            programmes,
            &location,
            id.as_deref(),
            result,
        )),
    };
    Done {
        level,
        readable,
        rendered,
    }
}

/// The JSON text of a record: `range` of its chunk's text, which must be UTF-8.
fn json_text(text: &[u8], range: std::ops::Range<usize>) -> Result<&str, RecordError> {
    std::str::from_utf8(&text[range]).map_err(|e| {
        let message = format!("not UTF-8 at byte {}", e.valid_up_to());
        err("invalid-encoding", message, String::new())
    })
}

fn err(code: &str, message: String, location: String) -> RecordError {
    RecordError {
        code: code.to_string(),
        message,
        location,
    }
}
