//! JSON inputs: a file holding one assessment or an array of them, and NDJSON (one per
//! line). Their texts go into chunks unparsed, to be parsed where they are scored.

use std::io::Read;
use std::ops::Range;
use std::sync::Arc;

use crate::chunk::{Chunker, READ};
use crate::error::SheetError;
use crate::location::Location;
use crate::record::Record;
use crate::source::{Limits, Source};

/// Reads a JSON file: one assessment, or an array of them, each a record at its line. An
/// array that is not valid JSON as a whole (a syntax error or a byte that is not UTF-8 in one
/// element) is split into its elements all the same, so a fault costs only the element it is
/// in (see [`split_array`]).
pub(crate) fn read_json(
    source: &Source<'_>,
    file: &Arc<str>,
    limits: Limits,
    progress: &dyn Fn(u64),
    out: &mut Chunker<'_>,
) -> Result<(), SheetError> {
    let mut bytes = Vec::new();
    source
        .open()?
        .take(limits.file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| SheetError::Io(e.to_string()))?;
    if bytes.len() as u64 > limits.file_bytes {
        return Err(SheetError::TooLarge {
            what: "the file",
            limit: limits.file_bytes,
            option: "--max-file-mb",
        });
    }
    progress(bytes.len() as u64);
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if body.trim_ascii_start().first() != Some(&b'[') {
        out.push_json(Location::row(file, 1), body);
        return Ok(());
    }
    let valid = std::str::from_utf8(body)
        .ok()
        .and_then(|text| serde_json::from_str::<Vec<&serde_json::value::RawValue>>(text).ok());
    let elements: Vec<(u64, Range<usize>)> = match valid {
        Some(items) => {
            // Line of each element, counted incrementally from the previous one.
            let (mut line, mut counted) = (1u64, 0usize);
            items
                .iter()
                .map(|item| {
                    let start = item.get().as_ptr() as usize - body.as_ptr() as usize;
                    line += memchr::memchr_iter(b'\n', &body[counted..start]).count() as u64;
                    counted = start;
                    (line, start..start + item.get().len())
                })
                .collect()
        }
        None => {
            let split = split_array(body);
            if let Some(line) = split.trailing {
                out.push(Record::broken(
                    Location::row(file, line),
                    None,
                    SheetError::AfterArray,
                ));
            }
            split.elements
        }
    };
    for (line, range) in elements {
        out.push_json(Location::row(file, line), &body[range]);
    }
    Ok(())
}

/// The elements of a JSON array found without parsing them.
struct Split {
    /// Each element's line and bytes (its JSON text, possibly faulty).
    elements: Vec<(u64, Range<usize>)>,
    /// The line of text after the closing bracket, if there is any.
    trailing: Option<u64>,
}

/// Splits the text of a JSON array (starting, after white space, with `[`) into its
/// elements by their top-level commas, following strings and brackets only: an element with
/// a syntax error is still one element, to be reported on its own. A string or bracket left
/// open runs to the end of the text, which is then its one last element.
fn split_array(text: &[u8]) -> Split {
    let mut elements = Vec::new();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line, mut start): (u64, Option<(u64, usize)>) = (1, None);
    let close = |elements: &mut Vec<(u64, Range<usize>)>, from: Option<(u64, usize)>, to| {
        if let Some((at, from)) = from {
            let trimmed = text[from..to].trim_ascii_end().len();
            elements.push((at, from..from + trimmed));
        }
    };
    let mut end = None;
    for (i, &b) in text.iter().enumerate() {
        if b == b'\n' {
            line += 1;
        }
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if b.is_ascii_whitespace() {
            continue;
        }
        if depth == 1 && start.is_none() && b != b',' && b != b']' {
            start = Some((line, i));
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    close(&mut elements, start.take(), i);
                    end = Some(i + 1);
                    break;
                }
            }
            b',' if depth == 1 => close(&mut elements, start.take(), i),
            _ => {}
        }
    }
    if end.is_none() {
        close(&mut elements, start.take(), text.len());
    }
    let trailing = end.and_then(|e| {
        let rest = &text[e..];
        let at = rest.iter().position(|b| !b.is_ascii_whitespace())?;
        Some(line + memchr::memchr_iter(b'\n', &rest[..at]).count() as u64)
    });
    Split { elements, trailing }
}

/// Reads NDJSON straight into the chunk's text buffer; each line becomes a record pointing
/// at its own bytes, so a line is never copied (except the unfinished line at the end of a
/// full chunk, carried over to the next).
pub(crate) fn read_ndjson(
    source: &Source<'_>,
    file: &Arc<str>,
    limits: Limits,
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
            if (scan - start) as u64 > limits.record_bytes {
                // A line that does not end (a broken export, /dev/zero): the records so far
                // stand, and reading stops here.
                text.truncate(start);
                out.push(Record::broken(
                    Location::row(file, line + 1),
                    None,
                    SheetError::TooLarge {
                        what: "the line",
                        limit: limits.record_bytes,
                        option: "--max-record-mb",
                    },
                ));
                return Ok(());
            }
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

#[cfg(test)]
mod tests {
    use super::split_array;

    fn parts(text: &str) -> (Vec<(u64, String)>, Option<u64>) {
        let split = split_array(text.as_bytes());
        let elements = split
            .elements
            .iter()
            .map(|(line, r)| (*line, text[r.clone()].to_string()))
            .collect();
        (elements, split.trailing)
    }

    #[test]
    fn a_fault_stays_in_its_element() {
        let (e, trailing) = parts("[\n{\"a\": 1},\n{\"b\": [1, 2,, ]},\n{\"c\": \"x]\\\"y\"}\n]\n");
        assert_eq!(
            e,
            [
                (2, r#"{"a": 1}"#.to_string()),
                (3, r#"{"b": [1, 2,, ]}"#.to_string()),
                (4, r#"{"c": "x]\"y"}"#.to_string()),
            ]
        );
        assert_eq!(trailing, None);
        // A missing comma makes two elements one (still one record, not the file).
        let (e, _) = parts(r#"[{"a": 1} {"b": 2}, {"c": 3}]"#);
        assert_eq!(e.len(), 2);
        // An element left open runs to the end; text after the array is noticed.
        let (e, _) = parts("[{\"a\": 1},\n{\"b\": \"open");
        assert_eq!(e[1], (2, "{\"b\": \"open".to_string()));
        let (_, trailing) = parts("[{}]\n\nx");
        assert_eq!(trailing, Some(3));
    }
}
