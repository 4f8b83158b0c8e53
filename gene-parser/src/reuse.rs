//! Buffers a program keeps across parses: [`Buffers`] parses into the arrays of the documents
//! handed back to it, so a program that parses many files allocates a document's arrays once
//! instead of once per file.
//!
//! A parse through [`Buffers`] runs the same parser as [`parse`](crate::parse) over arrays that
//! are cleared first and reserved to the same first guesses, so it makes the same document:
//! same nodes, entries, cooked text, symbol ids (first-seen order from 0) and errors. Only the
//! capacities, and so [`Document::heap_bytes`], may be larger. `tests/reuse.rs` checks the
//! sameness on generated files and the conformance vectors, and the root crate's
//! `tests/reuse_memory.rs` counts the allocations saved.

use crate::ast::{Document, Tree};
use crate::error::Error;
use crate::parser::{ParseOptions, Parser};
use std::borrow::Cow;

/// Parse storage a program keeps across parses: [`parse`](Buffers::parse) borrows the arrays
/// of the last document given back with [`recycle`](Buffers::recycle).
///
/// A document borrows its source, so the buffers cannot hold on to documents; instead the
/// caller hands each finished document back. A document never given back simply keeps its
/// storage (the next parse allocates afresh), and so does a parse that fails: an error drops
/// the arrays it was writing into.
///
/// ```
/// let mut bufs = gene_parser::Buffers::new();
/// for src in [&b"(a 1)"[..], b"(b [2 3])", b"(c ^k v)"] {
///     let doc = bufs.parse(src).unwrap();
///     assert_eq!(doc.dump(), gene_parser::parse(src).unwrap().dump());
///     bufs.recycle(doc);
/// }
/// ```
#[derive(Default)]
pub struct Buffers {
    /// Arrays of a recycled document (cleared when the next parse takes them).
    spare: Tree,
    options: ParseOptions,
}

impl Buffers {
    /// Empty buffers with the default options: the first parse allocates as
    /// [`parse`](crate::parse) does.
    ///
    /// ```
    /// let bufs = gene_parser::Buffers::new();
    /// assert_eq!(bufs.heap_bytes(), 0);
    /// ```
    pub fn new() -> Buffers {
        Buffers::default()
    }

    /// Empty buffers whose parses use `options`, as [`parse_with`](crate::parse_with) does.
    ///
    /// ```
    /// use gene_parser::{Buffers, ErrorKind, ParseOptions};
    /// let mut bufs = Buffers::with_options(ParseOptions { max_depth: 2 });
    /// let error = bufs.parse(b"[[[1]]]").unwrap_err();
    /// assert_eq!(error.kind(), ErrorKind::NestingTooDeep);
    /// ```
    pub fn with_options(options: ParseOptions) -> Buffers {
        Buffers {
            spare: Tree::default(),
            options,
        }
    }

    /// Parses a whole document into the recycled arrays: the same document, or the same
    /// error, as [`parse_with`](crate::parse_with) with these buffers' options.
    ///
    /// ```
    /// let mut bufs = gene_parser::Buffers::new();
    /// let src = b"(fn add [a b] (a + b))";
    /// let doc = bufs.parse(src).unwrap();
    /// assert_eq!(doc.node_count(), gene_parser::parse(src).unwrap().node_count());
    /// bufs.recycle(doc);
    /// let doc = bufs.parse(b"(x)").unwrap();
    /// assert_eq!(doc.dump(), "(x)\n");
    /// ```
    pub fn parse<'src>(&mut self, src: &'src [u8]) -> Result<Document<'src>, Error> {
        let mut spare = std::mem::take(&mut self.spare);
        let mut roots = std::mem::take(&mut spare.roots);
        roots.clear();
        Parser::reusing(src, &self.options, spare).parse_document_into(roots)
    }

    /// Takes back the storage of `doc` for the next parse. Of two documents given back in a
    /// row, the one with the larger node array is kept; a document that borrows its storage
    /// (from an [`IncrementalDocument`](crate::IncrementalDocument)) has none to give.
    ///
    /// ```
    /// let mut bufs = gene_parser::Buffers::new();
    /// let doc = bufs.parse(b"(a b c)").unwrap();
    /// bufs.recycle(doc);
    /// assert!(bufs.heap_bytes() > 0);
    /// ```
    pub fn recycle(&mut self, doc: Document<'_>) {
        if let Cow::Owned(tree) = doc.tree
            && tree.nodes.capacity() >= self.spare.nodes.capacity()
        {
            self.spare = tree;
        }
    }

    /// Heap bytes held for the next parse (capacities of the recycled arrays).
    ///
    /// ```
    /// let mut bufs = gene_parser::Buffers::new();
    /// let doc = bufs.parse(b"(a b c)").unwrap();
    /// let held = doc.heap_bytes();
    /// bufs.recycle(doc);
    /// assert_eq!(bufs.heap_bytes(), held);
    /// ```
    pub fn heap_bytes(&self) -> usize {
        self.spare.heap_bytes()
    }
}
