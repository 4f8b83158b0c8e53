fn main() {
    for arg in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&arg).unwrap();
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("in:") {
                let v: String = rest.trim().to_string();
                let decoded: String = serde_like(&v);
                match gene_parser::parse(decoded.as_bytes()) {
                    Ok(d) => println!("{v:<40} OK {:?}", d.dump()),
                    Err(e) => println!("{v:<40} err: {} {}:{}   | {}", e.kind().name(), e.line(), e.column(), e.message()),
                }
            }
        }
    }
}
fn serde_like(s: &str) -> String {
    let inner = &s[1..s.len() - 1];
    let mut out = String::new();
    let mut it = inner.chars();
    while let Some(c) = it.next() {
        if c != '\\' { out.push(c); continue; }
        match it.next().unwrap() {
            'n' => out.push('\n'), 't' => out.push('\t'), 'r' => out.push('\r'), '"' => out.push('"'), '\\' => out.push('\\'),
            'u' => { let h: String = it.by_ref().take(4).collect(); out.push(char::from_u32(u32::from_str_radix(&h, 16).unwrap()).unwrap()); }
            c => out.push(c),
        }
    }
    out
}
