//! Questionnaires as people fill them in: the template as written, with only the ratings
//! typed (in a CSV saved as GBK, in an XLSX saved by a spreadsheet program), ids typed once
//! at the top, blank cells, several enterprises in one file. Each scores to the same result
//! as the equivalent JSON.

use std::path::Path;

use cmmm_model::{template, Assessment, Lang, Model};
use cmmm_score::{Options, Outcome, Scorer};
use cmmm_sheets::{
    read_all, read_one, wide_loses, write_csv, write_csv_wide, write_json, write_ndjson,
    write_xlsx, Encoding, Format, Parsed, ReadOptions, Source,
};

fn model() -> &'static Model {
    Model::gbt39116_2020()
}

fn score(a: &Assessment) -> Outcome {
    Scorer::new(model())
        .score(a, &Options::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The two score the same: every figure, scope, gap and warning of their results (who was
/// assessed aside, which each test checks itself).
fn same_result(a: &Assessment, b: &Assessment) {
    let figures = |a: &Assessment| {
        let mut v = serde_json::to_value(score(a)).unwrap();
        v.as_object_mut().unwrap().remove("assessment");
        v
    };
    assert_eq!(figures(a), figures(b));
}

fn examples() -> Vec<(String, Assessment)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/examples");
    let mut out: Vec<(String, Assessment)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, cmmm_score::parse_assessment(&text).unwrap())
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 4);
    out
}

fn read(name: &str, bytes: &[u8]) -> Parsed {
    read_one(Source::Bytes { name, bytes }, &ReadOptions::new()).unwrap_or_else(|e| panic!("{e}"))
}

/// The example with what the template does not hold taken out: its assessment fields.
fn ratings_only(example: &Assessment) -> Assessment {
    let mut a = example.clone();
    a.id = None;
    a.enterprise = None;
    a.assessed_on = None;
    a.assessor = None;
    a.model = Some(model().id().clone());
    a
}

/// What is wrong with the one assessment of `bytes`.
fn read_err(name: &str, bytes: &[u8]) -> cmmm_sheets::Located {
    read_one(Source::Bytes { name, bytes }, &ReadOptions::new()).expect_err("an error")
}

