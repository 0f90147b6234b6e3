//! The plan in `gaps` is claimed to be provably minimal. These tests check the claim against
//! exhaustive search on small random models (2–3 levels, 2–4 sub-domains in random trees,
//! random exact weights, both total rules), rescoring every subset of upgrades with the
//! engine itself; and they check every gap item's gains by rescoring with that upgrade alone.

use cmmm_model::{Answer, Assessment, Model, Rating, Ratio, TotalRule, UniqueMap};
use cmmm_score::{Options, Outcome, Scorer};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Value};

/// Most requirements below `full` in one case: 2^14 subsets at most.
const MAX_OPEN: usize = 14;

const KEYS: [&str; 4] = ["full", "most", "partial", "none"];

/// A random small model and assessment.
#[derive(Clone, Debug)]
struct Small {
    levels: usize,
    /// Per sub-domain after the first: 0 = same domain, 1 = new domain, 2 = new element.
    breaks: Vec<u8>,
    /// Raw integer weights of every sub-domain, domain and element (normalized per group).
    raw: Vec<u8>,
    /// Write terminating weights as decimals.
    decimals: Vec<bool>,
    /// Requirements per (sub-domain, level).
    counts: Vec<Vec<usize>>,
    rule: TotalRule,
    /// Index into `KEYS` per requirement slot (sub-domain, level, j).
    ratings: Vec<usize>,
    /// `None`: the engine's default target; otherwise a level.
    target: Option<u8>,
}

fn small() -> impl Strategy<Value = Small> {
    (2usize..=3, 2usize..=4).prop_flat_map(|(levels, subs)| {
        (
            Just(levels),
            prop::collection::vec(0u8..3, subs - 1),
            prop::collection::vec(1u8..=6, 3 * subs),
            prop::collection::vec(any::<bool>(), 3 * subs),
            prop::collection::vec(
                prop::collection::vec(prop_oneof![1 => Just(0usize), 5 => 1usize..=3], levels),
                subs,
            ),
            prop_oneof![
                Just(TotalRule::SumUntilFirstUnmet),
                Just(TotalRule::MetCountPlusPartial)
            ],
            prop::collection::vec(
                prop_oneof![3 => Just(0usize), 2 => Just(1usize), 2 => Just(2usize), 2 => Just(3usize)],
                subs * levels * 3,
            ),
            prop::option::of(1u8..=(levels as u8)),
        )
            .prop_map(
                |(levels, breaks, raw, decimals, counts, rule, ratings, target)| Small {
                    levels,
                    breaks,
                    raw,
                    decimals,
                    counts,
                    rule,
                    ratings,
                    target,
                },
            )
    })
}

/// Weights `raw[i] / Σ raw` of one sibling group, written exactly: a reduced fraction, or a
/// decimal when it terminates and `decimal` asks for it.
fn group_weights(raw: &[u8], decimal: &[bool]) -> Vec<String> {
    let total: i128 = raw.iter().map(|x| i128::from(*x)).sum();
    raw.iter()
        .zip(decimal)
        .map(|(x, dec)| {
            let r = Ratio::new(i128::from(*x), total).unwrap().reduced();
            let mut d = r.denom();
            for f in [2, 5] {
                while d % f == 0 {
                    d /= f;
                }
            }
            if *dec && d == 1 {
                r.to_decimal_string(cmmm_model::FULL_PRECISION, false)
            } else {
                r.to_string()
            }
        })
        .collect()
}

impl Small {
    fn subs(&self) -> usize {
        self.counts.len()
    }

    /// Requirement counts with every sub-domain and every level non-empty.
    fn cells(&self) -> Vec<Vec<usize>> {
        let mut c = self.counts.clone();
        for row in &mut c {
            if row.iter().all(|x| *x == 0) {
                row[0] = 1;
            }
        }
        for n in 0..self.levels {
            if c.iter().all(|row| row[n] == 0) {
                c[0][n] = 1;
            }
        }
        c
    }

    /// (element, domain) of every sub-domain.
    fn tree(&self) -> Vec<(usize, usize)> {
        let mut out = vec![(0, 0)];
        for b in &self.breaks {
            let (e, d) = *out.last().unwrap();
            out.push(match b {
                0 => (e, d),
                1 => (e, d + 1),
                _ => (e + 1, d + 1),
            });
        }
        out
    }

