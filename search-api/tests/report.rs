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

const MATTERS: [&str; 3] = [
    "村党支部书记王建华把低保名额给了自己的亲戚，真正困难的群众吃不上低保。",
    "村委会主任李国强在危房改造中弄虚作假，骗取危房改造补助资金。",
    "村会计张秀英截留征地补偿款，青苗补偿费至今没有发放。",
];

fn letter(i: usize, y: i32, m: u32, matter: &str, place: &str) -> InputFile {
    InputFile {
        rel: format!("{y}{m:02}-{i:03}.txt"),
        data: InputData::Bytes(
            format!("尊敬的县纪委领导：\n我是{place}村民，{matter}\n请求调查处理。\n此致\n敬礼\n{y}年{m}月{}日\n", 2 + i % 25)
                .into_bytes(),
        ),
    }
}

fn ingest(a: &Archive, files: Vec<InputFile>, batch: &str, origin: Origin) {
    a.ingest(files, vec![], vec![], &IngestOptions { batch: batch.into(), origin: Some(origin) }, &|| {})
        .expect("ingest");
}

/// (year, month, letters of each matter, forwarded?)
const PLAN: [(i32, u32, [usize; 3], bool); 6] = [
    (2018, 3, [1, 1, 0], true),
    (2018, 12, [1, 0, 1], false),
    (2019, 1, [1, 1, 0], true),
    (2019, 2, [2, 1, 1], true),
    (2019, 3, [3, 2, 1], true),
    (2019, 3, [1, 0, 1], false),
];

fn build() -> (tempfile::TempDir, Archive) {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = Archive::open(dir.path(), Arc::new(Config::defaults().expect("config"))).expect("open");
    let places = ["石桥镇柳河村", "青龙镇清坝村", "石桥镇东山村"];
    let mut i = 0;
    for (y, m, counts, forwarded) in PLAN {
        let mut files = Vec::new();
        for (k, &n) in counts.iter().enumerate() {
            for _ in 0..n {
                i += 1;
                files.push(letter(i, y, m, MATTERS[k], places[(i + k) % places.len()]));
            }
        }
        let origin = if forwarded { Origin::Forwarded } else { Origin::Local };
        ingest(&a, files, &format!("{y}-{m}-{forwarded}"), origin);
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
    assert_eq!(r.total, 9, "the plan has 9 letters in March 2019");
    assert_eq!(r.total, march.len() as u64);
    assert_eq!((r.forwarded, r.local, r.origin_unknown), (6, 3, 0));
    assert_eq!(r.previous_month.month, "2019-02");
    assert_eq!(r.previous_month.letters, 4);
    assert_eq!(r.previous_month.change, 5);
    assert_eq!(r.previous_month.change_pct, Some(125.0));
    assert_eq!(r.same_month_last_year.month, "2018-03");
    assert_eq!(r.same_month_last_year.letters, 2);
    assert_eq!(r.same_month_last_year.change, 7);

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
    for o in &r.officials {
        assert_eq!(Some(&o.letters), officials.get(&o.name), "{}", o.name);
    }

    // Twelve months of volume ending with March 2019.
    assert_eq!(r.volume.len(), 12);
    assert_eq!(r.volume[0].month, "2018-04");
    assert_eq!(r.volume[11].month, "2019-03");
    assert_eq!(r.volume[11].letters, 9);
    assert_eq!(r.volume.iter().map(|v| v.letters).sum::<u64>(), 2 + 2 + 4 + 9);
    assert!(r.repeats.is_none());

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
    assert!(html.contains("本月共受理信访举报9件"));
    assert!(html.contains("环比（2019年2月）增加5件（125.0%）"), "{html}");
    assert_eq!(html.matches("<svg").count(), 2, "bar chart and line chart");
    assert!(!html.contains("http://") || html.matches("http://").count() == html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count(), "no external assets");
    assert!(!html.contains("<script"));
    assert!(!html.contains("重复信访和新问题"), "repeat section only when present");

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
