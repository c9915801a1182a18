//! The monthly report over a small archive: its numbers against the letters'
//! own records, and the HTML and XLSX renderings.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::Arc;

use chrono::NaiveDate;
use xinfang_config::Config;
use xinfang_index::{Archive, IngestOptions};
use xinfang_ingest::batch::{InputData, InputFile};
use xinfang_ingest::Origin;
use xinfang_search_api::report::{monthly_report, render_html, write_xlsx, RepeatSummary};

const KINDS: [(&str, &str); 3] = [
    ("低保", "反映村党支部书记把低保名额给了亲戚"),
    ("危房改造", "反映危房改造补助被冒领"),
    ("征地补偿", "反映截留征地补偿款"),
];
const PLACES: [(&str, &str, &str); 3] = [
    ("石桥镇", "柳河村", "王建华"),
    ("青龙镇", "清坝村", "李国强"),
    ("石桥镇", "东山村", "张秀英"),
];

/// (year, month, letters of each kind, forwarded?)
const PLAN: [(i32, u32, [usize; 3], bool); 6] = [
    (2018, 3, [1, 1, 0], true),
    (2018, 12, [1, 0, 1], false),
    (2019, 1, [1, 1, 0], true),
    (2019, 2, [2, 1, 1], true),
    (2019, 3, [3, 2, 1], true),
    (2019, 3, [1, 0, 1], false),
];

/// One CSV ledger per (month, origin): rows carry date, place, accused and category.
fn build() -> (tempfile::TempDir, Archive) {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = Archive::open(dir.path(), Arc::new(Config::defaults().expect("config"))).expect("open");
    let mut i = 0;
    for (y, m, counts, forwarded) in PLAN {
        let mut csv = String::from("序号,信访编号,来信日期,信访人,被反映人,单位及职务,所属乡镇,所属村,问题类别,主要问题\n");
        for (k, &n) in counts.iter().enumerate() {
            for _ in 0..n {
                i += 1;
                let (town, village, official) = PLACES[(i + k) % PLACES.len()];
                let (category, summary) = KINDS[k];
                csv.push_str(&format!(
                    "{i},XF{y}-{i:04},{y}-{m:02}-{:02},匿名,{official},{village}村党支部书记,{town},{village},{category},{town}{village}{summary}\n",
                    1 + i % 27
                ));
            }
        }
        let origin = if forwarded { Origin::Forwarded } else { Origin::Local };
        let file = InputFile {
            rel: format!("{y}-{m}-{forwarded}.csv"),
            data: InputData::Bytes(csv.into_bytes()),
        };
        a.ingest(vec![file], vec![], vec![], &IngestOptions { batch: format!("{y}-{m}"), origin: Some(origin) }, &|| {})
            .expect("ingest");
    }
    (dir, a)
}

fn in_month(d: Option<NaiveDate>, month: &str) -> bool {
    d.is_some_and(|d| d.format("%Y-%m").to_string() == month)
}

