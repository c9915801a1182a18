//! Reading one intake file's bytes into items: letter texts or ledger rows.
//!
//! The format is chosen by the (case-insensitive) extension and then checked
//! against the bytes, so an `.xlsx` that is really text is reported as such.
//! Every reader works from bytes, so uploads and files on disk share one path.
//! Errors are [`FormatError`]s written for a clerk; a reader never panics on
//! hostile input (and the batch driver catches a panic anyway).

use std::collections::BTreeMap;

use xinfang_config::LedgerColumns;

use crate::record::{PartContent, SourceKind};

mod docx;
mod html;
mod labels;
pub(crate) use labels::is_matter_label;
#[cfg(test)]
pub(crate) use labels::top_labels;
pub(crate) use ledger::split_names;
mod ledger;
mod pdf;
mod sheet;
mod text;

#[cfg(test)]
mod tests;

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
    #[error(
        "files of type .{0} are not read (expected .txt, .pdf, .docx, .xlsx, .xls, .ods or .csv)"
    )]
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
    #[error(
        "the {kind} expands to more than {limit} bytes when unpacked (possible zip bomb); not read"
    )]
    ZipBomb {
        /// docx, xlsx, ods.
        kind: String,
        /// The cap.
        limit: u64,
    },
    /// A document whose text is far longer than any letter: a data dump or
    /// a runaway export, whose people and places passes would take seconds.
    #[error(
        "the text is {chars} characters long, far more than any letter (at most {limit} characters are read as one letter); split it into its letters or check that it is not a data dump"
    )]
    TooMuchText {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        limit: usize,
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
    if bytes.is_empty() {
        return Err(FormatError::Empty);
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(FormatError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" => text::read(bytes, limits),
        "pdf" => pdf::read(bytes, limits),
        "docx" => docx::read(bytes, limits),
        "xlsx" | "xlsm" | "xls" | "ods" => sheet::read_workbook(&ext, bytes, limits, columns),
        "csv" => sheet::read_csv(bytes, columns),
        other => Err(FormatError::Unsupported(other.to_string())),
    }
}

/// The longest text read as one letter, in characters. A real letter is a
/// few thousand characters and a compiled PDF of many letters a few hundred
/// thousand; beyond this a "letter" is a data dump, and the people and
/// places passes over it (whose work grows with the square of the number of
/// names and places) would take seconds and hold hundreds of MB. Such a
/// file is rejected with its size rather than cut, since a cut dump is no
/// letter either. `Limits::max_text_chars` (the settings' cut) still
/// applies below this.
pub const MAX_LETTER_CHARS: usize = 500_000;

/// One document item (a letter file) with its text cut to the limit, or
/// [`FormatError::TooMuchText`] for a text far beyond any letter.
fn document(
    kind: SourceKind,
    text: String,
    labels: BTreeMap<String, String>,
    mut warnings: Vec<String>,
    limits: &Limits,
) -> Result<Item, FormatError> {
    check_letter_size(&text)?;
    let text = cut_text(text, limits.max_text_chars, &mut warnings);
    Ok(Item {
        kind,
        sheet: None,
        row: None,
        content: PartContent::Document { text, labels },
        warnings,
    })
}

/// Rejects a text of more than [`MAX_LETTER_CHARS`] characters, counting
/// no further than one past the limit.
fn check_letter_size(text: &str) -> Result<(), FormatError> {
    // Each char is at least one byte: a short byte length needs no count.
    if text.len() <= MAX_LETTER_CHARS || text.char_indices().nth(MAX_LETTER_CHARS).is_none() {
        return Ok(());
    }
    Err(FormatError::TooMuchText {
        chars: text.chars().count(),
        limit: MAX_LETTER_CHARS,
    })
}

/// Cuts `text` to `max` characters on a character boundary, with a warning.
fn cut_text(mut text: String, max: usize, warnings: &mut Vec<String>) -> String {
    if let Some((byte, _)) = text.char_indices().nth(max) {
        text.truncate(byte);
        warnings.push(format!("the text was cut at {max} characters"));
    }
    text
}

/// Zip containers (docx, xlsx, ods) start with a local file header.
fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// OLE compound files: legacy .doc/.xls, and password-protected OOXML.
fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// A password-protected OOXML file is an OLE container holding the streams
/// `EncryptionInfo` and `EncryptedPackage` (names in UTF-16LE).
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    is_ole(bytes) && bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// Describes bytes that are not what their extension says, for `WrongFormat`.
fn describe(bytes: &[u8]) -> String {
    if bytes.starts_with(b"%PDF") {
        "it is a PDF".into()
    } else if is_encrypted_ooxml(bytes) {
        "it is a password-protected Office file".into()
    } else if is_ole(bytes) {
        "it is an old Office 97-2003 file".into()
    } else if is_zip(bytes) {
        "it is a zip archive of another kind".into()
    } else if let Ok(head) = crate::decode::decode_text(&bytes[..bytes.len().min(4096)]) {
        let lower = head.text.trim_start().to_ascii_lowercase();
        if lower.starts_with("<?xml") && lower.contains("urn:schemas-microsoft-com:office:spreadsheet") {
            "it is an XML Spreadsheet 2003 file: open it in a spreadsheet program and save it as .xlsx".into()
        } else if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
            "it is a web page without a table".into()
        } else {
            "it is plain text".into()
        }
    } else {
        "unknown binary content".into()
    }
}

fn wrong_format(ext: &str, expected: &str, bytes: &[u8]) -> FormatError {
    FormatError::WrongFormat {
        ext: ext.to_string(),
        expected: expected.to_string(),
        found: describe(bytes),
    }
}

/// Checks every entry's declared uncompressed size against the cap before a
/// parser inflates anything, so a zip bomb is refused up front.
fn check_zip_sizes(bytes: &[u8], kind: &str, limit: u64) -> Result<(), FormatError> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| FormatError::Damaged {
            kind: kind.to_string(),
            detail: short(&e.to_string()),
        })?;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| FormatError::Damaged {
            kind: kind.to_string(),
            detail: short(&e.to_string()),
        })?;
        if entry.size() > limit {
            return Err(FormatError::ZipBomb {
                kind: kind.to_string(),
                limit,
            });
        }
    }
    Ok(())
}

/// A parser's message, shortened for a clerk's report.
fn short(msg: &str) -> String {
    const MAX: usize = 160;
    match msg.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &msg[..i]),
        None => msg.to_string(),
    }
}

/// Extensions xinfang reads; other files in a folder are skipped with a warning.
pub const EXTENSIONS: &[&str] = &["txt", "pdf", "docx", "xlsx", "xlsm", "xls", "ods", "csv"];
