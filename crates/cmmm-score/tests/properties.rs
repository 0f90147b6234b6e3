//! Invariants of scoring, checked with proptest on random assessments of the embedded default
//! model: bounds and a self-consistent trace, monotonicity, independence from the order of
//! ratings, of the model's children and of how a weight is written, tailoring as removal,
//! the JSON round trip of results, and no panic on arbitrary input.

mod common;

use std::cmp::Ordering;

use cmmm_model::{Id, Model, ModelDoc, Ratio, TotalRule, UniqueMap, Weight};
use cmmm_score::{parse_assessment, Detail, Options, Outcome, Score, ScoreError, Scorer};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Map, Value};

use common::model;

// ---------------------------------------------------------------------------------------
// Random assessments of the default model.

/// A random, valid assessment of the default model.
#[derive(Clone, Debug)]
struct Case {
    /// Index into the model's profiles.
    profile: usize,
    /// Whether to include the sub-domains the profile excludes by default.
    include: bool,
    /// Per sub-domain: tailor it out (applied only where allowed).
    tailor: Vec<bool>,
    /// Per sub-domain: the reason, when tailored.
    reasons: Vec<String>,
    /// Per requirement: rank of its rating on the scale (0 = lowest value).
    ranks: Vec<usize>,
    /// Per requirement: how the rating is spelled (key, label, value, number, object).
    forms: Vec<u8>,
}

/// Scale indexes sorted by value, lowest first.
/// The exact value of a score of the default model (always a 128-bit fraction).
fn exact(s: &Score) -> Ratio {
    s.ratio()
        .expect("the default model's scores fit in 128 bits")
}

fn scale_by_rank() -> Vec<usize> {
    let scale = model().scale();
    let mut idx: Vec<usize> = (0..scale.len()).collect();
    idx.sort_by(|a, b| scale[*a].value.cmp(&scale[*b].value));
    idx
}

fn case() -> impl Strategy<Value = Case> {
    let m = model();
    let subs = m.layout().sub_domains.len();
    let reqs = m.layout().requirements.len();
    let points = m.scale().len();
    (
        0..m.profiles().len(),
        any::<bool>(),
        prop::collection::vec(prop::bool::weighted(0.2), subs),
        prop::collection::vec("[a-z\u{4e00}-\u{4e20}][a-z \u{4e00}-\u{4e20}]{0,11}", subs),
        prop::collection::vec(0..points, reqs),
        prop::collection::vec(0u8..5, reqs),
    )
        .prop_map(|(profile, include, tailor, reasons, ranks, forms)| Case {
            profile,
            include,
            tailor,
            reasons,
            ranks,
            forms,
        })
}

impl Case {
    fn profile_id(&self) -> &'static str {
        &model().profiles()[self.profile].id
    }

    /// Per sub-domain: included by the assessment.
    fn included(&self) -> Vec<bool> {
        let (_, index) = model().profile(self.profile_id()).unwrap();
        index
            .excluded_by_default
            .iter()
            .map(|x| *x && self.include)
            .collect()
    }

    /// Per sub-domain: tailored out (only tailorable, in-scope sub-domains are).
    fn tailored(&self) -> Vec<bool> {
        let (_, index) = model().profile(self.profile_id()).unwrap();
        let included = self.included();
        (0..self.tailor.len())
            .map(|s| {
                self.tailor[s]
                    && index.tailorable[s]
                    && (!index.excluded_by_default[s] || included[s])
            })
            .collect()
    }

    /// Per sub-domain: in scope.
    fn in_scope(&self) -> Vec<bool> {
        let (_, index) = model().profile(self.profile_id()).unwrap();
        let (included, tailored) = (self.included(), self.tailored());
        (0..self.tailor.len())
            .map(|s| (!index.excluded_by_default[s] || included[s]) && !tailored[s])
            .collect()
    }

    /// Indexes of the rated (in-scope) requirements.
    fn rated(&self) -> Vec<usize> {
        let scope = self.in_scope();
        model()
            .layout()
            .requirements
            .iter()
            .enumerate()
            .filter(|(_, q)| scope[q.sub_domain])
            .map(|(r, _)| r)
            .collect()
    }

    fn rating(&self, r: usize) -> Value {
        let p = &model().scale()[scale_by_rank()[self.ranks[r]]];
        let value = p.value.to_string();
        match self.forms[r] {
            0 => json!(p.key),
            1 => json!(p.label.zh),
            2 => json!(value),
            3 => Value::Number(value.parse().expect("a scale value is a JSON number")),
            _ => json!({ "rating": p.key, "evidence": [format!("EV-{r}")] }),
        }
    }

    fn to_json(&self) -> Value {
        let m = model();
        let l = m.layout();
        let mut ratings = Map::new();
        for r in self.rated() {
            ratings.insert(l.requirements[r].id.to_string(), self.rating(r));
        }
        let mut a = json!({ "profile": self.profile_id(), "ratings": ratings });
        let included: Vec<&str> = (0..l.sub_domains.len())
            .filter(|s| self.included()[*s])
            .map(|s| &*l.sub_domains[s].id)
            .collect();
        if !included.is_empty() {
            a["include"] = json!(included);
        }
        let tailored = self.tailored();
        let tailoring: Vec<Value> = (0..l.sub_domains.len())
            .filter(|s| tailored[*s])
            .map(|s| json!({ "sub_domain": l.sub_domains[s].id, "reason": self.reasons[s] }))
            .collect();
        if !tailoring.is_empty() {
            a["tailoring"] = json!(tailoring);
        }
        a
    }
}

