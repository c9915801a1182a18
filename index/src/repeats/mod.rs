//! The repeat-complaint engine (重复信访): which letters tell a matter again,
//! which of those bring something new, and how a batch compares with the archive.
//!
//! Why not whole-text MinHash alone: paraphrased repeats share about 0.3 of their
//! shingles and unrelated template letters up to 0.45 (research/repeats-anchor.md).
//! So the engine (1) strips boilerplate and names before comparing text, (2) takes
//! candidates from two sources — MinHash LSH over the stripped text, and blocking
//! keys of real-name petitioners and accused officials — and (3) decides with
//! combined evidence: same petitioner, shared officials, same village and topic,
//! and rarity-weighted text similarity or containment (a 50–200 character ledger
//! summary against the full letter). Every decision carries its reasons.
//!
//! [`RepeatIndex`] holds compact features of the whole archive (no letter text
//! beyond the boilerplate-free body), inserts letters incrementally, matches a
//! batch in time proportional to the batch, regroups the archive, and
//! serialises to bytes so that it survives restarts.

mod codec;
mod features;
mod state;

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xinfang_config::RepeatSettings;
use xinfang_ingest::record::Letter;
use xinfang_ingest::text::fold;

use features::{FxMap, FxMap as Map};

pub use codec::CodecError;
pub use state::{RepeatState, StateError};

const NONE: u32 = u32::MAX;
/// Label of the fallback topic; it never makes two letters "the same topic".
const FALLBACK_TOPIC: &str = "其他";

/// One reason why two letters are repeats, for the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// `same_petitioner`, `same_accused`, `same_village_topic`, `told_before`, `text_similarity`, `text_containment`.
    pub kind: String,
    /// Names involved (petitioners, officials), village and topic for `same_village_topic`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// The similarity, for the text reasons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The reason in words for the user (Chinese).
    pub text: String,
}

/// A matched pair: `later` tells the matter of `earlier` again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    /// The earlier letter (by received date, then id).
    pub earlier: String,
    /// The later letter.
    pub later: String,
    /// Combined evidence score (at least `min_score`).
    pub score: f64,
    /// Text similarity shown to the user: weighted Jaccard, or containment for a summary.
    pub similarity: f64,
    /// Why.
    pub reasons: Vec<Reason>,
    /// How the earlier letter was disposed of (即时答复 / 限时办结 / 移送线索).
    pub earlier_disposition: Option<String>,
}

/// A repeat group (contract `/api/repeats` `groups[]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepeatGroup {
    /// Stable id: `rg-` and the id of the oldest letter.
    pub id: String,
    /// Members, oldest first.
    pub letter_ids: Vec<String>,
    /// Real-name petitioners of the members.
    pub petitioners: Vec<String>,
    /// Accused officials of the members.
    pub accused: Vec<String>,
    /// Date of the oldest member.
    pub first: Option<NaiveDate>,
    /// Date of the newest member.
    pub last: Option<NaiveDate>,
    /// Members that brought a new issue.
    pub new_issue_letter_ids: Vec<String>,
}

/// A letter that repeats earlier ones (contract `/api/repeats` `letters[]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepeatLetter {
    /// The letter.
    pub id: String,
    /// Earlier letters it matched directly, oldest first.
    pub repeat_of: Vec<String>,
    /// True when it brings an allegation none of the group's earlier letters had.
    pub new_issue: bool,
    /// Reasons of its strongest match.
    pub reasons: Vec<Reason>,
    /// What is new, in words for the user (新的被反映人：李某 / 新问题：换届选举 / 新情况：…).
    pub what_is_new: Vec<String>,
    /// Disposition of the earlier letter of its strongest match.
    pub earlier_disposition: Option<String>,
    /// Id of its group.
    pub group: String,
}

/// A letter similar to another (contract `/api/letters/{id}/similar`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimilarLetter {
    /// The other letter.
    pub id: String,
    /// Text similarity, 0..=1.
    pub similarity: f64,
    /// Whether the two are repeats.
    pub repeat: bool,
}

/// Repeat counts of one batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchView {
    /// The batch label.
    pub batch: String,
    /// Letters in the batch.
    pub letters: usize,
    /// Letters that repeat nothing earlier.
    pub new: usize,
    /// Repeats without a new issue.
    pub pure_repeats: usize,
    /// Repeats with a new issue.
    pub new_issue_repeats: usize,
    /// (pure + new-issue repeats) / letters; 0 for an empty batch.
    pub repeat_rate: f64,
    /// The rate in words, e.g. `62 of 89`.
    pub summary: String,
}

impl BatchView {
    /// Counts a batch's letters: each is `None` when it repeats nothing,
    /// else its repeat entry.
    pub(crate) fn tally<'a>(batch: &str, letters: impl ExactSizeIterator<Item = Option<&'a RepeatLetter>>) -> BatchView {
        let mut view = BatchView {
            batch: batch.to_string(),
            letters: letters.len(),
            new: 0,
            pure_repeats: 0,
            new_issue_repeats: 0,
            repeat_rate: 0.0,
            summary: String::new(),
        };
        for l in letters {
            match l {
                None => view.new += 1,
                Some(l) if l.new_issue => view.new_issue_repeats += 1,
                Some(_) => view.pure_repeats += 1,
            }
        }
        let repeats = view.pure_repeats + view.new_issue_repeats;
        if view.letters > 0 {
            view.repeat_rate = repeats as f64 / view.letters as f64;
        }
        view.summary = format!("{repeats} of {}", view.letters);
        view
    }
}

/// The whole archive grouped into repeats.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RepeatAnalysis {
    /// Groups of two or more letters, by first date.
    pub groups: Vec<RepeatGroup>,
    /// Every letter that repeats an earlier one, by date.
    pub letters: Vec<RepeatLetter>,
    /// Every matched pair.
    pub matches: Vec<Match>,
    /// Batch label of every letter of the archive, for [`RepeatAnalysis::batch_view`].
    #[serde(skip)]
    pub(crate) batches: BTreeMap<String, Vec<String>>,
}

impl RepeatAnalysis {
    /// The repeat record of a letter, if it repeats an earlier one.
    pub fn letter(&self, id: &str) -> Option<&RepeatLetter> {
        self.letters.iter().find(|l| l.id == id)
    }

    /// The group a letter belongs to.
    pub fn group_of(&self, id: &str) -> Option<&RepeatGroup> {
        self.groups.iter().find(|g| g.letter_ids.iter().any(|l| l == id))
    }

