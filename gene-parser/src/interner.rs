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
///
/// Names of up to 15 bytes (nearly all identifiers: the corpus mean is 6.2, p90 12) are
/// packed with their length into one `u128` and found in a small open-addressing table by one
/// multiply and one compare; longer names go through a general hash table.
#[derive(Clone, Default)]
pub struct Interner {
    short: ShortTable,
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

    /// An empty table with room for about `names` names before it grows.
    pub fn with_capacity(names: usize) -> Interner {
        let mut table = Interner {
            spans: Vec::with_capacity(names),
            bytes: Vec::with_capacity(names * 8),
            ..Interner::default()
        };
        table.short.reserve(names);
        table
    }

    /// Forgets every name but keeps the memory, for [`Buffers`](crate::Buffers): ids start
    /// again from 0, in first-seen order, as in a new table.
    pub(crate) fn clear(&mut self) {
        self.short.clear();
        self.table.clear();
        self.spans.clear();
        self.bytes.clear();
    }

    /// Returns the id of `name`, adding it if it is new.
    #[inline(always)]
    pub fn intern(&mut self, name: &[u8]) -> SymbolId {
        match pack_short(name) {
            Some(key) => self.intern_key(key, name),
            None => self.intern_long(name),
        }
    }

    /// Returns the id of `name`, whose packed key (see [`short_key`]) is `key`.
    #[inline(always)]
    pub(crate) fn intern_key(&mut self, key: u128, name: &[u8]) -> SymbolId {
        if let Some(id) = self.short.find(key) {
            return SymbolId(id);
        }
        let id = self.push_name(name);
        self.short.insert(key, id);
        SymbolId(id)
    }

    /// Appends `name` as the next id. Callers then record its key in the short table
    /// ([`ShortTable::insert`] or [`ShortTable::skip`]) so that its keys stay indexed by id.
    #[inline(never)]
    fn push_name(&mut self, name: &[u8]) -> u32 {
        let id = self.spans.len() as u32;
        let start = self.bytes.len() as u32;
        // A quarter more, not double: input of distinct short names (`ab cd ef …`) is the
        // densest there is, and doubled name arrays would take its peak heap from about 22 to
        // 27 times the source (tests/memory.rs).
        if self.spans.len() == self.spans.capacity() {
            grow_by_a_quarter(&mut self.spans);
        }
        if self.bytes.capacity() - self.bytes.len() < name.len() {
            self.bytes
                .reserve_exact(self.bytes.capacity() / 4 + name.len() + 16);
        }
        self.bytes.extend_from_slice(name);
        self.spans.push((start, self.bytes.len() as u32));
        id
    }

    #[inline(never)]
    fn intern_long(&mut self, name: &[u8]) -> SymbolId {
        let hash = self.hasher.hash_one(name);
        let (spans, bytes) = (&self.spans, &self.bytes);
        let eq = |&id: &u32| {
            let (s, e) = spans[id as usize];
            &bytes[s as usize..e as usize] == name
        };
        if let Some(&id) = self.table.find(hash, eq) {
            return SymbolId(id);
        }
        let id = self.push_name(name);
        self.short.skip();
        let (spans, bytes, hasher) = (&self.spans, &self.bytes, &self.hasher);
        self.table.insert_unique(hash, id, |&id| {
            let (s, e) = spans[id as usize];
            hasher.hash_one(&bytes[s as usize..e as usize])
        });
        SymbolId(id)
    }

    /// The id of `name`, if it was interned.
    pub fn get(&self, name: &[u8]) -> Option<SymbolId> {
        if let Some(key) = pack_short(name) {
            return self.short.find(key).map(SymbolId);
        }
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
        self.bytes.capacity()
            + self.spans.capacity() * 8
            + self.table.capacity() * 5
            + self.short.heap_bytes()
    }
}

/// `SHORT_MASKS[len]` keeps the first `len` bytes of a little-endian `u128`: one table load
/// instead of a variable 128-bit shift.
static SHORT_MASKS: [u128; 16] = {
    let mut masks = [0; 16];
    let mut len = 1;
    while len < 16 {
        masks[len] = (1 << (8 * len)) - 1;
        len += 1;
    }
    masks
};

