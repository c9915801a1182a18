//! The repeat state of an archive, kept up to date batch by batch and stored
//! beside the index.
//!
//! [`RepeatIndex::analyze`] regroups the whole archive; at a million letters
//! that takes a minute. [`RepeatState`] holds the same answer (pairs with
//! their evidence, the forest of groups, the described groups and letters)
//! and [`RepeatState::apply`] updates it for a batch by touching only the
//! batch's letters, the letters they match, and the groups those belong to.
//!
//! Why the result equals a full regrouping: the rarity weights are frozen
//! between refreshes ([`RepeatIndex::refresh_weights`]), so the evidence of a
//! pair depends on the two letters only; candidate lookup is symmetric (an LSH
//! bucket or a blocking key holds both letters), so the batch's candidates
//! find every new pair, whether the batch letter is the later or the earlier
//! one; and a group is a tree of "strongest earlier match" links, so only the
//! trees whose links changed are rebuilt. When the archive has grown by a
//! quarter since the weights were frozen, `apply` refreshes them and regroups
//! everything once (amortised: a constant cost per letter ever ingested).
//! The approximations are shared with `analyze`: a bucket or block above its
//! cap (`max_bucket`, `max_block`) keeps only its most recent letters, a letter
//! is compared with at most `max_candidates` candidates, and keeps at most
//! `max_matches` direct matches. A batch recomputes the matches of the later
//! letters that share a bucket or key with it, so the capped lists agree too;
//! only above the bucket and block windows can the two answers differ.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rayon::prelude::*;
use xinfang_config::RepeatSettings;
use xinfang_ingest::record::Letter;

use super::codec::{Count, Reader, Sink, Stream, Writer};
use super::features::{mix64, FxMap as Map};
use super::{
    earlier, BatchView, CodecError, Evidence, RepeatAnalysis, RepeatGroup, RepeatIndex, RepeatInput, RepeatLetter,
    SimilarLetter, NONE,
};

const MAGIC: &[u8; 4] = b"XFRS";
const VERSION: u32 = 2;

/// A stored repeat state that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// The bytes are not a repeat state of this version, or are damaged.
    #[error(transparent)]
    Codec(#[from] CodecError),
    /// The state was computed with other thresholds or weights.
    #[error("the repeat state was computed with other settings")]
    Settings,
}

type Pairs = Map<u32, Vec<(u32, Evidence)>>;
type Set = std::collections::HashSet<u32, super::features::Fx>;

/// What [`RepeatState::apply`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Applied {
    /// Letters added or replaced (a letter already in, unchanged, counts nothing).
    pub changed: usize,
    /// Letters whose group was rebuilt (the batch's and those of the groups it touched).
    pub regrouped: usize,
    /// True when the weights were refreshed and the whole archive regrouped.
    pub full: bool,
}

/// The repeat answers of an archive, updated incrementally.
#[derive(Debug, Clone)]
pub struct RepeatState {
    index: RepeatIndex,
    /// Later slot -> its direct earlier matches, oldest first.
    by_later: Pairs,
    /// Earlier slot -> later slots that matched it.
    by_earlier: Map<u32, Vec<u32>>,
    /// Root (oldest member) of every slot's tree; `NONE` for replaced versions.
    root: Vec<u32>,
    /// Root -> members oldest first, for trees of two or more.
    trees: Map<u32, Vec<u32>>,
    /// Root -> described group.
    groups: Map<u32, RepeatGroup>,
    /// Slot -> described repeat letter.
    letters: Map<u32, RepeatLetter>,
}

impl RepeatState {
    /// An empty state.
    pub fn new(settings: RepeatSettings) -> RepeatState {
        RepeatState::build(RepeatIndex::new(settings))
    }

    /// The state of a whole index, computed in full.
    pub fn build(mut index: RepeatIndex) -> RepeatState {
        if index.weights_stale() {
            index.refresh_weights();
        }
        let mut state = RepeatState {
            root: Vec::new(),
            index,
            by_later: Map::default(),
            by_earlier: Map::default(),
            trees: Map::default(),
            groups: Map::default(),
            letters: Map::default(),
        };
        state.regroup_all();
        state
    }

