//! Discovered topic clusters: letters grouped by what they say, without the
//! taxonomy, so a new kind of problem shows up before anyone writes a rule
//! for it (`clusters` of `GET /api/topics`).
//!
//! Method, chosen to be deterministic and cheap:
//! 1. Text → `fold(clean(text))` → jieba words. Dropped: one-character words,
//!    words without a Han character, letter boilerplate ([`STOPWORDS`]: 尊敬的,
//!    领导, 反映, 此致 …), the configured extra stop-words, place names of the
//!    gazetteer and officials' titles (they are in every kind of letter).
//! 2. Vocabulary: words in at least 3 letters and at most a quarter of them
//!    (under 50 letters: at least 2 and at most half).
//! 3. TF-IDF, sublinear tf (`1 + ln tf`), smooth idf, L2-normalised.
//! 4. Spherical k-means (cosine), k-means++ seeding from a fixed-seed
//!    generator, several restarts; the run with the highest total cosine
//!    similarity wins. Same letters in → same clusters out. k is configured
//!    or `round(sqrt(letters))`, clamped to 2..=20.
//! 5. Each cluster is labelled by its top centroid words; clusters are ordered
//!    by size (ties by their first letter id) and numbered `c1`, `c2`, …
//!    Letters left with no vocabulary word form no cluster.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Bound;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, Query, RangeQuery};
use tantivy::{Order, Term};
use xinfang_config::Config;
use xinfang_ingest::text::{clean, fold, is_han};

use crate::archive::Archive;
use crate::schema::days;
use crate::tokenizer::Segmenter;
use crate::Result;

/// `clusters[]` entry of `GET /api/topics`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    /// `c1`, `c2`, … (largest first).
    pub id: String,
    /// The top keywords joined with 、.
    pub label: String,
    /// Keywords, most characteristic first.
    pub keywords: Vec<String>,
    /// Letters in the cluster.
    pub letters: u64,
    /// Their ids, sorted.
    pub letter_ids: Vec<String>,
}

