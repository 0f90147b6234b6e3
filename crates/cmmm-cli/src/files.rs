//! Reading inputs and writing outputs: `-` is standard input, and files are written whole or
//! not at all (a temporary file beside the target, renamed into place).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Reads a file, or standard input for `-`.
pub fn read_input(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("<stdin>: cannot read: {e}"))?;
        return Ok(text);
    }
    std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))
}

/// The temporary file beside `target` that output is written to before it is renamed into
/// place.
pub fn temp_path(target: &Path) -> PathBuf {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

/// Runs `fill` on a temporary file beside `path` and renames it into place; on failure the
/// temporary file is removed and the message names `path`. An interrupted run leaves the old
/// file (or none), never a truncated one.
pub fn write_via_temp(
    path: &Path,
    fill: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<(), String> {
    let tmp = temp_path(path);
    let result = fill(&tmp).and_then(|()| {
        std::fs::rename(&tmp, path).map_err(|e| format!("cannot rename into place: {e}"))
    });
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("{}: {e}", path.display())
    })
}

/// Writes `bytes` to `path` atomically (see [`write_via_temp`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    write_via_temp(path, |tmp| {
        let mut f = std::fs::File::create(tmp).map_err(|e| format!("cannot write: {e}"))?;
        f.write_all(bytes)
            .and_then(|()| f.sync_all())
            .map_err(|e| format!("cannot write: {e}"))
    })
}

/// Writes to `out` atomically, or to standard output when `out` is `None`.
pub fn emit(out: Option<&Path>, text: &str) -> Result<(), String> {
    emit_bytes(out, text.as_bytes())
}

/// Writes bytes to `out` atomically, or to standard output when `out` is `None`.
pub fn emit_bytes(out: Option<&Path>, bytes: &[u8]) -> Result<(), String> {
    match out {
        Some(path) => write_atomic(path, bytes),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|_| stdout.flush())
                .map_err(|e| format!("<stdout>: cannot write: {e}"))
        }
    }
}
