//! Hand-written cases for each rule of the repeat engine.

use chrono::NaiveDate;
use xinfang_config::RepeatSettings;
use xinfang_ingest::record::{Letter, Official, Petitioner, Script};

use super::*;

pub(crate) fn letter(id: &str, date: &str, petitioner: &str, accused: &[&str], village: &str, text: &str) -> Letter {
    Letter {
        id: id.into(),
        reference: None,
        title: String::new(),
        received: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        origin: None,
        batch: "2020Q1".into(),
        town: Some("石桥镇".into()),
        village: Some(village.into()),
        petitioners: vec![Petitioner {
            name: petitioner.into(),
            anonymous: petitioner == "匿名",
            town: None,
            village: None,
        }],
        accused: accused
            .iter()
            .map(|n| Official { name: (*n).into(), title: String::new(), town: None, village: Some(village.into()) })
            .collect(),
        mentioned: Vec::new(),
        topics: Vec::new(),
        disposition: None,
        script: Script::Simplified,
        sources: Vec::new(),
        text: text.into(),
        fields: Default::default(),
        warnings: Vec::new(),
        sensitive: Default::default(),
        parts: Vec::new(),
    }
}

fn index_of(letters: &[Letter]) -> RepeatIndex {
    let mut idx = RepeatIndex::new(RepeatSettings::default());
    // Unrelated background letters give the rarity weights something to work with.
    for (i, t) in BACKGROUND.iter().enumerate() {
        idx.insert(&letter(&format!("bg-{i}"), "2018-01-01", "匿名", &[], "背景村", t));
    }
    idx.insert_all(letters);
    idx
}

const BACKGROUND: &[&str] = &[
    "村里的路修了一半就停了，说是没钱了，可钱早就拨下来了。",
    "镇上的垃圾都拉到我们村的山沟里倒，夏天臭得人睡不着觉。",
    "村里的集体土地租给外地老板种果树，一年租金好几万，从来没有公布过。",
    "去年发的救灾款，我们组一户都没领到，名单上却有我们的名字。",
    "选举的时候有人挨家挨户送烟送酒，让大家投他的票。",
    "村里的账从来不公开，问会计他说账本丢了。",
];

const LOW: &str = "尊敬的县纪委领导：\n我叫张三，是柳河村的村民。\n我家的低保去年突然被取消了，可同村条件比我家好的都还在吃低保。\n王书记让我们在领取单上签字，说是上面补发的保障金，实际上一分钱都没拿到手。\n请求上级依纪依法处理。\n此致\n敬礼\n举报人：张三\n电话：13812345678";
const LOW_AGAIN: &str = "县纪委信访室：\n我是柳河村村民张三。\n之前反映的问题没人管，他现在更加嚣张了。\n王支书让我们在领取单上签字，说是上面补发的保障金，实际上一分钱都没拿到手。\n另外，我家的低保去年突然被取消了，同村条件比我家好的都还在吃。\n恳请调查处理。\n张三";
const ROAD: &str = "村里修的通组水泥路，说好厚二十公分，实际不到十公分，修好不到一年就烂了，包工程的是他的表哥。";

#[test]
fn same_petitioner_and_official_is_a_repeat_with_reasons() {
    let a = letter("a", "2020-01-01", "张三", &["王建华"], "柳河村", LOW);
    let mut b = letter("b", "2020-03-01", "张三", &["王建华"], "柳河村", LOW_AGAIN);
    b.disposition = None;
    let mut a2 = a.clone();
    a2.disposition = Some("限时办结".into());
    let idx = index_of(&[a2, b]);
    let an = idx.analyze();
    assert_eq!(an.groups.len(), 1);
    assert_eq!(an.groups[0].letter_ids, vec!["a", "b"]);
    let l = an.letter("b").expect("b is a repeat");
    assert_eq!(l.repeat_of, vec!["a"]);
    assert!(!l.new_issue, "{:?}", l.what_is_new);
    assert_eq!(l.earlier_disposition.as_deref(), Some("限时办结"));
    let kinds: Vec<&str> = l.reasons.iter().map(|r| r.kind.as_str()).collect();
    assert!(kinds.contains(&"same_petitioner") && kinds.contains(&"same_accused"), "{kinds:?}");
    assert!(l.reasons.iter().any(|r| r.text.contains("王建华")));
}

