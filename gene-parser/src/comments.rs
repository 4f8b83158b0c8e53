//! Comments on request: a separate pass that the default parse never makes.
//!
//! [`comments`] runs the crate's own [`Lexer`] over the text and collects the comments in the
//! gaps between its tokens with the lexer's own comment rule (`trivia::skip_comment`), so it
//! finds exactly the comments the parser skips. [`Document::attach_comments`] then ties each one
//! to the nearest node. Nothing here is on the parser's path: a parse costs the same whether
//! comments are ever asked for or not.

use crate::ast::{Document, NodeId, NodeKind};
use crate::lexer::{Lexer, trivia};
use crate::token::TokenKind;
use std::ops::Range;

/// The two spellings of a comment (GENE_SYNTAX.md §2.3, §2.4).
///
/// ```
/// use gene_parser::{CommentKind, comments};
/// let kinds: Vec<_> = comments(b"#< a ># 1 ## b").iter().map(|c| c.kind).collect();
/// assert_eq!(kinds, [CommentKind::Block, CommentKind::Line]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CommentKind {
    /// `# text`, `##text`, `#!…` or a lone `#` at the end of a line: up to the line break.
    Line,
    /// `#< … >#`, possibly spanning lines; unterminated, it runs to the end of input.
    Block,
}

/// A comment and where it is in the source.
///
/// ```
/// let src = b"(f 1) # one\n#< two >#\n";
/// let found = gene_parser::comments(src);
/// let texts: Vec<&[u8]> = found.iter().map(|c| c.text(src)).collect();
/// assert_eq!(texts, [&b"# one"[..], b"#< two >#"]);
/// assert_eq!(found[1].kind, gene_parser::CommentKind::Block);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Comment {
    /// Offset of its `#`.
    pub start: usize,
    /// Offset just past it: a line comment ends before its line break (the break is not part
    /// of the comment's text), a block comment just after its `>#`.
    pub end: usize,
    /// Line or block.
    pub kind: CommentKind,
}

impl Comment {
    /// Its byte range in the source.
    ///
    /// ```
    /// let c = gene_parser::comments(b"x #<y>#")[0];
    /// assert_eq!(c.span(), 2..7);
    /// ```
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Its text, `#` included; `src` is the text it was found in.
    ///
    /// ```
    /// let src = b"#! gene\n1\n";
    /// assert_eq!(gene_parser::comments(src)[0].text(src), b"#! gene");
    /// ```
    pub fn text<'src>(&self, src: &'src [u8]) -> &'src [u8] {
        &src[self.start..self.end]
    }

    /// Whether anything may follow it on its line: false only for a block comment without its
    /// `>#`, which runs to the end of input, so a printer must write it last.
    ///
    /// ```
    /// let src = b"1 #< open";
    /// assert!(!gene_parser::comments(src)[0].is_closed(src));
    /// assert!(gene_parser::comments(b"#<>#")[0].is_closed(b"#<>#"));
    /// ```
    pub fn is_closed(&self, src: &[u8]) -> bool {
        let text = self.text(src);
        match self.kind {
            CommentKind::Line => true,
            // The closing rule of `skip_block_comment`: `>#` whose `>` follows the opener's
            // `<` or any byte but `>`.
            CommentKind::Block => {
                text.len() >= 4
                    && text.ends_with(b">#")
                    && (text.len() == 4 || text[text.len() - 3] != b'>')
            }
        }
    }
}

/// Every comment of `src` that the parser skips, in source order, with its span.
///
/// A separate pass with the crate's lexer: the default [`crate::parse`] does not collect
/// comments and costs nothing more for this function existing. Not collected, because they
/// are part of a token rather than skipped between tokens: a `#<…>#` inside the literal text
/// of an interpolated string (the reader removes it from the string, §3.6) and a comment after
/// a `~` inside a byte literal (§3.8). Works on any input, valid or not, in linear time.
///
/// ```
/// let src = b"#!/usr/bin/env gene\n(f x # why\n   #< later >#  y)\n";
/// let texts: Vec<_> = gene_parser::comments(src).iter().map(|c| c.text(src).to_vec()).collect();
/// assert_eq!(texts, [&b"#!/usr/bin/env gene"[..], b"# why", b"#< later >#"]);
/// // A `#` inside a token is not a comment.
/// assert!(gene_parser::comments(b"total# note \"# no\"").is_empty());
/// ```
pub fn comments(src: &[u8]) -> Vec<Comment> {
    let mut lexer = Lexer::new(src);
    let mut found = Vec::new();
    let mut gap_start = lexer.position();
    loop {
        let literal = lexer.in_literal();
        let token = lexer.next_token();
        let gap_end = if token.kind == TokenKind::Eof {
            src.len()
        } else {
            token.start as usize
        };
        if !literal {
            collect_gap(src, gap_start..gap_end, &mut found);
        }
        if token.kind == TokenKind::Eof {
            return found;
        }
        gap_start = token.end as usize;
    }
}

/// Collects the comments of a gap between two tokens outside a string literal: the gap holds
/// only whitespace, commas and comments, so each `#` that opens a comment by the lexer's rule
/// is one.
fn collect_gap(src: &[u8], gap: Range<usize>, found: &mut Vec<Comment>) {
    let mut pos = gap.start;
    while pos < gap.end {
        if src[pos] == b'#'
            && let Some(after) = trivia::skip_comment(src, pos)
        {
            let kind = if src.get(pos + 1) == Some(&b'<') {
                CommentKind::Block
            } else {
                CommentKind::Line
            };
            let mut end = after;
            if kind == CommentKind::Line && end > pos + 1 && matches!(src[end - 1], b'\n' | b'\r') {
                end -= 1;
            }
            found.push(Comment {
                start: pos,
                end,
                kind,
            });
            pos = after;
        } else {
            pos += 1;
        }
    }
}

