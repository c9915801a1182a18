//! Turning parts into letters: keys, ids, and the merge of a ledger row with
//! its letter file.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::extract::{ExtractInput, Extractor};
use crate::record::{Letter, LetterPart, Origin, PartContent, SourceKind};
use crate::text;

/// The key that decides which letter a part belongs to: its reference number
/// when it has one, else its own source (a ledger row's position, a file).
/// Two parts with the same key are one letter. A file is its locator, not
/// its relative path: `ingest 2019Q1` and `ingest 2019Q2` both find a
/// 来信1.txt and a 台账.xlsx, and those are other letters.
pub fn letter_key(part: &LetterPart) -> String {
    if let Some(r) = part.refs.first() {
        return format!("ref:{r}");
    }
    let file = if part.locator.is_empty() { &part.source.path } else { &part.locator };
    match part.source.kind {
        SourceKind::LedgerRow => format!(
            "row:{}#{}#{}",
            file,
            part.source.sheet.as_deref().unwrap_or(""),
            part.source.row.unwrap_or(0)
        ),
        _ => format!("file:{file}"),
    }
}

/// A stable, URL-safe id for a letter key: 16 hex digits of its SHA-256.
pub fn letter_id(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    hex::encode(&digest[..8])
}

/// Adds `new` to a letter's parts, replacing the part that came from the same
/// source (a re-read or changed file), and keeps ledger rows first.
pub fn merge_part(parts: &mut Vec<LetterPart>, new: LetterPart) {
    parts.retain(|p| p.source != new.source);
    parts.push(new);
    parts.sort_by(|a, b| {
        let rank = |p: &LetterPart| u8::from(p.source.kind != SourceKind::LedgerRow);
        rank(a).cmp(&rank(b)).then_with(|| a.source.path.cmp(&b.source.path))
    });
}

/// The full text of a letter as written: its files' texts, else the ledger's
/// full-text or summary column.
pub fn text_of(parts: &[LetterPart]) -> String {
    let docs: Vec<&str> = parts
        .iter()
        .filter_map(|p| match &p.content {
            PartContent::Document { text, .. } => Some(text.as_str()),
            PartContent::Ledger(_) => None,
        })
        .collect();
    if !docs.is_empty() {
        return docs.join("\n\n");
    }
    parts
        .iter()
        .find_map(|p| match &p.content {
            PartContent::Ledger(row) => row.text.clone().or_else(|| row.summary.clone()),
            PartContent::Document { .. } => None,
        })
        .unwrap_or_default()
}

/// Assembles a letter from its parts. The ledger row gives the metadata; the
/// file gives the full text; the extractor fills the rest from the text.
pub fn assemble(id: String, parts: Vec<LetterPart>, extractor: &Extractor) -> Letter {
    assemble_with_cleaned(id, parts, extractor).0
}

/// [`assemble`], also returning the cleaned text (`text::clean` of the
/// letter's text) that extraction worked from, so the indexer does not clean
/// the same text a second time.
pub fn assemble_with_cleaned(id: String, parts: Vec<LetterPart>, extractor: &Extractor) -> (Letter, String) {
    let ledger = parts.iter().find_map(|p| match &p.content {
        PartContent::Ledger(row) => Some(row),
        PartContent::Document { .. } => None,
    });
    let mut labels = BTreeMap::new();
    for p in &parts {
        if let PartContent::Document { labels: l, .. } = &p.content {
            for (k, v) in l {
                labels.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
    }
    let text = text_of(&parts);
    let cleaned = text::clean(&text);
    let ex = extractor.extract(&ExtractInput {
        text: &cleaned,
        labels: &labels,
        ledger,
    });
    let reference = ledger
        .and_then(|l| l.reference.as_deref())
        .and_then(crate::refs::normalize_ref)
        .or_else(|| parts.iter().find_map(|p| p.refs.first().cloned()));
    let ledger_part = parts.iter().find(|p| p.source.kind == SourceKind::LedgerRow);
    let origin = parts
        .iter()
        .find_map(|p| p.origin)
        .or(Some(if ledger_part.is_some() { Origin::Forwarded } else { Origin::Local }));
    let batch = ledger_part
        .or_else(|| parts.first())
        .map(|p| p.batch.clone())
        .unwrap_or_default();
    let mut warnings: Vec<String> = Vec::new();
    for p in &parts {
        for w in &p.warnings {
            if !warnings.contains(w) {
                warnings.push(w.clone());
            }
        }
    }
    let letter = Letter {
        id,
        reference,
        title: ex.title,
        received: ex.received,
        origin,
        batch,
        town: ex.town,
        village: ex.village,
        petitioners: ex.petitioners,
        accused: ex.accused,
        mentioned: ex.mentioned,
        topics: ex.topics,
        disposition: ex.disposition,
        script: text::detect_script(&text),
        sources: parts.iter().map(|p| p.source.clone()).collect(),
        text,
        fields: ex.fields,
        warnings,
        sensitive: ex.sensitive,
        parts,
    };
    (letter, cleaned)
}
