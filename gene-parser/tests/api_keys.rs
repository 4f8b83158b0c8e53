//! Keys and text: `key_span` finds the `^key` of every property written in a gene or map (on
//! every conformance vector that parses, the corpus and generated files), `prop` and
//! `Entries::get` agree with the entries, and the keyword tests never take a non-symbol for a
//! symbol, whether or not the name occurs in the document; `Value`'s `==` is by scalar value
//! and container identity.

mod common;

use gene_parser::{NodeKind, Value, parse};

fn sources() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for file in common::data_files() {
        out.extend(common::inputs(&file).into_iter().map(|(_, src)| src));
    }
    for entry in std::fs::read_dir("../benchmarks/data/corpus").unwrap() {
        out.push(std::fs::read(entry.unwrap().path()).unwrap());
    }
    out.push(gene_gen::generate(&gene_gen::Config::new(3, 1500)).into_bytes());
    out.retain(|src| parse(src).is_ok());
    out
}

/// The key a `^…` token names at its own level (the first segment of a path), for tokens
/// without escapes.
fn token_key(token: &[u8]) -> &[u8] {
    let rest = &token[1..];
    match rest.first() {
        Some(b'^' | b'!') => &rest[1..],
        _ => rest.split(|&b| b == b'^').next().unwrap(),
    }
}

#[test]
fn every_written_property_has_its_key_span() {
    let (mut found, mut genes_checked) = (0, 0);
    for src in sources() {
        let doc = parse(&src).unwrap();
        let name = String::from_utf8_lossy(&src[..src.len().min(80)]).into_owned();
        for id in doc.preorder() {
            let entries = match doc.value(id) {
                Value::Gene { props, .. } => props,
                Value::Map { entries, .. } => entries,
                _ => continue,
            };
            for (key, value) in entries.iter() {
                assert_eq!(entries.get(key), Some(value));
                let text = doc.symbols().resolve(key);
                if let Ok(text) = std::str::from_utf8(text) {
                    assert_eq!(doc.prop(id, text), Some(value), "{name}");
                }
                match doc.key_span(id, key) {
                    Some(span) => {
                        found += 1;
                        let token = &src[span.clone()];
                        assert_eq!(token[0], b'^', "{name}");
                        // Escaped keys are compared as written: skip them here.
                        if !token.contains(&b'\\') {
                            assert_eq!(token_key(token), text, "{name}");
                        }
                        assert!(span.start <= doc.span(value).start, "{name}");
                    }
                    // Only the maps key paths make or extend lack a `^key` of their own.
                    None => assert_eq!(doc.kind(id), NodeKind::Map, "{name}: {text:?}"),
                }
                if doc.kind(id) == NodeKind::Gene {
                    genes_checked += 1;
                }
            }
        }
    }
    assert!(found > 300 && genes_checked > 50, "{found} {genes_checked}");
}

#[test]
fn keyword_tests_never_take_a_non_symbol_for_a_symbol() {
    for src in sources() {
        let doc = parse(&src).unwrap();
        for id in doc.preorder() {
            let sym = doc.value(id).as_symbol();
            assert_eq!(doc.kind(id) == NodeKind::Symbol, sym.is_some());
            // A name no document has, and the node's own name.
            assert!(!doc.is_symbol(id, "no such keyword \u{1F600}"));
            match doc.symbol_text(id) {
                Some(text) => {
                    assert!(doc.is_symbol(id, text));
                    assert_eq!(doc.symbols().lookup(text), sym);
                }
                None => assert!(sym.is_none_or(|s| doc.symbols().text(s).is_none())),
            }
        }
    }
    // The trap of comparing lookups: `fn` absent and the type not a symbol.
    let doc = parse(b"(1 x) (\"fn\" y)").unwrap();
    assert_eq!(doc.symbols().lookup("fn"), None);
    for root in doc.roots() {
        let ty = doc.value(root).as_gene().unwrap().ty;
        assert!(!doc.is_symbol(ty, "fn"));
        assert_eq!(doc.symbol_text(ty), None);
    }
}

#[test]
fn text_accessors_need_utf8() {
    let doc = parse(b"\"caf\\u00e9\" \"\\xFF\" (f) 1").unwrap();
    let roots: Vec<_> = doc.roots().iter().collect();
    let [s, bad, gene, one] = roots[..] else {
        panic!()
    };
    assert_eq!(doc.value(s).as_str(), Some("café"));
    let bad = doc.value(bad);
    assert!(
        bad.as_bytes().is_some()
            && (bad.as_str().is_some() == std::str::from_utf8(bad.as_bytes().unwrap()).is_ok())
    );
    assert!(doc.value(gene).as_str().is_none() && doc.value(gene).as_gene().is_some());
    assert_eq!(doc.value(one).as_int(), Some(1));
    assert_eq!(doc.value(one).as_float(), None);
}

/// `Value`'s `==`: scalars are equal exactly when their canonical dumps are (floats aside,
/// whose NaN is unequal to itself), containers exactly when they hold the same nodes.
#[test]
fn value_equality_is_by_scalar_value_and_container_identity() {
    let (mut equal_pairs, mut pairs) = (0, 0);
    for src in sources() {
        let doc = parse(&src).unwrap();
        let nodes: Vec<_> = doc.preorder().take(150).collect();
        for &a in &nodes {
            for &b in &nodes {
                let (va, vb) = (doc.value(a), doc.value(b));
                let kinds = (doc.kind(a), doc.kind(b));
                if kinds.0 == NodeKind::Float || kinds.1 == NodeKind::Float {
                    continue;
                }
                let container = |id| doc.children_of(id).next().is_some();
                // Empty containers compare like scalars: same kind and frozenness.
                let expected = if container(a) || container(b) {
                    a == b
                } else {
                    doc.dump_value(a) == doc.dump_value(b)
                };
                assert_eq!(
                    va == vb,
                    expected,
                    "{} vs {}",
                    doc.dump_value(a),
                    doc.dump_value(b)
                );
                pairs += 1;
                equal_pairs += usize::from(expected && a != b);
            }
        }
    }
    assert!(
        pairs > 100_000 && equal_pairs > 1_000,
        "{pairs} {equal_pairs}"
    );
}
