//! The walking API against a hand-written reference walk over `Document::value`, on every
//! conformance vector that parses, the committed corpus and generated files: `preorder`,
//! `descendants`, `walk` and `parents` reach exactly the nodes the values reach (the type
//! slot and property values included), each once, parents before children and in source
//! order; `children_of` is in source order. (Ids of another document: `api_ids.rs`.)

mod common;

use gene_parser::{Document, NodeId, ParentMap, Role, Value, Visit, Visitor, parse};
use std::collections::BTreeSet;

/// Every parsing source to check: the data vectors, the corpus and two generated files.
fn sources() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for file in common::data_files() {
        out.extend(common::inputs(&file).into_iter().map(|(_, src)| src));
    }
    for entry in std::fs::read_dir("../benchmarks/data/corpus").unwrap() {
        out.push(std::fs::read(entry.unwrap().path()).unwrap());
    }
    for seed in [1, 2] {
        out.push(gene_gen::generate(&gene_gen::Config::new(seed, 1500)).into_bytes());
    }
    out.retain(|src| parse(src).is_ok());
    out
}

/// The reference: the nodes reachable from `id` through `Document::value`, with no help from
/// the walking API.
fn reachable(doc: &Document, id: NodeId, out: &mut Vec<NodeId>) {
    out.push(id);
    match doc.value(id) {
        Value::Array { items, .. } | Value::HashMap { items, .. } => {
            items.iter().for_each(|c| reachable(doc, c, out))
        }
        Value::Map { entries, .. } => entries.iter().for_each(|(_, v)| reachable(doc, v, out)),
        Value::Gene {
            ty,
            props,
            children,
            ..
        } => {
            reachable(doc, ty, out);
            props.iter().for_each(|(_, v)| reachable(doc, v, out));
            children.iter().for_each(|c| reachable(doc, c, out));
        }
        Value::Quote(v) | Value::Unquote { value: v, .. } => reachable(doc, v, out),
        _ => {}
    }
}

/// Records enters and leaves, checking depth and parent against its own stack.
#[derive(Default)]
struct Recorder {
    entered: Vec<NodeId>,
    stack: Vec<Visit>,
}

impl Visitor for Recorder {
    fn enter(&mut self, _: &Document, node: &Visit) -> bool {
        assert_eq!(node.parent, self.stack.last().map(|p| p.id));
        assert_eq!(node.depth, self.stack.len());
        assert_eq!(node.role == Role::Root, node.parent.is_none());
        self.entered.push(node.id);
        self.stack.push(*node);
        true
    }

    fn leave(&mut self, _: &Document, node: &Visit) {
        assert_eq!(self.stack.pop().as_ref(), Some(node));
    }
}

#[test]
fn walking_reaches_exactly_what_values_reach_in_source_order() {
    let sources = sources();
    assert!(sources.len() > 500, "only {} sources", sources.len());
    for src in &sources {
        let doc = parse(src).unwrap();
        let mut expected = Vec::new();
        for root in doc.roots() {
            reachable(&doc, root, &mut expected);
        }
        let order: Vec<NodeId> = doc.preorder().collect();
        let name = String::from_utf8_lossy(&src[..src.len().min(80)]);
        // The same nodes, each once.
        assert_eq!(
            order.iter().collect::<BTreeSet<_>>(),
            expected.iter().collect::<BTreeSet<_>>(),
            "{name}"
        );
        assert_eq!(order.len(), expected.len(), "{name}");
        // Source order: spans start in order (a parent starts where or before its children).
        assert!(
            order
                .windows(2)
                .all(|w| doc.span(w[0]).start <= doc.span(w[1]).start),
            "{name}: {:?}",
            order
                .iter()
                .map(|&id| (doc.span(id), doc.dump_value(id)))
                .collect::<Vec<_>>()
        );
        // The visitor enters in the same order, with consistent depths and parents.
        let mut recorder = Recorder::default();
        doc.walk(&mut recorder);
        assert_eq!(recorder.entered, order, "{name}");
        assert!(recorder.stack.is_empty());
        // Parents agree with children_of, and every child lies inside its parent's span but
        // for maps that key paths make or extend: a made map's span is the path (`^a^b`), and
        // a later path (`^a^^c`, `^a^c^d 2` after `^a {…}`) adds entries outside the map.
        let parents: ParentMap = doc.parents();
        for &id in &order {
            let span = doc.span(id);
            let key_path = doc.kind(id) == gene_parser::NodeKind::Map;
            for child in doc.children_of(id) {
                assert_eq!(parents.parent(child.id), Some(id), "{name}");
                let inner = doc.span(child.id);
                let inside = span.start <= inner.start && inner.end <= span.end;
                assert!(inside || key_path, "{name}");
            }
        }
        for root in doc.roots() {
            assert_eq!(parents.parent(root), None);
            assert_eq!(doc.descendants(root).count(), {
                let mut v = Vec::new();
                reachable(&doc, root, &mut v);
                v.len()
            });
        }
    }
}