fn score_json(m: &Model, a: &Value) -> Result<Outcome, ScoreError> {
    let parsed = parse_assessment(&a.to_string())?;
    Scorer::new(m).score(&parsed, &Options::default())
}

fn must_score(m: &Model, a: &Value) -> Result<Outcome, TestCaseError> {
    score_json(m, a).map_err(|e| TestCaseError::fail(format!("{e} for {a}")))
}

// ---------------------------------------------------------------------------------------
// A small deterministic generator for permutations driven by a proptest seed.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

fn shuffled_map<V: Clone>(map: &UniqueMap<V>, rng: &mut Rng) -> UniqueMap<V> {
    let mut entries: Vec<(String, V)> = map
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    rng.shuffle(&mut entries);
    entries.into_iter().collect()
}

// ---------------------------------------------------------------------------------------
// Checks.

fn ratio(d: rust_decimal::Decimal) -> Ratio {
    Ratio::from_decimal(d)
}

fn cmp(a: &Ratio, b: &Ratio) -> Ordering {
    a.checked_cmp(b).expect("small values compare")
}

fn sum(values: impl IntoIterator<Item = Ratio>) -> Ratio {
    values.into_iter().fold(Ratio::ZERO, |acc, x| {
        acc.checked_add(x).expect("small sums")
    })
}

fn mul(a: Ratio, b: Ratio) -> Ratio {
    a.checked_mul(b).expect("small products")
}

fn in_unit(x: &Ratio) -> bool {
    cmp(x, &Ratio::ZERO).is_ge() && cmp(x, &Ratio::ONE).is_le()
}

/// Bounds, and a trace that adds up exactly: T(n) = Σ w(e)·B(e,n), B = Σ w(d)·C, C = Σ w(s)·D,
/// effective weights of the siblings that take part summing to 1, and S, the met and counted
/// flags and the level following from T(n) by the model's rule, gate and bands.
fn check_outcome(m: &Model, o: &Outcome) -> Result<(), TestCaseError> {
    let doc = m.doc();
    let levels = m.levels().len();
    prop_assert_eq!(o.levels.len(), levels);
    let t: Vec<Ratio> = o.levels.iter().map(|l| l.score.ratio().unwrap()).collect();
    for (n, x) in t.iter().enumerate() {
        prop_assert!(in_unit(x), "T({}) = {} outside [0, 1]", n + 1, x);
    }
    let s = o.total.ratio().unwrap();
    prop_assert!(cmp(&s, &Ratio::ZERO).is_ge());
    prop_assert!(
        cmp(&s, &Ratio::from_int(levels as i128)).is_le(),
        "S = {}",
        s
    );
    prop_assert!(usize::from(o.level) <= levels);

    // The rule, independently.
    let gate = ratio(doc.gate);
    let met: Vec<bool> = t.iter().map(|x| cmp(x, &gate).is_ge()).collect();
    let k = met.iter().position(|x| !x).map_or(levels, |i| i + 1);
    let want_s = match doc.total_rule {
        TotalRule::SumUntilFirstUnmet => sum(t[..k].iter().copied()),
        TotalRule::MetCountPlusPartial => Ratio::from_int(k as i128 - 1)
            .checked_add(t[k - 1])
            .unwrap(),
    };
    prop_assert_eq!(s, want_s);
    let want_level = doc
        .bands
        .iter()
        .filter(|b| cmp(&s, &ratio(b.min)).is_ge())
        .map(|b| b.level)
        .max()
        .unwrap_or(0);
    prop_assert_eq!(o.level, want_level);
    prop_assert_eq!(o.meets_level_2, want_level >= 2);
    for (n, l) in o.levels.iter().enumerate() {
        prop_assert_eq!(l.level as usize, n + 1);
        prop_assert_eq!(l.met, met[n]);
        prop_assert_eq!(l.counted, n < k);
    }

    // The trace; each node's parent is in the model.
    let layout = m.layout();
    // (A domain and a sub-domain may share an id: each layer is looked up in its own list.)
    let parent_of = |layer: &[cmmm_model::Node], parents: &'_ [cmmm_model::Node], id: &str| {
        let node = layer.iter().find(|x| &*x.id == id)?;
        parents.get(node.parent).map(|p| p.id.clone())
    };
    for (n, t_n) in t.iter().enumerate() {
        let check_layer = |children: &[cmmm_score::NodeScores],
                           layer: &[cmmm_model::Node],
                           parents: &[cmmm_model::Node],
                           parent: Option<&str>,
                           want: Ratio|
         -> Result<(), TestCaseError> {
            let present: Vec<(Ratio, Ratio)> = children
                .iter()
                .filter(|c| parent_of(layer, parents, &c.id).as_deref() == parent)
                .filter_map(|c| {
                    let lv = (c.scores[n].as_ref(), c.weights[n].as_ref());
                    lv.1.map(|w| {
                        let x = lv.0.map_or(Ratio::ZERO, exact);
                        (exact(w), x)
                    })
                })
                .collect();
            prop_assert!(
                !present.is_empty(),
                "nothing under {:?} at level {}",
                parent,
                n + 1
            );
            prop_assert_eq!(sum(present.iter().map(|(w, _)| *w)), Ratio::ONE);
            let weighted = sum(present.iter().map(|(w, x)| mul(*w, *x)));
            prop_assert_eq!(weighted, want, "under {:?} at level {}", parent, n + 1);
            Ok(())
        };
        check_layer(&o.elements, &layout.elements, &[], None, *t_n)?;
        for e in &o.elements {
            let lv = (e.scores[n].as_ref(), e.weights[n].as_ref());
            if lv.1.is_some() {
                let b = exact(lv.0.expect("a weighted element has a score"));
                prop_assert!(in_unit(&b));
                check_layer(
                    &o.domains,
                    &layout.domains,
                    &layout.elements,
                    Some(&e.id),
                    b,
                )?;
            }
        }
        for d in &o.domains {
            let lv = (d.scores[n].as_ref(), d.weights[n].as_ref());
            let parent_in = o
                .elements
                .iter()
                .find(|e| {
                    Some(&e.id) == parent_of(&layout.domains, &layout.elements, &d.id).as_ref()
                })
                .is_some_and(|e| e.weights[n].is_some());
            prop_assert!(parent_in || lv.1.is_none(), "{} outlives its element", d.id);
            if lv.1.is_some() {
                let c = exact(lv.0.expect("a weighted domain has a score"));
                prop_assert!(in_unit(&c));
                check_layer(
                    &o.sub_domains,
                    &layout.sub_domains,
                    &layout.domains,
                    Some(&d.id),
                    c,
                )?;
            }
        }
        for s in &o.sub_domains {
            if let Some(x) = &s.scores[n] {
                prop_assert!(in_unit(&exact(x)));
            }
            if let Some(w) = &s.weights[n] {
                prop_assert!(in_unit(&exact(w)) && !exact(w).is_zero());
            }
        }
    }
    Ok(())
}

