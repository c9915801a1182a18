//! Ledger column synonyms.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::{ConfigError, Result};

/// A letter field that a ledger column can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum LedgerField {
    Seq,
    Ref,
    Received,
    Forwarded,
    Petitioner,
    PetitionerPhone,
    PetitionerId,
    PetitionerAddress,
    Accused,
    Title,
    Town,
    Village,
    Category,
    Summary,
    Text,
    Disposition,
    Result,
    Channel,
}

impl LedgerField {
    fn from_key(key: &str) -> Option<LedgerField> {
        use LedgerField::*;
        Some(match key {
            "seq" => Seq,
            "ref" => Ref,
            "received" => Received,
            "forwarded" => Forwarded,
            "petitioner" => Petitioner,
            "petitioner_phone" => PetitionerPhone,
            "petitioner_id" => PetitionerId,
            "petitioner_address" => PetitionerAddress,
            "accused" => Accused,
            "title" => Title,
            "town" => Town,
            "village" => Village,
            "category" => Category,
            "summary" => Summary,
            "text" => Text,
            "disposition" => Disposition,
            "result" => Result,
            "channel" => Channel,
            _ => return None,
        })
    }
}

/// Header synonyms, resolved.
#[derive(Debug, Clone)]
pub struct LedgerColumns {
    /// (synonym, field), longest synonym first.
    pub synonyms: Vec<(String, LedgerField)>,
    /// Parent headers of two-row headers: petitioner or accused side.
    pub parents: Vec<(String, LedgerField)>,
    /// Generic child headers: name/phone/id/title/town/village/address.
    pub children: BTreeMap<String, Vec<String>>,
    /// Footer markers that are not letters.
    pub footer_markers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    fields: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    parents: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    children: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    footer: Footer,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Footer {
    #[serde(default)]
    markers: Vec<String>,
}

pub(crate) fn parse(text: &str, what: &str) -> Result<LedgerColumns> {
    let file: File = crate::parse_toml(text, what)?;
    let field = |k: &str| {
        LedgerField::from_key(k)
            .ok_or_else(|| ConfigError::Invalid(format!("{what}: unknown ledger field `{k}`")))
    };
    let mut synonyms = Vec::new();
    for (k, words) in &file.fields {
        let f = field(k)?;
        synonyms.extend(words.iter().map(|w| (w.clone(), f)));
    }
    synonyms.sort_by(|a, b| {
        b.0.chars()
            .count()
            .cmp(&a.0.chars().count())
            .then(a.0.cmp(&b.0))
    });
    let mut parents = Vec::new();
    for (k, words) in &file.parents {
        let f = field(k)?;
        parents.extend(words.iter().map(|w| (w.clone(), f)));
    }
    Ok(LedgerColumns {
        synonyms,
        parents,
        children: file.children,
        footer_markers: file.footer.markers,
    })
}

impl LedgerColumns {
    /// The field whose synonym equals the cleaned header exactly.
    pub fn field_for(&self, header: &str) -> Option<LedgerField> {
        self.synonyms
            .iter()
            .find(|(s, _)| s == header)
            .map(|(_, f)| *f)
    }

    /// Removes spaces, line breaks and punctuation from a header cell, as the
    /// matching rules in ledger_columns.toml assume.
    pub fn clean_header(header: &str) -> String {
        header.chars().filter(|c| c.is_alphanumeric()).collect()
    }

    /// The field a raw header cell names: exact after cleaning, then the
    /// longest synonym it contains. One-character synonyms (村) match only
    /// exactly, or every header with that character would match.
    pub fn match_header(&self, header: &str) -> Option<LedgerField> {
        let cleaned = Self::clean_header(header);
        if cleaned.is_empty() {
            return None;
        }
        self.field_for(&cleaned).or_else(|| {
            // `synonyms` is sorted longest first.
            self.synonyms
                .iter()
                .find(|(s, _)| s.chars().count() >= 2 && cleaned.contains(s.as_str()))
                .map(|(_, f)| *f)
        })
    }

    /// The side (petitioner or accused) a parent header of a two-row header names.
    pub fn parent_for(&self, header: &str) -> Option<LedgerField> {
        let cleaned = Self::clean_header(header);
        self.parents
            .iter()
            .find(|(s, _)| *s == cleaned)
            .map(|(_, f)| *f)
    }

    /// The kind of a generic child header (name, phone, id, title, town, village, address).
    pub fn child_kind(&self, header: &str) -> Option<&str> {
        let cleaned = Self::clean_header(header);
        self.children
            .iter()
            .find(|(_, words)| words.contains(&cleaned))
            .map(|(k, _)| k.as_str())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_exactly_then_by_longest_containment() {
        let c = crate::Config::defaults().unwrap().ledger_columns;
        assert_eq!(c.match_header("信访\n编号"), Some(LedgerField::Ref));
        assert_eq!(
            c.match_header("被反映人职务（单位）"),
            Some(LedgerField::Title)
        );
        assert_eq!(
            c.match_header("来信日期(年月日)"),
            Some(LedgerField::Received)
        );
        assert_eq!(c.match_header("村"), Some(LedgerField::Village));
        assert_eq!(c.match_header("村民小组长"), None);
        assert_eq!(c.parent_for("信访人 情况"), Some(LedgerField::Petitioner));
        assert_eq!(c.child_kind("姓 名"), Some("name"));
    }
}
