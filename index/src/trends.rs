//! Trends, early warnings (预警提示) and taxonomy counts, all read from fast
//! fields: no stored record is opened, so a million letters count in
//! milliseconds.
//!
//! # How counting works
//! Every segment is read directly (segments in parallel): the `received`
//! column gives each live letter's day, which becomes a period index (month
//! `year*12 + month-1`, or ISO week: weeks counted from the Monday before the
//! epoch); the key column (`main_topic`, `town`, `village`, `origin`) gives a
//! term ordinal. Counts go into a dense `ordinal × period` table per segment,
//! and only the non-zero cells are turned into strings at the end. Letters
//! without a received date (`NO_DATE`) have no period and are left out of
//! trends; letters without the key (no town known, say) are left out of that
//! key's series.
//!
//! Every series of one answer shares one period axis, from the first to the
//! last period (or from `from` to `to` when given), zero-filled, so charts are
//! continuous.
//!
//! # Early warnings
//! A point is an alert when
//! `count >= alert_ratio × baseline`, `count >= alert_min_count` and
//! `count >= baseline + alert_sigma × √baseline`, where
//! `baseline = max(1, median of the previous baseline_periods periods)`.
//! The median ignores a single earlier spike; the floor of 1 lets a series
//! that goes from 0 to 5 alert (ratio 5) while `alert_min_count` keeps 0 → 1
//! quiet; the square-root term is a Poisson margin (letter counts are
//! roughly Poisson, their noise grows like √mean), which stops a small series
//! that drifts from 2 to 5 by chance from alerting while leaving the ratio
//! rule in charge for large series. A point needs at least half of `baseline_periods` earlier periods
//! (at least 1) to be judged: the first month of an archive is not a surge.
//! Those earlier periods count only when the archive was collecting letters
//! then (held at least a quarter of the letters of the period judged): a few
//! stray old letters before an archive's real start are no baseline.
//! The history is read from before `from`, so the first periods of a
//! requested range are judged against real history, not against nothing.
//! See [`detect_alerts`].

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::columnar::StrColumn;
use tantivy::SegmentReader;
use xinfang_config::TrendSettings;

use crate::archive::Archive;
use crate::schema::{days, NO_DATE};
use crate::{IndexError, Result};

/// The key a trend is broken down by (`by=` of `/api/trends`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum TrendBy {
    /// Main topic label.
    #[default]
    Topic,
    /// Town.
    Town,
    /// Village.
    Village,
    /// forwarded / local / unknown.
    Origin,
    /// One series of all letters, key `all` (an addition to the contract:
    /// the volume line of the monthly report).
    All,
}

impl TrendBy {
    /// The fast field counted (None for [`TrendBy::All`]).
    fn field(self) -> Option<&'static str> {
        match self {
            TrendBy::Topic => Some("main_topic"),
            TrendBy::Town => Some("town"),
            TrendBy::Village => Some("village"),
            TrendBy::Origin => Some("origin"),
            TrendBy::All => None,
        }
    }
}

impl FromStr for TrendBy {
    type Err = IndexError;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "topic" => Ok(TrendBy::Topic),
            "town" => Ok(TrendBy::Town),
            "village" => Ok(TrendBy::Village),
            "origin" => Ok(TrendBy::Origin),
            "all" => Ok(TrendBy::All),
            other => Err(IndexError::BadParam {
                param: "by".into(),
                message: format!("`{other}` is not one of topic, town, village, origin, all"),
            }),
        }
    }
}

/// Period length (`interval=` of `/api/trends`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// Calendar months, labelled `2019-03`.
    #[default]
    Month,
    /// ISO weeks (Monday to Sunday), labelled `2019-W14`: the township's
    /// screening meeting sits weekly.
    Week,
}

impl FromStr for Interval {
    type Err = IndexError;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "month" => Ok(Interval::Month),
            "week" => Ok(Interval::Week),
            other => Err(IndexError::BadParam {
                param: "interval".into(),
                message: format!("`{other}` is not one of month, week"),
            }),
        }
    }
}

