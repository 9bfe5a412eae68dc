//! The window's words. Every string the window shows, apart from what the core writes (the chronicle's
//! transcript lines, the advisers' reasons, the outcome's reason) and what a scenario file names
//! (parties' heads, issues, rungs, rules), comes from a translation file in `assets/i18n/`: one RON map
//! per language from a key to its text, with `{name}` (or `{name:.1}`, `{name:+.0}` for a number)
//! where a value goes. The files are compiled in, so the window never needs them at run time; the
//! language is chosen in setup or by `sixparty play --lang`.
//!
//! To add a language: write `assets/i18n/<code>.ron` with every key of `en.ron`, add it to
//! [`LANGUAGES`], and run `python3 assets/scripts/build.py font` so the font carries its characters;
//! the tests check that every language has every key with the same placeholders.

use std::collections::BTreeMap;
use std::fmt::{Display, Write};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A language the window speaks.
#[derive(Debug)]
pub struct Language {
    /// Its code, as `--lang` takes it.
    pub code: &'static str,
    /// Its name in itself, as setup lists it.
    pub name: &'static str,
    /// The translation file, relative to the repository.
    pub file: &'static str,
    /// The file's text.
    pub source: &'static str,
}

/// Every language shipped, English first (the fallback for a missing key).
pub const LANGUAGES: [Language; 2] = [
    Language {
        code: "en",
        name: "English",
        file: "assets/i18n/en.ron",
        source: include_str!("../../assets/i18n/en.ron"),
    },
    Language {
        code: "ko",
        name: "한국어",
        file: "assets/i18n/ko.ron",
        source: include_str!("../../assets/i18n/ko.ron"),
    },
];

/// A language's texts by key.
pub type Table = BTreeMap<String, String>;

/// Reads a translation file: a RON map from keys to texts. An error names the file, line and column.
pub fn parse(file: &str, text: &str) -> Result<Table, String> {
    ron::from_str::<Table>(text).map_err(|e| {
        format!(
            "{file}:{}:{}: {} (a translation file is a map of \"key\": \"text\")",
            e.span.start.line, e.span.start.col, e.code
        )
    })
}

static TABLES: LazyLock<Vec<Table>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .map(|l| {
            parse(l.file, l.source).unwrap_or_else(|e| {
                // The tests keep the shipped files sound; a broken one shows English, not a panic.
                eprintln!("sixparty: a translation file could not be read: {e}");
                Table::new()
            })
        })
        .collect()
});

static CURRENT: AtomicUsize = AtomicUsize::new(0);

/// The language with this code, if shipped.
pub fn find(code: &str) -> Option<usize> {
    LANGUAGES
        .iter()
        .position(|l| l.code.eq_ignore_ascii_case(code))
}

/// Switches the window's language (an index into [`LANGUAGES`]).
pub fn set(index: usize) {
    CURRENT.store(index.min(LANGUAGES.len() - 1), Ordering::Relaxed);
}

/// The window's language, an index into [`LANGUAGES`].
pub fn current() -> usize {
    CURRENT.load(Ordering::Relaxed)
}

/// The shipped table of a language.
pub fn table(index: usize) -> &'static Table {
    &TABLES[index]
}

/// The text of `key` in the current language, else in English; a key no file has shows as itself in
/// angle quotes, so that a gap is seen (the tests keep there being none).
pub fn text(key: &str) -> &'static str {
    let tables = &*TABLES;
    tables[current()]
        .get(key)
        .or_else(|| tables[0].get(key))
        .map(String::as_str)
        .unwrap_or("‹missing text›")
}

/// Whether the current language has a text for `key` (or English does).
pub fn has(key: &str) -> bool {
    TABLES[current()].contains_key(key) || TABLES[0].contains_key(key)
}

/// `template` with each `{name}`, `{name:.N}` or `{name:+.N}` replaced by the value given for `name`
/// (precision and sign apply to numbers). An unknown name is left as written.
pub fn fill_in(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = &after[..close];
        let (name, spec) = inner.split_once(':').unwrap_or((inner, ""));
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, v)) => {
                let plus = spec.starts_with('+');
                let precision = spec.trim_start_matches('+').strip_prefix('.');
                let _ = match (plus, precision.and_then(|p| p.parse::<usize>().ok())) {
                    (true, Some(p)) => write!(out, "{:+.*}", p, v),
                    (false, Some(p)) => write!(out, "{:.*}", p, v),
                    (true, None) => write!(out, "{:+}", v),
                    (false, None) => write!(out, "{}", v),
                };
            }
            None => {
                out.push('{');
                out.push_str(inner);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The text of `key` with its values filled in.
pub fn fill(key: &str, args: &[(&str, &dyn Display)]) -> String {
    fill_in(text(key), args)
}

/// The names of the placeholders in a template, sorted.
pub fn placeholders(template: &str) -> Vec<String> {
    let mut names: Vec<String> = template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}'))
        .map(|(inner, _)| inner.split(':').next().unwrap_or("").to_string())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// `t!("key")` is the key's text (`&'static str`); `t!("key", day = d, who = name)` fills in its
/// placeholders (a `String`).
macro_rules! t {
    ($key:expr) => {
        $crate::app::i18n::text($key)
    };
    ($key:expr, $($name:ident = $val:expr),+ $(,)?) => {
        $crate::app::i18n::fill(
            $key,
            &[$((stringify!($name), &$val as &dyn ::std::fmt::Display)),+],
        )
    };
}
pub(crate) use t;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_take_values_precision_and_sign() {
        let x = 2.345_f64;
        let s = fill_in(
            "{a} {x:.1} {x:+.0} {missing} {{",
            &[("a", &"one"), ("x", &x)],
        );
        assert_eq!(s, "one 2.3 +2 {missing} {{");
        assert_eq!(placeholders("{b} and {a:.1}, {b}"), vec!["a", "b"]);
    }

    #[test]
    fn a_malformed_file_is_located() {
        let e = parse("x.ron", "{\n  \"a\": \"b\",\n  \"c\" 1\n}").unwrap_err();
        assert!(e.starts_with("x.ron:3:"), "{e}");
    }
}
