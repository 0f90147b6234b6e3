//! `cmmm score`: one assessment, as JSON for machines or a summary for people.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use cmmm_model::Lang;
use cmmm_score::{Detail, Options, Scorer};

use crate::files::emit;
use crate::input::{read_one, score_failure, with_evidence, InputArgs};
use crate::{load_model, DetailArg, Failure, LangArg};

#[derive(Args)]
pub struct ScoreArgs {
    /// The questionnaire (JSON, CSV or XLSX), or `-` for JSON on standard input.
    file: String,
    /// Model file (default: the embedded model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Level to compute gaps and the plan for (default: the next level).
    #[arg(long)]
    target: Option<u8>,
    /// Score unrated requirements as "none" (with a warning) instead of failing.
    #[arg(long)]
    allow_missing: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: ScoreFormat,
    /// How much of the JSON result to compute and write (default: full); `--format json` only.
    #[arg(long, value_enum)]
    detail: Option<DetailArg>,
    /// Language of the text summary.
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
    /// Output file (default: stdout).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Resolve each answer's evidence references to files under this directory: the result
    /// gains a manifest (file, size, SHA-256); a missing file is a warning, a reference out of
    /// the directory an error.
    #[arg(long)]
    evidence_dir: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum ScoreFormat {
    Json,
    Text,
}

pub fn run(args: &ScoreArgs) -> Result<(), Failure> {
    let detail =
        match (args.format, args.detail) {
            (ScoreFormat::Text, Some(_)) => return Err(Failure::usage(
                "--detail applies to --format json; the text summary always reads the whole result",
            )),
            (_, detail) => detail.map_or(Detail::Full, Detail::from),
        };
    let model = load_model(args.model.as_ref())?;
    let lang: Lang = args.lang.into();
    let parsed = read_one(&args.file, &args.input.options(), lang)?;
    let options = Options::new()
        .allow_missing(args.allow_missing)
        .target(args.target)
        .detail(detail);
    let outcome = Scorer::new(&model)
        .score(&parsed.assessment, &options)
        .map_err(|e| score_failure(&parsed, &e, lang))?;
    let outcome = with_evidence(outcome, &parsed, args.evidence_dir.as_deref(), lang)?;
    let out = match args.format {
        // The outcome is plain data; serializing it cannot fail.
        ScoreFormat::Json => {
            serde_json::to_string_pretty(&outcome).expect("outcome serializes") + "\n"
        }
        ScoreFormat::Text => cmmm_report::Report::new(&model, &parsed.assessment, &outcome)
            .lang(lang)
            .text(),
    };
    emit(args.out.as_deref(), &out)?;
    Ok(())
}
