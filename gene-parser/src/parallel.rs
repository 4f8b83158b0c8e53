//! One source parsed on several threads (feature `parallel`): [`parse_parallel`] splits the
//! input between top-level forms, parses the pieces at once, and joins them into the document
//! a full parse builds.
//!
//! # Why the result equals a full parse
//!
//! The cuts are guesses: the first line start after `i * len / k` that begins with `(`. A
//! guess can be wrong, since such a line may lie inside a multi-line string, a block comment
//! or an interpolation. No guess is trusted; every join is proven:
//!
//! - Each piece is parsed over the *whole* source (offsets stay absolute, and every token sees
//!   the bytes that really follow it, so there is no look-ahead question at a piece's end),
//!   with its lexer started at the cut outside any string, comment or interpolation and
//!   without the file-start treatment (only the piece at offset 0 skips a byte-order mark).
//!   It reads top-level forms while the next one starts before the following cut, and
//!   records where that next token starts: its *stop*.
//! - The full parse reaches the first cut, 0, between forms with a fresh lexer. If it reaches
//!   cut `i` so, it reads from there exactly what piece `i` read (same code, same bytes,
//!   same state: at top level the parser holds no open container or pending entry, and the
//!   lexer no open mode), up to piece `i`'s stop. So when that stop *is* cut `i + 1`, the full
//!   parse reaches cut `i + 1` between forms with its lexer about to read the token piece
//!   `i + 1` read first, in the same state: the join is proven. By induction, every joined
//!   piece is the full parse's own reading of its bytes.
//! - A stop past the next cut means the guess cut through a form, a string or a comment
//!   (the piece ran on to the end of that form). The next pieces that start before the stop
//!   are dropped, and the text from the stop to the end of the dropped piece's range is parsed
//!   again on the joining thread, which is then a proven piece of its own.
//!
//! The first error of a joined piece is the full parse's first error (the full parse reads the
//! same forms before it and stops there; lines and columns are counted from the start of the
//! source). A source with a NUL byte, or too large, goes to the sequential parse, whose
//! error rules for both are global. Costs of a wrong guess: the dropped pieces' work, and the
//! re-parse of their range on one thread; in the worst case (one string spanning the whole
//! file) about the parse time of the piece that runs on, plus nothing else.
//!
//! # The join
//!
//! [`merge`] appends pieces 2.. to the first one's tree: symbols are interned in each piece's
//! own id order after the earlier pieces' (which gives the full parse's first-seen ids), and
//! every node id, `extra` index, cooked-text offset and symbol id stored in a node or in
//! `extra` is shifted or renumbered; source offsets are absolute already. The copy runs on
//! the same threads, in chunks of nodes with their `extra` words.
//! `tests/parse_parallel.rs` compares the result with [`parse_with`](crate::parse_with)'s,
//! storage included, at every cut position of many inputs built to defeat the split.

mod merge;

use crate::ast::{Document, Tree};
use crate::error::Error;
use crate::parser::{MAX_INPUT_LEN, ParseOptions, Parser, Piece};
use std::borrow::Cow;

/// The smallest piece [`parse_parallel`] makes: below about this many bytes a thread costs
/// more than it saves.
pub const MIN_PIECE_BYTES: usize = 256 * 1024;

/// Stack of the piece threads: as a main thread's, so that a piece nests as deep as a
/// sequential parse on the main thread does.
const PIECE_STACK: usize = 8 << 20;

/// Parses `src` on up to `threads` threads (0 counts as 1) into the document [`parse`]
/// builds: the same values, node ids, roots, symbol ids in first-seen order, token count and
/// errors. Each thread takes at least [`MIN_PIECE_BYTES`], so small inputs are parsed on the
/// calling thread alone.
///
/// Memory: the later pieces' arrays live beside the document's (reserved for the whole
/// source) until the merge copies them in, so the peak heap is at most twice [`parse`]'s
/// (`tests/memory.rs`, `parallel_parse_stays_within_twice_the_sequential_peak`).
///
/// ```
/// let mut src = Vec::new();
/// for i in 0..20_000 {
///     src.extend_from_slice(format!("(fn f{i} [a b]\n  (a + b {i}))\n").as_bytes());
/// }
/// let doc = gene_parser::parse_parallel(&src, 2).unwrap();
/// let full = gene_parser::parse(&src).unwrap();
/// assert_eq!(doc.dump(), full.dump());
/// // The same root ids (each document tags its own ids, so compare their indices).
/// let index = |d: &gene_parser::Document| d.roots().iter().map(|r| r.index()).collect::<Vec<_>>();
/// assert_eq!(index(&doc), index(&full));
/// assert_eq!(doc.symbols().len(), full.symbols().len());
///
/// let err = gene_parser::parse_parallel(b"(a)\n(b ^x)\n", 2).unwrap_err();
/// assert_eq!((err.line(), err.column()), (2, 4));
/// ```
///
/// [`parse`]: crate::parse
pub fn parse_parallel(src: &[u8], threads: usize) -> Result<Document<'_>, Error> {
    parse_parallel_with(src, &ParseOptions::default(), threads)
}

