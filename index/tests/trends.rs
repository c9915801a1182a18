//! Trends, alerts and taxonomy counts.
//!
//! ```sh
//! cargo test -p xinfang-index --test trends -- --nocapture
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use xinfang_config::Config;
use xinfang_index::trends::{detect_alerts, AlertRule};
use xinfang_index::{Archive, IngestOptions, Interval, TrendBy, TrendRequest};
use xinfang_ingest::batch::{InputData, InputFile};
use xinfang_ingest::record::{EightWs, Letter, Official, Script, Sensitive};
use xinfang_ingest::Origin;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn archive() -> (tempfile::TempDir, Archive) {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = Arc::new(Config::defaults().expect("config"));
    let archive = Archive::open(dir.path(), config).expect("open");
    (dir, archive)
}

/// A prepared letter for `bench_add_letters` (exact dates and keys).
fn prepared(i: usize, received: Option<NaiveDate>, topic: &str, town: &str, origin: Origin) -> Letter {
    Letter {
        id: format!("L{i:06}"),
        reference: None,
        title: String::new(),
        received,
        origin: Some(origin),
        batch: "t".into(),
        town: Some(town.into()),
        village: Some(format!("{town}一村")),
        petitioners: vec![],
        accused: vec![Official {
            name: "王某".into(),
            title: "村委会主任".into(),
            town: None,
            village: None,
        }],
        mentioned: vec![],
        topics: vec![topic.into(), "其他".into()],
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

/// Small deterministic generator.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Poisson by inversion (small means).
    fn poisson(&mut self, mean: f64) -> u64 {
        let (mut k, mut p, l) = (0u64, 1.0, (-mean).exp());
        loop {
            p *= self.next();
            if p <= l {
                return k;
            }
            k += 1;
        }
    }
}

#[test]
fn planted_surges_are_alerted_with_few_false_alerts() {
    let rule = AlertRule::from(&Config::defaults().expect("config").settings.trends);
    // Several keys with different volumes and a seasonal swing; surges planted
    // at known months (×2.5 to ×4 of the level).
    let keys: [(&str, f64, &[usize]); 5] = [
        ("低保", 12.0, &[9, 20]),
        ("换届选举", 3.0, &[14]), // village elections: from ~3 to a burst
        ("征地补偿", 20.0, &[7, 17]),
        ("生态环境", 6.0, &[11]),
        ("其他", 30.0, &[]),
    ];
    let mut rng = Lcg(20190301);
    let (mut planted, mut caught, mut false_alerts) = (0, 0, 0);
    for (key, level, surges) in keys {
        let counts: Vec<u64> = (0..24)
            .map(|m| {
                let season = 1.0 + 0.2 * ((m as f64) * std::f64::consts::TAU / 12.0).sin();
                let mean = level * season;
                if surges.contains(&m) {
                    let factor = 2.5 + 1.5 * rng.next();
                    (mean * factor).round().max(8.0) as u64 + rng.poisson(1.0)
                } else {
                    rng.poisson(mean)
                }
            })
            .collect();
        let alerts = detect_alerts(&counts, &rule);
        let at: Vec<usize> = alerts.iter().map(|a| a.index).collect();
        let hits = surges.iter().filter(|s| at.contains(s)).count();
        let false_here = at.iter().filter(|i| !surges.contains(i)).count();
        println!("{key:<8} counts {counts:?}\n         surges {surges:?} alerts {at:?}");
        planted += surges.len();
        caught += hits;
        false_alerts += false_here;
        assert_eq!(hits, surges.len(), "{key}: every planted surge alerts");
    }
    println!("planted surges {planted}, alerted {caught}, false alerts {false_alerts} over 2 years × {} keys", keys.len());
    assert!(false_alerts <= 2, "at most one false alert per year: {false_alerts}");
}

/// A CSV ledger (上级转办台账): rows carry the received date, town, village,
/// accused and category, so the letters have known dates and keys (the place
/// also stands in the summary, for extractors that read places from text).
fn ledger(name: &str, rows: &[(String, NaiveDate, &str, &str, &str, &str)]) -> InputFile {
    let mut csv = String::from("序号,信访编号,来信日期,信访人,被反映人,单位及职务,所属乡镇,所属村,问题类别,主要问题\n");
    for (i, (reference, d, town, village, category, summary)) in rows.iter().enumerate() {
        csv.push_str(&format!(
            "{},{reference},{},匿名,王建华,{village}村党支部书记,{town},{village},{category},{town}{village}{summary}\n",
            i + 1,
            d.format("%Y-%m-%d")
        ));
    }
    InputFile {
        rel: name.into(),
        data: InputData::Bytes(csv.into_bytes()),
    }
}

#[test]
fn trends_from_ingested_letters_match_the_records() {
    let (_d, a) = archive();
    let kinds = [
        ("低保", "反映村党支部书记把低保名额给了亲戚"),
        ("危房改造", "反映危房改造补助被冒领"),
        ("征地补偿", "反映截留征地补偿款"),
    ];
    let places = [("石桥镇", "柳河村"), ("青龙镇", "清坝村")];
    let months = [(2019, 1), (2019, 2), (2019, 4), (2019, 5)];
    let mut rows = Vec::new();
    let mut i = 0;
    for (y, m) in months {
        for (k, (category, summary)) in kinds.iter().enumerate() {
            for _ in 0..=k {
                i += 1;
                let (town, village) = places[i % 2];
                rows.push((format!("XF{y}-{i:04}"), date(y, m, 1 + (i % 27) as u32), town, village, *category, *summary));
            }
        }
    }
    a.ingest(vec![ledger("台账.csv", &rows)], vec![], vec![], &IngestOptions { batch: "t".into(), origin: Some(Origin::Forwarded) }, &|| {})
        .expect("ingest");
    let letters = a.all_letters().expect("letters");
    assert_eq!(letters.len(), i);

    // Expected from the records themselves.
    let mut expected: BTreeMap<(String, String), u64> = BTreeMap::new();
    for l in &letters {
        if let (Some(d), Some(t)) = (l.received, l.topics.first()) {
            *expected.entry((t.clone(), d.format("%Y-%m").to_string())).or_default() += 1;
        }
    }
    assert_eq!(expected.values().sum::<u64>(), i as u64, "every row has its date");
    let r = a
        .trends(&TrendRequest { by: TrendBy::Topic, interval: Interval::Month, from: None, to: None })
        .expect("trends");
    let periods: Vec<&str> = r.series[0].points.iter().map(|p| p.period.as_str()).collect();
    println!("periods {periods:?}");
    assert_eq!(periods, ["2019-01", "2019-02", "2019-03", "2019-04", "2019-05"], "zero-filled, continuous");
    for s in &r.series {
        assert_eq!(s.points.len(), periods.len());
        for p in &s.points {
            let want = expected.get(&(s.key.clone(), p.period.clone())).copied().unwrap_or(0);
            assert_eq!(p.count, want, "{} {}", s.key, p.period);
        }
    }
    // The March gap is a zero in every series.
    assert!(r.series.iter().all(|s| s.points[2].count == 0));

    // Origin: everything forwarded.
    let r = a
        .trends(&TrendRequest { by: TrendBy::Origin, ..Default::default() })
        .expect("trends");
    assert_eq!(r.series.len(), 1);
    assert_eq!(r.series[0].key, "forwarded");
    let dated = letters.iter().filter(|l| l.received.is_some()).count() as u64;
    assert_eq!(r.series[0].points.iter().map(|p| p.count).sum::<u64>(), dated);

    // Town by ISO week, limited to February.
    let r = a
        .trends(&TrendRequest {
            by: TrendBy::Town,
            interval: Interval::Week,
            from: Some(date(2019, 2, 1)),
            to: Some(date(2019, 2, 28)),
        })
        .expect("trends");
    let weeks: Vec<&str> = r.series[0].points.iter().map(|p| p.period.as_str()).collect();
    assert_eq!(weeks, ["2019-W05", "2019-W06", "2019-W07", "2019-W08", "2019-W09"]);
    let in_feb = letters
        .iter()
        .filter(|l| l.received.is_some_and(|d| d.month() == 2 && d.year() == 2019) && l.town.is_some())
        .count() as u64;
    assert_eq!(r.series.iter().flat_map(|s| &s.points).map(|p| p.count).sum::<u64>(), in_feb);

    // Taxonomy counts: every label, zeros included; main counts add up.
    let counts = a.topic_counts(None, None).expect("topic counts");
    let labels = a.config().taxonomy.labels();
    for l in &labels {
        assert!(counts.iter().any(|c| &c.label == l), "{l} listed");
    }
    assert!(counts.iter().any(|c| c.letters == 0), "zero labels are listed");
    assert_eq!(counts.iter().map(|c| c.main).sum::<u64>(), letters.len() as u64);
    for c in &counts {
        let want = letters.iter().filter(|l| l.topics.contains(&c.label)).count() as u64;
        assert_eq!(c.letters, want, "{}", c.label);
    }
    let feb = a.topic_counts(Some(date(2019, 2, 1)), Some(date(2019, 2, 28))).expect("feb");
    assert_eq!(feb.iter().map(|c| c.main).sum::<u64>(), a.count_letters(Some(date(2019, 2, 1)), Some(date(2019, 2, 28))).expect("n"));

    // A reversed range is a bad parameter.
    assert!(a
        .trends(&TrendRequest { from: Some(date(2019, 5, 1)), to: Some(date(2019, 1, 1)), ..Default::default() })
        .is_err());
}

#[test]
fn alerts_of_a_planted_surge_come_through_the_archive() {
    let (_d, a) = archive();
    let mut letters = Vec::new();
    let mut i = 0;
    // 2018-01 .. 2019-12: 换届选举 4 a month, 20 in 2018-10 (村两委换届); 低保 steady 10.
    for m in 0..24u32 {
        let (y, mo) = (2018 + (m / 12) as i32, m % 12 + 1);
        let n_elec = if (y, mo) == (2018, 10) { 20 } else { 4 };
        for k in 0..n_elec {
            i += 1;
            letters.push(prepared(i, Some(date(y, mo, 1 + k % 28)), "换届选举", "石桥镇", Origin::Forwarded));
        }
        for k in 0..10 {
            i += 1;
            letters.push(prepared(i, Some(date(y, mo, 1 + k % 28)), "低保", "青龙镇", Origin::Local));
        }
    }
    i += 1;
    letters.push(prepared(i, None, "低保", "青龙镇", Origin::Local));
    a.bench_add_letters(&letters).expect("add");

    let r = a.trends(&TrendRequest::default()).expect("trends");
    println!("alerts {:?}", r.alerts);
    assert_eq!(r.alerts.len(), 1);
    let al = &r.alerts[0];
    assert_eq!((al.key.as_str(), al.period.as_str(), al.count), ("换届选举", "2018-10", 20));
    assert_eq!(al.baseline, 4.0);
    assert_eq!(al.ratio, 5.0);
    assert_eq!(r.series[0].points.len(), 24);

    // A range starting at the surge month still judges it against history.
    let r = a
        .trends(&TrendRequest { from: Some(date(2018, 10, 1)), to: Some(date(2018, 12, 31)), ..Default::default() })
        .expect("trends");
    assert_eq!(r.series[0].points.len(), 3);
    assert_eq!(r.alerts.len(), 1, "{:?}", r.alerts);

    // Counts over fast fields.
    assert_eq!(a.count_letters(None, None).expect("n"), i as u64);
    assert_eq!(a.count_letters(Some(date(2018, 10, 1)), Some(date(2018, 10, 31))).expect("n"), 30);
    let officials = a.value_counts("official", Some(date(2018, 10, 1)), Some(date(2018, 10, 31))).expect("officials");
    assert_eq!(officials.get("王某"), Some(&30));
    let all = a.trends(&TrendRequest { by: TrendBy::All, ..Default::default() }).expect("all");
    assert_eq!(all.series.len(), 1);
    assert_eq!(all.series[0].points.iter().map(|p| p.count).sum::<u64>(), i as u64 - 1, "undated left out");
}

/// `from` and `to` are days: a range that starts or ends inside a month
/// counts only the letters inside it, as search and topics do.
#[test]
fn a_range_inside_months_counts_only_its_days() {
    let (_d, a) = archive();
    let days = [date(2019, 4, 3), date(2019, 4, 14), date(2019, 4, 20), date(2019, 5, 10), date(2019, 5, 25)];
    let letters: Vec<Letter> =
        days.iter().enumerate().map(|(i, &d)| prepared(i, Some(d), "低保", "石桥镇", Origin::Local)).collect();
    a.bench_add_letters(&letters).expect("add");
    for by in [TrendBy::Topic, TrendBy::Town, TrendBy::Origin] {
        let r = a
            .trends(&TrendRequest {
                by,
                from: Some(date(2019, 4, 15)),
                to: Some(date(2019, 5, 15)),
                ..TrendRequest::default()
            })
            .expect("trends");
        let s = r.series.first().expect("a series");
        let points: Vec<(&str, u64)> = s.points.iter().map(|p| (p.period.as_str(), p.count)).collect();
        assert_eq!(points, vec![("2019-04", 1), ("2019-05", 1)], "{by:?}");
    }
    // Whole months as before.
    let r = a
        .trends(&TrendRequest { by: TrendBy::Topic, from: Some(date(2019, 4, 1)), to: Some(date(2019, 5, 31)), ..TrendRequest::default() })
        .expect("trends");
    assert_eq!(r.series[0].points.iter().map(|p| p.count).sum::<u64>(), 5);
}

/// An archive whose letters start in 2019-01 (one stray letter of 2018-06
/// before) has no baseline for its first months: no topic alerts there,
/// while a later surge from nothing still does.
#[test]
fn the_months_before_the_archive_collected_letters_are_no_baseline() {
    let (_d, a) = archive();
    let mut letters = vec![prepared(0, Some(date(2018, 6, 10)), "低保", "石桥镇", Origin::Local)];
    let mut i = 1;
    for m in 1..=9 {
        for (topic, n) in [("低保", 6), ("危房改造", 5), ("征地补偿", 5)] {
            for k in 0..n {
                letters.push(prepared(i, Some(date(2019, m, 1 + k)), topic, "石桥镇", Origin::Local));
                i += 1;
            }
        }
    }
    for k in 0..15 {
        letters.push(prepared(i, Some(date(2019, 8, 1 + k)), "换届选举", "石桥镇", Origin::Local));
        i += 1;
    }
    a.bench_add_letters(&letters).expect("add");
    let r = a.trends(&TrendRequest::default()).expect("trends");
    let alerts: Vec<(&str, &str)> = r.alerts.iter().map(|al| (al.key.as_str(), al.period.as_str())).collect();
    assert_eq!(alerts, vec![("换届选举", "2019-08")]);
}
