//! Where each value of a RON file stands: a lenient scan that maps field paths (`parties[2].doctrine.patience`)
//! to line and column, so that every problem found after parsing can still be pointed at in the file.

/// A line and column in a source file, both counted from 1, columns in characters (as RON counts them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
}

/// One value found in the file: its path and where its text starts and ends.
#[derive(Clone, Debug)]
pub struct Node {
    /// The dotted path, e.g. `parties[2].positions.sanctions.position`.
    pub path: String,
    /// Where the value (or, for a field, its name) starts.
    pub start: Pos,
    /// Just past the end of the value.
    pub end: Pos,
}

/// A key written twice in one struct or map.
#[derive(Clone, Debug)]
pub struct DuplicateKey {
    /// Path of the second occurrence.
    pub path: String,
    /// Where the second occurrence stands.
    pub at: Pos,
    /// Where the first one stands.
    pub first: Pos,
}

/// The map from paths to places in one file.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    nodes: Vec<Node>,
    /// Keys written twice in the same struct or map, in file order.
    pub duplicates: Vec<DuplicateKey>,
}

impl SourceMap {
    /// Scans RON text. Never fails: what cannot be understood is skipped.
    pub fn scan(text: &str) -> SourceMap {
        let mut s = Scanner {
            toks: tokenize(text),
            i: 0,
            map: SourceMap::default(),
        };
        s.value(String::new());
        s.map
    }

    /// Where the value at `path` starts (its innermost written form, so `Some(40)` points at `40`); falls
    /// back to the nearest enclosing path that is in the file.
    pub fn locate(&self, path: &str) -> Option<Pos> {
        let mut p = path;
        loop {
            if let Some(n) = self.nodes.iter().rev().find(|n| n.path == p) {
                return Some(n.start);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    /// The innermost path whose text contains `pos` (used to name the field of a parse error).
    pub fn path_at(&self, pos: Pos) -> Option<&str> {
        self.nodes
            .iter()
            .filter(|n| n.start <= pos && pos < n.end && !n.path.is_empty())
            .max_by_key(|n| (n.start, std::cmp::Reverse(n.end)))
            .map(|n| n.path.as_str())
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Punct(char),
    Str(String),
    Word(String),
}

fn tokenize(text: &str) -> Vec<(Tok, Pos, Pos)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line, mut col) = (0usize, 1usize, 1usize);
    let adv = |i: &mut usize, line: &mut usize, col: &mut usize, c: char| {
        *i += 1;
        if c == '\n' {
            *line += 1;
            *col = 1;
        } else {
            *col += 1;
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let start = Pos { line, col };
        if c.is_whitespace() {
            adv(&mut i, &mut line, &mut col, c);
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                {
                    let ch = chars[i];
                    adv(&mut i, &mut line, &mut col, ch);
                }
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    adv(&mut i, &mut line, &mut col, '/');
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    adv(&mut i, &mut line, &mut col, '*');
                    if depth == 0 {
                        adv(&mut i, &mut line, &mut col, '/');
                        break;
                    }
                }
                {
                    let ch = chars[i];
                    adv(&mut i, &mut line, &mut col, ch);
                }
            }
        } else if c == '"' || (c == 'r' && matches!(chars.get(i + 1), Some('"') | Some('#'))) {
            let mut s = String::new();
            if c == 'r' {
                adv(&mut i, &mut line, &mut col, c);
                let mut hashes = 0;
                while chars.get(i) == Some(&'#') {
                    hashes += 1;
                    adv(&mut i, &mut line, &mut col, '#');
                }
                adv(&mut i, &mut line, &mut col, '"');
                while i < chars.len() {
                    if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                        for _ in 0..=hashes {
                            {
                                let ch = chars[i];
                                adv(&mut i, &mut line, &mut col, ch);
                            }
                        }
                        break;
                    }
                    s.push(chars[i]);
                    {
                        let ch = chars[i];
                        adv(&mut i, &mut line, &mut col, ch);
                    }
                }
            } else {
                adv(&mut i, &mut line, &mut col, c);
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' && i + 1 < chars.len() {
                        adv(&mut i, &mut line, &mut col, '\\');
                    }
                    s.push(chars[i]);
                    {
                        let ch = chars[i];
                        adv(&mut i, &mut line, &mut col, ch);
                    }
                }
                if i < chars.len() {
                    adv(&mut i, &mut line, &mut col, '"');
                }
            }
            out.push((Tok::Str(s), start, Pos { line, col }));
        } else if c == '\'' {
            adv(&mut i, &mut line, &mut col, c);
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' {
                    adv(&mut i, &mut line, &mut col, '\\');
                }
                if i < chars.len() {
                    {
                        let ch = chars[i];
                        adv(&mut i, &mut line, &mut col, ch);
                    }
                }
            }
            if i < chars.len() {
                adv(&mut i, &mut line, &mut col, '\'');
            }
            out.push((Tok::Word("'".into()), start, Pos { line, col }));
        } else if "()[]{}:,".contains(c) {
            adv(&mut i, &mut line, &mut col, c);
            out.push((Tok::Punct(c), start, Pos { line, col }));
        } else {
            let mut w = String::new();
            while i < chars.len()
                && !chars[i].is_whitespace()
                && !"()[]{}:,\"'".contains(chars[i])
                && (chars[i] != '/' || !matches!(chars.get(i + 1), Some('/') | Some('*')))
            {
                w.push(chars[i]);
                {
                    let ch = chars[i];
                    adv(&mut i, &mut line, &mut col, ch);
                }
            }
            out.push((Tok::Word(w), start, Pos { line, col }));
        }
    }
    out
}

