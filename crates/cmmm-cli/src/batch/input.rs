//! Reading exported questionnaires: files and directories, JSON, NDJSON, CSV (long and wide,
//! UTF-8 or GBK/GB18030) and XLSX, as a stream of records in input order.

use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::ValueEnum;
use cmmm_model::Assessment;

use super::chunk::{Chunker, READ};
use super::table;

/// Where a record comes from.
#[derive(Clone, Debug)]
pub struct Location {
    /// The file.
    pub file: Arc<str>,
    /// 1-based line (JSON, NDJSON, CSV) or row (XLSX); 0 for the whole file.
    pub line: u64,
}

/// What a record holds before scoring.
pub enum Payload {
    /// The JSON text of one assessment, as a range of its chunk's text (checked for UTF-8
    /// and parsed by a worker).
    Json(Range<usize>),
    /// An assessment assembled from a sheet.
    Assessment(Box<Assessment>),
    /// A record that could not be read, with a stable error code.
    Broken {
        /// Error code.
        code: &'static str,
        /// What is wrong.
        message: String,
    },
}

/// One input assessment, readable or not.
pub struct Record {
    pub location: Location,
    /// The assessment id, when known before parsing (sheets).
    pub id: Option<String>,
    pub payload: Payload,
}

impl Record {
    pub fn broken(
        file: &Arc<str>,
        line: u64,
        id: Option<String>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Record {
        Record {
            location: Location {
                file: file.clone(),
                line,
            },
            id,
            payload: Payload::Broken {
                code,
                message: message.into(),
            },
        }
    }
}

/// Input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Json,
    Ndjson,
    Csv,
    Xlsx,
}

/// Text encodings of CSV input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    /// UTF-8 when the start of the file is valid UTF-8, else GB18030 (a superset of GBK).
    Auto,
    #[value(name = "utf-8")]
    Utf8,
    Gbk,
    Gb18030,
}

/// How to read inputs.
pub struct InputOptions {
    pub format: Option<InputFormat>,
    pub encoding: EncodingArg,
    pub sheet: Option<String>,
    pub profile: Option<String>,
}

fn format_of(path: &Path) -> Option<InputFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "json" => Some(InputFormat::Json),
        "ndjson" | "jsonl" => Some(InputFormat::Ndjson),
        "csv" => Some(InputFormat::Csv),
        "xlsx" => Some(InputFormat::Xlsx),
        _ => None,
    }
}

/// The input files: each file argument as given, each directory walked recursively for files
/// of a known format, sorted by path.
pub fn list_inputs(args: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            out.push(dir.to_path_buf());
            return;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                walk(&p, out);
            } else if format_of(&p).is_some() {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for a in args {
        if a.is_dir() {
            walk(a, &mut out);
        } else {
            out.push(a.clone());
        }
    }
    out
}

/// Reads one file, adding its records to `out` in order and calling `progress` with bytes
/// read.
pub fn read_file(path: &Path, opts: &InputOptions, progress: &dyn Fn(u64), out: &mut Chunker) {
    let file: Arc<str> = path.display().to_string().into();
    let Some(format) = opts.format.or_else(|| format_of(path)) else {
        out.push(Record::broken(&file, 0, None, "unknown-format", "unknown input format; name the file .json, .ndjson, .jsonl, .csv or .xlsx, or use --input-format"));
        return;
    };
    let result = match format {
        InputFormat::Json => read_json(path, &file, progress, out),
        InputFormat::Ndjson => read_ndjson(path, &file, progress, out),
        InputFormat::Csv => read_csv(path, &file, opts, progress, &mut |r| out.push(r)),
        InputFormat::Xlsx => table::read_xlsx(path, &file, opts, progress, &mut |r| out.push(r)),
    };
    if let Err(message) = result {
        out.push(Record::broken(&file, 0, None, "unreadable-file", message));
    }
}

fn open(path: &Path) -> Result<std::fs::File, String> {
    std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))
}

