//! Golden vectors: every `tests/vectors/*.json` is scored by the engine and the serialized
//! result is compared, string for string, with the vector's `expect` block. The expected
//! values come from the independent reference calculator `tests/vectors/reference.py`, never
//! from this engine; the format is described in `tests/vectors/README.md`. The C and
//! JavaScript suites read the same files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use cmmm_model::Model;
use cmmm_score::{parse_assessment, Detail, Options, Outcome, Scorer};
use serde_json::Value;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("vectors")
}

fn vector_files() -> Vec<PathBuf> {
    let dir = vectors_dir();
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the vector directory {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// Collects mismatches as "vector: field: expected …, found …".
struct Check<'a> {
    vector: &'a str,
    failures: &'a mut Vec<String>,
}

impl Check<'_> {
    fn fail(&mut self, field: &str, message: String) {
        self.failures
            .push(format!("{}: {field}: {message}", self.vector));
    }

    fn eq(&mut self, field: &str, expected: &Value, found: Option<&Value>) {
        match found {
            Some(found) if found == expected => {}
            Some(found) => self.fail(field, format!("expected {expected}, found {found}")),
            None => self.fail(field, format!("expected {expected}, found nothing")),
        }
    }
}

fn find_node<'v>(nodes: &'v Value, id: &str) -> Option<&'v Value> {
    nodes
        .as_array()?
        .iter()
        .find(|n| n.get("id").and_then(Value::as_str) == Some(id))
}

fn compare_nodes(c: &mut Check<'_>, layer: &str, expect: &Value, out: &Value) {
    let expected = expect[layer].as_object();
    let weights = expect["weights"][layer].as_object();
    let (Some(expected), Some(weights)) = (expected, weights) else {
        c.fail(layer, "the vector lacks this layer or its weights".into());
        return;
    };
    let found_len = out[layer].as_array().map_or(0, Vec::len);
    if found_len != expected.len() {
        c.fail(
            layer,
            format!("expected {} nodes, found {found_len}", expected.len()),
        );
    }
    for (id, per_level) in expected {
        let Some(node) = find_node(&out[layer], id) else {
            c.fail(
                &format!("{layer}.{id}"),
                "node missing from the result".into(),
            );
            continue;
        };
        let levels = per_level.as_array().cloned().unwrap_or_default();
        let weights = weights.get(id).cloned().unwrap_or_default();
        for (key, expected) in [
            ("scores", &levels),
            ("weights", &weights.as_array().cloned().unwrap_or_default()),
        ] {
            let found = node[key].as_array().map_or(0, Vec::len);
            if found != expected.len() {
                c.fail(
                    &format!("{layer}.{id}.{key}"),
                    format!("expected {} levels, found {found}", expected.len()),
                );
            }
            for (n, value) in expected.iter().enumerate() {
                c.eq(&format!("{layer}.{id}.{key}[{n}]"), value, node[key].get(n));
            }
        }
    }
}

fn compare_outcome(c: &mut Check<'_>, expect: &Value, outcome: &Outcome, out: &Value) {
    let levels = expect["levels"].as_array().cloned().unwrap_or_default();
    let found = out["levels"].as_array().map_or(0, Vec::len);
    if levels.is_empty() || found != levels.len() {
        c.fail(
            "levels",
            format!("expected {} levels, found {found}", levels.len()),
        );
    }
    for (i, l) in levels.iter().enumerate() {
        let at = &out["levels"][i];
        c.eq(&format!("levels[{i}].level"), &l["level"], at.get("level"));
        c.eq(&format!("levels[{i}].score"), &l["value"], at.get("score"));
        // The display form is not in the JSON; the engine's rounding of it is checked.
        let display = outcome
            .levels
            .get(i)
            .map(|l| Value::from(l.score.display()));
        c.eq(
            &format!("levels[{i}].score.display()"),
            &l["display"],
            display.as_ref(),
        );
        c.eq(&format!("levels[{i}].met"), &l["met"], at.get("met"));
        c.eq(
            &format!("levels[{i}].counted"),
            &l["counted"],
            at.get("counted"),
        );
    }
    c.eq("total", &expect["total"]["value"], out.get("total"));
    c.eq(
        "total.display()",
        &expect["total"]["display"],
        Some(&Value::from(outcome.total.display())),
    );
    c.eq("level", &expect["level"], out.get("level"));
    c.eq(
        "meets_level_2",
        &expect["meets_level_2"],
        out.get("meets_level_2"),
    );
    for layer in ["elements", "domains", "sub_domains"] {
        compare_nodes(c, layer, expect, out);
    }
    let in_scope: Vec<Value> = outcome.in_scope().map(Value::from).collect();
    c.eq(
        "sub_domain_levels (the sub-domains scored)",
        &expect["scope"]["sub_domains"],
        Some(&Value::Array(in_scope)),
    );
    // An empty list is absent from the result.
    let excluded = out
        .pointer("/scope/excluded")
        .cloned()
        .unwrap_or(Value::Array(Vec::new()));
    c.eq(
        "scope.excluded",
        &expect["scope"]["excluded"],
        Some(&excluded),
    );
    c.eq(
        "scope.requirements",
        &expect["scope"]["requirements"],
        out.pointer("/scope/requirements"),
    );
    let none_ids = out["warnings"]
        .as_array()
        .and_then(|w| {
            w.iter()
                .find(|w| w.get("code").and_then(Value::as_str) == Some("scored-as-none"))
        })
        .map_or(Value::Array(Vec::new()), |w| w["ids"].clone());
    c.eq(
        "warnings[scored-as-none].ids",
        &expect["scored_as_none"],
        Some(&none_ids),
    );
    match (&expect["gaps"], out.get("gaps")) {
        (Value::Null, None) => {}
        (Value::Null, found) => c.fail("gaps", format!("expected null, found {found:?}")),
        (gaps, Some(found)) if !found.is_null() => {
            c.eq("gaps.target", &gaps["target"], found.get("target"));
            c.eq("gaps.reached", &gaps["reached"], found.get("reached"));
            let upgrades = found
                .pointer("/plan/upgrades")
                .and_then(Value::as_array)
                .map(|u| Value::from(u.len()));
            c.eq(
                "gaps.plan.upgrades (count)",
                &gaps["plan"]["upgrades"],
                upgrades.as_ref(),
            );
            c.eq(
                "gaps.plan.level",
                &gaps["plan"]["level"],
                found.pointer("/plan/level"),
            );
        }
        (gaps, found) => c.fail("gaps", format!("expected {gaps}, found {found:?}")),
    }
}

