//! People across letters: the person dossier (一人一档) and the officials
//! ranking.
//!
//! A person is a name in a place. The same name in two villages is two
//! people; an occurrence whose place is unknown joins the one place the name
//! is known in, and stays apart when the name is known in several (a wrong
//! merge of two people is worse than a split the meeting can see).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;
use xinfang_ingest::record::Letter;
use xinfang_ingest::text::fold;

use crate::archive::Archive;
use crate::search::SearchRequest;
use crate::Result;

/// The exact key of an accused official: folded name, town, village.
pub fn official_key(name: &str, town: Option<&str>, village: Option<&str>) -> String {
    format!("{}|{}|{}", fold(name), town.unwrap_or(""), village.unwrap_or(""))
}

/// One person's file (`GET /api/persons`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Person {
    /// Stable key: `name|town|village`.
    pub key: String,
    /// Name (simplified).
    pub name: String,
    /// Town, when known.
    pub town: Option<String>,
    /// Village, when known.
    pub village: Option<String>,
    /// Titles seen, most recent first.
    pub titles: Vec<String>,
    /// Letters the person wrote, oldest first.
    pub as_petitioner: Vec<String>,
    /// Letters accusing the person, oldest first.
    pub as_accused: Vec<String>,
    /// Letters merely naming the person, oldest first.
    pub as_mentioned: Vec<String>,
    /// First received date.
    pub first_seen: Option<String>,
    /// Last received date.
    pub last_seen: Option<String>,
    /// Topic → letters.
    pub topics: BTreeMap<String, usize>,
    /// Repeat groups the person's letters belong to.
    pub repeat_groups: Vec<String>,
}

/// One official in the ranking (`GET /api/officials`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OfficialRank {
    /// Stable key: `name|town|village`.
    pub key: String,
    /// Name.
    pub name: String,
    /// Titles seen.
    pub titles: Vec<String>,
    /// Town.
    pub town: Option<String>,
    /// Village.
    pub village: Option<String>,
    /// Letters accusing the official.
    pub letters: usize,
    /// Their ids, newest first.
    pub letter_ids: Vec<String>,
    /// Topic → letters.
    pub topics: BTreeMap<String, usize>,
}

/// Filters of the officials ranking.
#[derive(Debug, Clone, Default)]
pub struct OfficialsRequest {
    /// Town.
    pub town: Option<String>,
    /// Village.
    pub village: Option<String>,
    /// Received on or after.
    pub from: Option<NaiveDate>,
    /// Received on or before.
    pub to: Option<NaiveDate>,
    /// How many officials.
    pub limit: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Petitioner,
    Accused,
    Mentioned,
}

struct Occurrence<'a> {
    letter: &'a Letter,
    role: Role,
    title: String,
    town: Option<String>,
    village: Option<String>,
}

fn place_key(town: &Option<String>, village: &Option<String>) -> Option<(Option<String>, Option<String>)> {
    if town.is_none() && village.is_none() {
        None
    } else {
        Some((town.clone(), village.clone()))
    }
}

impl Archive {
    /// Letters whose `person` field holds the folded name.
    fn letters_naming(&self, folded: &str) -> Result<Vec<Letter>> {
        let searcher = self.reader.searcher();
        let q = TermQuery::new(Term::from_field_text(self.fields.person, folded), IndexRecordOption::Basic);
        let top = searcher.search(&q, &TopDocs::with_limit(100_000).order_by_score())?;
        top.into_iter().map(|(_, addr)| self.load(&searcher, addr)).collect()
    }

