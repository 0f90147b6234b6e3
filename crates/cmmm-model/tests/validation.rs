//! Every rule of the model format, each broken in one precise way in the embedded default
//! model, and the faults that stop a file before validation (JSON syntax, unknown fields,
//! duplicate keys, trailing text).

use cmmm_model::{
    Model, ModelDoc, ModelError, Problem, Ratio, Rule, SourceStatus, Weight, GBT39116_2020_JSON,
};
use serde_json::{json, Value};

/// The default model as a JSON value, to be broken by a test.
fn default_json() -> Value {
    serde_json::from_str(GBT39116_2020_JSON).expect("the embedded model is JSON")
}

/// Sets the value at a JSON pointer, which must exist.
fn set(value: &mut Value, pointer: &str, new: Value) {
    *value
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the default model")) = new;
}

/// The object at a JSON pointer, which must exist.
fn object<'a>(value: &'a mut Value, pointer: &str) -> &'a mut serde_json::Map<String, Value> {
    value
        .pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {pointer} in the default model"))
}

/// Loads a model from JSON text, expecting it to be rejected.
fn reject(text: &str) -> ModelError {
    match Model::from_json(text) {
        Ok(_) => panic!("the broken model was accepted"),
        Err(e) => e,
    }
}

/// Validates a broken model value; returns its problems after checking the error kind.
fn problems(value: &Value) -> Vec<Problem> {
    let text = serde_json::to_string_pretty(value).expect("a JSON value serializes");
    let err = reject(&text);
    assert_eq!(err.code(), "invalid-model", "{err}");
    assert!(matches!(err, ModelError::Invalid(_)), "{err:?}");
    assert!(!err.problems().is_empty());
    err.problems().to_vec()
}

/// Problems as (rule, at) pairs, for comparing whole lists.
fn rules_at(problems: &[Problem]) -> Vec<(Rule, &str)> {
    problems.iter().map(|p| (p.rule, p.at.as_str())).collect()
}

/// Asserts a problem's rule, path and message, and that the message names `named`.
fn assert_problem(p: &Problem, rule: Rule, at: &str, message: &str, named: &[&str]) {
    assert_eq!((p.rule, p.at.as_str()), (rule, at), "{p}");
    assert_eq!(p.message, message, "{p}");
    for n in named {
        assert!(p.message.contains(n), "`{}` should name {n}", p.message);
    }
    assert_eq!(p.to_string(), format!("{at}: {message} [{}]", rule.code()));
}

/// Asserts a JSON-level error: its path, line, column and message.
fn assert_json_error(err: &ModelError, path: &str, line: usize, column: usize, message: &str) {
    assert_eq!(err.code(), "invalid-json", "{err}");
    assert!(err.problems().is_empty());
    match err {
        ModelError::Json {
            path: p,
            line: l,
            column: c,
            message: m,
        } => {
            assert_eq!(
                (p.as_str(), *l, *c, m.as_str()),
                (path, line, column, message)
            );
        }
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

/// 1-based line and column of the last character of the first occurrence of `needle`.
fn position_of_end(text: &str, needle: &str) -> (usize, usize) {
    let start = text.find(needle).expect("needle in text");
    let end = start + needle.len() - 1;
    let line = text[..end].matches('\n').count() + 1;
    let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..=end].chars().count())
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).expect("a JSON value serializes")
}

fn ratio(text: &str) -> Ratio {
    text.parse().expect("a valid ratio literal")
}

// ---------------------------------------------------------------------------------------
// The default model