/// [`parse_parallel`] with options (applied to every piece, as [`parse_with`] applies them).
///
/// [`parse_with`]: crate::parse_with
pub fn parse_parallel_with<'src>(
    src: &'src [u8],
    options: &ParseOptions,
    threads: usize,
) -> Result<Document<'src>, Error> {
    let pieces = threads
        .clamp(1, crate::MAX_JOBS)
        .min(src.len() / MIN_PIECE_BYTES);
    if pieces <= 1 {
        return crate::parse_with(src, options);
    }
    parse_at_cuts(src, options, &guess_cuts(src, pieces), pieces, None).0
}

/// What a split parse did, for the tests that check the fallbacks are taken. Not part of the
/// stable API.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SplitReport {
    /// Pieces parsed in parallel.
    pub pieces: usize,
    /// Pieces whose start was proven and which were joined as parsed.
    pub joined: usize,
    /// Pieces parsed again on the joining thread after a wrong guess.
    pub reparsed: usize,
    /// Whether the source went to the sequential parse (a NUL byte, or too large).
    pub sequential: bool,
    /// Wall time until every piece was parsed and joined (re-parses included).
    pub parse_time: std::time::Duration,
    /// Wall time of the merge into one tree.
    pub merge_time: std::time::Duration,
    /// Whether the merge found a node whose `extra` words lay outside its chunk's and copied
    /// its piece again whole (never expected: nodes store their words in node order).
    pub recopied: bool,
}

/// [`parse_parallel_with`] at the given cuts (any offsets: unsorted, out of range and
/// repeated ones are dropped, and none needs to be a form boundary), each piece on a
/// thread of its own, the merge copying in chunks of `chunk_nodes` nodes (`None`: as
/// [`parse_parallel`] does), and what it did. The test hook that puts cuts everywhere. Not
/// part of the stable API.
#[doc(hidden)]
pub fn parse_parallel_at<'src>(
    src: &'src [u8],
    options: &ParseOptions,
    cuts: &[usize],
    chunk_nodes: Option<usize>,
) -> (Result<Document<'src>, Error>, SplitReport) {
    let mut cuts: Vec<usize> = cuts
        .iter()
        .copied()
        .filter(|&c| c > 0 && c < src.len())
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let threads = cuts.len() + 1;
    parse_at_cuts(src, options, &cuts, threads, chunk_nodes)
}

/// Cut guesses for `pieces` pieces: the first line start at or after `i * len / pieces` that
/// begins with `(`, for each `i` from 1, increasing (fewer if the source has too few).
pub(crate) fn guess_cuts(src: &[u8], pieces: usize) -> Vec<usize> {
    let mut cuts: Vec<usize> = Vec::with_capacity(pieces);
    let finder = memchr::memmem::Finder::new(b"\n(");
    for i in 1..pieces {
        let target = (i * (src.len() / pieces)).max(cuts.last().map_or(0, |&c| c));
        match finder.find(&src[target..]) {
            Some(at) => cuts.push(target + at + 1),
            None => break,
        }
    }
    cuts.dedup();
    cuts
}

/// The result of one piece: what the parser made of it, and whether its range held a NUL.
struct Outcome {
    parsed: Result<Piece, Error>,
    nul: bool,
}