/// Words every letter has, whatever it is about (folded, simplified).
pub const STOPWORDS: &[&str] = &[
    // salutations, closings and petition vocabulary
    "尊敬", "尊敬的", "领导", "县纪委", "纪委", "监委", "纪委监委", "县纪委监委", "纪律检查委员会", "监察委员会",
    "书记", "同志", "您好", "你好", "此致", "敬礼", "反映", "举报", "实名", "匿名", "信访", "来信", "情况", "问题",
    "事情", "有关", "相关", "请求", "恳请", "希望", "要求", "调查", "核实", "处理", "严肃", "查处", "依法", "依纪",
    "重视", "尽快", "解决", "答复", "派人", "下来", "查一查", "查查", "公道", "主持", "谢谢", "感谢", "重视",
    "群众", "村民", "老百姓", "百姓", "大家", "我们", "我", "你们", "他们", "她们", "本人", "自己", "人家", "村里",
    "村上", "本村", "该村", "镇里", "乡里", "县里", "上级", "部门", "有关部门", "领导们", "干部", "村干部", "电话",
    "联系电话", "手机", "身份证", "身份证号", "家住", "住址", "现住", "不方便", "留名", "署名", "知情人", "部分",
    // function words jieba keeps as words
    "一个", "一些", "这个", "那个", "这些", "那些", "这样", "那样", "什么", "怎么", "如何", "为什么", "因为", "所以",
    "但是", "可是", "而且", "并且", "或者", "还是", "已经", "一直", "现在", "目前", "至今", "今年", "去年", "前年",
    "以来", "以后", "以前", "之后", "之前", "时候", "当时", "后来", "然后", "同时", "其中", "其他", "以上", "以下",
    "没有", "不是", "就是", "还有", "只有", "所有", "每个", "几个", "多次", "几次", "一次", "一下", "一起", "一样",
    "可以", "能够", "应该", "需要", "知道", "认为", "觉得", "看到", "听说", "说是", "据说", "表示", "告诉", "发现",
    "进行", "通过", "按照", "根据", "关于", "对于", "由于", "为了", "以及", "及其", "等等", "方面", "工作", "有些",
    "很多", "许多", "大量", "严重", "非常", "特别", "十分", "比较", "根本", "从来", "始终", "仍然", "还是", "到底",
    "年月日", "某某", "某", "该", "其", "此", "如下", "具体", "主要", "一是", "二是", "三是", "第一", "第二", "第三",
    "意见", "很大", "有意见", "影响", "反映过", "多次反映", "没人管", "不管", "不了了之", "石沉大海",
    "此致敬礼", "严肃处理", "调查核实", "明察", "明察秋毫", "秋毫", "现任", "句句", "属实", "句句属实", "委员会",
    "纪检", "监察", "机关", "纪检监察", "否则", "早日", "继续", "只能", "一面之词", "走访", "深入", "了解", "配合",
    "愿意", "强烈", "帮帮", "难处", "不知道", "实在", "看不下去", "写信", "办法", "恳请", "时间", "帮忙", "互相",
    "我家", "他家", "她家", "我们家", "镇上", "县上", "上面", "下面", "这里", "那里", "身上", "名下", "手里",
    "主任", "所长", "组长", "站长", "镇长", "乡长", "会计", "支书", "村长", "村支书", "村主任", "副镇长", "出纳",
    "各级", "领导同志", "同志们", "您好", "纪委领导", "县委", "县政府", "政府", "镇政府", "乡政府", "党委",
    "说是", "据说", "不让", "不给", "不敢", "敢怒不敢言", "打击报复", "报复", "害怕", "担心", "安排", "决定",
    "开会", "讲话", "一年", "两年", "三年", "五年", "几年", "多年", "每年", "每月", "每户", "每人", "好几", "好几年",
    "一分钱", "不等", "为名", "只好", "不好", "不少", "不到", "到现在", "现在", "今天", "明天", "昨天",
    "纪律检查", "从来不", "干的事", "说好", "说法", "方便", "同意", "那天", "在外", "吭声", "公平", "公正", "别的",
    "只求", "有话要说", "剩下", "哪里", "报上去", "带来", "考虑一下", "考虑", "一下", "一点", "有点", "出来",
    "起来", "下去", "上去", "过来", "回来", "不能", "不会", "不要", "不用", "只是", "也许", "可能", "肯定", "一定",
    // labels of online-report exports and visit registration forms
    "编号", "举报编号", "信访编号", "件号", "举报时间", "举报内容", "举报人", "被举报人", "被反映人", "反映人",
    "问题类别", "所属地区", "所属", "地区", "职务", "单位", "导出", "平台", "举报平台", "网络", "登记", "登记表",
    "来访", "来访人", "来访时间", "接待", "接待人", "处理意见", "性别", "年龄", "联系方式", "备注", "附件",
];

/// Characters of numerals and measure words: a word made only of them
/// (三年, 五百, 十几里) says nothing about the matter.
const NUMERIC: &str = "零一二三四五六七八九十百千万亿两几半每多数整个年月日天号次回户人名位元块亩分里斤岁间";

/// Options of one clustering run.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Number of clusters; 0 = `round(sqrt(n))` clamped to 2..=20.
    pub k: usize,
    /// Keywords per cluster.
    pub keywords: usize,
    /// k-means restarts.
    pub restarts: usize,
    /// Words ignored besides [`STOPWORDS`].
    pub extra_stopwords: Vec<String>,
    /// One-character surnames (to drop the rest of a name jieba cut off).
    pub surnames: Vec<char>,
    /// Words in more than this share of the letters are ignored.
    pub max_df: f64,
    /// Words in fewer letters than this are ignored (2 below 50 letters).
    pub min_df: u32,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            k: 0,
            keywords: 6,
            restarts: 20,
            extra_stopwords: Vec::new(),
            surnames: Vec::new(),
            max_df: 0.25,
            min_df: 3,
        }
    }
}

