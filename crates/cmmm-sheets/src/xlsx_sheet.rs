//! XLSX sheets read: one worksheet (the first, or the one named) into rows of cell texts.

use std::io::{Read, Seek};
use std::sync::Arc;

use calamine::Reader;

use crate::error::SheetError;
use crate::record::Record;
use crate::source::{Limits, Source};
use crate::table::assemble;

/// Reads worksheet `sheet` (default: the first) of the workbook of `source` into records.
pub(crate) fn read_xlsx(
    source: &Source<'_>,
    file: &Arc<str>,
    limits: Limits,
    sheet: Option<&str>,
    default_profile: Option<&str>,
    progress: &dyn Fn(u64),
    emit: &mut dyn FnMut(Record),
) -> Result<(), SheetError> {
    let not_xlsx = |e: calamine::XlsxError| SheetError::NotXlsx(e.to_string());
    match source {
        Source::Path(path) => {
            let f = std::fs::File::open(path).map_err(|e| SheetError::Io(e.to_string()))?;
            within(std::io::BufReader::new(f), limits)?;
            let workbook: calamine::Xlsx<_> = calamine::open_workbook(path).map_err(not_xlsx)?;
            progress(std::fs::metadata(path).map_or(0, |m| m.len()));
            read_workbook(workbook, file, sheet, default_profile, emit)
        }
        Source::Bytes { bytes, .. } => {
            within(std::io::Cursor::new(*bytes), limits)?;
            let workbook = calamine::Xlsx::new(std::io::Cursor::new(*bytes)).map_err(not_xlsx)?;
            progress(bytes.len() as u64);
            read_workbook(workbook, file, sheet, default_profile, emit)
        }
    }
}

/// Checks that a workbook is within the limits: its file, and its parts unpacked (a small
/// file can unpack to gigabytes: a zip bomb, or one enormous inline cell).
fn within<RS: Read + Seek>(mut reader: RS, limits: Limits) -> Result<(), SheetError> {
    let too_large = |what| SheetError::TooLarge {
        what,
        limit: limits.file_bytes,
        option: "--max-file-mb",
    };
    let size = reader
        .seek(std::io::SeekFrom::End(0))
        .map_err(|e| SheetError::Io(e.to_string()))?;
    if size > limits.file_bytes {
        return Err(too_large("the file"));
    }
    reader
        .seek(std::io::SeekFrom::Start(0))
        .map_err(|e| SheetError::Io(e.to_string()))?;
    let Ok(mut zip) = zip::ZipArchive::new(reader) else {
        // Not a zip: calamine says what is wrong with it.
        return Ok(());
    };
    let mut unpacked = 0u64;
    for i in 0..zip.len() {
        if let Ok(entry) = zip.by_index_raw(i) {
            unpacked = unpacked.saturating_add(entry.size());
        }
    }
    if unpacked > limits.file_bytes {
        return Err(too_large("the workbook unpacked"));
    }
    Ok(())
}

fn read_workbook<RS: Read + Seek>(
    mut workbook: calamine::Xlsx<RS>,
    file: &Arc<str>,
    sheet: Option<&str>,
    default_profile: Option<&str>,
    emit: &mut dyn FnMut(Record),
) -> Result<(), SheetError> {
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(s) if names.iter().any(|n| n == s) => s.to_string(),
        Some(s) => {
            return Err(SheetError::NoSuchSheet {
                name: s.to_string(),
                sheets: names,
            })
        }
        None => names
            .first()
            .cloned()
            .ok_or(SheetError::Empty("the workbook"))?,
    };
    // calamine panics (in debug builds) on some malformed cell references; a broken
    // workbook is an error, not a crash.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        workbook.worksheet_range(&name)
    }));
    let range = match read {
        Ok(Ok(range)) => range,
        Ok(Err(e)) => {
            return Err(SheetError::UnreadableSheet {
                name,
                detail: e.to_string(),
            })
        }
        Err(_) => {
            return Err(SheetError::UnreadableSheet {
                name,
                detail: "the worksheet's XML is malformed".into(),
            })
        }
    };
    let first_row = u64::from(range.start().map_or(0, |(r, _)| r)) + 1;
    let first_column = range.start().map_or(0, |(_, c)| c) as usize;
    // Cells left of the used range are blank: keep column indices as the sheet shows them.
    let rows = range.rows().enumerate().map(|(i, cells)| {
        let mut texts = vec![String::new(); first_column];
        texts.extend(cells.iter().map(cell_text));
        // A cell of a workbook may hold line breaks; it has no quotes to leave open.
        Ok((first_row + i as u64, texts, false))
    });
    assemble(rows, file, default_profile, emit).map_err(|e| match e {
        SheetError::Empty(_) => SheetError::Empty("the worksheet"),
        other => other,
    })
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