    /// How many letters of `batch` are new, pure repeats and repeats with a new issue.
    pub fn batch_view(&self, batch: &str) -> BatchView {
        let ids = self.batches.get(batch).map(Vec::as_slice).unwrap_or(&[]);
        let by_id: BTreeMap<&str, &RepeatLetter> = self.letters.iter().map(|l| (l.id.as_str(), l)).collect();
        BatchView::tally(batch, ids.iter().map(|id| by_id.get(id.as_str()).copied()))
    }

    /// The repeat letters of one batch (contract `/api/repeats?batch=`).
    pub fn letters_in_batch(&self, batch: &str) -> Vec<&RepeatLetter> {
        let ids: BTreeSet<&str> =
            self.batches.get(batch).map(|v| v.iter().map(String::as_str).collect()).unwrap_or_default();
        self.letters.iter().filter(|l| ids.contains(l.id.as_str())).collect()
    }
}

/// String interner: names, keys, villages, topics, batches share one table.
#[derive(Debug, Clone, Default)]
pub(crate) struct Interner {
    pub(crate) strings: Vec<String>,
    pub(crate) ids: FxMap<String, u32>,
}

impl Interner {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.to_string());
        self.ids.insert(s.to_string(), id);
        id
    }
    pub(crate) fn get(&self, id: u32) -> &str {
        self.strings.get(id as usize).map(String::as_str).unwrap_or("")
    }
    fn opt(&mut self, s: Option<&str>) -> u32 {
        match s.map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => self.intern(s),
            None => NONE,
        }
    }
}

/// Compact features of one letter.
#[derive(Debug, Clone, Default)]
pub(crate) struct Entry {
    pub(crate) id: Box<str>,
    /// Days since CE of the received date; `i32::MAX` when unknown (sorts last).
    pub(crate) day: i32,
    pub(crate) alive: bool,
    /// The text is a ledger summary, not the letter as written.
    pub(crate) summary: bool,
    /// The letter says the matter was reported before (反映过, 已经写信 …).
    pub(crate) told_before: bool,
    pub(crate) batch: u32,
    pub(crate) disposition: u32,
    pub(crate) village: u32,
    /// Topic labels, main first.
    pub(crate) topics: Box<[u32]>,
    /// Petitioner keys (`name|place`), real names only.
    pub(crate) pets: Box<[u32]>,
    /// Official keys (`name|place`).
    pub(crate) offs: Box<[u32]>,
    /// Names and places cut from the matter text (folded).
    pub(crate) entities: Box<[u32]>,
    /// Sorted bigram hashes of the matter text.
    pub(crate) matter: Box<[u32]>,
    /// Rarity weights of `matter`, quantised (weight × 16), as of the last refresh.
    pub(crate) wq: Box<[u8]>,
    /// Han characters of the matter text.
    pub(crate) han_len: u32,
    /// LSH band keys.
    pub(crate) bands: Box<[u32]>,
    /// Boilerplate-free folded body, sentences separated by `\n`, as
    /// [`CompactText`] (it is most of an entry's memory).
    pub(crate) body: CompactText,
    /// Hash of everything above, to make re-inserting the same letter a no-op.
    pub(crate) fingerprint: u64,
}

/// A text held as GB18030 bytes: two bytes per Chinese character instead of
/// UTF-8's three, and exact for all of Unicode. The repeat state keeps every
/// letter's body for "what is new"; at 200,000 letters this saves ~90 MB.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CompactText(Box<[u8]>);

impl CompactText {
    pub(crate) fn new(text: &str) -> CompactText {
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        CompactText(bytes.into_owned().into_boxed_slice())
    }

    /// From bytes made by [`CompactText::new`] (a stored state).
    pub(crate) fn from_bytes(bytes: &[u8]) -> CompactText {
        CompactText(bytes.into())
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }

    pub(crate) fn text(&self) -> std::borrow::Cow<'_, str> {
        encoding_rs::GB18030.decode_without_bom_handling(&self.0).0
    }
}

/// The text features of a letter, computed without the interner (in parallel).
#[derive(Debug, Clone)]
/// Held as boxed slices of their exact size: an ingest keeps one per changed
/// letter until its commit, and growth slack (a bigram list that doubled to
/// 1,024 slots, a body sized for the whole letter) once doubled that memory.
pub(crate) struct TextFeatures {
    body: CompactText,
    entities: Vec<String>,
    matter: Box<[u32]>,
    han_len: u32,
    bands: Box<[u32]>,
    told_before: bool,
}

impl TextFeatures {
    fn of(letter: &Letter, cleaned: Option<&str>, s: &RepeatSettings) -> TextFeatures {
        let cleaned: std::borrow::Cow<'_, str> = match cleaned {
            Some(c) => c.into(),
            None => xinfang_ingest::text::clean(&letter.text).into(),
        };
        // One fold for the body and the told-before cues (the whole text: the
        // body leaves out the history of earlier complaints).
        let folded = fold(&cleaned);
        let body = features::body_of_folded(&folded);
        let told_before = features::says_told_before(&folded, &s.told_before_cues);
        let mut entities = features::entities_of(letter);
        entities.retain(|e| e.chars().count() >= 2);
        let matter_text = features::strip_entities(&body, &entities);
        let mut matter = Vec::new();
        features::bigrams(&matter_text, &mut matter);
        let mut keys = Vec::new();
        features::band_keys(&body, s.shingle_k, s.lsh_bands, s.lsh_rows, &mut keys);
        TextFeatures {
            told_before,
            han_len: features::han_len(&matter_text),
            bands: keys.iter().map(|&b| (b >> 32) as u32 ^ b as u32).collect(),
            body: CompactText::new(&body),
            entities,
            matter: matter.into_boxed_slice(),
        }
    }
}

/// What the repeat engine keeps of one letter, computed without the index so
/// that it can run in parallel (e.g. while an ingest assembles its letters,
/// before the letter's text is dropped).
#[derive(Debug, Clone)]
pub struct RepeatInput {
    id: String,
    day: i32,
    summary: bool,
    batch: String,
    disposition: Option<String>,
    village: Option<String>,
    topics: Vec<String>,
    pets: Vec<String>,
    offs: Vec<String>,
    text: TextFeatures,
}

impl RepeatInput {
    /// The features of a letter.
    pub fn of(letter: &Letter, settings: &RepeatSettings) -> RepeatInput {
        RepeatInput::with_text(letter, None, settings)
    }

    /// The features of a letter whose text the caller already cleaned
    /// (`xinfang_ingest::text::clean(&letter.text)`): an ingest has it from
    /// assembling, and cleaning is a good part of the cost.
    pub fn of_cleaned(letter: &Letter, cleaned: &str, settings: &RepeatSettings) -> RepeatInput {
        RepeatInput::with_text(letter, Some(cleaned), settings)
    }

