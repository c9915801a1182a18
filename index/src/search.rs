//! Search: the query language, filters, facets and highlighted snippets.
//!
//! Query language: words separated by spaces must all match; `"quoted
//! phrases"` match as written (spaces inside are ignored between Chinese
//! characters); `-word` excludes. Every word matches as a substring through
//! the n-gram field (so 处理 finds 待处理, and recall never depends on how
//! jieba cut the letter) and scores higher where it is a whole jieba word or
//! stands in the title. Synonym groups from the configuration widen a word
//! (村支书 also finds 村党支部书记). Everything is folded first, so either
//! script finds both.

use std::collections::BTreeMap;
use std::ops::Bound;

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery,
    RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Order, Term};
use xinfang_ingest::record::Letter;
use xinfang_ingest::text::{self, fold, is_han};

use crate::archive::Archive;
use crate::facets::{FacetCollector, FacetCounts};
use crate::schema::days;
use crate::tokenizer::ngram_terms;
use crate::view::LetterSummary;
use crate::{IndexError, Result};

/// Sort order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best match first (newest first when there is no text query).
    #[default]
    Relevance,
    /// Newest received first.
    Date,
}

/// A search, with every filter of the contract. The default is the
/// contract's: everything, 20 per page. `limit: 0` asks for the total and
/// facets only.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// Words and "quoted phrases".
    pub q: String,
    /// Town (any script, with or without 镇/乡).
    pub town: Option<String>,
    /// Village.
    pub village: Option<String>,
    /// A person in any role.
    pub person: Option<String>,
    /// An accused official.
    pub official: Option<String>,
    /// Topic label.
    pub topic: Option<String>,
    /// forwarded / local.
    pub origin: Option<String>,
    /// Batch label.
    pub batch: Option<String>,
    /// Received on or after.
    pub from: Option<NaiveDate>,
    /// Received on or before.
    pub to: Option<NaiveDate>,
    /// Order.
    pub sort: SortOrder,
    /// Page size.
    pub limit: usize,
    /// Page start.
    pub offset: usize,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            q: String::new(),
            town: None,
            village: None,
            person: None,
            official: None,
            topic: None,
            origin: None,
            batch: None,
            from: None,
            to: None,
            sort: SortOrder::default(),
            limit: 20,
            offset: 0,
        }
    }
}

/// One hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The letter summary.
    #[serde(flatten)]
    pub letter: LetterSummary,
    /// Relevance score (0 when sorted by date).
    pub score: f32,
    /// A passage with matches marked `<em>`; HTML-escaped, phone and ID numbers masked.
    pub snippet: String,
}

/// The answer.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResponse {
    /// Letters matching.
    pub total: usize,
    /// The page.
    pub hits: Vec<Hit>,
    /// Counts per facet value over all matches.
    pub facets: Facets,
}

/// Facet counts: value → letters.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Facets {
    /// Towns.
    pub town: BTreeMap<String, u64>,
    /// Villages.
    pub village: BTreeMap<String, u64>,
    /// Topics (a letter counts once per topic it has).
    pub topic: BTreeMap<String, u64>,
    /// Months `YYYY-MM` (`unknown` for letters without a date).
    pub month: BTreeMap<String, u64>,
    /// Origins.
    pub origin: BTreeMap<String, u64>,
}

/// A parsed clause of the query string.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Clause {
    /// A word as typed: Chinese typed without spaces may be several words.
    Must(String),
    /// A "quoted phrase": matched as written.
    Phrase(String),
    MustNot(String),
}

