//! `cmmm batch` end to end: every input format scores alike, broken records become error
//! records, input order survives parallelism, outputs are written whole, exit codes.
//!
//! Inputs come from the `cmmm-synth` generator (deterministic per seed) and from
//! small files written here, whose expected line numbers are counted while writing them.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------------------

/// A fresh scratch directory for one test, removed when the test passes (kept for a look
/// when it fails).
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("cmmm-batch-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    Scratch(dir)
}

/// Runs `cmmm` in `dir`, so that paths given (and the `file` column) are relative to it.
fn cmmm(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cmmm"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("cmmm runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

/// Synthetic records (the `cmmm-synth` generator) into `dir/out`.
fn generate(
    dir: &Path,
    out: &str,
    format: &str,
    count: usize,
    seed: u64,
    broken: &str,
    extra: &[&str],
) {
    let (count, seed) = (count.to_string(), seed.to_string());
    let out = dir.join(out);
    let out = out.to_str().expect("a UTF-8 path");
    let mut args = vec![
        "cmmm-synth",
        "--count",
        &count,
        "--seed",
        &seed,
        "--format",
        format,
        "--broken",
        broken,
        "--out",
        out,
    ];
    args.extend_from_slice(extra);
    cmmm_synth::run_from(&args).unwrap_or_else(|e| panic!("{args:?}: {e}"));
}

/// `cmmm batch ARGS` in `dir`, asserting its exit code.
fn batch(dir: &Path, args: &[&str], code: i32) -> Output {
    let mut all = vec!["batch"];
    all.extend_from_slice(args);
    let o = cmmm(dir, &all);
    assert_eq!(o.status.code(), Some(code), "{all:?}: {}", stderr(&o));
    o
}

/// Files in `dir` (not recursive), sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("a directory")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------------------------
// Reading the outputs
// ---------------------------------------------------------------------------------------

/// The leading columns of the flat output, before the t1…tn, meets-level-2 and programme
/// columns.
const FLAT_COLUMNS: [&str; 16] = [
    "file",
    "line",
    "column",
    "assessment_id",
    "enterprise_name",
    "enterprise_code",
    "industry",
    "region",
    "status",
    "error_code",
    "error_location",
    "error_message",
    "profile",
    "level",
    "total",
    "total_display",
];

/// A CSV output: its header and rows.
#[derive(Debug, PartialEq)]
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// One error record: file, line, assessment id, error code.
type ErrorRow = (String, u64, String, String);

impl Table {
    fn parse(bytes: &[u8]) -> Table {
        // The output starts with a byte-order mark, for Excel and WPS (the csv crate skips
        // it).
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no byte-order mark");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes);
        let mut rows = reader.records().map(|r| {
            r.expect("a CSV row")
                .iter()
                .map(str::to_string)
                .collect::<Vec<String>>()
        });
        let header = rows.next().expect("a header");
        let rows: Vec<Vec<String>> = rows.collect();
        assert_eq!(header[..FLAT_COLUMNS.len()], FLAT_COLUMNS);
        for row in &rows {
            assert_eq!(row.len(), header.len(), "{row:?}");
        }
        Table { header, rows }
    }

    fn read(path: &Path) -> Table {
        Table::parse(&std::fs::read(path).expect("an output file"))
    }

    fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.header))
    }

    fn column(&self, name: &str) -> Vec<&str> {
        let c = self.col(name);
        self.rows.iter().map(|r| r[c].as_str()).collect()
    }

    fn cell(&self, row: usize, name: &str) -> &str {
        &self.rows[row][self.col(name)]
    }

    fn lines(&self) -> Vec<u64> {
        self.column("line")
            .iter()
            .map(|l| l.parse().expect("a line number"))
            .collect()
    }

    /// Every row without its `file`, `line` and `column` cells (what must not depend on the
    /// layout) and without the enterprise columns (which the generator's sheets leave out):
    /// the assessment id, then `status` and the rest.
    fn results(&self) -> Vec<Vec<String>> {
        self.rows.iter().map(|r| Table::result(r)).collect()
    }

    fn result(r: &[String]) -> Vec<String> {
        r[3..4].iter().chain(&r[8..]).cloned().collect()
    }

    /// The results of the rows with status `ok`.
    fn ok_results(&self) -> Vec<Vec<String>> {
        let status = self.col("status");
        self.rows
            .iter()
            .filter(|r| r[status] == "ok")
            .map(|r| Table::result(r))
            .collect()
    }

    fn errors(&self) -> Vec<ErrorRow> {
        let status = self.col("status");
        self.rows
            .iter()
            .filter(|r| r[status] == "error")
            .map(|r| {
                (
                    r[0].clone(),
                    r[1].parse().expect("a line number"),
                    r[self.col("assessment_id")].clone(),
                    r[self.col("error_code")].clone(),
                )
            })
            .collect()
    }
}

/// The records of an NDJSON output.
fn ndjson(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("an NDJSON record"))
        .collect()
}

fn err(file: &str, line: u64, id: &str, code: &str) -> ErrorRow {
    (file.into(), line, id.into(), code.into())
}

/// `SYN-seed-number`, the generator's assessment id.
fn syn(seed: u64, number: usize) -> String {
    format!("SYN-{seed}-{number:07}")
}

/// The 1-based line of the first row of each assessment in a long CSV written by the
/// generator (no quoted line breaks, `\n` line ends), in order.
fn long_csv_first_lines(path: &Path) -> Vec<u64> {
    let mut reader = csv::Reader::from_path(path).expect("a CSV input");
    let mut out = Vec::new();
    let mut last = String::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.expect("a CSV row");
        if row[0] != *last {
            last = row[0].to_string();
            out.push(i as u64 + 2);
        }
    }
    out
}

