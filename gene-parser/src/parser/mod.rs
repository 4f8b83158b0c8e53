//! The parser: a recursive-descent reader over the token stream that builds a [`Document`].
//!
//! It pulls one token at a time (no token vector) and writes nodes in pre-order: a container's
//! slot is pushed when it opens and patched when it closes, so children are never collected
//! or copied. Only property entries go through a scratch stack, for the duplicate-key checks.
//! Its memory is the document plus that stack. Depth is bounded by
//! [`ParseOptions::max_depth`].

mod growth;
mod literal;
#[cfg(feature = "parallel")]
mod piece;
mod props;
mod recovery;

#[cfg(feature = "parallel")]
pub(crate) use piece::Piece;
pub use recovery::RecoveryWork;

// The parser builds bare slot indices; ids get their document tag at the public API.
use crate::ast::{Document, Node, NodeKind, RawId as NodeId, Tree, cooked_text};
use crate::error::{Error, ErrorKind, LineCursor, describe_at, excerpt};
use crate::interner::Interner;
use crate::lexer::{Lexed, Lexer};
use crate::token::{Token, TokenKind};
use props::EntryFrame;
use std::borrow::Cow;

/// The default nesting limit: deep enough for any real program (the public corpus never goes
/// past 12) and for generated stress files of 1,000 levels, shallow enough that the recursive
/// parser stays well inside a 2 MiB thread stack even in debug builds.
pub const DEFAULT_MAX_DEPTH: u32 = 1024;

/// The largest input accepted: spans are `u32` offsets, and the parser reserves the high bit
/// of its scratch entries to mark maps that key paths are still building.
pub const MAX_INPUT_LEN: usize = (1 << 31) - 1;

/// Settings for [`parse_with`](crate::parse_with).
#[derive(Clone, Debug)]
pub struct ParseOptions {
    /// The deepest nesting of genes, arrays, maps, quotes, interpolations and key paths
    /// accepted; deeper input fails with [`ErrorKind::NestingTooDeep`].
    pub max_depth: u32,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }
}

pub(crate) type PResult<T> = Result<T, Error>;

/// Names the symbol table of a fresh parse of `len` bytes reserves for.
#[inline(always)]
fn symbol_guess(len: usize) -> usize {
    (len / 64).clamp(16, 1024)
}

/// The first reservations of the node, extra and cooked-text arrays for `len` bytes of input.
/// Typical Gene source makes about one node per 7.3 bytes (the public corpus and generated code
/// alike); beyond the guess, nodes grow by what the rest of the input needs at the density read
/// so far (see `growth`), so the node array never holds much more than it needs, even for input
/// four times as dense. `extra` only holds rare payloads (entries, wide numbers, cooked text
/// pointers); cooked text is rare in code (strings with escapes, byte literals, regexes).
#[inline(always)]
fn first_reservations(len: usize) -> [usize; 3] {
    [len / 7 + 16, len / 32 + 16, len / 256]
}

pub(crate) struct Parser<'src> {
    src: &'src [u8],
    lexer: Lexer<'src>,
    /// The current token (one-token look-ahead), kept as the lexer hands it over: read it
    /// with [`tok`](Self::tok).
    cur: Lexed,
    tokens: usize,
    depth: u32,
    max_depth: u32,
    nodes: Vec<Node>,
    extra: Vec<u32>,
    text: Vec<u8>,
    symbols: Interner,
    /// Auxiliary slots pushed (see `Node::AUX`).
    aux_nodes: usize,
    /// `(key, value)` entries under construction, innermost last.
    entries: Vec<u32>,
    /// Reusable buffer for cooking escaped symbols and keys.
    cook: Vec<u8>,
    props: props::PropState,
    /// Line counting state shared by all errors of one parse (see `LineCursor`).
    lines: std::cell::Cell<LineCursor>,
}

