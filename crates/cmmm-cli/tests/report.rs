//! `cmmm report` end to end: HTML and Markdown reports of the examples, progress between
//! two of them, a portfolio of batch results, and the exit codes of bad calls.

use std::path::{Path, PathBuf};

mod common;
use common::{cmmm, stderr, stdout};

fn scratch(name: &str) -> PathBuf {
    common::scratch("report", name)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn html_reports_of_every_example_are_self_contained() {
    let dir = scratch("html");
    for example in [
        "discrete",
        "process-tailored",
        "level-0",
        "level-2-boundary",
    ] {
        let out = dir.join(format!("{example}.html"));
        let o = cmmm(&[
            "report",
            &format!("data/examples/{example}.json"),
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{example}: {}", stderr(&o));
        let html = read(&out);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(
            html.contains("Level ladder") && html.contains("Sub-domain radar"),
            "{example}"
        );
        assert!(html.contains("Self-assessment, not certified"));
        assert!(html.contains("Illustrative model — not an official assessment"));
        assert!(!html.contains("<script") && !html.contains(" src="));
        // One inline SVG per chart, no image file needed.
        assert!(html.matches("<svg ").count() >= 2, "{example}");
    }
    let html = read(&dir.join("discrete.html"));
    assert!(html.contains("Plan to reach Level 3 Integration"));
    let tailored = read(&dir.join("process-tailored.html"));
    assert!(tailored.contains("Bulk chemical products need no after-delivery product service."));
}

#[test]
fn markdown_reports_write_their_charts_beside_them() {
    let dir = scratch("md");
    let out = dir.join("report.md");
    let o = cmmm(&[
        "report",
        "data/examples/discrete.json",
        "--format",
        "md",
        "--lang",
        "zh",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = read(&out);
    assert!(md.starts_with("# 智能制造能力成熟度自评估报告"));
    for chart in ["ladder", "radar", "plan"] {
        assert!(md.contains(&format!("(<report.{chart}.svg>)")), "{chart}");
        let svg = read(&dir.join(format!("report.{chart}.svg")));
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
    }
    // On standard output the Markdown stands alone: no image links.
    let o = cmmm(&["report", "data/examples/discrete.json", "--format", "md"]);
    assert!(o.status.success());
    let md = stdout(&o);
    assert!(!md.contains(".svg"));
    assert!(md.contains("| T(2) | Level 2 Standardisation |") || md.contains("**T(2)**"));
}

#[test]
fn previous_adds_a_progress_section() {
    let o = cmmm(&[
        "report",
        "data/examples/discrete.json",
        "--previous",
        "data/examples/discrete-2025.json",
        "--format",
        "md",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(md.contains("## Progress"));
    assert!(
        md.contains("- **Total S**: **1.55 → 2.19** — +0.64"),
        "{md}"
    );
    assert!(md.contains("- **Level**: **1 → 2**"));
    assert!(md.contains("EX-2025-001 (2025-11-18)"));
}

#[test]
fn a_portfolio_of_batch_results() {
    let dir = scratch("portfolio");
    let input = dir.join("in.ndjson");
    let results = dir.join("results.ndjson");
    cmmm_synth::run_from([
        "cmmm-synth",
        "--count",
        "60",
        "--broken",
        "0.05",
        "--format",
        "ndjson",
        "--out",
        input.to_str().unwrap(),
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    let o = cmmm(&[
        "batch",
        input.to_str().unwrap(),
        "--out",
        results.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let out = dir.join("park.html");
    let o = cmmm(&[
        "report",
        "--portfolio",
        results.to_str().unwrap(),
        "--name",
        "Suzhou <Park> & Co",
        "--jobs",
        "2",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(&out);
    assert!(html.contains("Suzhou &lt;Park&gt; &amp; Co · 57 enterprises"));
    assert!(html.contains("3 record(s) failed to score"));
    assert!(html.contains("Distribution of levels"));
    assert!(html.contains("Sub-domains most often blocking Level 2 Standardisation"));
    assert!(html.contains("Sub-domains most often blocking Level 3 Integration"));

    // The same report whatever the number of threads.
    let one = cmmm(&[
        "report",
        "--portfolio",
        results.to_str().unwrap(),
        "--jobs",
        "1",
        "--format",
        "md",
    ]);
    let two = cmmm(&[
        "report",
        "--portfolio",
        results.to_str().unwrap(),
        "--jobs",
        "2",
        "--format",
        "md",
    ]);
    assert_eq!(stdout(&one), stdout(&two));

    // A line that is not a batch record names the file and line.
    let mut text = read(&results);
    text.push_str("{not json}\n");
    let broken = dir.join("broken.ndjson");
    std::fs::write(&broken, text).unwrap();
    let o = cmmm(&["report", "--portfolio", broken.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("broken.ndjson:61: not a batch result record"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bad_calls_exit_with_1_or_2() {
    // Usage: nothing to report on, or both an assessment and a portfolio.
    assert_eq!(cmmm(&["report"]).status.code(), Some(2));
    assert_eq!(
        cmmm(&[
            "report",
            "data/examples/discrete.json",
            "--portfolio",
            "x.ndjson"
        ])
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        cmmm(&["report", "data/examples/discrete.json", "--format", "pdf"])
            .status
            .code(),
        Some(2)
    );
    // Invalid input.
    let o = cmmm(&["report", "data/examples/no-such-file.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no-such-file.json"));
    let o = cmmm(&[
        "report",
        "data/examples/discrete.json",
        "--previous",
        "data/examples/no-such-file.json",
    ]);
    assert_eq!(o.status.code(), Some(1));
}
