//! `cmmm template`: a blank questionnaire, or one to continue from an earlier assessment.

use std::path::PathBuf;

use clap::Args;
use cmmm_model::Lang;
use cmmm_sheets::ReadOptions;

use crate::convert_cmd::{write, QuestionnaireFormat};
use crate::input::read_one;
use crate::{load_model, Failure, LangArg};

#[derive(Args)]
pub struct TemplateArgs {
    /// Model file (default: the embedded model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Profile (enterprise type).
    #[arg(long, default_value = "discrete", conflicts_with = "from")]
    profile: String,
    /// Include a sub-domain the profile excludes by default (repeatable).
    #[arg(long, conflicts_with = "from")]
    include: Vec<cmmm_model::Id>,
    /// An earlier assessment (any questionnaire format): its profile, scope, fields and
    /// answers fill the questionnaire in.
    #[arg(long)]
    from: Option<String>,
    /// Only these sub-domains or elements (ids, comma-separated or repeated): the part one
    /// department rates; `cmmm merge` combines the parts.
    #[arg(long, value_delimiter = ',')]
    part: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: QuestionnaireFormat,
    /// Language of the requirement texts in sheets (default: Chinese).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Output file (default: stdout; required for xlsx).
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(args: &TemplateArgs) -> Result<(), Failure> {
    let model = load_model(args.model.as_ref())?;
    let lang = args.lang.map_or(Lang::Zh, Lang::from);
    let template = match &args.from {
        None => cmmm_model::template(&model, &args.profile, &args.include),
        Some(file) => {
            let earlier = read_one(file, &ReadOptions::new(), lang)?;
            cmmm_model::template_from(&model, &earlier.assessment).map(|(t, left_out)| {
                if !left_out.is_empty() {
                    crate::note(format_args!(
                        "cmmm: {file}: {} answer(s) to requirements outside the questionnaire left out: {}",
                        left_out.len(),
                        left_out.join(", ")
                    ));
                }
                t
            })
        }
    }
    .and_then(|t| match args.part.is_empty() {
        true => Ok(t),
        false => cmmm_model::part(&model, t, &args.part),
    })
    .map_err(|e| Failure::input(format!("{e} [{}]", e.code())))?;
    write(&model, &[template], args.format, lang, args.out.as_deref())
}
