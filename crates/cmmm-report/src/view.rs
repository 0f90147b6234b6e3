//! What a form shows after each answer, in one call: the result at the profile tier with the
//! first gaps and the plan, each sub-domain's progress, what the user still has to fill in,
//! and the radar drawn. The web form reads nothing else, so a click sends this (a few KB)
//! across the WebAssembly boundary instead of the whole result.

use cmmm_model::{Assessment, Lang};
use cmmm_score::{Detail, Options, Outcome, ScoreError, Scorer};
use schemars::JsonSchema;
use serde::Serialize;

use crate::figures;
use crate::radar;

/// Gaps a view lists when not told otherwise: a screen's worth.
pub const TOP_GAPS: usize = 8;

/// The form's view of a draft assessment.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct FormView {
    /// The result, scored with unrated requirements as the lowest scale point (listed in its
    /// `scored-as-none` warning): the gaps tier, its gap list cut to the first gaps asked for
    /// (`gaps.items`; `gaps.plan` whole), without the sub-domain scores: they are drawn in
    /// `radar` and summed up in `progress`.
    pub result: Outcome,
    /// Every sub-domain of the model, in model order: in scope or not, requirements, rated.
    pub progress: Vec<Progress>,
    /// What the draft lacks that scoring needs, left out of this result until it is given:
    /// a tailoring without its reason (code `missing-reason`).
    pub pending: Vec<Pending>,
    /// The radar of sub-domain scores, SVG text, sized for a side panel ([`radar::panel`]).
    pub radar: String,
    /// The result's figures as the reports show them, so that no host rounds a score.
    pub shown: Shown,
}

/// Scores as shown: two places, or more where two would put the figure on the wrong side of
/// the gate or a band bound ([`figures::shown`]); gains as [`figures::gain`] writes them.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Shown {
    /// S.
    pub total: String,
    /// T(n) of every level, in the order of `result.levels`.
    pub levels: Vec<String>,
    /// The gain in S of each gap listed, in the order of `result.gaps.items`.
    pub gains: Vec<String>,
    /// S after the plan; `None` without a plan.
    pub plan_total: Option<String>,
}

/// How far a sub-domain's answers are.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Progress {
    /// The sub-domain id.
    pub sub_domain: String,
    /// Whether it is scored (not excluded by the profile, nor tailored out).
    pub in_scope: bool,
    /// Its requirements (at every level).
    pub requirements: u32,
    /// Those with a rating on the scale; 0 when out of scope.
    pub rated: u32,
    /// The levels at which its score D(s, n) is below the gate (compared exactly): where it
    /// holds the level back. Empty when out of scope.
    pub below_gate: Vec<u8>,
}

/// A field the user still has to fill in.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Pending {
    /// The stable code of the error it would be (`missing-reason`).
    pub code: String,
    /// The field (`tailoring[0].reason`).
    pub field: String,
    /// The sub-domain it concerns.
    pub sub_domain: String,
}

