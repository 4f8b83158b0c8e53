//! The one error type: a precise kind, a byte offset, a 1-based line and column, and a message
//! a person understands. Rendering is off the hot path: an error is built once, when parsing stops.

use std::fmt;

/// What went wrong. The names follow GENE_SYNTAX.md §6.2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// End of input inside `(`, `[`, `#(`, `#[` (also inside a chain).
    UnterminatedList,
    /// End of input inside `{`, `{{`, `#{`, `#{{`.
    UnterminatedMap,
    /// End of input inside `"…"`, `"""…"""` or `#"…"`.
    UnterminatedString,
    /// End of input inside a regex segment.
    UnterminatedRegex,
    /// End of input where an item must follow (after `` ` ``, `%`, `%_`, `#@`).
    UnexpectedEof,
    /// A closer with no opener, or of the wrong kind.
    UnmatchedDelimiter,
    /// A bad `\u` escape in a string.
    InvalidEscape,
    /// A malformed character literal.
    InvalidChar,
    /// Integer overflow or an empty exponent.
    InvalidNumber,
    /// Digits followed by a letter (a unit), or a ratio: not implemented in Gene.
    UnsupportedNumber,
    /// `0x` without a hex digit, or more than 64 bits.
    InvalidHexInt,
    /// A byte literal with no data, or `=` inside a base64 group.
    InvalidBytes,
    /// A malformed date.
    InvalidDate,
    /// A malformed datetime.
    InvalidDateTime,
    /// A malformed time.
    InvalidTime,
    /// A regex flag other than `i` or `m`.
    InvalidRegexFlag,
    /// A second property group in one gene segment.
    MisplacedProperties,
    /// A property key with no value after it.
    MissingPropertyValue,
    /// A property key that is already set.
    DuplicateProperty,
    /// A key path through a value that is not a map, or with an empty last segment.
    PropertyPathConflict,
    /// Map content that is not a `^key`.
    ExpectedPropertyKey,
    /// An interpolation hole without exactly one item.
    InvalidInterpolation,
    /// A byte that cannot appear here: `;` outside a gene, VT, FF, NUL, or an empty symbol.
    UnexpectedCharacter,
    /// Nesting deeper than [`ParseOptions::max_depth`](crate::ParseOptions::max_depth).
    NestingTooDeep,
    /// Input of 4 GiB or more: spans are `u32` byte offsets.
    InputTooLarge,
}

impl ErrorKind {
    /// The kind's name, as used in test data (`UnterminatedList`, …).
    pub fn name(self) -> &'static str {
        use ErrorKind::*;
        match self {
            UnterminatedList => "UnterminatedList",
            UnterminatedMap => "UnterminatedMap",
            UnterminatedString => "UnterminatedString",
            UnterminatedRegex => "UnterminatedRegex",
            UnexpectedEof => "UnexpectedEof",
            UnmatchedDelimiter => "UnmatchedDelimiter",
            InvalidEscape => "InvalidEscape",
            InvalidChar => "InvalidChar",
            InvalidNumber => "InvalidNumber",
            UnsupportedNumber => "UnsupportedNumber",
            InvalidHexInt => "InvalidHexInt",
            InvalidBytes => "InvalidBytes",
            InvalidDate => "InvalidDate",
            InvalidDateTime => "InvalidDateTime",
            InvalidTime => "InvalidTime",
            InvalidRegexFlag => "InvalidRegexFlag",
            MisplacedProperties => "MisplacedProperties",
            MissingPropertyValue => "MissingPropertyValue",
            DuplicateProperty => "DuplicateProperty",
            PropertyPathConflict => "PropertyPathConflict",
            ExpectedPropertyKey => "ExpectedPropertyKey",
            InvalidInterpolation => "InvalidInterpolation",
            UnexpectedCharacter => "UnexpectedCharacter",
            NestingTooDeep => "NestingTooDeep",
            InputTooLarge => "InputTooLarge",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A syntax error with its position.
///
/// `Display` renders `file:line:col: message` on one line; the file is `<input>` unless
/// [`Error::with_path`] named one (control characters in it are escaped).
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Inner>);

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    offset: usize,
    /// Where the offending token or construct ends; see [`Error::span`].
    end: usize,
    line: u32,
    column: u32,
    message: String,
    path: Option<String>,
}

impl Error {
    /// Builds an error at byte `offset` of `src`, computing its line and column.
    pub(crate) fn new(kind: ErrorKind, src: &[u8], offset: usize, message: String) -> Error {
        Error::with_cursor(kind, src, offset, message, &mut LineCursor::default())
    }

