//! Portfolios: records read from batch NDJSON, blocking sub-domains, exact means, merging
//! partial portfolios, and the errors of records that do not belong.

mod common;

use cmmm_model::Model;
use cmmm_report::{Failure, Portfolio, PortfolioError, Record, Who};
use cmmm_score::Programmes;
use common::*;

/// A discrete assessment: every level-1 requirement fully met; at level 2 the sub-domains in
/// `weak` are not met and the others fully met; nothing met above.
fn assessment(weak: &[&str]) -> String {
    let model = Model::gbt39116_2020();
    let layout = model.layout();
    let ratings: Vec<String> = layout
        .requirements
        .iter()
        .map(|q| {
            let sub = &layout.sub_domains[q.sub_domain].id;
            let full = q.level == 1 || (q.level == 2 && !weak.contains(&&**sub));
            format!("{:?}: {:?}", q.id, if full { "full" } else { "none" })
        })
        .collect();
    format!(
        r#"{{"profile": "discrete", "ratings": {{{}}}}}"#,
        ratings.join(",")
    )
}

fn record(weak: &[&str]) -> Record {
    let (_, o) = parse_and_score(&assessment(weak));
    Record::parse(Model::gbt39116_2020(), &batch_line("t.ndjson", 1, &o)).unwrap()
}

#[test]
fn blocking_counts_the_sub_domains_below_the_gate() {
    let model = Model::gbt39116_2020();
    let weak = ["data", "network", "sales", "energy", "logistics"];
    let (_, o) = parse_and_score(&assessment(&weak));
    // T(2) = 15/20 < 0.8: level 1.
    assert_eq!(o.level, 1);
    let mut p = Portfolio::new(model, Programmes::embedded());
    p.add(&record(&weak)).unwrap();
    p.add(&record(&[])).unwrap();
    assert_eq!(p.levels()[1..3], [1, 1]);
    let md = p.report(Some("t")).markdown(None);
    // Level 2: only the enterprise below it counts, blocked by exactly the five weak
    // sub-domains (in model order among equals).
    let section = md
        .split("### Sub-domains most often blocking Level 2")
        .nth(1)
        .unwrap();
    let section = section.split("###").next().unwrap();
    assert!(section.contains("Enterprises below Level 2 Standardisation: 1."));
    let rows: Vec<&str> = section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| \\#"))
        .collect();
    let names: Vec<&str> = rows
        .iter()
        .map(|r| r.split(" | ").nth(1).unwrap())
        .collect();
    assert_eq!(
        names,
        ["Data", "Network", "Energy management", "Logistics", "Sales"]
    );
    // Level 3: both enterprises are below it, and every sub-domain falls short at level 3.
    let section = md
        .split("### Sub-domains most often blocking Level 3")
        .nth(1)
        .unwrap();
    let section = section.split("###").next().unwrap();
    assert!(section.contains("Enterprises below Level 3 Integration: 2."));
    assert_eq!(
        section
            .lines()
            .filter(|l| l.contains("| 2 | `██████████` 100.0% |"))
            .count(),
        20
    );
}

#[test]
fn means_are_exact() {
    let model = Model::gbt39116_2020();
    let mut p = Portfolio::new(model, Programmes::embedded());
    p.add(&record(&["data"])).unwrap();
    p.add(&record(&[])).unwrap();
    p.add(&record(&[])).unwrap();
    let data = model.sub_domain_index("data").unwrap();
    // D(data, 2) is 0, 1 and 1: the mean is exactly 2/3.
    let mean = p.mean(data, 2).unwrap();
    assert_eq!(mean.value(), "0.6666666666666666666666666667");
    assert_eq!(mean.display(), "0.67");
    assert_eq!(p.mean(data, 1).unwrap().value(), "1");
}

#[test]
fn merged_parts_equal_one_portfolio() {
    let model = Model::gbt39116_2020();
    let records: Vec<Record> = [
        &["data"][..],
        &[],
        &["sales", "energy", "network", "data", "skills"],
        &["logistics"],
    ]
    .iter()
    .map(|w| record(w))
    .collect();
    let mut whole = Portfolio::new(model, Programmes::embedded());
    for r in &records {
        whole.add(r).unwrap();
    }
    whole.add(&Record::Failed(Default::default())).unwrap();
    let mut a = Portfolio::new(model, Programmes::embedded());
    let mut b = Portfolio::new(model, Programmes::embedded());
    a.add(&records[0]).unwrap();
    a.add(&Record::Failed(Default::default())).unwrap();
    for r in &records[1..] {
        b.add(r).unwrap();
    }
    a.merge(b).unwrap();
    assert_eq!(
        a.report(Some("x")).markdown(Some("x")),
        whole.report(Some("x")).markdown(Some("x"))
    );
    assert_eq!(a.report(None).html(), whole.report(None).html());
}

#[test]
fn records_that_do_not_belong_are_errors() {
    let model = Model::gbt39116_2020();
    let (_, o) = scored("discrete");
    let line = batch_line("x", 1, &o);
    let other = line.replace("\"id\":\"gbt39116-2020\"", "\"id\":\"another-model\"");
    assert_ne!(line, other);
    assert!(matches!(
        Record::parse(model, &other),
        Err(PortfolioError::ModelMismatch { .. })
    ));
    let unknown = line.replace("\"id\":\"energy\"", "\"id\":\"teleportation\"");
    assert_eq!(
        Record::parse(model, &unknown).unwrap_err().code(),
        "portfolio-unknown-sub-domain"
    );
    // A D(s, n) above 1 in the sub-domain trace.
    let (head, tail) = line.split_at(line.find("\"sub_domains\":[{").unwrap());
    let bad = format!(
        "{head}{}",
        tail.replacen("\"scores\":[\"0.", "\"scores\":[\"7.", 1)
    );
    assert_eq!(
        Record::parse(model, &bad).unwrap_err().code(),
        "portfolio-bad-score"
    );
    for junk in ["", "{", "[]", "{\"status\": \"ok\"}", "null"] {
        assert_eq!(
            Record::parse(model, junk).unwrap_err().code(),
            "portfolio-json",
            "{junk:?}"
        );
    }
    assert_eq!(
        Record::parse(model, &error_line("x", 2)).unwrap(),
        Record::Failed(Box::new(Failure {
            who: Who {
                source: Some(("x".into(), 2)),
                ..Who::default()
            },
            code: "invalid-rating".into(),
            message: "…".into(),
        }))
    );
}
