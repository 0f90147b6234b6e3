//! `cmmm convert`: one questionnaire from one format into another (JSON, CSV, XLSX), and the
//! writing of questionnaires that `template` shares.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use cmmm_model::{Assessment, Lang, Model};

use crate::files::{emit_bytes, write_atomic};
use crate::input::{read_one, InputArgs};
use crate::{load_model, Failure, LangArg};

#[derive(Args)]
pub struct ConvertArgs {
    /// The questionnaire (JSON, NDJSON, CSV or XLSX; `-` for JSON on standard input).
    file: String,
    /// The format to write.
    #[arg(long, value_enum)]
    to: QuestionnaireFormat,
    /// Model file (default: the embedded model); gives sheets the requirement texts.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Language of the requirement texts in sheets and of messages (default: Chinese).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Output file (default: stdout; required for xlsx).
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
}

/// Formats a questionnaire is written in.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuestionnaireFormat {
    /// One assessment (an array for several).
    Json,
    /// One assessment per line.
    Ndjson,
    /// CSV, long layout: one row per answer, with the requirement texts.
    Csv,
    /// CSV, wide layout: one row per assessment, one column per requirement (ratings only).
    CsvWide,
    /// XLSX, long layout, with a drop-down of the scale.
    Xlsx,
}

pub fn run(args: &ConvertArgs) -> Result<(), Failure> {
    let model = load_model(args.model.as_ref())?;
    let lang = args.lang.map_or(Lang::Zh, Lang::from);
    let parsed = read_one(&args.file, &args.input.options(), lang)?;
    write(
        &model,
        &[parsed.assessment],
        args.to,
        lang,
        args.out.as_deref(),
    )
}

/// Writes questionnaires in `format` to `out` (atomically) or to standard output.
pub fn write(
    model: &Model,
    assessments: &[Assessment],
    format: QuestionnaireFormat,
    lang: Lang,
    out: Option<&Path>,
) -> Result<(), Failure> {
    let bytes = match format {
        QuestionnaireFormat::Json => cmmm_sheets::write_json(assessments).into_bytes(),
        QuestionnaireFormat::Ndjson => cmmm_sheets::write_ndjson(assessments).into_bytes(),
        QuestionnaireFormat::Csv => cmmm_sheets::write_csv(model, assessments, lang),
        QuestionnaireFormat::CsvWide => {
            if cmmm_sheets::wide_loses(assessments) {
                crate::note(format_args!(
                    "cmmm: the wide layout holds ratings only; evidence, comments and who rated each are left out (use --to csv to keep them)"
                ));
            }
            cmmm_sheets::write_csv_wide(model, assessments)
        }
        QuestionnaireFormat::Xlsx => {
            let Some(path) = out else {
                return Err(Failure::usage("--to xlsx / --format xlsx needs --out FILE"));
            };
            let bytes = cmmm_sheets::write_xlsx(model, assessments, lang)
                .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
            return Ok(write_atomic(path, &bytes)?);
        }
    };
    Ok(emit_bytes(out, &bytes)?)
}
