//! How does the parser compare with a well-known peer on the same content?
//!
//! One random data tree (records of maps, arrays, strings, numbers, booleans, null; see
//! `gene_bench::peers`) rendered as a data-only Gene document and as JSON; `gene` parses the
//! former into a `gene_parser::Document`, `serde_json` parses the latter into a
//! `serde_json::Value`, and `sonic_rs` parses it into a `sonic_rs::Value`. All three build a
//! complete tree and drop it. Elements are values (the same number in all), so elements/s
//! compares equal work; bytes/s differs because JSON spends more bytes (quoted keys, colons,
//! commas) on the same values.
//!
//! serde_json is the peer the issue names; sonic-rs (SIMD string and whitespace scanning, an
//! arena-backed DOM) is the fastest tree-building parser in Rust, so it shows what such a
//! parser reaches on the machine the suite runs on.

mod support;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gene_bench::{inputs, peers};
use sonic_rs::JsonContainerTrait as _;

/// Records per document: about 1 MB of text in either format.
const RECORDS: usize = 5_000;

fn count_json(v: &serde_json::Value) -> usize {
    1 + match v {
        serde_json::Value::Array(a) => a.iter().map(count_json).sum(),
        serde_json::Value::Object(o) => o.values().map(count_json).sum(),
        _ => 0,
    }
}

fn count_sonic(v: &sonic_rs::Value) -> usize {
    let children: usize = if let Some(a) = v.as_array() {
        a.iter().map(count_sonic).sum()
    } else if let Some(o) = v.as_object() {
        o.iter().map(|(_, v)| count_sonic(v)).sum()
    } else {
        0
    };
    1 + children
}

fn peers(c: &mut Criterion) {
    let data = peers::data_document(inputs::SEED, RECORDS);
    let gene = data.gene.as_bytes();
    let json = data.json.as_bytes();

    let doc = gene_parser::parse(gene).expect("the Gene rendering parses");
    assert_eq!(doc.roots().len(), 1);
    assert_eq!(doc.node_count(), data.values, "one Gene node per value");
    drop(doc);
    let value: serde_json::Value = serde_json::from_slice(json).expect("the JSON rendering parses");
    assert_eq!(count_json(&value), data.values);
    drop(value);
    let value: sonic_rs::Value = sonic_rs::from_slice(json).expect("sonic-rs reads the JSON");
    assert_eq!(count_sonic(&value), data.values);
    drop(value);

    let mut g = c.benchmark_group("peers");
    g.throughput(Throughput::ElementsAndBytes {
        elements: data.values as u64,
        bytes: gene.len() as u64,
    });
    g.bench_with_input(BenchmarkId::new("gene", RECORDS), gene, |b, src| {
        b.iter(|| gene_parser::parse(black_box(src)))
    });
    g.throughput(Throughput::ElementsAndBytes {
        elements: data.values as u64,
        bytes: json.len() as u64,
    });
    g.bench_with_input(BenchmarkId::new("serde_json", RECORDS), json, |b, src| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(src)))
    });
    g.bench_with_input(BenchmarkId::new("sonic_rs", RECORDS), json, |b, src| {
        b.iter(|| sonic_rs::from_slice::<sonic_rs::Value>(black_box(src)))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion(30, 1, 4);
    targets = peers
}
criterion_main!(benches);
