//! The less common literals: floats, chars, dates, datetimes and times, regexes and bytes.

use super::Gen;

const CHARS: &[&str] = &[
    "'a'", "'x'", "' '", "'\\n'", "'\\t'", "','", "'0'", "'Z'", "'-'", "'/'",
];
const REGEXES: &[&str] = &[
    "#/\\d+/",
    "#/[a-z]+/i",
    "#/^\\w+@\\w+$/",
    "#/(\\d+)-(\\d+)/$2-$1/",
    "#/\\s+/m",
    "#/foo|bar/i",
    "#/[A-Z][a-z]*/",
];
const BYTES: &[&str] = &[
    "0#ff00",
    "0#deadbeef",
    "0!1010~0101",
    "0!11110000",
    "0*AQID",
    "0*aGk=",
];

pub(crate) fn form(g: &mut Gen<'_>) {
    g.out.push("(var ");
    let n = g.new_var();
    g.out.push(n);
    g.out.sp();
    match g.rng.below(100) {
        0..=14 => g.float_lit(),
        15..=29 => g.out.push(g.rng.pick_str(CHARS)),
        30..=49 => date(g),
        50..=62 => datetime(g),
        63..=72 => time(g),
        73..=86 => g.out.push(g.rng.pick_str(REGEXES)),
        _ => g.out.push(g.rng.pick_str(BYTES)),
    }
    g.out.ch(')');
    g.nl();
}

/// `YYYY-MM-DD` with a valid month and day.
fn date(g: &mut Gen<'_>) {
    g.out.int(g.rng.range(1990, 2030) as i64);
    g.out.ch('-');
    g.out.two(g.rng.range(1, 12));
    g.out.ch('-');
    g.out.two(g.rng.range(1, 28));
}

/// `YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]`.
fn datetime(g: &mut Gen<'_>) {
    date(g);
    g.out.ch('T');
    g.out.two(g.rng.below(24));
    g.out.ch(':');
    g.out.two(g.rng.below(60));
    if g.rng.chance(50) {
        g.out.ch(':');
        g.out.two(g.rng.below(60));
    }
    match g.rng.below(3) {
        0 => g.out.ch('Z'),
        1 => {
            g.out.ch(*g.rng.pick(&['+', '-']));
            g.out.two(g.rng.below(12));
            g.out.push(":00");
        }
        _ => {}
    }
}

/// `HH:MM[:SS]`.
fn time(g: &mut Gen<'_>) {
    g.out.two(g.rng.below(24));
    g.out.ch(':');
    g.out.two(g.rng.below(60));
    if g.rng.chance(30) {
        g.out.ch(':');
        g.out.two(g.rng.below(60));
    }
}
