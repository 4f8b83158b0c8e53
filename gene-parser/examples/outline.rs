//! An outline of Gene files: every `ns`, `class`, `fn`, `method`, `macro` and top-level `var`
//! with its line, nested under the definition that holds it. Built on `Document::walk`.
//!
//! ```text
//! cargo run -p gene-parser --example outline -- FILE…
//! ```
//!
//! tests/api_example.rs runs [`outline`] on the committed corpus and a generated file.

use gene_parser::{Document, Role, Value, Visit, Visitor};
use std::borrow::Cow;

/// Forms that define something worth an outline entry.
const DEFINERS: [&str; 6] = ["ns", "class", "fn", "method", "macro", "var"];

/// One entry per definition, in source order: `line: <indent>kind name`, two spaces of
/// indent per enclosing definition.
pub fn outline(doc: &Document) -> Vec<String> {
    let mut outliner = Outliner {
        lines: Vec::new(),
        open: Vec::new(),
    };
    doc.walk(&mut outliner);
    outliner.lines
}

struct Outliner {
    lines: Vec<String>,
    /// The definitions enclosing the node being visited.
    open: Vec<gene_parser::NodeId>,
}

impl Visitor for Outliner {
    fn enter(&mut self, doc: &Document, node: &Visit) -> bool {
        let Some(gene) = doc.value(node.id).as_gene() else {
            return true;
        };
        let Some(kind) = DEFINERS.iter().find(|k| doc.is_symbol(gene.ty, k)) else {
            return true;
        };
        // `var` only at the top level: local variables are not part of an outline.
        if *kind == "var" && node.role != Role::Root {
            return true;
        }
        // The name as written: a symbol, or a complex one (`$ns/get_db`, `Point/new`).
        let name = gene
            .children
            .get(0)
            .filter(|&c| matches!(doc.value(c), Value::Symbol(_) | Value::Complex(_)))
            .map_or(Cow::Borrowed("(anonymous)"), |c| {
                String::from_utf8_lossy(&doc.source()[doc.span(c)])
            });
        let (line, _) = doc.line_col(doc.span(node.id).start);
        let indent = "  ".repeat(self.open.len());
        self.lines.push(format!("{line}: {indent}{kind} {name}"));
        self.open.push(node.id);
        true
    }

    fn leave(&mut self, _: &Document, node: &Visit) {
        if self.open.last() == Some(&node.id) {
            self.open.pop();
        }
    }
}

#[allow(
    dead_code,
    reason = "tests/api_example.rs includes this file without its main"
)]
fn main() {
    for path in std::env::args().skip(1) {
        let src = std::fs::read(&path).unwrap_or_default();
        match gene_parser::parse(&src) {
            Ok(doc) => outline(&doc).iter().for_each(|l| println!("{path}:{l}")),
            Err(e) => eprintln!("{}", e.with_path(&path)),
        }
    }
}