/// The packed key of `src[start..end]` if it is short (see [`pack_short`]). When 16 bytes
/// can be read from `start`, it takes one load and a mask, with no branch on the length
/// (names of mixed lengths would mispredict it).
#[inline(always)]
pub(crate) fn short_key(src: &[u8], start: usize, end: usize) -> Option<u128> {
    match short_window(src, start, end) {
        Some(bytes) => Some(bytes | ((end - start) as u128) << 120),
        None => pack_short(&src[start..end]),
    }
}

/// The bytes of `src[start..end]` as a little-endian `u128`, zero past `end`, when the name
/// is shorter than 16 bytes and 16 bytes can be read from `start`: one load and a mask.
#[inline(always)]
pub(crate) fn short_window(src: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end - start;
    let window = src.get(start..).and_then(<[u8]>::first_chunk::<16>)?;
    (len < 16).then(|| u128::from_le_bytes(*window) & SHORT_MASKS[len])
}

/// [`pack_short`] for constants.
pub(crate) const fn packed(name: &[u8]) -> u128 {
    assert!(name.len() < 16);
    let mut key = (name.len() as u128) << 120;
    let mut i = 0;
    while i < name.len() {
        key |= (name[i] as u128) << (8 * i);
        i += 1;
    }
    key
}

/// A name of at most 15 bytes as one `u128`: the bytes in order (little-endian), then the
/// length in the top byte, so that names differing only in trailing NULs stay distinct.
#[inline(always)]
pub(crate) fn pack_short(name: &[u8]) -> Option<u128> {
    let len = name.len();
    // Two overlapping fixed-size loads instead of a variable-length copy (which would be a
    // `memcpy` call per symbol): the second load's bytes past the first are shifted into place,
    // the overlap shifted out.
    let bytes: u128 = match len {
        8..=15 => {
            let head = u64::from_le_bytes(name[..8].try_into().ok()?);
            let tail = u64::from_le_bytes(name[len - 8..].try_into().ok()?);
            let tail = tail.checked_shr(8 * (16 - len as u32)).unwrap_or(0);
            u128::from(head) | u128::from(tail) << 64
        }
        4..=7 => {
            let head = u32::from_le_bytes(name[..4].try_into().ok()?);
            let tail = u32::from_le_bytes(name[len - 4..].try_into().ok()?);
            let tail = tail.checked_shr(8 * (8 - len as u32)).unwrap_or(0);
            u128::from(u64::from(head) | u64::from(tail) << 32)
        }
        0..=3 => name
            .iter()
            .rev()
            .fold(0, |acc, &b| acc << 8 | u128::from(b)),
        _ => return None,
    };
    Some(bytes | (len as u128) << 120)
}

/// The short table keeps at least this many slots per name. Generated code has about 1,400
/// names; in 4,096 slots (34% full, as the table was at two slots per name), one lookup in
/// ten missed its first slot, and each miss mispredicts the key compare. At four slots per
/// name, the parse of `g50k` was 2–3% faster (BOTTLENECKS, "Interning: a sparser table, keys
/// by id"). Eight gained another 1% but took the peak heap at 10k lines to 2.98× the source,
/// just under the asserted 3×.
const SLOTS_PER_NAME: usize = 4;

/// Open addressing with linear probing. A slot holds `id + 1` (0 marks an empty slot), and
/// `keys` is indexed by id, so a hit is one slot load and one key compare, with no third
/// load for the id. Long names have ids too; their entry in `keys` is [`NOT_SHORT`], which
/// no packed key equals. Slots are sparse (see [`SLOTS_PER_NAME`]) and keys are 16 bytes,
/// so keeping keys out of the slots keeps the table small.
#[derive(Clone, Default)]
struct ShortTable {
    slots: Vec<u32>,
    keys: Vec<u128>,
    /// How many of `keys` are short names: what the slots are sized by.
    short_names: usize,
}

/// Room for a quarter more elements (and at least 4: the incremental document keeps a table
/// per form, most with a handful of names), for arrays that grow by one name.
#[cold]
#[inline(never)]
fn grow_by_a_quarter<T>(v: &mut Vec<T>) {
    v.reserve_exact((v.len() / 4).max(4));
}

/// The `keys` entry of a long name. A packed key's top byte is its length, below 16.
const NOT_SHORT: u128 = u128::MAX;

