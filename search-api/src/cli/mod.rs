//! The `xinfang` command line: argument types and the commands' bodies.
//!
//! Every command opens the archive in the data folder, does one thing and
//! prints either readable text or, with `--json`, exactly the JSON the HTTP
//! API answers, so scripts can use either.

/// Prints a line to stdout; a closed pipe (`| head`) ends the process quietly
/// instead of panicking.
macro_rules! say {
    ($($t:tt)*) => { $crate::cli::write_line(format_args!($($t)*)) };
}

pub mod analysis;
pub mod ingest;
pub mod people;
pub mod reclassify;
pub mod search;
pub mod serve;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use xinfang_config::Config;
use xinfang_index::Archive;

pub use ingest::{ingest_paths, IngestArgs};
pub use search::SearchArgs;

/// xinfang: petition letters (信访举报) into something a meeting can work from.
#[derive(Debug, Parser)]
#[command(name = "xinfang", version, about)]
pub struct Cli {
    /// Data folder holding the archive.
    #[arg(long, global = true, env = "XINFANG_DATA", default_value = "./xinfang-data")]
    pub data: PathBuf,
    /// Settings file layered over the built-in defaults.
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest files and folders (recursively) as one batch.
    Ingest(IngestArgs),
    /// Search letters.
    Search(SearchArgs),
    /// Everyone of that name: letters written, letters accusing them, places and titles (一人一档).
    Person {
        /// The name, in either script.
        name: String,
        /// Print the same JSON as /api/persons.
        #[arg(long)]
        json: bool,
    },
    /// Officials ranked by the letters naming them.
    Officials(people::OfficialsArgs),
    /// Repeat groups; with --batch, that batch's repeats against the whole archive.
    Repeats {
        /// Batch label.
        #[arg(long)]
        batch: Option<String>,
        /// Print the same JSON as /api/repeats.
        #[arg(long)]
        json: bool,
        /// Write the batch's repeat list for the screening meeting to this .xlsx file (needs --batch).
        #[arg(long, value_name = "FILE", requires = "batch")]
        xlsx: Option<std::path::PathBuf>,
    },
    /// Taxonomy counts and discovered clusters.
    Topics {
        /// Print the same JSON as /api/topics.
        #[arg(long)]
        json: bool,
    },
    /// Re-classify every stored letter with the configured taxonomy (no file is re-read).
    Reclassify {
        /// Print the summary as JSON, with per-topic counts before and after.
        #[arg(long)]
        json: bool,
    },
    /// Counts per month or week by topic, town, village or origin, with early warnings.
    Trends(analysis::TrendsArgs),
    /// The monthly analysis report (信访形势分析) as HTML or XLSX.
    Report {
        /// The month, YYYY-MM.
        #[arg(long)]
        month: String,
        /// Output file: .html or .xlsx.
        #[arg(long)]
        out: PathBuf,
    },
    /// Serve the HTTP API and web pages.
    Serve {
        /// Address to listen on (default from settings: 127.0.0.1:8080).
        #[arg(long)]
        bind: Option<String>,
    },
    /// Ingest the bundled sample intake into a fresh data folder and serve it.
    Demo {
        /// Address to listen on (default from settings: 127.0.0.1:8080).
        #[arg(long)]
        bind: Option<String>,
    },
}

/// Exit status of a finished command (the contract's ingest codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything done.
    Ok,
    /// Done, but some files were rejected.
    Partial,
}

/// Loads the configuration (exit 1 on failure is the caller's job).
pub fn load_config(path: Option<&std::path::Path>) -> anyhow::Result<Arc<Config>> {
    let config = Config::load(path).context("cannot load the configuration")?;
    Ok(Arc::new(config))
}

/// Opens the archive in the data folder.
pub fn open_archive(data: &std::path::Path, config: Arc<Config>) -> anyhow::Result<Archive> {
    Archive::open(data, config).with_context(|| format!("cannot open the data folder {}", data.display()))
}

/// Writes one line to stdout, exiting quietly when the reader has gone.
pub fn write_line(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{args}").is_err() {
        std::process::exit(0);
    }
}
