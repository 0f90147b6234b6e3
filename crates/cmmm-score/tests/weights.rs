//! Weights of 0: a node whose weight is 0 takes no part, at every layer, exactly like a node
//! with nothing to score (README, "The method, exactly").

mod common;

use cmmm_model::{Model, ModelDoc, Weight};
use cmmm_score::{parse_assessment, Detail, NodeScores, Options, Outcome, Scorer};
use common::{assessment, model, sub_domain_of};
use serde_json::{json, Value};

/// The default model with `product-service` weighing 0 in its domain (`service`) and
/// `network` weighing 0 in its element (`resource`), in every profile.
fn with_zero_weights() -> Model {
    let mut doc: ModelDoc = model().doc().clone();
    for p in &mut doc.profiles {
        for (id, w) in p.weights.sub_domains.iter_mut() {
            match id {
                "customer-service" => *w = Weight::parse("1"),
                "product-service" => *w = Weight::parse("0"),
                _ => {}
            }
        }
        for (id, w) in p.weights.domains.iter_mut() {
            match id {
                "equipment" => *w = Weight::parse("1"),
                "network" => *w = Weight::parse("0"),
                _ => {}
            }
        }
    }
    Model::from_doc(doc).expect("siblings still sum to 1")
}

fn score(m: &Model, a: &Value) -> Outcome {
    let a = parse_assessment(&a.to_string()).unwrap();
    Scorer::new(m)
        .score(&a, &Options::new().detail(Detail::Full))
        .unwrap()
}

fn node<'o>(nodes: &'o [NodeScores], id: &str) -> &'o NodeScores {
    nodes.iter().find(|n| &*n.id == id).expect("node listed")
}

/// Ratings that vary by requirement, with `rate_zero` for the zero-weight sub-domains.
fn mixed(rate_zero: &'static str) -> Value {
    let m = model();
    assessment("discrete", move |q| {
        if matches!(sub_domain_of(m, q), "product-service" | "network") {
            json!(rate_zero)
        } else {
            json!(["full", "most", "partial"][q.id.len() % 3])
        }
    })
}

#[test]
fn a_node_weighing_zero_takes_no_part_at_every_layer() {
    let m = with_zero_weights();
    let outcome = score(&m, &mixed("full"));
    // The zero-weight sub-domain, the zero-weight domain and its sub-domain: neither score
    // nor weight at any level, as for a node with nothing to score.
    for (nodes, id) in [
        (&outcome.sub_domains, "product-service"),
        (&outcome.domains, "network"),
        (&outcome.sub_domains, "network"),
    ] {
        for l in &node(nodes, id).levels {
            assert_eq!(
                (&l.score, &l.weight),
                (&None, &None),
                "{id} level {}",
                l.level
            );
        }
    }
    // Their siblings take the whole weight where they have something to score.
    for (nodes, id) in [
        (&outcome.sub_domains, "customer-service"),
        (&outcome.domains, "equipment"),
    ] {
        for l in &node(nodes, id).levels {
            if l.score.is_some() {
                assert_eq!(
                    l.weight.as_ref().map(|w| w.value()),
                    Some("1".into()),
                    "{id}"
                );
            }
        }
    }
    // Own levels come from a sub-domain's own ratings, whatever it weighs.
    let own = |o: &Outcome, id: &str| {
        o.sub_domain_levels
            .iter()
            .find(|s| &*s.sub_domain == id)
            .map(|s| s.level)
    };
    assert_eq!(own(&outcome, "product-service"), Some(5));
    // Their ratings move nothing that takes part.
    let low = score(&m, &mixed("none"));
    assert_eq!(own(&low, "product-service"), Some(0));
    assert_eq!(low.levels, outcome.levels);
    assert_eq!(low.total, outcome.total);
    assert_eq!(
        node(&low.elements, "resource"),
        node(&outcome.elements, "resource")
    );
}
