//! `xinfang reclassify`: re-classify the archive after a taxonomy edit.
//!
//! The taxonomy comes from the configuration (`--config`, whose
//! `[data] topics` may name an edited topics file); the letters' stored
//! records supply text, title and ledger category, so no file is re-read.

use xinfang_index::{Archive, ReclassifySummary};

/// Re-classifies every letter and prints what changed: a line of counts, and
/// the labels whose counts moved; with `json`, the whole summary.
pub fn run(archive: &Archive, json: bool) -> anyhow::Result<ReclassifySummary> {
    let summary = archive.reclassify()?;
    if json {
        say!("{}", serde_json::to_string_pretty(&summary)?);
        return Ok(summary);
    }
    say!(
        "{} letters, {} changed topics ({} changed main topic)",
        summary.letters,
        summary.changed,
        summary.main_changed
    );
    for t in summary
        .topics
        .iter()
        .filter(|t| t.main_before != t.main_after || t.letters_before != t.letters_after)
    {
        say!(
            "  {}  main {} → {}  all {} → {}",
            t.label,
            t.main_before,
            t.main_after,
            t.letters_before,
            t.letters_after
        );
    }
    Ok(summary)
}