#[test]
fn same_name_in_another_village_is_another_person() {
    let a = letter("a", "2020-01-01", "张三", &["王建华"], "柳河村", LOW);
    let b = letter("b", "2020-03-01", "张三", &["王建华"], "龙泉村", ROAD);
    let idx = index_of(&[a, b]);
    assert!(idx.analyze().groups.is_empty());
}

#[test]
fn different_petitioners_same_village_different_matter_are_not_repeats() {
    let a = letter("a", "2020-01-01", "张三", &["王建华"], "柳河村", LOW);
    let b = letter("b", "2020-03-01", "李四", &["赵六"], "柳河村", ROAD);
    let idx = index_of(&[a, b]);
    assert!(idx.analyze().groups.is_empty());
}

#[test]
fn same_official_unrelated_matter_by_someone_else_is_not_a_repeat() {
    let a = letter("a", "2020-01-01", "张三", &["王建华"], "柳河村", LOW);
    let b = letter("b", "2020-03-01", "李四", &["王建华"], "柳河村", ROAD);
    let idx = index_of(&[a, b]);
    assert!(idx.analyze().groups.is_empty());
}

#[test]
fn anonymous_letters_match_on_text_and_accused_never_on_the_empty_petitioner() {
    // Same matter, both anonymous: matched through the official and the text.
    let a = letter("a", "2020-01-01", "匿名", &["王建华"], "柳河村", LOW);
    let b = letter("b", "2020-03-01", "匿名", &["王建华"], "柳河村", LOW_AGAIN);
    // Anonymous, same village, other matter and official: nothing.
    let c = letter("c", "2020-04-01", "匿名", &["赵六"], "柳河村", ROAD);
    let idx = index_of(&[a, b, c]);
    let an = idx.analyze();
    assert_eq!(an.groups.len(), 1, "{:?}", an.matches);
    assert_eq!(an.groups[0].letter_ids, vec!["a", "b"]);
    let l = an.letter("b").expect("repeat");
    assert!(l.reasons.iter().all(|r| r.kind != "same_petitioner"));
}

#[test]
fn ledger_summary_matches_the_full_letter_it_summarises() {
    let a = letter("a", "2020-01-01", "匿名", &["王建华"], "柳河村", LOW);
    let b = letter(
        "b",
        "2020-05-01",
        "匿名",
        &["王建华"],
        "柳河村",
        "主要问题：群众反映石桥镇柳河村村党支部书记王建华无故取消低保、让群众在领取单上签字截留补发的保障金等问题。信访人要求上级调查处理。",
    );
    let idx = index_of(&[a, b]);
    let an = idx.analyze();
    assert_eq!(an.groups.len(), 1, "{:?}", idx.similar("b", 5));
    let l = an.letter("b").expect("repeat");
    assert!(l.reasons.iter().any(|r| r.kind == "text_containment"), "{:?}", l.reasons);
}

#[test]
fn text_alone_finds_an_unattributed_copy() {
    let a = letter("a", "2020-01-01", "匿名", &[], "柳河村", LOW);
    let mut b = letter("b", "2020-02-01", "匿名", &[], "柳河村", LOW);
    b.text = b.text.replace("张三", "");
    let idx = index_of(&[a, b]);
    assert_eq!(idx.analyze().groups.len(), 1);
}

