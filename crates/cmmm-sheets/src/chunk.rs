//! Chunks: what a reader hands on — up to [`RECORDS`] records and one buffer holding the
//! JSON text of each of them, back to back, so that the records of a chunk can be parsed on
//! many threads. A host that hands each used chunk back ([`Chunk::recycle`]) reuses the same
//! few buffers through a long run: no allocation per line, and no fresh pages for the kernel
//! to clear.

use std::ops::Range;

use crate::location::Location;
use crate::record::{Payload, Record};

/// Most records in a chunk.
const RECORDS: usize = 256;
/// Bytes a reader reads into a chunk's text at a time.
pub const READ: usize = 256 << 10;
/// The capacity of a chunk's text buffer, which it keeps from one use to the next: room for
/// [`RECORDS`] typical assessments (about 10 KB of JSON each), the unfinished line carried
/// over and one more read, so that in a steady run no buffer is ever reallocated.
const TEXT: usize = 4 << 20;
/// A chunk is handed on once its texts reach this many bytes, however few records it holds.
const BYTES: usize = TEXT - 2 * READ;

/// Records and the bytes their JSON texts point into ([`Payload::Json`] holds a range).
#[derive(Debug)]
pub struct Chunk {
    /// The JSON texts of the records, back to back.
    pub text: Vec<u8>,
    /// The records, in input order.
    pub records: Vec<Record>,
}

/// Fills chunks and hands each full one on.
pub struct Chunker<'h> {
    chunk: Chunk,
    /// A used chunk handed back for reuse, if there is one.
    recycled: Box<dyn FnMut() -> Option<Chunk> + 'h>,
    /// Takes a full chunk.
    hand_on: Box<dyn FnMut(Chunk) + 'h>,
}

impl<'h> Chunker<'h> {
    /// A chunker handing each full chunk to `hand_on`, and filling next the chunk that
    /// `recycled` gives back (emptied), or a new one.
    pub fn new(
        recycled: impl FnMut() -> Option<Chunk> + 'h,
        hand_on: impl FnMut(Chunk) + 'h,
    ) -> Chunker<'h> {
        Chunker {
            chunk: Chunk::new(),
            recycled: Box::new(recycled),
            hand_on: Box::new(hand_on),
        }
    }

    /// Adds a record whose payload is not a JSON text.
    pub(crate) fn push(&mut self, record: Record) {
        self.chunk.records.push(record);
        self.send_if_full(self.chunk.text.len());
    }

    /// Adds the JSON text of one assessment.
    pub(crate) fn push_json(&mut self, location: Location, json: &[u8]) {
        let start = self.chunk.text.len();
        self.chunk.text.extend_from_slice(json);
        self.push_range(location, start..self.chunk.text.len());
    }

    /// The text buffer, for a reader that reads straight into it, [`READ`] bytes at a time
    /// and within its capacity (see [`Chunker::push_range`]).
    pub(crate) fn text(&mut self) -> &mut Vec<u8> {
        &mut self.chunk.text
    }

    /// Adds a record whose JSON text is `range` of [`Chunker::text`]. Bytes after the range
    /// are kept as the start of the next chunk's text if this one is handed on; returns true
    /// when that happened (so the reader's offsets past the range now start at 0).
    pub(crate) fn push_range(&mut self, location: Location, range: Range<usize>) -> bool {
        let end = range.end;
        self.chunk.records.push(Record {
            location,
            id: None,
            payload: Payload::Json(range),
        });
        self.send_if_full(end)
    }

    /// Hands the chunk on if it is full, carrying `text[kept..]` over to the next one.
    fn send_if_full(&mut self, kept: usize) -> bool {
        if self.chunk.records.len() < RECORDS && kept < BYTES {
            return false;
        }
        let mut next = (self.recycled)().unwrap_or_default();
        next.recycle();
        next.text.extend_from_slice(&self.chunk.text[kept..]);
        self.chunk.text.truncate(kept);
        let full = std::mem::replace(&mut self.chunk, next);
        (self.hand_on)(full);
        true
    }

    /// Hands on the last, partly filled chunk.
    pub fn finish(mut self) {
        if !self.chunk.records.is_empty() {
            (self.hand_on)(self.chunk);
        }
    }
}

impl Default for Chunk {
    fn default() -> Chunk {
        Chunk::new()
    }
}

impl Chunk {
    /// A chunk with room for a full load.
    pub fn new() -> Chunk {
        Chunk {
            text: Vec::with_capacity(TEXT),
            records: Vec::with_capacity(RECORDS),
        }
    }

    /// Empties the chunk for reuse, keeping its buffers.
    pub fn recycle(&mut self) {
        self.text.clear();
        self.records.clear();
    }
}
