//! Joins the trees of consecutive pieces into the tree a full parse builds (see the parent
//! module): pieces 2.. are appended to the first, with every stored index moved to its
//! place in the joined arrays.

use crate::ast::{Node, NodeKind, RawId as NodeId, Tree};
use std::mem::MaybeUninit;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// The fewest nodes worth a thread of their own when copying.
const MIN_CHUNK_NODES: usize = 1 << 16;

/// Nodes per chunk at most, so that a thread that finishes early takes work from a slower
/// one (about 4 MiB of nodes).
const CHUNK_NODES: usize = 1 << 18;

/// How one piece's indices move into the joined tree.
struct Shift<'a> {
    /// Added to node ids.
    nodes: u32,
    /// Added to `extra` indices.
    extra: u32,
    /// Added to cooked-text offsets.
    text: u32,
    /// The joined symbol id of each of the piece's symbol ids.
    symbols: &'a [u32],
}

impl Shift<'_> {
    #[inline]
    fn symbol(&self, id: u32) -> u32 {
        self.symbols[id as usize]
    }
}

/// Where the `extra` words of `n` (a node of a piece, not yet shifted) begin, if it has any.
#[inline]
fn extra_start(n: &Node) -> Option<u32> {
    if n.flags & Node::AUX != 0 {
        return (n.kind == NodeKind::Map).then_some(n.start);
    }
    match n.kind {
        NodeKind::Str if n.flags & Node::BORROWED != 0 => None,
        NodeKind::Int if n.flags & Node::WIDE == 0 => None,
        NodeKind::Int
        | NodeKind::Float
        | NodeKind::Str
        | NodeKind::Complex
        | NodeKind::Regex
        | NodeKind::Bytes
        | NodeKind::DateTime
        | NodeKind::Time => Some(n.a),
        _ => None,
    }
}

/// The `extra` words of one chunk: the piece's words from `base` on and their copies.
struct Words<'a, 'b> {
    extra: &'a [u32],
    base: usize,
    out: &'b mut [MaybeUninit<u32>],
    /// Cleared when a node's word lies outside the chunk's.
    in_range: bool,
}

impl Words<'_, '_> {
    /// Writes `f` of the piece's word `i` to its copy.
    #[inline]
    fn set(&mut self, i: usize, f: impl Fn(u32) -> u32) {
        match (
            i.checked_sub(self.base).and_then(|j| self.out.get_mut(j)),
            self.extra.get(i),
        ) {
            (Some(slot), Some(&word)) => {
                slot.write(f(word));
            }
            _ => self.in_range = false,
        }
    }
}

/// Whether a node of this kind, with bit 1 of its flags (`WIDE` of an integer, `BORROWED` of
/// a string) as in the index `kind * 2 + bit`, stores `extra` words.
const HAS_EXTRA: [bool; 64] = {
    let mut table = [false; 64];
    let kinds = [
        NodeKind::Float,
        NodeKind::Complex,
        NodeKind::Regex,
        NodeKind::Bytes,
        NodeKind::DateTime,
        NodeKind::Time,
    ];
    let mut i = 0;
    while i < kinds.len() {
        table[kinds[i] as usize * 2] = true;
        table[kinds[i] as usize * 2 + 1] = true;
        i += 1;
    }
    table[NodeKind::Int as usize * 2 + 1] = true; // wide
    table[NodeKind::Str as usize * 2] = true; // cooked, not borrowed
    table
};

/// The node as it reads in the joined tree, its `extra` words rewritten in `words` (those
/// that hold symbol ids, node ids or text offsets). Nearly every node is a container, a
/// symbol, a small integer or a borrowed string: those take no branch on their kind (the
/// kinds come in no predictable order).
#[inline(always)]
fn shift(mut n: Node, s: &Shift, words: &mut Words) -> Node {
    let key = (n.kind as usize) << 1 | (n.flags as usize >> 1 & 1);
    if n.flags & Node::AUX != 0 || HAS_EXTRA[key] {
        return shift_rare(n, s, words);
    }
    let symbol = n.kind == NodeKind::Symbol;
    // `symbols` is never empty, so slot 0 can be read for a node that is not a symbol.
    let mapped = s.symbols[if symbol { n.a as usize } else { 0 }];
    n.a = if symbol { mapped } else { n.a };
    n
}

