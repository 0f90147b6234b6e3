//! The rules of the model format, checked all at once so a user sees every fault in one run.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use crate::doc::{ModelDoc, Profile, Weight};
use crate::error::{ModelError, Problem, Rule};
use crate::exact::Ratio;
use crate::id::Id;
use crate::layout::{Layout, Node, ProfileIndex, RequirementRef};
use crate::text::Text;
use crate::unique_map::UniqueMap;

#[derive(Default)]
struct Report(Vec<Problem>);

impl Report {
    fn add(&mut self, rule: Rule, at: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem {
            rule,
            at: at.into(),
            message: message.into(),
        });
    }

    fn text(&mut self, at: &str, text: &Text) {
        if text.zh.trim().is_empty() {
            self.add(Rule::Empty, format!("{at}.zh"), "Chinese text is empty");
        }
    }

    fn id(&mut self, at: &str, id: &str, seen: &mut HashSet<String>, what: &str) {
        if id.trim().is_empty() || id.chars().any(char::is_whitespace) {
            self.add(
                Rule::Empty,
                format!("{at}.id"),
                format!("{what} id `{id}` is empty or contains whitespace"),
            );
        } else if !seen.insert(id.to_string()) {
            self.add(
                Rule::DuplicateId,
                format!("{at}.id"),
                format!("duplicate {what} id `{id}`"),
            );
        }
    }
}

/// Checks every rule of the model format; the flat layout and the profiles' indexes of a
/// valid document, or every fault by JSON path.
pub(crate) fn validate(doc: &ModelDoc) -> Result<(Layout, Vec<ProfileIndex>), ModelError> {
    let mut r = Report::default();
    if doc.id.trim().is_empty() {
        r.add(Rule::Empty, "id", "model id is empty");
    }
    if doc.version.trim().is_empty() {
        r.add(Rule::Empty, "version", "model version is empty");
    }
    r.text("title", &doc.title);
    r.text("below_first_level", &doc.below_first_level);
    check_levels(doc, &mut r);
    check_scale(doc, &mut r);
    check_gate_and_bands(doc, &mut r);
    let layout = build_layout(doc, &mut r);
    let mut profiles = Vec::new();
    if doc.profiles.is_empty() {
        r.add(Rule::NoProfile, "profiles", "the model has no profile");
    }
    let mut profile_ids = HashSet::new();
    for (i, p) in doc.profiles.iter().enumerate() {
        let at = format!("profiles[{i}]");
        r.id(&at, &p.id, &mut profile_ids, "profile");
        r.text(&format!("{at}.name"), &p.name);
        profiles.push(check_profile(doc, &layout, p, &at, &mut r));
    }
    if r.0.is_empty() {
        Ok((layout, profiles))
    } else {
        Err(ModelError::Invalid(r.0))
    }
}

fn level_count(doc: &ModelDoc) -> usize {
    doc.levels.len()
}

fn check_levels(doc: &ModelDoc, r: &mut Report) {
    if doc.levels.is_empty() || doc.levels.len() > 9 {
        r.add(
            Rule::Levels,
            "levels",
            format!("a model has 1 to 9 levels, not {}", doc.levels.len()),
        );
    }
    for (i, l) in doc.levels.iter().enumerate() {
        if usize::from(l.level) != i + 1 {
            r.add(
                Rule::Levels,
                format!("levels[{i}].level"),
                format!("level {} where level {} was expected", l.level, i + 1),
            );
        }
        r.text(&format!("levels[{i}].name"), &l.name);
    }
}

