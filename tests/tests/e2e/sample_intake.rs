//! The sample intake, ingested whole.

use std::collections::BTreeMap;

use xinfang_index::SearchRequest;
use xinfang_ingest::{letter_id, Script};

use crate::support::{count, ids, shared, truth};

#[test]
fn every_letter_is_ingested_once_with_no_errors() {
    let s = shared();
    let t = truth();
    for summary in &s.summaries {
        assert_eq!(summary.files_failed, 0, "{:?}", summary.errors);
        assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    }
    let by_batch = &t["counts"]["by_batch"];
    for summary in &s.summaries {
        let want = by_batch[&summary.batch].as_u64().expect("batch count") as usize;
        assert_eq!(summary.letters_added, want, "batch {}", summary.batch);
    }
    assert_eq!(s.archive.num_letters(), t["counts"]["letters"].as_u64().expect("letters"));
    let files: usize = s.summaries.iter().map(|x| x.files_ingested).sum();
    // Ledgers are files too.
    assert_eq!(files as u64, t["counts"]["files"].as_u64().expect("files") + t["ledgers"].as_array().expect("ledgers").len() as u64);
}

#[test]
fn ledger_rows_and_letter_files_merge_into_one_letter() {
    let s = shared();
    let mut merged = 0;
    for l in truth()["letters"].as_array().expect("letters") {
        let Some(reference) = l["ref"].as_str() else { continue };
        let id = letter_id(&format!("ref:{reference}"));
        let letter = s.archive.letter(&id).expect("lookup").unwrap_or_else(|| panic!("{reference} missing"));
        let want: Vec<(String, String, Option<String>, Option<u64>)> = l["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|x| {
                (
                    x["path"].as_str().expect("path").rsplit_once('/').map(|(_, n)| n).unwrap_or_default().to_string(),
                    x["kind"].as_str().expect("kind").to_string(),
                    x["sheet"].as_str().map(String::from),
                    x["row"].as_u64(),
                )
            })
            .collect();
        let got: Vec<(String, String, Option<String>, Option<u64>)> = letter
            .sources
            .iter()
            .map(|x| {
                (
                    x.path.rsplit('/').next().unwrap_or_default().to_string(),
                    serde_json::to_value(x.kind).expect("kind").as_str().expect("kind").to_string(),
                    x.sheet.clone(),
                    x.row.map(u64::from),
                )
            })
            .collect();
        let mut want_sorted = want.clone();
        want_sorted.sort();
        let mut got_sorted = got.clone();
        got_sorted.sort();
        assert_eq!(got_sorted, want_sorted, "{reference}");
        if want.len() > 1 {
            merged += 1;
        }
        // The ledger gives the metadata.
        if let Some(received) = l["received"].as_str() {
            if l["origin"] == "forwarded" {
                assert_eq!(letter.received.map(|d| d.to_string()).as_deref(), Some(received), "{reference}");
            }
        }
        assert_eq!(letter.origin.map(|o| o.as_str()), l["origin"].as_str(), "{reference}");
        assert_eq!(letter.batch, l["batch"].as_str().expect("batch"), "{reference}");
    }
    assert_eq!(merged as u64, truth()["counts"]["ledger_rows_with_file"].as_u64().expect("with file"));
}

#[test]
fn every_encoding_decodes_cleanly() {
    let s = shared();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for l in truth()["letters"].as_array().expect("letters") {
        let Some(enc) = l["encoding"].as_str() else { continue };
        let Some(path) = l["sources"].as_array().and_then(|v| v.iter().find(|x| x["kind"] != "ledger_row")).and_then(|x| x["path"].as_str()) else {
            continue;
        };
        let hits = s
            .archive
            .all_letters()
            .expect("letters")
            .into_iter()
            .filter(|x| x.sources.iter().any(|src| path.ends_with(&src.path)))
            .collect::<Vec<_>>();
        assert_eq!(hits.len(), 1, "{path}");
        let letter = &hits[0];
        assert!(!letter.text.contains('\u{FFFD}'), "{path} ({enc}) holds replacement characters");
        assert!(letter.warnings.is_empty(), "{path}: {:?}", letter.warnings);
        let script = if l["script"] == "traditional" { Script::Traditional } else { Script::Simplified };
        assert_eq!(letter.script, script, "{path} ({enc})");
        // Names come out right: the accused official's name is in the text (folded).
        if let Some(name) = l["accused"].as_array().and_then(|a| a.first()).and_then(|a| a["name"].as_str()) {
            assert!(xinfang_ingest::text::fold(&letter.text).contains(name), "{path} ({enc}) lacks {name}");
        }
        *seen.entry(enc.to_string()).or_default() += 1;
    }
    for enc in ["utf-8", "gbk", "big5", "utf-16le"] {
        assert!(seen.get(enc).copied().unwrap_or(0) > 0, "no {enc} letter checked: {seen:?}");
    }
}

