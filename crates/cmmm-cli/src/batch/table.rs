//! Sheets of questionnaires (CSV or XLSX) in the long layout (one row per rating) or the wide
//! layout (one row per assessment), assembled into assessments.

use std::path::Path;
use std::sync::Arc;

use cmmm_model::{Answer, Assessment, Enterprise, RatingInput, Tailoring, UniqueMap};

use super::input::{InputOptions, Location, Payload, Record};

/// Assessment-level columns, in either layout.
const ASSESSMENT_COLUMNS: [&str; 11] = [
    "assessment_id",
    "profile",
    "model",
    "enterprise_name",
    "enterprise_code",
    "industry",
    "region",
    "assessed_on",
    "assessor",
    "include",
    "tailoring",
];
/// Per-rating columns of the long layout.
const RATING_COLUMNS: [&str; 4] = ["requirement_id", "rating", "evidence", "comment"];
/// Columns `cmmm template --format csv` adds for the reader; ignored.
const INFORMATIONAL_COLUMNS: [&str; 3] = ["sub_domain", "level", "text"];

/// A row: its line (or spreadsheet row) and cells, or an unreadable row.
pub type Row = Result<(u64, Vec<String>), (u64, String)>;

struct Columns {
    index: Vec<(String, usize)>,
}

impl Columns {
    fn get<'r>(&self, row: &'r [String], name: &str) -> Option<&'r str> {
        let i = self.index.iter().find(|(n, _)| n == name)?.1;
        row.get(i).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    fn has(&self, name: &str) -> bool {
        self.index.iter().any(|(n, _)| n == name)
    }
}

/// Fills the assessment-level fields of `a` from a row.
fn assessment_fields(
    a: &mut Assessment,
    c: &Columns,
    row: &[String],
    default_profile: Option<&str>,
) -> Result<(), String> {
    a.id = c.get(row, "assessment_id").map(str::to_string);
    a.profile = c
        .get(row, "profile")
        .or(default_profile)
        .unwrap_or_default()
        .to_string();
    a.model = c.get(row, "model").map(str::to_string);
    let enterprise = Enterprise {
        name: c.get(row, "enterprise_name").map(str::to_string),
        code: c.get(row, "enterprise_code").map(str::to_string),
        industry: c.get(row, "industry").map(str::to_string),
        region: c.get(row, "region").map(str::to_string),
    };
    a.enterprise = (enterprise != Enterprise::default()).then_some(enterprise);
    a.assessed_on = c.get(row, "assessed_on").map(str::to_string);
    a.assessor = c.get(row, "assessor").map(str::to_string);
    a.include = list(c.get(row, "include"));
    a.tailoring = Vec::new();
    for entry in list(c.get(row, "tailoring")) {
        let Some((sub_domain, reason)) = entry.split_once('=') else {
            return Err(format!(
                "tailoring entry `{entry}` is not `sub_domain=reason`"
            ));
        };
        a.tailoring.push(Tailoring {
            sub_domain: sub_domain.trim().to_string(),
            reason: reason.trim().to_string(),
        });
    }
    Ok(())
}

fn list(cell: Option<&str>) -> Vec<String> {
    cell.map_or_else(Vec::new, |c| {
        c.split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    })
}

