//! `cmmm compare`: two independent assessments of the same enterprise (cmmm-score's
//! `compare`): where they differ, their agreement, and the level and S each gives.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use cmmm_model::Lang;
use cmmm_score::{compare, Comparison, Detail, Options, Scorer};

use crate::files::emit;
use crate::input::{read_one, InputArgs};
use crate::{load_model, Failure, LangArg};

#[derive(Args)]
pub struct CompareArgs {
    /// Assessment A (any questionnaire format).
    a: String,
    /// Assessment B.
    b: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: CompareFormat,
    /// Model file (default: the embedded model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Language of messages.
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
    /// Output file (default: stdout).
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum CompareFormat {
    /// A summary for people.
    Text,
    /// The comparison as JSON.
    Json,
}

pub fn run(args: &CompareArgs) -> Result<(), Failure> {
    let model = load_model(args.model.as_ref())?;
    let lang = Lang::from(args.lang);
    let opts = args.input.options();
    let (a, b) = (
        read_one(&args.a, &opts, lang)?,
        read_one(&args.b, &opts, lang)?,
    );
    let scorer = Scorer::new(&model);
    let options = Options::new().detail(Detail::Summary);
    let c = compare(&scorer, &a.assessment, &b.assessment, &options).map_err(|e| {
        let file = if e.which == 'A' { &args.a } else { &args.b };
        Failure::input(format!(
            "{file}: {} [{}]",
            e.error.message(lang),
            e.error.code()
        ))
    })?;
    let text = match args.format {
        // Plain data with string keys serializes.
        CompareFormat::Json => {
            serde_json::to_string_pretty(&c).expect("a comparison serializes") + "\n"
        }
        CompareFormat::Text => text(&c, &args.a, &args.b),
    };
    Ok(emit(args.out.as_deref(), &text)?)
}

/// The comparison for people.
fn text(c: &Comparison, a: &str, b: &str) -> String {
    let mut s = String::new();
    let shown =
        |x: &Option<cmmm_score::Score>| x.as_ref().map_or_else(|| "-".to_string(), |v| v.display());
    let _ = writeln!(
        s,
        "A: {a}: level {}, S = {}",
        c.a.level,
        c.a.total.display()
    );
    let _ = writeln!(
        s,
        "B: {b}: level {}, S = {}",
        c.b.level,
        c.b.total.display()
    );
    let _ = writeln!(
        s,
        "{} of {} requirements rated the same (agreement {}), weighted kappa {}",
        c.identical,
        c.compared,
        shown(&c.agreement),
        shown(&c.kappa)
    );
    if !c.differences.is_empty() {
        let _ = writeln!(s, "\nRated differently ({}):", c.differences.len());
        for d in &c.differences {
            let _ = writeln!(
                s,
                "  {} ({}): A {}, B {}",
                d.requirement, d.sub_domain, d.a, d.b
            );
        }
        let _ = writeln!(s, "\nBy sub-domain (differing of compared):");
        for sd in c.sub_domains.iter().filter(|sd| sd.differing > 0) {
            let _ = writeln!(
                s,
                "  {}: {} of {}",
                sd.sub_domain, sd.differing, sd.compared
            );
        }
    }
    if !c.not_compared.is_empty() {
        let _ = writeln!(
            s,
            "\nNot compared (out of one scope, or unrated on one side): {}",
            c.not_compared.join(", ")
        );
    }
    s
}
