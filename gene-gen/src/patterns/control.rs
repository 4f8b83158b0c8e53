//! Top-level control flow: if/elif/else, while, for, try/catch, case/when.

use super::Gen;

pub(crate) fn form(g: &mut Gen<'_>) {
    let blocks = g.lv.block_depth.saturating_sub(1);
    match g.rng.below(100) {
        0..=34 => g.if_block(0, blocks),
        35..=52 => g.for_block(0, blocks),
        53..=64 => g.while_block(0, blocks),
        65..=84 => g.try_block(0, blocks),
        _ => g.case_block(0, blocks),
    }
}
