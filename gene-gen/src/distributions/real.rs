//! The `real_corpus` distributions of `corpus_profile.json` (schema 1), bucketed as
//! [`super::compare`] buckets the generated ones. Counts or shares: each list is normalized
//! before comparing.

/// Histograms and categorical shares: JSON path, then (bucket, real count or share) pairs.
pub const REAL_HISTOGRAMS: &[(&str, &[(&str, f64)])] = &[
    ("lines.closers_per_closer_only_line_hist", &[("1", 2139.0), ("2", 148.0), ("3", 22.0), ("4+", 1.0)]),
    ("lines.trailing_closer_run_on_other_code_lines_hist", &[("0", 2892.0), ("1", 6101.0), ("2", 3678.0), ("3", 427.0), ("4", 100.0), ("5+", 9.0)]),
    ("lines.line_comment_marker_share", &[("hash_space", 0.9666), ("hash_bang", 0.0297), ("hash_eol", 0.0037)]),
    ("tokens.share_by_kind_rollup", &[("open_paren", 0.1907), ("close_paren", 0.1907), ("open_bracket", 0.0186), ("close_bracket", 0.0186), ("open_brace", 0.0108), ("close_brace", 0.0108), ("symbol", 0.3622), ("complex_symbol", 0.0361), ("prop_key", 0.0277), ("int", 0.0327), ("float", 0.0017), ("string", 0.0622), ("istring", 0.0066), ("char", 0.0003), ("regex", 0.0003), ("comment", 0.0279), ("other", 0.0021)]),
    ("nesting.token_depth_hist", &[("0", 10577.0), ("1", 23330.0), ("2", 21897.0), ("3", 13126.0), ("4", 7634.0), ("5", 4515.0), ("6", 2259.0), ("7", 931.0), ("8+", 494.0)]),
    ("forms.lines_per_top_level_form_hist", &[("1", 4176.0), ("2-3", 291.0), ("4-10", 576.0), ("11-30", 210.0), ("31-100", 62.0), (">100", 6.0)]),
    ("forms.blank_lines_between_top_level_forms_hist", &[("0", 2949.0), ("1", 1974.0), ("2", 42.0), ("3+", 23.0)]),
    ("forms.gene_call_shape_share", &[("prefix_call", 0.7072), ("infix_operator", 0.1821), ("method_call", 0.1079), ("other_head", 0.0028), ("empty", 0.0)]),
    ("forms.gene_head_kind_share", &[("symbol", 0.8452), ("complex_symbol", 0.1007), ("open_paren", 0.0412), ("other", 0.0128)]),
    ("forms.gene_positional_args_hist", &[("0", 405.0), ("1", 3984.0), ("2", 9074.0), ("3", 1453.0), ("4", 866.0), ("5", 305.0), ("6", 148.0), ("7", 109.0), ("8+", 283.0)]),
    ("forms.prop_key_location_share", &[("in_gene", 0.1074), ("in_map", 0.8719), ("top_level_document", 0.0207)]),
    ("forms.arith_compare_operator_position", &[("prefix", 419.0), ("infix", 2197.0)]),
    ("identifiers.symbol_class_share_of_plain_symbols", &[("identifier", 0.7928), ("operator", 0.1254), ("constant", 0.0249), ("method", 0.0569)]),
    ("identifiers.identifier_length_hist", &[("1", 1862.0), ("2-3", 7451.0), ("4-6", 8241.0), ("7-10", 5300.0), ("11-15", 2596.0), ("16-20", 860.0), ("21+", 523.0)]),
    ("identifiers.style_share_by_occurrence", &[("lower_single_word", 0.7256), ("snake_case", 0.21), ("kebab-case", 0.0007), ("camelCase", 0.0), ("PascalCase", 0.0392), ("UPPER_CASE", 0.0138), ("single_upper_letter", 0.0014), ("other", 0.0094)]),
    ("identifiers.style_share_by_unique_name", &[("lower_single_word", 0.3269), ("snake_case", 0.5483), ("kebab-case", 0.0012), ("camelCase", 0.0), ("PascalCase", 0.0612), ("UPPER_CASE", 0.0302), ("single_upper_letter", 0.002), ("other", 0.0302)]),
    ("identifiers.complex_symbol_segments_hist", &[("2", 2428.0), ("3", 539.0), ("4", 132.0), ("5+", 45.0)]),
    ("strings.plain_length_hist", &[("0", 507.0), ("1-5", 1226.0), ("6-10", 1407.0), ("11-20", 1303.0), ("21-40", 781.0), ("41-80", 169.0), ("81-200", 31.0), (">200", 3.0)]),
    ("literals.int_abs_magnitude_hist", &[("0", 587.0), ("1", 618.0), ("2-9", 923.0), ("10-99", 421.0), ("100-999", 177.0), ("1e3-1e4", 56.0), ("1e4-1e6", 45.0), (">=1e6", 22.0)]),
    ("literals.float_abs_magnitude_hist", &[("0", 32.0), ("(0,1)", 22.0), ("[1,10)", 90.0), ("[10,100)", 4.0), ("[100,1e3)", 2.0), (">=1e3", 0.0)]),
    ("indentation.indent_width_hist", &[("0", 6348.0), ("1", 14.0), ("2", 4008.0), ("3", 115.0), ("4", 2468.0), ("5", 90.0), ("6", 1261.0), ("7", 108.0), ("8", 709.0), ("9", 16.0), ("10", 242.0), ("11", 13.0), ("12+", 123.0)]),
];

