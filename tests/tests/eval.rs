//! Extraction quality on the independent labelled evaluation sets in
//! `tests/eval/` (written by hand, apart from the extraction rules). Prints
//! precision, recall and F1 and holds each figure above a floor, so that a
//! change that makes extraction worse fails here. The targets
//! (F1 ≥ 0.95 for officials, petitioners and places; ≥ 0.9 topic accuracy)
//! are printed beside the figures; see BENCHMARKS.md for the latest run.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;
use xinfang_config::Config;
use xinfang_ingest::extract::{ExtractInput, Extractor};
use xinfang_ingest::text::{clean, fold};

fn load(name: &str) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("eval").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("jsonl")).collect()
}

#[derive(Default, Debug)]
struct Score {
    tp: usize,
    predicted: usize,
    truth: usize,
}

impl Score {
    fn add<T: Ord + Clone>(&mut self, predicted: &[T], truth: &[T]) {
        let mut t: Vec<T> = truth.to_vec();
        t.sort();
        t.dedup();
        let mut p: Vec<T> = predicted.to_vec();
        p.sort();
        p.dedup();
        self.tp += p.iter().filter(|x| t.binary_search(x).is_ok()).count();
        self.predicted += p.len();
        self.truth += t.len();
    }
    fn precision(&self) -> f64 {
        if self.predicted == 0 { 1.0 } else { self.tp as f64 / self.predicted as f64 }
    }
    fn recall(&self) -> f64 {
        if self.truth == 0 { 1.0 } else { self.tp as f64 / self.truth as f64 }
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn extractor() -> Extractor {
    Extractor::new(&Config::defaults().expect("config"))
}

fn report(name: &str, s: &Score, target: f64) {
    println!(
        "{name:<22} precision {:.3}  recall {:.3}  F1 {:.3}  (target F1 {target:.2}; tp {} / predicted {} / truth {})",
        s.precision(),
        s.recall(),
        s.f1(),
        s.tp,
        s.predicted,
        s.truth
    );
}

/// The label convention's title for an extracted one: the post held, without
/// 原 (a former post is labelled by the post), a concurrent post (兼) or the
/// unit of a station or office (民政所所长 → 所长); the extractor keeps those.
fn label_title(title: &str) -> String {
    let t = title.strip_prefix('原').unwrap_or(title);
    let t = t.split('兼').next().unwrap_or(t);
    for unit_title in ["副所长", "所长", "副站长", "站长", "副局长", "局长"] {
        if t.ends_with(unit_title) {
            return unit_title.to_string();
        }
    }
    t.to_string()
}

/// Scores of one labelled people-and-places set.
#[derive(Default)]
struct PeopleScores {
    officials: Score,
    official_names: Score,
    petitioners: Score,
    villages: Score,
    towns: Score,
    /// Officials labelled former or with a concurrent post whose flag the
    /// extractor got right, out of those found by name and title.
    flags_right: usize,
    flags_total: usize,
    /// Extracted identity (name, town, village) → the labelled people it
    /// stands for (name, title, place of the post); more than one is a merge
    /// of different people who share a name.
    identities: BTreeMap<(String, String, String), std::collections::BTreeSet<(String, String, String)>>,
}

impl PeopleScores {
    fn merges(&self) -> usize {
        self.identities.values().map(|v| v.len() - 1).sum()
    }
}

/// Runs the extractor over a set, printing each letter's misses and extras
/// (`-` expected but not found, `+` found but not expected).
fn score_people(name: &str) -> (usize, PeopleScores) {
    let ex = extractor();
    let labels = BTreeMap::new();
    let mut s = PeopleScores::default();
    let set = load(name);
    let diff = |got: &[String], want: &[String]| -> Vec<String> {
        let mut out: Vec<String> = want.iter().filter(|w| !got.contains(w)).map(|w| format!("-{w}")).collect();
        out.extend(got.iter().filter(|g| !want.contains(g)).map(|g| format!("+{g}")));
        out.sort();
        out.dedup();
        out
    };
    for l in &set {
        let text = clean(l["text"].as_str().expect("text"));
        let got = ex.extract(&ExtractInput { text: &text, labels: &labels, ledger: None });
        let accused = l["accused"].as_array().expect("accused");
        let truth_off: Vec<(String, String)> = accused
            .iter()
            .map(|a| (fold(a["name"].as_str().unwrap_or_default()), a["title"].as_str().unwrap_or_default().to_string()))
            .collect();
        let got_off: Vec<(String, String)> =
            got.accused.iter().map(|o| (fold(&o.name), label_title(&o.title))).collect();
        s.officials.add(&got_off, &truth_off);
        s.official_names.add(
            &got_off.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
            &truth_off.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
        );
        for o in &got.accused {
            let n = fold(&o.name);
            let Some((_, title)) = truth_off.iter().find(|(t, _)| *t == n) else { continue };
            // A village post sits in the letter's village, a town post in its town.
            let village_post = title.starts_with('村') || title.starts_with("社区");
            let place = if village_post { l["village"].as_str() } else { l["town"].as_str() };
            let key = (n.clone(), o.town.clone().unwrap_or_default(), o.village.clone().unwrap_or_default());
            s.identities.entry(key).or_default().insert((n, title.clone(), place.unwrap_or_default().to_string()));
        }
        for a in accused {
            let former = a["former"].as_bool().unwrap_or(false);
            let concurrent = a.get("other_titles").is_some();
            if !former && !concurrent {
                continue;
            }
            let n = fold(a["name"].as_str().unwrap_or_default());
            if let Some(o) = got.accused.iter().find(|o| fold(&o.name) == n) {
                s.flags_total += 1;
                if o.title.starts_with('原') == former && o.title.contains('兼') == concurrent {
                    s.flags_right += 1;
                }
            }
        }
        let truth_pet: Vec<(String, bool)> = l["petitioners"]
            .as_array()
            .expect("petitioners")
            .iter()
            .map(|p| (fold(p["name"].as_str().unwrap_or_default()), p["anonymous"].as_bool().unwrap_or(false)))
            .collect();
        let got_pet: Vec<(String, bool)> = got.petitioners.iter().map(|p| (fold(&p.name), p.anonymous)).collect();
        s.petitioners.add(&got_pet, &truth_pet);
        let opt = |v: &Value| v.as_str().map(String::from).into_iter().collect::<Vec<_>>();
        let (got_v, got_t) = (got.village.clone().into_iter().collect::<Vec<_>>(), got.town.clone().into_iter().collect::<Vec<_>>());
        s.villages.add(&got_v, &opt(&l["village"]));
        s.towns.add(&got_t, &opt(&l["town"]));

        let show = |v: &[(String, String)]| v.iter().map(|(n, t)| format!("{n}/{t}")).collect::<Vec<_>>();
        let mut errs = diff(&show(&got_off), &show(&truth_off));
        let pet = |v: &[(String, bool)]| v.iter().map(|(n, _)| format!("writer {n}")).collect::<Vec<_>>();
        errs.extend(diff(&pet(&got_pet), &pet(&truth_pet)));
        let place = |t: &[String], v: &[String]| vec![format!("place {}{}", t.join(""), v.join(""))];
        errs.extend(diff(&place(&got_t, &got_v), &place(&opt(&l["town"]), &opt(&l["village"]))));
        if !errs.is_empty() {
            println!("  {}: {}", l["id"].as_str().unwrap_or("?"), errs.join("  "));
        }
    }
    (set.len(), s)
}

fn report_people(name: &str, n: usize, s: &PeopleScores) {
    println!("people and places on {n} letters of {name}:");
    report("officials (name+title)", &s.officials, 0.95);
    report("officials (name)", &s.official_names, 0.95);
    report("petitioners", &s.petitioners, 0.95);
    report("villages", &s.villages, 0.95);
    report("towns", &s.towns, 0.95);
    println!("former / concurrent post flags right: {} of {}", s.flags_right, s.flags_total);
    for (key, people) in s.identities.iter().filter(|(_, v)| v.len() > 1) {
        println!("  merged as {key:?}: {people:?}");
    }
    println!("merges of different people who share a name: {}", s.merges());
}

#[test]
fn people_and_places_quality() {
    let (n, s) = score_people("people_places.jsonl");
    report_people("people_places.jsonl", n, &s);
    // Floors: the figures measured, less a margin. Measured 2026-11-25 before
    // issue 4: officials (name) 0.727, (name+title as the labels write titles)
    // 0.706, petitioners 0.920, villages 0.987, towns 1.000. After: 1.000,
    // 0.996, 1.000, 0.997, 1.000, no merges.
    assert!(s.official_names.f1() >= 0.98, "officials F1 fell to {:.3}", s.official_names.f1());
    assert!(s.officials.f1() >= 0.97, "officials (name+title) F1 fell to {:.3}", s.officials.f1());
    assert!(s.petitioners.f1() >= 0.98, "petitioners F1 fell to {:.3}", s.petitioners.f1());
    assert!(s.villages.f1() >= 0.97, "villages F1 fell to {:.3}", s.villages.f1());
    assert!(s.towns.f1() >= 0.98, "towns F1 fell to {:.3}", s.towns.f1());
    assert!(s.flags_right * 10 >= s.flags_total * 9, "former / concurrent flags: {} of {}", s.flags_right, s.flags_total);
    assert_eq!(s.merges(), 0, "different people who share a name were merged");
}

/// The held-out set (`tests/eval/people_heldout.jsonl`, see the README),
/// scored apart so that rules fitted to the main set show up as a gap.
#[test]
fn people_and_places_heldout() {
    let (n, s) = score_people("people_heldout.jsonl");
    report_people("people_heldout.jsonl", n, &s);
    // Measured 2026-11-25 on ho-001..046 before issue 4: officials (name) 0.873,
    // (name+title) 0.836, petitioners 0.970, villages 1.000, towns 1.000.
    // After, on all 74 letters: 1.000 everywhere, no merges (ho-063..074 scored
    // 0.995 officials and 0.982 petitioners when first run).
    assert!(s.official_names.f1() >= 0.98, "held-out officials F1 fell to {:.3}", s.official_names.f1());
    assert!(s.officials.f1() >= 0.98, "held-out officials (name+title) F1 fell to {:.3}", s.officials.f1());
    assert!(s.petitioners.f1() >= 0.98, "held-out petitioners F1 fell to {:.3}", s.petitioners.f1());
    assert!(s.villages.f1() >= 0.98, "held-out villages F1 fell to {:.3}", s.villages.f1());
    assert!(s.towns.f1() >= 0.98, "held-out towns F1 fell to {:.3}", s.towns.f1());
    assert_eq!(s.merges(), 0, "different people who share a name were merged");
}

/// Extraction speed on the people letters: one pass always (every letter
/// yields a writer, named or anonymous); with `XF_EXTRACT_TIMING=1`, 50
/// passes timed and printed (run with `--release` or the optimised test
/// profile for a meaningful figure).
#[test]
fn people_extraction_speed() {
    let ex = extractor();
    let labels = BTreeMap::new();
    let mut texts: Vec<String> = load("people_places.jsonl")
        .iter()
        .chain(load("people_heldout.jsonl").iter())
        .map(|l| clean(l["text"].as_str().expect("text")))
        .collect();
    texts.retain(|t| !t.is_empty());
    for t in &texts {
        let got = ex.extract(&ExtractInput { text: t, labels: &labels, ledger: None });
        assert!(!got.petitioners.is_empty(), "no writer for {t}");
    }
    if std::env::var_os("XF_EXTRACT_TIMING").is_none() {
        return;
    }
    let rounds = 50;
    let bytes: usize = texts.iter().map(String::len).sum();
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        for t in &texts {
            std::hint::black_box(ex.extract(&ExtractInput { text: t, labels: &labels, ledger: None }));
        }
    }
    let per_letter = start.elapsed().as_secs_f64() * 1e6 / (rounds * texts.len()) as f64;
    let kb = bytes as f64 / texts.len() as f64 / 1024.0;
    println!(
        "extract: {per_letter:.1} µs per letter ({kb:.2} KB average, {:.1} µs per KB) over {} letters × {rounds}",
        per_letter / kb,
        texts.len()
    );
}

/// Main-topic accuracy on one labelled set, with a confusion summary: the
/// most frequent (labelled → predicted) pairs and every miss by id, so that a
/// rule change shows which error classes it fixed or caused.
fn topic_set_accuracy(ex: &Extractor, name: &str) -> f64 {
    let labels = BTreeMap::new();
    let set = load(name);
    let mut right = 0;
    let mut confusion: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for l in &set {
        let text = clean(l["text"].as_str().expect("text"));
        let got = ex.extract(&ExtractInput { text: &text, labels: &labels, ledger: None });
        let want = l["topic"].as_str().expect("topic").to_string();
        let main = got.topics.first().cloned().unwrap_or_default();
        if main == want {
            right += 1;
        } else {
            let id = l["id"].as_str().unwrap_or("?").to_string();
            confusion.entry((want, main)).or_default().push(id);
        }
    }
    let acc = right as f64 / set.len() as f64;
    println!("{name}: main topic accuracy {acc:.3} on {} letters (target 0.90)", set.len());
    let mut worst: Vec<_> = confusion.into_iter().collect();
    worst.sort_by(|a, b| b.1.len().cmp(&a.1.len()));
    for ((want, got), ids) in &worst {
        println!("  labelled {want} → predicted {got}: {} ({})", ids.len(), ids.join(" "));
    }
    acc
}

#[test]
fn topic_accuracy() {
    let ex = extractor();
    let acc = topic_set_accuracy(&ex, "topics.jsonl");
    // The held-out set (`topics_heldout.jsonl`) was written before the
    // failures above were read and is never used to tune the rules: it shows
    // how far the rules generalise beyond the evaluation letters.
    let held = topic_set_accuracy(&ex, "topics_heldout.jsonl");
    // Measured 2026-11-25: 0.689 before the position weights and the richer
    // lexicon (held-out 0.462), 0.961 after (held-out 0.987; the held-out
    // letters and the lexicon share an author, so that figure is optimistic).
    assert!(acc >= 0.94, "topic accuracy fell to {acc:.3}");
    assert!(held >= 0.96, "held-out topic accuracy fell to {held:.3}");
}
