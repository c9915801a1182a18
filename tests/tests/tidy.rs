//! Architecture checks on the workspace's manifests: dependencies point one
//! way (config ← ingest ← index ← search-api), and the server never reaches
//! for the file parsers or the index writer itself.

use std::path::Path;

fn manifest(krate: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(krate).join("Cargo.toml");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn dependencies(krate: &str) -> Vec<String> {
    let text = manifest(krate);
    let mut deps = Vec::new();
    let mut in_deps = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_deps = line == "[dependencies]";
            continue;
        }
        if in_deps {
            if let Some((name, _)) = line.split_once(['=', '.']) {
                let name = name.trim();
                if !name.is_empty() && !name.starts_with('#') {
                    deps.push(name.to_string());
                }
            }
        }
    }
    deps
}

#[test]
fn dependency_arrows_point_one_way() {
    let forbidden: &[(&str, &[&str])] = &[
        ("config", &["xinfang-ingest", "xinfang-index", "xinfang-search-api", "tantivy", "axum"]),
        ("ingest", &["xinfang-index", "xinfang-search-api", "tantivy", "axum", "tokio", "reqwest"]),
        ("index", &["xinfang-search-api", "axum", "tokio", "lopdf", "calamine", "zip", "quick-xml"]),
        ("search-api", &["lopdf", "calamine", "zip", "quick-xml", "encoding_rs"]),
    ];
    for (krate, banned) in forbidden {
        let deps = dependencies(krate);
        assert!(!deps.is_empty(), "{krate} has no [dependencies]?");
        for b in *banned {
            assert!(!deps.iter().any(|d| d == b), "{krate} must not depend on {b}");
        }
    }
}

#[test]
fn no_gpl_converter() {
    for krate in ["config", "ingest", "index", "search-api"] {
        let deps = dependencies(krate);
        assert!(!deps.iter().any(|d| d == "zhconv"), "{krate}: zhconv is GPL");
    }
}