fn check_scale(doc: &ModelDoc, r: &mut Report) {
    if doc.scale.is_empty() {
        r.add(Rule::Scale, "scale", "the rating scale is empty");
    }
    let (mut keys, mut labels, mut values) = (HashSet::new(), HashSet::new(), HashSet::new());
    for (i, p) in doc.scale.iter().enumerate() {
        let at = format!("scale[{i}]");
        if p.key.trim().is_empty() {
            r.add(Rule::Empty, format!("{at}.key"), "scale key is empty");
        } else if !keys.insert(p.key.as_str()) {
            r.add(
                Rule::DuplicateId,
                format!("{at}.key"),
                format!("duplicate scale key `{}`", p.key),
            );
        }
        r.text(&format!("{at}.label"), &p.label);
        if !labels.insert(&*p.label.zh) {
            r.add(
                Rule::DuplicateId,
                format!("{at}.label.zh"),
                format!("duplicate scale label `{}`", p.label.zh),
            );
        }
        if p.value < Decimal::ZERO || p.value > Decimal::ONE {
            r.add(
                Rule::Scale,
                format!("{at}.value"),
                format!("scale value {} of `{}` is outside [0, 1]", p.value, p.key),
            );
        }
        if !values.insert(p.value.normalize()) {
            r.add(
                Rule::DuplicateId,
                format!("{at}.value"),
                format!("duplicate scale value {}", p.value),
            );
        }
    }
}

fn check_gate_and_bands(doc: &ModelDoc, r: &mut Report) {
    if doc.gate <= Decimal::ZERO || doc.gate > Decimal::ONE {
        r.add(
            Rule::Gate,
            "gate",
            format!("gate {} is outside (0, 1]", doc.gate),
        );
    }
    let top = Decimal::from(level_count(doc));
    if doc.bands.len() != level_count(doc) + 1 {
        r.add(
            Rule::Bands,
            "bands",
            format!(
                "{} bands for {} levels: one band per level 0 to {} is needed",
                doc.bands.len(),
                level_count(doc),
                level_count(doc)
            ),
        );
    }
    for (i, b) in doc.bands.iter().enumerate() {
        let at = format!("bands[{i}]");
        if usize::from(b.level) != i {
            r.add(
                Rule::Bands,
                format!("{at}.level"),
                format!("band for level {} where level {i} was expected", b.level),
            );
        }
        if b.min >= b.max {
            r.add(
                Rule::Bands,
                at.clone(),
                format!(
                    "band of level {} is empty: min {} ≥ max {}",
                    b.level, b.min, b.max
                ),
            );
        }
        if i == 0 && b.min != Decimal::ZERO {
            r.add(
                Rule::Bands,
                format!("{at}.min"),
                format!("the lowest band starts at {}, leaving a gap above 0", b.min),
            );
        }
        if let Some(next) = doc.bands.get(i + 1) {
            if b.max > next.min {
                r.add(
                    Rule::Bands,
                    format!("{at}.max"),
                    format!(
                        "bands of levels {} and {} overlap: {} > {}",
                        b.level, next.level, b.max, next.min
                    ),
                );
            } else if b.max < next.min {
                r.add(
                    Rule::Bands,
                    format!("{at}.max"),
                    format!(
                        "gap between bands of levels {} and {}: {} to {}",
                        b.level, next.level, b.max, next.min
                    ),
                );
            }
        } else if b.max != top {
            r.add(
                Rule::Bands,
                format!("{at}.max"),
                format!(
                    "the top band ends at {}, not at the highest total {top}",
                    b.max
                ),
            );
        }
    }
}

