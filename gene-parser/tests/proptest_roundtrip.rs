//! Property test of the printer: random Gene-like source that parses must round trip
//! (`parse(print(parse(x)))` has the dump of `parse(x)`) in both print styles.
//!
//! The strategy writes nested forms with every literal kind and the awkward spellings the
//! printer must survive: escaped symbols, keys with `^`, `/`, `!` and spaces, key paths and
//! shortcuts, regexes with slashes, backslashes and look-ahead traps, strings with control
//! and non-UTF-8 bytes, interpolation, chains, decorators, quotes and unquotes. Many cases do
//! not parse (duplicate keys, bad paths); those are skipped, and a floor on the parsed share
//! keeps the strategy honest.

use gene_parser::{PrintStyle, parse};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn pick(options: &'static [&'static str]) -> BoxedStrategy<String> {
    proptest::sample::select(options)
        .prop_map(str::to_string)
        .boxed()
}

/// Bytes of symbol and key names: plain, escaped, and the ones with a meaning.
fn name() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => pick(&["a", "b", "x", "foo", "k", "n1", "_", ".", "-", "+", "<", "=", "?", "é"]),
        2 => pick(&["/", "^", "!", "#", "'", ":", "~", "*", "@", "$"]),
        2 => pick(&[r"\ ", r"\/", r"\\", r"\(", r"\)", r"\;", r"\,", r"\%", r"\`", r#"\""#, r"\^", r"\{", r"\#", r"\1", "\\\t"]),
        1 => pick(&["1", "0", "9"]),
    ];
    prop::collection::vec(piece, 1..4).prop_map(|v| v.concat())
}

fn symbol() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => name(),
        1 => pick(&["%", "%=", "/", "/=", "#Str", "#", "\\#", "nil", "\\nil", "inf", "NaN", "a/b", "/x", "a//b", "\\1/x"]),
    ]
}

fn string_lit() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => pick(&["a", " ", "hello", "'", "#", "#{", "é", "😀", "/", "^"]),
        3 => pick(&[r"\n", r"\t", r"\r", r"\b", r"\f", r#"\""#, r"\\", r"\u0000", r"\u0001", r"\u007f", r"\u00e9", r"\ud83d\ude03", r"\q", "\n", "\r", "\r\n", "\t"]),
    ];
    prop::collection::vec(piece, 0..5).prop_map(|v| format!("\"{}\"", v.concat()))
}

fn regex_lit() -> impl Strategy<Value = String> {
    let seg = prop::collection::vec(
        pick(&[
            "a", "b+", r"\d", r"\/", r"\\", "(", ")", "]", " ", "i", "m", "\n", "\r", "\r\n", ",",
            ";", "$1", r"\ ",
        ]),
        0..4,
    )
    .prop_map(|v| v.concat());
    (
        seg.clone(),
        prop::option::of(seg),
        pick(&["", "i", "m", "im", "mi"]),
    )
        .prop_map(|(p, r, f)| match r {
            Some(r) => format!("#/{p}/{r}/{f}"),
            None => format!("#/{p}/{f}"),
        })
}

fn atom() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => symbol(),
        1 => any::<i64>().prop_map(|i| i.to_string()),
        1 => any::<f64>().prop_map(|x| if x.is_finite() { format!("{x:?}") } else { "1e400".into() }),
        1 => pick(&["nil", "void", "true", "false", "not_found", "1e400", "-1e400", "-0.0", "0x1F_ff", "+7", "007", "2.", "1e-7"]),
        2 => string_lit(),
        1 => (any::<u8>()).prop_filter("not NUL", |&b| b != 0).prop_map(|b| {
            let b = if b >= 0x80 { b'x' } else { b };
            format!("'{}'", b as char)
        }),
        1 => pick(&[r"'\n'", r"'\''", "'''", r"'\\'", r"'\q'", "' '"]),
        2 => regex_lit(),
        1 => pick(&["0!1", "0!1010~0101", "0#00ff", "0#abc", "0*AAE=", "0*aGk="]),
        1 => pick(&["2024-02-29", "1000-01-01", "2024-02-29T13:05", "2024-02-29T13:05:09.5Z",
                    "2024-02-29T13:05-07:00[America/Denver]", "2030-06-15T08:45Z[A/B]",
                    "23:59:58.000001", "06:30+01:00", "06:30[Europe/Rome]", "7:05", "10:00Z[A/B]"]),
        1 => pick(&[r##"#"n=#{n}!""##, r##"#"#{a}-#[b]""##, r##"#"plain""##, r##"#"x#(f 1)""##, r##"#"#{{^a 1}}""##]),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => name().prop_map(|n| format!("^{n}")),
        1 => pick(&["^", r"^\!x", r"^\ ", "^a/b", r"^a\ b"]),
    ]
}

