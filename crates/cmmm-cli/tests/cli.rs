//! The `cmmm` binary end to end: outputs, exit codes and files.

use std::path::PathBuf;
use std::process::Command;

mod common;
use common::{cmmm, root, stderr, stdout};

fn scratch(name: &str) -> PathBuf {
    common::scratch("cli", name)
}

fn validator(schema: &str) -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(root().join("data/schema").join(schema)).expect("schema file");
    let value: serde_json::Value = serde_json::from_str(&text).expect("schema JSON");
    jsonschema::validator_for(&value).expect("valid schema")
}

fn assert_valid(schema: &str, instance: &serde_json::Value) {
    let v = validator(schema);
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{schema}: {errors:?}");
}

#[test]
fn model_show_prints_the_outline_counts_and_provenance() {
    let o = cmmm(&["model", "show"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("4 elements, 12 domains, 20 sub-domains, 5 levels, 300 requirements."),
        "{out}"
    );
    assert!(out.contains("Requirements per level"));
    let per_level = out
        .lines()
        .find(|l| l.starts_with("Requirements per level"))
        .expect("counts line");
    let counts: Vec<&str> = per_level.split_whitespace().skip(3).collect();
    assert_eq!(counts, ["60", "61", "63", "60", "56", "300"]);
    assert!(out.contains("ILLUSTRATIVE"));
    assert!(out.contains("PLACEHOLDER"));
    let zh = stdout(&cmmm(&["model", "show", "--lang", "zh"]));
    assert!(zh.contains("计划与调度 (planning-scheduling)"), "{zh}");
}

#[test]
fn model_validate_accepts_the_default_and_rejects_a_broken_model() {
    let o = cmmm(&["model", "validate", "data/models/gbt39116-2020.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("valid model `gbt39116-2020`"));

    let dir = scratch("validate");
    let broken = std::fs::read_to_string(root().join("data/models/gbt39116-2020.json"))
        .unwrap()
        .replacen("\"1/3\"", "\"0.3333\"", 1);
    let path = dir.join("broken.json");
    std::fs::write(&path, broken).unwrap();
    let o = cmmm(&["model", "validate", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("profiles[0].weights.domains: weights of the domains of element `technology` sum to 29999/30000, not exactly 1 [weight-sum]"), "{err}");
}

#[test]
fn templates_are_valid_assessments_and_process_leaves_product_design_out() {
    for (profile, count, has_design) in [("discrete", 300, true), ("process", 283, false)] {
        let o = cmmm(&["template", "--profile", profile, "--format", "json"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let value: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_valid("assessment.schema.json", &value);
        let ratings = value["ratings"].as_object().unwrap();
        assert_eq!(ratings.len(), count, "{profile}");
        assert_eq!(
            ratings.keys().any(|k| k.starts_with("product-design.")),
            has_design,
            "{profile}"
        );
    }
    let o = cmmm(&[
        "template",
        "--profile",
        "process",
        "--include",
        "product-design",
    ]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(value["ratings"].as_object().unwrap().len(), 300);
    assert_eq!(value["include"], serde_json::json!(["product-design"]));

    let csv = stdout(&cmmm(&["template", "--format", "csv", "--lang", "zh"]));
    assert_eq!(csv.lines().count(), 301);
    // A byte-order mark, for Excel and WPS; the requirement and its rating first.
    assert!(csv.starts_with(
        "\u{feff}requirement_id,sub_domain,level,text,rating,evidence,comment,rated_by,assessment_id,"
    ));
}

#[test]
fn a_filled_template_scores() {
    let dir = scratch("filled");
    let o = cmmm(&["template", "--profile", "process"]);
    let mut value: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for (_, answer) in value["ratings"].as_object_mut().unwrap() {
        answer["rating"] = serde_json::json!("most");
    }
    let path = dir.join("filled.json");
    std::fs::write(&path, value.to_string()).unwrap();
    let o = cmmm(&["score", path.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let result: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // Every T(n) is exactly 0.8: every level met, S = 4.0, level 4.
    assert_eq!(result["total"], "4");
    assert_eq!(result["level"], 4);
}

#[test]
fn score_prints_level_total_and_thresholds_and_json_matches_the_schema() {
    let o = cmmm(&["score", "data/examples/discrete.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    // The warning first, then the level (its name once), S and the thresholds.
    assert!(
        out.starts_with("⚠ Illustrative model — not an official assessment."),
        "{out}"
    );
    assert!(
        out.contains("\nMaturity: Level 2 Standardisation\n"),
        "{out}"
    );
    assert!(
        out.contains("Total S = 2.19 (sum up to the first unmet level)"),
        "{out}"
    );
    assert!(out.contains("Meets level 2: yes"));
    assert!(
        out.contains("2025 Excellence-tier smart factory (Minimum level: 3 (reported)): not met"),
        "{out}"
    );
    // The plan as requirement texts, grouped by sub-domain, current → target rating.
    assert!(
        out.contains("  Organisational strategy\n    org-strategy.3."),
        "{out}"
    );
    assert!(out.contains("Not met → Fully met"), "{out}");
    let zh = stdout(&cmmm(&[
        "score",
        "data/examples/discrete.json",
        "--lang",
        "zh",
    ]));
    assert!(zh.starts_with("⚠ 示例模型"), "{zh}");
    assert!(zh.contains("不满足 → 全部满足"), "{zh}");
    assert!(!zh.contains("none") && !zh.contains("sum-until"), "{zh}");

    for example in [
        "discrete",
        "process-tailored",
        "level-0",
        "level-2-boundary",
    ] {
        let o = cmmm(&[
            "score",
            &format!("data/examples/{example}.json"),
            "--format",
            "json",
        ]);
        assert!(o.status.success(), "{example}: {}", stderr(&o));
        let value: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_valid("result.schema.json", &value);
        assert_eq!(value["self_assessed"], true);
    }
    let boundary = stdout(&cmmm(&[
        "score",
        "data/examples/level-2-boundary.json",
        "--format",
        "json",
    ]));
    let value: serde_json::Value = serde_json::from_str(&boundary).unwrap();
    assert_eq!(value["total"], "1.8");
    assert_eq!(value["level"], 2);
    assert_eq!(value["meets_level_2"], true);
    let zh = stdout(&cmmm(&[
        "score",
        "data/examples/level-0.json",
        "--lang",
        "zh",
    ]));
    assert!(zh.contains("\n成熟度等级：未达到一级\n"), "{zh}");
}

#[test]
fn score_reads_stdin_and_reports_invalid_input_with_exit_1() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_cmmm"))
        .args(["score", "-", "--format", "json"])
        .current_dir(root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"profile": "discrete", "ratings": {"data.1.a": "sometimes"}}"#)
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("<stdin>:1: ratings.data.1.a: `sometimes` is not on the rating scale"),
        "{err}"
    );
    assert!(err.contains("[invalid-rating]"));

    let o = cmmm(&["score", "data/examples/no-such-file.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no-such-file.json: cannot read"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(cmmm(&["score"]).status.code(), Some(2));
    assert_eq!(
        cmmm(&["score", "x.json", "--format", "yaml"]).status.code(),
        Some(2)
    );
    assert_eq!(cmmm(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        cmmm(&["model", "export", "--format", "csv"]).status.code(),
        Some(2)
    );
}

#[test]
fn missing_ratings_are_listed_or_scored_as_none() {
    let dir = scratch("missing");
    let path = dir.join("a.json");
    std::fs::write(
        &path,
        r#"{"profile": "discrete", "ratings": {"data.1.a": "full"}}"#,
    )
    .unwrap();
    let o = cmmm(&["score", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("299 in-scope requirement(s) not rated; rate them, or allow missing ratings to score them as not met (--allow-missing; allow_missing in C, allowMissing in JavaScript): org-strategy.1.a, org-strategy.1.b"),
        "{err}"
    );
    let o = cmmm(&[
        "score",
        path.to_str().unwrap(),
        "--allow-missing",
        "--format",
        "json",
    ]);
    assert!(o.status.success());
    let value: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let warning = value["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "scored-as-none")
        .expect("warning");
    assert_eq!(warning["ids"].as_array().unwrap().len(), 299);
}

/// A scratch directory `name` with the default model's sheets in `sheets/` (`cmmm model export
/// --format csv`): the directory and the sheets' folder.
fn exported_sheets(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let sheets = dir.join("sheets");
    let o = cmmm(&[
        "model",
        "export",
        "--format",
        "csv",
        "--out",
        sheets.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    (dir, sheets)
}

#[test]
fn export_then_build_round_trips_the_default_model() {
    let (dir, sheets) = exported_sheets("roundtrip");
    let out = dir.join("rebuilt.json");
    let o = cmmm(&[
        "model",
        "build",
        "--structure",
        sheets.join("structure.csv").to_str().unwrap(),
        "--requirements",
        sheets.join("requirements.csv").to_str().unwrap(),
        "--weights",
        sheets.join("weights.csv").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rebuilt = std::fs::read_to_string(&out).unwrap();
    let exported = stdout(&cmmm(&["model", "export"]));
    assert_eq!(rebuilt, exported);
    let original: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("data/models/gbt39116-2020.json")).unwrap(),
    )
    .unwrap();
    let rebuilt: serde_json::Value = serde_json::from_str(&rebuilt).unwrap();
    assert_eq!(rebuilt, original);
}

#[test]
fn a_model_built_from_the_official_text_is_named_by_its_title_or_told_it_keeps_the_base_one() {
    let (dir, sheets) = exported_sheets("titled");
    let build = |out: &std::path::Path, title: &[&str]| {
        let mut args = vec![
            "model".to_string(),
            "build".into(),
            "--structure".into(),
            sheets.join("structure.csv").display().to_string(),
            "--requirements".into(),
            sheets.join("requirements.csv").display().to_string(),
            "--weights".into(),
            sheets.join("weights.csv").display().to_string(),
            "--id".into(),
            "official".into(),
            "--requirements-status".into(),
            "official".into(),
            "--out".into(),
            out.display().to_string(),
        ];
        args.extend(title.iter().map(|s| s.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        cmmm(&args)
    };
    let untitled = dir.join("untitled.json");
    let o = build(&untitled, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let base_title = "智能制造能力成熟度模型（GB/T 39116-2020 结构；示例性要求与占位权重）";
    assert!(
        stderr(&o).contains(&format!("keeps the base's title \"{base_title}\"")),
        "{}",
        stderr(&o)
    );
    let titled = dir.join("titled.json");
    let o = build(
        &titled,
        &[
            "--title-zh",
            "智能制造能力成熟度模型",
            "--title-en",
            "Intelligent manufacturing capability maturity model",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("base's title"), "{}", stderr(&o));
    let model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&titled).unwrap()).unwrap();
    assert_eq!(
        model["title"],
        serde_json::json!({
            "zh": "智能制造能力成熟度模型",
            "en": "Intelligent manufacturing capability maturity model"
        })
    );
    assert_eq!(model["provenance"]["requirements"]["status"], "official");
}

#[test]
fn a_bad_sheet_row_is_reported_with_file_line_and_column_and_nothing_is_written() {
    let (dir, sheets) = exported_sheets("badsheet");
    let weights = sheets.join("weights.csv");
    let text = std::fs::read_to_string(&weights).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[3] = lines[3].replace("1/10", "ten percent");
    std::fs::write(&weights, lines.join("\n") + "\n").unwrap();
    let out = dir.join("model.json");
    let o = cmmm(&[
        "model",
        "build",
        "--structure",
        sheets.join("structure.csv").to_str().unwrap(),
        "--requirements",
        sheets.join("requirements.csv").to_str().unwrap(),
        "--weights",
        weights.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{}:4: column weight: `ten percent` is not an exact decimal",
            weights.display()
        )),
        "{err}"
    );
    assert!(!out.exists(), "no model is written when the build fails");
}

#[test]
fn schema_writes_the_committed_files() {
    let dir = scratch("schema");
    let o = cmmm(&["schema", "--out-dir", dir.to_str().unwrap()]);
    assert!(o.status.success());
    for name in [
        "model.schema.json",
        "assessment.schema.json",
        "result.schema.json",
    ] {
        let written = std::fs::read_to_string(dir.join(name)).unwrap();
        let committed = std::fs::read_to_string(root().join("data/schema").join(name)).unwrap();
        assert_eq!(written, committed, "{name}");
    }
}