/// The outcome as JSON with node lists and scope lists in id order, so results of models
/// whose children come in another order compare equal. The order of gap items with equal
/// gains and level, and which of several equal-gain requirements the plan picks, are not
/// specified (an engine may break ties by id or by model order), so gap items are put in
/// (gain in S, gain in T(n), level, id) order and the plan's upgrades are replaced by their
/// sorted (level, gain) pairs; its size, S and level are kept.
fn normalized(o: &Outcome) -> Value {
    let mut o = o.clone();
    if let Some(gaps) = &mut o.gaps {
        let pairs: Vec<String> = {
            let mut p: Vec<(u8, Ratio)> = gaps
                .plan
                .upgrades
                .iter()
                .map(|id| {
                    let g = gaps
                        .items
                        .iter()
                        .find(|g| &g.requirement == id)
                        .expect("every upgrade of the plan is a gap item");
                    (g.level, g.gain_level.ratio().unwrap())
                })
                .collect();
            p.sort_by(|a, b| a.0.cmp(&b.0).then(cmp(&b.1, &a.1)));
            p.iter().map(|(l, g)| format!("{l}:{g}")).collect()
        };
        gaps.plan.upgrades = pairs.into_iter().map(Into::into).collect();
        gaps.items.sort_by(|a, b| {
            cmp(
                &b.gain_total.ratio().unwrap(),
                &a.gain_total.ratio().unwrap(),
            )
            .then(cmp(
                &b.gain_level.ratio().unwrap(),
                &a.gain_level.ratio().unwrap(),
            ))
            .then(a.level.cmp(&b.level))
            .then(a.requirement.cmp(&b.requirement))
        });
    }
    let mut v = serde_json::to_value(&o).unwrap();
    for key in ["elements", "domains", "sub_domains"] {
        v[key]
            .as_array_mut()
            .unwrap()
            .sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    }
    // `sub_domain_levels` is an object: serde_json's map compares it regardless of order.
    if let Some(excluded) = v["scope"]["excluded"].as_array_mut() {
        excluded.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    }
    v
}

/// The first place where two JSON values differ, as a path with both sides; `None` if equal.
fn difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) => {
                        if let Some(d) = difference(v, w, &format!("{at}.{k}")) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{at}.{k}: only on the left")),
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| format!("{at}.{k}: only on the right"))
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if let Some(d) = difference(v, w, &format!("{at}[{i}]")) {
                    return Some(d);
                }
            }
            (x.len() != y.len()).then(|| format!("{at}: {} items against {}", x.len(), y.len()))
        }
        _ => (a != b).then(|| format!("{at}: {a} against {b}")),
    }
}

