//! Node ids are checked against their document: an id of another document panics with a
//! message that starts with `NodeId from another document`, whatever its index (in range or
//! not, documents of the same size and text, clones, incremental forms, documents parsed into
//! recycled buffers), in every accessor that takes one; and every id the walking API hands
//! out is accepted by its own document. The check is a plain comparison, so it holds in
//! release builds too (`cargo test --release -p gene-parser --test api_ids`).

mod common;

use common::Rng64;
use gene_parser::{
    Buffers, Document, IncrementalDocument, NodeId, PrintStyle, Value, Visit, Visitor, parse,
};

/// The start of every message of a foreign id.
const FOREIGN: &str = "NodeId from another document";

/// The panic message of `f`, which must panic.
fn panic_message(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let payload = std::panic::catch_unwind(f).expect_err("must panic");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// Calls every accessor that takes an id with `id` on `doc`, and asserts that each panics
/// with the foreign-id message.
fn every_accessor_rejects(doc: &Document, id: NodeId) {
    let k = doc.symbols().lookup("k");
    let parents = doc.parents();
    let checks: Vec<(&str, String)> = vec![
        ("value", panic_message(|| _ = doc.value(id))),
        ("kind", panic_message(|| _ = doc.kind(id))),
        ("span", panic_message(|| _ = doc.span(id))),
        ("children_of", panic_message(|| drop(doc.children_of(id)))),
        ("descendants", panic_message(|| drop(doc.descendants(id)))),
        ("parent", panic_message(|| _ = parents.parent(id))),
        ("dump_value", panic_message(|| _ = doc.dump_value(id))),
        ("print_value", panic_message(|| _ = doc.print_value(id))),
        ("symbol_text", panic_message(|| _ = doc.symbol_text(id))),
        ("is_symbol", panic_message(|| _ = doc.is_symbol(id, "f"))),
        ("prop", panic_message(|| _ = doc.prop(id, "k"))),
        (
            "key_span",
            panic_message(|| {
                if let Some(k) = k {
                    _ = doc.key_span(id, k);
                } else {
                    _ = doc.value(id);
                }
            }),
        ),
    ];
    for (what, message) in checks {
        assert!(message.starts_with(FOREIGN), "{what}: {message}");
    }
}

#[test]
#[should_panic(expected = "NodeId from another document")]
fn an_in_range_id_of_a_document_of_the_same_text_panics() {
    let a = parse(b"(f ^k 1 x)").unwrap();
    let b = parse(b"(f ^k 1 x)").unwrap();
    // Same text, same size, same index: only the tag tells them apart.
    b.value(a.roots().get(0).unwrap());
}

#[test]
#[should_panic(expected = "NodeId from another document")]
fn an_in_range_id_of_a_larger_document_panics() {
    let big = parse(b"(a [b c d e f g] {^h 1})").unwrap();
    let small = parse(b"(x y)").unwrap();
    small.span(big.preorder().nth(1).unwrap());
}

#[test]
#[should_panic(expected = "NodeId from another document")]
fn an_out_of_range_id_panics() {
    let big = parse(b"(a [b c d e f g] {^h 1})").unwrap();
    let small = parse(b"x").unwrap();
    small.kind(big.preorder().last().unwrap());
}

#[test]
#[should_panic(expected = "NodeId from another document")]
fn the_nil_type_of_another_documents_empty_gene_panics() {
    let a = parse(b"()").unwrap();
    let b = parse(b"()").unwrap();
    let nil = a.value(a.roots().get(0).unwrap()).as_gene().unwrap().ty;
    b.value(nil);
}

#[test]
#[should_panic(expected = "NodeId from another document")]
fn a_parent_map_rejects_ids_of_another_document() {
    let a = parse(b"(f [x])").unwrap();
    let b = parse(b"(f [x])").unwrap();
    a.parents().parent(b.preorder().nth(3).unwrap());
}

#[test]
fn every_accessor_rejects_in_range_and_out_of_range_ids() {
    let doc = parse(b"(f ^k 1 [x y] ()) {^k 2}").unwrap();
    let same = parse(b"(f ^k 1 [x y] ()) {^k 2}").unwrap();
    let small = parse(b"z").unwrap();
    for other in [&same, &small] {
        for id in other.preorder() {
            every_accessor_rejects(&doc, id);
        }
    }
    for id in doc.preorder() {
        every_accessor_rejects(&small, id);
    }
}

#[test]
fn a_clone_shares_its_ids_and_a_reparse_does_not() {
    let doc = parse(b"(f ^k 1 [x y])").unwrap();
    let copy = doc.clone();
    for id in doc.preorder() {
        assert_eq!(copy.dump_value(id), doc.dump_value(id));
    }
    for id in copy.preorder() {
        assert_eq!(copy.span(id), doc.span(id));
    }
    let again = parse(doc.source()).unwrap();
    for id in doc.preorder() {
        every_accessor_rejects(&again, id);
    }
}

#[test]
fn buffers_give_each_parse_a_new_tag() {
    let mut bufs = Buffers::new();
    let src = b"(f ^k 1 [x y])";
    let first = bufs.parse(src).unwrap();
    let old: Vec<NodeId> = first.preorder().collect();
    bufs.recycle(first);
    // The same text into the same arrays: same indices, another document.
    let second = bufs.parse(src).unwrap();
    let new: Vec<NodeId> = second.preorder().collect();
    assert_eq!(
        old.iter().map(|id| id.index()).collect::<Vec<_>>(),
        new.iter().map(|id| id.index()).collect::<Vec<_>>()
    );
    for &id in &old {
        every_accessor_rejects(&second, id);
    }
    for &id in &new {
        _ = second.value(id);
    }
}

#[test]
fn incremental_forms_keep_their_ids_until_reparsed() {
    let mut doc = IncrementalDocument::new(b"(a 1)\n(b 2)\n(c 3)\n");
    let ids = |doc: &IncrementalDocument| -> Vec<Vec<NodeId>> {
        doc.forms().map(|f| f.preorder().collect()).collect()
    };
    let before = ids(&doc);
    // Another view of the same unchanged forms accepts them.
    for (form, ids) in doc.forms().zip(&before) {
        for &id in ids {
            _ = form.value(id);
        }
    }
    // Forms of one document are documents of their own: the same index, another form.
    let forms: Vec<Document> = doc.forms().collect();
    every_accessor_rejects(&forms[1], before[0][0]);
    drop(forms);
    // Re-parse the middle form: its old ids are rejected, the others stay valid.
    doc.edit(7..8, b"bb").unwrap();
    let forms: Vec<Document> = doc.forms().collect();
    for &id in &before[1] {
        every_accessor_rejects(&forms[1], id);
    }
    for &id in before[0].iter().chain(&before[2]) {
        let form = if before[0].contains(&id) {
            &forms[0]
        } else {
            &forms[2]
        };
        _ = form.value(id);
    }
    // The recovered document is one more document.
    let recovered = doc.recovered();
    every_accessor_rejects(&recovered.document(), before[0][0]);
}

/// Collects every id that `walk` hands to a visitor, parents included.
#[derive(Default)]
struct Collect(Vec<NodeId>);

impl Visitor for Collect {
    fn enter(&mut self, _: &Document, node: &Visit) -> bool {
        self.0.push(node.id);
        self.0.extend(node.parent);
        true
    }
}

/// Every id any part of the walking API hands out.
fn handed_out(doc: &Document) -> Vec<NodeId> {
    let mut out: Vec<NodeId> = doc.roots().iter().collect();
    out.extend(doc.preorder());
    let parents = doc.parents();
    for id in doc.preorder() {
        out.extend(doc.children_of(id).map(|c| c.id));
        out.extend(doc.descendants(id));
        out.extend(parents.parent(id));
        let sym = |name| doc.symbols().lookup(name);
        match doc.value(id) {
            Value::Array { items, .. } | Value::HashMap { items, .. } => out.extend(items.iter()),
            Value::Map { entries, .. } => {
                out.extend(entries.iter().map(|(_, v)| v));
                out.extend(entries.iter().filter_map(|(k, _)| entries.get(k)));
            }
            Value::Gene {
                ty,
                props,
                children,
                ..
            } => {
                out.push(ty);
                out.extend(props.iter().map(|(_, v)| v));
                out.extend(children.iter());
                out.extend((0..children.len()).filter_map(|i| children.get(i)));
                out.extend(sym("k").and_then(|_| doc.prop(id, "k")));
            }
            Value::Quote(v) | Value::Unquote { value: v, .. } => out.push(v),
            _ => {}
        }
    }
    let mut visitor = Collect::default();
    doc.walk(&mut visitor);
    out.extend(visitor.0);
    let attached = doc.attach_comments(&gene_parser::comments(doc.source()));
    out.extend(attached.iter().filter_map(|a| match *a {
        gene_parser::Attachment::Leading(id)
        | gene_parser::Attachment::Trailing(id)
        | gene_parser::Attachment::Inner(id) => Some(id),
        gene_parser::Attachment::End => None,
    }));
    out
}

/// Seeded: generated files and random small ones; every handed-out id is accepted by its
/// document (each accessor), and rejected by a parse of the same text.
#[test]
fn every_handed_out_id_is_accepted_by_its_own_document_only() {
    let mut rng = Rng64::new(27);
    let atoms = [
        "x", "1", "()", "\"s\"", "^k 2", "^^on", "^a^b 3", "# c\n", ";", "`q", "%u",
    ];
    let mut sources: Vec<Vec<u8>> = (1..=3)
        .map(|seed| gene_gen::generate(&gene_gen::Config::new(seed, 300)).into_bytes())
        .collect();
    while sources.len() < 200 {
        let mut src = String::new();
        for _ in 0..rng.below(12) {
            match rng.below(4) {
                0 => src.push_str("(f "),
                1 => src.push_str("[ "),
                2 => src.push_str(") "),
                _ => src.push_str(&format!("{} ", rng.pick(&atoms))),
            }
        }
        if parse(src.as_bytes()).is_ok() {
            sources.push(src.into_bytes());
        }
    }
    let mut checked = 0;
    for src in &sources {
        let doc = parse(src).unwrap();
        let twin = parse(src).unwrap();
        let ids = handed_out(&doc);
        for &id in &ids {
            _ = (
                doc.value(id),
                doc.kind(id),
                doc.span(id),
                doc.dump_value(id),
            );
            _ = (doc.children_of(id).count(), doc.descendants(id).count());
        }
        checked += ids.len();
        for &id in ids.iter().step_by(17) {
            let message = panic_message(|| _ = twin.value(id));
            assert!(message.starts_with(FOREIGN), "{message}");
        }
    }
    assert!(checked > 10_000, "only {checked} ids checked");
}

/// Printing and dumping walk with the ids of their own document (a cheap smoke test that
/// the internal walkers never trip the check).
#[test]
fn printers_accept_their_own_ids() {
    let src = gene_gen::generate(&gene_gen::Config::new(9, 200));
    let doc = parse(src.as_bytes()).unwrap();
    let printed = doc.print(PrintStyle::Indented);
    assert_eq!(parse(&printed).unwrap().dump(), doc.dump());
}