#[test]
fn new_official_topic_and_fact_are_new_issues() {
    let a = letter("a", "2020-01-01", "张三", &["王建华"], "柳河村", LOW);
    let b = letter("b", "2020-03-01", "张三", &["王建华", "李国强"], "柳河村", LOW_AGAIN);
    let mut c = letter(
        "c",
        "2020-05-01",
        "张三",
        &["王建华"],
        "柳河村",
        &format!("{LOW_AGAIN}\n还有，换届的时候王书记让他儿子挨家挨户送米送油，一户一桶油。"),
    );
    c.topics = vec!["低保".into(), "换届选举".into()];
    let mut a = a;
    a.topics = vec!["低保".into()];
    let idx = index_of(&[a, b, c]);
    let an = idx.analyze();
    assert_eq!(an.groups.len(), 1);
    let b = an.letter("b").expect("b");
    assert!(b.new_issue);
    assert!(b.what_is_new.iter().any(|w| w == "新的被反映人：李国强"), "{:?}", b.what_is_new);
    let c = an.letter("c").expect("c");
    assert!(c.new_issue);
    assert!(c.what_is_new.iter().any(|w| w == "新问题：换届选举"), "{:?}", c.what_is_new);
    assert!(c.what_is_new.iter().any(|w| w.starts_with("新情况：") && w.contains("送米送油")), "{:?}", c.what_is_new);
    assert_eq!(an.groups[0].new_issue_letter_ids, vec!["b", "c"]);
}

#[test]
fn reordered_and_traditional_repeat_is_pure() {
    let a = letter("a", "2020-01-01", "张三", &["王建华"], "柳河村", LOW);
    let b = letter(
        "b",
        "2020-03-01",
        "张三",
        &["王建华"],
        "柳河村",
        "縣紀委信訪室：\n我是柳河村村民張三。\n王支書讓我們在領取單上簽字，說是上面補發的保障金，實際上一分錢都沒拿到手。\n我家的低保去年突然被取消了，可同村條件比我家好的都還在吃低保。\n張三",
    );
    let an = index_of(&[a, b]).analyze();
    let l = an.letter("b").expect("repeat");
    assert!(!l.new_issue, "{:?}", l.what_is_new);
}

#[test]
fn reinserting_changes_nothing_and_bytes_round_trip() {
    let a = letter("a", "2020-01-01", "张三", &["王建华"], "柳河村", LOW);
    let b = letter("b", "2020-03-01", "张三", &["王建华"], "柳河村", LOW_AGAIN);
    let mut idx = index_of(&[a.clone(), b.clone()]);
    let before = idx.analyze();
    let n = idx.len();
    assert!(!idx.insert(&a));
    assert!(!idx.insert(&b));
    assert_eq!(idx.len(), n);
    assert_eq!(idx.analyze(), before);
    let bytes = idx.to_bytes();
    let back = RepeatIndex::from_bytes(&bytes, RepeatSettings::default()).expect("round trip");
    assert_eq!(back.len(), n);
    assert_eq!(back.analyze(), before);
    assert_eq!(back.to_bytes(), bytes);
    // Another LSH shape rebuilds band keys from the stored bodies.
    let other = RepeatSettings { lsh_bands: 8, lsh_rows: 8, ..RepeatSettings::default() };
    let back = RepeatIndex::from_bytes(&bytes, other).expect("rebuilt");
    assert_eq!(back.analyze().groups, before.groups);
    assert!(RepeatIndex::from_bytes(&bytes[..bytes.len() - 3], RepeatSettings::default()).is_err());
    assert!(RepeatIndex::from_bytes(b"nonsense", RepeatSettings::default()).is_err());
}

#[test]
fn changed_letter_replaces_its_old_version() {
    let a = letter("a", "2020-01-01", "张三", &["王建华"], "柳河村", LOW);
    let b = letter("b", "2020-03-01", "张三", &["王建华"], "柳河村", LOW_AGAIN);
    let mut idx = index_of(&[a, b.clone()]);
    let n = idx.len();
    let mut b2 = b;
    b2.accused = vec![];
    b2.petitioners[0].name = "李四".into();
    b2.text = ROAD.into();
    assert!(idx.insert(&b2));
    assert_eq!(idx.len(), n);
    assert!(idx.analyze().groups.is_empty());
}

