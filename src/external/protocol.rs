//! The external-parser protocol (`benchmarks/external/PROTOCOL.md`): its answers, parsed
//! strictly, and the conformance check against gene-parser.

use std::fmt;

/// The protocol version this suite speaks.
pub const VERSION: u32 = 1;

/// The first line of a timed run's answer.
pub const HEADER: &str = "gene-protocol 1";

/// The most characters of a dump line quoted in a mismatch (a line is one whole form).
const QUOTE_LIMIT: usize = 160;

/// What a check run printed.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer<'a> {
    /// `ok N`: the implementation read N top-level forms.
    Count(usize),
    /// The canonical dump, one line per top-level form.
    Dump(&'a [u8]),
}

/// Reads a check run's standard output: exactly `ok N` (one line) is a count, anything else
/// is taken as a dump.
pub fn answer(stdout: &[u8]) -> Answer<'_> {
    let text = stdout.strip_suffix(b"\n").unwrap_or(stdout);
    if let Some(digits) = text.strip_prefix(b"ok ")
        && !digits.is_empty()
        && digits.iter().all(u8::is_ascii_digit)
        && let Some(n) = std::str::from_utf8(digits)
            .ok()
            .and_then(|d| d.parse().ok())
    {
        return Answer::Count(n);
    }
    Answer::Dump(stdout)
}

/// Where an implementation's answer first differs from gene-parser's.
#[derive(Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// `ok N` with another count.
    Count {
        /// gene-parser's count.
        expected: usize,
        /// The implementation's.
        got: usize,
    },
    /// The dumps differ first at this form.
    Form {
        /// 1-based index of the top-level form.
        form: usize,
        /// gene-parser's dump line (quoted, shortened), or `<end of dump>`.
        expected: String,
        /// The implementation's, or `<end of dump>`.
        got: String,
    },
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mismatch::Count { expected, got } => {
                write!(
                    f,
                    "read {got} top-level forms, gene-parser reads {expected}"
                )
            }
            Mismatch::Form {
                form,
                expected,
                got,
            } => write!(f, "form {form} differs: expected {expected}, got {got}"),
        }
    }
}

/// Compares an answer with gene-parser's dump (`expected_dump`, one line per form).
pub fn compare(expected_dump: &[u8], answer: &Answer<'_>) -> Result<(), Mismatch> {
    let expected_lines = dump_lines(expected_dump);
    match *answer {
        Answer::Count(got) => {
            let expected = expected_lines.len();
            if got == expected {
                Ok(())
            } else {
                Err(Mismatch::Count { expected, got })
            }
        }
        Answer::Dump(dump) => {
            let got_lines = dump_lines(dump);
            let longest = expected_lines.len().max(got_lines.len());
            for i in 0..longest {
                let (want, have) = (expected_lines.get(i), got_lines.get(i));
                if want != have {
                    return Err(Mismatch::Form {
                        form: i + 1,
                        expected: quote(want.copied()),
                        got: quote(have.copied()),
                    });
                }
            }
            Ok(())
        }
    }
}

fn dump_lines(dump: &[u8]) -> Vec<&[u8]> {
    let dump = dump.strip_suffix(b"\n").unwrap_or(dump);
    if dump.is_empty() {
        return Vec::new();
    }
    dump.split(|&b| b == b'\n').collect()
}

fn quote(line: Option<&[u8]>) -> String {
    let Some(line) = line else {
        return "<end of dump>".to_string();
    };
    let text = String::from_utf8_lossy(line);
    let mut shown: String = text.chars().take(QUOTE_LIMIT).collect();
    if text.chars().count() > QUOTE_LIMIT {
        shown.push('…');
    }
    format!("`{}`", shown.escape_debug())
}

/// A timed run's answer.
#[derive(Debug, PartialEq, Eq)]
pub struct Timings {
    /// Top-level forms read (the `forms N` line).
    pub forms: usize,
    /// One time per parse, in nanoseconds.
    pub parse_ns: Vec<u64>,
}

