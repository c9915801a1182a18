//! Topic classification: weighted keywords and phrase rules from `topics.toml`.

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
    rules: Vec<Rule>,
    labels: Vec<String>,
    /// Folded category value → topic, longest value first.
    categories: Vec<(String, usize)>,
    main_min: f64,
    secondary_min: f64,
    secondary_ratio: f64,
    max_secondary: usize,
    fallback: String,
}

impl Topics {
    pub fn new(t: &Taxonomy) -> Topics {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut weights: Vec<Vec<(usize, f64)>> = Vec::new();
        let mut id_of = |w: &str,
                         patterns: &mut Vec<String>,
                         weights: &mut Vec<Vec<(usize, f64)>>|
         -> Option<usize> {
            let f = fold(w);
            if f.is_empty() {
                return None;
            }
            Some(*index.entry(f.clone()).or_insert_with(|| {
                patterns.push(f);
                weights.push(Vec::new());
                patterns.len() - 1
            }))
        };
        let mut rules = Vec::new();
        let mut categories = Vec::new();
        for (ti, topic) in t.topics.iter().enumerate() {
            for (k, w) in &topic.keywords {
                if let Some(id) = id_of(k, &mut patterns, &mut weights) {
                    weights[id].push((ti, *w));
                }
            }
            for r in &topic.rules {
                let words: Vec<usize> = r
                    .all
                    .iter()
                    .filter_map(|w| id_of(w, &mut patterns, &mut weights))
                    .collect();
                if !words.is_empty() {
                    rules.push(Rule {
                        topic: ti,
                        words,
                        weight: r.weight,
                    });
                }
            }
            categories.push((fold(&topic.label), ti));
            for c in &topic.categories {
                categories.push((fold(c), ti));
            }
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
            rules,
            labels: t.topics.iter().map(|x| x.label.clone()).collect(),
            categories,
            main_min: t.main_min,
            secondary_min: t.secondary_min,
            secondary_ratio: t.secondary_ratio,
            max_secondary: t.max_secondary,
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

    /// Scores per topic for a folded text and folded title.
    fn scores(&self, text: &str, title: &str) -> Vec<f64> {
        let mut scores = vec![0.0; self.labels.len()];
        let Some(ac) = &self.ac else { return scores };
        let n = self.weights.len();
        let mut count = vec![0u32; n];
        let mut in_title = vec![false; n];
        // Sentence number of each hit, for phrase rules.
        let mut sentence_hits: Vec<(usize, usize)> = Vec::new();
        let want_rules = !self.rules.is_empty();
        let mut sentence = 0usize;
        let mut last = 0usize;
        for m in ac.find_overlapping_iter(text) {
            let id = m.pattern().as_usize();
            count[id] += 1;
            if want_rules {
                sentence += text[last..m.start()]
                    .chars()
                    .filter(|&c| is_sentence_break(c))
                    .count();
                last = m.start();
                sentence_hits.push((sentence, id));
            }
        }
        for m in ac.find_overlapping_iter(title) {
            in_title[m.pattern().as_usize()] = true;
        }
        for id in 0..n {
            if count[id] == 0 && !in_title[id] {
                continue;
            }
            let repeat = f64::from(count[id].saturating_sub(1).min(4)) * 0.25;
            let factor = if count[id] > 0 { 1.0 + repeat } else { 0.0 }
                + if in_title[id] { 1.0 } else { 0.0 };
            for &(t, w) in &self.weights[id] {
                scores[t] += w * factor;
            }
        }
        for r in &self.rules {
            let mut sentences: Vec<usize> = sentence_hits
                .iter()
                .filter(|(_, id)| *id == r.words[0])
                .map(|(s, _)| *s)
                .collect();
            sentences.dedup();
            let hit = sentences.iter().any(|s| {
                r.words[1..]
                    .iter()
                    .all(|w| sentence_hits.iter().any(|(s2, id)| s2 == s && id == w))
            });
            if hit {
                scores[r.topic] += r.weight;
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
                && scores[t] >= self.secondary_min
                && scores[t] >= top * self.secondary_ratio
            {
                out.push(self.labels[t].clone());
            }
        }
        out
    }
}