/// The 1-based line of the row at fault in each assessment of a long CSV written by the
/// generator, for an error of `code`: the row of a requirement the model lacks, or of a
/// rating off the scale; the assessment's first row for the others.
fn long_csv_fault_lines(path: &Path, codes: &[(usize, &str)]) -> Vec<u64> {
    let model = cmmm_model::Model::gbt39116_2020();
    let on_scale = |r: &str| {
        r.is_empty()
            || model
                .scale()
                .iter()
                .any(|p| p.key == r || &*p.label.zh == r || p.value.to_string() == r)
    };
    let mut reader = csv::Reader::from_path(path).expect("a CSV input");
    let header = reader.headers().expect("a header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (requirement, rating) = (col("requirement_id"), col("rating"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a CSV row")).collect();
    let first = long_csv_first_lines(path);
    codes
        .iter()
        .map(|&(number, code)| {
            let start = first[number - 1];
            let mine = rows[(start - 2) as usize..]
                .iter()
                .take_while(|r| r[0] == rows[(start - 2) as usize][0])
                .enumerate();
            let fault = |(i, r): (usize, &csv::StringRecord)| {
                let bad = match code {
                    "unknown-requirement" => model.requirement_index(&r[requirement]).is_none(),
                    "invalid-rating" => !on_scale(&r[rating]),
                    _ => i == 0,
                };
                bad.then_some(start + i as u64)
            };
            mine.clone().find_map(fault).expect("the row at fault")
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Hand-written assessments
// ---------------------------------------------------------------------------------------

/// A requirement of the embedded model.
struct Req {
    id: String,
    sub_domain: String,
    sub_index: usize,
    level: u8,
}

fn requirements() -> Vec<Req> {
    let layout = cmmm_model::Model::gbt39116_2020().layout();
    layout
        .requirements
        .iter()
        .map(|r| Req {
            id: r.id.to_string(),
            sub_domain: layout.sub_domains[r.sub_domain].id.to_string(),
            sub_index: r.sub_domain,
            level: r.level,
        })
        .collect()
}

/// A hand-written assessment whose ratings follow a maturity `k`: requirements up to level
/// `k` are (nearly all) met, those of level `k + 1` partly, those above hardly.
#[derive(Clone)]
struct Spec {
    id: String,
    profile: &'static str,
    k: u8,
    include: Vec<&'static str>,
    tailoring: Vec<(&'static str, &'static str)>,
}

impl Spec {
    fn new(id: &str, profile: &'static str, k: u8) -> Spec {
        Spec {
            id: id.into(),
            profile,
            k,
            include: Vec::new(),
            tailoring: Vec::new(),
        }
    }

    fn in_scope(&self, r: &Req) -> bool {
        let (_, p) = cmmm_model::Model::gbt39116_2020()
            .profile(self.profile)
            .expect("a profile of the model");
        (!p.excluded_by_default[r.sub_index] || self.include.contains(&r.sub_domain.as_str()))
            && !self.tailoring.iter().any(|(s, _)| *s == r.sub_domain)
    }

    /// (requirement id, rating) of every in-scope requirement, in model order.
    fn ratings(&self, reqs: &[Req]) -> Vec<(String, String)> {
        reqs.iter()
            .enumerate()
            .filter(|(_, r)| self.in_scope(r))
            .map(|(i, r)| {
                let rating = match r.level.cmp(&(self.k + 1)) {
                    Ordering::Less if i % 5 == 0 => "全部满足",
                    Ordering::Less => "full",
                    Ordering::Equal if i % 2 == 0 => "partial",
                    Ordering::Equal => "0.8",
                    Ordering::Greater if i % 3 == 0 => "部分满足",
                    Ordering::Greater => "none",
                };
                (r.id.clone(), rating.to_string())
            })
            .collect()
    }

    fn include_cell(&self) -> String {
        self.include.join(";")
    }

    fn tailoring_cell(&self) -> String {
        self.tailoring
            .iter()
            .map(|(s, r)| format!("{s}={r}"))
            .collect::<Vec<_>>()
            .join(";")
    }

    /// The assessment as JSON, with `ratings` as given.
    fn json_with(&self, ratings: serde_json::Map<String, Value>) -> Value {
        let mut v = json!({"id": self.id, "profile": self.profile, "ratings": ratings});
        if !self.include.is_empty() {
            v["include"] = json!(self.include);
        }
        if !self.tailoring.is_empty() {
            v["tailoring"] = self
                .tailoring
                .iter()
                .map(|(s, r)| json!({"sub_domain": s, "reason": r}))
                .collect();
        }
        v
    }

    fn json(&self, reqs: &[Req]) -> Value {
        self.json_with(
            self.ratings(reqs)
                .into_iter()
                .map(|(id, r)| (id, Value::String(r)))
                .collect(),
        )
    }

    /// The rows of the long layout, under [`LONG_HEADER`].
    fn long_rows(&self, reqs: &[Req]) -> Vec<[String; 8]> {
        self.ratings(reqs)
            .into_iter()
            .map(|(req, rating)| {
                [
                    self.id.clone(),
                    self.profile.to_string(),
                    req,
                    rating,
                    String::new(),
                    String::new(),
                    self.include_cell(),
                    self.tailoring_cell(),
                ]
            })
            .collect()
    }
}

const LONG_HEADER: &str =
    "assessment_id,profile,requirement_id,rating,evidence,comment,include,tailoring";

/// A CSV field, quoted when it must be.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A CSV text being written, counting lines as they go.
struct CsvText {
    text: String,
    eol: &'static str,
    /// The line the next row starts on.
    line: u64,
}

impl CsvText {
    fn new(header: &str, eol: &'static str) -> CsvText {
        CsvText {
            text: format!("{header}{eol}"),
            eol,
            line: 2,
        }
    }

    fn blank(&mut self) {
        self.text.push_str(self.eol);
        self.line += 1;
    }

    /// Writes one row; returns its line.
    fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> u64 {
        let start = self.line;
        let row = cells
            .iter()
            .map(|c| field(c.as_ref()))
            .collect::<Vec<_>>()
            .join(",");
        self.line += 1 + row.matches('\n').count() as u64;
        self.text.push_str(&row);
        self.text.push_str(self.eol);
        start
    }

    /// Writes rows; returns the line of the first.
    fn rows(&mut self, rows: &[[String; 8]]) -> u64 {
        let first = self.line;
        for r in rows {
            self.row(r);
        }
        first
    }
}

/// The wide layout of `specs`, without the requirement columns in `drop`.
fn wide_csv(specs: &[&Spec], reqs: &[Req], drop: &[&str]) -> String {
    let columns: Vec<&str> = reqs
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| !drop.contains(id))
        .collect();
    let mut header = vec!["assessment_id", "profile", "include", "tailoring"];
    header.extend(&columns);
    let mut csv = CsvText::new(&header.join(","), "\n");
    for spec in specs {
        let ratings = spec.ratings(reqs);
        let mut cells = vec![
            spec.id.clone(),
            spec.profile.to_string(),
            spec.include_cell(),
            spec.tailoring_cell(),
        ];
        cells.extend(columns.iter().map(|c| {
            ratings
                .iter()
                .find(|(id, _)| id == c)
                .map_or_else(String::new, |(_, r)| r.clone())
        }));
        csv.row(&cells);
    }
    csv.text
}

fn ndjson_text(values: &[Value]) -> String {
    values.iter().map(|v| format!("{v}\n")).collect()
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("a directory");
    }
    std::fs::write(path, text).expect("an input file");
}

// ---------------------------------------------------------------------------------------
// 1. Every input format scores alike
// ---------------------------------------------------------------------------------------