fn build_layout(doc: &ModelDoc, r: &mut Report) -> Layout {
    let mut l = Layout::default();
    let levels = level_count(doc);
    let (mut eids, mut dids, mut sids, mut rids) = (
        HashSet::new(),
        HashSet::new(),
        HashSet::new(),
        HashSet::new(),
    );
    if doc.elements.is_empty() {
        r.add(Rule::Structure, "elements", "the model has no element");
    }
    for (ei, e) in doc.elements.iter().enumerate() {
        let eat = format!("elements[{ei}]");
        r.id(&eat, &e.id, &mut eids, "element");
        r.text(&format!("{eat}.name"), &e.name);
        if e.domains.is_empty() {
            r.add(
                Rule::Structure,
                format!("{eat}.domains"),
                format!("element `{}` has no domain", e.id),
            );
        }
        let d0 = l.domains.len();
        for (di, d) in e.domains.iter().enumerate() {
            let dat = format!("{eat}.domains[{di}]");
            r.id(&dat, &d.id, &mut dids, "domain");
            r.text(&format!("{dat}.name"), &d.name);
            if d.sub_domains.is_empty() {
                r.add(
                    Rule::Structure,
                    format!("{dat}.sub_domains"),
                    format!("domain `{}` has no sub-domain", d.id),
                );
            }
            let s0 = l.sub_domains.len();
            for (si, s) in d.sub_domains.iter().enumerate() {
                let sat = format!("{dat}.sub_domains[{si}]");
                r.id(&sat, &s.id, &mut sids, "sub-domain");
                r.text(&format!("{sat}.name"), &s.name);
                if s.requirements.is_empty() {
                    r.add(
                        Rule::Structure,
                        format!("{sat}.requirements"),
                        format!("sub-domain `{}` has no requirement", s.id),
                    );
                }
                let sub_index = l.sub_domains.len();
                l.sub_domain_ids.entry(s.id.clone()).or_insert(sub_index);
                let r0 = l.requirements.len();
                let mut counts = vec![0u32; levels];
                for (qi, q) in s.requirements.iter().enumerate() {
                    let qat = format!("{sat}.requirements[{qi}]");
                    r.id(&qat, &q.id, &mut rids, "requirement");
                    r.text(&format!("{qat}.text"), &q.text);
                    if q.level == 0 || usize::from(q.level) > levels {
                        r.add(
                            Rule::LevelOutOfRange,
                            format!("{qat}.level"),
                            format!("requirement `{}` is at level {}, but the model has levels 1 to {levels}", q.id, q.level),
                        );
                    } else {
                        counts[usize::from(q.level) - 1] += 1;
                    }
                    l.requirement_ids
                        .entry(q.id.clone())
                        .or_insert(l.requirements.len());
                    l.requirements.push(RequirementRef {
                        id: q.id.clone(),
                        sub_domain: sub_index,
                        level: q.level,
                        text: q.text.clone(),
                    });
                }
                l.counts.push(counts);
                l.sub_domains.push(Node {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    parent: l.domains.len(),
                    children: r0..l.requirements.len(),
                });
            }
            l.domains.push(Node {
                id: d.id.clone(),
                name: d.name.clone(),
                parent: ei,
                children: s0..l.sub_domains.len(),
            });
        }
        l.elements.push(Node {
            id: e.id.clone(),
            name: e.name.clone(),
            parent: 0,
            children: d0..l.domains.len(),
        });
    }
    l
}

/// Resolves one layer of weights, reporting unknown, missing, invalid and negative ones.
fn layer_weights(
    map: &UniqueMap<Weight>,
    nodes: &[Node],
    at: &str,
    what: &str,
    r: &mut Report,
) -> Vec<Ratio> {
    let ids: HashMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (&*n.id, i)).collect();
    let mut out = vec![None; nodes.len()];
    for (id, w) in map.iter() {
        let wat = format!("{at}.{id}");
        let Some(&i) = ids.get(id) else {
            r.add(
                Rule::UnknownNode,
                wat,
                format!("weight for unknown {what} `{id}`"),
            );
            continue;
        };
        match w.value() {
            Some(v) if v.is_negative() => r.add(
                Rule::InvalidWeight,
                wat,
                format!("weight `{}` of {what} `{id}` is negative", w.text()),
            ),
            Some(v) => out[i] = Some(v),
            None => r.add(
                Rule::InvalidWeight,
                wat,
                format!(
                    "weight `{}` of {what} `{id}` is not an exact decimal (\"0.25\") or fraction (\"1/3\")",
                    w.text()
                ),
            ),
        }
    }
    for (i, n) in nodes.iter().enumerate() {
        if map.get(&n.id).is_none() {
            r.add(
                Rule::MissingWeight,
                at.to_string(),
                format!("no weight for {what} `{}`", n.id),
            );
            out[i] = Some(Ratio::ZERO);
        }
    }
    out.into_iter().map(|w| w.unwrap_or(Ratio::ZERO)).collect()
}

