//! Snapshot tests: the Markdown reports (English and Chinese) and the SVG charts of the
//! example assessments, a progress report between two of them, and a portfolio of all of
//! them, compared byte for byte with the files in `tests/snapshots/`. Run with
//! `UPDATE_SNAPSHOTS=1` to rewrite the files after an intended change, and review the diff.

mod common;

use std::path::PathBuf;

use cmmm_model::{Lang, Model};
use cmmm_report::{Portfolio, Record, Report};
use cmmm_score::Programmes;
use common::*;

fn snapshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

/// Compares `actual` with the snapshot `name`, or rewrites it under `UPDATE_SNAPSHOTS=1`.
fn check(name: &str, actual: &str, failures: &mut Vec<String>) {
    let path = snapshot_dir().join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(snapshot_dir()).expect("snapshot dir");
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            failures.push(format!(
                "{name}: cannot read the snapshot ({e}); run with UPDATE_SNAPSHOTS=1"
            ));
            return;
        }
    };
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        failures.push(format!(
            "{name}: differs from line {}:\n  expected: {}\n  actual:   {}",
            line + 1,
            expected.lines().nth(line).unwrap_or("<end>"),
            actual.lines().nth(line).unwrap_or("<end>")
        ));
    }
}

fn finish(failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{} snapshot(s) differ (UPDATE_SNAPSHOTS=1 rewrites them):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// SVGs are stored one element per line, so that diffs are readable.
fn lines(svg: &str) -> String {
    svg.replace("><", ">\n<") + "\n"
}

#[test]
fn example_reports_match_their_snapshots() {
    let model = Model::gbt39116_2020();
    let mut failures = Vec::new();
    for stem in EXAMPLES {
        let (assessment, outcome) = scored(stem);
        for (lang, tag) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
            let report = Report::new(model, &assessment, &outcome).lang(lang);
            check(
                &format!("{stem}.{tag}.md"),
                &report.markdown(Some(stem)),
                &mut failures,
            );
        }
        let report = Report::new(model, &assessment, &outcome);
        for (name, svg) in report.charts() {
            assert_well_formed(&svg, &format!("{stem} {name}"));
            check(&format!("{stem}.{name}.svg"), &lines(&svg), &mut failures);
        }
    }
    finish(failures);
}

#[test]
fn the_progress_report_matches_its_snapshot() {
    let model = Model::gbt39116_2020();
    let (before_a, before_o) = scored(PROGRESS.0);
    let (after_a, after_o) = scored(PROGRESS.1);
    let mut failures = Vec::new();
    for (lang, tag) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
        let report = Report::new(model, &after_a, &after_o)
            .previous(&before_a, &before_o)
            .lang(lang);
        check(
            &format!("progress.{tag}.md"),
            &report.markdown(Some("progress")),
            &mut failures,
        );
    }
    let report = Report::new(model, &after_a, &after_o).previous(&before_a, &before_o);
    let charts = report.charts();
    let (_, svg) = charts
        .iter()
        .find(|(name, _)| *name == "progress")
        .expect("a progress chart");
    assert_well_formed(svg, "progress chart");
    check("progress.progress.svg", &lines(svg), &mut failures);
    finish(failures);
}

#[test]
fn the_portfolio_of_the_examples_matches_its_snapshot() {
    let model = Model::gbt39116_2020();
    let mut portfolio = Portfolio::new(model, Programmes::embedded());
    let mut stems: Vec<&str> = EXAMPLES.to_vec();
    stems.push(PROGRESS.0);
    for (i, stem) in stems.iter().enumerate() {
        let (_, outcome) = scored(stem);
        let line = batch_line("examples.ndjson", i as u64 + 1, &outcome);
        portfolio
            .add(&Record::parse(model, &line).unwrap())
            .unwrap();
    }
    portfolio
        .add(&Record::parse(model, &error_line("examples.ndjson", 9)).unwrap())
        .unwrap();
    assert_eq!((portfolio.scored(), portfolio.failed()), (5, 1));
    let mut failures = Vec::new();
    let name = "示例园区 <Example Park> & Co";
    for (lang, tag) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
        let report = portfolio.report(Some(name)).lang(lang);
        check(
            &format!("portfolio.{tag}.md"),
            &report.markdown(Some("portfolio")),
            &mut failures,
        );
    }
    for (chart, svg) in portfolio.report(Some(name)).charts() {
        assert_well_formed(&svg, chart);
        check(
            &format!("portfolio.{chart}.svg"),
            &lines(&svg),
            &mut failures,
        );
    }
    finish(failures);
}
