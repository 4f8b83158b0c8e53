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
/// `Display` renders `file:line:col: message`; the file is `<input>` unless
/// [`Error::with_path`] named one.
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Inner>);

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    offset: usize,
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
        let (line, column) = cursor.locate(src, offset);
        Error(Box::new(Inner {
            kind,
            offset,
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

    /// 1-based line. Lines break at LF, CR and CRLF.
    pub fn line(&self) -> u32 {
        self.0.line
    }

    /// 1-based column, counted in characters (a tab counts 1; an invalid UTF-8 byte counts 1).
    pub fn column(&self) -> u32 {
        self.0.column
    }

    /// The message without position, e.g. ``unterminated list: `(` is never closed``.
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
        let path = self.0.path.as_deref().unwrap_or("<input>");
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

/// 1-based line and column of byte `offset`. LF, CR and CRLF each end one line; columns count
/// characters, with each byte of an invalid UTF-8 sequence counting as one; a leading BOM is
/// not a column.
pub fn line_column(src: &[u8], offset: usize) -> (u32, u32) {
    LineCursor::default().locate(src, offset)
}

/// Remembers how far lines have been counted, so that many errors in one file (a recovering
/// parse) cost one pass over the text instead of one pass each.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct LineCursor {
    /// Bytes before this offset have been scanned for line breaks.
    scanned: usize,
    /// The 1-based line at `scanned`.
    line: u32,
    /// Where that line starts.
    line_start: usize,
}

impl LineCursor {
    /// 1-based line and column of byte `offset` of `src`; continues from the last call when
    /// `offset` is not before it.
    pub(crate) fn locate(&mut self, src: &[u8], offset: usize) -> (u32, u32) {
        let offset = offset.min(src.len());
        if offset < self.scanned || self.line == 0 {
            *self = LineCursor {
                scanned: 0,
                line: 1,
                line_start: 0,
            };
        }
        for i in memchr::memchr2_iter(b'\n', b'\r', &src[self.scanned..offset]) {
            let i = self.scanned + i;
            // The LF of a CRLF pair was already counted with its CR.
            if !(src[i] == b'\n' && i > 0 && src[i - 1] == b'\r') {
                self.line = self.line.saturating_add(1);
            }
            self.line_start = i + 1;
        }
        self.scanned = offset;
        let mut text = &src[self.line_start..offset];
        if self.line == 1 && text.starts_with(b"\xEF\xBB\xBF") {
            text = &text[3..];
        }
        let mut column = 1u32;
        for chunk in text.utf8_chunks() {
            column = column
                .saturating_add(chunk.valid().chars().count() as u32)
                .saturating_add(chunk.invalid().len() as u32);
        }
        (self.line, column)
    }
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