fn read_json(
    path: &Path,
    file: &Arc<str>,
    progress: &dyn Fn(u64),
    out: &mut Chunker,
) -> Result<(), String> {
    let mut text = String::new();
    open(path)?
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read: {e}"))?;
    progress(text.len() as u64);
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if !body.trim_start().starts_with('[') {
        let location = Location {
            file: file.clone(),
            line: 1,
        };
        out.push_json(location, body.as_bytes());
        return Ok(());
    }
    let items: Vec<&serde_json::value::RawValue> = match serde_json::from_str(body) {
        Ok(items) => items,
        Err(e) => {
            out.push(Record::broken(
                file,
                e.line() as u64,
                None,
                "invalid-json",
                format!("the array of assessments is not valid JSON: {e}"),
            ));
            return Ok(());
        }
    };
    // Line of each element, counted incrementally from the previous one.
    let (mut line, mut counted) = (1u64, 0usize);
    for item in items {
        let start = item.get().as_ptr() as usize - body.as_ptr() as usize;
        line += body.as_bytes()[counted..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        counted = start;
        let location = Location {
            file: file.clone(),
            line,
        };
        out.push_json(location, item.get().as_bytes());
    }
    Ok(())
}

/// Reads an NDJSON file straight into the chunk's text buffer; each line becomes a record
/// pointing at its own bytes, so a line is never copied (except the unfinished line at the
/// end of a full chunk, carried over to the next).
fn read_ndjson(
    path: &Path,
    file: &Arc<str>,
    progress: &dyn Fn(u64),
    out: &mut Chunker,
) -> Result<(), String> {
    let mut reader = open(path)?;
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
                .map_err(|e| format!("cannot read after line {line}: {e}"))?;
            if n > 0 {
                progress(n as u64);
                continue;
            }
            // The end of the file: a last line without a line end.
            if start < text.len() {
                line += 1;
                match json_line(text, start..text.len(), line) {
                    Some(range) => {
                        out.push_range(location(file, line), range);
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
            if out.push_range(location(file, line), range) {
                // The chunk was handed on; its text from `end` on starts the next one.
                scan -= end;
            }
        }
        start = scan;
    }
}

fn location(file: &Arc<str>, line: u64) -> Location {
    Location {
        file: file.clone(),
        line,
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

/// The encoding of a CSV file: as asked, or detected from its first 64 KiB.
fn csv_encoding(path: &Path, asked: EncodingArg) -> Result<&'static encoding_rs::Encoding, String> {
    Ok(match asked {
        EncodingArg::Utf8 => encoding_rs::UTF_8,
        EncodingArg::Gbk | EncodingArg::Gb18030 => encoding_rs::GB18030,
        EncodingArg::Auto => {
            let mut head = Vec::with_capacity(1 << 16);
            open(path)?
                .take(1 << 16)
                .read_to_end(&mut head)
                .map_err(|e| format!("cannot read: {e}"))?;
            match std::str::from_utf8(&head) {
                Ok(_) => encoding_rs::UTF_8,
                // A multi-byte character cut by the 64 KiB boundary is still UTF-8.
                Err(e) if e.error_len().is_none() => encoding_rs::UTF_8,
                Err(_) => encoding_rs::GB18030,
            }
        }
    })
}

/// Line ends seen in a stream, for the line numbers of CSV records.
///
/// The csv crate's own line count runs short after CRLF line ends and blank lines, and a
/// record's byte offset may point at the line end before it. So the decoded stream passes
/// through [`Tracked`], which notes every line end; a record's line is then counted from its
/// byte offset, skipping line ends at that offset. Entries before the last record are
/// dropped, so memory stays bounded by the reader's look-ahead.
#[derive(Default)]
struct LineEnds {
    /// Positions of `\r` and `\n` bytes not yet passed, in order.
    ends: std::collections::VecDeque<(u64, u8)>,
    /// Bytes seen so far.
    seen: u64,
    /// Completed lines before the first entry of `ends`.
    lines: u64,
}

impl LineEnds {
    fn note(&mut self, bytes: &[u8]) {
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' || *b == b'\r' {
                self.ends.push_back((self.seen + i as u64, *b));
            }
        }
        self.seen += bytes.len() as u64;
    }

    /// Pops the front line end, counting it unless it is the `\r` of a `\r\n`.
    fn pop(&mut self) {
        if let Some((pos, b)) = self.ends.pop_front() {
            let crlf = b == b'\r'
                && self
                    .ends
                    .front()
                    .is_some_and(|(p, n)| *p == pos + 1 && *n == b'\n');
            if !crlf {
                self.lines += 1;
            }
        }
    }

    /// The 1-based line of the record at byte `offset`.
    fn line_of(&mut self, offset: u64) -> u64 {
        let mut start = offset;
        while let Some(&(pos, _)) = self.ends.front() {
            if pos < start {
                self.pop();
            } else if pos == start {
                self.pop();
                start += 1;
            } else {
                break;
            }
        }
        self.lines + 1
    }
}

/// The decoded CSV stream: counts raw bytes for the progress bar (before decoding) and notes
/// line ends (after decoding).
struct Tracked<R> {
    inner: R,
    ends: std::rc::Rc<std::cell::RefCell<LineEnds>>,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.ends.borrow_mut().note(&buf[..n]);
        Ok(n)
    }
}