impl<'src> Parser<'src> {
    pub(crate) fn new(src: &'src [u8], options: &ParseOptions) -> Parser<'src> {
        let [node_guess, extra_guess, text_guess] = first_reservations(src.len());
        Parser::with_arrays(
            src,
            options,
            Vec::with_capacity(node_guess),
            Vec::with_capacity(extra_guess),
            Vec::with_capacity(text_guess),
            // Vocabularies grow much slower than files (600 names at 1k generated lines, 1,100
            // at 10k, 1,300 at 100k): reserve for one name per 64 bytes, capped, so small files
            // skip most regrowths (each is five allocations) and large ones do not reserve far
            // more than they will use.
            Interner::with_capacity(symbol_guess(src.len())),
        )
    }

    /// A parser over `src` that writes into the given (empty) arrays.
    #[inline(always)]
    fn with_arrays(
        src: &'src [u8],
        options: &ParseOptions,
        nodes: Vec<Node>,
        extra: Vec<u32>,
        text: Vec<u8>,
        symbols: Interner,
    ) -> Parser<'src> {
        // A large input's arrays are fresh memory the parse is about to fill: let the kernel
        // map them in huge pages (see `hugepage`).
        crate::hugepage::advise(&nodes);
        crate::hugepage::advise(&extra);
        Parser {
            src,
            lexer: Lexer::new(src),
            cur: Lexed::new(TokenKind::Eof, 0, 0, 0),
            tokens: 0,
            depth: 0,
            max_depth: options.max_depth,
            nodes,
            extra,
            text,
            symbols,
            aux_nodes: 0,
            // Small scratch buffers, reserved only for inputs large enough to need them (the
            // incremental document parses each form with a parser of its own).
            entries: Vec::with_capacity((src.len() / 1024).min(64)),
            cook: Vec::with_capacity((src.len() / 1024).min(64)),
            props: props::PropState::default(),
            lines: std::cell::Cell::new(LineCursor::default()),
        }
    }

    /// Parses one top-level form of a piece of a larger text, for the incremental document.
    /// `src` starts at a top-level position of that text (so a BOM is not skipped), and the
    /// caller has already checked the whole text for NUL bytes and size. Returns
    /// `None` at the end, otherwise the form's document and the offset where the form ends.
    /// On error, also says whether the lexer had reached the end of `src`, in which case
    /// more text might have changed the outcome.
    pub(crate) fn parse_one(
        mut self,
        skip_bom: bool,
    ) -> Result<Option<(Document<'src>, usize)>, (Error, bool)> {
        if skip_bom {
            self.lexer = Lexer::new(self.src);
        }
        self.bump();
        if self.tok().kind == TokenKind::Eof {
            return Ok(None);
        }
        match self.item() {
            Ok(root) => {
                let end = self.nodes[root.index()].end as usize;
                // The incremental document keeps one tree per form, for as long as the form
                // is unedited: hold only what the form uses.
                self.nodes.shrink_to_fit();
                self.extra.shrink_to_fit();
                self.text.shrink_to_fit();
                Ok(Some((self.finish(vec![root]), end)))
            }
            Err(error) => {
                let reached_end = self.lexer.position() >= self.src.len();
                Err((error, reached_end))
            }
        }
    }

