//! RON parsing with located errors: a shape or syntax problem, or a key written twice, becomes a diagnostic
//! naming file, line, column and field; and the checker that places validation problems the same way.

use crate::sim::io::diag::{Diagnostic, Diagnostics};
use crate::sim::io::locate::SourceMap;

/// Collects problems with their paths, then places them in the file.
pub(crate) struct Checker<'a> {
    file: &'a str,
    map: &'a SourceMap,
    problems: Vec<(String, String)>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(file: &'a str, map: &'a SourceMap) -> Self {
        Checker {
            file,
            map,
            problems: Vec::new(),
        }
    }
    pub(crate) fn err(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push((path.into(), message.into()));
    }
    pub(crate) fn range(&mut self, path: String, value: f64, lo: f64, hi: f64) {
        if !value.is_finite() || value < lo || value > hi {
            self.err(
                path,
                format!("{value} is out of range; expected a number from {lo} to {hi}"),
            );
        }
    }
    pub(crate) fn finish(self) -> Result<(), Diagnostics> {
        if self.problems.is_empty() {
            return Ok(());
        }
        let mut out: Vec<Diagnostic> = self
            .problems
            .into_iter()
            .map(|(path, message)| {
                let pos = self
                    .map
                    .locate(&path)
                    .unwrap_or(crate::sim::io::locate::Pos { line: 1, col: 1 });
                Diagnostic {
                    file: self.file.to_string(),
                    line: pos.line,
                    col: pos.col,
                    path,
                    message,
                }
            })
            .collect();
        out.sort_by_key(|d| (d.line, d.col));
        Err(Diagnostics(out))
    }
}

/// Parses RON into `T`, turning a syntax or shape error into a located diagnostic, and refusing keys written
/// twice (serde would silently keep the last).
pub(crate) fn parse_ron<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    map: &SourceMap,
    kind: &str,
) -> Result<T, Diagnostics> {
    if let Some(d) = map.duplicates.first() {
        return Err(Diagnostics(vec![Diagnostic {
            file: file.to_string(),
            line: d.at.line,
            col: d.at.col,
            path: d.path.clone(),
            message: format!(
                "written twice (first at line {}, column {}); each key may appear once",
                d.first.line, d.first.col
            ),
        }]));
    }
    // `Some(…)` may be left out around an optional value (`uncertainty: 0.2` for `Some(0.2)`).
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str::<T>(text)
        .map_err(|e| {
            let pos = skip_blank(
                text,
                crate::sim::io::locate::Pos {
                    line: e.span.start.line,
                    col: e.span.start.col,
                },
            );
            let path = map.path_at(pos).unwrap_or("").to_string();
            let message = match &e.code {
                ron::Error::MissingStructField { field, .. } => {
                    let owner =
                        path.trim_end_matches(|c: char| c.is_ascii_digit() || c == '[' || c == ']');
                    if owner.is_empty() {
                        format!("missing field `{field}`; every {kind} file needs it")
                    } else {
                        format!("missing field `{field}`; every entry of `{owner}` needs it")
                    }
                }
                other => drop_type_names(&other.to_string()),
            };
            Diagnostics(vec![Diagnostic {
                file: file.to_string(),
                line: pos.line,
                col: pos.col,
                path,
                message,
            }])
        })
}

/// Moves a position past blanks, so that it points at the value the parser stopped before.
fn skip_blank(text: &str, pos: crate::sim::io::locate::Pos) -> crate::sim::io::locate::Pos {
    let Some(line) = text.lines().nth(pos.line.saturating_sub(1)) else {
        return pos;
    };
    let skipped = line
        .chars()
        .skip(pos.col.saturating_sub(1))
        .take_while(|c| *c == ' ' || *c == '\t')
        .count();
    if pos.col - 1 + skipped < line.chars().count() {
        crate::sim::io::locate::Pos {
            line: pos.line,
            col: pos.col + skipped,
        }
    } else {
        pos
    }
}

/// Removes Rust type names (` in `PartyFile``) from RON's messages: the path already says where.
fn drop_type_names(message: &str) -> String {
    let mut out = message.to_string();
    while let Some(at) = out.find(" in `") {
        let rest = &out[at + 5..];
        let Some(end) = rest.find('`') else { break };
        if rest[..end].ends_with("File") {
            out.replace_range(at..at + 5 + end + 1, "");
        } else {
            break;
        }
    }
    out
}