#[test]
fn either_script_finds_the_same_letters() {
    let a = &shared().archive;
    for (simplified, traditional) in [
        ("征地补偿", "徵地補償"),
        ("村党支部书记", "村黨支部書記"),
        ("换届选举", "換屆選舉"),
        ("低保", "低保"),
        ("危房改造", "危房改造"),
        ("村委会主任 截留", "村委會主任 截留"),
    ] {
        let s = ids(a, SearchRequest { q: simplified.into(), ..Default::default() });
        assert!(!s.is_empty(), "{simplified} finds nothing");
        assert_eq!(s, ids(a, SearchRequest { q: traditional.into(), ..Default::default() }), "{simplified}");
    }
    // A traditional letter is found by a simplified query of its accused official.
    let trad = truth()["letters"]
        .as_array()
        .expect("letters")
        .iter()
        .filter(|l| l["script"] == "traditional")
        .filter_map(|l| l["accused"].as_array()?.first()?["name"].as_str().map(String::from))
        .collect::<Vec<_>>();
    assert!(!trad.is_empty());
    for name in trad {
        assert!(count(a, SearchRequest { q: name.clone(), ..Default::default() }) > 0, "{name}");
    }
}

#[test]
fn village_and_town_filters_agree_with_the_truth() {
    let a = &shared().archive;
    let mut by_village: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_town: BTreeMap<String, usize> = BTreeMap::new();
    for l in truth()["letters"].as_array().expect("letters") {
        if let Some(v) = l["village"].as_str() {
            *by_village.entry(v.to_string()).or_default() += 1;
        }
        if let Some(t) = l["town"].as_str() {
            *by_town.entry(t.to_string()).or_default() += 1;
        }
    }
    let mut exact = 0;
    for (v, n) in &by_village {
        let got = count(a, SearchRequest { village: Some(v.clone()), ..Default::default() });
        if got == *n {
            exact += 1;
        } else {
            eprintln!("village {v}: truth {n}, archive {got}");
        }
    }
    assert!(exact * 100 >= by_village.len() * 90, "{exact} of {} villages exact", by_village.len());
    for (t, n) in &by_town {
        let got = count(a, SearchRequest { town: Some(t.clone()), ..Default::default() });
        assert!(got.abs_diff(*n) * 20 <= *n, "town {t}: truth {n}, archive {got}");
    }
}

#[test]
fn person_filter_finds_a_person_in_any_role() {
    let a = &shared().archive;
    let t = truth();
    // Two officials called 王建华 in different villages: the person filter finds both, the village narrows.
    let officials = t["same_name"]["officials"].as_array().expect("same-name officials");
    let name = officials[0]["name"].as_str().expect("name");
    let all = count(a, SearchRequest { person: Some(name.into()), ..Default::default() });
    let mut sum = 0;
    for o in officials {
        let v = o["village"].as_str().expect("village");
        let n = count(a, SearchRequest { person: Some(name.into()), village: Some(v.into()), ..Default::default() });
        assert!(n > 0, "{name} in {v}");
        sum += n;
    }
    assert!(all >= sum && sum > 0);
    // A real-name petitioner is found by name.
    let petitioner = t["letters"]
        .as_array()
        .expect("letters")
        .iter()
        .filter(|l| l["origin"] == "local")
        .find_map(|l| l["petitioners"].as_array()?.iter().find(|p| p["anonymous"] == false)?["name"].as_str().map(String::from))
        .expect("a named petitioner");
    assert!(count(a, SearchRequest { person: Some(petitioner.clone()), ..Default::default() }) > 0, "{petitioner}");
}

