//! When, where, on which commit and with which compiler a report was measured.

use std::process::Command;

use serde::{Deserialize, Serialize};

/// The environment variable that overrides the commit (for builds outside a git checkout, such
/// as a CI artefact or a source tarball).
pub const COMMIT_ENV: &str = "GENE_REPORT_COMMIT";

/// Provenance of a report, stamped on `report.json`, `report.md` and `report.svg`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stamp {
    /// UTC time the measurement started, `YYYY-MM-DDTHH:MM:SSZ`.
    pub date: String,
    /// Short commit hash (`git rev-parse --short HEAD`, `-dirty` appended when the work tree
    /// has uncommitted changes), the value of [`COMMIT_ENV`] when set, or `unknown`.
    pub commit: String,
    /// The compiler that built the binary (`rustc --version` of the build, captured by
    /// `build.rs`).
    pub rustc: String,
}

impl Stamp {
    /// Stamps a report started now, in the current directory's checkout.
    pub fn now() -> Stamp {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Stamp {
            date: utc_date(secs),
            commit: commit(),
            rustc: env!("GENE_BENCH_RUSTC").to_string(),
        }
    }
}

/// The commit: [`COMMIT_ENV`] if set and not empty, else git's short hash, else `unknown`.
fn commit() -> String {
    if let Ok(c) = std::env::var(COMMIT_ENV)
        && !c.trim().is_empty()
    {
        return c.trim().to_string();
    }
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git").args(args).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    match git(&["rev-parse", "--short", "HEAD"]) {
        Some(hash) if !hash.is_empty() => {
            // Figures from uncommitted code must not pass for the commit's.
            let dirty = git(&["status", "--porcelain", "--untracked-files=no"])
                .is_some_and(|s| !s.is_empty());
            if dirty { format!("{hash}-dirty") } else { hash }
        }
        _ => "unknown".to_string(),
    }
}

/// Formats seconds since the Unix epoch as an ISO 8601 UTC time, `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_date(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's days-to-civil conversion (proleptic Gregorian calendar).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3_600,
        rem / 60 % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        assert_eq!(utc_date(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_date(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc_date(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(utc_date(4_102_444_799), "2099-12-31T23:59:59Z");
    }
}
