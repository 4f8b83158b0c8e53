//! Error recovery: the strict parse's NUL rule, and the recovering parse that reports every
//! error of a source in one pass.
//!
//! # The resume rule
//!
//! The recovering parse reads top-level forms as the strict parse does. When a form fails, its
//! error is recorded and the rest of the form is skipped by its brackets: the tokens are read
//! again from the form's first one, counting brackets, where any closer closes the innermost
//! open bracket (a wrong closer is most often a typo for the right one) and a closer with
//! nothing open belongs to the failed form; the form ends at the first token past the error
//! after which no bracket is open. Parsing resumes right after it, on the same line or not.
//! So a stray closer at top level is an error of its own, and a broken form that follows a
//! broken form, indented or not, is reported too. Top-level forms start at column 1 in Gene
//! code, so the skip also stops before a token past the error that begins a line at column 1
//! and can begin a form (a form missing its closer does not swallow the forms after it).
//!
//! A form that runs to the end of input (the parser reached it: brackets or a string still
//! open) is skipped by its brackets alone, without the column-1 stop: resuming inside it would
//! parse the rest of the input again. A form whose brackets are still open at the end of input
//! is reported once (its first error, usually `Unterminated…` at its opener). Parsing then
//! resumes at the first token that begins a line at column 1, can begin a form, lies past the
//! error and past the last bracket left open, and sits at the depth the input ends at, so that
//! the text from there on is balanced: the forms after an unclosed `(` are recovered, those
//! inside an unterminated string are not (they are the string's text). If the text after that
//! point runs to the end of input with brackets open again, recovery stops there: that second
//! skip is the only one that could re-read the rest of the input.
//!
//! NUL bytes are reported apart from the forms, one error per NUL wherever it is (in a string
//! or comment too); a form that fails at a NUL reports only the NUL's error. The errors come
//! out in offset order, and the strict parse reports the first of them: the earlier of its
//! first NUL and the first error of its forms.
//!
//! # Linear work
//!
//! Every form is lexed by the parser once and at most once more by the skip; only one skip may
//! run to the end of input (twice: once to find the depth there, once to find where to resume).
//! The column-1 stop may resume before where the parser had read (an error reported behind the
//! parser, such as a duplicate key found after its value): that text is lexed again, and once
//! such re-reading adds up to the input's length the column-1 stop is off. Lines and columns
//! come from one cursor that only moves forward (the NUL errors have their own), and messages
//! quote bounded excerpts. [`RecoveryWork`] counts all of it so that tests can check the totals
//! grow linearly with the input.

use super::{PResult, Parser};
// The parser builds bare slot indices; ids get their document tag at the public API.
use crate::ast::{Document, RawId as NodeId};
use crate::error::{Error, ErrorKind, LineCursor};
use crate::lexer::Lexer;
use crate::token::{Token, TokenKind};

/// How much work a recovering parse did, in bytes: what tests compare at two input sizes to
/// check that error paths stay linear. Not part of the stable API.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecoveryWork {
    /// Bytes lexed by the parser, counting text lexed again after a restart.
    pub lexed: usize,
    /// Bytes lexed again to skip the rest of failed forms.
    pub rescanned: usize,
    /// Bytes examined to compute lines and columns.
    pub located: usize,
    /// Bytes of all error messages.
    pub message_bytes: usize,
}

impl RecoveryWork {
    /// All the work, in bytes.
    pub fn total(&self) -> usize {
        self.lexed + self.rescanned + self.located + self.message_bytes
    }
}

/// The error for a NUL byte at `at`.
fn nul_error(src: &[u8], at: usize, cursor: &mut LineCursor) -> Error {
    Error::with_cursor(
        ErrorKind::UnexpectedCharacter,
        src,
        at,
        "a NUL byte is not allowed in Gene source".into(),
        cursor,
    )
}

/// The NUL errors of a source, handed out in offset order.
struct NulErrors<'src> {
    src: &'src [u8],
    /// The next NUL not yet reported.
    next: Option<usize>,
    cursor: LineCursor,
}