/// Splits the query string into clauses. Never fails: an unbalanced quote
/// runs to the end.
fn parse_clauses(q: &str) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut chars = q.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let negate = c == '-' && chars.clone().nth(1).is_some_and(|n| !n.is_whitespace());
        if negate {
            chars.next();
        }
        let mut word = String::new();
        let quoted = matches!(chars.peek(), Some('"' | '“' | '”' | '「' | '」'));
        if quoted {
            chars.next();
            for ch in chars.by_ref() {
                if matches!(ch, '"' | '“' | '”' | '「' | '」') {
                    break;
                }
                word.push(ch);
            }
            word = squeeze_spaces_between_han(&word);
        } else {
            while let Some(&ch) = chars.peek() {
                if ch.is_whitespace() {
                    break;
                }
                word.push(ch);
                chars.next();
            }
        }
        let word = word.trim().to_string();
        if word.is_empty() || !word.chars().any(|c| c.is_alphanumeric()) {
            continue;
        }
        out.push(if negate {
            Clause::MustNot(word)
        } else if quoted {
            Clause::Phrase(word)
        } else {
            Clause::Must(word)
        });
    }
    out
}

fn squeeze_spaces_between_han(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if prev.is_some_and(is_han) && next.is_some_and(|&n| is_han(n)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

impl Archive {
    /// Folded variants of a query word: the word and its synonyms.
    fn variants(&self, word: &str) -> Vec<String> {
        let folded = fold(word);
        let mut out = vec![folded.clone()];
        for group in &self.config.synonyms {
            let g: Vec<String> = group.iter().map(|w| fold(w)).collect();
            if g.contains(&folded) {
                for w in g {
                    if !out.contains(&w) {
                        out.push(w);
                    }
                }
            }
        }
        out
    }

    /// Substring match of one folded string on the n-gram field.
    fn substring_query(&self, folded: &str) -> Result<Option<Box<dyn Query>>> {
        let field = self.fields.ngram;
        let mut runs: Vec<Box<dyn Query>> = Vec::new();
        // Split into Han runs and alphanumeric runs: each must match.
        let mut buf = String::new();
        let mut buf_han = false;
        let flush = |buf: &mut String, han: bool, runs: &mut Vec<Box<dyn Query>>| -> Result<()> {
            if buf.is_empty() {
                return Ok(());
            }
            let terms = ngram_terms(buf);
            let q: Box<dyn Query> = if han && buf.chars().count() == 1 {
                // A lone character: any bigram it starts, or itself.
                let pattern = format!("{}.?", regex_escape(buf));
                Box::new(RegexQuery::from_pattern(&pattern, field)?)
            } else if terms.len() == 1 {
                Box::new(TermQuery::new(
                    Term::from_field_text(field, &terms[0]),
                    IndexRecordOption::WithFreqs,
                ))
            } else {
                // Bigrams at every other position, and the last one, already
                // pin every character (偷工减料 = 偷工 at p and 减料 at p + 2):
                // fewer position lists to read for long words.
                let last = terms.len() - 1;
                Box::new(PhraseQuery::new_with_offset(
                    terms
                        .iter()
                        .enumerate()
                        .filter(|&(i, _)| !han || i % 2 == 0 || i == last)
                        .map(|(i, t)| (i, Term::from_field_text(field, t)))
                        .collect(),
                ))
            };
            runs.push(q);
            buf.clear();
            Ok(())
        };
        for c in folded.chars() {
            let han = is_han(c);
            let alnum = c.is_alphanumeric();
            if !alnum {
                flush(&mut buf, buf_han, &mut runs)?;
                continue;
            }
            if !buf.is_empty() && han != buf_han {
                flush(&mut buf, buf_han, &mut runs)?;
            }
            buf_han = han;
            buf.push(c);
        }
        flush(&mut buf, buf_han, &mut runs)?;
        Ok(match runs.len() {
            0 => None,
            1 => runs.pop(),
            _ => Some(Box::new(BooleanQuery::new(
                runs.into_iter().map(|q| (Occur::Must, q)).collect(),
            ))),
        })
    }

    /// The words of what a user typed without spaces: 柳河村低保 is 柳河村 and
    /// 低保, 钱志刚书记 is 钱志刚 and 书记 (jieba, with the user dictionary;
    /// characters jieba leaves alone stay together as one run, so a name it
    /// does not know stays whole). Punctuation splits too. One word, or text
    /// that is not Chinese (a reference number), stays as typed.
    fn typed_parts(&self, word: &str) -> Vec<String> {
        let folded = fold(word);
        if folded.chars().filter(|&c| is_han(c)).count() < 3 && folded.chars().all(|c| c.is_alphanumeric()) {
            return vec![word.to_string()];
        }
        if !folded.chars().any(is_han) {
            return vec![word.to_string()];
        }
        let mut parts: Vec<String> = Vec::new();
        let mut run = String::new();
        for w in self.seg.words(&folded) {
            if w.chars().count() == 1 && w.chars().all(is_han) {
                run.push_str(w);
                continue;
            }
            if !run.is_empty() {
                parts.push(std::mem::take(&mut run));
            }
            parts.push(w.to_string());
        }
        if !run.is_empty() {
            parts.push(run);
        }
        if parts.is_empty() {
            return vec![word.to_string()];
        }
        parts
    }

    /// The query of a word as typed: each of its [`Archive::typed_parts`]
    /// must match (as a word typed alone would), and letters where the whole
    /// string stands together rank first.
    fn typed_query(&self, word: &str) -> Result<Option<Box<dyn Query>>> {
        let parts = self.typed_parts(word);
        if parts.len() <= 1 {
            return self.word_query(word);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for p in &parts {
            if let Some(q) = self.word_query(p)? {
                clauses.push((Occur::Must, q));
            }
        }
        if clauses.is_empty() {
            return Ok(None);
        }
        if let Some(whole) = self.word_query(word)? {
            clauses.push((Occur::Should, Box::new(BoostQuery::new(whole, 2.0))));
        }
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }

    /// The query of one word: any variant as a substring, boosted where it is
    /// a whole word of the body or title.
    fn word_query(&self, word: &str) -> Result<Option<Box<dyn Query>>> {
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // A reference number (XF2020-0103) is rarely in the text itself: the
        // ledger row carries it. Any letter carrying it matches.
        if word.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
            if let Some(r) = xinfang_ingest::refs::normalize_ref(word) {
                alternatives.push((Occur::Should, self.term(self.fields.reference, &r)));
            }
        }
        // A town or village of the gazetteer also finds the letters placed
        // there whose text never names it (a letter that says only 柳河村 is
        // a 石桥镇 letter).
        if let Some((field, name)) = self.gazetteer_place(word) {
            alternatives.push((Occur::Should, self.term(field, &name)));
        }
        let variants = self.variants(word);
        for (i, v) in variants.iter().enumerate() {
            // A variant that holds another (滥发津补贴 holds 津补贴) finds no
            // letter the shorter one misses: it would only cost a phrase match.
            if variants
                .iter()
                .enumerate()
                .any(|(j, o)| j != i && o.len() < v.len() && v.contains(o.as_str()))
            {
                continue;
            }
            let Some(sub) = self.substring_query(v)? else {
                continue;
            };
            // A two-character word is one bigram term: its BM25 on the n-gram
            // field is the word's own, and a body clause would only repeat it.
            // Longer words: the substring match (a phrase of bigrams) decides
            // whether a letter matches, with a constant score so that it stops
            // at its first occurrence; ranking comes from whole words in the
            // body and title.
            let one_term = v.chars().count() == 2 && v.chars().all(is_han);
            let sub: Box<dyn Query> = if one_term {
                sub
            } else {
                Box::new(ConstScoreQuery::new(sub, 1.0))
            };
            let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, sub)];
            let words = self.seg.words(v);
            if words.len() == 1 {
                let boosts: &[(Field, f32)] = if one_term {
                    &[(self.fields.title, 2.0)]
                } else {
                    &[(self.fields.body, 1.0), (self.fields.title, 2.0)]
                };
                for &(field, boost) in boosts {
                    let tq = TermQuery::new(
                        Term::from_field_text(field, words[0]),
                        IndexRecordOption::WithFreqs,
                    );
                    parts.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(tq), boost)),
                    ));
                }
            }
            alternatives.push((Occur::Should, Box::new(BooleanQuery::new(parts))));
        }
        Ok(match alternatives.len() {
            0 => None,
            // One variant: no union to drive.
            1 => alternatives.pop().map(|(_, q)| q),
            _ => Some(Box::new(BooleanQuery::new(alternatives))),
        })
    }

    fn term(&self, field: Field, value: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        ))
    }

    /// The place field and gazetteer name of a word that names a town (with
    /// or without 镇/乡 or the county) or a village (with or without 村).
    fn gazetteer_place(&self, word: &str) -> Option<(Field, String)> {
        let han = word.chars().filter(|&c| is_han(c)).count();
        if han < 2 || han != word.chars().count() {
            return None;
        }
        let town = self.resolve_town(word);
        if self.config.gazetteer.towns.iter().any(|t| t.name == town) {
            return Some((self.fields.town, town));
        }
        let village = self.resolve_village(word);
        if self.config.gazetteer.towns.iter().any(|t| t.villages.iter().any(|v| v.name == village)) {
            return Some((self.fields.village, village));
        }
        None
    }

    /// Resolves a town as a user writes it to its gazetteer name.
    pub fn resolve_town(&self, town: &str) -> String {
        let f = fold(town.trim());
        let f = f
            .trim_start_matches(&fold(&self.config.gazetteer.county) as &str)
            .to_string();
        for t in &self.config.gazetteer.towns {
            if fold(&t.name) == f || t.aliases.iter().any(|a| fold(a) == f) {
                return t.name.clone();
            }
        }
        f
    }

    /// Resolves a village as a user writes it (old names of merged villages too).
    pub fn resolve_village(&self, village: &str) -> String {
        let f = fold(village.trim());
        for t in &self.config.gazetteer.towns {
            for v in &t.villages {
                if fold(&v.name) == f || v.aliases.iter().any(|a| fold(a) == f) {
                    return v.name.clone();
                }
            }
        }
        // 柳河 → 柳河村
        for t in &self.config.gazetteer.towns {
            for v in &t.villages {
                if v.name.strip_suffix('村').is_some_and(|s| fold(s) == f) {
                    return v.name.clone();
                }
            }
        }
        f
    }

    /// Builds the query of a request (text clauses and filters).
    pub(crate) fn build_query(&self, req: &SearchRequest) -> Result<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut has_positive = false;
        for c in parse_clauses(&req.q) {
            match c {
                Clause::Must(w) => {
                    if let Some(q) = self.typed_query(&w)? {
                        clauses.push((Occur::Must, q));
                        has_positive = true;
                    }
                }
                Clause::Phrase(w) => {
                    if let Some(q) = self.word_query(&w)? {
                        clauses.push((Occur::Must, q));
                        has_positive = true;
                    }
                }
                Clause::MustNot(w) => {
                    if let Some(q) = self.word_query(&w)? {
                        clauses.push((Occur::MustNot, q));
                    }
                }
            }
        }
        let f = &self.fields;
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if let Some(t) = req.town.as_deref().filter(|s| !s.trim().is_empty()) {
            filters.push(self.term(f.town, &self.resolve_town(t)));
        }
        if let Some(v) = req.village.as_deref().filter(|s| !s.trim().is_empty()) {
            filters.push(self.term(f.village, &self.resolve_village(v)));
        }
        if let Some(p) = req.person.as_deref().filter(|s| !s.trim().is_empty()) {
            filters.push(self.term(f.person, &fold(p.trim())));
        }
        if let Some(p) = req.official.as_deref().filter(|s| !s.trim().is_empty()) {
            filters.push(self.term(f.official, &fold(p.trim())));
        }
        if let Some(t) = req.topic.as_deref().filter(|s| !s.trim().is_empty()) {
            filters.push(self.term(f.topic, &fold(t.trim())));
        }
        if let Some(o) = req.origin.as_deref().filter(|s| !s.trim().is_empty()) {
            filters.push(self.term(f.origin, o.trim()));
        }
        if let Some(b) = req.batch.as_deref().filter(|s| !s.trim().is_empty()) {
            filters.push(self.term(f.batch, b.trim()));
        }
        if req.from.is_some() || req.to.is_some() {
            let lower = match req.from {
                Some(d) => Bound::Included(Term::from_field_i64(f.received, days(d))),
                None => Bound::Included(Term::from_field_i64(f.received, i64::MIN + 1)),
            };
            let upper = match req.to {
                Some(d) => Bound::Included(Term::from_field_i64(f.received, days(d))),
                None => Bound::Unbounded,
            };
            filters.push(Box::new(RangeQuery::new(lower, upper)));
        }
        for q in filters {
            clauses.push((Occur::Must, Box::new(BoostQuery::new(q, 0.0))));
            has_positive = true;
        }
        if !has_positive {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        if let (Some(a), Some(b)) = (req.from, req.to) {
            if a > b {
                return Err(IndexError::BadParam {
                    param: "from".into(),
                    message: format!("from ({a}) is after to ({b})"),
                });
            }
        }
        let query = self.build_query(req)?;
        let searcher = self.reader.searcher();
        self.facet_tables.retain_live(&searcher);
        let clauses = parse_clauses(&req.q);
        let has_text = clauses.iter().any(|c| matches!(c, Clause::Must(_) | Clause::Phrase(_)));
        let by_date = req.sort == SortOrder::Date || !has_text;
        let newest_first = || {
            TopDocs::with_limit(req.limit.max(1))
                .and_offset(req.offset)
                .order_by_fast_field::<i64>("received", Order::Desc)
        };
        let (page, total, counts): (Vec<(f32, DocAddress)>, usize, FacetCounts) =
            if clauses.is_empty() && has_no_filter(req) {
                // The whole archive (the page as first opened): counts come from
                // per-segment histograms instead of visiting every letter.
                let counts = self.facet_tables.all_counts(&searcher)?;
                let page = if req.limit == 0 {
                    Vec::new()
                } else {
                    searcher
                        .search(&AllQuery, &newest_first())?
                        .into_iter()
                        .map(|(_, a)| (0.0, a))
                        .collect()
                };
                (page, searcher.num_docs() as usize, counts)
            } else {
                let facets = FacetCollector {
                    tables: &self.facet_tables,
                };
                if req.limit == 0 {
                    let (total, counts) = searcher.search(&query, &(Count, facets))?;
                    (Vec::new(), total, counts)
                } else if by_date {
                    let (docs, total, counts) =
                        searcher.search(&query, &(newest_first(), Count, facets))?;
                    (
                        docs.into_iter().map(|(_, a)| (0.0, a)).collect(),
                        total,
                        counts,
                    )
                } else {
                    let top = TopDocs::with_limit(req.limit)
                        .and_offset(req.offset)
                        .order_by_score();
                    searcher.search(&query, &(top, Count, facets))?
                }
            };
        let needles: Vec<String> = clauses
            .into_iter()
            .filter_map(|c| match c {
                Clause::Must(w) => Some(self.typed_parts(&w).iter().flat_map(|p| self.variants(p)).collect::<Vec<_>>()),
                Clause::Phrase(w) => Some(self.variants(&w)),
                Clause::MustNot(_) => None,
            })
            .flatten()
            .collect();
        let mut hits = Vec::with_capacity(page.len());
        for (score, addr) in page {
            let letter = self.load(&searcher, addr)?;
            hits.push(Hit {
                snippet: snippet(&letter, &needles, 90),
                letter: (&letter).into(),
                score,
            });
        }
        Ok(SearchResponse {
            total,
            hits,
            facets: facets_from(counts),
        })
    }
}

