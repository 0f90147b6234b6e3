//! What to read and how: a file or bytes in memory (an upload), its format and the choices
//! that sheets need.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use crate::encoding::Encoding;
use crate::error::SheetError;

/// Questionnaire formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// One assessment, or an array of them.
    Json,
    /// One assessment per line.
    Ndjson,
    /// A sheet as comma-separated text (UTF-8 or GBK/GB18030).
    Csv,
    /// An Excel/WPS workbook.
    Xlsx,
}

impl Format {
    /// The format a file name's extension says (`.json`, `.ndjson`/`.jsonl`, `.csv`,
    /// `.xlsx`, any case).
    pub fn of(name: impl AsRef<Path>) -> Option<Format> {
        let ext = name.as_ref().extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(Format::Json),
            "ndjson" | "jsonl" => Some(Format::Ndjson),
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    /// True for the formats that hold a sheet.
    pub fn is_sheet(self) -> bool {
        matches!(self, Format::Csv | Format::Xlsx)
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "ndjson" | "jsonl" => Ok(Format::Ndjson),
            "csv" => Ok(Format::Csv),
            "xlsx" => Ok(Format::Xlsx),
            other => Err(format!(
                "unknown format `{other}` (expected json, ndjson, csv or xlsx)"
            )),
        }
    }
}

/// How to read questionnaires. The defaults: the format from the file name, the encoding
/// detected, the first worksheet, no default profile, and the limits of [`Limits`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// How much one input may hold.
    pub limits: Limits,
    /// The format, instead of the file name's extension.
    pub format: Option<Format>,
    /// The encoding of CSV text.
    pub encoding: Encoding,
    /// The worksheet of an XLSX workbook (default: the first).
    pub sheet: Option<String>,
    /// The profile of sheet assessments that name none.
    pub profile: Option<String>,
}

/// How much one input may hold, so that a hostile or broken file (a line that never ends,
/// `/dev/zero`, a workbook that unpacks to gigabytes) is an error, never an exhausted memory.
/// Raise them for inputs that really are larger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Bytes of one record's text: an NDJSON line, a CSV row (default 64 MiB; an assessment
    /// of the default model is about 10 KB).
    pub record_bytes: u64,
    /// Bytes of a file read whole: JSON, and an XLSX workbook unpacked (default 1 GiB).
    pub file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            record_bytes: 64 << 20,
            file_bytes: 1 << 30,
        }
    }
}

impl ReadOptions {
    /// Reads within `limits`.
    pub fn limits(mut self, limits: Limits) -> ReadOptions {
        self.limits = limits;
        self
    }

    /// The defaults.
    pub fn new() -> ReadOptions {
        ReadOptions::default()
    }

    /// Reads every input as `format`.
    pub fn format(mut self, format: Format) -> ReadOptions {
        self.format = Some(format);
        self
    }

    /// Reads CSV text as `encoding`.
    pub fn encoding(mut self, encoding: Encoding) -> ReadOptions {
        self.encoding = encoding;
        self
    }

    /// Reads worksheet `name` of a workbook.
    pub fn sheet(mut self, name: impl Into<String>) -> ReadOptions {
        self.sheet = Some(name.into());
        self
    }

    /// Gives sheet assessments without a profile this one.
    pub fn profile(mut self, profile: impl Into<String>) -> ReadOptions {
        self.profile = Some(profile.into());
        self
    }
}

/// An input: a file, or bytes already in memory under a name (an uploaded sheet).
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    /// A file.
    Path(&'a Path),
    /// Bytes, and the name that errors give them (and whose extension gives the format).
    Bytes {
        /// The name.
        name: &'a str,
        /// The content.
        bytes: &'a [u8],
    },
}

impl<'a> Source<'a> {
    /// The name errors give the input.
    pub fn name(&self) -> Arc<str> {
        match self {
            Source::Path(p) => p.display().to_string().into(),
            Source::Bytes { name, .. } => (*name).into(),
        }
    }

    /// The input's format: as asked, or from its name.
    pub fn format(&self, opts: &ReadOptions) -> Option<Format> {
        opts.format.or_else(|| match self {
            Source::Path(p) => Format::of(p),
            Source::Bytes { name, .. } => Format::of(name),
        })
    }

    /// A reader from the start.
    pub(crate) fn open(&self) -> Result<Box<dyn Read + 'a>, SheetError> {
        match *self {
            Source::Path(p) => std::fs::File::open(p)
                .map(|f| Box::new(f) as Box<dyn Read>)
                .map_err(|e| SheetError::Io(e.to_string())),
            Source::Bytes { bytes, .. } => Ok(Box::new(bytes)),
        }
    }
}
