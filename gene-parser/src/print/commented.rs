//! The printer that keeps comments where they are: [`Document::print_with_comments`].
//!
//! Each comment is attached to a node by [`Document::attach_comments`] and written next to
//! that node wherever the printer writes it: a leading comment on its own line just before the
//! node, a trailing one after the node on the line where the node ends, an inner one on its
//! own line before the container's closer. Every attachment is therefore the same when the
//! output is parsed again, which makes printing a fixed point. Forms whose inside holds no
//! comment are written by the plain printer, exactly as [`Document::print`] writes them; a
//! gene or map with comments inside writes its members in source order (properties among the
//! items where they were), so that comments keep their order too. The one move: the pieces of
//! a key path that a later `^a^…` extends are written together, where the first one was.

use super::{Piece, PrintStyle, Printer, WIDTH};
use crate::ast::{Children, Document, NodeId, Role, Value};
use crate::comments::{Attachment, Comment, CommentKind};
use crate::dump::opener;
use std::collections::{HashMap, HashSet};

/// The comments of each node, by attachment, as indices into the comment list.
#[derive(Default)]
struct Table {
    leading: HashMap<NodeId, Vec<usize>>,
    trailing: HashMap<NodeId, Vec<usize>>,
    inner: HashMap<NodeId, Vec<usize>>,
    end: Vec<usize>,
    /// Containers with a comment somewhere inside (the parents of commented nodes, the
    /// holders of inner comments, and their ancestors): the others are printed plainly.
    dirty: HashSet<NodeId>,
}

impl Table {
    fn new(doc: &Document<'_>, comments: &[Comment]) -> Table {
        let mut table = Table::default();
        let attachments = doc.attach_comments(comments);
        if attachments.is_empty() {
            return table;
        }
        let parents = doc.parents();
        for (i, attachment) in attachments.into_iter().enumerate() {
            let (list, dirty_from) = match attachment {
                Attachment::Leading(id) => {
                    (table.leading.entry(id).or_default(), parents.parent(id))
                }
                Attachment::Trailing(id) => {
                    (table.trailing.entry(id).or_default(), parents.parent(id))
                }
                Attachment::Inner(id) => (table.inner.entry(id).or_default(), Some(id)),
                Attachment::End => (&mut table.end, None),
            };
            list.push(i);
            // Up to the root, stopping at a container already marked (so linear overall).
            let mut at = dirty_from;
            while let Some(id) = at
                && table.dirty.insert(id)
            {
                at = parents.parent(id);
            }
        }
        table
    }

    fn of(map: &HashMap<NodeId, Vec<usize>>, id: NodeId) -> &[usize] {
        map.get(&id).map_or(&[], |v| v)
    }
}

/// A member of a gene or map with comments inside, in source order.
enum Member {
    /// A property or entry: the pieces that write it, and the node its comments are
    /// attached to (the value).
    Entry { node: NodeId, pieces: Vec<Piece> },
    /// A positional child.
    Item(NodeId),
}

impl Member {
    /// The node the member's comments are attached to.
    fn node(&self) -> NodeId {
        match *self {
            Member::Entry { node, .. } | Member::Item(node) => node,
        }
    }
}

/// Renders `doc` with `comments` (see [`Document::print_with_comments`]).
pub(super) fn print(doc: &Document<'_>, comments: &[Comment], style: PrintStyle) -> Vec<u8> {
    let table = Table::new(doc, comments);
    let mut p = Commented {
        printer: Printer {
            doc,
            scratch: Vec::new(),
        },
        comments,
        table: &table,
        style,
    };
    let mut out = Vec::with_capacity(doc.source().len() + 16);
    for root in doc.roots() {
        for &i in Table::of(&table.leading, root) {
            p.own_line(&mut out, i);
        }
        p.body(&mut out, root, 0);
        let mut open_end = false;
        for &i in Table::of(&table.trailing, root) {
            out.push(b' ');
            out.extend_from_slice(p.text(i));
            open_end = !p.comments[i].is_closed(doc.source());
        }
        if !open_end {
            out.push(b'\n');
        }
    }
    for &i in &table.end {
        p.own_line(&mut out, i);
    }
    out
}