impl ClusterOptions {
    /// Options from the configuration: settings, plus place names and titles
    /// as stop-words.
    pub fn from_config(config: &Config) -> ClusterOptions {
        let t = &config.settings.trends;
        let mut extra: Vec<String> = t.cluster_stopwords.iter().map(|w| fold(w)).collect();
        extra.push(fold(&config.gazetteer.county));
        for town in &config.gazetteer.towns {
            extra.push(fold(&town.name));
            extra.extend(town.aliases.iter().map(|a| fold(a)));
            for v in &town.villages {
                extra.push(fold(&v.name));
                extra.extend(v.aliases.iter().map(|a| fold(a)));
            }
        }
        for (title, _) in config.people.titles_longest_first() {
            extra.push(fold(&title));
        }
        ClusterOptions {
            k: t.cluster_count,
            extra_stopwords: extra,
            surnames: config.people.surnames_single.clone(),
            ..ClusterOptions::default()
        }
    }
}

/// Deterministic generator (PCG-style LCG); the seed is fixed so the same
/// letters always give the same clusters.
struct Lcg(u64);

impl Lcg {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Sparse L2-normalised vector: (term, weight), sorted by term.
type Sparse = Vec<(u32, f32)>;

fn dot(a: &Sparse, dense: &[f32]) -> f32 {
    a.iter().map(|&(t, w)| w * dense[t as usize]).sum()
}

/// Words of one letter kept as features. A word right after a lone surname
/// character is the rest of a person's name (谢 + 德福) and is dropped too.
fn features<'a>(seg: &Segmenter, folded: &'a str, stop: &HashSet<&str>, surnames: &HashSet<char>) -> Vec<&'a str> {
    let words = seg.words(folded);
    let mut out = Vec::with_capacity(words.len());
    let mut after_surname = false;
    for w in words {
        let mut chars = w.chars();
        let (first, second) = (chars.next(), chars.next());
        let single = second.is_none();
        let name_rest = after_surname && w.chars().count() <= 2;
        after_surname = single && first.is_some_and(|c| surnames.contains(&c));
        if single || name_rest || !w.chars().all(is_han) || stop.contains(w) || w.chars().all(|c| NUMERIC.contains(c)) {
            continue;
        }
        out.push(w);
    }
    out
}

/// Clusters letters `(id, text)`; see the module documentation.
pub fn cluster_texts(seg: &Segmenter, letters: &[(String, String)], opts: &ClusterOptions) -> Vec<Cluster> {
    let stop: HashSet<&str> = STOPWORDS
        .iter()
        .copied()
        .chain(opts.extra_stopwords.iter().map(String::as_str))
        .collect();
    let folded: Vec<String> = letters.iter().map(|(_, t)| fold(&clean(t))).collect();
    let surnames: HashSet<char> = opts.surnames.iter().copied().collect();
    let docs: Vec<Vec<&str>> = folded.iter().map(|f| features(seg, f, &stop, &surnames)).collect();
    let n = docs.len();
    // Document frequencies.
    let mut df: HashMap<&str, u32> = HashMap::new();
    for d in &docs {
        let mut seen: Vec<&str> = d.clone();
        seen.sort_unstable();
        seen.dedup();
        for w in seen {
            *df.entry(w).or_default() += 1;
        }
    }
    // A small archive has few topics, each a large share: allow half.
    let max_share = if n < 50 { opts.max_df.max(0.5) } else { opts.max_df };
    let max_df = (n as f64 * max_share).max(2.0);
    let min_df = if n < 50 { opts.min_df.min(2) } else { opts.min_df }.max(1);
    let mut vocab: Vec<&str> = df
        .iter()
        .filter(|(_, &c)| c >= min_df && f64::from(c) <= max_df)
        .map(|(w, _)| *w)
        .collect();
    vocab.sort_unstable();
    let term_of: HashMap<&str, u32> = vocab.iter().enumerate().map(|(i, w)| (*w, i as u32)).collect();
    let idf: Vec<f32> = vocab
        .iter()
        .map(|w| (((1 + n) as f64 / (1 + df[w]) as f64).ln() + 1.0) as f32)
        .collect();
    // Vectors; letters without features are set aside.
    let mut vectors: Vec<Sparse> = Vec::new();
    let mut owners: Vec<usize> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let mut tf: BTreeMap<u32, u32> = BTreeMap::new();
        for w in d {
            if let Some(&t) = term_of.get(w) {
                *tf.entry(t).or_default() += 1;
            }
        }
        let mut v: Sparse = tf
            .into_iter()
            .map(|(t, c)| (t, (1.0 + (c as f32).ln()) * idf[t as usize]))
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
            vectors.push(v);
            owners.push(i);
        }
    }
    if vectors.is_empty() {
        return Vec::new();
    }
    let k = match opts.k {
        0 => ((vectors.len() as f64).sqrt().round() as usize).clamp(2, 20),
        k => k,
    }
    .min(vectors.len());
    let dims = vocab.len();
    let mut best: Option<(f64, Vec<usize>, Vec<Vec<f32>>)> = None;
    for r in 0..opts.restarts.max(1) {
        let (score, assign, centroids) = kmeans(&vectors, dims, k, 0x5EED_0000 + r as u64);
        if best.as_ref().is_none_or(|b| score > b.0 + 1e-9) {
            best = Some((score, assign, centroids));
        }
    }
    let Some((_, assign, centroids)) = best else {
        return Vec::new();
    };
    let mut groups: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for (c, centroid) in centroids.iter().enumerate() {
        let mut ids: Vec<String> = assign
            .iter()
            .enumerate()
            .filter(|(_, &a)| a == c)
            .map(|(v, _)| letters[owners[v]].0.clone())
            .collect();
        if ids.is_empty() {
            continue;
        }
        ids.sort();
        let mut top: Vec<(f32, u32)> = centroid
            .iter()
            .enumerate()
            .filter(|(_, &w)| w > 0.0)
            .map(|(t, &w)| (w, t as u32))
            .collect();
        top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let keywords: Vec<String> = top
            .iter()
            .take(opts.keywords.max(1))
            .map(|(_, t)| vocab[*t as usize].to_string())
            .collect();
        groups.push((keywords, ids));
    }
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.1.first().cmp(&b.1.first())));
    groups
        .into_iter()
        .enumerate()
        .map(|(i, (keywords, ids))| Cluster {
            id: format!("c{}", i + 1),
            label: keywords.iter().take(3).cloned().collect::<Vec<_>>().join("、"),
            keywords,
            letters: ids.len() as u64,
            letter_ids: ids,
        })
        .collect()
}

