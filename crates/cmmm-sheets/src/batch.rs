//! Scoring questionnaires in bulk: every record of a list of files, in input order, on a
//! pool of threads, in bounded memory, losing nothing — a broken record becomes an error
//! record and the rest still score. `cmmm batch` and the Python package's `Model.batch` both
//! run it.
//!
//! A reader thread turns the files into [`Chunk`]s of records; the chunks go through a
//! bounded channel to the calling thread, which maps each chunk's records on the pool (an
//! indexed parallel map keeps input order), hands the results on in order and gives the
//! emptied chunk back to the reader for reuse. Memory is bounded by the chunk size and the
//! channel depth, whatever the size of the input.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, sync_channel};

use cmmm_model::{Enterprise, Lang};
use cmmm_score::{Options, Outcome, Scorer};
use rayon::prelude::*;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::evidence::EvidenceDir;
use crate::{read_into, Chunk, Chunker, Format, Location, ReadOptions, Record, Source};

/// Chunks that may wait between the reader and the workers.
const QUEUE: usize = 2;

/// Most worker threads per core: more only add memory and switching.
pub const JOBS_PER_CORE: usize = 8;

/// A number of worker threads that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JobsError {
    /// Zero threads.
    #[error("jobs must be at least 1")]
    Zero,
    /// More than [`JOBS_PER_CORE`] per core.
    #[error(
        "jobs {jobs}: at most {max} on this machine ({JOBS_PER_CORE} per core, {cores} core(s))"
    )]
    TooMany {
        /// Asked for.
        jobs: usize,
        /// The most allowed.
        max: usize,
        /// The machine's cores.
        cores: usize,
    },
    /// The threads could not be started.
    #[error("cannot start the worker threads: {0}")]
    Spawn(String),
}

/// A pool of `jobs` worker threads (default: one per core; at most [`JOBS_PER_CORE`] per
/// core).
pub fn pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, JobsError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let jobs = jobs.unwrap_or(cores);
    if jobs == 0 {
        return Err(JobsError::Zero);
    }
    if jobs > cores * JOBS_PER_CORE {
        return Err(JobsError::TooMany {
            jobs,
            max: cores * JOBS_PER_CORE,
            cores,
        });
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| JobsError::Spawn(e.to_string()))
}

/// The input files of a batch: each file argument as given, each directory walked
/// recursively for files of a known format, sorted by path.
pub fn inputs(args: &[PathBuf]) -> Vec<PathBuf> {
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
            } else if Format::of(&p).is_some() {
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

/// Reads every record of `files` in order and calls `map` on each (with the text of its
/// chunk) on `pool`, then `each` on the results in input order, on the calling thread.
/// `progress` is called with the bytes read so far after each chunk. The first error of
/// `each` stops the run (the reader stops too) and is returned.
pub fn run<T: Send, E>(
    files: &[PathBuf],
    opts: &ReadOptions,
    pool: &rayon::ThreadPool,
    map: impl Fn(&[u8], Record) -> T + Sync,
    mut each: impl FnMut(T) -> Result<(), E>,
    mut progress: impl FnMut(u64),
) -> Result<(), E> {
    let bytes_read = AtomicU64::new(0);
    std::thread::scope(|s| {
        let (tx, rx) = sync_channel::<Chunk>(QUEUE);
        let (recycle, returned) = channel::<Chunk>();
        let bytes = &bytes_read;
        s.spawn(move || {
            // A closed channel means the consumer stopped; the rest is not needed.
            let mut out = Chunker::new(
                || returned.try_recv().ok(),
                |full| {
                    let _ = tx.send(full);
                },
            );
            let count = |n: u64| {
                bytes.fetch_add(n, Ordering::Relaxed);
            };
            for path in files {
                read_into(Source::Path(path), opts, &count, &mut out);
            }
            out.finish();
        });
        for mut chunk in rx {
            let Chunk { text, records } = &mut chunk;
            let done: Vec<T> =
                pool.install(|| records.par_drain(..).map(|r| map(text, r)).collect());
            chunk.recycle();
            // The reader may have finished; then the chunk is simply dropped.
            let _ = recycle.send(chunk);
            for d in done {
                each(d)?;
            }
            progress(bytes_read.load(Ordering::Relaxed));
        }
        Ok(())
    })
}

/// One record scored: where it is, its id, and its result or what is wrong. It serializes
/// as a record of `cmmm batch --format ndjson`: `{"source": {"file", "line", "column"?},
/// "id", "status": "ok" | "error", "result" | "error"}`.
#[derive(Debug)]
pub struct Scored {
    /// Where the assessment starts, or the cell at fault.
    pub location: Location,
    /// The assessment id, when known.
    pub id: Option<String>,
    /// The enterprise of an assessment that was read but failed to score (for the error row
    /// of a table).
    pub enterprise: Option<Enterprise>,
    /// The result, or what is wrong.
    pub result: Result<Outcome, RecordError>,
    /// False for a file that could not be read at all (its one error record).
    pub readable: bool,
}

/// The error of one record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RecordError {
    /// The stable code (`invalid-rating`, `unreadable-file`, …).
    pub code: String,
    /// What is wrong, in the language asked for, with the place.
    pub message: String,
    /// The field within the assessment (a JSON path such as `ratings.data.2.a`), or "".
    pub location: String,
}

