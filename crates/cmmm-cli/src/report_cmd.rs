//! `cmmm report`: reports people read. One assessment (optionally against an earlier one)
//! or a portfolio of batch results, as self-contained HTML or as Markdown. The rendering is
//! `cmmm-report`'s; this module only reads, scores and writes.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use cmmm_model::{Assessment, Lang, Model};
use cmmm_report::{Portfolio, Record, Report};
use cmmm_score::{Options, Outcome, Programmes, Scorer};
use rayon::prelude::*;

use crate::files::{emit, write_atomic};
use crate::input::{read_one, score_failure, with_evidence, InputArgs};
use crate::{load_model, Failure, LangArg};

/// Lines of batch output parsed together on the worker threads.
const CHUNK: usize = 64;
/// Chunks that may wait between the reader and the workers.
const QUEUE: usize = 4;

#[derive(Args)]
pub struct ReportArgs {
    /// The questionnaire (JSON, CSV or XLSX), or `-` for JSON on standard input (not with
    /// --portfolio).
    #[arg(required_unless_present = "portfolio")]
    file: Option<String>,
    /// Model file (default: the embedded model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Output format. With `md` and --out, the charts are written beside the Markdown file
    /// as STEM.NAME.svg and linked from it.
    #[arg(long, value_enum, default_value = "html")]
    format: ReportFormat,
    /// Language of the report.
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
    /// An earlier assessment of the same enterprise: adds a progress section.
    #[arg(long, conflicts_with = "portfolio")]
    previous: Option<String>,
    /// Level to compute gaps and the plan for (default: the next level).
    #[arg(long, conflicts_with = "portfolio")]
    target: Option<u8>,
    /// Score unrated requirements as "none" (with a warning) instead of failing.
    #[arg(long, conflicts_with = "portfolio")]
    allow_missing: bool,
    /// Batch results (`cmmm batch --format ndjson` output): a portfolio report of a park, a
    /// city or a group.
    #[arg(long, conflicts_with = "file")]
    portfolio: Option<PathBuf>,
    /// Name of the portfolio shown in its report.
    #[arg(long, requires = "portfolio")]
    name: Option<String>,
    /// Worker threads reading a portfolio (default: all cores).
    #[arg(long, requires = "portfolio")]
    jobs: Option<usize>,
    /// Output file (default: stdout).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Resolve each answer's evidence references to files under this directory: the report
    /// lists them with their size and SHA-256 (see `cmmm score --evidence-dir`).
    #[arg(long, conflicts_with = "portfolio")]
    evidence_dir: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Html,
    Md,
}

pub fn run(args: &ReportArgs) -> Result<(), Failure> {
    let model = load_model(args.model.as_ref())?;
    let lang: Lang = args.lang.into();
    let stem = match (args.format, &args.out) {
        (ReportFormat::Md, Some(out)) => Some(chart_stem(out)?),
        _ => None,
    };
    let (text, charts) = match (&args.portfolio, &args.file) {
        (Some(path), _) => {
            let portfolio = read_portfolio(&model, path, args.jobs)?;
            let report = portfolio.report(args.name.as_deref()).lang(lang);
            match args.format {
                ReportFormat::Html => (report.html(), Vec::new()),
                ReportFormat::Md => (
                    report.markdown(stem.as_deref()),
                    if stem.is_some() {
                        report.charts()
                    } else {
                        Vec::new()
                    },
                ),
            }
        }
        (None, Some(file)) => {
            let options = Options::new()
                .allow_missing(args.allow_missing)
                .target(args.target);
            let scorer = Scorer::new(&model);
            let read = args.input.options();
            let evidence = args.evidence_dir.as_deref();
            let (assessment, outcome) = score_file(&scorer, file, &read, &options, evidence, lang)?;
            let previous = match &args.previous {
                Some(p) => Some(score_file(
                    &scorer,
                    p,
                    &read,
                    &options.clone().target(None),
                    None,
                    lang,
                )?),
                None => None,
            };
            let mut report = Report::new(&model, &assessment, &outcome).lang(lang);
            if let Some((a, o)) = &previous {
                report = report.previous(a, o);
            }
            match args.format {
                ReportFormat::Html => (report.html(), Vec::new()),
                ReportFormat::Md => (
                    report.markdown(stem.as_deref()),
                    if stem.is_some() {
                        report.charts()
                    } else {
                        Vec::new()
                    },
                ),
            }
        }
        (None, None) => {
            return Err(Failure::usage(
                "give an assessment FILE or --portfolio RESULTS.ndjson",
            ))
        }
    };
    if let Some(out) = &args.out {
        let dir = out.parent().filter(|d| !d.as_os_str().is_empty());
        for (name, svg) in &charts {
            let file = format!("{}.{name}.svg", stem.as_deref().unwrap_or("report"));
            let path = dir.map_or_else(|| PathBuf::from(&file), |d| d.join(&file));
            write_atomic(&path, svg.as_bytes())?;
        }
    }
    emit(args.out.as_deref(), &text)?;
    Ok(())
}

