//! `gene-gen profile`: reads files (or standard input), prints their realism metrics as a
//! table or as JSON.

use std::io::Read;
use std::path::{Path, PathBuf};

use gene_gen::distributions::{self, Distance};
use gene_gen::{Profile, Tolerance, profile};
use serde::ser::{Serialize, SerializeMap as _, Serializer};

use crate::output::{Outcome, Stdout, Stop};

/// Largest input `profile` reads (1 GiB): four times the largest generated file, and a bound
/// on memory when the input is endless (`/dev/zero`).
pub(crate) const MAX_INPUT: u64 = 1 << 30;

/// Profiles `paths` and prints the result; a metric out of tolerance is a finding.
pub(crate) fn run(paths: &[PathBuf], json: bool, out: &mut Stdout) -> Result<Outcome, Stop> {
    if paths.iter().filter(|p| is_stdin(p)).count() > 1 {
        return Err(Stop::Error(
            "standard input (`-`) can be profiled only once".into(),
        ));
    }
    let mut profiles = Vec::with_capacity(paths.len());
    for path in paths {
        profiles.push((display(path), profile(&read_input(path)?)));
    }
    let findings = profiles.iter().any(|(_, p)| {
        p.check().iter().any(|c| !c.ok) || distributions::compare(p).iter().any(|d| !d.ok)
    });
    if json {
        let value = match profiles.as_slice() {
            [(_, p)] => metrics_tree(p),
            _ => Tree::Branch(
                profiles
                    .iter()
                    .map(|(name, p)| (name.clone(), metrics_tree(p)))
                    .collect(),
            ),
        };
        let text = serde_json::to_string(&value)
            .map_err(|e| Stop::Error(format!("cannot encode the profile: {e}")))?;
        out.line(text)?;
    } else {
        for (name, p) in &profiles {
            table(name, p, out)?;
        }
    }
    Ok(if findings {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// The whole input, at most [`MAX_INPUT`] bytes.
fn read_input(path: &Path) -> Result<Vec<u8>, Stop> {
    let result = if is_stdin(path) {
        read_bounded(std::io::stdin().lock(), MAX_INPUT)
    } else {
        std::fs::File::open(path).and_then(|f| read_bounded(f, MAX_INPUT))
    };
    match result {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(Stop::Error(format!(
            "{}: input larger than {MAX_INPUT} bytes",
            display(path)
        ))),
        Err(e) => Err(Stop::Error(format!("cannot read {}: {e}", display(path)))),
    }
}

/// Everything `reader` holds, or `None` when it holds more than `limit` bytes (of which at
/// most `limit + 1` are read).
fn read_bounded(reader: impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

fn table(name: &str, p: &Profile, out: &mut Stdout) -> Result<(), Stop> {
    out.line(name)?;
    out.line(format_args!(
        "{:<50} {:>10} {:>10}  tolerance",
        "metric", "this file", "real"
    ))?;
    for c in p.check() {
        let verdict = if c.ok { "ok" } else { "OUT OF RANGE" };
        let tol = match c.target.tolerance {
            Tolerance::Relative(r) => format!("±{:.0}% {verdict}", r * 100.0),
            Tolerance::Points(pts) => format!("±{pts:.0} pts {verdict}"),
            Tolerance::AtLeast(min) => format!(">= {min} {verdict}"),
            Tolerance::Info => String::new(),
        };
        out.line(format_args!(
            "{:<50} {:>10.4} {:>10.4}  {tol}",
            c.target.metric, c.ours, c.target.real
        ))?;
    }
    out.line("")?;
    out.line(format_args!(
        "{:<50} {:>8} {:>9}  {:<18} real | this file",
        "distribution", "distance", "tolerance", "measured as"
    ))?;
    for d in distributions::compare(p) {
        let verdict = if d.ok { "ok" } else { "OUT OF RANGE" };
        let kind = match d.distance_kind {
            Distance::Tvd => "total variation".to_string(),
            Distance::Absolute => "absolute diff".to_string(),
            Distance::Relative => "relative diff".to_string(),
            Distance::TopMissing(k) => format!("top-{k} missing"),
        };
        out.line(format_args!(
            "{:<50} {:>8.4} {:>9.4}  {:<18} {verdict}: {} | {}",
            d.metric, d.distance, d.tolerance, kind, d.real, d.ours
        ))?;
    }
    out.line("")
}

/// A JSON object whose keys keep their order (serde_json's own map sorts them unless a crate
/// feature that would reach the whole workspace is on).
enum Tree {
    Number(f64),
    Branch(Vec<(String, Tree)>),
}

impl Serialize for Tree {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // Counts print as integers; 2^53 keeps every such value exact.
            Tree::Number(v) if v.fract() == 0.0 && v.abs() < 9e15 => s.serialize_i64(*v as i64),
            Tree::Number(v) => s.serialize_f64(*v),
            Tree::Branch(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

/// The metrics nested by their dotted paths: `size.bytes_per_line.mean` becomes
/// `{"size": {"bytes_per_line": {"mean": ..}}}`, in [`Profile::metrics`] order.
fn metrics_tree(p: &Profile) -> Tree {
    let mut root = Vec::new();
    for (path, value) in p.metrics() {
        let parts: Vec<&str> = path.split('.').collect();
        insert(&mut root, &parts, value);
    }
    let dists = distributions::compare(p)
        .into_iter()
        .map(|d| {
            let fields = vec![
                ("distance".to_string(), Tree::Number(d.distance)),
                ("tolerance".to_string(), Tree::Number(d.tolerance)),
            ];
            (d.metric.to_string(), Tree::Branch(fields))
        })
        .collect();
    root.push(("distributions".to_string(), Tree::Branch(dists)));
    Tree::Branch(root)
}

/// Puts `value` at `path` under `entries`, creating the objects on the way.
fn insert(entries: &mut Vec<(String, Tree)>, path: &[&str], value: f64) {
    match path {
        [] => {}
        [leaf] => entries.push(((*leaf).to_string(), Tree::Number(value))),
        [key, rest @ ..] => {
            let at = match entries.iter().position(|(k, _)| k == key) {
                Some(at) => at,
                None => {
                    entries.push(((*key).to_string(), Tree::Branch(Vec::new())));
                    entries.len() - 1
                }
            };
            if let Tree::Branch(children) = &mut entries[at].1 {
                insert(children, rest, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endless_input_stops_one_byte_past_the_limit() {
        assert_eq!(read_bounded(std::io::repeat(0), 10).unwrap(), None);
        assert_eq!(read_bounded(&[1u8; 10][..], 10).unwrap(), Some(vec![1; 10]));
    }

    #[test]
    fn the_json_tree_holds_every_metric_at_its_path() {
        let p = profile(gene_gen::generate(&gene_gen::Config::new(2, 300)).as_bytes());
        let json: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&metrics_tree(&p)).unwrap()).unwrap();
        for (path, value) in p.metrics() {
            let pointer = format!("/{}", path.replace('.', "/"));
            let got = json.pointer(&pointer).and_then(serde_json::Value::as_f64);
            // serde_json's parser (without its float_roundtrip feature) may be 1 ulp off.
            let close = got.is_some_and(|g| (g - value).abs() <= 1e-12 * value.abs().max(1.0));
            assert!(close, "{path}: {got:?} against {value}");
        }
    }
}
