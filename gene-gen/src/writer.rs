//! The output buffer: one `String` that only grows (or is truncated back to a mark), with the
//! line count kept alongside so the driver can hit the exact size without rescanning.

/// The text being generated and its number of complete lines.
pub(crate) struct Out {
    /// Generated text so far.
    pub buf: String,
    /// Number of `\n` in `buf`.
    pub lines: usize,
}

/// A position to return to with [`Out::truncate`].
#[derive(Clone, Copy)]
pub(crate) struct Mark {
    len: usize,
    lines: usize,
}

/// Two spaces per level, precomputed so indenting is one `push_str`.
const SPACES: &str =
    "                                                                                ";

impl Out {
    /// An empty buffer sized for `lines` lines of about 28 bytes (the corpus mean plus newline),
    /// so building a 1M-line file reallocates rarely.
    pub(crate) fn with_lines(lines: usize) -> Out {
        Out {
            buf: String::with_capacity(lines.saturating_mul(30).min(1 << 32)),
            lines: 0,
        }
    }

    #[inline]
    pub(crate) fn push(&mut self, s: &str) {
        debug_assert!(!s.contains('\n'), "use nl() so lines are counted");
        self.buf.push_str(s);
    }

    #[inline]
    pub(crate) fn ch(&mut self, c: char) {
        debug_assert!(c != '\n');
        self.buf.push(c);
    }

    #[inline]
    pub(crate) fn sp(&mut self) {
        self.buf.push(' ');
    }

    #[inline]
    pub(crate) fn nl(&mut self) {
        self.buf.push('\n');
        self.lines += 1;
    }

    /// Indentation for nesting `level` (2 spaces per level, the corpus's modal step).
    #[inline]
    pub(crate) fn indent(&mut self, level: usize) {
        let n = (level * 2).min(SPACES.len());
        self.buf.push_str(&SPACES[..n]);
    }

    /// Removes the final `\n`, so a closer can be stacked at the end of the previous line.
    pub(crate) fn unnewline(&mut self) {
        if self.buf.ends_with('\n') {
            self.buf.pop();
            self.lines -= 1;
        }
    }

    /// A decimal integer without going through `fmt` (this is on the hot path).
    pub(crate) fn int(&mut self, v: i64) {
        if v < 0 {
            self.buf.push('-');
        }
        let mut n = v.unsigned_abs();
        let mut tmp = [0u8; 20];
        let mut i = tmp.len();
        loop {
            i -= 1;
            tmp[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        // The bytes are ASCII digits, so this cannot fail.
        self.buf
            .push_str(std::str::from_utf8(&tmp[i..]).unwrap_or("0"));
    }

    /// A zero-padded two-digit number (dates and times).
    pub(crate) fn two(&mut self, v: usize) {
        self.buf.push((b'0' + (v / 10 % 10) as u8) as char);
        self.buf.push((b'0' + (v % 10) as u8) as char);
    }

    pub(crate) fn mark(&self) -> Mark {
        Mark {
            len: self.buf.len(),
            lines: self.lines,
        }
    }

    pub(crate) fn truncate(&mut self, m: Mark) {
        self.buf.truncate(m.len);
        self.lines = m.lines;
    }

    /// Lines written since `m`.
    pub(crate) fn lines_since(&self, m: Mark) -> usize {
        self.lines - m.lines
    }

    /// Byte offset of `m`.
    pub(crate) fn offset(m: Mark) -> usize {
        m.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_match_display() {
        for v in [0i64, 1, -1, 9, 10, 42, -200, i64::MAX, i64::MIN, 1234567] {
            let mut o = Out::with_lines(1);
            o.int(v);
            assert_eq!(o.buf, v.to_string());
        }
    }
}