/// The rows of a CSV text (byte-order mark dropped by the csv crate).
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn csv_text(rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn col(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

/// The rating an example gives each requirement, as text (scale key, label or value).
fn rating_of(a: &Assessment, id: &str) -> String {
    a.ratings
        .get(id)
        .and_then(|r| r.rating.as_ref())
        .map_or_else(String::new, |r| r.as_str().to_string())
}

#[test]
fn every_example_round_trips_through_csv_and_xlsx_in_both_languages() {
    for (name, a) in examples() {
        for lang in [Lang::Zh, Lang::En] {
            let csv = write_csv(model(), std::slice::from_ref(&a), lang);
            assert!(csv.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark");
            let back = read("e.csv", &csv).assessment;
            same_result(&a, &back);
            assert_eq!(back.enterprise, a.enterprise, "{name}");
            assert_eq!(back.tailoring, a.tailoring, "{name}");
            assert_eq!(back.include, a.include, "{name}");
            for (id, answer) in a.ratings.iter() {
                let got = back.ratings.get(id).unwrap();
                assert_eq!(got.evidence, answer.evidence, "{name} {id}");
                assert_eq!(got.comment, answer.comment, "{name} {id}");
            }
            let xlsx = write_xlsx(model(), std::slice::from_ref(&a), lang).unwrap();
            let back = read("e.xlsx", &xlsx).assessment;
            same_result(&a, &back);
            assert_eq!(back.enterprise, a.enterprise, "{name}");
        }
        // JSON and NDJSON write back what they read.
        let json = write_json(std::slice::from_ref(&a));
        assert_eq!(read("e.json", json.as_bytes()).assessment, a, "{name}");
        let ndjson = write_ndjson(std::slice::from_ref(&a));
        assert_eq!(read("e.ndjson", ndjson.as_bytes()).assessment, a, "{name}");
        // The wide layout: the same result; evidence and comments are what it cannot hold.
        let wide = write_csv_wide(model(), std::slice::from_ref(&a));
        let back = read("e.csv", &wide).assessment;
        same_result(&a, &back);
        assert_eq!(back.enterprise, a.enterprise, "{name}");
        assert!(!wide_loses(std::slice::from_ref(&back)));
    }
}

#[test]
fn the_csv_template_filled_in_the_rating_column_only_scores_like_the_json() {
    let (_, example) = examples()
        .into_iter()
        .find(|(n, _)| n == "discrete.json")
        .unwrap();
    let blank = template(model(), "discrete", &[]).unwrap();
    let mut rows = csv_rows(&write_csv(model(), &[blank], Lang::Zh));
    let (rating, id) = (col(&rows[0], "rating"), col(&rows[0], "requirement_id"));
    for row in &mut rows[1..] {
        row[rating] = rating_of(&example, &row[id]);
    }
    // Saved by Excel on Chinese Windows: GBK, CRLF line ends.
    let text = csv_text(&rows).replace('\n', "\r\n");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let parsed = read("填好的问卷.csv", &gbk);
    // The example's fields are not in the template; its ratings are.
    same_result(&parsed.assessment, &ratings_only(&example));
    assert_eq!(parsed.assessment.model.as_ref(), Some(model().id()));
}

#[test]
fn ids_and_fields_typed_on_the_first_row_only_fill_down() {
    let all = examples();
    let chosen: Vec<&Assessment> = all.iter().map(|(_, a)| a).take(3).collect();
    // Each enterprise's block: the id, name and profile on its first row only.
    let header: Vec<String> = [
        "assessment_id",
        "enterprise_name",
        "profile",
        "tailoring",
        "include",
        "requirement_id",
        "rating",
    ]
    .map(str::to_string)
    .to_vec();
    let mut rows = vec![header];
    for (k, a) in chosen.iter().enumerate() {
        for (i, (id, answer)) in a.ratings.iter().enumerate() {
            let first = i == 0;
            let tailoring: Vec<String> = a
                .tailoring
                .iter()
                .map(|t| format!("{}={}", t.sub_domain, t.reason))
                .collect();
            rows.push(vec![
                if first {
                    format!("E{k}")
                } else {
                    String::new()
                },
                if first {
                    format!("企业{k}")
                } else {
                    String::new()
                },
                if first {
                    a.profile.to_string()
                } else {
                    String::new()
                },
                if first {
                    tailoring.join(";")
                } else {
                    String::new()
                },
                if first {
                    a.include.join(";")
                } else {
                    String::new()
                },
                id.to_string(),
                answer
                    .rating
                    .as_ref()
                    .map_or("", |r| r.as_str())
                    .to_string(),
            ]);
        }
    }
    let text = csv_text(&rows);
    let records = read_all(
        Source::Bytes {
            name: "park.csv",
            bytes: text.as_bytes(),
        },
        &ReadOptions::new(),
    );
    assert_eq!(records.len(), 3);
    for (k, (record, a)) in records.iter().zip(&chosen).enumerate() {
        let parsed = record.as_ref().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            parsed.assessment.id.as_deref(),
            Some(format!("E{k}").as_str())
        );
        let name = parsed
            .assessment
            .enterprise
            .as_ref()
            .and_then(|e| e.name.clone());
        assert_eq!(name, Some(format!("企业{k}")));
        same_result(&parsed.assessment, a);
    }
    // Without any id, the whole sheet is one assessment: the first block alone reads as one.
    let one: Vec<Vec<String>> = rows
        .iter()
        .take(chosen[0].ratings.len() + 1)
        .map(|r| {
            let mut r = r.clone();
            r[0] = String::new();
            r
        })
        .collect();
    let mut one = one;
    one[0][0] = "assessment_id".into();
    let parsed = read("one.csv", csv_text(&one).as_bytes());
    assert_eq!(parsed.assessment.id, None);
    same_result(&parsed.assessment, chosen[0]);
    // Several enterprises where one is asked for: an error that says to use batch.
    let err = read_err("park.csv", text.as_bytes());
    assert_eq!(err.code(), "several-assessments");
    assert!(err.to_string().contains("cmmm batch"), "{err}");
}

#[test]
fn gbk_detection_reads_the_whole_file() {
    // Eleven enterprises in plain ASCII (over 100 KB), then one with Chinese text: a prefix
    // would say UTF-8 and garble the last.
    let ids: Vec<&str> = model()
        .layout()
        .requirements
        .iter()
        .map(|r| &*r.id)
        .collect();
    let mut text = String::from("assessment_id,enterprise_name,profile,requirement_id,rating\n");
    for k in 0..12 {
        for (i, id) in ids.iter().enumerate() {
            let (name, rating) = if k == 11 {
                ("企业十", "全部满足")
            } else {
                ("acme", "full")
            };
            let name = if i == 0 { name } else { "" };
            text += &format!("E{k},{name},discrete,{id},{rating}\n");
        }
    }
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let first_chinese = gbk.iter().position(|b| *b >= 0x80).unwrap();
    assert!(first_chinese > 100_000, "{first_chinese}");
    let records = read_all(
        Source::Bytes {
            name: "gbk.csv",
            bytes: &gbk,
        },
        &ReadOptions::new(),
    );
    assert_eq!(records.len(), 12);
    for r in &records {
        let p = r.as_ref().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(score(&p.assessment).level, 5);
    }
    let last = records[11].as_ref().unwrap();
    assert_eq!(
        last.assessment.enterprise.as_ref().unwrap().name.as_deref(),
        Some("企业十")
    );
    // Read as UTF-8 when told: an error naming the first bad byte, not garbled text.
    let opts = ReadOptions::new().encoding(Encoding::Utf8);
    let records = read_all(
        Source::Bytes {
            name: "gbk.csv",
            bytes: &gbk,
        },
        &opts,
    );
    assert_eq!(records.len(), 1);
    let err = records[0].as_ref().unwrap_err();
    assert_eq!(err.code(), "invalid-encoding");
    assert!(
        err.to_string().contains(&format!("byte {first_chinese}")),
        "{err}"
    );
}

#[test]
fn an_xlsx_template_filled_in_a_spreadsheet_program_scores_like_the_json() {
    use calamine::{Data, Reader};
    let (_, example) = examples()
        .into_iter()
        .find(|(n, _)| n == "discrete.json")
        .unwrap();
    let blank = template(model(), "discrete", &[]).unwrap();
    let book = write_xlsx(model(), &[blank], Lang::Zh).unwrap();
    let mut xlsx = calamine::Xlsx::new(std::io::Cursor::new(book)).unwrap();
    assert_eq!(xlsx.sheet_names(), ["问卷", "说明"]);
    let range = xlsx.worksheet_range("问卷").unwrap();
    let about = xlsx.worksheet_range("说明").unwrap();
    // The about sheet says the requirement texts are illustrative.
    assert!(about
        .rows()
        .any(|r| r.iter().any(|c| c.to_string().starts_with("illustrative"))));
    // Typed in as a person does, and saved: values as number cells, labels as text.
    let mut out = rust_xlsxwriter::Workbook::new();
    let sheet = out.add_worksheet();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let (rating, id) = (col(&header, "rating"), col(&header, "requirement_id"));
    for (r, row) in range.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r32, c16) = (r as u32, c as u16);
            match cell {
                Data::String(s) => sheet.write_string(r32, c16, s).map(|_| ()),
                Data::Float(x) => sheet.write_number(r32, c16, *x).map(|_| ()),
                Data::Empty => Ok(()),
                other => panic!("{other:?}"),
            }
            .unwrap();
        }
        if r > 0 {
            let given = rating_of(&example, &row[id].to_string());
            match given.parse::<f64>() {
                Ok(x) => sheet.write_number(r as u32, rating as u16, x).map(|_| ()),
                Err(_) => sheet
                    .write_string(r as u32, rating as u16, &given)
                    .map(|_| ()),
            }
            .unwrap();
        }
    }
    let saved = out.save_to_buffer().unwrap();
    let parsed = read("filled.xlsx", &saved);
    same_result(&parsed.assessment, &ratings_only(&example));
}