#[test]
fn batch_matching_and_batch_view() {
    let a = letter("a", "2020-01-01", "张三", &["王建华"], "柳河村", LOW);
    let mut idx = index_of(&[a]);
    let mut b = letter("b", "2020-03-01", "张三", &["王建华"], "柳河村", LOW_AGAIN);
    b.batch = "2020Q2".into();
    let mut c = letter("c", "2020-04-01", "李四", &["赵六"], "龙泉村", ROAD);
    c.batch = "2020Q2".into();
    let mut d = letter("d", "2020-05-01", "李四", &["赵六"], "龙泉村", ROAD);
    d.batch = "2020Q2".into();
    let m = idx.match_batch(&[b.clone(), c.clone(), d.clone()]);
    let pairs: Vec<(&str, &str)> = m.iter().map(|m| (m.earlier.as_str(), m.later.as_str())).collect();
    assert_eq!(pairs, vec![("a", "b"), ("c", "d")]);
    idx.insert_all(&[b, c, d]);
    let view = idx.analyze().batch_view("2020Q2");
    assert_eq!((view.letters, view.new, view.pure_repeats, view.new_issue_repeats), (3, 1, 2, 0));
    assert_eq!(view.summary, "2 of 3");
    assert!((view.repeat_rate - 2.0 / 3.0).abs() < 1e-9);
}

#[test]
fn similar_lists_repeats_first() {
    let a = letter("a", "2020-01-01", "张三", &["王建华"], "柳河村", LOW);
    let b = letter("b", "2020-03-01", "张三", &["王建华"], "柳河村", LOW_AGAIN);
    let idx = index_of(&[a, b]);
    let s = idx.similar("a", 5);
    assert_eq!(s.first().map(|s| (s.id.as_str(), s.repeat)), Some(("b", true)));
    assert!(s[0].similarity > 0.0);
    assert!(idx.similar("nope", 5).is_empty());
}

#[test]
fn default_settings_match_the_embedded_defaults() {
    let cfg = xinfang_config::Config::defaults().expect("defaults");
    let r = &cfg.settings.repeats;
    let d = RepeatSettings::default();
    assert_eq!(
        (r.text_threshold, r.containment_threshold, r.min_score, r.petitioner_weight, r.official_weight),
        (d.text_threshold, d.containment_threshold, d.min_score, d.petitioner_weight, d.official_weight)
    );
    assert_eq!(
        (r.topic_weight, r.extra_official_weight, r.summary_ratio, r.novelty_threshold),
        (d.topic_weight, d.extra_official_weight, d.summary_ratio, d.novelty_threshold)
    );
    assert_eq!((r.shingle_k, r.lsh_bands, r.lsh_rows, r.max_block, r.max_bucket),
        (d.shingle_k, d.lsh_bands, d.lsh_rows, d.max_block, d.max_bucket));
    assert_eq!((r.max_candidates, r.max_matches), (d.max_candidates, d.max_matches));
}

#[test]
fn candidates_lose_nothing_against_brute_force_and_explain_agrees() {
    let a = letter("a", "2020-01-01", "张三", &["王建华"], "柳河村", LOW);
    let b = letter("b", "2020-03-01", "匿名", &["王建华"], "柳河村", LOW_AGAIN);
    let c = letter("c", "2020-04-01", "李四", &["赵六"], "龙泉村", ROAD);
    let d = letter("d", "2020-05-01", "李四", &["赵六"], "龙泉村", ROAD);
    let e = letter("e", "2020-06-01", "王五", &["钱七"], "柳河村", ROAD);
    let idx = index_of(&[a, b, c, d, e]);
    let mut fast: Vec<(String, String)> = idx.analyze().matches.into_iter().map(|m| (m.earlier, m.later)).collect();
    fast.sort();
    assert_eq!(fast, idx.brute_force_pairs());
    assert_eq!(fast, vec![("a".to_string(), "b".to_string()), ("c".to_string(), "d".to_string())]);
    let (m, repeat) = idx.explain("d", "c").expect("both indexed");
    assert!(repeat);
    assert_eq!((m.earlier.as_str(), m.later.as_str()), ("c", "d"));
    let (_, repeat) = idx.explain("a", "e").expect("both indexed");
    assert!(!repeat);
}