    /// A parser that writes into the cleared arrays of `spare` (see [`Buffers`](crate::Buffers)),
    /// reserving the same first guesses as [`new`](Self::new) where they hold less, so the
    /// document is the same as a fresh parse's (only capacities differ).
    pub(crate) fn reusing(src: &'src [u8], options: &ParseOptions, spare: Tree) -> Parser<'src> {
        let Tree {
            mut nodes,
            mut extra,
            mut text,
            mut symbols,
            ..
        } = spare;
        let [node_guess, extra_guess, text_guess] = first_reservations(src.len());
        nodes.clear();
        extra.clear();
        text.clear();
        // A table that never held names (new buffers) starts as a fresh parse's does.
        if symbols.heap_bytes() == 0 {
            symbols = Interner::with_capacity(symbol_guess(src.len()));
        }
        symbols.clear();
        nodes.reserve_exact(node_guess);
        extra.reserve_exact(extra_guess);
        text.reserve_exact(text_guess);
        Parser::with_arrays(src, options, nodes, extra, text, symbols)
    }

    /// A parser sized for a small piece of text: it does not reserve for the whole input, and
    /// its symbol table starts empty (the incremental document keeps one per form).
    pub(crate) fn new_small(src: &'src [u8], options: &ParseOptions) -> Parser<'src> {
        let mut parser = Parser::new(&src[..0], options);
        parser.src = src;
        parser.lexer = Lexer::at(src, 0);
        parser.symbols = Interner::new();
        parser
    }

    /// The error for an input too large to parse, if it is.
    fn too_large(&self) -> Option<Error> {
        (self.src.len() > MAX_INPUT_LEN).then(|| {
            let message = format!(
                "input of {} bytes is too large: the limit is {MAX_INPUT_LEN} bytes",
                self.src.len()
            );
            Error::new(ErrorKind::InputTooLarge, &[], 0, message)
        })
    }

    /// Where the document's arrays end now, to drop a form that fails.
    fn mark(&self) -> [usize; 4] {
        [
            self.nodes.len(),
            self.extra.len(),
            self.text.len(),
            self.aux_nodes,
        ]
    }

    /// Drops what a failed form wrote (its containers were never closed).
    fn rewind(&mut self, [nodes, extra, text, aux]: [usize; 4]) {
        self.nodes.truncate(nodes);
        self.extra.truncate(extra);
        self.text.truncate(text);
        self.aux_nodes = aux;
    }

    /// Drops all state of an abandoned form and continues lexing at `pos`.
    fn restart_at(&mut self, pos: usize) {
        self.lexer = Lexer::at(self.src, pos);
        self.depth = 0;
        self.entries.clear();
        self.props = props::PropState::default();
        self.bump();
    }

    fn finish(self, roots: Vec<NodeId>) -> Document<'src> {
        let src = self.src;
        Document::new(src, Cow::Owned(self.into_tree(roots)))
    }

    /// The arrays built, as a tree with `roots` (a document's, or a parallel parse's piece).
    fn into_tree(self, roots: Vec<NodeId>) -> Tree {
        // Planted slowdown for calibrating the A/B comparison; absent from normal builds.
        #[cfg(feature = "calibration-slowdown")]
        crate::calibration::after_parse(self.tokens);
        Tree {
            nodes: self.nodes,
            extra: self.extra,
            text: self.text,
            symbols: self.symbols,
            roots,
            // Every parse ends with one look-ahead token that is not part of what was read: the
            // end of input, or (for `parse_one`) the next form's first token.
            token_count: self.tokens.saturating_sub(1),
            aux_nodes: self.aux_nodes,
            // Given by `Document::new`.
            tag: 0,
        }
    }

    /// The current token.
    #[inline(always)]
    fn tok(&self) -> Token {
        self.cur.token()
    }

    #[inline(always)]
    fn bump(&mut self) {
        self.cur = self.lexer.lex_bytewise();
        self.tokens += 1;
    }

    /// Line and column of `at`, from the cursor shared by this parse's errors: call it in the
    /// order of the offsets, as errors are built.
    #[cold]
    fn locate(&self, at: usize) -> (u32, u32) {
        let mut cursor = self.lines.get();
        let place = cursor.locate(self.src, at);
        self.lines.set(cursor);
        place
    }

    #[cold]
    pub(crate) fn error(&self, kind: ErrorKind, at: usize, message: String) -> Error {
        let mut cursor = self.lines.get();
        let error = Error::with_cursor(kind, self.src, at, message, &mut cursor);
        self.lines.set(cursor);
        error
    }

    #[inline]
    fn push_node(&mut self, kind: NodeKind, flags: u8, start: u32, end: u32, a: u32) -> NodeId {
        if self.nodes.len() == self.nodes.capacity() {
            self.grow_nodes();
        }
        let id = NodeId(self.nodes.len() as u32);
        self.nodes.push(Node {
            start,
            end,
            a,
            kind,
            flags,
            count: 0,
        });
        id
    }

    /// Grows the node array by what the rest of the input needs, not by doubling it: the array
    /// is most of the document, and doubling would leave up to half of it reserved and unused.
    #[cold]
    #[inline(never)]
    fn grow_nodes(&mut self) {
        let read = self.lexer.position();
        growth::grow(
            &mut self.nodes,
            read,
            self.src.len(),
            growth::MAX_SLOTS_PER_BYTE,
        );
    }

    /// Appends a top-level form; the list grows as the node array does (dense input such as
    /// `[][]…` has a form per two bytes, code one per 80).
    #[inline]
    fn push_root(&self, roots: &mut Vec<NodeId>, id: NodeId) {
        if roots.len() == roots.capacity() {
            let read = self.lexer.position();
            growth::grow(roots, read, self.src.len(), growth::MAX_FORMS_PER_BYTE);
        }
        roots.push(id);
    }

    /// Pushes the slot of a container that is opening; [`close`](Self::close) completes it.
    #[inline]
    fn open(&mut self, kind: NodeKind, start: u32) -> NodeId {
        self.push_node(kind, 0, start, start, 0)
    }

    /// Completes the container at `id`: everything pushed since is its subtree.
    #[inline]
    fn close(&mut self, id: NodeId, flags: u8, end: u32, children: u32) {
        let size = self.nodes.len() as u32 - id.0;
        let node = &mut self.nodes[id.index()];
        node.a = size;
        node.end = end;
        node.flags |= flags;
        node.count = children.min(u16::MAX as u32) as u16;
    }

    /// Pushes an auxiliary slot (see `Node::AUX`).
    fn push_aux(&mut self, kind: NodeKind, flags: u8, start: u32, end: u32) {
        self.aux_nodes += 1;
        self.push_node(kind, flags | Node::AUX, start, end, 1);
    }

    /// Moves the span of `id` to `start..end`, keeping a borrowed string's text in place.
    fn set_span(&mut self, id: NodeId, start: u32, end: u32) {
        let node = &mut self.nodes[id.index()];
        if node.kind == NodeKind::Str && node.flags & Node::BORROWED != 0 {
            let text_end = node.borrowed_text().end as u32;
            node.count = (end - text_end) as u16;
        }
        node.start = start;
        node.end = end;
    }

    #[inline]
    fn enter(&mut self, open: Token) -> PResult<()> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(self.too_deep(open.start as usize, "nesting"));
        }
        Ok(())
    }

    // Error builders live in their own cold functions: formatting a message needs large stack
    // temporaries, and inlined into the recursive functions they would be paid on every level
    // of nesting (in debug builds that alone halves the depth a 2 MiB stack can take).

    #[cold]
    #[inline(never)]
    pub(crate) fn too_deep(&self, at: usize, what: &str) -> Error {
        let message = format!(
            "{what} deeper than {} levels (the configured limit)",
            self.max_depth
        );
        self.error(ErrorKind::NestingTooDeep, at, message)
    }

    #[cold]
    #[inline(never)]
    fn missing_operand(&self, prefix: Token) -> Error {
        let text = match prefix.kind {
            TokenKind::Quote => "the quote mark `` ` ``".to_string(),
            _ => format!(
                "`{}`",
                excerpt(&self.src[prefix.start as usize..prefix.end as usize])
            ),
        };
        let message = format!("unexpected end of input: {text} must be followed by a value");
        self.error(ErrorKind::UnexpectedEof, prefix.start as usize, message)
    }

    #[cold]
    #[inline(never)]
    fn misplaced_properties(&self, tok: Token) -> Error {
        self.error(
            ErrorKind::MisplacedProperties,
            tok.start as usize,
            "properties found in the wrong place: a gene takes one group of `^key value` properties per segment, and this one comes after other elements".into(),
        )
    }

    /// Whether `tok` is a `^…` property key (any symbol token that starts with `^`).
    #[inline(always)]
    fn is_property_key(&self, tok: Token) -> bool {
        tok.kind == TokenKind::Symbol && self.src[tok.start as usize] == b'^'
    }

    /// Reads one item at the current token.
    fn item(&mut self) -> PResult<NodeId> {
        let tok = self.tok();
        match tok.kind {
            TokenKind::Symbol => {
                // Node first, then the next token: see `gene`.
                let id = self.symbol(tok)?;
                self.bump();
                Ok(id)
            }
            TokenKind::LParen => self.gene(false),
            TokenKind::LBracket => self.list(NodeKind::Array, false),
            TokenKind::LBrace => self.map(false),
            TokenKind::Int | TokenKind::Str => {
                self.bump();
                self.literal(tok)
            }
            _ => self.rare_item(tok),
        }
    }

    /// Every item but the five most common kinds, kept out of `item` so that the hot,
    /// recursive path stays small.
    #[inline(never)]
    fn rare_item(&mut self, tok: Token) -> PResult<NodeId> {
        match tok.kind {
            TokenKind::FrozenParen => self.gene(true),
            TokenKind::FrozenBracket => self.list(NodeKind::Array, true),
            TokenKind::LHashBrace => self.list(NodeKind::HashMap, false),
            TokenKind::FrozenHashBrace => self.list(NodeKind::HashMap, true),
            TokenKind::FrozenBrace => self.map(true),
            TokenKind::Quote | TokenKind::Unquote | TokenKind::UnquoteDiscard => self.prefixed(tok),
            TokenKind::Decorator => self.decorator(tok),
            TokenKind::InterpStart => self.interpolation(tok),
            TokenKind::RParen
            | TokenKind::RBracket
            | TokenKind::RBrace
            | TokenKind::HoleClose
            | TokenKind::Semicolon
            | TokenKind::Eof
            | TokenKind::Unknown
            | TokenKind::InterpSegment
            | TokenKind::InterpEnd
            | TokenKind::HoleOpen => Err(self.item_error(tok)),
            _ => {
                self.bump();
                self.literal(tok)
            }
        }
    }

    /// The error for a token that cannot begin an item.
    #[cold]
    fn item_error(&self, tok: Token) -> Error {
        let at = tok.start as usize;
        match tok.kind {
            TokenKind::RParen | TokenKind::RBracket | TokenKind::RBrace | TokenKind::HoleClose => self.unmatched(tok),
            TokenKind::Semicolon => self.error(
                ErrorKind::UnexpectedCharacter,
                at,
                "unexpected `;`: a semicolon chain is only allowed directly inside a gene, after its type".into(),
            ),
            TokenKind::Eof => self.error(ErrorKind::UnexpectedEof, at, "unexpected end of input: expected a value".into()),
            _ => self.error(
                ErrorKind::UnexpectedCharacter,
                at,
                format!("unexpected character: found {} where a value should begin", describe_at(self.src, at)),
            ),
        }
    }

    #[cold]
    fn unmatched(&self, tok: Token) -> Error {
        let found = describe_at(self.src, tok.start as usize);
        self.error(
            ErrorKind::UnmatchedDelimiter,
            tok.start as usize,
            format!("unmatched delimiter: found {found} with no matching opener here"),
        )
    }

    /// A closer of the wrong kind inside the container opened by `open`.
    #[cold]
    fn mismatched(&self, tok: Token, open: Token, expected: &str) -> Error {
        let found = describe_at(self.src, tok.start as usize);
        // The opener comes first in the text: located first, so the shared cursor only moves
        // forward (one recount from the start of the file per error made this quadratic).
        let (line, column) = self.locate(open.start as usize);
        let opener = excerpt(&self.src[open.start as usize..open.end as usize]);
        self.error(
            ErrorKind::UnmatchedDelimiter,
            tok.start as usize,
            format!("mismatched delimiter: found {found}, but the `{opener}` opened at {line}:{column} expects `{expected}`"),
        )
    }

    #[cold]
    fn unterminated(&self, open: Token, kind: ErrorKind, what: &str) -> Error {
        // The opener of a string is the whole string, up to the end of input: quote its start.
        let opener = excerpt(&self.src[open.start as usize..open.end as usize]);
        self.error(
            kind,
            open.start as usize,
            format!("unterminated {what}: `{opener}` is never closed (reached end of input)"),
        )
    }

    /// `` `x ``, `%x`, `%_x`: one operand after a skip.
    fn prefixed(&mut self, prefix: Token) -> PResult<NodeId> {
        self.enter(prefix)?;
        self.bump();
        let (kind, flags) = match prefix.kind {
            TokenKind::Quote => (NodeKind::Quote, 0),
            TokenKind::UnquoteDiscard => (NodeKind::Unquote, Node::DISCARD),
            _ => (NodeKind::Unquote, 0),
        };
        let id = self.open(kind, prefix.start);
        let inner = self.operand(prefix)?;
        self.depth -= 1;
        let end = self.nodes[inner.index()].end;
        self.close(id, flags, end, 1);
        Ok(id)
    }

    /// An item that must follow `prefix`: end of input there is [`ErrorKind::UnexpectedEof`].
    fn operand(&mut self, prefix: Token) -> PResult<NodeId> {
        if self.tok().kind == TokenKind::Eof {
            return Err(self.missing_operand(prefix));
        }
        self.item()
    }

    /// `#@A B` is the gene `(A B)`.
    fn decorator(&mut self, at: Token) -> PResult<NodeId> {
        self.enter(at)?;
        self.bump();
        let id = self.open(NodeKind::Gene, at.start);
        self.operand(at)?;
        let child = self.operand(at)?;
        self.depth -= 1;
        let end = self.nodes[child.index()].end;
        self.close(id, 0, end, 1);
        Ok(id)
    }

    /// Arrays and hash maps: a flat list of items up to the closer.
    fn list(&mut self, kind: NodeKind, frozen: bool) -> PResult<NodeId> {
        let open = self.tok();
        self.enter(open)?;
        self.bump();
        let id = self.open(kind, open.start);
        let mut count = 0;
        let end = loop {
            let tok = self.tok();
            match tok.kind {
                TokenKind::RBracket if kind == NodeKind::Array => {
                    self.bump();
                    break tok.end;
                }
                // A hash map closes at two adjacent `}`; a single one is an unmatched delimiter.
                TokenKind::RBrace
                    if kind == NodeKind::HashMap
                        && self.src.get(tok.end as usize) == Some(&b'}') =>
                {
                    self.bump();
                    self.bump();
                    break tok.end + 1;
                }
                TokenKind::RParen
                | TokenKind::RBracket
                | TokenKind::RBrace
                | TokenKind::HoleClose => {
                    let expected = if kind == NodeKind::Array { "]" } else { "}}" };
                    return Err(self.mismatched(tok, open, expected));
                }
                TokenKind::Eof if kind == NodeKind::Array => {
                    return Err(self.unterminated(open, ErrorKind::UnterminatedList, "array"));
                }
                TokenKind::Eof => {
                    return Err(self.unterminated(open, ErrorKind::UnterminatedMap, "hash map"));
                }
                _ => {
                    self.item()?;
                    count += 1;
                }
            }
        };
        self.depth -= 1;
        let flags = if frozen { Node::FROZEN } else { 0 };
        self.close(id, flags, end, count);
        Ok(id)
    }

    /// A gene: type, then children and property groups, possibly split by `;` into a chain.
    fn gene(&mut self, frozen: bool) -> PResult<NodeId> {
        let open = self.tok();
        self.enter(open)?;
        self.bump();
        let flags = if frozen { Node::FROZEN } else { 0 };
        let mut id = self.open(NodeKind::Gene, open.start);
        // The type: nearly always a symbol, read here without the general dispatch.
        let ty = self.tok();
        match ty.kind {
            TokenKind::Symbol => {
                self.symbol(ty)?;
                self.bump();
            }
            TokenKind::RParen => {
                // `()`: one slot, its nil type implied (see `Node::EMPTY`).
                self.bump();
                self.depth -= 1;
                self.close(id, flags | Node::EMPTY, ty.end, 0);
                return Ok(id);
            }
            TokenKind::Eof => {
                return Err(self.unterminated(open, ErrorKind::UnterminatedList, "gene"));
            }
            _ => {
                self.item()?;
            }
        }
        let mut children = 0;
        let mut frame = EntryFrame::new(self);
        // `;` links so far (high half) and how far back the gene that the current segment's
        // `;` closed lies (low half; 0: not chained, or too far, with a reference slot instead;
        // see `Node::CHAINED`). One word, 0 for the genes that have no `;`, so that the hot
        // path carries one more value, not two.
        let mut chain: u64 = 0;
        // One property group per segment: None, then Open while `^k v` pairs follow, then Closed.
        let mut group = Group::None;
        loop {
            // Runs of plain symbols, the most common children, stay in this loop: its exit
            // test is a conditional branch, which predicts far better than the jump on the
            // token kind below.
            let mut tok = self.tok();
            while tok.kind == TokenKind::Symbol && !self.is_property_key(tok) {
                // The symbol-table lookup goes before the next token is lexed, so that its
                // loads are under way while the lexer works, and a mispredicted branch in the
                // lexer does not throw them away.
                self.symbol(tok)?;
                self.bump();
                children += 1;
                group.end_by_child();
                tok = self.tok();
            }
            match tok.kind {
                TokenKind::RParen => {
                    self.bump();
                    self.depth -= 1;
                    self.finish_gene(id, flags, tok.end, children, &mut frame);
                    if chain != 0 {
                        self.end_chain(id, chain);
                    }
                    return Ok(id);
                }
                TokenKind::Semicolon => {
                    // The gene so far becomes the type of a new one. It stays where it is,
                    // hidden from its parent; the new gene says how far back it lies, or (if
                    // that does not fit) has a type slot that refers to it. Each link nests
                    // the result one level deeper, so links count towards the depth limit.
                    self.finish_gene(id, flags | Node::HIDDEN, tok.start, children, &mut frame);
                    self.mark_chained(id, chain as u32);
                    self.enter(tok)?;
                    self.bump();
                    let chained = self.open(NodeKind::Gene, open.start);
                    let mut back = chained.0 - id.0;
                    if back >= u32::from(u16::MAX) {
                        back = 0;
                        self.push_aux(NodeKind::Gene, 0, id.0, 0);
                    }
                    chain = ((chain >> 32) + 1) << 32 | u64::from(back);
                    id = chained;
                    children = 0;
                    frame = EntryFrame::new(self);
                    group = Group::None;
                }
                TokenKind::Symbol if self.is_property_key(tok) => {
                    if group == Group::Closed {
                        return Err(self.misplaced_properties(tok));
                    }
                    group = Group::Open;
                    self.property(&mut frame, TokenKind::RParen)?;
                }
                TokenKind::RBracket | TokenKind::RBrace | TokenKind::HoleClose => {
                    return Err(self.mismatched(tok, open, ")"));
                }
                TokenKind::Eof => {
                    return Err(self.unterminated(open, ErrorKind::UnterminatedList, "gene"));
                }
                _ => {
                    // Genes are the next most common children: skip the general dispatch,
                    // and one level of calls, for them.
                    if tok.kind == TokenKind::LParen {
                        self.gene(false)?;
                    } else {
                        self.item()?;
                    }
                    children += 1;
                    group.end_by_child();
                }
            }
        }
    }

    /// Completes the gene at `id` with its children and the entries of `frame`.
    #[inline]
    fn finish_gene(
        &mut self,
        id: NodeId,
        flags: u8,
        end: u32,
        children: u32,
        frame: &mut EntryFrame,
    ) {
        let flags = flags | self.finish_entries(frame);
        self.close(id, flags, end, children);
    }

    /// Records in the closed chained gene at `id` that its type lies `back` slots before it,
    /// in place of its number of children (see `Node::CHAINED`); nothing for 0.
    fn mark_chained(&mut self, id: NodeId, back: u32) {
        if back != 0 {
            let node = &mut self.nodes[id.index()];
            node.flags |= Node::CHAINED;
            node.count = back as u16;
        }
    }

    /// Completes the last gene of a `;` chain (see `gene`'s `chain`): its distance to its type,
    /// and the depth its links took.
    #[cold]
    fn end_chain(&mut self, id: NodeId, chain: u64) {
        self.mark_chained(id, chain as u32);
        self.depth -= (chain >> 32) as u32;
    }

    /// `#"…"`: literal parts, holes `#{x}` / `#{^k v}`, nested `#(…)` / `#[…]`.
    fn interpolation(&mut self, open: Token) -> PResult<NodeId> {
        self.enter(open)?;
        let triple = open.len() == 4;
        self.bump();
        // Laid out as the gene `(#Str parts…)`; folded into one string if every part is one.
        let id = self.open(NodeKind::Gene, open.start);
        self.push_node(NodeKind::Symbol, 0, open.start, open.start + 2, 0);
        let mut parts = 0;
        let mut only_strings = true;
        let end = loop {
            let tok = self.tok();
            match tok.kind {
                TokenKind::InterpSegment | TokenKind::InterpEnd => {
                    if tok.has(Token::MALFORMED) {
                        return Err(self.unterminated(
                            open,
                            ErrorKind::UnterminatedString,
                            "interpolated string",
                        ));
                    }
                    let last = tok.kind == TokenKind::InterpEnd;
                    let quotes = match (last, triple) {
                        (false, _) => 0,
                        (true, false) => 1,
                        (true, true) => 3,
                    };
                    self.string_part(tok, tok.end - quotes, triple && last)?;
                    parts += 1;
                    self.bump();
                    if last {
                        break tok.end;
                    }
                }
                TokenKind::HoleOpen => {
                    let part = self.hole(open, tok)?;
                    parts += 1;
                    only_strings &= self.nodes[part.index()].kind == NodeKind::Str;
                }
                TokenKind::LParen | TokenKind::LBracket => {
                    self.item()?;
                    parts += 1;
                    only_strings = false;
                }
                TokenKind::Eof => {
                    return Err(self.unterminated(
                        open,
                        ErrorKind::UnterminatedString,
                        "interpolated string",
                    ));
                }
                _ => return Err(self.unmatched(tok)),
            }
        };
        self.depth -= 1;
        self.finish_interpolation(id, end, parts, only_strings);
        Ok(id)
    }

    /// `#{x}` or `#{^k v …}` inside an interpolated string.
    fn hole(&mut self, string: Token, hole: Token) -> PResult<NodeId> {
        self.bump();
        let tok = self.tok();
        match tok.kind {
            TokenKind::Symbol if self.is_property_key(tok) => {
                return self.map_entries(hole, TokenKind::HoleClose, false);
            }
            TokenKind::HoleClose => {
                return Err(self.error(
                    ErrorKind::InvalidInterpolation,
                    hole.start as usize,
                    "empty interpolation `#{}`: expected one value inside".into(),
                ));
            }
            TokenKind::Eof => {
                return Err(self.unterminated(
                    string,
                    ErrorKind::UnterminatedString,
                    "interpolated string",
                ));
            }
            _ => {}
        }
        let id = self.item()?;
        match self.tok().kind {
            TokenKind::HoleClose => {
                self.bump();
                Ok(id)
            }
            TokenKind::Eof => {
                Err(self.unterminated(string, ErrorKind::UnterminatedString, "interpolated string"))
            }
            _ => Err(self.error(
                ErrorKind::InvalidInterpolation,
                hole.start as usize,
                format!(
                    "an interpolation `#{{…}}` holds exactly one value, but {} follows the first",
                    describe_at(self.src, self.tok().start as usize)
                ),
            )),
        }
    }

    /// All parts strings: one string (their concatenation). Otherwise `(#Str parts…)`.
    fn finish_interpolation(&mut self, id: NodeId, end: u32, parts: u32, only_strings: bool) {
        let start = self.nodes[id.index()].start;
        // The parts of an all-string interpolation are single slots after the type slot.
        let first = id.index() + 2;
        if only_strings && parts == 1 {
            self.nodes[id.index()] = self.nodes[first];
            self.nodes.truncate(id.index() + 1);
            self.set_span(id, start, end);
            return;
        }
        if only_strings {
            let from = self.text.len();
            for i in first..self.nodes.len() {
                let n = self.nodes[i];
                if n.flags & Node::BORROWED != 0 {
                    self.text.extend_from_slice(&self.src[n.borrowed_text()]);
                } else {
                    self.text.extend_from_within(cooked_text(&self.extra, n.a));
                }
            }
            // The parts' `(offset, length)` words end `extra` (each cooked part pushed its
            // pair as it was read, and nothing else was pushed since): drop them, so that no
            // word of `extra` is left that no node refers to (a parallel parse shifts the
            // words nodes refer to, and must meet the same array as a full parse).
            let cooked = self.nodes[first..]
                .iter()
                .filter(|n| n.flags & Node::BORROWED == 0);
            if let Some(from) = cooked.clone().map(|n| n.a as usize).min()
                && self.extra.len() - from == 2 * cooked.count()
            {
                self.extra.truncate(from);
            }
            // The string takes the gene's slot.
            self.nodes.truncate(id.index());
            self.push_text(NodeKind::Str, start, end, from);
            return;
        }
        self.nodes[id.index() + 1].a = self.symbols.intern(b"#Str").0;
        self.close(id, 0, end, parts);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    None,
    Open,
    Closed,
}