    fn model(&self) -> Model {
        let tree = self.tree();
        let cells = self.cells();
        let elements_n = tree.last().unwrap().0 + 1;
        let domains_n = tree.last().unwrap().1 + 1;
        let subs = self.subs();
        // Weight groups: sub-domains of each domain, domains of each element, elements.
        let mut sub_w = vec![String::new(); subs];
        for d in 0..domains_n {
            let members: Vec<usize> = (0..subs).filter(|s| tree[*s].1 == d).collect();
            let raw: Vec<u8> = members.iter().map(|s| self.raw[*s]).collect();
            let dec: Vec<bool> = members.iter().map(|s| self.decimals[*s]).collect();
            for (s, w) in members.iter().zip(group_weights(&raw, &dec)) {
                sub_w[*s] = w;
            }
        }
        let domain_element: Vec<usize> = (0..domains_n)
            .map(|d| tree.iter().find(|(_, x)| *x == d).unwrap().0)
            .collect();
        let mut dom_w = vec![String::new(); domains_n];
        for e in 0..elements_n {
            let members: Vec<usize> = (0..domains_n).filter(|d| domain_element[*d] == e).collect();
            let raw: Vec<u8> = members.iter().map(|d| self.raw[subs + d]).collect();
            let dec: Vec<bool> = members.iter().map(|d| self.decimals[subs + d]).collect();
            for (d, w) in members.iter().zip(group_weights(&raw, &dec)) {
                dom_w[*d] = w;
            }
        }
        let el_w = group_weights(
            &self.raw[2 * subs..2 * subs + elements_n],
            &self.decimals[2 * subs..2 * subs + elements_n],
        );

        let text = |s: String| json!({ "zh": s, "en": s });
        let elements: Vec<Value> = (0..elements_n)
            .map(|e| {
                let domains: Vec<Value> = (0..domains_n)
                    .filter(|d| domain_element[*d] == e)
                    .map(|d| {
                        let sub_domains: Vec<Value> = (0..subs)
                            .filter(|s| tree[*s].1 == d)
                            .map(|s| {
                                let mut reqs = Vec::new();
                                for (n, count) in cells[s].iter().enumerate() {
                                    for j in 0..*count {
                                        reqs.push(json!({
                                            "id": format!("s{s}.{}.{j}", n + 1),
                                            "level": n + 1,
                                            "text": text(format!("要求 s{s}.{}.{j}", n + 1)),
                                        }));
                                    }
                                }
                                json!({ "id": format!("s{s}"), "name": text(format!("子域{s}")), "requirements": reqs })
                            })
                            .collect();
                        json!({ "id": format!("d{d}"), "name": text(format!("域{d}")), "sub_domains": sub_domains })
                    })
                    .collect();
                json!({ "id": format!("e{e}"), "name": text(format!("要素{e}")), "domains": domains })
            })
            .collect();
        let weights = |prefix: &str, ws: &[String]| -> Value {
            Value::Object(
                ws.iter()
                    .enumerate()
                    .map(|(i, w)| (format!("{prefix}{i}"), json!(w)))
                    .collect(),
            )
        };
        let source = json!({ "status": "illustrative", "note": text("test".into()) });
        let n = self.levels;
        let mut bands = vec![json!({ "level": 0, "min": "0", "max": "0.8" })];
        for l in 1..=n {
            let max = if l == n {
                format!("{n}")
            } else {
                format!("{}.8", l)
            };
            bands.push(json!({ "level": l, "min": format!("{}.8", l - 1), "max": max }));
        }
        let doc = json!({
            "id": "small",
            "version": "1",
            "title": text("小模型".into()),
            "provenance": { "structure": source, "requirements": source, "method": source },
            "levels": (1..=n).map(|l| json!({ "level": l, "name": text(format!("{l}级")) })).collect::<Vec<_>>(),
            "below_first_level": text("未达到一级".into()),
            "scale": [
                { "key": "full", "label": text("全部满足".into()), "value": "1" },
                { "key": "most", "label": text("大部分满足".into()), "value": "0.8" },
                { "key": "partial", "label": text("部分满足".into()), "value": "0.5" },
                { "key": "none", "label": text("不满足".into()), "value": "0" },
            ],
            "gate": "0.8",
            "bands": bands,
            "total_rule": match self.rule {
                TotalRule::SumUntilFirstUnmet => "sum-until-first-unmet",
                TotalRule::MetCountPlusPartial => "met-count-plus-partial",
            },
            "elements": elements,
            "profiles": [{
                "id": "p",
                "name": text("画像".into()),
                "weights_provenance": source,
                "weights": {
                    "elements": weights("e", &el_w),
                    "domains": weights("d", &dom_w),
                    "sub_domains": weights("s", &sub_w),
                },
            }],
        });
        Model::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e:?}\n{doc:#}"))
    }