impl<'src> NulErrors<'src> {
    fn new(src: &'src [u8]) -> Self {
        NulErrors {
            src,
            next: memchr::memchr(0, src),
            cursor: LineCursor::default(),
        }
    }

    /// The error of the next NUL, if it is before `limit`.
    fn next_before(&mut self, limit: usize) -> Option<Error> {
        let at = self.next.filter(|&at| at < limit)?;
        self.next = memchr::memchr(0, &self.src[at + 1..]).map(|i| at + 1 + i);
        Some(nul_error(self.src, at, &mut self.cursor))
    }

    /// Hands the errors of the NULs before `limit` to `sink`.
    fn report_before(&mut self, limit: usize, sink: &mut impl FnMut(Error)) {
        while let Some(error) = self.next_before(limit) {
            sink(error);
        }
    }
}

/// Where parsing goes on after a failed form.
enum Skip {
    /// Right after the failed form.
    To(usize),
    /// The form's brackets are still open at the end of input, this many deep.
    OpenAtEnd(usize),
}

impl<'src> Parser<'src> {
    pub(crate) fn parse_document(self) -> PResult<Document<'src>> {
        self.parse_document_into(Vec::new())
    }

    /// [`parse_document`](Self::parse_document) with the roots written into `roots` (empty),
    /// for [`Buffers`](crate::Buffers), which hands in the roots array of an earlier document.
    #[inline(always)]
    pub(crate) fn parse_document_into(mut self, mut roots: Vec<NodeId>) -> PResult<Document<'src>> {
        if let Some(error) = self.too_large() {
            return Err(error);
        }
        // Generated and real code hold a top-level form per 80 bytes or so.
        roots.reserve_exact(self.src.len() / 64 + 4);
        let src = self.src;
        let first_nul = memchr::memchr(0, src);
        let nul = |at| nul_error(src, at, &mut LineCursor::default());
        self.bump();
        while self.tok().kind != TokenKind::Eof {
            match self.item() {
                Ok(id) => self.push_root(&mut roots, id),
                Err(error) => {
                    return Err(match first_nul {
                        Some(at) if at <= error.offset() => nul(at),
                        _ => error,
                    });
                }
            }
        }
        match first_nul {
            Some(at) => Err(nul(at)),
            None => Ok(self.finish(roots)),
        }
    }

    /// Parses everything it can, resuming after each error by the rule of the module doc.
    pub(crate) fn parse_recovering(self) -> (Document<'src>, Vec<Error>) {
        let mut errors = Vec::new();
        let (doc, _) = self.recover(|error| errors.push(error));
        (doc, errors)
    }

    /// [`parse_recovering`](Self::parse_recovering), handing each error to `sink` as it is
    /// found (in offset order) instead of keeping them, and saying how much work it did.
    pub(crate) fn recover(mut self, mut sink: impl FnMut(Error)) -> (Document<'src>, RecoveryWork) {
        let mut work = RecoveryWork::default();
        let located_before = crate::error::locate_work();
        if let Some(error) = self.too_large() {
            sink(error);
            return (self.finish(Vec::new()), work);
        }
        let src = self.src;
        let mut nuls = NulErrors::new(src);
        let mut message_bytes = 0;
        let mut sink = |error: Error| {
            message_bytes += error.message().len();
            sink(error);
        };
        let mut run_start = 0;
        let mut skipped_to_end = false;
        // Bytes the parser has lexed twice because the column-1 stop resumed behind it.
        let mut relexed = 0;
        self.bump();
        // Generated and real code hold a top-level form per 80 bytes or so.
        let mut roots: Vec<NodeId> = Vec::with_capacity(src.len() / 64 + 4);
        while self.tok().kind != TokenKind::Eof {
            let form_start = self.tok().start as usize;
            let mark = self.mark();
            let error = match self.item() {
                Ok(id) => {
                    self.push_root(&mut roots, id);
                    continue;
                }
                Err(error) => error,
            };
            let (at, kind) = (error.offset(), error.kind());
            nuls.report_before(at, &mut sink);
            // A form that fails at a NUL reports the NUL's own error, once.
            sink(nuls.next_before(at + 1).unwrap_or(error));
            self.rewind(mark);
            // The lexer hands over a malformed regex as running to the end of input (the
            // parser reports it), but read it only up to its flags.
            let ahead = self.tok();
            let lexed_to = if kind == ErrorKind::InvalidRegexFlag {
                at + 1
            } else if ahead.kind == TokenKind::Regex && ahead.has(Token::MALFORMED) {
                malformed_regex_end(src, ahead.start as usize)
            } else {
                self.lexer.position()
            };
            work.lexed += lexed_to.saturating_sub(run_start);
            let column_one = lexed_to < src.len() && relexed < src.len();
            let skip = skip_form(src, form_start, at, column_one, &mut work.rescanned);
            let resume = match skip {
                Skip::To(end) => end,
                Skip::OpenAtEnd(_) if skipped_to_end => src.len(),
                Skip::OpenAtEnd(depth) => {
                    skipped_to_end = true;
                    resume_after_open_form(src, form_start, at, depth, &mut work.rescanned)
                }
            };
            relexed += lexed_to.saturating_sub(resume);
            run_start = resume;
            self.restart_at(resume);
        }
        work.lexed += self.lexer.position() - run_start;
        nuls.report_before(usize::MAX, &mut sink);
        work.message_bytes = message_bytes;
        work.located = crate::error::locate_work() - located_before;
        (self.finish(roots), work)
    }
}

