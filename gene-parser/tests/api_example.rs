//! The example linter (examples/lint.rs, included here as a module so that this test runs the
//! very code `cargo run --example lint` runs) on the committed corpus and on a generated file
//! with a block of known cases appended: exact findings on the known cases, positions that
//! agree with `line_column`, and every parameter it calls used named elsewhere in the form.
//! Also the outline printer (examples/outline.rs) against a count of definitions in the text.

#[allow(dead_code, reason = "the example's main is not called here")]
#[path = "../examples/lint.rs"]
mod lint;

#[path = "../examples/tour.rs"]
mod tour;

#[allow(dead_code, reason = "the example's main is not called here")]
#[path = "../examples/outline.rs"]
mod outline;

use gene_parser::{Value, line_column, parse};

/// Checks what can be checked of any file's findings: each position is `line_column`'s, each
/// unused parameter is a symbol of that name at that place, and each parameter not reported
/// appears as a word somewhere else in its form's text (a necessary condition for a use).
fn check_findings(src: &[u8]) -> Vec<lint::Finding> {
    let doc = parse(src).unwrap();
    let found = lint::lint(&doc);
    for f in &found {
        assert_eq!((f.line, f.column), line_column(src, f.offset), "{f:?}");
        if let Some(name) = f.message.strip_prefix("unused parameter `") {
            let name = name.trim_end_matches('`');
            assert!(src[f.offset..].starts_with(name.as_bytes()), "{f:?}");
        }
    }
    let reported: Vec<usize> = found.iter().map(|f| f.offset).collect();
    for id in doc.preorder() {
        let Some(gene) = doc.value(id).as_gene() else {
            continue;
        };
        if !doc.is_symbol(gene.ty, "fn") {
            continue;
        }
        let Some(params) = gene
            .children
            .iter()
            .take(2)
            .find(|&c| doc.value(c).as_array().is_some())
        else {
            continue;
        };
        let text = String::from_utf8_lossy(&src[doc.span(id)]).into_owned();
        let params_span = doc.span(params);
        let mut skip_next = false;
        for p in doc.value(params).as_array().unwrap().iter() {
            if std::mem::take(&mut skip_next) {
                continue;
            }
            let Some(written) = doc.symbol_text(p) else {
                continue;
            };
            // `^kw` names `kw`; `n:` names `n` and the next item is its type; `= 1` a default.
            let keyword = written.starts_with('^');
            let name = written.trim_start_matches('^');
            let name = match name.strip_suffix(':') {
                Some(name) => {
                    skip_next = true;
                    name
                }
                None => name,
            };
            if name == "=" {
                skip_next = true;
                continue;
            }
            let at = doc.span(p).start + usize::from(keyword);
            if reported.contains(&at) || name.starts_with('_') {
                continue;
            }
            let words = text
                .split(|c: char| !(c.is_alphanumeric() || "_-?!*<>=+".contains(c)))
                .filter(|w| *w == name)
                .count();
            let in_params = String::from_utf8_lossy(&src[params_span.clone()])
                .split(|c: char| !(c.is_alphanumeric() || "_-?!*<>=+".contains(c)))
                .filter(|w| *w == name)
                .count();
            assert!(
                words > in_params,
                "`{name}` not reported but unused in {text}"
            );
        }
    }
    found
}

#[test]
fn the_linter_runs_on_the_corpus() {
    let mut findings = 0;
    for entry in std::fs::read_dir("../benchmarks/data/corpus").unwrap() {
        let src = std::fs::read(entry.unwrap().path()).unwrap();
        findings += check_findings(&src).len();
    }
    // router.gene's `req` is used only as `req/method`: a complex symbol's first part.
    assert_eq!(findings, 0);
}

#[test]
fn the_linter_finds_exactly_the_known_cases_after_a_generated_file() {
    let generated = gene_gen::generate(&gene_gen::Config::new(5, 2000));
    let known = concat!(
        "(fn f [a b] a)\n",
        "(fn g [x] ^pre [(x > 0)] 1)\n",
        "(fn h [req] (println req/path))\n",
        "(fn k [_ignored y] y)\n",
        "(fn t [n: Int ^kw s: String d = dflt] (+ n kw))\n",
        "\"é😀\" (fn m [é u] u)\n",
        "{^k0 0 ^k1 1 ^k2 2 ^k3 3 ^k4 4 ^k5 5 ^k6 6 ^k7 7 ^k8 8 ^k9 9 ^k10 10\n",
        "  ^k11 11 ^k12 12 ^k13 13 ^k14 14 ^k15 15 ^k16 16}\n",
        "[[[[[[[[[[[[[[x]]]]]]]]]]]]]] [[[[[[[[[[[[[[y]]]]]]]]]]]]]]\n",
    );
    let src = format!("{generated}{known}");
    let found = check_findings(src.as_bytes());
    assert!(
        found.len() > 10,
        "the generated part has unused parameters too"
    );
    let lines = generated.lines().count() as u32;
    let known_found: Vec<(u32, u32, &str)> = found
        .iter()
        .filter(|f| f.offset >= generated.len())
        .map(|f| (f.line - lines, f.column, f.message.as_str()))
        .collect();
    assert_eq!(
        known_found,
        [
            (1, 10, "unused parameter `b`"),
            // Columns count characters: `é` and `😀` are one each.
            // Typed (`s: String`) and defaulted (`d = dflt`) parameters by their names.
            (5, 19, "unused parameter `s`"),
            (5, 29, "unused parameter `d`"),
            (6, 13, "unused parameter `é`"),
            // At the 17th key, `^k16`.
            (8, 43, "map with 17 entries (limit 16)"),
            // At the 14th `[`, depth 13: once per top-level form.
            (9, 14, "nesting deeper than 12 levels"),
            (9, 44, "nesting deeper than 12 levels"),
        ]
    );
    // Unused parameters of the generated part are symbols inside a `fn`'s parameter array.
    let doc = parse(src.as_bytes()).unwrap();
    let parents = doc.parents();
    for f in found.iter().filter(|f| f.message.starts_with("unused")) {
        let id = doc
            .preorder()
            .find(|&id| doc.span(id).contains(&f.offset) && doc.value(id).as_symbol().is_some())
            .unwrap();
        let array = parents.parent(id).unwrap();
        assert!(matches!(doc.value(array), Value::Array { .. }));
    }
}

