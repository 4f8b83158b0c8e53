//! Huge pages for the document's large arrays, where the operating system offers them.
//!
//! A parse writes its node array once, front to back, into memory it has just allocated. For a
//! large input (a 26 MB file makes a 60 MB node array) that memory comes fresh from the kernel,
//! which maps it one 4 KiB page at a time, on first touch: about 13,000 page faults per parse
//! at 1M lines, a fifth of the parse's time. On Linux with transparent huge pages in `madvise`
//! mode (`/sys/kernel/mm/transparent_hugepage/enabled`), asking for huge pages on the array's
//! range lets the kernel map it 2 MiB at a time instead: 512 times fewer faults, and fewer TLB
//! misses while the parser writes and the caller walks the tree.
//!
//! The request is only a hint ([`advise`] never fails and changes no byte): where huge pages
//! are off, unavailable or the platform is not Linux, the array is mapped as before. Only whole
//! 2 MiB blocks inside the allocation are advised, so memory outside the array is never
//! touched, and arrays smaller than [`MIN_ADVISED_BYTES`] are left alone (an advice costs one
//! system call; small arrays come from the allocator's heap and are reused across parses
//! anyway).

/// Arrays below this many bytes are not advised: they hold at most one aligned huge page, and
/// the allocator serves them from memory it already has mapped.
pub(crate) const MIN_ADVISED_BYTES: usize = 4 << 20;

/// The size of a huge page on the platforms where [`advise`] does anything (x86-64 and
/// AArch64 with 4 KiB base pages).
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const HUGE_PAGE: usize = 2 << 20;

/// Asks the kernel to back the allocated capacity of `v` with huge pages, if it is at least
/// `MIN_ADVISED_BYTES` (4 MiB) long. A hint only: it never fails, changes no element, and
/// does nothing off Linux. Public (hidden) for `gene-parse`, which reads large files into
/// memory advised the same way.
#[inline]
pub fn advise<T>(v: &Vec<T>) {
    let bytes = v.capacity().saturating_mul(size_of::<T>());
    if bytes >= MIN_ADVISED_BYTES {
        advise_range(v.as_ptr().addr(), bytes);
    }
}

/// The whole huge pages inside `[start, start + len)`: their first address and length, or
/// `None` if the range holds none.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn aligned_blocks(start: usize, len: usize) -> Option<(usize, usize)> {
    let first = start.checked_next_multiple_of(HUGE_PAGE)?;
    let end = start.checked_add(len)? / HUGE_PAGE * HUGE_PAGE;
    (end > first).then(|| (first, end - first))
}

#[cfg(target_os = "linux")]
#[cold]
#[inline(never)]
fn advise_range(start: usize, len: usize) {
    if let Some((first, len)) = aligned_blocks(start, len) {
        // SAFETY: `madvise` with `MADV_HUGEPAGE` changes no memory contents and no mapping's
        // protection; it only marks how the kernel may back the range. The range lies inside
        // an allocation this process owns (whole huge pages within the vector's capacity), so
        // no other object's mapping is affected. A failure (huge pages off: EINVAL) is a no-op.
        unsafe {
            libc::madvise(first as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
#[inline(always)]
fn advise_range(_start: usize, _len: usize) {}

#[cfg(test)]
mod tests {
    use super::{HUGE_PAGE, aligned_blocks};

    #[test]
    fn only_whole_huge_pages_inside_the_range_are_advised() {
        // An allocation that starts 16 bytes past a page, as the allocator's large blocks do.
        let start = 7 * HUGE_PAGE + 4096 + 16;
        let len = 10 * HUGE_PAGE;
        let (first, n) = aligned_blocks(start, len).unwrap();
        assert_eq!(first, 8 * HUGE_PAGE);
        assert_eq!(n, 9 * HUGE_PAGE);
        assert!(first >= start && first + n <= start + len);
        // Aligned at both ends: all of it.
        assert_eq!(
            aligned_blocks(HUGE_PAGE, 3 * HUGE_PAGE),
            Some((HUGE_PAGE, 3 * HUGE_PAGE))
        );
        // Less than one whole huge page inside: nothing.
        assert_eq!(aligned_blocks(HUGE_PAGE + 1, HUGE_PAGE + 100), None);
        assert_eq!(aligned_blocks(usize::MAX - 10, 5), None);
    }

    #[test]
    fn advising_changes_no_contents() {
        let mut v: Vec<u64> = Vec::with_capacity(super::MIN_ADVISED_BYTES / 8 * 3);
        v.extend(0..1000);
        super::advise(&v);
        v.extend(1000..(super::MIN_ADVISED_BYTES as u64 / 8 * 3));
        assert!(v.iter().enumerate().all(|(i, &x)| x == i as u64));
    }
}
