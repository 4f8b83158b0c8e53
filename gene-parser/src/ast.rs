//! The parsed document: a flat, index-based tree.
//!
//! All nodes live in one `Vec<Node>` of 16-byte slots, in pre-order: a container is followed
//! by its whole subtree, so there are no child lists. Property entries, wide numbers and
//! other variable-length payloads live in one `Vec<u32>`; cooked text (strings with escapes,
//! byte literals, regexes, zone names) lives in one `Vec<u8>`; strings without escapes borrow
//! from the source. A document therefore makes a handful of allocations however large it is,
//! and dropping it never recurses.

mod keys;
mod walk;

pub use keys::Gene;
pub use walk::{Child, Descendants, ParentMap, Role, Visit, Visitor};

use crate::interner::{Interner, SymbolId};
use crate::line_index::LineIndex;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// Names one node of a [`Document`].
///
/// Ids are indices into the document's node array, which is in pre-order by source position
/// with one exception: the parts of a `;` chain. `(a b; c)` is the gene `((a b) c)`, and the
/// inner gene `(a b)` (the chained gene's type) lies *before* the chained gene, so the
/// outer gene has the larger id although both start at the same `(`. Use
/// [`Document::children_of`] (source order) or [`Document::descendants`] (pre-order of the
/// tree, parents before children) rather than id order when order matters.
///
/// An id is only meaningful for the document that made it, and carries that document's tag
/// (8 bytes in all: the index and the tag). Every accessor that takes an id ([`Document::value`],
/// [`Document::span`], [`Document::kind`], [`Document::children_of`], [`ParentMap::parent`],
/// …) compares the tags, in release builds too, and panics with a message that starts with
/// `NodeId from another document` when they differ, whatever the index. Tags are handed
/// out when a parse makes a document: a [clone](Clone) shares its original's tag (it has the
/// same nodes), the document of a [`Buffers`](crate::Buffers) parse gets a new one although
/// its storage is recycled, and each form of an
/// [`IncrementalDocument`](crate::IncrementalDocument) keeps the tag of the parse that made
/// it until an edit parses it again. Tags come from one process-wide 32-bit counter, so
/// after 2^32 − 1 documents a tag is handed out again: an id kept that long could be taken
/// for an id of a new document (see ARCHITECTURE.md, "Node ids").
///
/// ```should_panic
/// let a = gene_parser::parse(b"(f x)").unwrap();
/// let b = gene_parser::parse(b"(g y)").unwrap();
/// let root_of_a = a.roots().get(0).unwrap();
/// b.value(root_of_a); // panics: NodeId from another document
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId {
    /// The slot index (with the `NIL_TYPE` bit for the nil type of `()`).
    index: u32,
    /// The tag of the document that made it.
    doc: u32,
}

// Index and tag: twice a stored index, and still one register.
const _: () = assert!(std::mem::size_of::<NodeId>() == 8);

impl NodeId {
    /// The id as an index into the document's nodes. The nil type of an empty gene `()` has
    /// no slot of its own: its id is past every index (at 2^31 and up).
    ///
    /// ```
    /// let doc = gene_parser::parse(b"[a b]").unwrap();
    /// let ids: Vec<usize> = doc.preorder().map(|id| id.index()).collect();
    /// assert_eq!(ids, [0, 1, 2]);
    /// ```
    pub fn index(self) -> usize {
        self.index as usize
    }
}

/// A node's slot index as the parser and the tree store it: a [`NodeId`] without its document
/// tag, so that node arrays, entry words and the roots list stay 4 bytes an id. Ids get their
/// tag when they leave the document through the public API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(transparent)]
pub(crate) struct RawId(pub(crate) u32);

impl RawId {
    /// The id as an index into the node array.
    #[inline]
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }
}

