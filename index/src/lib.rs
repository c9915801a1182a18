//! The letter archive: a tantivy index with Chinese tokenizers, upserts that
//! merge ledger rows with letter files, search with facets and snippets, and
//! the analyses built on it.
//!
//! `index` never parses files: it receives parts from `xinfang-ingest`.

mod archive;
mod facets;
pub mod people;
mod reclassify;
pub mod repeats;
mod repeat_service;
pub mod schema;
mod search;
pub mod trends;
pub mod clusters;
pub mod tokenizer;
pub mod view;

use std::path::PathBuf;

pub use repeats::{
    BatchView, Match, Reason, RepeatAnalysis, RepeatGroup, RepeatIndex, RepeatLetter, SimilarLetter,
};
pub use archive::{Archive, BatchInfo, IngestOptions, IngestSummary, PathError, PathWarning, RunRecord};
pub use search::{escape_html, mask_numbers, snippet, Facets, Hit, SearchRequest, SearchResponse, SortOrder};
pub use reclassify::{ReclassifySummary, TopicShift};
pub use people::{OfficialRank, OfficialsRequest, Person};
pub use view::{LetterDetail, LetterSummary};
pub use trends::{Alert, AlertRule, Interval, TopicCount, TrendBy, TrendPoint, TrendRequest, TrendResponse, TrendSeries};
pub use clusters::Cluster;
pub use repeat_service::{BatchLetter, RepeatStats, RepeatsAnswer};

/// Errors of the archive.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The data folder cannot be used.
    #[error("data folder {path} cannot be used: {message}")]
    DataDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// The index on disk was made by an incompatible version.
    #[error("the index in {path} was made by another version of xinfang; move it away and ingest again")]
    SchemaMismatch {
        /// The index folder.
        path: PathBuf,
    },
    /// Another process is writing the archive.
    #[error("the archive is being written by another xinfang process; try again when it finishes")]
    Busy,
    /// A request parameter is invalid (a user error, HTTP 400).
    #[error("invalid parameter `{param}`: {message}")]
    BadParam {
        /// The parameter's name.
        param: String,
        /// What is wrong.
        message: String,
    },
    /// Stored data could not be read back.
    #[error("the archive is damaged: {0}")]
    Corrupt(String),
    /// The configuration is unusable.
    #[error(transparent)]
    Ingest(#[from] xinfang_ingest::IngestError),
    /// tantivy failed.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl From<tantivy::query::QueryParserError> for IndexError {
    fn from(e: tantivy::query::QueryParserError) -> Self {
        IndexError::BadParam {
            param: "q".into(),
            message: e.to_string(),
        }
    }
}

/// Result alias of this crate.
pub type Result<T> = std::result::Result<T, IndexError>;
