//! Team self-assessments end to end: `cmmm template --part` gives each department its
//! sub-domains, each fills its part in (in any format), and `cmmm merge` puts them back
//! together; conflicts are named with both sources and resolved only by a stated policy.

use std::path::Path;

mod common;
use common::{cmmm, scratch, stderr, stdout};

/// `cmmm score --format json --detail full` of `file`.
fn result(file: &str) -> serde_json::Value {
    let out = cmmm(&["score", "--format", "json", "--detail", "full", file]);
    assert!(out.status.success(), "{file}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("a result")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

#[test]
fn parts_of_every_example_merge_back_to_its_result() {
    let dir = scratch("merge", "examples");
    // The parts as three departments return them: one element per format.
    let parts = [
        ("personnel", "csv", "hr.csv"),
        ("technology,resource", "xlsx", "it.xlsx"),
        ("manufacturing", "json", "production.json"),
    ];
    for example in [
        "discrete",
        "discrete-2025",
        "level-2-boundary",
        "process-tailored",
    ] {
        let from = format!("data/examples/{example}.json");
        let mut files = Vec::new();
        for (part, format, name) in parts {
            let file = dir.join(format!("{example}-{name}"));
            let out = cmmm(&[
                "template",
                "--from",
                &from,
                "--part",
                part,
                "--format",
                format,
                "--out",
                path(&file),
            ]);
            assert!(out.status.success(), "{example} {part}: {}", stderr(&out));
            files.push(file);
        }
        let merged = dir.join(format!("{example}-merged.json"));
        let mut args = vec!["merge"];
        args.extend(files.iter().map(|f| path(f)));
        args.extend(["--out", path(&merged)]);
        let out = cmmm(&args);
        assert!(out.status.success(), "{example}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("no part rates"),
            "{example}: {}",
            stderr(&out)
        );
        assert_eq!(
            result(path(&merged)),
            result(&from),
            "{example}: merged vs the original"
        );
    }
}

#[test]
fn different_ratings_fail_with_both_sources_unless_a_policy_resolves_them() {
    let dir = scratch("merge", "conflict");
    let example = "data/examples/discrete.json";
    let a = dir.join("production.json");
    let out = cmmm(&[
        "template",
        "--from",
        example,
        "--part",
        "production-ops",
        "--out",
        path(&a),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut part: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&a).expect("part")).expect("JSON");
    part["assessor"] = "质量部".into();
    part["ratings"]["production-ops.1.a"]["rating"] = "partial".into();
    let b = dir.join("quality.json");
    std::fs::write(&b, part.to_string()).expect("write");
    let original = part["ratings"]["production-ops.1.a"].clone();
    let given = serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(&a).unwrap())
        .unwrap()["ratings"]["production-ops.1.a"]["rating"]
        .clone();
    assert_ne!(original["rating"], given, "the two parts differ");

    let out = cmmm(&[
        "merge",
        path(&a),
        path(&b),
        "--out",
        path(&dir.join("m.json")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(e.contains("[conflicting-ratings]"), "{e}");
    assert!(e.contains("ratings.production-ops.1.a"), "{e}");
    assert!(
        e.contains("production.json") && e.contains("quality.json"),
        "both sources: {e}"
    );
    assert!(e.contains("(质量部) `partial`"), "who and what: {e}");
    assert!(!dir.join("m.json").exists(), "nothing written on failure");

    let rated = |policy: &str| {
        let out_file = dir.join(format!("{policy}.json"));
        let out = cmmm(&[
            "merge",
            path(&a),
            path(&b),
            "--on-conflict",
            policy,
            "--out",
            path(&out_file),
        ]);
        assert!(out.status.success(), "{policy}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("kept `"),
            "the resolution is reported"
        );
        let merged: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out_file).unwrap()).unwrap();
        merged["ratings"]["production-ops.1.a"].clone()
    };
    // The example rates it `full` or `most`: above `partial` either way.
    let highest = rated("highest");
    assert_eq!(highest["rating"], given);
    let lowest = rated("lowest");
    assert_eq!(lowest["rating"], "partial");
}

#[test]
fn requirements_no_part_rates_are_listed_and_unknown_parts_refused() {
    let dir = scratch("merge", "coverage");
    let a = dir.join("data.json");
    let out = cmmm(&[
        "template",
        "--from",
        "data/examples/discrete.json",
        "--part",
        "data",
        "--out",
        path(&a),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cmmm(&["merge", path(&a), "--out", path(&dir.join("m.json"))]);
    assert!(out.status.success(), "{}", stderr(&out));
    let e = stderr(&out);
    assert!(e.contains("in-scope requirement(s) no part rates"), "{e}");
    assert!(
        e.contains("org-strategy.1.a") && !e.contains("data.1.a,"),
        "{e}"
    );

    let out = cmmm(&["template", "--part", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("`nope` is neither a sub-domain nor an element"));
}