impl Scored {
    /// Parses (if needed) and scores `record`, whose JSON text (if any) is in `text`;
    /// messages in `lang`; with `evidence`, the result gains the manifest of its evidence
    /// files (a reference leading out of the directory fails the record).
    pub fn score(
        scorer: &Scorer<'_>,
        options: &Options,
        lang: Lang,
        evidence: Option<&EvidenceDir>,
        text: &[u8],
        record: Record,
    ) -> Scored {
        // A record of the whole file stands for a file that could not be read.
        let readable = record.location.row != 0;
        let known_id = record.id.clone();
        let (location, id, enterprise, result) = match record.parse(text) {
            Ok(parsed) => {
                let a = &parsed.assessment;
                let id = a.id.clone().or(known_id);
                let scored = scorer.score(a, options).map_err(|e| {
                    let field = e.location();
                    (field.clone(), e.code(), e.message(lang), field)
                });
                let with_evidence = scored.and_then(|o| match evidence {
                    None => Ok(o),
                    Some(dir) => match dir.manifest(a) {
                        Ok(m) => Ok(o.with_evidence(m)),
                        Err(e) => Err((e.field(), e.code(), e.to_string(), e.field())),
                    },
                });
                match with_evidence {
                    Ok(o) => (parsed.location(), id, None, Ok(o)),
                    Err((at, code, message, field)) => (
                        parsed.locate(&at),
                        id,
                        parsed.assessment.enterprise.clone(),
                        Err(RecordError {
                            code: code.to_string(),
                            message,
                            location: field,
                        }),
                    ),
                }
            }
            Err(located) => (
                located.location.clone(),
                known_id,
                None,
                Err(RecordError {
                    code: located.code().to_string(),
                    message: located.error.message(lang),
                    location: located.field(),
                }),
            ),
        };
        Scored {
            location,
            id,
            enterprise,
            result,
            readable,
        }
    }
}

impl Serialize for Scored {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct SourceOf<'a> {
            file: &'a str,
            line: u64,
            /// The column of the cell at fault, for an error in a sheet.
            #[serde(skip_serializing_if = "Option::is_none")]
            column: Option<String>,
        }
        let mut s = serializer.serialize_struct("Scored", 4)?;
        s.serialize_field(
            "source",
            &SourceOf {
                file: &self.location.file,
                line: self.location.row,
                column: self.location.column.as_ref().map(|c| c.letters()),
            },
        )?;
        s.serialize_field("id", &self.id)?;
        match &self.result {
            Ok(outcome) => {
                s.serialize_field("status", "ok")?;
                s.serialize_field("result", outcome)?;
            }
            Err(error) => {
                s.serialize_field("status", "error")?;
                s.serialize_field("error", error)?;
            }
        }
        s.end()
    }
}
