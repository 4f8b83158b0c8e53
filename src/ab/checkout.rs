//! Where a build's sources come from: a directory holding a checkout, or a git revision checked
//! out detached into a temporary worktree that is removed afterwards.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::AbError;

/// A checkout ready to build. A revision's worktree is removed when this is dropped.
#[derive(Debug)]
pub struct Checkout {
    /// The checkout's root.
    pub dir: PathBuf,
    /// What was asked for, for reports: the directory or `REV (commit)`.
    pub description: String,
    /// The commit, when the checkout is a git revision or a directory inside a git repository.
    pub commit: Option<String>,
    // Held for its `Drop`, which removes the worktree.
    _worktree: Option<Worktree>,
}

#[derive(Debug)]
struct Worktree {
    repo: PathBuf,
    // Held so the parent directory lives as long as the worktree.
    _temp: tempfile::TempDir,
    dir: PathBuf,
}

impl Drop for Worktree {
    fn drop(&mut self) {
        // Best effort: a failure leaves a stale entry that `git worktree prune` clears.
        let _ = Command::new("git")
            .arg("-C")
            .arg(&self.repo)
            .args(["worktree", "remove", "--force"])
            .arg(&self.dir)
            .output();
    }
}

impl Checkout {
    /// A directory holding a checkout, used as it is (uncommitted changes included).
    pub fn directory(dir: &Path) -> Result<Checkout, AbError> {
        if !dir.is_dir() {
            return Err(AbError::Usage(format!(
                "{} is not a directory",
                dir.display()
            )));
        }
        Ok(Checkout {
            dir: dir.to_path_buf(),
            description: dir.display().to_string(),
            commit: git(dir, &["rev-parse", "--verify", "HEAD"]).ok(),
            _worktree: None,
        })
    }

    /// The revision `rev` of the repository at `repo`, checked out detached (by commit, so a
    /// branch checked out elsewhere is no obstacle) into a temporary worktree.
    pub fn revision(repo: &Path, rev: &str) -> Result<Checkout, AbError> {
        if rev.starts_with('-') {
            return Err(AbError::Usage(format!("`{rev}` is not a revision")));
        }
        let commit = git(
            repo,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{commit}}"),
            ],
        )
        .map_err(|_| AbError::Usage(format!("`{rev}` is not a revision of {}", repo.display())))?;
        let temp = tempfile::Builder::new()
            .prefix("gene-ab-")
            .tempdir()
            .map_err(|e| AbError::Io(format!("cannot create a temporary directory: {e}")))?;
        let dir = temp.path().join("checkout");
        git(
            repo,
            &[
                "worktree",
                "add",
                "--detach",
                "--quiet",
                &dir.to_string_lossy(),
                &commit,
            ],
        )
        .map_err(|e| AbError::Io(format!("cannot check out {rev}: {e}")))?;
        Ok(Checkout {
            description: format!("{rev} ({})", &commit[..commit.len().min(12)]),
            commit: Some(commit),
            _worktree: Some(Worktree {
                repo: repo.to_path_buf(),
                _temp: temp,
                dir: dir.clone(),
            }),
            dir,
        })
    }
}

/// Runs git in `repo` and returns its trimmed stdout, or its first stderr line as the error.
fn git(repo: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(stderr.lines().next().unwrap_or("git failed").to_string())
    }
}
