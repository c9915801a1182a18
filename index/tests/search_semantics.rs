//! Search semantics pinned on a small archive: sub-word recall, phrases,
//! script equivalence, synonyms, filters, idempotent upserts and merging.

use std::sync::Arc;

use xinfang_config::Config;
use xinfang_index::{Archive, IngestOptions, SearchRequest, SortOrder};
use xinfang_ingest::batch::{InputData, InputFile};

fn letter(name: &str, text: &str) -> InputFile {
    InputFile {
        rel: name.to_string(),
        data: InputData::Bytes(text.as_bytes().to_vec()),
    }
}

fn archive() -> (tempfile::TempDir, Archive) {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = Arc::new(Config::defaults().expect("config"));
    let archive = Archive::open(dir.path(), config).expect("open");
    (dir, archive)
}

fn ingest(archive: &Archive, files: Vec<InputFile>, batch: &str) -> xinfang_index::IngestSummary {
    archive
        .ingest(
            files,
            vec![],
            vec![],
            &IngestOptions {
                batch: batch.into(),
                origin: None,
            },
            &|| {},
        )
        .expect("ingest")
}

fn ids(archive: &Archive, q: &str) -> Vec<String> {
    let mut v: Vec<String> = archive
        .search(&SearchRequest {
            q: q.into(),
            limit: 100,
            ..Default::default()
        })
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.letter.id)
        .collect();
    v.sort();
    v
}

fn corpus() -> Vec<InputFile> {
    vec![
        letter("a.txt", "尊敬的县纪委领导：我是石桥镇柳河村村民张三，反映村党支部书记王建华截留低保金的问题，至今仍是待处理状态。"),
        letter("b.txt", "尊敬的縣紀委領導：我們是青龍鎮清壩村的部分村民，反映村委會主任李四截留徵地補償款不公開的問題。"),
        letter("c.txt", "反映白马镇红星村的危房去年进行了改造，但是改造资金去向不明。"),
        letter("d.txt", "反映白马镇三岔村危房改造补助被冒领的问题，请求调查处理。"),
    ]
}

#[test]
fn part_of_a_word_finds_the_whole_word() {
    let (_d, a) = archive();
    ingest(&a, corpus(), "t");
    // 处理 is inside 待处理 (one jieba word) in a.txt and a word of its own in d.txt.
    assert_eq!(ids(&a, "处理").len(), 2);
    assert_eq!(ids(&a, "待处理").len(), 1);
    // A single character matches anywhere.
    assert_eq!(ids(&a, "冒").len(), 1);
}

#[test]
fn phrases_match_as_written_and_words_anywhere() {
    let (_d, a) = archive();
    ingest(&a, corpus(), "t");
    // Plain words: both letters with 危房 … 改造.
    assert_eq!(ids(&a, "危房 改造").len(), 2);
    // The phrase only where it stands as written.
    let phrase = ids(&a, "\"危房改造\"");
    assert_eq!(phrase.len(), 1);
    assert_eq!(phrase, ids(&a, "危房改造"));
    // Exclusion.
    assert_eq!(ids(&a, "危房 -冒领").len(), 1);
}

#[test]
fn either_script_finds_both() {
    let (_d, a) = archive();
    ingest(&a, corpus(), "t");
    for (simplified, traditional) in [
        ("征地补偿", "徵地補償"),
        ("村委会主任", "村委會主任"),
        ("截留", "截留"),
        ("清坝村", "清壩村"),
    ] {
        let s = ids(&a, simplified);
        assert!(!s.is_empty(), "{simplified}");
        assert_eq!(s, ids(&a, traditional), "{simplified} vs {traditional}");
    }
    // 截留 is in one simplified and one traditional letter.
    assert_eq!(ids(&a, "截留").len(), 2);
    // Highlights land on the characters as written.
    let res = a
        .search(&SearchRequest {
            q: "征地补偿".into(),
            limit: 5,
            ..Default::default()
        })
        .expect("search");
    assert!(
        res.hits[0].snippet.contains("<em>徵地補償</em>"),
        "{}",
        res.hits[0].snippet
    );
}

#[test]
fn synonyms_widen_a_word() {
    let (_d, a) = archive();
    ingest(&a, corpus(), "t");
    let by_synonym = ids(&a, "村支书");
    assert_eq!(by_synonym.len(), 1, "村支书 finds the 村党支部书记 letter");
    assert_eq!(by_synonym, ids(&a, "村党支部书记"));
}

