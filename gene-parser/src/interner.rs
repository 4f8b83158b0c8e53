//! The symbol table: every distinct symbol name (and property key) is stored once and named by
//! a [`SymbolId`].

use hashbrown::{DefaultHashBuilder, HashTable};
use std::hash::BuildHasher;

/// Names one interned byte string of an [`Interner`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SymbolId(pub(crate) u32);

impl SymbolId {
    /// The id as an index (ids are dense, in first-seen order).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A table of interned byte strings. Ids are dense and assigned in first-seen order, so the
/// same input always yields the same ids.
#[derive(Clone, Default)]
pub struct Interner {
    hasher: DefaultHashBuilder,
    table: HashTable<u32>,
    /// `(start, end)` of each name in `bytes`.
    spans: Vec<(u32, u32)>,
    bytes: Vec<u8>,
}

impl Interner {
    /// An empty table.
    pub fn new() -> Interner {
        Interner::default()
    }

    /// Returns the id of `name`, adding it if it is new.
    #[inline]
    pub fn intern(&mut self, name: &[u8]) -> SymbolId {
        let hash = self.hasher.hash_one(name);
        let (spans, bytes) = (&self.spans, &self.bytes);
        let eq = |&id: &u32| {
            let (s, e) = spans[id as usize];
            &bytes[s as usize..e as usize] == name
        };
        if let Some(&id) = self.table.find(hash, eq) {
            return SymbolId(id);
        }
        let id = self.spans.len() as u32;
        let start = self.bytes.len() as u32;
        self.bytes.extend_from_slice(name);
        self.spans.push((start, self.bytes.len() as u32));
        let (spans, bytes, hasher) = (&self.spans, &self.bytes, &self.hasher);
        self.table.insert_unique(hash, id, |&id| {
            let (s, e) = spans[id as usize];
            hasher.hash_one(&bytes[s as usize..e as usize])
        });
        SymbolId(id)
    }

    /// The id of `name`, if it was interned.
    pub fn get(&self, name: &[u8]) -> Option<SymbolId> {
        let hash = self.hasher.hash_one(name);
        self.table
            .find(hash, |&id| self.resolve(SymbolId(id)) == name)
            .map(|&id| SymbolId(id))
    }

    /// The bytes of an interned name.
    ///
    /// # Panics
    /// If `id` does not come from this table.
    #[inline]
    pub fn resolve(&self, id: SymbolId) -> &[u8] {
        let (s, e) = self.spans[id.index()];
        &self.bytes[s as usize..e as usize]
    }

    /// Number of distinct names.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Every name with its id, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (SymbolId, &[u8])> {
        (0..self.spans.len() as u32).map(|i| (SymbolId(i), self.resolve(SymbolId(i))))
    }

    /// Heap bytes held (capacity, not length).
    pub fn heap_bytes(&self) -> usize {
        self.bytes.capacity() + self.spans.capacity() * 8 + self.table.capacity() * 5
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_is_stable_and_dense() {
        let mut t = Interner::new();
        let a = t.intern(b"alpha");
        let b = t.intern(b"beta");
        assert_eq!(t.intern(b"alpha"), a);
        assert_eq!((a.index(), b.index()), (0, 1));
        assert_eq!(t.resolve(b), b"beta");
        assert_eq!(t.get(b"beta"), Some(b));
        assert_eq!(t.get(b"gamma"), None);
        assert_eq!(t.len(), 2);
        for i in 0..1000 {
            t.intern(format!("s{i}").as_bytes());
        }
        assert_eq!(t.resolve(t.get(b"s999").unwrap()), b"s999");
    }
}
