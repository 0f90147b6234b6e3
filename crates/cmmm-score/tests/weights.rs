//! Weights: a node whose weight is 0 takes no part, at every layer, exactly like a node with
//! nothing to score (README, "The method, exactly"); weights whose exact arithmetic is
//! wider than 128 bits score exactly.

mod common;

use cmmm_model::{Model, ModelDoc, Weight};
use cmmm_score::{parse_assessment, Detail, NodeScores, Options, Outcome, Scorer};
use common::{assessment, model, sub_domain_of};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};
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
        let x = node(nodes, id);
        assert_eq!(x.scores.len(), 5, "{id}");
        for n in 1..=5 {
            assert_eq!((x.score(n), x.weight(n)), (None, None), "{id} level {n}");
        }
    }
    // Their siblings take the whole weight where they have something to score.
    for (nodes, id) in [
        (&outcome.sub_domains, "customer-service"),
        (&outcome.domains, "equipment"),
    ] {
        let x = node(nodes, id);
        for n in (1..=5).filter(|&n| x.score(n).is_some()) {
            assert_eq!(x.weight(n).map(|w| w.value()), Some("1".into()), "{id}");
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

/// The default model whose `discrete` weights have large co-prime denominators (primes such
/// as 1000003, 999983 and 13-digit ones) and weights with 30 decimal places: a valid model
/// whose common denominators are far beyond 128 bits.
fn with_wide_weights() -> Model {
    let mut doc: ModelDoc = model().doc().clone();
    let p = &mut doc.profiles[0];
    let pair = |prime: &str| -> (String, String) {
        let big: u128 = prime.parse().unwrap();
        (format!("1/{prime}"), format!("{}/{prime}", big - 1))
    };
    let set = |weights: &mut cmmm_model::UniqueMap<Weight>, id: &str, text: &str| {
        let (_, w) = weights
            .iter_mut()
            .find(|(k, _)| *k == id)
            .expect("a weight of the default model");
        *w = Weight::parse(text);
    };
    for (a, b, prime) in [
        ("product-design", "process-design", "1000003"),
        ("customer-service", "product-service", "999983"),
    ] {
        let (x, y) = pair(prime);
        set(&mut p.weights.sub_domains, a, &x);
        set(&mut p.weights.sub_domains, b, &y);
    }
    let (x, y) = pair("1000000000039");
    set(&mut p.weights.domains, "equipment", &x);
    set(&mut p.weights.domains, "network", &y);
    // Thirty decimal places, beyond rust_decimal's 28.
    set(
        &mut p.weights.domains,
        "org-strategy",
        "0.123456789012345678901234567891",
    );
    set(
        &mut p.weights.domains,
        "skills",
        "0.876543210987654321098765432109",
    );
    // Siblings over one 13-digit prime: the seven sub-domains of `production`, the four
    // elements.
    let shares = |weights: &mut cmmm_model::UniqueMap<Weight>, ids: &[String], prime: i128| {
        let mut left = prime;
        for (i, id) in ids.iter().enumerate() {
            let share = if i + 1 == ids.len() {
                left
            } else {
                i as i128 + 1
            };
            left -= share;
            set(weights, id, &format!("{share}/{prime}"));
        }
    };
    let layout = model().layout();
    let ids = |nodes: &[cmmm_model::Node]| -> Vec<String> {
        nodes.iter().map(|n| n.id.to_string()).collect()
    };
    let production = layout
        .domains
        .iter()
        .find(|d| &*d.id == "production")
        .map(|d| ids(&layout.sub_domains[d.children.clone()]))
        .expect("the default model has a production domain");
    assert_eq!(production.len(), 7);
    shares(&mut p.weights.sub_domains, &production, 1000000000061);
    shares(
        &mut p.weights.elements,
        &ids(&layout.elements),
        1000000000063,
    );
    Model::from_doc(doc).expect("siblings still sum to exactly 1")
}

/// T(n) computed straight from the model file with big rationals: every sub-domain of the
/// `discrete` profile is in scope with requirements at every level, so nothing is rescaled
/// and T(n) = Σ w(e) · Σ w(d) · Σ w(s) · mean of s's ratings at n.
fn reference_t(m: &Model, a: &Value, level: u8) -> BigRational {
    let doc = m.doc();
    let weights = &doc.profiles[0].weights;
    let w = |map: &cmmm_model::UniqueMap<Weight>, id: &str| -> BigRational {
        let text = map.get(id).expect("weighted").text();
        text.parse::<BigRational>().unwrap_or_else(|_| {
            let (whole, frac) = text.split_once('.').expect("a decimal");
            let den = BigInt::from(10).pow(frac.len() as u32);
            BigRational::new(format!("{whole}{frac}").parse().unwrap(), den)
        })
    };
    let value = |rating: &str| match rating {
        "full" => BigRational::one(),
        "most" => BigRational::new(4.into(), 5.into()),
        "partial" => BigRational::new(1.into(), 2.into()),
        _ => BigRational::zero(),
    };
    let mut t = BigRational::zero();
    for e in &doc.elements {
        for d in &e.domains {
            for s in &d.sub_domains {
                let ratings: Vec<BigRational> = s
                    .requirements
                    .iter()
                    .filter(|q| q.level == level)
                    .map(|q| value(a["ratings"][q.id.as_str()].as_str().unwrap()))
                    .collect();
                let n = BigRational::from_integer(BigInt::from(ratings.len()));
                let mean = ratings.into_iter().sum::<BigRational>() / n;
                t += w(&weights.elements, &e.id)
                    * w(&weights.domains, &d.id)
                    * w(&weights.sub_domains, &s.id)
                    * mean;
            }
        }
    }
    t
}

/// `r` as the engine writes it: rounded half away from zero to 28 places, no trailing zeros.
fn decimal_28(r: &BigRational) -> String {
    let ten = BigInt::from(10).pow(28);
    let scaled = r * BigRational::from_integer(ten.clone());
    let rounded = (scaled + BigRational::new(1.into(), 2.into()))
        .floor()
        .to_integer();
    let (whole, frac) = (&rounded / &ten, &rounded % &ten);
    let frac = format!("{frac:0>28}");
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{frac}")
    }
}

#[test]
fn weights_beyond_128_bits_score_exactly() {
    let m = with_wide_weights();
    let a = assessment("discrete", |q| {
        json!(["full", "most", "partial", "none", "full"][(q.id.len() + usize::from(q.level)) % 5])
    });
    let outcome = score(&m, &a);
    let mut s = BigRational::zero();
    for l in &outcome.levels {
        let t = reference_t(&m, &a, l.level);
        assert_eq!(l.score.value(), decimal_28(&t), "T({})", l.level);
        if l.counted {
            s += t;
        }
    }
    assert_eq!(
        outcome.model.total_rule,
        cmmm_model::TotalRule::SumUntilFirstUnmet
    );
    assert_eq!(outcome.total.value(), decimal_28(&s));
    // The exact values are wider than 128 bits, and stay exact.
    assert!(outcome.levels.iter().any(|l| l.score.ratio().is_none()));
    // Every tier and every part of the result is there.
    assert!(outcome.gaps.is_some() || outcome.level == 5);
    assert_eq!(outcome.sub_domains.len(), 20);
    // The same answers with the default weights fit in 128 bits.
    let plain = score(model(), &a);
    assert!(plain.levels.iter().all(|l| l.score.ratio().is_some()));
}