/// Fails with the first difference when two outcomes differ.
fn same(a: &Value, b: &Value) -> Result<(), TestCaseError> {
    match difference(a, b, "$") {
        None => Ok(()),
        Some(d) => Err(TestCaseError::fail(format!("results differ at {d}"))),
    }
}

// ---------------------------------------------------------------------------------------
// Model rewrites.

/// The default model with every list of children, every weight map and every scope list
/// shuffled.
fn permuted(seed: u64) -> ModelDoc {
    let mut rng = Rng::new(seed);
    let mut doc = model().doc().clone();
    rng.shuffle(&mut doc.elements);
    for e in &mut doc.elements {
        rng.shuffle(&mut e.domains);
        for d in &mut e.domains {
            rng.shuffle(&mut d.sub_domains);
            for s in &mut d.sub_domains {
                rng.shuffle(&mut s.requirements);
            }
        }
    }
    rng.shuffle(&mut doc.profiles);
    for p in &mut doc.profiles {
        p.weights.elements = shuffled_map(&p.weights.elements, &mut rng);
        p.weights.domains = shuffled_map(&p.weights.domains, &mut rng);
        p.weights.sub_domains = shuffled_map(&p.weights.sub_domains, &mut rng);
        rng.shuffle(&mut p.excluded_by_default);
        rng.shuffle(&mut p.tailorable);
    }
    doc
}

/// Another exact spelling of the same weight: a fraction with a common factor, or a decimal
/// (with trailing zeros) when the value has one.
fn respelled(w: &Weight, rng: &mut Rng) -> Weight {
    let r = w.value().expect("valid weight").reduced();
    let (n, d) = (r.numer(), r.denom());
    let k = 1 + rng.below(12) as i128;
    let mut spellings = vec![format!("{}/{}", n * k, d * k)];
    let mut rest = d;
    for f in [2, 5] {
        while rest % f == 0 {
            rest /= f;
        }
    }
    if rest == 1 {
        let zeros = "0".repeat(rng.below(3));
        let text = r.to_decimal_string(cmmm_model::FULL_PRECISION, false);
        spellings.push(if text.contains('.') {
            format!("{text}{zeros}")
        } else if zeros.is_empty() {
            text
        } else {
            format!("{text}.{zeros}")
        });
    }
    Weight::parse(spellings.swap_remove(rng.below(spellings.len())))
}

fn respelled_map(map: &UniqueMap<Weight>, rng: &mut Rng) -> UniqueMap<Weight> {
    map.iter()
        .map(|(k, w)| (k.to_string(), respelled(w, rng)))
        .collect()
}

/// The default model with every weight of every profile written another way.
fn respelled_doc(seed: u64) -> ModelDoc {
    let mut rng = Rng::new(seed);
    let mut doc = model().doc().clone();
    for p in &mut doc.profiles {
        p.weights.elements = respelled_map(&p.weights.elements, &mut rng);
        p.weights.domains = respelled_map(&p.weights.domains, &mut rng);
        p.weights.sub_domains = respelled_map(&p.weights.sub_domains, &mut rng);
    }
    doc
}

/// The default model with the sub-domains in `gone` removed from the structure and from
/// every profile; siblings' weights are rescaled exactly to sum to 1 again, and a domain or
/// element left without children is removed in turn.
fn without(gone: &[String]) -> ModelDoc {
    let mut doc = model().doc().clone();
    let is_gone = |id: &str| gone.iter().any(|g| g == id);
    // Rescales the weights of `kept` among themselves in `map`, dropping `dropped`.
    let rescale = |map: &UniqueMap<Weight>, kept: &[Id], dropped: &[Id]| {
        let total = sum(kept
            .iter()
            .map(|id| map.get(id).and_then(Weight::value).expect("weight")));
        map.iter()
            .filter(|(k, _)| !dropped.iter().any(|d| d == k))
            .map(|(k, w)| {
                let v = if kept.iter().any(|x| x == k) {
                    w.value().unwrap().checked_div(total).unwrap()
                } else {
                    w.value().unwrap()
                };
                (k.to_string(), Weight::parse(v.to_string()))
            })
            .collect::<UniqueMap<Weight>>()
    };
    let mut dropped_elements = Vec::new();
    for e in &mut doc.elements {
        for d in &mut e.domains {
            let before: Vec<Id> = d.sub_domains.iter().map(|s| s.id.clone()).collect();
            d.sub_domains.retain(|s| !is_gone(&s.id));
            if d.sub_domains.len() != before.len() && !d.sub_domains.is_empty() {
                let kept: Vec<Id> = d.sub_domains.iter().map(|s| s.id.clone()).collect();
                let dropped: Vec<Id> = before.into_iter().filter(|x| is_gone(x)).collect();
                for p in &mut doc.profiles {
                    p.weights.sub_domains = rescale(&p.weights.sub_domains, &kept, &dropped);
                }
            } else if d.sub_domains.is_empty() {
                for p in &mut doc.profiles {
                    p.weights.sub_domains = rescale(&p.weights.sub_domains, &[], &before);
                }
            }
        }
        let emptied: Vec<Id> = e
            .domains
            .iter()
            .filter(|d| d.sub_domains.is_empty())
            .map(|d| d.id.clone())
            .collect();
        e.domains.retain(|d| !d.sub_domains.is_empty());
        if !emptied.is_empty() {
            let kept: Vec<Id> = e.domains.iter().map(|d| d.id.clone()).collect();
            for p in &mut doc.profiles {
                p.weights.domains = rescale(&p.weights.domains, &kept, &emptied);
            }
        }
        if e.domains.is_empty() {
            dropped_elements.push(e.id.clone());
        }
    }
    doc.elements.retain(|e| !e.domains.is_empty());
    if !dropped_elements.is_empty() {
        let kept: Vec<Id> = doc.elements.iter().map(|e| e.id.clone()).collect();
        for p in &mut doc.profiles {
            p.weights.elements = rescale(&p.weights.elements, &kept, &dropped_elements);
        }
    }
    for p in &mut doc.profiles {
        p.excluded_by_default.retain(|s| !is_gone(s));
        p.tailorable.retain(|s| !is_gone(s));
    }
    doc
}