#[test]
fn the_default_model_validates_with_the_standards_shape() {
    let model = Model::from_json(GBT39116_2020_JSON).expect("the default model is valid");
    assert_eq!(model.id(), "gbt39116-2020");
    let layout = model.layout();
    assert_eq!(layout.elements.len(), 4);
    assert_eq!(layout.domains.len(), 12);
    assert_eq!(layout.sub_domains.len(), 20);
    assert_eq!(model.level_count(), 5);
    assert_eq!(
        model.levels().iter().map(|l| l.level).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    assert_eq!(layout.requirements.len(), 300);
    let ids: Vec<&str> = layout.elements.iter().map(|e| &*e.id).collect();
    assert_eq!(
        ids,
        ["personnel", "technology", "resource", "manufacturing"]
    );
    let sub_ids: Vec<&str> = layout.sub_domains.iter().map(|s| &*s.id).collect();
    assert_eq!(
        sub_ids,
        [
            "org-strategy",
            "skills",
            "data",
            "integration",
            "infosec",
            "equipment",
            "network",
            "product-design",
            "process-design",
            "procurement",
            "planning-scheduling",
            "production-ops",
            "equipment-mgmt",
            "warehousing",
            "safety-env",
            "energy",
            "logistics",
            "sales",
            "customer-service",
            "product-service",
        ]
    );
    // 2 to 4 requirements per sub-domain per level.
    assert_eq!(layout.counts.len(), 20);
    for (s, counts) in layout.counts.iter().enumerate() {
        assert_eq!(counts.len(), 5, "{}", layout.sub_domains[s].id);
        for (n, c) in counts.iter().enumerate() {
            assert!(
                (2..=4).contains(c),
                "{} has {c} requirements at level {}",
                layout.sub_domains[s].id,
                n + 1
            );
        }
    }
    // The embedded model and the loaded one are the same.
    assert_eq!(Model::gbt39116_2020().doc(), model.doc());
}

#[test]
fn every_requirement_id_is_sub_domain_level_letter() {
    let model = Model::gbt39116_2020();
    let layout = model.layout();
    let mut expected_next: std::collections::HashMap<(usize, u8), u8> =
        std::collections::HashMap::new();
    for q in &layout.requirements {
        let sub = &layout.sub_domains[q.sub_domain].id;
        let next = expected_next.entry((q.sub_domain, q.level)).or_insert(b'a');
        assert_eq!(&*q.id, format!("{sub}.{}.{}", q.level, *next as char));
        *next += 1;
        // The flat index finds it back.
        let i = model.requirement_index(&q.id).expect("indexed");
        assert_eq!(layout.requirements[i].id, q.id);
    }
    assert_eq!(expected_next.len(), 100);
}

#[test]
fn the_default_model_says_its_catalogue_is_illustrative_and_its_weights_placeholder() {
    let model = Model::gbt39116_2020();
    let provenance = &model.doc().provenance;
    assert_eq!(provenance.requirements.status, SourceStatus::Illustrative);
    assert!(provenance.requirements.status.is_unofficial());
    let profiles: Vec<(&str, SourceStatus)> = model
        .profiles()
        .iter()
        .map(|p| (p.id.as_str(), p.weights_provenance.status))
        .collect();
    assert_eq!(
        profiles,
        [
            ("discrete", SourceStatus::Placeholder),
            ("process", SourceStatus::Placeholder)
        ]
    );
    let (process, _) = model.profile("process").expect("process profile");
    assert_eq!(process.excluded_by_default, ["product-design"]);
    let (discrete, _) = model.profile("discrete").expect("discrete profile");
    assert!(discrete.excluded_by_default.is_empty());
}

/// Global weight of every sub-domain in the profile's default scope: the product of the
/// element, domain and sub-domain weights, each rescaled over its in-scope siblings.
fn global_weights(model: &Model, profile: &str) -> Vec<(String, Ratio)> {
    let layout = model.layout();
    let (_, index) = model.profile(profile).expect("profile exists");
    let in_scope = |s: usize| !index.excluded_by_default[s];
    let domain_in_scope = |d: usize| layout.domains[d].children.clone().any(in_scope);
    let element_in_scope = |e: usize| layout.elements[e].children.clone().any(domain_in_scope);
    let sum = |ws: &mut dyn Iterator<Item = Ratio>| {
        ws.fold(Ratio::ZERO, |a, w| a.checked_add(w).expect("small sums"))
    };
    let element_total = sum(&mut (0..layout.elements.len())
        .filter(|&e| element_in_scope(e))
        .map(|e| index.element_weights[e]));
    let mut out = Vec::new();
    for s in (0..layout.sub_domains.len()).filter(|&s| in_scope(s)) {
        let d = layout.sub_domains[s].parent;
        let e = layout.domains[d].parent;
        let sub_total = sum(&mut layout.domains[d]
            .children
            .clone()
            .filter(|&x| in_scope(x))
            .map(|x| index.sub_domain_weights[x]));
        let domain_total = sum(&mut layout.elements[e]
            .children
            .clone()
            .filter(|&x| domain_in_scope(x))
            .map(|x| index.domain_weights[x]));
        let w = index.element_weights[e]
            .checked_div(element_total)
            .and_then(|x| x.checked_mul(index.domain_weights[d]))
            .and_then(|x| x.checked_div(domain_total))
            .and_then(|x| x.checked_mul(index.sub_domain_weights[s]))
            .and_then(|x| x.checked_div(sub_total))
            .expect("small exact weights");
        out.push((layout.sub_domains[s].id.to_string(), w));
    }
    out
}

#[test]
fn placeholder_weights_make_every_in_scope_sub_domain_weigh_the_same() {
    let model = Model::gbt39116_2020();
    for (profile, count, each) in [("process", 19, "1/19"), ("discrete", 20, "1/20")] {
        let weights = global_weights(model, profile);
        assert_eq!(weights.len(), count, "{profile}");
        for (id, w) in &weights {
            assert_eq!(*w, ratio(each), "{profile}: `{id}` weighs {w}");
            assert_eq!(w.to_string(), each);
        }
        let total = weights
            .iter()
            .fold(Ratio::ZERO, |a, (_, w)| a.checked_add(*w).expect("small"));
        assert_eq!(total, Ratio::ONE, "{profile}");
        assert_eq!(
            weights.iter().any(|(id, _)| id == "product-design"),
            profile == "discrete"
        );
    }
}

#[test]
fn the_default_model_round_trips_through_its_json() {
    let model = Model::gbt39116_2020();
    let again = Model::from_json(&model.to_json_pretty()).expect("valid");
    assert_eq!(again.doc(), model.doc());
    let doc: ModelDoc = serde_json::from_str(GBT39116_2020_JSON).expect("model JSON");
    assert_eq!(&doc, model.doc());
    // Weights keep the text they were written with.
    let (discrete, _) = model.profile("discrete").expect("discrete");
    let w = discrete
        .weights
        .elements
        .get("manufacturing")
        .expect("weight");
    assert_eq!(w.text(), "13/20");
    assert_eq!(w.value(), Some(ratio("0.65")));
}

#[test]
fn rule_codes_are_stable() {
    let codes = [
        (Rule::DuplicateId, "duplicate-id"),
        (Rule::Empty, "empty"),
        (Rule::Levels, "levels"),
        (Rule::LevelOutOfRange, "level-out-of-range"),
        (Rule::Scale, "scale"),
        (Rule::Gate, "gate"),
        (Rule::Bands, "bands"),
        (Rule::Structure, "structure"),
        (Rule::InvalidWeight, "invalid-weight"),
        (Rule::WeightSum, "weight-sum"),
        (Rule::UnknownNode, "unknown-node"),
        (Rule::MissingWeight, "missing-weight"),
        (Rule::NothingToScore, "nothing-to-score"),
        (Rule::NoProfile, "no-profile"),
    ];
    for (rule, code) in codes {
        assert_eq!(rule.code(), code);
    }
}

// ---------------------------------------------------------------------------------------
// duplicate-id

#[test]
fn duplicate_element_id() {
    let mut v = default_json();
    set(&mut v, "/elements/1/id", json!("personnel"));
    let p = problems(&v);
    assert_problem(
        &p[0],
        Rule::DuplicateId,
        "elements[1].id",
        "duplicate element id `personnel`",
        &["`personnel`"],
    );
    // The profiles' weight for `technology` now names no element, so both profiles say so.
    assert_eq!(
        rules_at(&p),
        [
            (Rule::DuplicateId, "elements[1].id"),
            (Rule::UnknownNode, "profiles[0].weights.elements.technology"),
            (Rule::WeightSum, "profiles[0].weights.elements"),
            (Rule::UnknownNode, "profiles[1].weights.elements.technology"),
            (Rule::WeightSum, "profiles[1].weights.elements"),
        ]
    );
    assert_eq!(p[1].message, "weight for unknown element `technology`");
}

#[test]
fn duplicate_domain_id() {
    let mut v = default_json();
    // technology's second domain, `integration`, renamed to its first, `data`.
    set(&mut v, "/elements/1/domains/1/id", json!("data"));
    let p = problems(&v);
    assert_problem(
        &p[0],
        Rule::DuplicateId,
        "elements[1].domains[1].id",
        "duplicate domain id `data`",
        &["`data`"],
    );
    assert_eq!(
        rules_at(&p),
        [
            (Rule::DuplicateId, "elements[1].domains[1].id"),
            (Rule::UnknownNode, "profiles[0].weights.domains.integration"),
            (Rule::WeightSum, "profiles[0].weights.domains"),
            (Rule::UnknownNode, "profiles[1].weights.domains.integration"),
            (Rule::WeightSum, "profiles[1].weights.domains"),
        ]
    );
}

#[test]
fn a_domain_and_its_only_sub_domain_may_share_an_id() {
    // `data` is both a domain and a sub-domain id in the default model: separate namespaces.
    let model = Model::gbt39116_2020();
    let layout = model.layout();
    assert_eq!(&*layout.domains[2].id, "data");
    assert_eq!(&*layout.sub_domains[2].id, "data");
}

#[test]
fn duplicate_sub_domain_id() {
    let mut v = default_json();
    set(
        &mut v,
        "/elements/1/domains/1/sub_domains/0/id",
        json!("data"),
    );
    let p = problems(&v);
    assert_problem(
        &p[0],
        Rule::DuplicateId,
        "elements[1].domains[1].sub_domains[0].id",
        "duplicate sub-domain id `data`",
        &["`data`"],
    );
    assert_eq!(
        rules_at(&p),
        [
            (
                Rule::DuplicateId,
                "elements[1].domains[1].sub_domains[0].id"
            ),
            (
                Rule::UnknownNode,
                "profiles[0].weights.sub_domains.integration"
            ),
            (Rule::WeightSum, "profiles[0].weights.sub_domains"),
            (
                Rule::UnknownNode,
                "profiles[1].weights.sub_domains.integration"
            ),
            (Rule::WeightSum, "profiles[1].weights.sub_domains"),
        ]
    );
}

#[test]
fn duplicate_requirement_id() {
    let mut v = default_json();
    set(
        &mut v,
        "/elements/0/domains/0/sub_domains/0/requirements/1/id",
        json!("org-strategy.1.a"),
    );
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::DuplicateId,
        "elements[0].domains[0].sub_domains[0].requirements[1].id",
        "duplicate requirement id `org-strategy.1.a`",
        &["`org-strategy.1.a`"],
    );
}

