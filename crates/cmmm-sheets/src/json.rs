//! JSON inputs: a file holding one assessment or an array of them, and NDJSON (one per
//! line). Their texts go into chunks unparsed, to be parsed where they are scored.

use std::io::Read;
use std::ops::Range;
use std::sync::Arc;

use crate::chunk::{Chunker, READ};
use crate::error::SheetError;
use crate::location::Location;
use crate::record::Record;
use crate::source::Source;

/// Reads a JSON file: one assessment, or an array of them, each a record at its line.
pub(crate) fn read_json(
    source: &Source<'_>,
    file: &Arc<str>,
    progress: &dyn Fn(u64),
    out: &mut Chunker<'_>,
) -> Result<(), SheetError> {
    let mut text = String::new();
    source
        .open()?
        .read_to_string(&mut text)
        .map_err(|e| SheetError::Io(e.to_string()))?;
    progress(text.len() as u64);
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if !body.trim_start().starts_with('[') {
        out.push_json(Location::row(file, 1), body.as_bytes());
        return Ok(());
    }
    let items: Vec<&serde_json::value::RawValue> = match serde_json::from_str(body) {
        Ok(items) => items,
        Err(e) => {
            let error = cmmm_score::ScoreError::Json {
                path: ".".into(),
                line: e.line(),
                column: e.column(),
                message: format!("the array of assessments is not valid JSON: {e}"),
            };
            out.push(Record::broken(
                Location::row(file, e.line() as u64),
                None,
                error.into(),
            ));
            return Ok(());
        }
    };
    // Line of each element, counted incrementally from the previous one.
    let (mut line, mut counted) = (1u64, 0usize);
    for item in items {
        let start = item.get().as_ptr() as usize - body.as_ptr() as usize;
        line += memchr::memchr_iter(b'\n', &body.as_bytes()[counted..start]).count() as u64;
        counted = start;
        out.push_json(Location::row(file, line), item.get().as_bytes());
    }
    Ok(())
}

/// Reads NDJSON straight into the chunk's text buffer; each line becomes a record pointing
/// at its own bytes, so a line is never copied (except the unfinished line at the end of a
/// full chunk, carried over to the next).
pub(crate) fn read_ndjson(
    source: &Source<'_>,
    file: &Arc<str>,
    progress: &dyn Fn(u64),
    out: &mut Chunker<'_>,
) -> Result<(), SheetError> {
    let mut reader = source.open()?;
    let mut line = 0u64;
    // Offsets in the text buffer: where the current line starts, and how far it is known to
    // hold no line end.
    let mut start = out.text().len();
    let mut scan = start;
    loop {
        let text = out.text();
        let Some(i) = memchr::memchr(b'\n', &text[scan..]) else {
            scan = text.len();
            // Only a line longer than a chunk's buffer makes it grow.
            if text.capacity() - text.len() < READ {
                text.reserve(READ);
            }
            let n = (&mut reader)
                .take(READ as u64)
                .read_to_end(text)
                .map_err(|e| SheetError::Io(format!("after line {line}: {e}")))?;
            if n > 0 {
                progress(n as u64);
                continue;
            }
            // The end of the file: a last line without a line end.
            if start < text.len() {
                line += 1;
                match json_line(text, start..text.len(), line) {
                    Some(range) => {
                        out.push_range(Location::row(file, line), range);
                    }
                    None => text.truncate(start),
                }
            }
            return Ok(());
        };
        line += 1;
        let line_end = scan + i;
        scan = line_end + 1;
        if let Some(range) = json_line(text, start..line_end, line) {
            let end = range.end;
            if out.push_range(Location::row(file, line), range) {
                // The chunk was handed on; its text from `end` on starts the next one.
                scan -= end;
            }
        }
        start = scan;
    }
}

/// The JSON text of line number `line`, which is `text[range]` without its line end:
/// without a byte-order mark on line 1 and without trailing white space; `None` for a blank
/// line.
fn json_line(text: &[u8], range: Range<usize>, line: u64) -> Option<Range<usize>> {
    let mut from = range.start;
    if line == 1 && text[range.clone()].starts_with(b"\xEF\xBB\xBF") {
        from += 3;
    }
    let trimmed = text[from..range.end].trim_ascii_end();
    (!trimmed.trim_ascii_start().is_empty()).then(|| from..from + trimmed.len())
}
