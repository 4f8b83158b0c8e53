//! Incremental re-parse: a document that keeps one parsed tree per top-level form and, after
//! an edit, re-parses only the forms the edit touches.
//!
//! The text is kept as a list of chunks, each holding its own bytes: the trivia before one
//! top-level form and the form itself (the last chunk may hold only trailing trivia). A tree's
//! offsets are relative to its chunk, so an edit elsewhere never invalidates it.
//!
//! After an edit, the *region* is the run of chunks from the one holding the byte just before
//! the edit (its last token might merge with the new text) to the one holding the byte just
//! after it. The region is parsed form by form on its own. That gives the same result as a full
//! parse because every chunk starts at a top-level position of the whole text, unless the
//! region's last form runs into the next chunk: the parse ends with an error at the region's
//! end, or a token crosses the boundary, or trivia skipping reaches past the next chunk's
//! first token. In those cases the region grows by one chunk and is parsed again. A region
//! that fails for any other reason fails the same way in a full parse; its text is kept
//! unparsed and joins the region of the next edit.

use crate::Document;
use crate::ast::Tree;
use crate::error::Error;
use crate::lexer::Lexer;
use crate::parser::{MAX_INPUT_LEN, ParseOptions, Parser};
use crate::token::TokenKind;
use std::borrow::Cow;
use std::ops::Range;

/// One top-level form (with the trivia before it), or trivia alone, or unparsed text.
struct Chunk {
    text: Vec<u8>,
    /// The form's tree; `None` for trivia alone or for text that failed to parse.
    tree: Option<Tree>,
    /// Offset of the form's first token in `text`.
    form_start: usize,
}

/// What an edit cost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EditStats {
    /// Bytes parsed again.
    pub reparsed_bytes: usize,
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
    /// in it are relative to that chunk). Empty while the text has an error.
    pub fn forms(&self) -> impl Iterator<Item = Document<'_>> {
        let ok = self.error.is_none();
        self.chunks.iter().filter(move |_| ok).filter_map(|c| {
            c.tree.as_ref().map(|tree| Document {
                src: &c.text,
                tree: Cow::Borrowed(tree),
            })
        })
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
        let (mut first, mut region_start) = self.locate(range.start.saturating_sub(1));
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
    /// `region_start` of the document, growing it while it runs into the next chunk.
    fn reparse(
        &mut self,
        first: usize,
        mut last: usize,
        region_start: usize,
        mut region: Vec<u8>,
    ) -> Result<EditStats, Error> {
        loop {
            let parsed = if self.len > MAX_INPUT_LEN || memchr::memchr(0, &region).is_some() {
                Err(self.whole_text_error(first, last, &region))
            } else {
                match parse_region(&region, region_start == 0, &self.options) {
                    Ok(chunks) => Ok(chunks),
                    Err((_, true)) if last + 1 < self.chunks.len() => {
                        last += 1;
                        region.extend_from_slice(&self.chunks[last].text);
                        continue;
                    }
                    Err((error, _)) => {
                        Err(error.rebased(&self.text_with(first, last, &region), region_start))
                    }
                }
            };
            match parsed {
                Ok(chunks) => {
                    if last + 1 < self.chunks.len()
                        && !boundary_holds(&region, &chunks, &self.chunks[last + 1])
                    {
                        last += 1;
                        region.extend_from_slice(&self.chunks[last].text);
                        continue;
                    }
                    let stats = EditStats {
                        reparsed_bytes: region.len(),
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
                    return Ok(stats);
                }
                Err(error) => {
                    let chunk = Box::new(Chunk {
                        text: region,
                        tree: None,
                        form_start: 0,
                    });
                    self.replace(first, last, vec![chunk]);
                    self.broken = Some(first);
                    self.error = Some(error.clone());
                    return Err(error);
                }
            }
        }
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

/// Parses `region` form by form into chunks.
#[allow(
    clippy::vec_box,
    reason = "the chunks are spliced into the document's boxed list"
)]
fn parse_region(
    region: &[u8],
    at_file_start: bool,
    options: &ParseOptions,
) -> Result<Vec<Box<Chunk>>, (Error, bool)> {
    let mut chunks = Vec::new();
    let mut p = 0;
    loop {
        let piece = &region[p..];
        let parser = Parser::new_small(piece, options);
        match parser.parse_one(at_file_start && p == 0) {
            Ok(None) => {
                if p < region.len() || chunks.is_empty() {
                    chunks.push(Box::new(Chunk {
                        text: piece.to_vec(),
                        tree: None,
                        form_start: 0,
                    }));
                }
                return Ok(chunks);
            }
            Ok(Some((doc, end))) => {
                let form_start = doc.span(doc.roots()[0]).start;
                let tree = doc.tree.into_owned();
                chunks.push(Box::new(Chunk {
                    text: piece[..end].to_vec(),
                    tree: Some(tree),
                    form_start,
                }));
                p += end;
            }
            Err((error, reached_end)) => return Err((error.rebased(region, p), reached_end)),
        }
    }
}

/// Whether the region parsed on its own ends where the next chunk's first form begins: no
/// token of the region's last form crosses the boundary, and the first token after it is the
/// next chunk's first token.
fn boundary_holds(region: &[u8], parsed: &[Box<Chunk>], next: &Chunk) -> bool {
    if next.tree.is_none() {
        return false;
    }
    // Lex from the start of the region's last form (a top-level position) across the boundary.
    let mut from = 0;
    let mut at = 0;
    for chunk in parsed {
        if chunk.tree.is_some() {
            from = at + chunk.form_start;
        }
        at += chunk.text.len();
    }
    let boundary = region.len() - from;
    let mut joined = Vec::with_capacity(boundary + next.text.len());
    joined.extend_from_slice(&region[from..]);
    joined.extend_from_slice(&next.text);
    let mut lexer = Lexer::at(&joined, 0);
    loop {
        let tok = lexer.next_token();
        if tok.kind == TokenKind::Eof {
            return false;
        }
        let (start, end) = (tok.start as usize, tok.end as usize);
        if start < boundary {
            if end > boundary {
                return false;
            }
        } else {
            return start == boundary + next.form_start;
        }
    }
}
