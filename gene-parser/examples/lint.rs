//! A small Gene linter built on the public walking API: unused parameters of `fn` and
//! `method`, nesting deeper than a limit, and maps with too many entries. Each finding is
//! printed as `file:line:col: message`.
//!
//! ```text
//! cargo run -p gene-parser --example lint -- FILE…
//! ```
//!
//! tests/api_example.rs runs [`lint`] on the committed corpus and on a generated file.

use gene_parser::{Document, NodeId, Role, SymbolId, Value, Visit, Visitor};
use std::io::Write;

/// Nesting depth past which a node is reported (once per top-level form).
pub const MAX_DEPTH: usize = 12;
/// Entries past which a map is reported.
pub const MAX_ENTRIES: usize = 16;

/// One finding: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte offset in the source.
    pub offset: usize,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// What is wrong.
    pub message: String,
}

/// Every finding of `doc`, in source order.
pub fn lint(doc: &Document) -> Vec<Finding> {
    let mut rules = Rules {
        found: Vec::new(),
        deep_reported_in: None,
    };
    doc.walk(&mut rules);
    let mut found: Vec<Finding> = rules
        .found
        .into_iter()
        .map(|(offset, message)| {
            let (line, column) = doc.line_col(offset);
            Finding {
                offset,
                line,
                column,
                message,
            }
        })
        .collect();
    found.sort_by_key(|f| f.offset);
    found
}

struct Rules {
    found: Vec<(usize, String)>,
    /// The root whose too-deep node was reported already.
    deep_reported_in: Option<NodeId>,
}

impl Visitor for Rules {
    fn enter(&mut self, doc: &Document, node: &Visit) -> bool {
        if node.role == Role::Root {
            self.deep_reported_in = None;
        }
        if node.depth > MAX_DEPTH && self.deep_reported_in.is_none() {
            self.deep_reported_in = node.parent;
            let message = format!("nesting deeper than {MAX_DEPTH} levels");
            self.found.push((doc.span(node.id).start, message));
        }
        let value = doc.value(node.id);
        if let Some(entries) = value.as_map().filter(|e| e.len() > MAX_ENTRIES) {
            let (key, _) = entries.iter().nth(MAX_ENTRIES).expect("past the limit");
            // Point at the first key past the limit when it is written in the map.
            let at = doc
                .key_span(node.id, key)
                .unwrap_or(doc.span(node.id))
                .start;
            let message = format!("map with {} entries (limit {MAX_ENTRIES})", entries.len());
            self.found.push((at, message));
        }
        if let Some(gene) = value.as_gene()
            && (doc.is_symbol(gene.ty, "fn") || doc.is_symbol(gene.ty, "method"))
        {
            self.unused_parameters(doc, node.id);
        }
        true
    }
}

impl Rules {
    /// `(fn name? [params…] body…)`: each parameter symbol that no other node of the form
    /// names (the type, properties such as `^pre`, and the body all count).
    fn unused_parameters(&mut self, doc: &Document, gene: NodeId) {
        let Some(params) = doc
            .children_of(gene)
            .filter(|c| c.role == Role::Item)
            .take(2)
            .find(|c| doc.value(c.id).as_array().is_some())
        else {
            return;
        };
        // `[a ^kw n: Int d = 1]`: `^kw` is a keyword parameter `kw`, `n:` a parameter `n`
        // whose type is the next item, and `=` gives the parameter before it a default.
        // A name absent from the symbol table is used nowhere.
        let mut names: Vec<(usize, &str, Option<SymbolId>)> = Vec::new();
        let mut skip_next = false;
        for c in doc.children_of(params.id) {
            if std::mem::take(&mut skip_next) {
                continue;
            }
            let Some(text) = doc.symbol_text(c.id) else {
                continue;
            };
            let (at, text) = match text.strip_prefix('^') {
                Some(keyword) => (doc.span(c.id).start + 1, keyword),
                None => (doc.span(c.id).start, text),
            };
            let name = match text.strip_suffix(':') {
                Some(name) => {
                    skip_next = true;
                    name
                }
                None => text,
            };
            if name == "=" {
                skip_next = true;
            } else if !name.is_empty() && !name.starts_with('_') {
                names.push((at, name, doc.symbols().get(name.as_bytes())));
            }
        }
        let declared: Vec<NodeId> = doc.descendants(params.id).collect();
        // A name is used by a symbol, or as the first part of a complex one (`req/path`).
        let used: Vec<SymbolId> = doc
            .descendants(gene)
            .filter(|id| !declared.contains(id))
            .filter_map(|id| match doc.value(id) {
                Value::Symbol(s) => Some(s),
                Value::Complex(parts) => parts.get(0),
                _ => None,
            })
            .collect();
        for (at, text, name) in names {
            if !name.is_some_and(|name| used.contains(&name)) {
                self.found.push((at, format!("unused parameter `{text}`")));
            }
        }
    }
}

#[allow(
    dead_code,
    reason = "tests/api_example.rs includes this file without its main"
)]
fn main() {
    let mut out = std::io::stdout().lock();
    let mut status = 0;
    for path in std::env::args().skip(1) {
        let src = match std::fs::read(&path) {
            Ok(src) => src,
            Err(e) => {
                eprintln!("{path}: {e}");
                status = 2;
                continue;
            }
        };
        match gene_parser::parse(&src) {
            Ok(doc) => {
                for f in lint(&doc) {
                    // A closed pipe (`| head`) ends the run quietly.
                    if writeln!(out, "{path}:{}:{}: {}", f.line, f.column, f.message).is_err() {
                        std::process::exit(status);
                    }
                }
            }
            Err(e) => {
                eprintln!("{}", e.with_path(&path));
                status = 1;
            }
        }
    }
    std::process::exit(status);
}