fn run_vector(path: &Path, models: &mut HashMap<PathBuf, Model>, failures: &mut Vec<String>) {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut c = Check {
        vector: &name,
        failures,
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => return c.fail("file", e.to_string()),
    };
    let vector: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return c.fail("file", format!("not JSON: {e}")),
    };
    let Some(model_file) = vector["model"].as_str() else {
        return c.fail("model", "no model file named".into());
    };
    let model_path = vectors_dir().join(model_file);
    if !models.contains_key(&model_path) {
        match Model::from_path(&model_path) {
            Ok(m) => {
                models.insert(model_path.clone(), m);
            }
            Err(e) => return c.fail("model", format!("{}: {e}", model_path.display())),
        }
    }
    let model = &models[&model_path];
    let assessment_text = match (&vector["assessment_text"], &vector["assessment"]) {
        (Value::String(s), Value::Null) => s.clone(),
        (Value::Null, a @ Value::Object(_)) => a.to_string(),
        _ => {
            return c.fail(
                "assessment",
                "exactly one of assessment, assessment_text".into(),
            )
        }
    };
    let options = &vector["options"];
    let target = match &options["target"] {
        Value::Null => None,
        t => match t.as_u64().and_then(|t| u8::try_from(t).ok()) {
            Some(t) => Some(t),
            None => return c.fail("options.target", format!("not a level number: {t}")),
        },
    };
    let detail = match options["detail"].as_str().map(str::parse::<Detail>) {
        Some(Ok(detail)) => detail,
        _ => {
            return c.fail(
                "options.detail",
                format!(
                    "the tier checked (summary, profile, gaps or full), not {}",
                    options["detail"]
                ),
            )
        }
    };
    let options = Options::new()
        .allow_missing(options["allow_missing"].as_bool().unwrap_or(false))
        .target(target)
        .detail(detail);
    let result =
        parse_assessment(&assessment_text).and_then(|a| Scorer::new(model).score(&a, &options));
    let expect = &vector["expect"];
    match (expect.get("error"), result) {
        (Some(error), Ok(_)) => c.fail(
            "error",
            format!("expected error {error}, but the assessment was scored"),
        ),
        (Some(error), Err(e)) => {
            c.eq("error.code", &error["code"], Some(&Value::from(e.code())));
            c.eq(
                "error.location",
                &error["location"],
                Some(&Value::from(e.location())),
            );
        }
        (None, Err(e)) => c.fail(
            "result",
            format!(
                "expected a result, got {} at {}: {e}",
                e.code(),
                e.location()
            ),
        ),
        (None, Ok(outcome)) => match serde_json::to_value(&outcome) {
            Ok(out) => compare_outcome(&mut c, expect, &outcome, &out),
            Err(e) => c.fail("result", format!("cannot serialize the outcome: {e}")),
        },
    }
}

#[test]
fn golden_vectors() {
    let files = vector_files();
    assert!(
        !files.is_empty(),
        "no golden vectors in {}",
        vectors_dir().display()
    );
    let mut models = HashMap::new();
    let mut failures = Vec::new();
    for path in &files {
        run_vector(path, &mut models, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} mismatch(es) in {} golden vectors:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
