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

#[test]
fn people_and_places_quality() {
    let ex = extractor();
    let labels = BTreeMap::new();
    let (mut officials, mut official_names, mut petitioners, mut villages, mut towns) =
        (Score::default(), Score::default(), Score::default(), Score::default(), Score::default());
    let set = load("people_places.jsonl");
    for l in &set {
        let text = clean(l["text"].as_str().expect("text"));
        let got = ex.extract(&ExtractInput { text: &text, labels: &labels, ledger: None });
        let truth_off: Vec<(String, String)> = l["accused"]
            .as_array()
            .expect("accused")
            .iter()
            .map(|a| (a["name"].as_str().unwrap_or_default().to_string(), a["title"].as_str().unwrap_or_default().to_string()))
            .collect();
        let got_off: Vec<(String, String)> = got.accused.iter().map(|o| (fold(&o.name), o.title.clone())).collect();
        officials.add(&got_off, &truth_off);
        official_names.add(
            &got_off.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
            &truth_off.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
        );
        let truth_pet: Vec<(String, bool)> = l["petitioners"]
            .as_array()
            .expect("petitioners")
            .iter()
            .map(|p| (p["name"].as_str().unwrap_or_default().to_string(), p["anonymous"].as_bool().unwrap_or(false)))
            .collect();
        let got_pet: Vec<(String, bool)> = got.petitioners.iter().map(|p| (fold(&p.name), p.anonymous)).collect();
        petitioners.add(&got_pet, &truth_pet);
        let opt = |v: &Value| v.as_str().map(String::from).into_iter().collect::<Vec<_>>();
        villages.add(&got.village.clone().into_iter().collect::<Vec<_>>(), &opt(&l["village"]));
        towns.add(&got.town.clone().into_iter().collect::<Vec<_>>(), &opt(&l["town"]));
    }
    println!("people and places on {} letters:", set.len());
    report("officials (name+title)", &officials, 0.95);
    report("officials (name)", &official_names, 0.95);
    report("petitioners", &petitioners, 0.95);
    report("villages", &villages, 0.95);
    report("towns", &towns, 0.95);
    // Floors: the figures measured when this test was written, less a margin.
    // Measured 2026-11-25: officials (name) 0.727, (name+title) 0.626, petitioners 0.920,
    // villages 0.987, towns 1.000.
    assert!(official_names.f1() >= 0.69, "officials F1 fell to {:.3}", official_names.f1());
    assert!(officials.f1() >= 0.59, "officials (name+title) F1 fell to {:.3}", officials.f1());
    assert!(petitioners.f1() >= 0.89, "petitioners F1 fell to {:.3}", petitioners.f1());
    assert!(villages.f1() >= 0.95, "villages F1 fell to {:.3}", villages.f1());
    assert!(towns.f1() >= 0.97, "towns F1 fell to {:.3}", towns.f1());
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
