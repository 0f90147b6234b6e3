//! Reports people read: self-contained HTML and Markdown reports of GB/T 39116/39117
//! maturity self-assessments, with SVG charts, progress between two assessments, and
//! portfolios of many enterprises.
//!
//! The crate is pure: no I/O, no clock, no randomness. The same inputs give the same bytes,
//! in native and WASM builds alike, so the command-line report and the web form draw the
//! same charts from the same code.
//!
//! - [`Report`]: one assessment — [`Report::html`], [`Report::markdown`], [`Report::charts`].
//! - [`radar::assessment`] and [`ladder::assessment`]: the two headline charts on their own.
//! - [`form_view`]: what a form shows after each answer (the result, progress, the radar)
//!   in one value.
//! - [`Portfolio`]: many batch results, aggregated as they stream past, and its
//!   [`PortfolioReport`].
//!
//! Every number shown is an exact result string (rounded half away from zero for display);
//! every decision (met, not met, strengths, blocking) is made on exact values. Chart
//! geometry uses `f64`, for drawing only. Every user-supplied string (enterprise names,
//! evidence, comments, tailoring reasons) is escaped for HTML, SVG and Markdown ([`escape`]).
//! Reports never present illustrative or placeholder model content as official: the
//! unofficial-model warning and "self-assessment, not certified" head every report.
//!
//! ```
//! use cmmm_model::{Lang, Model};
//! use cmmm_report::Report;
//!
//! let model = Model::gbt39116_2020();
//! let mut json = String::from(r#"{"profile": "discrete", "enterprise": {"name": "A & B <Co>"}, "ratings": {"#);
//! let ids: Vec<String> = model.layout().requirements.iter()
//!     .map(|r| format!("{:?}: {:?}", r.id, if r.level <= 2 { "full" } else { "partial" }))
//!     .collect();
//! json.push_str(&ids.join(","));
//! json.push_str("}}");
//! let assessment = cmmm_score::parse_assessment(&json).unwrap();
//! let outcome = cmmm_score::score(model, &assessment).unwrap();
//!
//! let html = Report::new(model, &assessment, &outcome).lang(Lang::Zh).html();
//! assert!(html.contains("A &amp; B &lt;Co&gt;"));
//! assert!(html.contains("<svg") && !html.contains("<script"));
//!
//! let md = Report::new(model, &assessment, &outcome).markdown(None);
//! assert!(md.contains("Self-assessment, not certified"));
//! ```
#![warn(missing_docs)]

mod bars;
mod doc;
pub mod escape;
mod figures;
mod html;
mod i18n;
pub mod ladder;
mod markdown;
mod portfolio;
pub mod radar;
mod report;
mod summary;
mod svg;
mod view;

pub use cmmm_model::Lang;
pub use portfolio::{Failure, Portfolio, PortfolioError, PortfolioReport, Record, Scored, Who};
pub use report::Report;
pub use view::{form_view, FormView, Pending, Progress, TOP_GAPS};