/// The next document tag: never 0 (the tag of a tree no parse made), wrapping after 2^32 − 1
/// tags.
fn next_tag() -> u32 {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    loop {
        let tag = NEXT.fetch_add(1, Ordering::Relaxed);
        if tag != 0 {
            return tag;
        }
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

/// One slot of the document's node array, in pre-order: a container is followed by its whole
/// subtree, so building a document never copies child lists, and a document is one array of
/// 16-byte slots plus a small side table (`extra`) for the rare payloads that do not fit.
///
/// What `a` and `count` hold depends on `kind` (see [`Document::value`]):
/// - containers (arrays, maps, hash maps, genes, quotes, unquotes): `a` is the size of the
///   subtree in slots (the container included), `count` the number of positional children,
///   saturated at `u16::MAX`;
/// - borrowed strings: `a` is where the text starts in the source, `count` how many bytes of
///   the span follow the text (closing quotes);
/// - symbols: the symbol id; small integers, characters and dates: the value itself;
/// - everything else: an index into `extra`.
///
/// Two kinds of auxiliary slot (flag [`Node::AUX`]) hold structure instead of values; their
/// `a` is 1 so that walking siblings steps over them:
/// - an entries record (kind `Map`, also [`Node::HIDDEN`]) is the last slot of a gene or map
///   with properties: `start` indexes its `(key, value)` pairs in `extra`, `end` counts them;
/// - a reference (kind `Gene`) stands in a chained gene's type slot: `start` is the id of
///   the gene the `;` closed, which lies just before the chained gene, hidden. Only chained
///   genes whose type lies 65,535 slots back or more have one; nearer ones carry
///   [`Node::CHAINED`] and that distance in `count` (their children are counted by walking),
///   so that a `;` costs one slot, not two.
///
/// An empty gene `()` is one slot with [`Node::EMPTY`]: its nil type has no slot of its own
/// (runs of `()` are the densest common input, and a second slot would double their cost), and
/// [`Document::value`] names that type with the id [`nil_type_of`] makes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node {
    pub start: u32,
    pub end: u32,
    pub a: u32,
    pub kind: NodeKind,
    pub flags: u8,
    pub count: u16,
}

// The node is the hot type of the parser: keep it at 16 bytes.
const _: () = assert!(std::mem::size_of::<Node>() == 16);

impl Node {
    /// Written with `#`.
    pub const FROZEN: u8 = 1;
    /// A string whose bytes are in the source, not in the text buffer.
    pub const BORROWED: u8 = 2;
    /// An integer that does not fit in 32 bits: its two words are in `extra`.
    pub const WIDE: u8 = 2;
    /// A gene or map whose last slot is an entries record.
    pub const HAS_ENTRIES: u8 = 2;
    /// `%_`
    pub const DISCARD: u8 = 4;
    /// A gene written `()`: no type slot follows it (see the type's documentation).
    pub const EMPTY: u8 = 4;
    /// A chained gene whose type is the gene `count` slots before it (see the type's
    /// documentation).
    pub const CHAINED: u8 = 8;
    /// Regex flag `i`.
    pub const IGNORE_CASE: u8 = 8;
    /// Regex flag `m`.
    pub const MULTILINE: u8 = 16;
    /// A regex with a replacement segment.
    pub const REPLACEMENT: u8 = 32;
    /// Not a positional child of the container it lies in: a property value (reached through
    /// the entries), a chained gene's inner part, or a value a later write replaced.
    pub const HIDDEN: u8 = 64;
    /// An auxiliary slot, not a value (see the type's documentation).
    pub const AUX: u8 = 128;

    /// Where a borrowed string's text is in the source: from `a` to the end of the span, less
    /// the closing quotes.
    #[inline]
    pub fn borrowed_text(&self) -> Range<usize> {
        self.a as usize..(self.end - u32::from(self.count)) as usize
    }

    /// Slots taken by this node and its subtree.
    #[inline]
    pub fn size(&self) -> u32 {
        if is_container(self.kind) { self.a } else { 1 }
    }
}

/// Where the cooked text recorded as an `(offset, length)` pair at `extra[at]` is in the text
/// buffer.
#[inline]
pub(crate) fn cooked_text(extra: &[u32], at: u32) -> Range<usize> {
    let x = &extra[at as usize..at as usize + 2];
    text_range(x[0], x[1])
}

fn text_range(offset: u32, len: u32) -> Range<usize> {
    offset as usize..(offset + len) as usize
}

/// The `(key, value)` words of the gene or map at `id`, from the entries record that ends its
/// subtree (none without [`Node::HAS_ENTRIES`]).
pub(crate) fn entry_words<'a>(nodes: &[Node], extra: &'a [u32], id: RawId) -> &'a [u32] {
    let node = &nodes[id.index()];
    if node.flags & Node::HAS_ENTRIES == 0 {
        return &[];
    }
    let record = &nodes[(id.0 + node.a - 1) as usize];
    &extra[record.start as usize..(record.start + 2 * record.end) as usize]
}