    /// Requirement id → rating key, at most `MAX_OPEN` of them below `full`.
    fn ratings(&self, model: &Model) -> Vec<(String, usize)> {
        let mut open = 0;
        let mut out = Vec::new();
        for (i, q) in model.layout().requirements.iter().enumerate() {
            let mut k = self.ratings[i % self.ratings.len()];
            if k != 0 {
                open += 1;
                if open > MAX_OPEN {
                    k = 0;
                }
            }
            out.push((q.id.to_string(), k));
        }
        out
    }
}

fn assessment(ratings: &[(String, usize)]) -> Assessment {
    let mut a = Assessment::new("p");
    a.ratings = ratings
        .iter()
        .map(|(id, k)| (id.clone(), Answer::rated(Rating::key(KEYS[*k]))))
        .collect::<UniqueMap<Answer>>();
    a
}

/// Scores `ratings` with the requirements in `upgraded` raised to `full`.
fn rescore(
    scorer: &Scorer,
    ratings: &[(String, usize)],
    upgraded: &[&str],
    options: &Options,
) -> Result<Outcome, TestCaseError> {
    let raised: Vec<(String, usize)> = ratings
        .iter()
        .map(|(id, k)| {
            (
                id.clone(),
                if upgraded.contains(&id.as_str()) {
                    0
                } else {
                    *k
                },
            )
        })
        .collect();
    scorer
        .score(&assessment(&raised), options)
        .map_err(|e| TestCaseError::fail(e.to_string()))
}

fn sub(a: Ratio, b: Ratio) -> Ratio {
    a.checked_sub(b).unwrap()
}

/// The smallest number of upgrades to `full` that reaches `target`, by trying every subset
/// of the open requirements in increasing size.
fn exhaustive_minimum(
    scorer: &Scorer,
    ratings: &[(String, usize)],
    open: &[&str],
    target: u8,
) -> Result<usize, TestCaseError> {
    let options = Options::new().allow_missing(false).target(Some(target));
    let m = open.len();
    for size in 0..=m {
        for mask in 0u32..(1u32 << m) {
            if mask.count_ones() as usize != size {
                continue;
            }
            let chosen: Vec<&str> = (0..m)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| open[i])
                .collect();
            if rescore(scorer, ratings, &chosen, &options)?.level >= target {
                return Ok(size);
            }
        }
    }
    Err(TestCaseError::fail(
        "raising everything to full does not reach the target",
    ))
}

