//! The contract's letter object, as search hits and list answers carry it.

use serde::Serialize;
use xinfang_ingest::record::{EightWs, Letter, Official, SourceRef};

/// A petitioner as the contract shows one.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PetitionerView {
    /// Name, or 匿名.
    pub name: String,
    /// Anonymous or collective.
    pub anonymous: bool,
}

/// The summary of a letter (`hits[]`, lists).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LetterSummary {
    /// Stable id.
    pub id: String,
    /// 信访编号.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// Title.
    pub title: String,
    /// Received date.
    pub received: Option<String>,
    /// forwarded / local.
    pub origin: Option<&'static str>,
    /// Batch.
    pub batch: String,
    /// Town.
    pub town: Option<String>,
    /// Village.
    pub village: Option<String>,
    /// Writers.
    pub petitioners: Vec<PetitionerView>,
    /// Accused officials.
    pub accused: Vec<Official>,
    /// Topics, main first.
    pub topics: Vec<String>,
    /// Disposition.
    pub disposition: Option<String>,
    /// simplified / traditional.
    pub script: xinfang_ingest::Script,
    /// Sources.
    pub sources: Vec<SourceRef>,
    /// Warnings carried from reading (e.g. undecodable characters).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl From<&Letter> for LetterSummary {
    fn from(l: &Letter) -> Self {
        LetterSummary {
            id: l.id.clone(),
            reference: l.reference.clone(),
            title: l.title.clone(),
            received: l.received.map(|d| d.format("%Y-%m-%d").to_string()),
            origin: l.origin.map(|o| o.as_str()),
            batch: l.batch.clone(),
            town: l.town.clone(),
            village: l.village.clone(),
            petitioners: l
                .petitioners
                .iter()
                .map(|p| PetitionerView {
                    name: p.name.clone(),
                    anonymous: p.anonymous,
                })
                .collect(),
            accused: l.accused.clone(),
            topics: l.topics.clone(),
            disposition: l.disposition.clone(),
            script: l.script,
            sources: l.sources.clone(),
            warnings: l.warnings.clone(),
        }
    }
}

/// The full letter (`GET /api/letters/{id}`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LetterDetail {
    /// The summary fields.
    #[serde(flatten)]
    pub summary: LetterSummary,
    /// Full text as written.
    pub text: String,
    /// 八何.
    pub fields: EightWs,
    /// Other people named (not accused).
    pub mentioned: Vec<xinfang_ingest::record::MentionedPerson>,
}

impl From<&Letter> for LetterDetail {
    fn from(l: &Letter) -> Self {
        LetterDetail {
            summary: l.into(),
            text: l.text.clone(),
            fields: l.fields.clone(),
            mentioned: l.mentioned.clone(),
        }
    }
}
