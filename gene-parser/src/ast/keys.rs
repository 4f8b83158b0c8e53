//! Keys and text: lookup of properties by name, the source range of a `^key`, typed accessors
//! on [`Value`], and symbol tests that cannot mistake "no such symbol" for "not a symbol".

use super::{Children, Document, Entries, NodeId, Value};
use crate::interner::{Interner, SymbolId};
use crate::lexer::Lexer;
use crate::token::TokenKind;
use std::ops::Range;

impl<'a> Entries<'a> {
    /// The value under `key`, if there is one (a linear scan: entries are few).
    ///
    /// ```
    /// let doc = gene_parser::parse(b"{^a 1 ^b 2}").unwrap();
    /// let entries = doc.value(doc.roots().get(0).unwrap()).as_map().unwrap();
    /// let b = doc.symbols().lookup("b").unwrap();
    /// assert_eq!(doc.value(entries.get(b).unwrap()).as_int(), Some(2));
    /// ```
    pub fn get(&self, key: SymbolId) -> Option<NodeId> {
        self.iter().find(|&(k, _)| k == key).map(|(_, v)| v)
    }
}

/// The parts of a gene (see [`Value::as_gene`]).
///
/// ```
/// let doc = gene_parser::parse(b"#(f ^k 1 x y)").unwrap();
/// let gene = doc.value(doc.roots().get(0).unwrap()).as_gene().unwrap();
/// assert_eq!(doc.symbol_text(gene.ty), Some("f"));
/// assert_eq!((gene.props.len(), gene.children.len(), gene.frozen), (1, 2, true));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Gene<'a> {
    /// The type.
    pub ty: NodeId,
    /// The properties.
    pub props: Entries<'a>,
    /// The children.
    pub children: Children<'a>,
    /// Written `#(…)`.
    pub frozen: bool,
}

impl<'a> Value<'a> {
    /// The integer, if this is one.
    ///
    /// ```
    /// let doc = gene_parser::parse(b"-7 x").unwrap();
    /// assert_eq!(doc.value(doc.roots().get(0).unwrap()).as_int(), Some(-7));
    /// assert_eq!(doc.value(doc.roots().get(1).unwrap()).as_int(), None);
    /// ```
    pub fn as_int(&self) -> Option<i64> {
        match *self {
            Value::Int(n) => Some(n),
            _ => None,
        }
    }

    /// The float, if this is one.
    ///
    /// ```
    /// let doc = gene_parser::parse(b"1.5").unwrap();
    /// assert_eq!(doc.value(doc.roots().get(0).unwrap()).as_float(), Some(1.5));
    /// ```
    pub fn as_float(&self) -> Option<f64> {
        match *self {
            Value::Float(x) => Some(x),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    ///
    /// ```
    /// let doc = gene_parser::parse(b"true").unwrap();
    /// assert_eq!(doc.value(doc.roots().get(0).unwrap()).as_bool(), Some(true));
    /// ```
    pub fn as_bool(&self) -> Option<bool> {
        match *self {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The symbol, if this is a (simple) symbol.
    ///
    /// ```
    /// let doc = gene_parser::parse(b"fn").unwrap();
    /// let sym = doc.value(doc.roots().get(0).unwrap()).as_symbol().unwrap();
    /// assert_eq!(doc.symbols().text(sym), Some("fn"));
    /// ```
    pub fn as_symbol(&self) -> Option<SymbolId> {
        match *self {
            Value::Symbol(s) => Some(s),
            _ => None,
        }
    }

    /// The bytes of a string, if this is one.
    ///
    /// ```
    /// let doc = gene_parser::parse(br#""a\tb""#).unwrap();
    /// assert_eq!(doc.value(doc.roots().get(0).unwrap()).as_bytes(), Some(&b"a\tb"[..]));
    /// ```
    pub fn as_bytes(&self) -> Option<&'a [u8]> {
        match *self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The text of a string, if this is a string and its bytes are UTF-8.
    ///
    /// ```
    /// let doc = gene_parser::parse("\"héllo\" \"\\xFF\"".as_bytes()).unwrap();
    /// assert_eq!(doc.value(doc.roots().get(0).unwrap()).as_str(), Some("héllo"));
    /// ```
    pub fn as_str(&self) -> Option<&'a str> {
        self.as_bytes().and_then(|s| std::str::from_utf8(s).ok())
    }

    /// The parts of a gene, if this is one.
    ///
    /// ```
    /// let doc = gene_parser::parse(b"(f ^k 1 x)").unwrap();
    /// let gene = doc.value(doc.roots().get(0).unwrap()).as_gene().unwrap();
    /// assert_eq!((gene.props.len(), gene.children.len()), (1, 1));
    /// ```
    pub fn as_gene(&self) -> Option<Gene<'a>> {
        match *self {
            Value::Gene {
                ty,
                props,
                children,
                frozen,
            } => Some(Gene {
                ty,
                props,
                children,
                frozen,
            }),
            _ => None,
        }
    }

    /// The items of an array, if this is one.
    ///
    /// ```
    /// let doc = gene_parser::parse(b"[a b]").unwrap();
    /// assert_eq!(doc.value(doc.roots().get(0).unwrap()).as_array().unwrap().len(), 2);
    /// ```
    pub fn as_array(&self) -> Option<Children<'a>> {
        match *self {
            Value::Array { items, .. } => Some(items),
            _ => None,
        }
    }

    /// The entries of a map, if this is one.
    ///
    /// ```
    /// let doc = gene_parser::parse(b"{^a 1}").unwrap();
    /// assert_eq!(doc.value(doc.roots().get(0).unwrap()).as_map().unwrap().len(), 1);
    /// ```
    pub fn as_map(&self) -> Option<Entries<'a>> {
        match *self {
            Value::Map { entries, .. } => Some(entries),
            _ => None,
        }
    }
}

