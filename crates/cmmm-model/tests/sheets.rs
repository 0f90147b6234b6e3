//! Building a model from the three CSV sheets, and writing one back out.

use cmmm_model::sheets::{build, export, BuildError, BuildOptions, Sheet, SheetProblem, Sheets};
use cmmm_model::{Model, Rule, SourceStatus};

const STRUCTURE: &str = "structure.csv";
const REQUIREMENTS: &str = "requirements.csv";
const WEIGHTS: &str = "weights.csv";

fn default_sheets() -> Sheets {
    export(Model::gbt39116_2020())
}

fn build_from(sheets: &Sheets, options: &BuildOptions) -> Result<Model, BuildError> {
    build(
        Sheet {
            name: STRUCTURE,
            text: &sheets.structure,
        },
        Sheet {
            name: REQUIREMENTS,
            text: &sheets.requirements,
        },
        Sheet {
            name: WEIGHTS,
            text: &sheets.weights,
        },
        Model::gbt39116_2020(),
        options,
    )
}

/// The sheet problems of a build that must fail on its rows.
fn sheet_problems(sheets: &Sheets) -> Vec<SheetProblem> {
    match build_from(sheets, &BuildOptions::default()) {
        Ok(_) => panic!("the broken sheets were accepted"),
        Err(BuildError::Sheets(p)) => p,
        Err(other) => panic!("expected sheet problems, got {other:?}"),
    }
}

/// Problems as (file, line, column) triples.
fn places(problems: &[SheetProblem]) -> Vec<(&str, u64, &str)> {
    problems
        .iter()
        .map(|p| (p.file.as_str(), p.line, p.column.as_str()))
        .collect()
}

/// Replaces physical line `line` (1-based) of a sheet, which must not be inside a quoted cell.
fn with_line(text: &str, line: usize, new: impl Fn(&str) -> String) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    lines[line - 1] = new(&lines[line - 1]);
    lines.join("\n")
}

/// Replaces cell `column` (0-based) of physical line `line`, for lines whose first cells
/// hold no comma (ids, levels, weights).
fn with_cell(text: &str, line: usize, column: usize, value: &str) -> String {
    with_line(text, line, |l| {
        let mut cells: Vec<String> = l.splitn(column + 2, ',').map(str::to_string).collect();
        cells[column] = value.to_string();
        cells.join(",")
    })
}

fn cell(text: &str, line: usize, column: usize) -> String {
    text.split('\n')
        .nth(line - 1)
        .expect("line")
        .split(',')
        .nth(column)
        .expect("cell")
        .to_string()
}

#[test]
fn the_exported_sheets_have_one_line_per_row() {
    let sheets = default_sheets();
    // No cell spans lines, so physical line n is row n - 1: the line numbers below rely on it.
    assert_eq!(sheets.structure.lines().count(), 1 + 20);
    assert_eq!(sheets.requirements.lines().count(), 1 + 300);
    assert_eq!(sheets.weights.lines().count(), 1 + 2 * (4 + 12 + 20));
    assert_eq!(
        sheets.structure.lines().next(),
        Some("element,element_zh,element_en,domain,domain_zh,domain_en,sub_domain,sub_domain_zh,sub_domain_en")
    );
    assert_eq!(
        sheets.requirements.lines().next(),
        Some("id,sub_domain,level,text_zh,text_en")
    );
    assert_eq!(
        sheets.weights.lines().next(),
        Some("profile,layer,id,weight,excluded_by_default,tailorable")
    );
    assert_eq!(
        sheets.weights.lines().nth(1),
        Some("discrete,element,personnel,1/10,,")
    );
    assert!(sheets
        .weights
        .lines()
        .any(|l| l == "process,sub_domain,product-design,1/2,yes,yes"));
    assert!(sheets
        .weights
        .lines()
        .any(|l| l == "discrete,sub_domain,product-design,1/2,,yes"));
    assert!(sheets
        .weights
        .lines()
        .any(|l| l == "discrete,sub_domain,data,1,,"));
    assert!(!sheets.structure.starts_with('\u{feff}'));
}

