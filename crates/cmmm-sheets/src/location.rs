//! Where a record, a row or a cell is: the file, the 1-based row (a line of JSON, NDJSON or
//! CSV text, or a worksheet row) and, for a cell, its column.

use std::fmt;
use std::sync::Arc;

use cmmm_model::Lang;

/// A place in an input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file, as named by the caller.
    pub file: Arc<str>,
    /// 1-based line or worksheet row; 0 for the file as a whole.
    pub row: u64,
    /// The cell's column, for a fault in one cell of a sheet.
    pub column: Option<Column>,
}

/// A column of a sheet: its 0-based index and its header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// 0-based index (A is 0).
    pub index: u32,
    /// The header cell.
    pub name: Arc<str>,
}

impl Column {
    /// The column's letters as a spreadsheet shows them: `A`, `Z`, `AA`, …
    pub fn letters(&self) -> String {
        let mut n = self.index as u64 + 1;
        let mut out = Vec::new();
        while n > 0 {
            let rem = ((n - 1) % 26) as u8;
            out.push(b'A' + rem);
            n = (n - 1) / 26;
        }
        out.reverse();
        String::from_utf8(out).expect("ASCII letters")
    }
}

impl Location {
    /// The whole of `file`.
    pub fn file(file: &Arc<str>) -> Location {
        Location {
            file: file.clone(),
            row: 0,
            column: None,
        }
    }

    /// Row `row` of `file`.
    pub fn row(file: &Arc<str>, row: u64) -> Location {
        Location {
            file: file.clone(),
            row,
            column: None,
        }
    }

    /// The same place, narrowed to a cell of `column`.
    pub fn at_column(mut self, column: Column) -> Location {
        self.column = Some(column);
        self
    }

    /// The place in words, in `lang`: `e.csv`, `e.csv:12` or `e.csv:12, column O (rating)`
    /// (`e.csv 第 12 行 O 列（rating）` in Chinese).
    pub fn describe(&self, lang: Lang) -> String {
        let mut s = self.file.to_string();
        match (lang, self.row, &self.column) {
            (_, 0, _) => {}
            (Lang::En, row, None) => s += &format!(":{row}"),
            (Lang::En, row, Some(c)) => {
                s += &format!(":{row}, column {} ({})", c.letters(), c.name);
            }
            (Lang::Zh, row, None) => s += &format!(" 第 {row} 行"),
            (Lang::Zh, row, Some(c)) => {
                s += &format!(" 第 {row} 行 {} 列（{}）", c.letters(), c.name);
            }
        }
        s
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_the_spreadsheet() {
        let letters = |index| {
            Column {
                index,
                name: "x".into(),
            }
            .letters()
        };
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
        assert_eq!(letters(701), "ZZ");
        assert_eq!(letters(702), "AAA");
        assert_eq!(letters(16_383), "XFD");
    }

    #[test]
    fn places_in_words() {
        let file: Arc<str> = "e.csv".into();
        let cell = Location::row(&file, 12).at_column(Column {
            index: 14,
            name: "rating".into(),
        });
        assert_eq!(cell.to_string(), "e.csv:12, column O (rating)");
        assert_eq!(cell.describe(Lang::Zh), "e.csv 第 12 行 O 列（rating）");
        assert_eq!(Location::file(&file).to_string(), "e.csv");
        assert_eq!(Location::row(&file, 3).describe(Lang::Zh), "e.csv 第 3 行");
    }
}
