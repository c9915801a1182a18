//! `xinfang repeats`, `topics`, `trends` and `report`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Args;
use xinfang_index::{Archive, Interval, TrendBy, TrendRequest};

/// Arguments of `trends`.
#[derive(Debug, Args)]
pub struct TrendsArgs {
    /// topic, town, village or origin.
    #[arg(long, default_value = "topic")]
    pub by: String,
    /// month or week.
    #[arg(long, default_value = "month")]
    pub interval: String,
    /// Received on or after (YYYY-MM-DD).
    #[arg(long, value_parser = super::search::parse_day)]
    pub from: Option<NaiveDate>,
    /// Received on or before (YYYY-MM-DD).
    #[arg(long, value_parser = super::search::parse_day)]
    pub to: Option<NaiveDate>,
    /// Print the same JSON as /api/trends.
    #[arg(long)]
    pub json: bool,
}

/// Prints repeat groups, or one batch's repeats against the archive; with
/// `xlsx`, writes the batch's repeat list for the screening meeting.
pub fn repeats(archive: &Archive, batch: Option<&str>, json: bool, xlsx: Option<&Path>) -> anyhow::Result<()> {
    if let Some(path) = xlsx {
        let Some(batch) = batch else {
            anyhow::bail!("--xlsx needs --batch LABEL");
        };
        let rows = archive.batch_repeat_list(batch)?;
        if rows.is_empty() {
            anyhow::bail!("no letters in batch {batch}");
        }
        let view = archive.batch_repeat_view(batch)?;
        crate::report::repeats_xlsx::write_repeats_xlsx(&view, &rows, path)?;
        say!("{}: {}", path.display(), crate::report::repeats_xlsx::summary_line(&view));
        return Ok(());
    }
    let answer = archive.repeats(batch, None, None)?;
    if json {
        say!("{}", serde_json::to_string_pretty(&answer)?);
        return Ok(());
    }
    if let Some(view) = &answer.batch {
        say!("{}", view.summary);
    }
    say!("{} repeat groups, {} repeating letters", answer.groups.len(), answer.letters.len());
    for g in &answer.groups {
        say!(
            "{}  {} – {}  信访人 {}  被反映人 {}  letters {}  new issue {}",
            g.id,
            g.first.map(|d| d.to_string()).unwrap_or_default(),
            g.last.map(|d| d.to_string()).unwrap_or_default(),
            g.petitioners.join("、"),
            g.accused.join("、"),
            g.letter_ids.join(" "),
            g.new_issue_letter_ids.join(" ")
        );
    }
    Ok(())
}

/// Prints taxonomy counts and discovered clusters.
pub fn topics(archive: &Archive, json: bool) -> anyhow::Result<()> {
    let taxonomy = archive.topic_counts(None, None)?;
    let clusters = archive.clusters(None, None)?;
    if json {
        say!("{}", serde_json::to_string_pretty(&serde_json::json!({ "taxonomy": taxonomy, "clusters": clusters }))?);
        return Ok(());
    }
    for t in &taxonomy {
        say!("{:<8} {:>5}", t.label, t.letters);
    }
    say!("");
    for c in &clusters {
        say!("{} ({} letters): {}", c.id, c.letters, c.keywords.join("、"));
    }
    Ok(())
}

/// Prints counts per period and the alerts.
pub fn trends(archive: &Archive, args: &TrendsArgs) -> anyhow::Result<()> {
    let by: TrendBy = args.by.parse()?;
    let interval: Interval = args.interval.parse()?;
    let answer = archive.trends(&TrendRequest { by, interval, from: args.from, to: args.to })?;
    if args.json {
        say!("{}", serde_json::to_string_pretty(&answer)?);
        return Ok(());
    }
    for s in &answer.series {
        let points = s.points.iter().map(|p| format!("{} {}", p.period, p.count)).collect::<Vec<_>>().join(", ");
        say!("{}: {points}", s.key);
    }
    for a in &answer.alerts {
        say!("预警 {} {}: {} letters, baseline {:.1}, ratio {:.1}", a.key, a.period, a.count, a.baseline, a.ratio);
    }
    Ok(())
}

/// Writes the monthly report as HTML or XLSX (by the file's extension).
pub fn report(archive: &Archive, month: &str, out: &PathBuf) -> anyhow::Result<()> {
    let report = crate::report::monthly_report(archive, month)?;
    let ext = out.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "xlsx" => crate::report::write_xlsx(&report, out)?,
        "html" | "htm" => std::fs::write(out, crate::report::render_html(&report))?,
        _ => anyhow::bail!("--out must end in .html or .xlsx"),
    }
    say!("wrote {}", out.display());
    Ok(())
}
