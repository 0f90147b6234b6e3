//! Building an assessment in code, without writing its JSON.

use std::collections::HashMap;

use compact_str::CompactString;

use crate::assessment::{Answer, Assessment, Enterprise, Rating, Tailoring};
use crate::id::Id;

/// An [`Assessment`] under construction: see [`Assessment::builder`]. Rating a requirement
/// again replaces its rating; evidence and comments attach to the requirement's answer
/// whether or not it is rated yet.
///
/// ```
/// use cmmm_model::{Assessment, Rating};
///
/// let assessment = Assessment::builder("discrete")
///     .id("EX-1")
///     .enterprise_name("示例机械有限公司")
///     .rate("org-strategy.1.a", Rating::key("full"))
///     .rate("org-strategy.1.b", "大部分满足")
///     .evidence("org-strategy.1.b", "PLM 系统截图")
///     .tailor("product-design", "no equipment of this kind")
///     .build();
/// assert_eq!(assessment.ratings.len(), 2);
/// assert_eq!(assessment.ratings.get("org-strategy.1.b").unwrap().evidence, ["PLM 系统截图"]);
/// let back = Assessment::from_json(&assessment.to_json()).unwrap();
/// assert_eq!(back, assessment);
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct AssessmentBuilder {
    assessment: Assessment,
    answers: Vec<(CompactString, Answer)>,
    index: HashMap<CompactString, usize>,
}

impl Assessment {
    /// Starts an assessment of an enterprise of type `profile` (`discrete`, `process`, …).
    pub fn builder(profile: impl Into<Id>) -> AssessmentBuilder {
        AssessmentBuilder {
            assessment: Assessment::new(profile),
            answers: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl AssessmentBuilder {
    /// The id of the model the answers were written for (checked when scored).
    pub fn model(mut self, model: impl Into<Id>) -> Self {
        self.assessment.model = Some(model.into());
        self
    }

    /// The assessment's id.
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.assessment.id = Some(id.into());
        self
    }

    /// Who is assessed.
    pub fn enterprise(mut self, enterprise: Enterprise) -> Self {
        self.assessment.enterprise = Some(enterprise);
        self
    }

    /// The enterprise's name (keeping its other fields).
    pub fn enterprise_name(mut self, name: impl Into<String>) -> Self {
        self.assessment
            .enterprise
            .get_or_insert_with(Enterprise::default)
            .name = Some(name.into());
        self
    }

    /// The date of the assessment (ISO 8601 recommended).
    pub fn assessed_on(mut self, date: impl Into<String>) -> Self {
        self.assessment.assessed_on = Some(date.into());
        self
    }

    /// Who carried out the self-assessment.
    pub fn assessor(mut self, assessor: impl Into<String>) -> Self {
        self.assessment.assessor = Some(assessor.into());
        self
    }

    /// Tailors sub-domain `sub_domain` out (裁剪), for `reason`.
    pub fn tailor(mut self, sub_domain: impl Into<Id>, reason: impl Into<String>) -> Self {
        self.assessment.tailoring.push(Tailoring {
            sub_domain: sub_domain.into(),
            reason: reason.into(),
        });
        self
    }

    /// Includes a sub-domain the profile excludes by default.
    pub fn include(mut self, sub_domain: impl Into<Id>) -> Self {
        self.assessment.include.push(sub_domain.into());
        self
    }

    /// Rates requirement `id`.
    pub fn rate(mut self, id: &str, rating: impl Into<Rating>) -> Self {
        self.answer_of(id).rating = Some(rating.into());
        self
    }

    /// Adds a reference to evidence (a document number, a system name, a link) to the
    /// answer of requirement `id`.
    pub fn evidence(mut self, id: &str, reference: impl Into<String>) -> Self {
        self.answer_of(id).evidence.push(reference.into());
        self
    }

    /// Sets the comment of the answer of requirement `id`.
    pub fn comment(mut self, id: &str, comment: impl Into<String>) -> Self {
        self.answer_of(id).comment = Some(comment.into());
        self
    }

    /// Names who rated requirement `id` (a person or a department, in a team assessment).
    pub fn rated_by(mut self, id: &str, assessor: impl Into<String>) -> Self {
        self.answer_of(id).assessor = Some(assessor.into());
        self
    }

    /// The answer of `id`, added unrated if it has none yet.
    fn answer_of(&mut self, id: &str) -> &mut Answer {
        let i = match self.index.get(id) {
            Some(i) => *i,
            None => {
                self.answers.push((id.into(), Answer::default()));
                self.index.insert(id.into(), self.answers.len() - 1);
                self.answers.len() - 1
            }
        };
        &mut self.answers[i].1
    }

    /// The assessment, answers in the order their requirements were first named.
    pub fn build(self) -> Assessment {
        Assessment {
            ratings: self.answers.into_iter().collect(),
            ..self.assessment
        }
    }
}
