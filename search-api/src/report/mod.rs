//! The monthly analysis report (信访形势分析, 分析研判): volume and its change,
//! forwarded against local letters, the share of each problem type, hot
//! towns and villages, the most-named officials, repeats and new issues, and
//! the month's early warnings.
//!
//! [`monthly_report`] gathers the numbers from fast fields (no letter text is
//! read, and no petitioner appears in the report); [`render_html`] prints a
//! self-contained A4 page and [`write_xlsx`] a workbook with native charts.
//! The repeat section comes from the repeat engine: letters received in the
//! month that repeat an earlier letter, split into new issues and pure
//! repeats.

mod html;
pub mod repeats_xlsx;
mod xlsx;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use xinfang_index::{Archive, IndexError, Interval, TrendBy, TrendRequest};

pub use html::render_html;
pub use xlsx::{write_xlsx, xlsx_bytes};

/// How many towns, villages and officials the report lists.
pub const TOP_N: usize = 10;

/// Errors of writing a report file.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The workbook could not be built or saved.
    #[error("cannot write the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// Letters of a month compared with another month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The other month, `YYYY-MM`.
    pub month: String,
    /// Its letters.
    pub letters: u64,
    /// This month minus that month.
    pub change: i64,
    /// Change in percent of that month (None when it had no letters).
    pub change_pct: Option<f64>,
}

/// A name with a count and its share of the month's letters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Share {
    /// Topic label, town or village.
    pub name: String,
    /// Town of a village (from the gazetteer), when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub town: Option<String>,
    /// Letters.
    pub letters: u64,
    /// Percent of the month's letters.
    pub share: f64,
}

/// An official and how many of the month's letters accuse them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficialCount {
    /// Name as indexed (simplified script).
    pub name: String,
    /// Letters.
    pub letters: u64,
}

/// One month of the volume line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthVolume {
    /// `YYYY-MM`.
    pub month: String,
    /// Letters received.
    pub letters: u64,
}

/// An early warning of the month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportAlert {
    /// `topic` or `town`.
    pub by: String,
    /// Topic label or town.
    pub key: String,
    /// Letters this month.
    pub count: u64,
    /// Baseline (median of earlier months, at least 1).
    pub baseline: f64,
    /// `count / baseline`.
    pub ratio: f64,
}

/// Repeats and new issues of the month, from the repeat engine (filled by
/// the caller; the report shows the section only when it is present).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RepeatSummary {
    /// Letters of the month that repeat an earlier letter (重复信访).
    pub repeat_letters: u64,
    /// Of those, letters with a new allegation (有新问题) — back to the clue-screening meeting.
    pub new_issue_letters: u64,
    /// Of those, pure repeats (没有新问题) — to review (复查复核).
    pub pure_repeat_letters: u64,
    /// Repeat groups with a letter this month.
    pub groups: u64,
}

/// The monthly report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthlyReport {
    /// County name (gazetteer).
    pub county: String,
    /// `YYYY-MM`.
    pub month: String,
    /// Letters received in the month.
    pub total: u64,
    /// Against the month before (环比).
    pub previous_month: Comparison,
    /// Against the same month a year before (同比).
    pub same_month_last_year: Comparison,
    /// 上级转办.
    pub forwarded: u64,
    /// 本级受理.
    pub local: u64,
    /// Origin not recorded.
    pub origin_unknown: u64,
    /// Main topics, every taxonomy label (zero included), most letters first.
    pub topics: Vec<Share>,
    /// Towns, most letters first (at most [`TOP_N`]).
    pub towns: Vec<Share>,
    /// Villages, most letters first (at most [`TOP_N`]).
    pub villages: Vec<Share>,
    /// Most-named officials (at most [`TOP_N`]).
    pub officials: Vec<OfficialCount>,
    /// The 12 months ending with this one.
    pub volume: Vec<MonthVolume>,
    /// Early warnings of the month, by topic and by town.
    pub alerts: Vec<ReportAlert>,
    /// Repeats and new issues, when the caller supplies them.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub repeats: Option<RepeatSummary>,
}

