//! The parsed document: a flat, index-based tree.
//!
//! All nodes live in one `Vec<Node>` (20 bytes each); child lists, property entries and other
//! variable-length payloads live in one `Vec<u32>`; cooked text (strings with escapes, byte
//! literals, regexes, zone names) lives in one `Vec<u8>`; strings without escapes borrow from
//! the source. A document therefore makes a handful of allocations however large it is, and
//! dropping it never recurses.

use crate::interner::{Interner, SymbolId};
use std::borrow::Cow;
use std::ops::Range;

/// Names one node of a [`Document`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub(crate) u32);

impl NodeId {
    /// The id as an index into the document's nodes.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The kind of a node: one per value kind of GENE_SYNTAX.md §1 (booleans split in two).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum NodeKind {
    /// `nil`
    Nil,
    /// `void`
    Void,
    /// `true`
    True,
    /// `false`
    False,
    /// `not_found`
    NotFound,
    /// A signed 64-bit integer.
    Int,
    /// A binary64 float.
    Float,
    /// One byte.
    Char,
    /// A byte string.
    Str,
    /// A symbol.
    Symbol,
    /// A symbol of two or more `/`-separated parts.
    Complex,
    /// `[…]`
    Array,
    /// `{^k v …}`
    Map,
    /// `{{…}}`
    HashMap,
    /// `(type ^k v children…)`
    Gene,
    /// `` `x ``
    Quote,
    /// `%x` or `%_x`
    Unquote,
    /// `#/p/r/f`
    Regex,
    /// `0!…`, `0#…`, `0*…`
    Bytes,
    /// `YYYY-MM-DD`
    Date,
    /// `YYYY-MM-DDTHH:MM…`
    DateTime,
    /// `HH:MM…`
    Time,
}

/// One node. `a` and `b` hold the payload; what they mean depends on `kind` (see `Value`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node {
    pub kind: NodeKind,
    pub flags: u8,
    pub start: u32,
    pub end: u32,
    pub a: u32,
    pub b: u32,
}

// The node is the hot type of the parser: keep it at 20 bytes.
const _: () = assert!(std::mem::size_of::<Node>() == 20);

impl Node {
    /// Written with `#`.
    pub const FROZEN: u8 = 1;
    /// A string whose bytes are in the source, not in the text buffer.
    pub const BORROWED: u8 = 2;
    /// `%_`
    pub const DISCARD: u8 = 4;
    /// Regex flag `i`.
    pub const IGNORE_CASE: u8 = 8;
    /// Regex flag `m`.
    pub const MULTILINE: u8 = 16;
    /// A regex with a replacement segment.
    pub const REPLACEMENT: u8 = 32;
}

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    /// 1000–9999.
    pub year: i16,
    /// 1–12.
    pub month: u8,
    /// 1–31 (not checked against the month, as in the reference).
    pub day: u8,
}

/// A time of day with its offset and zone name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Time<'a> {
    /// 0–23.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
    /// 0–59.
    pub second: u8,
    /// 0–999,999.
    pub micros: u32,
    /// Offset from UTC in minutes.
    pub offset_min: i16,
    /// Zone name: empty, `UTC` (from `Z`), or a `[Area/City]` name.
    pub zone: &'a [u8],
}