/// The README's tour is examples/tour.rs, without its header, verbatim.
fn readme_tour() -> String {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("```rust\nuse gene_parser")
        .expect("the tour in README.md")
        + 8;
    let len = readme[start..].find("```").unwrap();
    readme[start..start + len].to_string()
}

#[test]
fn the_readme_tour_is_the_tour_example_and_agrees_with_the_linter() {
    let file = std::fs::read_to_string("examples/tour.rs").unwrap();
    let body: String = file
        .split_inclusive('\n')
        .skip_while(|l| l.starts_with("//!") || l == &"\n")
        .collect();
    assert_eq!(readme_tour(), body);
    // Its unused-parameter findings are the linter's for `fn` forms, parameters `_x` aside.
    let src = format!(
        "{}(fn f [a b] a)\n(fn g [x] ^pre [(x > 0)] 1)\n(fn h [req] (println req/path))\n",
        gene_gen::generate(&gene_gen::Config::new(8, 800))
    );
    let doc = parse(src.as_bytes()).unwrap();
    let mut tour = tour::Lint(Vec::new());
    doc.walk(&mut tour);
    let mut from_tour: Vec<String> = tour
        .0
        .into_iter()
        .filter(|f| f.contains("unused") && !f.contains("`_"))
        .collect();
    let parents = doc.parents();
    let fn_findings: Vec<String> = lint::lint(&doc)
        .into_iter()
        .filter(|f| f.message.starts_with("unused"))
        .filter(|f| {
            let id = doc
                .preorder()
                .find(|&id| doc.span(id).start == f.offset)
                .unwrap();
            let gene = parents.parent(parents.parent(id).unwrap()).unwrap();
            doc.is_symbol(doc.value(gene).as_gene().unwrap().ty, "fn")
        })
        .map(|f| format!("{}:{}: {}", f.line, f.column, f.message))
        .collect();
    from_tour.sort();
    let mut fn_findings = fn_findings;
    fn_findings.sort();
    assert!(fn_findings.len() > 5);
    assert_eq!(from_tour, fn_findings);
    assert!(
        from_tour
            .iter()
            .any(|f| f.ends_with("unused parameter `b`"))
    );
}

/// Definitions counted in the text: `(fn`, `(class`… followed by a space, line break or `[`
/// anywhere (none of these files has one in a string or comment), and `(var ` at the start of
/// a line.
fn definitions_in_text(src: &str) -> usize {
    let nested = ["ns", "class", "fn", "method", "macro"]
        .iter()
        .map(|k| {
            [" ", "\n", "["]
                .iter()
                .map(|after| src.matches(&format!("({k}{after}")).count())
                .sum::<usize>()
        })
        .sum::<usize>();
    nested + src.lines().filter(|l| l.starts_with("(var ")).count()
}

#[test]
fn the_outline_lists_every_definition_at_its_line() {
    let mut sources: Vec<String> = std::fs::read_dir("../benchmarks/data/corpus")
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    sources.push(gene_gen::generate(&gene_gen::Config::new(9, 1000)));
    for src in &sources {
        let doc = parse(src.as_bytes()).unwrap();
        let entries = outline::outline(&doc);
        assert_eq!(entries.len(), definitions_in_text(src));
        let lines: Vec<&str> = src.lines().collect();
        let mut last = 0;
        for entry in &entries {
            let (line, rest) = entry.split_once(": ").unwrap();
            let line: usize = line.parse().unwrap();
            let kind = rest.trim_start().split(' ').next().unwrap();
            assert!(lines[line - 1].contains(&format!("({kind}")), "{entry}");
            assert!(line >= last, "source order: {entry}");
            last = line;
        }
    }
    // Nesting: methods under their class, an anonymous `fn` under its method; a complex name
    // as written.
    let doc = parse(
        b"(class A\n  (method m []\n    (fn [x] x)))\n(var v 1)\n(fn f [] (var local 2))\n(fn $ns/g [] nil)",
    )
    .unwrap();
    assert_eq!(
        outline::outline(&doc),
        [
            "1: class A",
            "2:   method m",
            "3:     fn (anonymous)",
            "4: var v",
            "5: fn f",
            "6: fn $ns/g"
        ]
    );
}
