//! Topic classification: weighted keywords and phrase rules from `topics.toml`.
//!
//! One Aho-Corasick automaton, built once per taxonomy, finds every keyword,
//! rule word and aside cue in a letter in a single pass. A hit weighs more in
//! the first sentence that carries a topic word (the first allegation) and
//! less in an aside (另外…, a further matter), so that the matter the letter
//! is about outweighs incidental mentions.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use xinfang_config::Taxonomy;

use super::doc::is_sentence_break;
use crate::text::fold;

#[derive(Debug, Clone)]
struct Rule {
    topic: usize,
    /// Pattern ids of the words that must share a sentence.
    words: Vec<usize>,
    weight: f64,
}

/// The classifier, built once from the taxonomy.
#[derive(Debug, Clone)]
pub(crate) struct Topics {
    ac: Option<AhoCorasick>,
    /// Per pattern: (topic, weight) pairs; a word may score for several topics.
    weights: Vec<Vec<(usize, f64)>>,
    /// Per pattern: whether it is an aside cue.
    aside: Vec<bool>,
    rules: Vec<Rule>,
    labels: Vec<String>,
    /// Folded category value → topic, longest value first.
    categories: Vec<(String, usize)>,
    /// The topic labelled like the fallback, if the taxonomy scores one.
    fallback_topic: Option<usize>,
    main_min: f64,
    secondary_min: f64,
    secondary_ratio: f64,
    max_secondary: usize,
    first_weight: f64,
    aside_weight: f64,
    fallback: String,
}

/// Where one pattern occurs: its sentence number and pattern id.
type Hit = (usize, usize);

