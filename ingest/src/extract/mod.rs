//! Field and entity extraction: people, places, dates, topics and the 八何 record.
//!
//! The [`Extractor`] is built once from the configuration (gazetteer, title
//! lexicon, surnames, taxonomy) and shared by all workers. It combines what a
//! ledger row says (which wins where present) with what the letter text says.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use xinfang_config::Config;

use crate::record::{EightWs, LedgerRow, MentionedPerson, Official, Petitioner, Sensitive};

/// Everything the extractor looks at for one letter.
#[derive(Debug, Clone, Copy)]
pub struct ExtractInput<'a> {
    /// The letter text, cleaned (`text::clean`), original script; may be empty
    /// for a ledger row with no file.
    pub text: &'a str,
    /// Labelled fields of forms and web exports.
    pub labels: &'a BTreeMap<String, String>,
    /// The ledger row, when the letter has one.
    pub ledger: Option<&'a LedgerRow>,
}

/// What the extractor found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    /// A short title.
    pub title: String,
    /// Received or written date.
    pub received: Option<NaiveDate>,
    /// Town, gazetteer name.
    pub town: Option<String>,
    /// Village, gazetteer name.
    pub village: Option<String>,
    /// Writers.
    pub petitioners: Vec<Petitioner>,
    /// Accused officials.
    pub accused: Vec<Official>,
    /// Other people named.
    pub mentioned: Vec<MentionedPerson>,
    /// Topics, main first.
    pub topics: Vec<String>,
    /// 即时答复 / 限时办结 / 移送线索.
    pub disposition: Option<String>,
    /// 八何.
    pub fields: EightWs,
    /// Phones and ID numbers.
    pub sensitive: Sensitive,
}

/// The extractor; cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    towns: Vec<(String, Vec<String>)>,
    villages: Vec<(String, String, Vec<String>)>,
    fallback_topic: String,
}

impl Extractor {
    /// Builds the extractor from the configuration.
    pub fn new(config: &Config) -> Extractor {
        let towns = config
            .gazetteer
            .towns
            .iter()
            .map(|t| (t.name.clone(), t.aliases.clone()))
            .collect();
        let villages = config
            .gazetteer
            .towns
            .iter()
            .flat_map(|t| {
                t.villages
                    .iter()
                    .map(move |v| (v.name.clone(), t.name.clone(), v.aliases.clone()))
            })
            .collect();
        Extractor {
            towns,
            villages,
            fallback_topic: config.taxonomy.fallback.clone(),
        }
    }

    /// Extracts one letter.
    pub fn extract(&self, input: &ExtractInput<'_>) -> Extraction {
        let folded = crate::text::fold(input.text);
        let mut ex = Extraction {
            title: input
                .ledger
                .and_then(|l| l.summary.clone())
                .unwrap_or_else(|| input.text.chars().take(40).collect()),
            received: input.ledger.and_then(|l| l.received),
            ..Default::default()
        };
        if let Some((v, t, _)) = self.villages.iter().find(|(v, _, _)| folded.contains(v.as_str())) {
            ex.village = Some(v.clone());
            ex.town = Some(t.clone());
        } else if let Some((t, _)) = self.towns.iter().find(|(t, _)| folded.contains(t.as_str())) {
            ex.town = Some(t.clone());
        }
        ex.topics = vec![self.fallback_topic.clone()];
        ex
    }
}