    fn with_text(letter: &Letter, cleaned: Option<&str>, settings: &RepeatSettings) -> RepeatInput {
        RepeatInput {
            id: letter.id.clone(),
            day: letter.received.map(|d| chrono::Datelike::num_days_from_ce(&d)).unwrap_or(i32::MAX),
            summary: summary_text(letter),
            batch: letter.batch.trim().to_string(),
            disposition: letter.disposition.clone(),
            village: letter.village.as_deref().map(fold),
            topics: letter.topics.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).map(str::to_string).collect(),
            pets: (0..letter.petitioners.len()).filter_map(|i| features::petitioner_key(letter, i)).map(|(k, _)| k).collect(),
            offs: (0..letter.accused.len()).filter_map(|i| features::official_key(letter, i)).map(|(k, _)| k).collect(),
            text: TextFeatures::of(letter, cleaned, settings),
        }
    }

    /// The letter's id.
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// The evidence of a candidate pair.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Evidence {
    pub(crate) petitioners: Vec<u32>,
    pub(crate) officials: Vec<u32>,
    pub(crate) village_topic: Option<(u32, u32)>,
    pub(crate) jaccard: f64,
    pub(crate) containment: Option<f64>,
    pub(crate) score: f64,
    /// Either letter says it was reported before, and the two share a person.
    pub(crate) told_before: bool,
}

/// The incremental repeat index of the archive.
#[derive(Debug, Clone)]
pub struct RepeatIndex {
    pub(crate) settings: RepeatSettings,
    pub(crate) strings: Interner,
    pub(crate) entries: Vec<Entry>,
    pub(crate) by_id: FxMap<Box<str>, u32>,
    /// Document frequency of matter bigrams over live letters.
    pub(crate) df: FxMap<u32, u32>,
    pub(crate) live: u32,
    /// The rarity weights in use: `df` and `live` frozen at the last refresh.
    pub(crate) wdf: FxMap<u32, u32>,
    pub(crate) wlive: u32,
    /// Blocking: key id -> slots, oldest first.
    pet_blocks: FxMap<u32, Vec<u32>>,
    off_blocks: FxMap<u32, Vec<u32>>,
    /// LSH: band key -> most recent slot; `lsh_next[slot * bands + band]` chains older ones.
    lsh_heads: FxMap<u32, u32>,
    lsh_next: Vec<u32>,
}

impl RepeatIndex {
    /// An empty index.
    pub fn new(settings: RepeatSettings) -> RepeatIndex {
        RepeatIndex {
            settings,
            strings: Interner::default(),
            entries: Vec::new(),
            by_id: Map::default(),
            df: Map::default(),
            live: 0,
            wdf: Map::default(),
            wlive: 0,
            pet_blocks: Map::default(),
            off_blocks: Map::default(),
            lsh_heads: Map::default(),
            lsh_next: Vec::new(),
        }
    }

    /// Number of letters in the index.
    pub fn len(&self) -> usize {
        self.live as usize
    }

    /// True when the index holds no letter.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// The settings the index was built with.
    pub fn settings(&self) -> &RepeatSettings {
        &self.settings
    }

    /// Builds an entry from a letter's precomputed features, interning its strings.
    pub(crate) fn entry_from(&mut self, input: RepeatInput) -> Entry {
        let strings = &mut self.strings;
        let mut pets: Vec<u32> = input.pets.iter().map(|k| strings.intern(k)).collect();
        pets.sort_unstable();
        pets.dedup();
        let mut offs: Vec<u32> = Vec::new();
        for key in &input.offs {
            let id = strings.intern(key);
            if !offs.contains(&id) {
                offs.push(id);
            }
        }
        let topics: Vec<u32> = input.topics.iter().map(|t| strings.intern(t)).collect();
        let text = input.text;
        let ents: Vec<u32> = text.entities.iter().map(|e| strings.intern(e)).collect();
        let village = strings.opt(input.village.as_deref());
        let disposition = strings.opt(input.disposition.as_deref());
        let batch = strings.intern(input.batch.trim());
        let mut e = Entry {
            id: input.id.into(),
            day: input.day,
            alive: true,
            summary: input.summary,
            told_before: text.told_before,
            batch,
            disposition,
            village,
            topics: topics.into(),
            pets: pets.into(),
            offs: offs.into(),
            entities: ents.into(),
            han_len: text.han_len,
            wq: Box::default(),
            matter: text.matter,
            bands: text.bands,
            body: text.body,
            fingerprint: 0,
        };
        e.fingerprint = fingerprint(&e);
        e
    }

    /// Adds a letter. Returns false when the same letter (same id, same
    /// features) is already in: re-inserting changes nothing. A letter whose
    /// content changed replaces its earlier version.
    pub fn insert(&mut self, letter: &Letter) -> bool {
        let entry = self.entry_from(RepeatInput::of(letter, &self.settings));
        self.insert_entry(entry).is_some()
    }

    /// Adds many letters; text features are computed in parallel. Returns how
    /// many were added or replaced.
    pub fn insert_all(&mut self, letters: &[Letter]) -> usize {
        let settings = &self.settings;
        let pre: Vec<RepeatInput> = letters.par_iter().map(|l| RepeatInput::of(l, settings)).collect();
        let mut added = 0;
        for input in pre {
            let e = self.entry_from(input);
            if self.insert_entry(e).is_some() {
                added += 1;
            }
        }
        if self.weights_stale() {
            self.refresh_weights();
        }
        added
    }

    /// Freezes the current document frequencies as the rarity weights and
    /// recomputes every letter's quantised weights. [`Self::insert_all`] does it
    /// whenever the archive has grown by a quarter; call it after many single
    /// inserts.
    ///
    /// Why frozen: every pair's score depends on the weights. With weights that
    /// moved at every insert, adding a batch would change the evidence of pairs
    /// far from it, and no incremental update could equal a full regrouping.
    /// Between refreshes the weights are fixed, so the answer for a set of
    /// letters is one function of the letters and the weight snapshot.
    pub fn refresh_weights(&mut self) {
        self.wdf = self.df.clone();
        self.wlive = self.live;
        let (df, live) = (&self.wdf, self.wlive);
        self.entries.par_iter_mut().filter(|e| e.alive).for_each(|e| e.wq = quantise(&e.matter, df, live));
    }

    /// True when the archive has grown by a quarter since the weights were frozen.
    pub fn weights_stale(&self) -> bool {
        self.wlive == 0 && self.live > 0 || f64::from(self.live) >= 1.25 * f64::from(self.wlive) && self.live > self.wlive
    }

