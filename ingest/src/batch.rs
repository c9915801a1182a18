//! Reading a batch of files in parallel (rayon), one outcome per file.
//!
//! A bad file never stops the batch: every failure, including a parser panic,
//! becomes that file's error with a reason a clerk understands, and the other
//! files go on. Files whose bytes were ingested before are recognised by their
//! SHA-256 and not parsed again.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use xinfang_config::Config;

use crate::formats::{self, FormatError, Limits};
use crate::record::{LetterPart, Origin, PartContent, SourceRef};
use crate::refs::RefFinder;

/// One file to read: its display path (relative to the argument it was found
/// under, `/`-separated) and where its bytes are.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// Path as reported in `sources[].path` and `errors[].path`.
    pub rel: String,
    /// The bytes' location.
    pub data: InputData,
}

/// Where an input file's bytes are.
#[derive(Debug, Clone)]
pub enum InputData {
    /// On disk.
    Path(PathBuf),
    /// Already in memory (an upload).
    Bytes(Vec<u8>),
}

/// A problem with one path, for the summary's `errors` or `warnings`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileIssue {
    /// The file's display path.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// What reading one file gave.
#[derive(Debug, Clone)]
pub enum FileOutcome {
    /// Same bytes as a file ingested before: nothing to do.
    Unchanged,
    /// Read: its parts (one per letter) and warnings about the file.
    Read {
        /// Parts, one per letter.
        parts: Vec<LetterPart>,
        /// Warnings about the whole file.
        warnings: Vec<String>,
    },
    /// Could not be read.
    Failed(String),
}

/// One file's result.
#[derive(Debug, Clone)]
pub struct ReadFile {
    /// Display path.
    pub rel: String,
    /// SHA-256 of the bytes (empty when they could not be read).
    pub hash: String,
    /// The outcome.
    pub outcome: FileOutcome,
}

/// Settings of one ingest run.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Batch label.
    pub batch: String,
    /// Origin forced for every letter of the run.
    pub origin: Option<Origin>,
    /// Timestamp recorded on parts (RFC 3339).
    pub ingested_at: String,
}

/// Walks the given paths (files and folders, recursively, in a stable order)
/// into input files. Paths that do not exist, and files of types xinfang does
/// not read, are returned as issues: the first as errors, the second as warnings.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<FileIssue>, Vec<FileIssue>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for arg in paths {
        let meta = match std::fs::metadata(arg) {
            Ok(m) => m,
            Err(e) => {
                errors.push(FileIssue {
                    path: arg.display().to_string(),
                    message: format!("cannot open: {}", io_reason(&e)),
                });
                continue;
            }
        };
        if meta.is_file() {
            let rel = arg
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| arg.display().to_string());
            files.push(InputFile {
                rel,
                data: InputData::Path(arg.clone()),
            });
            continue;
        }
        let walker = walkdir::WalkDir::new(arg).follow_links(false).sort_by_file_name();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e
                        .path()
                        .map(|p| rel_path(arg, p))
                        .unwrap_or_else(|| arg.display().to_string());
                    let reason = e.io_error().map(io_reason).unwrap_or_else(|| e.to_string());
                    errors.push(FileIssue {
                        path,
                        message: format!("cannot open: {reason}"),
                    });
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = rel_path(arg, entry.path());
            let name = entry.file_name().to_string_lossy();
            if name.starts_with('.') || name.starts_with("~$") {
                continue;
            }
            let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
            if !formats::EXTENSIONS.contains(&ext.as_str()) {
                warnings.push(FileIssue {
                    path: rel,
                    message: warning_or(ext.is_empty()),
                });
                continue;
            }
            files.push(InputFile {
                rel,
                data: InputData::Path(entry.into_path()),
            });
        }
    }
    (files, errors, warnings)
}

#[allow(non_snake_case)]
fn warning_or(no_ext: bool) -> String {
    if no_ext {
        "skipped: the file has no extension, so its type is unknown".to_string()
    } else {
        "skipped: not a type xinfang reads (.txt, .pdf, .docx, .xlsx, .xls, .ods, .csv)".to_string()
    }
}

fn rel_path(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p);
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.is_empty() {
        p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    } else {
        parts.join("/")
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied (the file cannot be read by this user)".into(),
        _ => e.to_string(),
    }
}

/// The reader: configuration resolved once for the whole batch.
pub struct Reader {
    limits: Limits,
    config: Config,
    refs: RefFinder,
}