    /// [`Error::new`], counting lines from where `cursor` left off.
    pub(crate) fn with_cursor(
        kind: ErrorKind,
        src: &[u8],
        offset: usize,
        message: String,
        cursor: &mut LineCursor,
    ) -> Error {
        let offset = offset.min(src.len());
        let end = construct_end(kind, src, offset);
        let (line, column) = cursor.locate(src, offset);
        let message = match one_line(&message, MAX_MESSAGE_LEN) {
            std::borrow::Cow::Borrowed(_) => message,
            std::borrow::Cow::Owned(clean) => clean,
        };
        Error(Box::new(Inner {
            kind,
            offset,
            end,
            line,
            column,
            message,
            path: None,
        }))
    }

    /// The same error at `offset + delta` of `src`, a larger text that contains the text this
    /// error was found in at `delta`.
    pub(crate) fn rebased(&self, src: &[u8], delta: usize) -> Error {
        let mut error = Error::new(
            self.0.kind,
            src,
            self.0.offset + delta,
            self.0.message.clone(),
        );
        error.0.path.clone_from(&self.0.path);
        error
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// Byte offset in the input where the error is reported.
    pub fn offset(&self) -> usize {
        self.0.offset
    }

    /// Byte offset just past the offending token or construct: the end of [`Error::span`].
    pub fn end(&self) -> usize {
        self.0.end
    }

    /// The bytes an editor should underline, `offset()..end()`: never empty when the input has
    /// a byte at [`Error::offset`], and within the input.
    ///
    /// - an unterminated list, map, string or regex, or an item missing at the end
    ///   (`UnexpectedEof`): from the opener (or prefix) to the end of the input;
    /// - anything else (a closer with no opener, a bad literal, a NUL or other bad byte, a
    ///   property key, an opener nested too deep): the token the lexer reads at the offset
    ///   (cut after 1 KiB), or the one character there when no token starts at it (an offset
    ///   inside a literal, at trivia, at a NUL); a bad number, date, time or byte literal runs
    ///   on to the next delimiter (at most 64 bytes further), as its message quotes it, and a
    ///   bad character literal to its closing quote;
    /// - an error at the end of the input: the empty range there.
    ///
    /// Lines and columns of the end come from [`line_column`] or a
    /// [`LineIndex`](crate::LineIndex).
    ///
    /// ```
    /// let error = gene_parser::parse(b"(a 0x) b").unwrap_err();
    /// assert_eq!(error.kind(), gene_parser::ErrorKind::InvalidHexInt);
    /// assert_eq!(error.span(), 3..5); // `0x`
    /// let error = gene_parser::parse(b"(a \"bc\n(d)").unwrap_err();
    /// assert_eq!(error.span(), 3..10); // from the quote to the end of input
    /// ```
    pub fn span(&self) -> std::ops::Range<usize> {
        self.0.offset..self.0.end
    }

    /// 1-based line. Lines break at LF, CR and CRLF.
    pub fn line(&self) -> u32 {
        self.0.line
    }

    /// 1-based column, counted in characters (a tab counts 1; an invalid UTF-8 byte counts 1).
    pub fn column(&self) -> u32 {
        self.0.column
    }

    /// The message without position, e.g. ``unterminated list: `(` is never closed``: one line
    /// (control characters of the source are escaped), at most [`MAX_MESSAGE_LEN`] bytes.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The file name shown by `Display`, if one was attached.
    pub fn path(&self) -> Option<&str> {
        self.0.path.as_deref()
    }

    /// Attaches the file name shown by `Display`.
    pub fn with_path(mut self, path: impl Into<String>) -> Error {
        self.0.path = Some(path.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A path may hold any byte a file name can: escaped, so the error stays on one line.
        let path = one_line(self.0.path.as_deref().unwrap_or("<input>"), usize::MAX);
        write!(
            f,
            "{path}:{}:{}: {}",
            self.0.line, self.0.column, self.0.message
        )
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} at {}:{} (byte {}): {}",
            self.0.kind, self.0.line, self.0.column, self.0.offset, self.0.message
        )
    }
}

impl std::error::Error for Error {}

/// How far past an error's offset its range may reach, for a token: the range of a longer
/// token is cut here, so that a recovering parse with an error at every few bytes stays
/// linear (`tests/errors_span.rs` counts it).
pub(crate) const MAX_TOKEN_RANGE: usize = 1024;

/// How far past the lexer's token a bad literal's range may run to reach a delimiter.
const LITERAL_RUN_ON: usize = 64;