    /// Uses the weight snapshot of `other` (for comparing an incremental
    /// state with a full regrouping of the same letters under the same weights).
    pub fn use_weights_of(&mut self, other: &RepeatIndex) {
        self.wdf = other.wdf.clone();
        self.wlive = other.wlive;
        let (df, live) = (&self.wdf, self.wlive);
        self.entries.par_iter_mut().filter(|e| e.alive).for_each(|e| e.wq = quantise(&e.matter, df, live));
    }

    /// Adds an entry; returns its slot and the slot of the version it replaced,
    /// or `None` when the same letter is already in.
    pub(crate) fn insert_entry(&mut self, e: Entry) -> Option<(u32, Option<u32>)> {
        let mut replaced = None;
        if let Some(&old) = self.by_id.get(&e.id) {
            if self.entries[old as usize].alive && self.entries[old as usize].fingerprint == e.fingerprint {
                return None;
            }
            self.retire(old);
            replaced = Some(old);
        }
        let slot = self.entries.len() as u32;
        for &h in e.matter.iter() {
            *self.df.entry(h).or_insert(0) += 1;
        }
        let mut e = e;
        e.wq = quantise(&e.matter, &self.wdf, self.wlive);
        for &k in e.pets.iter() {
            self.pet_blocks.entry(k).or_default().push(slot);
        }
        for &k in e.offs.iter() {
            self.off_blocks.entry(k).or_default().push(slot);
        }
        let bands = self.settings.lsh_bands;
        self.lsh_next.resize((slot as usize + 1) * bands, NONE);
        for (b, &key) in e.bands.iter().enumerate().take(bands) {
            let prev = self.lsh_heads.insert(key, slot).unwrap_or(NONE);
            self.lsh_next[slot as usize * bands + b] = prev;
        }
        self.by_id.insert(e.id.clone(), slot);
        self.entries.push(e);
        self.live += 1;
        Some((slot, replaced))
    }

    fn retire(&mut self, slot: u32) {
        let e = &mut self.entries[slot as usize];
        if !e.alive {
            return;
        }
        e.alive = false;
        for &h in e.matter.iter() {
            if let Some(c) = self.df.get_mut(&h) {
                *c = c.saturating_sub(1);
            }
        }
        self.live = self.live.saturating_sub(1);
    }

    /// The name part of an interned person key (`name|town|village`).
    fn name_of(&self, key: u32) -> String {
        self.strings.get(key).split('|').next().unwrap_or("").to_string()
    }

    /// Rarity weight of a bigram: common template bigrams count little.
    #[inline]
    fn weight(&self, h: u32) -> f64 {
        let df = f64::from(self.wdf.get(&h).copied().unwrap_or(0).max(1));
        (1.0 + f64::from(self.wlive.max(1)) / df).ln()
    }

    fn set_weight(&self, set: &[u32]) -> f64 {
        set.iter().map(|&h| self.weight(h)).sum()
    }

    /// Candidate slots of an entry: LSH buckets and blocking keys.
    pub(crate) fn candidates(&self, e: &Entry, out: &mut Vec<u32>) {
        self.candidates_where(e, out, |_| true);
    }

    /// Candidate slots of an entry that pass `keep` (the caller's direction:
    /// earlier letters only, or not yet paired). At most `max_candidates`:
    /// those found by the most buckets and keys, then the latest by date and id
    /// (not by insertion, so the choice is a function of the letters).
    pub(crate) fn candidates_where(&self, e: &Entry, out: &mut Vec<u32>, keep: impl Fn(u32) -> bool) {
        self.collect_candidates(e, out, keep);
        out.sort_unstable();
        let limit = self.settings.max_candidates;
        if out.len() <= limit {
            out.dedup();
            return;
        }
        // Count how many buckets and keys found each slot.
        let mut counted: Vec<(u32, u32)> = Vec::with_capacity(out.len());
        for &s in out.iter() {
            match counted.last_mut() {
                Some((last, n)) if *last == s => *n += 1,
                _ => counted.push((s, 1)),
            }
        }
        if counted.len() > limit {
            counted.select_nth_unstable_by(limit - 1, |a, b| {
                b.1.cmp(&a.1).then_with(|| self.cmp_slots(b.0, a.0)).then(b.0.cmp(&a.0))
            });
            counted.truncate(limit);
        }
        out.clear();
        out.extend(counted.iter().map(|&(s, _)| s));
        out.sort_unstable();
    }

    /// Every candidate slot of an entry that passes `keep`, without the
    /// `max_candidates` cap: the letters whose own capped lists may hold it.
    pub(crate) fn all_candidates_where(&self, e: &Entry, out: &mut Vec<u32>, keep: impl Fn(u32) -> bool) {
        self.collect_candidates(e, out, keep);
        out.sort_unstable();
        out.dedup();
    }

    /// LSH buckets and blocking keys, with repeats (one per bucket or key).
    fn collect_candidates(&self, e: &Entry, out: &mut Vec<u32>, keep: impl Fn(u32) -> bool) {
        out.clear();
        let cap = self.settings.max_block;
        let bucket_cap = self.settings.max_bucket;
        let bands = self.settings.lsh_bands;
        for (b, key) in e.bands.iter().enumerate().take(bands) {
            let mut cur = self.lsh_heads.get(key).copied().unwrap_or(NONE);
            let mut steps = 0;
            while cur != NONE && steps < bucket_cap {
                out.push(cur);
                cur = self.lsh_next.get(cur as usize * bands + b).copied().unwrap_or(NONE);
                steps += 1;
            }
        }
        for (keys, blocks) in [(&e.pets, &self.pet_blocks), (&e.offs, &self.off_blocks)] {
            for k in keys.iter() {
                if let Some(v) = blocks.get(k) {
                    out.extend(v.iter().rev().take(cap));
                }
            }
        }
        out.retain(|&c| keep(c));
    }

    /// Keeps the `max_matches` strongest of a letter's direct matches (score,
    /// then the oldest), in the order given.
    pub(crate) fn keep_strongest(&self, direct: &mut Vec<(u32, Evidence)>) -> Vec<u32> {
        let k = self.settings.max_matches;
        if direct.len() <= k {
            return Vec::new();
        }
        let mut by_strength: Vec<usize> = (0..direct.len()).collect();
        by_strength.sort_by(|&x, &y| {
            direct[y].1.score.total_cmp(&direct[x].1.score).then(self.cmp_slots(direct[x].0, direct[y].0))
        });
        let mut keep = vec![false; direct.len()];
        for &i in &by_strength[..k] {
            keep[i] = true;
        }
        let mut dropped = Vec::new();
        let mut i = 0;
        direct.retain(|(a, _)| {
            let kept = keep[i];
            i += 1;
            if !kept {
                dropped.push(*a);
            }
            kept
        });
        // The list is kept for the archive's life: give back what the dropped took.
        direct.shrink_to_fit();
        dropped
    }