/// The view of `draft` (scored with unrated requirements as the lowest scale point), the first
/// `top` gaps towards `target` (default: the level above the one reached), the radar in
/// `lang`. A tailoring without its reason is left out and listed in [`FormView::pending`];
/// answers to requirements out of scope (a sub-domain tailored out or excluded, whose answers
/// a draft keeps) are not scored; any other fault of the draft is its error.
pub fn form_view(
    scorer: &Scorer<'_>,
    draft: &Assessment,
    target: Option<u8>,
    top: usize,
    lang: Lang,
) -> Result<FormView, ScoreError> {
    let options = Options::new()
        .allow_missing(true)
        .target(target)
        .detail(Detail::Gaps);
    let model = scorer.model();
    let layout = model.layout();
    let mut pending = Vec::new();
    let mut assessment = None;
    let in_scope = loop {
        match scorer.in_scope(assessment.as_ref().unwrap_or(draft)) {
            Err(ScoreError::MissingReason { field, id }) => {
                let a = assessment.get_or_insert_with(|| draft.clone());
                a.tailoring.retain(|t| t.sub_domain != id);
                pending.push(Pending {
                    code: "missing-reason".into(),
                    field,
                    sub_domain: id,
                });
            }
            other => break other?,
        }
    };
    // A draft keeps the answers of sub-domains it has tailored out or left out of scope, so
    // that taking one back in loses nothing; they are not scored.
    let scoped = |id: &str| {
        model
            .requirement_index(id)
            .is_none_or(|r| in_scope[layout.requirements[r].sub_domain])
    };
    if draft.ratings.iter().any(|(id, _)| !scoped(id)) {
        let a = assessment.get_or_insert_with(|| draft.clone());
        a.ratings.retain(|id, _| scoped(id));
    }
    let mut result = scorer.score(assessment.as_ref().unwrap_or(draft), &options)?;
    if let Some(gaps) = &mut result.gaps {
        gaps.items.truncate(top);
    }
    // Per sub-domain: its requirements scored as none because they have no rating.
    let mut unrated = vec![0u32; layout.sub_domains.len()];
    let missing = result
        .warnings
        .iter()
        .filter(|w| w.code == "scored-as-none");
    for id in missing.flat_map(|w| &w.ids) {
        if let Some(r) = model.requirement_index(id) {
            unrated[layout.requirements[r].sub_domain] += 1;
        }
    }
    let gate = figures::gate(model);
    let progress = layout
        .sub_domains
        .iter()
        .enumerate()
        .map(|(s, sd)| {
            // The scope the result was scored in.
            let in_scope = in_scope[s];
            let requirements = layout.counts[s].iter().sum::<u32>();
            // The trace lists every sub-domain in model order.
            let below_gate = result
                .sub_domains
                .get(s)
                .filter(|node| in_scope && node.id == sd.id)
                .map_or_else(Vec::new, |node| {
                    (1u8..)
                        .zip(&node.scores)
                        .filter(|(_, d)| d.as_ref().is_some_and(|d| !figures::meets(d, gate)))
                        .map(|(n, _)| n)
                        .collect()
                });
            Progress {
                sub_domain: sd.id.to_string(),
                in_scope,
                requirements,
                rated: if in_scope {
                    requirements - unrated[s]
                } else {
                    0
                },
                below_gate,
            }
        })
        .collect();
    let radar = radar::panel(model, &result, lang);
    result.sub_domains = Vec::new();
    let bands = figures::band_bounds(model);
    let shown = Shown {
        total: figures::shown(&result.total, &bands),
        levels: result
            .levels
            .iter()
            .map(|l| figures::shown(&l.score, &[gate]))
            .collect(),
        gains: result.gaps.as_ref().map_or_else(Vec::new, |g| {
            g.items
                .iter()
                .map(|i| figures::gain(&i.gain_total))
                .collect()
        }),
        plan_total: result
            .gaps
            .as_ref()
            .map(|g| figures::shown(&g.plan.total, &bands)),
    };
    Ok(FormView {
        result,
        progress,
        pending,
        radar,
        shown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cmmm_model::Model;

    fn example() -> Assessment {
        let text = include_str!("../../../data/examples/discrete.json");
        cmmm_score::parse_assessment(text).expect("the example parses")
    }

    #[test]
    fn the_view_is_the_result_cut_to_the_first_gaps_with_progress_and_radar() {
        let model = Model::gbt39116_2020();
        let scorer = Scorer::new(model);
        let a = example();
        let view = form_view(&scorer, &a, None, 3, Lang::Zh).expect("a view");
        let options = Options::new().allow_missing(true).detail(Detail::Gaps);
        let mut full = scorer.score(&a, &options).expect("scores");
        let gaps = full.gaps.as_mut().expect("gaps below the top level");
        assert!(gaps.items.len() > 3);
        gaps.items.truncate(3);
        assert_eq!(view.radar, radar::panel(model, &full, Lang::Zh));
        full.sub_domains.clear();
        assert_eq!(view.result, full);
        assert!(view.pending.is_empty());
        // Figures as the reports show them: S beside the bands, T(n) beside the gate.
        let bands = figures::band_bounds(model);
        assert_eq!(view.shown.total, figures::shown(&full.total, &bands));
        assert_eq!(view.shown.levels.len(), full.levels.len());
        assert_eq!(view.shown.gains.len(), 3);
        assert!(view
            .shown
            .gains
            .iter()
            .all(|g| g.starts_with('+') || g.starts_with('<')));
        let scoped: Vec<&Progress> = view.progress.iter().filter(|p| p.in_scope).collect();
        assert_eq!(view.progress.len(), model.layout().sub_domains.len());
        assert_eq!(
            scoped.iter().map(|p| p.requirements).sum::<u32>(),
            full.scope.requirements
        );
    }

    #[test]
    fn answers_out_of_scope_are_kept_in_the_draft_and_not_scored() {
        let scorer = Scorer::new(Model::gbt39116_2020());
        let a = example();
        let mut draft = a.clone();
        draft
            .tailoring
            .push(cmmm_model::Tailoring::new("product-service", "外包"));
        assert!(draft
            .ratings
            .iter()
            .any(|(id, _)| id.starts_with("product-service.")));
        assert_eq!(
            scorer.score(&draft, &Options::new()).unwrap_err().code(),
            "out-of-scope-rating"
        );
        let view = form_view(&scorer, &draft, None, TOP_GAPS, Lang::Zh).expect("a view");
        let mut clean = draft.clone();
        clean
            .ratings
            .retain(|id, _| !id.starts_with("product-service."));
        let options = Options::new().allow_missing(true).detail(Detail::Gaps);
        let mut expected = scorer.score(&clean, &options).expect("scores");
        if let Some(g) = expected.gaps.as_mut() {
            g.items.truncate(TOP_GAPS);
        }
        expected.sub_domains.clear();
        assert_eq!(view.result, expected);
        let p = view
            .progress
            .iter()
            .find(|p| p.sub_domain == "product-service");
        assert!(p.is_some_and(|p| !p.in_scope && p.rated == 0));
    }

    #[test]
    fn a_tailoring_without_its_reason_is_pending_and_unrated_answers_count_as_unrated() {
        let scorer = Scorer::new(Model::gbt39116_2020());
        let mut a = example();
        let data: Vec<String> = a
            .ratings
            .iter()
            .map(|(id, _)| id.to_string())
            .filter(|id| id.starts_with("data."))
            .take(2)
            .collect();
        let mut draft = Assessment::builder(&a.profile);
        for (id, answer) in a.ratings.iter() {
            if let Some(r) = &answer.rating {
                if !data.contains(&id.to_string()) {
                    draft = draft.rate(id, r.clone());
                }
            }
        }
        a = draft.tailor("product-service", " ").build();
        let view = form_view(&scorer, &a, None, TOP_GAPS, Lang::En).expect("a view");
        assert_eq!(view.pending.len(), 1);
        assert_eq!(view.pending[0].field, "tailoring[0].reason");
        assert_eq!(view.pending[0].sub_domain, "product-service");
        let p = |id: &str| view.progress.iter().find(|p| p.sub_domain == id).expect(id);
        assert_eq!(p("data").rated, p("data").requirements - 2);
        // Below the gate: exactly the levels whose D(s, n) falls short of 0.8.
        let gate = figures::gate(scorer.model());
        let options = Options::new().allow_missing(true).detail(Detail::Profile);
        let mut scored = a.clone();
        scored.tailoring.clear();
        let profile = scorer.score(&scored, &options).expect("scores");
        for node in &profile.sub_domains {
            let short: Vec<u8> = (1..=5)
                .filter(|&n| node.score(n).is_some_and(|d| d.cmp_ratio(&gate).is_lt()))
                .collect();
            assert_eq!(p(&node.id).below_gate, short, "{}", node.id);
        }
        assert!(
            !p("data").below_gate.is_empty(),
            "two unrated requirements pull data down"
        );
        assert!(
            p("product-service").in_scope,
            "not tailored out without a reason"
        );
    }
}