/// A trend request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrendRequest {
    /// Breakdown key.
    pub by: TrendBy,
    /// Period length.
    pub interval: Interval,
    /// Received on or after.
    pub from: Option<NaiveDate>,
    /// Received on or before.
    pub to: Option<NaiveDate>,
}

/// One point of a series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// `2019-03` or `2019-W14`.
    pub period: String,
    /// Letters received in the period.
    pub count: u64,
}

/// One series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendSeries {
    /// Topic label, town, village or origin.
    pub key: String,
    /// Every period of the answer, zero-filled, oldest first.
    pub points: Vec<TrendPoint>,
}

/// An early warning (预警提示).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    /// Series key.
    pub key: String,
    /// Period.
    pub period: String,
    /// Letters in the period.
    pub count: u64,
    /// Median of the previous periods (at least 1).
    pub baseline: f64,
    /// `count / baseline`.
    pub ratio: f64,
}

/// `GET /api/trends` answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct TrendResponse {
    /// Series, most letters first (ties by key).
    pub series: Vec<TrendSeries>,
    /// Alerts in the answered range, by period then key.
    pub alerts: Vec<Alert>,
}

/// `taxonomy[]` entry of `GET /api/topics`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicCount {
    /// Label.
    pub label: String,
    /// Letters carrying the label among their topics (what `search?topic=` finds).
    pub letters: u64,
    /// Letters whose main topic it is (these add up to the letters counted;
    /// an addition to the contract).
    pub main: u64,
}

/// The alert rule, from `[trends]` of the settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlertRule {
    /// Count must reach this multiple of the baseline.
    pub ratio: f64,
    /// And at least this many letters.
    pub min_count: u64,
    /// Baseline = median of this many previous periods.
    pub baseline_periods: usize,
    /// Poisson margin: count must also reach `baseline + sigma × √baseline`.
    pub sigma: f64,
}

impl AlertRule {
    /// The baseline window, and how many earlier periods a point needs to be
    /// judged at all (half the window, at least 1).
    fn history(&self) -> (usize, usize) {
        let window = self.baseline_periods.max(1);
        (window, window.div_ceil(2).max(1))
    }
}

impl From<&TrendSettings> for AlertRule {
    fn from(s: &TrendSettings) -> Self {
        AlertRule {
            ratio: s.alert_ratio,
            min_count: s.alert_min_count,
            baseline_periods: s.baseline_periods,
            sigma: s.alert_sigma,
        }
    }
}

/// One alert found by [`detect_alerts`]: the index in the series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlertPoint {
    /// Index of the point.
    pub index: usize,
    /// Its count.
    pub count: u64,
    /// Baseline it was judged against.
    pub baseline: f64,
    /// `count / baseline`.
    pub ratio: f64,
}

/// Finds the alerts of one series of consecutive periods (see the module
/// documentation for the rule).
pub fn detect_alerts(counts: &[u64], rule: &AlertRule) -> Vec<AlertPoint> {
    let (window, min_history) = rule.history();
    let mut out = Vec::new();
    let mut buf: Vec<u64> = Vec::with_capacity(window);
    for (i, &count) in counts.iter().enumerate() {
        if i < min_history {
            continue;
        }
        buf.clear();
        buf.extend_from_slice(&counts[i.saturating_sub(window)..i]);
        buf.sort_unstable();
        let n = buf.len();
        let median = if !n.is_multiple_of(2) {
            buf[n / 2] as f64
        } else {
            (buf[n / 2 - 1] + buf[n / 2]) as f64 / 2.0
        };
        let baseline = median.max(1.0);
        let c = count as f64;
        if count >= rule.min_count && c >= rule.ratio * baseline && c >= baseline + rule.sigma * baseline.sqrt() {
            out.push(AlertPoint {
                index: i,
                count,
                baseline,
                ratio: count as f64 / baseline,
            });
        }
    }
    out
}

/// Month index `year*12 + month-1` of a day count (days since 1970-01-01),
/// by Hinnant's civil-from-days: integer arithmetic, no calendar lookups in
/// the per-letter loop.
pub(crate) fn month_index(days: i64) -> i64 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    y * 12 + m - 1
}