    /// The evidence of a pair (earlier first) and its score.
    pub(crate) fn evidence(&self, a: &Entry, b: &Entry) -> Evidence {
        let mut ev = self.evidence_without_text(a, b);
        self.add_text(a, b, &mut ev);
        ev
    }

    /// The evidence of a pair (earlier first) when it is a repeat, else `None`.
    ///
    /// Why: most candidates of a letter (an LSH bucket of template wording, a
    /// common name) are about another village or other officials. Their score
    /// without text plus the largest text term (1.0) already falls short, so
    /// the text comparison, the expensive part, is skipped. The answer is the
    /// same as `is_repeat(evidence(a, b))`.
    pub(crate) fn repeat_evidence(&self, a: &Entry, b: &Entry) -> Option<Evidence> {
        let mut ev = self.evidence_without_text(a, b);
        if ev.score + 1.0 + 1e-9 < self.settings.min_score {
            return None;
        }
        self.add_text(a, b, &mut ev);
        self.is_repeat(&ev).then_some(ev)
    }

    /// Names, village and topic, penalties: everything but the text.
    fn evidence_without_text(&self, a: &Entry, b: &Entry) -> Evidence {
        let s = &self.settings;
        let mut ev = Evidence {
            petitioners: intersect_small(&a.pets, &b.pets),
            officials: intersect_small(&a.offs, &b.offs),
            ..Evidence::default()
        };
        if a.village != NONE && a.village == b.village {
            if let (Some(&ta), Some(&tb)) = (a.topics.first(), b.topics.first()) {
                if ta == tb && self.strings.get(ta) != FALLBACK_TOPIC {
                    ev.village_topic = Some((a.village, ta));
                }
            }
        }
        let mut score = 0.0;
        if !ev.petitioners.is_empty() {
            score += s.petitioner_weight;
        }
        if !ev.officials.is_empty() {
            score += s.official_weight;
            if ev.officials.len() >= 2 {
                score += s.extra_official_weight;
            }
        }
        if ev.village_topic.is_some() {
            score += s.topic_weight;
        }
        // The later letter says it repeats, and the pair already agrees on a
        // person, the village and the topic: only the wording differs.
        let later = if earlier(a, b) { b } else { a };
        if later.told_before && ev.village_topic.is_some() && !(ev.petitioners.is_empty() && ev.officials.is_empty()) {
            ev.told_before = true;
            score += s.told_before_weight;
        }
        // Template letters about another village or other officials: text alone
        // must not join them (the same kind of problem next door is not a repeat).
        if a.village != NONE && b.village != NONE && a.village != b.village {
            score -= s.mismatch_penalty;
        }
        if !a.offs.is_empty() && !b.offs.is_empty() && ev.officials.is_empty() {
            score -= s.mismatch_penalty;
        }
        ev.score = score;
        ev
    }

    /// Adds the text similarity (at most 1.0 to the score).
    fn add_text(&self, a: &Entry, b: &Entry, ev: &mut Evidence) {
        let s = &self.settings;
        let (wa, wb, wi) = merge_quantised(&a.matter, &b.matter, &a.wq, &b.wq);
        if wa > 0.0 && wb > 0.0 {
            ev.jaccard = wi / (wa + wb - wi);
            let (short, long) = if a.han_len <= b.han_len { (a, b) } else { (b, a) };
            let (ws, _) = if std::ptr::eq(short, a) { (wa, wb) } else { (wb, wa) };
            if f64::from(short.han_len) <= s.summary_ratio * f64::from(long.han_len) {
                ev.containment = Some(wi / ws);
            }
        }
        let text = (ev.jaccard / s.text_threshold)
            .max(ev.containment.unwrap_or(0.0) / s.containment_threshold)
            .min(1.0);
        ev.score += text;
    }

    pub(crate) fn is_repeat(&self, ev: &Evidence) -> bool {
        ev.score + 1e-9 >= self.settings.min_score
    }

    fn similarity(ev: &Evidence) -> f64 {
        ev.containment.unwrap_or(0.0).max(ev.jaccard)
    }

    fn reasons(&self, ev: &Evidence) -> Vec<Reason> {
        let mut out = Vec::new();
        if !ev.petitioners.is_empty() {
            let names: Vec<String> = ev.petitioners.iter().map(|&k| self.name_of(k)).collect();
            out.push(Reason {
                kind: "same_petitioner".into(),
                text: format!("同一信访人：{}", names.join("、")),
                names,
                value: None,
            });
        }
        if !ev.officials.is_empty() {
            let names: Vec<String> = ev.officials.iter().map(|&k| self.name_of(k)).collect();
            out.push(Reason {
                kind: "same_accused".into(),
                text: format!("同一被反映人：{}", names.join("、")),
                names,
                value: None,
            });
        }
        if let Some((v, t)) = ev.village_topic {
            let (v, t) = (self.strings.get(v).to_string(), self.strings.get(t).to_string());
            out.push(Reason {
                kind: "same_village_topic".into(),
                text: format!("同村同类问题：{v}，{t}"),
                names: vec![v, t],
                value: None,
            });
        }
        if ev.told_before {
            out.push(Reason {
                kind: "told_before".into(),
                text: "信中称此前已反映过".into(),
                names: Vec::new(),
                value: None,
            });
        }
        let round = |x: f64| (x * 100.0).round() / 100.0;
        match ev.containment {
            Some(c) if c > ev.jaccard => out.push(Reason {
                kind: "text_containment".into(),
                value: Some(round(c)),
                text: format!("摘要内容见于另一件（包含度 {:.2}）", c),
                names: Vec::new(),
            }),
            _ => out.push(Reason {
                kind: "text_similarity".into(),
                value: Some(round(ev.jaccard)),
                text: format!("文本相似度 {:.2}", ev.jaccard),
                names: Vec::new(),
            }),
        }
        out
    }

    pub(crate) fn to_match(&self, earlier: &Entry, later: &Entry, ev: &Evidence) -> Match {
        Match {
            earlier: earlier.id.to_string(),
            later: later.id.to_string(),
            score: (ev.score * 1000.0).round() / 1000.0,
            similarity: (Self::similarity(ev) * 1000.0).round() / 1000.0,
            reasons: self.reasons(ev),
            earlier_disposition: (earlier.disposition != NONE)
                .then(|| self.strings.get(earlier.disposition).to_string()),
        }
    }

