//! Incremental re-parse: a document that keeps one parsed tree per top-level form and, after
//! an edit, re-parses only the forms the edit touches.
//!
//! The text is kept as a list of chunks, each holding its own bytes: the trivia before one
//! top-level form and the form itself, so that every chunk boundary is the end of a form's
//! last token (only the last chunk may hold trailing trivia alone). A tree's offsets are
//! relative to its chunk, so an edit elsewhere never invalidates it.
//!
//! After an edit, the *region* is the run of chunks from the one holding the byte
//! `LOOKAHEAD` bytes before the edit to the one holding the byte just after it. The region
//! is parsed form by form on its own, and the result equals a full parse of the edited text by
//! three rules:
//!
//! - **Leading side.** The region starts at the end of a form (or at the start of the text),
//!   and that form's bytes and the `LOOKAHEAD` bytes after it are unchanged. A token that is
//!   not malformed is decided by its own bytes and at most `LOOKAHEAD` bytes after it, and a
//!   top-level form ends without looking at what follows, so the forms before the region lex
//!   and parse as before, and the region starts at a top-level position with nothing pending
//!   (no open interpolated string, no comment). `lexing_is_local_past_a_form` in
//!   `tests/incremental_differential.rs` hunts for a token that reads further.
//! - **Trailing side.** If a chunk follows the region, the region must end exactly with its
//!   last form's last token, and the forms whose look-ahead reaches past the region's end,
//!   lexed again with the following text after them, must give the same tokens (kind, flags
//!   and extent) as alone. Then the lexer reaches the boundary in the same state as when the
//!   next chunk was lexed alone, so every later chunk keeps its tree. This covers every token
//!   class at once: a `#` that becomes a comment, a time whose `[Area/City]` zone runs on, a
//!   `%` or a sign that reads the next byte, a malformed token whose extent changes.
//!   Otherwise the region grows by chunks (at least doubling the bytes re-parsed, so a run of
//!   growths costs linear work) and the parse resumes at those forms.
//! - **Errors.** An error found in the region is accepted only once the region reaches the end
//!   of the text: a failing token may read arbitrarily far ahead (an unterminated string, a
//!   zone bracket, a comment), so a shorter region may fail where the full text does not. The
//!   region is then extended, and the parse resumes at the failing form. The chunks after the
//!   edit's region are kept (with their trees) while the text has an error, and the text that
//!   failed stays in one unparsed chunk that joins the region of the next edit, so the edit
//!   that repairs the error re-uses them through the trailing-side check.
//!
//! `tests/incremental.rs` holds worked examples; `tests/incremental_differential.rs` compares
//! every edit of long random edit sequences with a full parse.

use crate::Document;
use crate::ast::Tree;
use crate::error::Error;
use crate::lexer::Lexer;
use crate::parser::{MAX_INPUT_LEN, ParseOptions, Parser};
use crate::token::TokenKind;
use std::borrow::Cow;
use std::ops::Range;

/// How many bytes past a token's last byte the lexer may read to decide the token, outside
/// interpolated strings and for tokens that are not malformed: the byte after it (a number's
/// `.`, a `#` or `%` and what follows), and one more after a byte literal's `~`, which skips
/// the trivia after it: whether a `#` there opens a comment depends on the byte after the
/// `#` (`0#ff~#(` against `0#ff~# `). The parser ends a top-level form without reading
/// further. `lexing_is_local_past_a_form` in `tests/incremental_differential.rs` hunts for a
/// token that reads further.
const LOOKAHEAD: usize = 2;

/// One top-level form (with the trivia before it), or trivia alone, or unparsed text.
struct Chunk {
    text: Vec<u8>,
    /// The form's tree; `None` for trivia alone or for text that failed to parse.
    tree: Option<Tree>,
    /// Offset of the form's first token in `text`.
    form_start: usize,
}

/// The result of a recovering parse of an [`IncrementalDocument`]'s current text, owning
/// that text: see [`IncrementalDocument::recovered`].
pub struct Recovered {
    source: Vec<u8>,
    tree: Tree,
    errors: Vec<Error>,
}