/// Week index: weeks since Monday 1969-12-29 (1970-01-01 was a Thursday).
fn week_index(days: i64) -> i64 {
    (days + 3).div_euclid(7)
}

impl Interval {
    fn index(self, days: i64) -> i64 {
        match self {
            Interval::Month => month_index(days),
            Interval::Week => week_index(days),
        }
    }

    /// First day (days since epoch) of a period.
    fn start_day(self, idx: i64) -> i64 {
        match self {
            Interval::Month => {
                let (y, m) = (idx.div_euclid(12), idx.rem_euclid(12) + 1);
                NaiveDate::from_ymd_opt(y as i32, m as u32, 1).map(days).unwrap_or(NO_DATE + 1)
            }
            Interval::Week => idx * 7 - 3,
        }
    }

    /// The label of a period: `2019-03` or `2019-W14` (ISO week-year).
    pub(crate) fn label(self, idx: i64) -> String {
        match self {
            Interval::Month => format!("{:04}-{:02}", idx.div_euclid(12), idx.rem_euclid(12) + 1),
            Interval::Week => {
                let monday = NaiveDate::default() + chrono::Duration::days(idx * 7 - 3);
                let w = monday.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
        }
    }
}

/// Inclusive day range of a request; `None` bounds are open.
fn day_bounds(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<(i64, i64)> {
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            return Err(IndexError::BadParam {
                param: "from".into(),
                message: format!("from ({a}) is after to ({b})"),
            });
        }
    }
    Ok((from.map(days).unwrap_or(NO_DATE + 1), to.map(days).unwrap_or(i64::MAX)))
}

const CHUNK: usize = 4096;

/// Calls `f(docs, received)` for chunks of live documents of a segment.
fn for_live_chunks(seg: &SegmentReader, mut f: impl FnMut(&[u32], &[i64])) -> Result<()> {
    let received = seg.fast_fields().i64("received")?;
    let alive = seg.alive_bitset();
    let mut docs: Vec<u32> = Vec::with_capacity(CHUNK);
    let mut opt: Vec<Option<i64>> = vec![None; CHUNK];
    let mut vals: Vec<i64> = Vec::with_capacity(CHUNK);
    let max = seg.max_doc();
    let mut start = 0u32;
    while start < max {
        let end = (start + CHUNK as u32).min(max);
        docs.clear();
        docs.extend((start..end).filter(|&d| alive.is_none_or(|a| a.is_alive(d))));
        opt[..docs.len()].fill(None);
        received.first_vals(&docs, &mut opt[..docs.len()]);
        vals.clear();
        vals.extend(opt[..docs.len()].iter().map(|v| v.unwrap_or(NO_DATE)));
        f(&docs, &vals);
        start = end;
    }
    Ok(())
}

fn str_column(seg: &SegmentReader, field: &str) -> Result<Option<StrColumn>> {
    Ok(seg.fast_fields().str(field)?)
}

fn ord_string(col: &StrColumn, ord: u64) -> Result<String> {
    let mut s = String::new();
    col.ord_to_str(ord, &mut s)
        .map_err(|e| IndexError::Corrupt(format!("fast field dictionary: {e}")))?;
    Ok(s)
}

/// Counts of one segment: key → period → letters.
type Table = HashMap<String, BTreeMap<i64, u64>>;

fn merge_tables(mut a: Table, b: Table) -> Table {
    for (k, periods) in b {
        let e = a.entry(k).or_default();
        for (p, n) in periods {
            *e.entry(p).or_default() += n;
        }
    }
    a
}

