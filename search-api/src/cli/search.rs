//! `xinfang search`.

use chrono::NaiveDate;
use clap::Args;
use xinfang_index::{Archive, SearchRequest, SearchResponse, SortOrder};

/// Arguments of `search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words and "quoted phrases" (empty: everything the filters let through).
    #[arg(default_value = "")]
    pub query: String,
    /// Town (乡镇).
    #[arg(long)]
    pub town: Option<String>,
    /// Village (村).
    #[arg(long)]
    pub village: Option<String>,
    /// A person in any role.
    #[arg(long)]
    pub person: Option<String>,
    /// An accused official.
    #[arg(long)]
    pub official: Option<String>,
    /// Topic label.
    #[arg(long)]
    pub topic: Option<String>,
    /// Received on or after (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    pub from: Option<NaiveDate>,
    /// Received on or before (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    pub to: Option<NaiveDate>,
    /// Sort by relevance or date.
    #[arg(long, default_value = "relevance", value_parser = ["relevance", "date"])]
    pub sort: String,
    /// How many hits.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Skip this many hits.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print the same JSON as /api/search.
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("`{s}` is not a date: use YYYY-MM-DD"))
}

impl SearchArgs {
    /// The index request.
    pub fn request(&self) -> SearchRequest {
        SearchRequest {
            q: self.query.clone(),
            town: self.town.clone(),
            village: self.village.clone(),
            person: self.person.clone(),
            official: self.official.clone(),
            topic: self.topic.clone(),
            from: self.from,
            to: self.to,
            sort: if self.sort == "date" { SortOrder::Date } else { SortOrder::Relevance },
            limit: self.limit.clamp(1, 1000),
            offset: self.offset,
            ..Default::default()
        }
    }
}

/// Runs the search and prints it.
pub fn run(archive: &Archive, args: &SearchArgs) -> anyhow::Result<()> {
    let res = archive.search(&args.request())?;
    if args.json {
        say!("{}", serde_json::to_string_pretty(&res)?);
    } else {
        print_readable(&res);
    }
    Ok(())
}

fn print_readable(res: &SearchResponse) {
    say!("{} letters", res.total);
    for h in &res.hits {
        let l = &h.letter;
        let place = [l.town.as_deref(), l.village.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        let petitioners = l.petitioners.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("、");
        let accused = l
            .accused
            .iter()
            .map(|a| if a.title.is_empty() { a.name.clone() } else { format!("{}({})", a.name, a.title) })
            .collect::<Vec<_>>()
            .join("、");
        say!("");
        say!(
            "{}  {}  {}",
            l.received.as_deref().unwrap_or("----------"),
            l.reference.as_deref().unwrap_or("(无编号)"),
            l.title
        );
        say!("    {place}  信访人: {petitioners}  被反映人: {accused}  [{}]", l.topics.join(","));
        let snippet = h.snippet.replace("<em>", "【").replace("</em>", "】").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'");
        say!("    {snippet}");
        let sources = l
            .sources
            .iter()
            .map(|s| match (s.sheet.as_deref(), s.row) {
                (Some(sheet), Some(row)) => format!("{} [{sheet}] 第{row}行", s.path),
                _ => s.path.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ");
        say!("    id {}  {sources}", l.id);
    }
}
