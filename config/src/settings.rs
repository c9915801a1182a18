//! Numeric and behavioural settings (`settings.toml`).

use serde::{Deserialize, Serialize};

use crate::{ConfigError, Result};

/// The settings file, after layering a user's file over the defaults.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Format version of the file; only 1 exists.
    pub version: u32,
    /// Reading files.
    pub ingest: IngestSettings,
    /// The index writer.
    pub index: IndexSettings,
    /// The HTTP server.
    pub server: ServerSettings,
    /// Repeat-letter matching.
    pub repeats: RepeatSettings,
    /// Trend alerts.
    pub trends: TrendSettings,
    /// Paths of dictionaries that replace the built-in ones.
    #[serde(default)]
    pub data: DataPaths,
}

/// Limits applied while reading intake files.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestSettings {
    /// Files larger than this are rejected unread.
    pub max_file_bytes: u64,
    /// Cap on one decompressed XML part of an office file (zip-bomb guard).
    pub max_decompressed_bytes: u64,
    /// Longer texts are cut with a warning.
    pub max_text_chars: usize,
    /// Regular expressions for unlabelled reference numbers.
    pub ref_patterns: Vec<String>,
}

/// Index writer sizing.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexSettings {
    /// Writer memory budget in MB.
    pub writer_memory_mb: usize,
    /// Writer threads; 0 = one per core.
    pub writer_threads: usize,
}

/// HTTP server settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    /// Listen address; loopback by default because letters are sensitive.
    pub bind: String,
    /// Upload limit of `POST /api/ingest`, MB.
    pub upload_limit_mb: usize,
    /// Largest page a search returns.
    pub max_page_size: usize,
    /// Searches run at once before the server answers 503.
    pub max_concurrent_searches: usize,
}

/// Thresholds of the repeat matcher.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepeatSettings {
    /// Jaccard threshold for text near-duplicates.
    pub text_threshold: f64,
    /// Containment threshold for a summary against a full letter.
    pub containment_threshold: f64,
    /// Minimum combined evidence score.
    pub min_score: f64,
}

/// Alert rule of the trends.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrendSettings {
    /// Count must reach this multiple of the baseline.
    pub alert_ratio: f64,
    /// And at least this many letters.
    pub alert_min_count: u64,
    /// Baseline = median of this many previous periods (floored at 1, so a
    /// series rising from 0 can alert; see `xinfang_index::trends`).
    pub baseline_periods: usize,
    /// And at least `baseline + alert_sigma × sqrt(baseline)` letters: a
    /// Poisson margin that keeps small series (2 → 5) from alerting on noise.
    #[serde(default = "default_alert_sigma")]
    pub alert_sigma: f64,
    /// Discovered topic clusters: how many; 0 picks `round(sqrt(letters))`
    /// clamped to 2..=20.
    #[serde(default)]
    pub cluster_count: usize,
    /// Discovered topic clusters: at most this many letters (the newest in the
    /// range) are clustered, which bounds the time of `/api/topics`.
    #[serde(default = "default_cluster_max_letters")]
    pub cluster_max_letters: usize,
    /// Discovered topic clusters: extra words to ignore, on top of the
    /// built-in letter boilerplate (尊敬的, 领导, 反映, 此致 …), place names and titles.
    #[serde(default)]
    pub cluster_stopwords: Vec<String>,
}

fn default_alert_sigma() -> f64 {
    3.0
}

fn default_cluster_max_letters() -> usize {
    20_000
}

/// Optional replacement files for the embedded dictionaries.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataPaths {
    /// Gazetteer file.
    pub gazetteer: Option<String>,
    /// Topic taxonomy file.
    pub topics: Option<String>,
    /// People lexicon file.
    pub people: Option<String>,
    /// Ledger column synonyms file.
    pub ledger_columns: Option<String>,
    /// Query synonyms file.
    pub synonyms: Option<String>,
    /// jieba user dictionary.
    pub userdict: Option<String>,
}

impl Settings {
    pub(crate) fn validate(&self) -> Result<()> {
        if self.version != 1 {
            return Err(ConfigError::Invalid(format!(
                "version {} is not supported (expected 1)",
                self.version
            )));
        }
        if self.server.max_page_size == 0 || self.server.max_concurrent_searches == 0 {
            return Err(ConfigError::Invalid(
                "server.max_page_size and server.max_concurrent_searches must be positive".into(),
            ));
        }
        if !(0.0..=1.0).contains(&self.repeats.text_threshold)
            || !(0.0..=1.0).contains(&self.repeats.containment_threshold)
        {
            return Err(ConfigError::Invalid("repeat thresholds must lie in 0..=1".into()));
        }
        if self.trends.baseline_periods == 0 || self.trends.alert_ratio <= 1.0 {
            return Err(ConfigError::Invalid(
                "trends.baseline_periods must be positive and trends.alert_ratio above 1".into(),
            ));
        }
        if self.index.writer_memory_mb < 20 {
            return Err(ConfigError::Invalid("index.writer_memory_mb must be at least 20".into()));
        }
        Ok(())
    }
}

pub(crate) fn parse(text: &str, what: &str) -> Result<Settings> {
    crate::parse_toml(text, what)
}

/// Layers `user` over `base` key by key, then re-validates the shape so that
/// unknown keys in the user's file are reported with their name.
pub(crate) fn overlay(base: Settings, user: &str, what: &str) -> Result<Settings> {
    let parse_err = |message: String| ConfigError::Parse {
        what: what.to_string(),
        message,
    };
    let mut merged = toml::Value::try_from(&base).map_err(|e| parse_err(e.to_string()))?;
    let user: toml::Value = toml::from_str(user).map_err(|e| parse_err(e.to_string()))?;
    merge(&mut merged, user);
    merged.try_into().map_err(|e: toml::de::Error| parse_err(e.to_string()))
}

fn merge(base: &mut toml::Value, over: toml::Value) {
    match (base, over) {
        (toml::Value::Table(b), toml::Value::Table(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}
