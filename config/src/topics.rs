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
    /// Label of letters matching no topic.
    pub fallback: String,
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
    topic: Vec<Topic>,
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
