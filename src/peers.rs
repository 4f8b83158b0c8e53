//! The same data in two formats, for the `peers` benchmark: Gene next to JSON.
//!
//! [`data_document`] builds a random tree of records (maps, arrays, strings, integers, floats,
//! booleans, null) from a ChaCha8 stream, then renders that one tree twice: as a data-only Gene
//! document (`{^key value}` maps, `[...]` arrays, `nil`) and as JSON. Both texts hold exactly the
//! same values, so values per second compare the two parsers on equal content; bytes per second
//! differ a little because JSON spends bytes on quoted keys, colons and commas.

use std::fmt::Write as _;

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng as _, SeedableRng};

/// One value of the shared tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Data {
    /// `nil` in Gene, `null` in JSON.
    Null,
    /// A boolean.
    Bool(bool),
    /// A signed integer.
    Int(i64),
    /// A float with a short decimal form (two decimals).
    Float(f64),
    /// A string of letters, digits, spaces and the occasional escaped quote.
    Str(String),
    /// An array.
    Array(Vec<Data>),
    /// A map with unique keys (snake_case identifiers), in insertion order.
    Map(Vec<(String, Data)>),
}

impl Data {
    /// Number of values in the tree, containers included (a map entry's key is not a value).
    pub fn count(&self) -> usize {
        1 + match self {
            Data::Array(items) => items.iter().map(Data::count).sum(),
            Data::Map(entries) => entries.iter().map(|(_, v)| v.count()).sum(),
            _ => 0,
        }
    }

    fn gene(&self, out: &mut String) {
        match self {
            Data::Null => out.push_str("nil"),
            Data::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Data::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Data::Float(f) => {
                let _ = write!(out, "{f:?}");
            }
            Data::Str(s) => push_quoted(out, s),
            Data::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    v.gene(out);
                }
                out.push(']');
            }
            Data::Map(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push('^');
                    out.push_str(k);
                    out.push(' ');
                    v.gene(out);
                }
                out.push('}');
            }
        }
    }

    fn json(&self, out: &mut String) {
        match self {
            Data::Null => out.push_str("null"),
            Data::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.json(out);
                }
                out.push(']');
            }
            Data::Map(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_quoted(out, k);
                    out.push(':');
                    v.json(out);
                }
                out.push('}');
            }
            // Booleans, numbers and strings are spelled the same in both formats.
            other => other.gene(out),
        }
    }
}

/// Strings hold only letters, digits, spaces, `-` and `"`, so escaping `"` is all either format
/// needs.
fn push_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        if c == '"' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

/// A document rendered in both formats.
#[derive(Clone, Debug)]
pub struct PeerData {
    /// The tree both texts were rendered from.
    pub tree: Data,
    /// Data-only Gene: one top-level array, one record per line.
    pub gene: String,
    /// The same as JSON, one record per line.
    pub json: String,
    /// Number of values in the tree ([`Data::count`]).
    pub values: usize,
}

/// Builds `records` random records from `seed` and renders them as Gene and JSON.
pub fn data_document(seed: u64, records: usize) -> PeerData {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let items: Vec<Data> = (0..records).map(|i| record(&mut rng, i)).collect();
    let (mut gene, mut json) = (String::from("[\n"), String::from("[\n"));
    for (i, item) in items.iter().enumerate() {
        item.gene(&mut gene);
        gene.push('\n');
        item.json(&mut json);
        json.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
    }
    gene.push_str("]\n");
    json.push_str("]\n");
    let tree = Data::Array(items);
    PeerData {
        values: tree.count(),
        tree,
        gene,
        json,
    }
}

const WORDS: [&str; 16] = [
    "alpha", "berry", "cedar", "delta", "ember", "fjord", "grove", "harbor", "iris", "juniper",
    "kestrel", "lumen", "maple", "nectar", "orchid", "prairie",
];

fn below(rng: &mut ChaCha8Rng, n: u32) -> u32 {
    ((u64::from(rng.next_u32()) * u64::from(n)) >> 32) as u32
}

fn words(rng: &mut ChaCha8Rng, n: u32) -> String {
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[below(rng, 16) as usize]);
    }
    if below(rng, 20) == 0 {
        s.push_str(" \"quoted\"");
    }
    s
}

fn record(rng: &mut ChaCha8Rng, id: usize) -> Data {
    let tags = (0..below(rng, 4))
        .map(|_| Data::Str(WORDS[below(rng, 16) as usize].to_string()))
        .collect();
    let history = (0..below(rng, 4))
        .map(|_| {
            Data::Map(vec![
                (
                    "date".into(),
                    Data::Str(format!(
                        "2025-{:02}-{:02}",
                        1 + below(rng, 12),
                        1 + below(rng, 28)
                    )),
                ),
                (
                    "amount".into(),
                    Data::Float(f64::from(below(rng, 100_000)) / 100.0),
                ),
                ("refunded".into(), Data::Bool(below(rng, 10) == 0)),
            ])
        })
        .collect();
    let n_words = 1 + below(rng, 2);
    let name = words(rng, n_words);
    let n_words = 2 + below(rng, 6);
    let note = if below(rng, 3) == 0 {
        Data::Null
    } else {
        Data::Str(words(rng, n_words))
    };
    Data::Map(vec![
        ("id".into(), Data::Int(id as i64)),
        ("name".into(), Data::Str(name)),
        ("active".into(), Data::Bool(below(rng, 4) != 0)),
        (
            "score".into(),
            Data::Float(f64::from(below(rng, 10_000)) / 100.0),
        ),
        (
            "balance".into(),
            Data::Int(i64::from(below(rng, 2_000_000)) - 1_000_000),
        ),
        ("tags".into(), Data::Array(tags)),
        (
            "address".into(),
            Data::Map(vec![
                ("street".into(), Data::Str(words(rng, 2))),
                (
                    "city".into(),
                    Data::Str(WORDS[below(rng, 16) as usize].into()),
                ),
                (
                    "zip".into(),
                    Data::Int(i64::from(10_000 + below(rng, 89_999))),
                ),
            ]),
        ),
        ("history".into(), Data::Array(history)),
        ("note".into(), note),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_renderings_hold_the_same_values() {
        let d = data_document(1, 50);
        let v: serde_json::Value = serde_json::from_str(&d.json).unwrap();
        fn count(v: &serde_json::Value) -> usize {
            1 + match v {
                serde_json::Value::Array(a) => a.iter().map(count).sum(),
                serde_json::Value::Object(o) => o.values().map(count).sum(),
                _ => 0,
            }
        }
        assert_eq!(count(&v), d.values);
        assert_eq!(d.gene.lines().count(), 52);
        assert_eq!(data_document(1, 50).gene, d.gene, "deterministic");
    }
}
