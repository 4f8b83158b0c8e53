//! Printer round trip: for every input that parses, `parse(print(parse(x)))` has the same
//! canonical dump as `parse(x)`, in both print styles, and printing is a fixed point after
//! one round (printing the reparsed document gives the same bytes).
//!
//! Inputs: every `in:` vector of `tests/data/*.txt`, a list of hard cases for the printer,
//! and files from the `gene-gen` generator.

mod common;

use gene_parser::{PrintStyle, parse};

/// Checks the round trip of `src` in both styles; `Ok(false)` if `src` does not parse.
fn check(src: &[u8]) -> Result<bool, String> {
    let Ok(doc) = parse(src) else {
        return Ok(false);
    };
    let want = doc.dump();
    for style in [PrintStyle::Compact, PrintStyle::Indented] {
        let printed = doc.print(style);
        let again = parse(&printed).map_err(|e| {
            format!(
                "{style:?} print of {:?} does not parse: {e}\nprinted: {:?}",
                String::from_utf8_lossy(src),
                String::from_utf8_lossy(&printed)
            )
        })?;
        let got = again.dump();
        if got != want {
            return Err(format!(
                "{style:?} round trip of {:?} changed the value\nprinted: {:?}\nwant: {want}got:  {got}",
                String::from_utf8_lossy(src),
                String::from_utf8_lossy(&printed)
            ));
        }
        let reprinted = again.print(style);
        if reprinted != printed {
            return Err(format!(
                "{style:?} print of {:?} is not a fixed point\nfirst:  {:?}\nsecond: {:?}",
                String::from_utf8_lossy(src),
                String::from_utf8_lossy(&printed),
                String::from_utf8_lossy(&reprinted)
            ));
        }
    }
    Ok(true)
}