#[test]
fn duplicate_requirement_id_across_sub_domains() {
    let mut v = default_json();
    // The first requirement of `skills` takes the id of the first of `org-strategy`.
    set(
        &mut v,
        "/elements/0/domains/1/sub_domains/0/requirements/0/id",
        json!("org-strategy.1.a"),
    );
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::DuplicateId,
        "elements[0].domains[1].sub_domains[0].requirements[0].id",
        "duplicate requirement id `org-strategy.1.a`",
        &["`org-strategy.1.a`"],
    );
}

#[test]
fn duplicate_profile_id() {
    let mut v = default_json();
    set(&mut v, "/profiles/1/id", json!("discrete"));
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::DuplicateId,
        "profiles[1].id",
        "duplicate profile id `discrete`",
        &["`discrete`"],
    );
}

#[test]
fn duplicate_scale_key() {
    let mut v = default_json();
    set(&mut v, "/scale/1/key", json!("full"));
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::DuplicateId,
        "scale[1].key",
        "duplicate scale key `full`",
        &["`full`"],
    );
}

#[test]
fn duplicate_scale_label_and_value() {
    let mut v = default_json();
    set(&mut v, "/scale/2/label/zh", json!("大部分满足"));
    // 0.80 is the same value as 0.8.
    set(&mut v, "/scale/2/value", json!("0.80"));
    let p = problems(&v);
    assert_eq!(p.len(), 2, "{p:?}");
    assert_problem(
        &p[0],
        Rule::DuplicateId,
        "scale[2].label.zh",
        "duplicate scale label `大部分满足`",
        &["`大部分满足`"],
    );
    assert_problem(
        &p[1],
        Rule::DuplicateId,
        "scale[2].value",
        "duplicate scale value 0.80",
        &["0.80"],
    );
}

#[test]
fn a_sub_domain_listed_twice_in_a_profile_list() {
    let mut v = default_json();
    set(
        &mut v,
        "/profiles/1/excluded_by_default",
        json!(["product-design", "product-design"]),
    );
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::DuplicateId,
        "profiles[1].excluded_by_default[1]",
        "sub-domain `product-design` is listed twice",
        &["`product-design`"],
    );
}