/// Where a comment belongs (see [`Document::attach_comments`]).
///
/// ```
/// use gene_parser::{Attachment, comments, parse};
/// let src = b"[1 # one\n # before 2\n 2\n # last\n]\n# end";
/// let doc = parse(src).unwrap();
/// let items: Vec<_> = doc.children_of(doc.roots().get(0).unwrap()).map(|c| c.id).collect();
/// assert_eq!(
///     doc.attach_comments(&comments(src)),
///     [
///         Attachment::Trailing(items[0]),
///         Attachment::Leading(items[1]),
///         Attachment::Inner(doc.roots().get(0).unwrap()),
///         Attachment::End,
///     ]
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Attachment {
    /// Before this node, which is the next value in the same container (or the next top-level
    /// form), and not on the line where the previous value ends.
    Leading(NodeId),
    /// After this node, on the line where it ends.
    Trailing(NodeId),
    /// Inside this container (a gene, array, map or hash map), after its last value (or in an
    /// empty one), not on that value's line. A comment inside the text of a node without
    /// brackets (a hole of an interpolated string that the parser folded into the string) is
    /// [`Attachment::Trailing`] that node.
    Inner(NodeId),
    /// After the last top-level form, not on its line (or in a document with no forms).
    End,
}

/// One level of the descent: a container (None for the document) and its written children
/// (non-empty spans), in source order.
struct Level {
    container: Option<NodeId>,
    span: Range<usize>,
    children: Vec<(NodeId, Range<usize>)>,
}

impl<'src> Document<'src> {
    /// Attaches each comment (from [`comments`] over this document's source) to the nearest
    /// node, one [`Attachment`] per comment, in the same order. The rule: find the innermost
    /// value whose span holds the comment (the document if none); among that value's children
    /// as written, the comment is [`Attachment::Trailing`] the previous child when no line
    /// break separates them, else [`Attachment::Leading`] the next child, else
    /// [`Attachment::Inner`] the container ([`Attachment::End`] at top level). Nodes the parser
    /// makes without text (the nil type of `()`) are never chosen. Comments must be in source
    /// order, as [`comments`] returns them (then each container's children are listed at most
    /// once, as the descent never goes back to a container it has left).
    ///
    /// ```
    /// use gene_parser::{Attachment, comments, parse};
    /// let src = b"# head\n(f # after f\n  x) # tail\n";
    /// let doc = parse(src).unwrap();
    /// let at = doc.attach_comments(&comments(src));
    /// let root = doc.roots().get(0).unwrap();
    /// let f = doc.children_of(root).next().unwrap().id;
    /// assert_eq!(at, [Attachment::Leading(root), Attachment::Trailing(f), Attachment::Trailing(root)]);
    /// ```
    pub fn attach_comments(&self, comments: &[Comment]) -> Vec<Attachment> {
        let written = |ids: &mut dyn Iterator<Item = NodeId>| -> Vec<(NodeId, Range<usize>)> {
            ids.map(|id| (id, self.span(id)))
                .filter(|(_, s)| !s.is_empty())
                .collect()
        };
        let mut path = vec![Level {
            container: None,
            span: 0..usize::MAX,
            children: written(&mut self.roots().iter()),
        }];
        let mut out = Vec::with_capacity(comments.len());
        for c in comments {
            // Leave the containers the comment is not in (comments come in source order, so a
            // container left is never entered again).
            while path.len() > 1 && !path.last().is_some_and(|l| l.span.contains(&c.start)) {
                path.pop();
            }
            loop {
                let level = path.last().expect("the document level stays");
                let next = level.children.partition_point(|(_, s)| s.start < c.end);
                let holder = next.checked_sub(1).map(|i| &level.children[i]);
                if let Some((id, span)) = holder.filter(|(_, s)| s.contains(&c.start)) {
                    let (id, span) = (*id, span.clone());
                    let children = written(&mut self.children_of(id).map(|ch| ch.id));
                    path.push(Level {
                        container: Some(id),
                        span,
                        children,
                    });
                    continue;
                }
                let attachment = match holder {
                    Some((prev, span))
                        if self
                            .src
                            .get(span.end..c.start)
                            .is_some_and(|t| !has_line_break(t)) =>
                    {
                        Attachment::Trailing(*prev)
                    }
                    _ => match (level.children.get(next), level.container) {
                        (Some((id, _)), _) => Attachment::Leading(*id),
                        // Only brackets have an inside: a comment in another node's text (a
                        // hole that the parser folded into its string) follows the node.
                        (None, Some(container)) if !self.has_brackets(container) => {
                            Attachment::Trailing(container)
                        }
                        (None, Some(container)) => Attachment::Inner(container),
                        (None, None) => Attachment::End,
                    },
                };
                out.push(attachment);
                break;
            }
        }
        out
    }
}

impl Document<'_> {
    /// Whether `id` is written with brackets (a gene, array, map or hash map), which a printer
    /// can put an inner comment in, before the closer.
    fn has_brackets(&self, id: NodeId) -> bool {
        matches!(
            self.kind(id),
            NodeKind::Array | NodeKind::HashMap | NodeKind::Map | NodeKind::Gene
        )
    }
}

fn has_line_break(text: &[u8]) -> bool {
    memchr::memchr2(b'\n', b'\r', text).is_some()
}
