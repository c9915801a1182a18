//! The incremental repeat state against a full regrouping of the same letters,
//! on the annotated eval set `tests/eval/repeats.jsonl` ingested batch by batch
//! in an order that is not the date order (later batches hold older letters,
//! so existing groups are rewired, not only extended).

use chrono::NaiveDate;
use serde::Deserialize;
use xinfang_config::RepeatSettings;
use xinfang_index::repeats::{RepeatInput, RepeatState, StateError};
use xinfang_index::RepeatIndex;
use xinfang_ingest::record::{Letter, Official, Petitioner, Script};

#[derive(Deserialize)]
struct Row {
    id: String,
    date: String,
    text: String,
    petitioner: String,
    accused: Vec<String>,
    village: Option<String>,
}

fn letters() -> Vec<Letter> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/eval/repeats.jsonl");
    let text = std::fs::read_to_string(path).expect("eval set");
    let rows: Vec<Row> =
        text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("row")).collect();
    rows.iter()
        .enumerate()
        .map(|(i, r)| Letter {
            id: r.id.clone(),
            reference: None,
            title: String::new(),
            received: NaiveDate::parse_from_str(&r.date, "%Y-%m-%d").ok(),
            origin: None,
            batch: String::new(),
            town: None,
            village: r.village.clone(),
            petitioners: vec![Petitioner {
                name: r.petitioner.clone(),
                anonymous: r.petitioner == "匿名",
                town: None,
                village: None,
            }],
            accused: r
                .accused
                .iter()
                .map(|n| Official { name: n.clone(), title: String::new(), town: None, village: r.village.clone() })
                .collect(),
            mentioned: Vec::new(),
            topics: Vec::new(),
            disposition: Some(["即时答复", "限时办结", "移送线索"][i % 3].to_string()),
            script: Script::Simplified,
            sources: Vec::new(),
            text: r.text.clone(),
            fields: Default::default(),
            warnings: Vec::new(),
            sensitive: Default::default(),
            parts: Vec::new(),
        })
        .collect()
}

fn inputs(letters: &[Letter]) -> Vec<RepeatInput> {
    let s = RepeatSettings::default();
    letters.iter().map(|l| RepeatInput::of(l, &s)).collect()
}

/// A full regrouping of `letters` under the weights of `like`.
fn full_with_weights_of(letters: &[Letter], like: &RepeatIndex) -> xinfang_index::RepeatAnalysis {
    let mut index = RepeatIndex::new(RepeatSettings::default());
    index.insert_all(letters);
    index.use_weights_of(like);
    index.analyze()
}

/// Letters in a scrambled order (by a hash of the id), labelled with batches:
/// the first 125 form the base, the remaining 27 come in four batches.
fn scrambled() -> Vec<Letter> {
    let mut all = letters();
    all.sort_by_key(|l| l.id.bytes().fold(7u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)));
    for (i, l) in all.iter_mut().enumerate() {
        l.batch = if i < 125 { "base".into() } else { format!("b{}", (i - 125) / 7) };
    }
    all
}

#[test]
fn batches_one_by_one_equal_a_full_regrouping() {
    let all = scrambled();
    assert_eq!(all.len(), 152, "eval set size");
    let mut state = RepeatState::from_letters(&all[..125], RepeatSettings::default());
    let mut so_far: Vec<Letter> = all[..125].to_vec();
    let mut rewired = false;
    for chunk in all[125..].chunks(7) {
        let groups_before: Vec<String> = state.groups().iter().map(|g| g.id.clone()).collect();
        let applied = state.apply(inputs(chunk));
        assert_eq!(applied.changed, chunk.len());
        assert!(!applied.full, "the batch is small: no refresh of the weights");
        assert!(applied.regrouped < state.len(), "only touched groups are rebuilt: {applied:?}");
        so_far.extend(chunk.iter().cloned());
        let incremental = state.analysis();
        assert_eq!(incremental, state.index().analyze(), "same index, full regrouping");
        assert_eq!(incremental, full_with_weights_of(&so_far, state.index()), "fresh index of the same letters");
        // A batch letter older than a group's first letter takes the group over.
        rewired |= groups_before.iter().any(|g| !state.groups().iter().any(|h| &h.id == g));
    }
    assert!(rewired, "some batch letter predates an existing group");
    assert!(!state.groups().is_empty());

    // Re-ingesting changes nothing.
    let before = state.analysis();
    for chunk in all.chunks(40) {
        assert_eq!(state.apply(inputs(chunk)).changed, 0);
    }
    assert_eq!(state.analysis(), before);

    // A changed letter replaces its earlier version: move a group member to other matters.
    let member = state.groups()[0].letter_ids[1].clone();
    let mut changed: Letter = all.iter().find(|l| l.id == member).cloned().expect("member");
    changed.text = "村里的集体土地租给外地老板种果树，一年租金好几万，从来没有公布过，钱去了哪里没人知道。".into();
    changed.accused = Vec::new();
    changed.petitioners[0].name = "匿名".into();
    changed.petitioners[0].anonymous = true;
    let applied = state.apply(inputs(std::slice::from_ref(&changed)));
    assert_eq!(applied.changed, 1);
    for l in &mut so_far {
        if l.id == member {
            *l = changed.clone();
        }
    }
    assert_eq!(state.analysis(), full_with_weights_of(&so_far, state.index()));
    assert_eq!(state.len(), 152);
}

#[test]
fn growth_by_a_quarter_refreshes_the_weights_and_equals_a_fresh_state() {
    let all = scrambled();
    let mut state = RepeatState::from_letters(&all[..100], RepeatSettings::default());
    let applied = state.apply(inputs(&all[100..]));
    assert!(applied.full, "152 letters on 100: the weights are refreshed");
    assert_eq!(state.analysis(), RepeatState::from_letters(&all, RepeatSettings::default()).analysis());
}

#[test]
fn state_round_trips_through_bytes() {
    let all = scrambled();
    let mut state = RepeatState::from_letters(&all[..125], RepeatSettings::default());
    state.apply(inputs(&all[125..140]));
    let bytes = state.to_bytes("commit-7");
    let (back, tag) = RepeatState::from_bytes(&bytes, RepeatSettings::default()).expect("round trip");
    assert_eq!(tag, "commit-7");
    assert_eq!(back.analysis(), state.analysis());
    assert_eq!(back.to_bytes("commit-7"), bytes);
    // The loaded state keeps going incrementally, and agrees with the one that stayed in memory.
    let mut back = back;
    back.apply(inputs(&all[140..]));
    state.apply(inputs(&all[140..]));
    assert_eq!(back.analysis(), state.analysis());
    assert_eq!(back.similar("rp-001", 5), state.similar("rp-001", 5));

    let other = RepeatSettings { min_score: 0.9, ..RepeatSettings::default() };
    assert!(matches!(RepeatState::from_bytes(&bytes, other), Err(StateError::Settings)));
    assert!(RepeatState::from_bytes(&bytes[..bytes.len() - 5], RepeatSettings::default()).is_err());
    assert!(RepeatState::from_bytes(b"XFRS", RepeatSettings::default()).is_err());
}