impl Recovered {
    /// The forms that parsed, as one document over the whole text (absolute offsets).
    ///
    /// ```
    /// let doc = gene_parser::IncrementalDocument::new(b"(a]\n(b)\n");
    /// let recovered = doc.recovered();
    /// let outline = recovered.document();
    /// assert_eq!(outline.span(outline.roots().get(0).unwrap()), 4..7);
    /// ```
    pub fn document(&self) -> Document<'_> {
        Document::new(&self.source, Cow::Borrowed(&self.tree))
    }

    /// Every error, in offset order; empty when the text parses.
    ///
    /// ```
    /// let doc = gene_parser::IncrementalDocument::new(b"(a]\n(b)\n)\n");
    /// let lines: Vec<u32> = doc.recovered().errors().iter().map(|e| e.line()).collect();
    /// assert_eq!(lines, [1, 3]);
    /// ```
    pub fn errors(&self) -> &[Error] {
        &self.errors
    }

    /// The text that was parsed.
    ///
    /// ```
    /// let doc = gene_parser::IncrementalDocument::new(b"(a");
    /// assert_eq!(doc.recovered().source(), b"(a");
    /// ```
    pub fn source(&self) -> &[u8] {
        &self.source
    }
}

/// What an edit cost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EditStats {
    /// Bytes parsed again: the final region's length.
    pub reparsed_bytes: usize,
    /// Bytes handed to the parser and the boundary check in all, counting every retry after
    /// the region grew: a bound on the edit's work, at most a small multiple of
    /// `reparsed_bytes` because the region at least doubles when it grows.
    pub scanned_bytes: usize,
    /// Top-level forms parsed again.
    pub reparsed_forms: usize,
    /// Top-level forms kept as they were.
    pub reused_forms: usize,
}

/// A document that can be edited and re-parsed incrementally. After every edit its forms (or
/// its error) are exactly those of a full parse of the edited text.
///
/// ```
/// use gene_parser::IncrementalDocument;
/// let mut doc = IncrementalDocument::new(b"(a 1)\n(b 2)\n(c 3)\n");
/// let stats = doc.edit(7..8, b"bee").unwrap(); // (b 2) -> (bee 2)
/// assert_eq!(doc.dump(), "(a 1)\n(bee 2)\n(c 3)\n");
/// assert_eq!((stats.reparsed_forms, stats.reused_forms), (1, 2));
/// assert!(doc.edit(1..2, b"(").is_err()); // now `((` never closes
/// doc.edit(1..2, b"a").unwrap();          // and it is fixed again
/// assert_eq!(doc.dump(), "(a 1)\n(bee 2)\n(c 3)\n");
/// ```
pub struct IncrementalDocument {
    /// Boxed so that inserting or removing chunks moves pointers, not trees.
    #[allow(
        clippy::vec_box,
        reason = "splicing 8-byte boxes keeps a one-form edit O(forms) in pointer moves, not tree moves"
    )]
    chunks: Vec<Box<Chunk>>,
    /// The byte length of each chunk, kept beside the chunks so that finding the chunk of an
    /// offset sums a contiguous array instead of visiting every chunk.
    lens: Vec<usize>,
    /// How many chunks hold a form.
    forms: usize,
    len: usize,
    options: ParseOptions,
    /// The chunk holding text that failed to parse, while the document has an error.
    broken: Option<usize>,
    error: Option<Error>,
}

impl IncrementalDocument {
    /// Parses `src` with the default options.
    pub fn new(src: &[u8]) -> IncrementalDocument {
        IncrementalDocument::with_options(src, ParseOptions::default())
    }

    /// Parses `src`.
    pub fn with_options(src: &[u8], options: ParseOptions) -> IncrementalDocument {
        let chunk = Box::new(Chunk {
            text: src.to_vec(),
            tree: None,
            form_start: 0,
        });
        let mut doc = IncrementalDocument {
            lens: vec![chunk.text.len()],
            forms: 0,
            chunks: vec![chunk],
            len: src.len(),
            options,
            broken: Some(0),
            error: None,
        };
        let region = std::mem::take(&mut doc.chunks[0].text);
        // The error, if any, is kept in `doc.error`.
        let _ = doc.reparse(0, 0, 0, region);
        doc
    }

    /// The error of the current text, if it does not parse.
    pub fn error(&self) -> Option<&Error> {
        self.error.as_ref()
    }