fn check(s: &Small) -> Result<(), TestCaseError> {
    let model = s.model();
    let scorer = Scorer::new(&model);
    let ratings = s.ratings(&model);
    let options = Options::new().allow_missing(false).target(s.target);
    let before = rescore(&scorer, &ratings, &[], &options)?;
    let levels = model.level_count();
    let Some(gaps) = before.gaps.clone() else {
        prop_assert!(s.target.is_none() && before.level == levels);
        return Ok(());
    };
    let target = s.target.unwrap_or(before.level + 1);
    prop_assert_eq!(gaps.target, target);
    prop_assert_eq!(gaps.reached, before.level >= target);

    let open: Vec<&str> = ratings
        .iter()
        .filter(|(_, k)| *k != 0)
        .map(|(id, _)| id.as_str())
        .collect();
    prop_assert!(open.len() <= MAX_OPEN);

    // The plan: minimal, and what it claims.
    let minimum = exhaustive_minimum(&scorer, &ratings, &open, target)?;
    let plan = &gaps.plan;
    prop_assert_eq!(
        plan.upgrades.len(),
        minimum,
        "plan {:?} is not minimal (exhaustive search needs {})",
        plan.upgrades,
        minimum
    );
    let mut distinct = plan.upgrades.clone();
    distinct.sort();
    distinct.dedup();
    prop_assert_eq!(distinct.len(), plan.upgrades.len(), "repeated upgrade");
    for u in &plan.upgrades {
        prop_assert!(open.contains(&u.as_ref()), "{} is already full", u);
    }
    let upgrades: Vec<&str> = plan.upgrades.iter().map(|u| &**u).collect();
    let after = rescore(&scorer, &ratings, &upgrades, &options)?;
    prop_assert!(after.level >= target);
    prop_assert_eq!(plan.level, after.level);
    prop_assert_eq!(plan.total.ratio().unwrap(), after.total.ratio().unwrap());
    prop_assert_eq!(plan.total.value(), after.total.value());
    if gaps.reached {
        prop_assert!(plan.upgrades.is_empty());
    }

    // Every gap item: gains measured by rescoring with that upgrade alone.
    let layout = model.layout();
    let mut listed = 0;
    for id in &open {
        let q = &layout.requirements[model.requirement_index(id).unwrap()];
        let alone = rescore(&scorer, &ratings, &[id], &options)?;
        let n = usize::from(q.level) - 1;
        let gain_level = sub(
            alone.levels[n].score.ratio().unwrap(),
            before.levels[n].score.ratio().unwrap(),
        );
        let gain_total = sub(alone.total.ratio().unwrap(), before.total.ratio().unwrap());
        for (m, (a, b)) in alone.levels.iter().zip(&before.levels).enumerate() {
            if m != n {
                prop_assert_eq!(
                    a.score.ratio().unwrap(),
                    b.score.ratio().unwrap(),
                    "{} moved T({})",
                    id,
                    m + 1
                );
            }
        }
        let item = gaps.items.iter().find(|g| &*g.requirement == *id);
        let should_list = q.level <= target || !gain_total.is_zero();
        prop_assert_eq!(item.is_some(), should_list, "{} listed: {:?}", id, item);
        if let Some(g) = item {
            listed += 1;
            prop_assert_eq!(
                g.gain_level.ratio().unwrap(),
                gain_level,
                "gain_level of {}",
                id
            );
            prop_assert_eq!(
                g.gain_total.ratio().unwrap(),
                gain_total,
                "gain_total of {}",
                id
            );
            prop_assert_eq!(g.level, q.level);
            prop_assert_eq!(&g.sub_domain, &layout.sub_domains[q.sub_domain].id);
            let k = ratings.iter().find(|(x, _)| x == id).unwrap().1;
            prop_assert_eq!(&*g.rating, KEYS[k]);
        }
    }
    prop_assert_eq!(
        listed,
        gaps.items.len(),
        "items that are not open requirements"
    );
    // Ordered by gain in S, then gain in T(n), then level (how exact ties are broken, by id
    // or by model order, is not specified).
    for w in gaps.items.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let key = b
            .gain_total
            .cmp_exact(&a.gain_total)
            .then(b.gain_level.cmp_exact(&a.gain_level))
            .then(a.level.cmp(&b.level));
        prop_assert!(key.is_le(), "{} before {}", a.requirement, b.requirement);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The plan has exactly as many upgrades as the smallest subset found by exhaustive
    /// search, really reaches the target, and states its S and level truthfully; every gap
    /// item's gains are what rescoring with that one upgrade measures.
    #[test]
    fn plan_is_minimal_and_gains_are_exact(s in small()) {
        check(&s)?;
    }
}

/// Fixed cases that land the plan exactly on the gate and on band bounds through thirds.
#[test]
fn plan_on_exact_boundaries() {
    // One sub-domain per level with three requirements: thirds everywhere.
    for rule in [
        TotalRule::SumUntilFirstUnmet,
        TotalRule::MetCountPlusPartial,
    ] {
        for ratings in [
            vec![0, 1, 2, 0, 2, 3, 1, 1, 1],
            vec![1, 1, 1, 1, 1, 1, 1, 1, 1],
            vec![2, 2, 2, 3, 3, 3, 3, 3, 3],
            vec![0, 0, 1, 0, 1, 1, 2, 2, 3],
        ] {
            let s = Small {
                levels: 3,
                breaks: vec![1],
                raw: vec![1, 2, 1, 1, 1, 1],
                decimals: vec![false; 6],
                counts: vec![vec![3, 3, 3], vec![3, 3, 3]],
                rule,
                ratings: ratings.iter().chain(&ratings).copied().collect(),
                target: None,
            };
            check(&s).unwrap();
            for target in 1..=3 {
                check(&Small {
                    target: Some(target),
                    ..s.clone()
                })
                .unwrap();
            }
        }
    }
}
