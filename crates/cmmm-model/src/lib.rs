//! Intelligent-manufacturing maturity models as validated data.
//!
//! A model (GB/T 39116-2020 or any later edition) is a data file: levels, rating scale, gate,
//! bands, total rule, capability elements → domains → sub-domains → requirements, and
//! enterprise-type profiles with weights and scope. This crate reads, validates, writes and
//! describes such files; `cmmm-score` scores assessments against them.
//!
//! The embedded default model carries the standard's structure with an **illustrative**
//! requirement catalogue and **placeholder** weights; its `provenance` says so, and so does
//! every result computed with it.
//!
//! Every id (of the model, an element, domain, sub-domain or requirement, a profile) is an
//! [`Id`]: shared text, compared with a `&str`, serialised as a string.
//!
//! ```
//! use cmmm_model::{Model, SourceStatus};
//!
//! let model = Model::gbt39116_2020();
//! assert_eq!(model.layout().sub_domains.len(), 20);
//! assert_eq!(model.doc().provenance.requirements.status, SourceStatus::Illustrative);
//!
//! // A broken model is rejected with the JSON path of every fault.
//! let broken = model.to_json_pretty().replace("\"gate\": \"0.8\"", "\"gate\": \"1.5\"");
//! let err = Model::from_json(&broken).unwrap_err();
//! assert_eq!(err.problems()[0].at, "gate");
//! ```
#![warn(missing_docs)]

mod assessment;
mod builder;
pub mod decimal;
mod defaults;
mod doc;
mod error;
mod exact;
mod id;
mod layout;
pub mod merge;
mod model;
pub mod schema;
pub mod sheets;
mod template;
mod text;
mod unique_map;
mod validate;

pub use assessment::{Answer, Assessment, Enterprise, Object, Rating, Tailoring};
pub use builder::AssessmentBuilder;
pub use defaults::GBT39116_2020_JSON;
pub use doc::{
    Band, Domain, Element, LevelDef, ModelDoc, Profile, Provenance, Requirement, ScalePoint,
    Source, SourceStatus, SubDomain, TotalRule, Weight, Weights,
};
pub use error::{JsonError, ModelError, Problem, Rule};
pub use exact::{ParseRatioError, Ratio, FULL_PRECISION};
pub use id::Id;
pub use layout::{Layout, Node, ProfileIndex, RequirementRef};
pub use model::Model;
pub use template::{part, template, template_from, TemplateError};
pub use text::{Lang, Text};
pub use unique_map::UniqueMap;