    /// Length of the current text in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The current text.
    pub fn source(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len);
        for chunk in &self.chunks {
            out.extend_from_slice(&chunk.text);
        }
        out
    }

    /// Number of top-level forms (0 while the text has an error).
    pub fn form_count(&self) -> usize {
        if self.error.is_some() {
            return 0;
        }
        self.forms
    }

    /// The top-level forms, each as a one-form document over its own chunk of text (offsets
    /// in it are relative to that chunk: [`forms_with_offsets`](Self::forms_with_offsets)
    /// gives each chunk's absolute start). Empty while the text has an error.
    pub fn forms(&self) -> impl Iterator<Item = Document<'_>> {
        let ok = self.error.is_none();
        self.chunks.iter().filter(move |_| ok).filter_map(|c| {
            c.tree
                .as_ref()
                .map(|tree| Document::new(&c.text, Cow::Borrowed(tree)))
        })
    }

    /// The top-level forms as [`IncrementalDocument::forms`] gives them, each with its *base*:
    /// the absolute offset in the current text of the start of its chunk. Offsets in a form's
    /// document (its [`span`](Document::span)s, [`key_span`](Document::key_span)s) are
    /// relative to its chunk, so `base + offset` is the offset in [`source`](Self::source);
    /// `base + span(root).start` is where the form starts. Empty while the text has an error.
    /// Costs one addition per chunk.
    ///
    /// ```
    /// use gene_parser::IncrementalDocument;
    /// let doc = IncrementalDocument::new(b"(a 1)\n  (b 2)\n");
    /// let starts: Vec<usize> = doc
    ///     .forms_with_offsets()
    ///     .map(|(base, form)| base + form.span(form.roots().get(0).unwrap()).start)
    ///     .collect();
    /// assert_eq!(starts, [0, 8]);
    /// ```
    pub fn forms_with_offsets(&self) -> impl Iterator<Item = (usize, Document<'_>)> {
        let ok = self.error.is_none();
        self.chunks
            .iter()
            .zip(&self.lens)
            .scan(0, |base, (chunk, &len)| {
                let start = *base;
                *base += len;
                Some((start, chunk))
            })
            .filter(move |_| ok)
            .filter_map(|(base, c)| {
                c.tree
                    .as_ref()
                    .map(|tree| (base, Document::new(&c.text, Cow::Borrowed(tree))))
            })
    }

    /// The forms that parse and every error, whether or not the text has an error: exactly
    /// [`parse_recovering_with`](crate::parse_recovering_with) of the current text with this
    /// document's options, so that an editor's outline survives a typed `(` (the forms before
    /// and after a broken form are kept, by `parse_recovering`'s resume rule). Its document
    /// is over the whole text, so its offsets are absolute.
    ///
    /// Computed on demand: O(n) in the text's length per call, not incremental. While the
    /// text has no error, [`forms`](Self::forms) gives the same forms without that cost.
    ///
    /// ```
    /// use gene_parser::IncrementalDocument;
    /// let mut doc = IncrementalDocument::new(b"(a 1)\n(b 2)\n(c 3)\n");
    /// assert!(doc.edit(6..6, b"(").is_err()); // `(` typed before `(b 2)`
    /// assert_eq!(doc.forms().count(), 0);
    /// let recovered = doc.recovered();
    /// assert_eq!(recovered.document().dump(), "(a 1)\n(c 3)\n");
    /// assert_eq!(recovered.errors()[0].offset(), 6);
    /// ```
    pub fn recovered(&self) -> Recovered {
        let source = self.source();
        let (tree, errors) = {
            let (doc, errors) = crate::parse_recovering_with(&source, &self.options);
            (doc.tree.into_owned(), errors)
        };
        Recovered {
            source,
            tree,
            errors,
        }
    }

    /// The canonical dump of the current text: one line per form, or `<error>`.
    pub fn dump(&self) -> String {
        if self.error.is_some() {
            return "<error>\n".to_string();
        }
        let mut out = Vec::with_capacity(self.len + 16);
        for doc in self.forms() {
            doc.dump_into(&mut out);
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Replaces the bytes in `range` with `replacement` and re-parses what the edit touches.
    /// Returns what it cost, or the error of the edited text (which a later edit may repair).
    ///
    /// # Panics
    /// If `range` is not within the text (like slice indexing).
    pub fn edit(&mut self, range: Range<usize>, replacement: &[u8]) -> Result<EditStats, Error> {
        assert!(
            range.start <= range.end && range.end <= self.len,
            "edit range {range:?} outside a text of {} bytes",
            self.len
        );
        // The forms before the region must not depend on the edited bytes (see `LOOKAHEAD`).
        let (mut first, mut region_start) = self.locate(range.start.saturating_sub(LOOKAHEAD));
        let mut last = if range.end < self.len {
            self.locate(range.end).0
        } else {
            self.chunks.len() - 1
        };
        if let Some(b) = self.broken {
            if b < first {
                region_start -= self.lens[b..first].iter().sum::<usize>();
                first = b;
            }
            last = last.max(b);
        }
        let mut region =
            Vec::with_capacity(self.lens[first..=last].iter().sum::<usize>() + replacement.len());
        for chunk in &self.chunks[first..=last] {
            region.extend_from_slice(&chunk.text);
        }
        region.splice(
            range.start - region_start..range.end - region_start,
            replacement.iter().copied(),
        );
        self.len = self.len - range.len() + replacement.len();
        self.reparse(first, last, region_start, region)
    }

    /// The chunk holding byte `pos` (the last chunk for `pos` at the end), and its start.
    fn locate(&self, pos: usize) -> (usize, usize) {
        let mut start = 0;
        for (i, &len) in self.lens.iter().enumerate() {
            if pos < start + len {
                return (i, start);
            }
            start += len;
        }
        let last = self.chunks.len() - 1;
        (last, start - self.lens[last])
    }

    /// Replaces chunks `first..=last` with `new`, keeping the lengths and the form count.
    #[allow(clippy::vec_box, reason = "the chunks are kept boxed, see `chunks`")]
    fn replace(&mut self, first: usize, last: usize, new: Vec<Box<Chunk>>) {
        let old_forms = self.chunks[first..=last]
            .iter()
            .filter(|c| c.tree.is_some())
            .count();
        let new_forms = new.iter().filter(|c| c.tree.is_some()).count();
        self.forms = self.forms - old_forms + new_forms;
        self.lens
            .splice(first..=last, new.iter().map(|c| c.text.len()));
        self.chunks.splice(first..=last, new);
    }

    /// Re-parses `region`, the new text of chunks `first..=last`, which starts at byte
    /// `region_start` of the document: grows it while its end does not hold (see the module
    /// doc), and extends it to the end of the text before accepting an error.
    fn reparse(
        &mut self,
        first: usize,
        mut last: usize,
        region_start: usize,
        mut region: Vec<u8>,
    ) -> Result<EditStats, Error> {
        if self.len > MAX_INPUT_LEN || memchr::memchr(0, &region).is_some() {
            // Only the region can hold a NUL: every other chunk parsed.
            let error = self.whole_text_error(first, last, &region);
            return Err(self.keep_broken(first, last, region, error));
        }
        let mut parse = RegionParse::new(region_start == 0);
        // The region's last chunk and length before it was extended for an error: the chunks
        // after it are kept if the error stands.
        let mut before_extension = None;
        loop {
            match parse.run(&region, &self.options) {
                Ok(()) if last + 1 < self.chunks.len() => {
                    let Err(resume) = parse.check_end(&mut region, &self.chunks[last + 1..]) else {
                        return Ok(self.accept(first, last, parse, region));
                    };
                    parse.reopen(resume);
                    // Grow by at least the bytes that will be parsed again, so that repeated
                    // growth doubles the region and costs linear work in all.
                    let again = region.len() - resume;
                    let grown = region.len();
                    while last + 1 < self.chunks.len() && region.len() - grown <= again {
                        last += 1;
                        region.extend_from_slice(&self.chunks[last].text);
                    }
                }
                Ok(()) => return Ok(self.accept(first, last, parse, region)),
                Err(_) if last + 1 < self.chunks.len() => {
                    // Not final yet: the failing form may read on into the next chunks. The
                    // parse resumes at that form, or before it if a form's look-ahead
                    // reached the region's end.
                    before_extension.get_or_insert((last, region.len()));
                    parse.reopen(parse.resume_point(region.len()));
                    for chunk in &self.chunks[last + 1..] {
                        region.extend_from_slice(&chunk.text);
                    }
                    last = self.chunks.len() - 1;
                }
                Err((error, at)) => {
                    // The region reaches the end of the text, so a full parse, which reaches
                    // `region_start` at top level with nothing pending, fails the same way.
                    let mut text = Vec::with_capacity(self.len);
                    for chunk in &self.chunks[..first] {
                        text.extend_from_slice(&chunk.text);
                    }
                    text.extend_from_slice(&region);
                    let error = error.rebased(&text, region_start + at);
                    let (kept_last, kept_len) = before_extension.unwrap_or((last, region.len()));
                    region.truncate(kept_len);
                    return Err(self.keep_broken(first, kept_last, region, error));
                }
            }
        }
    }

    /// Puts the parsed region in place of chunks `first..=last`.
    fn accept(
        &mut self,
        first: usize,
        last: usize,
        parse: RegionParse,
        region: Vec<u8>,
    ) -> EditStats {
        let scanned = parse.scanned;
        let chunks = parse.into_chunks(&region);
        let stats = EditStats {
            reparsed_bytes: region.len(),
            scanned_bytes: scanned,
            reparsed_forms: chunks.iter().filter(|c| c.tree.is_some()).count(),
            reused_forms: self.forms
                - self.chunks[first..=last]
                    .iter()
                    .filter(|c| c.tree.is_some())
                    .count(),
        };
        self.replace(first, last, chunks);
        self.broken = None;
        self.error = None;
        stats
    }

    /// Keeps `region`, which failed with `error`, as one unparsed chunk in place of chunks
    /// `first..=last`, and returns the error.
    fn keep_broken(&mut self, first: usize, last: usize, region: Vec<u8>, error: Error) -> Error {
        let chunk = Box::new(Chunk {
            text: region,
            tree: None,
            form_start: 0,
        });
        self.replace(first, last, vec![chunk]);
        self.broken = Some(first);
        self.error = Some(error.clone());
        error
    }

    /// The whole text with chunks `first..=last` replaced by `region` (for error positions).
    fn text_with(&self, first: usize, last: usize, region: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len);
        for chunk in &self.chunks[..first] {
            out.extend_from_slice(&chunk.text);
        }
        out.extend_from_slice(region);
        for chunk in &self.chunks[last + 1..] {
            out.extend_from_slice(&chunk.text);
        }
        out
    }

    /// Errors about the whole text (its size, NUL bytes) are exactly those of a full parse.
    #[cold]
    fn whole_text_error(&self, first: usize, last: usize, region: &[u8]) -> Error {
        let text = self.text_with(first, last, region);
        match crate::parse(&text) {
            Err(error) => error,
            Ok(_) => unreachable!("whole-text checks only fail for text that a full parse rejects"),
        }
    }
}