/// The file stem of the chart images written beside a Markdown report.
fn chart_stem(out: &Path) -> Result<String, Failure> {
    out.file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .ok_or_else(|| Failure::usage(format!("{}: not a file name", out.display())))
}

/// Reads and scores one questionnaire (any format), with the manifest of its evidence files
/// under `evidence` when given.
fn score_file(
    scorer: &Scorer<'_>,
    file: &str,
    read: &cmmm_sheets::ReadOptions,
    options: &Options,
    evidence: Option<&Path>,
    lang: Lang,
) -> Result<(Assessment, Outcome), Failure> {
    let parsed = read_one(file, read, lang)?;
    let outcome = scorer
        .score(&parsed.assessment, options)
        .map_err(|e| score_failure(&parsed, &e, lang))?;
    let outcome = with_evidence(outcome, &parsed, evidence, lang)?;
    Ok((parsed.assessment, outcome))
}

/// Streams batch results into a portfolio. A reader thread cuts the file into chunks of
/// lines; the worker threads parse and fold each chunk into a partial portfolio, and the
/// partial portfolios are merged. Memory stays at a few chunks whatever the number of
/// records.
fn read_portfolio<'m>(
    model: &'m Model,
    path: &Path,
    jobs: Option<usize>,
) -> Result<Portfolio<'m>, Failure> {
    let pool = crate::worker_pool(jobs)?;
    let name = path.display().to_string();
    let reader: Box<dyn Read + Send> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(
            std::fs::File::open(path)
                .map_err(|e| Failure::input(format!("{name}: cannot read: {e}")))?,
        )
    };
    let programmes = Programmes::embedded();
    let mut total = Portfolio::new(model, programmes);
    std::thread::scope(|scope| -> Result<(), Failure> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Vec<(u64, String)>, String>>(QUEUE);
        let name = &name;
        scope.spawn(move || {
            let mut reader = BufReader::with_capacity(1 << 20, reader);
            let mut line_no = 0u64;
            loop {
                let mut chunk = Vec::with_capacity(CHUNK);
                let mut end = false;
                while chunk.len() < CHUNK {
                    let mut line = String::new();
                    match reader.read_line(&mut line) {
                        Ok(0) => {
                            end = true;
                            break;
                        }
                        Ok(_) => {}
                        Err(e) => {
                            let _ =
                                tx.send(Err(format!("{name}:{}: cannot read: {e}", line_no + 1)));
                            return;
                        }
                    }
                    line_no += 1;
                    if line_no == 1 && line.starts_with('\u{feff}') {
                        line.drain(..'\u{feff}'.len_utf8());
                    }
                    if !line.trim().is_empty() {
                        chunk.push((line_no, line));
                    }
                }
                // A closed channel means the consumer failed; stop reading.
                if (!chunk.is_empty() && tx.send(Ok(chunk)).is_err()) || end {
                    return;
                }
            }
        });
        for chunk in rx {
            let chunk = chunk.map_err(Failure::input)?;
            let part = pool.install(|| {
                chunk
                    .par_iter()
                    .try_fold(
                        || Portfolio::new(model, programmes),
                        |mut p, (n, line)| {
                            Record::parse(model, line)
                                .and_then(|r| p.add(&r))
                                .map_err(|e| format!("{name}:{n}: {e} [{}]", e.code()))?;
                            Ok::<_, String>(p)
                        },
                    )
                    .try_reduce(
                        || Portfolio::new(model, programmes),
                        |mut a, b| {
                            a.merge(b)
                                .map_err(|e| format!("{name}: {e} [{}]", e.code()))?;
                            Ok(a)
                        },
                    )
            })?;
            total
                .merge(part)
                .map_err(|e| Failure::input(format!("{name}: {e} [{}]", e.code())))?;
        }
        Ok(())
    })?;
    if total.scored() == 0 {
        return Err(Failure::input(format!(
            "{name}: no scored record ({} failed)",
            total.failed()
        )));
    }
    Ok(total)
}
