//! Reading one intake file's bytes into items: letter texts or ledger rows.
//!
//! The format is chosen by the (case-insensitive) extension and then checked
//! against the bytes, so an `.xlsx` that is really text is reported as such.
//! Every reader works from bytes, so uploads and files on disk share one path.
//! Errors are [`FormatError`]s written for a clerk; a reader never panics on
//! hostile input (and the batch driver catches a panic anyway).

use xinfang_config::LedgerColumns;

use crate::record::{PartContent, SourceKind};

/// Limits that protect the process from hostile files.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Files larger than this are rejected unread.
    pub max_file_bytes: u64,
    /// Cap on one decompressed part of a zip container (docx, xlsx, ods).
    pub max_decompressed_bytes: u64,
    /// Texts are cut at this many characters, with a warning.
    pub max_text_chars: usize,
}

/// What kind of file it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Plain text.
    Text,
    /// PDF.
    Pdf,
    /// Word document.
    Docx,
    /// A spreadsheet or CSV ledger.
    Ledger,
}

/// One letter's worth of content found in a file.
#[derive(Debug, Clone)]
pub struct Item {
    /// Source kind for the contract's `sources[].kind`.
    pub kind: SourceKind,
    /// Sheet name, for ledger rows.
    pub sheet: Option<String>,
    /// 1-based row number as a spreadsheet shows it, for ledger rows.
    pub row: Option<u32>,
    /// The content.
    pub content: PartContent,
    /// Warnings about this item only.
    pub warnings: Vec<String>,
}

/// The result of reading one file.
#[derive(Debug, Clone)]
pub struct FileContent {
    /// The format.
    pub kind: FileKind,
    /// Letters found: one for a letter file, one per data row for a ledger.
    pub items: Vec<Item>,
    /// Warnings about the whole file (e.g. a ledger with a header but no rows).
    pub warnings: Vec<String>,
}

/// Why a file could not be read, in words a clerk understands.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum FormatError {
    /// Zero bytes.
    #[error("the file is empty")]
    Empty,
    /// Over the size limit.
    #[error("the file is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Not a format xinfang reads.
    #[error("files of type .{0} are not read (expected .txt, .pdf, .docx, .xlsx, .xls, .ods or .csv)")]
    Unsupported(String),
    /// Binary content where text was expected.
    #[error("this is not a text file: {0}")]
    NotText(String),
    /// The extension promises a format the bytes do not have.
    #[error("the file is named .{ext} but is not a {expected} file ({found})")]
    WrongFormat {
        /// The extension.
        ext: String,
        /// What the extension promises.
        expected: String,
        /// What the bytes look like.
        found: String,
    },
    /// A password-protected document.
    #[error("the {0} is encrypted (password-protected); save an unprotected copy and ingest that")]
    Encrypted(String),
    /// A PDF with pages but no text.
    #[error("the PDF has no text layer — scanned image? Run OCR on it first")]
    NoTextLayer,
    /// Damaged or cut short.
    #[error("the {kind} is damaged or incomplete: {detail}")]
    Damaged {
        /// pdf, docx, spreadsheet …
        kind: String,
        /// What the parser said, shortened.
        detail: String,
    },
    /// A compressed part expands beyond the cap.
    #[error("the {kind} expands to more than {limit} bytes when unpacked (possible zip bomb); not read")]
    ZipBomb {
        /// docx, xlsx, ods.
        kind: String,
        /// The cap.
        limit: u64,
    },
    /// A spreadsheet with no recognisable ledger header.
    #[error("no ledger header found: {0}")]
    NoHeader(String),
}

/// Reads one file's bytes. `name` is the file name (for the extension and
/// for reference numbers in it); `columns` maps ledger headers.
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    limits: &Limits,
    columns: &LedgerColumns,
) -> Result<FileContent, FormatError> {
    let _ = columns;
    if bytes.is_empty() {
        return Err(FormatError::Empty);
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(FormatError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "txt" => {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| FormatError::NotText("not UTF-8".into()))?
                .to_string();
            Ok(FileContent {
                kind: FileKind::Text,
                items: vec![Item {
                    kind: SourceKind::Txt,
                    sheet: None,
                    row: None,
                    content: PartContent::Document {
                        text,
                        labels: Default::default(),
                    },
                    warnings: vec![],
                }],
                warnings: vec![],
            })
        }
        other => Err(FormatError::Unsupported(other.to_string())),
    }
}

/// Extensions xinfang reads; other files in a folder are skipped with a warning.
pub const EXTENSIONS: &[&str] = &["txt", "pdf", "docx", "xlsx", "xlsm", "xls", "ods", "csv"];
