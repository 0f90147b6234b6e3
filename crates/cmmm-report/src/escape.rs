//! Escaping of every text that reaches a report: enterprise names, assessors, evidence
//! references, comments, tailoring reasons and model texts are all treated as untrusted.
//!
//! - [`xml`] for HTML and SVG text and attribute values: `&`, `<`, `>`, `"` and `'` become
//!   character references, and control characters other than tab and newline (which XML
//!   forbids) are dropped.
//! - [`markdown`] for Markdown (CommonMark / GitHub Flavored Markdown) inline text, table
//!   cells included: every character with a Markdown meaning is backslash-escaped, `&`, `<`
//!   and `>` become character references (so no raw HTML gets through), and line breaks
//!   become spaces (a cell or a line cannot be split).

use std::borrow::Cow;

/// Escapes text for HTML or SVG content and attribute values.
pub fn xml(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(needs_xml_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            '\r' => out.push('\n'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_xml_escape(b: u8) -> bool {
    matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | b'\r')
        || (b < 0x20 && b != b'\t' && b != b'\n')
        || b == 0x7f
}

/// Characters with a Markdown meaning anywhere in a line (emphasis, code, links, HTML,
/// entities, GFM tables, strikethrough, math).
const MARKDOWN_SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '|', '~', '$'];

/// Characters that start a block (heading, list, quote, setext underline) at the start of a
/// line.
const MARKDOWN_LEADING: &[char] = &['#', '-', '+', '=', '>'];

/// Escapes text for Markdown inline content (paragraphs, list items, table cells). The text
/// is treated as if it started a line, so a leading list or heading marker is escaped too.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    let mut first = true;
    let mut only_digits = true;
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' if !first => out.push_str("&gt;"),
            '\r' | '\n' => {
                // A line break (CRLF included) becomes one space.
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(' ');
            }
            c if c.is_control() => {}
            c if MARKDOWN_SPECIAL.contains(&c)
                || (first
                    && MARKDOWN_LEADING.contains(&c)
                    && (c == '>' || !chars.peek().is_some_and(|n| n.is_alphanumeric()))) =>
            {
                out.push('\\');
                out.push(c);
            }
            // `1.` or `1)` followed by a space or the end starts an ordered list.
            '.' | ')'
                if only_digits && !first && chars.peek().is_none_or(|n| n.is_whitespace()) =>
            {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        only_digits = only_digits && c.is_ascii_digit();
        first = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_the_five_characters_and_drops_controls() {
        assert_eq!(
            xml(r#"<a href="x">'A & B'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;A &amp; B&#39;&lt;/a&gt;"
        );
        assert!(matches!(xml("示例 plain"), Cow::Borrowed(_)));
        assert_eq!(xml("a\u{0}b\u{1b}c\r\nd"), "abc\n\nd");
    }

    #[test]
    fn markdown_escapes_structure_and_html() {
        assert_eq!(markdown("a | b"), "a \\| b");
        assert_eq!(markdown("# title"), "\\# title");
        assert_eq!(markdown("- item"), "\\- item");
        assert_eq!(markdown("1. item"), "1\\. item");
        assert_eq!(markdown("<script>&"), "&lt;script&gt;&amp;");
        assert_eq!(
            markdown("*x* _y_ [l](u) `c`"),
            "\\*x\\* \\_y\\_ \\[l\\](u) \\`c\\`"
        );
        assert_eq!(markdown("> quote"), "\\> quote");
        assert_eq!(markdown("a > b"), "a &gt; b");
        assert_eq!(markdown("S = 2.19"), "S = 2.19");
        assert_eq!(markdown("2.19"), "2.19");
        assert_eq!(markdown("12) x"), "12\\) x");
        assert_eq!(markdown("==="), "\\===");
        assert_eq!(markdown("+0.02"), "+0.02");
        assert_eq!(markdown("#1 plant"), "#1 plant");
        assert_eq!(markdown("## x"), "\\## x");
        assert_eq!(markdown("line\r\nbreak\nagain"), "line break again");
        assert_eq!(markdown("Co., Ltd. 示例"), "Co., Ltd. 示例");
        assert_eq!(markdown("a-b"), "a-b");
    }
}