// ---------------------------------------------------------------------------------------
// empty

#[test]
fn empty_texts_and_ids() {
    let mut v = default_json();
    set(&mut v, "/title/zh", json!(" "));
    set(&mut v, "/version", json!(""));
    set(&mut v, "/levels/2/name/zh", json!(""));
    set(
        &mut v,
        "/elements/0/domains/0/sub_domains/0/requirements/0/text",
        json!({ "zh": "", "en": "English alone is not enough" }),
    );
    set(&mut v, "/scale/3/key", json!(""));
    let p = problems(&v);
    assert_eq!(
        rules_at(&p),
        [
            (Rule::Empty, "version"),
            (Rule::Empty, "title.zh"),
            (Rule::Empty, "levels[2].name.zh"),
            (Rule::Empty, "scale[3].key"),
            (
                Rule::Empty,
                "elements[0].domains[0].sub_domains[0].requirements[0].text.zh"
            ),
        ]
    );
    assert_eq!(p[0].message, "model version is empty");
    assert_eq!(p[1].message, "Chinese text is empty");
    assert_eq!(p[3].message, "scale key is empty");
}

#[test]
fn an_empty_model_id() {
    let mut v = default_json();
    set(&mut v, "/id", json!("  "));
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(&p[0], Rule::Empty, "id", "model id is empty", &[]);
}

#[test]
fn a_requirement_id_with_whitespace() {
    let mut v = default_json();
    set(
        &mut v,
        "/elements/0/domains/0/sub_domains/0/requirements/2/id",
        json!("org strategy.1.c"),
    );
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::Empty,
        "elements[0].domains[0].sub_domains[0].requirements[2].id",
        "requirement id `org strategy.1.c` is empty or contains whitespace",
        &["`org strategy.1.c`"],
    );
}

// ---------------------------------------------------------------------------------------
// levels, level-out-of-range

#[test]
fn levels_not_numbered_one_to_n() {
    let mut v = default_json();
    set(&mut v, "/levels/4/level", json!(6));
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::Levels,
        "levels[4].level",
        "level 6 where level 5 was expected",
        &["6", "5"],
    );

    let mut v = default_json();
    set(&mut v, "/levels/0/level", json!(0));
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::Levels,
        "levels[0].level",
        "level 0 where level 1 was expected",
        &["0", "1"],
    );
}

#[test]
fn no_levels_at_all() {
    let mut v = default_json();
    set(&mut v, "/levels", json!([]));
    let p = problems(&v);
    assert_problem(
        &p[0],
        Rule::Levels,
        "levels",
        "a model has 1 to 9 levels, not 0",
        &["0"],
    );
    // Every requirement's level is then out of range and the bands no longer fit.
    assert_eq!(
        p.iter().filter(|x| x.rule == Rule::LevelOutOfRange).count(),
        300
    );
    assert_eq!(p[1].rule, Rule::Bands);
    assert_eq!(p[1].at, "bands");
}

#[test]
fn a_requirement_above_the_top_level() {
    let mut v = default_json();
    set(
        &mut v,
        "/elements/0/domains/0/sub_domains/0/requirements/0/level",
        json!(6),
    );
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::LevelOutOfRange,
        "elements[0].domains[0].sub_domains[0].requirements[0].level",
        "requirement `org-strategy.1.a` is at level 6, but the model has levels 1 to 5",
        &["`org-strategy.1.a`", "6"],
    );
}

#[test]
fn a_requirement_at_level_zero() {
    let mut v = default_json();
    set(
        &mut v,
        "/elements/3/domains/4/sub_domains/1/requirements/3/level",
        json!(0),
    );
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::LevelOutOfRange,
        "elements[3].domains[4].sub_domains[1].requirements[3].level",
        "requirement `product-service.2.a` is at level 0, but the model has levels 1 to 5",
        &["`product-service.2.a`"],
    );
}

// ---------------------------------------------------------------------------------------
// scale, gate, bands

#[test]
fn a_scale_value_outside_zero_to_one() {
    let mut v = default_json();
    set(&mut v, "/scale/1/value", json!("1.2"));
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::Scale,
        "scale[1].value",
        "scale value 1.2 of `most` is outside [0, 1]",
        &["1.2", "`most`"],
    );

    let mut v = default_json();
    set(&mut v, "/scale/3/value", json!("-0.1"));
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::Scale,
        "scale[3].value",
        "scale value -0.1 of `none` is outside [0, 1]",
        &["-0.1", "`none`"],
    );
}

#[test]
fn an_empty_scale() {
    let mut v = default_json();
    set(&mut v, "/scale", json!([]));
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::Scale,
        "scale",
        "the rating scale is empty",
        &[],
    );
}

#[test]
fn the_gate_must_be_in_zero_exclusive_to_one() {
    for (gate, message) in [
        ("0", "gate 0 is outside (0, 1]"),
        ("-0.5", "gate -0.5 is outside (0, 1]"),
        ("1.01", "gate 1.01 is outside (0, 1]"),
    ] {
        let mut v = default_json();
        set(&mut v, "/gate", json!(gate));
        let p = problems(&v);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_problem(&p[0], Rule::Gate, "gate", message, &[gate]);
    }
    // 1 itself is a valid gate, and so is the smallest positive decimal.
    for gate in ["1", "0.0000000000000000000000000001"] {
        let mut v = default_json();
        set(&mut v, "/gate", json!(gate));
        let model = Model::from_json(&pretty(&v)).expect("a valid gate");
        assert_eq!(model.doc().gate.to_string(), gate);
    }
}

#[test]
fn bands_that_overlap() {
    let mut v = default_json();
    set(&mut v, "/bands/2/min", json!("1.7"));
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::Bands,
        "bands[1].max",
        "bands of levels 1 and 2 overlap: 1.8 > 1.7",
        &["1.8", "1.7"],
    );
}