/// Counts bytes as they are read from the file.
struct Counting<'a, R> {
    inner: R,
    progress: &'a dyn Fn(u64),
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        (self.progress)(n as u64);
        Ok(n)
    }
}

fn read_csv(
    path: &Path,
    file: &Arc<str>,
    opts: &InputOptions,
    progress: &dyn Fn(u64),
    emit: &mut dyn FnMut(Record),
) -> Result<(), String> {
    let encoding = csv_encoding(path, opts.encoding)?;
    let raw = Counting {
        inner: open(path)?,
        progress,
    };
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .build(raw);
    let ends = std::rc::Rc::new(std::cell::RefCell::new(LineEnds::default()));
    let tracked = Tracked {
        inner: decoded,
        ends: ends.clone(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .buffer_capacity(1 << 16)
        .from_reader(tracked);
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err("the file is empty".into()),
        Some(Err(e)) => return Err(format!("cannot read the header: {e}")),
        Some(Ok(h)) => h.iter().map(|c| c.trim().to_string()).collect(),
    };
    let line_of =
        |pos: Option<&csv::Position>| pos.map_or(0, |p| ends.borrow_mut().line_of(p.byte()));
    let rows = records.map(|r| match r {
        Ok(rec) => Ok((
            line_of(rec.position()),
            rec.iter().map(str::to_string).collect(),
        )),
        Err(e) => Err((line_of(e.position()), e.to_string())),
    });
    table::assemble(header, rows, file, opts, emit)
}

#[cfg(test)]
mod tests {
    use super::LineEnds;

    fn lines(text: &str, offsets: &[u64]) -> Vec<u64> {
        let mut ends = LineEnds::default();
        ends.note(text.as_bytes());
        offsets.iter().map(|o| ends.line_of(*o)).collect()
    }

    #[test]
    fn line_numbers_across_line_end_styles_and_blank_lines() {
        // Records start at "A" (offset 3), "B" (offset 6 or at the line end before it).
        assert_eq!(lines("h\nA\nB\n", &[2, 4]), [2, 3]);
        assert_eq!(lines("h\r\nA\r\nB\r\n", &[2, 5]), [2, 3]);
        assert_eq!(lines("h\r\nA\r\n\r\n\r\nB", &[2, 5]), [2, 5]);
        assert_eq!(lines("h\rA\rB", &[1, 3]), [2, 3]);
        assert_eq!(lines("h\nA\n\nB", &[2, 4]), [2, 4]);
    }
}
