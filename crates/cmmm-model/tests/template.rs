//! Blank questionnaires from the default model.

use cmmm_model::{template, Assessment, Id, Model, TemplateError};

fn model() -> &'static Model {
    Model::gbt39116_2020()
}

/// Requirement ids of a sub-domain, in model order.
fn requirement_ids_of(sub_domain: &str) -> Vec<String> {
    let layout = model().layout();
    let s = model().sub_domain_index(sub_domain).expect("sub-domain");
    layout.sub_domains[s]
        .children
        .clone()
        .map(|i| layout.requirements[i].id.to_string())
        .collect()
}

#[test]
fn a_discrete_template_has_every_requirement_unrated() {
    let t = template(model(), "discrete", &[]).expect("template");
    assert_eq!(t.model.as_deref(), Some("gbt39116-2020"));
    assert_eq!(t.profile, "discrete");
    assert!(t.include.is_empty());
    assert!(t.tailoring.is_empty());
    assert_eq!(t.id, None);
    assert_eq!(t.ratings.len(), 300);
    let layout = model().layout();
    // Every requirement, in model order, with its sub-domain, level and text.
    for ((id, answer), q) in t.ratings.iter().zip(&layout.requirements) {
        assert_eq!(id, &*q.id);
        assert_eq!(answer.rating, None, "{id}");
        assert!(answer.evidence.is_empty(), "{id}");
        assert_eq!(answer.comment, None, "{id}");
        assert_eq!(
            answer.sub_domain.as_deref(),
            Some(&*layout.sub_domains[q.sub_domain].id)
        );
        assert_eq!(answer.level, Some(q.level));
        assert_eq!(answer.text.as_ref(), Some(&q.text));
    }
    let first = t
        .ratings
        .get("org-strategy.1.a")
        .expect("first requirement");
    assert_eq!(first.sub_domain.as_deref(), Some("org-strategy"));
    assert_eq!(first.level, Some(1));
}

#[test]
fn a_process_template_leaves_product_design_out_unless_included() {
    let product_design = requirement_ids_of("product-design");
    assert_eq!(product_design.len(), 17);
    assert_eq!(product_design[0], "product-design.1.a");

    let t = template(model(), "process", &[]).expect("template");
    assert_eq!(t.profile, "process");
    assert_eq!(t.ratings.len(), 300 - 17);
    for id in &product_design {
        assert!(t.ratings.get(id).is_none(), "{id} should be out of scope");
    }
    assert!(t
        .ratings
        .iter()
        .all(|(_, a)| a.sub_domain.as_deref() != Some("product-design")));
    assert!(t.ratings.get("process-design.1.a").is_some());

    let included = vec![Id::from("product-design")];
    let t = template(model(), "process", &included).expect("template");
    assert_eq!(t.include, included);
    assert_eq!(t.ratings.len(), 300);
    for id in &product_design {
        let answer = t.ratings.get(id).expect("included");
        assert_eq!(answer.sub_domain.as_deref(), Some("product-design"));
        assert_eq!(answer.rating, None);
    }
    // Still in model order: product design comes before process design.
    let ids: Vec<&str> = t.ratings.iter().map(|(id, _)| id).collect();
    let pd = ids.iter().position(|id| *id == "product-design.1.a");
    let ps = ids.iter().position(|id| *id == "process-design.1.a");
    assert!(pd < ps, "{pd:?} {ps:?}");
    let discrete = template(model(), "discrete", &[]).expect("template");
    assert_eq!(
        t.ratings.iter().map(|(id, _)| id).collect::<Vec<_>>(),
        discrete
            .ratings
            .iter()
            .map(|(id, _)| id)
            .collect::<Vec<_>>()
    );
}

#[test]
fn including_a_sub_domain_that_is_not_optional_is_an_error() {
    for (profile, sub) in [
        ("process", "sales"),
        ("process", "org-strategy"),
        ("process", "no-such-sub-domain"),
        // The discrete profile excludes nothing, so nothing can be included.
        ("discrete", "product-design"),
    ] {
        let err = template(model(), profile, &[sub.into()]).expect_err("not optional");
        assert_eq!(err.code(), "not-optional");
        assert_eq!(
            err,
            TemplateError::NotOptional(sub.to_string(), profile.to_string())
        );
        assert_eq!(
            err.to_string(),
            format!("`{sub}` is not a sub-domain that profile `{profile}` excludes by default")
        );
    }
    // One bad id among good ones is still an error.
    let err = template(
        model(),
        "process",
        &["product-design".into(), "energy".into()],
    )
    .expect_err("energy is not optional");
    assert_eq!(
        err,
        TemplateError::NotOptional("energy".into(), "process".into())
    );
}

#[test]
fn an_unknown_profile_is_an_error() {
    let err = template(model(), "batch", &[]).expect_err("no such profile");
    assert_eq!(err, TemplateError::UnknownProfile("batch".into()));
    assert_eq!(err.code(), "unknown-profile");
    assert_eq!(err.to_string(), "unknown profile `batch`");
    let err = template(model(), "Discrete", &[]).expect_err("ids are case-sensitive");
    assert_eq!(err.code(), "unknown-profile");
}

#[test]
fn a_template_round_trips_through_json() {
    for (profile, include) in [
        ("discrete", vec![]),
        ("process", vec![]),
        ("process", vec![Id::from("product-design")]),
    ] {
        let t = template(model(), profile, &include).expect("template");
        let json = serde_json::to_string_pretty(&t).expect("serializes");
        let back: Assessment = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, t, "{profile}");
        // And the text is stable.
        assert_eq!(
            serde_json::to_string_pretty(&back).expect("serializes"),
            json
        );
    }
}

#[test]
fn a_template_answer_is_written_with_a_null_rating() {
    let t = template(model(), "discrete", &[]).expect("template");
    let value = serde_json::to_value(&t).expect("serializes");
    let first = &value["ratings"]["org-strategy.1.a"];
    assert_eq!(first["rating"], serde_json::Value::Null);
    assert_eq!(first["sub_domain"], "org-strategy");
    assert_eq!(first["level"], 1);
    assert_eq!(
        first["text"]["zh"],
        "应以书面形式表明发展智能制造的意向，并说明其对企业经营的预期作用。"
    );
    assert_eq!(value["model"], "gbt39116-2020");
    assert_eq!(value["profile"], "discrete");
    // Empty lists and absent options are left out.
    let keys: Vec<&str> = value
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["model", "profile", "ratings"]);
}

#[test]
fn including_a_sub_domain_twice_is_an_error() {
    let twice = vec![Id::from("product-design"), Id::from("product-design")];
    let err = template(model(), "process", &twice).unwrap_err();
    assert_eq!(
        err,
        TemplateError::DuplicateInclude("product-design".into())
    );
    assert_eq!(err.code(), "duplicate-key");
}
