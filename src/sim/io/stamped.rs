//! Files whose first line is a stamp: a comment naming the kind of file, its format version and a checksum
//! of the rest (`// sixparty save format 2 checksum 5be0c2a1f3d49e07`). Saves and the partial results of
//! sharded batches are written and checked this way, so that a file from another program, a newer or older
//! build, one cut short or one changed after it was written is refused with a reason.

use crate::sim::io::diag::{Diagnostic, Diagnostics};
use serde::de::DeserializeOwned;

/// A kind of stamped file.
pub struct Stamp {
    /// How every file of this kind begins, up to the version (`// sixparty save format `).
    pub magic: &'static str,
    /// What it is called in messages (`save`).
    pub noun: &'static str,
    /// The format this build writes and the only one it reads.
    pub format: u32,
    /// A hint when the first line is a comment or a parenthesis but not the stamp (what the file may be).
    pub other_file: &'static str,
    /// What to do with a file of an earlier format (appended to the refusal).
    pub older: &'static str,
}

/// FNV-1a, 64 bits: enough to tell a damaged or edited file from an intact one.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl Stamp {
    /// `body` with its stamp line in front.
    pub fn stamp(&self, body: &str) -> String {
        format!(
            "{}{} checksum {:016x}\n{body}",
            self.magic,
            self.format,
            checksum(body.as_bytes())
        )
    }

    /// Checks the stamp of a file of this kind whose body is a RON `T`, and returns the whole text (the
    /// stamp line is a RON comment). Nothing is parsed beyond what telling a cut file from a changed one
    /// needs.
    pub fn check<'a, T: DeserializeOwned>(
        &self,
        file: &str,
        bytes: &'a [u8],
    ) -> Result<&'a str, Diagnostics> {
        let noun = self.noun;
        let magic = self.magic.trim_end();
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Err(refuse(
                file,
                1,
                format!(
                    "is not a sixparty {noun}: it is not text (a {noun} begins with `{magic}`)"
                ),
            ));
        };
        let (first, body) = text.split_once('\n').unwrap_or((text, ""));
        let Some(rest) = first.strip_prefix(self.magic) else {
            let hint =
                if first.trim_start().starts_with("//") || first.trim_start().starts_with('(') {
                    self.other_file
                } else {
                    ""
                };
            return Err(refuse(
                file,
                1,
                format!(
                    "is not a sixparty {noun}: its first line does not begin with `{magic}`{hint}"
                ),
            ));
        };
        let mut words = rest.split_whitespace();
        let version = words.next().and_then(|v| v.parse::<u32>().ok());
        let sum = match (words.next(), words.next()) {
            (Some("checksum"), Some(s)) if s.len() == 16 => u64::from_str_radix(s, 16).ok(),
            _ => None,
        };
        let (Some(version), Some(sum)) = (version, sum) else {
            return Err(refuse(
                file,
                1,
                format!(
                    "damaged {noun}: the first line should read `{magic} N checksum XXXXXXXXXXXXXXXX`"
                ),
            ));
        };
        let current = self.format;
        let at = self.magic.len() + 1;
        if version > current {
            return Err(refuse(
                file,
                at,
                format!(
                    "{noun} format {version} was written by a newer sixparty; this build reads {noun} formats up to {current}"
                ),
            ));
        }
        if version == 0 {
            return Err(refuse(
                file,
                at,
                format!("{noun} format 0 does not exist; this build reads {noun} format {current}"),
            ));
        }
        if version < current {
            return Err(refuse(
                file,
                at,
                format!(
                    "{noun} format {version} was written by an earlier sixparty whose model differs; this build reads {noun} format {current}{}",
                    self.older
                ),
            ));
        }
        let actual = checksum(body.as_bytes());
        if actual != sum {
            // Cut short or changed: every such file ends with its closing parenthesis, and a body cut short
            // no longer parses to its end.
            let cut = !body.ends_with(")\n")
                || matches!(
                    ron::Options::default().from_str::<T>(body),
                    Err(ron::error::SpannedError {
                        code: ron::Error::Eof,
                        ..
                    })
                );
            let lines = text.lines().count().max(1);
            let message = if cut {
                format!(
                    "truncated {noun}: it ends early, at line {lines} (checksum {actual:016x}, expected {sum:016x}); the file was cut short, perhaps by a crash while copying it"
                )
            } else {
                format!(
                    "corrupt {noun}: its checksum is {actual:016x} but its first line records {sum:016x}; the file was changed or damaged after it was written"
                )
            };
            return Err(refuse(file, 1, message));
        }
        Ok(text)
    }
}

fn refuse(file: &str, col: usize, message: String) -> Diagnostics {
    Diagnostics(vec![Diagnostic {
        file: file.to_string(),
        line: 1,
        col,
        path: String::new(),
        message,
    }])
}