struct Commented<'a, 'd, 'src> {
    printer: Printer<'d, 'src>,
    comments: &'a [Comment],
    table: &'a Table,
    style: PrintStyle,
}

impl Commented<'_, '_, '_> {
    fn text(&self, i: usize) -> &[u8] {
        self.comments[i].text(self.printer.doc.source())
    }

    /// A top-level comment on a line of its own (an unterminated block comment, which can
    /// only come last, without the line break).
    fn own_line(&self, out: &mut Vec<u8>, i: usize) {
        out.extend_from_slice(self.text(i));
        if self.comments[i].is_closed(self.printer.doc.source()) {
            out.push(b'\n');
        }
    }

    /// `id` with its leading and trailing comments, at indentation `indent`.
    fn node(&mut self, out: &mut Vec<u8>, id: NodeId, indent: usize, limit: usize) {
        self.node_after(out, id, indent, limit, false);
    }

    /// [`Commented::node`]; `after_prefix`: just after the `` ` `` or `%` of a quote or unquote,
    /// where a line break would end the prefix (`%` then a line break is the symbol `%`), so
    /// that a leading comment follows the prefix on its line, as it must have in the source.
    fn node_after(
        &mut self,
        out: &mut Vec<u8>,
        id: NodeId,
        indent: usize,
        limit: usize,
        after_prefix: bool,
    ) {
        let table = self.table;
        for (n, &i) in Table::of(&table.leading, id).iter().enumerate() {
            if !(after_prefix && n == 0) {
                break_line(out, indent);
            }
            out.extend_from_slice(self.text(i));
            break_line(out, indent);
        }
        match self.style {
            PrintStyle::Compact => self.compact(out, id, indent, limit),
            PrintStyle::Indented if limit == usize::MAX => self.indented(out, id, indent),
            // A trial rendering of the indented style, which asks whether a form fits.
            PrintStyle::Indented => self.compact(out, id, indent, limit),
        }
        self.trailing(out, id, indent);
    }

    /// The space before `id` on a line, unless a leading comment puts it on a line of its own
    /// (or the line is blank).
    fn gap(&self, out: &mut Vec<u8>, id: NodeId) {
        if Table::of(&self.table.leading, id).is_empty() {
            space(out);
        }
    }

    fn trailing(&self, out: &mut Vec<u8>, id: NodeId, indent: usize) {
        for &i in Table::of(&self.table.trailing, id) {
            out.push(b' ');
            out.extend_from_slice(self.text(i));
            if self.comments[i].kind == CommentKind::Line {
                break_line(out, indent);
            }
        }
    }

    /// The inner comments of the container `id`, each on its own line, and the closer's line.
    fn inner(&self, out: &mut Vec<u8>, id: NodeId, indent: usize) {
        let comments = Table::of(&self.table.inner, id);
        for &i in comments {
            break_line(out, indent + 2);
            out.extend_from_slice(self.text(i));
        }
        if !comments.is_empty() || line_is_blank(out) {
            break_line(out, indent);
        }
    }

    /// The node without its own leading and trailing comments, in the document's style.
    fn body(&mut self, out: &mut Vec<u8>, id: NodeId, indent: usize) {
        match self.style {
            PrintStyle::Compact => self.compact(out, id, indent, usize::MAX),
            PrintStyle::Indented => self.indented(out, id, indent),
        }
    }

    /// The members of the gene or map `id`, in source order (the type left out).
    fn members(&self, id: NodeId) -> Vec<Member> {
        let doc = self.printer.doc;
        doc.children_of(id)
            .filter_map(|child| match child.role {
                Role::Type | Role::Root => None,
                Role::Item => Some(Member::Item(child.id)),
                Role::Property(key) => {
                    let mut pieces = Vec::new();
                    let key = doc.symbols().resolve(key);
                    // Written by the enclosing map's paths, as in `Printer::pieces`.
                    if !self.printer.is_deferred(key, child.id) {
                        self.printer.entry(&mut pieces, &[], key, child.id);
                    }
                    Some(Member::Entry {
                        node: child.id,
                        pieces,
                    })
                }
            })
            .collect()
    }

    /// Writes `id` on as few lines as its comments allow; stops early once `out` is longer
    /// than `limit` (see `Printer::compact`).
    fn compact(&mut self, out: &mut Vec<u8>, id: NodeId, indent: usize, limit: usize) {
        if !self.table.dirty.contains(&id) {
            return self.printer.compact(out, id, limit);
        }
        if out.len() > limit {
            return;
        }
        let inner = indent + 2;
        match self.printer.doc.value(id) {
            Value::Array { items, frozen } => {
                let brackets = (opener(b"#[", frozen), &b"]"[..]);
                self.compact_items(out, id, items, brackets, indent, limit);
            }
            Value::HashMap { items, frozen } => {
                let brackets = (opener(b"#{{", frozen), &b"}}"[..]);
                self.compact_items(out, id, items, brackets, indent, limit);
            }
            Value::Map { frozen, .. } => {
                out.extend_from_slice(opener(b"#{", frozen));
                for (i, member) in self.members(id).iter().enumerate() {
                    if i > 0 {
                        self.gap(out, member.node());
                    }
                    self.member(out, member, inner, limit, false);
                }
                self.inner(out, id, indent);
                out.push(b'}');
            }
            Value::Gene { ty, frozen, .. } => {
                out.extend_from_slice(opener(b"#(", frozen));
                self.node(out, ty, inner, limit);
                for member in &self.members(id) {
                    self.gap(out, member.node());
                    self.member(out, member, inner, limit, false);
                }
                self.inner(out, id, indent);
                out.push(b')');
            }
            Value::Quote(x) => {
                out.push(b'`');
                self.node_after(out, x, inner, limit, true);
            }
            Value::Unquote { value, discard } => {
                self.printer.unquote_prefix(out, value, discard);
                self.node_after(out, value, inner, limit, true);
            }
            atom => self.printer.atom(out, atom),
        }
    }

    /// The items of the array or hash map `id` on one line, between `(open, close)`, with
    /// their comments.
    fn compact_items(
        &mut self,
        out: &mut Vec<u8>,
        id: NodeId,
        items: Children<'_>,
        (open, close): (&[u8], &[u8]),
        indent: usize,
        limit: usize,
    ) {
        out.extend_from_slice(open);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.gap(out, item);
            }
            self.node(out, item, indent + 2, limit);
        }
        self.inner(out, id, indent);
        out.extend_from_slice(close);
    }

    /// The items of the array or hash map `id` one per line, between `(open, close)`, with
    /// their comments.
    fn indented_items(
        &mut self,
        out: &mut Vec<u8>,
        id: NodeId,
        items: Children<'_>,
        (open, close): (&[u8], &[u8]),
        indent: usize,
    ) {
        out.extend_from_slice(open);
        for item in items.iter() {
            break_line(out, indent + 2);
            self.node(out, item, indent + 2, usize::MAX);
        }
        self.inner(out, id, indent);
        break_line(out, indent);
        out.extend_from_slice(close);
    }

    /// An entry with its comments (before its first piece, and after it, where its node is)
    /// or an item; `broken`: each piece on a line of its own, in the indented style.
    fn member(
        &mut self,
        out: &mut Vec<u8>,
        member: &Member,
        indent: usize,
        limit: usize,
        broken: bool,
    ) {
        let (node, pieces) = match member {
            Member::Item(id) => return self.node(out, *id, indent, limit),
            Member::Entry { node, pieces } => (*node, pieces),
        };
        let table = self.table;
        for &i in Table::of(&table.leading, node) {
            break_line(out, indent);
            out.extend_from_slice(self.text(i));
            break_line(out, indent);
        }
        for (j, piece) in pieces.iter().enumerate() {
            if j > 0 {
                if broken {
                    break_line(out, indent);
                } else {
                    space(out);
                }
            }
            out.extend_from_slice(&piece.key);
            if let Some(value) = piece.value {
                out.push(b' ');
                if broken {
                    self.indented(out, value, indent + piece.key.len() + 1);
                } else {
                    self.compact(out, value, indent, limit);
                }
            }
            if j == 0 {
                self.trailing(out, node, indent);
            }
        }
        if pieces.is_empty() {
            self.trailing(out, node, indent);
        }
    }

    /// Writes `id` at indentation `indent`: on one line when that fits in the width and no
    /// line comment is inside, else one member per line.
    fn indented(&mut self, out: &mut Vec<u8>, id: NodeId, indent: usize) {
        if !self.table.dirty.contains(&id) {
            return self.printer.indented(out, id, indent);
        }
        let budget = WIDTH.saturating_sub(indent);
        let mut trial = std::mem::take(&mut self.printer.scratch);
        trial.clear();
        self.compact(&mut trial, id, indent, budget);
        let fits = trial.len() <= budget && !trial.contains(&b'\n');
        if fits {
            out.extend_from_slice(&trial);
        }
        self.printer.scratch = trial;
        if fits {
            return;
        }
        let inner = indent + 2;
        match self.printer.doc.value(id) {
            Value::Array { items, frozen } => {
                let brackets = (opener(b"#[", frozen), &b"]"[..]);
                self.indented_items(out, id, items, brackets, indent);
            }
            Value::HashMap { items, frozen } => {
                let brackets = (opener(b"#{{", frozen), &b"}}"[..]);
                self.indented_items(out, id, items, brackets, indent);
            }
            Value::Map { frozen, .. } => {
                out.extend_from_slice(opener(b"#{", frozen));
                for member in &self.members(id) {
                    break_line(out, inner);
                    self.member(out, member, inner, usize::MAX, true);
                }
                self.inner(out, id, indent);
                break_line(out, indent);
                out.push(b'}');
            }
            Value::Gene { ty, frozen, .. } => {
                out.extend_from_slice(opener(b"#(", frozen));
                self.node(out, ty, inner, usize::MAX);
                for member in &self.members(id) {
                    break_line(out, inner);
                    self.member(out, member, inner, usize::MAX, true);
                }
                self.inner(out, id, indent);
                break_line(out, indent);
                out.push(b')');
            }
            Value::Quote(x) => {
                out.push(b'`');
                self.node_after(out, x, indent + 1, usize::MAX, true);
            }
            Value::Unquote { value, discard } => {
                let at = out.len();
                self.printer.unquote_prefix(out, value, discard);
                let width = out.len() - at;
                self.node_after(out, value, indent + width, usize::MAX, true);
            }
            atom => self.printer.atom(out, atom),
        }
    }
}

