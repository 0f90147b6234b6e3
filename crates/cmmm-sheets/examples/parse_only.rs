//! The parse-only baseline of `scripts/bench-batch.sh`: the same reading and parsing into
//! the assessment type as `cmmm batch` (cmmm-sheets' `batch::run` on the same pool), with no
//! scoring and no output, to show what scoring adds.
//!
//! ```sh
//! cargo run --release -p cmmm-sheets --example parse_only -- FILE... [--jobs N]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use cmmm_sheets::batch;
use cmmm_sheets::{Payload, ReadOptions, Record};

/// The allocator `cmmm` uses, so that the baseline differs from a real run by scoring only.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let mut files = Vec::new();
    let mut jobs = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--jobs" {
            jobs = args.next().and_then(|n| n.parse().ok());
            if jobs.is_none() {
                eprintln!("--jobs needs a number");
                return ExitCode::from(2);
            }
        } else {
            files.push(PathBuf::from(arg));
        }
    }
    let pool = match batch::pool(jobs) {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("--{e}");
            return ExitCode::from(2);
        }
    };
    let files = batch::inputs(&files);
    let (mut parsed, mut failed) = (0u64, 0u64);
    let parse =
        |text: &[u8], r: Record| !matches!(r.payload, Payload::Broken(_)) && r.parse(text).is_ok();
    let count = |ok: bool| {
        if ok {
            parsed += 1;
        } else {
            failed += 1;
        }
        Ok::<(), ()>(())
    };
    let _ = batch::run(&files, &ReadOptions::new(), &pool, parse, count, |_| {});
    eprintln!("parsed: {parsed}, unreadable: {failed}");
    ExitCode::SUCCESS
}
