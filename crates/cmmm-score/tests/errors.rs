//! Every kind of `ScoreError`, produced from realistic assessments of the embedded default
//! model: each test checks the stable code, the location and the id or field the error names.

mod common;

use cmmm_model::{Id, Model, ModelDoc};
use cmmm_score::{parse_assessment, score, Options, Outcome, ScoreError, Scorer};
use common::{all_full, assessment, drop_sub_domain, in_scope, model, ratings, requirements_of};
use serde_json::{json, Value};

/// Parses and scores `a` against the default model.
fn run(a: &Value, options: &Options) -> Result<Outcome, ScoreError> {
    let parsed = parse_assessment(&a.to_string())?;
    Scorer::new(model()).score(&parsed, options)
}

/// The error of scoring `a` with default options; fails the test when scoring succeeds.
fn error(a: &Value) -> ScoreError {
    match run(a, &Options::default()) {
        Ok(_) => panic!("expected an error for {a}"),
        Err(e) => e,
    }
}

/// The first requirement of `sub` at `level`.
fn req(sub: &str, level: u8) -> String {
    let m = model();
    m.layout()
        .requirements
        .iter()
        .find(|q| &*m.layout().sub_domains[q.sub_domain].id == sub && q.level == level)
        .map(|q| q.id.to_string())
        .expect("the default model has a requirement there")
}

#[test]
fn valid_assessments_score() {
    for profile in ["discrete", "process"] {
        let outcome = run(&all_full(profile), &Options::default()).unwrap();
        assert_eq!(outcome.total.value(), "5");
        assert_eq!(outcome.level, 5);
        assert!(outcome.gaps.is_none());
    }
}

#[test]
fn unknown_requirement() {
    let mut a = all_full("discrete");
    ratings(&mut a).insert("data.9.z".into(), json!("full"));
    let e = error(&a);
    assert_eq!(e.code(), "unknown-requirement");
    assert_eq!(e.location(), "ratings.data.9.z");
    assert_eq!(e, ScoreError::UnknownRequirement("data.9.z".into()));
    // An unknown id is an error even without a rating.
    let mut a = all_full("process");
    ratings(&mut a).insert("energy.1.zz".into(), Value::Null);
    let e = error(&a);
    assert_eq!(e, ScoreError::UnknownRequirement("energy.1.zz".into()));
}

#[test]
fn rating_not_on_the_scale() {
    let id = req("integration", 3);
    for (given, shown) in [
        (json!("0.7"), "0.7"),
        (json!(0.7), "0.7"),
        (json!("maybe"), "maybe"),
        (json!("1.5"), "1.5"),
        (json!(-1), "-1"),
        (json!(""), ""),
        (
            json!("0.8000000000000000000000000000001"),
            "0.8000000000000000000000000000001",
        ),
        (json!("8e-1"), "8e-1"),
        (json!({ "rating": "x", "evidence": ["QA-12"] }), "x"),
        // Only the key, the Chinese label or the exact value (method.md §1): no English
        // labels, no case folding, no surrounding blanks.
        (json!("Mostly met"), "Mostly met"),
        (json!("FULL"), "FULL"),
        (json!(" 0.5 "), " 0.5 "),
        (json!(" full"), " full"),
    ] {
        let mut a = all_full("discrete");
        ratings(&mut a).insert(id.clone(), given.clone());
        let e = error(&a);
        assert_eq!(e.code(), "invalid-rating", "{given}");
        assert_eq!(e.location(), format!("ratings.{id}"), "{given}");
        match &e {
            ScoreError::InvalidRating {
                id: at,
                value,
                expected,
            } => {
                assert_eq!(at, &id);
                assert_eq!(value, shown);
                assert!(expected.contains("full / 全部满足 / 1"), "{expected}");
                assert!(expected.contains("most / 大部分满足 / 0.8"), "{expected}");
            }
            other => panic!("{given}: {other:?}"),
        }
        assert!(e.to_string().contains(&id), "{e}");
    }
}