/// Whether the current line of `out` holds nothing but indentation. Spaces in the output are
/// separators and indentation only (a symbol's space is written `\ `, where the scan stops at
/// the `\`), so the scan back is as long as one indentation.
/// Whether the output ends with a line break and spaces (or is spaces only). A line break
/// after an odd run of backslashes is part of a token (a symbol or character written with an
/// escaped line break), not a line end.
fn line_is_blank(out: &[u8]) -> bool {
    let spaces = out.iter().rev().take_while(|&&b| b == b' ').count();
    let Some(end) = (out.len() - spaces).checked_sub(1) else {
        return true;
    };
    let escapes = out[..end].iter().rev().take_while(|&&b| b == b'\\').count();
    out[end] == b'\n' && escapes % 2 == 0
}

/// Starts a line at `indent`: a new one, or the current one re-indented if it is blank.
fn break_line(out: &mut Vec<u8>, indent: usize) {
    if line_is_blank(out) {
        let spaces = out.iter().rev().take_while(|&&b| b == b' ').count();
        out.truncate(out.len() - spaces);
    } else {
        out.push(b'\n');
    }
    out.resize(out.len() + indent, b' ');
}

/// One space between members, none at the start of a line.
fn space(out: &mut Vec<u8>) {
    if !line_is_blank(out) {
        out.push(b' ');
    }
}
