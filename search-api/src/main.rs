//! The `xinfang` binary.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use xinfang_search_api::cli::{self, Cli, Command};

/// mimalloc returns freed memory to the system soon after a bulk ingest's
/// writer and repeat batch are done with it (glibc kept ~0.5 GB of them at
/// 200,000 letters), and its small allocations are cheaper (BENCHMARKS.md §1).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("XINFANG_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,xinfang=info,ingest=info,index=info,http=info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).try_init();
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = cli::load_config(cli.config.as_deref())?;
    match cli.command {
        Command::Ingest(args) => {
            let archive = cli::open_archive(&cli.data, config)?;
            // This process exits after the ingest: no query will use the repeat state.
            archive.set_keep_repeat_state(false);
            let batch = args.batch.clone().unwrap_or_else(|| cli::ingest::default_batch(&args.paths));
            let summary = cli::ingest_paths(&archive, &args.paths, &batch, args.origin, args.json)?;
            if args.json {
                cli::write_line(format_args!("{}", serde_json::to_string(&summary)?));
            } else {
                cli::ingest::print_summary(&summary);
            }
            Ok(if summary.files_failed > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
        }
        Command::Search(args) => {
            let archive = cli::open_archive(&cli.data, config)?;
            cli::search::run(&archive, &args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Person { name, json } => {
            let archive = cli::open_archive(&cli.data, config)?;
            cli::people::person(&archive, &name, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Officials(args) => {
            let archive = cli::open_archive(&cli.data, config)?;
            cli::people::officials(&archive, &args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Repeats { batch, json, xlsx } => {
            let archive = cli::open_archive(&cli.data, config)?;
            cli::analysis::repeats(&archive, batch.as_deref(), json, xlsx.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Topics { json } => {
            let archive = cli::open_archive(&cli.data, config)?;
            cli::analysis::topics(&archive, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Reclassify { json } => {
            // Reclassifying re-reads stored letters: a missing folder is a
            // mistyped --data, not an empty archive to create.
            if !cli.data.is_dir() {
                anyhow::bail!("no archive in {}: nothing to reclassify (run `xinfang ingest` first)", cli.data.display());
            }
            let archive = cli::open_archive(&cli.data, config)?;
            cli::reclassify::run(&archive, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Trends(args) => {
            let archive = cli::open_archive(&cli.data, config)?;
            cli::analysis::trends(&archive, &args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Report { month, out } => {
            let archive = cli::open_archive(&cli.data, config)?;
            cli::analysis::report(&archive, &month, &out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { bind } => {
            let archive = cli::open_archive(&cli.data, config.clone())?;
            let bind = bind.unwrap_or_else(|| config.settings.server.bind.clone());
            cli::serve::run(archive, config, &bind)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { bind } => {
            let samples = sample_intake();
            let data = tempdir_for_demo()?;
            eprintln!("demo: ingesting the sample intake from {} into {}", samples.display(), data.display());
            let archive = cli::open_archive(&data, config.clone())?;
            for (folder, origin) in [("2019Q1", None), ("2019Q2", None), ("local", Some(xinfang_ingest::Origin::Local))] {
                let path = samples.join(folder);
                if !path.is_dir() {
                    anyhow::bail!("the sample intake is missing {}; run from the repository", path.display());
                }
                let s = cli::ingest_paths(&archive, &[path], folder, origin, false)?;
                eprintln!(
                    "demo: batch {}: {} files, {} letters added, {} rejected",
                    s.batch, s.files_seen, s.letters_added, s.files_failed
                );
            }
            let bind = bind.unwrap_or_else(|| config.settings.server.bind.clone());
            cli::serve::run(archive, config, &bind)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The bundled sample intake: beside the binary's source tree.
fn sample_intake() -> PathBuf {
    let from_env = std::env::var_os("XINFANG_SAMPLES").map(PathBuf::from);
    from_env.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("samples").join("intake"))
}

fn tempdir_for_demo() -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("xinfang-demo-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
