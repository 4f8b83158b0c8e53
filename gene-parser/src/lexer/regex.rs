//! Regex literals `#/pattern/[replacement/]flags` (GENE_SYNTAX.md §3.7).

use crate::error::ErrorKind;

/// A scanned regex: where it ends, its flags (1 = i, 2 = m), and whether a replacement follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RegexScan {
    pub end: usize,
    pub flags: u8,
    pub has_replacement: bool,
}

/// Scans the regex whose `#` is at `start`. Pattern and replacement bytes (escapes cooked)
/// are passed to `pattern` and `replacement`. Errors carry their kind and offset.
pub(crate) fn scan_regex(
    src: &[u8],
    start: usize,
    mut pattern: impl FnMut(u8),
    mut replacement: impl FnMut(u8),
) -> Result<RegexScan, (ErrorKind, usize)> {
    let unterminated = (ErrorKind::UnterminatedRegex, start);
    let mut p = read_segment(src, start + 2, &mut pattern).ok_or(unterminated)?;
    let has_replacement = replacement_follows(src, p);
    if has_replacement {
        p = read_segment(src, p, &mut replacement).ok_or(unterminated)?;
    }
    let mut flags = 0;
    while let Some(&b) = src.get(p) {
        match b {
            b' ' | b'\t' | b'\r' | b'\n' | b')' | b']' | b'}' | b';' | b',' => break,
            b'i' => flags |= 1,
            b'm' => flags |= 2,
            _ => return Err((ErrorKind::InvalidRegexFlag, p)),
        }
        p += 1;
    }
    Ok(RegexScan {
        end: p,
        flags,
        has_replacement,
    })
}

/// Reads a segment up to the next unescaped `/`; returns the offset after that `/`.
/// `\/` gives `/`, `\\` gives one `\` [Q32], any other `\` is kept and the next byte is read
/// normally; a raw CRLF gives CR.
fn read_segment(src: &[u8], mut p: usize, out: &mut impl FnMut(u8)) -> Option<usize> {
    loop {
        let b = *src.get(p)?;
        match b {
            b'/' => return Some(p + 1),
            b'\\' => match *src.get(p + 1)? {
                e @ (b'/' | b'\\') => {
                    out(e);
                    p += 2;
                }
                _ => {
                    out(b'\\');
                    p += 1;
                }
            },
            b'\r' if src.get(p + 1) == Some(&b'\n') => {
                out(b'\r');
                p += 2;
            }
            _ => {
                out(b);
                p += 1;
            }
        }
    }
}

/// The reference's look-ahead, from just after the pattern's closing `/`, deciding whether a
/// replacement segment follows.
fn replacement_follows(src: &[u8], mut p: usize) -> bool {
    let mut other = false;
    while let Some(&b) = src.get(p) {
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => return false,
            b'/' => return true,
            b'\\' => {
                other = true;
                if p + 1 >= src.len() {
                    return false;
                }
                p += 2;
            }
            b')' | b']' | b'}' | b';' | b',' => {
                if !other {
                    return false;
                }
                p += 1;
            }
            b'i' | b'm' if !other => p += 1,
            _ => {
                other = true;
                p += 1;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regex(s: &str) -> Result<(String, String, RegexScan), (ErrorKind, usize)> {
        let (mut pat, mut rep) = (Vec::new(), Vec::new());
        let scan = scan_regex(s.as_bytes(), 0, |b| pat.push(b), |b| rep.push(b))?;
        Ok((
            String::from_utf8(pat).unwrap(),
            String::from_utf8(rep).unwrap(),
            scan,
        ))
    }

    #[test]
    fn shapes() {
        let (p, _, s) = regex("#/h(a+)/i").unwrap();
        assert_eq!(
            (p.as_str(), s.flags, s.has_replacement),
            ("h(a+)", 1, false)
        );
        let (p, r, s) = regex(r"#/(\w+)@/[$1]/").unwrap();
        assert_eq!(
            (p.as_str(), r.as_str(), s.has_replacement),
            (r"(\w+)@", "[$1]", true)
        );
        let (_, r, s) = regex("#/x//").unwrap();
        assert_eq!((r.as_str(), s.has_replacement), ("", true));
        let (_, r, s) = regex("#/a/im/").unwrap();
        assert_eq!((r.as_str(), s.has_replacement, s.flags), ("im", true, 0));
        let (p, _, s) = regex(r"#/x\/y/mi").unwrap();
        assert_eq!((p.as_str(), s.flags), ("x/y", 3));
        assert_eq!(regex("#/abc").unwrap_err().0, ErrorKind::UnterminatedRegex);
        assert_eq!(
            regex("#/abc/g").unwrap_err(),
            (ErrorKind::InvalidRegexFlag, 6)
        );
    }
}