fn bad_month(month: &str) -> IndexError {
    IndexError::BadParam {
        param: "month".into(),
        message: format!("`{month}` is not a month written YYYY-MM"),
    }
}

/// First day of `YYYY-MM`.
fn parse_month(month: &str) -> Result<NaiveDate, IndexError> {
    let (y, m) = month.trim().split_once('-').ok_or_else(|| bad_month(month))?;
    let (y, m): (i32, u32) = (y.parse().map_err(|_| bad_month(month))?, m.parse().map_err(|_| bad_month(month))?);
    if y.to_string().len() != 4 || m.to_string().len() > 2 {
        return Err(bad_month(month));
    }
    NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(|| bad_month(month))
}

/// First day of the month `delta` months from `d`'s month.
fn shift_month(d: NaiveDate, delta: i32) -> NaiveDate {
    let idx = d.year() * 12 + d.month0() as i32 + delta;
    NaiveDate::from_ymd_opt(idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1, 1).unwrap_or(d)
}

fn last_day(first: NaiveDate) -> NaiveDate {
    shift_month(first, 1).pred_opt().unwrap_or(first)
}

fn pct(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 * 1000.0 / whole as f64).round() / 10.0
    }
}

fn compare(archive: &Archive, total: u64, first: NaiveDate) -> Result<Comparison, IndexError> {
    let letters = archive.count_letters(Some(first), Some(last_day(first)))?;
    let change = total as i64 - letters as i64;
    Ok(Comparison {
        month: first.format("%Y-%m").to_string(),
        letters,
        change,
        change_pct: (letters > 0).then(|| (change as f64 * 1000.0 / letters as f64).round() / 10.0),
    })
}

/// Gathers the report of `month` (`YYYY-MM`) from the archive's fast fields.
pub fn monthly_report(archive: &Archive, month: &str) -> Result<MonthlyReport, IndexError> {
    let first = parse_month(month)?;
    let last = last_day(first);
    let (from, to) = (Some(first), Some(last));
    let total = archive.count_letters(from, to)?;
    let origins = archive.value_counts("origin", from, to)?;
    let config = archive.config();

    let main = archive.value_counts("main_topic", from, to)?;
    let mut topics: Vec<Share> = config
        .taxonomy
        .labels()
        .into_iter()
        .chain(main.keys().cloned())
        .fold(Vec::<String>::new(), |mut v, l| {
            if !v.contains(&l) {
                v.push(l);
            }
            v
        })
        .into_iter()
        .map(|name| {
            let letters = main.get(&name).copied().unwrap_or(0);
            Share {
                name,
                town: None,
                letters,
                share: pct(letters, total),
            }
        })
        .collect();
    // Most letters first; the taxonomy order breaks ties (stable sort).
    topics.sort_by_key(|t| std::cmp::Reverse(t.letters));

    let top = |field: &str| -> Result<Vec<(String, u64)>, IndexError> {
        let mut v: Vec<(String, u64)> = archive.value_counts(field, from, to)?.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(TOP_N);
        Ok(v)
    };
    let town_of = |village: &str| -> Option<String> {
        config
            .gazetteer
            .towns
            .iter()
            .find(|t| t.villages.iter().any(|v| v.name == village))
            .map(|t| t.name.clone())
    };
    let towns = top("town")?
        .into_iter()
        .map(|(name, letters)| Share {
            name,
            town: None,
            letters,
            share: pct(letters, total),
        })
        .collect();
    let villages = top("village")?
        .into_iter()
        .map(|(name, letters)| Share {
            town: town_of(&name),
            name,
            letters,
            share: pct(letters, total),
        })
        .collect();
    let officials = top("official")?
        .into_iter()
        .map(|(name, letters)| OfficialCount { name, letters })
        .collect();

    let volume_from = shift_month(first, -11);
    let all = archive.trends(&TrendRequest {
        by: TrendBy::All,
        interval: Interval::Month,
        from: Some(volume_from),
        to,
    })?;
    let volume = match all.series.first() {
        Some(s) => s
            .points
            .iter()
            .map(|p| MonthVolume {
                month: p.period.clone(),
                letters: p.count,
            })
            .collect(),
        None => Vec::new(),
    };

    let mut alerts = Vec::new();
    for (by, name) in [(TrendBy::Topic, "topic"), (TrendBy::Town, "town")] {
        let r = archive.trends(&TrendRequest {
            by,
            interval: Interval::Month,
            from,
            to,
        })?;
        alerts.extend(r.alerts.into_iter().filter(|a| a.period == month.trim()).map(|a| ReportAlert {
            by: name.to_string(),
            key: a.key,
            count: a.count,
            baseline: a.baseline,
            ratio: a.ratio,
        }));
    }

    let repeats = {
        let answer = archive.repeats(None, Some(first), Some(last_day(first)))?;
        let new_issue = answer.letters.iter().filter(|l| l.new_issue).count() as u64;
        let repeat_letters = answer.letters.len() as u64;
        RepeatSummary {
            repeat_letters,
            new_issue_letters: new_issue,
            pure_repeat_letters: repeat_letters - new_issue,
            groups: answer.groups.len() as u64,
        }
    };

    Ok(MonthlyReport {
        county: config.gazetteer.county.clone(),
        month: first.format("%Y-%m").to_string(),
        total,
        previous_month: compare(archive, total, shift_month(first, -1))?,
        same_month_last_year: compare(archive, total, shift_month(first, -12))?,
        forwarded: origins.get("forwarded").copied().unwrap_or(0),
        local: origins.get("local").copied().unwrap_or(0),
        origin_unknown: origins
            .iter()
            .filter(|(k, _)| k.as_str() != "forwarded" && k.as_str() != "local")
            .map(|(_, n)| n)
            .sum(),
        topics,
        towns,
        villages,
        officials,
        volume,
        alerts,
        repeats: Some(repeats),
    })
}

