//! Faults a careless user or an attacker meets (the reliability issue's classes): a closed
//! standard error, an absurd `--jobs`, outputs onto what is not a regular file, the summary
//! onto the results, arrays where objects belong, a flood of structured keys, a model whose
//! exact arithmetic passes 128 bits.

use std::io::Read;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod common;
use common::{cmmm, root, stderr};

fn scratch(name: &str) -> PathBuf {
    common::scratch("robustness", name)
}

fn p(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// `cmmm batch ARGS --format csv`, asserting its exit code: the data rows of its output.
fn batch_rows(args: &[&str], code: i32) -> Vec<String> {
    let mut all = vec!["batch"];
    all.extend_from_slice(args);
    all.extend(["--format", "csv"]);
    let o = cmmm(&all);
    assert_eq!(o.status.code(), Some(code), "{all:?}: {}", stderr(&o));
    let out = String::from_utf8(o.stdout).expect("UTF-8 output");
    out.lines().skip(1).map(str::to_string).collect()
}

/// Asserts that the standard error of `o` holds `text`.
fn says(o: &std::process::Output, text: &str) {
    let err = stderr(o);
    assert!(err.contains(text), "{text} not in: {err}");
}

/// Asserts that `row` holds every one of `parts`.
fn has(row: &str, parts: &[&str]) {
    for part in parts {
        assert!(row.contains(part), "{part} not in {row}");
    }
}

/// Runs `cmmm ARGS` with its standard error a pipe whose reading end is already closed;
/// the exit code.
fn with_stderr_closed(args: &[&str]) -> Option<i32> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cmmm"))
        .args(args)
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cmmm starts");
    drop(child.stderr.take());
    child.wait().expect("cmmm ends").code()
}

#[test]
fn a_closed_standard_error_is_no_crash() {
    let dir = scratch("stderr");
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"profile": "discrete", "ratings": {"data.1.a": "sometimes"}}"#,
    )
    .unwrap();
    // An error message that cannot be written: still exit 1, not a panic (101).
    assert_eq!(with_stderr_closed(&["score", p(&bad)]), Some(1));
    // A complete batch whose closing summary cannot be written: still exit 0.
    let out = dir.join("out.csv");
    assert_eq!(
        with_stderr_closed(&[
            "batch",
            "data/examples/discrete.json",
            "--format",
            "csv",
            "--out",
            p(&out)
        ]),
        Some(0)
    );
    assert!(out.is_file());
}

#[test]
fn jobs_have_a_cap() {
    let o = cmmm(&["batch", "data/examples/discrete.json", "--jobs", "100000"]);
    assert_eq!(o.status.code(), Some(2));
    says(&o, "--jobs 100000: at most");
}

