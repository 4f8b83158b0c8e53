//! The compact layouts of `;` chains and empty genes: a `;` costs one node slot, `()` one slot,
//! and both read back as the spec's values (GENE_SYNTAX.md §5.4). Chain links count towards
//! the depth limit, because each nests the result one level deeper.

use gene_parser::{ErrorKind, NodeKind, Value, parse};

#[test]
fn chain_links_count_towards_the_depth_limit() {
    // The gene is one level, each link one more: 1,023 links fit the default 1,024.
    let fits = format!("(a{})", ";".repeat(1023));
    let doc = parse(fits.as_bytes()).expect("1,024 levels parse");
    let expected = format!("{}a{}", "(".repeat(1024), ")".repeat(1024));
    assert_eq!(doc.dump(), format!("{expected}\n"));
    // One slot per link, plus the gene and its type.
    assert_eq!(doc.storage().nodes, 1025);

    let deep = format!("(a{})", ";".repeat(1024));
    let error = parse(deep.as_bytes()).expect_err("1,025 levels");
    assert_eq!(error.kind(), ErrorKind::NestingTooDeep);
    assert_eq!(error.offset(), 2 + 1023, "at the `;` that goes too deep");

    // A long chain in a file of many: each gene counts its own links.
    let many = fits.repeat(20);
    assert_eq!(parse(many.as_bytes()).expect("parses").roots().len(), 20);
}

#[test]
fn a_chain_whose_type_lies_far_back_reads_the_same() {
    // 70,000 children put the closed gene more than 65,535 slots back: the chained gene then
    // refers to it through a reference slot instead of a distance.
    for children in [3, 65_533, 65_534, 65_535, 70_000] {
        let src = format!("(a{}; c ^p 1 d; e)", " b".repeat(children));
        let doc = parse(src.as_bytes()).expect("parses");
        let expected = format!("(((a{}) ^p 1 c d) e)\n", " b".repeat(children));
        let dump = doc.dump();
        assert!(
            dump == expected,
            "{children} children: dump starts {:?}",
            &dump[..60.min(dump.len())]
        );
        let root = doc.roots().get(0).unwrap();
        let Value::Gene {
            ty,
            children: outer,
            ..
        } = doc.value(root)
        else {
            panic!("a gene")
        };
        assert_eq!(outer.len(), 1);
        assert_eq!(doc.span(root), 0..src.len());
        let Value::Gene {
            ty: inner,
            props,
            children: middle,
            ..
        } = doc.value(ty)
        else {
            panic!("a gene type")
        };
        assert_eq!((props.len(), middle.len()), (1, 2));
        assert_eq!(doc.span(ty), 0..src.rfind(';').unwrap());
        let Value::Gene {
            children: first, ..
        } = doc.value(inner)
        else {
            panic!("a gene type")
        };
        assert_eq!(first.len(), children);
        assert_eq!(first.iter().count(), children);
    }
}

#[test]
fn an_empty_gene_is_one_slot_with_a_nil_type() {
    let src = b"() #() [() (())] (() x)";
    let doc = parse(src).expect("parses");
    assert_eq!(doc.dump(), "(nil)\n#(nil)\n[(nil) ((nil))]\n((nil) x)\n");
    // `()` ×4 + `#()` + array + gene `(())` + gene `(() x)` + `x`.
    assert_eq!(doc.storage().nodes, 9);
    for (root, type_at) in doc.roots().iter().take(2).zip([1, 5]) {
        let Value::Gene {
            ty,
            props,
            children,
            frozen,
        } = doc.value(root)
        else {
            panic!("a gene")
        };
        assert_eq!(
            (props.len(), children.len(), children.iter().count()),
            (0, 0, 0)
        );
        assert_eq!(frozen, type_at == 5);
        assert_eq!(doc.kind(ty), NodeKind::Nil);
        assert!(matches!(doc.value(ty), Value::Nil));
        assert_eq!(doc.span(ty), type_at..type_at, "empty, after the opener");
    }
}