#[test]
fn skipping_the_text_of_hopeless_pairs_changes_no_verdict() {
    let letters = [
        letter("a", "2020-01-01", "张三", &["王建华"], "柳河村", LOW),
        letter("b", "2020-03-01", "匿名", &["王建华"], "柳河村", LOW_AGAIN),
        // Same wording, another village and another official: text alone cannot join them.
        letter("c", "2020-04-01", "李四", &["赵六"], "龙泉村", LOW),
        letter("d", "2020-05-01", "李四", &["赵六"], "龙泉村", ROAD),
        letter("e", "2020-06-01", "王五", &["钱七"], "柳河村", ROAD),
        letter("f", "2020-07-01", "匿名", &[], "柳河村", LOW),
    ];
    let idx = index_of(&letters);
    let alive: Vec<&Entry> = idx.entries.iter().filter(|e| e.alive).collect();
    let (mut skipped, mut compared) = (0, 0);
    for x in &alive {
        for y in &alive {
            if std::ptr::eq(*x, *y) || !earlier(x, y) {
                continue;
            }
            let full = idx.evidence(x, y);
            let short = idx.repeat_evidence(x, y);
            assert_eq!(short.is_some(), idx.is_repeat(&full), "{} {}", x.id, y.id);
            if let Some(ev) = short {
                assert_eq!(ev, full);
            }
            if idx.evidence_without_text(x, y).score + 1.0 < idx.settings.min_score {
                skipped += 1;
            } else {
                compared += 1;
            }
        }
    }
    // Both branches were taken.
    assert!(skipped > 0 && compared > 0, "skipped {skipped}, compared {compared}");
}

