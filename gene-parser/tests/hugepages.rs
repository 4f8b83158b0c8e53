//! A large document's arrays are backed by huge pages where the kernel offers them
//! (`src/hugepage.rs`): the process's `AnonHugePages` (from `/proc/self/smaps_rollup`) grows by
//! at least one 2 MiB page while a document of an 8 MB input is alive, and the document is the
//! same as ever. Skipped where transparent huge pages are off or unknown (not Linux, `never`).

#![cfg(target_os = "linux")]

/// `AnonHugePages` of this process in KiB, or `None` if the kernel does not say.
fn anon_huge_kib() -> Option<u64> {
    let rollup = std::fs::read_to_string("/proc/self/smaps_rollup").ok()?;
    let line = rollup.lines().find(|l| l.starts_with("AnonHugePages:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Whether the kernel maps huge pages for memory advised with `MADV_HUGEPAGE`.
fn huge_pages_offered() -> bool {
    std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled")
        .is_ok_and(|mode| mode.contains("[always]") || mode.contains("[madvise]"))
}

#[test]
fn a_large_document_is_mapped_in_huge_pages() {
    if !huge_pages_offered() || anon_huge_kib().is_none() {
        eprintln!("transparent huge pages are not offered here: nothing to check");
        return;
    }
    let src = b"(a b c d e f g)\n".repeat(1 << 19);
    let before = anon_huge_kib().unwrap();
    let doc = gene_parser::parse(&src).unwrap();
    let during = anon_huge_kib().unwrap();
    assert_eq!(doc.roots().len(), 1 << 19);
    assert_eq!(doc.dump().lines().next(), Some("(a b c d e f g)"));
    assert!(
        during >= before + 2048,
        "AnonHugePages {before} KiB before the parse, {during} KiB with a {} MB document alive",
        doc.heap_bytes() >> 20
    );
}