/// Reads a timed run's standard output: the header, one `forms N` line and exactly `repeat`
/// lines `parse_ns T`, nothing else.
pub fn timings(stdout: &[u8], repeat: u64) -> Result<Timings, String> {
    let text = std::str::from_utf8(stdout).map_err(|_| "the answer is not UTF-8".to_string())?;
    let mut lines = text.lines();
    match lines.next() {
        Some(HEADER) => {}
        Some(other) if other.starts_with("gene-protocol ") => {
            return Err(format!(
                "it speaks `{other}`; this suite speaks protocol version {VERSION}"
            ));
        }
        _ => return Err(format!("the answer does not start with `{HEADER}`")),
    }
    let mut forms = None;
    let mut parse_ns = Vec::new();
    for line in lines {
        let (key, value) = line
            .split_once(' ')
            .ok_or_else(|| format!("unexpected line `{}`", line.escape_debug()))?;
        let number: u64 = value
            .parse()
            .map_err(|_| format!("`{key}` takes an integer, got `{}`", value.escape_debug()))?;
        match key {
            "forms" if forms.is_none() => forms = Some(number as usize),
            "parse_ns" if (parse_ns.len() as u64) < repeat => parse_ns.push(number),
            "parse_ns" => return Err(format!("more than {repeat} `parse_ns` lines")),
            _ => return Err(format!("unexpected line `{}`", line.escape_debug())),
        }
    }
    let forms = forms.ok_or("no `forms N` line")?;
    if (parse_ns.len() as u64) != repeat {
        return Err(format!(
            "{} `parse_ns` lines for --repeat {repeat}",
            parse_ns.len()
        ));
    }
    Ok(Timings { forms, parse_ns })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_dumps_are_told_apart() {
        assert_eq!(answer(b"ok 12\n"), Answer::Count(12));
        assert_eq!(answer(b"ok 0"), Answer::Count(0));
        assert_eq!(answer(b"ok 1\nok 2\n"), Answer::Dump(b"ok 1\nok 2\n"));
        assert_eq!(answer(b"ok"), Answer::Dump(b"ok"));
        assert_eq!(answer(b"ok x"), Answer::Dump(b"ok x"));
    }

    #[test]
    fn the_first_differing_form_is_named() {
        let expected = b"(a)\n(b)\n(c)\n";
        assert_eq!(compare(expected, &Answer::Dump(expected)), Ok(()));
        assert_eq!(compare(expected, &Answer::Count(3)), Ok(()));
        assert_eq!(compare(b"", &Answer::Dump(b"")), Ok(()));
        assert_eq!(
            compare(expected, &Answer::Dump(b"(a)\n(c)\n")),
            Err(Mismatch::Form {
                form: 2,
                expected: "`(b)`".into(),
                got: "`(c)`".into()
            })
        );
        let Err(Mismatch::Form { form: 4, got, .. }) =
            compare(expected, &Answer::Dump(b"(a)\n(b)\n(c)\n(d)\n"))
        else {
            panic!("an extra form is a mismatch");
        };
        assert_eq!(got, "`(d)`");
        assert_eq!(
            compare(expected, &Answer::Count(2)),
            Err(Mismatch::Count {
                expected: 3,
                got: 2
            })
        );
    }

    #[test]
    fn timed_answers_are_read_strictly() {
        let good = b"gene-protocol 1\nforms 3\nparse_ns 10\nparse_ns 12\n";
        assert_eq!(
            timings(good, 2),
            Ok(Timings {
                forms: 3,
                parse_ns: vec![10, 12]
            })
        );
        for (bad, repeat) in [
            (&b"forms 3\nparse_ns 1\n"[..], 1),
            (b"gene-protocol 2\nforms 3\nparse_ns 1\n", 1),
            (b"gene-protocol 1\nparse_ns 1\n", 1),
            (b"gene-protocol 1\nforms 3\nparse_ns 1\n", 2),
            (b"gene-protocol 1\nforms 3\nparse_ns 1\nparse_ns 1\n", 1),
            (b"gene-protocol 1\nforms 3\nparse_ns 1.5\n", 1),
            (b"gene-protocol 1\nforms 3\nforms 3\nparse_ns 1\n", 1),
            (b"gene-protocol 1\nforms 3\nparse_ms 1\n", 1),
        ] {
            assert!(
                timings(bad, repeat).is_err(),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
