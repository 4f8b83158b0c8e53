//! A line index: line and column of any byte offset in O(log n), with exactly the rules of
//! [`line_column`](crate::line_column) (LF, CR and CRLF end a line; columns count characters,
//! each byte of an invalid UTF-8 sequence counting one; a leading BOM is not a column).

use std::cell::Cell;

/// At most this many bytes lie between an anchor and the next one on the same line (plus up to
/// 3 while waiting for a byte where counting can restart), so a query counts a bounded stretch.
const STRIDE: usize = 64;

/// A point where counting can restart: its line and column are known, and the columns of any
/// later offset on the line are this column plus the characters between.
#[derive(Clone, Copy, Debug)]
struct Anchor {
    offset: usize,
    line: u32,
    column: u32,
}

/// Line and column of any offset of one text, built in one pass over it.
///
/// Each query is a binary search over the anchors (one per line, and one per 64 bytes of
/// long lines) and a count of at most 67 bytes, whatever the size of the text. Agrees with
/// [`line_column`](crate::line_column) at every offset (tests/api_lines.rs).
///
/// ```
/// let index = gene_parser::LineIndex::new("\u{feff}a\r\nbé x".as_bytes());
/// assert_eq!(index.line_col(3), (1, 1)); // `a`, after the BOM
/// assert_eq!(index.line_col(10), (2, 4)); // `x`: `é` is one column
/// assert_eq!(index.line_col(10), gene_parser::line_column("\u{feff}a\r\nbé x".as_bytes(), 10));
/// ```
#[derive(Clone, Debug)]
pub struct LineIndex<'src> {
    src: &'src [u8],
    anchors: Vec<Anchor>,
}

thread_local! {
    /// Bytes counted by the queries of every [`LineIndex`] of this thread (not by building),
    /// so that a test can check that queries do not rescan the text.
    static QUERY_WORK: Cell<usize> = const { Cell::new(0) };
}

/// Bytes examined by [`LineIndex`] queries on this thread so far. Not part of the stable API.
#[doc(hidden)]
pub fn line_index_query_work() -> usize {
    QUERY_WORK.with(Cell::get)
}

/// Columns taken by `text`: its characters, each byte of an invalid sequence counting one (a
/// sequence cut off by the end of `text` is invalid), as [`line_column`](crate::line_column)
/// counts them.
fn columns(text: &[u8]) -> u32 {
    let mut n = 0u32;
    for chunk in text.utf8_chunks() {
        n = n.saturating_add(chunk.valid().chars().count() as u32);
        n = n.saturating_add(chunk.invalid().len() as u32);
    }
    n
}

/// Whether counting columns can restart at `src[at]`: the columns of a text are the sum of
/// those of its two halves cut here. True where no UTF-8 sequence (valid, or the maximal
/// prefix of one that an invalid run is) can span the cut: before a byte that is not a
/// continuation byte, or after three continuation bytes in a row.
fn restartable(src: &[u8], at: usize) -> bool {
    let continuation = |b: u8| b & 0xC0 == 0x80;
    !continuation(src[at]) || (at >= 3 && src[at - 3..at].iter().all(|&b| continuation(b)))
}

impl<'src> LineIndex<'src> {
    /// Indexes `src` in one pass.
    pub fn new(src: &'src [u8]) -> LineIndex<'src> {
        let mut anchors = vec![Anchor {
            offset: 0,
            line: 1,
            column: 1,
        }];
        let mut line = 1u32;
        let mut line_start = 0;
        if src.starts_with(b"\xEF\xBB\xBF") {
            anchors.push(Anchor {
                offset: 3,
                line: 1,
                column: 1,
            });
            line_start = 3;
        }
        let mut breaks = memchr::memchr2_iter(b'\n', b'\r', src).peekable();
        while line_start <= src.len() {
            let line_end = breaks.peek().copied().unwrap_or(src.len());
            let line_end = line_end.max(line_start);
            // Anchors inside a long line, every STRIDE bytes at a restartable byte.
            let mut last = *anchors.last().expect("the first anchor");
            let mut at = line_start + STRIDE;
            while at < line_end {
                if restartable(src, at) {
                    last = Anchor {
                        offset: at,
                        line,
                        column: last.column.saturating_add(columns(&src[last.offset..at])),
                    };
                    anchors.push(last);
                    at += STRIDE;
                } else {
                    at += 1;
                }
            }
            let Some(b) = breaks.next() else { break };
            // The LF of a CRLF pair ends no line of its own.
            if !(src[b] == b'\n' && b > 0 && src[b - 1] == b'\r') {
                line = line.saturating_add(1);
            }
            line_start = b + 1;
            anchors.push(Anchor {
                offset: line_start,
                line,
                column: 1,
            });
        }
        LineIndex { src, anchors }
    }

    /// 1-based line and column of byte `offset` of the indexed text; an offset past the end
    /// is taken as the end.
    ///
    /// ```
    /// let index = gene_parser::LineIndex::new(b"(a\r(b\n  c))");
    /// assert_eq!(index.line_col(8), (3, 3));
    /// ```
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let src = self.src;
        let offset = offset.min(src.len());
        let i = self.anchors.partition_point(|a| a.offset <= offset) - 1;
        let anchor = self.anchors[i];
        let text = &src[anchor.offset..offset];
        QUERY_WORK.with(|w| w.set(w.get() + text.len()));
        (anchor.line, anchor.column.saturating_add(columns(text)))
    }

    /// Number of lines: 1 plus the line breaks (a CRLF pair is one).
    ///
    /// ```
    /// assert_eq!(gene_parser::LineIndex::new(b"a\r\nb\rc\n").line_count(), 4);
    /// ```
    pub fn line_count(&self) -> usize {
        self.anchors.last().map_or(1, |a| a.line as usize)
    }

    /// Heap bytes held: 16 per line, and per 64 bytes of longer lines.
    ///
    /// ```
    /// let index = gene_parser::LineIndex::new(b"a\nb\nc\n");
    /// assert!(index.heap_bytes() >= 4 * 16);
    /// ```
    pub fn heap_bytes(&self) -> usize {
        self.anchors.capacity() * size_of::<Anchor>()
    }
}