/// Parses the pieces between `cuts` (sorted, distinct, inside the source), joins the proven
/// ones, parses again what a wrong guess left, and merges on up to `threads` threads (in
/// chunks of `chunk_nodes`, see `merge`).
fn parse_at_cuts<'src>(
    src: &'src [u8],
    options: &ParseOptions,
    cuts: &[usize],
    threads: usize,
    chunk_nodes: Option<usize>,
) -> (Result<Document<'src>, Error>, SplitReport) {
    let mut report = SplitReport {
        pieces: cuts.len() + 1,
        ..SplitReport::default()
    };
    if src.len() > MAX_INPUT_LEN {
        report.sequential = true;
        return (crate::parse_with(src, options), report);
    }
    let began = std::time::Instant::now();
    let starts: Vec<usize> = std::iter::once(0).chain(cuts.iter().copied()).collect();
    let limits: Vec<usize> = cuts.iter().copied().chain([src.len()]).collect();
    let run = |i: usize| Outcome {
        nul: memchr::memchr(0, &src[starts[i]..limits[i]]).is_some(),
        // The first piece's arrays become the document's: reserved for the whole source.
        parsed: Parser::parse_piece(
            src,
            options,
            starts[i],
            limits[i],
            if i == 0 {
                src.len()
            } else {
                limits[i] - starts[i]
            },
        ),
    };
    let outcomes: Vec<Outcome> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..starts.len())
            .map(|i| {
                std::thread::Builder::new()
                    .stack_size(PIECE_STACK)
                    .spawn_scoped(scope, move || run(i))
            })
            .collect();
        let first = run(0);
        std::iter::once(first)
            .chain(handles.into_iter().enumerate().map(|(i, handle)| {
                // A thread the system refused, or one that panicked (a bug, re-raised as
                // such): the piece runs here.
                match handle {
                    Ok(handle) => handle
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                    Err(_) => run(i + 1),
                }
            }))
            .collect()
    });
    if outcomes.iter().any(|o| o.nul) {
        // The NUL rule is global (the earlier of the first NUL and the first failed form).
        report.sequential = true;
        return (crate::parse_with(src, options), report);
    }
    let mut joined: Vec<Tree> = Vec::with_capacity(outcomes.len());
    // Where the full parse is, between forms: the next token starts here.
    let mut at = 0;
    for (i, outcome) in outcomes.into_iter().enumerate() {
        if at >= limits[i] && i > 0 {
            continue; // Read already by a piece that ran on past its guess.
        }
        let piece = if starts[i] == at {
            report.joined += 1;
            outcome.parsed
        } else {
            report.reparsed += 1;
            Parser::parse_piece(src, options, at, limits[i], limits[i] - at)
        };
        match piece {
            Ok(piece) => {
                at = piece.stop;
                joined.push(piece.tree);
            }
            Err(error) => return (Err(error), report),
        }
    }
    let merging = std::time::Instant::now();
    report.parse_time = merging - began;
    let (tree, recopied) = merge::merge(joined, threads, chunk_nodes);
    report.recopied = recopied;
    report.merge_time = merging.elapsed();
    (Ok(Document::new(src, Cow::Owned(tree))), report)
}

/// The first difference between the storage of two documents, if any: every node slot (all
/// fields), every `extra` word, the cooked text, the roots, the symbol table in id order, the
/// token count and the auxiliary slot count. Capacities are not compared. For the tests that
/// check a split parse equals the full one. Not part of the stable API.
#[doc(hidden)]
pub fn storage_difference(a: &Document, b: &Document) -> Option<String> {
    let (x, y) = (&*a.tree, &*b.tree);
    let slot = |n: &crate::ast::Node| (n.start, n.end, n.a, n.kind, n.flags, n.count);
    if x.nodes.len() != y.nodes.len() {
        return Some(format!("{} nodes against {}", x.nodes.len(), y.nodes.len()));
    }
    if let Some(i) = (0..x.nodes.len()).find(|&i| slot(&x.nodes[i]) != slot(&y.nodes[i])) {
        return Some(format!(
            "node {i}: {:?} against {:?}",
            x.nodes[i], y.nodes[i]
        ));
    }
    if x.extra != y.extra {
        let i = (0..x.extra.len().min(y.extra.len())).find(|&i| x.extra[i] != y.extra[i]);
        return Some(format!(
            "extra ({} and {} words) differ first at {i:?}",
            x.extra.len(),
            y.extra.len()
        ));
    }
    if x.text != y.text {
        return Some("cooked text differs".into());
    }
    if x.roots != y.roots {
        return Some(format!("roots {:?} against {:?}", x.roots, y.roots));
    }
    if !x.symbols.iter().eq(y.symbols.iter()) {
        let i = x
            .symbols
            .iter()
            .zip(y.symbols.iter())
            .position(|(p, q)| p != q);
        return Some(format!(
            "symbols ({} and {}) differ first at {i:?}",
            x.symbols.len(),
            y.symbols.len()
        ));
    }
    if (x.token_count, x.aux_nodes) != (y.token_count, y.aux_nodes) {
        return Some(format!(
            "token and aux counts {:?} against {:?}",
            (x.token_count, x.aux_nodes),
            (y.token_count, y.aux_nodes)
        ));
    }
    None
}

/// [`guess_cuts`] for the tests: where [`parse_parallel`] would cut `src` into `pieces`
/// (whatever its size). Not part of the stable API.
#[doc(hidden)]
pub fn parallel_cut_guesses(src: &[u8], pieces: usize) -> Vec<usize> {
    guess_cuts(src, pieces)
}