#[test]
fn errors_name_the_cell_and_say_the_fix() {
    let blank = template(model(), "discrete", &[]).unwrap();
    let mut rows = csv_rows(&write_csv(model(), &[blank], Lang::Zh));
    let rating = col(&rows[0], "rating");
    let profile = col(&rows[0], "profile");
    for row in &mut rows[1..] {
        row[rating] = "full".into();
    }
    // Padded text is an error, as in JSON; the fix is named.
    rows[7][rating] = "全部满足 ".into();
    let parsed = read("e.csv", csv_text(&rows).as_bytes());
    let err = Scorer::new(model())
        .score(&parsed.assessment, &Options::default())
        .unwrap_err();
    assert_eq!(err.code(), "invalid-rating");
    let at = parsed.locate(&err.location());
    assert_eq!(at.to_string(), "e.csv:8, column E (rating)");
    assert!(err.to_string().contains("remove the spaces"), "{err}");
    assert!(err.message(Lang::Zh).contains("请删去前后的空格"));
    // A blank rating: unrated, and the error says how to go on.
    rows[7][rating] = "   ".into();
    let parsed = read("e.csv", csv_text(&rows).as_bytes());
    let err = Scorer::new(model())
        .score(&parsed.assessment, &Options::default())
        .unwrap_err();
    assert_eq!(err.code(), "missing-ratings");
    assert!(err.to_string().contains("--allow-missing"), "{err}");
    // A later row giving another profile: an error at that cell.
    rows[7][rating] = "full".into();
    rows[30][profile] = "process".into();
    let text = csv_text(&rows);
    let err = read_err("e.csv", text.as_bytes());
    assert_eq!(err.code(), "invalid-row");
    assert_eq!(err.location.row, 31);
    assert_eq!(
        err.location.column.as_ref().unwrap().name.as_ref(),
        "profile"
    );
    assert!(
        err.message(Lang::Zh).contains("第 31 行"),
        "{}",
        err.message(Lang::Zh)
    );
    // An unknown column of the long layout is named, with the columns that exist.
    rows[30][profile] = String::new();
    rows[0][profile] = "profiel".into();
    let text = csv_text(&rows);
    let err = read_err("e.csv", text.as_bytes());
    assert_eq!(err.code(), "invalid-header");
    assert!(err.to_string().contains("`profiel`"), "{err}");
}