/// True when a request has no filter: with no text either, it matches every letter.
fn has_no_filter(req: &SearchRequest) -> bool {
    let blank = |o: &Option<String>| o.as_deref().is_none_or(|s| s.trim().is_empty());
    [
        &req.town,
        &req.village,
        &req.person,
        &req.official,
        &req.topic,
        &req.origin,
        &req.batch,
    ]
    .into_iter()
    .all(blank)
        && req.from.is_none()
        && req.to.is_none()
}

fn regex_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn facets_from(counts: FacetCounts) -> Facets {
    let mut it = counts.into_iter();
    let mut next = || it.next().unwrap_or_default();
    // The order of FACET_FIELDS.
    Facets {
        town: next(),
        village: next(),
        topic: next(),
        month: next(),
        origin: next(),
    }
}

/// A passage of the letter around the first match, matches in `<em>`,
/// HTML-escaped, with phone and ID numbers masked. Matching is on folded
/// text, highlighting on the text as written.
pub fn snippet(letter: &Letter, needles: &[String], max_chars: usize) -> String {
    let source = text::clean(&letter.text);
    let source = mask_numbers(&source);
    let (folded, map) = text::fold_with_offsets(&source);
    // folded byte offset → folded char index
    let mut char_at = vec![0usize; folded.len() + 1];
    let mut n = 0;
    for (b, _) in folded.char_indices() {
        char_at[b] = n;
        n += 1;
    }
    char_at[folded.len()] = n;
    let mut ranges: Vec<(usize, usize)> = Vec::new(); // original byte ranges
    for needle in needles.iter().filter(|s| !s.is_empty()) {
        for (b, m) in folded.match_indices(needle.as_str()) {
            let (cs, ce) = (char_at[b], char_at[b + m.len()]);
            ranges.push((map[cs], map[ce]));
        }
    }
    ranges.sort_unstable();
    // Merge overlaps.
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.0 <= last.1 => last.1 = last.1.max(r.1),
            _ => merged.push(r),
        }
    }
    // Window: start a little before the first match.
    let first = merged.first().map(|r| r.0).unwrap_or(0);
    let char_starts: Vec<usize> = source.char_indices().map(|(b, _)| b).collect();
    let first_char = char_starts.partition_point(|&b| b < first);
    let start_char = first_char.saturating_sub(max_chars / 4);
    let start = char_starts.get(start_char).copied().unwrap_or(0);
    let end = char_starts
        .get(start_char + max_chars)
        .copied()
        .unwrap_or(source.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut pos = start;
    for (a, b) in merged.iter().copied().filter(|r| r.1 > start && r.0 < end) {
        let a = a.max(start);
        let b = b.min(end);
        out.push_str(&escape_html(&source[pos..a]));
        out.push_str("<em>");
        out.push_str(&escape_html(&source[a..b]));
        out.push_str("</em>");
        pos = b;
    }
    out.push_str(&escape_html(&source[pos..end]));
    if end < source.len() {
        out.push('…');
    }
    out.replace('\n', " ")
}

