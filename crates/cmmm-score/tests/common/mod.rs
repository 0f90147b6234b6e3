//! Helpers shared by the integration tests of cmmm-score: assessments of the embedded
//! default model, written as JSON the way a user would write them.
#![allow(dead_code)]

use cmmm_model::{Model, RequirementRef};
use serde_json::{json, Map, Value};

/// The embedded default model.
pub fn model() -> &'static Model {
    Model::gbt39116_2020()
}

/// The sub-domain id of a requirement.
pub fn sub_domain_of<'m>(model: &'m Model, q: &RequirementRef) -> &'m str {
    &model.layout().sub_domains[q.sub_domain].id
}

/// Requirements in the default scope of `profile`, in model order.
pub fn in_scope(model: &Model, profile: &str) -> Vec<String> {
    let (_, index) = model.profile(profile).expect("profile exists");
    model
        .layout()
        .requirements
        .iter()
        .filter(|q| !index.excluded_by_default[q.sub_domain])
        .map(|q| q.id.to_string())
        .collect()
}

/// An assessment of the default model under `profile` rating every requirement in the
/// profile's default scope with `rate(requirement)`.
pub fn assessment(profile: &str, rate: impl Fn(&RequirementRef) -> Value) -> Value {
    let model = model();
    let (_, index) = model.profile(profile).expect("profile exists");
    let mut ratings = Map::new();
    for q in &model.layout().requirements {
        if !index.excluded_by_default[q.sub_domain] {
            ratings.insert(q.id.to_string(), rate(q));
        }
    }
    json!({ "profile": profile, "ratings": ratings })
}

/// Every in-scope requirement rated `full`.
pub fn all_full(profile: &str) -> Value {
    assessment(profile, |_| json!("full"))
}

/// The ratings object of an assessment value.
pub fn ratings(a: &mut Value) -> &mut Map<String, Value> {
    a["ratings"].as_object_mut().expect("ratings is an object")
}

/// Removes the ratings of every requirement of sub-domain `sub`.
pub fn drop_sub_domain(a: &mut Value, sub: &str) {
    let model = model();
    let ids: Vec<String> = model
        .layout()
        .requirements
        .iter()
        .filter(|q| sub_domain_of(model, q) == sub)
        .map(|q| q.id.to_string())
        .collect();
    let r = ratings(a);
    for id in ids {
        r.shift_remove(&id);
    }
}

/// Requirement ids of sub-domain `sub`, in model order.
pub fn requirements_of(sub: &str) -> Vec<String> {
    let model = model();
    model
        .layout()
        .requirements
        .iter()
        .filter(|q| sub_domain_of(model, q) == sub)
        .map(|q| q.id.to_string())
        .collect()
}
