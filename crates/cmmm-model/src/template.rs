//! Blank questionnaires: every in-scope requirement of a profile, ratings empty.

use crate::assessment::{Answer, Assessment};
use crate::id::Id;
use crate::model::Model;
use crate::unique_map::UniqueMap;

/// Why a template cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TemplateError {
    /// The model has no such profile.
    #[error("unknown profile `{0}`")]
    UnknownProfile(String),
    /// An included sub-domain is not one the profile excludes by default.
    #[error("`{0}` is not a sub-domain that profile `{1}` excludes by default")]
    NotOptional(String, String),
    /// A sub-domain is included twice.
    #[error("sub-domain `{0}` is included twice")]
    DuplicateInclude(String),
    /// A part names neither a sub-domain nor an element of the model.
    #[error("`{0}` is neither a sub-domain nor an element of the model")]
    UnknownPart(String),
}

impl TemplateError {
    /// Stable code of the error.
    pub fn code(&self) -> &'static str {
        match self {
            TemplateError::UnknownProfile(_) => "unknown-profile",
            TemplateError::NotOptional(..) => "not-optional",
            TemplateError::DuplicateInclude(_) => "duplicate-key",
            TemplateError::UnknownPart(_) => "unknown-sub-domain",
        }
    }
}

/// A blank assessment for `profile`: the requirements of every sub-domain in the profile's
/// default scope plus `include` (sub-domains it excludes by default), in model order, each
/// with its sub-domain, level and text and no rating.
pub fn template(model: &Model, profile: &str, include: &[Id]) -> Result<Assessment, TemplateError> {
    let (_, index) = model
        .profile(profile)
        .ok_or_else(|| TemplateError::UnknownProfile(profile.to_string()))?;
    let layout = model.layout();
    let mut in_scope: Vec<bool> = index.excluded_by_default.iter().map(|x| !x).collect();
    for id in include {
        match model.sub_domain_index(id) {
            Some(s) if index.excluded_by_default[s] && in_scope[s] => {
                return Err(TemplateError::DuplicateInclude(id.to_string()))
            }
            Some(s) if index.excluded_by_default[s] => in_scope[s] = true,
            _ => {
                return Err(TemplateError::NotOptional(
                    id.to_string(),
                    profile.to_string(),
                ))
            }
        }
    }
    let mut ratings = UniqueMap::new();
    for q in &layout.requirements {
        if !in_scope[q.sub_domain] {
            continue;
        }
        let answer = Answer {
            sub_domain: Some(layout.sub_domains[q.sub_domain].id.clone()),
            level: Some(q.level),
            text: Some(q.text.clone()),
            ..Answer::default()
        };
        // Requirement ids are unique in a validated model.
        let _ = ratings.insert(&q.id, answer);
    }
    Ok(Assessment {
        model: Some(model.id().clone()),
        profile: profile.into(),
        include: include.to_vec(),
        ratings,
        ..Assessment::default()
    })
}

/// The part of `questionnaire` that `parts` name (sub-domain or element ids): its answers to
/// the requirements of those sub-domains only, everything else kept. A department fills in
/// its part; `cmmm merge` puts the parts back together.
pub fn part(
    model: &Model,
    mut questionnaire: Assessment,
    parts: &[String],
) -> Result<Assessment, TemplateError> {
    let layout = model.layout();
    let mut wanted = vec![false; layout.sub_domains.len()];
    for id in parts {
        if let Some(s) = model.sub_domain_index(id) {
            wanted[s] = true;
        } else if let Some(e) = layout.elements.iter().position(|e| *e.id == **id) {
            for (s, sd) in layout.sub_domains.iter().enumerate() {
                if layout.domains[sd.parent].parent == e {
                    wanted[s] = true;
                }
            }
        } else {
            return Err(TemplateError::UnknownPart(id.clone()));
        }
    }
    questionnaire.ratings.retain(|id, _| {
        model
            .requirement_index(id)
            .is_some_and(|r| wanted[layout.requirements[r].sub_domain])
    });
    Ok(questionnaire)
}

/// A questionnaire to continue from an earlier one: the template of `from`'s profile and
/// included sub-domains, with `from`'s assessment fields and answers. Answers to requirements
/// the template does not hold (another model's, or a sub-domain now out of scope) are left
/// out; their ids are returned beside it.
pub fn template_from(
    model: &Model,
    from: &Assessment,
) -> Result<(Assessment, Vec<String>), TemplateError> {
    let mut t = template(model, &from.profile, &from.include)?;
    let mut left_out = Vec::new();
    let given: std::collections::HashMap<&str, &Answer> = from.ratings.iter().collect();
    for (id, answer) in t.ratings.iter_mut() {
        if let Some(a) = given.get(id) {
            answer.rating = a.rating.clone();
            answer.evidence = a.evidence.clone();
            answer.comment = a.comment.clone();
        }
    }
    let in_template: std::collections::HashSet<&str> = t.ratings.iter().map(|(k, _)| k).collect();
    for (id, _) in from.ratings.iter() {
        if !in_template.contains(id) {
            left_out.push(id.to_string());
        }
    }
    t.id = from.id.clone();
    t.enterprise = from.enterprise.clone();
    t.assessed_on = from.assessed_on.clone();
    t.assessor = from.assessor.clone();
    t.tailoring = from.tailoring.clone();
    Ok((t, left_out))
}