/// Scores `c` against the default model and the same assessment, without tailoring, against
/// the model from which the tailored sub-domains are removed; the results must agree on
/// every node that exists in both.
fn tailoring_matches_removal(c: &Case) -> Result<(), TestCaseError> {
    let l = model().layout();
    let tailored = c.tailored();
    let gone: Vec<String> = (0..l.sub_domains.len())
        .filter(|s| tailored[*s])
        .map(|s| l.sub_domains[s].id.to_string())
        .collect();
    let reduced = Model::from_doc(without(&gone)).expect("the reduced model is valid");
    prop_assert_eq!(
        reduced.layout().sub_domains.len(),
        l.sub_domains.len() - gone.len()
    );
    let a = c.to_json();
    let mut b = a.clone();
    let b_obj = b.as_object_mut().unwrap();
    b_obj.shift_remove("tailoring");
    if let Some(inc) = b_obj.get_mut("include") {
        inc.as_array_mut()
            .unwrap()
            .retain(|s| !gone.iter().any(|g| s == g));
        if inc.as_array().unwrap().is_empty() {
            b_obj.shift_remove("include");
        }
    }
    let x = must_score(model(), &a)?;
    let y = must_score(&reduced, &b)?;
    check_outcome(&reduced, &y)?;
    let (mut x, mut y) = (normalized(&x), normalized(&y));
    for v in [&mut x, &mut y] {
        let scope = v["scope"].as_object_mut().unwrap();
        scope.shift_remove("tailored");
        scope.shift_remove("included");
    }
    // Nodes that no longer exist in the reduced model.
    for key in ["elements", "domains", "sub_domains"] {
        let kept: Vec<Value> = y[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].clone())
            .collect();
        x[key]
            .as_array_mut()
            .unwrap()
            .retain(|n| kept.contains(&n["id"]));
    }
    same(&x, &y)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Arbitrary JSON.

fn vocabulary() -> Vec<String> {
    let m = model();
    let mut words: Vec<String> = [
        "profile",
        "ratings",
        "tailoring",
        "include",
        "sub_domain",
        "reason",
        "model",
        "id",
        "enterprise",
        "assessed_on",
        "assessor",
        "$schema",
        "name",
        "rating",
        "evidence",
        "comment",
        "level",
        "text",
        "zh",
        "en",
        "discrete",
        "process",
        "gbt39116-2020",
        "full",
        "most",
        "partial",
        "none",
        "全部满足",
        "大部分满足",
        "0.8",
        "0.80",
        "1",
        "",
        " ",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    words.extend(m.layout().sub_domains.iter().map(|s| s.id.to_string()));
    words.extend(
        m.layout()
            .requirements
            .iter()
            .step_by(17)
            .map(|q| q.id.to_string()),
    );
    words
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vocabulary()),
        1 => "\\PC{0,12}",
    ]
}

