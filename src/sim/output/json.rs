//! JSON output through serde_json: the documents (`TranscriptJson` and the batch and compare documents) are
//! derived structs, and every document opens with a `format` key that names the version of its shape
//! (docs/transcript.md). The project reads RON, never JSON.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// The version of the JSON documents' shape: raised when a key is renamed, removed or changes meaning.
pub const FORMAT: u32 = 1;

/// Pretty-printed JSON with two-space indentation and a final newline.
pub fn pretty<T: Serialize>(value: &T) -> String {
    let mut out = serde_json::to_string_pretty(value).expect("output structs always serialise");
    out.push('\n');
    out
}

/// A number rounded to `places` decimals (so that output reads well and stays stable).
pub fn round(v: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (v * f).round() / f
}

/// An object whose keys come from data (party or issue ids), kept in the order given.
#[derive(Clone, Debug, PartialEq)]
pub struct Ordered<T>(pub Vec<(String, T)>);

impl<T> Ordered<T> {
    /// Whether it holds no entry.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<T> FromIterator<(String, T)> for Ordered<T> {
    fn from_iter<I: IntoIterator<Item = (String, T)>>(iter: I) -> Self {
        Ordered(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Doc {
        a: i64,
        b: Vec<Option<f64>>,
        c: String,
        d: f64,
        e: Ordered<u8>,
        f: Ordered<u8>,
    }

    #[test]
    fn writes_nested_values_with_escapes_in_the_order_given() {
        let j = Doc {
            a: 1,
            b: vec![Some(0.5), Some(2.0), None],
            c: "say \"hi\"\n".into(),
            d: f64::NAN,
            e: Ordered(vec![]),
            f: Ordered(vec![("z".into(), 1), ("a".into(), 2)]),
        };
        assert_eq!(
            pretty(&j),
            "{\n  \"a\": 1,\n  \"b\": [\n    0.5,\n    2.0,\n    null\n  ],\n  \"c\": \"say \\\"hi\\\"\\n\",\n  \"d\": null,\n  \"e\": {},\n  \"f\": {\n    \"z\": 1,\n    \"a\": 2\n  }\n}\n"
        );
        assert_eq!(round(1.23456, 2), 1.23);
    }
}
