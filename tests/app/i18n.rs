//! The window's languages: every translation file has every key the window uses, with the same
//! placeholders as English and the values each use of it fills in; no key is left unused; English says
//! what the core says, word for word; and the font carries every Korean, Chinese and Japanese character
//! a translation file holds. (The window is never switched to Korean here: the language is the whole
//! process's, and the other tests read English. The window test shows the Korean interface.)

use crate::common;
use sixparty::app::i18n::{LANGUAGES, Table, fill_in, parse, placeholders, table};
use sixparty::app::pacing::PauseOn;
use sixparty::app::words;
use sixparty::sim::Scenario;
use sixparty::sim::Simulation;
use sixparty::sim::action::ActionKind;
use sixparty::sim::output::render::{describe_cause, describe_why, name_move};
use sixparty::sim::scenario::Phase;
use sixparty::sim::state::chronicle::{Entry, OutcomeKind};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Keys a language may have that English lacks: its own names for the parties, their capitals and the
/// scenarios' issues and rungs (by id; English keeps the scenario's names).
fn own_names(key: &str) -> bool {
    ["party.", "city.", "issue.", "rung."]
        .iter()
        .any(|p| key.starts_with(p))
}

/// The shipped scenarios, and those of `scenarios/history/` by file name (every one for `None`).
fn shipped_and_history(names: Option<&[&str]>) -> Vec<(PathBuf, Arc<Scenario>)> {
    let mut scenarios = common::shipped();
    let history = common::root().join("scenarios/history");
    for file in sixparty::sim::io::files::ron_files(&history) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if names.is_none_or(|n| n.contains(&name.as_str())) {
            let scn = common::scenario(&format!("history/{name}"));
            scenarios.push((file, scn));
        }
    }
    scenarios
}

#[test]
fn every_language_has_every_key_with_the_same_placeholders() {
    let en = table(0);
    assert!(en.len() > 300, "English has {} keys", en.len());
    for (k, lang) in LANGUAGES.iter().enumerate() {
        // The shipped text, read again from the file on disk, is the text compiled in.
        let on_disk = std::fs::read_to_string(common::root().join(lang.file)).unwrap();
        assert_eq!(
            on_disk, lang.source,
            "{} is compiled in as it is",
            lang.file
        );
        let t = parse(lang.file, lang.source).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&t, table(k));
        for (key, text) in en {
            let other = t
                .get(key)
                .unwrap_or_else(|| panic!("{}: no text for `{key}`", lang.file));
            assert_eq!(
                placeholders(other),
                placeholders(text),
                "{}: `{key}` takes other values than in English: {other:?}",
                lang.file
            );
        }
        for key in t.keys() {
            assert!(
                en.contains_key(key) || own_names(key),
                "{}: `{key}` is a key the window does not have",
                lang.file
            );
        }
    }
}

#[test]
fn korean_is_korean() {
    let (en, ko) = (table(0), table(1));
    assert_eq!(LANGUAGES[1].code, "ko");
    let same: Vec<&String> = en.keys().filter(|k| en[*k] == ko[*k]).collect();
    // Key names (Space, Ctrl+S), symbols and a few bare placeholders read the same in both.
    assert!(
        same.len() * 10 < en.len(),
        "{} of {} Korean texts are the English: {same:?}",
        same.len(),
        en.len()
    );
    let hangul = |s: &str| s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    for key in [
        "setup.title",
        "top.pause",
        "phase.in_session",
        "headline.nuclear_test",
    ] {
        assert!(hangul(&ko[key]), "`{key}` in Korean: {:?}", ko[key]);
    }
    for p in ["DPRK", "USA", "CHN", "ROK", "JPN", "RUS"] {
        assert!(hangul(&ko[&format!("party.{p}")]), "the {p} in Korean");
    }
    // Every issue and rung of a shipped scenario has its Korean name.
    for (file, scn) in &shipped_and_history(None) {
        for i in &scn.file.issues {
            assert!(
                ko.contains_key(&format!("issue.{}", i.id)),
                "{}: issue {}",
                file.display(),
                i.id
            );
        }
        for r in &scn.rungs {
            assert!(
                ko.contains_key(&format!("rung.{}", r.id)),
                "{}: rung {}",
                file.display(),
                r.id
            );
        }
    }
    let d = fill_in(
        &ko["date.long"],
        &[("day", &8), ("month", &ko["month.11"]), ("year", &2006)],
    );
    assert_eq!(d, "2006년 11월 8일");
}

