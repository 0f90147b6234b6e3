//! Team self-assessments end to end: `cmmm template --part` gives each department its
//! sub-domains, each fills its part in (in any format), and `cmmm merge` puts them back
//! together (conflicts named with both sources, resolved only by a stated policy); `cmmm
//! compare` checks two independent assessments against each other; `--evidence-dir` turns
//! evidence references into a manifest of hashed files.

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
    let dir = scratch("team", "examples");
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
        // Every answer names the part it came from.
        let m: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&merged).unwrap()).unwrap();
        for (id, answer) in m["ratings"].as_object().unwrap() {
            assert!(
                answer["assessor"].as_str().is_some_and(|a| !a.is_empty()),
                "{example} {id}"
            );
        }
    }
}

#[test]
fn different_ratings_fail_with_both_sources_unless_a_policy_resolves_them() {
    let dir = scratch("team", "conflict");
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
    // Each merged answer names who rated it: the part's assessor.
    assert_eq!(lowest["assessor"], "质量部");
    assert_eq!(
        highest["assessor"],
        "内部自评小组 / internal self-assessment team"
    );

    // The report says who rated what, per sub-domain.
    let report = cmmm(&[
        "report",
        path(&dir.join("lowest.json")),
        "--format",
        "md",
        "--allow-missing",
    ]);
    assert!(report.status.success(), "{}", stderr(&report));
    let md = stdout(&report);
    assert!(md.contains("Who rated what"), "{md}");
    assert!(
        md.contains("质量部 (1)"),
        "the quality department rated one answer"
    );

    // … and keeps naming them in a sheet (the long layout's `rated_by` column).
    let csv = dir.join("lowest.csv");
    let out = cmmm(&[
        "convert",
        path(&dir.join("lowest.json")),
        "--to",
        "csv",
        "--out",
        path(&csv),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let back = cmmm(&["convert", path(&csv), "--to", "json"]);
    let back: serde_json::Value = serde_json::from_str(&stdout(&back)).unwrap();
    assert_eq!(back["ratings"]["production-ops.1.a"]["assessor"], "质量部");
}

#[test]
fn requirements_no_part_rates_are_listed_and_unknown_parts_refused() {
    let dir = scratch("team", "coverage");
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

#[test]
fn compare_reports_exactly_the_changed_ratings_and_an_independent_kappa() {
    let dir = scratch("team", "compare");
    let a_path = "data/examples/discrete.json";
    let a: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(common::root().join(a_path)).unwrap())
            .unwrap();
    // The example's ratings as keys (one of them is given as its Chinese label).
    let rating = |v: &serde_json::Value| {
        let r = v.as_str().or_else(|| v["rating"].as_str()).unwrap();
        match r {
            "全部满足" => "full",
            "大部分满足" => "most",
            "部分满足" => "partial",
            "不满足" => "none",
            key => key,
        }
        .to_string()
    };
    // Five ratings changed, each one or two steps down the scale.
    let order = ["none", "partial", "most", "full"];
    let mut b = a.clone();
    let mut changed = Vec::new();
    for (id, v) in a["ratings"].as_object().unwrap() {
        let r = rating(v);
        let at = order.iter().position(|o| *o == r).unwrap();
        if at >= 1 && changed.len() < 5 {
            let to = order[at - 1 - changed.len() % 2 * usize::from(at >= 2)];
            b["ratings"][id] = to.into();
            changed.push(id.clone());
        }
    }
    let b_path = dir.join("b.json");
    std::fs::write(&b_path, b.to_string()).unwrap();

    let out = cmmm(&["compare", a_path, path(&b_path), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let c: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(
        (c["compared"].as_u64(), c["identical"].as_u64()),
        (Some(300), Some(295))
    );
    assert_eq!(c["agreement"], "0.9833333333333333333333333333", "295/300");
    let differing: Vec<&str> = c["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["requirement"].as_str().unwrap())
        .collect();
    assert_eq!(
        differing,
        changed.iter().map(String::as_str).collect::<Vec<_>>()
    );

    // Linear-weighted kappa, computed here from the two files' ratings.
    let k = order.len();
    let mut n = vec![vec![0f64; k]; k];
    for (id, v) in a["ratings"].as_object().unwrap() {
        let i = order.iter().position(|o| *o == rating(v)).unwrap();
        let j = order
            .iter()
            .position(|o| *o == rating(&b["ratings"][id]))
            .unwrap();
        n[i][j] += 1.0;
    }
    let total: f64 = n.iter().flatten().sum();
    let row = |i: usize| n[i].iter().sum::<f64>();
    let col = |j: usize| (0..k).map(|i| n[i][j]).sum::<f64>();
    let (mut observed, mut chance) = (0.0, 0.0);
    for (i, counts) in n.iter().enumerate() {
        for (j, count) in counts.iter().enumerate() {
            let w = (i as f64 - j as f64).abs() / (k as f64 - 1.0);
            observed += w * count / total;
            chance += w * row(i) * col(j) / (total * total);
        }
    }
    let expected = 1.0 - observed / chance;
    let kappa: f64 = c["kappa"].as_str().unwrap().parse().unwrap();
    assert!(
        (kappa - expected).abs() < 1e-12,
        "kappa {kappa} vs {expected}"
    );
    assert!(kappa < 1.0 && kappa > 0.9);

    let text = cmmm(&["compare", a_path, path(&b_path)]);
    let t = stdout(&text);
    assert!(t.contains("295 of 300 requirements rated the same"), "{t}");
    assert!(
        t.contains(&format!("Rated differently (5):\n  {}", changed[0])),
        "{t}"
    );
}

/// The example with `evidence` references on its first answers.
fn with_evidence(dir: &Path, name: &str, references: &[&str]) -> std::path::PathBuf {
    let mut a: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("data/examples/discrete.json")).unwrap(),
    )
    .unwrap();
    let ids: Vec<String> = a["ratings"].as_object().unwrap().keys().cloned().collect();
    for (id, reference) in ids.iter().zip(references) {
        let v = a["ratings"][id].clone();
        let rating = v
            .as_str()
            .map_or_else(|| v["rating"].clone(), serde_json::Value::from);
        a["ratings"][id] = serde_json::json!({"rating": rating, "evidence": [reference]});
    }
    let file = dir.join(name);
    std::fs::write(&file, a.to_string()).unwrap();
    file
}

#[test]
fn evidence_files_are_hashed_missing_ones_warned_and_escapes_refused() {
    let dir = scratch("team", "evidence");
    let evidence = dir.join("evidence");
    std::fs::create_dir_all(evidence.join("docs/2026")).unwrap();
    std::fs::write(evidence.join("docs/policy.pdf"), b"%PDF policy").unwrap();
    std::fs::write(evidence.join("docs/2026/plan.xlsx"), vec![7u8; 100_000]).unwrap();
    std::fs::write(dir.join("secret.txt"), b"outside").unwrap();
    std::os::unix::fs::symlink(dir.join("secret.txt"), evidence.join("link.txt")).unwrap();
    // A link back to a parent directory: walked once, not forever.
    std::os::unix::fs::symlink(&evidence, evidence.join("docs/2026/loop")).unwrap();

    let good = with_evidence(
        &dir,
        "good.json",
        &["docs/policy.pdf", "plan.xlsx", "DOC-42 minutes"],
    );
    let out = cmmm(&[
        "score",
        path(&good),
        "--format",
        "json",
        "--detail",
        "summary",
        "--evidence-dir",
        path(&evidence),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let result: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let files = result["evidence"]["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    for f in files {
        let on_disk = evidence.join(f["file"].as_str().unwrap());
        let sum = std::process::Command::new("sha256sum")
            .arg(&on_disk)
            .output()
            .expect("sha256sum runs");
        let expected = String::from_utf8(sum.stdout).unwrap();
        assert_eq!(
            f["sha256"].as_str(),
            expected.split_whitespace().next(),
            "{on_disk:?}"
        );
        assert_eq!(
            f["size"].as_u64(),
            Some(std::fs::metadata(&on_disk).unwrap().len())
        );
    }
    assert_eq!(
        files[1]["file"], "docs/2026/plan.xlsx",
        "a bare name found anywhere under the directory"
    );
    assert_eq!(
        result["evidence"]["missing"][0]["reference"],
        "DOC-42 minutes"
    );
    // Every reference with no file (the example has its own document numbers too) is in
    // the manifest and named in the warning by its requirement.
    let missing = result["evidence"]["missing"].as_array().unwrap();
    let warning = result["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "missing-evidence")
        .expect("a missing-evidence warning");
    for m in missing {
        assert!(
            warning["ids"]
                .as_array()
                .unwrap()
                .contains(&m["requirement"]),
            "{m}"
        );
    }

    for (name, reference) in [
        ("up.json", "../secret.txt"),
        ("abs.json", "/etc/passwd"),
        ("link.json", "link.txt"),
    ] {
        let bad = with_evidence(&dir, name, &[reference]);
        let out = cmmm(&["score", path(&bad), "--evidence-dir", path(&evidence)]);
        assert_eq!(out.status.code(), Some(1), "{reference} is refused");
        assert!(
            stderr(&out).contains("[evidence-outside-dir]"),
            "{reference}: {}",
            stderr(&out)
        );
    }

    // The report lists the files with their hashes, and the references with no file.
    let report = cmmm(&[
        "report",
        path(&good),
        "--format",
        "md",
        "--evidence-dir",
        path(&evidence),
    ]);
    assert!(report.status.success(), "{}", stderr(&report));
    let md = stdout(&report);
    assert!(md.contains("Evidence files"), "{md}");
    assert!(md.contains(files[0]["sha256"].as_str().unwrap()), "{md}");
    assert!(md.contains("DOC-42 minutes"), "{md}");

    // In a batch, the escaping record fails on its own; the others carry their manifest.
    let out = cmmm(&[
        "batch",
        path(&good),
        path(&dir.join("up.json")),
        "--format",
        "ndjson",
        "--detail",
        "summary",
        "--evidence-dir",
        path(&evidence),
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let records: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        records[0]["result"]["evidence"]["files"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(records[1]["error"]["code"], "evidence-outside-dir");
}
