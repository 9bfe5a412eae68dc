//! A small document model written out as Markdown or as self-contained, printable HTML: the briefs are
//! built once and rendered either way.

use std::fmt::Write;

/// One block of a document.
#[derive(Clone, Debug)]
pub enum Block {
    /// A heading, level 1–3.
    Heading(u8, String),
    /// A paragraph.
    Para(String),
    /// A bulleted list.
    List(Vec<String>),
    /// A table: headers and rows.
    Table(Vec<String>, Vec<Vec<String>>),
    /// A short note set apart (a key figure, a warning).
    Note(String),
    /// A page break when printed.
    PageBreak,
    /// A figure: an inline SVG picture (HTML) with its caption (both; Markdown has the caption alone).
    Figure(String, String),
}

/// A document: a title and its blocks.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    /// Title (the HTML page's title and first heading).
    pub title: String,
    /// Blocks in order.
    pub blocks: Vec<Block>,
}

impl Doc {
    /// An empty document.
    pub fn new(title: impl Into<String>) -> Doc {
        Doc {
            title: title.into(),
            blocks: Vec::new(),
        }
    }
    /// Adds a heading.
    pub fn h(&mut self, level: u8, text: impl Into<String>) {
        self.blocks.push(Block::Heading(level, text.into()));
    }
    /// Adds a paragraph.
    pub fn p(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Para(text.into()));
    }
    /// Adds a list.
    pub fn list(&mut self, items: Vec<String>) {
        if !items.is_empty() {
            self.blocks.push(Block::List(items));
        }
    }
    /// Adds a table.
    pub fn table(&mut self, headers: &[&str], rows: Vec<Vec<String>>) {
        self.blocks.push(Block::Table(
            headers.iter().map(|h| h.to_string()).collect(),
            rows,
        ));
    }
    /// Ends the printed page here (a rule in Markdown).
    pub fn page_break(&mut self) {
        self.blocks.push(Block::PageBreak);
    }
    /// Adds a note.
    pub fn note(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Note(text.into()));
    }

    /// The document as Markdown.
    pub fn markdown(&self) -> String {
        let mut o = format!("# {}\n\n", self.title);
        for b in &self.blocks {
            match b {
                Block::Heading(l, t) => {
                    let _ = writeln!(o, "{} {t}\n", "#".repeat(*l as usize + 1));
                }
                Block::Para(t) => {
                    let _ = writeln!(o, "{t}\n");
                }
                Block::List(items) => {
                    for i in items {
                        let _ = writeln!(o, "- {i}");
                    }
                    o.push('\n');
                }
                Block::Table(headers, rows) => {
                    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
                    let _ = writeln!(
                        o,
                        "| {} |",
                        headers
                            .iter()
                            .map(|h| cell(h))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    );
                    let _ = writeln!(o, "|{}", "---|".repeat(headers.len()));
                    for r in rows {
                        let _ = writeln!(
                            o,
                            "| {} |",
                            r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
                        );
                    }
                    o.push('\n');
                }
                Block::Note(t) => {
                    let _ = writeln!(o, "> {t}\n");
                }
                Block::PageBreak => o.push_str("\n---\n\n"),
                Block::Figure(_, caption) => {
                    let _ = writeln!(
                        o,
                        "*Map (drawn in the HTML version of this document): {caption}*\n"
                    );
                }
            }
        }
        o
    }

    /// The document as one self-contained HTML page (no scripts, no network), laid out for A4 printing.
    pub fn html(&self) -> String {
        let mut o = String::new();
        let _ = write!(
            o,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{}</title><style>{CSS}</style></head><body><main>\n<h1>{}</h1>\n",
            esc(&self.title),
            esc(&self.title)
        );
        for b in &self.blocks {
            match b {
                Block::Heading(l, t) => {
                    let l = (*l as usize + 1).min(4);
                    let _ = writeln!(o, "<h{l}>{}</h{l}>", esc(t));
                }
                Block::Para(t) => {
                    let _ = writeln!(o, "<p>{}</p>", esc(t));
                }
                Block::List(items) => {
                    o.push_str("<ul>");
                    for i in items {
                        let _ = write!(o, "<li>{}</li>", esc(i));
                    }
                    o.push_str("</ul>\n");
                }
                Block::Table(headers, rows) => {
                    o.push_str("<table><thead><tr>");
                    for h in headers {
                        let _ = write!(o, "<th>{}</th>", esc(h));
                    }
                    o.push_str("</tr></thead><tbody>");
                    for r in rows {
                        o.push_str("<tr>");
                        for c in r {
                            // Dates stay on one line.
                            let is_date = c.len() == 10
                                && c.bytes().enumerate().all(|(i, b)| {
                                    if i == 4 || i == 7 {
                                        b == b'-'
                                    } else {
                                        b.is_ascii_digit()
                                    }
                                });
                            if is_date {
                                let _ = write!(o, "<td class=\"date\">{}</td>", esc(c));
                            } else {
                                let _ = write!(o, "<td>{}</td>", esc(c));
                            }
                        }
                        o.push_str("</tr>");
                    }
                    o.push_str("</tbody></table>\n");
                }
                Block::Note(t) => {
                    let _ = writeln!(o, "<p class=\"note\">{}</p>", esc(t));
                }
                Block::PageBreak => o.push_str("<div class=\"break\"></div>\n"),
                Block::Figure(svg, caption) => {
                    let _ = writeln!(
                        o,
                        "<figure>{svg}<figcaption>{}</figcaption></figure>",
                        esc(caption)
                    );
                }
            }
        }
        o.push_str("</main></body></html>\n");
        o
    }
}

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page style shared by briefs and reports: readable on screen, A4 when printed.
pub const CSS: &str = "\
body{font-family:'DejaVu Sans',Verdana,sans-serif;color:#1b1b1b;background:#fff;margin:0;line-height:1.45}\
main{max-width:52rem;margin:0 auto;padding:1.5rem 2rem 3rem}\
h1{font-size:1.7rem;margin:.2rem 0 .6rem;border-bottom:3px solid #0072B2;padding-bottom:.3rem}\
h2{font-size:1.25rem;margin:1.6rem 0 .5rem;color:#0b3d5c}\
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}\
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-size:.92rem}\
th,td{border:1px solid #bbb;padding:.3rem .45rem;text-align:left;vertical-align:top}\
th{background:#eef3f7}\
tr:nth-child(even) td{background:#fafafa}\
.note{background:#fff7e0;border-left:4px solid #E69F00;padding:.5rem .8rem}\
.muted{color:#555}\
figure{margin:.6rem 0 1.2rem}figcaption{font-size:.9rem;color:#444}\
svg{max-width:100%;height:auto}\
figure{margin:.6rem 0 1rem}figcaption{font-size:.85rem;color:#555}\
.date{white-space:nowrap}\
.break{page-break-after:always;break-after:page}\
@media print{main{max-width:none;padding:0}body{font-size:10.5pt}h2,h3,h4{break-after:avoid;page-break-after:avoid}tr,figure,.note{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}}\
@page{size:A4;margin:16mm}";

/// `s` cut to `n` characters, the last an ellipsis when it is cut.
pub fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}