#[test]
fn reingest_adds_nothing_and_a_changed_file_updates_its_letter() {
    let (_d, a) = archive();
    let first = ingest(&a, corpus(), "t");
    assert_eq!((first.letters_added, first.files_ingested), (4, 4));
    let again = ingest(&a, corpus(), "t");
    assert_eq!(
        (
            again.letters_added,
            again.letters_updated,
            again.files_unchanged
        ),
        (0, 0, 4)
    );
    let changed = ingest(
        &a,
        vec![letter("c.txt", "反映白马镇红星村的危房改造资金被挪用。")],
        "t",
    );
    assert_eq!((changed.letters_added, changed.letters_updated), (0, 1));
    assert_eq!(a.num_letters(), 4);
    assert!(ids(&a, "挪用").len() == 1 && ids(&a, "去向不明").is_empty());
}

#[test]
fn a_letter_file_and_a_later_ledger_row_are_one_letter_in_either_order() {
    let (_d, a) = archive();
    ingest(
        &a,
        vec![letter(
            "XF2019-0042.txt",
            "尊敬的领导：反映河口乡河口村会计刘某挪用集体资金的问题。",
        )],
        "q1",
    );
    assert_eq!(a.num_letters(), 1);
    let csv = "序号,信访编号,来信日期,信访人,被反映人,单位及职务,所属乡镇,主要问题\n1,XF2019-0042,2019-03-05,赵六,刘某,村会计,河口乡,反映刘某挪用集体资金\n";
    let s = ingest(&a, vec![letter("台账.csv", csv)], "q1");
    assert_eq!(s.files_failed, 0, "{:?}", s.errors);
    assert_eq!(a.num_letters(), 1, "merged, not duplicated");
    let hit = &a
        .search(&SearchRequest {
            q: "挪用".into(),
            ..Default::default()
        })
        .expect("search")
        .hits[0];
    assert_eq!(hit.letter.reference.as_deref(), Some("XF2019-0042"));
    assert_eq!(hit.letter.sources.len(), 2);
    assert_eq!(hit.letter.received.as_deref(), Some("2019-03-05"));
}

#[test]
fn filters_and_facets() {
    let (_d, a) = archive();
    ingest(&a, corpus(), "t");
    let all = a
        .search(&SearchRequest {
            limit: 10,
            ..Default::default()
        })
        .expect("search");
    assert_eq!(all.total, 4);
    let origin_sum: u64 = all.facets.origin.values().sum();
    assert_eq!(origin_sum, 4, "single-valued facet sums to the total");
    let town = a
        .search(&SearchRequest {
            town: Some("白马".into()),
            ..Default::default()
        })
        .expect("search");
    assert_eq!(town.total, 2, "short town name resolves");
    let town_t = a
        .search(&SearchRequest {
            town: Some("青龍鎮".into()),
            ..Default::default()
        })
        .expect("search");
    assert_eq!(town_t.total, 1, "traditional town name resolves");
    let village = a
        .search(&SearchRequest {
            village: Some("三叉村".into()),
            ..Default::default()
        })
        .expect("search");
    assert_eq!(village.total, 1, "old name of a merged village resolves");
    let page = a
        .search(&SearchRequest {
            limit: 3,
            offset: 3,
            sort: SortOrder::Date,
            ..Default::default()
        })
        .expect("search");
    assert_eq!((page.total, page.hits.len()), (4, 1));
}

#[test]
fn whole_archive_facets_agree_with_counting_each_letter() {
    let (_d, a) = archive();
    ingest(&a, corpus(), "t");
    ingest(
        &a,
        vec![letter("e.txt", "反映青龙镇清坝村低保评定不公开的问题。")],
        "u",
    );
    // An update deletes the old document: the segment now has deletions.
    ingest(
        &a,
        vec![letter("c.txt", "反映白马镇红星村的危房改造资金被挪用。")],
        "t",
    );
    let all = a
        .search(&SearchRequest {
            limit: 0,
            ..Default::default()
        })
        .expect("search");
    assert_eq!(all.total, 5);
    assert!(all.hits.is_empty(), "limit=0 asks for counts only");
    // A negated nonsense word matches every letter but goes through the
    // per-letter collector instead of the whole-archive histograms.
    let each = a
        .search(&SearchRequest {
            q: "-鑫鑫鑫".into(),
            limit: 0,
            ..Default::default()
        })
        .expect("search");
    assert_eq!(each.total, 5);
    assert_eq!(all.facets.town, each.facets.town);
    assert_eq!(all.facets.village, each.facets.village);
    assert_eq!(all.facets.topic, each.facets.topic);
    assert_eq!(all.facets.month, each.facets.month);
    assert_eq!(all.facets.origin, each.facets.origin);
    assert_eq!(all.facets.town.get("白马镇"), Some(&2));
    assert_eq!(all.facets.town.get("青龙镇"), Some(&2));
    let filtered = a
        .search(&SearchRequest {
            town: Some("青龙镇".into()),
            limit: 0,
            ..Default::default()
        })
        .expect("search");
    assert_eq!(filtered.facets.town.len(), 1);
    assert_eq!(filtered.facets.village.values().sum::<u64>(), 2);
}