#[test]
fn every_input_format_scores_to_identical_results() {
    const N: usize = 30;
    const SEED: u64 = 5;
    let dir = scratch("formats");
    let inputs: [(&str, &str, &[&str]); 8] = [
        ("in.ndjson", "ndjson", &[]),
        ("in.json", "json", &[]),
        ("long.csv", "csv-long", &[]),
        ("wide.csv", "csv-wide", &[]),
        ("long.xlsx", "xlsx-long", &[]),
        ("wide.xlsx", "xlsx-wide", &[]),
        ("gbk.csv", "csv-long", &["--encoding", "gbk"]),
        ("bom.csv", "csv-long", &["--encoding", "utf-8-bom"]),
    ];
    let mut tables = Vec::new();
    for (file, format, extra) in inputs {
        generate(&dir, file, format, N, SEED, "0", extra);
        let out = format!("{file}.out.csv");
        let o = batch(&dir, &[file, "--format", "csv", "--out", &out], 0);
        assert!(o.stdout.is_empty(), "{file}: the output goes to --out");
        tables.push((file, Table::read(&dir.join(&out))));
    }
    // The encodings are what they claim to be.
    let gbk = std::fs::read(dir.join("gbk.csv")).expect("gbk.csv");
    assert!(std::str::from_utf8(&gbk).is_err(), "GBK is not UTF-8");
    let bom = std::fs::read(dir.join("bom.csv")).expect("bom.csv");
    assert_eq!(bom[..3], *b"\xEF\xBB\xBF");
    // GBK named explicitly reads the same as detected.
    batch(
        &dir,
        &[
            "gbk.csv",
            "--encoding",
            "gbk",
            "--format",
            "csv",
            "--out",
            "gbk-explicit.csv",
        ],
        0,
    );
    tables.push(("gbk.csv", Table::read(&dir.join("gbk-explicit.csv"))));

    let (_, reference) = &tables[0];
    assert_eq!(reference.rows.len(), N);
    assert!(reference.header.len() > FLAT_COLUMNS.len() + 5 + 1);
    let t: Vec<String> = (1..=5).map(|n| format!("t{n}")).collect();
    assert_eq!(reference.header[16..21], t);
    assert_eq!(reference.header[21], "meets_level_2");
    let ids: Vec<String> = (1..=N).map(|i| syn(SEED, i)).collect();
    assert_eq!(reference.column("assessment_id"), ids);
    assert!(reference.column("status").iter().all(|s| *s == "ok"));
    // The generator spreads levels, so the comparison covers more than one.
    let mut levels = reference.column("level");
    levels.sort_unstable();
    levels.dedup();
    assert!(levels.len() >= 4, "{levels:?}");
    let meets = reference.column("meets_level_2");
    assert!(meets.contains(&"yes") && meets.contains(&"no"));

    for (file, table) in &tables {
        assert_eq!(table.header, reference.header, "{file}");
        assert_eq!(table.rows.len(), N, "{file}");
        assert_eq!(table.results(), reference.results(), "{file}");
        assert!(table.column("file").iter().all(|f| f == file), "{file}");
        let lines = table.lines();
        let expected: Vec<u64> = match *file {
            "in.ndjson" => (1..=N as u64).collect(),
            // `[` on line 1, one record per line after it.
            "in.json" | "wide.csv" | "wide.xlsx" => (2..=N as u64 + 1).collect(),
            _ => long_csv_first_lines(&dir.join("long.csv")),
        };
        assert_eq!(lines, expected, "{file}");
    }

    // The full NDJSON results: identical from NDJSON and JSON (compared as text, after the
    // source); from a sheet identical but for the assessment's metadata, which the
    // generator's sheets do not carry.
    let full = |file: &str| stdout(&batch(&dir, &[file, "--detail", "full"], 0));
    let from_ndjson = full("in.ndjson");
    let from_json = full("in.json");
    let after_source = |line: &str| {
        line.split_once(r#"},"id":"#)
            .expect("source, then id")
            .1
            .to_string()
    };
    assert_eq!(
        from_ndjson.lines().map(after_source).collect::<Vec<_>>(),
        from_json.lines().map(after_source).collect::<Vec<_>>()
    );
    let from_ndjson = ndjson(&from_ndjson);
    let from_sheet = ndjson(&full("wide.csv"));
    assert_eq!(from_ndjson.len(), N);
    assert_eq!(from_sheet.len(), N);
    for (i, (a, b)) in from_ndjson.iter().zip(&from_sheet).enumerate() {
        assert_eq!(a["status"], "ok");
        assert_eq!(a["id"], json!(ids[i]));
        assert_eq!(b["id"], json!(ids[i]));
        assert_eq!(a["source"], json!({"file": "in.ndjson", "line": i + 1}));
        assert_eq!(b["source"], json!({"file": "wide.csv", "line": i + 2}));
        let (mut a, mut b) = (a["result"].clone(), b["result"].clone());
        // The full result, with the trace and the gaps.
        assert!(a["sub_domains"].is_array() && a["gaps"]["items"].is_array());
        assert_eq!(a["assessment"]["id"], b["assessment"]["id"]);
        assert_eq!(
            a["assessment"]["enterprise"]["name"],
            b["assessment"]["enterprise"]["name"]
        );
        a["assessment"] = Value::Null;
        b["assessment"] = Value::Null;
        assert_eq!(a, b, "record {}", i + 1);
    }
}

// ---------------------------------------------------------------------------------------
// 2. Broken records
// ---------------------------------------------------------------------------------------

/// Whether `part` is `whole` with some object fields left out.
fn within(part: &Value, whole: &Value) -> bool {
    match (part, whole) {
        (Value::Object(p), Value::Object(w)) => p
            .iter()
            .all(|(k, v)| w.get(k).is_some_and(|x| within(v, x))),
        (Value::Array(p), Value::Array(w)) => {
            p.len() == w.len() && p.iter().zip(w).all(|(a, b)| within(a, b))
        }
        _ => part == whole,
    }
}

#[test]
fn ndjson_results_come_in_tiers_each_a_superset_of_the_one_before() {
    let dir = scratch("tiers");
    generate(&dir, "in.ndjson", "ndjson", 3, 11, "0", &[]);
    let tier = |detail: Option<&str>| -> Vec<Value> {
        let mut args = vec!["in.ndjson"];
        args.extend(detail.map(|d| ["--detail", d]).iter().flatten());
        ndjson(&stdout(&batch(&dir, &args, 0)))
            .into_iter()
            .map(|r| r["result"].clone())
            .collect()
    };
    let default = tier(None);
    assert_eq!(
        default,
        tier(Some("profile")),
        "the default tier is profile"
    );
    let full = tier(Some("full"));
    let mut smaller: Option<Vec<Value>> = None;
    for name in ["summary", "profile", "gaps", "full"] {
        let results = tier(Some(name));
        for (i, (r, f)) in results.iter().zip(&full).enumerate() {
            assert_eq!(r["detail"], name, "record {i}");
            // Every field a tier writes has the full tier's value (gaps are null below the
            // gaps tier; weights are written at the full tier only).
            for (key, value) in r.as_object().expect("a result") {
                if key != "detail" && !(key == "gaps" && value.is_null()) {
                    assert!(within(value, &f[key]), "{name}, record {i}: {key}");
                }
            }
            assert_eq!(r["sub_domains"].is_array(), name != "summary", "{name}");
            assert_eq!(r["elements"].is_array(), name == "full", "{name}");
            let has_gaps = !r["gaps"].is_null();
            assert_eq!(
                has_gaps,
                matches!(name, "gaps" | "full") && !f["gaps"].is_null()
            );
            // The plan's size is there at every tier.
            if has_gaps {
                let plan = r["gaps"]["plan"]["upgrades"]
                    .as_array()
                    .expect("a plan")
                    .len();
                assert_eq!(r["target"]["upgrades"], plan, "{name}");
            }
        }
        if let Some(smaller) = &smaller {
            for (s, r) in smaller.iter().zip(&results) {
                let keys = |v: &Value| v.as_object().map(|o| o.len()).unwrap_or(0);
                assert!(
                    keys(s) <= keys(r),
                    "{name} holds what the tier before holds"
                );
            }
        }
        smaller = Some(results);
    }
    // CSV holds the summary: a tier is not something it can change.
    let o = batch(
        &dir,
        &["in.ndjson", "--format", "csv", "--detail", "full"],
        2,
    );
    assert!(
        stderr(&o).contains("--detail applies to --format ndjson"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn generated_broken_records_become_error_rows_and_the_rest_score() {
    // round(45 × 0.1) = round(4.5) = 5, half away from zero: records 9, 18, 27, 36 and 45,
    // so every kind of broken record the generator writes appears.
    const N: usize = 45;
    const SEED: u64 = 8;
    const BROKEN: usize = 5;
    let broken_numbers = [9, 18, 27, 36, 45];
    let dir = scratch("generated-broken");
    generate(&dir, "clean.ndjson", "ndjson", N, SEED, "0", &[]);
    batch(
        &dir,
        &["clean.ndjson", "--format", "csv", "--out", "clean.csv"],
        0,
    );
    let clean = Table::read(&dir.join("clean.csv")).results();

    let json_codes = [
        "invalid-json",
        "unknown-requirement",
        "invalid-rating",
        "missing-ratings",
        "unknown-profile",
    ];
    let table_codes = [
        "unknown-requirement",
        "invalid-rating",
        "missing-ratings",
        "unknown-profile",
        "unknown-requirement",
    ];
    // (xlsx-long reads like csv-long, and is the slowest to write and read in a debug
    // build: its line numbers are checked in the test of every input format.)
    for (file, format) in [
        ("b.ndjson", "ndjson"),
        ("b.json", "json"),
        ("b-long.csv", "csv-long"),
        ("b-wide.csv", "csv-wide"),
        ("b-wide.xlsx", "xlsx-wide"),
    ] {
        generate(&dir, file, format, N, SEED, "0.1", &[]);
        let out = format!("{file}.out.csv");
        let o = batch(&dir, &[file, "--format", "csv", "--out", &out], 3);
        assert!(
            stderr(&o).contains(&format!(
                "{BROKEN} of {N} record(s) failed; each is an error record in the output"
            )),
            "{}",
            stderr(&o)
        );
        let table = Table::read(&dir.join(&out));
        // Records in = records out.
        assert_eq!(table.rows.len(), N, "{file}");
        let errors = table.errors();
        assert_eq!(errors.len(), BROKEN, "{file}: {errors:?}");
        let lines: Vec<u64> = match format {
            "ndjson" => broken_numbers.iter().map(|n| *n as u64).collect(),
            "json" | "csv-wide" | "xlsx-wide" => {
                broken_numbers.iter().map(|n| *n as u64 + 1).collect()
            }
            _ => {
                assert_eq!(long_csv_first_lines(&dir.join(file)).len(), N);
                let faults: Vec<(usize, &str)> =
                    broken_numbers.iter().copied().zip(table_codes).collect();
                long_csv_fault_lines(&dir.join(file), &faults)
            }
        };
        let codes = if format.contains("json") {
            json_codes
        } else {
            table_codes
        };
        let expected: Vec<ErrorRow> = (0..BROKEN)
            .map(|k| {
                // A record cut in half has no readable id.
                let id = if codes[k] == "invalid-json" {
                    String::new()
                } else {
                    syn(SEED, broken_numbers[k])
                };
                err(file, lines[k], &id, codes[k])
            })
            .collect();
        assert_eq!(errors, expected, "{file}");
        // Every other record scores exactly as in the clean file, in place.
        for (i, row) in table.results().iter().enumerate() {
            if broken_numbers.contains(&(i + 1)) {
                assert_eq!(row[1], "error");
                assert!(row[2..].iter().skip(3).all(String::is_empty), "{row:?}");
            } else {
                assert_eq!(*row, clean[i], "{file} record {}", i + 1);
            }
        }
    }

    // The same with the good records alone: drop the broken lines of the NDJSON file.
    let text = std::fs::read_to_string(dir.join("b.ndjson")).expect("b.ndjson");
    let good: String = text
        .lines()
        .enumerate()
        .filter(|(i, _)| !broken_numbers.contains(&(i + 1)))
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    write(&dir, "good.ndjson", good);
    batch(
        &dir,
        &["good.ndjson", "--format", "csv", "--out", "good.csv"],
        0,
    );
    let good = Table::read(&dir.join("good.csv"));
    assert_eq!(good.rows.len(), N - BROKEN);
    assert_eq!(
        good.results(),
        Table::read(&dir.join("b.ndjson.out.csv")).ok_results()
    );
}

#[test]
fn hand_written_broken_records_name_their_file_line_and_code() {
    let reqs = requirements();
    let dir = scratch("hand-broken");
    let a = Spec::new("A", "discrete", 2);
    let b = Spec::new("B", "discrete", 1);
    let c = Spec::new("C", "process", 4);
    let d = Spec::new("D", "process", 3);
    let (w1, w2, w3) = (
        Spec::new("W1", "discrete", 1),
        Spec::new("W2", "process", 2),
        Spec::new("W3", "discrete", 4),
    );
    let (e, f, g) = (
        Spec::new("E", "discrete", 0),
        Spec::new("F", "process", 5),
        Spec::new("G", "discrete", 3),
    );

    // mixed.ndjson: a good record, a blank line, a bad JSON line, an unknown requirement, a
    // bad rating, a good record.
    let mut unknown = b.json(&reqs);
    unknown["ratings"]["org-strategy.9.z"] = json!("full");
    let mut bad_rating = c.json(&reqs);
    bad_rating["ratings"]["data.1.a"] = json!("sometimes");
    let mixed = format!(
        "{}\n\n{}\n{}\n{}\n{}\n",
        a.json(&reqs),
        r#"{"id": "J", "profile": "discrete", "ratings": {"org-strategy.1.a": "full",}}"#,
        unknown,
        bad_rating,
        d.json(&reqs)
    );
    write(&dir, "mixed.ndjson", mixed);
    // wide.csv: the header lacks product-design.1.a, which the process profile leaves out.
    write(
        &dir,
        "wide.csv",
        wide_csv(&[&w1, &w2, &w3], &reqs, &["product-design.1.a"]),
    );
    // cut.ndjson: two good records and a third cut mid-object, with no line end.
    let g_text = g.json(&reqs).to_string();
    let mut half = g_text.len() / 2;
    while !g_text.is_char_boundary(half) {
        half -= 1;
    }
    write(
        &dir,
        "cut.ndjson",
        format!("{}\n{}\n{}", e.json(&reqs), f.json(&reqs), &g_text[..half]),
    );
    // The good records alone.
    write(
        &dir,
        "good.ndjson",
        ndjson_text(&[
            a.json(&reqs),
            d.json(&reqs),
            w2.json(&reqs),
            e.json(&reqs),
            f.json(&reqs),
        ]),
    );

    let o = batch(
        &dir,
        &[
            "mixed.ndjson",
            "wide.csv",
            "cut.ndjson",
            "--format",
            "csv",
            "--out",
            "out.csv",
        ],
        3,
    );
    assert!(stderr(&o).contains("records read: 11, scored: 5, failed: 6"));
    let out = Table::read(&dir.join("out.csv"));
    assert_eq!(
        out.column("assessment_id"),
        ["A", "", "B", "C", "D", "W1", "W2", "W3", "E", "F", ""]
    );
    assert_eq!(
        out.errors(),
        [
            err("mixed.ndjson", 3, "", "invalid-json"),
            err("mixed.ndjson", 4, "B", "unknown-requirement"),
            err("mixed.ndjson", 5, "C", "invalid-rating"),
            err("wide.csv", 2, "W1", "missing-ratings"),
            err("wide.csv", 4, "W3", "missing-ratings"),
            err("cut.ndjson", 3, "", "invalid-json"),
        ]
    );
    assert_eq!(out.lines(), [1, 3, 4, 5, 6, 2, 3, 4, 1, 2, 3]);
    assert_eq!(out.cell(2, "error_location"), "ratings.org-strategy.9.z");
    assert_eq!(
        out.cell(2, "error_message"),
        "ratings.org-strategy.9.z: unknown requirement `org-strategy.9.z`"
    );
    assert_eq!(out.cell(3, "error_location"), "ratings.data.1.a");
    assert!(out
        .cell(3, "error_message")
        .starts_with("ratings.data.1.a: `sometimes` is not on the rating scale"));
    for row in [5, 7] {
        assert_eq!(out.cell(row, "error_location"), "ratings");
        assert_eq!(
            out.cell(row, "error_message"),
            "ratings: 1 in-scope requirement(s) not rated; rate them, or allow missing ratings to score them as not met (--allow-missing; allow_missing in C, allowMissing in JavaScript): product-design.1.a"
        );
    }
    assert!(
        out.cell(10, "error_message").contains("EOF"),
        "{}",
        out.cell(10, "error_message")
    );

    let good = batch(&dir, &["good.ndjson", "--format", "csv"], 0);
    let good = Table::parse(&good.stdout);
    assert_eq!(good.rows.len(), 5);
    assert_eq!(out.ok_results(), good.results());
    // The hand-written maturities come out as their levels.
    assert_eq!(good.column("level"), ["2", "3", "2", "0", "5"]);
}

// ---------------------------------------------------------------------------------------
// 3. Order
// ---------------------------------------------------------------------------------------

#[test]
fn output_order_is_input_order_whatever_the_jobs() {
    // More than two 512-record chunks, some records broken: 100 generated rows (5 broken),
    // written 12 times over with their ids renamed (cheaper than generating 1,200).
    const COPIES: usize = 12;
    const N: usize = 100 * COPIES;
    let dir = scratch("order");
    generate(&dir, "small.csv", "csv-wide", 100, 11, "0.05", &[]);
    let small = std::fs::read_to_string(dir.join("small.csv")).expect("small.csv");
    let (header, rows) = small.split_once('\n').expect("a header");
    let mut big = format!("{header}\n");
    let mut ids = Vec::with_capacity(N);
    for copy in 1..=COPIES {
        for row in rows.lines() {
            let (id, rest) = row.split_once(',').expect("an id");
            let id = format!("{id}-{copy:02}");
            big.push_str(&format!("{id},{rest}\n"));
            ids.push(id);
        }
    }
    assert_eq!(ids.len(), N);
    write(&dir, "big.csv", big);
    for jobs in ["1", "4"] {
        let out = format!("jobs-{jobs}.csv");
        batch(
            &dir,
            &["big.csv", "--jobs", jobs, "--format", "csv", "--out", &out],
            3,
        );
    }
    let one = std::fs::read(dir.join("jobs-1.csv")).expect("jobs-1.csv");
    let four = std::fs::read(dir.join("jobs-4.csv")).expect("jobs-4.csv");
    assert!(one == four, "--jobs 1 and --jobs 4 differ");
    let table = Table::parse(&one);
    assert_eq!(table.column("assessment_id"), ids);
    assert_eq!(table.lines(), (2..=N as u64 + 1).collect::<Vec<_>>());
    assert_eq!(table.errors().len(), 5 * COPIES);
    // Each copy scores alike: order was kept within and across chunks.
    let results = table.results();
    for (i, row) in results.iter().enumerate() {
        assert_eq!(row[1..], results[i % 100][1..], "row {}", i + 1);
    }
}

#[test]
fn ndjson_lines_keep_their_numbers_across_reads_and_chunks() {
    // 1,200 records of about 9 KB (11 MB): many 1 MiB reads, so lines are cut by reads, and
    // several 256-record chunks, so unfinished lines are carried from one chunk to the next.
    // The file starts with a byte-order mark, mixes LF and CRLF line ends and blank lines,
    // holds one line that is not UTF-8 and ends without a line end.
    const COPIES: usize = 12;
    let dir = scratch("ndjson-chunks");
    generate(&dir, "small.ndjson", "ndjson", 100, 11, "0.05", &[]);
    batch(
        &dir,
        &["small.ndjson", "--format", "csv", "--out", "small.csv"],
        3,
    );
    let small = Table::read(&dir.join("small.csv"));
    let text = std::fs::read_to_string(dir.join("small.ndjson")).expect("small.ndjson");
    let mut big = b"\xEF\xBB\xBF".to_vec();
    // Per record: its line, and the row of small.csv it must equal (None: not UTF-8).
    let mut expected: Vec<(u64, Option<usize>, String)> = Vec::new();
    let mut line = 0u64;
    for copy in 1..=COPIES {
        for (i, record) in text.lines().enumerate() {
            let id = small.cell(i, "assessment_id");
            let renamed = if id.is_empty() {
                String::new()
            } else {
                format!("{id}-{copy:02}")
            };
            let record = record.replacen(
                &format!("\"id\":\"{id}\""),
                &format!("\"id\":\"{renamed}\""),
                1,
            );
            big.extend_from_slice(record.as_bytes());
            big.extend_from_slice(if copy % 2 == 0 { b"\r\n" } else { b"\n" });
            line += 1;
            expected.push((line, Some(i), renamed));
            if i % 7 == 0 {
                big.extend_from_slice(b"  \t\r\n");
                line += 1;
            }
            if copy == 6 && i == 50 {
                big.extend_from_slice(b"{\"id\": \"\xFF\xFE\"}\n");
                line += 1;
                expected.push((line, None, String::new()));
            }
        }
    }
    assert_eq!(big.pop(), Some(b'\n'));
    assert_eq!(big.pop(), Some(b'\r'));
    write(&dir, "big.ndjson", &big);
    for jobs in ["1", "4"] {
        let out = format!("jobs-{jobs}.csv");
        batch(
            &dir,
            &[
                "big.ndjson",
                "--jobs",
                jobs,
                "--format",
                "csv",
                "--out",
                &out,
            ],
            3,
        );
    }
    let one = std::fs::read(dir.join("jobs-1.csv")).expect("jobs-1.csv");
    let four = std::fs::read(dir.join("jobs-4.csv")).expect("jobs-4.csv");
    assert!(one == four, "--jobs 1 and --jobs 4 differ");
    let table = Table::parse(&one);
    assert_eq!(table.rows.len(), expected.len());
    assert_eq!(
        table.lines(),
        expected.iter().map(|e| e.0).collect::<Vec<_>>()
    );
    let results = table.results();
    for (row, (line, source, id)) in results.iter().zip(&expected) {
        match source {
            Some(i) => {
                let mut want = small.results()[*i].clone();
                want[0] = id.clone();
                assert_eq!(*row, want, "line {line}");
            }
            None => {
                assert_eq!(row[2], "invalid-encoding", "line {line}");
                assert_eq!(
                    row[4],
                    "not UTF-8 text: byte 8 (line 635) is not valid; save it as CSV UTF-8, or name another encoding (--encoding)",
                    "line {line}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// 4. XLSX output
// ---------------------------------------------------------------------------------------

#[test]
fn xlsx_output_holds_the_csv_rows() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = scratch("xlsx-out");
    generate(&dir, "in.ndjson", "ndjson", 30, 21, "0.1", &[]);
    batch(
        &dir,
        &["in.ndjson", "--format", "csv", "--out", "out.csv"],
        3,
    );
    batch(
        &dir,
        &["in.ndjson", "--format", "xlsx", "--out", "out.xlsx"],
        3,
    );
    let csv = Table::read(&dir.join("out.csv"));
    assert_eq!(csv.errors().len(), 3);

    let mut book: Xlsx<_> = open_workbook(dir.join("out.xlsx")).expect("an xlsx file");
    assert_eq!(book.sheet_names(), ["results"]);
    let range = book.worksheet_range("results").expect("the worksheet");
    // Lines and levels are number cells, scores number cells holding the nearest double of
    // the exact value, verdicts boolean cells; the rest text.
    let numeric = |name: &str| {
        name == "line"
            || name == "level"
            || name == "total"
            || name.starts_with('t') && name[1..].parse::<u8>().is_ok()
    };
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .expect("a header row")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, csv.header);
    let mut numbers = 0;
    for (row, want) in rows.zip(&csv.rows) {
        for ((cell, want), name) in row.iter().zip(want).zip(&header) {
            match cell {
                Data::Empty => assert_eq!(want, "", "{name}"),
                Data::String(s) => {
                    assert!(!numeric(name) || want.is_empty(), "{name} is text: {s}");
                    assert_eq!(s, want, "{name}");
                }
                Data::Float(x) => {
                    assert!(numeric(name), "{name} is a number");
                    let exact: f64 = want.parse().expect("a decimal in the CSV");
                    assert_eq!(*x, exact, "{name}");
                    numbers += 1;
                }
                Data::Bool(b) => assert_eq!(if *b { "yes" } else { "no" }, want, "{name}"),
                other => panic!("{name}: unexpected {other:?}"),
            }
        }
    }
    assert_eq!(range.rows().count(), 31);
    assert!(numbers >= 27 * 7, "{numbers} number cells");
}

// ---------------------------------------------------------------------------------------
// 5. Summary
// ---------------------------------------------------------------------------------------

/// `part / whole` to 4 places, half away from zero.
fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0.0000".into();
    }
    let x = (part * 20_000 + whole) / (2 * whole);
    format!("{}.{:04}", x / 10_000, x % 10_000)
}

#[test]
fn summary_counts_match_the_rows() {
    const N: usize = 45;
    let dir = scratch("summary");
    generate(&dir, "in.csv", "csv-wide", N, 13, "0.1", &[]);
    let o = batch(
        &dir,
        &[
            "in.csv",
            "--format",
            "csv",
            "--out",
            "out.csv",
            "--summary",
            "summary.json",
        ],
        3,
    );
    let table = Table::read(&dir.join("out.csv"));
    let status = table.column("status");
    let scored = status.iter().filter(|s| **s == "ok").count();
    let failed = status.iter().filter(|s| **s == "error").count();
    assert_eq!((scored, failed), (40, 5));
    let levels = table.column("level");
    let counts: Vec<usize> = (0..=5)
        .map(|l| levels.iter().filter(|x| **x == l.to_string()).count())
        .collect();
    assert_eq!(counts.iter().sum::<usize>(), scored);
    let meets = table
        .column("meets_level_2")
        .iter()
        .filter(|m| **m == "yes")
        .count();
    assert_eq!(meets, counts[2..].iter().sum::<usize>());

    let text = std::fs::read_to_string(dir.join("summary.json")).expect("summary.json");
    let summary: Value = serde_json::from_str(&text).expect("summary JSON");
    assert_eq!(summary["records"], json!(N));
    assert_eq!(summary["scored"], json!(scored));
    assert_eq!(summary["failed"], json!(failed));
    assert!(summary["model"]
        .as_str()
        .expect("the model")
        .starts_with("gbt39116-2020 "));
    let levels = summary["levels"].as_array().expect("levels");
    assert_eq!(levels.len(), 6);
    for (l, entry) in levels.iter().enumerate() {
        assert_eq!(entry["level"], json!(l));
        assert_eq!(entry["count"], json!(counts[l]), "level {l}");
        assert_eq!(entry["share"], json!(share(counts[l], scored)), "level {l}");
        assert!(entry["name"]["zh"].is_string() && entry["name"]["en"].is_string());
    }
    assert_eq!(summary["meets_level_2"], json!(meets));
    assert_eq!(summary["meets_level_2_share"], json!(share(meets, scored)));

    // The same on stderr.
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "records read: {N}, scored: {scored}, failed: {failed}\n"
        )),
        "{err}"
    );
    for (l, count) in counts.iter().enumerate() {
        let line = err
            .lines()
            .find(|x| x.starts_with(&format!("  level {l} ")))
            .unwrap_or_else(|| panic!("no line for level {l}: {err}"));
        assert!(
            line.ends_with(&format!(" {count}  {}", share(*count, scored))),
            "{line}"
        );
    }
    assert!(err.contains(&format!(
        "meets level 2: {meets} ({} of scored)\n",
        share(meets, scored)
    )));
    assert_eq!(listing(&dir), ["in.csv", "out.csv", "summary.json"]);
}

// ---------------------------------------------------------------------------------------
// 6. Exit codes
// ---------------------------------------------------------------------------------------

#[test]
fn nothing_readable_exits_1_and_still_writes_an_error_row() {
    let dir = scratch("exit-1");
    write(&dir, "notes.txt", "not an assessment\n");
    let o = batch(&dir, &["notes.txt", "--format", "csv", "--out", "a.csv"], 1);
    assert!(stderr(&o).contains("records read: 1, scored: 0, failed: 1"));
    assert!(stderr(&o).contains("nothing could be read: 1 input file(s) unreadable or empty"));
    let a = Table::read(&dir.join("a.csv"));
    assert_eq!(a.errors(), [err("notes.txt", 0, "", "unknown-format")]);

    // A sheet without a `profile` column: unreadable without --profile.
    let reqs = requirements();
    let spec = Spec::new("P1", "discrete", 3);
    let wide =
        wide_csv(&[&spec], &reqs, &[]).replacen("assessment_id,profile,", "assessment_id,", 1);
    let wide = wide.replacen("P1,discrete,", "P1,", 1);
    write(&dir, "no-profile.csv", wide);
    // A sheet without profiles is read; each assessment without one is an error record.
    let o = batch(&dir, &["no-profile.csv", "--format", "csv"], 3);
    let b = Table::parse(&o.stdout);
    assert_eq!(b.errors(), [err("no-profile.csv", 2, "P1", "invalid-row")]);
    assert_eq!(
        b.cell(0, "error_message"),
        "no profile: fill the `profile` column or give a default profile (--profile)"
    );
    // With --profile it scores, as the same assessment with its profile.
    let o = batch(
        &dir,
        &["no-profile.csv", "--profile", "discrete", "--format", "csv"],
        0,
    );
    write(&dir, "p1.ndjson", ndjson_text(&[spec.json(&reqs)]));
    let reference = batch(&dir, &["p1.ndjson", "--format", "csv"], 0);
    assert_eq!(
        Table::parse(&o.stdout).results(),
        Table::parse(&reference.stdout).results()
    );

    // An unreadable file among readable ones is one error record; the run exits 3.
    let o = batch(&dir, &["p1.ndjson", "missing.ndjson", "--format", "csv"], 3);
    let c = Table::parse(&o.stdout);
    assert_eq!(
        c.errors(),
        [err("missing.ndjson", 0, "", "unreadable-file")]
    );
    assert_eq!(c.rows.len(), 2);
}

#[test]
fn usage_errors_exit_2_and_write_nothing() {
    let dir = scratch("exit-2");
    let reqs = requirements();
    write(
        &dir,
        "in.ndjson",
        ndjson_text(&[Spec::new("U", "discrete", 1).json(&reqs)]),
    );
    for args in [
        &["batch"][..],
        &["batch", "in.ndjson", "--format", "xlsx"],
        &["batch", "in.ndjson", "--jobs", "0", "--out", "out.csv"],
        &["batch", "in.ndjson", "--format", "pdf", "--out", "out.csv"],
    ] {
        let o = cmmm(&dir, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(!stderr(&o).is_empty(), "{args:?}");
    }
    let o = cmmm(&dir, &["batch", "in.ndjson", "--format", "xlsx"]);
    assert!(stderr(&o).contains("--format xlsx needs --out FILE"));
    let o = cmmm(&dir, &["batch", "in.ndjson", "--jobs", "0"]);
    assert!(stderr(&o).contains("--jobs must be at least 1"));
    assert_eq!(listing(&dir), ["in.ndjson"]);
}

// ---------------------------------------------------------------------------------------
// 7. Directories
// ---------------------------------------------------------------------------------------

#[test]
fn a_directory_is_walked_recursively_in_sorted_order() {
    let reqs = requirements();
    let dir = scratch("walk");
    let spec = |id: &str, k: u8| Spec::new(id, "discrete", k);
    write(
        &dir,
        "in/b.ndjson",
        ndjson_text(&[spec("b1", 1).json(&reqs)]),
    );
    write(
        &dir,
        "in/a/z.json",
        serde_json::to_string_pretty(&json!([
            spec("z1", 2).json(&reqs),
            spec("z2", 3).json(&reqs)
        ]))
        .expect("JSON"),
    );
    let mut long = CsvText::new(LONG_HEADER, "\n");
    long.rows(&spec("x1", 4).long_rows(&reqs));
    long.rows(&spec("x2", 0).long_rows(&reqs));
    write(&dir, "in/a/y/x.csv", long.text);
    write(&dir, "in/a.csv", wide_csv(&[&spec("w1", 5)], &reqs, &[]));
    write(
        &dir,
        "in/c/Upper.JSONL",
        ndjson_text(&[spec("u1", 2).json(&reqs)]),
    );
    write(&dir, "in/notes.txt", "skipped: not an input format\n");
    std::fs::create_dir_all(dir.join("in/empty")).expect("a directory");

    let o = batch(&dir, &["in", "--format", "csv"], 0);
    let table = Table::parse(&o.stdout);
    assert_eq!(
        table.column("file"),
        [
            "in/a/y/x.csv",
            "in/a/y/x.csv",
            "in/a/z.json",
            "in/a/z.json",
            "in/a.csv",
            "in/b.ndjson",
            "in/c/Upper.JSONL",
        ]
    );
    assert_eq!(
        table.column("assessment_id"),
        ["x1", "x2", "z1", "z2", "w1", "b1", "u1"]
    );
    assert_eq!(table.column("level"), ["4", "0", "2", "3", "5", "1", "2"]);
    // The pretty-printed array: `[` on line 1, each object starting on its own line.
    let z = std::fs::read_to_string(dir.join("in/a/z.json")).expect("z.json");
    let starts: Vec<u64> = z
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "  {")
        .map(|(i, _)| i as u64 + 1)
        .collect();
    assert_eq!(table.lines()[2..4], starts);
    assert_eq!(
        table.lines()[..2],
        [2, 2 + spec("x1", 4).ratings(&reqs).len() as u64]
    );
}

// ---------------------------------------------------------------------------------------
// 8. Atomic outputs
// ---------------------------------------------------------------------------------------

#[test]
fn outputs_are_replaced_whole_or_not_at_all() {
    let dir = scratch("atomic");
    generate(&dir, "in.ndjson", "ndjson", 40, 3, "0", &[]);
    let expected = batch(&dir, &["in.ndjson", "--format", "csv"], 0).stdout;

    // A larger file at the target is replaced whole, not overwritten in place.
    let junk = "x".repeat(expected.len() * 3);
    write(&dir, "out.csv", &junk);
    write(&dir, "summary.json", &junk);
    batch(
        &dir,
        &[
            "in.ndjson",
            "--format",
            "csv",
            "--out",
            "out.csv",
            "--summary",
            "summary.json",
        ],
        0,
    );
    assert!(std::fs::read(dir.join("out.csv")).expect("out.csv") == expected);
    let summary = std::fs::read_to_string(dir.join("summary.json")).expect("summary.json");
    assert!(serde_json::from_str::<Value>(&summary).is_ok(), "{summary}");
    write(&dir, "out.xlsx", &junk);
    batch(
        &dir,
        &["in.ndjson", "--format", "xlsx", "--out", "out.xlsx"],
        0,
    );
    {
        use calamine::{open_workbook, Reader, Xlsx};
        let mut book: Xlsx<_> = open_workbook(dir.join("out.xlsx")).expect("an xlsx file");
        let range = book.worksheet_range("results").expect("the worksheet");
        assert_eq!(range.rows().count(), 41);
    }
    assert_eq!(
        listing(&dir),
        ["in.ndjson", "out.csv", "out.xlsx", "summary.json"]
    );

    // A usage error leaves an existing target as it was and creates no new one.
    write(&dir, "out.csv", "OLD");
    for out in ["out.csv", "new.csv"] {
        batch(&dir, &["in.ndjson", "--jobs", "0", "--out", out], 2);
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("out.csv")).expect("out.csv"),
        "OLD"
    );
    // An output that cannot be put in place (a directory is in the way): no partial file,
    // no temporary file left beside it.
    std::fs::create_dir(dir.join("taken")).expect("a directory");
    for format in ["csv", "xlsx", "ndjson"] {
        let o = batch(
            &dir,
            &["in.ndjson", "--format", format, "--out", "taken"],
            1,
        );
        assert!(stderr(&o).contains("taken: cannot write"), "{}", stderr(&o));
    }
    assert!(dir.join("taken").is_dir());
    // A directory that does not exist.
    for format in ["csv", "xlsx"] {
        let o = cmmm(
            &dir,
            &[
                "batch",
                "in.ndjson",
                "--format",
                format,
                "--out",
                "no/such/out",
            ],
        );
        assert!(!o.status.success(), "{format}");
    }
    assert_eq!(
        listing(&dir),
        ["in.ndjson", "out.csv", "out.xlsx", "summary.json", "taken"]
    );
}

/// A write that fails once the file passes a size limit (RLIMIT_FSIZE, with SIGXFSZ
/// ignored so that the write returns an error) leaves neither the target nor a partial
/// temporary file.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_leaves_no_partial_file() {
    let dir = scratch("atomic-write-error");
    generate(&dir, "in.ndjson", "ndjson", 40, 3, "0", &[]);
    write(&dir, "kept.csv", "OLD");
    for (format, out) in [
        ("csv", "out.csv"),
        ("ndjson", "kept.csv"),
        ("xlsx", "out.xlsx"),
    ] {
        // 16 blocks of 512 bytes: the output of 40 records is larger, in every format.
        let o = Command::new("sh")
            .args([
                "-c",
                "trap '' XFSZ; ulimit -f 16; exec \"$0\" \"$@\"",
                env!("CARGO_BIN_EXE_cmmm"),
                "batch",
                "in.ndjson",
                "--format",
                format,
                "--out",
                out,
            ])
            .current_dir(&*dir)
            .output()
            .expect("sh runs");
        if format == "xlsx" {
            // rust_xlsxwriter's constant-memory mode panics when its temporary file cannot
            // be written (exit 101); nothing partial is left all the same.
            assert!(!o.status.success(), "{format}: {}", stderr(&o));
        } else {
            assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
            // Failing at the end (CSV, under the 1 MiB write buffer) or on the way (NDJSON).
            let err = stderr(&o);
            assert!(
                err.contains("cannot write") && err.contains("File too large"),
                "{format}: {err}"
            );
        }
        assert_eq!(listing(&dir), ["in.ndjson", "kept.csv"], "{format}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("kept.csv")).expect("kept.csv"),
        "OLD"
    );
}

// ---------------------------------------------------------------------------------------
// 9. The long CSV layout in detail
// ---------------------------------------------------------------------------------------

#[test]
fn long_csv_columns_unrated_cells_duplicates_and_line_numbers() {
    let reqs = requirements();
    let dir = scratch("long");
    let mut csv = CsvText::new(LONG_HEADER, "\r\n");

    // L1: process, product-design included; evidence lists and a comment holding a comma,
    // quotes and a line break (so every later line number depends on counting it).
    let mut l1 = Spec::new("L1", "process", 2);
    l1.include = vec!["product-design"];
    let mut rows = l1.long_rows(&reqs);
    assert!(rows.iter().any(|r| r[2] == "product-design.1.a"));
    let comment = "见附件，\"两化融合\", see\r\nthe second line";
    rows[0][4] = "DOC-1; MES".into();
    rows[0][5] = comment.into();
    rows[3][4] = "DOC-2".into();
    let line_l1 = csv.rows(&rows);
    let mut l1_json = l1.json(&reqs);
    let first = rows[0][2].clone();
    let rating = l1_json["ratings"][&first].clone();
    l1_json["ratings"][&first] =
        json!({"rating": rating, "evidence": ["DOC-1", "MES"], "comment": comment});
    let fourth = rows[3][2].clone();
    let rating = l1_json["ratings"][&fourth].clone();
    l1_json["ratings"][&fourth] = json!({"rating": rating, "evidence": ["DOC-2"]});
    csv.blank();

    // L2: discrete, two sub-domains tailored out with reasons.
    let mut l2 = Spec::new("L2", "discrete", 3);
    l2.tailoring = vec![("sales", "不涉及销售"), ("logistics", "外包, 由第三方负责")];
    let line_l2 = csv.rows(&l2.long_rows(&reqs));
    assert!(!l2
        .long_rows(&reqs)
        .iter()
        .any(|r| r[2].starts_with("sales.")));

    // L3: one level-1 requirement's rating cell left empty: unrated.
    let l3 = Spec::new("L3", "discrete", 3);
    let mut rows = l3.long_rows(&reqs);
    let blank = rows
        .iter()
        .position(|r| r[2] == "skills.1.a")
        .expect("skills.1.a");
    rows[blank][3] = String::new();
    let line_l3 = csv.rows(&rows);
    let mut l3_none = l3.json(&reqs);
    l3_none["ratings"]["skills.1.a"] = json!("none");
    csv.blank();
    csv.row(&["", "", "", "", "", "", "", ""]);
    csv.blank();

    // L4: a requirement rated twice.
    let l4 = Spec::new("L4", "discrete", 1);
    let mut rows = l4.long_rows(&reqs);
    let again = rows[10].clone();
    rows.insert(11, again);
    let line_l4 = csv.rows(&rows);
    let line_again = line_l4 + 11;

    // L5: a tailoring entry without a reason.
    let mut l5 = Spec::new("L5", "discrete", 2);
    l5.tailoring = vec![("sales", "外包")];
    let mut rows = l5.long_rows(&reqs);
    for r in &mut rows {
        r[7] = "sales".into();
    }
    let line_l5 = csv.rows(&rows);

    // L6: a plain record at the end.
    let l6 = Spec::new("L6", "process", 4);
    let line_l6 = csv.rows(&l6.long_rows(&reqs));
    write(&dir, "long.csv", &csv.text);
    assert_eq!(
        csv.text.matches('\n').count(),
        csv.text.matches("\r\n").count()
    );

    // The same good assessments as JSON.
    write(
        &dir,
        "ref.ndjson",
        ndjson_text(&[l1_json, l2.json(&reqs), l6.json(&reqs)]),
    );
    write(&dir, "ref-l3.ndjson", ndjson_text(&[l3_none]));

    let o = batch(&dir, &["long.csv", "--format", "csv"], 3);
    let table = Table::parse(&o.stdout);
    assert_eq!(
        table.column("assessment_id"),
        ["L1", "L2", "L3", "L4", "L5", "L6"]
    );
    // A record is at its first row; an error in a cell at the cell's row and column.
    assert_eq!(
        table.lines(),
        [line_l1, line_l2, line_l3, line_again, line_l5, line_l6]
    );
    assert_eq!(
        table.column("column"),
        ["", "", "", "D", "H", ""],
        "the answer's rating cell, the first tailoring cell"
    );
    assert_eq!(
        table.errors(),
        [
            err("long.csv", line_l3, "L3", "missing-ratings"),
            err("long.csv", line_again, "L4", "duplicate-key"),
            err("long.csv", line_l5, "L5", "invalid-row"),
        ]
    );
    assert_eq!(
        table.cell(2, "error_message"),
        "ratings: 1 in-scope requirement(s) not rated; rate them, or allow missing ratings to score them as not met (--allow-missing; allow_missing in C, allowMissing in JavaScript): skills.1.a"
    );
    assert_eq!(
        table.cell(3, "error_message"),
        format!(
            "requirement `{}` is answered twice (first on row {}); rows with a blank assessment_id continue the assessment above, so give each assessment its own id",
            rows_id(&l4, &reqs, 10),
            line_again - 1
        )
    );
    assert_eq!(
        table.cell(4, "error_message"),
        "tailoring entry `sales` is not `sub_domain=reason`"
    );
    let reference = Table::parse(&batch(&dir, &["ref.ndjson", "--format", "csv"], 0).stdout);
    assert_eq!(table.ok_results(), reference.results());

    // The full results agree with the JSON's, include and tailoring included.
    let from_csv = ndjson(&stdout(&batch(&dir, &["long.csv"], 3)));
    let from_json = ndjson(&stdout(&batch(&dir, &["ref.ndjson"], 0)));
    let ok: Vec<&Value> = from_csv.iter().filter(|r| r["status"] == "ok").collect();
    assert_eq!(ok.len(), 3);
    for (a, b) in ok.iter().zip(&from_json) {
        assert_eq!(a["result"], b["result"], "{}", a["id"]);
    }
    assert_eq!(
        ok[0]["result"]["scope"]["included"],
        json!(["product-design"])
    );
    assert_eq!(ok[0]["result"]["scope"]["requirements"], json!(300));
    let tailored = ok[1]["result"]["scope"]["tailored"].to_string();
    assert!(
        tailored.contains("sales") && tailored.contains("logistics"),
        "{tailored}"
    );

    // --allow-missing scores the empty cell as "none".
    let o = batch(&dir, &["long.csv", "--format", "csv", "--allow-missing"], 3);
    let allowed = Table::parse(&o.stdout);
    assert_eq!(allowed.cell(2, "status"), "ok");
    let l3_ref = Table::parse(&batch(&dir, &["ref-l3.ndjson", "--format", "csv"], 0).stdout);
    assert_eq!(allowed.results()[2], l3_ref.results()[0]);
    assert_ne!(
        allowed.cell(2, "t1"),
        "1",
        "the unrated requirement counts as none"
    );
    assert_eq!(
        allowed.errors(),
        [
            err("long.csv", line_again, "L4", "duplicate-key"),
            err("long.csv", line_l5, "L5", "invalid-row"),
        ]
    );
}

/// The requirement id of row `i` of a spec's long rows.
fn rows_id(spec: &Spec, reqs: &[Req], i: usize) -> String {
    spec.long_rows(reqs)[i][2].clone()
}

#[test]
fn records_that_were_read_but_all_failed_exit_3_not_1() {
    let dir = scratch("all-fail");
    write(
        &dir,
        "a.ndjson",
        "{\"profile\": \"discrete\", \"ratings\": {\"x.1.a\": \"full\"}}\n{oops\n",
    );
    let o = batch(&dir, &["a.ndjson", "--format", "csv"], 3);
    assert!(
        stderr(&o).contains("records read: 2, scored: 0, failed: 2"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("2 of 2 record(s) failed"));
}