impl Archive {
    /// Letters per key and period over fast fields, with zero-filled series
    /// and early warnings (see the module documentation).
    pub fn trends(&self, req: &TrendRequest) -> Result<TrendResponse> {
        let (from_day, to_day) = day_bounds(req.from, req.to)?;
        let rule = AlertRule::from(&self.config.settings.trends);
        let iv = req.interval;
        // Read history before `from` so that the first periods have a baseline.
        let (read_from, first_wanted) = match req.from {
            Some(_) => {
                let p = iv.index(from_day);
                (iv.start_day(p - rule.baseline_periods as i64), Some(p))
            }
            None => (from_day, None),
        };
        let table = self.period_table(req.by, iv, read_from, to_day)?;
        // A `from` inside a period (2019-04-15): the points count only the
        // letters from that day, as search and topics do; the alerts judge
        // whole periods.
        let shown = match first_wanted {
            Some(p) if iv.start_day(p) != from_day => Some(self.period_table(req.by, iv, from_day, to_day)?),
            _ => None,
        };

        let data_min = table.values().filter_map(|m| m.keys().next().copied()).min();
        let data_max = table.values().filter_map(|m| m.keys().next_back().copied()).max();
        let lo = match (first_wanted, data_min) {
            (Some(p), _) => p,
            (None, Some(d)) => d,
            (None, None) => return Ok(TrendResponse::default()),
        };
        let hi = match (req.to, data_max) {
            (Some(_), _) => iv.index(to_day),
            (None, Some(d)) => d.max(lo),
            (None, None) => lo,
        };
        // The alert history starts before `lo` when `from` was given.
        let history_lo = match first_wanted {
            Some(p) => (p - rule.baseline_periods as i64).min(lo),
            None => lo,
        };
        if hi - history_lo > 100_000 {
            return Err(IndexError::BadParam {
                param: "from".into(),
                message: "the range spans too many periods; give a narrower from/to".into(),
            });
        }
        let labels: Vec<String> = (lo..=hi).map(|p| iv.label(p)).collect();

        // Whether the archive was collecting letters before a period: an
        // archive whose letters start in 2019-01 (a few stray older ones
        // before) has no baseline for 2019-01, and every topic would alert.
        // A period of history counts when the archive then held at least a
        // quarter of the letters it holds in the period judged.
        let span = (hi - history_lo + 1) as usize;
        let mut totals = vec![0u64; span];
        for periods in table.values() {
            for (&p, &n) in periods.range(history_lo..=hi) {
                totals[(p - history_lo) as usize] += n;
            }
        }
        let (window, min_history) = rule.history();
        let collecting = |i: usize| {
            let observed = totals[i.saturating_sub(window)..i].iter().filter(|&&t| t * 4 >= totals[i]).count();
            observed >= min_history
        };
        let mut series: Vec<(u64, TrendSeries)> = Vec::new();
        let mut alerts: Vec<(i64, Alert)> = Vec::new();
        for (key, periods) in table {
            let full: Vec<u64> = (history_lo..=hi).map(|p| periods.get(&p).copied().unwrap_or(0)).collect();
            let offset = (lo - history_lo) as usize;
            let partial: Option<Vec<u64>> = shown.as_ref().map(|t| {
                let m = t.get(&key);
                (lo..=hi).map(|p| m.and_then(|m| m.get(&p)).copied().unwrap_or(0)).collect()
            });
            let visible: &[u64] = match &partial {
                Some(v) => v,
                None => &full[offset..],
            };
            let total: u64 = visible.iter().sum();
            for a in detect_alerts(&full, &rule).into_iter().filter(|a| a.index >= offset && collecting(a.index)) {
                let p = history_lo + a.index as i64;
                alerts.push((
                    p,
                    Alert {
                        key: key.clone(),
                        period: iv.label(p),
                        count: a.count,
                        baseline: a.baseline,
                        ratio: a.ratio,
                    },
                ));
            }
            if total == 0 && req.by != TrendBy::All {
                continue;
            }
            let points = visible
                .iter()
                .zip(&labels)
                .map(|(&count, period)| TrendPoint {
                    period: period.clone(),
                    count,
                })
                .collect();
            series.push((total, TrendSeries { key, points }));
        }
        series.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.key.cmp(&b.1.key)));
        alerts.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.key.cmp(&b.1.key)));
        Ok(TrendResponse {
            series: series.into_iter().map(|(_, s)| s).collect(),
            alerts: alerts.into_iter().map(|(_, a)| a).collect(),
        })
    }

    /// key → period index → letters, for letters received in `[from_day, to_day]`.
    fn period_table(&self, by: TrendBy, iv: Interval, from_day: i64, to_day: i64) -> Result<Table> {
        let searcher = self.reader.searcher();
        let tables = searcher
            .segment_readers()
            .par_iter()
            .map(|seg| -> Result<Table> {
                let col = match by.field() {
                    Some(f) => match str_column(seg, f)? {
                        Some(c) => Some(c),
                        None => return Ok(Table::new()),
                    },
                    None => None,
                };
                let num_terms = col.as_ref().map(|c| c.num_terms()).unwrap_or(1).max(1);
                // Dense ord × period table once the period span is known;
                // periods are collected first (one cheap pass).
                let mut rows: Vec<(u32, i64)> = Vec::new();
                let mut ords: Vec<Option<u64>> = vec![None; CHUNK];
                let (mut pmin, mut pmax) = (i64::MAX, i64::MIN);
                for_live_chunks(seg, |docs, received| {
                    let slot = &mut ords[..docs.len()];
                    slot.fill(None);
                    match &col {
                        Some(c) => c.ords().first_vals(docs, slot),
                        None => slot.fill(Some(0)),
                    }
                    for (&day, ord) in received.iter().zip(slot.iter()) {
                        if day == NO_DATE || day < from_day || day > to_day {
                            continue;
                        }
                        let Some(ord) = *ord else { continue };
                        let p = iv.index(day);
                        pmin = pmin.min(p);
                        pmax = pmax.max(p);
                        rows.push((ord as u32, p));
                    }
                })?;
                let mut out = Table::new();
                if rows.is_empty() {
                    return Ok(out);
                }
                let span = (pmax - pmin + 1) as usize;
                let mut dense: HashMap<(u32, i64), u64> = HashMap::new();
                let mut grid: Vec<u32> = Vec::new();
                let use_grid = span.saturating_mul(num_terms) <= 4_000_000;
                if use_grid {
                    grid = vec![0u32; span * num_terms];
                    for &(ord, p) in &rows {
                        grid[ord as usize * span + (p - pmin) as usize] += 1;
                    }
                } else {
                    for &(ord, p) in &rows {
                        *dense.entry((ord, p)).or_default() += 1;
                    }
                }
                let name = |ord: u64| -> Result<String> {
                    match &col {
                        Some(c) => ord_string(c, ord),
                        None => Ok("all".to_string()),
                    }
                };
                if use_grid {
                    for ord in 0..num_terms {
                        let row = &grid[ord * span..(ord + 1) * span];
                        if row.iter().all(|&n| n == 0) {
                            continue;
                        }
                        let e: &mut BTreeMap<i64, u64> = out.entry(name(ord as u64)?).or_default();
                        for (i, &n) in row.iter().enumerate().filter(|(_, &n)| n > 0) {
                            e.insert(pmin + i as i64, u64::from(n));
                        }
                    }
                } else {
                    for ((ord, p), n) in dense {
                        out.entry(name(u64::from(ord))?).or_default().insert(p, n);
                    }
                }
                Ok(out)
            })
            .collect::<Result<Vec<Table>>>()?;
        Ok(tables.into_iter().fold(Table::new(), merge_tables))
    }

    /// Letters per value of a string fast field (`town`, `village`, `topic`,
    /// `main_topic`, `origin`, `official`, `batch`, `disposition`, `month`)
    /// received in `[from, to]`; a multi-valued field counts a letter once per
    /// value. With neither bound, undated letters count too.
    pub fn value_counts(
        &self,
        field: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<BTreeMap<String, u64>> {
        let (from_day, to_day) = day_bounds(from, to)?;
        let unbounded = from.is_none() && to.is_none();
        let searcher = self.reader.searcher();
        let maps = searcher
            .segment_readers()
            .par_iter()
            .map(|seg| -> Result<BTreeMap<String, u64>> {
                let Some(col) = str_column(seg, field)? else {
                    return Ok(BTreeMap::new());
                };
                let mut counts = vec![0u64; col.num_terms()];
                let mut ords: Vec<u64> = Vec::new();
                for_live_chunks(seg, |docs, received| {
                    for (&doc, &day) in docs.iter().zip(received) {
                        if !unbounded && (day == NO_DATE || day < from_day || day > to_day) {
                            continue;
                        }
                        // A letter counts once per value (two accused of one name).
                        ords.clear();
                        ords.extend(col.ords().values_for_doc(doc));
                        ords.sort_unstable();
                        ords.dedup();
                        for &ord in &ords {
                            if let Some(c) = counts.get_mut(ord as usize) {
                                *c += 1;
                            }
                        }
                    }
                })?;
                let mut out = BTreeMap::new();
                for (ord, &n) in counts.iter().enumerate().filter(|(_, &n)| n > 0) {
                    out.insert(ord_string(&col, ord as u64)?, n);
                }
                Ok(out)
            })
            .collect::<Result<Vec<_>>>()?;
        let mut total = BTreeMap::new();
        for m in maps {
            for (k, n) in m {
                *total.entry(k).or_default() += n;
            }
        }
        Ok(total)
    }

    /// Letters received in `[from, to]` (all letters, undated included, when
    /// neither bound is given).
    pub fn count_letters(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<u64> {
        if from.is_none() && to.is_none() {
            return Ok(self.num_letters());
        }
        let (from_day, to_day) = day_bounds(from, to)?;
        let searcher = self.reader.searcher();
        let counts = searcher
            .segment_readers()
            .par_iter()
            .map(|seg| -> Result<u64> {
                let mut n = 0u64;
                for_live_chunks(seg, |_, received| {
                    n += received
                        .iter()
                        .filter(|&&d| d != NO_DATE && d >= from_day && d <= to_day)
                        .count() as u64;
                })?;
                Ok(n)
            })
            .collect::<Result<Vec<u64>>>()?;
        Ok(counts.into_iter().sum())
    }

    /// `taxonomy` of `GET /api/topics`: every label of the taxonomy (zero
    /// included, in taxonomy order, fallback last), then any label found in
    /// the archive that the taxonomy no longer has.
    pub fn topic_counts(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Vec<TopicCount>> {
        let (any, main) = rayon::join(
            || self.value_counts("topic", from, to),
            || self.value_counts("main_topic", from, to),
        );
        let (any, main) = (any?, main?);
        let mut labels = self.config.taxonomy.labels();
        for l in any.keys().chain(main.keys()) {
            if !labels.contains(l) {
                labels.push(l.clone());
            }
        }
        Ok(labels
            .into_iter()
            .map(|label| TopicCount {
                letters: any.get(&label).copied().unwrap_or(0),
                main: main.get(&label).copied().unwrap_or(0),
                label,
            })
            .collect())
    }
}

/// Bench-only support: adds prepared letters straight to the index.
#[doc(hidden)]
pub mod bench_support {
    use tantivy::doc;
    use xinfang_ingest::record::Letter;

    use super::*;

    impl Archive {
        /// **Benchmarks only.** Writes prepared letters as documents holding
        /// the id, the fast fields and the record, skipping file reading,
        /// extraction and the text fields (no word or n-gram search on them).
        /// One commit. Not for product code: it bypasses the upsert logic.
        #[doc(hidden)]
        pub fn bench_add_letters(&self, letters: &[Letter]) -> Result<()> {
            let f = &self.fields;
            let mut writer: tantivy::IndexWriter = self.index.writer(self.config.settings.index.writer_memory_mb * 1024 * 1024)?;
            for l in letters {
                let mut d = doc!(
                    f.id => l.id.as_str(),
                    f.batch => l.batch.as_str(),
                    f.origin => l.origin.map(|o| o.as_str()).unwrap_or("unknown"),
                );
                if let Some(t) = &l.town {
                    d.add_text(f.town, t);
                }
                if let Some(v) = &l.village {
                    d.add_text(f.village, v);
                }
                for t in &l.topics {
                    d.add_text(f.topic, t);
                }
                if let Some(m) = l.topics.first() {
                    d.add_text(f.main_topic, m);
                }
                for o in &l.accused {
                    d.add_text(f.official, &o.name);
                }
                match l.received {
                    Some(date) => {
                        d.add_text(f.month, date.format("%Y-%m").to_string());
                        d.add_i64(f.received, days(date));
                    }
                    None => {
                        d.add_text(f.month, "unknown");
                        d.add_i64(f.received, NO_DATE);
                    }
                }
                let record = serde_json::to_vec(l).map_err(|e| IndexError::Corrupt(e.to_string()))?;
                d.add_bytes(f.record, &record);
                writer.add_document(d)?;
            }
            writer.commit()?;
            writer.wait_merging_threads()?;
            self.reader.reload()?;
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_index_agrees_with_chrono() {
        let mut d = NaiveDate::from_ymd_opt(1899, 12, 1).expect("date");
        let end = NaiveDate::from_ymd_opt(2101, 3, 1).expect("date");
        while d < end {
            let want = i64::from(d.year()) * 12 + i64::from(d.month0());
            assert_eq!(month_index(days(d)), want, "{d}");
            d += chrono::Duration::days(1);
        }
    }

    #[test]
    fn week_labels_are_iso_weeks() {
        for (y, m, dd, label) in [
            (2019, 4, 1, "2019-W14"),
            (2019, 4, 7, "2019-W14"),
            (2019, 4, 8, "2019-W15"),
            (2021, 1, 3, "2020-W53"),
            (2018, 12, 31, "2019-W01"),
            (1970, 1, 1, "1970-W01"),
        ] {
            let d = NaiveDate::from_ymd_opt(y, m, dd).expect("date");
            assert_eq!(Interval::Week.label(week_index(days(d))), label, "{d}");
            let p = week_index(days(d));
            assert_eq!(week_index(Interval::Week.start_day(p)), p);
        }
        let p = month_index(days(NaiveDate::from_ymd_opt(2019, 3, 17).expect("date")));
        assert_eq!(Interval::Month.label(p), "2019-03");
        assert_eq!(
            Interval::Month.start_day(p),
            days(NaiveDate::from_ymd_opt(2019, 3, 1).expect("date"))
        );
    }

    fn rule() -> AlertRule {
        AlertRule {
            ratio: 2.0,
            min_count: 5,
            baseline_periods: 6,
            sigma: 3.0,
        }
    }

    #[test]
    fn alert_rule_uses_median_floor_and_minimum() {
        // A single earlier spike does not lift the median baseline.
        let s = [10, 10, 10, 40, 10, 10, 10, 25];
        let a = detect_alerts(&s, &rule());
        assert_eq!(a.iter().map(|a| a.index).collect::<Vec<_>>(), vec![3, 7]);
        assert_eq!(a[1].baseline, 10.0);
        assert!((a[1].ratio - 2.5).abs() < 1e-9);
        // 0 → 5 alerts thanks to the floor; 0 → 4 does not (minimum count).
        assert_eq!(detect_alerts(&[0, 0, 0, 0, 5], &rule()).len(), 1);
        assert_eq!(detect_alerts(&[0, 0, 0, 0, 4], &rule())[..], []);
        // Not enough history: the first periods are never judged.
        assert!(detect_alerts(&[0, 0, 50], &rule()).is_empty());
        // Just below the ratio.
        assert!(detect_alerts(&[10, 10, 10, 10, 10, 10, 19], &rule()).is_empty());
        // Ratio 2.5 on a small series is within Poisson noise: 2 → 5 stays quiet, 2 → 7 alerts.
        assert!(detect_alerts(&[2, 2, 2, 2, 2, 2, 5], &rule()).is_empty());
        assert_eq!(detect_alerts(&[2, 2, 2, 2, 2, 2, 7], &rule()).len(), 1);
    }

    #[test]
    fn bounds_reject_reversed_range() {
        let a = NaiveDate::from_ymd_opt(2019, 5, 1);
        let b = NaiveDate::from_ymd_opt(2019, 4, 1);
        assert!(matches!(day_bounds(a, b), Err(IndexError::BadParam { .. })));
    }
}
