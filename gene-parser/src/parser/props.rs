//! Property groups, maps and key paths (GENE_SYNTAX.md §5.2, §5.3, §5.6).
//!
//! Entries of the gene segment or map being read sit on the parser's `entries` scratch stack
//! as `(key, value)` pairs. Duplicate keys are found by a linear scan while a map is small
//! (maps average 2.2 entries) and through a hash index once it grows, so adversarial maps with
//! millions of keys stay linear. Key paths (`^a^b 1`) build nested maps that may still grow, so
//! they live as "pending" maps, marked by the high bit of the value word, until their owner
//! is finished.

use super::{PResult, Parser};
// The parser builds bare slot indices; ids get their document tag at the public API.
use crate::ast::{Node, NodeKind, RawId as NodeId, entry_words};
use crate::error::{Error, ErrorKind, describe_at, excerpt};
use crate::interner::short_window;
use crate::lexer::bytes;
use crate::token::{Token, TokenKind};
use hashbrown::HashMap;

/// Marks a value word that names a pending map instead of a node.
const PENDING: u32 = 1 << 31;
/// Above this many entries a map gets a hash index for duplicate checks.
const INDEX_THRESHOLD: usize = 16;

/// The entries of one gene segment or map under construction.
pub(crate) struct EntryFrame {
    /// Where this frame's pairs start on the `entries` stack.
    pub base: usize,
    /// Pending maps created while reading this frame start here.
    pending_base: usize,
    /// The index slot in the pool, once the frame is large.
    index: Option<usize>,
}

impl EntryFrame {
    pub(crate) fn new(parser: &Parser<'_>) -> EntryFrame {
        EntryFrame {
            base: parser.entries.len(),
            pending_base: parser.props.pending.len(),
            index: None,
        }
    }
}

/// A map built by key paths that may still receive entries. Dense key paths (`^a^b^c 1`) make
/// one per two bytes of source, so it is kept small: the rare hash index is boxed.
struct PendingMap {
    pairs: Vec<u32>,
    index: Option<Box<HashMap<u32, u32>>>,
    frozen: bool,
    start: u32,
    end: u32,
}

/// Parser state for properties that outlives one frame.
#[derive(Default)]
pub(crate) struct PropState {
    pending: Vec<PendingMap>,
    /// Hash indexes for large frames; frames nest, so slot `i` belongs to the `i`-th large
    /// frame currently open.
    pool: Vec<HashMap<u32, u32>>,
    pool_used: usize,
}

/// Where a key lands: the frame being read, or a pending map inside it.
#[derive(Clone, Copy)]
enum Target {
    Frame,
    Pending(usize),
}

/// Plain `^key value` must be new; the `^^`/`^!` shortcuts overwrite silently.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Write {
    Unique,
    Overwrite,
}