#[test]
fn copies_of_a_joint_letter_form_one_group_with_bounded_matches() {
    // Forty copies of one joint letter, signed by different villagers, about one
    // official, after eighty unrelated letters (so that batches of copies are
    // applied incrementally, not by a regrouping after a quarter's growth).
    let settings = RepeatSettings { max_candidates: 12, max_matches: 5, ..RepeatSettings::default() };
    let background: Vec<Letter> = (0..80)
        .map(|i| {
            let text = format!("{}第{i}组的事情另说。", BACKGROUND[i % BACKGROUND.len()]);
            letter(&format!("bg-{i:02}"), "2018-01-01", "匿名", &[], &format!("背景{i}村"), &text)
        })
        .collect();
    let copies: Vec<Letter> = (0..40)
        .map(|i| {
            let date = format!("2020-{:02}-{:02}", 1 + i / 28, 1 + i % 28);
            letter(&format!("c{i:02}"), &date, &format!("村民{i}"), &["王建华"], "柳河村", LOW)
        })
        .collect();
    let inputs = |ls: &[Letter]| -> Vec<super::RepeatInput> { ls.iter().map(|l| super::RepeatInput::of(l, &settings)).collect() };
    let full_of = |order: &[&[Letter]], like: &super::RepeatState| {
        let mut full = RepeatIndex::new(settings.clone());
        for part in order {
            full.insert_all(part);
        }
        full.use_weights_of(like.index());
        full.analyze()
    };
    // In date order.
    let mut state = super::RepeatState::new(settings.clone());
    state.apply(inputs(&background));
    let mut incremental_batches = 0;
    for chunk in copies.chunks(7) {
        if !state.apply(inputs(chunk)).full {
            incremental_batches += 1;
        }
    }
    assert!(incremental_batches >= 5, "{incremental_batches}");
    let mut cand = Vec::new();
    for e in state.index().entries.iter().filter(|e| e.id.starts_with('c')) {
        state.index().candidates(e, &mut cand);
        assert!(cand.len() <= 12, "{} candidates", cand.len());
    }
    let inc = state.analysis();
    let order: Vec<&[Letter]> = std::iter::once(background.as_slice()).chain(copies.chunks(7)).collect();
    let whole = full_of(&order, &state);
    assert_eq!(inc.groups, whole.groups);
    assert_eq!(inc.letters, whole.letters);
    assert_eq!(inc.groups.len(), 1);
    assert_eq!(inc.groups[0].letter_ids.len(), 40);
    assert_eq!(inc.letters.len(), 39);
    assert!(inc.letters.iter().all(|l| !l.repeat_of.is_empty() && l.repeat_of.len() <= 5), "{:?}", inc.letters);
    // Batches in reverse date order: each batch is earlier than the copies
    // already in, whose capped candidate lists change; still the same answer.
    let mut backwards = super::RepeatState::new(settings.clone());
    backwards.apply(inputs(&background));
    for chunk in copies.chunks(7).rev() {
        backwards.apply(inputs(chunk));
    }
    let order: Vec<&[Letter]> = std::iter::once(background.as_slice()).chain(copies.chunks(7).rev()).collect();
    let whole = full_of(&order, &backwards);
    let b_inc = backwards.analysis();
    assert_eq!(b_inc.groups, whole.groups);
    assert_eq!(b_inc.letters, whole.letters);
    // Streamed to a writer, the state is the same bytes, and reads back.
    let mut streamed = Vec::new();
    state.write_to("t", &mut streamed).expect("write to memory");
    assert_eq!(streamed, state.to_bytes("t"));
    let (back, tag) = super::RepeatState::from_bytes(&streamed, settings.clone()).expect("reads back");
    assert_eq!(tag, "t");
    assert_eq!(back.analysis(), inc);
}

/// An anonymous letter and a later one about the same official, same village
/// and topic, told in other words, that says it was reported before: a repeat
/// (which alone the text would not make), and a new issue for its new official.
#[test]
fn a_letter_saying_it_was_reported_before_joins_the_letters_about_its_official() {
    const FIRST: &str = "市纪委信访室：\n我们是青龙镇龙泉村的部分村民。2019年省道改线工程征用我村二组、三组土地共86亩，按标准每亩补偿款应为3.2万元。村委会主任韦德明以“村里修路要用钱”为由，每亩扣留了1400元，合计截留征地补偿款约12万元，至今没有公示去向。村民去问，韦德明说这是村委会研究决定的，但我们从来没有开过会。\n恳请上级纪委查清这笔钱的去向，退还给被征地农户。\n龙泉村部分村民";
    const AGAIN: &str = "尊敬的领导：\n龙泉村村委会主任韦德明截留我村征地补偿款的事，我们7月份就向市纪委反映过，8月份又在网上举报过，一直没有下文。最近我们了解到，这笔钱根本没有用在修路上，而是由村会计罗金凤用几张白条做进了账里，说是“付给施工队的工钱”，可是村里的路到现在还是土路。罗金凤是韦德明的表妹，两人串通一气做假账。请求纪委把村里这两年的账目彻底查一查。\n龙泉村部分村民";
    let mut a = letter("a", "2020-07-05", "匿名", &["韦德明"], "龙泉村", FIRST);
    let mut b = letter("b", "2020-09-21", "匿名", &["韦德明", "罗金凤"], "龙泉村", AGAIN);
    a.topics = vec!["征地补偿".into()];
    b.topics = vec!["征地补偿".into()];
    let idx = index_of(&[a.clone(), b.clone()]);
    let ev = idx.evidence(&idx.entries[idx.by_id["a"] as usize], &idx.entries[idx.by_id["b"] as usize]);
    assert!(ev.told_before, "{ev:?}");
    let an = idx.analyze();
    let l = an.letter("b").expect("b repeats a");
    assert_eq!(l.repeat_of, vec!["a"]);
    assert!(l.reasons.iter().any(|r| r.kind == "told_before"), "{:?}", l.reasons);
    assert!(l.new_issue);
    assert!(l.what_is_new.iter().any(|w| w == "新的被反映人：罗金凤"), "{:?}", l.what_is_new);

    // Without the words "reported before" the pair has no such evidence, and
    // scores the cue's weight less.
    let mut c = b.clone();
    c.text = AGAIN.replace("我们7月份就向市纪委反映过，8月份又在网上举报过，一直没有下文。", "");
    let idx_c = index_of(&[a.clone(), c]);
    let ev_c = idx_c.evidence(&idx_c.entries[idx_c.by_id["a"] as usize], &idx_c.entries[idx_c.by_id["b"] as usize]);
    assert!(!ev_c.told_before, "{ev_c:?}");
    let weight = RepeatSettings::default().told_before_weight;
    assert!(ev.score - ev_c.score > weight - 0.05, "{} vs {}", ev.score, ev_c.score);

    // And the cue never joins letters that share no person.
    let mut d = b;
    d.accused.retain(|o| o.name != "韦德明");
    d.text = d.text.replace("韦德明", "某某");
    let an = index_of(&[a, d]).analyze();
    assert!(an.letter("b").is_none(), "{:?}", an.letters);
}

