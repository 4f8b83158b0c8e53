//! Names and words. The static lists are the raw material; [`Vocab::new`] composes a seeded set
//! of identifiers from them so that different seeds use different names (the real corpus has
//! 2,548 unique identifiers, mostly lower-case words and snake_case compounds).

use crate::rng::Rng;

/// Very short names used as loop variables and scratch values (the corpus has many 1-3 letter
/// identifiers: 35% of occurrences).
pub(crate) const SHORT: &[&str] = &[
    "i", "x", "n", "a", "b", "k", "v", "s", "e", "j", "y", "id", "ok", "db", "fs", "io", "it",
    "acc", "sum", "idx", "key", "val", "res", "err", "msg", "buf", "len", "pos", "row", "col",
    "arr", "obj", "ctx", "cfg", "req", "out", "tmp", "str", "num", "ch", "lo", "hi", "dx", "dy",
];

/// Nouns: variables, fields, parts of compound names.
pub(crate) const NOUNS: &[&str] = &[
    "user",
    "item",
    "order",
    "count",
    "total",
    "name",
    "value",
    "result",
    "config",
    "path",
    "file",
    "line",
    "token",
    "node",
    "list",
    "queue",
    "cache",
    "buffer",
    "message",
    "request",
    "response",
    "handler",
    "session",
    "account",
    "balance",
    "price",
    "amount",
    "record",
    "entry",
    "index",
    "offset",
    "limit",
    "status",
    "state",
    "event",
    "timer",
    "stream",
    "client",
    "server",
    "worker",
    "task",
    "job",
    "batch",
    "chunk",
    "frame",
    "packet",
    "header",
    "payload",
    "query",
    "filter",
    "rule",
    "policy",
    "schema",
    "field",
    "column",
    "table",
    "report",
    "summary",
    "score",
    "weight",
    "matrix",
    "vector",
    "point",
    "shape",
    "color",
    "width",
    "height",
    "depth",
    "size",
    "length",
    "level",
    "mode",
    "flag",
    "option",
    "env",
    "project",
    "module",
    "package",
    "version",
    "target",
    "source",
    "output",
    "input",
    "text",
    "content",
    "body",
    "title",
    "label",
    "prefix",
    "suffix",
    "pattern",
    "format",
    "style",
    "theme",
    "layout",
    "widget",
    "button",
    "window",
    "screen",
    "page",
    "route",
    "url",
    "host",
    "port",
    "address",
    "email",
    "customer",
    "product",
    "invoice",
    "payment",
    "cart",
    "stock",
    "shipment",
    "metric",
    "sample",
    "signal",
    "channel",
    "topic",
    "registry",
    "factory",
    "builder",
    "parser",
    "reader",
    "writer",
    "logger",
    "monitor",
    "agent",
    "tool",
    "prompt",
    "model",
    "document",
    "workspace",
    "snapshot",
    "commit",
    "branch",
    "diff",
    "patch",
    "delta",
    "graph",
    "edge",
    "tree",
    "leaf",
    "child",
    "parent",
    "root",
    "stack",
    "slot",
    "bucket",
    "tag",
    "group",
    "member",
    "role",
    "error",
    "type",
    "data",
    "items",
    "users",
    "args",
    "params",
    "lines",
    "words",
    "parts",
    "keys",
    "values",
    "names",
    "files",
    "rows",
    "nodes",
    "tasks",
    "events",
    "results",
    "errors",
    "fields",
    "counter",
    "step",
    "range",
    "date",
    "time",
    "deadline",
    "interval",
    "retries",
    "attempt",
    "threshold",
    "ratio",
    "rate",
    "factor",
    "seed",
    "hash",
    "digest",
    "secret",
    "owner",
    "author",
    "reply",
    "choice",
    "answer",
    "question",
];

/// Verbs: function and method names.
pub(crate) const VERBS: &[&str] = &[
    "get",
    "set",
    "add",
    "remove",
    "update",
    "create",
    "delete",
    "load",
    "save",
    "parse",
    "format",
    "render",
    "build",
    "compute",
    "calculate",
    "validate",
    "check",
    "find",
    "fetch",
    "send",
    "receive",
    "process",
    "handle",
    "apply",
    "merge",
    "split",
    "join",
    "sort",
    "filter",
    "collect",
    "count",
    "log",
    "emit",
    "notify",
    "register",
    "resolve",
    "connect",
    "close",
    "open",
    "read",
    "write",
    "flush",
    "reset",
    "start",
    "stop",
    "run",
    "init",
    "normalize",
    "convert",
    "encode",
    "decode",
    "scan",
    "match",
    "replace",
    "trim",
    "append",
    "insert",
    "extract",
    "summarize",
    "schedule",
    "retry",
    "dispatch",
    "measure",
    "track",
    "refresh",
    "sync",
    "select",
    "compare",
    "clone",
    "make",
    "show",
    "list",
    "test",
    "use",
    "walk",
    "visit",
    "push",
    "pop",
    "wrap",
    "fill",
];

/// Modifiers for compound names (`max_size`, `next_token`).
pub(crate) const ADJS: &[&str] = &[
    "max", "min", "new", "old", "last", "first", "next", "prev", "current", "default", "total",
    "raw", "local", "remote", "active", "pending", "valid", "empty", "full", "temp", "base",
    "final", "initial", "inner", "outer", "top", "left", "right", "short", "long", "fast", "slow",
];