/// Where the construct an error of `kind` at `offset` reports ends (see [`Error::span`]).
/// Costs at most [`MAX_TOKEN_RANGE`] bytes of lexing.
fn construct_end(kind: ErrorKind, src: &[u8], offset: usize) -> usize {
    use ErrorKind::*;
    if offset >= src.len() {
        return src.len();
    }
    if matches!(
        kind,
        UnterminatedList | UnterminatedMap | UnterminatedString | UnterminatedRegex | UnexpectedEof
    ) {
        return src.len();
    }
    // The window ends on a character boundary, so a token cut by it does too.
    let mut limit = (offset + MAX_TOKEN_RANGE).min(src.len());
    while limit > offset + 1 && limit < src.len() && src[limit] & 0xC0 == 0x80 {
        limit -= 1;
    }
    let window = &src[..limit];
    // The token the lexer reads at the offset, if one starts there.
    let token = crate::lexer::Lexer::at(window, offset).next_token_bytewise();
    if token.start as usize == offset && token.end as usize > offset {
        let mut end = token.end as usize;
        // A malformed character literal's token is its quote and one byte: the literal runs
        // to its closing quote, if one is near.
        if kind == InvalidChar {
            let near = &window[end..window.len().min(offset + 16)];
            let stop = near
                .iter()
                .position(|&b| b == b'\'' || b.is_ascii_whitespace() || b"()[]{}\";".contains(&b));
            if let Some(i) = stop.filter(|&i| near[i] == b'\'') {
                end += i + 1;
            }
        }
        // A bad number, date, time or byte literal runs to the next delimiter, as its message
        // quotes it (`12px`, where the lexer stops after `12p`), for at most a few bytes.
        if matches!(
            kind,
            InvalidNumber
                | UnsupportedNumber
                | InvalidHexInt
                | InvalidBytes
                | InvalidDate
                | InvalidDateTime
                | InvalidTime
        ) {
            let near = &window[end..window.len().min(end + LITERAL_RUN_ON)];
            end += near
                .iter()
                .position(|&b| crate::lexer::bytes::is_terminator(b))
                .unwrap_or(near.len());
        }
        // A token ends on a character boundary even where the lexer cut it inside one.
        if window[end - 1] >= 0x80 {
            while end < window.len() && window[end] & 0xC0 == 0x80 {
                end += 1;
            }
        }
        return end;
    }
    // Inside a token or at trivia: the character at the offset (one byte if it is not valid
    // UTF-8), so the range is never empty and ends on a character boundary.
    let width = match src[offset] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    };
    if offset + width <= window.len()
        && std::str::from_utf8(&window[offset..offset + width]).is_ok()
    {
        offset + width
    } else {
        offset + 1
    }
}

/// 1-based line and column of byte `offset`. LF, CR and CRLF each end one line; columns count
/// characters, with each byte of an invalid UTF-8 sequence counting as one; a leading BOM is
/// not a column.
pub fn line_column(src: &[u8], offset: usize) -> (u32, u32) {
    LineCursor::default().locate(src, offset)
}

/// Remembers how far lines and columns have been counted, so that many errors in one file (a
/// recovering parse) cost one pass over the text instead of one pass each, however many errors
/// share a line.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct LineCursor {
    /// Bytes before this offset have been scanned for line breaks.
    scanned: usize,
    /// The 1-based line at `scanned`.
    line: u32,
    /// Where that line starts.
    line_start: usize,
    /// Columns have been counted up to here: a character boundary of the line, at or after
    /// `line_start`, at or before `scanned`.
    counted: usize,
    /// The 1-based column at `counted`.
    column: u32,
}

