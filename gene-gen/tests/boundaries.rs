//! The crate's boundaries, read from its sources: the library needs no command-line
//! dependency, and its modules import each other without a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const MANIFEST: &str = include_str!("../Cargo.toml");

/// The lines of one `[section]` of the manifest.
fn section(name: &str) -> Vec<&'static str> {
    let header = format!("[{name}]");
    MANIFEST
        .lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .collect()
}

/// Every normal dependency but the random streams is optional and enabled only by `cli`,
/// which the binary requires; the parser is not a normal dependency at all.
#[test]
fn the_library_depends_on_the_random_streams_only() {
    let library = ["rand_chacha", "rand_core"];
    let cli = section("features")
        .into_iter()
        .find(|l| l.starts_with("cli ="))
        .expect("a `cli` feature");
    for line in section("dependencies") {
        let name = line.split('=').next().unwrap().trim();
        assert_ne!(name, "gene-parser", "gene-parser must be a dev-dependency");
        if !library.contains(&name) {
            assert!(line.contains("optional = true"), "{name} is not optional");
            assert!(
                cli.contains(&format!("\"dep:{name}\"")),
                "{name} is not in `cli`"
            );
        }
    }
    assert!(MANIFEST.contains("required-features = [\"cli\"]"));
    assert!(section("features").contains(&"default = [\"cli\"]"));
}

/// The modules of `src/` (a directory module counts as one) and the modules each names with
/// `crate::`; the graph must have no cycle.
#[test]
fn library_modules_import_without_a_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "lib" || name == "bin" {
            continue;
        }
        let mut text = String::new();
        collect_sources(&path, &mut text);
        let mut deps = BTreeSet::new();
        for (at, _) in text.match_indices("crate::") {
            let rest = &text[at + "crate::".len()..];
            let module: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if module != name
                && module
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_lowercase())
            {
                deps.insert(module);
            }
        }
        uses.insert(name, deps);
    }
    assert!(uses.len() >= 8, "{uses:?}");
    // Depth-first search for a back edge.
    fn visit(
        m: &str,
        uses: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(m) {
            return;
        }
        assert!(
            !path.iter().any(|p| p == m),
            "import cycle: {path:?} -> {m}"
        );
        path.push(m.to_string());
        for d in uses.get(m).into_iter().flatten() {
            visit(d, uses, path, done);
        }
        path.pop();
        done.insert(m.to_string());
    }
    let mut done = BTreeSet::new();
    for m in uses.keys() {
        visit(m, &uses, &mut Vec::new(), &mut done);
    }
}

fn collect_sources(path: &Path, text: &mut String) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            collect_sources(&entry.unwrap().path(), text);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        text.push_str(&std::fs::read_to_string(path).unwrap());
    }
}
