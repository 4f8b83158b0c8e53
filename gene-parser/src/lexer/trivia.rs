//! Whitespace, commas and comments (GENE_SYNTAX.md §2.2–§2.5).

use super::bytes::is_whitespace;

/// Returns the offset of the first byte at or after `pos` that is not whitespace, a comma or
/// part of a comment.
#[inline]
pub(crate) fn skip_trivia(src: &[u8], mut pos: usize) -> usize {
    while let Some(&b) = src.get(pos) {
        if is_whitespace(b) {
            pos += 1;
        } else if let Some(after) = (b == b'#').then(|| skip_comment(src, pos)).flatten() {
            pos = after;
        } else {
            return pos;
        }
    }
    pos
}

/// Whether the byte after a `#` makes it a line comment (§2.4): a space, `!`, `#` or a line
/// break. (`#` at the end of input is not a comment: it is a symbol.)
#[inline(always)]
pub(crate) fn opens_line_comment(next: Option<&u8>) -> bool {
    matches!(next, Some(b' ' | b'!' | b'#' | b'\r' | b'\n'))
}

/// `src[pos]` is `#`: the offset just past the comment it opens, or `None` if it opens none.
#[inline(always)]
pub(crate) fn skip_comment(src: &[u8], pos: usize) -> Option<usize> {
    let next = src.get(pos + 1);
    if opens_line_comment(next) {
        Some(skip_line_comment(src, pos + 1))
    } else if next == Some(&b'<') {
        Some(skip_block_comment(src, pos))
    } else {
        None
    }
}

/// The first offset at or after `p` that does not hold a space: an indentation run is skipped
/// eight bytes at a time.
#[inline(always)]
pub(crate) fn skip_spaces(src: &[u8], mut p: usize) -> usize {
    while let Some(group) = src.get(p..p + 8) {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(group);
        let others = u64::from_le_bytes(bytes) ^ 0x2020_2020_2020_2020;
        if others != 0 {
            return p + (others.trailing_zeros() / 8) as usize;
        }
        p += 8;
    }
    while src.get(p) == Some(&b' ') {
        p += 1;
    }
    p
}

/// Skips to just after the next line break (or to the end). The LF of a CRLF is left to the
/// whitespace loop.
#[inline]
fn skip_line_comment(src: &[u8], from: usize) -> usize {
    match memchr::memchr2(b'\n', b'\r', &src[from..]) {
        Some(i) => from + i + 1,
        None => src.len(),
    }
}

/// `start` is the `#` of `#<`. A block comment ends right after the first `>#` whose `>` is not
/// preceded by another `>` (the opener's `<` may be that preceding byte, so `#<>#` is complete).
/// Unterminated, it runs to the end of input [Q4].
pub(crate) fn skip_block_comment(src: &[u8], start: usize) -> usize {
    let mut search = start + 3;
    while search <= src.len() {
        let Some(i) = memchr::memchr(b'#', &src[search..]) else {
            return src.len();
        };
        let hash = search + i;
        if src[hash - 1] == b'>' && src[hash - 2] != b'>' {
            return hash + 1;
        }
        search = hash + 1;
    }
    src.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_comment_rules() {
        assert_eq!(skip_block_comment(b"#<>#x", 0), 4);
        assert_eq!(skip_block_comment(b"#< a ># 1", 0), 7);
        // `>>#` never closes.
        assert_eq!(skip_block_comment(b"#<< a >># b ># 3", 0), 14);
        assert_eq!(skip_block_comment(b"#< open", 0), 7);
        assert_eq!(skip_block_comment(b"#<", 0), 2);
        assert_eq!(skip_block_comment(b"#<>", 0), 3);
    }

    #[test]
    fn trivia_stops_at_items_and_dispatch() {
        assert_eq!(skip_trivia(b"  ,\t\r\n x", 0), 7);
        assert_eq!(skip_trivia(b"# c\n#!sh\n## x\nv", 0), 14);
        assert_eq!(skip_trivia(b"#\tx", 0), 0);
        assert_eq!(skip_trivia(b"#", 0), 0);
        assert_eq!(skip_trivia(b"#(", 0), 0);
        assert_eq!(skip_trivia(b"#\n1", 0), 2);
    }
}