thread_local! {
    /// Bytes examined by every [`LineCursor`] of this thread, shared or not, so that the tests
    /// that check that error paths are linear see a line or column counted from scratch too.
    static LOCATE_WORK: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The bytes examined so far on this thread to compute lines and columns.
pub(crate) fn locate_work() -> usize {
    LOCATE_WORK.with(|w| w.get())
}

impl LineCursor {
    /// 1-based line and column of byte `offset` of `src`; continues from the last call when
    /// `offset` is not before it.
    pub(crate) fn locate(&mut self, src: &[u8], offset: usize) -> (u32, u32) {
        let offset = offset.min(src.len());
        if offset < self.scanned || self.line == 0 {
            *self = LineCursor {
                line: 1,
                column: 1,
                ..LineCursor::default()
            };
        }
        let mut work = offset - self.scanned;
        for i in memchr::memchr2_iter(b'\n', b'\r', &src[self.scanned..offset]) {
            let i = self.scanned + i;
            // The LF of a CRLF pair was already counted with its CR.
            if !(src[i] == b'\n' && i > 0 && src[i - 1] == b'\r') {
                self.line = self.line.saturating_add(1);
            }
            self.line_start = i + 1;
        }
        self.scanned = offset;
        if self.counted < self.line_start {
            self.counted = self.line_start;
            self.column = 1;
        }
        if self.counted == 0 && src[..offset].starts_with(b"\xEF\xBB\xBF") {
            self.counted = 3;
        }
        // Count from the last character boundary. An invalid sequence that reaches `offset`
        // may be the start of a character that continues past it, so it is counted for this
        // answer but the boundary stays before it (at most 3 bytes are counted again).
        let text = &src[self.counted..offset];
        work += text.len();
        LOCATE_WORK.with(|w| w.set(w.get() + work));
        let mut column = self.column;
        let mut at = self.counted;
        for chunk in text.utf8_chunks() {
            column = column.saturating_add(chunk.valid().chars().count() as u32);
            at += chunk.valid().len();
            (self.counted, self.column) = (at, column);
            column = column.saturating_add(chunk.invalid().len() as u32);
            at += chunk.invalid().len();
            if at < offset {
                (self.counted, self.column) = (at, column);
            }
        }
        (self.line, column)
    }
}

/// The longest excerpt of source a message quotes, in characters.
pub(crate) const EXCERPT_CHARS: usize = 40;

/// The longest message [`Error::message`] returns, in bytes: messages quote bounded excerpts,
/// this is the backstop.
pub const MAX_MESSAGE_LEN: usize = 512;

/// At most [`EXCERPT_CHARS`] characters of source for a message, on one line: control bytes
/// and invalid UTF-8 are escaped as the canonical dump escapes them (`\n`, `\r`, `\t`,
/// `\u{1B}`, `\x{FF}`), and `…` marks a cut.
pub(crate) fn excerpt(text: &[u8]) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for chunk in text.utf8_chunks() {
        for c in chunk.valid().chars() {
            if chars == EXCERPT_CHARS {
                out.push('…');
                return out;
            }
            push_escaped(&mut out, c);
            chars += 1;
        }
        for &b in chunk.invalid() {
            if chars == EXCERPT_CHARS {
                out.push('…');
                return out;
            }
            out.push_str(&format!("\\x{{{b:X}}}"));
            chars += 1;
        }
    }
    out
}

/// Whether a character would break a message's single line or act on a terminal: C0 and C1
/// controls, DEL, the Unicode line and paragraph separators, and the bidirectional overrides.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Appends `c`, escaped as the canonical dump escapes it if it [needs it](needs_escape).
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if needs_escape(c) => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
        c => out.push(c),
    }
}

/// `text` on one line and at most [`MAX_MESSAGE_LEN`] bytes: the backstop applied to every
/// message and path an error shows, whatever built it.
fn one_line(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if text.len() <= max && !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.len().saturating_add(12) > max {
            out.push('…');
            break;
        }
        push_escaped(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
}

/// Describes the byte at `offset` for a message: ``a `)` ``, `end of input`, `byte 0x0B`.
pub(crate) fn describe_at(src: &[u8], offset: usize) -> String {
    match src.get(offset) {
        None => "end of input".to_string(),
        Some(&b) => describe_byte(b),
    }
}

/// Describes one byte for a message.
pub(crate) fn describe_byte(b: u8) -> String {
    match b {
        0 => "a NUL byte".to_string(),
        0x0b => "a vertical tab".to_string(),
        0x0c => "a form feed".to_string(),
        b'\n' | b'\r' => "a line break".to_string(),
        b' ' => "a space".to_string(),
        b'\t' => "a tab".to_string(),
        0x21..=0x7e => format!("`{}`", b as char),
        _ => format!("byte 0x{b:02X}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_agrees_with_a_fresh_count_at_every_offset() {
        let src = "\u{feff}a\r\nbé\rc\n\n\r\r\nd\u{1F600}x\ny".as_bytes();
        let mut cursor = LineCursor::default();
        for offset in 0..=src.len() {
            let fresh = LineCursor::default().locate(src, offset);
            assert_eq!(cursor.locate(src, offset), fresh, "offset {offset}");
        }
        // Going backwards starts over and still agrees.
        assert_eq!(cursor.locate(src, 5), line_column(src, 5));
        assert_eq!(line_column(src, 4), (1, 2)); // the CR, after the BOM and `a`
        assert_eq!(line_column(src, 6), (2, 1)); // the byte after CRLF starts line 2
    }
}