#[test]
fn export_then_build_gives_the_same_model() {
    let base = Model::gbt39116_2020();
    let model = build_from(&default_sheets(), &BuildOptions::default()).expect("round trip");
    assert_eq!(model.doc(), base.doc());
    assert_eq!(model.to_json_pretty(), base.to_json_pretty());
    // And exporting the rebuilt model gives the same sheets.
    assert_eq!(export(&model), default_sheets());
}

#[test]
fn sheets_with_a_byte_order_mark_build_the_same_model() {
    let s = default_sheets();
    let bom = Sheets {
        structure: format!("\u{feff}{}", s.structure),
        requirements: format!("\u{feff}{}", s.requirements),
        weights: format!("\u{feff}{}", s.weights),
    };
    let model = build_from(&bom, &BuildOptions::default()).expect("BOM is skipped");
    assert_eq!(model.doc(), Model::gbt39116_2020().doc());
}

#[test]
fn sheets_with_crlf_line_ends_build_the_same_model() {
    let s = default_sheets();
    let crlf = Sheets {
        structure: s.structure.replace('\n', "\r\n"),
        requirements: s.requirements.replace('\n', "\r\n"),
        weights: s.weights.replace('\n', "\r\n"),
    };
    let model = build_from(&crlf, &BuildOptions::default()).expect("CRLF is fine");
    assert_eq!(model.doc(), Model::gbt39116_2020().doc());
    // Line numbers stay physical lines.
    let broken = Sheets {
        requirements: with_cell(&s.requirements, 9, 2, "x").replace('\n', "\r\n"),
        ..crlf
    };
    assert_eq!(
        places(&sheet_problems(&broken)),
        [(REQUIREMENTS, 9, "level")]
    );
}

#[test]
fn line_numbers_are_physical_lines_whatever_the_line_ends() {
    let s = default_sheets();
    // The level of requirement line 9, and the weight of weights line 60, made bad.
    let requirements = with_cell(&s.requirements, 9, 2, "x");
    let weights = with_cell(&s.weights, 60, 3, "x");
    let expected = [(REQUIREMENTS, 9, "level"), (WEIGHTS, 60, "weight")];
    for (name, end) in [("LF", "\n"), ("CRLF", "\r\n"), ("CR", "\r")] {
        let sheets = Sheets {
            structure: s.structure.replace('\n', end),
            requirements: requirements.replace('\n', end),
            weights: weights.replace('\n', end),
        };
        assert_eq!(places(&sheet_problems(&sheets)), expected, "{name}");
    }
    // Blank lines count as lines: two after requirements line 4, and a blank and an empty
    // row (in CRLF) after weights line 4.
    let sheets = Sheets {
        requirements: with_line(&requirements, 4, |l| format!("{l}\n\n")),
        weights: with_line(&weights, 4, |l| format!("{l}\r\n\r\n,,,,,")),
        ..s.clone()
    };
    assert_eq!(
        places(&sheet_problems(&sheets)),
        [(REQUIREMENTS, 11, "level"), (WEIGHTS, 62, "weight")]
    );
}

#[test]
fn blank_rows_are_skipped() {
    let s = default_sheets();
    let sheets = Sheets {
        requirements: with_line(&s.requirements, 50, |l| format!("{l}\n,,,,\n")),
        ..s
    };
    let model = build_from(&sheets, &BuildOptions::default()).expect("blank rows are skipped");
    assert_eq!(model.doc(), Model::gbt39116_2020().doc());
}

#[test]
fn a_missing_column_in_a_header() {
    let s = default_sheets();
    let sheets = Sheets {
        requirements: with_line(&s.requirements, 1, |l| l.replace("text_en", "english")),
        weights: with_line(&s.weights, 1, |_| {
            "profile,layer,id,weight,excluded_by_default".to_string()
        }),
        ..s
    };
    let p = sheet_problems(&sheets);
    assert_eq!(
        places(&p),
        [
            (REQUIREMENTS, 1, "text_en"),
            (REQUIREMENTS, 1, "english"),
            (WEIGHTS, 1, "tailorable"),
        ]
    );
    assert_eq!(
        p[0].message,
        "missing column `text_en` (expected id,sub_domain,level,text_zh,text_en)"
    );
    assert_eq!(
        p[1].message,
        "unknown column `english` (expected id,sub_domain,level,text_zh,text_en)"
    );
    assert_eq!(
        p[2].to_string(),
        "weights.csv:1: column tailorable: missing column `tailorable` (expected profile,layer,id,weight,excluded_by_default,tailorable)"
    );
}

