//! Errors of reading questionnaires, each with a stable code and a message in English or
//! Chinese; where they are is a [`Location`] beside them.

use cmmm_model::Lang;
use cmmm_score::ScoreError;

use crate::location::Location;

/// Why a file, a row or a cell could not be read as (part of) an assessment.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SheetError {
    /// The file could not be opened or read.
    #[error("cannot read: {0}")]
    Io(String),
    /// The format is not known from the file name and was not given.
    #[error("unknown input format; name the file .json, .ndjson, .jsonl, .csv or .xlsx, or give the format (--input-format)")]
    UnknownFormat,
    /// The text is not in the encoding asked for, or (detecting) in neither UTF-8 nor
    /// GB18030.
    #[error("{}", encoding_message(*.asked, *.offset, *.line, Lang::En))]
    Encoding {
        /// The encoding asked for; `None` when detecting.
        asked: Option<&'static str>,
        /// Byte offset of the first invalid byte (of UTF-8, when detecting).
        offset: u64,
        /// Its 1-based line.
        line: u64,
    },
    /// The file or worksheet holds nothing.
    #[error("{0} is empty")]
    Empty(&'static str),
    /// The file is not an XLSX workbook that can be read.
    #[error("not a readable XLSX workbook: {0}")]
    NotXlsx(String),
    /// The worksheet asked for is not in the workbook.
    #[error("the workbook has no worksheet `{name}` (it has {})", quoted(.sheets))]
    NoSuchSheet {
        /// The name asked for.
        name: String,
        /// The worksheets it has.
        sheets: Vec<String>,
    },
    /// A worksheet could not be read.
    #[error("worksheet `{name}`: {detail}")]
    UnreadableSheet {
        /// The worksheet.
        name: String,
        /// What the spreadsheet reader said.
        detail: String,
    },
    /// The header row could not be read.
    #[error("cannot read the header: {0}")]
    UnreadableHeader(String),
    /// A column appears twice in the header.
    #[error("column `{name}` appears twice (columns {first} and {second})")]
    DuplicateColumn {
        /// The header.
        name: String,
        /// The letters of its first column.
        first: String,
        /// The letters of the second.
        second: String,
    },
    /// The long layout has columns it does not know.
    #[error("unknown column(s) {} in the long layout (one row per answer); the columns are {}", quoted(.0), crate::columns::COLUMNS.map(|c| c.key).join(", "))]
    UnknownColumns(Vec<String>),
    /// A CSV row could not be split into cells.
    #[error("cannot read the row: {0}")]
    Row(String),
    /// A row has more cells than the header.
    #[error("{found} cells where the header has {expected}")]
    CellCount {
        /// Cells on the row.
        found: usize,
        /// Cells of the header.
        expected: usize,
    },
    /// A long-layout row has an answer but no requirement id.
    #[error("empty requirement_id on a row with an answer")]
    EmptyRequirement,
    /// A requirement is answered twice in one assessment.
    #[error("requirement `{requirement}` is answered twice (first on row {first_row}); rows with a blank assessment_id continue the assessment above, so give each assessment its own id")]
    RatedTwice {
        /// The requirement.
        requirement: String,
        /// The row of its first answer.
        first_row: u64,
    },
    /// A later row of an assessment gives another value of one of its fields.
    #[error("`{column}` is `{value}` here but `{first}` on row {first_row}; an assessment's fields are typed once (later rows may be left blank)")]
    Conflict {
        /// The column.
        column: &'static str,
        /// The value on this row.
        value: String,
        /// The value first given.
        first: String,
        /// Where it was first given.
        first_row: u64,
    },
    /// A tailoring cell entry is not `sub_domain=reason`.
    #[error("tailoring entry `{0}` is not `sub_domain=reason`")]
    Tailoring(String),
    /// No profile in the sheet and none given.
    #[error("no profile: fill the `profile` column or give a default profile (--profile)")]
    NoProfile,
    /// One assessment was asked for and the file holds several.
    #[error("the file holds {0} assessments; score or report one at a time, or score them all with `cmmm batch`")]
    Several(usize),
    /// The file holds no assessment.
    #[error("the file holds no assessment")]
    NoAssessment,
    /// A quote opened in a cell is never closed: the rows below were read as its text.
    #[error("a quote opened in this cell is never closed, so the {rows} row(s) below it were read as the cell's text; close the quote (or remove it) and save the sheet again")]
    UnclosedQuote {
        /// Rows swallowed.
        rows: usize,
    },
    /// An assessment whose rows an unclosed quote above swallowed.
    #[error("the rows of this assessment were swallowed by the unclosed quote on row {quote_row}; close that quote and save the sheet again")]
    Swallowed {
        /// The row of the cell with the quote.
        quote_row: u64,
    },
    /// An input holds more than a limit allows; the rest of the file is not read.
    #[error("{what} is larger than the limit of {} MiB; the rest of the file is not read (raise the limit with {option})", .limit >> 20)]
    TooLarge {
        /// What: `the line`, `the row`, `the file`, `the workbook unpacked`.
        what: &'static str,
        /// The limit in bytes.
        limit: u64,
        /// The option that raises it.
        option: &'static str,
    },
    /// A JSON array is followed by more text.
    #[error("text after the closing `]` of the array of assessments")]
    AfterArray,
    /// The assessment's JSON text, or the assessment itself, is at fault.
    #[error(transparent)]
    Score(#[from] ScoreError),
}

impl SheetError {
    /// Stable code of the error kind (the batch output's `error_code`).
    pub fn code(&self) -> &'static str {
        match self {
            SheetError::Io(_)
            | SheetError::Empty(_)
            | SheetError::NotXlsx(_)
            | SheetError::NoSuchSheet { .. }
            | SheetError::UnreadableSheet { .. } => "unreadable-file",
            SheetError::UnknownFormat => "unknown-format",
            SheetError::Encoding { .. } => "invalid-encoding",
            SheetError::UnreadableHeader(_)
            | SheetError::DuplicateColumn { .. }
            | SheetError::UnknownColumns(_) => "invalid-header",
            SheetError::Row(_)
            | SheetError::CellCount { .. }
            | SheetError::EmptyRequirement
            | SheetError::Conflict { .. }
            | SheetError::Tailoring(_)
            | SheetError::NoProfile
            | SheetError::UnclosedQuote { .. }
            | SheetError::Swallowed { .. } => "invalid-row",
            SheetError::RatedTwice { .. } => "duplicate-key",
            SheetError::Several(_) => "several-assessments",
            SheetError::NoAssessment => "no-assessment",
            SheetError::AfterArray => "invalid-json",
            SheetError::TooLarge { .. } => "too-large",
            SheetError::Score(e) => e.code(),
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            SheetError::Io(e) => format!("无法读取：{e}"),
            SheetError::UnknownFormat => "无法识别输入格式：请将文件命名为 .json、.ndjson、.jsonl、.csv 或 .xlsx，或指定格式（--input-format）".into(),
            SheetError::Encoding {
                asked,
                offset,
                line,
            } => encoding_message(*asked, *offset, *line, lang),
            SheetError::Empty(what) => format!("{} 为空", zh_what(what)),
            SheetError::NotXlsx(e) => format!("不是可读取的 XLSX 工作簿：{e}"),
            SheetError::NoSuchSheet { name, sheets } => {
                format!("工作簿中没有工作表 `{name}`（现有：{}）", quoted(sheets))
            }
            SheetError::UnreadableSheet { name, detail } => {
                format!("无法读取工作表 `{name}`：{detail}")
            }
            SheetError::UnreadableHeader(e) => format!("无法读取表头：{e}"),
            SheetError::DuplicateColumn {
                name,
                first,
                second,
            } => format!("列 `{name}` 出现了两次（{first} 列和 {second} 列）"),
            SheetError::UnknownColumns(names) => format!(
                "逐条评分格式（每行一项要求）中有未知的列 {}；可用的列为 {}",
                quoted(names),
                crate::columns::COLUMNS.map(|c| c.key).join("、")
            ),
            SheetError::Row(e) => format!("无法读取本行：{e}"),
            SheetError::CellCount { found, expected } => {
                format!("本行有 {found} 个单元格，表头只有 {expected} 个")
            }
            SheetError::EmptyRequirement => "本行填写了评分但 requirement_id 为空".into(),
            SheetError::RatedTwice { requirement, first_row } => format!(
                "要求 `{requirement}` 被评了两次（第一次在第 {first_row} 行）；assessment_id 为空的行属于上方的评估，请为每个评估填写各自的编号"
            ),
            SheetError::Conflict { column, value, first, first_row } => format!(
                "`{column}` 此处为 `{value}`，第 {first_row} 行为 `{first}`；评估的字段只需填写一次（后续行可留空）"
            ),
            SheetError::Tailoring(entry) => {
                format!("裁剪项 `{entry}` 不是 `子域=理由` 的形式（sub_domain=reason）")
            }
            SheetError::NoProfile => "缺少企业类型：请填写 `profile` 列，或指定默认类型（--profile）".into(),
            SheetError::Several(n) => format!(
                "文件中有 {n} 份评估；请逐份计分或出具报告，或用 `cmmm batch` 批量计分"
            ),
            SheetError::NoAssessment => "文件中没有评估".into(),
            SheetError::AfterArray => "评估数组的 `]` 之后还有其他文字".into(),
            SheetError::TooLarge {
                what,
                limit,
                option,
            } => format!(
                "{}超过了 {} MiB 的上限，文件其余部分未读取（可用 {option} 提高上限）",
                zh_what(what),
                limit >> 20
            ),
            SheetError::UnclosedQuote { rows } => format!(
                "此单元格中的引号没有闭合，其下 {rows} 行被读成了该单元格的文字；请补上（或删去）引号后重新保存"
            ),
            SheetError::Swallowed { quote_row } => format!(
                "该评估的各行被第 {quote_row} 行未闭合的引号吞没；请闭合该引号后重新保存"
            ),
            SheetError::Score(e) => e.message(lang),
        }
    }
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn encoding_message(asked: Option<&str>, offset: u64, line: u64, lang: Lang) -> String {
    match (asked, lang) {
        (None, Lang::En) => format!("the text is neither UTF-8 (byte {offset} (line {line}) is not) nor GBK/GB18030; save it as CSV UTF-8, or name its encoding (--encoding)"),
        (Some(name), Lang::En) => format!("not {name} text: byte {offset} (line {line}) is not valid; save it as CSV UTF-8, or name another encoding (--encoding)"),
        (None, Lang::Zh) => format!("文本既不是 UTF-8（第 {line} 行字节 {offset} 无效）也不是 GBK/GB18030；请另存为“CSV UTF-8”，或指定编码（--encoding）"),
        (Some(name), Lang::Zh) => format!("文本不是 {name} 编码：第 {line} 行字节 {offset} 无效；请另存为“CSV UTF-8”，或指定其他编码（--encoding）"),
    }
}

fn zh_what(what: &str) -> &str {
    match what {
        "the file" => "文件",
        "the worksheet" => "工作表",
        "the workbook" => "工作簿",
        "the line" => "该行",
        "the row" => "该行",
        "the workbook unpacked" => "工作簿解压后",
        other => other,
    }
}

/// A fault and where it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {error}")]
pub struct Located {
    /// Where.
    pub location: Location,
    /// What (boxed: a `Result` carrying it stays small).
    pub error: Box<SheetError>,
}

impl Located {
    /// `error` at `location`.
    pub fn new(location: Location, error: SheetError) -> Located {
        Located {
            location,
            error: Box::new(error),
        }
    }

    /// Stable code of the error kind.
    pub fn code(&self) -> &'static str {
        self.error.code()
    }

    /// `place: message` in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        format!(
            "{}: {}",
            self.location.describe(lang),
            self.error.message(lang)
        )
    }

    /// The field within the assessment that the fault is at (a JSON path such as
    /// `ratings.data.2.a`), or "" when it is not within one.
    pub fn field(&self) -> String {
        match &*self.error {
            SheetError::Score(e) => e.location(),
            SheetError::RatedTwice { requirement, .. } => format!("ratings.{requirement}"),
            _ => String::new(),
        }
    }
}
