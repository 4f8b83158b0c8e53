//! The tour of the crate README: a small linter (unused `fn` parameters, deep nesting).
//! tests/api_example.rs checks that the README shows this file and runs it.

use gene_parser::{Document, Value, Visit, Visitor};

/// Findings as `line:col: message`.
pub struct Lint(pub Vec<String>);

impl Visitor for Lint {
    fn enter(&mut self, doc: &Document, node: &Visit) -> bool {
        let (line, col) = doc.line_col(doc.span(node.id).start);
        if node.depth > 12 {
            self.0.push(format!("{line}:{col}: nesting deeper than 12"));
            return false; // one finding per deep subtree
        }
        let Some(gene) = doc.value(node.id).as_gene() else {
            return true;
        };
        let params = gene
            .children
            .iter()
            .find(|&c| doc.value(c).as_array().is_some());
        let (true, Some(params)) = (doc.is_symbol(gene.ty, "fn"), params) else {
            return true;
        };
        for param in doc.children_of(params) {
            let Some(name) = doc.value(param.id).as_symbol() else {
                continue;
            };
            // Every symbol of the form counts, `^pre [...]` and `name/field` included.
            let uses = doc.descendants(node.id).filter(|&id| match doc.value(id) {
                Value::Symbol(s) => s == name,
                Value::Complex(parts) => parts.get(0) == Some(name),
                _ => false,
            });
            if uses.count() == 1 {
                let (line, col) = doc.line_col(doc.span(param.id).start);
                let text = doc.symbol_text(param.id).unwrap_or("?");
                self.0
                    .push(format!("{line}:{col}: unused parameter `{text}`"));
            }
        }
        true
    }
}

#[allow(dead_code, reason = "tests include this file without calling main")]
fn main() {
    for path in std::env::args().skip(1) {
        let src = std::fs::read(&path).unwrap_or_default();
        match gene_parser::parse(&src) {
            Ok(doc) => {
                let mut lint = Lint(Vec::new());
                doc.walk(&mut lint);
                lint.0.iter().for_each(|f| println!("{path}:{f}"));
            }
            Err(e) => eprintln!("{}", e.with_path(&path)),
        }
    }
}
