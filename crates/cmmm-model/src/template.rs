//! Blank questionnaires: every in-scope requirement of a profile, ratings empty.

use crate::assessment::{Answer, Assessment};
use crate::index::Model;
use crate::text::Lang;
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
}

impl TemplateError {
    /// Stable code of the error.
    pub fn code(&self) -> &'static str {
        match self {
            TemplateError::UnknownProfile(_) => "unknown-profile",
            TemplateError::NotOptional(..) => "not-optional",
            TemplateError::DuplicateInclude(_) => "duplicate-key",
        }
    }
}

/// A blank assessment for `profile`: the requirements of every sub-domain in the profile's
/// default scope plus `include` (sub-domains it excludes by default), in model order, each
/// with its sub-domain, level and text and no rating.
pub fn template(
    model: &Model,
    profile: &str,
    include: &[String],
) -> Result<Assessment, TemplateError> {
    let (_, index) = model
        .profile(profile)
        .ok_or_else(|| TemplateError::UnknownProfile(profile.to_string()))?;
    let layout = model.layout();
    let mut in_scope: Vec<bool> = index.excluded_by_default.iter().map(|x| !x).collect();
    for id in include {
        match model.sub_domain_index(id) {
            Some(s) if index.excluded_by_default[s] && in_scope[s] => {
                return Err(TemplateError::DuplicateInclude(id.clone()))
            }
            Some(s) if index.excluded_by_default[s] => in_scope[s] = true,
            _ => return Err(TemplateError::NotOptional(id.clone(), profile.to_string())),
        }
    }
    let mut ratings = UniqueMap::new();
    for q in &layout.requirements {
        if !in_scope[q.sub_domain] {
            continue;
        }
        let answer = Answer {
            sub_domain: Some(layout.sub_domains[q.sub_domain].id.to_string()),
            level: Some(q.level),
            text: Some(q.text.clone()),
            ..Answer::default()
        };
        // Requirement ids are unique in a validated model.
        let _ = ratings.insert(q.id.to_string(), answer);
    }
    Ok(Assessment {
        model: Some(model.id().to_string()),
        profile: profile.to_string(),
        include: include.to_vec(),
        ratings,
        ..Assessment::default()
    })
}

/// The CSV form of a template: one row per requirement, in the long layout that batch
/// scoring reads (`assessment_id,requirement_id,rating,evidence,comment`), with the
/// sub-domain, level and text (in `lang`) as extra columns for the reader.
pub fn template_csv(model: &Model, assessment: &Assessment, lang: Lang) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "assessment_id",
        "profile",
        "requirement_id",
        "sub_domain",
        "level",
        "text",
        "rating",
        "evidence",
        "comment",
    ];
    // Writing to a Vec cannot fail.
    w.write_record(header).expect("write to memory");
    let layout = model.layout();
    for (id, _) in assessment.ratings.iter() {
        let Some(i) = model.requirement_index(id) else {
            continue;
        };
        let q = &layout.requirements[i];
        w.write_record([
            assessment.id.as_deref().unwrap_or(""),
            &assessment.profile,
            id,
            &layout.sub_domains[q.sub_domain].id,
            &q.level.to_string(),
            q.text.get(lang),
            "",
            "",
            "",
        ])
        .expect("write to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("UTF-8 cells")
}