struct Scanner {
    toks: Vec<(Tok, Pos, Pos)>,
    i: usize,
    map: SourceMap,
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

impl Scanner {
    fn peek(&self, k: usize) -> Option<&Tok> {
        self.toks.get(self.i + k).map(|t| &t.0)
    }
    fn is(&self, k: usize, c: char) -> bool {
        self.peek(k) == Some(&Tok::Punct(c))
    }
    fn last_end(&self) -> Pos {
        self.toks
            .get(self.i.saturating_sub(1))
            .map(|t| t.2)
            .unwrap_or(Pos { line: 1, col: 1 })
    }

    /// Reads one value at `path`, recording it and everything inside it.
    fn value(&mut self, path: String) {
        let Some((tok, start, _)) = self.toks.get(self.i).cloned() else {
            return;
        };
        let slot = self.map.nodes.len();
        self.map.nodes.push(Node {
            path: path.clone(),
            start,
            end: start,
        });
        match tok {
            Tok::Word(w) => {
                self.i += 1;
                if self.is(0, '(') {
                    self.i += 1;
                    // `Some(x)` is transparent: the path of x is the path of the option.
                    let inner = if w == "Some" {
                        Some(path.clone())
                    } else {
                        None
                    };
                    self.parens(&path, inner);
                }
            }
            Tok::Str(_) => self.i += 1,
            Tok::Punct('(') => {
                self.i += 1;
                self.parens(&path, None);
            }
            Tok::Punct('[') => {
                self.i += 1;
                let mut k = 0;
                while self.peek(0).is_some() && !self.is(0, ']') {
                    if self.is(0, ',') {
                        self.i += 1;
                        continue;
                    }
                    let before = self.i;
                    self.value(format!("{path}[{k}]"));
                    k += 1;
                    if self.i == before {
                        self.i += 1;
                    }
                }
                self.i += 1;
            }
            Tok::Punct('{') => {
                self.i += 1;
                let mut seen: Vec<(String, Pos)> = Vec::new();
                while self.peek(0).is_some() && !self.is(0, '}') {
                    if self.is(0, ',') {
                        self.i += 1;
                        continue;
                    }
                    let (key_tok, kpos, _) = self.toks[self.i].clone();
                    let key = match key_tok {
                        Tok::Str(s) | Tok::Word(s) => s,
                        Tok::Punct(c) => c.to_string(),
                    };
                    let kpath = join(&path, &key);
                    self.note_key(&mut seen, &key, &kpath, kpos);
                    let before = self.i;
                    self.i += 1;
                    if self.is(0, ':') {
                        self.i += 1;
                        self.field(kpath, kpos);
                    }
                    if self.i == before {
                        self.i += 1;
                    }
                }
                self.i += 1;
            }
            Tok::Punct(_) => self.i += 1,
        }
        self.map.nodes[slot].end = self.last_end();
    }