impl Interner {
    /// The id of `name`, if it was interned: [`Interner::get`] for text.
    ///
    /// ```
    /// let doc = gene_parser::parse(b"(fn f [] 1)").unwrap();
    /// assert!(doc.symbols().lookup("fn").is_some());
    /// assert_eq!(doc.symbols().lookup("var"), None);
    /// ```
    pub fn lookup(&self, name: &str) -> Option<SymbolId> {
        self.get(name.as_bytes())
    }

    /// The text of an interned name, if it is UTF-8.
    ///
    /// ```
    /// let doc = gene_parser::parse(b"x").unwrap();
    /// let x = doc.symbols().lookup("x").unwrap();
    /// assert_eq!(doc.symbols().text(x), Some("x"));
    /// ```
    pub fn text(&self, id: SymbolId) -> Option<&str> {
        std::str::from_utf8(self.resolve(id)).ok()
    }
}

impl Document<'_> {
    /// The text of the symbol at `id`; `None` if the node is not a (simple) symbol or its
    /// name is not UTF-8.
    ///
    /// ```
    /// let doc = gene_parser::parse(b"(fn f [a] a) 42").unwrap();
    /// let ty = doc.value(doc.roots().get(0).unwrap()).as_gene().unwrap().ty;
    /// assert_eq!(doc.symbol_text(ty), Some("fn"));
    /// assert_eq!(doc.symbol_text(doc.roots().get(1).unwrap()), None);
    /// ```
    #[track_caller]
    pub fn symbol_text(&self, id: NodeId) -> Option<&str> {
        self.value(id)
            .as_symbol()
            .and_then(|s| self.symbols().text(s))
    }

    /// Whether the node at `id` is the symbol `name`. False for every non-symbol, whether or
    /// not `name` occurs in the document, so `(1 …)` never matches a keyword.
    ///
    /// ```
    /// let doc = gene_parser::parse(b"(1 x) (var x 1)").unwrap();
    /// let ty = |i: usize| doc.value(doc.roots().get(i).unwrap()).as_gene().unwrap().ty;
    /// assert!(!doc.is_symbol(ty(0), "fn")); // `fn` occurs nowhere, `1` is no symbol
    /// assert!(doc.is_symbol(ty(1), "var"));
    /// ```
    #[track_caller]
    pub fn is_symbol(&self, id: NodeId, name: &str) -> bool {
        match self.value(id).as_symbol() {
            Some(s) => self.symbols().resolve(s) == name.as_bytes(),
            None => false,
        }
    }

    /// The value of property or entry `name` of the gene or map at `id`; `None` if there is
    /// none or the node is neither a gene nor a map.
    ///
    /// ```
    /// let doc = gene_parser::parse(b"(fn f ^pure true [a] a)").unwrap();
    /// let pure = doc.prop(doc.roots().get(0).unwrap(), "pure").unwrap();
    /// assert_eq!(doc.value(pure).as_bool(), Some(true));
    /// assert_eq!(doc.prop(doc.roots().get(0).unwrap(), "async"), None);
    /// ```
    #[track_caller]
    pub fn prop(&self, id: NodeId, name: &str) -> Option<NodeId> {
        // The value first: an id of another document panics even when `name` occurs nowhere.
        let entries = match self.value(id) {
            Value::Gene { props, .. } => props,
            Value::Map { entries, .. } => entries,
            _ => return None,
        };
        entries.get(self.symbols().lookup(name)?)
    }

    /// The source range of the `^key` (or `^^key`, `^!key`, or key path `^key^…`) that set
    /// property `key` of the gene or map at `id`: the last such key written directly in the
    /// node before its value. `None` if the node has no such property, or the property was
    /// made or extended by a key path (the nested maps of `^a^b 1` have no `^b` of their own:
    /// the whole `^a^b` is the key of `a`). Lexes the node's text, so costs time in its
    /// length up to the value.
    ///
    /// ```
    /// let src = b"(f ^a 1 ^^on x)";
    /// let doc = gene_parser::parse(src).unwrap();
    /// let on = doc.symbols().lookup("on").unwrap();
    /// let span = doc.key_span(doc.roots().get(0).unwrap(), on).unwrap();
    /// assert_eq!(&src[span], b"^^on");
    /// ```
    #[track_caller]
    pub fn key_span(&self, id: NodeId, key: SymbolId) -> Option<Range<usize>> {
        let value = match self.value(id) {
            Value::Gene { props, .. } => props.get(key)?,
            Value::Map { entries, .. } => entries.get(key)?,
            _ => return None,
        };
        let span = self.span(id);
        let value_start = self.span(value).start;
        let name = self.symbols().resolve(key);
        let text = &self.source()[span.clone()];
        let mut depth = 0usize;
        let mut found = None;
        for token in Lexer::new(text) {
            let (start, end) = (token.start as usize, token.end as usize);
            // The key comes before its value (the `true` of `^^on` starts at its key).
            if span.start + start > value_start {
                break;
            }
            match token.kind {
                TokenKind::LParen
                | TokenKind::LBracket
                | TokenKind::LBrace
                | TokenKind::FrozenParen
                | TokenKind::FrozenBracket
                | TokenKind::FrozenBrace
                | TokenKind::InterpStart
                | TokenKind::HoleOpen => depth += 1,
                // Closed by two `}` tokens.
                TokenKind::LHashBrace | TokenKind::FrozenHashBrace => depth += 2,
                TokenKind::RParen
                | TokenKind::RBracket
                | TokenKind::RBrace
                | TokenKind::InterpEnd
                | TokenKind::HoleClose => depth = depth.saturating_sub(1),
                TokenKind::Symbol
                    if depth == 1 && key_name(&text[start..end]).as_deref() == Some(name) =>
                {
                    found = Some(span.start + start..span.start + end);
                }
                _ => {}
            }
        }
        found
    }
}

/// The key a `^…` token sets at its own level: after `^^` or `^!`, the name; after a single
/// `^`, the first segment of the path, up to the first `^` (paths are split after escapes are
/// cooked, so `^a\\^b` is a path too). Escapes are cooked: `\\` yields the next byte. `None`
/// for a token that is not a key.
fn key_name(token: &[u8]) -> Option<Vec<u8>> {
    let rest = token.strip_prefix(b"^")?;
    let (rest, path) = match rest.first() {
        Some(b'^' | b'!') => (&rest[1..], false),
        _ => (rest, true),
    };
    let mut name = Vec::with_capacity(rest.len());
    let mut bytes = rest.iter();
    while let Some(&b) = bytes.next() {
        match b {
            b'\\' => match bytes.next() {
                Some(b'^') if path => break,
                escaped => name.extend(escaped),
            },
            b'^' if path => break,
            _ => name.push(b),
        }
    }
    Some(name)
}
