//! Tokenizers for Chinese letters, registered on every `Index` handle.
//!
//! Two analyses of the same folded text (NFKC + traditional → simplified, see
//! `xinfang_ingest::text`):
//! - `zh_words`: jieba-rs words (default mode, no HMM: deterministic, and the
//!   n-gram field gives sub-word recall, so search mode's overlapping tokens —
//!   which break phrase queries and snippets in peers — are not needed).
//!   Positions are character indexes, so phrase queries of words agree with
//!   the index whatever the segmentation.
//! - `zh_ngram`: for every Han character, the bigram it starts, or the
//!   character alone when it ends a run. Any substring of two or more
//!   characters is then a phrase of bigrams (处理 finds 待处理), and a single
//!   character is a prefix of some term.
//!
//! Offsets always point at the original text, so highlights land on the
//! characters as written. The jieba dictionary is loaded once and shared
//! through an `Arc`: tantivy clones tokenizers per thread and per field.

use std::sync::Arc;

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use xinfang_config::Config;
use xinfang_ingest::text::{fold_with_offsets, is_han};

/// Name of the word tokenizer.
pub const WORDS: &str = "zh_words";
/// Name of the n-gram tokenizer.
pub const NGRAM: &str = "zh_ngram";

/// The shared segmenter: jieba's embedded dictionary plus the user dictionary,
/// titles and gazetteer names from the configuration.
#[derive(Clone)]
pub struct Segmenter {
    jieba: Arc<Jieba>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Segmenter")
    }
}

impl Segmenter {
    /// Loads jieba's dictionary and adds the configured words.
    pub fn new(config: &Config) -> Segmenter {
        let mut jieba = Jieba::new();
        for line in config.user_dict.lines() {
            let mut it = line.split_whitespace();
            if let Some(word) = it.next() {
                let freq = it.next().and_then(|f| f.parse().ok());
                jieba.add_word(word, freq, it.next());
            }
        }
        for (title, _) in config.people.titles_longest_first() {
            jieba.add_word(&title, Some(20000), Some("n"));
        }
        for town in &config.gazetteer.towns {
            jieba.add_word(&town.name, Some(20000), Some("ns"));
            for v in &town.villages {
                jieba.add_word(&v.name, Some(20000), Some("ns"));
                for a in &v.aliases {
                    jieba.add_word(a, Some(20000), Some("ns"));
                }
            }
        }
        for group in &config.synonyms {
            for w in group {
                jieba.add_word(w, Some(20000), Some("n"));
            }
        }
        Segmenter {
            jieba: Arc::new(jieba),
        }
    }

    /// Words of an already folded text (used by topic clustering and queries).
    pub fn words<'a>(&self, folded: &'a str) -> Vec<&'a str> {
        self.jieba
            .cut(folded, false)
            .into_iter()
            .map(|t| t.word)
            .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
            .collect()
    }
}

/// Buffer-reusing token stream over precomputed tokens.
pub struct VecTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl TokenStream for VecTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }
    // tantivy calls token() only after advance() returned true, so next >= 1.
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Reuses `Token` allocations across calls.
#[derive(Default, Clone)]
struct TokenBuf {
    tokens: Vec<Token>,
    len: usize,
}

impl TokenBuf {
    fn clear(&mut self) {
        self.len = 0;
    }
    fn push(&mut self, text: &str, from: usize, to: usize, position: usize) {
        if self.len == self.tokens.len() {
            self.tokens.push(Token::default());
        }
        let t = &mut self.tokens[self.len];
        t.text.clear();
        t.text.push_str(text);
        t.offset_from = from;
        t.offset_to = to;
        t.position = position;
        t.position_length = 1;
        self.len += 1;
    }
    fn stream(&mut self) -> VecTokenStream<'_> {
        VecTokenStream {
            tokens: &mut self.tokens[..self.len],
            next: 0,
        }
    }
}