#[test]
fn bands_that_leave_a_gap() {
    let mut v = default_json();
    set(&mut v, "/bands/3/max", json!("3.7"));
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::Bands,
        "bands[3].max",
        "gap between bands of levels 3 and 4: 3.7 to 3.8",
        &["3.7", "3.8"],
    );
}

#[test]
fn bands_that_do_not_cover_zero_to_the_top_level() {
    let mut v = default_json();
    set(&mut v, "/bands/0/min", json!("0.1"));
    set(&mut v, "/bands/5/max", json!("6"));
    let p = problems(&v);
    assert_eq!(p.len(), 2, "{p:?}");
    assert_problem(
        &p[0],
        Rule::Bands,
        "bands[0].min",
        "the lowest band starts at 0.1, leaving a gap above 0",
        &["0.1"],
    );
    assert_problem(
        &p[1],
        Rule::Bands,
        "bands[5].max",
        "the top band ends at 6, not at the highest total 5",
        &["6", "5"],
    );
}

#[test]
fn an_empty_band_and_a_missing_band() {
    let mut v = default_json();
    set(&mut v, "/bands/4/max", json!("3.8"));
    set(&mut v, "/bands/5/min", json!("3.8"));
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::Bands,
        "bands[4]",
        "band of level 4 is empty: min 3.8 ≥ max 3.8",
        &["level 4"],
    );

    let mut v = default_json();
    v["bands"].as_array_mut().expect("bands").pop();
    let p = problems(&v);
    assert_eq!(
        rules_at(&p),
        [(Rule::Bands, "bands"), (Rule::Bands, "bands[4].max")]
    );
    assert_eq!(
        p[0].message,
        "5 bands for 5 levels: one band per level 0 to 5 is needed"
    );
}

// ---------------------------------------------------------------------------------------
// structure, no-profile

#[test]
fn a_sub_domain_without_requirements() {
    let mut v = default_json();
    set(
        &mut v,
        "/elements/0/domains/0/sub_domains/0/requirements",
        json!([]),
    );
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::Structure,
        "elements[0].domains[0].sub_domains[0].requirements",
        "sub-domain `org-strategy` has no requirement",
        &["`org-strategy`"],
    );
}

#[test]
fn an_element_without_domains() {
    let mut v = default_json();
    set(&mut v, "/elements/2/domains", json!([]));
    let p = problems(&v);
    assert_problem(
        &p[0],
        Rule::Structure,
        "elements[2].domains",
        "element `resource` has no domain",
        &["`resource`"],
    );
    // Its domains and sub-domains are gone, so the profiles' weights for them are unknown,
    // and its (no) domains weigh 0 in all.
    let mut expected = vec![(Rule::Structure, "elements[2].domains".to_string())];
    for i in 0..2 {
        for layer in ["domains", "sub_domains"] {
            for id in ["equipment", "network"] {
                expected.push((
                    Rule::UnknownNode,
                    format!("profiles[{i}].weights.{layer}.{id}"),
                ));
            }
        }
        expected.push((Rule::WeightSum, format!("profiles[{i}].weights.domains")));
    }
    let got: Vec<(Rule, String)> = p.iter().map(|x| (x.rule, x.at.clone())).collect();
    assert_eq!(got, expected);
    assert_eq!(
        p[5].message,
        "weights of the domains of element `resource` sum to 0, not exactly 1"
    );
}

#[test]
fn a_model_without_profiles() {
    let mut v = default_json();
    set(&mut v, "/profiles", json!([]));
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::NoProfile,
        "profiles",
        "the model has no profile",
        &[],
    );
}

// ---------------------------------------------------------------------------------------
// invalid-weight, weight-sum

#[test]
fn a_negative_weight() {
    let mut v = default_json();
    // The sibling takes the whole design domain, so only the sign is at fault.
    set(
        &mut v,
        "/profiles/0/weights/sub_domains/product-design",
        json!("-0.5"),
    );
    set(
        &mut v,
        "/profiles/0/weights/sub_domains/process-design",
        json!("1"),
    );
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::InvalidWeight,
        "profiles[0].weights.sub_domains.product-design",
        "weight `-0.5` of sub-domain `product-design` is negative",
        &["`-0.5`", "`product-design`"],
    );
}

#[test]
fn weights_that_are_not_exact_decimals() {
    for bad in ["abc", "1e-3", "0.1.2", "-1/3", "1/0", ".5", ""] {
        let mut v = default_json();
        set(&mut v, "/profiles/1/weights/elements/resource", json!(bad));
        let p = problems(&v);
        assert_problem(
            &p[0],
            Rule::InvalidWeight,
            "profiles[1].weights.elements.resource",
            &format!(
                "weight `{bad}` of element `resource` is not an exact decimal (\"0.25\") or fraction (\"1/3\")"
            ),
            &[&format!("`{bad}`"), "`resource`"],
        );
        // The remaining elements' weights no longer make 1.
        assert_eq!(p.len(), 2, "{bad}: {p:?}");
        assert_problem(
            &p[1],
            Rule::WeightSum,
            "profiles[1].weights.elements",
            "weights of the elements sum to 17/19, not exactly 1",
            &["17/19"],
        );
        assert_eq!(Weight::parse(bad).value(), None, "{bad}");
    }
}

#[test]
fn a_weight_written_as_a_json_number_is_a_json_error() {
    let mut v = default_json();
    set(&mut v, "/profiles/0/weights/elements/resource", json!(0.1));
    let text = pretty(&v);
    let err = reject(&text);
    // Reported at the end of the number.
    let (line, column) = position_of_end(&text, "\"resource\": 0.1");
    assert_json_error(
        &err,
        "profiles[0].weights.elements.resource",
        line,
        column,
        "invalid type: number, expected a string",
    );
}