/// The string literals of a Rust file, as written (escapes left in).
fn literals(src: &str) -> Vec<(usize, String)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'\'' => {
                // A char literal ('"' among them) or a lifetime.
                if b.get(i + 2) == Some(&b'\'') {
                    i += 3;
                } else if b.get(i + 1) == Some(&b'\\') && b.get(i + 3) == Some(&b'\'') {
                    i += 4;
                } else {
                    i += 1;
                }
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                out.push((start, src[start..i].to_string()));
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The names given after the key in a `t!("key", a = …, b = …)` that starts at `at` (the key's
/// opening quote), or `None` for a bare `t!("key")`.
fn arg_names(src: &str, at: usize) -> Option<BTreeSet<String>> {
    let rest = &src[at..];
    let close = rest.find('"')?;
    let mut depth = 1;
    let mut names = BTreeSet::new();
    let mut top = String::new();
    let mut in_str = false;
    let mut chars = rest[close + 1..].chars();
    while let Some(c) = chars.next() {
        if in_str {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => {
                if let Some((name, _)) = top.split_once('=') {
                    names.insert(name.trim().to_string());
                }
                top.clear();
                continue;
            }
            _ => {}
        }
        if depth == 1 {
            top.push(c);
        }
    }
    if let Some((name, _)) = top.split_once('=') {
        names.insert(name.trim().to_string());
    }
    (!names.is_empty() || rest[close + 1..].trim_start().starts_with(',')).then_some(names)
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The keys the window builds from a prefix and a value of the model's (`move.<kind>`).
fn built_keys() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for k in ActionKind::ALL {
        keys.insert(format!("move.{}", k.key()));
        keys.insert(format!("kind.{}", k.key()));
        keys.insert(format!("deed.{}", k.key()));
    }
    for p in Phase::ALL {
        keys.insert(format!("phase.{}", p.key()));
        keys.insert(format!("phase_text.{}", p.key()));
    }
    for o in OutcomeKind::ALL {
        keys.insert(format!("outcome.{}", o.key()));
        keys.insert(format!("headline.end.{}", o.key()));
    }
    for p in PauseOn::ALL {
        keys.insert(format!("pause.{}", p.key()));
    }
    for m in 1..=12 {
        keys.insert(format!("month.{m}"));
    }
    for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        keys.insert(format!("weekday.{d}"));
    }
    for r in ["host", "mediator", "principal", "member"] {
        keys.insert(format!("role.{r}"));
    }
    for s in ["taken", "kept", "broken", "lapsed"] {
        keys.insert(format!("offer.{s}"));
    }
    for d in ["resolve", "patience", "risk_tolerance", "capability"] {
        keys.insert(format!("doctrine.{d}"));
    }
    for k in [
        "space", "step", "speed", "dossier", "advisers", "moves", "scale", "save", "enter", "help",
        "esc",
    ] {
        keys.insert(format!("key.{k}"));
        keys.insert(format!("key_does.{k}"));
    }
    keys
}

#[test]
fn every_key_the_window_uses_is_translated_and_every_key_is_used() {
    let en: &Table = table(0);
    let spaces: BTreeSet<&str> = en.keys().filter_map(|k| k.split('.').next()).collect();
    let mut files = Vec::new();
    rust_files(&common::root().join("src/app"), &mut files);
    rust_files(&common::root().join("src/net"), &mut files);
    let mut used = built_keys();
    for k in &used {
        assert!(en.contains_key(k), "built key `{k}` has no English text");
    }
    let mut uses = 0;
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        for (at, lit) in literals(&src) {
            let Some((space, _)) = lit.split_once('.') else {
                continue;
            };
            let key_like = lit
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
            // A file's name (`debrief.png`) is not a key.
            let file = lit
                .rsplit('.')
                .next()
                .is_some_and(|x| ["png", "ron", "otf", "html", "sav", "md", "json"].contains(&x));
            if !key_like || file || !spaces.contains(space) {
                continue;
            }
            let text = en
                .get(&lit)
                .unwrap_or_else(|| panic!("{}: `{lit}` has no text in en.ron", f.display()));
            used.insert(lit.clone());
            uses += 1;
            // `t!("key", a = …)`: the values given are the template's placeholders, no more, no less.
            let before = src[..at - 1].trim_end();
            if before.ends_with("t!(")
                && let Some(names) = arg_names(&src, at - 1)
            {
                let wanted: BTreeSet<String> = placeholders(text).into_iter().collect();
                assert_eq!(
                    names,
                    wanted,
                    "{}: `{lit}` is given other values than its text takes ({text:?})",
                    f.display()
                );
            }
        }
    }
    assert!(uses > 300, "only {uses} uses of keys found");
    let unused: Vec<&String> = en.keys().filter(|k| !used.contains(*k)).collect();
    assert!(unused.is_empty(), "keys no code uses: {unused:?}");
}

