//! `cmmm model …`: validate, show, export and build model files.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use cmmm_model::sheets::{self, BuildOptions, Sheet};
use cmmm_model::{Lang, Model, SourceStatus};

use crate::files::{emit, read_input, write_all_atomic, write_atomic};
use crate::{load_model, Failure, LangArg};

#[derive(Subcommand)]
pub enum ModelCommand {
    /// Check a model file against every rule; exit 1 with each fault's JSON path.
    Validate {
        /// The model file.
        file: PathBuf,
    },
    /// Print a readable outline: elements, domains, sub-domains, counts per level, provenance.
    Show {
        /// The model file (default: the embedded model).
        file: Option<PathBuf>,
        /// Language of names.
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
    },
    /// Write a model as JSON, or as the three CSV sheets that `build` reads.
    Export {
        /// The model file (default: the embedded model).
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
        /// JSON: output file (default: stdout). CSV: output directory (required), which
        /// receives structure.csv, requirements.csv and weights.csv.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Build a validated model from CSV sheets (UTF-8, with or without BOM).
    Build(Box<BuildArgs>),
}

/// `cmmm model build`: the three sheets, the base and what differs from it.
#[derive(Args)]
pub struct BuildArgs {
    /// Structure sheet: element,element_zh,element_en,domain,domain_zh,domain_en,sub_domain,sub_domain_zh,sub_domain_en
    #[arg(long)]
    structure: PathBuf,
    /// Requirements sheet: id,sub_domain,level,text_zh,text_en
    #[arg(long)]
    requirements: PathBuf,
    /// Weights sheet: profile,layer,id,weight,excluded_by_default,tailorable
    #[arg(long)]
    weights: PathBuf,
    /// Model that supplies levels, scale, gate, bands, total rule, provenance and profile
    /// names (default: the embedded model).
    #[arg(long)]
    base: Option<PathBuf>,
    /// Id of the new model.
    #[arg(long)]
    id: Option<cmmm_model::Id>,
    /// Version of the new model.
    #[arg(long)]
    version: Option<String>,
    /// Chinese title of the new model (default: the base's, which describes the base).
    #[arg(long)]
    title_zh: Option<String>,
    /// English title of the new model (with --title-zh).
    #[arg(long, requires = "title_zh")]
    title_en: Option<String>,
    /// Status of the requirement texts (official, verified, reported, illustrative, placeholder).
    #[arg(long)]
    requirements_status: Option<String>,
    /// Status of the weights of every profile.
    #[arg(long)]
    weights_status: Option<String>,
    /// Output model file.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

pub fn run(cmd: &ModelCommand) -> Result<(), Failure> {
    match cmd {
        ModelCommand::Validate { file } => {
            let model = load_model(Some(file))?;
            let l = model.layout();
            println!(
                "{}: valid model `{}` {} ({} elements, {} domains, {} sub-domains, {} requirements, {} profiles)",
                file.display(),
                model.id(),
                model.version(),
                l.elements.len(),
                l.domains.len(),
                l.sub_domains.len(),
                l.requirements.len(),
                model.profiles().len()
            );
            Ok(())
        }
        ModelCommand::Show { file, lang } => {
            let model = load_model(file.as_ref())?;
            emit(None, &outline(&model, (*lang).into()))?;
            Ok(())
        }
        ModelCommand::Export { file, format, out } => {
            let model = load_model(file.as_ref())?;
            match format {
                ExportFormat::Json => emit(out.as_deref(), &(model.to_json_pretty() + "\n"))?,
                ExportFormat::Csv => {
                    let dir = out
                        .as_ref()
                        .ok_or_else(|| Failure::usage("--format csv needs --out DIR"))?;
                    let s = sheets::export(&model);
                    write_all_atomic(
                        dir,
                        &[
                            ("structure.csv", s.structure.as_bytes()),
                            ("requirements.csv", s.requirements.as_bytes()),
                            ("weights.csv", s.weights.as_bytes()),
                        ],
                    )?;
                }
            }
            Ok(())
        }
        ModelCommand::Build(args) => {
            let BuildArgs {
                structure,
                requirements,
                weights,
                base,
                id,
                version,
                title_zh,
                title_en,
                requirements_status,
                weights_status,
                out,
            } = &**args;
            let base = load_model(base.as_ref())?;
            let status = |s: &Option<String>| -> Result<Option<SourceStatus>, Failure> {
                s.as_deref()
                    .map(str::parse)
                    .transpose()
                    .map_err(Failure::usage)
            };
            let mut options = BuildOptions::new();
            options.id.clone_from(id);
            options.version.clone_from(version);
            options.title = title_zh
                .as_deref()
                .map(|zh| cmmm_model::Text::new(zh, title_en.as_deref().unwrap_or_default()));
            options.requirements_status = status(requirements_status)?;
            options.weights_status = status(weights_status)?;
            let (s, r, w) = (
                read_input(&structure.to_string_lossy())?,
                read_input(&requirements.to_string_lossy())?,
                read_input(&weights.to_string_lossy())?,
            );
            let names = (
                structure.display().to_string(),
                requirements.display().to_string(),
                weights.display().to_string(),
            );
            let model = sheets::build(
                Sheet {
                    name: &names.0,
                    text: &s,
                },
                Sheet {
                    name: &names.1,
                    text: &r,
                },
                Sheet {
                    name: &names.2,
                    text: &w,
                },
                &base,
                &options,
            )
            .map_err(|e| Failure::input(format!("{e} [{}]", e.code())))?;
            write_atomic(out, (model.to_json_pretty() + "\n").as_bytes())?;
            if options.title.is_none()
                && (options.requirements_status.is_some() || options.weights_status.is_some())
            {
                crate::note(format_args!(
                    "note: the model keeps the base's title \"{}\", which describes the base; \
                     name it with --title-zh (and --title-en)",
                    model.doc().title.zh
                ));
            }
            crate::note(format_args!(
                "{}: wrote model `{}` {} ({} requirements)",
                out.display(),
                model.id(),
                model.version(),
                model.layout().requirements.len()
            ));
            Ok(())
        }
    }
}

/// A readable outline of a model.
pub fn outline(model: &Model, lang: Lang) -> String {
    let doc = model.doc();
    let l = model.layout();
    let levels = model.levels().len();
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} — {} {}",
        doc.title.get(lang),
        model.id(),
        model.version()
    );
    let _ = writeln!(o);
    let _ = writeln!(o, "Provenance:");
    for (part, src) in [
        ("structure", &doc.provenance.structure),
        ("requirements", &doc.provenance.requirements),
        ("method", &doc.provenance.method),
    ] {
        let _ = writeln!(
            o,
            "  {part:<13} {:<13} {}",
            src.status.as_str().to_uppercase(),
            src.note.get(lang)
        );
    }
    for p in model.profiles() {
        let _ = writeln!(
            o,
            "  weights/{:<5} {:<13} {}",
            p.id,
            p.weights_provenance.status.as_str().to_uppercase(),
            p.weights_provenance.note.get(lang)
        );
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "Levels:");
    for lv in model.levels() {
        let _ = writeln!(o, "  {}  {}", lv.level, lv.name.get(lang));
    }
    let _ = writeln!(
        o,
        "  0  {} (S < {})",
        model.level_name(0).get(lang),
        doc.bands.get(1).map_or(doc.gate, |b| b.min)
    );
    let scale: Vec<String> = doc
        .scale
        .iter()
        .map(|p| format!("{} {} = {}", p.key, p.label.get(lang), p.value))
        .collect();
    let _ = writeln!(o, "Scale: {}", scale.join(", "));
    let bands: Vec<String> = doc
        .bands
        .iter()
        .map(|b| format!("{}: [{}, {})", b.level, b.min, b.max))
        .collect();
    let _ = writeln!(
        o,
        "Gate: {}   Total rule: {}   Bands: {}",
        doc.gate,
        doc.total_rule.as_str(),
        bands.join(" ")
    );
    let _ = writeln!(o);
    let header: String = (1..=levels).map(|n| format!(" L{n:<3}")).collect();
    let _ = writeln!(o, "{:<58}{header} total", "Element / domain / sub-domain");
    let mut per_level = vec![0u32; levels];
    for e in &l.elements {
        let _ = writeln!(o, "{} ({})", e.name.get(lang), e.id);
        for d in &l.domains[e.children.clone()] {
            let _ = writeln!(o, "  {} ({})", d.name.get(lang), d.id);
            for (offset, s) in l.sub_domains[d.children.clone()].iter().enumerate() {
                let counts = &l.counts[d.children.start + offset];
                let cells: String = counts.iter().map(|c| format!(" {c:<4}")).collect();
                let label = format!("    {} ({})", s.name.get(lang), s.id);
                let pad = 58usize.saturating_sub(
                    label.chars().count() + label.chars().filter(|c| !c.is_ascii()).count(),
                );
                let _ = writeln!(
                    o,
                    "{label}{}{cells} {}",
                    " ".repeat(pad),
                    counts.iter().sum::<u32>()
                );
                for (n, c) in counts.iter().enumerate() {
                    per_level[n] += c;
                }
            }
        }
    }
    let cells: String = per_level.iter().map(|c| format!(" {c:<4}")).collect();
    let _ = writeln!(
        o,
        "{:<58}{cells} {}",
        "Requirements per level",
        per_level.iter().sum::<u32>()
    );
    let _ = writeln!(
        o,
        "\n{} elements, {} domains, {} sub-domains, {} levels, {} requirements.",
        l.elements.len(),
        l.domains.len(),
        l.sub_domains.len(),
        levels,
        l.requirements.len()
    );
    for p in model.profiles() {
        let _ = writeln!(
            o,
            "Profile {} ({}): excluded by default [{}]; tailorable [{}]",
            p.id,
            p.name.get(lang),
            p.excluded_by_default.join(", "),
            p.tailorable.join(", ")
        );
    }
    o
}
