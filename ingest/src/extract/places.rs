//! Towns and villages: gazetteer names and aliases, and the `XX镇XX村` pattern
//! for places the gazetteer does not know.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use xinfang_config::Gazetteer;

use super::doc::Doc;
use crate::text::{fold, is_han};

/// A place named in the text, as a char range of the folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlaceHit {
    pub start: usize,
    pub end: usize,
    /// Gazetteer (or pattern) town name.
    pub town: Option<String>,
    /// Gazetteer (or pattern) village name, current name for merged villages.
    pub village: Option<String>,
}

#[derive(Debug, Clone, Copy)]
enum Entry {
    County,
    Town(usize),
    Village(usize),
}

/// The gazetteer matcher.
#[derive(Debug, Clone)]
pub(crate) struct Places {
    ac: Option<AhoCorasick>,
    entries: Vec<Entry>,
    towns: Vec<String>,
    /// Village name and its town's index.
    villages: Vec<(String, usize)>,
    county_names: Vec<String>,
}

/// Characters that cannot be part of a place name found by pattern.
const PLACE_STOP: &str = "的在是我你他她们了和与及向到从对把将为被该本全原这那咱个各每此其给于所等和里中镇乡村县市区省报映诉告住居自来往系";

impl Places {
    pub fn new(g: &Gazetteer) -> Places {
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        let push = |p: String, e: Entry, patterns: &mut Vec<String>, entries: &mut Vec<Entry>| {
            if p.chars().count() >= 2 && !patterns.contains(&p) {
                patterns.push(p);
                entries.push(e);
            }
        };
        let mut county_names = vec![fold(&g.county)];
        county_names.extend(g.county_aliases.iter().map(|a| fold(a)));
        for c in county_names.clone() {
            push(c, Entry::County, &mut patterns, &mut entries);
        }
        let mut towns = Vec::new();
        let mut villages = Vec::new();
        for (ti, t) in g.towns.iter().enumerate() {
            towns.push(t.name.clone());
            for v in &t.villages {
                let vi = villages.len();
                villages.push((v.name.clone(), ti));
                push(
                    fold(&v.name),
                    Entry::Village(vi),
                    &mut patterns,
                    &mut entries,
                );
                for a in &v.aliases {
                    push(fold(a), Entry::Village(vi), &mut patterns, &mut entries);
                }
            }
        }
        for (ti, t) in g.towns.iter().enumerate() {
            push(fold(&t.name), Entry::Town(ti), &mut patterns, &mut entries);
            for a in &t.aliases {
                push(fold(a), Entry::Town(ti), &mut patterns, &mut entries);
            }
        }
        let ac = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| tracing::error!(target: "ingest::extract", error = %e, "gazetteer matcher not built"))
            .ok();
        Places {
            ac,
            entries,
            towns,
            villages,
            county_names,
        }
    }

    /// The town a gazetteer village belongs to.
    pub fn town_of(&self, village: &str) -> Option<&str> {
        self.villages
            .iter()
            .find(|(v, _)| v == village)
            .map(|(_, t)| self.towns[*t].as_str())
    }

    /// Every place in the text, in order; a town directly followed by one of
    /// its villages (or by a village the pattern finds) is one hit.
    pub fn find(&self, doc: &Doc<'_>) -> Vec<PlaceHit> {
        let mut raw: Vec<PlaceHit> = Vec::new();
        if let Some(ac) = &self.ac {
            for m in ac.find_iter(&doc.folded) {
                let start = doc.char_of_byte(m.start());
                let end = doc.char_of_byte(m.end());
                let (town, village) = match self.entries[m.pattern().as_usize()] {
                    Entry::County => (None, None),
                    Entry::Town(t) => (Some(self.towns[t].clone()), None),
                    Entry::Village(v) => {
                        let (name, t) = &self.villages[v];
                        (Some(self.towns[*t].clone()), Some(name.clone()))
                    }
                };
                // A short town alias inside a longer word (石桥村 is not 石桥镇
                // when the gazetteer has no such village) still counts: letters
                // write 石桥 for the town.
                raw.push(PlaceHit {
                    start,
                    end,
                    town,
                    village,
                });
            }
        }
        // Merge county + town + village chains and add pattern villages.
        let mut out: Vec<PlaceHit> = Vec::new();
        let mut i = 0;
        while i < raw.len() {
            let mut hit = raw[i].clone();
            i += 1;
            while i < raw.len() && raw[i].start == hit.end {
                let next = &raw[i];
                let compatible = hit.village.is_none()
                    && (hit.town.is_none() || (next.village.is_some() && next.town == hit.town));
                if !compatible {
                    break;
                }
                hit.end = next.end;
                if next.village.is_some() {
                    hit.village.clone_from(&next.village);
                }
                if next.town.is_some() {
                    hit.town.clone_from(&next.town);
                }
                i += 1;
            }
            if hit.town.is_none() && hit.village.is_none() {
                // A county name alone: keep it only as a prefix for patterns.
                if let Some(p) = self.pattern_at(doc, hit.end) {
                    out.push(PlaceHit {
                        start: hit.start,
                        ..p
                    });
                }
                continue;
            }
            if hit.village.is_none() {
                if let Some(v) = pattern_village(doc, hit.end) {
                    if !raw.iter().any(|r| r.start == hit.end) {
                        hit.end = v.0;
                        hit.village = Some(v.1);
                    }
                }
            }
            out.push(hit);
        }
        // `XX镇XX村` with a town the gazetteer does not know. Which characters
        // the known places cover, marked once: asking every place at every
        // 镇 was quadratic in a long text.
        let mut covered = vec![false; doc.len()];
        for h in &out {
            for c in covered.iter_mut().take(h.end.min(doc.len())).skip(h.start) {
                *c = true;
            }
        }
        let mut extra = Vec::new();
        for (k, &c) in doc.chars.iter().enumerate() {
            if (c == '镇' || c == '乡') && !covered[k] {
                if let Some(p) = self.pattern_town_village(doc, k) {
                    if !covered.get(p.start..p.end).is_some_and(|r| r.iter().any(|&x| x)) {
                        extra.push(p);
                    }
                }
            }
        }
        if !extra.is_empty() {
            out.extend(extra);
            out.sort_by_key(|h| h.start);
        }
        out
    }

    fn pattern_at(&self, doc: &Doc<'_>, at: usize) -> Option<PlaceHit> {
        // County prefix followed by an unknown town: 清河县李庄镇王屯村.
        let mut k = at;
        while k < doc.len() && k < at + 4 && doc.at(k) != '镇' && doc.at(k) != '乡' {
            k += 1;
        }
        if doc.at(k) == '镇' || doc.at(k) == '乡' {
            self.pattern_town_village(doc, k)
        } else {
            None
        }
    }

    /// `k` is the index of a 镇 or 乡 character.
    fn pattern_town_village(&self, doc: &Doc<'_>, k: usize) -> Option<PlaceHit> {
        let mut a = k;
        while a > 0 && k - a < 3 && place_char(doc.at(a - 1)) {
            a -= 1;
        }
        if k - a < 2 {
            return None;
        }
        // Do not swallow a county name: 清河县 is not part of the town.
        let town: String = doc.chars[a..=k].iter().collect();
        if self
            .county_names
            .iter()
            .any(|c| town.starts_with(c.as_str()))
        {
            return None;
        }
        let (end, village) = pattern_village(doc, k + 1)?;
        Some(PlaceHit {
            start: a,
            end,
            town: Some(town),
            village: Some(village),
        })
    }

    /// Resolves a ledger cell (清河县石桥镇, 石桥, 石桥镇柳河村, 前杨庄村) to
    /// gazetteer names; an unknown place is kept as written, without a
    /// county prefix.
    pub fn resolve_cell(&self, cell: &str) -> (Option<String>, Option<String>) {
        let folded = fold(cell.trim());
        if folded.is_empty() {
            return (None, None);
        }
        let doc = Doc::new(&folded);
        let hits = self.find(&doc);
        if let Some(h) = hits
            .iter()
            .find(|h| h.village.is_some())
            .or_else(|| hits.first())
        {
            return (h.town.clone(), h.village.clone());
        }
        let mut rest = folded.as_str();
        for c in &self.county_names {
            if let Some(r) = rest.strip_prefix(c.as_str()) {
                rest = r.trim_start_matches('县');
                break;
            }
        }
        let rest = rest.trim();
        if rest.is_empty() {
            return (None, None);
        }
        if rest.ends_with('村') || rest.ends_with("社区") {
            (None, Some(rest.to_string()))
        } else {
            (Some(rest.to_string()), None)
        }
    }
}