impl Group {
    /// A child after the group's `^k v` pairs closes it.
    #[inline(always)]
    fn end_by_child(&mut self) {
        if *self == Group::Open {
            *self = Group::Closed;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{parse, parse_recovering};

    #[test]
    fn recovery_resumes_after_the_failed_form_by_its_brackets() {
        let src = b"(ok 1)\n(bad ]\n  (inner)\n)\n(f ^a) (g ]\n(ok 2)\n\"open\n(x)\n";
        let (doc, errors) = parse_recovering(src);
        let found: Vec<_> = errors
            .iter()
            .map(|e| (e.kind().name(), e.line(), e.column()))
            .collect();
        assert_eq!(
            found,
            [
                // The `]` closes `(bad`, so `(inner)` is a form and the `)` is stray.
                ("UnmatchedDelimiter", 2, 6),
                ("UnmatchedDelimiter", 4, 1),
                // A broken form after a broken form on the same line is reported too.
                ("MissingPropertyValue", 5, 4),
                ("UnmatchedDelimiter", 5, 11),
                // `(x)` is text of the unterminated string.
                ("UnterminatedString", 7, 1)
            ]
        );
        assert_eq!(doc.dump(), "(ok 1)\n(inner)\n(ok 2)\n");
    }

    #[test]
    fn first_recovered_error_is_the_strict_error() {
        let inputs: [&[u8]; 6] = [
            b"(a",
            b"x\0y",
            b"1 2 )",
            b"(a ^b 1 c ^d 2)\n(e)",
            b"{a}\n{b}",
            b"ok",
        ];
        for src in inputs {
            let strict = parse(src).err();
            let (_, errors) = parse_recovering(src);
            assert_eq!(
                strict.as_ref(),
                errors.first(),
                "input {:?}",
                String::from_utf8_lossy(src)
            );
        }
    }

    #[test]
    fn unterminated_form_does_not_swallow_later_forms() {
        let (doc, errors) = parse_recovering(b"(a (b)\n(c)\n(d)\n");
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line(), errors[0].column()), (1, 1));
        assert_eq!(doc.dump(), "(c)\n(d)\n");
    }
}
