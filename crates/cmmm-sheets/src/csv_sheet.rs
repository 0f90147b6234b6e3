//! CSV sheets: the encoding decided on the whole text, then the text decoded as it streams
//! and split into rows with their line numbers.

use std::io::Read;
use std::sync::Arc;

use crate::encoding::{decide, Encoding};
use crate::error::SheetError;
use crate::record::Record;
use crate::source::{Limits, Source};
use crate::table::{assemble, Row};

/// Reads the CSV sheet of `source` into records.
pub(crate) fn read_csv(
    source: &Source<'_>,
    file: &Arc<str>,
    encoding: Encoding,
    limits: Limits,
    default_profile: Option<&str>,
    progress: &dyn Fn(u64),
    emit: &mut dyn FnMut(Record),
) -> Result<(), SheetError> {
    let encoding = decide(encoding, limits.file_bytes, || source.open())?;
    let raw = Counting {
        inner: source.open()?,
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
        limit: limits.record_bytes,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .buffer_capacity(1 << 16)
        .from_reader(tracked);
    let line_of =
        |pos: Option<&csv::Position>| pos.map_or(0, |p| ends.borrow_mut().line_of(p.byte()));
    let rows = reader.records().map(|r| -> Row {
        match r {
            Ok(rec) => Ok((
                line_of(rec.position()),
                rec.iter().map(str::to_string).collect(),
                memchr::memchr2(b'\n', b'\r', rec.as_slice().as_bytes()).is_some(),
            )),
            // The row past the limit: at the line after the last one read whole.
            Err(_) if ends.borrow().over => {
                let line = ends.borrow_mut().next_row_line();
                Err((
                    line,
                    SheetError::TooLarge {
                        what: "the row",
                        limit: limits.record_bytes,
                        option: "--max-record-mb",
                    },
                ))
            }
            Err(e) => Err((line_of(e.position()), SheetError::Row(e.to_string()))),
        }
    });
    assemble(rows, file, default_profile, emit)
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
    /// Byte offset of the last record asked about: where the row being read began.
    last_record: u64,
    /// A row ran past the limit.
    over: bool,
    /// A record was asked about.
    asked: bool,
}

impl LineEnds {
    fn note(&mut self, bytes: &[u8]) {
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            self.ends.push_back((self.seen + i as u64, bytes[i]));
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

    /// The line of the row after the last one asked about (assuming that one took a line).
    fn next_row_line(&mut self) -> u64 {
        if self.asked {
            self.line_of(self.last_record) + 1
        } else {
            1
        }
    }

    /// The 1-based line of the record at byte `offset`.
    fn line_of(&mut self, offset: u64) -> u64 {
        self.last_record = self.last_record.max(offset);
        self.asked = true;
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

/// The decoded CSV stream, noting line ends; a row that runs past `limit` bytes ends it
/// with an error (then the end of the input), so an endless row costs no more than the limit.
struct Tracked<R> {
    inner: R,
    ends: std::rc::Rc<std::cell::RefCell<LineEnds>>,
    limit: u64,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut ends = self.ends.borrow_mut();
        if ends.over {
            return Ok(0);
        }
        let n = self.inner.read(buf)?;
        ends.note(&buf[..n]);
        if ends.seen - ends.last_record > self.limit {
            ends.over = true;
            return Err(std::io::Error::other("a row past the limit"));
        }
        Ok(n)
    }
}

/// Counts bytes as they are read from the input (before decoding), for progress.
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
