//! `xinfang person` and `xinfang officials`.

use chrono::NaiveDate;
use clap::Args;
use xinfang_index::{Archive, OfficialsRequest};

/// Arguments of `officials`.
#[derive(Debug, Args)]
pub struct OfficialsArgs {
    /// Town (乡镇).
    #[arg(long)]
    pub town: Option<String>,
    /// Village (村).
    #[arg(long)]
    pub village: Option<String>,
    /// Letters received on or after (YYYY-MM-DD).
    #[arg(long, value_parser = super::search::parse_day)]
    pub from: Option<NaiveDate>,
    /// Letters received on or before (YYYY-MM-DD).
    #[arg(long, value_parser = super::search::parse_day)]
    pub to: Option<NaiveDate>,
    /// How many officials.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Print the same JSON as /api/officials.
    #[arg(long)]
    pub json: bool,
}

/// Prints every person of that name with their letters.
pub fn person(archive: &Archive, name: &str, json: bool) -> anyhow::Result<()> {
    let persons = archive.persons(name)?;
    if json {
        say!("{}", serde_json::to_string_pretty(&serde_json::json!({ "persons": persons }))?);
        return Ok(());
    }
    if persons.is_empty() {
        say!("no letter names {name}");
    }
    for p in &persons {
        let place = [p.town.as_deref(), p.village.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        say!("{}  {}  {}", p.name, if place.is_empty() { "(地点不详)" } else { &place }, p.titles.join("、"));
        say!(
            "    信访人 {} 件, 被反映 {} 件, 提及 {} 件; {} – {}",
            p.as_petitioner.len(),
            p.as_accused.len(),
            p.as_mentioned.len(),
            p.first_seen.as_deref().unwrap_or("?"),
            p.last_seen.as_deref().unwrap_or("?")
        );
        let topics = p.topics.iter().map(|(t, n)| format!("{t} {n}")).collect::<Vec<_>>().join(", ");
        say!("    问题类别: {topics}");
        for id in p.as_petitioner.iter().chain(&p.as_accused).chain(&p.as_mentioned) {
            if let Some(l) = archive.letter(id)? {
                say!("    {}  {}  {}", l.received.map(|d| d.to_string()).unwrap_or_else(|| "----------".into()), l.reference.as_deref().unwrap_or(&l.id), l.title);
            }
        }
        say!("");
    }
    Ok(())
}

/// Prints the officials named most.
pub fn officials(archive: &Archive, args: &OfficialsArgs) -> anyhow::Result<()> {
    let list = archive.officials(&OfficialsRequest {
        town: args.town.clone(),
        village: args.village.clone(),
        from: args.from,
        to: args.to,
        limit: args.limit.clamp(1, 1000),
    })?;
    if args.json {
        say!("{}", serde_json::to_string_pretty(&serde_json::json!({ "officials": list }))?);
        return Ok(());
    }
    for (i, o) in list.iter().enumerate() {
        let place = [o.town.as_deref(), o.village.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        let topics = o.topics.iter().map(|(t, n)| format!("{t} {n}")).collect::<Vec<_>>().join(", ");
        say!("{:>3}. {} {} {}  {} 件  [{}]", i + 1, o.name, o.titles.join("、"), place, o.letters, topics);
    }
    Ok(())
}