#[test]
fn rating_of_the_wrong_json_type_is_invalid_json_at_its_path() {
    let id = req("network", 2);
    let at = format!("ratings.{id}");
    for (given, paths) in [
        (json!(true), vec![at.clone()]),
        (json!(["full"]), vec![at.clone()]),
        (json!(null), vec![]),
        // The fault may be located at the answer or, more precisely, at its `rating` field.
        (
            json!({ "rating": false }),
            vec![at.clone(), format!("{at}.rating")],
        ),
    ] {
        let mut a = all_full("discrete");
        ratings(&mut a).insert(id.clone(), given.clone());
        if paths.is_empty() {
            // null is an unanswered requirement: a missing rating, not a JSON fault.
            assert_eq!(error(&a), ScoreError::MissingRatings(vec![id.clone()]));
            continue;
        }
        let e = error(&a);
        assert_eq!(e.code(), "invalid-json", "{given}");
        assert!(paths.contains(&e.location()), "{given}: {}", e.location());
        match e {
            ScoreError::Json { path, line, .. } => {
                assert!(paths.contains(&path), "{given}: {path}");
                assert_eq!(line, 1);
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn rating_for_a_tailored_out_requirement() {
    let mut a = all_full("discrete");
    a["tailoring"] = json!([{ "sub_domain": "energy", "reason": "no energy-intensive process" }]);
    // Without ratings of the tailored sub-domain the assessment scores...
    let mut ok = a.clone();
    drop_sub_domain(&mut ok, "energy");
    let outcome = run(&ok, &Options::default()).unwrap();
    assert_eq!(outcome.scope.tailored[0].sub_domain, "energy");
    assert!(!outcome.in_scope().any(|s| s == "energy"));
    // ...with any of them it is rejected, naming the requirement and the sub-domain.
    let id = req("energy", 4);
    let mut bad = ok.clone();
    ratings(&mut bad).insert(id.clone(), json!("partial"));
    let e = error(&bad);
    assert_eq!(e.code(), "out-of-scope-rating");
    assert_eq!(e.location(), format!("ratings.{id}"));
    assert_eq!(
        e,
        ScoreError::OutOfScopeRating {
            id: id.clone(),
            sub_domain: "energy".into(),
            why: "tailored out".into(),
        }
    );
    // The full assessment (every energy rating still present) fails on the first of them.
    let e = error(&a);
    assert_eq!(e.code(), "out-of-scope-rating");
    assert_eq!(
        e.location(),
        format!("ratings.{}", requirements_of("energy")[0])
    );
    // A null (unanswered) rating of a tailored requirement is harmless.
    let mut nulls = ok.clone();
    ratings(&mut nulls).insert(id, Value::Null);
    assert!(run(&nulls, &Options::default()).is_ok());
}

#[test]
fn rating_for_a_requirement_excluded_by_the_profile() {
    let id = req("product-design", 2);
    let mut a = all_full("process");
    ratings(&mut a).insert(id.clone(), json!("full"));
    let e = error(&a);
    assert_eq!(e.code(), "out-of-scope-rating");
    assert_eq!(e.location(), format!("ratings.{id}"));
    assert_eq!(
        e,
        ScoreError::OutOfScopeRating {
            id: id.clone(),
            sub_domain: "product-design".into(),
            why: "excluded by the profile".into(),
        }
    );
    // Including product-design makes the same rating (and all of product-design) required.
    let mut included = a.clone();
    included["include"] = json!(["product-design"]);
    let e = error(&included);
    assert_eq!(e.code(), "missing-ratings");
    let mut want = requirements_of("product-design");
    want.retain(|x| *x != id);
    assert_eq!(e, ScoreError::MissingRatings(want));
    for r in requirements_of("product-design") {
        ratings(&mut included).insert(r, json!("full"));
    }
    let outcome = run(&included, &Options::default()).unwrap();
    assert_eq!(outcome.scope.included, vec!["product-design".to_string()]);
    assert!(outcome.scope.excluded.is_empty());
}

#[test]
fn tailoring_a_sub_domain_that_is_not_tailorable() {
    for (profile, sub) in [
        ("discrete", "data"),
        ("process", "infosec"),
        ("discrete", "org-strategy"),
    ] {
        let mut a = all_full(profile);
        a["tailoring"] = json!([
            { "sub_domain": "warehousing", "reason": "no stores on site" },
            { "sub_domain": sub, "reason": "we have no data" },
        ]);
        drop_sub_domain(&mut a, "warehousing");
        drop_sub_domain(&mut a, sub);
        let e = error(&a);
        assert_eq!(e.code(), "not-tailorable");
        assert_eq!(e.location(), "tailoring[1].sub_domain");
        assert_eq!(
            e,
            ScoreError::NotTailorable {
                field: "tailoring[1].sub_domain".into(),
                id: sub.into(),
                profile: profile.into(),
            }
        );
    }
}

#[test]
fn tailoring_without_a_reason() {
    for reason in ["", "   ", "\n\t"] {
        let mut a = all_full("discrete");
        a["tailoring"] = json!([
            { "sub_domain": "logistics", "reason": "outsourced to a 3PL" },
            { "sub_domain": "sales", "reason": reason },
        ]);
        drop_sub_domain(&mut a, "logistics");
        drop_sub_domain(&mut a, "sales");
        let e = error(&a);
        assert_eq!(e.code(), "missing-reason");
        assert_eq!(e.location(), "tailoring[1].reason");
        assert_eq!(
            e,
            ScoreError::MissingReason {
                field: "tailoring[1].reason".into(),
                id: "sales".into(),
            }
        );
    }
    // A tailoring entry without the reason field at all is a JSON shape error.
    let mut a = all_full("discrete");
    a["tailoring"] = json!([{ "sub_domain": "sales" }]);
    let e = error(&a);
    assert_eq!(e.code(), "invalid-json");
    assert_eq!(e.location(), "tailoring[0]");
}

#[test]
fn tailoring_listed_twice() {
    let mut a = all_full("discrete");
    a["tailoring"] = json!([
        { "sub_domain": "energy", "reason": "a" },
        { "sub_domain": "logistics", "reason": "b" },
        { "sub_domain": "energy", "reason": "c" },
    ]);
    drop_sub_domain(&mut a, "energy");
    drop_sub_domain(&mut a, "logistics");
    let e = error(&a);
    assert_eq!(e.code(), "duplicate-key");
    assert_eq!(e.location(), "tailoring[2].sub_domain");
    assert_eq!(
        e,
        ScoreError::DuplicateKey {
            field: "tailoring[2].sub_domain".into(),
            id: "energy".into(),
        }
    );
    // Include listed twice.
    let mut a = all_full("process");
    a["include"] = json!(["product-design", "product-design"]);
    let e = error(&a);
    assert_eq!(e.code(), "duplicate-key");
    assert_eq!(e.location(), "include[1]");
    assert_eq!(
        e,
        ScoreError::DuplicateKey {
            field: "include[1]".into(),
            id: "product-design".into(),
        }
    );
}

#[test]
fn include_of_a_sub_domain_in_scope_by_default() {
    for (profile, sub) in [("discrete", "product-design"), ("process", "energy")] {
        let mut a = all_full(profile);
        a["include"] = json!([sub]);
        let e = error(&a);
        assert_eq!(e.code(), "invalid-scope");
        assert_eq!(e.location(), "include[0]");
        match e {
            ScoreError::InvalidScope { field, id, why } => {
                assert_eq!(field, "include[0]");
                assert_eq!(id, sub);
                assert!(why.contains(profile), "{why}");
            }
            other => panic!("{other:?}"),
        }
    }
    // Tailoring out what the profile already excludes is also a scope error.
    let mut a = all_full("process");
    a["tailoring"] = json!([{ "sub_domain": "product-design", "reason": "no design" }]);
    let e = error(&a);
    assert_eq!(e.code(), "invalid-scope");
    assert_eq!(e.location(), "tailoring[0].sub_domain");
    assert!(matches!(
        &e,
        ScoreError::InvalidScope { id, .. } if id == "product-design"
    ));
}

#[test]
fn unknown_sub_domain_in_tailoring_or_include() {
    let mut a = all_full("discrete");
    a["tailoring"] = json!([
        { "sub_domain": "energy", "reason": "none used" },
        { "sub_domain": "Energy", "reason": "typo" },
    ]);
    drop_sub_domain(&mut a, "energy");
    let e = error(&a);
    assert_eq!(e.code(), "unknown-sub-domain");
    assert_eq!(e.location(), "tailoring[1].sub_domain");
    assert_eq!(
        e,
        ScoreError::UnknownSubDomain {
            field: "tailoring[1].sub_domain".into(),
            id: "Energy".into(),
        }
    );

    let mut a = all_full("process");
    a["include"] = json!(["product-desing"]);
    let e = error(&a);
    assert_eq!(e.code(), "unknown-sub-domain");
    assert_eq!(e.location(), "include[0]");
    assert_eq!(
        e,
        ScoreError::UnknownSubDomain {
            field: "include[0]".into(),
            id: "product-desing".into(),
        }
    );
    // A domain id that is not also a sub-domain id is not a sub-domain.
    let mut a = all_full("discrete");
    a["tailoring"] = json!([{ "sub_domain": "production", "reason": "r" }]);
    let e = error(&a);
    assert_eq!(e.code(), "unknown-sub-domain");
    assert_eq!(e.location(), "tailoring[0].sub_domain");
}

#[test]
fn duplicate_rating_keys_in_the_json_text() {
    let id = req("skills", 1);
    let text = format!(
        "{{\n  \"profile\": \"discrete\",\n  \"ratings\": {{\n    \"{id}\": \"full\",\n    \"{id}\": \"none\"\n  }}\n}}"
    );
    let e = parse_assessment(&text).unwrap_err();
    assert_eq!(e.code(), "invalid-json");
    assert_eq!(e.location(), "ratings");
    match &e {
        ScoreError::Json {
            path,
            line,
            column,
            message,
        } => {
            assert_eq!(path, "ratings");
            // Line 5 holds the second key; the column is within it.
            assert_eq!(*line, 5);
            assert!(*column >= 5 && *column <= 6 + id.len(), "{column}");
            assert!(
                message.contains(&format!("duplicate key `{id}`")),
                "{message}"
            );
            assert!(!message.contains(" at line "), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // Duplicate top-level fields are caught too.
    let e = parse_assessment(r#"{"profile": "discrete", "profile": "process", "ratings": {}}"#)
        .unwrap_err();
    assert_eq!(e.code(), "invalid-json");
}

#[test]
fn unknown_profile() {
    let mut a = all_full("discrete");
    a["profile"] = json!("assembly");
    let e = error(&a);
    assert_eq!(e.code(), "unknown-profile");
    assert_eq!(e.location(), "profile");
    assert_eq!(e, ScoreError::UnknownProfile("assembly".into()));
    a["profile"] = json!("Discrete");
    assert_eq!(error(&a), ScoreError::UnknownProfile("Discrete".into()));
}

#[test]
fn missing_ratings_lists_every_missing_id() {
    let m = model();
    let all = in_scope(m, "discrete");
    let mut a = all_full("discrete");
    // Remove every 7th rating, null another set, and drop a whole sub-domain.
    let mut want: Vec<String> = Vec::new();
    for (i, id) in all.iter().enumerate() {
        if i % 7 == 3 {
            ratings(&mut a).shift_remove(id);
        } else if i % 11 == 5 {
            ratings(&mut a).insert(id.clone(), Value::Null);
        } else if i % 13 == 0 {
            ratings(&mut a).insert(
                id.clone(),
                json!({ "evidence": ["doc-1"], "comment": "to be checked" }),
            );
        }
    }
    drop_sub_domain(&mut a, "customer-service");
    for (i, id) in all.iter().enumerate() {
        if i % 7 == 3 || i % 11 == 5 || i % 13 == 0 || id.starts_with("customer-service.") {
            want.push(id.clone());
        }
    }
    assert!(want.len() > 40);
    let e = error(&a);
    assert_eq!(e.code(), "missing-ratings");
    assert_eq!(e.location(), "ratings");
    assert_eq!(e, ScoreError::MissingRatings(want.clone()));
    let text = e.to_string();
    assert!(text.contains(&format!("{} in-scope", want.len())), "{text}");
    for id in &want {
        assert!(text.contains(id.as_str()), "{id} not in {text}");
    }

    // allow_missing: scored as `none`, with a warning listing the very same ids.
    let allow = Options::new().allow_missing(true).target(None);
    let outcome = run(&a, &allow).unwrap();
    let warning = outcome
        .warnings
        .iter()
        .find(|w| w.code == "scored-as-none")
        .expect("a scored-as-none warning");
    assert_eq!(warning.ids.iter().map(|x| &**x).collect::<Vec<_>>(), want);
    assert!(warning.message.en.contains(&want.len().to_string()));
    // Identical to rating them `none` explicitly (apart from the warning).
    let mut explicit = a.clone();
    for id in &want {
        ratings(&mut explicit).insert(id.clone(), json!("none"));
    }
    let mut scored = run(&explicit, &Options::default()).unwrap();
    assert!(scored.warnings.iter().all(|w| w.code != "scored-as-none"));
    let mut with_warning = outcome.clone();
    with_warning.warnings.retain(|w| w.code != "scored-as-none");
    scored.warnings.retain(|w| w.code != "scored-as-none");
    assert_eq!(
        serde_json::to_string(&with_warning).unwrap(),
        serde_json::to_string(&scored).unwrap()
    );
}

#[test]
fn missing_ratings_leave_out_what_is_out_of_scope() {
    // Process: product-design is excluded, energy tailored out; only in-scope ids are listed.
    let mut a = json!({
        "profile": "process",
        "tailoring": [{ "sub_domain": "energy", "reason": "r" }],
        "ratings": {},
    });
    let e = error(&a);
    let m = model();
    let want: Vec<String> = m
        .layout()
        .requirements
        .iter()
        .filter(|q| {
            let s = common::sub_domain_of(m, q);
            s != "product-design" && s != "energy"
        })
        .map(|q| q.id.to_string())
        .collect();
    assert_eq!(e, ScoreError::MissingRatings(want.clone()));
    let outcome = run(&a, &Options::new().allow_missing(true).target(None)).unwrap();
    assert_eq!(outcome.total.value(), "0");
    assert_eq!(outcome.level, 0);
    let w = outcome.warnings.iter().find(|w| w.code == "scored-as-none");
    assert_eq!(
        w.unwrap().ids.iter().map(|x| &**x).collect::<Vec<_>>(),
        want
    );
    // No warning when nothing is missing.
    a = assessment("process", |_| json!("most"));
    let outcome = run(&a, &Options::default()).unwrap();
    assert!(outcome.warnings.iter().all(|w| w.code != "scored-as-none"));
}

#[test]
fn model_mismatch() {
    let mut a = all_full("discrete");
    a["model"] = json!("gbt39116-2035");
    let e = error(&a);
    assert_eq!(e.code(), "model-mismatch");
    assert_eq!(e.location(), "model");
    assert_eq!(
        e,
        ScoreError::ModelMismatch {
            expected: "gbt39116-2020".into(),
            found: "gbt39116-2035".into(),
        }
    );
    a["model"] = json!("gbt39116-2020");
    assert!(run(&a, &Options::default()).is_ok());
}

#[test]
fn invalid_target() {
    let a = all_full("discrete");
    for target in [0u8, 6, 255] {
        let e = run(
            &a,
            &Options::new().allow_missing(false).target(Some(target)),
        )
        .unwrap_err();
        assert_eq!(e.code(), "invalid-target");
        assert_eq!(e.location(), "target");
        assert_eq!(e, ScoreError::InvalidTarget { target, levels: 5 });
    }
    for target in 1..=5u8 {
        let outcome = run(
            &a,
            &Options::new().allow_missing(false).target(Some(target)),
        )
        .unwrap();
        let gaps = outcome.gaps.unwrap();
        assert_eq!(gaps.target, target);
        assert!(gaps.reached);
        assert!(gaps.plan.upgrades.is_empty());
    }
}

#[test]
fn unknown_fields_in_the_assessment() {
    type Mutation = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Mutation, &str, &str)> = vec![
        (
            Box::new(|a: &mut Value| a["colour"] = json!("blue")),
            "colour",
            "unknown field `colour`",
        ),
        (
            Box::new(|a: &mut Value| a["enterprise"] = json!({ "name": "A", "nam": "B" })),
            "enterprise.nam",
            "unknown field `nam`",
        ),
        (
            Box::new(|a: &mut Value| {
                a["tailoring"] = json!([{ "sub_domain": "energy", "reason": "r", "why": 1 }])
            }),
            "tailoring[0].why",
            "unknown field `why`",
        ),
        (
            Box::new(|a: &mut Value| {
                let id = req("sales", 2);
                ratings(a).insert(id, json!({ "rating": "full", "note": "x" }));
            }),
            "ratings.sales.2.a",
            "unknown field `note`",
        ),
    ];
    // Paths that may also be reported one level deeper, at the offending field.
    let deeper = |path: &str| format!("{path}.note");
    assert_eq!(req("sales", 2), "sales.2.a");
    for (mutate, path, message_part) in cases {
        let mut a = all_full("discrete");
        mutate(&mut a);
        let e = error(&a);
        assert_eq!(e.code(), "invalid-json", "{path}");
        let ok = |p: &str| p == path || (path.starts_with("ratings.") && p == deeper(path));
        assert!(ok(&e.location()), "{path}: {}", e.location());
        match e {
            ScoreError::Json {
                path: p, message, ..
            } => {
                assert!(ok(&p), "{path}: {p}");
                assert!(message.contains(message_part), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn malformed_json_names_line_and_column() {
    let e = parse_assessment("{\"profile\": \"discrete\",\n \"ratings\": {\"data.1.a\": }}")
        .unwrap_err();
    assert_eq!(e.code(), "invalid-json");
    match e {
        ScoreError::Json { line, column, .. } => {
            assert_eq!(line, 2);
            assert!(column > 20, "{column}");
        }
        other => panic!("{other:?}"),
    }
    let e = parse_assessment(r#"{"profile": "discrete", "ratings": {}} {}"#).unwrap_err();
    assert_eq!(e.code(), "invalid-json");
    assert_eq!(e.location(), ".");
    let e = parse_assessment(r#"{"ratings": {}}"#).unwrap_err();
    assert_eq!(e.code(), "invalid-json");
    assert!(e.to_string().contains("missing field `profile`"), "{e}");
}

/// A copy of the default model document whose `discrete` profile lets every sub-domain be
/// tailored out.
fn all_tailorable() -> Model {
    let mut doc: ModelDoc = model().doc().clone();
    let all: Vec<Id> = model()
        .layout()
        .sub_domains
        .iter()
        .map(|s| s.id.clone())
        .collect();
    doc.profiles[0].tailorable = all;
    Model::from_doc(doc).unwrap()
}

#[test]
fn nothing_to_score() {
    let m = all_tailorable();
    let tailoring: Vec<Value> = m
        .layout()
        .sub_domains
        .iter()
        .map(|s| json!({ "sub_domain": s.id, "reason": "not applicable" }))
        .collect();
    let a = json!({ "profile": "discrete", "tailoring": tailoring, "ratings": {} });
    let e = score(&m, &parse_assessment(&a.to_string()).unwrap()).unwrap_err();
    assert_eq!(e.code(), "nothing-to-score");
    assert_eq!(e.location(), "scope");
    assert_eq!(e, ScoreError::NothingToScore(1));
    // Keeping one sub-domain keeps every level scorable.
    let mut keep = a.clone();
    keep["tailoring"].as_array_mut().unwrap().remove(0);
    let outcome = score(&m, &parse_assessment(&keep.to_string()).unwrap());
    assert_eq!(outcome.unwrap_err().code(), "missing-ratings");
}

#[test]
fn every_spelling_of_a_scale_point_scores_the_same() {
    let spellings: [(&str, Vec<Value>); 4] = [
        (
            "full",
            vec![
                json!("full"),
                json!("全部满足"),
                json!("1"),
                json!(1),
                json!("1.0"),
                json!("1.00"),
            ],
        ),
        (
            "most",
            vec![
                json!("most"),
                json!("大部分满足"),
                json!("0.8"),
                serde_json::from_str::<Value>("0.8").unwrap(),
                json!("0.80"),
                serde_json::from_str::<Value>("0.80").unwrap(),
                json!({ "rating": "0.8", "evidence": ["MES report"] }),
            ],
        ),
        (
            "partial",
            vec![
                json!("partial"),
                json!("部分满足"),
                json!("0.5"),
                serde_json::from_str::<Value>("0.50").unwrap(),
            ],
        ),
        (
            "none",
            vec![
                json!("none"),
                json!("不满足"),
                json!("0"),
                json!(0),
                json!("0.000"),
            ],
        ),
    ];
    for profile in ["discrete", "process"] {
        // Each requirement gets a point by position, so every level has a mix.
        let keys = ["full", "most", "partial", "none"];
        let reference = |q: &cmmm_model::RequirementRef| -> usize {
            (q.sub_domain * 7 + usize::from(q.level) * 3 + q.id.len()) % 4
        };
        let base = run(
            &assessment(profile, |q| json!(keys[reference(q)])),
            &Options::default(),
        )
        .unwrap();
        let base_json = serde_json::to_string(&base).unwrap();
        for (p, (key, forms)) in spellings.iter().enumerate() {
            assert_eq!(keys[p], *key);
            for form in forms {
                let a = assessment(profile, |q| {
                    if reference(q) == p {
                        form.clone()
                    } else {
                        json!(keys[reference(q)])
                    }
                });
                let outcome =
                    run(&a, &Options::default()).unwrap_or_else(|e| panic!("{form}: {e}"));
                assert_eq!(
                    serde_json::to_string(&outcome).unwrap(),
                    base_json,
                    "{profile}: {form} should score as {key}"
                );
            }
        }
        // The number form keeps the digits written: 0.80 is read as 0.80, not via a float.
        let a = parse_assessment(&format!(
            r#"{{"profile": "{profile}", "ratings": {{"data.1.a": 0.80}}}}"#
        ))
        .unwrap();
        let answer = a.ratings.get("data.1.a").unwrap();
        assert_eq!(answer.rating.as_ref().unwrap().as_str(), "0.80");
    }
}
