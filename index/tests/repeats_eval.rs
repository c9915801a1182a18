//! Quality of the repeat engine on the independently annotated set
//! `tests/eval/repeats.jsonl` (see tests/eval/README.md).
//!
//! Pairs of letters in the same annotated group are positives; a predicted pair
//! is two letters in the same predicted group. New-issue accuracy is measured
//! over the letters the annotator marks as repeats (every group member after the
//! first). Run with `--nocapture` to see the numbers and the errors.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Deserialize;
use xinfang_config::RepeatSettings;
use xinfang_index::RepeatIndex;
use xinfang_ingest::record::{Letter, Official, Petitioner, Script};

#[derive(Deserialize)]
struct Row {
    id: String,
    group: String,
    date: String,
    text: String,
    petitioner: String,
    accused: Vec<String>,
    village: Option<String>,
    new_issue: bool,
}

fn rows() -> Vec<Row> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/eval/repeats.jsonl");
    let text = std::fs::read_to_string(path).expect("eval set");
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("row")).collect()
}

fn to_letter(r: &Row, gazetteer: &xinfang_config::Gazetteer) -> Letter {
    let anonymous = r.petitioner == "匿名";
    Letter {
        id: r.id.clone(),
        reference: None,
        title: String::new(),
        received: NaiveDate::parse_from_str(&r.date, "%Y-%m-%d").ok(),
        origin: None,
        batch: r.date[..4].to_string(),
        town: r.village.as_deref().and_then(|v| gazetteer.town_of_village(v)).map(|t| t.name.clone()),
        village: r.village.clone(),
        petitioners: vec![Petitioner { name: r.petitioner.clone(), anonymous, town: None, village: None }],
        accused: r
            .accused
            .iter()
            .map(|n| Official { name: n.clone(), title: String::new(), town: None, village: r.village.clone() })
            .collect(),
        mentioned: Vec::new(),
        topics: Vec::new(),
        disposition: None,
        script: Script::Simplified,
        sources: Vec::new(),
        text: r.text.clone(),
        fields: Default::default(),
        warnings: Vec::new(),
        sensitive: Default::default(),
        parts: Vec::new(),
    }
}

fn pairs_of(groups: impl Iterator<Item = Vec<String>>) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for g in groups {
        for i in 0..g.len() {
            for j in i + 1..g.len() {
                let (a, b) = if g[i] < g[j] { (&g[i], &g[j]) } else { (&g[j], &g[i]) };
                out.insert((a.clone(), b.clone()));
            }
        }
    }
    out
}

#[test]
fn repeats_eval() {
    let rows = rows();
    let config = xinfang_config::Config::defaults().expect("config");
    let letters: Vec<Letter> = rows.iter().map(|r| to_letter(r, &config.gazetteer)).collect();
    let mut index = RepeatIndex::new(RepeatSettings::default());
    index.insert_all(&letters);
    let analysis = index.analyze();

    let mut truth_groups: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for r in &rows {
        truth_groups.entry(&r.group).or_default().push(r.id.clone());
    }
    let truth = pairs_of(truth_groups.values().cloned());
    let predicted = pairs_of(analysis.groups.iter().map(|g| g.letter_ids.clone()));
    let tp = predicted.intersection(&truth).count();
    let precision = if predicted.is_empty() { 0.0 } else { tp as f64 / predicted.len() as f64 };
    let recall = tp as f64 / truth.len() as f64;
    let group_of: BTreeMap<&str, &str> = rows.iter().map(|r| (r.id.as_str(), r.group.as_str())).collect();
    for (a, b) in predicted.difference(&truth) {
        println!("false pair: {a} ({}) ~ {b} ({})", group_of[a.as_str()], group_of[b.as_str()]);
    }
    for (a, b) in truth.difference(&predicted) {
        let why = index.explain(a, b).map(|(m, _)| (m.score, m.reasons.iter().map(|r| r.text.clone()).collect::<Vec<_>>()));
        println!("missed pair: {a} ~ {b} ({}) {why:?}", group_of[a.as_str()]);
    }

    // The strongest non-repeat pairs, to see the margin.
    let mut near: Vec<(f64, String)> = Vec::new();
    for (i, a) in rows.iter().enumerate() {
        for b in &rows[i + 1..] {
            if a.group == b.group {
                continue;
            }
            if let Some((m, _)) = index.explain(&a.id, &b.id) {
                if m.score >= 0.6 {
                    near.push((m.score, format!("{} ({}) ~ {} ({}): {:?}", a.id, a.group, b.id, b.group, m.reasons.iter().map(|r| r.text.clone()).collect::<Vec<_>>())));
                }
            }
        }
    }
    near.sort_by(|x, y| y.0.partial_cmp(&x.0).unwrap_or(std::cmp::Ordering::Equal));
    for (s, d) in near.iter().take(12) {
        println!("near miss {s:.3}: {d}");
    }

    // New issue over the annotated repeat letters (group members after the first).
    let mut firsts: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    for r in &rows {
        let e = firsts.entry(&r.group).or_insert((&r.date, &r.id));
        if (r.date.as_str(), r.id.as_str()) < *e {
            *e = (&r.date, &r.id);
        }
    }
    let mut judged = 0;
    let mut right = 0;
    for r in &rows {
        if firsts[r.group.as_str()].1 == r.id {
            continue;
        }
        judged += 1;
        let got = analysis.letter(&r.id);
        let predicted_new = got.is_some_and(|l| l.new_issue);
        if predicted_new == r.new_issue {
            right += 1;
        } else {
            println!(
                "new_issue {}: annotated {}, predicted {} {:?}",
                r.id,
                r.new_issue,
                predicted_new,
                got.map(|l| &l.what_is_new)
            );
        }
    }
    let new_issue_accuracy = right as f64 / judged as f64;
    println!(
        "repeats eval: {} letters, {} truth pairs, {} predicted, {} true; pair precision {:.3}, recall {:.3}; \
         new-issue accuracy {:.3} ({right}/{judged})",
        rows.len(),
        truth.len(),
        predicted.len(),
        tp,
        precision,
        recall,
        new_issue_accuracy
    );
    // Measured: precision 1.000, recall 0.950, new-issue accuracy 0.924 (73/79).
    assert!(precision >= 0.97, "pair precision {precision:.3}");
    assert!(recall >= 0.94, "pair recall {recall:.3}");
    assert!(new_issue_accuracy >= 0.9, "new-issue accuracy {new_issue_accuracy:.3}");
}
