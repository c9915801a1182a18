//! Titles, surnames and the word lists used to find people in letters.
//!
//! Everything here is data a commission may edit (`people = "FILE"` in the
//! settings): the extractor in `xinfang-ingest` builds its matchers from it
//! once. Lists added after the first release carry `#[serde(default)]` so an
//! older county file keeps loading.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::Result;

/// Where a title's holder sits in the administrative ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TitleLevel {
    /// 村/社区.
    Village,
    /// 镇/乡, and stations and offices under it.
    Town,
    /// 县 and its bureaus.
    County,
}

/// A group of titles of one level.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleSet {
    /// The level.
    pub level: TitleLevel,
    /// The titles as letters write them.
    pub names: Vec<String>,
}

/// The lexicon.
#[derive(Debug, Clone, Default)]
pub struct PeopleLexicon {
    /// Titles by level.
    pub titles: Vec<TitleSet>,
    /// One-character surnames.
    pub surnames_single: Vec<char>,
    /// Two-character surnames.
    pub surnames_compound: Vec<String>,
    /// Words marking an anonymous or collective petitioner.
    pub anonymous_markers: Vec<String>,
    /// Title as written → canonical title (村支书 → 村党支部书记).
    pub canonical: BTreeMap<String, String>,
    /// Characters that cannot be part of a given name (的, 在, 说 …).
    pub given_stop: Vec<char>,
    /// Words that start with a surname character but are not names (高度, 常年 …).
    pub not_names: Vec<String>,
    /// Words that typically follow a name and end it (利用, 伙同, 多次 …).
    pub name_followers: Vec<String>,
    /// Kinship words: a name after them is a relative, not an official.
    pub kinship: Vec<String>,
    /// Role words of people who handled a matter (经办人, 接待人 …).
    pub handler_roles: Vec<String>,
    /// Words for ordinary people (村民, 群众 …): named, never accused.
    pub villager_words: Vec<String>,
    /// Cues before an official's mention, in the same clause, showing the
    /// petitioner reported to them (向, 找到 …).
    pub handler_before: Vec<String>,
    /// Cues right after an official's name showing they handled the matter
    /// (调查, 答复 …).
    pub handler_after: Vec<String>,
    /// Cues of wrongdoing; an official in the same clause is accused.
    pub accusation_cues: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    titles: Vec<TitleSet>,
    surnames_single: String,
    surnames_compound: Vec<String>,
    anonymous_markers: Vec<String>,
    #[serde(default)]
    canonical: BTreeMap<String, String>,
    #[serde(default)]
    given_stop: String,
    #[serde(default)]
    not_names: Vec<String>,
    #[serde(default)]
    name_followers: Vec<String>,
    #[serde(default)]
    kinship: Vec<String>,
    #[serde(default)]
    handler_roles: Vec<String>,
    #[serde(default)]
    villager_words: Vec<String>,
    #[serde(default)]
    handler_before: Vec<String>,
    #[serde(default)]
    handler_after: Vec<String>,
    #[serde(default)]
    accusation_cues: Vec<String>,
}

fn chars_of(s: &str) -> Vec<char> {
    let mut v: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

pub(crate) fn parse(text: &str, what: &str) -> Result<PeopleLexicon> {
    let f: File = crate::parse_toml(text, what)?;
    Ok(PeopleLexicon {
        titles: f.titles,
        surnames_single: chars_of(&f.surnames_single),
        surnames_compound: f.surnames_compound,
        anonymous_markers: f.anonymous_markers,
        canonical: f.canonical,
        given_stop: chars_of(&f.given_stop),
        not_names: f.not_names,
        name_followers: f.name_followers,
        kinship: f.kinship,
        handler_roles: f.handler_roles,
        villager_words: f.villager_words,
        handler_before: f.handler_before,
        handler_after: f.handler_after,
        accusation_cues: f.accusation_cues,
    })
}

impl PeopleLexicon {
    /// Every title with its level, longest first, as matchers want them.
    pub fn titles_longest_first(&self) -> Vec<(String, TitleLevel)> {
        let mut all: Vec<(String, TitleLevel)> = self
            .titles
            .iter()
            .flat_map(|s| s.names.iter().map(move |n| (n.clone(), s.level)))
            .collect();
        all.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then(a.0.cmp(&b.0))
        });
        all.dedup_by(|a, b| a.0 == b.0);
        all
    }

    /// The canonical form of a title; the title itself when none is listed.
    pub fn canonical_title<'a>(&'a self, title: &'a str) -> &'a str {
        self.canonical
            .get(title)
            .map(String::as_str)
            .unwrap_or(title)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_files_without_the_new_lists_still_load() {
        let old = "surnames_single = \"王 李\"\nsurnames_compound = [\"欧阳\"]\nanonymous_markers = [\"匿名\"]\n\
                   [[titles]]\nlevel = \"village\"\nnames = [\"村支书\"]\n";
        let p = parse(old, "old").expect("parses");
        assert_eq!(p.surnames_single, vec!['李', '王']);
        assert!(p.canonical.is_empty());
        assert_eq!(p.canonical_title("村支书"), "村支书");
    }
}