/// HTML-escapes text for element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Masks runs of 11 or more digits (phones, ID numbers) but their first three.
pub fn mask_numbers(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let mut j = i;
            while j < chars.len()
                && (chars[j].is_ascii_digit()
                    || ((chars[j] == 'X' || chars[j] == 'x') && j - i == 17)
                    || (chars[j] == '-' && j - i <= 4))
            {
                j += 1;
            }
            let digits = chars[i..j].iter().filter(|c| c.is_ascii_digit()).count();
            if digits >= 11 {
                for (k, c) in chars[i..j].iter().enumerate() {
                    out.push(if k < 3 || *c == '-' { *c } else { '*' });
                }
            } else {
                out.extend(&chars[i..j]);
            }
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_phrases_and_negations() {
        assert_eq!(
            parse_clauses(r#"低保  "截留 补偿款" -危房 "#),
            vec![
                Clause::Must("低保".into()),
                Clause::Phrase("截留补偿款".into()),
                Clause::MustNot("危房".into())
            ]
        );
        assert_eq!(
            parse_clauses("\"未闭合 引号"),
            vec![Clause::Phrase("未闭合引号".into())]
        );
        assert!(parse_clauses("  ，。 ").is_empty());
    }

    #[test]
    fn masks_phone_and_id_numbers() {
        assert_eq!(mask_numbers("电话13800138000。"), "电话138********。");
        assert_eq!(
            mask_numbers("身份证51012319800101123X"),
            "身份证510***************"
        );
        assert_eq!(mask_numbers("金额20000元"), "金额20000元");
    }
}
