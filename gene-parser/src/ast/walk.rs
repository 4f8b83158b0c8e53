//! Walking a document: the children of any node in source order, a pre-order iterator, a
//! visitor with enter and leave, and parent lookup.

use super::{Document, NIL_TYPE, NodeId, Value};
use crate::interner::SymbolId;

/// How a node hangs from its parent.
///
/// ```
/// use gene_parser::Role;
/// let doc = gene_parser::parse(b"(f ^k 1 x)").unwrap();
/// let roles: Vec<Role> = doc.children_of(doc.roots().get(0).unwrap()).map(|c| c.role).collect();
/// let k = doc.symbols().lookup("k").unwrap();
/// assert_eq!(roles, [Role::Type, Role::Property(k), Role::Item]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// A top-level value: no parent.
    Root,
    /// A gene's type.
    Type,
    /// The value of a property (of a gene) or entry (of a map) with this key.
    Property(SymbolId),
    /// A positional child: an array or hash-map item, a gene child, the value of a quote or
    /// unquote.
    Item,
}

/// One child of a node, with its role (see [`Document::children_of`]).
///
/// ```
/// use gene_parser::{Child, Role};
/// let doc = gene_parser::parse(b"`x").unwrap();
/// let Child { role, id } = doc.children_of(doc.roots().get(0).unwrap()).next().unwrap();
/// assert_eq!((role, doc.symbol_text(id)), (Role::Item, Some("x")));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Child {
    /// How it hangs from its parent.
    pub role: Role,
    /// The child.
    pub id: NodeId,
}