#[test]
fn month_facets_match_received_dates() {
    let a = &shared().archive;
    let res = a.search(&SearchRequest { limit: 1, ..Default::default() }).expect("search");
    let facet_sum: u64 = res.facets.month.values().sum();
    assert_eq!(facet_sum as usize, res.total, "every letter in exactly one month bucket");
    let origin: u64 = res.facets.origin.values().sum();
    assert_eq!(origin as usize, res.total);
    assert_eq!(res.facets.origin.get("forwarded").copied(), truth()["counts"]["by_origin"]["forwarded"].as_u64());
    let unknown = res.facets.month.get("unknown").copied().unwrap_or(0);
    assert!(unknown * 20 <= res.total as u64, "{unknown} letters without a date");
}

#[test]
fn reingesting_the_intake_adds_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = xinfang_index::Archive::open(dir.path(), crate::support::config()).expect("open");
    let first = crate::support::ingest_samples(&archive);
    let before = archive.num_letters();
    let again = crate::support::ingest_samples(&archive);
    for (f, a) in first.iter().zip(&again) {
        assert_eq!(a.letters_added, 0, "{}", a.batch);
        assert_eq!(a.letters_updated, 0, "{}", a.batch);
        assert_eq!(a.files_ingested, 0, "{}", a.batch);
        assert_eq!(a.files_unchanged, f.files_ingested, "{}", a.batch);
    }
    assert_eq!(archive.num_letters(), before);
    // Batches are recorded once per label.
    let batches = archive.batches().expect("batches");
    assert_eq!(batches.len(), 3);
    assert_eq!(batches.iter().map(|b| b.letters).sum::<u64>(), before);
}

#[test]
fn topic_counts_match_the_truth_and_the_election_surge_is_alerted() {
    let a = &shared().archive;
    let t = truth();
    let counts = a.topic_counts(None, None).expect("topic counts");
    let mut agree = 0;
    let by_topic = t["counts"]["by_topic"].as_object().expect("by_topic");
    for (label, n) in by_topic {
        let got = counts.iter().find(|c| &c.label == label).map(|c| c.main).unwrap_or(0);
        if got as u64 == n.as_u64().expect("count") {
            agree += 1;
        } else {
            eprintln!("topic {label}: truth {n}, archive {got}");
        }
    }
    assert!(agree * 10 >= by_topic.len() * 8, "{agree} of {} topics exact", by_topic.len());
    let trends = a
        .trends(&xinfang_index::TrendRequest { by: xinfang_index::TrendBy::Topic, ..Default::default() })
        .expect("trends");
    let surge = t["surge"]["topic"].as_str().expect("surge topic");
    assert!(
        trends.alerts.iter().any(|al| al.key == surge && al.period == "2019-04"),
        "no alert for {surge} in 2019-04: {:?}",
        trends.alerts
    );
}

#[test]
fn repeats_are_grouped_oldest_first_and_point_backwards() {
    let a = &shared().archive;
    let answer = a.repeats(None, None, None).expect("repeats");
    assert!(!answer.groups.is_empty());
    let date_of = |id: &str| a.letter(id).expect("lookup").and_then(|l| l.received);
    for g in &answer.groups {
        assert!(g.letter_ids.len() >= 2, "{g:?}");
        // Dated letters oldest first; a letter without a date cannot be placed and goes last.
        let dates: Vec<_> = g.letter_ids.iter().map(|id| date_of(id)).collect();
        let dated: Vec<_> = dates.iter().take_while(|d| d.is_some()).collect();
        assert!(dated.windows(2).all(|w| w[0] <= w[1]), "{g:?} not oldest first");
        assert!(dates[dated.len()..].iter().all(|d| d.is_none()), "{g:?}: undated letter before a dated one");
    }
    for l in &answer.letters {
        assert!(!l.repeat_of.is_empty());
        for earlier in &l.repeat_of {
            if let (Some(e), Some(d)) = (date_of(earlier), date_of(&l.id)) {
                assert!(e <= d, "{} repeats a later letter", l.id);
            }
        }
    }
    // Truth: planted repeat groups; most must be found as groups.
    let planted = truth()["repeat_groups"].as_array().expect("groups").len();
    assert!(answer.groups.len() * 2 >= planted, "{} groups found of {planted} planted", answer.groups.len());
    let batch = a.repeats(Some("2019Q2"), None, None).expect("batch repeats");
    assert!(batch.batch.is_some());
    assert!(batch.letters.iter().all(|l| answer.letters.iter().any(|x| x.id == l.id)));
}

