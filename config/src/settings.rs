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
    /// Update the stored repeat state at every ingest (the normal case). A bulk
    /// load of a whole archive may turn it off: the commits then name no
    /// state, and the first use recomputes it once.
    #[serde(default = "defaults::yes")]
    pub repeats_at_ingest: bool,
    /// Threads one search may use over the index's segments; 0 = one per core.
    /// A search that matches much of a large archive then takes a fraction of
    /// the time when the server is not saturated.
    #[serde(default)]
    pub search_threads: usize,
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

/// Thresholds and weights of the repeat matcher (重复信访).
///
/// Two letters are a repeat when their evidence score reaches `min_score`. The
/// score adds `petitioner_weight` for the same real-name petitioner (name and
/// village), `official_weight` for at least one shared accused official (name
/// and compatible place, plus `extra_official_weight` for a second one),
/// `topic_weight` for the same village and main topic, and a text term
/// `min(1, max(J / text_threshold, C / containment_threshold))` where J is the
/// rarity-weighted Jaccard of the two letters' matter shingles and C the
/// containment of the shorter in the longer (used only when the shorter is at
/// most `summary_ratio` of the longer: a ledger summary against a full letter).
/// With the defaults: same petitioner + shared official is a repeat; a shared
/// official needs half the text threshold on top; text alone needs the full one.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepeatSettings {
    /// Weighted Jaccard of the matter texts at which text alone makes a repeat.
    pub text_threshold: f64,
    /// Containment of a short text (summary) in a long one at which text alone makes a repeat.
    pub containment_threshold: f64,
    /// Minimum combined evidence score.
    pub min_score: f64,
    /// Evidence of the same real-name petitioner (same folded name and village).
    #[serde(default = "defaults::petitioner_weight")]
    pub petitioner_weight: f64,
    /// Evidence of at least one shared accused official (same name, same village or town).
    #[serde(default = "defaults::official_weight")]
    pub official_weight: f64,
    /// Added when two or more accused officials are shared.
    #[serde(default = "defaults::extra_official_weight")]
    pub extra_official_weight: f64,
    /// Evidence of the same village and the same main topic.
    #[serde(default = "defaults::topic_weight")]
    pub topic_weight: f64,
    /// Subtracted when the two letters name different villages, and again when both
    /// name accused officials but none in common: text alone then cannot join them.
    #[serde(default = "defaults::mismatch_penalty")]
    pub mismatch_penalty: f64,
    /// Containment is used when the shorter matter text is at most this share of the longer.
    #[serde(default = "defaults::summary_ratio")]
    pub summary_ratio: f64,
    /// A clause of a later letter is a new fact when less than this (weighted) share
    /// of its shingles occurs in the group's earlier letters.
    #[serde(default = "defaults::novelty_threshold")]
    pub novelty_threshold: f64,
    /// Words of wrongdoing (截留, 冒领, 收受 …). A clause of a later letter is a
    /// new fact only when it holds one of them: a longer letter retelling an
    /// earlier one adds biography, narrative and closings that are new text
    /// but no new allegation, and those must not send a pure repeat back to
    /// the clue-screening meeting.
    #[serde(default = "defaults::allegation_cues")]
    pub allegation_cues: Vec<String>,
    /// Added when the later letter says it has been reported before (反映过,
    /// 已经写信, 再次反映 …) and the two share a petitioner or an accused
    /// official, the village and the main topic: a letter that tells us it
    /// repeats an earlier one about the same person and matter is likely to,
    /// however differently it is worded.
    #[serde(default = "defaults::told_before_weight")]
    pub told_before_weight: f64,
    /// Words by which a letter says the matter was reported before. They also
    /// mark the part of a sentence that retells the earlier letter, which is
    /// never a new fact (我七月初已经写信反映过他收钱的事).
    #[serde(default = "defaults::told_before_cues")]
    pub told_before_cues: Vec<String>,
    /// Characters per shingle of the MinHash signature (2-3 suit paraphrase).
    #[serde(default = "defaults::shingle_k")]
    pub shingle_k: usize,
    /// LSH bands; bands x rows MinHash permutations.
    #[serde(default = "defaults::lsh_bands")]
    pub lsh_bands: usize,
    /// LSH rows per band; the LSH threshold is about (1/bands)^(1/rows).
    #[serde(default = "defaults::lsh_rows")]
    pub lsh_rows: usize,
    /// Most candidates taken from one blocking key or LSH bucket (the most recent).
    #[serde(default = "defaults::max_block")]
    pub max_block: usize,
    /// Most candidates taken from one LSH bucket (the most recent). Template
    /// letters and short summaries fill a few buckets; a small cap keeps the
    /// cost per letter flat while person keys still reach the whole matter.
    #[serde(default = "defaults::max_bucket")]
    pub max_bucket: usize,
    /// Most candidates of one letter that are compared with it: those found by
    /// the most buckets and keys, then the most recent. Why: a copied joint
    /// letter or a habitual petitioner fills every bucket and key with the
    /// same letters; comparing each new copy with all of them would cost the
    /// group's size per letter for no new link.
    #[serde(default = "defaults::max_candidates")]
    pub max_candidates: usize,
    /// Most earlier letters a letter keeps as direct matches (the strongest).
    /// Its group and its strongest match do not depend on the rest, and the
    /// state of a thousand copies stays linear in their number. 8 (was 16):
    /// a screening meeting reads the strongest few, and a letter with ~110
    /// repeats kept 16 pairs of evidence each (BENCHMARKS.md §1).
    #[serde(default = "defaults::max_matches")]
    pub max_matches: usize,
}

