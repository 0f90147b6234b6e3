//! Writes a [`Document`] as one self-contained HTML file: inline CSS and SVG, no script, no
//! external resource (a Content-Security-Policy forbids them), printable on A4 with a page
//! break before each section.

use std::fmt::Write as _;

use crate::doc::{Block, Cell, Document, Inline, Table, Tone};
use crate::escape::xml;

const CSS: &str = r#"
:root { --ink: #1f2933; --muted: #6b7280; --line: #d9dde3; --good: #2e7d4f; --bad: #c0392b; --warn: #b86e00; --info: #1f5fa8; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1040px; padding: 24px 32px 48px; color: var(--ink); background: #fff;
  font: 14px/1.55 'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',system-ui,-apple-system,'Segoe UI',sans-serif; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 0 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 22px 0 8px; }
header .subtitle { font-size: 17px; margin: 0 0 16px; color: var(--muted); }
section { margin-top: 36px; }
.banner { border-left: 6px solid var(--info); background: #eef4fb; padding: 10px 14px; margin: 10px 0; border-radius: 4px; }
.banner.bad { border-color: var(--bad); background: #fbeeec; }
.banner.warn { border-color: var(--warn); background: #fdf3e4; }
.notice { border: 1px solid var(--line); border-left: 5px solid var(--info); padding: 8px 12px; margin: 10px 0; border-radius: 4px; }
.notice.bad { border-left-color: var(--bad); background: #fbeeec; }
.notice.warn { border-left-color: var(--warn); background: #fdf3e4; }
nav.toc ol { columns: 2; margin: 8px 0 0; padding-left: 22px; }
nav.toc a { color: var(--info); text-decoration: none; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 16px; }
.figure { flex: 1 1 200px; border: 1px solid var(--line); border-top: 5px solid var(--muted); border-radius: 6px; padding: 10px 14px; }
.figure .label { color: var(--muted); font-size: 13px; }
.figure .value { font-size: 30px; font-weight: 700; line-height: 1.2; }
.figure .note { font-size: 13px; }
.figure.good { border-top-color: var(--good); } .figure.good .value { color: var(--good); }
.figure.bad { border-top-color: var(--bad); } .figure.bad .value { color: var(--bad); }
.figure.warn { border-top-color: var(--warn); } .figure.warn .value { color: var(--warn); }
.figure.info { border-top-color: var(--info); } .figure.info .value { color: var(--info); }
figure.chart { margin: 14px 0; text-align: center; }
figure.chart svg { width: 100%; max-width: 780px; height: auto; border: 1px solid var(--line); border-radius: 6px; }
figure.chart figcaption { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 7px; text-align: left; vertical-align: top; }
thead th { background: #f1f3f6; }
tr.group th { background: #f7f8fa; text-align: left; font-weight: 700; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.good { color: var(--good); font-weight: 600; background: #eef7f1; }
td.good, td.bad, td.warn { white-space: nowrap; }
td.bad { color: var(--bad); }
td.warn { color: var(--warn); }
td.muted { color: var(--muted); }
td.info { color: var(--info); }
code { font-family: ui-monospace,'SFMono-Regular',Menlo,Consolas,monospace; font-size: 12px; white-space: nowrap; }
.bar { display: inline-block; width: 90px; height: 10px; background: #eef1f5; border-radius: 2px; vertical-align: middle; margin-right: 6px; }
.bar > span { display: block; height: 100%; background: var(--info); border-radius: 2px; }
footer { margin-top: 40px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  table { font-size: 8.5pt; }
  section.page { break-before: page; margin-top: 0; }
  figure, .figures, .banner, .notice, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  nav.toc a { color: inherit; }
  figure.chart svg { max-width: 170mm; }
  .figure { flex-basis: 110px; padding: 6px 10px; }
  .figure .value { font-size: 22px; }
}
"#;

/// The document as HTML.
pub fn write(doc: &Document) -> String {
    let mut out = String::with_capacity(256 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<title>{} — {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n",
        doc.lang,
        xml(&doc.title),
        xml(&doc.subtitle),
        xml(&doc.title),
        xml(&doc.subtitle)
    );
    for b in &doc.banners {
        let _ = write!(out, "<div class=\"banner {}\">", b.tone.class());
        inlines(&mut out, &b.content);
        out.push_str("</div>\n");
    }
    out.push_str("<nav class=\"toc\"><ol>");
    for s in &doc.sections {
        let _ = write!(
            out,
            "<li><a href=\"#{}\">{}</a></li>",
            xml(s.id),
            xml(&s.title)
        );
    }
    out.push_str("</ol></nav>\n</header>\n<main>\n");
    for s in &doc.sections {
        let _ = write!(
            out,
            "<section id=\"{}\"{}>\n<h2>{}</h2>\n",
            xml(s.id),
            if s.page_break { " class=\"page\"" } else { "" },
            xml(&s.title)
        );
        for b in &s.blocks {
            block(&mut out, b);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n<footer>");
    inlines(&mut out, &doc.footer);
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Heading(t) => {
            let _ = writeln!(out, "<h3>{}</h3>", xml(t));
        }
        Block::Para(content) => {
            out.push_str("<p>");
            inlines(out, content);
            out.push_str("</p>\n");
        }
        Block::Notice(tone, content) => {
            let _ = write!(out, "<div class=\"notice {}\">", tone.class());
            inlines(out, content);
            out.push_str("</div>\n");
        }
        Block::Figures(figures) => {
            out.push_str("<div class=\"figures\">");
            for f in figures {
                let _ = write!(
                    out,
                    "<div class=\"figure {}\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"note\">{}</div></div>",
                    f.tone.class(),
                    xml(&f.label),
                    xml(&f.value),
                    xml(&f.note)
                );
            }
            out.push_str("</div>\n");
        }
        Block::List(items) => {
            out.push_str("<ul>");
            for item in items {
                out.push_str("<li>");
                inlines(out, item);
                out.push_str("</li>");
            }
            out.push_str("</ul>\n");
        }
        Block::Table(t) => table(out, t),
        Block::Chart(c) => {
            // The SVG is written by this crate with every text escaped.
            let _ = writeln!(
                out,
                "<figure class=\"chart\">{}<figcaption>{}</figcaption></figure>",
                c.svg,
                xml(&c.alt)
            );
        }
    }
}

fn table(out: &mut String, t: &Table) {
    let numeric = |i: usize| t.numeric.get(i).copied().unwrap_or(false);
    out.push_str("<table>\n<thead><tr>");
    for (i, h) in t.head.iter().enumerate() {
        let _ = write!(
            out,
            "<th{}>{}</th>",
            if numeric(i) { " class=\"num\"" } else { "" },
            xml(h)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        if let Some(g) = &row.group {
            let _ = writeln!(
                out,
                "<tr class=\"group\"><th colspan=\"{}\">{}</th></tr>",
                t.head.len().max(1),
                xml(g)
            );
            continue;
        }
        out.push_str("<tr>");
        for (i, c) in row.cells.iter().enumerate() {
            cell(out, c, numeric(i));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn cell(out: &mut String, c: &Cell, numeric: bool) {
    let mut classes = Vec::new();
    if numeric {
        classes.push("num");
    }
    if c.tone != Tone::Plain {
        classes.push(c.tone.class());
    }
    if classes.is_empty() {
        out.push_str("<td>");
    } else {
        let _ = write!(out, "<td class=\"{}\">", classes.join(" "));
    }
    inlines(out, &c.content);
    out.push_str("</td>");
}

fn inlines(out: &mut String, content: &[Inline]) {
    for i in content {
        match i {
            Inline::Text(t) => out.push_str(&xml(t)),
            Inline::Strong(t) => {
                let _ = write!(out, "<strong>{}</strong>", xml(t));
            }
            Inline::Code(t) => {
                let _ = write!(out, "<code>{}</code>", xml(t));
            }
            Inline::Bar(f, figure) => {
                // Width from a score: drawing only.
                let _ = write!(
                    out,
                    "<span class=\"bar\"><span style=\"width:{:.0}%\"></span></span>{}",
                    (f.clamp(0.0, 1.0) * 100.0),
                    xml(figure)
                );
            }
            Inline::Break => out.push_str("<br>"),
        }
    }
}