/// The fold of the last long text this thread tokenized.
///
/// Why: a letter's cleaned text is indexed by two tokenizers, words and
/// n-grams, one after the other on the same indexing thread; folding it (NFKC,
/// T→S, the offset map) once instead of twice saves a pass over every letter.
/// Short texts (titles, queries) are folded afresh and do not evict it.
struct FoldCache {
    source: String,
    folded: String,
    map: Vec<usize>,
}

const FOLD_CACHE_MIN: usize = 256;

thread_local! {
    static LAST_FOLD: std::cell::RefCell<FoldCache> =
        const { std::cell::RefCell::new(FoldCache { source: String::new(), folded: String::new(), map: Vec::new() }) };
}

/// Calls `f` with the folded text and its offset map (see `fold_with_offsets`).
fn with_folded<R>(text: &str, f: impl FnOnce(&str, &[usize]) -> R) -> R {
    if text.len() < FOLD_CACHE_MIN {
        let (folded, map) = fold_with_offsets(text);
        return f(&folded, &map);
    }
    LAST_FOLD.with(|cell| match cell.try_borrow_mut() {
        Ok(mut c) => {
            if c.source != text {
                let (folded, map) = fold_with_offsets(text);
                c.source.clear();
                c.source.push_str(text);
                c.folded = folded;
                c.map = map;
            }
            f(&c.folded, &c.map)
        }
        // Re-entered from inside `f` (never in practice): no cache.
        Err(_) => {
            let (folded, map) = fold_with_offsets(text);
            f(&folded, &map)
        }
    })
}

/// jieba words over folded text.
#[derive(Clone)]
pub struct WordTokenizer {
    seg: Segmenter,
    buf: TokenBuf,
}

impl WordTokenizer {
    /// A tokenizer sharing the segmenter's dictionary.
    pub fn new(seg: Segmenter) -> Self {
        WordTokenizer {
            seg,
            buf: TokenBuf::default(),
        }
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecTokenStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream<'a> {
        self.buf.clear();
        let (seg, buf) = (&self.seg, &mut self.buf);
        with_folded(text, |folded, map| {
            // Token start/end are char indexes of `folded`, mapped back via `map`.
            for tok in seg.jieba.cut(folded, false) {
                if !tok.word.chars().any(|c| c.is_alphanumeric()) {
                    continue;
                }
                let from = map[tok.start];
                let to = map[tok.end.min(map.len() - 1)];
                buf.push(tok.word, from, to, tok.start);
            }
        });
        self.buf.stream()
    }
}

/// Bigrams of Han characters (and whole ASCII/digit runs) over folded text.
#[derive(Clone, Default)]
pub struct NgramTokenizer {
    buf: TokenBuf,
}

impl Tokenizer for NgramTokenizer {
    type TokenStream<'a> = VecTokenStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream<'a> {
        self.buf.clear();
        let buf = &mut self.buf;
        with_folded(text, |folded, map| {
            let chars: Vec<char> = folded.chars().collect();
            let mut tmp = String::with_capacity(8);
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i];
                if is_han(c) {
                    tmp.clear();
                    tmp.push(c);
                    let end = if i + 1 < chars.len() && is_han(chars[i + 1]) {
                        tmp.push(chars[i + 1]);
                        i + 2
                    } else {
                        i + 1
                    };
                    buf.push(&tmp, map[i], map[end], i);
                    i += 1;
                } else if c.is_alphanumeric() {
                    let start = i;
                    tmp.clear();
                    while i < chars.len() && chars[i].is_alphanumeric() && !is_han(chars[i]) {
                        tmp.push(chars[i]);
                        i += 1;
                    }
                    buf.push(&tmp, map[start], map[i], start);
                } else {
                    i += 1;
                }
            }
        });
        self.buf.stream()
    }
}

