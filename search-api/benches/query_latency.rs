//! Query latency of the search server, in process and over HTTP.
//!
//! ```sh
//! CARGO_TARGET_DIR=/work/target-release \
//!   cargo bench -p xinfang-search-api --bench query_latency -- [LETTERS] [BUILD_BUDGET_SECS]
//! # defaults: 1000000 letters, 360 s build budget
//! ```
//!
//! 1. Builds an archive of generated short letters (300–600 characters: a
//!    petitioner, an official with a title, a town and village of the
//!    gazetteer, topic sentences and a date line `2019年M月D日`) through the
//!    real write path, `Archive::ingest` with in-memory files, one commit per
//!    chunk of 50,000 letters, as a bulk load (`[index] repeats_at_ingest =
//!    false`: the repeat state is not rebuilt per chunk). Stops early (and says so) when the next chunk
//!    would overrun the build budget, so the size is what fits on the machine.
//! 2. In process, one thread: p50/p99 over 2,000 searches (after 200 warm-up)
//!    of four kinds — person filter, village + six-month date range, two-word
//!    text query with snippets, facets only — and a worst case the targets do
//!    not cover: two words nearly every letter has ("text, broad").
//! 3. HTTP: the real router on 127.0.0.1:0 in a tokio runtime, driven by `wrk`
//!    (loopback only, 10 s per run) at 1 and 4 connections, per kind and on
//!    the mixed set, with a Lua script rotating through URL-encoded queries.
//!
//! Prints one table (p50 ms, p99 ms, req/s) and the peak resident memory.
//! Everything is deterministic (an LCG), so runs are comparable.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Datelike, Months, NaiveDate};
use xinfang_index::{Archive, IngestOptions, SearchRequest};
use xinfang_ingest::batch::{InputData, InputFile};

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "欧阳", "徐", "孙", "马", "朱",
];
const GIVEN: &[&str] = &[
    "建华", "国强", "秀英", "志明", "红梅", "德福", "海涛", "玉兰", "长江", "春生", "小平", "金山",
];
const TITLES: &[&str] = &[
    "村党支部书记",
    "村委会主任",
    "村会计",
    "村监委会主任",
    "镇长",
    "副镇长",
    "站长",
    "村支书",
];
/// Topic sentences, each with the two words the text queries pair from it.
const MATTERS: &[(&str, &str, &str)] = &[
    (
        "利用职务之便，将低保名额优先分配给亲属，真正困难的群众吃不上低保。",
        "低保",
        "亲属",
    ),
    (
        "在危房改造中弄虚作假，骗取改造补助资金，每户两万余元。",
        "危房",
        "补助",
    ),
    (
        "村集体土地承包费多年不公开，账目混乱，开支只有白条。",
        "账目",
        "白条",
    ),
    (
        "截留挪用征地补偿款和青苗补偿费，十几户村民没有拿到补偿款。",
        "截留",
        "补偿款",
    ),
    (
        "换届选举前挨家挨户送米送油，拉票贿选，威胁不投票的村民。",
        "贿选",
        "拉票",
    ),
    (
        "违规发展党员，把儿子和侄子发展为预备党员，支部大会没有召开。",
        "党员",
        "侄子",
    ),
    (
        "以各种名义滥发津补贴和误工补贴，村干部每月多领好几百元。",
        "津补贴",
        "误工",
    ),
    (
        "道路硬化工程偷工减料，刚修好半年就开裂，工程款一分不少地结清了。",
        "工程款",
        "偷工减料",
    ),
    (
        "经常用公款吃喝，节假日收受礼金，办证明时吃拿卡要。",
        "公款",
        "礼金",
    ),
    (
        "默许他人在河道非法采砂，养殖场废水直排河里，污染严重。",
        "采砂",
        "污染",
    ),
    (
        "扶贫项目资金被挪作他用，到户资金没有发到贫困户手里。",
        "扶贫",
        "挪用",
    ),
];
/// Sentences of any letter: the narrative around the matter.
const FILLERS: &[&str] = &[
    "我们多次向镇里反映，一直没有答复。",
    "村里很多群众都知道，可以找村民核实。",
    "希望上级领导高度重视，派人调查，还群众一个公道。",
    "要求依纪依法严肃处理，追回被侵占的资金。",
    "具体账目和名单我们有复印件，如有需要可以提供。",
    "这件事已经拖了两年多，村民意见很大。",
    "他在村里一手遮天，大家敢怒不敢言。",
    "去年秋天开村民大会的时候，有人当场提出来，他拍桌子不让说。",
    "我们都是老实本分的农民，实在没有办法才写这封信。",
    "听说镇上有人给他撑腰，所以一直查不下去。",
    "村务公开栏上什么都没有贴，群众根本不知道钱去了哪里。",
    "有几位老党员也看不下去，愿意出来作证。",
    "我们不是无理取闹，只想把事情弄清楚。",
    "请领导派人下来走访一下，一问就清楚了。",
    "他的家人也在村里担任职务，很多事情都是一家人说了算。",
    "前几年也有人反映过，后来不了了之。",
];
/// Letters per `Archive::ingest` call (one commit each).
const CHUNK: usize = 50_000;
const WARMUP: usize = 200;
const MEASURED: usize = 2_000;
const HTTP_SECS: u64 = 10;

struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn person_name(i: usize) -> String {
    format!(
        "{}{}",
        SURNAMES[i % SURNAMES.len()],
        GIVEN[(i / SURNAMES.len()) % GIVEN.len()]
    )
}

fn all_people() -> usize {
    SURNAMES.len() * GIVEN.len()
}

/// (town, village) pairs of the gazetteer.
fn places(config: &xinfang_config::Config) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for t in &config.gazetteer.towns {
        for v in &t.villages {
            out.push((t.name.clone(), v.name.clone()));
        }
    }
    out
}

/// Letter `i`: 300–600 characters, deterministic.
fn letter(i: usize, places: &[(String, String)]) -> String {
    let mut r = Lcg(i as u64 * 7919 + 17);
    let (town, village) = &places[r.next(places.len())];
    let petitioner = person_name(r.next(all_people()));
    let official = person_name(r.next(all_people()));
    let title = TITLES[r.next(TITLES.len())];
    let target = 300 + r.next(300);
    let mut s = format!("尊敬的县纪委领导：\n我是{town}{village}村民{petitioner}，现实名反映{village}{title}{official}的问题。\n");
    // A letter is about one matter, a quarter of them about a second one too,
    // as in real intake: a topic's words occur in about a tenth of the letters.
    let main = MATTERS[r.next(MATTERS.len())].0;
    let second = (r.next(4) == 0).then(|| MATTERS[r.next(MATTERS.len())].0);
    let tail_len = 40;
    let mut first = true;
    while s.chars().count() + tail_len < target {
        if first || r.next(3) == 0 {
            s.push_str(&official);
            s.push_str(match second {
                Some(m) if !first && r.next(2) == 0 => m,
                _ => main,
            });
            first = false;
        } else {
            s.push_str(FILLERS[r.next(FILLERS.len())]);
        }
        if r.next(4) == 0 {
            s.push('\n');
        }
    }
    s.push_str(&format!(
        "\n此致\n敬礼\n举报人：{petitioner}\n2019年{}月{}日\n",
        1 + r.next(12),
        1 + r.next(28)
    ));
    s
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// Ingests letters in chunks until `letters` or until the next chunk would
/// overrun `budget`. Returns the letters in the archive.
fn build(
    archive: &Archive,
    letters: usize,
    budget: Duration,
    places: &[(String, String)],
) -> Result<u64, String> {
    let t = Instant::now();
    let mut done = 0usize;
    let mut chars = 0usize;
    while done < letters {
        let n = CHUNK.min(letters - done);
        let tc = Instant::now();
        let files: Vec<InputFile> = (done..done + n)
            .map(|i| {
                let text = letter(i, places);
                chars += text.chars().count();
                InputFile {
                    rel: format!("bench/{i:07}.txt"),
                    data: InputData::Bytes(text.into_bytes()),
                }
            })
            .collect();
        let summary = archive
            .ingest(
                files,
                Vec::new(),
                Vec::new(),
                &IngestOptions {
                    batch: format!("bench-{}", done / CHUNK),
                    origin: None,
                },
                &|| {},
            )
            .map_err(|e| format!("ingest: {e}"))?;
        if summary.files_failed > 0 {
            return Err(format!("{} files failed", summary.files_failed));
        }
        done += n;
        let chunk_secs = tc.elapsed().as_secs_f64();
        eprintln!(
            "  ingested {done} letters ({:.1} s this chunk, {:.1} s total, {} in archive)",
            chunk_secs,
            t.elapsed().as_secs_f64(),
            summary.letters_total
        );
        let next = CHUNK.min(letters.saturating_sub(done)) as f64 / n as f64 * chunk_secs;
        if done < letters && t.elapsed().as_secs_f64() + next * 1.1 > budget.as_secs_f64() {
            eprintln!(
                "  stopping at {done} of {letters} letters: the next chunk would overrun the {} s build budget",
                budget.as_secs()
            );
            break;
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let n = archive.num_letters();
    println!(
        "build: {n} letters ({:.1} M chars, avg {:.0} chars) in {secs:.1} s = {:.0} letters/s; {}",
        chars as f64 / 1e6,
        chars as f64 / done.max(1) as f64,
        done as f64 / secs,
        if done < letters {
            format!("requested {letters} did not fit the build budget")
        } else {
            "as requested".to_string()
        }
    );
    Ok(n)
}

/// The four kinds of query, each a rotating list of requests.
/// The four query kinds of the issue, then a worst case.
struct Kinds {
    names: [&'static str; 5],
    requests: [Vec<SearchRequest>; 5],
}

fn kinds(places: &[(String, String)]) -> Kinds {
    let person: Vec<SearchRequest> = (0..all_people())
        .map(|i| SearchRequest {
            person: Some(person_name((i * 37) % all_people())),
            limit: 20,
            ..Default::default()
        })
        .collect();
    let mut village = Vec::new();
    for (k, (_, v)) in places.iter().enumerate() {
        let month = 1 + (k % 7) as u32;
        let from = NaiveDate::from_ymd_opt(2019, month, 1).unwrap_or_default();
        let to = from
            .checked_add_months(Months::new(6))
            .and_then(|d| d.pred_opt())
            .unwrap_or(from);
        debug_assert!(to.year() == 2019);
        village.push(SearchRequest {
            village: Some(v.clone()),
            from: Some(from),
            to: Some(to),
            limit: 20,
            ..Default::default()
        });
    }
    let mut text = Vec::new();
    for (k, (_, a, b)) in MATTERS.iter().enumerate() {
        text.push(SearchRequest {
            q: format!("{a} {b}"),
            limit: 20,
            ..Default::default()
        });
        // Across two topics too (fewer letters have both).
        let other = MATTERS[(k + 3) % MATTERS.len()];
        text.push(SearchRequest {
            q: format!("{a} {}", other.1),
            limit: 20,
            ..Default::default()
        });
    }
    let facets = vec![SearchRequest {
        limit: 0,
        ..Default::default()
    }];
    // Worst case: two words that nearly every letter has, so ranking,
    // counting and facets run over the whole archive.
    let broad = ["反映 群众", "村民 反映", "群众 领导", "反映 问题"]
        .iter()
        .map(|q| SearchRequest {
            q: q.to_string(),
            limit: 20,
            ..Default::default()
        })
        .collect();
    Kinds {
        names: [
            "person",
            "village+dates",
            "text+snippets",
            "facets only",
            "text, broad",
        ],
        requests: [person, village, text, facets, broad],
    }
}

/// The URL path and query of a request, as the web page would send it.
fn url_of(r: &SearchRequest) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if !r.q.is_empty() {
        pairs.push(("q", r.q.clone()));
    }
    if let Some(p) = &r.person {
        pairs.push(("person", p.clone()));
    }
    if let Some(v) = &r.village {
        pairs.push(("village", v.clone()));
    }
    if let Some(d) = r.from {
        pairs.push(("from", d.to_string()));
    }
    if let Some(d) = r.to {
        pairs.push(("to", d.to_string()));
    }
    pairs.push(("limit", r.limit.to_string()));
    format!(
        "/api/search?{}",
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    )
}

#[derive(Clone, Copy)]
struct Row {
    p50: f64,
    p99: f64,
    rps: f64,
    errors: u64,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn in_process(archive: &Archive, reqs: &[SearchRequest]) -> (Row, usize) {
    // XF_BENCH_EACH=1: the median of each request of the kind, to find the slow ones.
    if std::env::var_os("XF_BENCH_EACH").is_some() {
        for r in reqs.iter().take(32) {
            let mut t: Vec<f64> = (0..15)
                .map(|_| {
                    let q = Instant::now();
                    let n = archive.search(r).map(|a| a.total).unwrap_or(0);
                    std::hint::black_box(n);
                    q.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            t.sort_by(|a, b| a.total_cmp(b));
            let n = archive.search(r).map(|a| a.total).unwrap_or(0);
            println!("  each: {:>8.2} ms  {:>8} matches  {}", t[7], n, url_of(r));
        }
    }
    let mut errors = 0u64;
    let mut totals = 0usize;
    for k in 0..WARMUP {
        if archive.search(&reqs[k % reqs.len()]).is_err() {
            errors += 1;
        }
    }
    let mut ms = Vec::with_capacity(MEASURED);
    let t = Instant::now();
    for k in 0..MEASURED {
        let q = Instant::now();
        match archive.search(&reqs[(k + WARMUP) % reqs.len()]) {
            Ok(r) => totals += r.total,
            Err(_) => errors += 1,
        }
        ms.push(q.elapsed().as_secs_f64() * 1000.0);
    }
    let secs = t.elapsed().as_secs_f64();
    ms.sort_by(|a, b| a.total_cmp(b));
    (
        Row {
            p50: percentile(&ms, 0.5),
            p99: percentile(&ms, 0.99),
            rps: MEASURED as f64 / secs,
            errors,
        },
        totals / MEASURED,
    )
}

/// A wrk duration such as `812.00us`, `1.23ms`, `2.01s` in milliseconds.
fn wrk_ms(s: &str) -> Option<f64> {
    let (num, mult) = if let Some(n) = s.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = s.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 60_000.0)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1000.0)
    } else {
        return None;
    };
    num.parse::<f64>().ok().map(|v| v * mult)
}

fn parse_wrk(out: &str) -> Option<Row> {
    let mut p50 = None;
    let mut p99 = None;
    let mut rps = None;
    let mut errors = 0u64;
    for line in out.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f.as_slice() {
            ["50%", v] => p50 = wrk_ms(v),
            ["99%", v] => p99 = wrk_ms(v),
            ["Requests/sec:", v] => rps = v.parse().ok(),
            ["Non-2xx", "or", "3xx", "responses:", n] => errors += n.parse::<u64>().unwrap_or(0),
            ["Socket", "errors:", ..] => errors += 1,
            _ => {}
        }
    }
    Some(Row {
        p50: p50?,
        p99: p99?,
        rps: rps?,
        errors,
    })
}

fn run_wrk(base: &str, urls: &[String], conns: usize, dir: &Path, tag: &str) -> Option<Row> {
    let mut lua = String::from("local paths = {\n");
    for u in urls {
        lua.push_str(&format!("  \"{u}\",\n"));
    }
    lua.push_str(
        "}\nlocal i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format(\"GET\", paths[(i % #paths) + 1])\nend\n",
    );
    let script = dir.join(format!("{tag}.lua"));
    std::fs::write(&script, lua).ok()?;
    let threads = conns.min(2);
    let out = Command::new("wrk")
        .arg(format!("-t{threads}"))
        .arg(format!("-c{conns}"))
        .arg(format!("-d{HTTP_SECS}s"))
        .arg("--latency")
        .arg("-s")
        .arg(&script)
        .arg(base)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let row = parse_wrk(&text);
    if row.is_none() {
        eprintln!(
            "wrk output not understood:\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    row
}

fn fmt_row(name: &str, how: &str, r: Option<Row>) -> String {
    match r {
        Some(r) => format!(
            "| {name:<15} | {how:<11} | {:>8.2} | {:>8.2} | {:>8.0} |{}",
            r.p50,
            r.p99,
            r.rps,
            if r.errors > 0 {
                format!(" errors: {}", r.errors)
            } else {
                String::new()
            }
        ),
        None => format!(
            "| {name:<15} | {how:<11} | {:>8} | {:>8} | {:>8} |",
            "n/a", "n/a", "n/a"
        ),
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let letters: usize = args
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let budget = Duration::from_secs(args.get(1).and_then(|a| a.parse().ok()).unwrap_or(360));
    let config = match xinfang_config::Config::defaults() {
        // A bulk load: the stored repeat state is not updated per chunk (queries
        // do not use it), so the build measures the index alone.
        Ok(mut c) => {
            c.settings.index.repeats_at_ingest = false;
            Arc::new(c)
        }
        Err(e) => {
            eprintln!("config: {e}");
            std::process::exit(1);
        }
    };
    let places = places(&config);
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("temp dir: {e}");
            std::process::exit(1);
        }
    };
    let archive = match Archive::open(&dir.path().join("archive"), config.clone()) {
        Ok(a) => Arc::new(a),
        Err(e) => {
            eprintln!("open: {e}");
            std::process::exit(1);
        }
    };
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    println!(
        "query_latency: {letters} letters requested, build budget {} s, {cores} cores",
        budget.as_secs()
    );
    let size = match build(&archive, letters, budget, &places) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("build failed: {e}");
            std::process::exit(1);
        }
    };
    let rss_build = peak_rss_mb();
    let index_mb = dir_size(&dir.path().join("archive")) as f64 / 1e6;
    println!(
        "archive: {size} letters, {index_mb:.0} MB on disk; peak RSS after build {rss_build:.0} MB"
    );

    let kinds = kinds(&places);
    let mut table: Vec<String> = Vec::new();
    let mut inproc = Vec::new();
    for (name, reqs) in kinds.names.iter().zip(kinds.requests.iter()) {
        let (row, avg_total) = in_process(&archive, reqs);
        println!("in-process {name}: average matches {avg_total}");
        inproc.push(row);
    }
    let rss_query = peak_rss_mb();

    // HTTP.
    let mut http: Vec<[Option<Row>; 2]> = vec![[None, None]; 6];
    let have_wrk = Command::new("wrk").arg("--version").output().is_ok();
    if !have_wrk {
        println!("wrk not found: HTTP rows skipped (apt-get install -y wrk)");
    } else {
        let rt = match tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
        {
            Ok(rt) => rt,
            Err(e) => {
                eprintln!("runtime: {e}");
                std::process::exit(1);
            }
        };
        let state = xinfang_search_api::server::AppState::new(archive.clone(), config.clone());
        let listener = match rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("bind: {e}");
                std::process::exit(1);
            }
        };
        let addr = match listener.local_addr() {
            Ok(a) => a,
            Err(e) => {
                eprintln!("addr: {e}");
                std::process::exit(1);
            }
        };
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let server = rt.spawn(xinfang_search_api::server::serve_on(
            listener,
            state,
            async move {
                let _ = stop_rx.await;
            },
        ));
        let base = format!("http://{addr}");
        let urls: Vec<Vec<String>> = kinds
            .requests
            .iter()
            .map(|rs| rs.iter().map(url_of).collect())
            .collect();
        // Check that every URL kind answers 200 before measuring.
        for u in urls.iter().filter_map(|u| u.first()) {
            let full = format!("{base}{u}");
            let status =
                rt.block_on(async { reqwest::get(&full).await.map(|r| r.status().as_u16()) });
            match status {
                Ok(200) => {}
                other => println!("warning: {u} answered {other:?}"),
            }
        }
        let mut mixed = Vec::new();
        // The mixed set: the four kinds of the issue, not the worst case.
        let four = &urls[..4];
        for k in 0..64 {
            let list = &four[k % four.len()];
            mixed.push(list[(k / four.len()) % list.len()].clone());
        }
        for (ci, conns) in [1usize, 4].into_iter().enumerate() {
            for (k, list) in urls.iter().enumerate() {
                http[k][ci] = run_wrk(&base, list, conns, dir.path(), &format!("k{k}c{conns}"));
            }
            http[5][ci] = run_wrk(&base, &mixed, conns, dir.path(), &format!("mixedc{conns}"));
        }
        let _ = stop_tx.send(());
        let _ = rt.block_on(server);
    }

    let names = [
        kinds.names[0],
        kinds.names[1],
        kinds.names[2],
        kinds.names[3],
        kinds.names[4],
        "mixed (4 kinds)",
    ];
    table.push(format!(
        "| {:<15} | {:<11} | {:>8} | {:>8} | {:>8} |",
        "query", "run", "p50 ms", "p99 ms", "req/s"
    ));
    table.push("|-----------------|-------------|---------:|---------:|---------:|".to_string());
    for (k, name) in names.iter().enumerate() {
        if k < 5 {
            table.push(fmt_row(name, "in-process", Some(inproc[k])));
        }
        table.push(fmt_row(name, "HTTP c=1", http[k][0]));
        table.push(fmt_row(name, "HTTP c=4", http[k][1]));
    }
    println!();
    println!("archive of {size} letters; in-process: 1 thread, {MEASURED} queries after {WARMUP} warm-up; HTTP: wrk, {HTTP_SECS} s per row, loopback");
    for l in &table {
        println!("{l}");
    }
    println!(
        "peak RSS (VmHWM): {:.0} MB (after build {rss_build:.0} MB, after in-process queries {rss_query:.0} MB)",
        peak_rss_mb()
    );
    let in_ok = inproc[..4].iter().all(|r| r.p99 <= 15.0);
    let http_ok = http[5][1].is_some_and(|r| r.p99 <= 30.0 && r.rps >= 500.0);
    println!(
        "targets: in-process p99 <= 15 ms for all four: {}; HTTP c=4 mixed p99 <= 30 ms and >= 500 req/s: {}",
        if in_ok { "met" } else { "NOT met" },
        if http_ok { "met" } else { "NOT met" }
    );
}

fn dir_size(p: &Path) -> u64 {
    let Ok(rd) = std::fs::read_dir(p) else {
        return 0;
    };
    rd.filter_map(|e| e.ok())
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}
