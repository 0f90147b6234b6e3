//! Parts of one assessment, rated by different people (`cmmm template --part` gives each
//! department its sub-domains), put back together: the same rating twice is fine, different
//! ratings of one requirement are conflicts, named with every source, and fail the merge
//! unless a policy resolves them; the in-scope requirements no part rates are listed.

use std::collections::HashMap;

use crate::{template, Answer, Assessment, Id, Model, Rating};

/// What to do with two different ratings of one requirement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnConflict {
    /// Fail the merge, listing every conflict.
    #[default]
    Error,
    /// Keep the lowest rating on the scale.
    Lowest,
    /// Keep the highest rating on the scale.
    Highest,
}

/// One part's rating of a requirement.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Side {
    /// The part (its index among the parts merged).
    pub part: usize,
    /// Where, as the caller names it: the file, row and column of a sheet's cell, or the
    /// part's name.
    pub at: String,
    /// Who rated it: the part's assessor, when it names one.
    pub assessor: Option<String>,
    /// The rating as given.
    pub rating: String,
    /// The key of its scale point, when it is on the scale.
    pub key: Option<String>,
}

/// Different ratings of one requirement.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Conflict {
    /// The requirement id.
    pub requirement: Id,
    /// Every part's rating, in part order.
    pub sides: Vec<Side>,
    /// The rating kept by the policy; `None` when the conflict fails the merge.
    pub kept: Option<String>,
}

/// The merged assessment and what the merge noticed.
#[derive(Clone, Debug, serde::Serialize)]
#[non_exhaustive]
pub struct Merged {
    /// One assessment: the first part's fields, the union of the parts' tailoring and
    /// included sub-domains, and every rating, each answer naming which part it came from
    /// (its own `assessor`, its part's, or the part's name).
    pub assessment: Assessment,
    /// Fields on which the parts disagree (the first part's value is kept).
    pub warnings: Vec<String>,
    /// Conflicts the policy resolved.
    pub resolved: Vec<Conflict>,
    /// In-scope requirements no part rates, in model order.
    pub uncovered: Vec<Id>,
    /// How many ratings each part gave to the merged assessment, in part order.
    pub taken: Vec<usize>,
}

/// Why parts cannot be merged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// No parts.
    #[error("nothing to merge: no parts")]
    Empty,
    /// The merged scope cannot be built (the first part's profile or include list).
    #[error("{0}")]
    Scope(String),
    /// Different ratings of the same requirements, with no policy to resolve them.
    #[error("{} requirement(s) rated differently by the parts: {}", .0.len(), describe(.0))]
    Conflicts(Vec<Conflict>),
}

impl MergeError {
    /// Stable code of the error.
    pub fn code(&self) -> &'static str {
        match self {
            MergeError::Empty => "nothing-to-merge",
            MergeError::Scope(_) => "invalid-scope",
            MergeError::Conflicts(_) => "conflicting-ratings",
        }
    }
}