#[test]
fn a_chain_walks_in_source_order_although_its_ids_do_not() {
    let doc = parse(b"(a b; c)").unwrap();
    let order: Vec<NodeId> = doc.preorder().collect();
    let text: Vec<String> = order.iter().map(|&id| doc.dump_value(id)).collect();
    assert_eq!(text, ["((a b) c)", "(a b)", "a", "b", "c"]);
    // The chained gene's id is after its type's: ids are not source order here.
    assert!(order[0] > order[1]);
}

#[test]
fn children_of_covers_the_type_properties_and_items_in_source_order() {
    let src = b"(f x ^pre [y] ^^on z)";
    let doc = parse(src).unwrap();
    let children: Vec<(Role, String)> = doc
        .children_of(doc.roots().get(0).unwrap())
        .map(|c| (c.role, doc.dump_value(c.id)))
        .collect();
    let key = |name| Role::Property(doc.symbols().lookup(name).unwrap());
    assert_eq!(
        children,
        [
            (Role::Type, "f".to_string()),
            (Role::Item, "x".to_string()),
            (key("pre"), "[y]".to_string()),
            (key("on"), "true".to_string()),
            (Role::Item, "z".to_string()),
        ]
    );
    // The nil type of `()` is a child too, with the empty gene as parent.
    let doc = parse(b"[()]").unwrap();
    let gene = doc
        .children_of(doc.roots().get(0).unwrap())
        .next()
        .unwrap()
        .id;
    let ty = doc.children_of(gene).next().unwrap();
    assert_eq!(
        (ty.role, doc.dump_value(ty.id)),
        (Role::Type, "nil".to_string())
    );
    assert_eq!(doc.parents().parent(ty.id), Some(gene));
}

/// The spans of nodes the parser makes rather than reads, as the README states them.
#[test]
fn spans_of_parser_made_nodes() {
    let text_of = |src: &'static [u8], pick: &dyn Fn(&gene_parser::Document) -> NodeId| {
        let doc = parse(src).unwrap();
        let span = doc.span(pick(&doc));
        (
            span.clone(),
            String::from_utf8_lossy(&src[span]).into_owned(),
        )
    };
    let first_child = |doc: &gene_parser::Document| {
        doc.children_of(doc.roots().get(0).unwrap())
            .next()
            .unwrap()
            .id
    };
    // The nil type of `()`: empty, just after the `(` (or `#(`).
    assert_eq!(text_of(b" ()", &first_child), (2..2, String::new()));
    assert_eq!(text_of(b"#()", &first_child), (2..2, String::new()));
    // The `true` of `^^on`: the key.
    let prop = |doc: &gene_parser::Document| doc.prop(doc.roots().get(0).unwrap(), "on").unwrap();
    assert_eq!(text_of(b"(f ^^on)", &prop).1, "^^on");
    // A map made by a key path: the path's token.
    let a = |doc: &gene_parser::Document| doc.prop(doc.roots().get(0).unwrap(), "a").unwrap();
    assert_eq!(text_of(b"{^a^b 1}", &a).1, "^a^b");
    // A chain's inner gene: from the chain's `(` to the `;`'s segment end.
    let ty =
        |doc: &gene_parser::Document| doc.value(doc.roots().get(0).unwrap()).as_gene().unwrap().ty;
    assert_eq!(text_of(b"(a ^x 1; b)", &ty).1, "(a ^x 1");
    // The `#Str` type of an interpolated string: its `#"`.
    assert_eq!(text_of(b"#\"a#{b}\"", &ty).1, "#\"");
}