impl Reader {
    /// Builds a reader from the configuration.
    pub fn new(config: &Config) -> Result<Reader, crate::IngestError> {
        let s = &config.settings.ingest;
        Ok(Reader {
            limits: Limits {
                max_file_bytes: s.max_file_bytes,
                max_decompressed_bytes: s.max_decompressed_bytes,
                max_text_chars: s.max_text_chars,
            },
            config: config.clone(),
            refs: RefFinder::new(&s.ref_patterns)?,
        })
    }

    /// Reads all files in parallel. `is_known(hash)` says whether bytes with
    /// this SHA-256 were ingested before; `progress` is called once per file.
    pub fn read_all(
        &self,
        files: Vec<InputFile>,
        opts: &BatchOptions,
        is_known: &(dyn Fn(&str) -> bool + Sync),
        progress: &(dyn Fn() + Sync),
    ) -> Vec<ReadFile> {
        files
            .into_par_iter()
            .map(|f| {
                let r = self.read_one(f, opts, is_known);
                progress();
                r
            })
            .collect()
    }

    fn read_one(&self, file: InputFile, opts: &BatchOptions, is_known: &(dyn Fn(&str) -> bool + Sync)) -> ReadFile {
        let locator = match &file.data {
            InputData::Path(p) => std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()).to_string_lossy().into_owned(),
            InputData::Bytes(_) => format!("upload:{}/{}", opts.batch, file.rel),
        };
        let bytes = match file.data {
            InputData::Bytes(b) => b,
            InputData::Path(p) => match read_capped(&p, self.limits.max_file_bytes) {
                Ok(b) => b,
                Err(message) => {
                    return ReadFile {
                        rel: file.rel,
                        hash: String::new(),
                        outcome: FileOutcome::Failed(message),
                    }
                }
            },
        };
        let hash = hex::encode(Sha256::digest(&bytes));
        if is_known(&hash) {
            return ReadFile {
                rel: file.rel,
                hash,
                outcome: FileOutcome::Unchanged,
            };
        }
        let name = file.rel.rsplit('/').next().unwrap_or(&file.rel).to_string();
        let parsed = catch_unwind(AssertUnwindSafe(|| {
            formats::read_bytes(&name, &bytes, &self.limits, &self.config.ledger_columns)
        }));
        let content = match parsed {
            Ok(Ok(c)) => c,
            Ok(Err(e)) => {
                tracing::info!(target: "ingest::read", path = %file.rel, "file rejected");
                return ReadFile {
                    rel: file.rel,
                    hash,
                    outcome: FileOutcome::Failed(e.to_string()),
                };
            }
            Err(_) => {
                tracing::warn!(target: "ingest::read", path = %file.rel, "parser panicked; file rejected");
                return ReadFile {
                    rel: file.rel,
                    hash,
                    outcome: FileOutcome::Failed(
                        FormatError::Damaged {
                            kind: "file".into(),
                            detail: "the reader failed on its contents (malformed structure)".into(),
                        }
                        .to_string(),
                    ),
                };
            }
        };
        let name_refs = self.refs.in_file_name(&file.rel);
        let parts = content
            .items
            .into_iter()
            .map(|item| {
                let refs = match &item.content {
                    PartContent::Ledger(row) => row
                        .reference
                        .as_deref()
                        .and_then(crate::refs::normalize_ref)
                        .into_iter()
                        .collect(),
                    PartContent::Document { text, labels } => {
                        let mut refs = name_refs.clone();
                        for v in labels.iter().filter(|(k, _)| k.contains("编号") || k.contains("件号")).map(|(_, v)| v) {
                            if let Some(r) = crate::refs::normalize_ref(v) {
                                if !refs.contains(&r) {
                                    refs.push(r);
                                }
                            }
                        }
                        for r in self.refs.in_text(text) {
                            if !refs.contains(&r) {
                                refs.push(r);
                            }
                        }
                        refs
                    }
                };
                LetterPart {
                    source: SourceRef {
                        path: file.rel.clone(),
                        kind: item.kind,
                        sheet: item.sheet,
                        row: item.row,
                    },
                    locator: locator.clone(),
                    file_hash: hash.clone(),
                    batch: opts.batch.clone(),
                    origin: opts.origin,
                    refs,
                    content: item.content,
                    warnings: item.warnings,
                    ingested_at: opts.ingested_at.clone(),
                }
            })
            .collect();
        ReadFile {
            rel: file.rel,
            hash,
            outcome: FileOutcome::Read {
                parts,
                warnings: content.warnings,
            },
        }
    }
}

fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot open: {}", io_reason(&e)))?;
    if meta.len() > limit {
        return Err(FormatError::TooLarge {
            size: meta.len(),
            limit,
        }
        .to_string());
    }
    std::fs::read(path).map_err(|e| format!("cannot read: {}", io_reason(&e)))
}