/// The rest of a form that failed at `error_at`, which began at `form_start`: where it ends by
/// its brackets, or, if `column_one`, before a line that starts a form at column 1, whichever
/// comes first (see the module doc); or how deep its brackets are still open at the end of
/// input. Adds the bytes it lexed to `work`.
fn skip_form(
    src: &[u8],
    form_start: usize,
    error_at: usize,
    column_one: bool,
    work: &mut usize,
) -> Skip {
    let mut walk = Brackets::new(src, form_start);
    let skip = loop {
        let tok = walk.next();
        if tok.kind == TokenKind::Eof {
            break Skip::OpenAtEnd(walk.depth);
        }
        if column_one && tok.start as usize > error_at && begins_form_line(src, tok) {
            break Skip::To(tok.start as usize);
        }
        if walk.depth == 0 && tok.end as usize > error_at {
            break Skip::To(tok.end as usize);
        }
    };
    *work += walk.lexed();
    skip
}

/// Where to resume after a form that failed at `error_at`, began at `form_start` and left
/// brackets open `depth_at_end` deep at the end of input: the first token that begins a line,
/// can begin a form, lies after the error and after the last bracket left open, at that
/// depth; the end of input if there is none. Adds the bytes it lexed to `work`.
fn resume_after_open_form(
    src: &[u8],
    form_start: usize,
    error_at: usize,
    depth_at_end: usize,
    work: &mut usize,
) -> usize {
    let mut walk = Brackets::new(src, form_start);
    let mut resume = None;
    loop {
        let before = walk.depth;
        let tok = walk.next();
        if tok.kind == TokenKind::Eof {
            break;
        }
        let at = tok.start as usize;
        if before == depth_at_end && resume.is_none() && at > error_at && begins_form_line(src, tok)
        {
            resume = Some(at);
        }
        // A bracket opened to the depth the input ends at may be the last one left open:
        // only a line after it can resume.
        if before + 1 == depth_at_end && walk.depth == depth_at_end {
            resume = None;
        }
    }
    *work += walk.lexed();
    resume.unwrap_or(src.len())
}

/// Where a malformed regex at `start` ends for recovery. The lexer hands it over as running
/// to the end of input; a regex with a bad flag ends at the delimiter after its flags (an
/// unterminated one does run to the end).
fn malformed_regex_end(src: &[u8], start: usize) -> usize {
    let Err((ErrorKind::InvalidRegexFlag, flag)) =
        crate::lexer::regex::scan_regex(src, start, |_| {}, |_| {})
    else {
        return src.len();
    };
    src[flag..]
        .iter()
        .position(|b| b" \t\r\n)]};,".contains(b))
        .map_or(src.len(), |n| flag + n)
}