fn check_sum(
    weights: &[Ratio],
    range: std::ops::Range<usize>,
    at: &str,
    whose: &str,
    r: &mut Report,
) {
    let mut sum = Ratio::ZERO;
    for w in &weights[range] {
        match sum.checked_add(*w) {
            Some(s) => sum = s,
            None => {
                r.add(
                    Rule::WeightSum,
                    at.to_string(),
                    format!("weights of {whose} are too large to add up exactly"),
                );
                return;
            }
        }
    }
    if sum != Ratio::ONE {
        r.add(
            Rule::WeightSum,
            at.to_string(),
            format!("weights of {whose} sum to {sum}, not exactly 1"),
        );
    }
}

fn sub_domain_flags(ids: &[Id], l: &Layout, at: &str, r: &mut Report) -> Vec<bool> {
    let mut flags = vec![false; l.sub_domains.len()];
    for (i, id) in ids.iter().enumerate() {
        match l.sub_domain_ids.get(id) {
            Some(&s) if flags[s] => r.add(
                Rule::DuplicateId,
                format!("{at}[{i}]"),
                format!("sub-domain `{id}` is listed twice"),
            ),
            Some(&s) => flags[s] = true,
            None => r.add(
                Rule::UnknownNode,
                format!("{at}[{i}]"),
                format!("unknown sub-domain `{id}`"),
            ),
        }
    }
    flags
}

fn check_profile(
    doc: &ModelDoc,
    l: &Layout,
    p: &Profile,
    at: &str,
    r: &mut Report,
) -> ProfileIndex {
    let wat = format!("{at}.weights");
    let element_weights = layer_weights(
        &p.weights.elements,
        &l.elements,
        &format!("{wat}.elements"),
        "element",
        r,
    );
    let domain_weights = layer_weights(
        &p.weights.domains,
        &l.domains,
        &format!("{wat}.domains"),
        "domain",
        r,
    );
    let sub_domain_weights = layer_weights(
        &p.weights.sub_domains,
        &l.sub_domains,
        &format!("{wat}.sub_domains"),
        "sub-domain",
        r,
    );
    let problems_before = r.0.len();
    if !l.elements.is_empty() {
        check_sum(
            &element_weights,
            0..l.elements.len(),
            &format!("{wat}.elements"),
            "the elements",
            r,
        );
    }
    for e in &l.elements {
        check_sum(
            &domain_weights,
            e.children.clone(),
            &format!("{wat}.domains"),
            &format!("the domains of element `{}`", e.id),
            r,
        );
    }
    for d in &l.domains {
        check_sum(
            &sub_domain_weights,
            d.children.clone(),
            &format!("{wat}.sub_domains"),
            &format!("the sub-domains of domain `{}`", d.id),
            r,
        );
    }
    let excluded_by_default = sub_domain_flags(
        &p.excluded_by_default,
        l,
        &format!("{at}.excluded_by_default"),
        r,
    );
    let tailorable = sub_domain_flags(&p.tailorable, l, &format!("{at}.tailorable"), r);
    let index = ProfileIndex {
        element_weights,
        domain_weights,
        sub_domain_weights,
        excluded_by_default,
        tailorable,
    };
    if r.0.len() == problems_before {
        for n in 1..=level_count(doc) {
            let scorable = (0..l.sub_domains.len()).any(|s| {
                let d = l.sub_domains[s].parent;
                let e = l.domains[d].parent;
                !index.excluded_by_default[s]
                    && l.counts[s][n - 1] > 0
                    && !index.sub_domain_weights[s].is_zero()
                    && !index.domain_weights[d].is_zero()
                    && !index.element_weights[e].is_zero()
            });
            if !scorable {
                r.add(
                    Rule::NothingToScore,
                    at.to_string(),
                    format!("profile `{}` has nothing to score at level {n}: no in-scope sub-domain with a positive weight has a requirement there", p.id),
                );
            }
        }
    }
    index
}