/// Properties: plain, shortcuts (`^^k`, `^!k`), and key paths.
fn prop_entry(value: BoxedStrategy<String>) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (key(), value.clone()).prop_map(|(k, v)| format!("{k} {v}")),
        1 => name().prop_map(|n| format!("^^{n}")),
        1 => name().prop_map(|n| format!("^!{n}")),
        2 => (prop::collection::vec(pick(&["a", "b", "^b", "^^c", "!d", ""]), 1..4), pick(&["x", "y", "^t", "!f"]), value)
            .prop_map(|(segs, last, v)| {
                let path = format!("^{}^{last}", segs.join("^"));
                if last.starts_with(['^', '!']) { path } else { format!("{path} {v}") }
            }),
    ]
}

fn form() -> impl Strategy<Value = String> {
    atom().prop_recursive(4, 48, 5, |inner| {
        let boxed = inner.clone().boxed();
        let items = prop::collection::vec(inner.clone(), 0..5).boxed();
        let props = prop::collection::vec(prop_entry(boxed), 0..3).boxed();
        let frozen = pick(&["", "#"]);
        prop_oneof![
            3 => (frozen.clone(), inner.clone(), props.clone(), items.clone())
                .prop_map(|(f, t, p, c)| format!("{f}({t} {} {})", p.join(" "), c.join(" "))),
            1 => (inner.clone(), items.clone(), props.clone(), items.clone())
                .prop_map(|(t, a, p, b)| format!("({t} {}; {} {})", a.join(" "), p.join(" "), b.join(" "))),
            2 => (frozen.clone(), items.clone()).prop_map(|(f, v)| format!("{f}[{}]", v.join(" "))),
            2 => (frozen.clone(), props).prop_map(|(f, p)| format!("{f}{{{}}}", p.join(" "))),
            1 => (frozen, items).prop_map(|(f, v)| format!("{f}{{{{{}}}}}", v.join(" "))),
            1 => inner.clone().prop_map(|x| format!("`{x}")),
            1 => (pick(&["%", "%_", "%,"]), inner.clone()).prop_map(|(p, x)| format!("{p}{x}")),
            1 => (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("#@{a} {b}")),
            1 => inner.prop_map(|x| format!("#\"a#{{{x}}}b\"")),
        ]
    })
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(form(), 1..4).prop_map(|v| v.join("\n"))
}

#[test]
fn random_gene_source_round_trips() {
    let mut runner = TestRunner::new(Config {
        cases: 1024,
        failure_persistence: None,
        ..Config::default()
    });
    let parsed = std::cell::Cell::new(0u32);
    runner
        .run(&document(), |src| {
            let Ok(doc) = parse(src.as_bytes()) else {
                return Ok(());
            };
            parsed.set(parsed.get() + 1);
            let want = doc.dump();
            for style in [PrintStyle::Compact, PrintStyle::Indented] {
                let printed = doc.print(style);
                let again = parse(&printed);
                prop_assert!(
                    again.is_ok(),
                    "{style:?} print does not parse: {:?}\nprinted: {:?}",
                    again.err(),
                    String::from_utf8_lossy(&printed)
                );
                let got = again.unwrap().dump();
                prop_assert_eq!(
                    &got,
                    &want,
                    "{:?} printed: {:?}",
                    style,
                    String::from_utf8_lossy(&printed)
                );
            }
            Ok(())
        })
        .unwrap();
    // The strategy is only useful if a fair share of what it writes parses.
    assert!(
        parsed.get() > 200,
        "only {} of 1024 cases parsed",
        parsed.get()
    );
}