/// Marks the id of an empty gene's nil type: the gene's own id with this bit set. Node ids stay
/// below it, as the parser's entry words already require (see `MAX_INPUT_LEN`).
const NIL_TYPE: u32 = 1 << 31;

/// The id that stands for the nil type of the empty gene `gene`.
fn nil_type_of(gene: NodeId) -> NodeId {
    NodeId {
        index: gene.index | NIL_TYPE,
        doc: gene.doc,
    }
}

/// Whether nodes of `kind` are followed by their subtree (and `a` holds its size).
#[inline]
pub(crate) fn is_container(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Array
            | NodeKind::Map
            | NodeKind::HashMap
            | NodeKind::Gene
            | NodeKind::Quote
            | NodeKind::Unquote
    )
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
///
/// `==` compares scalars by value (floats as `f64`, so NaN is unequal to itself) and
/// containers by the ids they hold: two views of one document are equal when they are the same
/// scalar or hold the same nodes (two empty arrays are equal; `[1]` and another `[1]` are
/// not). For deep equality of two nodes compare [`Document::dump_value`]s.
///
/// ```
/// use gene_parser::Value;
/// let doc = gene_parser::parse(b"[1 nil] [1 nil]").unwrap();
/// let (a, b) = (doc.roots().get(0).unwrap(), doc.roots().get(1).unwrap());
/// let items = doc.value(a).as_array().unwrap();
/// assert_eq!(doc.value(items.get(0).unwrap()), Value::Int(1));
/// assert_eq!(doc.value(items.get(1).unwrap()), Value::Nil);
/// assert_eq!(doc.value(a), doc.value(a));
/// assert_ne!(doc.value(a), doc.value(b)); // other nodes
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
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
        items: Children<'a>,
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
        items: Children<'a>,
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
        children: Children<'a>,
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

/// A list of ids stored in the document (the parts of a complex symbol).
#[derive(Clone, Copy, Debug)]
pub struct Ids<'a, T> {
    raw: &'a [u32],
    wrap: fn(u32) -> T,
}

/// Equal when the ids are.
impl<T> PartialEq for Ids<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
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

/// The positional children of a container (array or hash-map items, gene children), in
/// order. The children follow their container in the document's pre-order node array, so
/// [`iter`](Children::iter) walks them, stepping over each child's subtree and over property
/// values.
#[derive(Clone, Copy, Debug)]
pub struct Children<'a> {
    nodes: &'a [Node],
    /// The document's tag, for the ids handed out.
    doc: u32,
    first: u32,
    /// One past the container's last slot.
    end: u32,
    len: u32,
}