/// [`shift`] of the nodes that store more than a symbol id: auxiliary slots and nodes with
/// `extra` words.
#[cold]
#[inline(never)]
fn shift_rare(mut n: Node, s: &Shift, words: &mut Words) -> Node {
    let text = |w: u32| w + s.text;
    match n.kind {
        // The commonest nodes first: nothing to do but a symbol's id.
        NodeKind::Symbol if n.flags & Node::AUX == 0 => n.a = s.symbol(n.a),
        _ if n.flags & Node::AUX != 0 => {
            if n.kind == NodeKind::Map {
                // An entries record: `(key, value)` pairs, a symbol id and a node id each.
                let at = n.start as usize;
                for p in 0..n.end as usize {
                    words.set(at + 2 * p, |w| s.symbol(w));
                    words.set(at + 2 * p + 1, |w| w + s.nodes);
                }
                n.start += s.extra;
            } else {
                // A reference to a chained gene's type.
                n.start += s.nodes;
            }
        }
        NodeKind::Str if n.flags & Node::BORROWED != 0 => {}
        NodeKind::Int if n.flags & Node::WIDE == 0 => {}
        NodeKind::Int | NodeKind::Float => n.a += s.extra,
        NodeKind::Str | NodeKind::Bytes => {
            words.set(n.a as usize, text);
            n.a += s.extra;
        }
        NodeKind::Complex => {
            let at = n.a as usize;
            let parts = words.extra.get(at).copied().unwrap_or(0) as usize;
            for i in at + 1..at + 1 + parts {
                words.set(i, |w| s.symbol(w));
            }
            n.a += s.extra;
        }
        NodeKind::Regex => {
            words.set(n.a as usize, text);
            words.set(n.a as usize + 2, text);
            n.a += s.extra;
        }
        NodeKind::DateTime | NodeKind::Time => {
            words.set(n.a as usize + 4, text);
            n.a += s.extra;
        }
        _ => {}
    }
    n
}

/// One stretch of a piece to copy: nodes `nodes` and `extra` words `extra`, into `node_out`
/// and `extra_out`.
struct Chunk<'a> {
    piece: usize,
    nodes: std::ops::Range<usize>,
    extra: std::ops::Range<usize>,
    node_out: &'a mut [MaybeUninit<Node>],
    extra_out: &'a mut [MaybeUninit<u32>],
}

/// Copies a chunk, shifted. Returns `false` if a node's `extra` words lie outside the chunk's
/// (then the caller copies the piece's `extra` again as one chunk).
fn copy_chunk(tree: &Tree, chunk: &mut Chunk, s: &Shift) -> bool {
    let raw = &tree.extra[chunk.extra.clone()];
    for (out, &w) in chunk.extra_out.iter_mut().zip(raw) {
        out.write(w);
    }
    let mut words = Words {
        extra: &tree.extra,
        base: chunk.extra.start,
        out: chunk.extra_out,
        in_range: true,
    };
    for (out, n) in chunk
        .node_out
        .iter_mut()
        .zip(&tree.nodes[chunk.nodes.clone()])
    {
        out.write(shift(*n, s, &mut words));
    }
    words.in_range
}

/// The first `extra` word of the nodes from `from` on (the piece's `extra` length if none
/// has any). Nodes store their `extra` words in node order, so this splits `extra` where
/// the nodes are split.
fn extra_split(tree: &Tree, from: usize) -> usize {
    tree.nodes[from..]
        .iter()
        .find_map(extra_start)
        .map_or(tree.extra.len(), |at| at as usize)
}