/// Method names for `(obj .method args)`, most frequent first (order follows the corpus).
pub(crate) const METHODS: &[&str] = &[
    ".get",
    ".append",
    ".to_s",
    ".info",
    ".include?",
    ".set",
    ".contains",
    ".debug",
    ".trim",
    ".error",
    ".each",
    ".starts_with",
    ".join",
    ".length",
    ".index",
    ".size",
    ".warn",
    ".is",
    ".substr",
    ".map",
    ".filter",
    ".keys",
    ".values",
    ".push",
    ".split",
    ".replace",
    ".to_i",
    ".upcase",
    ".downcase",
    ".empty?",
    ".first",
    ".last",
    ".sort",
    ".find",
    ".send",
    ".close",
    ".read",
    ".write",
    ".ends_with",
    ".to_json",
    ".reduce",
    ".remove",
    ".clear",
    ".merge",
];

/// Namespaces for complex-symbol calls (`gene/json/parse`, `fs/read_text`).
pub(crate) const NAMESPACES: &[&str] = &[
    "gene/json",
    "fs",
    "os",
    "http",
    "math",
    "str",
    "time",
    "gene",
    "system",
    "io",
    "log",
    "net",
    "crypto",
    "path",
    "env",
    "db",
    "gene/test",
    "json",
    "regex",
    "async",
    "gene/serdes",
    "gene/io",
    "gene/time",
    "gene/json",
    "genex/http",
    "genex/llm",
];

/// Functions inside those namespaces.
pub(crate) const NS_FUNCS: &[&str] = &[
    "parse",
    "read",
    "write",
    "get",
    "shell",
    "now",
    "sqrt",
    "join",
    "exists",
    "stringify",
    "read_text",
    "write_text",
    "abs",
    "floor",
    "max",
    "min",
    "env",
    "sleep",
    "hash",
    "open",
    "write_tree",
    "read_lines",
    "parse_json",
    "format_time",
    "list_files",
];

/// Property and map keys (most frequent first, from the corpus).
pub(crate) const KEYS: &[&str] = &[
    "type",
    "error",
    "description",
    "ok",
    "content",
    "text",
    "path",
    "name",
    "x",
    "role",
    "fields",
    "properties",
    "required",
    "y",
    "status",
    "id",
    "value",
    "message",
    "code",
    "url",
    "method",
    "headers",
    "body",
    "timeout",
    "retries",
    "limit",
    "size",
    "count",
    "enabled",
    "tags",
    "items",
    "mode",
    "level",
    "title",
    "version",
    "host",
    "port",
    "user",
    "data",
    "result",
    "kind",
];

/// Extra words for comment prose.
pub(crate) const PROSE: &[&str] = &[
    "the", "a", "to", "for", "of", "and", "if", "when", "is", "with", "from", "this", "each",
    "all", "in", "on", "not", "it", "we", "so", "that", "before", "after", "only", "then",
];

/// Seeded identifiers for one generated file.
pub(crate) struct Vocab {
    /// Variable names: single nouns, short names and snake_case compounds.
    pub vars: Vec<String>,
    /// Function names: verbs and verb_noun compounds.
    pub funcs: Vec<String>,
    /// PascalCase class names.
    pub classes: Vec<String>,
    /// UPPER_CASE constants.
    pub consts: Vec<String>,
}

impl Vocab {
    /// Builds the identifier lists from `rng`; the lists are shuffled so that which names are
    /// the frequent ones (low indices, see [`Rng::skewed`]) differs between seeds.
    pub(crate) fn new(rng: &mut Rng) -> Vocab {
        let mut vars = Vec::with_capacity(900);
        for &n in NOUNS {
            vars.push(n.to_string());
        }
        for &s in SHORT {
            vars.push(s.to_string());
        }
        for _ in 0..300 {
            let name = match rng.below(3) {
                0 => format!("{}_{}", rng.pick(ADJS), rng.pick(NOUNS)),
                1 => format!("{}_{}", rng.pick(NOUNS), rng.pick(NOUNS)),
                _ => format!(
                    "{}_{}",
                    rng.pick(NOUNS),
                    rng.pick(&["count", "id", "list", "map", "name", "ok", "at", "str"])
                ),
            };
            vars.push(name);
        }
        let mut funcs = Vec::with_capacity(500);
        for &v in VERBS {
            funcs.push(v.to_string());
        }
        for _ in 0..400 {
            let name = match rng.below(4) {
                0 => format!("{}_{}_{}", rng.pick(VERBS), rng.pick(ADJS), rng.pick(NOUNS)),
                _ => format!("{}_{}", rng.pick(VERBS), rng.pick(NOUNS)),
            };
            funcs.push(name);
        }
        let mut classes = Vec::with_capacity(120);
        for _ in 0..120 {
            let a = capitalize(rng.pick_str(NOUNS));
            let name = if rng.chance(50) {
                a
            } else {
                let b = capitalize(rng.pick_str(NOUNS));
                format!("{a}{b}")
            };
            classes.push(name);
        }
        let mut consts = Vec::with_capacity(60);
        for _ in 0..60 {
            consts.push(format!("{}_{}", rng.pick(ADJS), rng.pick(NOUNS)).to_uppercase());
        }
        for list in [&mut vars, &mut funcs, &mut classes, &mut consts] {
            list.sort_unstable();
            list.dedup();
            shuffle(rng, list);
        }
        Vocab {
            vars,
            funcs,
            classes,
            consts,
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    if let Some(c) = chars.next() {
        out.push(c.to_ascii_uppercase());
    }
    out.push_str(chars.as_str());
    out
}

/// Fisher-Yates with our own [`Rng`], so the permutation is fixed for a given stream.
fn shuffle<T>(rng: &mut Rng, xs: &mut [T]) {
    for i in (1..xs.len()).rev() {
        let j = rng.below(i + 1);
        xs.swap(i, j);
    }
}