#[test]
fn sibling_weights_that_do_not_sum_to_exactly_one() {
    let mut v = default_json();
    set(
        &mut v,
        "/profiles/0/weights/domains/infosec",
        json!("0.3333"),
    );
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::WeightSum,
        "profiles[0].weights.domains",
        "weights of the domains of element `technology` sum to 29999/30000, not exactly 1",
        &["`technology`", "29999/30000"],
    );
}

#[test]
fn decimal_weights_that_sum_to_one_exactly_are_accepted() {
    let mut v = default_json();
    // 1/10 + 3/20 + 1/10 + 13/20 written as decimals: still exactly 1.
    for (id, w) in [
        ("personnel", "0.1"),
        ("technology", "0.15"),
        ("resource", "0.10"),
        ("manufacturing", "0.65"),
    ] {
        set(
            &mut v,
            &format!("/profiles/0/weights/elements/{id}"),
            json!(w),
        );
    }
    let model = Model::from_json(&pretty(&v)).expect("decimal weights are exact");
    let (_, index) = model.profile("discrete").expect("discrete");
    assert_eq!(index.element_weights[1], ratio("3/20"));
}

// ---------------------------------------------------------------------------------------
// unknown-node, missing-weight, nothing-to-score

#[test]
fn a_profile_that_names_an_unknown_node() {
    let mut v = default_json();
    object(&mut v, "/profiles/0/weights/sub_domains").insert("foo".into(), json!("0"));
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::UnknownNode,
        "profiles[0].weights.sub_domains.foo",
        "weight for unknown sub-domain `foo`",
        &["`foo`"],
    );
}

#[test]
fn a_profile_scope_that_names_an_unknown_sub_domain() {
    let mut v = default_json();
    set(
        &mut v,
        "/profiles/1/excluded_by_default",
        json!(["product-design", "product-desing"]),
    );
    v["profiles"][0]["tailorable"]
        .as_array_mut()
        .expect("tailorable")
        .push(json!("hr"));
    let p = problems(&v);
    assert_eq!(p.len(), 2, "{p:?}");
    assert_problem(
        &p[0],
        Rule::UnknownNode,
        "profiles[0].tailorable[13]",
        "unknown sub-domain `hr`",
        &["`hr`"],
    );
    assert_problem(
        &p[1],
        Rule::UnknownNode,
        "profiles[1].excluded_by_default[1]",
        "unknown sub-domain `product-desing`",
        &["`product-desing`"],
    );
}

#[test]
fn a_profile_that_misses_a_node() {
    let mut v = default_json();
    object(&mut v, "/profiles/0/weights/domains").shift_remove("sales");
    let p = problems(&v);
    assert_problem(
        &p[0],
        Rule::MissingWeight,
        "profiles[0].weights.domains",
        "no weight for domain `sales`",
        &["`sales`"],
    );
    // The missing weight counts as 0, so its siblings no longer make 1.
    assert_eq!(p.len(), 2, "{p:?}");
    assert_problem(
        &p[1],
        Rule::WeightSum,
        "profiles[0].weights.domains",
        "weights of the domains of element `manufacturing` sum to 12/13, not exactly 1",
        &["`manufacturing`"],
    );
}

#[test]
fn a_profile_that_misses_an_element_and_a_sub_domain() {
    let mut v = default_json();
    // Missing weights whose siblings still sum to 1 are reported alone.
    object(&mut v, "/profiles/1/weights/elements").shift_remove("resource");
    set(
        &mut v,
        "/profiles/1/weights/elements/manufacturing",
        json!("14/19"),
    );
    object(&mut v, "/profiles/1/weights/sub_domains").shift_remove("product-design");
    set(
        &mut v,
        "/profiles/1/weights/sub_domains/process-design",
        json!("1"),
    );
    let p = problems(&v);
    assert_eq!(p.len(), 2, "{p:?}");
    assert_problem(
        &p[0],
        Rule::MissingWeight,
        "profiles[1].weights.elements",
        "no weight for element `resource`",
        &["`resource`"],
    );
    assert_problem(
        &p[1],
        Rule::MissingWeight,
        "profiles[1].weights.sub_domains",
        "no weight for sub-domain `product-design`",
        &["`product-design`"],
    );
}

#[test]
fn a_level_with_nothing_to_score() {
    let mut v = default_json();
    for e in v["elements"].as_array_mut().expect("elements") {
        for d in e["domains"].as_array_mut().expect("domains") {
            for s in d["sub_domains"].as_array_mut().expect("sub_domains") {
                s["requirements"]
                    .as_array_mut()
                    .expect("requirements")
                    .retain(|q| q["level"] != json!(5));
            }
        }
    }
    let p = problems(&v);
    assert_eq!(p.len(), 2, "{p:?}");
    let tail = "no in-scope sub-domain with a positive weight has a requirement there";
    assert_problem(
        &p[0],
        Rule::NothingToScore,
        "profiles[0]",
        &format!("profile `discrete` has nothing to score at level 5: {tail}"),
        &["`discrete`", "level 5"],
    );
    assert_problem(
        &p[1],
        Rule::NothingToScore,
        "profiles[1]",
        &format!("profile `process` has nothing to score at level 5: {tail}"),
        &["`process`", "level 5"],
    );
}

