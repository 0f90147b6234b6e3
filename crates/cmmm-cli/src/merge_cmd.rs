//! `cmmm merge`: the parts of one assessment, rated by different people, put back together
//! (cmmm-model's `merge`, with each answer's cell as the sheet reader found it), written in
//! any questionnaire format.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use cmmm_model::merge::{describe, merge, MergeError, OnConflict, Part};
use cmmm_model::Lang;

use crate::convert_cmd::{write, QuestionnaireFormat};
use crate::input::{read_one, InputArgs};
use crate::{load_model, Failure, LangArg};

#[derive(Args)]
pub struct MergeArgs {
    /// The parts (any questionnaire format), in order: the first part's assessment fields are
    /// kept where the parts differ.
    #[arg(required = true)]
    parts: Vec<String>,
    /// What to do with different ratings of one requirement: fail listing them all (error),
    /// or keep the lowest or the highest on the scale.
    #[arg(long, value_enum, default_value = "error")]
    on_conflict: ConflictArg,
    /// The format to write.
    #[arg(long, value_enum, default_value = "json")]
    to: QuestionnaireFormat,
    /// Output file (default: stdout; required for xlsx).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Model file (default: the embedded model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Language of the requirement texts in sheets and of messages (default: Chinese).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    #[command(flatten)]
    input: InputArgs,
}

/// `--on-conflict`.
#[derive(Clone, Copy, ValueEnum)]
enum ConflictArg {
    Error,
    Lowest,
    Highest,
}

pub fn run(args: &MergeArgs) -> Result<(), Failure> {
    let model = load_model(args.model.as_ref())?;
    let lang = args.lang.map_or(Lang::Zh, Lang::from);
    let opts = args.input.options();
    let parts = args
        .parts
        .iter()
        .map(|file| read_one(file, &opts, lang))
        .collect::<Result<Vec<_>, _>>()?;
    let policy = match args.on_conflict {
        ConflictArg::Error => OnConflict::Error,
        ConflictArg::Lowest => OnConflict::Lowest,
        ConflictArg::Highest => OnConflict::Highest,
    };
    let parts: Vec<Part<'_>> = parts
        .iter()
        .map(|p| Part {
            assessment: &p.assessment,
            name: p.location().file.to_string(),
            at: Box::new(move |id: &str| p.locate(&format!("ratings.{id}")).to_string()),
        })
        .collect();
    let merged = merge(&model, &parts, policy).map_err(|e| match &e {
        MergeError::Conflicts(c) => Failure::input(format!(
            "{} requirement(s) rated differently by the parts (keep one with --on-conflict lowest|highest, or fix the parts) [{}]:\n  {}",
            c.len(),
            e.code(),
            describe(c).replace("; ", "\n  ")
        )),
        _ => Failure::input(format!("{e} [{}]", e.code())),
    })?;
    for w in &merged.warnings {
        crate::note(format_args!("cmmm: {w}"));
    }
    for c in &merged.resolved {
        let kept = c.kept.as_deref().unwrap_or_default();
        crate::note(format_args!(
            "cmmm: kept `{kept}`: {}",
            describe(std::slice::from_ref(c))
        ));
    }
    for (file, n) in args.parts.iter().zip(&merged.taken) {
        crate::note(format_args!("cmmm: {file}: {n} rating(s)"));
    }
    if !merged.uncovered.is_empty() {
        crate::note(format_args!(
            "cmmm: {} in-scope requirement(s) no part rates: {}",
            merged.uncovered.len(),
            merged.uncovered.join(", ")
        ));
    }
    write(
        &model,
        &[merged.assessment],
        args.to,
        lang,
        args.out.as_deref(),
    )
}