mod defaults {
    pub fn petitioner_weight() -> f64 {
        0.6
    }
    pub fn official_weight() -> f64 {
        0.5
    }
    pub fn extra_official_weight() -> f64 {
        0.1
    }
    pub fn topic_weight() -> f64 {
        0.4
    }
    pub fn mismatch_penalty() -> f64 {
        0.5
    }
    pub fn summary_ratio() -> f64 {
        0.6
    }
    pub fn yes() -> bool {
        true
    }
    pub fn novelty_threshold() -> f64 {
        0.15
    }
    pub fn told_before_weight() -> f64 {
        0.2
    }
    pub fn told_before_cues() -> Vec<String> {
        [
            "反映过", "举报过", "上访过", "写过信", "投诉过", "已经写信", "已写信", "已经反映", "已反映",
            "已经举报", "已举报", "曾经反映", "曾反映", "曾向", "再次反映", "多次反映", "又一次反映", "再次举报",
            "多次举报", "重复反映", "上次反映", "之前反映", "此前反映", "前次反映", "反映了多次", "反映多次",
            "一直没有下文", "没有下文", "石沉大海",
        ]
        .into_iter()
        .map(String::from)
        .collect()
    }
    pub fn allegation_cues() -> Vec<String> {
        [
            "截留", "挪用", "侵占", "侵吞", "贪污", "私分", "瓜分", "虚报", "冒领", "骗取", "套取", "克扣", "索要", "索取",
            "受贿", "行贿", "收受", "好处费", "回扣", "红包", "礼金", "吃喝", "公款", "违规", "违纪", "违法", "非法",
            "弄虚作假", "优亲厚友", "吃拿卡要", "贿选", "拉票", "买票", "偷工减料", "以次充好", "强占", "霸占", "私自",
            "擅自", "不公开", "未公开", "不公示", "未公示", "暗箱", "殴打", "赌博", "滥发", "多领",
            "冒名", "顶替", "虚开", "白条", "假账", "造假", "串通", "围标", "串标", "包庇", "纵容", "失职", "渎职",
            "不作为", "乱收费", "摊派", "转卖", "倒卖", "变卖", "低价", "送礼", "宴请", "超标", "私用", "虚增", "多报",
            "瞒报", "隐瞒", "拖欠", "强拆", "污染", "排污", "采砂", "盗采", "滥伐", "未经", "没有经过", "不符合条件",
            "据为己有", "中饱私囊", "不翼而飞", "去向不明", "分了", "拿走", "取走", "私吞", "代填", "多拨", "多拿",
            "报了账", "送钱", "收了钱", "要钱", "送米", "送油", "挨家挨户送", "吃请", "请吃饭",
            // A repeat telling that the official did it again (又把…, 又以…名义) brings a new act.
            "又把", "又将", "又以", "又用", "又给", "又让", "又收", "又拿", "又在", "又报", "没有收敛",
        ]
        .into_iter()
        .map(String::from)
        .collect()
    }
    pub fn shingle_k() -> usize {
        3
    }
    pub fn lsh_bands() -> usize {
        16
    }
    pub fn lsh_rows() -> usize {
        4
    }
    pub fn max_block() -> usize {
        500
    }
    pub fn max_bucket() -> usize {
        50
    }
    pub fn max_candidates() -> usize {
        1000
    }
    pub fn max_matches() -> usize {
        8
    }
}

impl Default for RepeatSettings {
    fn default() -> Self {
        RepeatSettings {
            text_threshold: 0.5,
            containment_threshold: 0.6,
            min_score: 1.0,
            petitioner_weight: defaults::petitioner_weight(),
            official_weight: defaults::official_weight(),
            extra_official_weight: defaults::extra_official_weight(),
            topic_weight: defaults::topic_weight(),
            mismatch_penalty: defaults::mismatch_penalty(),
            summary_ratio: defaults::summary_ratio(),
            novelty_threshold: defaults::novelty_threshold(),
            allegation_cues: defaults::allegation_cues(),
            told_before_weight: defaults::told_before_weight(),
            told_before_cues: defaults::told_before_cues(),
            shingle_k: defaults::shingle_k(),
            lsh_bands: defaults::lsh_bands(),
            lsh_rows: defaults::lsh_rows(),
            max_block: defaults::max_block(),
            max_bucket: defaults::max_bucket(),
            max_candidates: defaults::max_candidates(),
            max_matches: defaults::max_matches(),
        }
    }
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
        let r = &self.repeats;
        if r.text_threshold <= 0.0
            || r.containment_threshold <= 0.0
            || !(0.0..=1.0).contains(&r.novelty_threshold)
            || !(0.0..=1.0).contains(&r.summary_ratio)
            || !(1..=8).contains(&r.shingle_k)
            || r.lsh_bands == 0
            || r.lsh_rows == 0
            || r.lsh_bands * r.lsh_rows > 1024
            || r.max_block == 0
            || r.max_bucket == 0
            || r.max_candidates == 0
            || r.max_matches == 0
            || !(0.0..=1.0).contains(&r.told_before_weight)
        {
            return Err(ConfigError::Invalid(
                "repeats: thresholds must be positive, told_before_weight 0..=1, shingle_k 1..=8, lsh_bands x lsh_rows at most 1024".into(),
            ));
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