#[test]
fn data_vectors_round_trip() {
    let (mut parsed, mut failures) = (0, Vec::new());
    for file in &common::data_files() {
        for (line, input) in common::inputs(file) {
            match check(&input) {
                Ok(true) => parsed += 1,
                Ok(false) => {}
                Err(e) => failures.push(format!("{}:{line}: {e}", file.display())),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(parsed > 100, "only {parsed} vectors parsed");
}

/// Values that need care in the printer; each line is one input.
const HARD: &[&[u8]] = &[
    // Symbols needing escapes, first-byte marks, `%` forms, `#` symbols.
    br"two\ words \42 \+1 \-2 \'q \^k a\(b\) \; \, \` x\%y \# \#!x \#<y \#/z \#@w #Str #a/b",
    br"(% a b) (%= x 1) [%] `% %% %%= %,=x %,_y %_ z %_%_q %(f) %#x",
    br"\nil/x a/nil inf -inf NaN \. ... .5 -.5 +a - + -x-1 don't key:val <= x^y",
    br"a\/b x\\y a\\\/b a\\/b / /= \/ \/= a/ /x a//b // x\/y/z a/= /1 \1/a a/\\b",
    "\u{feff}\\\u{feff}x \\\u{feff}\u{feff}y mood-😀 caf\u{e9}".as_bytes(),
    b"\\\xff\\\xfe a\\\x0bb a\\\x0cb a\\\tb a\\\rb a\\\nb",
    // Strings with every kind of byte.
    b"\"\\u0000\\u0001\\u001f\\u007f\" \"\\b\\f\\n\\r\\t\" \"q\\\"b\\\\\" \"\xff\xfe\x80\" \"\\ud83d\\ude03\"",
    b"\"a\r\nb\" \"a\rb\" \"\"\"\n  x\n  \"\"\" \"#{not}\" \"'\"",
    // Chars.
    br"'a' '\n' ''' '\\' '\t' '\r' '\b' '\f' '\q' ' ' '\'' '#' '%'",
    b"'\xff' '\x01' '\x7f' '\r' '\n'",
    // Numbers.
    b"-9223372036854775808 9223372036854775807 0 -0 0xFFFFFFFFFFFFFFFF",
    b"1e400 -1e400 -0.0 0.0 5e-324 1.7976931348623157e308 1e16 1e-7 0.1 2.5e-5 123456789.125",
    // Containers, frozen forms, chains, decorators, interpolation.
    b"() (nil) (nil 1) #() #(nil 1) [] #[] {} #{} {{}} #{{}} {{{}}} {{{{}}}} {{[] {^a 1}}}",
    b"(a b; c d; e) #(f; g) (a ^p 1 x; ^q 2 y) #@f #@g x (#@f x)",
    b"#\"n=#{n}!\" #\"#{a}-#[b]\" #\"x#(f 1)y\" (#Str) (#Str 1 2) #\"#{{^a 1}}\"",
    b"`(x %y %_z) ``a `%b",
    // Properties: escapes, empty keys, `^`, `/`, `!` keys, shortcuts, paths.
    br"(f ^a 1 ^^b ^!c ^ 0 ^\ x 1 ^a/b 2 ^\!bang 3 ^\( 4 ^a\ b 5)",
    br"{^^a^b ^!c^d ^^^x ^!^y ^^ ^!! ^a^^b^c 1 ^a^^b^d 2 ^m^!n}",
    br"{^a {^x 1} ^a^^b^c 1} {^a #{^x 1} ^a^^b^c 1} {^\^b^c 1} {^\^^b^c 1} {^a^^^b^c 1}",
    br"{^a^^b^!c ^a^^b^^d ^a^^b^^^e ^a^^b^!f^g 1 ^a^^b^!h^^i ^a^^b^^ ^x^^y^z {^q 1}}",
    br"(f ^a^b^c 1 ^a^b^d 2 ^a^e 3) {^db^host 1 ^db^port 2} (f ^opt^!debug) {^a^b 1 ^a^^c}",
    br"{^k2 \^x} {^k3 %} {^k4 `a} {^k5 #/x/}",
    // Regexes: slashes, backslashes, line breaks, replacements and flags.
    br"#/a+b/i #/x/y/ #/(\d+)-(\d+)/$2-$1/m #/x//  #// #/a\/b/ #/a\\b/ #/a\\/ #/\\/\\/im",
    br"(f #/a/i) [#/a/ #/b/m] {{#/c/}} #/a/im/ #/a\b c/ #/a/\ b/ #/a/x\\y/ #/a/\)/",
    b"#/a\rb/ #/a\r\nb/ #/a\r\n\nb/ #/a\nb/ #/a/\\\rb/ #/a/b\\ c/i",
    // Bytes, dates, datetimes, times.
    b"0!1 0#00ff 0*AAE= 0#abc 0!111111111",
    b"2024-02-29 1000-01-01 9999-12-31 +2024-01-05 2024-02-29T13:05 2024-02-29T13:05:09.5Z",
    b"2024-02-29T13:05-07:00[America/Denver] 2030-06-15T08:45Z[A/B] 2030-06-15T08:45+00:00",
    b"23:59:58.000001 06:30+01:00 06:30[Europe/Rome] 10:00Z 10:00Z[A/B] 7:05 -00:30:00 00:00-23:59",
    b"2030-06-15T08:45:30.25-03:30 12:00:00.000001+05:45 2024-01-05T10:00-00:00[x/ y]",
];

#[test]
fn hard_cases_round_trip() {
    let mut failures = Vec::new();
    for &src in HARD {
        match check(src) {
            Ok(true) => {}
            Ok(false) => failures.push(format!(
                "hard case does not parse: {:?}: {}",
                String::from_utf8_lossy(src),
                parse(src).unwrap_err()
            )),
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_byte_in_strings_symbols_chars_regexes() {
    for b in 1..=255u8 {
        let string = format!("\"\\u{b:04x}\"");
        let mut cases: Vec<Vec<u8>> = vec![string.into_bytes()];
        cases.push([b"'".as_slice(), &[b], b"'"].concat());
        cases.push([b"'\\".as_slice(), &[b], b"'"].concat());
        cases.push([b"\"".as_slice(), &[b], b"\""].concat());
        cases.push([b"a\\".as_slice(), &[b], b"z"].concat());
        cases.push([b"\\".as_slice(), &[b]].concat());
        cases.push([b"\\".as_slice(), &[b], b"/x"].concat());
        cases.push([b"{^a\\".as_slice(), &[b], b" 1}"].concat());
        cases.push([b"{^\\".as_slice(), &[b], b" 1}"].concat());
        cases.push([b"#/".as_slice(), &[b], b"/"].concat());
        cases.push([b"#/a/\\".as_slice(), &[b], b"/"].concat());
        cases.push([b"[%".as_slice(), &[b], b"x]"].concat());
        for case in cases {
            check(&case).unwrap();
        }
    }
}

#[test]
fn indented_style_breaks_long_forms() {
    let src = b"(fn f [a b] (var x (((response .append buffer) + (node .append config)) > (items .to_s {^k_total items ^user user}))) (if (x > 1) (return 1) else (g)))";
    let doc = parse(src).unwrap();
    let printed = String::from_utf8(doc.print(PrintStyle::Indented)).unwrap();
    assert!(printed.starts_with("(fn f [a b]\n  (var x"), "{printed}");
    assert!(printed.ends_with("\n)\n"), "{printed}");
    assert!(printed.lines().all(|l| !l.ends_with(' ')), "{printed}");
    check(src).unwrap();
    let compact = doc.print(PrintStyle::Compact);
    assert_eq!(compact.iter().filter(|&&b| b == b'\n').count(), 1);
}

#[test]
fn deep_nesting_round_trips() {
    for open in ["(", "[", "{{", "`", "%", "#("] {
        let close = match open {
            "(" | "#(" => ")",
            "[" => "]",
            "{{" => "}}",
            _ => "",
        };
        let depth = 1000;
        let src = format!("{}x{}", open.repeat(depth), close.repeat(depth));
        assert!(check(src.as_bytes()).unwrap(), "{open}");
    }
    let path = format!("{{^a{} 1}}", "^b".repeat(500));
    assert!(check(path.as_bytes()).unwrap());
}

#[test]
fn generated_files_round_trip() {
    for (seed, complexity) in [(1, 1), (2, 3), (3, 5), (42, 4)] {
        let cfg = gene_gen::Config::new(seed, 400).with_complexity(complexity);
        let src = gene_gen::generate(&cfg);
        assert!(
            check(src.as_bytes()).unwrap(),
            "seed {seed} does not parse: {}",
            parse(src.as_bytes()).unwrap_err()
        );
    }
}