fn number() -> impl Strategy<Value = Value> {
    "-?[0-9]{1,40}(\\.[0-9]{1,40})?([eE][-+]?[0-9]{1,4})?".prop_map(|s| {
        s.parse::<serde_json::Number>()
            .map(Value::Number)
            .unwrap_or(Value::String(s))
    })
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        word().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((word(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Replaces, removes or adds one node somewhere in `v`, walking down at random.
fn mutate(v: &mut Value, seed: u64, new: Value, key: String) {
    let mut rng = Rng::new(seed);
    let mut at = v;
    loop {
        let descend = rng.below(4) != 0;
        let next_is_container = match at {
            Value::Object(o) => !o.is_empty(),
            Value::Array(a) => !a.is_empty(),
            _ => false,
        };
        if !(descend && next_is_container) {
            break;
        }
        at = match at {
            Value::Object(o) => {
                let i = rng.below(o.len());
                o.values_mut().nth(i).unwrap()
            }
            Value::Array(a) => {
                let i = rng.below(a.len());
                &mut a[i]
            }
            _ => unreachable!(),
        };
    }
    match (rng.below(3), at) {
        (0, Value::Object(o)) if !o.is_empty() => {
            let i = rng.below(o.len());
            let k = o.keys().nth(i).unwrap().clone();
            o.shift_remove(&k);
        }
        (0, Value::Array(a)) if !a.is_empty() => {
            let i = rng.below(a.len());
            a.remove(i);
        }
        (1, Value::Object(o)) => {
            o.insert(key, new);
        }
        (1, Value::Array(a)) => a.push(new),
        (_, slot) => *slot = new,
    }
}

fn options() -> impl Strategy<Value = Options> {
    let target = prop_oneof![
        2 => Just(None),
        2 => (1u8..=5).prop_map(Some),
        1 => any::<u8>().prop_map(Some),
    ];
    (any::<bool>(), target).prop_map(|(allow_missing, target)| {
        Options::new().allow_missing(allow_missing).target(target)
    })
}

/// A JSON scalar, mostly from the assessment's vocabulary.
fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        2 => number(),
        5 => word().prop_map(Value::String),
    ]
}

/// One edit of an assessment, aware of its shape, or a blind one anywhere.
#[derive(Clone, Debug)]
enum Edit {
    /// Replace the answer of an existing rating.
    SetRating(Index, Value),
    /// Remove an existing rating.
    RemoveRating(Index),
    /// Add (or replace) a rating under a key.
    AddRating(String, Value),
    /// Set a top-level field.
    Field(&'static str, Value),
    /// Append a tailoring entry.
    Tailor(String, Value),
    /// Append an include entry.
    Include(String),
    /// Replace, remove or add a node anywhere.
    Blind(u64, Value, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let answer = prop_oneof![
        3 => leaf(),
        1 => leaf().prop_map(|r| json!({ "rating": r })),
        1 => arb_json(),
    ];
    let fields = prop::sample::select(vec![
        "profile",
        "model",
        "id",
        "assessor",
        "assessed_on",
        "$schema",
        "include",
        "tailoring",
        "enterprise",
        "ratings",
    ]);
    prop_oneof![
        4 => (any::<Index>(), answer.clone()).prop_map(|(i, v)| Edit::SetRating(i, v)),
        2 => any::<Index>().prop_map(Edit::RemoveRating),
        2 => (word(), answer).prop_map(|(k, v)| Edit::AddRating(k, v)),
        2 => (fields, prop_oneof![3 => leaf(), 1 => arb_json()]).prop_map(|(f, v)| Edit::Field(f, v)),
        2 => (word(), leaf()).prop_map(|(s, r)| Edit::Tailor(s, r)),
        1 => word().prop_map(Edit::Include),
        2 => (any::<u64>(), arb_json(), word()).prop_map(|(s, v, k)| Edit::Blind(s, v, k)),
    ]
}

fn ratings(a: &mut Value) -> Option<&mut Map<String, Value>> {
    a.get_mut("ratings").and_then(Value::as_object_mut)
}

fn apply(a: &mut Value, e: Edit) {
    // Shape-aware edits need an object at the top (a blind edit may have replaced it).
    if !a.is_object() && !matches!(e, Edit::Blind(..)) {
        return;
    }
    let push = |a: &mut Value, key: &str, v: Value| {
        let list = &mut a[key];
        if !list.is_array() {
            *list = json!([]);
        }
        list.as_array_mut().unwrap().push(v);
    };
    match e {
        Edit::SetRating(i, v) => {
            if let Some(r) = ratings(a).filter(|r| !r.is_empty()) {
                let n = i.index(r.len());
                *r.values_mut().nth(n).unwrap() = v;
            }
        }
        Edit::RemoveRating(i) => {
            if let Some(r) = ratings(a).filter(|r| !r.is_empty()) {
                let k = r.keys().nth(i.index(r.len())).unwrap().clone();
                r.shift_remove(&k);
            }
        }
        Edit::AddRating(k, v) => {
            if let Some(r) = ratings(a) {
                r.insert(k, v);
            }
        }
        Edit::Field(f, v) => a[f] = v,
        Edit::Tailor(s, reason) => {
            push(a, "tailoring", json!({ "sub_domain": s, "reason": reason }))
        }
        Edit::Include(s) => push(a, "include", json!(s)),
        Edit::Blind(seed, v, k) => mutate(a, seed, v, k),
    }
}

/// Parses and scores arbitrary text; must return, never panic, and a success must be sound.
fn survive(text: &str, options: &Options) -> Result<(), TestCaseError> {
    let m = model();
    match parse_assessment(text) {
        Err(e) => {
            prop_assert_eq!(e.code(), "invalid-json");
            let _ = (e.location(), e.to_string());
        }
        Ok(a) => match Scorer::new(m).score(&a, options) {
            Err(e) => {
                prop_assert!(!e.code().is_empty());
                let _ = (e.location(), e.to_string());
            }
            Ok(o) => {
                check_outcome(m, &o)?;
                serde_json::to_string(&o).unwrap();
            }
        },
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// T(n) ∈ [0, 1], S ∈ [0, 5], and the trace adds up exactly.
    #[test]
    fn scores_are_bounded_and_the_trace_adds_up(c in case()) {
        let o = must_score(model(), &c.to_json())?;
        check_outcome(model(), &o)?;
        prop_assert_eq!(o.scope.requirements as usize, c.rated().len());
    }

    /// Raising one rating never lowers any T(n), S or the level, and moves only its level.
    #[test]
    fn raising_a_rating_never_lowers_anything(c in case(), which in any::<Index>(), up in any::<Index>()) {
        let top = model().scale().len() - 1;
        let raisable: Vec<usize> = c.rated().into_iter().filter(|r| c.ranks[*r] < top).collect();
        prop_assume!(!raisable.is_empty());
        let r = raisable[which.index(raisable.len())];
        let mut raised = c.clone();
        raised.ranks[r] += 1 + up.index(top - c.ranks[r]);
        let before = must_score(model(), &c.to_json())?;
        let after = must_score(model(), &raised.to_json())?;
        let level = usize::from(model().layout().requirements[r].level);
        for (n, (b, a)) in before.levels.iter().zip(&after.levels).enumerate() {
            if n + 1 == level {
                prop_assert!(cmp(&a.score.ratio().unwrap(), &b.score.ratio().unwrap()).is_gt(), "T({}) did not rise", n + 1);
            } else {
                prop_assert_eq!(a.score.ratio().unwrap(), b.score.ratio().unwrap(), "T({}) moved", n + 1);
            }
        }
        prop_assert!(cmp(&after.total.ratio().unwrap(), &before.total.ratio().unwrap()).is_ge());
        prop_assert!(after.level >= before.level);
        for (b, a) in before.sub_domains.iter().zip(&after.sub_domains) {
            for (x, y) in b.scores.iter().zip(&a.scores) {
                if let (Some(x), Some(y)) = (x, y) {
                    prop_assert!(y.cmp_exact(x).is_ge());
                }
            }
        }
    }

    /// The order of ratings in the assessment does not matter.
    #[test]
    fn order_of_ratings_does_not_matter(c in case(), seed in any::<u64>()) {
        let a = c.to_json();
        let mut entries: Vec<(String, Value)> =
            a["ratings"].as_object().unwrap().clone().into_iter().collect();
        Rng::new(seed).shuffle(&mut entries);
        let mut b = a.clone();
        b["ratings"] = Value::Object(entries.into_iter().collect());
        let x = serde_json::to_value(must_score(model(), &a)?).unwrap();
        let y = serde_json::to_value(must_score(model(), &b)?).unwrap();
        same(&x, &y)?;
    }

    /// The JSON result round-trips through `Outcome`.
    #[test]
    fn result_json_round_trips(c in case(), target in prop::option::of(1u8..=5)) {
        let parsed = parse_assessment(&c.to_json().to_string()).unwrap();
        let o = Scorer::new(model())
            .score(&parsed, &Options::new().target(target))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let text = serde_json::to_string(&o).unwrap();
        let back: Outcome = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), text.clone());
        let pretty = serde_json::to_string_pretty(&o).unwrap();
        let back: Outcome = serde_json::from_str(&pretty).unwrap();
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), text);
    }
}

proptest! {
    // Each case rebuilds and validates a model.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Permuting elements, domains, sub-domains, requirements, profiles, weight maps and
    /// scope lists changes nothing but the order of node lists.
    #[test]
    fn order_of_children_does_not_matter(c in case(), seed in any::<u64>()) {
        let permuted = Model::from_doc(permuted(seed)).expect("a permuted model is valid");
        prop_assert_ne!(
            permuted.layout().requirements.iter().map(|q| &*q.id).collect::<Vec<_>>(),
            model().layout().requirements.iter().map(|q| &*q.id).collect::<Vec<_>>()
        );
        let a = c.to_json();
        let x = must_score(model(), &a)?;
        let y = must_score(&permuted, &a)?;
        check_outcome(&permuted, &y)?;
        same(&normalized(&x), &normalized(&y))?;
    }

    /// Writing every weight another exact way (1/2, 0.5, 0.50, 2/4, 7/14) changes nothing.
    #[test]
    fn spelling_of_weights_does_not_matter(c in case(), seed in any::<u64>()) {
        let respelled = Model::from_doc(respelled_doc(seed)).expect("respelled weights are valid");
        let a = c.to_json();
        let x = serde_json::to_value(must_score(model(), &a)?).unwrap();
        let y = serde_json::to_value(must_score(&respelled, &a)?).unwrap();
        same(&x, &y)?;
        // The named case: a domain's two sub-domain weights as 1/2, 0.5 and 2/4.
        for half in ["1/2", "0.5", "2/4", "0.50"] {
            let mut doc = model().doc().clone();
            for p in &mut doc.profiles {
                for (id, w) in p.weights.sub_domains.iter_mut() {
                    if id == "customer-service" || id == "product-service"
                        || id == "product-design" || id == "process-design" {
                        *w = Weight::parse(half);
                    }
                }
            }
            let m = Model::from_doc(doc).unwrap();
            let y = serde_json::to_value(must_score(&m, &a)?).unwrap();
            same(&x, &y).map_err(|e| TestCaseError::fail(format!("weights written {half}: {e}")))?;
        }
    }

    /// Each result tier is the full result cut short: every field it writes has the full
    /// result's value, and it writes every field of the tier below.
    #[test]
    fn tiers_cut_the_full_result_short(c in case(), target in proptest::option::of(1u8..=5)) {
        let a = parse_assessment(&c.to_json().to_string()).unwrap();
        let scorer = Scorer::new(model());
        let at = |detail| {
            scorer
                .score(&a, &Options::new().target(target).detail(detail))
                .map(|o| serde_json::to_value(o).unwrap())
                .map_err(|e| TestCaseError::fail(e.to_string()))
        };
        let full = at(Detail::Full)?;
        let mut below: Vec<String> = Vec::new();
        for detail in Detail::ALL {
            let v = at(detail)?;
            prop_assert_eq!(&v["detail"], detail.as_str());
            let keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            for key in &below {
                prop_assert!(keys.contains(key), "{detail} lacks {key}");
            }
            for (key, value) in v.as_object().unwrap() {
                if key == "detail" || (key == "gaps" && detail < Detail::Gaps) {
                    continue;
                }
                let mut expected = full[key.as_str()].clone();
                if key == "sub_domains" && detail < Detail::Full {
                    // Weights are part of the full trace only.
                    for node in expected.as_array_mut().unwrap() {
                        node.as_object_mut().unwrap().remove("weights");
                    }
                }
                prop_assert_eq!(value, &expected, "{} at {}", key, detail);
            }
            below = keys;
        }
    }

    /// Tailoring sub-domains out scores exactly like a model without them, whose remaining
    /// weights are rescaled to sum to 1.
    #[test]
    fn tailoring_equals_removal(c in case()) {
        tailoring_matches_removal(&c)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Arbitrary text never panics.
    #[test]
    fn arbitrary_text_never_panics(text in prop_oneof![
        any::<String>(),
        "[\\[\\]{}\":,0-9a-z. \\-全部满足]{0,80}",
    ], options in options()) {
        survive(&text, &options)?;
    }

    /// Arbitrary JSON values, bare or in the assessment's shape, never panic.
    #[test]
    fn arbitrary_json_never_panics(
        v in arb_json(),
        fields in prop::collection::vec((
            prop_oneof![3 => prop::sample::select(vec!["profile", "model", "include", "tailoring", "ratings", "enterprise", "id"]).prop_map(String::from), 1 => word()],
            prop_oneof![leaf(), arb_json()],
        ), 0..5),
        options in options(),
    ) {
        survive(&v.to_string(), &options)?;
        let mut shaped = json!({ "profile": "discrete", "ratings": {} });
        for (k, x) in fields {
            shaped[k] = x;
        }
        survive(&shaped.to_string(), &options)?;
    }

    /// Random mutations of a valid assessment never panic.
    #[test]
    fn mutated_assessments_never_panic(
        c in case(),
        edits in prop::collection::vec(edit(), 1..5),
        options in options(),
    ) {
        let mut a = c.to_json();
        for e in edits {
            apply(&mut a, e);
        }
        survive(&a.to_string(), &options)?;
    }
}

/// Tailoring that empties a whole domain, or the whole manufacturing element, equals removing
/// it (random tailoring seldom reaches these).
#[test]
fn tailoring_whole_domains_and_elements_equals_removal() {
    let m = model();
    let l = m.layout();
    let subs = l.sub_domains.len();
    let reqs = l.requirements.len();
    let index = |id: &str| m.sub_domain_index(id).unwrap();
    let profile = |id: &str| m.profiles().iter().position(|p| p.id == id).unwrap();
    let base = |p: &str, include: bool, tailored: &[&str]| {
        let mut tailor = vec![false; subs];
        for t in tailored {
            tailor[index(t)] = true;
        }
        Case {
            profile: profile(p),
            include,
            tailor,
            reasons: vec!["不适用".to_string(); subs],
            ranks: (0..reqs).map(|r| (r * 7 + r / 3) % 4).collect(),
            forms: (0..reqs).map(|r| (r % 5) as u8).collect(),
        }
    };
    let manufacturing: Vec<&str> = m.profiles()[profile("discrete")]
        .tailorable
        .iter()
        .map(Id::as_str)
        .collect();
    let process_all: Vec<&str> = manufacturing
        .iter()
        .copied()
        .filter(|s| *s != "product-design")
        .collect();
    for c in [
        base("discrete", false, &["product-design", "process-design"]),
        base(
            "discrete",
            false,
            &["customer-service", "product-service", "sales"],
        ),
        base("process", true, &["product-design", "process-design"]),
        base("process", false, &["process-design"]),
        base("process", true, &["process-design"]),
        base("discrete", false, &manufacturing),
        base("process", false, &process_all),
        base("process", true, &manufacturing),
    ] {
        assert!(c.tailored().iter().filter(|x| **x).count() >= 1);
        tailoring_matches_removal(&c).unwrap_or_else(|e| panic!("{e}: {c:?}"));
    }
}