#[test]
fn in_english_the_window_says_what_the_core_says() {
    let scenarios = shipped_and_history(Some(&["boycott2005.ron", "stall2005.ron"]));
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, scn) in &scenarios {
        for seed in 1..=15 {
            let mut sim = Simulation::new(Arc::clone(scn), seed, true);
            while !sim.is_finished() {
                sim.step();
            }
            assert_eq!(words::long_date(sim.date()), sim.date().long());
            for e in sim.log.as_deref().unwrap_or(&[]) {
                match e {
                    Entry::Move { action, why, .. } => {
                        assert_eq!(words::move_name(scn, action), name_move(scn, action));
                        assert_eq!(words::why(scn, why), describe_why(scn, why));
                        *seen.entry("move").or_default() += 1;
                    }
                    Entry::Phase { to, cause, .. } => {
                        assert_eq!(words::cause(scn, cause), describe_cause(scn, cause));
                        assert_eq!(words::phase(*to), to.banner());
                        *seen.entry("phase").or_default() += 1;
                    }
                    Entry::Rung { cause, .. } => {
                        assert_eq!(words::cause(scn, cause), describe_cause(scn, cause));
                        *seen.entry("rung").or_default() += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    for k in ["move", "phase", "rung"] {
        assert!(seen.get(k).copied().unwrap_or(0) > 20, "{seen:?}");
    }
}

/// The characters a font's `cmap` maps (formats 4 and 12).
fn font_chars(font: &[u8]) -> BTreeSet<u32> {
    let u16_at = |o: usize| u16::from_be_bytes([font[o], font[o + 1]]) as usize;
    let u32_at = |o: usize| u32::from_be_bytes([font[o], font[o + 1], font[o + 2], font[o + 3]]);
    let tables = u16_at(4);
    let cmap = (0..tables)
        .map(|k| 12 + 16 * k)
        .find(|&r| &font[r..r + 4] == b"cmap")
        .map(|r| u32_at(r + 8) as usize)
        .expect("the font has a cmap");
    let mut chars = BTreeSet::new();
    for k in 0..u16_at(cmap + 2) {
        let sub = cmap + u32_at(cmap + 4 + 8 * k + 4) as usize;
        match u16_at(sub) {
            4 => {
                let segs = u16_at(sub + 6) / 2;
                let ends = sub + 14;
                let starts = ends + 2 * segs + 2;
                for s in 0..segs {
                    let (a, b) = (u16_at(starts + 2 * s), u16_at(ends + 2 * s));
                    if a != 0xFFFF {
                        chars.extend(a as u32..=b as u32);
                    }
                }
            }
            12 => {
                for g in 0..u32_at(sub + 12) as usize {
                    let o = sub + 16 + 12 * g;
                    chars.extend(u32_at(o)..=u32_at(o + 4));
                }
            }
            _ => {}
        }
    }
    chars
}

#[test]
fn the_font_carries_every_korean_chinese_and_japanese_character_of_the_translations() {
    let font = std::fs::read(common::root().join("assets/fonts/NotoSansCJKkr-subset.otf")).unwrap();
    let has = font_chars(&font);
    assert!(has.contains(&('가' as u32)) && has.contains(&('A' as u32)));
    let cjk = |c: char| matches!(c as u32, 0x1100..=0x11FF | 0x3000..=0x9FFF | 0xAC00..=0xD7AF | 0xFF00..=0xFFEF);
    for lang in &LANGUAGES {
        let missing: BTreeSet<char> = lang
            .source
            .chars()
            .filter(|&c| cjk(c) && !has.contains(&(c as u32)))
            .collect();
        assert!(
            missing.is_empty(),
            "{}: the font lacks {missing:?}; run python3 assets/scripts/build.py font",
            lang.file
        );
    }
}
