//! The raw counts behind the whole-distribution metrics of `corpus_profile.json` (histograms,
//! shares and top-name lists), filled by the scanner of the `profile` module and compared with
//! the real corpus by the `distributions` module.

use std::collections::BTreeMap;

/// Token kinds of `tokens.share_by_kind_rollup`, in this order (comments included in the total).
pub const TOKEN_KINDS: [&str; 17] = [
    "open_paren",
    "close_paren",
    "open_bracket",
    "close_bracket",
    "open_brace",
    "close_brace",
    "symbol",
    "complex_symbol",
    "prop_key",
    "int",
    "float",
    "string",
    "istring",
    "char",
    "regex",
    "comment",
    "other",
];

/// Index of a kind in [`TOKEN_KINDS`].
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    OpenParen = 0,
    CloseParen,
    OpenBracket,
    CloseBracket,
    OpenBrace,
    CloseBrace,
    Symbol,
    Complex,
    PropKey,
    Int,
    Float,
    Str,
    IStr,
    Char,
    Regex,
    Comment,
    Other,
}

/// Identifier styles of `identifiers.style_share_by_*`, in this order.
pub const STYLES: [&str; 8] = [
    "lower_single_word",
    "snake_case",
    "kebab-case",
    "camelCase",
    "PascalCase",
    "UPPER_CASE",
    "single_upper_letter",
    "other",
];

/// Symbol classes of `identifiers.symbol_class_share_of_plain_symbols`, in this order.
pub const SYMBOL_CLASSES: [&str; 4] = ["identifier", "operator", "constant", "method"];

/// Gene call shapes of `forms.gene_call_shape_share`, in this order.
pub const CALL_SHAPES: [&str; 5] = [
    "prefix_call",
    "infix_operator",
    "method_call",
    "other_head",
    "empty",
];

/// Head kinds of `forms.gene_head_kind_share`, grouped: the four that matter, the rest as other.
pub const HEAD_KINDS: [&str; 4] = ["symbol", "complex_symbol", "open_paren", "other"];

/// Where `^key` tokens sit (`forms.prop_key_location_share`).
pub const PROP_LOCATIONS: [&str; 3] = ["in_gene", "in_map", "top_level_document"];

