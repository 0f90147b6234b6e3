//! Questionnaires written: JSON, CSV and XLSX in the long layout (one row per answer, with
//! the requirement's sub-domain, level and text beside it), the assessment's fields on its
//! first row. A template is an assessment whose ratings are blank, so one writer serves
//! templates and conversions alike, and what it writes reads back to the same assessment.

use cmmm_model::{Answer, Assessment, Id, Lang, Model};

use crate::columns::{Part, COLUMNS, LIST_SEPARATOR};

/// A workbook could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the workbook: {0}")]
pub struct WriteError(#[from] rust_xlsxwriter::XlsxError);

/// The JSON of assessments: one object, or an array of several (pretty, with a newline).
pub fn write_json(assessments: &[Assessment]) -> String {
    // Assessments are plain data with string keys: serializing cannot fail.
    let text = match assessments {
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(many),
    };
    text.expect("assessments serialize") + "\n"
}

/// Assessments as NDJSON: one compact JSON object per line.
pub fn write_ndjson(assessments: &[Assessment]) -> String {
    let mut out = String::new();
    for a in assessments {
        // Plain data with string keys: serializing cannot fail.
        out.push_str(&serde_json::to_string(a).expect("an assessment serializes"));
        out.push('\n');
    }
    out
}

/// Assessments as a CSV sheet in the wide layout, with a byte-order mark: one row per
/// assessment, the assessment columns, then one column per requirement any of them rates,
/// in model order (ids the model lacks after them, as given). The wide layout holds ratings
/// only: evidence and comments need the long layout ([`write_csv`]), and
/// [`wide_loses`] says whether any would be left out.
pub fn write_csv_wide(model: &Model, assessments: &[Assessment]) -> Vec<u8> {
    let mut ids: Vec<&str> = model
        .layout()
        .requirements
        .iter()
        .map(|q| &*q.id)
        .filter(|id| assessments.iter().any(|a| a.ratings.get(id).is_some()))
        .collect();
    for a in assessments {
        for (id, _) in a.ratings.iter() {
            if model.requirement_index(id).is_none() && !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    let fields: Vec<&str> = crate::columns::assessment_columns()
        .map(|c| c.key)
        .collect();
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    // Writing to memory cannot fail.
    w.write_record(fields.iter().copied().chain(ids.iter().copied()))
        .expect("write to memory");
    for a in assessments {
        let by_id: std::collections::HashMap<&str, &Answer> = a.ratings.iter().collect();
        let row = fields
            .iter()
            .map(|k| assessment_cell(a, k))
            .chain(ids.iter().map(|id| {
                by_id
                    .get(id)
                    .map_or_else(String::new, |answer| answer_cell(answer, "rating"))
            }));
        w.write_record(row.collect::<Vec<_>>())
            .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

/// True when some answer of `assessments` has evidence, a comment or who rated it, which the
/// wide layout cannot hold.
pub fn wide_loses(assessments: &[Assessment]) -> bool {
    assessments.iter().any(|a| {
        a.ratings
            .iter()
            .any(|(_, x)| !x.evidence.is_empty() || x.comment.is_some() || x.assessor.is_some())
    })
}

/// The cells of every row of `assessments`, in [`COLUMNS`] order: one row per answer, and
/// the assessment's fields on its first row. Requirement texts are in `lang`.
fn rows<'a>(model: &'a Model, assessments: &'a [Assessment], lang: Lang) -> Vec<Vec<String>> {
    let layout = model.layout();
    let mut rows = Vec::new();
    for a in assessments {
        for (i, (id, answer)) in a.ratings.iter().enumerate() {
            let known = model.requirement_index(id).map(|r| &layout.requirements[r]);
            let row = COLUMNS
                .iter()
                .map(|c| match c.key {
                    "requirement_id" => id.to_string(),
                    "sub_domain" => known
                        .map(|q| layout.sub_domains[q.sub_domain].id.to_string())
                        .or_else(|| answer.sub_domain.as_ref().map(Id::to_string))
                        .unwrap_or_default(),
                    "level" => known
                        .map(|q| q.level)
                        .or(answer.level)
                        .map_or_else(String::new, |l| l.to_string()),
                    "text" => known
                        .map(|q| q.text.get(lang).to_string())
                        .or_else(|| answer.text.as_ref().map(|t| t.get(lang).to_string()))
                        .unwrap_or_default(),
                    key if c.part == Part::Answer => answer_cell(answer, key),
                    key if i == 0 => assessment_cell(a, key),
                    _ => String::new(),
                })
                .collect();
            rows.push(row);
        }
    }
    rows
}

fn answer_cell(answer: &Answer, key: &str) -> String {
    match key {
        "rating" => answer
            .rating
            .as_ref()
            .map_or_else(String::new, |r| r.as_str().to_string()),
        "evidence" => answer.evidence.join(&LIST_SEPARATOR.to_string()),
        "comment" => answer.comment.clone().unwrap_or_default(),
        "rated_by" => answer.assessor.clone().unwrap_or_default(),
        _ => String::new(),
    }
}

fn assessment_cell(a: &Assessment, key: &str) -> String {
    let enterprise = |f: fn(&cmmm_model::Enterprise) -> &Option<String>| {
        a.enterprise
            .as_ref()
            .and_then(|e| f(e).clone())
            .unwrap_or_default()
    };
    let sep = LIST_SEPARATOR.to_string();
    match key {
        "assessment_id" => a.id.clone().unwrap_or_default(),
        "enterprise_name" => enterprise(|e| &e.name),
        "enterprise_code" => enterprise(|e| &e.code),
        "industry" => enterprise(|e| &e.industry),
        "region" => enterprise(|e| &e.region),
        "assessed_on" => a.assessed_on.clone().unwrap_or_default(),
        "assessor" => a.assessor.clone().unwrap_or_default(),
        "profile" => a.profile.to_string(),
        "model" => a.model.as_ref().map(Id::to_string).unwrap_or_default(),
        "include" => a.include.join(&sep),
        "tailoring" => a
            .tailoring
            .iter()
            .map(|t| format!("{}={}", t.sub_domain, t.reason))
            .collect::<Vec<_>>()
            .join(&sep),
        _ => String::new(),
    }
}

/// Assessments as a CSV sheet, UTF-8 with a byte-order mark (which Excel and WPS need to
/// show Chinese text right).
pub fn write_csv(model: &Model, assessments: &[Assessment], lang: Lang) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    // Writing to memory cannot fail.
    w.write_record(COLUMNS.map(|c| c.key))
        .expect("write to memory");
    for row in rows(model, assessments, lang) {
        w.write_record(row).expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

/// Assessments as an XLSX workbook: the questionnaire sheet (frozen header, the rating
/// column a drop-down of the scale's labels in `lang`, wrapped requirement texts) and an
/// "about" sheet with the model, the provenance of its parts and how to fill it in.
pub fn write_xlsx(
    model: &Model,
    assessments: &[Assessment],
    lang: Lang,
) -> Result<Vec<u8>, WriteError> {
    use rust_xlsxwriter::{
        Color, DataValidation, DataValidationErrorStyle, Format, FormatAlign, Workbook,
    };
    let zh = lang == Lang::Zh;
    let mut workbook = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7));
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let rows = rows(model, assessments, lang);
    let sheet = workbook.add_worksheet();
    sheet.set_name(if zh { "问卷" } else { "questionnaire" })?;
    for (c, def) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, def.key, &bold)?;
        sheet.set_column_width(c as u16, def.width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let (r, c) = (r as u32 + 1, c as u16);
            match COLUMNS[c as usize].key {
                "level" => match cell.parse::<u8>() {
                    Ok(level) => sheet.write_number(r, c, level)?,
                    Err(_) => sheet.write_string(r, c, cell)?,
                },
                "text" => sheet.write_string_with_format(r, c, cell, &wrap)?,
                _ => sheet.write_string(r, c, cell)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    if let Some(rating) = COLUMNS.iter().position(|c| c.key == "rating") {
        let labels: Vec<&str> = model
            .scale()
            .iter()
            .map(|p| if zh { &*p.label.zh } else { &*p.key })
            .collect();
        let (title, message) = if zh {
            (
                "评分",
                "请从列表中选择；也可填写等级键（full、most、partial、none）或数值（如 0.8）。留空表示尚未评分。",
            )
        } else {
            (
                "Rating",
                "Choose from the list; a scale label in Chinese or a value (such as 0.8) is read too. Leave blank while unrated.",
            )
        };
        let validation = DataValidation::new()
            .allow_list_strings(&labels)?
            .set_input_title(title)?
            .set_input_message(message)?
            .set_error_title(title)?
            .set_error_message(message)?
            .set_error_style(DataValidationErrorStyle::Warning);
        let last = rows.len().max(1) as u32;
        sheet.add_data_validation(1, rating as u16, last, rating as u16, &validation)?;
    }
    about(workbook.add_worksheet(), model, lang)?;
    Ok(workbook.save_to_buffer()?)
}

/// The "about" sheet: the model and the provenance of its parts (so nobody mistakes an
/// illustrative catalogue for the standard's text), and the rules of filling in.
fn about(
    sheet: &mut rust_xlsxwriter::Worksheet,
    model: &Model,
    lang: Lang,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let zh = lang == Lang::Zh;
    let t = |z: &'static str, e: &'static str| if zh { z } else { e };
    sheet.set_name(t("说明", "about"))?;
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 100)?;
    let p = &model.doc().provenance;
    let lines: Vec<(String, String)> = vec![
        (
            t("模型", "Model").into(),
            format!("{} {}", model.id(), model.version()),
        ),
        (
            t("结构", "Structure").into(),
            format!("{}: {}", p.structure.status.as_str(), p.structure.note.get(lang)),
        ),
        (
            t("要求条文", "Requirement texts").into(),
            format!(
                "{}: {}",
                p.requirements.status.as_str(),
                p.requirements.note.get(lang)
            ),
        ),
        (
            t("评分方法", "Method").into(),
            format!("{}: {}", p.method.status.as_str(), p.method.note.get(lang)),
        ),
        (
            t("填写", "Filling in").into(),
            t(
                "在“rating”列为每项要求评分；评估编号、企业名称等字段只需填在第一行，其余行留空即可。不要修改表头。",
                "Rate each requirement in the `rating` column; type the assessment id, enterprise name and the other fields on the first row only and leave them blank below. Keep the header row as it is.",
            )
            .into(),
        ),
        (
            t("评分等级", "Scale").into(),
            model
                .scale()
                .iter()
                .map(|s| format!("{} = {} ({})", s.label.get(lang), s.value, s.key))
                .collect::<Vec<_>>()
                .join("; "),
        ),
    ];
    for (r, (k, v)) in lines.iter().enumerate() {
        sheet.write_string(r as u32, 0, k)?;
        sheet.write_string(r as u32, 1, v)?;
    }
    Ok(())
}
