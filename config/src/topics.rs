//! The topic taxonomy: weighted keyword rules a commission can edit.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::{ConfigError, Result};

/// Topic rules.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// Minimum score of a main topic.
    pub main_min: f64,
    /// Minimum score of a secondary topic.
    pub secondary_min: f64,
    /// A secondary topic must also reach this share of the main topic's score.
    pub secondary_ratio: f64,
    /// At most this many secondary topics.
    pub max_secondary: usize,
    /// Label of letters matching no topic. A `[[topic]]` with this label may
    /// list cues of non-disciplinary matters (neighbour disputes, pensions):
    /// it competes as a main topic but is never a secondary one.
    pub fallback: String,
    /// Multiplier for the first sentence that carries a topic word: the first
    /// allegation is what the letter is about more often than later ones.
    pub first_weight: f64,
    /// Words that introduce a further matter (另外, 此外); from the sentence
    /// holding one (after the first allegation) words weigh `aside_weight`.
    pub aside_cues: Vec<String>,
    /// Multiplier for words in an aside (see `aside_cues`).
    pub aside_weight: f64,
    /// The topics, in file order (ties go to the earlier one).
    pub topics: Vec<Topic>,
}

/// One topic.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Label shown to users, e.g. 低保.
    pub label: String,
    /// Ledger 问题类别 values that map to this topic.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Keyword → weight. Negative weights count against the topic.
    pub keywords: BTreeMap<String, f64>,
    /// Phrase rules: every word of `all` in one sentence adds `weight`.
    #[serde(default, rename = "rule")]
    pub rules: Vec<TopicRule>,
}

/// A co-occurrence rule: words that together say more than each alone
/// (发展 + 党员 in one sentence is 发展党员 written apart).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicRule {
    /// Words that must all occur in one sentence.
    pub all: Vec<String>,
    /// Score added once when they do.
    pub weight: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    main_min: f64,
    secondary_min: f64,
    #[serde(default = "default_ratio")]
    secondary_ratio: f64,
    #[serde(default = "default_max_secondary")]
    max_secondary: usize,
    fallback: String,
    #[serde(default = "one")]
    first_weight: f64,
    #[serde(default)]
    aside_cues: Vec<String>,
    #[serde(default = "one")]
    aside_weight: f64,
    topic: Vec<Topic>,
}

/// Older taxonomy files have no position weights: 1.0 leaves scores as they were.
fn one() -> f64 {
    1.0
}

fn default_ratio() -> f64 {
    0.0
}

fn default_max_secondary() -> usize {
    usize::MAX
}

pub(crate) fn parse(text: &str, what: &str) -> Result<Taxonomy> {
    let f: File = crate::parse_toml(text, what)?;
    if f.topic.is_empty() {
        return Err(ConfigError::Invalid(format!(
            "{what}: no [[topic]] defined"
        )));
    }
    Ok(Taxonomy {
        main_min: f.main_min,
        secondary_min: f.secondary_min,
        secondary_ratio: f.secondary_ratio,
        max_secondary: f.max_secondary,
        fallback: f.fallback,
        first_weight: f.first_weight,
        aside_cues: f.aside_cues,
        aside_weight: f.aside_weight,
        topics: f.topic,
    })
}

impl Taxonomy {
    /// All labels, the fallback last.
    pub fn labels(&self) -> Vec<String> {
        let mut v: Vec<String> = self.topics.iter().map(|t| t.label.clone()).collect();
        if !v.contains(&self.fallback) {
            v.push(self.fallback.clone());
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_file_without_position_weights_still_parses_and_scores_as_before() {
        let t = parse(
            "main_min = 2.0\nsecondary_min = 3.0\nfallback = \"其他\"\n\
             [[topic]]\nlabel = \"低保\"\n[topic.keywords]\n\"低保\" = 3\n",
            "test",
        )
        .expect("parse");
        assert_eq!(t.first_weight, 1.0);
        assert_eq!(t.aside_weight, 1.0);
        assert!(t.aside_cues.is_empty());
        assert_eq!(t.labels(), vec!["低保".to_string(), "其他".to_string()]);
    }

    #[test]
    fn position_weights_are_read_when_present() {
        let t = parse(
            "main_min = 2.0\nsecondary_min = 3.0\nfallback = \"其他\"\n\
             first_weight = 1.5\naside_cues = [\"另外\"]\naside_weight = 0.5\n\
             [[topic]]\nlabel = \"其他\"\n[topic.keywords]\n\"宅基地\" = 3\n",
            "test",
        )
        .expect("parse");
        assert_eq!(t.first_weight, 1.5);
        assert_eq!(t.aside_weight, 0.5);
        assert_eq!(t.aside_cues, vec!["另外".to_string()]);
        assert_eq!(t.labels(), vec!["其他".to_string()], "the fallback is listed once");
    }
}
