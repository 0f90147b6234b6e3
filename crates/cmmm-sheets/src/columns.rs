//! The one list of questionnaire columns, shared by the sheet reader and the template writer.
//!
//! A sheet is in the **long layout** (one row per rating: `requirement_id` and `rating`
//! columns) or the **wide layout** (one row per assessment, one column per requirement id).
//! The assessment columns may stand in either; the answer columns belong to the long layout;
//! the informational columns are written by the template for the person filling it in and
//! ignored when read.

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// A field of the assessment (the same on every row of one assessment).
    Assessment,
    /// A field of one answer (long layout).
    Answer,
    /// Written for the reader, ignored when read.
    Informational,
}

/// A questionnaire column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColumnDef {
    /// The header, as written and read.
    pub key: &'static str,
    /// What it holds.
    pub part: Part,
    /// Width of the column in a written XLSX sheet, in characters.
    pub(crate) width: u8,
}

const fn col(key: &'static str, part: Part, width: u8) -> ColumnDef {
    ColumnDef { key, part, width }
}

/// Every column, in the order the long-layout template writes them: the requirement and its
/// answer first (the rating beside the text), the assessment's fields after them, typed once
/// on the first row.
pub const COLUMNS: [ColumnDef; 19] = [
    col("requirement_id", Part::Answer, 22),
    col("sub_domain", Part::Informational, 18),
    col("level", Part::Informational, 6),
    col("text", Part::Informational, 60),
    col("rating", Part::Answer, 12),
    col("evidence", Part::Answer, 24),
    col("comment", Part::Answer, 24),
    // Who rated the answer (the JSON answer's `assessor`; `assessor` is the assessment's).
    col("rated_by", Part::Answer, 12),
    col("assessment_id", Part::Assessment, 16),
    col("enterprise_name", Part::Assessment, 24),
    col("enterprise_code", Part::Assessment, 20),
    col("industry", Part::Assessment, 12),
    col("region", Part::Assessment, 12),
    col("assessed_on", Part::Assessment, 12),
    col("assessor", Part::Assessment, 12),
    col("profile", Part::Assessment, 10),
    col("model", Part::Assessment, 16),
    col("include", Part::Assessment, 16),
    col("tailoring", Part::Assessment, 24),
];

/// The column named `key`.
pub fn column(key: &str) -> Option<&'static ColumnDef> {
    COLUMNS.iter().find(|c| c.key == key)
}

/// The assessment columns, in written order (the leading columns of the wide layout).
pub fn assessment_columns() -> impl Iterator<Item = &'static ColumnDef> {
    COLUMNS.iter().filter(|c| c.part == Part::Assessment)
}

/// Separator of list cells (`evidence`, `include`, `tailoring`).
pub const LIST_SEPARATOR: char = ';';

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_the_long_layout_is_recognisable() {
        for (i, c) in COLUMNS.iter().enumerate() {
            assert!(COLUMNS[i + 1..].iter().all(|d| d.key != c.key), "{}", c.key);
        }
        assert_eq!(column("rating").map(|c| c.part), Some(Part::Answer));
        assert_eq!(column("requirement_id").map(|c| c.part), Some(Part::Answer));
        assert!(column("nope").is_none());
        assert_eq!(assessment_columns().count(), 11);
    }
}