/// Words for a group of people that can stand between a town and 村民.
const COLLECTIVE: [&str; 14] = [
    "部分", "全体", "广大", "一些", "多名", "多数", "许多", "很多", "少数", "个别", "有些", "几个",
    "各", "众",
];

fn place_char(c: char) -> bool {
    is_han(c) && !PLACE_STOP.contains(c)
}

/// A village written after a town: two to four name characters and 村, or
/// 社区. Returns the end index and the name.
fn pattern_village(doc: &Doc<'_>, at: usize) -> Option<(usize, String)> {
    // 石桥镇部分村民 is some villagers of the town, not a village 部分村.
    if COLLECTIVE.iter().any(|w| doc.starts_with(at, w)) {
        return None;
    }
    let mut k = at;
    while k < doc.len() && k - at < 4 && place_char(doc.at(k)) {
        k += 1;
    }
    // k is the first non-name char; accept 村 or 社区 there.
    for stem_end in (at + 2..=k).rev() {
        if doc.at(stem_end) == '村' {
            return Some((stem_end + 1, doc.fstr(at, stem_end + 1).to_string()));
        }
        if doc.starts_with(stem_end, "社区") {
            return Some((stem_end + 2, doc.fstr(at, stem_end + 2).to_string()));
        }
    }
    None
}