/// Our letter id for each truth key (`L001` …), matched by reference number
/// or, for letters without one, by source file name.
fn ids_by_truth_key() -> BTreeMap<String, String> {
    let a = &shared().archive;
    let letters = a.all_letters().expect("letters");
    let mut by_file: BTreeMap<String, String> = BTreeMap::new();
    for l in &letters {
        for s in &l.sources {
            by_file.insert(s.path.rsplit('/').next().unwrap_or_default().to_string(), l.id.clone());
        }
    }
    let mut out = BTreeMap::new();
    for t in truth()["letters"].as_array().expect("letters") {
        let key = t["key"].as_str().expect("key").to_string();
        let id = match t["ref"].as_str() {
            Some(r) => Some(letter_id(&format!("ref:{r}"))),
            None => t["sources"].as_array().and_then(|s| s.first()).and_then(|s| s["path"].as_str()).and_then(|p| {
                by_file.get(p.rsplit('/').next().unwrap_or_default()).cloned()
            }),
        };
        if let Some(id) = id {
            out.insert(key, id);
        }
    }
    out
}

#[test]
fn repeat_pairs_and_new_issues_match_the_planted_groups() {
    let a = &shared().archive;
    let ids = ids_by_truth_key();
    let answer = a.repeats(None, None, None).expect("repeats");
    let pairs_of = |groups: &[Vec<String>]| -> std::collections::BTreeSet<(String, String)> {
        let mut out = std::collections::BTreeSet::new();
        for g in groups {
            for (i, x) in g.iter().enumerate() {
                for y in &g[i + 1..] {
                    out.insert(if x < y { (x.clone(), y.clone()) } else { (y.clone(), x.clone()) });
                }
            }
        }
        out
    };
    let planted: Vec<Vec<String>> = truth()["repeat_groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| {
            g["letters"].as_array().expect("letters").iter().filter_map(|k| ids.get(k.as_str()?).cloned()).collect()
        })
        .collect();
    let found: Vec<Vec<String>> = answer.groups.iter().map(|g| g.letter_ids.clone()).collect();
    let (want, got) = (pairs_of(&planted), pairs_of(&found));
    let hit = want.intersection(&got).count() as f64;
    let precision = hit / got.len().max(1) as f64;
    let recall = hit / want.len().max(1) as f64;
    // New issue: every later letter of a planted group that was found as a repeat.
    let mut right = 0;
    let mut judged = 0;
    for g in truth()["repeat_groups"].as_array().expect("groups") {
        let new: Vec<&str> = g["new_issue_letters"].as_array().expect("new").iter().filter_map(|k| k.as_str()).collect();
        for k in g["letters"].as_array().expect("letters").iter().skip(1).filter_map(|k| k.as_str()) {
            let Some(id) = ids.get(k) else { continue };
            let Some(l) = answer.letters.iter().find(|l| &l.id == id) else { continue };
            judged += 1;
            if l.new_issue == new.contains(&k) {
                right += 1;
            } else {
                println!("  {k}: planted new issue {}, found {}: {:?}", new.contains(&k), l.new_issue, l.what_is_new);
            }
        }
    }
    let accuracy = right as f64 / judged.max(1) as f64;
    println!(
        "sample intake repeats: pair precision {precision:.3}, recall {recall:.3} ({} planted pairs, {} found); \
         new-issue accuracy {accuracy:.3} ({right}/{judged})",
        want.len(),
        got.len()
    );
    // Measured: precision 0.926, recall 1.000, new-issue accuracy 0.800 (16/20).
    assert!(precision >= 0.90, "pair precision {precision:.3}");
    assert!(recall >= 0.95, "pair recall {recall:.3}");
    assert!(accuracy >= 0.75, "new-issue accuracy {accuracy:.3}");
}
