//! Chunks: what the reader hands to the workers — up to [`RECORDS`] records and one buffer
//! holding the JSON text of each of them, back to back. A scored chunk's buffers go back to
//! the reader, so a long run reuses the same few buffers: no allocation per line, and no
//! fresh pages for the kernel to clear.

use std::ops::Range;
use std::sync::mpsc::{Receiver, SyncSender};

use super::input::{Location, Payload, Record};

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
pub struct Chunk {
    pub text: Vec<u8>,
    pub records: Vec<Record>,
}

/// Fills chunks and sends each full one to the workers, taking empty ones back from them.
pub struct Chunker {
    chunk: Chunk,
    to_workers: SyncSender<Chunk>,
    returned: Receiver<Chunk>,
}

impl Chunker {
    pub fn new(to_workers: SyncSender<Chunk>, returned: Receiver<Chunk>) -> Chunker {
        Chunker {
            chunk: Chunk::new(),
            to_workers,
            returned,
        }
    }

    /// Adds a record whose payload is not a JSON text.
    pub fn push(&mut self, record: Record) {
        self.chunk.records.push(record);
        self.send_if_full(self.chunk.text.len());
    }

    /// Adds the JSON text of one assessment.
    pub fn push_json(&mut self, location: Location, json: &[u8]) {
        let start = self.chunk.text.len();
        self.chunk.text.extend_from_slice(json);
        self.push_range(location, start..self.chunk.text.len());
    }

    /// The text buffer, for a reader that reads straight into it, [`READ`] bytes at a time
    /// and within its capacity (see [`Chunker::push_range`]).
    pub fn text(&mut self) -> &mut Vec<u8> {
        &mut self.chunk.text
    }

    /// Adds a record whose JSON text is `range` of [`Chunker::text`]. Bytes after the range
    /// are kept as the start of the next chunk's text if this one is handed on; returns true
    /// when that happened (so the reader's offsets past the range now start at 0).
    pub fn push_range(&mut self, location: Location, range: Range<usize>) -> bool {
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
        let mut next = self.returned.try_recv().unwrap_or_else(|_| Chunk::new());
        next.text.extend_from_slice(&self.chunk.text[kept..]);
        self.chunk.text.truncate(kept);
        let full = std::mem::replace(&mut self.chunk, next);
        // A closed channel means the consumer failed; the rest is not needed.
        let _ = self.to_workers.send(full);
        true
    }

    /// Sends the last, partly filled chunk.
    pub fn finish(self) {
        if !self.chunk.records.is_empty() {
            let _ = self.to_workers.send(self.chunk);
        }
    }
}

impl Chunk {
    fn new() -> Chunk {
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