/// A region parsed form by form, which can be resumed after the region grows.
struct RegionParse {
    /// One chunk per form parsed so far.
    #[allow(
        clippy::vec_box,
        reason = "the chunks are spliced into the document's boxed list"
    )]
    chunks: Vec<Box<Chunk>>,
    /// Where the parsed chunks end in the region: the next form's trivia starts here.
    end: usize,
    /// Whether the region starts the text (a byte-order mark is skipped there).
    at_file_start: bool,
    /// Bytes handed to the parser and the boundary check so far (see `EditStats`).
    scanned: usize,
}

impl RegionParse {
    fn new(at_file_start: bool) -> RegionParse {
        RegionParse {
            chunks: Vec::new(),
            end: 0,
            at_file_start,
            scanned: 0,
        }
    }

    /// Parses the forms of `region` from `end` on. On error returns it with the offset (in
    /// the region) of the text it was found in: the failing form's chunk starts there.
    fn run(&mut self, region: &[u8], options: &ParseOptions) -> Result<(), (Error, usize)> {
        self.scanned += region.len() - self.end;
        loop {
            let piece = &region[self.end..];
            let parser = Parser::new_small(piece, options);
            match parser.parse_one(self.at_file_start && self.end == 0) {
                Ok(None) => return Ok(()),
                Ok(Some((doc, len))) => {
                    let form_start = doc.span(doc.roots().get(0).expect("a form")).start;
                    let tree = doc.tree.into_owned();
                    self.chunks.push(Box::new(Chunk {
                        text: piece[..len].to_vec(),
                        tree: Some(tree),
                        form_start,
                    }));
                    self.end += len;
                }
                Err((error, _)) => return Err((error, self.end)),
            }
        }
    }

