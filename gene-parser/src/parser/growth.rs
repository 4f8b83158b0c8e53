//! How the document's arrays grow past their first reservation.
//!
//! The first reservation is sized for code (one node per 7 bytes); dense input (runs of `()`,
//! `1 `, `;`) needs several times more. Doubling would leave up to half of the largest array
//! reserved and unused at the end, so an array that fills grows instead by what the rest of the
//! input will need if it is as dense as what was read so far, plus a sixteenth, within a
//! sixteenth and a quarter of its length, and never past what the whole input can make. The
//! number of regrowths stays logarithmic (each adds at least a sixteenth), and a uniformly dense
//! input ends with at most about a sixteenth unused.

/// Most node slots one byte of source makes: a `;` in a gene one (the chained gene, see
/// `Node::CHAINED`), a key path segment `^k` two for its two bytes (a map and its entries
/// record), `()` one for two bytes, `1 ` one for two. `tests/memory.rs` checks it on the densest
/// shapes; node ids therefore stay below 2^31, as entry words and `NIL_TYPE` need.
pub(super) const MAX_SLOTS_PER_BYTE: usize = 1;

/// Most top-level forms one byte of source can make: a form is at least one byte long.
pub(super) const MAX_FORMS_PER_BYTE: usize = 1;

/// The smallest step: small arrays (the incremental document parses each form alone) grow in
/// steps of this many elements until a sixteenth of them is more.
const MIN_STEP: usize = 16;

/// Room for more elements in a full `v` that holds what the first `read` of `total` source bytes
/// made, at most `per_byte` elements a byte.
#[cold]
#[inline(never)]
pub(super) fn grow<T>(v: &mut Vec<T>, read: usize, total: usize, per_byte: usize) {
    v.reserve_exact(step(v.len(), read, total, per_byte));
    // The grown array may have moved to fresh memory.
    crate::hugepage::advise(v);
}

/// The number of elements [`grow`] adds to an array of `len` (see the module documentation).
pub(super) fn step(len: usize, read: usize, total: usize, per_byte: usize) -> usize {
    let left = total.saturating_sub(read) as u64;
    // What the rest of the input makes at the density seen so far, and a sixteenth more.
    let projected = (len as u64 * left / read.max(1) as u64) as usize;
    let wanted = projected + len / 16;
    let step = wanted.clamp(len / 16, len / 4) + MIN_STEP;
    // Nothing can need more than the whole input makes; the clamp keeps a step of at least
    // `MIN_STEP` in case an estimate of `per_byte` were ever short.
    let most = total.saturating_mul(per_byte).saturating_add(MIN_STEP);
    step.min(most.saturating_sub(len)).max(MIN_STEP)
}

#[cfg(test)]
mod tests {
    use super::step;

    #[test]
    fn uniform_input_ends_with_little_unused() {
        // One element per byte over 1 MB, growing from a reservation for code.
        let total = 1 << 20;
        let mut cap = total / 7 + 16;
        let mut regrowths = 0;
        for len in 0..total {
            if len == cap {
                cap += step(len, len, total, 1);
                regrowths += 1;
            }
        }
        assert!(
            cap >= total && cap <= total + total / 16 + 16,
            "capacity {cap}"
        );
        assert!(regrowths <= 12, "{regrowths} regrowths");
    }

    #[test]
    fn growth_is_geometric_and_capped() {
        // Nothing read yet that predicts the rest: at least a sixteenth.
        assert_eq!(step(16_000, 1_000_000, 1_000_000, 1), 1_016);
        // A dense rest: at most a quarter.
        assert_eq!(step(16_000, 1_000, 1_000_000, 1), 4_016);
        // Never past what the input can make.
        assert_eq!(step(990_000, 1_000, 1_000_000, 1), 10_016);
        // At the cap already: still room for a few more, never a panic.
        assert_eq!(step(3_000_000, 1_000, 1_000_000, 1), 16);
    }
}