/// Counts of one source for the whole-distribution comparison. Histograms are indexed by value
/// (bucketing into the JSON's ranges happens in the `distributions` module); name lists count
/// occurrences by name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shape {
    /// Tokens by [`TOKEN_KINDS`] index.
    pub token_kinds: [usize; 17],
    /// Closer-only code lines by the number of closers on them.
    pub closers_per_closer_only_line: Vec<usize>,
    /// Other code lines by the run of closers that ends them.
    pub trailing_closer_run: Vec<usize>,
    /// Code lines that also hold a comment.
    pub trailing_comment_lines: usize,
    /// Line comments by marker: `# `, `#!`, `#` at end of line.
    pub comment_markers: [usize; 3],
    /// Sum of line comment lengths in characters (marker included).
    pub comment_chars: usize,
    /// Comment-only lines whose comment does not start at column 0.
    pub indented_comment_lines: usize,
    /// Code lines by indentation width (spaces).
    pub indent_width: Vec<usize>,
    /// Code lines whose indentation is exactly twice the depth of their first token.
    pub indent_is_2x_depth: usize,
    /// Blank lines before each top-level form but the first.
    pub blank_lines_between_forms: Vec<usize>,
    /// Top-level forms that start right below a comment-only line.
    pub forms_after_comment: usize,
    /// Lines per top-level form.
    pub lines_per_form: Vec<usize>,
    /// Genes by [`CALL_SHAPES`] index.
    pub call_shapes: [usize; 5],
    /// Genes by [`HEAD_KINDS`] index (empty genes left out).
    pub head_kinds: [usize; 4],
    /// Genes by positional elements after the head.
    pub positional_args: Vec<usize>,
    /// Sum of lines per gene.
    pub gene_lines: usize,
    /// Multi-line genes whose `)` is the first token of its line.
    pub multiline_closer_own_line: usize,
    /// Genes whose operator (`+ - * / % == != < > <= >= && ||`) is written first, second.
    pub arith_position: [usize; 2],
    /// Genes with at least one `^key`.
    pub genes_with_props: usize,
    /// `^key` tokens in genes that have any.
    pub props_in_genes: usize,
    /// `^key` tokens by [`PROP_LOCATIONS`] index.
    pub prop_locations: [usize; 3],
    /// Prefix-call heads by name.
    pub prefix_heads: BTreeMap<String, usize>,
    /// Infix operators by name.
    pub infix_operators: BTreeMap<String, usize>,
    /// Method-call names (with the dot).
    pub method_names: BTreeMap<String, usize>,
    /// Property key names (without `^`).
    pub prop_names: BTreeMap<String, usize>,
    /// Heads of top-level forms (`<atom:kind>` for atoms, `<document_property>` for `^key`).
    pub top_level_heads: BTreeMap<String, usize>,
    /// Operator symbols by name.
    pub operator_symbols: BTreeMap<String, usize>,
    /// Plain symbols that start a line inside a form.
    pub line_leading_bare_symbols: BTreeMap<String, usize>,
    /// Int literals by value (as written, sign included).
    pub int_values: BTreeMap<String, usize>,
    /// Arrays, their elements, the empty ones, the multi-line ones.
    pub arrays: [usize; 4],
    /// Maps, their entries, the empty ones, the multi-line ones.
    pub maps: [usize; 4],
    /// Plain symbols by [`SYMBOL_CLASSES`] index.
    pub symbol_classes: [usize; 4],
    /// Identifier occurrences by [`STYLES`] index.
    pub styles: [usize; 8],
    /// Distinct identifiers by [`STYLES`] index.
    pub unique_styles: [usize; 8],
    /// Identifier lengths (the same population as `identifier_length`).
    pub identifier_length: Vec<usize>,
    /// Complex symbols by segment count.
    pub complex_segments: Vec<usize>,
    /// Complex symbols with a `/.method` segment, a `$name/` root, a capitalized root, a leading
    /// `/`, a numeric segment.
    pub complex_features: [usize; 5],
    /// Sum of complex symbol lengths.
    pub complex_chars: usize,
    /// Plain strings by length in characters.
    pub plain_length: Vec<usize>,
    /// Plain strings with a `\` escape.
    pub plain_with_escape: usize,
    /// Interpolated strings: count, sum of lengths, sum of `#{}`/`#()` parts.
    pub interpolated: [usize; 3],
    /// Int literals by magnitude bucket: 0, 1, 2-9, 10-99, 100-999, 1e3-1e4, 1e4-1e6, >=1e6.
    pub int_magnitude: [usize; 8],
    /// Negative int literals.
    pub int_negative: usize,
    /// Float literals by magnitude bucket: 0, (0,1), [1,10), [10,100), [100,1e3), >=1e3.
    pub float_magnitude: [usize; 6],
    /// Sum of decimal digits of float literals.
    pub float_decimals: usize,
}

/// The operators of `forms.arith_compare_operator_position`.
pub(crate) fn is_arith_compare(op: &[u8]) -> bool {
    matches!(
        op,
        b"+" | b"-"
            | b"*"
            | b"/"
            | b"%"
            | b"=="
            | b"!="
            | b"<"
            | b">"
            | b"<="
            | b">="
            | b"&&"
            | b"||"
    )
}

/// Adds one at `v`, growing the histogram.
pub(crate) fn bump(hist: &mut Vec<usize>, v: usize) {
    if hist.len() <= v {
        hist.resize(v + 1, 0);
    }
    hist[v] += 1;
}

/// Adds one to `name` in a name count.
pub(crate) fn count(map: &mut BTreeMap<String, usize>, name: &[u8]) {
    let name = String::from_utf8_lossy(name);
    match map.get_mut(name.as_ref()) {
        Some(n) => *n += 1,
        None => {
            map.insert(name.into_owned(), 1);
        }
    }
}

