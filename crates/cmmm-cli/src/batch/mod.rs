//! `cmmm batch`: score exported questionnaires in bulk, in input order, on every core, in
//! bounded memory, losing nothing: a broken record becomes an error record and the rest
//! still score. The pipeline is cmmm-sheets' `batch::run`; this module renders each scored
//! record on the workers and writes it.

mod output;
mod summary;

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;
use cmmm_model::Lang;
use cmmm_score::{Detail, Options, Programmes, Scorer};
use cmmm_sheets::batch::{self, Scored};
use cmmm_sheets::results::{self, ErrorCells, ResultTable};

use self::output::{OutputFormat, Rendered, Sink};
use crate::files::write_atomic;
use crate::input::InputArgs;
use crate::{load_model, DetailArg, Failure, LangArg};

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
    /// How much of each result to compute and write, `--format ndjson` only (default:
    /// profile; CSV and XLSX hold the summary).
    #[arg(long, value_enum)]
    detail: Option<DetailArg>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// Score unrated requirements as "none" instead of failing the record.
    #[arg(long)]
    allow_missing: bool,
    /// Also write the closing summary as JSON to this file.
    #[arg(long)]
    summary: Option<PathBuf>,
    /// Resolve each answer's evidence references to files under this directory: results
    /// gain a manifest (file, size, SHA-256); a missing file is a warning, a reference out of
    /// the directory fails the record (NDJSON holds the manifest).
    #[arg(long)]
    evidence_dir: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
    /// Language of error messages, programme column headers and the closing summary.
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
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
    let files = batch::inputs(&args.inputs);
    let total_bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let opts = args.input.options();
    let lang: Lang = args.lang.into();
    let scorer = Scorer::new(model);
    let programmes = Programmes::embedded();
    let format = args.format;
    let detail = match (format, args.detail) {
        (OutputFormat::Ndjson, detail) => detail.map_or(Detail::Profile, Detail::from),
        (_, None) => Detail::Summary,
        (_, Some(_)) => {
            return Err(Failure::usage(
                "--detail applies to --format ndjson; the CSV and XLSX tables hold the summary",
            ))
        }
    };
    let options = Options::new()
        .allow_missing(args.allow_missing)
        .detail(detail);

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
    if format == OutputFormat::Xlsx && args.out.is_none() {
        return Err(Failure::usage("--format xlsx needs --out FILE"));
    }
    if let (Some(out), Some(summary)) = (&args.out, &args.summary) {
        if crate::files::same_file(out, summary) {
            return Err(Failure::usage(format!(
                "--summary {} is the file of --out: the summary would overwrite the results; name another file",
                summary.display()
            )));
        }
    }
    let evidence = match &args.evidence_dir {
        None => None,
        Some(dir) => Some(
            cmmm_sheets::evidence::EvidenceDir::open(dir)
                .map_err(|e| Failure::input(format!("--evidence-dir: {e}")))?,
        ),
    };
    let mut sink = Sink::open(format, args.out.as_deref()).map_err(Failure::input)?;
    let table = ResultTable::new(model, programmes, lang);
    let header = table.header();
    let written = match format {
        OutputFormat::Ndjson => Ok(()),
        OutputFormat::Csv => sink.write(&Rendered::Bytes(results::csv_header(&header))),
        OutputFormat::Xlsx => sink.write(&Rendered::Header(header)),
    };
    if let Err(e) = written {
        sink.abandon();
        return Err(Failure::input(e));
    }

    let mut tally = summary::Tally::new(model);
    // Counted as written, read after each chunk for the progress bar.
    let records = std::cell::Cell::new(0u64);
    let mut readable = 0u64;
    let result = batch::run(
        &files,
        &opts,
        &pool,
        |text, r| {
            let scored = Scored::score(&scorer, &options, lang, evidence.as_ref(), text, r);
            render(&table, format, scored)
        },
        |d: Done| {
            records.set(records.get() + 1);
            readable += u64::from(d.readable);
            tally.add(d.level);
            sink.write(&d.rendered)
        },
        |bytes| {
            progress.set_position(bytes);
            progress.set_message(format!("{} records", records.get()));
        },
    );
    let records = records.get();
    progress.finish_and_clear();
    if let Err(e) = result {
        sink.abandon();
        return Err(Failure::input(e));
    }
    sink.finish().map_err(Failure::input)?;

    crate::note(format_args!("{}", tally.text(model, lang).trim_end()));
    if let Some(path) = &args.summary {
        write_atomic(path, tally.json(model).as_bytes())?;
    }
    let zh = lang == Lang::Zh;
    if readable == 0 {
        return Err(Failure {
            code: 1,
            message: if zh {
                format!("没有可读取的内容：{records} 个输入文件无法读取或为空（原因见输出中的错误记录）")
            } else {
                format!("nothing could be read: {records} input file(s) unreadable or empty (the error records in the output say why)")
            },
        });
    }
    if tally.failed() > 0 {
        return Err(Failure {
            code: 3,
            message: if zh {
                format!(
                    "{records} 条记录中有 {} 条失败；每条都作为错误记录写入了输出",
                    tally.failed()
                )
            } else {
                format!(
                    "{} of {records} record(s) failed; each is an error record in the output",
                    tally.failed()
                )
            },
        });
    }
    Ok(())
}

/// Renders one scored record for the output.
fn render(table: &ResultTable<'_>, format: OutputFormat, scored: Scored) -> Done {
    let level = scored.result.as_ref().ok().map(|o| o.level);
    let rendered = match format {
        OutputFormat::Ndjson => Rendered::Bytes(output::ndjson_line(&scored)),
        OutputFormat::Csv | OutputFormat::Xlsx => {
            let cells = table.row(
                &scored.location,
                scored.id.as_deref(),
                scored.enterprise.as_ref(),
                match &scored.result {
                    Ok(o) => Ok(o),
                    Err(e) => Err(ErrorCells {
                        code: &e.code,
                        field: &e.location,
                        message: &e.message,
                    }),
                },
            );
            match format {
                OutputFormat::Xlsx => Rendered::Cells(cells),
                _ => Rendered::Bytes(results::csv_line(&cells)),
            }
        }
    };
    Done {
        level,
        readable: scored.readable,
        rendered,
    }
}