impl Parser<'_> {
    /// `{ ^k v … }` at the current `{` or `#{`.
    pub(super) fn map(&mut self, frozen: bool) -> PResult<NodeId> {
        let open = self.tok();
        self.bump();
        self.map_entries(open, TokenKind::RBrace, frozen)
    }

    /// Reads map entries up to `closer` (a `}`, or the `}` closing an interpolation hole).
    pub(super) fn map_entries(
        &mut self,
        open: Token,
        closer: TokenKind,
        frozen: bool,
    ) -> PResult<NodeId> {
        self.enter(open)?;
        let id = self.open(NodeKind::Map, open.start);
        let mut frame = EntryFrame::new(self);
        let end = loop {
            let tok = self.tok();
            match tok.kind {
                k if k == closer => {
                    self.bump();
                    break tok.end;
                }
                TokenKind::Symbol if self.is_property_key(tok) => {
                    self.property(&mut frame, closer)?
                }
                TokenKind::Eof => {
                    return Err(self.unterminated(open, ErrorKind::UnterminatedMap, "map"));
                }
                TokenKind::RParen
                | TokenKind::RBracket
                | TokenKind::RBrace
                | TokenKind::HoleClose => {
                    return Err(self.mismatched(tok, open, "}"));
                }
                _ => return Err(self.expected_key(tok)),
            }
        };
        self.depth -= 1;
        let frozen = if frozen { Node::FROZEN } else { 0 };
        let flags = frozen | self.finish_entries(&mut frame);
        self.close(id, flags, end, 0);
        Ok(id)
    }

    /// Ends the `(key, value)` words written to `extra` since `at` with an entries record,
    /// unless there are none; returns the container flag that says which.
    fn entries_record(&mut self, at: usize) -> u8 {
        let count = (self.extra.len() - at) / 2;
        if count == 0 {
            return 0;
        }
        self.push_aux(NodeKind::Map, Node::HIDDEN, at as u32, count as u32);
        Node::HAS_ENTRIES
    }

    /// One property at the current `^…` token: `^k v`, `^^k`, `^!k` or a key path.
    pub(super) fn property(&mut self, frame: &mut EntryFrame, closer: TokenKind) -> PResult<()> {
        let key_tok = self.tok();
        self.bump();
        match self.src.get(key_tok.start as usize + 1) {
            Some(&marker @ (b'^' | b'!')) => {
                // `^!k` is nil, unlike a path's final `!k`, which is false [Q17].
                let kind = if marker == b'^' {
                    NodeKind::True
                } else {
                    NodeKind::Nil
                };
                let key = self.intern_key(key_tok, 2);
                let value = self.push_node(kind, 0, key_tok.start, key_tok.end, 0);
                self.write(
                    frame,
                    Target::Frame,
                    key,
                    value.0,
                    Write::Overwrite,
                    key_tok,
                )
            }
            _ => {
                let (from, end) = (key_tok.start as usize + 1, key_tok.end as usize);
                let key = if key_tok.has(Token::ESCAPED) || self.has_caret(from, end) {
                    // Cook once; escapes cannot hide a path's `^` [Q21].
                    self.cook_key(key_tok, 1);
                    if self.cook.contains(&b'^') {
                        return self.key_path(frame, key_tok, closer);
                    }
                    self.symbols.intern(&self.cook).0
                } else {
                    self.intern_span(from, end).0
                };
                let value = self.prop_value(key_tok, closer)?;
                self.write(frame, Target::Frame, key, value.0, Write::Unique, key_tok)
            }
        }
    }

    /// Whether `src[from..end]` holds a `^` (a key path). Keys are short: one load and a
    /// mask instead of a call to `memchr` per key.
    #[inline(always)]
    fn has_caret(&self, from: usize, end: usize) -> bool {
        match short_window(self.src, from, end) {
            Some(window) => bytes::equal_to(window, b'^') != 0,
            None => memchr::memchr(b'^', &self.src[from..end]).is_some(),
        }
    }

    /// Cooks the key text after `skip` bytes of prefix into `self.cook`: `\x` gives `x`.
    fn cook_key(&mut self, key_tok: Token, skip: usize) {
        self.cook.clear();
        let text = &self.src[key_tok.start as usize + skip..key_tok.end as usize];
        let mut i = 0;
        while i < text.len() {
            if text[i] == b'\\' {
                i += 1;
                if i == text.len() {
                    break;
                }
            }
            self.cook.push(text[i]);
            i += 1;
        }
    }

    fn intern_key(&mut self, key_tok: Token, skip: usize) -> u32 {
        if key_tok.has(Token::ESCAPED) {
            self.cook_key(key_tok, skip);
            self.symbols.intern(&self.cook).0
        } else {
            let (start, end) = (key_tok.start as usize + skip, key_tok.end as usize);
            self.intern_span(start, end).0
        }
    }

    /// The value after a key; `^`, the closer or end of input there mean it is missing.
    fn prop_value(&mut self, key_tok: Token, closer: TokenKind) -> PResult<NodeId> {
        let tok = self.tok();
        let missing = tok.kind == TokenKind::Eof || tok.kind == closer || self.is_property_key(tok);
        if missing {
            return Err(self.missing_value(key_tok, tok));
        }
        self.item()
    }

    #[cold]
    #[inline(never)]
    fn expected_key(&self, tok: Token) -> Error {
        let found = describe_at(self.src, tok.start as usize);
        let message =
            format!("expected a property key `^key` or the end of the map, found {found}");
        self.error(ErrorKind::ExpectedPropertyKey, tok.start as usize, message)
    }

    #[cold]
    #[inline(never)]
    fn missing_value(&self, key_tok: Token, found_tok: Token) -> Error {
        let key = excerpt(&self.src[key_tok.start as usize..key_tok.end as usize]);
        let found = describe_at(self.src, found_tok.start as usize);
        let message =
            format!("property `{key}` has no value: expected a value after the key, found {found}");
        self.error(
            ErrorKind::MissingPropertyValue,
            key_tok.start as usize,
            message,
        )
    }

    /// `^a^b… value`, `^a^^b`, `^a^!b`: the cooked key is in `self.cook`.
    fn key_path(
        &mut self,
        frame: &mut EntryFrame,
        key_tok: Token,
        closer: TokenKind,
    ) -> PResult<()> {
        let path = std::mem::take(&mut self.cook);
        let result = self.key_path_in(frame, key_tok, closer, &path);
        self.cook = path;
        result
    }

    fn key_path_in(
        &mut self,
        frame: &mut EntryFrame,
        key_tok: Token,
        closer: TokenKind,
        path: &[u8],
    ) -> PResult<()> {
        // Split at each `^` that does not directly follow another `^`.
        let mut segments = Vec::new();
        let mut seg_start = 0;
        for i in 0..path.len() {
            if path[i] == b'^' && (i == 0 || path[i - 1] != b'^') {
                segments.push(&path[seg_start..i]);
                seg_start = i + 1;
            }
        }
        segments.push(&path[seg_start..]);
        if self.depth as usize + segments.len() > self.max_depth as usize {
            return Err(self.too_deep(key_tok.start as usize, "key path nests"));
        }
        let (last, parents) = segments
            .split_last()
            .expect("a split yields at least one segment");
        if last.is_empty() {
            return Err(self.error(
                ErrorKind::PropertyPathConflict,
                key_tok.start as usize,
                "key path ends with an empty segment: expected a name after the last `^`".into(),
            ));
        }
        // Walk the maps the path names that exist already; the first missing one starts the
        // path's new part.
        let mut target = Target::Frame;
        let mut new_from = parents.len();
        for (i, segment) in parents.iter().enumerate() {
            let key = self.symbols.intern(segment).0;
            match self.find(frame, target, key) {
                Some(slot) => target = self.descend(frame, target, slot, key, key_tok)?,
                None => {
                    new_from = i;
                    break;
                }
            }
        }
        // Intern the rest in path order (symbol ids follow first appearance).
        let new_keys: Vec<u32> = parents[(new_from + 1).min(parents.len())..]
            .iter()
            .map(|segment| self.symbols.intern(segment).0)
            .collect();
        let (key, mut value, mode) = match last[0] {
            marker @ (b'^' | b'!') => {
                let kind = if marker == b'^' {
                    NodeKind::True
                } else {
                    NodeKind::False
                };
                let key = self.symbols.intern(&last[1..]).0;
                let value = self.push_node(kind, 0, key_tok.start, key_tok.end, 0);
                (key, value, Write::Overwrite)
            }
            _ => {
                let key = self.symbols.intern(last).0;
                let value = self.prop_value(key_tok, closer)?;
                (key, value, Write::Unique)
            }
        };
        if new_from == parents.len() {
            return self.write(frame, target, key, value.0, mode, key_tok);
        }
        // The new part's maps are built at once, innermost first, each with its one entry, and
        // the outermost written to the existing part. A later path through one of them reopens
        // it as a literal map is reopened [Q20]; building maps now keeps a pending map (and
        // its allocation) per segment out of dense key paths.
        let mut child_key = key;
        for &parent_key in new_keys.iter().rev() {
            value = self.single_entry_map(child_key, value, key_tok);
            child_key = parent_key;
        }
        value = self.single_entry_map(child_key, value, key_tok);
        let first_new = self.symbols.intern(parents[new_from]).0;
        self.write(frame, target, first_new, value.0, Write::Unique, key_tok)
    }

    /// The map `{key value}` of a key path's new segment, spanning the path's token.
    fn single_entry_map(&mut self, key: u32, value: NodeId, key_tok: Token) -> NodeId {
        self.nodes[value.index()].flags |= Node::HIDDEN;
        let id = self.open(NodeKind::Map, key_tok.start);
        let at = self.extra.len();
        self.extra.extend_from_slice(&[key, value.0]);
        let flags = Node::HIDDEN | self.entries_record(at);
        self.close(id, flags, key_tok.end, 0);
        id
    }

    /// Enters the map at `key` (pair `slot`) of `target`, reopening it as a pending map if it
    /// is a node [Q20].
    fn descend(
        &mut self,
        frame: &mut EntryFrame,
        target: Target,
        slot: usize,
        key: u32,
        key_tok: Token,
    ) -> PResult<Target> {
        let value = self.read_slot(frame, target, slot);
        if value & PENDING != 0 {
            return Ok(Target::Pending((value & !PENDING) as usize));
        }
        let node = self.nodes[value as usize];
        if node.kind != NodeKind::Map {
            let name = excerpt(self.symbols.resolve(crate::SymbolId(key)));
            return Err(self.error(
                ErrorKind::PropertyPathConflict,
                key_tok.start as usize,
                format!(
                    "key path goes through `{name}`, which already holds a value that is not a map"
                ),
            ));
        }
        let pairs = entry_words(&self.nodes, &self.extra, NodeId(value)).to_vec();
        let id = self.new_pending(pairs, node.flags & Node::FROZEN != 0, node.start, node.end);
        self.set_slot(frame, target, slot, id | PENDING);
        Ok(Target::Pending(id as usize))
    }

    fn new_pending(&mut self, pairs: Vec<u32>, frozen: bool, start: u32, end: u32) -> u32 {
        let mut map = PendingMap {
            pairs,
            index: None,
            frozen,
            start,
            end,
        };
        if map.pairs.len() / 2 > INDEX_THRESHOLD {
            map.index = Some(build_index(&map.pairs));
        }
        let pending = &mut self.props.pending;
        if pending.len() == pending.capacity() {
            // Grown like the node array, not doubled (see `growth`).
            let read = self.lexer.position();
            super::growth::grow(pending, read, self.src.len(), 1);
        }
        pending.push(map);
        (self.props.pending.len() - 1) as u32
    }

    /// The pair index of `key` in `target`.
    fn find(&self, frame: &EntryFrame, target: Target, key: u32) -> Option<usize> {
        match target {
            Target::Frame => {
                let pairs = &self.entries[frame.base..];
                match frame.index {
                    Some(slot) => self.props.pool[slot].get(&key).map(|&i| i as usize),
                    None => scan(pairs, key),
                }
            }
            Target::Pending(p) => {
                let map = &self.props.pending[p];
                match &map.index {
                    Some(index) => index.get(&key).map(|&i| i as usize),
                    None => scan(&map.pairs, key),
                }
            }
        }
    }

    fn read_slot(&self, frame: &EntryFrame, target: Target, pair: usize) -> u32 {
        match target {
            Target::Frame => self.entries[frame.base + 2 * pair + 1],
            Target::Pending(p) => self.props.pending[p].pairs[2 * pair + 1],
        }
    }

    fn set_slot(&mut self, frame: &EntryFrame, target: Target, pair: usize, value: u32) {
        match target {
            Target::Frame => self.entries[frame.base + 2 * pair + 1] = value,
            Target::Pending(p) => self.props.pending[p].pairs[2 * pair + 1] = value,
        }
    }

    /// Stores `key = value` in `target`.
    fn write(
        &mut self,
        frame: &mut EntryFrame,
        target: Target,
        key: u32,
        value: u32,
        mode: Write,
        key_tok: Token,
    ) -> PResult<()> {
        if value & PENDING == 0 {
            // Property values are reached through the entries, not as children.
            self.nodes[value as usize].flags |= Node::HIDDEN;
        }
        if let Some(pair) = self.find(frame, target, key) {
            if mode == Write::Unique {
                let name = excerpt(self.symbols.resolve(crate::SymbolId(key)));
                return Err(self.error(
                    ErrorKind::DuplicateProperty,
                    key_tok.start as usize,
                    format!("duplicate property `^{name}`: this key is already set in the same gene or map"),
                ));
            }
            self.set_slot(frame, target, pair, value);
            return Ok(());
        }
        match target {
            Target::Frame => {
                let pair = (self.entries.len() - frame.base) / 2;
                self.entries.extend_from_slice(&[key, value]);
                match frame.index {
                    Some(slot) => {
                        self.props.pool[slot].insert(key, pair as u32);
                    }
                    None if pair + 1 > INDEX_THRESHOLD => {
                        let slot = self.props.pool_used;
                        self.props.pool_used += 1;
                        if slot == self.props.pool.len() {
                            self.props.pool.push(HashMap::new());
                        }
                        let index = &mut self.props.pool[slot];
                        index.clear();
                        for (i, p) in self.entries[frame.base..].chunks_exact(2).enumerate() {
                            index.insert(p[0], i as u32);
                        }
                        frame.index = Some(slot);
                    }
                    None => {}
                }
            }
            Target::Pending(p) => {
                let map = &mut self.props.pending[p];
                let pair = map.pairs.len() / 2;
                map.pairs.extend_from_slice(&[key, value]);
                match &mut map.index {
                    Some(index) => {
                        index.insert(key, pair as u32);
                    }
                    None if pair + 1 > INDEX_THRESHOLD => map.index = Some(build_index(&map.pairs)),
                    None => {}
                }
            }
        }
        Ok(())
    }

    /// Turns the frame's pending maps into nodes, releases its index and moves its entries into
    /// the document; returns [`Node::HAS_ENTRIES`] if there were any, else 0.
    #[inline]
    pub(super) fn finish_entries(&mut self, frame: &mut EntryFrame) -> u8 {
        if self.props.pending.len() > frame.pending_base || frame.index.is_some() {
            self.finish_large_entries(frame);
        }
        if self.entries.len() == frame.base {
            return 0;
        }
        self.move_entries(frame.base)
    }

    /// Moves the entries above `base` into `extra`, behind an entries record. Out of line: most
    /// genes have no properties, and the check above is all they should pay for.
    #[inline(never)]
    fn move_entries(&mut self, base: usize) -> u8 {
        let at = self.extra.len();
        self.extra.extend_from_slice(&self.entries[base..]);
        self.entries.truncate(base);
        self.entries_record(at)
    }

    /// The rare part of [`finish_entries`](Self::finish_entries): key paths and hash indexes.
    #[cold]
    fn finish_large_entries(&mut self, frame: &mut EntryFrame) {
        if self.props.pending.len() > frame.pending_base {
            for i in (frame.base + 1..self.entries.len()).step_by(2) {
                if self.entries[i] & PENDING != 0 {
                    self.entries[i] = self.materialize((self.entries[i] & !PENDING) as usize).0;
                }
            }
            self.props.pending.truncate(frame.pending_base);
        }
        if frame.index.take().is_some() {
            self.props.pool_used -= 1;
        }
    }

    /// Builds the Map node of a pending map (its nested pending maps first). Recursion is
    /// bounded by the key-path depth check.
    fn materialize(&mut self, p: usize) -> NodeId {
        let mut pairs = std::mem::take(&mut self.props.pending[p].pairs);
        for i in (1..pairs.len()).step_by(2) {
            if pairs[i] & PENDING != 0 {
                pairs[i] = self.materialize((pairs[i] & !PENDING) as usize).0;
            }
        }
        let map = &self.props.pending[p];
        let (flags, start, end) = (
            if map.frozen { Node::FROZEN } else { 0 },
            map.start,
            map.end,
        );
        let id = self.open(NodeKind::Map, start);
        let at = self.extra.len();
        self.extra.extend_from_slice(&pairs);
        let flags = flags | Node::HIDDEN | self.entries_record(at);
        self.close(id, flags, end, 0);
        id
    }
}

fn scan(pairs: &[u32], key: u32) -> Option<usize> {
    pairs.chunks_exact(2).position(|p| p[0] == key)
}

fn build_index(pairs: &[u32]) -> Box<HashMap<u32, u32>> {
    Box::new(
        pairs
            .chunks_exact(2)
            .enumerate()
            .map(|(i, p)| (p[0], i as u32))
            .collect(),
    )
}