/// A borrowed view of one node, as the value model of GENE_SYNTAX.md §1 describes it.
#[derive(Clone, Copy, Debug)]
pub enum Value<'a> {
    /// `nil`
    Nil,
    /// `void`
    Void,
    /// `true` / `false`
    Bool(bool),
    /// `not_found`
    NotFound,
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A one-byte character.
    Char(u8),
    /// A byte string.
    Str(&'a [u8]),
    /// A symbol.
    Symbol(SymbolId),
    /// A complex symbol's parts (two or more, possibly empty).
    Complex(Ids<'a, SymbolId>),
    /// An array.
    Array {
        /// The elements.
        items: Ids<'a, NodeId>,
        /// Written `#[…]`.
        frozen: bool,
    },
    /// A map with unique keys.
    Map {
        /// The entries, in insertion order.
        entries: Entries<'a>,
        /// Written `#{…}`.
        frozen: bool,
    },
    /// A hash map: a flat list of items.
    HashMap {
        /// The items.
        items: Ids<'a, NodeId>,
        /// Written `#{{…}}`.
        frozen: bool,
    },
    /// A gene.
    Gene {
        /// The type (the first element).
        ty: NodeId,
        /// The properties, with unique keys.
        props: Entries<'a>,
        /// The children.
        children: Ids<'a, NodeId>,
        /// Written `#(…)`.
        frozen: bool,
    },
    /// `` `x ``
    Quote(NodeId),
    /// `%x` (or `%_x` when `discard`).
    Unquote {
        /// The unquoted value.
        value: NodeId,
        /// Written `%_`.
        discard: bool,
    },
    /// A regex literal (not compiled).
    Regex {
        /// Pattern bytes, escapes cooked.
        pattern: &'a [u8],
        /// Flag `i`.
        ignore_case: bool,
        /// Flag `m`.
        multiline: bool,
        /// The replacement segment, if one was written (possibly empty).
        replacement: Option<&'a [u8]>,
    },
    /// A byte literal.
    Bytes(&'a [u8]),
    /// A date.
    Date(Date),
    /// A datetime.
    DateTime(Date, Time<'a>),
    /// A time.
    Time(Time<'a>),
}

/// A list of ids stored in the document (children, items, complex-symbol parts).
#[derive(Clone, Copy, Debug)]
pub struct Ids<'a, T> {
    raw: &'a [u32],
    wrap: fn(u32) -> T,
}

impl<'a, T: 'a> Ids<'a, T> {
    /// Number of ids.
    pub fn len(&self) -> usize {
        self.raw.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// The `i`-th id.
    pub fn get(&self, i: usize) -> Option<T> {
        self.raw.get(i).map(|&r| (self.wrap)(r))
    }

    /// The ids in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = T> + 'a {
        let wrap = self.wrap;
        self.raw.iter().map(move |&r| wrap(r))
    }
}

/// Property or map entries: `(key, value)` pairs with unique keys, in insertion order.
#[derive(Clone, Copy, Debug)]
pub struct Entries<'a> {
    raw: &'a [u32],
}

impl<'a> Entries<'a> {
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.raw.len() / 2
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// The entries in insertion order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (SymbolId, NodeId)> + 'a {
        self.raw
            .chunks_exact(2)
            .map(|p| (SymbolId(p[0]), NodeId(p[1])))
    }
}

/// Sizes of a document's storage (see [`Document::storage`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Storage {
    /// Number of nodes.
    pub nodes: usize,
    /// Bytes used by the nodes (20 per node).
    pub node_bytes: usize,
    /// Words of child lists, entries and other payloads.
    pub extra_words: usize,
    /// Bytes of cooked text (strings with escapes, byte literals, regexes, zone names).
    pub text_bytes: usize,
    /// Distinct symbols and keys.
    pub symbols: usize,
    /// Heap bytes held, capacities included.
    pub heap_bytes: usize,
}

/// The storage of a parsed document, without the source it refers to. Offsets in it are
/// relative to the start of the text it was parsed from, so it can be kept apart from that
/// text and re-attached (the incremental document keeps one per top-level form).
#[derive(Clone, Default)]
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
    pub extra: Vec<u32>,
    pub text: Vec<u8>,
    pub symbols: Interner,
    pub roots: Vec<NodeId>,
    pub token_count: usize,
}

/// A parsed Gene document: the top-level values and everything they hold.
#[derive(Clone)]
pub struct Document<'src> {
    pub(crate) src: &'src [u8],
    pub(crate) tree: Cow<'src, Tree>,
}