    /// Whether the parsed region ends where the chunks `following` it can keep their trees:
    /// the region ends with its last form's last token, and the forms whose look-ahead
    /// reaches past the region's end lex to the same tokens with the following text after
    /// them as alone. On failure returns where to parse again from once the region has
    /// grown.
    #[allow(clippy::vec_box, reason = "the document's chunks are boxed")]
    fn check_end(&mut self, region: &mut Vec<u8>, following: &[Box<Chunk>]) -> Result<(), usize> {
        let boundary = region.len();
        let resume = self.resume_point(boundary);
        if self.end < boundary || resume == self.end {
            // No form, or trivia after the last one, which could run on into the next
            // chunk (a comment).
            return Err(resume);
        }
        let first = self.chunks[self.chunk_at(resume)].form_start;
        let from = resume + first;
        // The joined text is built in the region's own buffer and cut back after: the next
        // chunk whole, and at least `LOOKAHEAD` bytes.
        for chunk in following {
            region.extend_from_slice(&chunk.text);
            if region.len() - boundary >= LOOKAHEAD {
                break;
            }
        }
        let same = same_tokens_joined(&region[from..boundary], &region[from..]);
        self.scanned += region.len() - from;
        region.truncate(boundary);
        if same { Ok(()) } else { Err(resume) }
    }

