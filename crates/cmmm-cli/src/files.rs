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

/// Where output to a path goes.
pub enum Target {
    /// A regular file (or none yet): written to a temporary file beside this path (the
    /// target of a symbolic link, followed) and renamed onto it, so it is replaced whole or
    /// not at all.
    Replace(PathBuf),
    /// Something that is not a regular file (a device such as `/dev/null`, a FIFO): written
    /// in place, never replaced by a file.
    InPlace,
}

/// Where output to `path` goes.
pub fn target(path: &Path) -> Target {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => Target::InPlace,
        Ok(_) => Target::Replace(std::fs::canonicalize(path).unwrap_or_else(|_| path.into())),
        // Nothing there yet, or a link to nothing: the file the link names is created.
        Err(_) => Target::Replace(match std::fs::read_link(path) {
            Ok(to) => path.parent().map_or(to.clone(), |dir| dir.join(&to)),
            Err(_) => path.into(),
        }),
    }
}

/// True when `a` and `b` name the same file (or would).
pub fn same_file(a: &Path, b: &Path) -> bool {
    let real = |p: &Path| match target(p) {
        Target::Replace(r) => r,
        Target::InPlace => std::fs::canonicalize(p).unwrap_or_else(|_| p.into()),
    };
    real(a) == real(b)
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
/// file (or none), never a truncated one. A path that is not a regular file (a device, a
/// FIFO) is written in place; a symbolic link is followed, and the file it names replaced.
pub fn write_via_temp(
    path: &Path,
    fill: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<(), String> {
    let real = match target(path) {
        Target::InPlace => return fill(path).map_err(|e| format!("{}: {e}", path.display())),
        Target::Replace(real) => real,
    };
    let tmp = temp_path(&real);
    let result = fill(&tmp).and_then(|()| {
        std::fs::rename(&tmp, &real).map_err(|e| format!("cannot rename into place: {e}"))
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
            .map_err(|e| format!("cannot write: {e}"))?;
        // Only a regular file is synced (fsync of a device such as /dev/null fails).
        match f.metadata() {
            Ok(m) if m.is_file() => f.sync_all().map_err(|e| format!("cannot write: {e}")),
            _ => Ok(()),
        }
    })
}

/// Writes several files into `dir` all or nothing: each is written to a temporary file beside
/// its target first, and only when every one of them is written (the step that fails on a
/// full disk) are they renamed into place. A target that is not a regular file (a
/// directory, a device) fails the whole before anything is written.
pub fn write_all_atomic(dir: &Path, files: &[(&str, &[u8])]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut targets = Vec::new();
    for (name, _) in files {
        let path = dir.join(name);
        match target(&path) {
            Target::Replace(real) => targets.push(real),
            Target::InPlace => {
                return Err(format!(
                    "{}: not a regular file; nothing was written",
                    path.display()
                ))
            }
        }
    }
    let temps: Vec<PathBuf> = targets.iter().map(|t| temp_path(t)).collect();
    for (tmp, (name, bytes)) in temps.iter().zip(files) {
        let written = std::fs::File::create(tmp)
            .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()));
        if let Err(e) = written {
            for t in &temps {
                let _ = std::fs::remove_file(t);
            }
            return Err(format!(
                "{}: cannot write: {e}; nothing was written",
                dir.join(name).display()
            ));
        }
    }
    for (tmp, real) in temps.iter().zip(&targets) {
        std::fs::rename(tmp, real)
            .map_err(|e| format!("{}: cannot rename into place: {e}", real.display()))?;
    }
    Ok(())
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