#[test]
fn long_words_match_only_where_their_characters_stand_together() {
    let (_d, a) = archive();
    ingest(
        &a,
        vec![
            letter("w1.txt", "反映村里修路偷工减料的问题。"),
            letter("w2.txt", "反映有人偷工，还有人减料，账目不清。"),
            letter("w3.txt", "反映村委会主任挪用扶贫资金的问题。"),
            letter("w4.txt", "反映村委会的主任挪用资金的问题。"),
        ],
        "t",
    );
    assert_eq!(ids(&a, "偷工减料").len(), 1);
    assert_eq!(ids(&a, "村委会主任").len(), 1, "five characters, odd length");
    assert_eq!(ids(&a, "\"挪用扶贫资金\"").len(), 1);
    assert_eq!(ids(&a, "挪用").len(), 2);
}

#[test]
fn a_reference_number_finds_its_letter_though_the_text_never_writes_it() {
    let (_d, a) = archive();
    let csv = "序号,信访编号,来信日期,信访人,被反映人,单位及职务,所属乡镇,主要问题\n\
               1,XF2020-0103,2020-07-05,赵六,刘某,村会计,河口乡,反映刘某挪用集体资金\n\
               2,XF2020-0104,2020-07-06,钱七,孙某,村主任,河口乡,反映孙某优亲厚友评低保\n";
    let s = ingest(&a, vec![letter("台账.csv", csv)], "q3");
    assert_eq!(s.letters_added, 2, "{:?}", s.errors);
    let found = ids(&a, "XF2020-0103");
    assert_eq!(found.len(), 1);
    // Full-width, lower case, quoted: the same number.
    assert_eq!(ids(&a, "ｘｆ２０２０－０１０３"), found);
    assert_eq!(ids(&a, "\"xf2020-0103\""), found);
    assert!(ids(&a, "XF2020-0199").is_empty());
    // The letter endpoint takes the number too, and the id still works.
    let by_ref = a.letter_by_id_or_ref("XF2020-0103").expect("lookup").expect("found by reference");
    assert_eq!(by_ref.id, found[0]);
    assert_eq!(by_ref.petitioners[0].name, "赵六");
    assert!(a.letter_by_id_or_ref(&found[0]).expect("lookup").is_some());
    assert!(a.letter_by_id_or_ref("XF2020-0199").expect("lookup").is_none());
}

#[test]
fn ingests_merge_their_segments_after_the_commit() {
    let (_d, a) = archive();
    for i in 0..12 {
        let text = format!("反映白马镇三岔村第{i}组危房改造补助被冒领的问题，请求调查处理。");
        ingest(&a, vec![letter(&format!("{i}.txt"), &text)], "t");
    }
    assert_eq!(a.num_letters(), 12);
    // One segment per ingest until eight of a level are merged into one.
    assert!(a.num_segments() < 8, "{} segments", a.num_segments());
    assert_eq!(ids(&a, "冒领").len(), 12);
}

/// Each quarter's folder has its 来信1.txt and its 台账.csv: ingested one
/// folder at a time, files of the same relative path are other letters,
/// and an edited file still updates its own letter.
#[test]
fn files_of_the_same_name_in_two_intake_folders_are_two_letters() {
    let (_d, a) = archive();
    let root = tempfile::tempdir().expect("tempdir");
    let ledger = |who: &str, accused: &str| {
        format!("序号,来信日期,信访人,被反映人,单位及职务,所属乡镇,主要问题\n1,2019-03-05,{who},{accused},村会计,河口乡,反映{accused}挪用集体资金\n")
    };
    for (q, text, who, accused) in [
        ("2019Q1", "尊敬的领导：反映石桥镇柳河村村党支部书记王建华截留低保金的问题。\n张三", "赵六", "刘某"),
        ("2019Q2", "尊敬的领导：反映青龙镇清坝村村委会主任李四挪用征地补偿款的问题。\n赵六", "钱七", "孙某"),
    ] {
        let dir = root.path().join(q);
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join("来信1.txt"), text).expect("write");
        std::fs::write(dir.join("台账.csv"), ledger(who, accused)).expect("write");
        let (files, errors, warnings) = xinfang_ingest::batch::collect_files(&[dir]);
        let s = a
            .ingest(files, errors, warnings, &IngestOptions { batch: q.into(), origin: None }, &|| {})
            .expect("ingest");
        assert_eq!((s.letters_added, s.letters_updated), (2, 0), "{q}: {s:?}");
    }
    assert_eq!(a.num_letters(), 4);
    assert_eq!(ids(&a, "王建华").len(), 1);
    assert_eq!(ids(&a, "李四").len(), 1);
    // An edited file updates its own letter, not the other folder's.
    let q1 = root.path().join("2019Q1");
    std::fs::write(q1.join("来信1.txt"), "尊敬的领导：反映石桥镇柳河村村党支部书记王建华截留低保金、优亲厚友的问题。\n张三").expect("write");
    let (files, errors, warnings) = xinfang_ingest::batch::collect_files(&[q1]);
    let s = a
        .ingest(files, errors, warnings, &IngestOptions { batch: "2019Q1".into(), origin: None }, &|| {})
        .expect("ingest");
    assert_eq!((s.letters_added, s.letters_updated, s.files_unchanged), (0, 1, 1), "{s:?}");
    assert_eq!(a.num_letters(), 4);
    assert_eq!(ids(&a, "优亲厚友").len(), 1);
    assert_eq!(ids(&a, "李四").len(), 1);
    // Uploads (bytes without a path) of the same name in two batches too.
    ingest(&a, vec![letter("来信.txt", "反映白马镇红星村会计周某虚报冒领补贴的问题。")], "up1");
    ingest(&a, vec![letter("来信.txt", "反映白马镇三岔村主任吴某强占集体土地的问题。")], "up2");
    assert_eq!(a.num_letters(), 6);
}