impl Topics {
    pub fn new(t: &Taxonomy) -> Topics {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut id_of = |w: &str, patterns: &mut Vec<String>| -> Option<usize> {
            let f = fold(w);
            if f.is_empty() {
                return None;
            }
            Some(*index.entry(f.clone()).or_insert_with(|| {
                patterns.push(f);
                patterns.len() - 1
            }))
        };
        let mut weights: Vec<Vec<(usize, f64)>> = Vec::new();
        let grow = |v: &mut Vec<Vec<(usize, f64)>>, id: usize| {
            if v.len() <= id {
                v.resize(id + 1, Vec::new());
            }
        };
        let mut rules = Vec::new();
        let mut categories = Vec::new();
        for (ti, topic) in t.topics.iter().enumerate() {
            for (k, w) in &topic.keywords {
                if let Some(id) = id_of(k, &mut patterns) {
                    grow(&mut weights, id);
                    weights[id].push((ti, *w));
                }
            }
            for r in &topic.rules {
                let words: Vec<usize> = r
                    .all
                    .iter()
                    .filter_map(|w| id_of(w, &mut patterns))
                    .collect();
                if !words.is_empty() {
                    rules.push(Rule {
                        topic: ti,
                        words,
                        weight: r.weight,
                    });
                }
            }
            // A ledger's 其他 means "none of the ledger's own categories",
            // which may still be one of ours: the fallback label maps only
            // through values listed explicitly.
            if topic.label != t.fallback {
                categories.push((fold(&topic.label), ti));
            }
            for c in &topic.categories {
                categories.push((fold(c), ti));
            }
        }
        let mut aside_ids = Vec::new();
        for c in &t.aside_cues {
            if let Some(id) = id_of(c, &mut patterns) {
                aside_ids.push(id);
            }
        }
        grow(&mut weights, patterns.len().saturating_sub(1));
        let mut aside = vec![false; patterns.len()];
        for id in aside_ids {
            aside[id] = true;
        }
        categories.sort_by_key(|c| std::cmp::Reverse(c.0.chars().count()));
        let ac = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| tracing::error!(target: "ingest::extract", error = %e, "topic matcher not built"))
            .ok();
        Topics {
            ac,
            weights,
            aside,
            rules,
            labels: t.topics.iter().map(|x| x.label.clone()).collect(),
            categories,
            fallback_topic: t.topics.iter().position(|x| x.label == t.fallback),
            main_min: t.main_min,
            secondary_min: t.secondary_min,
            secondary_ratio: t.secondary_ratio,
            max_secondary: t.max_secondary,
            first_weight: t.first_weight,
            aside_weight: t.aside_weight,
            fallback: t.fallback.clone(),
        }
    }

    /// The topic a ledger category maps to: exact value first, then the
    /// longest value the category contains (农村危房改造问题 → 危房改造).
    pub fn category_topic(&self, category: &str) -> Option<usize> {
        let c = fold(category.trim());
        if c.is_empty() {
            return None;
        }
        self.categories
            .iter()
            .find(|(v, _)| *v == c)
            .or_else(|| self.categories.iter().find(|(v, _)| c.contains(v.as_str())))
            .map(|(_, t)| *t)
    }

    /// Every pattern hit in `text` with its sentence number, in text order.
    /// Overlapping matches come by end, so a match may start before the
    /// previous one: sentence numbers come from the break offsets instead.
    fn hits(&self, ac: &AhoCorasick, text: &str) -> Vec<Hit> {
        let breaks: Vec<usize> = text
            .char_indices()
            .filter(|&(_, c)| is_sentence_break(c))
            .map(|(i, _)| i)
            .collect();
        ac.find_overlapping_iter(text)
            .map(|m| (breaks.partition_point(|&b| b < m.start()), m.pattern().as_usize()))
            .collect()
    }

    /// Per sentence number, the weight of its words: `first_weight` for the
    /// first sentence with a topic word, `aside_weight` from an aside cue
    /// after it on. An aside cue before any topic word (还有几件事要反映 in
    /// the introduction) does not count.
    fn sentence_weight(&self, hits: &[Hit]) -> impl Fn(usize) -> f64 {
        let scoring = |id: usize| self.weights[id].iter().any(|&(_, w)| w > 0.0);
        let first = hits.iter().find(|&&(_, id)| scoring(id)).map(|&(s, _)| s);
        let aside_from = first.and_then(|f| {
            hits.iter()
                .find(|&&(s, id)| s > f && self.aside[id])
                .map(|&(s, _)| s)
        });
        let (fw, aw) = (self.first_weight, self.aside_weight);
        move |s: usize| {
            let mut w = 1.0;
            if Some(s) == first {
                w *= fw;
            }
            if aside_from.is_some_and(|a| s >= a) {
                w *= aw;
            }
            w
        }
    }

    /// Scores per topic for a folded text and folded title (the ledger's
    /// summary, or the letter's first matter sentence).
    ///
    /// A keyword counts with the weight of the best sentence it occurs in,
    /// plus a quarter of its weight per repeat (up to four); in the title it
    /// counts once more. A rule counts once, with the weight of its best
    /// sentence.
    fn scores(&self, text: &str, title: &str) -> Vec<f64> {
        let mut scores = vec![0.0; self.labels.len()];
        let Some(ac) = &self.ac else { return scores };
        let n = self.weights.len();
        let hits = self.hits(ac, text);
        let weight_of = self.sentence_weight(&hits);
        let mut count = vec![0u32; n];
        let mut best = vec![0.0f64; n];
        for &(s, id) in &hits {
            count[id] += 1;
            best[id] = best[id].max(weight_of(s));
        }
        let mut in_title = vec![false; n];
        for m in ac.find_overlapping_iter(title) {
            in_title[m.pattern().as_usize()] = true;
        }
        for id in 0..n {
            if count[id] == 0 && !in_title[id] {
                continue;
            }
            let repeat = f64::from(count[id].saturating_sub(1).min(4)) * 0.25;
            let factor = if count[id] > 0 { best[id] + repeat } else { 0.0 }
                + if in_title[id] { 1.0 } else { 0.0 };
            for &(t, w) in &self.weights[id] {
                scores[t] += w * factor;
            }
        }
        for r in &self.rules {
            if let Some(w) = rule_weight(r, &hits, &weight_of) {
                scores[r.topic] += r.weight * w;
            }
        }
        scores
    }

    /// Main topic first, then secondary ones; never empty.
    pub fn classify(&self, text: &str, title: &str, category: Option<&str>) -> Vec<String> {
        self.classify_folded(&fold(text), &fold(title), category)
    }

    /// [`Topics::classify`] on text and title already folded.
    pub fn classify_folded(&self, text: &str, title: &str, category: Option<&str>) -> Vec<String> {
        let scores = self.scores(text, title);
        let forced = category.and_then(|c| self.category_topic(c));
        let mut order: Vec<usize> = (0..scores.len()).collect();
        // Highest score first; ties go to the earlier topic (stable sort).
        order.sort_by(|&a, &b| {
            scores[b]
                .partial_cmp(&scores[a])
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let mut out: Vec<String> = Vec::new();
        let main = match forced {
            Some(t) => Some(t),
            None => order
                .first()
                .copied()
                .filter(|&t| scores[t] >= self.main_min),
        };
        let Some(main) = main else {
            return vec![self.fallback.clone()];
        };
        out.push(self.labels[main].clone());
        let top = scores[main].max(order.first().map_or(0.0, |&t| scores[t]));
        for &t in &order {
            if out.len() > self.max_secondary {
                break;
            }
            if t != main
                && Some(t) != self.fallback_topic
                && scores[t] >= self.secondary_min
                && scores[t] >= top * self.secondary_ratio
            {
                out.push(self.labels[t].clone());
            }
        }
        out
    }
}

/// The weight of the best sentence holding every word of `r`, if any does.
fn rule_weight(r: &Rule, hits: &[Hit], weight_of: &impl Fn(usize) -> f64) -> Option<f64> {
    let mut best: Option<f64> = None;
    let mut k = 0;
    // Hits are in sentence order: walk them one sentence at a time.
    while k < hits.len() {
        let s = hits[k].0;
        let end = hits[k..]
            .iter()
            .position(|h| h.0 != s)
            .map_or(hits.len(), |p| k + p);
        let here = &hits[k..end];
        if r.words.iter().all(|w| here.iter().any(|h| h.1 == *w)) {
            let w = weight_of(s);
            best = Some(best.map_or(w, |b: f64| b.max(w)));
        }
        k = end;
    }
    best
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use xinfang_config::{Taxonomy, Topic, TopicRule};

    use super::Topics;

    fn topic(label: &str, words: &[(&str, f64)], rules: &[(&[&str], f64)]) -> Topic {
        Topic {
            label: label.to_string(),
            categories: vec![format!("{label}问题")],
            keywords: words.iter().map(|(w, x)| (w.to_string(), *x)).collect::<BTreeMap<_, _>>(),
            rules: rules
                .iter()
                .map(|(all, weight)| TopicRule {
                    all: all.iter().map(|w| w.to_string()).collect(),
                    weight: *weight,
                })
                .collect(),
        }
    }

    /// Three topics of equal-weight words, a rule, and a fallback topic.
    fn taxonomy(first_weight: f64, aside_weight: f64) -> Taxonomy {
        Taxonomy {
            main_min: 2.0,
            secondary_min: 1.0,
            secondary_ratio: 0.0,
            max_secondary: 3,
            fallback: "其他".to_string(),
            first_weight,
            aside_cues: vec!["另外".to_string()],
            aside_weight,
            topics: vec![
                topic("低保", &[("救济", 3.0)], &[]),
                topic("作风问题", &[("喝酒", 3.0)], &[]),
                topic("发展党员", &[("入党", 3.0)], &[(&["发展", "党员"], 3.0)]),
                topic("其他", &[("宅基地", 3.0)], &[]),
            ],
        }
    }

    fn classify(t: &Topics, text: &str) -> Vec<String> {
        t.classify(text, "", None)
    }

    #[test]
    fn the_first_allegation_outweighs_a_later_equal_one() {
        let t = Topics::new(&taxonomy(1.5, 1.0));
        assert_eq!(classify(&t, "他亲戚吃救济。他天天喝酒。"), vec!["低保", "作风问题"]);
        assert_eq!(classify(&t, "他天天喝酒。他亲戚吃救济。"), vec!["作风问题", "低保"]);
        // Without the position weight the tie goes to the earlier topic.
        let flat = Topics::new(&taxonomy(1.0, 1.0));
        assert_eq!(classify(&flat, "他天天喝酒。他亲戚吃救济。")[0], "低保");
    }

    #[test]
    fn an_aside_weighs_less_even_when_it_repeats_its_words() {
        let t = Topics::new(&taxonomy(1.0, 0.4));
        let text = "他亲戚吃救济。另外，他喝酒，喝酒，天天喝酒。";
        assert_eq!(classify(&t, text), vec!["低保", "作风问题"]);
        let flat = Topics::new(&taxonomy(1.0, 1.0));
        assert_eq!(classify(&flat, text)[0], "作风问题");
    }

    #[test]
    fn an_aside_cue_before_any_allegation_does_not_count() {
        let t = Topics::new(&taxonomy(1.0, 0.1));
        // 另外 in the introduction: every sentence keeps its full weight.
        let text = "另外几位村民也知道。他天天喝酒。他亲戚吃救济，救济，救济。";
        assert_eq!(classify(&t, text)[0], "低保");
    }

    #[test]
    fn a_rule_counts_only_when_its_words_share_a_sentence() {
        let t = Topics::new(&taxonomy(1.0, 1.0));
        assert_eq!(classify(&t, "村支书突击发展他侄子为党员。")[0], "发展党员");
        assert_eq!(classify(&t, "村支书想发展。我是党员。"), vec!["其他"]);
    }

    #[test]
    fn the_fallback_topic_competes_as_main_but_is_never_secondary() {
        let t = Topics::new(&taxonomy(1.0, 1.0));
        assert_eq!(classify(&t, "邻居家盖房占了我家宅基地。"), vec!["其他"]);
        let both = classify(&t, "他亲戚吃救济，救济。宅基地的事也没解决。");
        assert_eq!(both, vec!["低保"], "{both:?}");
        // A ledger's 其他 does not force the fallback; a listed category does.
        assert_eq!(t.classify("他亲戚吃救济。", "", Some("其他"))[0], "低保");
        assert_eq!(t.classify("他亲戚吃救济。", "", Some("作风问题问题"))[0], "作风问题");
    }

    #[test]
    fn overlapping_words_ending_together_are_all_counted() {
        // 吃救济 ends with 救济 and starts before it: overlapping matches
        // come by end, so sentence numbers must not assume start order.
        let mut tax = taxonomy(1.0, 1.0);
        tax.topics[0].keywords.insert("吃救济".to_string(), 2.0);
        let t = Topics::new(&tax);
        let scores = t.scores("前言。他家吃救济。", "");
        assert!((scores[0] - 5.0).abs() < 1e-9, "{scores:?}");
    }

    #[test]
    fn the_title_counts_once_more() {
        let t = Topics::new(&taxonomy(1.0, 1.0));
        let scores = t.scores("他天天喝酒。", "喝酒");
        assert!((scores[1] - 6.0).abs() < 1e-9, "{scores:?}");
    }

    #[test]
    fn relocation_housing_is_poverty_relief_not_land_compensation() {
        let config = xinfang_config::Config::defaults().expect("defaults");
        let t = Topics::new(&config.taxonomy);
        let text = "我是双河镇双河村村民韩春花。2019年我家被列为易地扶贫搬迁户，按政策应该分到一套七十五平方米的安置房。\
                    可村委会主任卓文清说名额有限，要先交五千元“排号费”才能优先分房，我家交了钱，收据都没有开。";
        assert_eq!(classify(&t, text).first().map(String::as_str), Some("扶贫"));
        // Housing for land taken stays land compensation.
        let taken = "镇里修工业园征收了我家的地，说好的安置房到现在也没有分，补偿款也被村主任扣了一半。";
        assert_eq!(classify(&t, taken).first().map(String::as_str), Some("征地补偿"));
    }
}