    fn note_key(&mut self, seen: &mut Vec<(String, Pos)>, key: &str, kpath: &str, at: Pos) {
        if let Some((_, first)) = seen.iter().find(|(k, _)| k == key) {
            self.map.duplicates.push(DuplicateKey {
                path: kpath.to_string(),
                at,
                first: *first,
            });
        } else {
            seen.push((key.to_string(), at));
        }
    }

    /// A `name: value` pair: the node starts at the name so errors about the field point at it.
    fn field(&mut self, kpath: String, kpos: Pos) {
        let slot = self.map.nodes.len();
        self.map.nodes.push(Node {
            path: kpath.clone(),
            start: kpos,
            end: kpos,
        });
        self.value(kpath);
        self.map.nodes[slot].end = self.last_end();
    }

    /// The inside of `( … )`: struct fields when it opens with `name:`, else tuple items.
    fn parens(&mut self, path: &str, transparent: Option<String>) {
        let is_struct = matches!(self.peek(0), Some(Tok::Word(_))) && self.is(1, ':');
        let mut k = 0;
        let mut seen: Vec<(String, Pos)> = Vec::new();
        while self.peek(0).is_some() && !self.is(0, ')') {
            if self.is(0, ',') {
                self.i += 1;
                continue;
            }
            let before = self.i;
            if is_struct {
                if let (Some(Tok::Word(name)), true) = (self.peek(0).cloned(), self.is(1, ':')) {
                    let kpos = self.toks[self.i].1;
                    let kpath = join(path, &name);
                    self.note_key(&mut seen, &name, &kpath, kpos);
                    self.i += 2;
                    self.field(kpath, kpos);
                } else {
                    self.value(path.to_string());
                }
            } else if let Some(p) = &transparent {
                self.value(p.clone());
            } else {
                self.value(format!("{path}.{k}"));
                k += 1;
            }
            if self.i == before {
                self.i += 1;
            }
        }
        self.i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"// a comment
Scenario(
    meta: (id: "x", horizon_days: 3),
    parties: [
        (id: "A", positions: { "s": (position: 140) }),
        /* block */ (id: "B", red_line: Some(AtMost(40))),
    ],
    meta: (),
)"#;

    #[test]
    fn finds_nested_paths() {
        let m = SourceMap::scan(SRC);
        assert_eq!(
            m.locate("meta.horizon_days"),
            Some(Pos { line: 3, col: 35 })
        );
        assert_eq!(
            m.locate("parties[0].positions.s.position"),
            Some(Pos { line: 5, col: 48 })
        );
        // `Some(x)` points at x.
        assert_eq!(
            m.locate("parties[1].red_line"),
            Some(Pos { line: 6, col: 46 })
        );
        // Unknown deeper paths fall back to the nearest known ancestor.
        assert_eq!(
            m.locate("parties[1].nothing.here"),
            Some(Pos { line: 6, col: 21 })
        );
    }

    #[test]
    fn reports_duplicate_keys_and_paths_at_positions() {
        let m = SourceMap::scan(SRC);
        assert_eq!(m.duplicates.len(), 1);
        assert_eq!(m.duplicates[0].path, "meta");
        assert_eq!(m.duplicates[0].at, Pos { line: 8, col: 5 });
        assert_eq!(
            m.path_at(Pos { line: 5, col: 50 }),
            Some("parties[0].positions.s.position")
        );
    }
}