/// Single shares and means: JSON path, real value.
pub const REAL_SCALARS: &[(&str, f64)] = &[
    ("lines.trailing_comment_fraction_of_code_lines", 0.0035),
    ("lines.comment_only_lines_indented_share", 0.0606),
    ("lines.line_comment_length_chars.mean", 35.015),
    ("forms.top_level_forms_directly_preceded_by_comment_line_share", 0.1096),
    ("forms.genes_with_properties_share", 0.0125),
    ("forms.props_per_gene_when_present.mean", 1.221),
    ("forms.multiline_gene_closer_on_own_line_share", 0.7752),
    ("forms.lines_per_gene.mean", 2.346),
    ("forms.gene_positional_args_after_head.mean", 2.19),
    ("forms.genes_per_code_line", 1.068),
    ("forms.tokens_per_top_level_form.mean", 15.929),
    ("forms.array_elements.mean", 1.483),
    ("forms.empty_array_share", 0.2361),
    ("forms.multiline_array_share", 0.0247),
    ("forms.map_entries.mean", 2.192),
    ("forms.empty_map_share", 0.0999),
    ("forms.multiline_map_share", 0.2391),
    ("identifiers.complex_symbol_length.mean", 16.233),
    ("identifiers.complex_symbol_feature_share.has_/.method_segment", 0.2074),
    ("identifiers.complex_symbol_feature_share.starts_$name/ (e.g. $ns)", 0.1148),
    ("identifiers.complex_symbol_feature_share.starts_Capitalized (namespace/class)", 0.0817),
    ("identifiers.complex_symbol_feature_share.starts_with_slash", 0.0798),
    ("identifiers.complex_symbol_feature_share.has_numeric_index_segment", 0.0512),
    ("strings.plain_with_escape_share", 0.028),
    ("strings.empty_string_share", 0.0934),
    ("strings.interpolated_length.mean", 44.976),
    ("strings.interpolated_parts.mean", 1.561),
    ("literals.int_negative_share", 0.0176),
    ("literals.float_decimal_digits.mean", 1.34),
    ("indentation.indent_equals_2x_depth_share", 0.865),
    ("indentation.odd_indent_share", 0.0235),
];

/// Top-name lists: JSON path, real names by decreasing count.
pub const REAL_TOP_LISTS: &[(&str, &[&str])] = &[
    ("forms.top_level_heads_top30", &["println", "var", "assert", "fn", "import", "try", "class", "print", "while", "<document_property>", "<atom:complex_symbol>", "if", "for", "enum", "<atom:symbol>", "interceptor", "fn-interceptor", "case", "do", "f", "type", "x", "ns", "await", "let", "i", "interface", "gene/serdes/write_tree", "gene/io/write", "system/shell"]),
    ("forms.prefix_call_heads_top60", &["var", "println", "assert", "if", "fn", "return", "try", "import", "new", "method", "+", "class", "==", "while", "print", "for", "<", "system/shell", "record_text", "ctor", "await", "if_not", "case", "break", "ensure_map", "/", "json_response", "gene/time/now", "Ok", "before", "*", "-", "gene/json/parse", "ensure_array", "Err", "do", "typeof", "register_tool", "gene/io/read", "value", "loop", "invoke_tool", "throw", "not", "after", "Some", "gene/io/read_async", "time/now_us", "enum", "gene/serdes/serialize", "get_public_config_at_path", "interceptor", "respond", "expect_marker", "ifel", "Shape/Circle", "gene/io/write", "tree_exists?", "session_text", "Shape/Rect"]),
    ("forms.infix_operators_top30", &["==", "=", "||", "+", ">", "+=", "&&", "*", "-", "!=", "<", ">=", "<=", "/", "?", "|", "%", "<<", ">>", "&|&", "-=", "++", "%=", "*=", "/=", ".."]),
    ("forms.method_call_names_top40", &[".get", ".append", ".to_s", ".info", ".include?", ".set", ".contains", ".debug", ".trim", ".error", ".each", ".starts_with", ".join", ".length", ".index", ".size", ".warn", ".is", ".substr", ".add", ".replace", ".value", ".split", ".push", ".next", ".run", ".to_lower", ".on_success", ".has_next", ".replace_all", ".to_i", ".year", ".send", ".exec", ".contain", ".write_line", ".reply", ".send_expect_reply", ".find", ".close"]),
    ("forms.property_key_names_top30", &["error", "type", "description", "ok", "content", "text", "path", "a", "name", "x", "role", "fields", "properties", "required", "y", "bootstrap_env", "status", "tool_calls", "workspace_id", "kind", "Content-Type", "id", "channel_id", "source", "b", "timeout", "result", "filename", "user_id", "heading"]),
    ("forms.line_leading_bare_symbols_top15", &["else", "catch", "when", "elif", "nil", "x", "false", "fallback", "value", "result", "true", "count", "state", "n", "normalized"]),
    ("identifiers.operator_symbols_top25", &["==", "=", "||", "*", "+", ">", "<", "-", "+=", "&&", "->", "/", "!=", ">=", "<=", "?", "|", "!", "%", "++", "<<", ">>", "&|&", ".", "-="]),
    ("literals.int_top15_values", &["1", "0", "2", "3", "10", "5", "4", "42", "20", "200", "7", "100", "-1", "6", "8"]),
];