/// Assembles rows under `header` into records: the long layout when the header has
/// `requirement_id` and `rating`, the wide layout otherwise.
pub fn assemble(
    header: Vec<String>,
    rows: impl Iterator<Item = Row>,
    file: &Arc<str>,
    opts: &InputOptions,
    emit: &mut dyn FnMut(Record),
) -> Result<(), String> {
    let header: Vec<String> = header
        .into_iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    let columns = Columns {
        index: header
            .iter()
            .enumerate()
            .map(|(i, h)| (h.clone(), i))
            .collect(),
    };
    if !columns.has("profile") && opts.profile.is_none() {
        return Err("no `profile` column and no --profile".into());
    }
    let long = columns.has("requirement_id") && columns.has("rating");
    if long {
        let unknown: Vec<&str> = header
            .iter()
            .map(String::as_str)
            .filter(|h| {
                !ASSESSMENT_COLUMNS.contains(h)
                    && !RATING_COLUMNS.contains(h)
                    && !INFORMATIONAL_COLUMNS.contains(h)
            })
            .collect();
        if !unknown.is_empty() {
            return Err(format!(
                "unknown column(s) {} in the long layout",
                unknown.join(", ")
            ));
        }
        if !columns.has("assessment_id") {
            return Err("the long layout needs an `assessment_id` column".into());
        }
        long_layout(&columns, header.len(), rows, file, opts, emit);
    } else {
        wide_layout(&columns, &header, rows, file, opts, emit);
    }
    Ok(())
}