/// Equal when they hold the same nodes, in the same order.
impl PartialEq for Children<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl<'a> Children<'a> {
    fn new(nodes: &'a [Node], doc: u32, first: u32, end: u32, count: u16) -> Children<'a> {
        let mut children = Children {
            nodes,
            doc,
            first,
            end,
            len: 0,
        };
        children.len = if count == u16::MAX {
            // Saturated: more children than a slot can count, so count them once.
            children.len = u32::MAX;
            children.iter().fold(0, |n, _| n + 1)
        } else {
            u32::from(count)
        };
        children
    }

    /// Number of children.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The `i`-th child (walks `i` siblings).
    pub fn get(&self, i: usize) -> Option<NodeId> {
        self.iter().nth(i)
    }

    /// The children in order.
    pub fn iter(&self) -> ChildIter<'a> {
        ChildIter {
            nodes: self.nodes,
            doc: self.doc,
            pos: self.first,
            end: self.end,
            left: self.len,
        }
    }
}

/// Iterator over [`Children`].
#[derive(Clone, Debug)]
pub struct ChildIter<'a> {
    nodes: &'a [Node],
    doc: u32,
    pos: u32,
    end: u32,
    left: u32,
}

impl Iterator for ChildIter<'_> {
    type Item = NodeId;

    #[inline]
    fn next(&mut self) -> Option<NodeId> {
        while self.pos < self.end {
            let here = self.pos;
            let node = &self.nodes[here as usize];
            self.pos += node.size();
            if node.flags & Node::HIDDEN == 0 {
                self.left = self.left.saturating_sub(1);
                return Some(NodeId {
                    index: here,
                    doc: self.doc,
                });
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left as usize, Some(self.left as usize))
    }
}

impl ExactSizeIterator for ChildIter<'_> {}

/// Property or map entries: `(key, value)` pairs with unique keys, in insertion order. Equal
/// when they hold the same keys and value nodes in the same order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entries<'a> {
    /// `(key, value)` words.
    pub(crate) raw: &'a [u32],
    /// The document's tag, for the value ids handed out.
    pub(crate) doc: u32,
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
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (SymbolId, NodeId)> + use<'a> {
        let doc = self.doc;
        self.raw
            .chunks_exact(2)
            .map(move |p| (SymbolId(p[0]), NodeId { index: p[1], doc }))
    }
}

/// The top-level values of a document, in input order (see [`Document::roots`]). The
/// document stores them as bare indices; this view tags each id on the way out.
///
/// ```
/// let doc = gene_parser::parse(b"a b c").unwrap();
/// let roots = doc.roots();
/// assert_eq!((roots.len(), roots.is_empty()), (3, false));
/// assert_eq!(roots.first(), roots.get(0));
/// assert_eq!(roots.last(), roots.get(2));
/// assert_eq!(roots.get(3), None);
/// let backwards: Vec<_> = roots.iter().rev().map(|id| doc.symbol_text(id)).collect();
/// assert_eq!(backwards, [Some("c"), Some("b"), Some("a")]);
/// for id in roots {
///     assert!(doc.symbol_text(id).is_some());
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Roots<'a> {
    raw: &'a [RawId],
    doc: u32,
}

impl<'a> Roots<'a> {
    /// Number of top-level values.
    pub fn len(&self) -> usize {
        self.raw.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// The `i`-th top-level value.
    pub fn get(&self, i: usize) -> Option<NodeId> {
        self.raw.get(i).map(|r| self.tag(*r))
    }

    /// The first top-level value.
    pub fn first(&self) -> Option<NodeId> {
        self.get(0)
    }

    /// The last top-level value.
    pub fn last(&self) -> Option<NodeId> {
        self.raw.last().map(|r| self.tag(*r))
    }

    /// The top-level values in order.
    pub fn iter(&self) -> RootIter<'a> {
        RootIter {
            raw: self.raw.iter(),
            doc: self.doc,
        }
    }

    fn tag(&self, raw: RawId) -> NodeId {
        NodeId {
            index: raw.0,
            doc: self.doc,
        }
    }
}

/// The list of ids.
impl std::fmt::Debug for Roots<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for Roots<'a> {
    type Item = NodeId;
    type IntoIter = RootIter<'a>;

    fn into_iter(self) -> RootIter<'a> {
        self.iter()
    }
}

/// Iterator over [`Roots`], front to back or back to front.
#[derive(Clone, Debug)]
pub struct RootIter<'a> {
    raw: std::slice::Iter<'a, RawId>,
    doc: u32,
}