    /// The state of these letters, computed in full.
    pub fn from_letters(letters: &[Letter], settings: RepeatSettings) -> RepeatState {
        let mut index = RepeatIndex::new(settings);
        index.insert_all(letters);
        RepeatState::build(index)
    }

    /// The index of letter features the state is built on.
    pub fn index(&self) -> &RepeatIndex {
        &self.index
    }

    /// Number of letters.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// True when the state holds no letter.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    fn regroup_all(&mut self) {
        let idx = &self.index;
        let order = idx.alive_in_order();
        self.by_later = idx.all_pairs(&order);
        self.by_earlier = Map::default();
        for (&later, direct) in &self.by_later {
            for (a, _) in direct {
                self.by_earlier.entry(*a).or_default().push(later);
            }
        }
        self.root = vec![NONE; idx.entries.len()];
        idx.assign_roots(&order, &self.by_later, &mut self.root);
        self.trees.clear();
        self.groups.clear();
        self.letters.clear();
        self.describe(&order, None);
    }

    /// Builds the trees of `members` (oldest first, roots already assigned) and describes them.
    fn describe(&mut self, members: &[u32], stored: Option<&Map<u32, Vec<String>>>) {
        let mut trees: Map<u32, Vec<u32>> = Map::default();
        for &s in members {
            trees.entry(self.root[s as usize]).or_default().push(s);
        }
        trees.retain(|_, m| m.len() >= 2);
        let idx = &self.index;
        let by_later = &self.by_later;
        let described: Vec<(u32, RepeatGroup, Vec<RepeatLetter>)> = trees
            .par_iter()
            .map(|(&r, m)| {
                let (g, ls) = idx.describe_group(m, by_later, stored);
                (r, g, ls)
            })
            .collect();
        for (r, g, ls) in described {
            let m = &trees[&r];
            for (&s, l) in m.iter().skip(1).zip(ls) {
                self.letters.insert(s, l);
            }
            self.groups.insert(r, g);
        }
        self.trees.extend(trees);
    }

    /// Adds a batch (letters' features from [`RepeatInput::of`]): new letters
    /// join existing groups or form new ones, changed letters replace their
    /// earlier version, unchanged letters change nothing. The cost is
    /// proportional to the batch and the groups it touches, not to the archive.
    pub fn apply(&mut self, inputs: Vec<RepeatInput>) -> Applied {
        let mut added: Vec<u32> = Vec::new();
        let mut retired: Vec<u32> = Vec::new();
        for input in inputs {
            let e = self.index.entry_from(input);
            if let Some((slot, old)) = self.index.insert_entry(e) {
                added.push(slot);
                retired.extend(old);
            }
        }
        let changed = added.len();
        if changed == 0 {
            return Applied::default();
        }
        let n = self.index.entries.len();
        self.root.resize(n, NONE);
        for &s in &added {
            self.root[s as usize] = s;
        }
        if self.index.weights_stale() {
            self.index.refresh_weights();
            self.regroup_all();
            return Applied { changed, regrouped: self.len(), full: true };
        }
        let regrouped = self.apply_incremental(added, retired);
        Applied { changed, regrouped, full: false }
    }

    /// Drops a letter's direct matches and their back-references; its group
    /// and those of the earlier letters are marked for rebuilding.
    fn unlink_matches_of(&mut self, later: u32, affected: &mut Set) {
        affected.insert(self.root[later as usize]);
        if let Some(direct) = self.by_later.remove(&later) {
            for (a, _) in direct {
                if let Some(v) = self.by_earlier.get_mut(&a) {
                    v.retain(|&x| x != later);
                }
                affected.insert(self.root[a as usize]);
            }
        }
    }

    fn apply_incremental(&mut self, added: Vec<u32>, retired: Vec<u32>) -> usize {
        let mut affected = Set::default();
        let mut touched = Set::default();
        for &r in &retired {
            self.unlink_matches_of(r, &mut affected);
            if let Some(laters) = self.by_earlier.remove(&r) {
                for l in laters {
                    if let Some(v) = self.by_later.get_mut(&l) {
                        v.retain(|(a, _)| *a != r);
                        if v.is_empty() {
                            self.by_later.remove(&l);
                        }
                    }
                    touched.insert(l);
                }
            }
        }
        for &r in &retired {
            self.root[r as usize] = NONE;
        }
        let entries = &self.index.entries;
        let added: Vec<u32> = added.into_iter().filter(|&s| entries[s as usize].alive).collect();
        let is_added: Set = added.iter().copied().collect();
        let idx = &self.index;
        // Existing letters later than a batch or replaced letter that share a
        // bucket or key with it: their capped lists of earlier candidates may
        // have changed (a new earlier letter came in, an old one went), so
        // their matches are recomputed whole, as a full regrouping would.
        // In date order (new letters are the latest) there are none.
        let mut redo: Set = Set::default();
        let mut cand = Vec::new();
        for &s in added.iter().chain(retired.iter()) {
            let e = &idx.entries[s as usize];
            idx.all_candidates_where(e, &mut cand, |c| {
                let o = &idx.entries[c as usize];
                o.alive && !is_added.contains(&c) && earlier(e, o)
            });
            redo.extend(cand.iter().copied());
        }
        let laters: Vec<u32> = added.iter().copied().chain(redo.iter().copied()).collect();
        // Each pair is scored from its later letter, over that letter's capped
        // list of earlier candidates: the same list a full regrouping uses.
        let found: Vec<(u32, Vec<(u32, Evidence)>)> = laters
            .par_iter()
            .map_init(Vec::new, |cand, &t| {
                let e = &idx.entries[t as usize];
                idx.candidates_where(e, cand, |c| {
                    let o = &idx.entries[c as usize];
                    c != t && o.alive && earlier(o, e)
                });
                let found: Vec<(u32, Evidence)> =
                    cand.iter().filter_map(|&c| idx.repeat_evidence(&idx.entries[c as usize], e).map(|ev| (c, ev))).collect();
                (t, found)
            })
            .collect();
        for &t in &redo {
            self.unlink_matches_of(t, &mut affected);
            touched.insert(t);
        }
        for (b, pairs) in found {
            for (a, ev) in pairs {
                if !is_added.contains(&a) {
                    affected.insert(self.root[a as usize]);
                }
                self.by_later.entry(b).or_default().push((a, ev));
                self.by_earlier.entry(a).or_default().push(b);
                touched.insert(b);
            }
        }
        for &t in &touched {
            if let Some(v) = self.by_later.get_mut(&t) {
                v.sort_by(|x, y| self.index.cmp_slots(x.0, y.0));
                for a in self.index.keep_strongest(v) {
                    if let Some(l) = self.by_earlier.get_mut(&a) {
                        l.retain(|&x| x != t);
                    }
                    if !is_added.contains(&a) {
                        affected.insert(self.root[a as usize]);
                    }
                }
            }
            if !is_added.contains(&t) {
                affected.insert(self.root[t as usize]);
            }
            if let Some(a) = self.by_later.get(&t).and_then(|d| self.index.best_of(d)) {
                if !is_added.contains(&a) {
                    affected.insert(self.root[a as usize]);
                }
            }
        }
        // Every tree whose links may have changed is rebuilt from its members.
        let mut members: Vec<u32> = added;
        for &r in affected.iter().filter(|&&r| r != NONE) {
            let old = self.trees.remove(&r).unwrap_or_else(|| vec![r]);
            self.groups.remove(&r);
            for &m in &old {
                self.letters.remove(&m);
            }
            members.extend(old);
        }
        let entries = &self.index.entries;
        members.retain(|&s| entries[s as usize].alive);
        members.sort_unstable();
        members.dedup();
        members.sort_by(|&a, &b| self.index.cmp_slots(a, b));
        self.index.assign_roots(&members, &self.by_later, &mut self.root);
        self.describe(&members, None);
        members.len()
    }

    /// The same answer as [`RepeatIndex::analyze`] over the same letters and weights.
    pub fn analysis(&self) -> RepeatAnalysis {
        let idx = &self.index;
        let order = idx.alive_in_order();
        let mut a = RepeatAnalysis {
            groups: self.groups().into_iter().cloned().collect(),
            letters: self.letters().into_iter().cloned().collect(),
            ..RepeatAnalysis::default()
        };
        for &s in &order {
            let e = &idx.entries[s as usize];
            if let Some(direct) = self.by_later.get(&s) {
                a.matches.extend(direct.iter().map(|(x, ev)| idx.to_match(&idx.entries[*x as usize], e, ev)));
            }
            a.batches.entry(idx.strings.get(e.batch).to_string()).or_default().push(e.id.to_string());
        }
        a
    }

    /// Repeat groups, by their oldest letter.
    pub fn groups(&self) -> Vec<&RepeatGroup> {
        let mut roots: Vec<u32> = self.groups.keys().copied().collect();
        roots.sort_by(|&a, &b| self.index.cmp_slots(a, b));
        roots.iter().filter_map(|r| self.groups.get(r)).collect()
    }

    /// Letters that repeat earlier ones, by date.
    pub fn letters(&self) -> Vec<&RepeatLetter> {
        let mut slots: Vec<u32> = self.letters.keys().copied().collect();
        slots.sort_by(|&a, &b| self.index.cmp_slots(a, b));
        slots.iter().filter_map(|s| self.letters.get(s)).collect()
    }

    fn slot(&self, id: &str) -> Option<u32> {
        self.index.by_id.get(id).copied().filter(|&s| self.index.entries[s as usize].alive)
    }

    /// True when the letter is in the state.
    pub fn contains(&self, id: &str) -> bool {
        self.slot(id).is_some()
    }

    /// The received date of a letter: `None` for an unknown letter, `Some(None)` for an undated one.
    pub fn received(&self, id: &str) -> Option<Option<NaiveDate>> {
        let e = &self.index.entries[self.slot(id)? as usize];
        Some((e.day != i32::MAX).then(|| NaiveDate::from_num_days_from_ce_opt(e.day)).flatten())
    }

    /// The repeat record of a letter, if it repeats an earlier one.
    pub fn letter(&self, id: &str) -> Option<&RepeatLetter> {
        self.letters.get(&self.slot(id)?)
    }

    /// The group a letter belongs to.
    pub fn group_of(&self, id: &str) -> Option<&RepeatGroup> {
        self.groups.get(&self.root[self.slot(id)? as usize])
    }

    /// Letters of a batch, oldest first.
    fn batch_slots(&self, batch: &str) -> Vec<u32> {
        let Some(&b) = self.index.strings.ids.get(batch.trim()) else {
            return Vec::new();
        };
        let entries = &self.index.entries;
        let mut slots: Vec<u32> =
            (0..entries.len() as u32).filter(|&s| entries[s as usize].alive && entries[s as usize].batch == b).collect();
        slots.sort_by(|&x, &y| self.index.cmp_slots(x, y));
        slots
    }

    /// Ids of a batch's letters, oldest first.
    pub fn batch_ids(&self, batch: &str) -> Vec<String> {
        self.batch_slots(batch).into_iter().map(|s| self.index.entries[s as usize].id.to_string()).collect()
    }

    /// The repeat letters of one batch.
    pub fn letters_in_batch(&self, batch: &str) -> Vec<&RepeatLetter> {
        self.batch_slots(batch).into_iter().filter_map(|s| self.letters.get(&s)).collect()
    }

    /// How many letters of `batch` are new, pure repeats and repeats with a new issue.
    pub fn batch_view(&self, batch: &str) -> BatchView {
        let slots = self.batch_slots(batch);
        BatchView::tally(batch, slots.iter().map(|s| self.letters.get(s)))
    }

    /// Letters similar to `id`, repeats first, then by similarity.
    pub fn similar(&self, id: &str, limit: usize) -> Vec<SimilarLetter> {
        self.index.similar(id, limit)
    }

    /// The state as bytes. `tag` names the state (the commit it belongs to);
    /// [`RepeatState::from_bytes`] returns it so that a reader can check it.
    ///
    /// Layout: magic, version, tag, settings hash, the index
    /// ([`RepeatIndex::to_bytes`], live letters renumbered in slot order),
    /// the pairs with their evidence, and what is new of each repeat letter.
    /// Groups are not stored: they follow from the pairs in one pass.
    pub fn to_bytes(&self, tag: &str) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(64 + self.index.entries.len() * 1024 + self.by_later.len() * 64));
        self.write_into(tag, &mut w);
        w.0
    }

    /// Writes [`RepeatState::to_bytes`] to `out` without holding them in memory.
    pub fn write_to(&self, tag: &str, out: impl std::io::Write) -> std::io::Result<()> {
        let mut w = Writer(Stream { out, error: None });
        self.write_into(tag, &mut w);
        match w.0.error {
            Some(e) => Err(e),
            None => w.0.out.flush(),
        }
    }

    fn write_into<S: Sink>(&self, tag: &str, w: &mut Writer<S>) {
        let idx = &self.index;
        let mut renum = vec![NONE; idx.entries.len()];
        let mut next = 0u32;
        for (s, e) in idx.entries.iter().enumerate() {
            if e.alive {
                renum[s] = next;
                next += 1;
            }
        }
        w.bytes(MAGIC);
        w.u32(VERSION);
        w.str(tag);
        w.u64(settings_hash(&idx.settings));
        // The index's length goes before it: counted first, then written.
        let mut count = Writer(Count::default());
        idx.write_into(&mut count);
        w.u64(count.0 .0);
        idx.write_into(w);
        let mut laters: Vec<u32> = self.by_later.keys().copied().collect();
        laters.sort_unstable();
        w.u32(laters.len() as u32);
        for l in laters {
            let direct = &self.by_later[&l];
            w.u32(renum[l as usize]);
            w.u32(direct.len() as u32);
            for (a, ev) in direct {
                w.u32(renum[*a as usize]);
                w.list(&ev.petitioners);
                w.list(&ev.officials);
                let (v, t) = ev.village_topic.unwrap_or((NONE, NONE));
                w.u32(v);
                w.u32(t);
                w.u64(ev.jaccard.to_bits());
                w.u64(ev.containment.map(f64::to_bits).unwrap_or(u64::MAX));
                w.u64(ev.score.to_bits());
                w.u32(u32::from(ev.told_before));
            }
        }
        let mut slots: Vec<u32> = self.letters.keys().copied().collect();
        slots.sort_unstable();
        w.u32(slots.len() as u32);
        for s in slots {
            let what = &self.letters[&s].what_is_new;
            w.u32(renum[s as usize]);
            w.u32(what.len() as u32);
            for x in what {
                w.str(x);
            }
        }
    }

    /// Reads a state written by [`RepeatState::to_bytes`], with its tag.
    /// Nothing is recomputed but the trees and their descriptions from the
    /// stored pairs; settings other than those it was computed with are refused.
    pub fn from_bytes(bytes: &[u8], settings: RepeatSettings) -> Result<(RepeatState, String), StateError> {
        let mut r = Reader::new(bytes);
        if r.take(4).map_err(|_| CodecError::Format)? != MAGIC || r.u32()? != VERSION {
            return Err(CodecError::Format.into());
        }
        let tag = r.str()?.to_string();
        if r.u64()? != settings_hash(&settings) {
            return Err(StateError::Settings);
        }
        let len = usize::try_from(r.u64()?).map_err(|_| CodecError::Damaged(r.at))?;
        let index = RepeatIndex::from_bytes(r.take(len)?, settings)?;
        let n = index.entries.len() as u32;
        let check = |x: u32, at: usize| if x < n { Ok(x) } else { Err(CodecError::Damaged(at)) };
        let mut by_later: Pairs = Map::default();
        let mut by_earlier: Map<u32, Vec<u32>> = Map::default();
        for _ in 0..r.u32()? {
            let later = check(r.u32()?, r.at)?;
            let k = r.u32()? as usize;
            let mut direct = Vec::with_capacity(k.min(1024));
            for _ in 0..k {
                let a = check(r.u32()?, r.at)?;
                let petitioners = r.list()?.into_vec();
                let officials = r.list()?.into_vec();
                let (v, t) = (r.u32()?, r.u32()?);
                let jaccard = f64::from_bits(r.u64()?);
                let c = r.u64()?;
                let score = f64::from_bits(r.u64()?);
                let told_before = r.u32()? != 0;
                by_earlier.entry(a).or_default().push(later);
                direct.push((
                    a,
                    Evidence {
                        petitioners,
                        officials,
                        village_topic: (v != NONE).then_some((v, t)),
                        jaccard,
                        containment: (c != u64::MAX).then(|| f64::from_bits(c)),
                        score,
                        told_before,
                    },
                ));
            }
            by_later.insert(later, direct);
        }
        let mut novelty: Map<u32, Vec<String>> = Map::default();
        for _ in 0..r.u32()? {
            let s = check(r.u32()?, r.at)?;
            let k = r.u32()? as usize;
            let mut what = Vec::with_capacity(k.min(64));
            for _ in 0..k {
                what.push(r.str()?.to_string());
            }
            novelty.insert(s, what);
        }
        if r.at != bytes.len() {
            return Err(CodecError::Damaged(r.at).into());
        }
        let mut state = RepeatState {
            root: vec![NONE; index.entries.len()],
            index,
            by_later,
            by_earlier,
            trees: Map::default(),
            groups: Map::default(),
            letters: Map::default(),
        };
        let order = state.index.alive_in_order();
        state.index.assign_roots(&order, &state.by_later, &mut state.root);
        state.describe(&order, Some(&novelty));
        Ok((state, tag))
    }

    /// Ids of the batches of the state, sorted.
    pub fn batches(&self) -> BTreeSet<String> {
        let idx = &self.index;
        idx.entries.iter().filter(|e| e.alive).map(|e| idx.strings.get(e.batch).to_string()).collect()
    }

    /// Direct matches of every letter, `(earlier id, later id)`, sorted (for tests and checks).
    pub fn pairs(&self) -> Vec<(String, String)> {
        let idx = &self.index;
        let mut v: Vec<(String, String)> = self
            .by_later
            .iter()
            .flat_map(|(&l, d)| {
                d.iter().map(move |(a, _)| {
                    (idx.entries[*a as usize].id.to_string(), idx.entries[l as usize].id.to_string())
                })
            })
            .collect();
        v.sort();
        v
    }

    /// Matches keyed by later id (for callers that want every reason of a letter).
    pub fn matches_of(&self, id: &str) -> Vec<super::Match> {
        let Some(s) = self.slot(id) else {
            return Vec::new();
        };
        let idx = &self.index;
        let e = &idx.entries[s as usize];
        self.by_later
            .get(&s)
            .map(|d| d.iter().map(|(a, ev)| idx.to_match(&idx.entries[*a as usize], e, ev)).collect())
            .unwrap_or_default()
    }
}

/// A hash of every setting, so that a state computed with other thresholds is not used.
fn settings_hash(s: &RepeatSettings) -> u64 {
    let text = format!("{s:?}");
    text.bytes().fold(0x5EED_u64, |h, b| mix64(h ^ u64::from(b)))
}