/// Joins consecutive pieces (the first at the start of the source) into one tree, copying on
/// up to `threads` threads, in chunks of `chunk_nodes` nodes (`None`: as many as fit the
/// threads, within `MIN_CHUNK_NODES` and `CHUNK_NODES`; the tests give a few nodes, so that
/// every kind of node meets a chunk boundary). Also says whether a piece had to be copied
/// again as one chunk (some node's `extra` words lay outside its chunk's: never seen).
pub(crate) fn merge(
    mut pieces: Vec<Tree>,
    threads: usize,
    chunk_nodes: Option<usize>,
) -> (Tree, bool) {
    if pieces.len() <= 1 {
        return (pieces.pop().unwrap_or_default(), false);
    }
    let rest = pieces.split_off(1);
    let mut base = pieces.pop().unwrap_or_default();
    // Symbols: each piece's in its own first-seen order, after the earlier pieces'.
    let symbols: Vec<Vec<u32>> = rest
        .iter()
        .map(|tree| {
            let mut ids: Vec<u32> = tree
                .symbols
                .iter()
                .map(|(_, name)| base.symbols.intern(name).0)
                .collect();
            // Read (and not used) for nodes that are not symbols: see `shift`.
            if ids.is_empty() {
                ids.push(0);
            }
            ids
        })
        .collect();
    let mut shifts = Vec::with_capacity(rest.len());
    let (mut nodes, mut extra, mut text) = (base.nodes.len(), base.extra.len(), base.text.len());
    for (tree, symbols) in rest.iter().zip(&symbols) {
        shifts.push(Shift {
            nodes: nodes as u32,
            extra: extra as u32,
            text: text as u32,
            symbols,
        });
        nodes += tree.nodes.len();
        extra += tree.extra.len();
        text += tree.text.len();
    }
    base.nodes.reserve_exact(nodes - base.nodes.len());
    base.extra.reserve_exact(extra - base.extra.len());
    base.text.reserve_exact(text - base.text.len());
    // Usually a no-op (the first piece reserved for the whole source, advised then); if a
    // reservation moved an array, its new memory is advised like the parser's.
    crate::hugepage::advise(&base.nodes);
    crate::hugepage::advise(&base.extra);
    let roots: usize = rest.iter().map(|t| t.roots.len()).sum();
    base.roots.reserve_exact(roots);
    for (tree, s) in rest.iter().zip(&shifts) {
        base.text.extend_from_slice(&tree.text);
        base.roots
            .extend(tree.roots.iter().map(|r| NodeId(r.0 + s.nodes)));
        base.token_count += tree.token_count;
        base.aux_nodes += tree.aux_nodes;
    }
    let added_nodes = nodes - base.nodes.len();
    let added_extra = extra - base.extra.len();
    let spare_nodes = &mut base.nodes.spare_capacity_mut()[..added_nodes];
    let spare_extra = &mut base.extra.spare_capacity_mut()[..added_extra];
    let threads = threads.max(1);
    let added: usize = rest.iter().map(|t| t.nodes.len()).sum();
    let chunk_nodes = chunk_nodes
        .unwrap_or((added / threads).clamp(MIN_CHUNK_NODES, CHUNK_NODES))
        .max(1);
    let recopied = !copy_all(
        &rest,
        &shifts,
        threads,
        spare_nodes,
        spare_extra,
        chunk_nodes,
    );
    if recopied {
        // Some node's `extra` words lay outside its chunk's (not expected: nodes store them
        // in node order): copy again, each piece as one chunk, which holds all its words.
        let all = copy_all(&rest, &shifts, 1, spare_nodes, spare_extra, usize::MAX);
        debug_assert!(all, "a node's `extra` words lie outside its piece's");
    }
    // SAFETY: `copy_all` wrote every one of the `added_nodes` node slots and `added_extra`
    // words after the current lengths (each chunk's outputs cover its ranges, and the chunks
    // of a piece cover its nodes and words).
    unsafe {
        base.nodes.set_len(nodes);
        base.extra.set_len(extra);
    }
    (base, recopied)
}

/// Copies every piece of `rest` into `node_out` and `extra_out` (laid out one piece after
/// another), in chunks of `chunk_nodes` nodes (at least 1) on up to `threads` threads. Writes
/// every slot of both outputs; returns `false` if some node's `extra` words were outside its
/// chunk's.
fn copy_all(
    rest: &[Tree],
    shifts: &[Shift],
    threads: usize,
    mut node_out: &mut [MaybeUninit<Node>],
    mut extra_out: &mut [MaybeUninit<u32>],
    chunk_nodes: usize,
) -> bool {
    let mut chunks = Vec::new();
    for (piece, tree) in rest.iter().enumerate() {
        let (mut from, mut extra_from) = (0usize, 0usize);
        loop {
            let to = from.saturating_add(chunk_nodes).min(tree.nodes.len());
            let extra_to = if to == tree.nodes.len() {
                tree.extra.len()
            } else {
                extra_split(tree, to).clamp(extra_from, tree.extra.len())
            };
            let (n, more_nodes) = std::mem::take(&mut node_out).split_at_mut(to - from);
            let (e, more_extra) =
                std::mem::take(&mut extra_out).split_at_mut(extra_to - extra_from);
            (node_out, extra_out) = (more_nodes, more_extra);
            chunks.push(Chunk {
                piece,
                nodes: from..to,
                extra: extra_from..extra_to,
                node_out: n,
                extra_out: e,
            });
            if to == tree.nodes.len() {
                break;
            }
            (from, extra_from) = (to, extra_to);
        }
    }
    let workers = threads.clamp(1, chunks.len().max(1));
    let queue = Mutex::new(chunks);
    let in_range = AtomicBool::new(true);
    let work = || {
        loop {
            // The lock is held for the pop alone (a `while let` would hold it for the copy).
            let next = queue.lock().unwrap_or_else(|p| p.into_inner()).pop();
            let Some(mut chunk) = next else { break };
            let (tree, shift) = (&rest[chunk.piece], &shifts[chunk.piece]);
            if !copy_chunk(tree, &mut chunk, shift) {
                in_range.store(false, Ordering::Relaxed);
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..workers {
            // A thread the system refuses leaves its chunks to the others and to this one.
            let _ = std::thread::Builder::new().spawn_scoped(scope, work);
        }
        work();
    });
    in_range.into_inner()
}
