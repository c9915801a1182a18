//! `xinfang ingest`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::Args;
use xinfang_index::{Archive, IngestOptions, IngestSummary};
use xinfang_ingest::batch::collect_files;
use xinfang_ingest::Origin;

/// Arguments of `ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files and folders to ingest.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Batch label, e.g. 2019Q1 (default: the name of the first path).
    #[arg(long)]
    pub batch: Option<String>,
    /// forwarded (上级转办) or local (本级受理); default: ledger rows and the
    /// files merged into them are forwarded, loose files local.
    #[arg(long, value_parser = parse_origin)]
    pub origin: Option<Origin>,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
}

fn parse_origin(s: &str) -> Result<Origin, String> {
    Origin::parse(s).ok_or_else(|| format!("`{s}` is not an origin: use forwarded or local"))
}

/// The default batch label: the first path's own name (2019Q1 for
/// `intake/2019Q1`).
pub fn default_batch(paths: &[PathBuf]) -> String {
    paths
        .first()
        .and_then(|p| {
            let p = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            let name = if p.is_file() {
                p.parent().and_then(|d| d.file_name()).map(|n| n.to_string_lossy().into_owned())
            } else {
                p.file_name().map(|n| n.to_string_lossy().into_owned())
            };
            name.filter(|n| !n.is_empty())
        })
        .unwrap_or_else(|| chrono::Local::now().format("%Y-%m-%d").to_string())
}

/// Collects the paths and ingests them with a progress bar on a terminal
/// and plain log lines otherwise.
pub fn ingest_paths(archive: &Archive, paths: &[PathBuf], batch: &str, origin: Option<Origin>, quiet: bool) -> anyhow::Result<IngestSummary> {
    let (files, errors, warnings) = collect_files(paths);
    let total = files.len();
    let done = AtomicUsize::new(0);
    let bar = if !quiet && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(total as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_bar} {elapsed}") {
            bar.set_style(style);
        }
        Some(bar)
    } else {
        None
    };
    let step = (total / 10).max(50);
    let progress = || {
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        match &bar {
            Some(b) => b.inc(1),
            None => {
                if n % step == 0 || n == total {
                    tracing::info!(target: "ingest::progress", read = n, total, "reading files");
                }
            }
        }
    };
    let summary = archive.ingest(
        files,
        errors,
        warnings,
        &IngestOptions {
            batch: batch.to_string(),
            origin,
        },
        &progress,
    )?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(summary)
}

/// Prints a summary for a clerk.
pub fn print_summary(s: &IngestSummary) {
    say!("batch {}: {} files seen, {} ingested, {} unchanged, {} rejected", s.batch, s.files_seen, s.files_ingested, s.files_unchanged, s.files_failed);
    say!("letters: {} added, {} updated, {} in the archive", s.letters_added, s.letters_updated, s.letters_total);
    if !s.errors.is_empty() {
        say!("\nrejected files:");
        for e in &s.errors {
            say!("  {}: {}", e.path, e.error);
        }
    }
    if !s.warnings.is_empty() {
        say!("\nwarnings:");
        for w in &s.warnings {
            say!("  {}: {}", w.path, w.warning);
        }
    }
}