/// One spherical k-means run: (total cosine similarity, assignment, centroids).
fn kmeans(vectors: &[Sparse], dims: usize, k: usize, seed: u64) -> (f64, Vec<usize>, Vec<Vec<f32>>) {
    let mut rng = Lcg(seed);
    let n = vectors.len();
    // k-means++ seeding on cosine distance 1 - sim.
    let mut centroids: Vec<Vec<f32>> = Vec::with_capacity(k);
    let densify = |v: &Sparse| {
        let mut d = vec![0f32; dims];
        for &(t, w) in v {
            d[t as usize] = w;
        }
        d
    };
    let first = ((rng.next_f64() * n as f64) as usize).min(n - 1);
    centroids.push(densify(&vectors[first]));
    let mut dist: Vec<f64> = vectors.iter().map(|v| f64::from(1.0 - dot(v, &centroids[0])).max(0.0)).collect();
    while centroids.len() < k {
        let total: f64 = dist.iter().sum();
        let pick = if total <= 0.0 {
            ((rng.next_f64() * n as f64) as usize).min(n - 1)
        } else {
            let mut x = rng.next_f64() * total;
            let mut chosen = n - 1;
            for (i, d) in dist.iter().enumerate() {
                if x < *d {
                    chosen = i;
                    break;
                }
                x -= d;
            }
            chosen
        };
        let c = densify(&vectors[pick]);
        for (i, v) in vectors.iter().enumerate() {
            dist[i] = dist[i].min(f64::from(1.0 - dot(v, &c)).max(0.0));
        }
        centroids.push(c);
    }
    let mut assign = vec![usize::MAX; n];
    let mut score = 0f64;
    for _ in 0..50 {
        let mut changed = false;
        score = 0.0;
        for (i, v) in vectors.iter().enumerate() {
            let (mut bc, mut bs) = (0usize, f32::MIN);
            for (c, cen) in centroids.iter().enumerate() {
                let s = dot(v, cen);
                if s > bs {
                    bs = s;
                    bc = c;
                }
            }
            score += f64::from(bs);
            if assign[i] != bc {
                assign[i] = bc;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        // New centroids: normalised means; an empty cluster keeps its centroid.
        let mut sums = vec![vec![0f32; dims]; k];
        let mut sizes = vec![0usize; k];
        for (v, &a) in vectors.iter().zip(&assign) {
            sizes[a] += 1;
            for &(t, w) in v {
                sums[a][t as usize] += w;
            }
        }
        for (c, sum) in sums.into_iter().enumerate() {
            if sizes[c] == 0 {
                continue;
            }
            let norm = sum.iter().map(|w| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                centroids[c] = sum.into_iter().map(|w| w / norm).collect();
            }
        }
    }
    (score, assign, centroids)
}

impl Archive {
    /// Discovered clusters of the letters received in `[from, to]` (all
    /// letters when neither is given); at most `cluster_max_letters`, the
    /// newest first.
    pub fn clusters(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Vec<Cluster>> {
        let searcher = self.reader.searcher();
        let query: Box<dyn Query> = if from.is_none() && to.is_none() {
            Box::new(AllQuery)
        } else {
            let (lo, hi) = (
                from.map(days).unwrap_or(crate::schema::NO_DATE + 1),
                to.map(days).unwrap_or(i64::MAX),
            );
            if lo > hi {
                return Err(crate::IndexError::BadParam {
                    param: "from".into(),
                    message: "from is after to".into(),
                });
            }
            Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_i64(self.fields.received, lo)),
                Bound::Included(Term::from_field_i64(self.fields.received, hi)),
            ))
        };
        let limit = self.config.settings.trends.cluster_max_letters.max(1);
        let top = TopDocs::with_limit(limit).order_by_fast_field::<i64>("received", Order::Desc);
        let hits = searcher.search(&query, &top)?;
        let mut letters: Vec<(String, String)> = Vec::with_capacity(hits.len());
        for (_, addr) in hits {
            let l = self.load(&searcher, addr)?;
            letters.push((l.id, format!("{}\n{}", l.title, l.text)));
        }
        letters.sort_by(|a, b| a.0.cmp(&b.0));
        let opts = ClusterOptions::from_config(&self.config);
        Ok(cluster_texts(&self.seg, &letters, &opts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_two_obvious_groups_deterministically() {
        let config = Config::defaults().expect("config");
        let seg = Segmenter::new(&config);
        let mut letters = Vec::new();
        for i in 0..6 {
            letters.push((format!("a{i}"), format!("尊敬的领导：村里修路工程偷工减料，水泥路面开裂，工程款被克扣{i}。此致敬礼")));
            letters.push((format!("b{i}"), format!("反映问题：选举投票时有人贿选拉票，选票被调包，候选人名单没有公示{i}。")));
        }
        let opts = ClusterOptions {
            k: 2,
            ..ClusterOptions::from_config(&config)
        };
        let a = cluster_texts(&seg, &letters, &opts);
        assert_eq!(a.len(), 2);
        for c in &a {
            let first = &c.letter_ids[0][..1];
            assert!(c.letter_ids.iter().all(|id| id.starts_with(first)), "{c:?}");
            assert!(!c.keywords.iter().any(|k| STOPWORDS.contains(&k.as_str())), "{c:?}");
        }
        assert_eq!(a, cluster_texts(&seg, &letters, &opts), "deterministic");
    }

    #[test]
    fn form_labels_and_counted_people_are_no_keywords() {
        let config = Config::defaults().expect("config");
        let seg = Segmenter::new(&config);
        let stop: HashSet<&str> = STOPWORDS.iter().copied().collect();
        let text = fold("举报编号：WB20200812003\n被举报人：韦德明\n举报内容：村里有一名干部截留征地补偿款，两名村民作证。");
        let words = features(&seg, &text, &stop, &HashSet::new());
        for junk in ["编号", "举报编号", "一名", "两名", "举报内容"] {
            assert!(!words.contains(&junk), "{junk} in {words:?}");
        }
        assert!(words.contains(&"截留"), "{words:?}");
    }
}
