//! Reading questionnaires: the options every reading command shares and one assessment for `score`, `report` and `convert` (the reading itself is
//! cmmm-sheets').

use std::path::Path;

use clap::{Args, ValueEnum};
use cmmm_model::Lang;
use cmmm_sheets::{Format, Limits, Parsed, ReadOptions, Source};

use crate::Failure;

/// How to read questionnaires.
#[derive(Args, Clone)]
pub struct InputArgs {
    /// Input format, instead of the file name's extension.
    #[arg(long, value_enum)]
    input_format: Option<FormatArg>,
    /// Text encoding of CSV input (auto: decided on the whole file).
    #[arg(long, value_enum, default_value = "auto")]
    encoding: EncodingArg,
    /// Worksheet of XLSX input (default: the first).
    #[arg(long)]
    sheet: Option<String>,
    /// Profile of sheet assessments that name none.
    #[arg(long)]
    profile: Option<String>,
    /// Largest record (an NDJSON line, a CSV row), in MiB.
    #[arg(long, value_name = "MIB", default_value_t = Limits::default().record_bytes >> 20)]
    max_record_mb: u64,
    /// Largest file read whole (JSON; an XLSX workbook unpacked), in MiB; also how much of a
    /// CSV file encoding detection reads.
    #[arg(long, value_name = "MIB", default_value_t = Limits::default().file_bytes >> 20)]
    max_file_mb: u64,
}

/// Questionnaire formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Json,
    Ndjson,
    Csv,
    Xlsx,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Json => Format::Json,
            FormatArg::Ndjson => Format::Ndjson,
            FormatArg::Csv => Format::Csv,
            FormatArg::Xlsx => Format::Xlsx,
        }
    }
}

/// Text encodings of CSV input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum EncodingArg {
    /// UTF-8 when the whole file is UTF-8, else GB18030 (a superset of GBK) when it is.
    Auto,
    #[value(name = "utf-8")]
    Utf8,
    Gbk,
    Gb18030,
}

impl InputArgs {
    /// The reading options these arguments say.
    pub fn options(&self) -> ReadOptions {
        let mut limits = Limits::default();
        limits.record_bytes = self.max_record_mb.saturating_mul(1 << 20);
        limits.file_bytes = self.max_file_mb.saturating_mul(1 << 20);
        let mut opts = ReadOptions::new()
            .limits(limits)
            .encoding(match self.encoding {
                EncodingArg::Auto => cmmm_sheets::Encoding::Auto,
                EncodingArg::Utf8 => cmmm_sheets::Encoding::Utf8,
                EncodingArg::Gbk => cmmm_sheets::Encoding::Gbk,
                EncodingArg::Gb18030 => cmmm_sheets::Encoding::Gb18030,
            });
        if let Some(f) = self.input_format {
            opts = opts.format(f.into());
        }
        if let Some(s) = &self.sheet {
            opts = opts.sheet(s);
        }
        if let Some(p) = &self.profile {
            opts = opts.profile(p);
        }
        opts
    }
}

/// Reads the one assessment of `file` (`-`: standard input, JSON unless `--input-format`
/// says otherwise), in any questionnaire format.
pub fn read_one(file: &str, opts: &ReadOptions, lang: Lang) -> Result<Parsed, Failure> {
    let located =
        |e: cmmm_sheets::Located| Failure::input(format!("{} [{}]", e.message(lang), e.code()));
    if file == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .map_err(|e| Failure::input(format!("<stdin>: cannot read: {e}")))?;
        let opts = match opts.format {
            Some(_) => opts.clone(),
            None => opts.clone().format(Format::Json),
        };
        let source = Source::Bytes {
            name: "<stdin>",
            bytes: &bytes,
        };
        return cmmm_sheets::read_one(source, &opts).map_err(located);
    }
    cmmm_sheets::read_one(Source::Path(Path::new(file)), opts).map_err(located)
}

/// A scoring error of a parsed assessment, at the cell (or line) of the field at fault.
pub fn score_failure(parsed: &Parsed, e: &cmmm_score::ScoreError, lang: Lang) -> Failure {
    Failure::input(format!(
        "{}: {} [{}]",
        parsed.locate(&e.location()).describe(lang),
        e.message(lang),
        e.code()
    ))
}

/// `outcome` with the manifest of `parsed`'s evidence files under `dir` (`--evidence-dir`);
/// a reference leading out of the directory is an error at its cell or field.
pub fn with_evidence(
    outcome: cmmm_score::Outcome,
    parsed: &Parsed,
    dir: Option<&Path>,
    lang: Lang,
) -> Result<cmmm_score::Outcome, Failure> {
    let Some(dir) = dir else {
        return Ok(outcome);
    };
    let manifest = cmmm_sheets::evidence::EvidenceDir::open(dir)
        .and_then(|d| d.manifest(&parsed.assessment))
        .map_err(|e| {
            let at = parsed.locate(&e.field()).describe(lang);
            Failure::input(format!("{at}: {e} [{}]", e.code()))
        })?;
    Ok(outcome.with_evidence(manifest))
}
