//! Which implementations to measure: `name=command` specs.
//!
//! A command is split into words at whitespace (no shell: wrap anything fancier in a script).
//! The word `{file}` is replaced by the input's path; without one, the path is appended. For a
//! timed run, `--repeat N` goes right before the path (protocol version 1).

use std::path::Path;
use std::process::Command;

/// The environment variable that lists implementations: `name=command`, `;`-separated.
pub const ENV_VAR: &str = "GENE_EXTERNAL";

/// The name of the baseline column; no external implementation may take it.
pub const BASELINE: &str = "gene-parser";

/// The placeholder replaced by the input's path.
pub const FILE_PLACEHOLDER: &str = "{file}";

/// One implementation to measure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Implementation {
    /// Its label in every table (letters, digits, `-`, `_`, `.`).
    pub name: String,
    /// The command's words, `{file}` among them or not.
    pub words: Vec<String>,
}

impl Implementation {
    /// Parses `name=command`.
    pub fn parse(spec: &str) -> Result<Implementation, String> {
        let Some((name, command)) = spec.split_once('=') else {
            return Err(format!(
                "`{spec}` is not name=command (e.g. ref=/path/to/driver {{file}})"
            ));
        };
        let name = name.trim();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        {
            return Err(format!(
                "`{name}`: a name is made of letters, digits, `-`, `_` and `.`"
            ));
        }
        if name == BASELINE {
            return Err(format!(
                "`{BASELINE}` is the baseline's name; choose another"
            ));
        }
        let words: Vec<String> = command.split_whitespace().map(String::from).collect();
        if words.is_empty() {
            return Err(format!("`{name}`: the command is empty"));
        }
        if words[0] == FILE_PLACEHOLDER {
            return Err(format!("`{name}`: the command cannot start with {{file}}"));
        }
        if words.iter().filter(|w| *w == FILE_PLACEHOLDER).count() > 1 {
            return Err(format!("`{name}`: {{file}} appears more than once"));
        }
        Ok(Implementation {
            name: name.to_string(),
            words,
        })
    }

    /// The command for `file`: the protocol's check run, or with `repeat` a timed run.
    pub fn command(&self, file: &Path, repeat: Option<u64>) -> Command {
        let mut command = Command::new(&self.words[0]);
        let mut placed = false;
        for word in &self.words[1..] {
            if word == FILE_PLACEHOLDER {
                push_file(&mut command, file, repeat);
                placed = true;
            } else {
                command.arg(word);
            }
        }
        if !placed {
            push_file(&mut command, file, repeat);
        }
        command
    }

    /// The command as the user wrote it, for reports.
    pub fn display(&self) -> String {
        self.words.join(" ")
    }
}

fn push_file(command: &mut Command, file: &Path, repeat: Option<u64>) {
    if let Some(n) = repeat {
        command.arg("--repeat").arg(n.to_string());
    }
    command.arg(file);
}

/// Parses a `;`-separated list (empty entries skipped) and refuses a name given twice.
pub fn parse_list<'a>(
    specs: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<Implementation>, String> {
    let mut all: Vec<Implementation> = Vec::new();
    for list in specs {
        for spec in list.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let implementation = Implementation::parse(spec)?;
            if all.iter().any(|i| i.name == implementation.name) {
                return Err(format!("`{}` is named twice", implementation.name));
            }
            all.push(implementation);
        }
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(c: &Command) -> Vec<String> {
        std::iter::once(c.get_program())
            .chain(c.get_args())
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn the_file_goes_where_the_placeholder_is_or_last() {
        let i = Implementation::parse("ref=/bin/drv {file} --quiet").unwrap();
        assert_eq!(
            args(&i.command(Path::new("a.gene"), None)),
            ["/bin/drv", "a.gene", "--quiet"]
        );
        assert_eq!(
            args(&i.command(Path::new("a.gene"), Some(7))),
            ["/bin/drv", "--repeat", "7", "a.gene", "--quiet"]
        );
        let i = Implementation::parse(" x = drv  dump ").unwrap();
        assert_eq!(i.name, "x");
        assert_eq!(args(&i.command(Path::new("f"), None)), ["drv", "dump", "f"]);
    }

    #[test]
    fn bad_specs_are_refused() {
        for bad in [
            "",
            "ref",
            "=drv",
            "r f=drv",
            "ref=",
            "ref=  ",
            "gene-parser=drv",
            "ref={file}",
            "ref=drv {file} {file}",
        ] {
            assert!(Implementation::parse(bad).is_err(), "{bad:?}");
        }
        assert!(parse_list(["a=x; a=y"]).is_err());
        assert_eq!(parse_list(["a=x;;b=y z;", "c=w"]).unwrap().len(), 3);
    }
}