    /// Every distinct person of that name (either script), with their letters.
    pub fn persons(&self, name: &str) -> Result<Vec<Person>> {
        let folded = fold(name.trim());
        if folded.is_empty() {
            return Ok(vec![]);
        }
        let letters = self.letters_naming(&folded)?;
        let mut occ: Vec<Occurrence<'_>> = Vec::new();
        for l in &letters {
            for p in l.petitioners.iter().filter(|p| !p.anonymous && fold(&p.name) == folded) {
                occ.push(Occurrence {
                    letter: l,
                    role: Role::Petitioner,
                    title: String::new(),
                    town: p.town.clone(),
                    village: p.village.clone(),
                });
            }
            for o in l.accused.iter().filter(|o| fold(&o.name) == folded) {
                occ.push(Occurrence {
                    letter: l,
                    role: Role::Accused,
                    title: o.title.clone(),
                    town: o.town.clone(),
                    village: o.village.clone(),
                });
            }
            for m in l.mentioned.iter().filter(|m| fold(&m.name) == folded) {
                occ.push(Occurrence {
                    letter: l,
                    role: Role::Mentioned,
                    title: m.title.clone(),
                    town: None,
                    village: None,
                });
            }
        }
        // Known places of the name; a village implies its town.
        let mut places: BTreeSet<(Option<String>, Option<String>)> = BTreeSet::new();
        for o in &occ {
            if let Some(p) = place_key(&o.town, &o.village) {
                places.insert(p);
            }
        }
        // A town-only place joins the one village of that town the name is known in.
        let villages: Vec<(Option<String>, Option<String>)> = places.iter().filter(|p| p.1.is_some()).cloned().collect();
        let resolve = |town: &Option<String>, village: &Option<String>| -> (Option<String>, Option<String>) {
            match place_key(town, village) {
                Some((t, None)) => {
                    let same_town: Vec<_> = villages.iter().filter(|v| v.0 == t).collect();
                    if same_town.len() == 1 {
                        same_town[0].clone()
                    } else {
                        (t, None)
                    }
                }
                Some(p) => p,
                None => {
                    let distinct: BTreeSet<_> = places.iter().map(|p| resolve_town_only(p, &villages)).collect();
                    if distinct.len() == 1 {
                        distinct.into_iter().next().unwrap_or((None, None))
                    } else {
                        (None, None)
                    }
                }
            }
        };
        let mut people: BTreeMap<(Option<String>, Option<String>), Vec<&Occurrence<'_>>> = BTreeMap::new();
        for o in &occ {
            people.entry(resolve(&o.town, &o.village)).or_default().push(o);
        }
        let display = letters
            .iter()
            .flat_map(|l| {
                l.petitioners
                    .iter()
                    .map(|p| p.name.clone())
                    .chain(l.accused.iter().map(|a| a.name.clone()))
                    .chain(l.mentioned.iter().map(|m| m.name.clone()))
            })
            .find(|n| fold(n) == folded)
            .map(|n| fold(&n))
            .unwrap_or_else(|| folded.clone());
        let mut out = Vec::new();
        for ((town, village), occs) in people {
            let mut by_date: Vec<&&Occurrence<'_>> = occs.iter().collect();
            by_date.sort_by_key(|o| (o.letter.received, o.letter.id.clone()));
            let ids = |role: Role| -> Vec<String> {
                let mut v: Vec<String> = Vec::new();
                for o in by_date.iter().filter(|o| o.role == role) {
                    if !v.contains(&o.letter.id) {
                        v.push(o.letter.id.clone());
                    }
                }
                v
            };
            let mut titles: Vec<String> = Vec::new();
            for o in by_date.iter().rev() {
                let title = fold(&o.title);
                if !title.is_empty() && !titles.contains(&title) {
                    titles.push(title);
                }
            }
            let mut topics: BTreeMap<String, usize> = BTreeMap::new();
            let mut seen = BTreeSet::new();
            for o in &by_date {
                if seen.insert(o.letter.id.clone()) {
                    if let Some(t) = o.letter.topics.first() {
                        *topics.entry(t.clone()).or_default() += 1;
                    }
                }
            }
            let dates: Vec<NaiveDate> = by_date.iter().filter_map(|o| o.letter.received).collect();
            out.push(Person {
                key: format!("{}|{}|{}", folded, town.as_deref().unwrap_or(""), village.as_deref().unwrap_or("")),
                name: display.clone(),
                town,
                village,
                titles,
                as_petitioner: ids(Role::Petitioner),
                as_accused: ids(Role::Accused),
                as_mentioned: ids(Role::Mentioned),
                first_seen: dates.iter().min().map(|d| d.to_string()),
                last_seen: dates.iter().max().map(|d| d.to_string()),
                repeat_groups: {
                    let mut groups: Vec<String> = Vec::new();
                    for o in &by_date {
                        if let Some(g) = self.repeat_group_of(&o.letter.id)? {
                            if !groups.contains(&g) {
                                groups.push(g);
                            }
                        }
                    }
                    groups
                },
                topics,
            });
        }
        out.sort_by(|a, b| {
            let n = |p: &Person| p.as_petitioner.len() + p.as_accused.len() + p.as_mentioned.len();
            n(b).cmp(&n(a)).then(a.key.cmp(&b.key))
        });
        Ok(out)
    }