/// The [`STYLES`] index of an identifier, after dropping leading `.$@:&_` and trailing `?!=`.
pub(crate) fn style(name: &[u8]) -> usize {
    let start = name
        .iter()
        .position(|b| !b".$@:&_".contains(b))
        .unwrap_or(name.len());
    let end = name
        .iter()
        .rposition(|b| !b"?!=".contains(b))
        .map_or(start, |e| e + 1)
        .max(start);
    let w = &name[start..end];
    let upper = w.iter().any(u8::is_ascii_uppercase);
    let lower = w.iter().any(u8::is_ascii_lowercase);
    let alnum_or = |extra: u8| w.iter().all(|&b| b.is_ascii_alphanumeric() || b == extra);
    if w.is_empty() || !w[0].is_ascii_alphabetic() {
        7
    } else if w.len() == 1 && upper {
        6
    } else if upper && !lower && alnum_or(b'_') {
        5
    } else if w[0].is_ascii_uppercase() && alnum_or(0) {
        4
    } else if upper && alnum_or(0) {
        3
    } else if !upper && alnum_or(0) {
        0
    } else if !upper && alnum_or(b'_') {
        1
    } else if !upper && alnum_or(b'-') {
        2
    } else {
        7
    }
}

/// The magnitude bucket of an int literal's text (sign and `_` ignored; hex counts as large).
pub(crate) fn int_bucket(text: &[u8]) -> usize {
    let digits: Vec<u8> = text
        .iter()
        .copied()
        .filter(|b| b.is_ascii_digit() || b.is_ascii_alphabetic())
        .collect();
    let value: Option<u64> = std::str::from_utf8(&digits)
        .ok()
        .and_then(|s| s.parse().ok());
    match value {
        Some(0) => 0,
        Some(1) => 1,
        Some(2..=9) => 2,
        Some(10..=99) => 3,
        Some(100..=999) => 4,
        Some(1_000..=9_999) => 5,
        Some(10_000..=999_999) => 6,
        _ => 7,
    }
}

/// The magnitude bucket of a float literal's text, and its count of decimal digits.
pub(crate) fn float_bucket(text: &[u8]) -> (usize, usize) {
    let s = String::from_utf8_lossy(text);
    let decimals = s
        .split_once('.')
        .map_or(0, |(_, f)| f.bytes().take_while(u8::is_ascii_digit).count());
    let v = s.parse::<f64>().map_or(f64::INFINITY, f64::abs);
    let bucket = if v == 0.0 {
        0
    } else if v < 1.0 {
        1
    } else if v < 10.0 {
        2
    } else if v < 100.0 {
        3
    } else if v < 1000.0 {
        4
    } else {
        5
    };
    (bucket, decimals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_follow_the_profile_rules() {
        let cases: [(&str, &str); 10] = [
            ("count", "lower_single_word"),
            ("user_id", "snake_case"),
            ("fn-interceptor", "kebab-case"),
            ("fooBar", "camelCase"),
            ("HttpClient", "PascalCase"),
            ("MAX_SIZE", "UPPER_CASE"),
            ("X", "single_upper_letter"),
            (".include?", "lower_single_word"),
            ("$ns", "lower_single_word"),
            ("a_B-c", "other"),
        ];
        for (name, want) in cases {
            assert_eq!(STYLES[style(name.as_bytes())], want, "{name}");
        }
    }

    #[test]
    fn magnitudes_bucket_as_the_profile_does() {
        assert_eq!(int_bucket(b"0"), 0);
        assert_eq!(int_bucket(b"-1"), 1);
        assert_eq!(int_bucket(b"42"), 3);
        assert_eq!(int_bucket(b"8080"), 5);
        assert_eq!(int_bucket(b"1_000_000"), 7);
        assert_eq!(float_bucket(b"0.0"), (0, 1));
        assert_eq!(float_bucket(b"0.25"), (1, 2));
        assert_eq!(float_bucket(b"-3.14"), (2, 2));
        assert_eq!(float_bucket(b"1e9"), (5, 0));
    }
}
