//! Every user-supplied string (enterprise name, code, industry, region, assessor, assessment
//! id, tailoring reason, evidence, comment, portfolio name) is escaped in HTML, SVG and
//! Markdown: hostile text cannot add markup, break a table or end an attribute.

mod common;

use cmmm_model::{Lang, Model};
use cmmm_report::{Portfolio, Record, Report};
use cmmm_score::Programmes;
use common::*;

const NASTY: &str =
    r#"<script>alert("x")</script> & 'Q' | # — 示例精密 "引号" </svg><img src=x onerror=alert(1)>"#;

/// The process example with hostile text in every free-text field.
fn hostile() -> String {
    let text = std::fs::read_to_string(root().join("data/examples/process-tailored.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["id"] = NASTY.into();
    v["assessor"] = NASTY.into();
    v["assessed_on"] = NASTY.into();
    v["enterprise"] = serde_json::json!({
        "name": NASTY, "code": NASTY, "industry": NASTY, "region": NASTY
    });
    v["tailoring"][0]["reason"] = format!("{NASTY}\n| injected | row |\n# heading").into();
    v["ratings"]["data.2.a"] = serde_json::json!({
        "rating": "most",
        "evidence": [NASTY, "`code` **bold** [link](javascript:alert(1))"],
        "comment": format!("{NASTY}\r\nsecond line | cell"),
    });
    v.to_string()
}

#[test]
fn html_escapes_every_user_string() {
    let model = Model::gbt39116_2020();
    let (a, o) = parse_and_score(&hostile());
    for lang in [Lang::En, Lang::Zh] {
        let html = Report::new(model, &a, &o)
            .previous(&a, &o)
            .lang(lang)
            .html();
        assert_only_own_markup(&html);
        assert!(html.contains(
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Q&#39; | # — 示例精密 &quot;引号&quot; &lt;/svg&gt;&lt;img src=x onerror=alert(1)&gt;"
        ));
        // No external resource and no script, whatever the input.
        assert!(!html.contains("href=\"http"));
        assert!(html.contains("default-src 'none'"));
        // Every inline SVG is still well-formed with the hostile names in its tooltips.
        let mut rest = html.as_str();
        while let Some(start) = rest.find("<svg ") {
            let end = rest[start..].find("</svg>").expect("closed svg") + start + 6;
            assert_well_formed(&rest[start..end], "inline svg");
            rest = &rest[end..];
        }
    }
}

/// Every tag in `html` is one this crate writes, with no event-handler attribute: user text
/// added no element and no attribute.
fn assert_only_own_markup(html: &str) {
    const OWN: &[&str] = &[
        "!DOCTYPE",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "h3",
        "p",
        "div",
        "nav",
        "ol",
        "ul",
        "li",
        "a",
        "main",
        "section",
        "figure",
        "figcaption",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "strong",
        "code",
        "span",
        "br",
        "footer",
        "svg",
        "desc",
        "rect",
        "line",
        "circle",
        "polygon",
        "polyline",
        "path",
        "text",
        "tspan",
        "g",
    ];
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let tag_end = rest[i..].find('>').expect("every tag closes") + i;
        let tag = &rest[i + 1..tag_end];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        let name = if name.eq_ignore_ascii_case("!doctype") {
            "!DOCTYPE".to_string()
        } else {
            name
        };
        assert!(OWN.contains(&name.as_str()), "foreign element <{tag}>");
        assert!(
            !tag.to_ascii_lowercase().contains(" on"),
            "event handler in <{tag}>"
        );
        // Inside <style> the CSS holds no `<`, so skipping to the tag's end is enough.
        rest = &rest[tag_end + 1..];
    }
}

#[test]
fn svg_charts_stay_well_formed() {
    let model = Model::gbt39116_2020();
    let (a, o) = parse_and_score(&hostile());
    for lang in [Lang::En, Lang::Zh] {
        for (name, svg) in Report::new(model, &a, &o)
            .previous(&a, &o)
            .lang(lang)
            .charts()
        {
            assert_well_formed(&svg, name);
            assert!(!svg.contains("<script"));
        }
    }
}

#[test]
fn markdown_escapes_every_user_string() {
    let model = Model::gbt39116_2020();
    let (a, o) = parse_and_score(&hostile());
    for lang in [Lang::En, Lang::Zh] {
        let md = Report::new(model, &a, &o).lang(lang).markdown(Some("r"));
        assert!(!md.contains("<script"));
        assert!(!md.contains("<img"));
        assert!(!md.contains("\n# heading"));
        assert!(!md.contains("[link](javascript"));
        assert!(md.contains(
            r#"&lt;script&gt;alert("x")&lt;/script&gt; &amp; 'Q' \| # — 示例精密 "引号" &lt;/svg&gt;&lt;img src=x onerror=alert(1)&gt;"#
        ));
        // Every table row keeps its column count: no unescaped pipe and no line break
        // inside a cell.
        let mut columns = None;
        for line in md.lines() {
            if !line.starts_with('|') {
                columns = None;
                continue;
            }
            let cells = line.replace("\\|", "").matches('|').count();
            match columns {
                None => columns = Some(cells),
                Some(c) => assert_eq!(c, cells, "a table row changed shape: {line}"),
            }
        }
    }
}

#[test]
fn the_portfolio_name_is_escaped() {
    let model = Model::gbt39116_2020();
    let (_, o) = scored("discrete");
    let mut p = Portfolio::new(model, Programmes::embedded());
    p.add(&Record::parse(model, &batch_line("x", 1, &o)).unwrap())
        .unwrap();
    let html = p.report(Some(NASTY)).html();
    assert_only_own_markup(&html);
    let md = p.report(Some(NASTY)).markdown(None);
    assert!(!md.contains("<script") && !md.contains("<img"));
}
