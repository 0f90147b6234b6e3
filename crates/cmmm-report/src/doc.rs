//! The report as a document of blocks, built once per report and written twice: as HTML
//! ([`crate::html`]) and as Markdown ([`crate::markdown`]). Every string here is raw text;
//! the writers escape it for their format.

/// A whole report.
pub struct Document {
    /// `<title>` and the first heading.
    pub title: String,
    /// A line under the title (the assessee, or the portfolio's name).
    pub subtitle: String,
    /// Language of the texts (`zh-CN` or `en`).
    pub lang: &'static str,
    /// Warnings shown prominently above everything else.
    pub banners: Vec<Banner>,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// The closing line.
    pub footer: Vec<Inline>,
}

/// A prominent notice at the top of a report.
pub struct Banner {
    /// How loud it is.
    pub tone: Tone,
    /// Its text.
    pub content: Vec<Inline>,
}

/// A section: one or more printed pages.
pub struct Section {
    /// Anchor id (ASCII, fixed by the code).
    pub id: &'static str,
    /// Heading.
    pub title: String,
    /// Start on a new printed page.
    pub page_break: bool,
    /// Content.
    pub blocks: Vec<Block>,
}

/// A block of content.
pub enum Block {
    /// A sub-heading.
    Heading(String),
    /// A paragraph.
    Para(Vec<Inline>),
    /// A boxed notice.
    Notice(Tone, Vec<Inline>),
    /// Key figures shown as cards (label, value, note).
    Figures(Vec<Figure>),
    /// A bulleted list.
    List(Vec<Vec<Inline>>),
    /// A table.
    Table(Table),
    /// An SVG chart. Markdown links it as an image when the caller gives the chart files a
    /// name; the data is always in a table nearby.
    Chart(Chart),
}

/// One key figure.
pub struct Figure {
    /// What it is.
    pub label: String,
    /// The figure.
    pub value: String,
    /// A short explanation.
    pub note: String,
    /// Its colour.
    pub tone: Tone,
}

/// A chart.
pub struct Chart {
    /// File stem for Markdown image links, e.g. `radar`.
    pub name: &'static str,
    /// Short description (image alt text).
    pub alt: String,
    /// The SVG document.
    pub svg: String,
}

/// A table.
pub struct Table {
    /// Column headings.
    pub head: Vec<String>,
    /// Columns holding numbers (aligned right).
    pub numeric: Vec<bool>,
    /// Rows.
    pub rows: Vec<Row>,
}

/// A table row.
pub struct Row {
    /// Cells, one per column.
    pub cells: Vec<Cell>,
    /// A group heading row spanning every column, instead of cells.
    pub group: Option<String>,
}

impl Row {
    /// A row of cells.
    pub fn cells(cells: Vec<Cell>) -> Row {
        Row { cells, group: None }
    }

    /// A group heading row.
    pub fn group(title: impl Into<String>) -> Row {
        Row {
            cells: Vec::new(),
            group: Some(title.into()),
        }
    }
}

/// A table cell.
pub struct Cell {
    /// Content.
    pub content: Vec<Inline>,
    /// Colour of the cell.
    pub tone: Tone,
}

impl Cell {
    /// A plain text cell.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            content: vec![Inline::Text(text.into())],
            tone: Tone::Plain,
        }
    }

    /// A text cell with a tone.
    pub fn toned(text: impl Into<String>, tone: Tone) -> Cell {
        Cell {
            content: vec![Inline::Text(text.into())],
            tone,
        }
    }

    /// A cell with inline content.
    pub fn inline(content: Vec<Inline>) -> Cell {
        Cell {
            content,
            tone: Tone::Plain,
        }
    }

    /// A code-formatted cell (ids).
    pub fn code(text: impl Into<String>) -> Cell {
        Cell::inline(vec![Inline::Code(text.into())])
    }
}

/// Inline content.
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Emphasised text.
    Strong(String),
    /// An identifier.
    Code(String),
    /// A small horizontal bar of `fraction` (0 to 1) of full width (drawing only), followed
    /// by its exact figure.
    Bar(f64, String),
    /// A line break (within a cell: a space in Markdown).
    Break,
}

/// The colour of a cell, figure or notice.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// No colour.
    Plain,
    /// Good: met, up.
    Good,
    /// Bad: not met, down.
    Bad,
    /// Caution: counted but short, partly met.
    Warn,
    /// Not applicable, not counted.
    Muted,
    /// Informational.
    Info,
}

impl Tone {
    /// The CSS class of the tone.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Plain => "",
            Tone::Good => "good",
            Tone::Bad => "bad",
            Tone::Warn => "warn",
            Tone::Muted => "muted",
            Tone::Info => "info",
        }
    }
}

/// Shorthand for a text inline.
pub fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

/// Shorthand for a strong inline.
pub fn strong(s: impl Into<String>) -> Inline {
    Inline::Strong(s.into())
}

/// The charts of a document as `(name, SVG)` pairs, in order.
pub fn charts(doc: Document) -> Vec<(&'static str, String)> {
    doc.sections
        .into_iter()
        .flat_map(|s| s.blocks)
        .filter_map(|b| match b {
            Block::Chart(c) => Some((c.name, c.svg)),
            _ => None,
        })
        .collect()
}