impl Iterator for RootIter<'_> {
    type Item = NodeId;

    #[inline]
    fn next(&mut self) -> Option<NodeId> {
        let doc = self.doc;
        self.raw.next().map(|r| NodeId { index: r.0, doc })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.raw.size_hint()
    }
}

impl DoubleEndedIterator for RootIter<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<NodeId> {
        let doc = self.doc;
        self.raw.next_back().map(|r| NodeId { index: r.0, doc })
    }
}

impl ExactSizeIterator for RootIter<'_> {}

impl std::iter::FusedIterator for RootIter<'_> {}

/// Sizes of a document's storage (see [`Document::storage`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Storage {
    /// Number of nodes.
    pub nodes: usize,
    /// Bytes used by the node slots (16 each, auxiliary slots included).
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
    /// Raw ids: [`Document::roots`] tags them on the way out.
    pub roots: Vec<RawId>,
    pub token_count: usize,
    /// Auxiliary slots among `nodes` (entries records and references), not values.
    pub aux_nodes: usize,
    /// The tag of the document made of this tree (0 until [`Document::new`] gives one).
    pub tag: u32,
}

impl Tree {
    /// Heap bytes held (capacities, not lengths).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.nodes.capacity() * size_of::<Node>()
            + self.extra.capacity() * 4
            + self.text.capacity()
            + self.roots.capacity() * 4
            + self.symbols.heap_bytes()
    }
}

/// A parsed Gene document: the top-level values and everything they hold.
#[derive(Clone)]
pub struct Document<'src> {
    pub(crate) src: &'src [u8],
    pub(crate) tree: Cow<'src, Tree>,
    /// The tree's tag, kept here so that checking an id costs no indirection.
    tag: u32,
    /// Built on the first [`Document::line_col`], never by a parse.
    lines: OnceLock<LineIndex<'src>>,
}

