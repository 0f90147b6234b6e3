//! Reports render whatever the result holds: no trace (summary scoring), a target already
//! reached, unrated requirements, the top level, and a result that does not match the
//! model it is shown with. Rendering never panics.

mod common;

use cmmm_model::{Lang, Model};
use cmmm_report::Report;
use cmmm_score::{Detail, Options, Scorer};
use common::*;

fn render_all(model: &Model, a: &cmmm_model::Assessment, o: &cmmm_score::Outcome) {
    for lang in [Lang::En, Lang::Zh] {
        let r = Report::new(model, a, o).lang(lang);
        assert!(r.html().contains("</html>"));
        assert!(!r.markdown(Some("x")).is_empty());
        for (name, svg) in r.charts() {
            assert_well_formed(&svg, name);
        }
        let r = r.previous(a, o);
        assert!(r.html().contains("</html>"));
    }
}

#[test]
fn unusual_results_render() {
    let model = Model::gbt39116_2020();
    let scorer = Scorer::new(model);
    let (a, _) = scored("discrete");

    // Summary scoring: no sub-domain trace, no gaps.
    let o = scorer
        .score(&a, &Options::new().detail(Detail::Summary))
        .unwrap();
    render_all(model, &a, &o);

    // A target already reached, and the top level as target.
    for target in [1, 5] {
        let o = scorer
            .score(&a, &Options::new().target(Some(target)))
            .unwrap();
        render_all(model, &a, &o);
    }

    // Unrated requirements scored as none, with their warning.
    let text = std::fs::read_to_string(root().join("data/examples/discrete.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    for (_, answer) in v["ratings"].as_object_mut().unwrap().iter_mut().take(40) {
        *answer = serde_json::Value::Null;
    }
    let partial = cmmm_score::parse_assessment(&v.to_string()).unwrap();
    let o = scorer
        .score(&partial, &Options::new().allow_missing(true))
        .unwrap();
    let md = Report::new(model, &partial, &o).markdown(None);
    assert!(md.contains("not rated (scored as not met)"));
    render_all(model, &partial, &o);

    // Every requirement fully met: the top level, no gaps.
    for (_, answer) in v["ratings"].as_object_mut().unwrap().iter_mut() {
        *answer = "full".into();
    }
    let full = cmmm_score::parse_assessment(&v.to_string()).unwrap();
    let o = scorer.score(&full, &Options::default()).unwrap();
    assert_eq!(o.level, 5);
    assert!(o.gaps.is_none());
    render_all(model, &full, &o);

    // A result that does not fit the model: levels and ids the model does not have.
    let (a, mut o) = scored("level-0");
    o.level = 9;
    o.levels.truncate(2);
    if let Some(g) = o.gaps.as_mut() {
        g.target = 12;
    }
    o.sub_domains[0].id = "no-such-sub-domain".into();
    o.sub_domains[1].scores.clear();
    o.scope
        .tailored
        .push(cmmm_model::Tailoring::new("nowhere", "?"));
    render_all(model, &a, &o);
}
