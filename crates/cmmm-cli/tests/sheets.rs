//! One enterprise's sheet everywhere a JSON file goes, end to end: the shipped examples
//! converted to CSV and XLSX with `cmmm convert` score, report and report progress exactly as
//! their JSON does; the template as written fills in and scores; the park workflow (template
//! → sheets → batch → portfolio) names every enterprise.

use std::path::{Path, PathBuf};

mod common;
use common::{cmmm, root, stderr, stdout};

fn scratch(name: &str) -> PathBuf {
    common::scratch("sheets", name)
}

const EXAMPLES: [&str; 5] = [
    "discrete",
    "discrete-2025",
    "process-tailored",
    "level-0",
    "level-2-boundary",
];

fn ok(args: &[&str]) -> std::process::Output {
    let o = cmmm(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    o
}

fn p(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// The formats `convert` writes, with the file name ending of each.
const CONVERSIONS: [(&str, &str); 4] = [
    ("csv", "csv"),
    ("xlsx", "xlsx"),
    ("csv-wide", "wide.csv"),
    ("ndjson", "ndjson"),
];

/// Converts every example to every format in `dir`.
fn convert_examples(dir: &Path) {
    for e in EXAMPLES {
        let json = format!("data/examples/{e}.json");
        for (to, ext) in CONVERSIONS {
            let out = dir.join(format!("{e}.{ext}"));
            ok(&["convert", &json, "--to", to, "--out", p(&out)]);
        }
    }
}

#[test]
fn converted_examples_score_and_report_as_their_json() {
    let dir = scratch("convert");
    convert_examples(&dir);
    for e in EXAMPLES {
        let json = format!("data/examples/{e}.json");
        let want = stdout(&ok(&["score", &json, "--format", "json"]));
        for (_, ext) in CONVERSIONS {
            let sheet = dir.join(format!("{e}.{ext}"));
            let got = stdout(&ok(&["score", p(&sheet), "--format", "json"]));
            assert_eq!(got, want, "{e}.{ext}");
            // Back to JSON: the same result again.
            let back = dir.join(format!("{e}.{ext}.json"));
            ok(&["convert", p(&sheet), "--to", "json", "--out", p(&back)]);
            let again = stdout(&ok(&["score", p(&back), "--format", "json"]));
            assert_eq!(again, want, "{e}.{ext} → json");
        }
    }
    // A report from a CSV with progress from an XLSX is the report from the JSON files.
    let from_json = stdout(&ok(&[
        "report",
        "data/examples/discrete.json",
        "--previous",
        "data/examples/discrete-2025.json",
        "--format",
        "md",
    ]));
    let from_sheets = stdout(&ok(&[
        "report",
        p(&dir.join("discrete.csv")),
        "--previous",
        p(&dir.join("discrete-2025.xlsx")),
        "--format",
        "md",
    ]));
    assert_eq!(from_sheets, from_json);
}

#[test]
fn the_template_as_written_scores_once_the_ratings_are_in() {
    let dir = scratch("template");
    let t = dir.join("t.csv");
    ok(&["template", "--format", "csv", "--out", p(&t)]);
    let bytes = std::fs::read(&t).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark for Excel"
    );
    let text = String::from_utf8(bytes).unwrap();
    // Chinese texts by default for sheets.
    assert!(text.contains("应以书面形式表明发展智能制造的意向"));
    let mut rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let at = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (rating, level, id, name) = (
        at("rating"),
        at("level"),
        at("assessment_id"),
        at("enterprise_name"),
    );
    for row in &mut rows[1..] {
        row[rating] = if row[level] == "1" || row[level] == "2" {
            "全部满足".into()
        } else {
            "部分满足".into()
        };
    }
    // The id and the name typed on the first row only; saved as GBK.
    rows[1][id] = "E-001".into();
    rows[1][name] = "示例企业甲".into();
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in &rows {
        w.write_record(r).unwrap();
    }
    let utf8 = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&utf8);
    let filled = dir.join("filled.csv");
    std::fs::write(&filled, &gbk).unwrap();
    let o = ok(&["score", p(&filled), "--format", "json"]);
    let result: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(result["assessment"]["id"], "E-001");
    assert_eq!(result["assessment"]["enterprise"]["name"], "示例企业甲");
    assert_eq!(result["total"], "2.5");
    // Batch gives one scored enterprise, not one record per row.
    let o = ok(&["batch", p(&filled), "--format", "csv"]);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        out.lines().nth(1).unwrap().contains(",E-001,示例企业甲,"),
        "{out}"
    );
    // The XLSX template, filled the same way, scores the same.
    let x = dir.join("t.xlsx");
    ok(&["template", "--format", "xlsx", "--out", p(&x)]);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&x).unwrap();
    use calamine::Reader;
    let range = book.worksheet_range("问卷").unwrap();
    assert_eq!(range.height(), 301);
    let from_xlsx = dir.join("t-from-xlsx.json");
    ok(&["convert", p(&x), "--to", "json", "--out", p(&from_xlsx)]);
    let blank: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&from_xlsx).unwrap()).unwrap();
    assert_eq!(blank["ratings"].as_object().unwrap().len(), 300);
    // A few blank cells: the error names them and says how to go on; zh speaks Chinese.
    rows[5][rating] = String::new();
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in &rows {
        w.write_record(r).unwrap();
    }
    let blanks = dir.join("blanks.csv");
    std::fs::write(&blanks, w.into_inner().unwrap()).unwrap();
    let o = cmmm(&["score", p(&blanks)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--allow-missing"), "{}", stderr(&o));
    let o = cmmm(&["score", p(&blanks), "--lang", "zh"]);
    assert!(
        stderr(&o).contains("项范围内的要求未评分"),
        "{}",
        stderr(&o)
    );
    ok(&["score", p(&blanks), "--allow-missing"]);
}

#[test]
fn the_park_workflow_names_every_enterprise() {
    use calamine::{Data, Reader};
    let dir = scratch("park");
    convert_examples(&dir);
    let sheets: Vec<String> = EXAMPLES
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let ext = if i % 2 == 0 { "csv" } else { "xlsx" };
            p(&dir.join(format!("{e}.{ext}"))).to_string()
        })
        .collect();
    let mut args: Vec<&str> = vec!["batch"];
    args.extend(sheets.iter().map(String::as_str));
    let results = dir.join("results.ndjson");
    let xlsx = dir.join("results.xlsx");
    let mut ndjson_args = args.clone();
    ndjson_args.extend(["--out", p(&results)]);
    ok(&ndjson_args);
    let mut xlsx_args = args.clone();
    xlsx_args.extend(["--format", "xlsx", "--lang", "zh", "--out", p(&xlsx)]);
    ok(&xlsx_args);

    // Level and S are number cells, level 2 a boolean cell, the names are there.
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range("results").unwrap();
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert!(
        header.iter().any(|h| h.starts_with("卓越级智能工厂")),
        "{header:?}"
    );
    let mut names = Vec::new();
    for row in rows {
        assert!(
            matches!(row[col("level")], Data::Float(_)),
            "{:?}",
            row[col("level")]
        );
        assert!(matches!(row[col("total")], Data::Float(_)));
        assert!(matches!(row[col("meets_level_2")], Data::Bool(_)));
        names.push(row[col("enterprise_name")].to_string());
    }
    assert_eq!(names.len(), EXAMPLES.len());

    let report = dir.join("park.html");
    ok(&[
        "report",
        "--portfolio",
        p(&results),
        "--name",
        "示例园区",
        "--lang",
        "zh",
        "--out",
        p(&report),
    ]);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("企业名单"));
    for e in EXAMPLES {
        let text = std::fs::read_to_string(root().join(format!("data/examples/{e}.json"))).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let name = v["enterprise"]["name"].as_str().unwrap();
        let escaped = name.replace('&', "&amp;");
        assert!(html.contains(&escaped), "{name} is in the roster");
    }
}

#[test]
fn a_sheet_of_several_enterprises_is_for_batch() {
    let dir = scratch("several");
    let text = "assessment_id,profile,requirement_id,rating\nA,discrete,org-strategy.1.a,full\nB,discrete,org-strategy.1.a,full\n";
    let f = dir.join("two.csv");
    std::fs::write(&f, text).unwrap();
    let o = cmmm(&["score", p(&f)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("holds 2 assessments"), "{}", stderr(&o));
    assert!(stderr(&o).contains("cmmm batch"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("[several-assessments]"),
        "{}",
        stderr(&o)
    );
}