#[test]
fn report_numbers_match_the_letters() {
    let (_d, a) = build();
    let letters = a.all_letters().expect("letters");
    let r = monthly_report(&a, "2019-03").expect("report");
    println!("{}", serde_json::to_string_pretty(&r).expect("json"));

    let march: Vec<_> = letters.iter().filter(|l| in_month(l.received, "2019-03")).collect();
    assert_eq!(r.total, 8, "the plan has 8 letters in March 2019");
    assert_eq!(r.total, march.len() as u64);
    assert_eq!((r.forwarded, r.local, r.origin_unknown), (6, 2, 0));
    assert_eq!(r.previous_month.month, "2019-02");
    assert_eq!(r.previous_month.letters, 4);
    assert_eq!(r.previous_month.change, 4);
    assert_eq!(r.previous_month.change_pct, Some(100.0));
    assert_eq!(r.same_month_last_year.month, "2018-03");
    assert_eq!(r.same_month_last_year.letters, 2);
    assert_eq!(r.same_month_last_year.change, 6);

    // Topics: every label, the main topics add up to the total.
    assert!(r.topics.len() >= a.config().taxonomy.labels().len());
    assert_eq!(r.topics.iter().map(|t| t.letters).sum::<u64>(), r.total);
    let mut want: BTreeMap<String, u64> = BTreeMap::new();
    for l in &march {
        *want.entry(l.topics.first().cloned().unwrap_or_default()).or_default() += 1;
    }
    for t in &r.topics {
        assert_eq!(t.letters, want.get(&t.name).copied().unwrap_or(0), "{}", t.name);
    }
    assert!(r.topics.windows(2).all(|w| w[0].letters >= w[1].letters), "most first");

    // Towns and villages.
    let mut towns: BTreeMap<String, u64> = BTreeMap::new();
    for l in &march {
        if let Some(t) = &l.town {
            *towns.entry(t.clone()).or_default() += 1;
        }
    }
    for t in &r.towns {
        assert_eq!(Some(&t.letters), towns.get(&t.name), "{}", t.name);
    }
    assert_eq!(r.towns.len(), towns.len());
    assert!(r.villages.iter().all(|v| v.town.is_some()), "villages carry their town");

    // Officials: accused names over the month.
    let mut officials: BTreeMap<String, u64> = BTreeMap::new();
    for l in &march {
        let mut names: Vec<String> = l.accused.iter().map(|o| xinfang_ingest::text::fold(&o.name)).collect();
        names.sort();
        names.dedup();
        for n in names {
            *officials.entry(n).or_default() += 1;
        }
    }
    assert_eq!(r.officials.len(), officials.len());
    for o in &r.officials {
        assert_eq!(Some(&o.letters), officials.get(&o.name), "{}", o.name);
    }

    // Twelve months of volume ending with March 2019.
    assert_eq!(r.volume.len(), 12);
    assert_eq!(r.volume[0].month, "2018-04");
    assert_eq!(r.volume[11].month, "2019-03");
    assert_eq!(r.volume[11].letters, 8);
    assert_eq!(r.volume.iter().map(|v| v.letters).sum::<u64>(), 2 + 2 + 4 + 8);
    // Repeats: the letters received in March that the repeat engine marks as
    // repeating an earlier one.
    let all = a.repeats(None, None, None).expect("repeats");
    let march_ids: Vec<&str> = march.iter().map(|l| l.id.as_str()).collect();
    let in_march: Vec<_> = all.letters.iter().filter(|l| march_ids.contains(&l.id.as_str())).collect();
    let rep = r.repeats.as_ref().expect("repeat section");
    assert!(rep.repeat_letters > 0, "the same summaries about the same officials repeat: {rep:?}");
    assert_eq!(rep.repeat_letters, in_march.len() as u64);
    assert_eq!(rep.new_issue_letters, in_march.iter().filter(|l| l.new_issue).count() as u64);
    assert_eq!(rep.pure_repeat_letters + rep.new_issue_letters, rep.repeat_letters);

    assert!(monthly_report(&a, "2019-13").is_err());
    assert!(monthly_report(&a, "March").is_err());
}

#[test]
fn html_and_xlsx_are_produced() {
    let (_d, a) = build();
    let mut r = monthly_report(&a, "2019-03").expect("report");
    let html = render_html(&r);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("2019年3月信访举报形势分析"));
    assert!(html.contains("本月共受理信访举报8件"));
    assert!(html.contains("环比（2019年2月）增加4件（100.0%）"), "{html}");
    assert_eq!(html.matches("<svg").count(), 2, "bar chart and line chart");
    assert!(!html.contains("http://") || html.matches("http://").count() == html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count(), "no external assets");
    assert!(!html.contains("<script"));
    assert!(html.contains("重复信访和新问题"), "the repeat section is filled from the repeat engine");
    r.repeats = None;
    assert!(!render_html(&r).contains("重复信访和新问题"), "repeat section only when present");

    r.repeats = Some(RepeatSummary {
        repeat_letters: 3,
        new_issue_letters: 1,
        pure_repeat_letters: 2,
        groups: 2,
    });
    r.county = "清河县<script>".into();
    let html = render_html(&r);
    assert!(html.contains("重复信访和新问题"));
    assert!(html.contains("本月重复信访3件"));
    assert!(html.contains("清河县&lt;script&gt;") && !html.contains("<script>"), "escaped");

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report.xlsx");
    write_xlsx(&r, &path).expect("xlsx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("a zip");
    let mut workbook = String::new();
    zip.by_name("xl/workbook.xml").expect("workbook part").read_to_string(&mut workbook).expect("read");
    for name in ["汇总", "问题类别", "乡镇村", "被反映人", "重复信访"] {
        assert!(workbook.contains(&format!("name=\"{name}\"")), "sheet {name}: {workbook}");
    }
    let charts: Vec<String> = zip.file_names().filter(|n| n.starts_with("xl/charts/chart")).map(String::from).collect();
    assert_eq!(charts.len(), 2, "{charts:?}");
    let mut kinds = String::new();
    for c in &charts {
        zip.by_name(c).expect("chart").read_to_string(&mut kinds).expect("read");
    }
    assert!(kinds.contains("<c:barChart>") && kinds.contains("<c:lineChart>"));
}