    /// Officials ranked by letters accusing them.
    pub fn officials(&self, req: &OfficialsRequest) -> Result<Vec<OfficialRank>> {
        let filter = self.build_query(&SearchRequest {
            town: req.town.clone(),
            village: req.village.clone(),
            from: req.from,
            to: req.to,
            ..Default::default()
        })?;
        let searcher = self.reader.searcher();
        // Count letters per official key among the filtered letters.
        let agg: tantivy::aggregation::agg_req::Aggregations = serde_json::from_value(serde_json::json!({
            "k": {"terms": {"field": "official_key", "size": 100000, "min_doc_count": 1}}
        }))
        .map_err(|e| crate::IndexError::Corrupt(e.to_string()))?;
        let collector = tantivy::aggregation::AggregationCollector::from_aggs(
            agg,
            tantivy::aggregation::AggContextParams::new(Default::default(), self.index.tokenizers().clone()),
        );
        let res = searcher.search(&*filter, &collector)?;
        let v = serde_json::to_value(&res).map_err(|e| crate::IndexError::Corrupt(e.to_string()))?;
        let mut counts: Vec<(String, u64)> = v["k"]["buckets"]
            .as_array()
            .map(|b| {
                b.iter()
                    .filter_map(|x| Some((x["key"].as_str()?.to_string(), x["doc_count"].as_u64()?)))
                    .collect()
            })
            .unwrap_or_default();
        // Unknown places join the one known place of the same name.
        let mut known: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, _) in &counts {
            let mut it = k.splitn(3, '|');
            let (name, town, village) = (it.next().unwrap_or(""), it.next().unwrap_or(""), it.next().unwrap_or(""));
            if !town.is_empty() || !village.is_empty() {
                known.entry(name.to_string()).or_default().push(k.clone());
            }
        }
        let mut merged: BTreeMap<String, (Vec<String>, u64)> = BTreeMap::new();
        for (k, n) in counts.drain(..) {
            let name = k.split('|').next().unwrap_or("").to_string();
            let target = match known.get(&name) {
                Some(ks) if ks.len() == 1 && k.ends_with("||") => ks[0].clone(),
                _ => k.clone(),
            };
            let e = merged.entry(target).or_default();
            e.0.push(k);
            e.1 += n;
        }
        let mut ranked: Vec<(String, Vec<String>, u64)> = merged.into_iter().map(|(k, (ks, n))| (k, ks, n)).collect();
        ranked.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        ranked.truncate(req.limit.max(1));
        let mut out = Vec::with_capacity(ranked.len());
        for (key, keys, _) in ranked {
            let clauses: Vec<(Occur, Box<dyn Query>)> = keys
                .iter()
                .map(|k| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.official_key, k),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect();
            let q = BooleanQuery::new(vec![(Occur::Must, Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>), (Occur::Must, filter.box_clone())]);
            let top = searcher.search(&q, &TopDocs::with_limit(10_000).order_by_fast_field::<i64>("received", tantivy::Order::Desc))?;
            let mut it = key.splitn(3, '|');
            let (name, town, village) = (it.next().unwrap_or("").to_string(), it.next().unwrap_or(""), it.next().unwrap_or(""));
            let mut titles = Vec::new();
            let mut topics = BTreeMap::new();
            let mut ids = Vec::new();
            let mut display = name.clone();
            for (_, addr) in top {
                let l = self.load(&searcher, addr)?;
                for o in l.accused.iter().filter(|o| fold(&o.name) == name) {
                    display = fold(&o.name);
                    let title = fold(&o.title);
                    if !title.is_empty() && !titles.contains(&title) {
                        titles.push(title);
                    }
                }
                if let Some(t) = l.topics.first() {
                    *topics.entry(t.clone()).or_insert(0) += 1;
                }
                ids.push(l.id);
            }
            out.push(OfficialRank {
                key: key.clone(),
                name: display,
                titles,
                town: Some(town.to_string()).filter(|s| !s.is_empty()),
                village: Some(village.to_string()).filter(|s| !s.is_empty()),
                letters: ids.len(),
                letter_ids: ids,
                topics,
            });
        }
        out.sort_by(|a, b| b.letters.cmp(&a.letters).then(a.key.cmp(&b.key)));
        Ok(out)
    }
}

fn resolve_town_only(
    p: &(Option<String>, Option<String>),
    villages: &[(Option<String>, Option<String>)],
) -> (Option<String>, Option<String>) {
    if p.1.is_none() {
        let same: Vec<_> = villages.iter().filter(|v| v.0 == p.0).collect();
        if same.len() == 1 {
            return same[0].clone();
        }
    }
    p.clone()
}
