//! `cmmm score`: one assessment, as JSON for machines or a summary for people.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use cmmm_model::Lang;
use cmmm_score::{Options, Outcome, Scorer};

use crate::files::emit;
use crate::input::{read_one, score_failure, InputArgs};
use crate::{load_model, Failure, LangArg};

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
    /// Language of the text summary.
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
    /// Output file (default: stdout).
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum ScoreFormat {
    Json,
    Text,
}

pub fn run(args: &ScoreArgs) -> Result<(), Failure> {
    let model = load_model(args.model.as_ref())?;
    let lang: Lang = args.lang.into();
    let parsed = read_one(&args.file, &args.input.options(), lang)?;
    let options = Options {
        allow_missing: args.allow_missing,
        target: args.target,
    };
    let outcome = Scorer::new(&model)
        .score(&parsed.assessment, &options)
        .map_err(|e| score_failure(&parsed, &e, lang))?;
    let out = match args.format {
        // The outcome is plain data; serializing it cannot fail.
        ScoreFormat::Json => {
            serde_json::to_string_pretty(&outcome).expect("outcome serializes") + "\n"
        }
        ScoreFormat::Text => summary(&outcome, lang),
    };
    emit(args.out.as_deref(), &out)?;
    Ok(())
}

/// A readable summary: level, S, T(n), thresholds, top gaps, provenance warnings.
pub fn summary(o: &Outcome, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let t = |zh_text: &str, en_text: &str| {
        if zh {
            zh_text.to_string()
        } else {
            en_text.to_string()
        }
    };
    let yes_no = |b: bool| if b { t("是", "yes") } else { t("否", "no") };
    let mut s = String::new();
    let who = o
        .assessment
        .enterprise
        .as_ref()
        .and_then(|e| e.name.clone())
        .or_else(|| o.assessment.id.clone())
        .unwrap_or_else(|| t("（未命名）", "(unnamed)"));
    let _ = writeln!(
        s,
        "{}: {}   {}: {}   {}: {} {}",
        t("评估对象", "Assessee"),
        who,
        t("类型", "Profile"),
        o.profile.name.get(lang),
        t("模型", "Model"),
        o.model.id,
        o.model.version
    );
    let _ = writeln!(
        s,
        "{}",
        t(
            "自评估结果（非认证结论）",
            "Self-assessment result (not a certified assessment)"
        )
    );
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{}: {} {}",
        t("成熟度等级", "Level"),
        o.level.level,
        o.level.name.get(lang)
    );
    let _ = writeln!(
        s,
        "{} S = {}   ({}: {})",
        t("总分", "Total"),
        o.total.score.display(),
        t("规则", "rule"),
        o.total.rule.as_str()
    );
    let _ = writeln!(
        s,
        "{}: {}",
        t("达到二级（规范级）", "Meets level 2"),
        yes_no(o.meets_level_2)
    );
    let _ = writeln!(s);
    let _ = writeln!(s, "{}", t("各级得分 T(n)：", "Level scores T(n):"));
    for l in &o.levels {
        let mark = match (l.met, l.counted) {
            (true, true) => t("达到门槛，计入", "met, counted"),
            (false, true) => t("未达门槛，计入", "not met, counted"),
            (_, false) => t("不计入", "not counted"),
        };
        let _ = writeln!(
            s,
            "  T({}) = {}  {:<24} {}",
            l.level,
            l.score.display(),
            l.name.get(lang),
            mark
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "{}", t("政策门槛：", "Programme thresholds:"));
    for th in &o.thresholds {
        let met = match th.met {
            Some(true) => t("满足", "met"),
            Some(false) => t("不满足", "not met"),
            None => t("无公开等级要求", "no published level"),
        };
        let min = th
            .minimum_level
            .map_or("—".to_string(), |m| format!("≥ {m}"));
        let name = cmmm_score::Programmes::embedded()
            .get(&th.programme)
            .map_or_else(
                || th.programme.to_string(),
                |p| p.name.get(lang).to_string(),
            );
        let _ = writeln!(s, "  {} {name} ({min}): {met}", th.year);
    }
    if let Some(g) = &o.gaps {
        let _ = writeln!(s);
        if g.reached {
            let _ = writeln!(
                s,
                "{} {}",
                t("已达到目标等级", "Target level reached:"),
                g.target
            );
        } else {
            let _ = writeln!(
                s,
                "{} {}: {} {} → S = {}, {} {}",
                t("达到等级", "To reach level"),
                g.target,
                t("最少需提升的要求数", "fewest upgrades to full"),
                g.plan.upgrades.len(),
                g.plan.total.display(),
                t("等级", "level"),
                g.plan.level
            );
            let _ = writeln!(
                s,
                "{}",
                t(
                    "收益最大的差距（提升至全部满足）：",
                    "Largest gaps (raising to fully met):"
                )
            );
            for gap in g.items.iter().take(10) {
                let _ = writeln!(
                    s,
                    "  {:<26} {} → full   ΔT({}) = +{}   ΔS = +{}",
                    gap.requirement,
                    gap.rating,
                    gap.level,
                    gap.gain_level.display(),
                    gap.gain_total.display()
                );
            }
        }
    }
    if !o.warnings.is_empty() {
        let _ = writeln!(s);
        for w in &o.warnings {
            let _ = writeln!(s, "{}: {}", t("注意", "Warning"), w.message.get(lang));
        }
    }
    s
}
