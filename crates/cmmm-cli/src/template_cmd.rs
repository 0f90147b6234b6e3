//! `cmmm template`: a blank questionnaire.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::files::emit;
use crate::{load_model, Failure, LangArg};

#[derive(Args)]
pub struct TemplateArgs {
    /// Model file (default: the embedded model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Profile (enterprise type).
    #[arg(long, default_value = "discrete")]
    profile: String,
    /// Include a sub-domain the profile excludes by default (repeatable).
    #[arg(long)]
    include: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: TemplateFormat,
    /// Language of the requirement texts in CSV.
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
    /// Output file (default: stdout).
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum TemplateFormat {
    Json,
    Csv,
}

pub fn run(args: &TemplateArgs) -> Result<(), Failure> {
    let model = load_model(args.model.as_ref())?;
    let template = cmmm_model::template(&model, &args.profile, &args.include)
        .map_err(|e| Failure::input(format!("{e} [{}]", e.code())))?;
    let text = match args.format {
        // An assessment is plain data; serializing it cannot fail.
        TemplateFormat::Json => {
            serde_json::to_string_pretty(&template).expect("assessment serializes") + "\n"
        }
        TemplateFormat::Csv => cmmm_model::template_csv(&model, &template, args.lang.into()),
    };
    emit(args.out.as_deref(), &text)?;
    Ok(())
}
