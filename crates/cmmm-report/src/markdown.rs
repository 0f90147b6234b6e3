//! Writes a [`Document`] as Markdown (GitHub Flavored): headings, bullet lists and pipe
//! tables that render on a code host. Charts become image links (`![…](stem.name.svg)`)
//! when the caller writes the SVG files beside the Markdown; every figure is also in a
//! table. All text is escaped ([`crate::escape::markdown`]).

use std::fmt::Write as _;

use crate::doc::{Block, Cell, Document, Inline, Table, Tone};
use crate::escape::markdown as md;

/// The document as Markdown; `images` is the file stem of the chart images, if written.
pub fn write(doc: &Document, images: Option<&str>) -> String {
    let mut out = String::with_capacity(128 * 1024);
    let _ = writeln!(out, "# {}\n", md(&doc.title));
    let _ = writeln!(out, "**{}**\n", md(&doc.subtitle));
    for b in &doc.banners {
        out.push_str("> ");
        out.push_str(match b.tone {
            Tone::Bad => "⚠️ ",
            Tone::Warn => "⚠ ",
            _ => "ℹ️ ",
        });
        inlines(&mut out, &b.content, false);
        out.push_str("\n\n");
    }
    for s in &doc.sections {
        let _ = writeln!(out, "## {}\n", md(&s.title));
        for b in &s.blocks {
            block(&mut out, b, images);
        }
    }
    out.push_str("---\n\n_");
    inlines(&mut out, &doc.footer, false);
    out.push_str("_\n");
    out
}

fn block(out: &mut String, b: &Block, images: Option<&str>) {
    match b {
        Block::Heading(t) => {
            let _ = writeln!(out, "### {}\n", md(t));
        }
        Block::Para(content) => {
            inlines(out, content, false);
            out.push_str("\n\n");
        }
        Block::Notice(tone, content) => {
            out.push_str(if matches!(tone, Tone::Bad | Tone::Warn) {
                "> ⚠ "
            } else {
                "> "
            });
            inlines(out, content, false);
            out.push_str("\n\n");
        }
        Block::Figures(figures) => {
            for f in figures {
                let _ = write!(out, "- **{}**: **{}**", md(&f.label), md(&f.value));
                if !f.note.is_empty() {
                    let _ = write!(out, " — {}", md(&f.note));
                }
                out.push('\n');
            }
            out.push('\n');
        }
        Block::List(items) => {
            for item in items {
                out.push_str("- ");
                inlines(out, item, false);
                out.push('\n');
            }
            out.push('\n');
        }
        Block::Table(t) => table(out, t),
        Block::Chart(c) => {
            if let Some(stem) = images {
                // The file name is built by the caller and this crate; escape it as a link
                // destination all the same.
                let _ = writeln!(
                    out,
                    "![{}](<{}>)\n",
                    md(&c.alt),
                    format!("{stem}.{}.svg", c.name).replace(['<', '>', '\n', '\r'], "")
                );
            }
        }
    }
}

fn table(out: &mut String, t: &Table) {
    let columns = t.head.len().max(1);
    out.push('|');
    for h in &t.head {
        let _ = write!(out, " {} |", md(h));
    }
    out.push_str("\n|");
    for i in 0..columns {
        out.push_str(if t.numeric.get(i).copied().unwrap_or(false) {
            "---:|"
        } else {
            "---|"
        });
    }
    out.push('\n');
    for row in &t.rows {
        if let Some(g) = &row.group {
            let _ = write!(out, "| **{}** |", md(g));
            for _ in 1..columns {
                out.push_str(" |");
            }
            out.push('\n');
            continue;
        }
        out.push('|');
        for c in &row.cells {
            out.push(' ');
            cell(out, c);
            out.push_str(" |");
        }
        out.push('\n');
    }
    out.push('\n');
}

fn cell(out: &mut String, c: &Cell) {
    if c.content.is_empty()
        || c.content
            .iter()
            .all(|i| matches!(i, Inline::Text(t) if t.is_empty()))
    {
        return;
    }
    // Good cells are bold unless they already hold bold text (emphasis does not nest).
    let good = c.tone == Tone::Good && c.content.iter().all(|i| matches!(i, Inline::Text(_)));
    if good {
        out.push_str("**");
    }
    inlines(out, &c.content, true);
    if good {
        out.push_str("**");
    }
}

fn inlines(out: &mut String, content: &[Inline], in_table: bool) {
    for i in content {
        match i {
            Inline::Text(t) => out.push_str(&md(t)),
            Inline::Strong(t) => strong(out, t),
            Inline::Code(t) => code(out, t, in_table),
            Inline::Bar(f, figure) => {
                // Length from a score: drawing only.
                let full = (f.clamp(0.0, 1.0) * 10.0).round() as usize;
                let _ = write!(
                    out,
                    "`{}{}` {}",
                    "█".repeat(full),
                    "░".repeat(10 - full),
                    md(figure)
                );
            }
            Inline::Break => out.push_str("<br>"),
        }
    }
}

/// Strong emphasis that closes whatever the text around it: surrounding spaces are moved
/// outside the delimiters, and a space follows a closing delimiter that comes after
/// punctuation (CommonMark does not close `**` between punctuation and a letter, which
/// Chinese text runs into: `**结论。**本报告`).
fn strong(out: &mut String, t: &str) {
    let core = t.trim();
    if core.is_empty() {
        out.push_str(&md(t));
        return;
    }
    if t.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    let _ = write!(out, "**{}**", md(core));
    let ends_in_punctuation = core.chars().last().is_some_and(|c| !c.is_alphanumeric());
    if t.ends_with(char::is_whitespace) || ends_in_punctuation {
        out.push(' ');
    }
}

/// A code span that survives any content: a fence longer than any backtick run inside,
/// padding when the text starts or ends with a backtick, pipes escaped inside tables.
fn code(out: &mut String, t: &str, in_table: bool) {
    let t = t.replace(['\r', '\n'], " ");
    let t = if in_table { t.replace('|', "\\|") } else { t };
    let mut longest = 0;
    let mut run = 0;
    for c in t.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = if t.starts_with('`') || t.ends_with('`') {
        " "
    } else {
        ""
    };
    let _ = write!(out, "{fence}{pad}{t}{pad}{fence}");
}