#[test]
fn nothing_to_score_when_the_only_requirements_are_out_of_scope_or_weightless() {
    let mut v = default_json();
    // Level-4 requirements only in product-design: the process profile excludes it by
    // default; the discrete profile weighs it, so it still has something to score.
    for (ei, e) in v["elements"]
        .as_array_mut()
        .expect("elements")
        .iter_mut()
        .enumerate()
    {
        for d in e["domains"].as_array_mut().expect("domains") {
            for s in d["sub_domains"].as_array_mut().expect("sub_domains") {
                let keep = ei == 3 && s["id"] == json!("product-design");
                s["requirements"]
                    .as_array_mut()
                    .expect("requirements")
                    .retain(|q| keep || q["level"] != json!(4));
            }
        }
    }
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_problem(
        &p[0],
        Rule::NothingToScore,
        "profiles[1]",
        "profile `process` has nothing to score at level 4: no in-scope sub-domain with a positive weight has a requirement there",
        &["`process`", "level 4"],
    );

    // And when the discrete profile gives product-design no weight, it has nothing either.
    set(
        &mut v,
        "/profiles/0/weights/sub_domains/product-design",
        json!("0"),
    );
    set(
        &mut v,
        "/profiles/0/weights/sub_domains/process-design",
        json!("1"),
    );
    let p = problems(&v);
    assert_eq!(
        rules_at(&p),
        [
            (Rule::NothingToScore, "profiles[0]"),
            (Rule::NothingToScore, "profiles[1]")
        ]
    );
    assert!(p[0].message.contains("level 4"), "{}", p[0]);
}

#[test]
fn every_fault_is_reported_in_one_run() {
    let mut v = default_json();
    set(&mut v, "/gate", json!("2"));
    set(&mut v, "/scale/0/value", json!("1.5"));
    set(&mut v, "/profiles/1/id", json!("discrete"));
    let p = problems(&v);
    assert_eq!(
        rules_at(&p),
        [
            (Rule::Scale, "scale[0].value"),
            (Rule::Gate, "gate"),
            (Rule::DuplicateId, "profiles[1].id"),
        ]
    );
    let err = reject(&pretty(&v));
    assert_eq!(
        err.to_string(),
        "invalid model: scale[0].value: scale value 1.5 of `full` is outside [0, 1] [scale]; \
         gate: gate 2 is outside (0, 1] [gate]; \
         profiles[1].id: duplicate profile id `discrete` [duplicate-id]"
    );
}

#[test]
fn from_doc_applies_the_same_rules() {
    let mut doc = Model::gbt39116_2020().doc().clone();
    doc.profiles[0].weights = Default::default();
    let err = Model::from_doc(doc).expect_err("no weights at all");
    assert_eq!(err.code(), "invalid-model");
    let p = err.problems();
    // 4 elements + 12 domains + 20 sub-domains missing, each group then summing to 0.
    assert_eq!(
        p.iter().filter(|x| x.rule == Rule::MissingWeight).count(),
        36
    );
    assert_eq!(p.iter().filter(|x| x.rule == Rule::WeightSum).count(), 17);
    assert_problem(
        &p[0],
        Rule::MissingWeight,
        "profiles[0].weights.elements",
        "no weight for element `personnel`",
        &["`personnel`"],
    );
}

// ---------------------------------------------------------------------------------------
// JSON-level faults

#[test]
fn an_unknown_field_at_the_top_level() {
    let mut v = default_json();
    object(&mut v, "").insert("weights".into(), json!({}));
    let text = pretty(&v);
    let err = reject(&text);
    let (line, column) = position_of_end(&text, "\"weights\": {}");
    assert_json_error(
        &err,
        "weights",
        line,
        column - 4,
        "unknown field `weights`, expected one of `$schema`, `id`, `version`, `title`, `provenance`, `levels`, `below_first_level`, `scale`, `gate`, `bands`, `total_rule`, `elements`, `profiles`",
    );
}

#[test]
fn an_unknown_field_inside_a_profile() {
    let mut v = default_json();
    object(&mut v, "/profiles/1").insert("optional".into(), json!(["product-design"]));
    let text = pretty(&v);
    let err = reject(&text);
    let (line, column) = position_of_end(&text, "\"optional\"");
    assert_json_error(
        &err,
        "profiles[1].optional",
        line,
        column,
        "unknown field `optional`, expected one of `id`, `name`, `weights_provenance`, `weights`, `excluded_by_default`, `tailorable`",
    );
}

