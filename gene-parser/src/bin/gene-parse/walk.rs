//! Expanding the command line's inputs: a file (or `-`) stands for itself, a directory for the
//! `*.gene` files under it, recursively, in sorted order.
//!
//! The walk is lazy (one directory's entries at a time), so a huge tree is never listed whole;
//! entries are sorted by name within each directory, which makes the order the one of sorting
//! all paths component by component, the same on every run and at every `-j`. Symbolic links
//! are followed; a link back to an ancestor (a loop) and an unreadable directory are reported
//! as one-line errors in their place and the walk goes on.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// One input after expansion.
pub enum Entry {
    /// A file to read (or `-`).
    File(PathBuf),
    /// A part of a tree that could not be walked: `gene-parse: PATH: MESSAGE`.
    Unwalkable { path: String, message: String },
}

/// Whether `path` names a directory (following links); `-` never does.
pub fn is_dir(path: &Path) -> bool {
    path.as_os_str() != OsStr::new("-") && path.is_dir()
}

/// The inputs `args` stand for, in order: each file as given, each directory expanded.
pub fn expand(args: &[PathBuf]) -> impl Iterator<Item = Entry> + '_ {
    args.iter()
        .flat_map(|arg| -> Box<dyn Iterator<Item = Entry>> {
            if is_dir(arg) {
                Box::new(gene_files_under(arg))
            } else {
                Box::new(std::iter::once(Entry::File(arg.clone())))
            }
        })
}

fn is_gene_file(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "gene")
}

/// The `*.gene` files under `root`, sorted, with the walk's errors in their place.
fn gene_files_under(root: &Path) -> impl Iterator<Item = Entry> + use<> {
    let root = root.to_path_buf();
    WalkDir::new(&root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_map(move |entry| match entry {
            Ok(e) => (e.file_type().is_file() && is_gene_file(e.path()))
                .then(|| Entry::File(e.into_path())),
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                // A dangling link that would not be read anyway (not `*.gene`) is no error.
                let dangling = e.io_error().is_some()
                    && path.symlink_metadata().is_ok_and(|m| m.is_symlink())
                    && !path.exists();
                if dangling && !is_gene_file(&path) {
                    return None;
                }
                let message = match (e.loop_ancestor(), e.io_error()) {
                    (Some(ancestor), _) => format!(
                        "symbolic link loop: points to its ancestor {} (skipped)",
                        ancestor.display()
                    ),
                    (None, Some(io)) => io.to_string(),
                    (None, None) => e.to_string(),
                };
                Some(Entry::Unwalkable {
                    path: path.display().to_string(),
                    message,
                })
            }
        })
}
