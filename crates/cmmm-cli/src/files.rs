//! Reading inputs and writing outputs: `-` is standard input, and files are written whole or
//! not at all ([`OutFile`]).

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

/// The temporary name beside `target` that output is given before it is renamed into place.
fn temp_path(target: &Path) -> PathBuf {
    let dir = parent(target);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

/// The directory of `path` (`.` for a bare file name).
fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// An output file being written: it replaces its target only when [`OutFile::finish`]ed, and
/// nothing of it is left if the run fails or is killed first.
///
/// On Linux it is an unnamed file in the target's directory (`O_TMPFILE`): a killed process
/// leaves no trace, and the file is given a name (linked in, then renamed over the target)
/// only when complete. Where the filesystem cannot make one, it is a named temporary file
/// beside the target, removed on failure. A target that is not a regular file (a device, a
/// FIFO) is written in place; a symbolic link is followed, and the file it names replaced.
pub struct OutFile {
    file: std::fs::File,
    /// The path given, for messages.
    path: PathBuf,
    /// Where the finished file goes: `None` when written in place.
    real: Option<PathBuf>,
    /// The named temporary file, when there is one (removed unless finished).
    named: Option<PathBuf>,
}

impl OutFile {
    /// Starts writing `path`.
    pub fn create(path: &Path) -> Result<OutFile, String> {
        let fail = |e: std::io::Error| format!("{}: cannot write: {e}", path.display());
        let real = match target(path) {
            Target::InPlace => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(fail)?;
                return Ok(OutFile {
                    file,
                    path: path.into(),
                    real: None,
                    named: None,
                });
            }
            Target::Replace(real) => real,
        };
        if let Some(file) = unnamed_in(&parent(&real)) {
            return Ok(OutFile {
                file,
                path: path.into(),
                real: Some(real),
                named: None,
            });
        }
        let tmp = temp_path(&real);
        let file = std::fs::File::create(&tmp).map_err(fail)?;
        Ok(OutFile {
            file,
            path: path.into(),
            real: Some(real),
            named: Some(tmp),
        })
    }

    /// The file to write to.
    pub fn file(&mut self) -> &mut std::fs::File {
        &mut self.file
    }

    /// Puts the finished file in place of its target.
    pub fn finish(mut self) -> Result<(), String> {
        let path = self.path.clone();
        let fail = |e: std::io::Error| format!("{}: cannot write: {e}", path.display());
        let Some(real) = self.real.clone() else {
            // A device or a FIFO: written in place, nothing to sync (fsync of /dev/null
            // fails).
            return self.file.flush().map_err(fail);
        };
        self.file.sync_all().map_err(fail)?;
        let named = match self.named.take() {
            Some(named) => named,
            None => {
                let named = temp_path(&real);
                let _ = std::fs::remove_file(&named);
                link_unnamed(&self.file, &named).map_err(fail)?;
                named
            }
        };
        std::fs::rename(&named, &real).map_err(|e| {
            let _ = std::fs::remove_file(&named);
            format!("{}: cannot rename into place: {e}", path.display())
        })
    }
}

impl Write for OutFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl Drop for OutFile {
    /// An unfinished output leaves nothing: an unnamed file vanishes with its descriptor, a
    /// named one is removed.
    fn drop(&mut self) {
        if let Some(named) = self.named.take() {
            let _ = std::fs::remove_file(named);
        }
    }
}

/// An unnamed file in `dir` (Linux's `O_TMPFILE`), or `None` where the system or the
/// filesystem cannot make one.
#[cfg(target_os = "linux")]
fn unnamed_in(dir: &Path) -> Option<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_TMPFILE)
        .mode(0o644)
        .open(dir)
        .ok()
}

#[cfg(not(target_os = "linux"))]
fn unnamed_in(_: &Path) -> Option<std::fs::File> {
    None
}

/// Gives the unnamed `file` the name `to` (through its `/proc/self/fd` link).
#[cfg(target_os = "linux")]
fn link_unnamed(file: &std::fs::File, to: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::AsRawFd;
    let from = std::ffi::CString::new(format!("/proc/self/fd/{}", file.as_raw_fd()))?;
    let to = std::ffi::CString::new(to.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call, and linkat
    // reads them only during it.
    let done = unsafe {
        libc::linkat(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::AT_SYMLINK_FOLLOW,
        )
    };
    if done == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn link_unnamed(_: &std::fs::File, _: &Path) -> std::io::Result<()> {
    unreachable!("unnamed files exist on Linux only")
}

/// Writes `bytes` to `path` whole or not at all (see [`OutFile`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut out = OutFile::create(path)?;
    out.write_all(bytes)
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    out.finish()
}

/// Writes several files into `dir` all or nothing: every one is written (the step that
/// fails on a full disk) before any is put in place. A target that is not a regular file (a
/// directory, a device) fails the whole before anything is written.
pub fn write_all_atomic(dir: &Path, files: &[(&str, &[u8])]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (name, _) in files {
        let path = dir.join(name);
        if let Target::InPlace = target(&path) {
            return Err(format!(
                "{}: not a regular file; nothing was written",
                path.display()
            ));
        }
    }
    let mut outs = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        let mut out = OutFile::create(&path)?;
        out.write_all(bytes)
            .map_err(|e| format!("{}: cannot write: {e}; nothing was written", path.display()))?;
        outs.push(out);
    }
    outs.into_iter().try_for_each(OutFile::finish)
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