/// `ratings.ID: a.xlsx row 5 column E (IT) full; b.csv line 3 none`, for each conflict.
pub fn describe(conflicts: &[Conflict]) -> String {
    conflicts
        .iter()
        .map(|c| {
            let sides: Vec<String> = c
                .sides
                .iter()
                .map(|s| {
                    let who = s
                        .assessor
                        .as_deref()
                        .map(|a| format!(" ({a})"))
                        .unwrap_or_default();
                    format!("{}{who} `{}`", s.at, s.rating)
                })
                .collect();
            format!("ratings.{}: {}", c.requirement, sides.join(" / "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A field of an assessment, as text.
type Field = fn(&Assessment) -> Option<String>;

/// A part to merge: its assessment, its name (for messages) and where each of its answers is
/// (`at(requirement id)`: a sheet's cell, or the name again).
pub struct Part<'a> {
    /// The part's assessment.
    pub assessment: &'a Assessment,
    /// Its name, e.g. its file.
    pub name: String,
    /// Where the answer to a requirement is.
    pub at: Box<dyn Fn(&str) -> String + 'a>,
}

/// Merges `parts` (in order) under `policy`.
pub fn merge(model: &Model, parts: &[Part<'_>], policy: OnConflict) -> Result<Merged, MergeError> {
    let first = parts.first().ok_or(MergeError::Empty)?;
    let mut merged = first.assessment.clone();
    merged.ratings.retain(|_, _| false);
    let mut warnings = Vec::new();
    let name = |p: &Part<'_>| p.name.clone();

    // The assessment's fields: the first part's, with a warning for every other value.
    let fields: [(&str, Field); 9] = [
        ("model", |a| a.model.as_ref().map(Id::to_string)),
        ("id", |a| a.id.clone()),
        ("profile", |a| Some(a.profile.to_string())),
        ("enterprise.name", |a| a.enterprise.as_ref()?.name.clone()),
        ("enterprise.code", |a| a.enterprise.as_ref()?.code.clone()),
        ("enterprise.industry", |a| {
            a.enterprise.as_ref()?.industry.clone()
        }),
        ("enterprise.region", |a| {
            a.enterprise.as_ref()?.region.clone()
        }),
        ("assessed_on", |a| a.assessed_on.clone()),
        ("assessor", |a| a.assessor.clone()),
    ];
    for (field, get) in fields {
        let kept = parts.iter().find_map(|p| get(p.assessment));
        let others: Vec<String> = parts
            .iter()
            .filter_map(|p| get(p.assessment).map(|v| (name(p), v)))
            .filter(|(_, v)| Some(v) != kept.as_ref())
            .map(|(file, v)| format!("{file}: `{v}`"))
            .collect();
        if let (Some(kept), false) = (&kept, others.is_empty()) {
            warnings.push(format!(
                "{field}: the parts differ; kept `{kept}`, not {}",
                others.join(", ")
            ));
        }
    }
    // A field the first part leaves empty is the first later part's that gives it.
    for p in &parts[1..] {
        let a = p.assessment;
        fn fill<T: Clone>(mine: &mut Option<T>, theirs: &Option<T>) {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
        fill(&mut merged.model, &a.model);
        fill(&mut merged.id, &a.id);
        fill(&mut merged.assessed_on, &a.assessed_on);
        fill(&mut merged.assessor, &a.assessor);
        if let Some(theirs) = &a.enterprise {
            let mine = merged.enterprise.get_or_insert_with(Default::default);
            fill(&mut mine.name, &theirs.name);
            fill(&mut mine.code, &theirs.code);
            fill(&mut mine.industry, &theirs.industry);
            fill(&mut mine.region, &theirs.region);
        }
    }
    // Scope: every part's tailoring and included sub-domains.
    for p in &parts[1..] {
        for t in &p.assessment.tailoring {
            match merged.tailoring.iter().find(|m| m.sub_domain == t.sub_domain) {
                None => merged.tailoring.push(t.clone()),
                Some(m) if m.reason != t.reason => warnings.push(format!(
                    "tailoring of `{}`: the parts give different reasons; kept the first, not {}: `{}`",
                    t.sub_domain,
                    name(p),
                    t.reason
                )),
                Some(_) => {}
            }
        }
        for s in &p.assessment.include {
            if !merged.include.contains(s) {
                merged.include.push(s.clone());
            }
        }
    }

    // Ratings: each requirement's first rating, unless the parts differ on it.
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut chosen: Vec<(String, usize, Answer)> = Vec::new();
    let mut sides: HashMap<String, Vec<(usize, Side, Rating)>> = HashMap::new();
    for (i, p) in parts.iter().enumerate() {
        for (id, answer) in p.assessment.ratings.iter() {
            let Some(rating) = &answer.rating else {
                continue;
            };
            let side = Side {
                part: i,
                at: (p.at)(id),
                assessor: answer
                    .assessor
                    .clone()
                    .or_else(|| p.assessment.assessor.clone()),
                rating: rating.as_str().to_string(),
                key: model
                    .scale_point(rating)
                    .map(|p| model.scale()[p].key.clone()),
            };
            sides
                .entry(id.to_string())
                .or_default()
                .push((i, side, rating.clone()));
            if !at.contains_key(id) {
                at.insert(id.to_string(), chosen.len());
                chosen.push((id.to_string(), i, answer.clone()));
            }
        }
    }
    let same = |a: &Rating, b: &Rating| match (model.scale_point(a), model.scale_point(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a.as_str() == b.as_str(),
    };
    let (mut failed, mut resolved) = (Vec::new(), Vec::new());
    for (id, from, answer) in &mut chosen {
        let all = &sides[id.as_str()];
        let first = &all[0].2;
        if all.iter().all(|(_, _, r)| same(first, r)) {
            continue;
        }
        let points: Option<Vec<usize>> = all.iter().map(|(_, _, r)| model.scale_point(r)).collect();
        let pick = match (policy, points) {
            (OnConflict::Error, _) | (_, None) => None,
            (_, Some(points)) => {
                let value = |k: usize| model.scale()[points[k]].value;
                (0..all.len()).min_by(|&a, &b| match policy {
                    OnConflict::Lowest => value(a).cmp(&value(b)),
                    _ => value(b).cmp(&value(a)),
                })
            }
        };
        let conflict = Conflict {
            requirement: id.as_str().into(),
            sides: all.iter().map(|(_, s, _)| s.clone()).collect(),
            kept: pick.map(|k| all[k].1.rating.clone()),
        };
        match pick {
            None => failed.push(conflict),
            Some(k) => {
                let (part, _, _) = &all[k];
                *from = *part;
                *answer = parts[*part]
                    .assessment
                    .ratings
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| answer.clone());
                resolved.push(conflict);
            }
        }
    }
    if !failed.is_empty() {
        return Err(MergeError::Conflicts(failed));
    }
    let mut taken = vec![0; parts.len()];
    // In model order (ids the model lacks last, for scoring to report).
    chosen.sort_by_key(|(id, _, _)| model.requirement_index(id).unwrap_or(usize::MAX));
    for (id, from, mut answer) in chosen {
        taken[from] += 1;
        // Which part it came from: the answer's own assessor, its part's, or the part's name.
        if answer.assessor.is_none() {
            let part = &parts[from];
            answer.assessor = Some(
                part.assessment
                    .assessor
                    .clone()
                    .unwrap_or_else(|| part.name.clone()),
            );
        }
        // Ids are unique in `chosen`.
        let _ = merged.ratings.insert(id, answer);
    }

    // Coverage: the merged scope's requirements that no part rates.
    let scope = template(model, &merged.profile, &merged.include)
        .map_err(|e| MergeError::Scope(e.to_string()))?;
    let tailored = |id: &str| {
        let layout = model.layout();
        model.requirement_index(id).is_some_and(|r| {
            let s = &layout.sub_domains[layout.requirements[r].sub_domain].id;
            merged.tailoring.iter().any(|t| *t.sub_domain == **s)
        })
    };
    let uncovered = scope
        .ratings
        .iter()
        .map(|(id, _)| id)
        .filter(|id| !tailored(id) && !at.contains_key(*id))
        .map(Id::from)
        .collect();
    Ok(Merged {
        assessment: merged,
        warnings,
        resolved,
        uncovered,
        taken,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rating;

    fn part<'a>(a: &'a Assessment, name: &str) -> Part<'a> {
        let name = name.to_string();
        Part {
            assessment: a,
            name: name.clone(),
            at: Box::new(move |_| name.clone()),
        }
    }

    #[test]
    fn fields_come_from_the_first_part_that_gives_them() {
        let model = Model::gbt39116_2020();
        let a = Assessment::builder("discrete")
            .rate("data.1.a", Rating::key("full"))
            .build();
        let b = Assessment::builder("discrete")
            .id("EX-1")
            .enterprise_name("示例公司")
            .assessor("IT")
            .rate("data.1.b", Rating::key("most"))
            .build();
        let c = Assessment::builder("discrete")
            .enterprise_name("另一公司")
            .rate("data.1.c", Rating::key("none"))
            .build();
        let merged = merge(
            model,
            &[part(&a, "a"), part(&b, "b"), part(&c, "c")],
            OnConflict::Error,
        )
        .expect("no conflict");
        let m = &merged.assessment;
        assert_eq!(m.id.as_deref(), Some("EX-1"));
        assert_eq!(
            m.enterprise.as_ref().and_then(|e| e.name.as_deref()),
            Some("示例公司")
        );
        assert_eq!(m.assessor.as_deref(), Some("IT"));
        assert_eq!(merged.warnings.len(), 1, "{:?}", merged.warnings);
        assert!(
            merged.warnings[0].starts_with("enterprise.name: the parts differ; kept `示例公司`")
        );
        // Which part each answer came from: its part's assessor, else the part's name.
        let from: Vec<(&str, Option<&str>)> = m
            .ratings
            .iter()
            .map(|(id, x)| (id, x.assessor.as_deref()))
            .collect();
        assert_eq!(
            from,
            [
                ("data.1.a", Some("a")),
                ("data.1.b", Some("IT")),
                ("data.1.c", Some("c"))
            ]
        );
        assert_eq!(merged.taken, [1, 1, 1]);
    }
}
