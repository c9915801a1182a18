//! Trends and topic counts over a large archive.
//!
//! ```sh
//! CARGO_TARGET_DIR=/work/target-release cargo bench -p xinfang-index --bench trends -- [LETTERS]   # default 1000000
//! ```
//!
//! Builds LETTERS minimal letters (dates over ten years, 13 topics, 10 towns,
//! ~100 villages, 2 origins, one accused official) with the bench-only
//! `Archive::bench_add_letters` (the real ingest path is measured by the
//! `ingest_throughput` bench), then times each trend request and the
//! taxonomy counts: best and median of 7 runs after one warm-up.

use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use xinfang_index::{Archive, Interval, TrendBy, TrendRequest};
use xinfang_ingest::record::{EightWs, Letter, Official, Script, Sensitive};
use xinfang_ingest::Origin;

const TOPICS: &[&str] = &[
    "低保", "危房改造", "扶贫", "三资管理", "征地补偿", "生态环境", "换届选举", "发展党员", "津补贴", "工程项目", "作风问题", "处分执行", "其他",
];
const TOWNS: &[&str] = &["石桥镇", "青龙镇", "河口乡", "白马镇", "双河镇", "南山乡", "城关镇", "长岭镇", "东坝镇", "西岭乡"];

struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn letter(i: usize, base: NaiveDate) -> Letter {
    let mut r = Lcg(i as u64 * 7919 + 17);
    let town = TOWNS[r.next(TOWNS.len())];
    let village = format!("{}{}村", &town[..3], r.next(10));
    let topic = TOPICS[r.next(TOPICS.len())];
    let received = (r.next(50) != 0).then(|| base + chrono::Duration::days(r.next(3650) as i64));
    Letter {
        id: format!("B{i:08}"),
        reference: None,
        title: String::new(),
        received,
        origin: Some(if r.next(4) == 0 { Origin::Local } else { Origin::Forwarded }),
        batch: "bench".into(),
        town: Some(town.into()),
        village: Some(village),
        petitioners: vec![],
        accused: vec![Official {
            name: format!("官员{}", r.next(5000)),
            title: "村党支部书记".into(),
            town: None,
            village: None,
        }],
        mentioned: vec![],
        topics: if r.next(3) == 0 {
            vec![topic.into(), TOPICS[r.next(TOPICS.len())].into()]
        } else {
            vec![topic.into()]
        },
        disposition: None,
        script: Script::Simplified,
        sources: vec![],
        text: String::new(),
        fields: EightWs::default(),
        warnings: vec![],
        sensitive: Sensitive::default(),
        parts: vec![],
    }
}

fn time<T>(label: &str, f: impl Fn() -> T) {
    let _ = f();
    let mut ms: Vec<f64> = (0..7)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    println!("{label:<32} best {:>8.1} ms   median {:>8.1} ms", ms[0], ms[3]);
}

fn main() {
    let letters: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1_000_000);
    let config = match xinfang_config::Config::defaults() {
        Ok(c) => Arc::new(c),
        Err(e) => {
            eprintln!("config: {e}");
            return;
        }
    };
    let dir = std::env::temp_dir().join(format!("xinfang-trends-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let archive = match Archive::open(&dir, config) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("open: {e}");
            return;
        }
    };
    let base = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
    let t = Instant::now();
    let chunk = 200_000;
    let mut start = 0;
    while start < letters {
        let end = (start + chunk).min(letters);
        let batch: Vec<Letter> = (start..end).map(|i| letter(i, base)).collect();
        if let Err(e) = archive.bench_add_letters(&batch) {
            eprintln!("add: {e}");
            return;
        }
        start = end;
    }
    let segments = archive.num_letters();
    eprintln!("indexed {segments} letters in {:.1} s", t.elapsed().as_secs_f64());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    println!("letters: {letters}, cores: {cores}");
    for interval in [Interval::Month, Interval::Week] {
        for by in [TrendBy::Topic, TrendBy::Town, TrendBy::Village, TrendBy::Origin] {
            let req = TrendRequest { by, interval, from: None, to: None };
            time(&format!("trends {by:?} {interval:?}"), || archive.trends(&req).map(|r| r.series.len()));
        }
    }
    let req = TrendRequest {
        by: TrendBy::Topic,
        interval: Interval::Month,
        from: NaiveDate::from_ymd_opt(2019, 1, 1),
        to: NaiveDate::from_ymd_opt(2019, 12, 31),
    };
    time("trends Topic Month, one year", || archive.trends(&req).map(|r| r.series.len()));
    time("topic_counts (all letters)", || archive.topic_counts(None, None).map(|c| c.len()));
    time("topic_counts (one year)", || archive.topic_counts(req.from, req.to).map(|c| c.len()));
    time("value_counts official (month)", || {
        archive.value_counts("official", NaiveDate::from_ymd_opt(2019, 3, 1), NaiveDate::from_ymd_opt(2019, 3, 31)).map(|c| c.len())
    });
    let _ = std::fs::remove_dir_all(&dir);
}