impl<'src> Document<'src> {
    /// Every child of any node, in source order: a gene's type, its properties (key and
    /// value) and its children; a map's entries; array and hash-map items; the value of a quote
    /// or unquote. Nodes made by the parser rather than written (the nil type of `()`, the
    /// `true` of `^^on`, the maps of a key path) come where the text that made them is.
    /// Scalars have none.
    ///
    /// ```
    /// use gene_parser::{Child, Role};
    /// let doc = gene_parser::parse(b"(f x ^pre [y] z)").unwrap();
    /// let roles: Vec<Role> = doc.children_of(doc.roots().get(0).unwrap()).map(|c| c.role).collect();
    /// let pre = doc.symbols().lookup("pre").unwrap();
    /// assert_eq!(roles, [Role::Type, Role::Item, Role::Property(pre), Role::Item]);
    /// ```
    #[track_caller]
    pub fn children_of(&self, id: NodeId) -> std::vec::IntoIter<Child> {
        let item = |id| Child {
            role: Role::Item,
            id,
        };
        fn props(entries: super::Entries<'_>) -> impl Iterator<Item = Child> + '_ {
            entries.iter().map(|(key, id)| Child {
                role: Role::Property(key),
                id,
            })
        }
        let mut out: Vec<Child> = match self.value(id) {
            Value::Array { items, .. } | Value::HashMap { items, .. } => {
                items.iter().map(item).collect()
            }
            Value::Map { entries, .. } => props(entries).collect(),
            Value::Gene {
                ty,
                props: entries,
                children,
                ..
            } => std::iter::once(Child {
                role: Role::Type,
                id: ty,
            })
            .chain(props(entries))
            .chain(children.iter().map(item))
            .collect(),
            Value::Quote(value) | Value::Unquote { value, .. } => vec![item(value)],
            _ => Vec::new(),
        };
        // Out of order only when properties follow items, or for key-path values. Stable:
        // children starting at the same byte keep type, properties, items order.
        if !out.is_sorted_by_key(|c| self.span(c.id).start) {
            out.sort_by_key(|c| self.span(c.id).start);
        }
        out.into_iter()
    }

    /// `id` and every node below it, parents before children and children in source order
    /// (the order of [`Document::children_of`]).
    ///
    /// ```
    /// let doc = gene_parser::parse(b"(a [b c] d)").unwrap();
    /// let text: Vec<_> = doc.descendants(doc.roots().get(0).unwrap()).map(|id| doc.dump_value(id)).collect();
    /// assert_eq!(text, ["(a [b c] d)", "a", "[b c]", "b", "c", "d"]);
    /// ```
    ///
    /// # Panics
    /// At once, if `id` is not from this document (see [`NodeId`]).
    #[track_caller]
    pub fn descendants(&self, id: NodeId) -> Descendants<'_, 'src> {
        self.check(id);
        Descendants {
            doc: self,
            stack: vec![id],
        }
    }

    /// Every node of the document in source pre-order: each root and its
    /// [descendants](Document::descendants), in turn.
    ///
    /// ```
    /// let doc = gene_parser::parse(b"(a b; c) d").unwrap();
    /// let text: Vec<_> = doc.preorder().map(|id| doc.dump_value(id)).collect();
    /// assert_eq!(text, ["((a b) c)", "(a b)", "a", "b", "c", "d"]);
    /// ```
    pub fn preorder(&self) -> Descendants<'_, 'src> {
        Descendants {
            doc: self,
            stack: self.roots().iter().rev().collect(),
        }
    }

    /// Walks every root with `visitor`: [`Visitor::enter`] on the way down (returning `false`
    /// skips the node's children), [`Visitor::leave`] on the way up, in source pre-order. The
    /// walk keeps its own stack, so no depth of nesting overflows the thread's stack.
    ///
    /// ```
    /// use gene_parser::{Document, Visit, Visitor};
    /// struct Deepest(usize);
    /// impl Visitor for Deepest {
    ///     fn enter(&mut self, _: &Document, node: &Visit) -> bool {
    ///         self.0 = self.0.max(node.depth);
    ///         true
    ///     }
    /// }
    /// let doc = gene_parser::parse(b"(a (b [c]))").unwrap();
    /// let mut deepest = Deepest(0);
    /// doc.walk(&mut deepest);
    /// assert_eq!(deepest.0, 3); // `c`: in `[c]`, in `(b …)`, in `(a …)`
    /// ```
    pub fn walk(&self, visitor: &mut impl Visitor) {
        struct Frame {
            visit: Visit,
            children: std::vec::IntoIter<Child>,
        }
        let mut stack: Vec<Frame> = Vec::new();
        for root in self.roots() {
            let visit = Visit {
                id: root,
                role: Role::Root,
                parent: None,
                depth: 0,
            };
            if visitor.enter(self, &visit) {
                let children = self.children_of(root);
                stack.push(Frame { visit, children });
            } else {
                visitor.leave(self, &visit);
            }
            while let Some(top) = stack.last_mut() {
                match top.children.next() {
                    Some(child) => {
                        let visit = Visit {
                            id: child.id,
                            role: child.role,
                            parent: Some(top.visit.id),
                            depth: top.visit.depth + 1,
                        };
                        if visitor.enter(self, &visit) {
                            let children = self.children_of(child.id);
                            stack.push(Frame { visit, children });
                        } else {
                            visitor.leave(self, &visit);
                        }
                    }
                    None => {
                        let done = stack.pop().expect("a frame");
                        visitor.leave(self, &done.visit);
                    }
                }
            }
        }
    }

    /// The parent of every node, found in one walk of the document; each
    /// [`ParentMap::parent`] is then one array read.
    ///
    /// ```
    /// let doc = gene_parser::parse(b"(a [b])").unwrap();
    /// let parents = doc.parents();
    /// let b = doc.preorder().nth(3).unwrap();
    /// let array = parents.parent(b).unwrap();
    /// assert_eq!(doc.dump_value(array), "[b]");
    /// assert_eq!(parents.parent(array), Some(doc.roots().get(0).unwrap()));
    /// assert_eq!(parents.parent(doc.roots().get(0).unwrap()), None);
    /// ```
    pub fn parents(&self) -> ParentMap {
        let mut parent = vec![u32::MAX; self.tree.nodes.len()];
        for id in self.preorder() {
            for child in self.children_of(id) {
                // The nil type of `()` has no slot: its parent is known without one.
                if child.id.index & NIL_TYPE == 0 {
                    parent[child.id.index()] = id.index;
                }
            }
        }
        ParentMap {
            parent,
            doc: self.tag,
        }
    }
}

/// A node met by a [`Document::walk`].
///
/// ```
/// use gene_parser::{Document, Visit, Visitor};
/// struct Depths(Vec<usize>);
/// impl Visitor for Depths {
///     fn enter(&mut self, _: &Document, node: &Visit) -> bool {
///         self.0.push(node.depth);
///         true
///     }
/// }
/// let doc = gene_parser::parse(b"[a [b]] c").unwrap();
/// let mut depths = Depths(Vec::new());
/// doc.walk(&mut depths);
/// assert_eq!(depths.0, [0, 1, 1, 2, 0]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Visit {
    /// The node.
    pub id: NodeId,
    /// How it hangs from its parent.
    pub role: Role,
    /// Its parent; `None` for a root.
    pub parent: Option<NodeId>,
    /// 0 for a root, 1 for its children, and so on.
    pub depth: usize,
}