/// Registers both tokenizers on an index. Tokenizers are not persisted with
/// the index (tantivy #2078), so every open path must call this.
pub fn register(index: &tantivy::Index, seg: &Segmenter) {
    let tm = index.tokenizers();
    tm.register(WORDS, WordTokenizer::new(seg.clone()));
    tm.register(NGRAM, NgramTokenizer::default());
}

/// The n-gram terms of a folded query string, in order: what a phrase query on
/// the n-gram field must match. Han runs become overlapping bigrams (a lone
/// Han character stays a unigram), ASCII runs stay whole.
pub fn ngram_terms(folded: &str) -> Vec<String> {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_han(c) {
            let mut j = i;
            while j < chars.len() && is_han(chars[j]) {
                j += 1;
            }
            if j - i == 1 {
                out.push(c.to_string());
            } else {
                for k in i..j - 1 {
                    out.push([chars[k], chars[k + 1]].iter().collect());
                }
            }
            i = j;
        } else if c.is_alphanumeric() {
            let mut s = String::new();
            while i < chars.len() && chars[i].is_alphanumeric() && !is_han(chars[i]) {
                s.push(chars[i]);
                i += 1;
            }
            out.push(s);
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect<T: Tokenizer>(t: &mut T, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut s = t.token_stream(text);
        while s.advance() {
            let tok = s.token();
            out.push((tok.text.clone(), tok.offset_from, tok.offset_to, tok.position));
        }
        out
    }

    #[test]
    fn ngrams_cover_every_substring_and_point_at_original() {
        let mut t = NgramTokenizer::default();
        let text = "待處理，XF2019-01";
        let toks = collect(&mut t, text);
        let texts: Vec<&str> = toks.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(texts, vec!["待处", "处理", "理", "xf2019", "01"]);
        // 处理 highlights the traditional 處理 as written.
        assert_eq!(&text[toks[1].1..toks[1].2], "處理");
        assert_eq!(ngram_terms("处理"), vec!["处理"]);
        assert_eq!(ngram_terms("危房改造"), vec!["危房", "房改", "改造"]);
        assert_eq!(ngram_terms("村"), vec!["村"]);
    }

    #[test]
    fn words_use_user_dictionary_and_fold_script() {
        let config = Config::defaults().expect("defaults");
        let seg = Segmenter::new(&config);
        let mut t = WordTokenizer::new(seg);
        let toks = collect(&mut t, "反映村黨支部書記王某截留低保金");
        let words: Vec<&str> = toks.iter().map(|t| t.0.as_str()).collect();
        assert!(words.contains(&"村党支部书记"), "{words:?}");
        // A long text twice (the second fold comes from the cache), then another:
        // the same tokens as a fresh tokenizer on a fresh thread.
        let long = "反映村黨支部書記王某截留低保金，".repeat(30);
        let other = "征地补偿款被截留挪用，群众多次反映无人处理。".repeat(20);
        let first = collect(&mut t, &long);
        assert_eq!(collect(&mut t, &long), first);
        let fresh = std::thread::scope(|s| {
            s.spawn(|| {
                let mut t = WordTokenizer::new(Segmenter::new(&config));
                (collect(&mut t, &long), collect(&mut t, &other))
            })
            .join()
            .expect("thread")
        });
        assert_eq!(first, fresh.0);
        assert_eq!(collect(&mut t, &other), fresh.1);
        let mut n = NgramTokenizer::default();
        let ngrams = collect(&mut n, &other);
        assert_eq!(collect(&mut NgramTokenizer::default(), &other), ngrams);
        assert_eq!(ngrams.len(), other.chars().filter(|&c| is_han(c)).count());
        assert!(words.contains(&"低保金"), "{words:?}");
        let text = "反映村黨支部書記王某截留低保金";
        let tok = toks.iter().find(|t| t.0 == "村党支部书记").expect("title token");
        assert_eq!(&text[tok.1..tok.2], "村黨支部書記");
        // Positions are character indexes, increasing.
        assert!(toks.windows(2).all(|w| w[0].3 < w[1].3));
    }
}
