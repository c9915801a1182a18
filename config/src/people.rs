//! Titles, surnames and anonymity markers used to find people in letters.

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
#[derive(Debug, Clone)]
pub struct PeopleLexicon {
    /// Titles by level.
    pub titles: Vec<TitleSet>,
    /// One-character surnames.
    pub surnames_single: Vec<char>,
    /// Two-character surnames.
    pub surnames_compound: Vec<String>,
    /// Words marking an anonymous or collective petitioner.
    pub anonymous_markers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    titles: Vec<TitleSet>,
    surnames_single: String,
    surnames_compound: Vec<String>,
    anonymous_markers: Vec<String>,
}

pub(crate) fn parse(text: &str, what: &str) -> Result<PeopleLexicon> {
    let f: File = crate::parse_toml(text, what)?;
    let mut single: Vec<char> = f.surnames_single.chars().filter(|c| !c.is_whitespace()).collect();
    single.sort_unstable();
    single.dedup();
    Ok(PeopleLexicon {
        titles: f.titles,
        surnames_single: single,
        surnames_compound: f.surnames_compound,
        anonymous_markers: f.anonymous_markers,
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
        all.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.0.cmp(&b.0)));
        all.dedup_by(|a, b| a.0 == b.0);
        all
    }
}