/// A sentence that retells the earlier complaint (…的事，我七月初已经写信反映过)
/// is no new fact, though it names money; what follows a retelling may be.
#[test]
fn retelling_an_earlier_complaint_is_no_new_fact() {
    const FIRST: &str = "尊敬的县纪委领导：\n我是桃园村村民邝秀兰，我家住的土坯房墙裂了大缝，申请危改补助，村主任卢永福说先交三千元好处费才给报，我拿不出，名额就给了他亲戚。\n请求调查处理。\n邝秀兰";
    const AGAIN: &str = "县纪委：\n村主任卢永福搞危房改造要收钱的事，我七月初已经写信给县纪委，到现在也没有人来查。\n我家的房子还是危房，下雨就漏，他亲戚家是新盖的砖房却拿了改造补助。\n邝秀兰";
    let mut a = letter("a", "2020-07-09", "邝秀兰", &["卢永福"], "桃园村", FIRST);
    let mut b = letter("b", "2020-08-20", "邝秀兰", &["卢永福"], "桃园村", AGAIN);
    a.topics = vec!["危房改造".into()];
    b.topics = vec!["危房改造".into()];
    let an = index_of(&[a, b]).analyze();
    let l = an.letter("b").expect("b repeats a");
    assert!(
        !l.what_is_new.iter().any(|w| w.contains("已经写信")),
        "the retelling is not new: {:?}",
        l.what_is_new
    );
    // What follows a retelling in the same sentence is judged on its own.
    let s = RepeatSettings::default();
    assert_eq!(
        features::beyond_retelling("我上次反映过他截留低保金，这次还要反映他收受贿赂", &s.told_before_cues),
        "这次还要反映他收受贿赂"
    );
    assert_eq!(features::beyond_retelling("他截留低保金", &s.told_before_cues), "他截留低保金");
}

#[test]
fn compact_text_gives_back_every_text_exactly_in_two_thirds_of_the_bytes() {
    for text in ["村党支部书记王建华截留低保金", "徵地補償款被截留", "𠮷野家 café ① ＡＢ 😀", "", "line\nbreak\t0"] {
        let c = CompactText::new(text);
        assert_eq!(c.text(), text);
        assert_eq!(CompactText::from_bytes(c.bytes()), c);
    }
    let han = "村党支部书记王建华截留低保金";
    assert_eq!(CompactText::new(han).bytes().len() * 3, han.len() * 2);
}