    /// Where to parse again from when the region grows past `len` bytes: the start of the
    /// first form whose last byte lies within `LOOKAHEAD` bytes of `len` (its tokens may
    /// depend on what follows), or the end of the parsed forms.
    fn resume_point(&self, len: usize) -> usize {
        let limit = len.saturating_sub(LOOKAHEAD);
        let mut at = self.end;
        for chunk in self.chunks.iter().rev() {
            if at <= limit {
                break;
            }
            at -= chunk.text.len();
        }
        at
    }

    /// The index of the parsed chunk that starts at `offset`.
    fn chunk_at(&self, offset: usize) -> usize {
        let mut at = self.end;
        let mut i = self.chunks.len();
        while at > offset {
            i -= 1;
            at -= self.chunks[i].text.len();
        }
        debug_assert_eq!(at, offset, "`offset` is a chunk start");
        i
    }

    /// Drops the chunks from `resume` on, to parse them again.
    fn reopen(&mut self, resume: usize) {
        while self.end > resume {
            let chunk = self.chunks.pop().expect("`resume` is a chunk start");
            self.end -= chunk.text.len();
        }
        debug_assert_eq!(self.end, resume);
    }

    /// The chunks of the whole region: the forms, then any trailing trivia (the document
    /// always keeps at least one chunk).
    #[allow(
        clippy::vec_box,
        reason = "the chunks are spliced into the document's boxed list"
    )]
    fn into_chunks(mut self, region: &[u8]) -> Vec<Box<Chunk>> {
        if self.end < region.len() || self.chunks.is_empty() {
            self.chunks.push(Box::new(Chunk {
                text: region[self.end..].to_vec(),
                tree: None,
                form_start: 0,
            }));
        }
        self.chunks
    }
}

/// Whether `alone`, a top-level form, lexes to tokens that end exactly at its end and that
/// `joined` (the same bytes with more text after them) gives identically: same kind, flags,
/// start and end.
fn same_tokens_joined(alone: &[u8], joined: &[u8]) -> bool {
    // The byte path: the one the parser lexes with.
    let mut by_itself = Lexer::at(alone, 0);
    let mut in_context = Lexer::at(joined, 0);
    let mut end = 0;
    loop {
        let token = by_itself.next_token_bytewise();
        if token.kind == TokenKind::Eof {
            return end == alone.len();
        }
        if in_context.next_token_bytewise() != token {
            return false;
        }
        end = token.end as usize;
    }
}