    /// Matches a batch against everything in the index and against the
    /// batch's own earlier letters, without inserting it. Cost is proportional
    /// to the batch: candidates come from hash-map buckets.
    pub fn match_batch(&mut self, letters: &[Letter]) -> Vec<Match> {
        let settings = &self.settings;
        let pre: Vec<RepeatInput> = letters.par_iter().map(|l| RepeatInput::of(l, settings)).collect();
        let mut shells: Vec<Entry> = pre.into_iter().map(|input| self.entry_from(input)).collect();
        for e in &mut shells {
            e.wq = quantise(&e.matter, &self.wdf, self.wlive);
        }
        // Batch-internal candidates through a small index of the batch itself.
        let mut local = RepeatIndex::new(self.settings.clone());
        local.strings = std::mem::take(&mut self.strings);
        for e in &shells {
            local.insert_entry(e.clone());
        }
        self.strings = std::mem::take(&mut local.strings);
        let this = &*self;
        let mut out: Vec<Match> = shells
            .par_iter()
            .map(|e| {
                let mut found: Vec<(Match, f64)> = Vec::new();
                let mut cand = Vec::new();
                this.candidates_where(e, &mut cand, |c| {
                    let other = &this.entries[c as usize];
                    other.alive && other.id != e.id && earlier(other, e)
                });
                for &c in &cand {
                    let other = &this.entries[c as usize];
                    if let Some(ev) = this.repeat_evidence(other, e) {
                        found.push((this.to_match(other, e, &ev), ev.score));
                    }
                }
                local.candidates_where(e, &mut cand, |c| {
                    let other = &local.entries[c as usize];
                    other.id != e.id && earlier(other, e) && !this.by_id.contains_key(&other.id)
                });
                for &c in &cand {
                    let other = &local.entries[c as usize];
                    if let Some(ev) = this.repeat_evidence(other, e) {
                        found.push((this.to_match(other, e, &ev), ev.score));
                    }
                }
                found.into_iter().map(|(m, _)| m).collect::<Vec<_>>()
            })
            .flatten()
            .collect();
        out.sort_by(|a, b| a.later.cmp(&b.later).then(a.earlier.cmp(&b.earlier)));
        out
    }

    /// The evidence between two letters of the index, whether or not it makes
    /// a repeat (`score` below `min_score` then). For explanations and tuning.
    pub fn explain(&self, a: &str, b: &str) -> Option<(Match, bool)> {
        let (&sa, &sb) = (self.by_id.get(a)?, self.by_id.get(b)?);
        let (ea, eb) = (&self.entries[sa as usize], &self.entries[sb as usize]);
        let (x, y) = if earlier(ea, eb) { (ea, eb) } else { (eb, ea) };
        let ev = self.evidence(x, y);
        Some((self.to_match(x, y, &ev), self.is_repeat(&ev)))
    }

    /// Letters similar to `id`, repeats first, then by similarity.
    pub fn similar(&self, id: &str, limit: usize) -> Vec<SimilarLetter> {
        let Some(&slot) = self.by_id.get(id) else {
            return Vec::new();
        };
        let e = &self.entries[slot as usize];
        let mut cand = Vec::new();
        self.candidates(e, &mut cand);
        let mut out: Vec<SimilarLetter> = cand
            .iter()
            .filter(|&&c| c != slot && self.entries[c as usize].alive)
            .map(|&c| {
                let o = &self.entries[c as usize];
                let ev = if earlier(o, e) { self.evidence(o, e) } else { self.evidence(e, o) };
                SimilarLetter {
                    id: o.id.to_string(),
                    similarity: (Self::similarity(&ev) * 1000.0).round() / 1000.0,
                    repeat: self.is_repeat(&ev),
                }
            })
            .filter(|s| s.repeat || s.similarity > 0.0)
            .collect();
        out.sort_by(|a, b| {
            b.repeat.cmp(&a.repeat).then(b.similarity.partial_cmp(&a.similarity).unwrap_or(Ordering::Equal))
        });
        out.truncate(limit);
        out
    }

    /// Every repeat pair `(earlier id, later id)` found by comparing all pairs
    /// with the same evidence, without LSH or blocking: the quadratic baseline the candidate sources
    /// are measured against (benchmarks, tests). Use on samples only.
    pub fn brute_force_pairs(&self) -> Vec<(String, String)> {
        let alive: Vec<u32> = (0..self.entries.len() as u32).filter(|&s| self.entries[s as usize].alive).collect();
        let mut pairs: Vec<(String, String)> = alive
            .par_iter()
            .enumerate()
            .map(|(i, &a)| {
                let ea = &self.entries[a as usize];
                let mut found = Vec::new();
                for &b in &alive[i + 1..] {
                    let eb = &self.entries[b as usize];
                    let (x, y) = if earlier(ea, eb) { (ea, eb) } else { (eb, ea) };
                    if self.is_repeat(&self.evidence(x, y)) {
                        found.push((x.id.to_string(), y.id.to_string()));
                    }
                }
                found
            })
            .flatten()
            .collect();
        pairs.sort();
        pairs
    }

    /// Regroups the whole archive: every pair matched, repeat groups, new issues.
    pub fn analyze(&self) -> RepeatAnalysis {
        let order = self.alive_in_order();
        let by_later = self.all_pairs(&order);
        let mut root: Vec<u32> = (0..self.entries.len() as u32).collect();
        self.assign_roots(&order, &by_later, &mut root);
        let mut members: FxMap<u32, Vec<u32>> = Map::default();
        for &s in &order {
            members.entry(root[s as usize]).or_default().push(s);
        }
        let mut groups_raw: Vec<Vec<u32>> = members.into_values().filter(|m| m.len() >= 2).collect();
        groups_raw.sort_by(|a, b| self.cmp_slots(a[0], b[0]));
        let per_group: Vec<(RepeatGroup, Vec<RepeatLetter>)> =
            groups_raw.par_iter().map(|m| self.describe_group(m, &by_later, None)).collect();
        let mut analysis = RepeatAnalysis::default();
        for (g, ls) in per_group {
            analysis.groups.push(g);
            analysis.letters.extend(ls);
        }
        analysis.letters.sort_by(|a, b| self.cmp_ids(&a.id, &b.id));
        for &s in &order {
            if let Some(direct) = by_later.get(&s) {
                let e = &self.entries[s as usize];
                analysis.matches.extend(direct.iter().map(|(a, ev)| self.to_match(&self.entries[*a as usize], e, ev)));
            }
        }
        for &s in &order {
            let e = &self.entries[s as usize];
            analysis.batches.entry(self.strings.get(e.batch).to_string()).or_default().push(e.id.to_string());
        }
        analysis
    }

