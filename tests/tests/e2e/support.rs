//! Shared fixtures: one archive of the whole sample intake per test binary.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde_json::Value;
use xinfang_config::Config;
use xinfang_index::{Archive, IngestOptions, IngestSummary, SearchRequest};
use xinfang_ingest::batch::collect_files;
use xinfang_ingest::Origin;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn samples() -> PathBuf {
    repo().join("samples")
}

pub fn truth() -> &'static Value {
    static T: OnceLock<Value> = OnceLock::new();
    T.get_or_init(|| {
        let text = std::fs::read_to_string(samples().join("truth.json")).expect("samples/truth.json");
        serde_json::from_str(&text).expect("truth.json parses")
    })
}

pub fn config() -> Arc<Config> {
    Arc::new(Config::defaults().expect("defaults"))
}

pub fn ingest(archive: &Archive, path: &Path, batch: &str, origin: Option<Origin>) -> IngestSummary {
    let (files, errors, warnings) = collect_files(&[path.to_path_buf()]);
    archive
        .ingest(files, errors, warnings, &IngestOptions { batch: batch.into(), origin }, &|| {})
        .expect("ingest")
}

/// The three sample batches, ingested as `demo` does.
pub fn ingest_samples(archive: &Archive) -> Vec<IngestSummary> {
    let intake = samples().join("intake");
    vec![
        ingest(archive, &intake.join("2019Q1"), "2019Q1", None),
        ingest(archive, &intake.join("2019Q2"), "2019Q2", None),
        ingest(archive, &intake.join("local"), "local", Some(Origin::Local)),
    ]
}

pub struct Shared {
    pub _dir: tempfile::TempDir,
    pub archive: Archive,
    pub summaries: Vec<IngestSummary>,
}

/// One archive of the sample intake, built once and only read by tests.
pub fn shared() -> &'static Shared {
    static S: OnceLock<Shared> = OnceLock::new();
    S.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let archive = Archive::open(dir.path(), config()).expect("open");
        let summaries = ingest_samples(&archive);
        Shared { _dir: dir, archive, summaries }
    })
}

pub fn count(archive: &Archive, req: SearchRequest) -> usize {
    archive.search(&SearchRequest { limit: 1, ..req }).expect("search").total
}

pub fn ids(archive: &Archive, req: SearchRequest) -> Vec<String> {
    let mut v: Vec<String> = archive
        .search(&SearchRequest { limit: 1000, ..req })
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.letter.id)
        .collect();
    v.sort();
    v
}