impl<'src> Document<'src> {
    /// The source the document was parsed from.
    pub fn source(&self) -> &'src [u8] {
        self.src
    }

    /// The top-level values, in input order.
    pub fn roots(&self) -> &[NodeId] {
        &self.tree.roots
    }

    /// Number of nodes built. A few may be unreachable (see ARCHITECTURE.md, "key paths").
    pub fn node_count(&self) -> usize {
        self.tree.nodes.len()
    }

    /// Number of tokens read; equal to `Lexer::new(src).count()` for a document that parsed.
    pub fn token_count(&self) -> usize {
        self.tree.token_count
    }

    /// The symbol table: every symbol name and property key.
    pub fn symbols(&self) -> &Interner {
        &self.tree.symbols
    }

    /// The kind of a node.
    pub fn kind(&self, id: NodeId) -> NodeKind {
        self.tree.nodes[id.index()].kind
    }

    /// The byte range of a node in the source (for a gene, from its `(` to its `)`).
    pub fn span(&self, id: NodeId) -> Range<usize> {
        let n = &self.tree.nodes[id.index()];
        n.start as usize..n.end as usize
    }

    /// What the document stores, for memory reports.
    pub fn storage(&self) -> Storage {
        Storage {
            nodes: self.tree.nodes.len(),
            node_bytes: self.tree.nodes.len() * size_of::<Node>(),
            extra_words: self.tree.extra.len(),
            text_bytes: self.tree.text.len(),
            symbols: self.tree.symbols.len(),
            heap_bytes: self.heap_bytes(),
        }
    }

    /// Heap bytes held by the document (capacities, not lengths).
    pub fn heap_bytes(&self) -> usize {
        self.tree.nodes.capacity() * size_of::<Node>()
            + self.tree.extra.capacity() * 4
            + self.tree.text.capacity()
            + self.tree.roots.capacity() * 4
            + self.tree.symbols.heap_bytes()
    }

    fn ids<T>(&self, start: u32, len: u32, wrap: fn(u32) -> T) -> Ids<'_, T> {
        Ids {
            raw: &self.tree.extra[start as usize..(start + len) as usize],
            wrap,
        }
    }

    fn entries(&self, start: u32, count: u32) -> Entries<'_> {
        Entries {
            raw: &self.tree.extra[start as usize..(start + 2 * count) as usize],
        }
    }

    fn text_at(&self, start: u32, len: u32) -> &[u8] {
        &self.tree.text[start as usize..(start + len) as usize]
    }

    /// A view of one node.
    pub fn value(&self, id: NodeId) -> Value<'_> {
        let n = self.tree.nodes[id.index()];
        let frozen = n.flags & Node::FROZEN != 0;
        match n.kind {
            NodeKind::Nil => Value::Nil,
            NodeKind::Void => Value::Void,
            NodeKind::True => Value::Bool(true),
            NodeKind::False => Value::Bool(false),
            NodeKind::NotFound => Value::NotFound,
            NodeKind::Int => Value::Int((n.a as u64 | (n.b as u64) << 32) as i64),
            NodeKind::Float => Value::Float(f64::from_bits(n.a as u64 | (n.b as u64) << 32)),
            NodeKind::Char => Value::Char(n.a as u8),
            NodeKind::Str if n.flags & Node::BORROWED != 0 => {
                Value::Str(&self.src[n.a as usize..(n.a + n.b) as usize])
            }
            NodeKind::Str => Value::Str(self.text_at(n.a, n.b)),
            NodeKind::Symbol => Value::Symbol(SymbolId(n.a)),
            NodeKind::Complex => Value::Complex(self.ids(n.a, n.b, SymbolId)),
            NodeKind::Array => Value::Array {
                items: self.ids(n.a, n.b, NodeId),
                frozen,
            },
            NodeKind::HashMap => Value::HashMap {
                items: self.ids(n.a, n.b, NodeId),
                frozen,
            },
            NodeKind::Map => Value::Map {
                entries: self.entries(n.a, n.b),
                frozen,
            },
            NodeKind::Gene => {
                let at = n.a;
                let (ty, props, children) = (
                    self.tree.extra[at as usize],
                    n.b,
                    self.tree.extra[at as usize + 1],
                );
                Value::Gene {
                    ty: NodeId(ty),
                    props: self.entries(at + 2, props),
                    children: self.ids(at + 2 + 2 * props, children, NodeId),
                    frozen,
                }
            }
            NodeKind::Quote => Value::Quote(NodeId(n.a)),
            NodeKind::Unquote => Value::Unquote {
                value: NodeId(n.a),
                discard: n.flags & Node::DISCARD != 0,
            },
            NodeKind::Regex => {
                let x = &self.tree.extra[n.a as usize..n.a as usize + 4];
                Value::Regex {
                    pattern: self.text_at(x[0], x[1]),
                    ignore_case: n.flags & Node::IGNORE_CASE != 0,
                    multiline: n.flags & Node::MULTILINE != 0,
                    replacement: (n.flags & Node::REPLACEMENT != 0)
                        .then(|| self.text_at(x[2], x[3])),
                }
            }
            NodeKind::Bytes => Value::Bytes(self.text_at(n.a, n.b)),
            NodeKind::Date => Value::Date(unpack_date(n.a)),
            NodeKind::DateTime => {
                let x = &self.tree.extra[n.a as usize..n.a as usize + 6];
                Value::DateTime(unpack_date(x[0]), self.unpack_time(x))
            }
            NodeKind::Time => {
                let x = &self.tree.extra[n.a as usize..n.a as usize + 6];
                Value::Time(self.unpack_time(x))
            }
        }
    }

    fn unpack_time(&self, x: &[u32]) -> Time<'_> {
        Time {
            hour: x[1] as u8,
            minute: (x[1] >> 8) as u8,
            second: (x[1] >> 16) as u8,
            micros: x[2],
            offset_min: x[3] as u16 as i16,
            zone: self.text_at(x[4], x[5]),
        }
    }
}

pub(crate) fn pack_date(year: i16, month: u8, day: u8) -> u32 {
    year as u16 as u32 | (month as u32) << 16 | (day as u32) << 24
}

fn unpack_date(x: u32) -> Date {
    Date {
        year: x as u16 as i16,
        month: (x >> 16) as u8,
        day: (x >> 24) as u8,
    }
}

impl std::fmt::Debug for Document<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("forms", &self.tree.roots.len())
            .field("nodes", &self.tree.nodes.len())
            .field("tokens", &self.tree.token_count)
            .field("symbols", &self.tree.symbols.len())
            .finish()
    }
}