/// One assessment being assembled from consecutive rows of the long layout.
struct Pending {
    id: String,
    line: u64,
    assessment: Assessment,
    broken: Option<(&'static str, String)>,
}

impl Pending {
    fn into_record(self, file: &Arc<str>) -> Record {
        let location = Location {
            file: file.clone(),
            line: self.line,
        };
        let payload = match self.broken {
            Some((code, message)) => Payload::Broken { code, message },
            None => Payload::Assessment(Box::new(self.assessment)),
        };
        Record {
            location,
            id: Some(self.id),
            payload,
        }
    }
}

fn long_layout(
    c: &Columns,
    width: usize,
    rows: impl Iterator<Item = Row>,
    file: &Arc<str>,
    opts: &InputOptions,
    emit: &mut dyn FnMut(Record),
) {
    let mut pending: Option<Pending> = None;
    for row in rows {
        let (line, cells) = match row {
            Ok(r) => r,
            Err((line, message)) => {
                // An unreadable row breaks the assessment it belongs to, or stands alone.
                match pending.as_mut() {
                    Some(p) => {
                        p.broken = p
                            .broken
                            .take()
                            .or(Some(("invalid-row", format!("line {line}: {message}"))))
                    }
                    None => emit(Record::broken(file, line, None, "invalid-row", message)),
                }
                continue;
            }
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let Some(id) = c.get(&cells, "assessment_id") else {
            emit(Record::broken(
                file,
                line,
                None,
                "invalid-row",
                "empty assessment_id",
            ));
            continue;
        };
        if pending.as_ref().is_none_or(|p| p.id != id) {
            if let Some(done) = pending.take() {
                emit(done.into_record(file));
            }
            let mut p = Pending {
                id: id.to_string(),
                line,
                assessment: Assessment::default(),
                broken: None,
            };
            if let Err(message) =
                assessment_fields(&mut p.assessment, c, &cells, opts.profile.as_deref())
            {
                p.broken = Some(("invalid-row", format!("line {line}: {message}")));
            }
            pending = Some(p);
        }
        let p = pending.as_mut().expect("set above");
        if p.broken.is_some() {
            continue;
        }
        if cells.len() != width {
            p.broken = Some((
                "invalid-row",
                format!(
                    "line {line}: {} cells where the header has {width}",
                    cells.len()
                ),
            ));
            continue;
        }
        let Some(requirement) = c.get(&cells, "requirement_id") else {
            p.broken = Some(("invalid-row", format!("line {line}: empty requirement_id")));
            continue;
        };
        let answer = Answer {
            rating: c.get(&cells, "rating").map(|r| RatingInput::Text(r.into())),
            evidence: list(c.get(&cells, "evidence")),
            comment: c.get(&cells, "comment").map(str::to_string),
            ..Answer::default()
        };
        if p.assessment.ratings.insert(requirement, answer).is_err() {
            p.broken = Some((
                "duplicate-key",
                format!("line {line}: requirement `{requirement}` is rated twice"),
            ));
        }
    }
    if let Some(done) = pending {
        emit(done.into_record(file));
    }
}

fn wide_layout(
    c: &Columns,
    header: &[String],
    rows: impl Iterator<Item = Row>,
    file: &Arc<str>,
    opts: &InputOptions,
    emit: &mut dyn FnMut(Record),
) {
    let requirement_columns: Vec<(usize, &str)> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| !ASSESSMENT_COLUMNS.contains(&h.as_str()) && !h.is_empty())
        .map(|(i, h)| (i, h.as_str()))
        .collect();
    for row in rows {
        let (line, cells) = match row {
            Ok(r) => r,
            Err((line, message)) => {
                emit(Record::broken(file, line, None, "invalid-row", message));
                continue;
            }
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let id = c.get(&cells, "assessment_id").map(str::to_string);
        if cells.len() != header.len() {
            emit(Record::broken(
                file,
                line,
                id,
                "invalid-row",
                format!(
                    "{} cells where the header has {}",
                    cells.len(),
                    header.len()
                ),
            ));
            continue;
        }
        let mut a = Assessment::default();
        if let Err(message) = assessment_fields(&mut a, c, &cells, opts.profile.as_deref()) {
            emit(Record::broken(file, line, id, "invalid-row", message));
            continue;
        }
        let mut ratings = UniqueMap::new();
        for (i, requirement) in &requirement_columns {
            let cell = cells[*i].trim();
            if !cell.is_empty() {
                // Column names are unique (a duplicate header is caught below).
                let _ = ratings.insert(*requirement, Answer::rated(RatingInput::Text(cell.into())));
            }
        }
        if ratings.len()
            != requirement_columns
                .iter()
                .filter(|(i, _)| !cells[*i].trim().is_empty())
                .count()
        {
            emit(Record::broken(
                file,
                line,
                id,
                "duplicate-key",
                "a requirement column appears twice in the header",
            ));
            continue;
        }
        a.ratings = ratings;
        emit(Record {
            location: Location {
                file: file.clone(),
                line,
            },
            id,
            payload: Payload::Assessment(Box::new(a)),
        });
    }
}

/// Days since 1899-12-30 (Excel's serial date) as an ISO date.
fn excel_date(serial: f64) -> String {
    // Civil-from-days (H. Hinnant), shifted from 1970-01-01 (serial 25569).
    let z = serial.floor() as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A spreadsheet cell as text. Numbers are Excel's binary doubles: the shortest text that
/// reads back as the same double is taken, which is the number as typed for any value with
/// up to 15 significant digits.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => excel_date(d.as_f64()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Reads the first worksheet (or `--sheet`) of an XLSX workbook.
pub fn read_xlsx(
    path: &Path,
    file: &Arc<str>,
    opts: &InputOptions,
    progress: &dyn Fn(u64),
    emit: &mut dyn FnMut(Record),
) -> Result<(), String> {
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook(path).map_err(|e| format!("not a readable XLSX workbook: {e}"))?;
    let name = match &opts.sheet {
        Some(s) => s.clone(),
        None => workbook
            .sheet_names()
            .first()
            .cloned()
            .ok_or("the workbook has no worksheet")?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| format!("worksheet `{name}`: {e}"))?;
    progress(std::fs::metadata(path).map_or(0, |m| m.len()));
    let first_row = u64::from(range.start().map_or(0, |(r, _)| r)) + 1;
    let mut rows = range.rows().enumerate().map(|(i, cells)| {
        (
            first_row + i as u64,
            cells.iter().map(cell_text).collect::<Vec<String>>(),
        )
    });
    let Some((_, header)) = rows.next() else {
        return Err(format!("worksheet `{name}` is empty"));
    };
    assemble(header, rows.map(Ok), file, opts, emit)
}

#[cfg(test)]
mod tests {
    use super::excel_date;

    #[test]
    fn excel_serial_dates() {
        assert_eq!(excel_date(1.0), "1899-12-31");
        assert_eq!(excel_date(25569.0), "1970-01-01");
        assert_eq!(excel_date(46_000.5), "2025-12-09");
        assert_eq!(excel_date(45_352.0), "2024-03-01");
    }
}