/// `2019年3月` of `2019-03`.
pub(crate) fn month_cn(month: &str) -> String {
    match parse_month(month) {
        Ok(d) => format!("{}年{}月", d.year(), d.month()),
        Err(_) => month.to_string(),
    }
}

/// 上升 5 件（25.0%） / 下降 … / 持平 / 上月无来信 wording of a comparison.
pub(crate) fn change_cn(c: &Comparison) -> String {
    let pct = |p: Option<f64>| p.map(|p| format!("（{:.1}%）", p.abs())).unwrap_or_default();
    match c.change {
        0 => "持平".to_string(),
        n if n > 0 => format!("增加{}件{}", n, pct(c.change_pct)),
        n => format!("减少{}件{}", -n, pct(c.change_pct)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_and_shift() {
        let d = parse_month("2019-03").expect("month");
        assert_eq!(shift_month(d, -1), NaiveDate::from_ymd_opt(2019, 2, 1).expect("d"));
        assert_eq!(shift_month(d, -12), NaiveDate::from_ymd_opt(2018, 3, 1).expect("d"));
        assert_eq!(shift_month(d, -3), NaiveDate::from_ymd_opt(2018, 12, 1).expect("d"));
        assert_eq!(last_day(NaiveDate::from_ymd_opt(2020, 2, 1).expect("d")), NaiveDate::from_ymd_opt(2020, 2, 29).expect("d"));
        for bad in ["2019-13", "2019", "19-03", "2019-03-01", "abcd-ef", ""] {
            assert!(parse_month(bad).is_err(), "{bad}");
        }
        assert_eq!(month_cn("2019-03"), "2019年3月");
    }

    #[test]
    fn change_wording() {
        let c = |change, change_pct| Comparison {
            month: "2019-02".into(),
            letters: 4,
            change,
            change_pct,
        };
        assert_eq!(change_cn(&c(1, Some(25.0))), "增加1件（25.0%）");
        assert_eq!(change_cn(&c(-2, Some(-50.0))), "减少2件（50.0%）");
        assert_eq!(change_cn(&c(0, Some(0.0))), "持平");
        assert_eq!(change_cn(&c(3, None)), "增加3件");
    }
}