impl ShortTable {
    #[inline]
    fn slot_of(&self, key: u128) -> usize {
        // Fold the two halves, then Fibonacci hashing: the multiply spreads all key bytes
        // into the top bits.
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        let shift = 64 - self.slots.len().trailing_zeros();
        (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
    }

    #[inline]
    fn find(&self, key: u128) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(key);
        loop {
            let entry = self.slots[i];
            if entry == 0 {
                return None;
            }
            let id = entry - 1;
            if self.keys[id as usize] == key {
                return Some(id);
            }
            i = (i + 1) & mask;
        }
    }

    /// Records the short name `key` as `id`, the next id.
    fn insert(&mut self, key: u128, id: u32) {
        debug_assert_eq!(id as usize, self.keys.len());
        if self.keys.len() == self.keys.capacity() {
            grow_by_a_quarter(&mut self.keys);
        }
        self.keys.push(key);
        self.short_names += 1;
        if self.short_names * SLOTS_PER_NAME > self.slots.len() {
            self.rebuild((self.slots.len() * 2).max(16));
        } else {
            self.place(key, id);
        }
    }

    /// Records that the next id is a long name.
    fn skip(&mut self) {
        if self.keys.len() == self.keys.capacity() {
            grow_by_a_quarter(&mut self.keys);
        }
        self.keys.push(NOT_SHORT);
    }

    fn place(&mut self, key: u128, id: u32) {
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(key);
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = id + 1;
    }

    fn rebuild(&mut self, size: usize) {
        // The slots are rebuilt from `keys`, so the old ones go before the new ones are
        // allocated: the two never count together in the peak heap.
        self.slots = Vec::new();
        self.slots = vec![0; size];
        for id in 0..self.keys.len() {
            let key = self.keys[id];
            if key != NOT_SHORT {
                self.place(key, id as u32);
            }
        }
    }

    /// Empties the table, keeping its slots (all free) and key storage.
    fn clear(&mut self) {
        self.slots.fill(0);
        self.keys.clear();
        self.short_names = 0;
    }

    /// Room for `names` entries without growing.
    fn reserve(&mut self, names: usize) {
        self.keys.reserve(names);
        self.rebuild((names * SLOTS_PER_NAME).next_power_of_two().max(16));
    }

    fn heap_bytes(&self) -> usize {
        self.slots.capacity() * 4 + self.keys.capacity() * 16
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_is_the_bytes_then_the_length() {
        for len in 0..=15 {
            let name: Vec<u8> = (1..=len as u8).map(|b| b.wrapping_mul(37)).collect();
            let mut want = [0u8; 16];
            want[..len].copy_from_slice(&name);
            want[15] = len as u8;
            assert_eq!(
                pack_short(&name),
                Some(u128::from_le_bytes(want)),
                "length {len}"
            );
        }
    }

    #[test]
    fn every_packing_agrees() {
        let src: Vec<u8> = (0..64u8).map(|b| b.wrapping_mul(53) | 1).collect();
        for start in 0..40 {
            for len in 1..=15 {
                let name = &src[start..start + len];
                let want = pack_short(name).unwrap();
                assert_eq!(short_key(&src, start, start + len), Some(want));
                assert_eq!(
                    short_key(&src[..start + len], start, start + len),
                    Some(want)
                );
                assert_eq!(packed(name), want);
            }
        }
        assert_eq!(short_key(&[7; 20], 0, 16), None);
    }

    #[test]
    fn packing_keeps_lengths_apart() {
        assert_eq!(pack_short(&[7; 16]), None);
        assert_ne!(pack_short(b"a"), pack_short(b"a\0"));
    }

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

    #[test]
    fn short_and_long_names_keep_their_ids_through_rebuilds() {
        // Long names take ids between short ones; the short table's keys are indexed by
        // id, so each long name must leave a gap that no short key matches.
        let names: Vec<Vec<u8>> = (0..3000)
            .map(|i| match i % 3 {
                0 => format!("n{i}").into_bytes(),
                1 => format!("a_rather_long_name_{i}").into_bytes(),
                _ => format!("{i:015}").into_bytes(),
            })
            .collect();
        let mut t = Interner::with_capacity(4);
        let ids: Vec<SymbolId> = names.iter().map(|n| t.intern(n)).collect();
        for (i, (name, &id)) in names.iter().zip(&ids).enumerate() {
            assert_eq!(id.index(), i);
            assert_eq!(t.resolve(id), &name[..]);
            assert_eq!(t.intern(name), id);
            assert_eq!(t.get(name), Some(id));
        }
        assert_eq!(t.get(b"n1"), None);
    }
}