/// Chinese is typed without spaces: 柳河村低保 is two words, each found as
/// a word typed alone would be (inside longer words, with its synonyms).
#[test]
fn words_typed_together_are_found_as_words() {
    let (_d, a) = archive();
    ingest(&a, corpus(), "t");
    let one = ids(&a, "柳河村 低保");
    assert_eq!(one.len(), 1);
    for typed in ["柳河村低保", "王建华低保", "村支书王建华", "王建华书记", "低保，柳河村", "石桥镇低保问题"] {
        assert_eq!(ids(&a, typed), one, "{typed}");
    }
    // Quoted, the characters must stand together as written.
    assert!(ids(&a, "\"柳河村低保\"").is_empty());
    // Not every word: nothing.
    assert!(ids(&a, "柳河村危房").is_empty());
    // Highlights are the words, not the punctuation between them.
    let hit = &a
        .search(&SearchRequest { q: "低保，柳河村".into(), ..Default::default() })
        .expect("search")
        .hits[0];
    assert!(hit.snippet.contains("<em>低保</em>") || hit.snippet.contains("<em>柳河村</em>"), "{}", hit.snippet);
    assert!(!hit.snippet.contains("，</em>"), "{}", hit.snippet);
}

/// A letter that names only its village is still a letter of its town: a
/// search for the town (or the village without 村) finds it, as the town
/// filter does.
#[test]
fn a_place_name_finds_the_letters_placed_there() {
    let (_d, a) = archive();
    ingest(
        &a,
        vec![
            letter("p1.txt", "反映石桥镇柳河村村党支部书记王建华截留低保金的问题。"),
            letter("p2.txt", "反映柳河村村委会主任李某优亲厚友评低保的问题。"),
            letter("p3.txt", "反映青龙镇清坝村会计挪用集体资金的问题。"),
        ],
        "t",
    );
    let town = a
        .search(&SearchRequest { town: Some("石桥镇".into()), limit: 100, ..Default::default() })
        .expect("search")
        .total;
    assert_eq!(town, 2);
    assert_eq!(ids(&a, "石桥镇").len(), 2);
    assert_eq!(ids(&a, "石桥").len(), 2);
    assert_eq!(ids(&a, "柳河").len(), 2);
    assert_eq!(ids(&a, "石桥镇 低保").len(), 2);
    assert_eq!(ids(&a, "清坝村").len(), 1);
}

/// The same file reached twice in one run (a folder and its sub-folder
/// given together) is read once: one letter, the second reported unchanged.
#[test]
fn a_file_given_twice_in_one_run_is_one_letter() {
    let (_d, a) = archive();
    let root = tempfile::tempdir().expect("tempdir");
    let sub = root.path().join("来信");
    std::fs::create_dir_all(&sub).expect("mkdir");
    std::fs::write(sub.join("1.txt"), "反映石桥镇柳河村村党支部书记王建华截留低保金的问题。").expect("write");
    let (files, errors, warnings) = xinfang_ingest::batch::collect_files(&[root.path().to_path_buf(), sub]);
    assert_eq!(files.len(), 2);
    let s = a
        .ingest(files, errors, warnings, &IngestOptions { batch: "q".into(), origin: None }, &|| {})
        .expect("ingest");
    assert_eq!((s.files_ingested, s.files_unchanged, s.letters_added), (1, 1, 1), "{s:?}");
    assert_eq!(a.num_letters(), 1);
    assert_eq!(ids(&a, "王建华").len(), 1);
}
