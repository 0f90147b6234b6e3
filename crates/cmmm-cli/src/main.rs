//! `cmmm`: intelligent-manufacturing maturity self-assessment (GB/T 39116-2020 / 39117-2020).
//!
//! Exit codes: 0 success, 1 invalid input (message on stderr), 2 usage error.

mod batch;
mod compare_cmd;
mod convert_cmd;
mod files;
mod input;
mod merge_cmd;
mod model_cmd;
mod report_cmd;
mod score_cmd;
mod template_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// mimalloc: scoring and parsing allocate many small strings, and batch does so on every
/// core; glibc's allocator is several times slower at that and contends across threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use cmmm_model::{Lang, Model};

/// Intelligent-manufacturing maturity self-assessment (GB/T 39116-2020 / GB/T 39117-2020).
///
/// The embedded default model has the standard's structure with an ILLUSTRATIVE requirement
/// catalogue and PLACEHOLDER weights; load an official model with --model.
#[derive(Parser)]
#[command(name = "cmmm", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score one assessment: level, total S, T(n) per level, thresholds and gaps.
    Score(score_cmd::ScoreArgs),
    /// Score exported questionnaires in bulk (JSON, NDJSON, CSV, XLSX), in input order.
    Batch(batch::BatchArgs),
    /// Reports people read: one assessment (with progress) or a portfolio, as HTML or Markdown.
    Report(report_cmd::ReportArgs),
    /// Write a blank questionnaire for a profile (JSON, CSV or XLSX), or one prefilled from
    /// an earlier assessment.
    Template(template_cmd::TemplateArgs),
    /// Convert one questionnaire between JSON, CSV and XLSX.
    Convert(convert_cmd::ConvertArgs),
    /// Merge the parts of one assessment rated by different people (see template --part):
    /// conflicts named with their sources, uncovered requirements listed.
    Merge(merge_cmd::MergeArgs),
    /// Compare two independent assessments of one enterprise: differences, agreement
    /// (share and weighted kappa), and the level and S of each.
    Compare(compare_cmd::CompareArgs),
    /// Model tools: validate, show, export, build from spreadsheets.
    #[command(subcommand)]
    Model(model_cmd::ModelCommand),
    /// Write the JSON Schemas of the model, assessment and result files.
    Schema {
        /// Directory to write into.
        #[arg(long, default_value = "data/schema")]
        out_dir: PathBuf,
    },
}

/// Output language of texts.
#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// How much of a result to compute and write (`cmmm_score::Detail`).
#[derive(Clone, Copy, ValueEnum)]
enum DetailArg {
    /// The decisions: level, S, T(n), thresholds, each sub-domain's own level, plan size.
    Summary,
    /// The summary and D(s,n) of every sub-domain.
    Profile,
    /// The profile, the gap list and the plan.
    Gaps,
    /// Everything: C(d,n) and B(e,n) per node too.
    Full,
}

impl From<DetailArg> for cmmm_score::Detail {
    fn from(d: DetailArg) -> cmmm_score::Detail {
        match d {
            DetailArg::Summary => cmmm_score::Detail::Summary,
            DetailArg::Profile => cmmm_score::Detail::Profile,
            DetailArg::Gaps => cmmm_score::Detail::Gaps,
            DetailArg::Full => cmmm_score::Detail::Full,
        }
    }
}

/// A failed command: its message and exit code.
struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    fn input(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: message.into(),
        }
    }

    fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: message.into(),
        }
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::input(message)
    }
}

/// Loads `--model FILE`, or the embedded default model.
fn load_model(path: Option<&PathBuf>) -> Result<std::borrow::Cow<'static, Model>, Failure> {
    Model::from_path_or_default(path.map(PathBuf::as_path)).map_err(|e| {
        // A read error names the file itself.
        let at = match (&e, path) {
            (cmmm_model::ModelError::Io { .. }, _) | (_, None) => String::new(),
            (_, Some(p)) => format!("{}: ", p.display()),
        };
        Failure::input(format!("{at}{e} [{}]", e.code()))
    })
}

/// Writes a line to standard error. A closed or full standard error is not a reason to
/// fail (or to panic, as `eprintln!` does): the line is dropped.
fn note(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// A pool of `jobs` worker threads (cmmm-sheets' `batch::pool`: default one per core).
fn worker_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, Failure> {
    cmmm_sheets::batch::pool(jobs).map_err(|e| match e {
        cmmm_sheets::batch::JobsError::Spawn(_) => Failure::input(e.to_string()),
        _ => Failure::usage(format!("--{e}")),
    })
}

fn write_schemas(out_dir: &std::path::Path) -> Result<(), Failure> {
    let schemas = cmmm::schemas();
    let files: Vec<(&str, &[u8])> = schemas
        .iter()
        .map(|(name, text)| (*name, text.as_bytes()))
        .collect();
    Ok(files::write_all_atomic(out_dir, &files)?)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Score(args) => score_cmd::run(args),
        Command::Merge(args) => merge_cmd::run(args),
        Command::Compare(args) => compare_cmd::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Report(args) => report_cmd::run(args),
        Command::Template(args) => template_cmd::run(args),
        Command::Convert(args) => convert_cmd::run(args),
        Command::Model(cmd) => model_cmd::run(cmd),
        Command::Schema { out_dir } => write_schemas(out_dir),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            note(format_args!("cmmm: {}", f.message));
            ExitCode::from(f.code)
        }
    }
}
