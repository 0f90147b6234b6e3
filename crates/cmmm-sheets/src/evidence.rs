//! Evidence references resolved to files: every reference of an answer (`evidence` in the
//! assessment file, the `evidence` column of a sheet) that names a file under an evidence
//! directory — a relative path, or the name of exactly one file anywhere under it — becomes a
//! manifest entry with the file's size and SHA-256. A reference that names no file is listed
//! as missing (a warning of the result); one that leads out of the directory (`..`, an
//! absolute path, a symbolic link pointing elsewhere) is refused.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use cmmm_model::Assessment;
use cmmm_score::{EvidenceFile, EvidenceManifest, MissingEvidence};
use sha2::{Digest, Sha256};

/// A reference that cannot be followed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EvidenceError {
    /// The reference leads out of the evidence directory.
    #[error("ratings.{requirement}.evidence: `{reference}` leads out of the evidence directory; give a path inside it")]
    Outside {
        /// The requirement whose answer gives it.
        requirement: String,
        /// The reference.
        reference: String,
    },
    /// The directory or a file in it cannot be read.
    #[error("{path}: cannot read: {error}")]
    Io {
        /// The directory or file.
        path: String,
        /// Why.
        error: String,
    },
}

impl EvidenceError {
    /// Stable code of the error.
    pub fn code(&self) -> &'static str {
        match self {
            EvidenceError::Outside { .. } => "evidence-outside-dir",
            EvidenceError::Io { .. } => "unreadable-file",
        }
    }

    /// The field at fault (`ratings.ID.evidence`), or "".
    pub fn field(&self) -> String {
        match self {
            EvidenceError::Outside { requirement, .. } => format!("ratings.{requirement}.evidence"),
            EvidenceError::Io { .. } => String::new(),
        }
    }
}

/// An evidence directory: its canonical path and its files by name.
pub struct EvidenceDir {
    root: PathBuf,
    /// File name → the relative paths of the files with that name.
    by_name: HashMap<String, Vec<String>>,
}

impl EvidenceDir {
    /// Reads the names of every file under `dir` (symbolic links are followed only when they
    /// stay inside it).
    pub fn open(dir: &Path) -> Result<EvidenceDir, EvidenceError> {
        let io = |path: &Path, e: std::io::Error| EvidenceError::Io {
            path: path.display().to_string(),
            error: e.to_string(),
        };
        let root = dir.canonicalize().map_err(|e| io(dir, e))?;
        let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
        let mut pending = vec![root.clone()];
        // Each directory once, however many links lead to it (a link to a parent is a loop).
        let mut seen = std::collections::HashSet::from([root.clone()]);
        while let Some(at) = pending.pop() {
            for entry in std::fs::read_dir(&at).map_err(|e| io(&at, e))? {
                let path = entry.map_err(|e| io(&at, e))?.path();
                let Ok(real) = path.canonicalize() else {
                    continue;
                };
                if !real.starts_with(&root) {
                    continue;
                }
                if real.is_dir() {
                    if seen.insert(real) {
                        pending.push(path);
                    }
                } else if let (Some(name), Ok(rel)) = (path.file_name(), path.strip_prefix(&root)) {
                    by_name
                        .entry(name.to_string_lossy().into_owned())
                        .or_default()
                        .push(relative(rel));
                }
            }
        }
        for paths in by_name.values_mut() {
            paths.sort();
        }
        Ok(EvidenceDir { root, by_name })
    }

    /// The manifest of `assessment`'s evidence references.
    pub fn manifest(&self, assessment: &Assessment) -> Result<EvidenceManifest, EvidenceError> {
        let mut manifest = EvidenceManifest::new();
        for (requirement, answer) in assessment.ratings.iter() {
            for reference in &answer.evidence {
                match self.find(requirement, reference)? {
                    Some(file) => manifest
                        .files
                        .push(self.entry(requirement, reference, file)?),
                    None => manifest
                        .missing
                        .push(MissingEvidence::new(requirement, reference)),
                }
            }
        }
        Ok(manifest)
    }

    /// The relative path of the file `reference` names, if any.
    fn find(&self, requirement: &str, reference: &str) -> Result<Option<String>, EvidenceError> {
        let outside = || EvidenceError::Outside {
            requirement: requirement.to_string(),
            reference: reference.to_string(),
        };
        let path = Path::new(reference.trim());
        if path.is_absolute()
            || path
                .components()
                .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return Err(outside());
        }
        let full = self.root.join(path);
        if full.is_file() || full.is_symlink() {
            // A symbolic link (or a directory link on the way) must stay inside.
            let real = full.canonicalize().map_err(|_| outside())?;
            if !real.starts_with(&self.root) {
                return Err(outside());
            }
            return Ok(real.is_file().then(|| relative(path)));
        }
        // A bare name: the one file of that name under the directory.
        Ok(
            match self.by_name.get(reference.trim()).map(Vec::as_slice) {
                Some([only]) => Some(only.clone()),
                _ => None,
            },
        )
    }

    fn entry(
        &self,
        requirement: &str,
        reference: &str,
        file: String,
    ) -> Result<EvidenceFile, EvidenceError> {
        let path = self.root.join(&file);
        let io = |e: std::io::Error| EvidenceError::Io {
            path: path.display().to_string(),
            error: e.to_string(),
        };
        let mut reader = std::fs::File::open(&path).map_err(io)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 << 10];
        let mut size = 0u64;
        loop {
            let n = reader.read(&mut buf).map_err(io)?;
            if n == 0 {
                break;
            }
            size += n as u64;
            hasher.update(&buf[..n]);
        }
        let sha256 = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(EvidenceFile::new(
            requirement,
            reference,
            file,
            size,
            sha256,
        ))
    }
}

/// A relative path with `/` between its names.
fn relative(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}