/// Whether `tok` begins a line (at column 1) and can be the first token of a top-level form.
fn begins_form_line(src: &[u8], tok: Token) -> bool {
    let at = tok.start as usize;
    at > 0 && matches!(src[at - 1], b'\n' | b'\r') && can_begin_form(tok.kind)
}

/// Whether a token of this kind can be the first of a top-level form.
fn can_begin_form(kind: TokenKind) -> bool {
    !matches!(
        kind,
        TokenKind::RParen
            | TokenKind::RBracket
            | TokenKind::RBrace
            | TokenKind::HoleClose
            | TokenKind::Semicolon
            | TokenKind::InterpSegment
            | TokenKind::InterpEnd
            | TokenKind::HoleOpen
            | TokenKind::Eof
    )
}

/// Tokens with their bracket depth, for skipping failed forms: any closer closes the innermost
/// open bracket, and a closer with nothing open changes nothing.
struct Brackets<'src> {
    src: &'src [u8],
    lexer: Lexer<'src>,
    /// Where the lexer started.
    start: usize,
    /// Bytes lexed by earlier lexers (a malformed regex restarts the lexer after it).
    done: usize,
    /// Brackets open now.
    depth: usize,
    /// One bit per open bracket, innermost highest: set for `{{` and `#{{`, which close with
    /// two `}` (a bit each, so that the walk's memory stays a sixty-fourth of the depth).
    doubles: Vec<u64>,
}

impl<'src> Brackets<'src> {
    fn new(src: &'src [u8], start: usize) -> Self {
        Brackets {
            src,
            lexer: Lexer::at(src, start),
            start,
            done: 0,
            depth: 0,
            doubles: Vec::new(),
        }
    }

    /// Bytes lexed so far.
    fn lexed(&self) -> usize {
        self.done + self.lexer.position() - self.start
    }

    /// The next token, a double `}}` as one; updates the depth.
    fn next(&mut self) -> Token {
        let mut tok = self.lexer.lex_bytewise().token();
        if tok.kind == TokenKind::Regex && tok.has(Token::MALFORMED) {
            tok.end = self.regex_end(tok.start as usize) as u32;
        }
        match tok.kind {
            TokenKind::LParen
            | TokenKind::LBracket
            | TokenKind::LBrace
            | TokenKind::FrozenParen
            | TokenKind::FrozenBracket
            | TokenKind::FrozenBrace
            | TokenKind::InterpStart
            | TokenKind::HoleOpen => self.open(false),
            TokenKind::LHashBrace | TokenKind::FrozenHashBrace => self.open(true),
            TokenKind::RParen
            | TokenKind::RBracket
            | TokenKind::RBrace
            | TokenKind::HoleClose
            | TokenKind::InterpEnd
                if self.depth > 0 =>
            {
                let double = self.close();
                if double
                    && tok.kind == TokenKind::RBrace
                    && self.src.get(tok.end as usize) == Some(&b'}')
                {
                    let second = self.lexer.lex_bytewise().token();
                    return Token {
                        end: second.end,
                        ..tok
                    };
                }
            }
            _ => {}
        }
        tok
    }

    /// Goes on after a malformed regex at `start`, where [`malformed_regex_end`] says; returns
    /// that end.
    fn regex_end(&mut self, start: usize) -> usize {
        let end = malformed_regex_end(self.src, start);
        self.done += end - self.start;
        self.start = end;
        self.lexer = Lexer::at(self.src, end);
        end
    }

    fn open(&mut self, double: bool) {
        let (word, bit) = (self.depth / 64, self.depth % 64);
        if word == self.doubles.len() {
            self.doubles.push(0);
        }
        if double {
            self.doubles[word] |= 1 << bit;
        } else {
            self.doubles[word] &= !(1 << bit);
        }
        self.depth += 1;
    }

    /// Closes the innermost bracket; says whether it closes with two `}`.
    fn close(&mut self) -> bool {
        self.depth -= 1;
        self.doubles[self.depth / 64] >> (self.depth % 64) & 1 == 1
    }
}