#[test]
fn outputs_onto_what_is_not_a_regular_file() {
    let dir = scratch("targets");
    // A FIFO is written in place, never replaced by a file.
    let fifo = dir.join("results.fifo");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            std::fs::File::open(&fifo)
                .expect("the FIFO opens")
                .read_to_string(&mut text)
                .expect("the FIFO reads");
            text
        })
    };
    let o = cmmm(&[
        "score",
        "data/examples/discrete.json",
        "--format",
        "json",
        "--out",
        p(&fifo),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = reader.join().unwrap();
    assert!(text.contains("\"self_assessed\": true"));
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO is still a FIFO");
    // The same for batch output.
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(&fifo).expect("the FIFO reads"))
    };
    let o = cmmm(&[
        "batch",
        "data/examples/discrete.json",
        "--format",
        "csv",
        "--out",
        p(&fifo),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(reader.join().unwrap().contains("discrete.json"));
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());

    // A symbolic link is followed: the file it names is replaced, the link stays a link.
    let real = dir.join("real.json");
    std::fs::write(&real, "old").unwrap();
    let link = dir.join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let o = cmmm(&[
        "score",
        "data/examples/discrete.json",
        "--format",
        "json",
        "--out",
        p(&link),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .contains("\"self_assessed\": true"));
    let o = cmmm(&["batch", "data/examples/discrete.json", "--out", p(&link)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .contains("\"status\":\"ok\""));

    // The summary onto the results is refused before anything is written.
    let out = dir.join("results.ndjson");
    let o = cmmm(&[
        "batch",
        "data/examples/discrete.json",
        "--out",
        p(&out),
        "--summary",
        p(&out),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    says(&o, "--summary");
    assert!(!out.exists());
    // Also through the link to the same file.
    let o = cmmm(&[
        "batch",
        "data/examples/discrete.json",
        "--out",
        p(&real),
        "--summary",
        p(&link),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn arrays_are_not_objects() {
    let dir = scratch("arrays");
    // A JSON file holding an array is a list of assessments; a whole assessment given as an
    // array is met on an NDJSON line.
    let cases = [
        (
            r#"{"profile": "discrete", "enterprise": ["Name", "code"], "ratings": {}}"#,
            "enterprise",
            "json",
        ),
        (
            r#"{"profile": "discrete", "tailoring": [["product-service", "reason"]], "ratings": {}}"#,
            "tailoring[0]",
            "json",
        ),
        (
            r#"[null, null, "discrete", null, null, null, [], [], {}]"#,
            ".",
            "ndjson",
        ),
    ];
    for (i, (text, path, ext)) in cases.iter().enumerate() {
        let f = dir.join(format!("a{i}.{ext}"));
        std::fs::write(&f, text).unwrap();
        let o = cmmm(&["score", p(&f)]);
        assert_eq!(o.status.code(), Some(1), "{text}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("[invalid-json]"), "{text}: {err}");
        assert!(err.contains(&format!("at {path} ")), "{text}: {err}");
    }
}

#[test]
fn a_flood_of_structured_keys_is_refused_like_any_unknown_key() {
    // 100,000 keys that differ only in their last digits (1.9 MB): read in linear time
    // (BENCHMARKS.md has the figures), and refused as unknown requirements.
    let dir = scratch("flood");
    let mut text = String::from(r#"{"profile": "discrete", "ratings": {"#);
    for i in 0..100_000 {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!("\"nope.{i}\": \"full\""));
    }
    text.push_str("}}");
    let f = dir.join("flood.json");
    std::fs::write(&f, &text).unwrap();
    let o = cmmm(&["score", p(&f)]);
    assert_eq!(o.status.code(), Some(1));
    says(&o, "[unknown-requirement]");
    // The same keys with one repeated at the end: the duplicate is found, by name.
    let dup = text.replacen("}}", r#","nope.99999": "full"}}"#, 1);
    std::fs::write(&f, dup).unwrap();
    let o = cmmm(&["score", p(&f)]);
    says(&o, "duplicate key `nope.99999`");
}

#[test]
fn one_bad_element_of_a_json_array_costs_that_element_only() {
    let dir = scratch("array");
    let example = std::fs::read_to_string(root().join("data/examples/discrete.json")).unwrap();
    let one: serde_json::Value = serde_json::from_str(&example).unwrap();
    let good = serde_json::to_string(&one).unwrap();
    // Five elements, one a line each: a syntax error in the second, a byte that is not
    // UTF-8 in the fourth.
    let mut bytes = format!(
        "[\n{good},\n{},\n{good},\n",
        good.replacen("\"profile\":", "\"profile\"", 1)
    )
    .into_bytes();
    let fourth = good.replacen(
        "\"profile\":\"discrete\"",
        "\"profile\":\"discrete\u{0}\"",
        1,
    );
    let mut fourth = fourth.into_bytes();
    let at = fourth.iter().position(|b| *b == 0).unwrap();
    fourth[at] = 0xFF;
    bytes.extend(fourth);
    bytes.extend(format!(",\n{good}\n]\n").into_bytes());
    let f = dir.join("five.json");
    std::fs::write(&f, &bytes).unwrap();
    let rows = batch_rows(&[p(&f)], 3);
    assert_eq!(rows.len(), 5, "{rows:?}");
    let status: Vec<bool> = rows.iter().map(|r| r.contains(",ok,")).collect();
    assert_eq!(status, [true, false, true, false, true], "{rows:?}");
    has(&rows[1], &[",3,", "invalid-json"]);
    has(&rows[3], &[",5,", "invalid-encoding"]);
}

#[test]
fn an_unclosed_quote_loses_no_assessment() {
    let dir = scratch("quote");
    let header = "assessment_id,profile,requirement_id,rating,comment";
    // A's comment opens a quote that is never closed: B, C and D are swallowed into it.
    let text = format!(
        "{header}\nA,discrete,org-strategy.1.a,full,\"oops\nA,discrete,org-strategy.1.b,full,\nB,discrete,org-strategy.1.a,full,\nC,discrete,org-strategy.1.a,full,\nD,discrete,org-strategy.1.a,full,fine\n"
    );
    let f = dir.join("quote.csv");
    std::fs::write(&f, text).unwrap();
    let o = cmmm(&["batch", p(&f), "--format", "csv"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    // Four assessments in, four records out, each at its own row.
    let seen: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r[3].as_str(), r[1].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("A", "2", "E"),
            ("B", "4", ""),
            ("C", "5", ""),
            ("D", "6", "")
        ]
    );
    assert!(rows[0][11].contains("never closed"), "{:?}", rows[0]);
    assert!(
        rows[1][11].contains("unclosed quote on row 2"),
        "{:?}",
        rows[1]
    );
    // A comment over several lines, quoted as it should be, is just a comment.
    let text = format!(
        "{header}\nA,discrete,org-strategy.1.a,full,\"line one\nline two, and more\"\nB,discrete,org-strategy.1.a,full,\n"
    );
    std::fs::write(&f, text).unwrap();
    let o = cmmm(&["batch", p(&f), "--format", "csv", "--allow-missing"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn multi_file_outputs_are_all_or_nothing() {
    let dir = scratch("multi");
    // The second of three files cannot be written (a directory stands in its place):
    // nothing is written, not the first file either.
    let out = dir.join("sheets");
    std::fs::create_dir_all(out.join("requirements.csv")).unwrap();
    let o = cmmm(&["model", "export", "--format", "csv", "--out", p(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    says(&o, "nothing was written");
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        left,
        ["requirements.csv"],
        "no file and no temporary file is left"
    );
    // Without the obstacle all three are written.
    std::fs::remove_dir(out.join("requirements.csv")).unwrap();
    let o = cmmm(&["model", "export", "--format", "csv", "--out", p(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 3);
    // The same for the schemas.
    let schemas = dir.join("schema");
    std::fs::create_dir_all(schemas.join("result.schema.json")).unwrap();
    let o = cmmm(&["schema", "--out-dir", p(&schemas)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(&schemas).unwrap().count(), 1);
}

#[test]
fn inputs_past_the_limits_are_error_records_not_aborts() {
    // /dev/zero never ends a line, a row or a file: each format stops at its limit with an
    // error record naming the limit and the option that raises it.
    for (format, option) in [
        ("ndjson", "--max-record-mb"),
        ("csv", "--max-file-mb"),
        ("json", "--max-file-mb"),
    ] {
        let o = cmmm(&[
            "batch",
            "/dev/zero",
            "--input-format",
            format,
            "--max-record-mb",
            "1",
            "--max-file-mb",
            "2",
            "--format",
            "csv",
        ]);
        assert!(
            matches!(o.status.code(), Some(1 | 3)),
            "{format}: {}",
            stderr(&o)
        );
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(
            out.contains("too-large") && out.contains(option),
            "{format}: {out}"
        );
    }
    // A CSV row past the limit: the assessments before it stand, the row is one record.
    let dir = scratch("limits");
    let f = dir.join("long-row.csv");
    let text = format!(
        "assessment_id,profile,requirement_id,rating\nA,discrete,org-strategy.1.a,full\nB,discrete,org-strategy.1.a,\"{}\n",
        "y".repeat(3 << 20)
    );
    std::fs::write(&f, text).unwrap();
    let rows = batch_rows(&[p(&f), "--max-record-mb", "1", "--allow-missing"], 3);
    assert_eq!(rows.len(), 2, "{rows:?}");
    has(&rows[0], &[",A,", ",ok,"]);
    has(&rows[1], &[",3,", "too-large"]);
}

#[test]
fn a_killed_run_leaves_nothing_behind() {
    let dir = scratch("killed");
    let input = dir.join("in.ndjson");
    cmmm_synth::run_from([
        "cmmm-synth",
        "--count",
        "4000",
        "--format",
        "ndjson",
        "--out",
        p(&input),
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    let out = dir.join("out.ndjson");
    std::fs::write(&out, "the previous results\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cmmm"))
        .args(["batch", p(&input), "--jobs", "1", "--out", p(&out)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("cmmm starts");
    // Long enough to be writing (full results of 4,000 records take seconds in a debug
    // build), then SIGKILL.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    child.kill().expect("the run is killed");
    let _ = child.wait();
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["in.ndjson", "out.ndjson"],
        "no temporary file is left"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "the previous results\n"
    );
}

#[test]
fn messages_name_each_place_once_and_never_as_a_question_mark() {
    let dir = scratch("messages");
    // Cut short inside the document: the document is the place, not `?`.
    let f = dir.join("cut.json");
    std::fs::write(&f, r#"{"profile": "discrete", "ratings": {}"#).unwrap();
    let err = stderr(&cmmm(&["score", p(&f)]));
    assert!(err.contains("assessment JSON at . ("), "{err}");
    assert!(!err.contains(" at ? "), "{err}");
    // A model file that cannot be read is named once.
    let missing = dir.join("no-model.json");
    let err = stderr(&cmmm(&[
        "score",
        "data/examples/discrete.json",
        "--model",
        p(&missing),
    ]));
    assert_eq!(err.matches(p(&missing)).count(), 1, "{err}");
}

#[test]
fn a_model_that_validates_scores_whatever_its_weights() {
    // Weights over 1000003, 999983 and 10^30: common denominators beyond 128 bits, which
    // once validated and then failed every score with "exact arithmetic overflowed".
    let dir = scratch("wide-weights");
    let vector: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/vectors/wide-weights.json")).unwrap(),
    )
    .unwrap();
    let assessment = dir.join("a.json");
    std::fs::write(&assessment, vector["assessment"].to_string()).unwrap();
    let model = "tests/vectors/models/wide.json";
    let o = cmmm(&["model", "validate", model]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = cmmm(&[
        "score",
        p(&assessment),
        "--model",
        model,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let result: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let expect = &vector["expect"];
    assert_eq!(result["total"], expect["total"]["value"]);
    assert_eq!(result["level"], expect["level"]);
}