    /// Live slots, oldest first (received date, then id).
    pub(crate) fn alive_in_order(&self) -> Vec<u32> {
        let mut order: Vec<u32> =
            (0..self.entries.len() as u32).filter(|&s| self.entries[s as usize].alive).collect();
        order.par_sort_unstable_by(|&a, &b| self.cmp_slots(a, b));
        order
    }

    pub(crate) fn cmp_slots(&self, a: u32, b: u32) -> Ordering {
        order_key(&self.entries[a as usize]).cmp(&order_key(&self.entries[b as usize]))
    }

    fn cmp_ids(&self, a: &str, b: &str) -> Ordering {
        match (self.by_id.get(a), self.by_id.get(b)) {
            (Some(&x), Some(&y)) => self.cmp_slots(x, y),
            _ => a.cmp(b),
        }
    }

    /// Every repeat pair of the archive, keyed by the later letter, each list
    /// oldest earlier letter first. Each pair is scored once, from its later letter.
    fn all_pairs(&self, order: &[u32]) -> FxMap<u32, Vec<(u32, Evidence)>> {
        let mut rank = vec![u32::MAX; self.entries.len()];
        for (r, &s) in order.iter().enumerate() {
            rank[s as usize] = r as u32;
        }
        let found: Vec<(u32, Vec<(u32, Evidence)>)> = order
            .par_iter()
            .map_init(Vec::new, |cand, &s| {
                let e = &self.entries[s as usize];
                self.candidates_where(e, cand, |c| {
                    self.entries[c as usize].alive && rank[c as usize] < rank[s as usize]
                });
                let mut found = Vec::new();
                for &c in cand.iter() {
                    let o = &self.entries[c as usize];
                    if let Some(ev) = self.repeat_evidence(o, e) {
                        found.push((c, ev));
                    }
                }
                found.sort_by_key(|(c, _)| rank[*c as usize]);
                self.keep_strongest(&mut found);
                (s, found)
            })
            .filter(|(_, f)| !f.is_empty())
            .collect();
        found.into_iter().collect()
    }

    /// The strongest earlier match of a letter (highest score, then oldest).
    pub(crate) fn best_of(&self, direct: &[(u32, Evidence)]) -> Option<u32> {
        let mut best: Option<(u32, f64)> = None;
        for (a, ev) in direct {
            best = match best {
                Some((b, sc)) if ev.score < sc || (ev.score == sc && self.cmp_slots(*a, b) != Ordering::Less) => {
                    Some((b, sc))
                }
                _ => Some((*a, ev.score)),
            };
        }
        best.map(|(a, _)| a)
    }

    /// Each later letter joins the group of its strongest earlier match (a
    /// forest, not single linkage): a generic ledger summary that matches
    /// letters of two different matters about the same official then cannot
    /// weld the two matters into one group. `order` must be oldest first and
    /// hold every letter whose root may change; the roots of the others are read.
    pub(crate) fn assign_roots(&self, order: &[u32], by_later: &FxMap<u32, Vec<(u32, Evidence)>>, root: &mut [u32]) {
        for &s in order {
            root[s as usize] = match by_later.get(&s).and_then(|d| self.best_of(d)) {
                Some(a) => root[a as usize],
                None => s,
            };
        }
    }

    /// Describes a group (members oldest first). `stored` holds what is new
    /// of each later member when it was computed before (a loaded state).
    pub(crate) fn describe_group(
        &self,
        m: &[u32],
        by_later: &FxMap<u32, Vec<(u32, Evidence)>>,
        stored: Option<&FxMap<u32, Vec<String>>>,
    ) -> (RepeatGroup, Vec<RepeatLetter>) {
        let first = &self.entries[m[0] as usize];
        let gid = format!("rg-{}", first.id);
        let mut pet_names: Vec<String> = Vec::new();
        let mut off_names: Vec<String> = Vec::new();
        for &s in m {
            let e = &self.entries[s as usize];
            for &k in e.pets.iter() {
                let n = self.name_of(k);
                if !pet_names.contains(&n) {
                    pet_names.push(n);
                }
            }
            for &k in e.offs.iter() {
                let n = self.name_of(k);
                if !off_names.contains(&n) {
                    off_names.push(n);
                }
            }
        }
        let mut letters = Vec::new();
        let mut new_ids = Vec::new();
        // What the group's earlier letters told, grown member by member, so a
        // group costs its size, not its size squared (a copied joint letter
        // can come a thousand times).
        let mut told = Told::default();
        if stored.is_none() {
            told.add(self, first);
        }
        for &s in m.iter().skip(1) {
            let e = &self.entries[s as usize];
            let direct: &[(u32, Evidence)] = by_later.get(&s).map(Vec::as_slice).unwrap_or(&[]);
            let best = direct.iter().max_by(|x, y| x.1.score.partial_cmp(&y.1.score).unwrap_or(Ordering::Equal));
            let what = match stored {
                Some(st) => st.get(&s).cloned().unwrap_or_default(),
                None => {
                    let what = self.what_is_new(e, &told);
                    told.add(self, e);
                    what
                }
            };
            if !what.is_empty() {
                new_ids.push(e.id.to_string());
            }
            letters.push(RepeatLetter {
                id: e.id.to_string(),
                repeat_of: direct.iter().map(|(a, _)| self.entries[*a as usize].id.to_string()).collect(),
                new_issue: !what.is_empty(),
                reasons: best.map(|(_, ev)| self.reasons(ev)).unwrap_or_default(),
                what_is_new: what,
                earlier_disposition: best.and_then(|(a, _)| {
                    let d = self.entries[*a as usize].disposition;
                    (d != NONE).then(|| self.strings.get(d).to_string())
                }),
                group: gid.clone(),
            });
        }
        let date = |e: &Entry| (e.day != i32::MAX).then(|| NaiveDate::from_num_days_from_ce_opt(e.day)).flatten();
        let last = m.iter().rev().map(|&s| &self.entries[s as usize]).find_map(date);
        let group = RepeatGroup {
            id: gid,
            letter_ids: m.iter().map(|&s| self.entries[s as usize].id.to_string()).collect(),
            petitioners: pet_names,
            accused: off_names,
            first: date(first),
            last,
            new_issue_letter_ids: new_ids,
        };
        (group, letters)
    }

