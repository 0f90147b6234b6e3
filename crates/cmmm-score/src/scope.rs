//! The effective scope of an assessment: the profile's default scope, plus included optional
//! sub-domains, minus tailored-out ones.

use cmmm_model::{Assessment, Model, ProfileIndex};

use crate::error::ScoreError;

/// Which sub-domains an assessment scores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Scope {
    /// Per sub-domain: in scope.
    pub in_scope: Vec<bool>,
    /// Per sub-domain: tailored out by the assessment.
    pub tailored: Vec<bool>,
}

impl Scope {
    /// The profile's default scope.
    pub fn default_of(profile: &ProfileIndex) -> Scope {
        Scope {
            in_scope: profile.excluded_by_default.iter().map(|x| !x).collect(),
            tailored: vec![false; profile.excluded_by_default.len()],
        }
    }

    /// The scope of `assessment` under `profile`, checking every tailoring and include entry.
    pub fn of(
        model: &Model,
        profile_id: &str,
        profile: &ProfileIndex,
        assessment: &Assessment,
    ) -> Result<Scope, ScoreError> {
        let mut scope = Scope::default_of(profile);
        let mut included = vec![false; scope.in_scope.len()];
        for (i, id) in assessment.include.iter().enumerate() {
            let field = format!("include[{i}]");
            let s = model
                .sub_domain_index(id)
                .ok_or_else(|| ScoreError::UnknownSubDomain {
                    field: field.clone(),
                    id: id.to_string(),
                })?;
            if included[s] {
                return Err(ScoreError::DuplicateKey {
                    field,
                    id: id.to_string(),
                });
            }
            if !profile.excluded_by_default[s] {
                return Err(ScoreError::InvalidScope {
                    field,
                    id: id.to_string(),
                    why: format!("is already in the scope of profile `{profile_id}`; include names only sub-domains it excludes by default"),
                });
            }
            included[s] = true;
            scope.in_scope[s] = true;
        }
        for (i, t) in assessment.tailoring.iter().enumerate() {
            let field = format!("tailoring[{i}].sub_domain");
            let id = &t.sub_domain;
            let s = model
                .sub_domain_index(id)
                .ok_or_else(|| ScoreError::UnknownSubDomain {
                    field: field.clone(),
                    id: id.to_string(),
                })?;
            if scope.tailored[s] {
                return Err(ScoreError::DuplicateKey {
                    field,
                    id: id.to_string(),
                });
            }
            if !profile.tailorable[s] {
                return Err(ScoreError::NotTailorable {
                    field,
                    id: id.to_string(),
                    profile: profile_id.to_string(),
                });
            }
            if !scope.in_scope[s] {
                return Err(ScoreError::InvalidScope {
                    field,
                    id: id.to_string(),
                    why: format!("is not in scope (profile `{profile_id}` excludes it by default), so it cannot be tailored out"),
                });
            }
            if t.reason.trim().is_empty() {
                return Err(ScoreError::MissingReason {
                    field: format!("tailoring[{i}].reason"),
                    id: id.to_string(),
                });
            }
            scope.tailored[s] = true;
            scope.in_scope[s] = false;
        }
        Ok(scope)
    }
}
