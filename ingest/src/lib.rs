//! Reads intake files into letter records.
//!
//! Flow: [`batch::collect_files`] walks the folders, [`batch::Reader`] reads
//! each file's bytes in parallel ([`formats`]: text in any encoding, PDF, docx,
//! spreadsheet and CSV ledgers) into [`record::LetterPart`]s, and
//! [`assemble::assemble`] turns the parts of one letter into a
//! [`record::Letter`] with the [`extract::Extractor`]'s people, places, dates,
//! topics and 八何 fields. This crate does no network IO and writes nothing.

pub mod assemble;
pub mod batch;
pub mod dates;
pub mod decode;
pub mod extract;
pub mod formats;
pub mod record;
pub mod refs;
pub mod text;

pub use assemble::{assemble, letter_id, letter_key, merge_part};
pub use batch::{BatchOptions, FileIssue, FileOutcome, InputData, InputFile, ReadFile, Reader};
pub use extract::Extractor;
pub use record::{Letter, LetterPart, Origin, Script, SourceKind, SourceRef};

/// Errors of this crate that are not about one file (those are strings in
/// [`batch::FileOutcome::Failed`]).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// A configured reference pattern does not compile.
    #[error(transparent)]
    Pattern(#[from] refs::PatternError),
}