#[test]
fn unknown_fields_deeper_down() {
    let cases = [
        (
            "/elements/3/domains/1/sub_domains/2/requirements/1",
            "weight",
            "elements[3].domains[1].sub_domains[2].requirements[1].weight",
        ),
        (
            "/profiles/0/weights",
            "levels",
            "profiles[0].weights.levels",
        ),
        ("/levels/2/name", "fr", "levels[2].name.fr"),
        ("/bands/1", "label", "bands[1].label"),
        ("/provenance", "scale", "provenance.scale"),
    ];
    for (pointer, field, path) in cases {
        let mut v = default_json();
        object(&mut v, pointer).insert(field.into(), json!("x"));
        let text = pretty(&v);
        let err = reject(&text);
        assert_eq!(err.code(), "invalid-json");
        match &err {
            ModelError::Json {
                path: p, message, ..
            } => {
                assert_eq!(p, path);
                assert!(
                    message.starts_with(&format!("unknown field `{field}`")),
                    "{message}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_duplicate_key_in_a_weights_map() {
    let needle = "\"personnel\": \"1/10\",";
    let text = GBT39116_2020_JSON.replacen(needle, &format!("{needle} \"personnel\": \"1/5\","), 1);
    let err = reject(&text);
    let (line, column) = position_of_end(&text, "\"1/10\", \"personnel\"");
    assert_json_error(
        &err,
        "profiles[0].weights.elements",
        line,
        column,
        "duplicate key `personnel`",
    );
}

#[test]
fn a_duplicate_key_in_the_process_sub_domain_weights() {
    let process = GBT39116_2020_JSON
        .find("\"id\": \"process\"")
        .expect("process profile");
    let at = process
        + GBT39116_2020_JSON[process..]
            .find("\"energy\": \"1/7\",")
            .expect("energy weight");
    let mut text = GBT39116_2020_JSON.to_string();
    text.insert_str(at, "\"energy\": \"0\", ");
    let err = reject(&text);
    let (line, column) = position_of_end(&text, "\"0\", \"energy\"");
    assert_json_error(
        &err,
        "profiles[1].weights.sub_domains",
        line,
        column,
        "duplicate key `energy`",
    );
}

#[test]
fn a_duplicate_field_of_a_struct() {
    let text = GBT39116_2020_JSON.replacen(
        "\"gate\": \"0.8\",",
        "\"gate\": \"0.8\",\n  \"gate\": \"0.9\",",
        1,
    );
    let err = reject(&text);
    // The second `gate` key is on the line after the first; the error is the object's, so
    // its path is the object's, and the message names the field.
    let (line, column) = position_of_end(&text, "\n  \"gate\"");
    assert_json_error(&err, ".", line + 1, column, "duplicate field `gate`");
}

#[test]
fn trailing_garbage_after_the_json() {
    let text = format!("{GBT39116_2020_JSON}x");
    let err = reject(&text);
    let lines = GBT39116_2020_JSON.lines().count();
    assert_json_error(&err, ".", lines + 1, 1, "trailing characters");

    let trimmed = GBT39116_2020_JSON.trim_end();
    let err = reject(&format!("{trimmed}, {{}}"));
    // The comma right after the closing brace.
    let line = trimmed.lines().count();
    let column = trimmed.lines().last().expect("lines").chars().count() + 1;
    assert_json_error(&err, ".", line, column, "trailing characters");

    // Trailing whitespace is not garbage.
    Model::from_json(&format!("{GBT39116_2020_JSON}\n\n  \t")).expect("valid");
}

#[test]
fn syntax_errors_and_wrong_types() {
    let err = reject("");
    assert_json_error(&err, ".", 1, 0, "EOF while parsing a value");

    let cut = GBT39116_2020_JSON.find("\"bands\"").expect("bands");
    let text = &GBT39116_2020_JSON[..cut];
    let err = reject(text);
    let last_line = text.lines().count();
    let last_column = text.lines().last().expect("lines").chars().count();
    // The next key is unknown, which serde_path_to_error writes `?`.
    assert_json_error(
        &err,
        "?",
        last_line,
        last_column,
        "EOF while parsing a value",
    );
    assert_eq!(
        err.to_string(),
        format!(
            "model JSON at ? (line {last_line}, column {last_column}): EOF while parsing a value"
        )
    );

    let mut v = default_json();
    set(&mut v, "/levels/1/level", json!("2"));
    let text = pretty(&v);
    let err = reject(&text);
    let (line, column) = position_of_end(&text, "\"level\": \"2\"");
    assert_json_error(
        &err,
        "levels[1].level",
        line,
        column,
        "invalid type: string \"2\", expected u8",
    );

    let mut v = default_json();
    set(&mut v, "/total_rule", json!("sum"));
    let err = reject(&pretty(&v));
    match &err {
        ModelError::Json { path, message, .. } => {
            assert_eq!(path, "total_rule");
            assert_eq!(
                message,
                "unknown variant `sum`, expected `sum-until-first-unmet` or `met-count-plus-partial`"
            );
        }
        other => panic!("{other:?}"),
    }

    let mut v = default_json();
    object(&mut v, "").shift_remove("profiles");
    let err = reject(&pretty(&v));
    match &err {
        ModelError::Json { path, message, .. } => {
            assert_eq!(path, ".");
            assert_eq!(message, "missing field `profiles`");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn decimals_are_exact_strings_or_numbers_taken_digit_for_digit() {
    // A JSON number is read as written, never through a binary float.
    let text = GBT39116_2020_JSON.replacen("\"gate\": \"0.8\"", "\"gate\": 0.80", 1);
    let model = Model::from_json(&text).expect("a number gate");
    assert_eq!(model.doc().gate.to_string(), "0.80");

    for (gate, shown) in [
        ("\"1e-1\"", "1e-1"),
        ("8e-1", "8e-1"),
        ("\"0.8.0\"", "0.8.0"),
    ] {
        let text =
            GBT39116_2020_JSON.replacen("\"gate\": \"0.8\"", &format!("\"gate\": {gate}"), 1);
        let err = reject(&text);
        match &err {
            ModelError::Json { path, message, .. } => {
                assert_eq!(path, "gate");
                assert_eq!(message, &format!("`{shown}` is not an exact decimal"));
            }
            other => panic!("{gate}: {other:?}"),
        }
    }

    let text = GBT39116_2020_JSON.replacen("\"gate\": \"0.8\"", "\"gate\": true", 1);
    match &reject(&text) {
        ModelError::Json { path, message, .. } => {
            assert_eq!(path, "gate");
            assert_eq!(message, "expected a decimal string, found true");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn io_errors_name_the_file() {
    let err = Model::from_path("/nonexistent/cmmm/model.json").expect_err("no such file");
    assert_eq!(err.code(), "io");
    assert!(err.problems().is_empty());
    assert!(
        err.to_string()
            .starts_with("/nonexistent/cmmm/model.json: cannot read: "),
        "{err}"
    );
    let model = Model::from_reader(GBT39116_2020_JSON.as_bytes()).expect("valid");
    assert_eq!(model.doc(), Model::gbt39116_2020().doc());
}

#[test]
fn a_model_file_with_a_byte_order_mark_loads() {
    let with_bom = format!("\u{feff}{GBT39116_2020_JSON}");
    let model = cmmm_model::Model::from_json(&with_bom).expect("a BOM is ignored");
    assert_eq!(model.id(), "gbt39116-2020");
}