    /// What a later letter adds to the earlier letters of its group: a new
    /// accused official, a new topic, or a clause none of them told (a new
    /// fact). Conservative on purpose: a pure repeat goes nowhere, a new issue
    /// goes back to the clue-screening meeting.
    fn what_is_new(&self, e: &Entry, told: &Told) -> Vec<String> {
        let mut out = Vec::new();
        let (old_names, old_topics, old_matter) = (&told.names, &told.topics, &told.matter);
        for &k in e.offs.iter() {
            let n = self.name_of(k);
            if !old_names.contains(&n) {
                out.push(format!("新的被反映人：{n}"));
            }
        }
        for &t in e.topics.iter() {
            let label = self.strings.get(t);
            if label != FALLBACK_TOPIC && !old_topics.contains(&t) {
                out.push(format!("新问题：{label}"));
            }
        }
        // A full letter told after ledger summaries only retells them in other
        // words; clause by clause it would all look new. Judge it by officials
        // and topics alone (conservative). A summary told after full letters
        // names its allegations in ledger words: only a clause sharing nothing
        // with them counts.
        let later_summary = is_summary(e);
        if !later_summary && told.only_summaries {
            return out;
        }
        let (share_max, rare_max) = if later_summary {
            (self.settings.novelty_threshold / 2.0, 1)
        } else {
            (self.settings.novelty_threshold, 2)
        };
        let entities: Vec<String> = e.entities.iter().map(|&k| self.strings.get(k).to_string()).collect();
        let mut set = Vec::new();
        // A bigram in at most 2% of the letters (at least 2) is rare.
        let rare_df = (f64::from(self.wlive) * 0.02).max(2.0);
        let rare_weight = (1.0 + f64::from(self.wlive.max(1)) / rare_df).ln();
        let body = e.body.text();
        for clause in features::clauses(&body) {
            let clause = features::beyond_retelling(clause, &self.settings.told_before_cues);
            let stripped = features::strip_entities(clause, &entities);
            if features::han_len(&stripped) < 6 {
                continue;
            }
            features::bigrams(&stripped, &mut set);
            let total = self.set_weight(&set);
            if total <= 0.0 {
                continue;
            }
            let mut covered = 0.0;
            let mut rare_shared = 0;
            for &h in &set {
                if old_matter.contains(&h) {
                    let w = self.weight(h);
                    covered += w;
                    if w >= rare_weight {
                        rare_shared += 1;
                    }
                }
            }
            // New: hardly any of it was told before, and not two rare shingles of it
            // either (a narrative sentence retelling a summary shares few but rare ones).
            let novel = covered / total < share_max && rare_shared < rare_max;
            if novel && features::alleges(clause, &self.settings.allegation_cues) {
                out.push(format!("新情况：{}", shorten(clause, 40)));
            }
        }
        out
    }
}

/// What the earlier letters of a group told: accused officials, topics and
/// matter bigrams, and whether they were all ledger summaries.
struct Told {
    names: BTreeSet<String>,
    topics: BTreeSet<u32>,
    matter: std::collections::HashSet<u32, features::Fx>,
    only_summaries: bool,
}

impl Default for Told {
    fn default() -> Told {
        Told { names: BTreeSet::new(), topics: BTreeSet::new(), matter: Default::default(), only_summaries: true }
    }
}

impl Told {
    fn add(&mut self, idx: &RepeatIndex, e: &Entry) {
        self.names.extend(e.offs.iter().map(|&k| idx.name_of(k)));
        self.topics.extend(e.topics.iter().copied());
        self.matter.extend(e.matter.iter().copied());
        self.only_summaries &= is_summary(e);
    }
}

fn shorten(s: &str, max: usize) -> String {
    let s = s.trim_matches(|c: char| !features_is_han(c));
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

fn features_is_han(c: char) -> bool {
    xinfang_ingest::text::is_han(c) || c.is_ascii_digit()
}

/// A ledger summary (主要问题) rather than a letter as written.
fn is_summary(e: &Entry) -> bool {
    e.summary
}

/// Whether a letter's text is a ledger summary: every source is a ledger row,
/// or the text reads like one (主要问题, "…等问题").
fn summary_text(letter: &Letter) -> bool {
    use xinfang_ingest::record::SourceKind;
    // A letter with a file is the letter as written, whatever phrases
    // (…等问题) it uses; only a letter without known sources is judged by its text.
    if !letter.sources.is_empty() {
        return letter.sources.iter().all(|s| s.kind == SourceKind::LedgerRow);
    }
    letter.text.contains("主要问题") || fold(&letter.text).contains("等问题")
}

fn order_key(e: &Entry) -> (i32, &str) {
    (e.day, &e.id)
}

pub(crate) fn earlier(a: &Entry, b: &Entry) -> bool {
    order_key(a) < order_key(b)
}

/// Quantised rarity weights of a matter set: `ln(1 + N / df) × 16`, in a byte.
fn quantise(matter: &[u32], df: &FxMap<u32, u32>, live: u32) -> Box<[u8]> {
    let n = f64::from(live.max(1));
    matter
        .iter()
        .map(|h| {
            let d = f64::from(df.get(h).copied().unwrap_or(0).max(1));
            ((1.0 + n / d).ln() * 16.0).round().clamp(1.0, 255.0) as u8
        })
        .collect()
}

fn merge_quantised(a: &[u32], b: &[u32], wa: &[u8], wb: &[u8]) -> (f64, f64, f64) {
    let (mut i, mut j) = (0, 0);
    let mut wi = 0u32;
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                wi += u32::from(wa.get(i).copied().unwrap_or(16));
                i += 1;
                j += 1;
            }
        }
    }
    let sum = |w: &[u8], n: usize| -> f64 {
        if w.len() == n {
            f64::from(w.iter().map(|&x| u32::from(x)).sum::<u32>())
        } else {
            n as f64 * 16.0
        }
    };
    (sum(wa, a.len()) / 16.0, sum(wb, b.len()) / 16.0, f64::from(wi) / 16.0)
}

fn intersect_small(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter().filter(|x| b.contains(x)).copied().collect()
}

fn fingerprint(e: &Entry) -> u64 {
    let mut h = features::mix64(e.day as u64);
    let mut add = |x: u64| h = features::mix64(h ^ x);
    add(u64::from(e.summary) | (u64::from(e.told_before) << 1));
    for s in [e.batch, e.disposition, e.village] {
        add(u64::from(s));
    }
    for list in [&e.topics, &e.pets, &e.offs, &e.entities, &e.matter, &e.bands] {
        add(list.len() as u64);
        for &x in list.iter() {
            add(u64::from(x));
        }
    }
    for &b in e.body.bytes() {
        add(u64::from(b));
    }
    h
}

#[cfg(test)]
mod tests;