impl<'src> Document<'src> {
    /// A document over `src` made of `tree`. A tree the document owns was just built (by a
    /// parse, possibly into recycled storage), so it gets a new tag; a borrowed one (a form of
    /// an incremental document) keeps the tag of the parse that made it, so that ids stay
    /// valid while it is unchanged.
    pub(crate) fn new(src: &'src [u8], mut tree: Cow<'src, Tree>) -> Document<'src> {
        if let Cow::Owned(tree) = &mut tree {
            tree.tag = next_tag();
        }
        Document {
            src,
            tag: tree.tag,
            tree,
            lines: OnceLock::new(),
        }
    }

    /// The id of slot `index`, tagged as this document's.
    #[inline]
    pub(crate) fn id(&self, index: u32) -> NodeId {
        NodeId {
            index,
            doc: self.tag,
        }
    }

    /// The line index of the source, built on first use (one pass over the source; a parse
    /// never builds it).
    ///
    /// ```
    /// let doc = gene_parser::parse(b"(a\n  b)").unwrap();
    /// assert_eq!(doc.line_index().line_count(), 2);
    /// ```
    pub fn line_index(&self) -> &LineIndex<'src> {
        self.lines.get_or_init(|| LineIndex::new(self.src))
    }

    /// 1-based line and column of byte `offset` of the source, by the rules of
    /// [`line_column`](crate::line_column), in O(log n) once the [line
    /// index](Document::line_index) is built.
    ///
    /// ```
    /// let doc = gene_parser::parse("(a\r\n  \"é\" b)".as_bytes()).unwrap();
    /// let b = doc.span(doc.value(doc.roots().get(0).unwrap()).as_gene().unwrap().children.get(1).unwrap());
    /// assert_eq!(doc.line_col(b.start), (2, 7));
    /// ```
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        self.line_index().line_col(offset)
    }

    /// The slot index of `id` (the nil-type bit included), or a panic that says the id is
    /// not from this document.
    #[inline]
    #[track_caller]
    pub(crate) fn check(&self, id: NodeId) -> u32 {
        if id.doc != self.tag {
            self.foreign(id);
        }
        id.index
    }

    /// The slot at `index` of the checked `id`: in range for every id this document made.
    #[inline]
    #[track_caller]
    fn slot(&self, index: u32, id: NodeId) -> &Node {
        match self.tree.nodes.get(index as usize) {
            Some(node) => node,
            None => self.foreign(id),
        }
    }

    #[cold]
    #[inline(never)]
    #[track_caller]
    pub(crate) fn foreign(&self, id: NodeId) -> ! {
        panic!(
            "NodeId from another document: id {} (document tag {}) given to a document with \
             tag {} and {} node slots",
            id.index & !NIL_TYPE,
            id.doc,
            self.tag,
            self.tree.nodes.len()
        )
    }

    /// The source the document was parsed from.
    pub fn source(&self) -> &'src [u8] {
        self.src
    }

    /// The top-level values, in input order.
    ///
    /// ```
    /// let doc = gene_parser::parse(b"(f x) 42").unwrap();
    /// let roots = doc.roots();
    /// assert_eq!(roots.len(), 2);
    /// assert_eq!(doc.value(roots.get(1).unwrap()).as_int(), Some(42));
    /// let text: Vec<String> = roots.iter().map(|id| doc.dump_value(id)).collect();
    /// assert_eq!(text, ["(f x)", "42"]);
    /// ```
    pub fn roots(&self) -> Roots<'_> {
        Roots {
            raw: &self.tree.roots,
            doc: self.tag,
        }
    }

    /// Number of nodes built. A few may be unreachable (see ARCHITECTURE.md, "key paths").
    pub fn node_count(&self) -> usize {
        self.tree.nodes.len() - self.tree.aux_nodes
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
    #[track_caller]
    pub fn kind(&self, id: NodeId) -> NodeKind {
        let index = self.check(id);
        if index & NIL_TYPE != 0 {
            self.slot(index & !NIL_TYPE, id);
            return NodeKind::Nil;
        }
        self.slot(index, id).kind
    }

    /// The byte range of a node in the source (for a gene, from its `(` to its `)`).
    #[track_caller]
    pub fn span(&self, id: NodeId) -> Range<usize> {
        let index = self.check(id);
        if index & NIL_TYPE != 0 {
            // Empty, just after the empty gene's `(` or `#(`.
            let gene = self.slot(index & !NIL_TYPE, id);
            let at = gene.start as usize + 1 + usize::from(gene.flags & Node::FROZEN != 0);
            return at..at;
        }
        let n = self.slot(index, id);
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
        self.tree.heap_bytes()
    }

    fn ids<T>(&self, start: u32, len: u32, wrap: fn(u32) -> T) -> Ids<'_, T> {
        Ids {
            raw: &self.tree.extra[start as usize..(start + len) as usize],
            wrap,
        }
    }

    /// The entries of the gene or map at slot `index`.
    fn entries_of(&self, index: u32) -> Entries<'_> {
        Entries {
            raw: entry_words(&self.tree.nodes, &self.tree.extra, RawId(index)),
            doc: self.tag,
        }
    }

    fn children(&self, first: u32, end: u32, count: u16) -> Children<'_> {
        Children::new(&self.tree.nodes, self.tag, first, end, count)
    }

    /// Text stored as an `(offset, length)` pair at `extra[at]`.
    fn text_at(&self, at: u32) -> &[u8] {
        &self.tree.text[cooked_text(&self.tree.extra, at)]
    }

    fn text(&self, offset: u32, len: u32) -> &[u8] {
        &self.tree.text[text_range(offset, len)]
    }

    fn wide(&self, at: u32) -> u64 {
        let x = &self.tree.extra[at as usize..at as usize + 2];
        x[0] as u64 | (x[1] as u64) << 32
    }

    /// The first slot at or after `slot` that is not hidden: a container's first operand, past
    /// the hidden first part of a `;` chain.
    fn first_visible(&self, mut slot: u32) -> u32 {
        loop {
            let node = &self.tree.nodes[slot as usize];
            if node.flags & Node::HIDDEN == 0 {
                return slot;
            }
            slot += node.size();
        }
    }

    /// A view of one node.
    #[track_caller]
    pub fn value(&self, id: NodeId) -> Value<'_> {
        let index = self.check(id);
        if index & NIL_TYPE != 0 {
            self.slot(index & !NIL_TYPE, id);
            return Value::Nil;
        }
        let n = *self.slot(index, id);
        let frozen = n.flags & Node::FROZEN != 0;
        // Only meaningful for containers, whose `a` is their subtree size.
        let end = index.wrapping_add(n.a);
        match n.kind {
            NodeKind::Nil => Value::Nil,
            NodeKind::Void => Value::Void,
            NodeKind::True => Value::Bool(true),
            NodeKind::False => Value::Bool(false),
            NodeKind::NotFound => Value::NotFound,
            NodeKind::Int if n.flags & Node::WIDE != 0 => Value::Int(self.wide(n.a) as i64),
            NodeKind::Int => Value::Int(n.a as i32 as i64),
            NodeKind::Float => Value::Float(f64::from_bits(self.wide(n.a))),
            NodeKind::Char => Value::Char(n.a as u8),
            NodeKind::Str if n.flags & Node::BORROWED != 0 => {
                Value::Str(&self.src[n.borrowed_text()])
            }
            NodeKind::Str => Value::Str(self.text_at(n.a)),
            NodeKind::Symbol => Value::Symbol(SymbolId(n.a)),
            NodeKind::Complex => {
                Value::Complex(self.ids(n.a + 1, self.tree.extra[n.a as usize], SymbolId))
            }
            NodeKind::Array => Value::Array {
                items: self.children(index + 1, end, n.count),
                frozen,
            },
            NodeKind::HashMap => Value::HashMap {
                items: self.children(index + 1, end, n.count),
                frozen,
            },
            NodeKind::Map => Value::Map {
                entries: self.entries_of(index),
                frozen,
            },
            NodeKind::Gene if n.flags & Node::EMPTY != 0 => Value::Gene {
                ty: nil_type_of(id),
                props: Entries {
                    raw: &[],
                    doc: self.tag,
                },
                children: self.children(end, end, 0),
                frozen,
            },
            NodeKind::Gene if n.flags & Node::CHAINED != 0 => Value::Gene {
                ty: self.id(index - u32::from(n.count)),
                props: self.entries_of(index),
                children: self.children(index + 1, end, u16::MAX),
                frozen,
            },
            NodeKind::Gene => {
                let slot = self.first_visible(index + 1);
                let ty_slot = &self.tree.nodes[slot as usize];
                let ty = if ty_slot.flags & Node::AUX != 0 {
                    ty_slot.start
                } else {
                    slot
                };
                Value::Gene {
                    ty: self.id(ty),
                    props: self.entries_of(index),
                    children: self.children(slot + ty_slot.size(), end, n.count),
                    frozen,
                }
            }
            NodeKind::Quote => Value::Quote(self.id(self.first_visible(index + 1))),
            NodeKind::Unquote => Value::Unquote {
                value: self.id(self.first_visible(index + 1)),
                discard: n.flags & Node::DISCARD != 0,
            },
            NodeKind::Regex => {
                let x = &self.tree.extra[n.a as usize..n.a as usize + 4];
                Value::Regex {
                    pattern: self.text(x[0], x[1]),
                    ignore_case: n.flags & Node::IGNORE_CASE != 0,
                    multiline: n.flags & Node::MULTILINE != 0,
                    replacement: (n.flags & Node::REPLACEMENT != 0).then(|| self.text(x[2], x[3])),
                }
            }
            NodeKind::Bytes => Value::Bytes(self.text_at(n.a)),
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
            zone: self.text(x[4], x[5]),
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
