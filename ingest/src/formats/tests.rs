use super::*;

fn dump_all() {
    let columns = xinfang_config::Config::defaults().unwrap().ledger_columns;
    let limits = Limits { max_file_bytes: 50 << 20, max_decompressed_bytes: 1 << 20, max_text_chars: 1_000_000 };
    let dir = format!("{}/../tests/fixtures/formats", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    for n in names {
        if n == "src" || n == "make.sh" { continue; }
        let bytes = std::fs::read(format!("{dir}/{n}")).unwrap();
        match read_bytes(&n, &bytes, &limits, &columns) {
            Ok(c) => {
                println!("== {n}: {:?} {} items, warnings {:?}", c.kind, c.items.len(), c.warnings);
                for i in &c.items { println!("  {:?} {:?} {:?} {:?}", i.sheet, i.row, i.warnings, i.content); }
            }
            Err(e) => println!("== {n}: ERR {e:?}"),
        }
    }
}

#[test]
fn dump() { dump_all() }