#[test]
fn formats_come_from_names_or_options() {
    assert_eq!(Format::of("a.XLSX"), Some(Format::Xlsx));
    assert_eq!(Format::of("a.jsonl"), Some(Format::Ndjson));
    assert_eq!(Format::of("a.txt"), None);
    let err = read_err("a.txt", b"{}");
    assert_eq!(err.code(), "unknown-format");
    let (_, a) = &examples()[0];
    let json = write_json(std::slice::from_ref(a));
    let opts = ReadOptions::new().format(Format::Json);
    let parsed = read_one(
        Source::Bytes {
            name: "a.txt",
            bytes: json.as_bytes(),
        },
        &opts,
    )
    .unwrap();
    assert_eq!(&parsed.assessment, a);
}

#[test]
fn a_malformed_workbook_is_an_error_not_a_crash() {
    use std::io::{Read, Write};
    // The template, with one cell reference broken as a hostile file has it.
    let blank = template(model(), "discrete", &[]).unwrap();
    let good = write_xlsx(model(), &[blank], Lang::Zh).unwrap();
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(good)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut entry = src.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let text = String::from_utf8(data).unwrap();
            data = text
                .replacen("r=\"A2\"", "r=\"JinlineStr\"", 1)
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    let bad = out.finish().unwrap().into_inner();
    let err = read_err("bad.xlsx", &bad);
    assert_eq!(err.code(), "unreadable-file", "{err}");
}

#[test]
fn a_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_read() {
    use std::io::Write;
    // A small file whose one part unpacks to 3 MiB (zeros compress to almost nothing).
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    zip.write_all(&vec![b' '; 3 << 20]).unwrap();
    let bomb = zip.finish().unwrap().into_inner();
    assert!(bomb.len() < 64 << 10, "{}", bomb.len());
    let mut limits = cmmm_sheets::Limits::default();
    limits.file_bytes = 1 << 20;
    let opts = ReadOptions::new().limits(limits);
    let err = read_one(
        Source::Bytes {
            name: "bomb.xlsx",
            bytes: &bomb,
        },
        &opts,
    )
    .unwrap_err();
    assert_eq!(err.code(), "too-large", "{err}");
    assert!(err.to_string().contains("unpacked"), "{err}");
}

#[test]
fn a_quote_left_open_right_of_the_header_is_an_error_not_a_crash() {
    // Found by the `sheets` fuzz target (fuzz/regressions/sheets/): the cell holding the
    // quote stands right of the last header column.
    let text = "assessment_id\nA,x,\"open\nB,y,z\nC,y,z\n";
    let records = read_all(
        Source::Bytes {
            name: "e.csv",
            bytes: text.as_bytes(),
        },
        &ReadOptions::new().profile("discrete"),
    );
    let first = records[0].as_ref().unwrap_err();
    assert_eq!(first.code(), "invalid-row");
    let column = first.location.column.as_ref().unwrap();
    assert_eq!((column.letters().as_str(), &*column.name), ("C", ""));
}