/// What [`Document::walk`] calls at each node. Both methods do nothing by default.
///
/// ```
/// use gene_parser::{Document, Visit, Visitor};
/// /// Prints an indented tree, skipping what is inside arrays.
/// struct Tree(String);
/// impl Visitor for Tree {
///     fn enter(&mut self, doc: &Document, node: &Visit) -> bool {
///         self.0 += &format!("{}{:?}\n", "  ".repeat(node.depth), doc.kind(node.id));
///         doc.value(node.id).as_array().is_none()
///     }
///     fn leave(&mut self, _: &Document, node: &Visit) {
///         if node.depth == 0 {
///             self.0 += "--\n";
///         }
///     }
/// }
/// let doc = gene_parser::parse(b"(f [x])").unwrap();
/// let mut tree = Tree(String::new());
/// doc.walk(&mut tree);
/// assert_eq!(tree.0, "Gene\n  Symbol\n  Array\n--\n");
/// ```
pub trait Visitor {
    /// Called before the node's children; return `false` to skip them (`leave` is still
    /// called).
    fn enter(&mut self, doc: &Document<'_>, node: &Visit) -> bool {
        let _ = (doc, node);
        true
    }

    /// Called after the node's children.
    fn leave(&mut self, doc: &Document<'_>, node: &Visit) {
        let _ = (doc, node);
    }
}

/// Iterator of [`Document::descendants`] and [`Document::preorder`].
///
/// ```
/// let doc = gene_parser::parse(b"{^a [1 2]} 3").unwrap();
/// assert_eq!(doc.preorder().count(), 5);
/// assert_eq!(doc.descendants(doc.roots().get(0).unwrap()).count(), 4);
/// ```
#[derive(Clone, Debug)]
pub struct Descendants<'d, 'src> {
    doc: &'d Document<'src>,
    /// Nodes still to yield, the next on top.
    stack: Vec<NodeId>,
}

impl Iterator for Descendants<'_, '_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let id = self.stack.pop()?;
        let start = self.stack.len();
        self.stack.extend(self.doc.children_of(id).map(|c| c.id));
        self.stack[start..].reverse();
        Some(id)
    }
}

/// The parent of each node of one document (see [`Document::parents`]).
///
/// ```
/// let doc = gene_parser::parse(b"()").unwrap();
/// let parents = doc.parents();
/// let nil_type = doc.value(doc.roots().get(0).unwrap()).as_gene().unwrap().ty;
/// assert_eq!(parents.parent(nil_type), Some(doc.roots().get(0).unwrap()));
/// ```
#[derive(Clone, Debug)]
pub struct ParentMap {
    /// The parent's id by node index; `u32::MAX` for roots and unreachable slots.
    parent: Vec<u32>,
    /// The tag of the document the map was built from.
    doc: u32,
}

impl ParentMap {
    /// The parent of `id`; `None` for a root (and for the few unreachable slots a key path
    /// leaves). The nil type of `()` has the empty gene as parent.
    ///
    /// # Panics
    /// If `id` is not from the document the map was built from (a message that starts with
    /// `NodeId from another document`).
    #[track_caller]
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        let slot = self.parent.get(id.index() & !(NIL_TYPE as usize));
        let Some(&p) = slot.filter(|_| id.doc == self.doc) else {
            panic!(
                "NodeId from another document: id {} (document tag {}) given to the ParentMap \
                 of the document with tag {} and {} node slots",
                id.index & !NIL_TYPE,
                id.doc,
                self.doc,
                self.parent.len()
            )
        };
        let index = if id.index & NIL_TYPE != 0 {
            id.index & !NIL_TYPE
        } else if p == u32::MAX {
            return None;
        } else {
            p
        };
        Some(NodeId {
            index,
            doc: self.doc,
        })
    }
}
