//! `cmmm-synth --count N --format F --out FILE`: synthetic assessments (see the library).

use std::process::ExitCode;

fn main() -> ExitCode {
    match cmmm_synth::run_from(std::env::args_os()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("cmmm-synth: {}", message.trim_end());
            ExitCode::FAILURE
        }
    }
}
