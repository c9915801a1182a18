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
    /// Keyword → weight.
    pub keywords: BTreeMap<String, f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    main_min: f64,
    secondary_min: f64,
    fallback: String,
    topic: Vec<Topic>,
}

pub(crate) fn parse(text: &str, what: &str) -> Result<Taxonomy> {
    let f: File = crate::parse_toml(text, what)?;
    if f.topic.is_empty() {
        return Err(ConfigError::Invalid(format!("{what}: no [[topic]] defined")));
    }
    Ok(Taxonomy {
        main_min: f.main_min,
        secondary_min: f.secondary_min,
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