#[test]
fn columns_may_come_in_any_order() {
    let s = default_sheets();
    let swap = |text: &str| -> String {
        text.lines()
            .map(|l| {
                let mut cells: Vec<&str> = l.splitn(3, ',').collect();
                cells.swap(0, 1);
                cells.join(",")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let sheets = Sheets {
        weights: swap(&s.weights),
        ..s
    };
    assert!(sheets.weights.starts_with("layer,profile,id,"));
    let model = build_from(&sheets, &BuildOptions::default()).expect("columns found by name");
    assert_eq!(model.doc(), Model::gbt39116_2020().doc());
}

#[test]
fn a_non_numeric_level() {
    let s = default_sheets();
    assert_eq!(cell(&s.requirements, 5, 0), "org-strategy.2.a");
    let sheets = Sheets {
        requirements: with_cell(&s.requirements, 5, 2, "three"),
        ..s.clone()
    };
    let p = sheet_problems(&sheets);
    assert_eq!(places(&p), [(REQUIREMENTS, 5, "level")]);
    assert_eq!(p[0].message, "level `three` is not a whole number");
    assert_eq!(
        p[0].to_string(),
        "requirements.csv:5: column level: level `three` is not a whole number"
    );

    for bad in ["-1", "2.0", "256"] {
        let sheets = Sheets {
            requirements: with_cell(&s.requirements, 300, 2, bad),
            ..s.clone()
        };
        let p = sheet_problems(&sheets);
        assert_eq!(places(&p), [(REQUIREMENTS, 300, "level")], "{bad}");
        assert_eq!(p[0].message, format!("level `{bad}` is not a whole number"));
    }
}

#[test]
fn a_level_out_of_range_is_a_model_error() {
    let s = default_sheets();
    let sheets = Sheets {
        requirements: with_cell(&s.requirements, 2, 2, "7"),
        ..s
    };
    match build_from(&sheets, &BuildOptions::default()) {
        Err(e @ BuildError::Model(_)) => {
            assert_eq!(e.code(), "invalid-model");
            let BuildError::Model(m) = &e else {
                unreachable!()
            };
            let p = m.problems();
            assert_eq!(p.len(), 1, "{p:?}");
            assert_eq!(p[0].rule, Rule::LevelOutOfRange);
            assert_eq!(
                p[0].at,
                "elements[0].domains[0].sub_domains[0].requirements[0].level"
            );
            assert!(p[0].message.contains("`org-strategy.1.a`"), "{}", p[0]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_unknown_sub_domain_in_the_requirements_sheet() {
    let s = default_sheets();
    let sheets = Sheets {
        requirements: with_cell(&s.requirements, 120, 1, "prodution-ops"),
        ..s
    };
    let p = sheet_problems(&sheets);
    assert_eq!(places(&p), [(REQUIREMENTS, 120, "sub_domain")]);
    assert_eq!(
        p[0].message,
        "sub-domain `prodution-ops` is not in the structure sheet"
    );
}

#[test]
fn empty_required_cells() {
    let s = default_sheets();
    let sheets = Sheets {
        requirements: with_cell(&s.requirements, 3, 0, ""),
        weights: with_cell(&s.weights, 30, 3, " "),
        ..s.clone()
    };
    let p = sheet_problems(&sheets);
    assert_eq!(
        places(&p),
        [(REQUIREMENTS, 3, "id"), (WEIGHTS, 30, "weight")]
    );
    assert!(p.iter().all(|x| x.message == "empty cell"), "{p:?}");

    // A structure row without its element is dropped, so the requirements of its
    // sub-domain (product-service, requirement lines 287 to 301) have nowhere to go.
    let sheets = Sheets {
        structure: with_cell(&s.structure, 21, 0, ""),
        ..s
    };
    let p = sheet_problems(&sheets);
    let mut expected = vec![(STRUCTURE, 21, "element")];
    expected.extend((287..=301).map(|line| (REQUIREMENTS, line, "sub_domain")));
    assert_eq!(places(&p), expected);
    assert_eq!(p[0].message, "empty cell");
    assert_eq!(
        p[1].message,
        "sub-domain `product-service` is not in the structure sheet"
    );
}

#[test]
fn a_row_with_the_wrong_number_of_cells() {
    let s = default_sheets();
    let sheets = Sheets {
        weights: with_line(&s.weights, 40, |l| format!("{l},extra")),
        ..s
    };
    let p = sheet_problems(&sheets);
    assert_eq!(places(&p), [(WEIGHTS, 40, "")]);
    assert_eq!(p[0].message, "7 cells where the header has 6");
    assert_eq!(
        p[0].to_string(),
        "weights.csv:40: 7 cells where the header has 6"
    );
}

#[test]
fn a_sub_domain_listed_twice_in_the_structure_sheet() {
    let s = default_sheets();
    let line3 = s.structure.lines().nth(2).expect("line 3").to_string();
    let sheets = Sheets {
        structure: with_line(&s.structure, 4, |l| format!("{line3}\n{l}")),
        ..s
    };
    let p = sheet_problems(&sheets);
    assert_eq!(places(&p), [(STRUCTURE, 4, "sub_domain")]);
    assert_eq!(p[0].message, "sub-domain `skills` is listed twice");
}

#[test]
fn a_bad_weight() {
    let s = default_sheets();
    assert_eq!(cell(&s.weights, 3, 2), "technology");
    let sheets = Sheets {
        weights: with_cell(&s.weights, 3, 3, "x"),
        ..s.clone()
    };
    let p = sheet_problems(&sheets);
    assert_eq!(places(&p), [(WEIGHTS, 3, "weight")]);
    assert_eq!(
        p[0].message,
        "`x` is not an exact decimal (\"0.25\") or fraction (\"1/3\")"
    );
    for bad in ["1e-3", "0.1.2", "-1/3", "1/0"] {
        let sheets = Sheets {
            weights: with_cell(&s.weights, 70, 3, bad),
            ..s.clone()
        };
        let p = sheet_problems(&sheets);
        assert_eq!(places(&p), [(WEIGHTS, 70, "weight")], "{bad}");
        assert!(p[0].message.starts_with(&format!("`{bad}` ")), "{p:?}");
    }
}

#[test]
fn an_unknown_layer() {
    let s = default_sheets();
    assert_eq!(cell(&s.weights, 7, 1), "domain");
    let sheets = Sheets {
        weights: with_cell(&s.weights, 7, 1, "subdomain"),
        ..s
    };
    let p = sheet_problems(&sheets);
    assert_eq!(places(&p), [(WEIGHTS, 7, "layer")]);
    assert_eq!(
        p[0].message,
        "layer `subdomain` is not element, domain or sub_domain"
    );
}

#[test]
fn a_duplicate_weight_row() {
    let s = default_sheets();
    // Line 2 (discrete, element, personnel) again as line 74, after the last row.
    let line2 = s.weights.lines().nth(1).expect("line 2").to_string();
    let sheets = Sheets {
        weights: format!("{}{line2}\n", s.weights),
        ..s.clone()
    };
    let p = sheet_problems(&sheets);
    assert_eq!(places(&p), [(WEIGHTS, 74, "id")]);
    assert_eq!(
        p[0].message,
        "element `personnel` has a second weight in profile `discrete`"
    );

    // The same id in another profile or layer is not a duplicate.
    let sheets = Sheets {
        weights: format!("{}custom,element,personnel,1,,\n", s.weights),
        ..s
    };
    match build_from(&sheets, &BuildOptions::default()) {
        Err(BuildError::Model(m)) => {
            // A profile new to the base, whose other weights are missing: a model error,
            // not a duplicate row.
            let p = &m.problems()[0];
            assert_eq!(p.rule, Rule::MissingWeight);
            assert_eq!(p.at, "profiles[2].weights.elements");
            assert_eq!(p.message, "no weight for element `technology`");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_bad_yes_no_cell() {
    let s = default_sheets();
    let sheets = Sheets {
        weights: with_cell(&s.weights, 20, 5, "maybe"),
        ..s.clone()
    };
    let p = sheet_problems(&sheets);
    assert_eq!(places(&p), [(WEIGHTS, 20, "tailorable")]);
    assert_eq!(p[0].message, "`maybe` is not yes or no");

    // A flag on an element row.
    let sheets = Sheets {
        weights: with_cell(&s.weights, 2, 4, "yes"),
        ..s.clone()
    };
    let p = sheet_problems(&sheets);
    assert_eq!(places(&p), [(WEIGHTS, 2, "excluded_by_default")]);
    assert_eq!(p[0].message, "only sub-domains can be excluded_by_default");
}

#[test]
fn yes_and_no_in_several_spellings() {
    let s = default_sheets();
    // Line 25: discrete, sub_domain, product-design.
    assert_eq!(cell(&s.weights, 25, 2), "product-design");
    for (excluded, tailorable) in [("是", "Y"), ("TRUE", "1"), ("yes", "是")] {
        let weights = with_line(&s.weights, 25, |_| {
            format!("discrete,sub_domain,product-design,1/2,{excluded},{tailorable}")
        });
        let sheets = Sheets {
            weights,
            ..s.clone()
        };
        let model = build_from(&sheets, &BuildOptions::default()).expect("valid");
        let (discrete, _) = model.profile("discrete").expect("discrete");
        assert_eq!(discrete.excluded_by_default, ["product-design"]);
    }
    for no in ["否", "No", "n", "false", "0", ""] {
        let weights = with_line(&s.weights, 25, |_| {
            format!("discrete,sub_domain,product-design,1/2,{no},{no}")
        });
        let sheets = Sheets {
            weights,
            ..s.clone()
        };
        let model = build_from(&sheets, &BuildOptions::default()).expect("valid");
        let (discrete, _) = model.profile("discrete").expect("discrete");
        assert!(discrete.excluded_by_default.is_empty(), "{no}");
        assert!(
            !discrete.tailorable.iter().any(|x| x == "product-design"),
            "{no}"
        );
    }
}

#[test]
fn every_bad_row_of_every_sheet_is_reported_in_one_run() {
    let s = default_sheets();
    let line10 = s.structure.lines().nth(9).expect("line 10").to_string();
    let sheets = Sheets {
        // Line 10 again as line 11: listed twice.
        structure: with_line(&s.structure, 10, |l| format!("{l}\n{line10}")),
        requirements: with_cell(&with_cell(&s.requirements, 2, 2, "one"), 301, 1, "nowhere"),
        weights: with_cell(&with_cell(&s.weights, 38, 3, "x"), 73, 4, "perhaps"),
    };
    let err = build_from(&sheets, &BuildOptions::default()).expect_err("bad rows");
    assert_eq!(err.code(), "invalid-sheet");
    let BuildError::Sheets(p) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        places(p),
        [
            (STRUCTURE, 11, "sub_domain"),
            (REQUIREMENTS, 2, "level"),
            (REQUIREMENTS, 301, "sub_domain"),
            (WEIGHTS, 38, "weight"),
            (WEIGHTS, 73, "excluded_by_default"),
        ]
    );
    assert!(
        err.to_string().starts_with(
            "5 bad row(s):\nstructure.csv:11: column sub_domain: sub-domain `process-design` is listed twice\n"
        ),
        "{err}"
    );
}

#[test]
fn line_numbers_count_physical_lines_across_multi_line_cells() {
    let s = default_sheets();
    // Row 2's English text spans three physical lines (2 to 4); the next row starts on 5.
    let requirements = with_line(&s.requirements, 2, |l| {
        let (head, _) = l.rsplit_once(',').expect("cells");
        format!("{head},\"first line\nsecond line\nthird line\"")
    });
    let requirements = with_cell(&requirements, 5, 2, "two");
    let sheets = Sheets { requirements, ..s };
    let p = sheet_problems(&sheets);
    assert_eq!(places(&p), [(REQUIREMENTS, 5, "level")]);
}

#[test]
fn rows_that_are_fine_but_weights_that_do_not_sum_to_one() {
    let s = default_sheets();
    // Line 25: discrete, sub_domain, product-design, 1/2.
    assert_eq!(cell(&s.weights, 25, 2), "product-design");
    assert_eq!(cell(&s.weights, 25, 3), "1/2");
    let sheets = Sheets {
        weights: with_cell(&s.weights, 25, 3, "0.4"),
        ..s
    };
    let err = build_from(&sheets, &BuildOptions::default()).expect_err("weights sum to 9/10");
    assert_eq!(err.code(), "invalid-model");
    let BuildError::Model(m) = &err else {
        panic!("{err:?}")
    };
    let p = m.problems();
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].rule, Rule::WeightSum);
    assert_eq!(p[0].rule.code(), "weight-sum");
    assert_eq!(p[0].at, "profiles[0].weights.sub_domains");
    assert_eq!(
        p[0].message,
        "weights of the sub-domains of domain `design` sum to 9/10, not exactly 1"
    );
}

#[test]
fn build_options_are_applied() {
    let options = BuildOptions::new()
        .id("gbt39116-2020-official")
        .version("2020.official.1")
        .requirements_status(SourceStatus::Official)
        .weights_status(SourceStatus::Official);
    let model = build_from(&default_sheets(), &options).expect("valid");
    let base = Model::gbt39116_2020();
    assert_eq!(model.id(), "gbt39116-2020-official");
    assert_eq!(model.version(), "2020.official.1");
    let doc = model.doc();
    assert_eq!(doc.provenance.requirements.status, SourceStatus::Official);
    // The base's note ("illustrative…") no longer applies and is replaced.
    assert_eq!(
        &*doc.provenance.requirements.note.en,
        "Built by `cmmm model build` from spreadsheets; the status of the requirement texts (official) was stated by the builder."
    );
    for p in &doc.profiles {
        assert!(
            !p.weights_provenance.note.en.contains("Placeholder"),
            "{}",
            p.weights_provenance.note.en
        );
    }
    // What the options do not name comes from the base.
    assert_eq!(doc.provenance.structure, base.doc().provenance.structure);
    assert_eq!(doc.provenance.method, base.doc().provenance.method);
    for p in &doc.profiles {
        assert_eq!(
            p.weights_provenance.status,
            SourceStatus::Official,
            "{}",
            p.id
        );
    }
    assert_eq!(doc.elements, base.doc().elements);
    assert_eq!(doc.levels, base.doc().levels);
    assert_eq!(doc.bands, base.doc().bands);

    // Only the named options change.
    let options = BuildOptions::new().weights_status(SourceStatus::Reported);
    let model = build_from(&default_sheets(), &options).expect("valid");
    assert_eq!(model.id(), "gbt39116-2020");
    assert_eq!(model.version(), base.version());
    assert_eq!(
        model.doc().provenance.requirements.status,
        SourceStatus::Illustrative
    );
    let statuses: Vec<SourceStatus> = model
        .profiles()
        .iter()
        .map(|p| p.weights_provenance.status)
        .collect();
    assert_eq!(statuses, [SourceStatus::Reported, SourceStatus::Reported]);
}

#[test]
fn a_profile_new_to_the_base_is_labelled_placeholder() {
    let s = default_sheets();
    let custom: String = s
        .weights
        .lines()
        .filter(|l| l.starts_with("discrete,"))
        .map(|l| format!("{}\n", l.replacen("discrete,", "custom,", 1)))
        .collect();
    let sheets = Sheets {
        weights: format!("{}{custom}", s.weights),
        ..s
    };
    let model = build_from(&sheets, &BuildOptions::default()).expect("valid");
    let ids: Vec<&str> = model.profiles().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["discrete", "process", "custom"]);
    let (custom, _) = model.profile("custom").expect("custom");
    assert_eq!(&*custom.name.zh, "custom");
    assert_eq!(&*custom.name.en, "custom");
    assert_eq!(custom.weights_provenance.status, SourceStatus::Placeholder);
    assert_eq!(
        &*custom.weights_provenance.note.en,
        "Imported from a spreadsheet; source not stated."
    );
    let (discrete, _) = model.profile("discrete").expect("discrete");
    assert_eq!(custom.weights, discrete.weights);
    assert_eq!(custom.tailorable, discrete.tailorable);

    // With a weights status, the new profile takes it too.
    let options = BuildOptions::new().weights_status(SourceStatus::Official);
    let model = build_from(&sheets, &options).expect("valid");
    let (custom, _) = model.profile("custom").expect("custom");
    assert_eq!(custom.weights_provenance.status, SourceStatus::Official);
}
