//! Ingest throughput against raw jieba, side by side in one run.
//!
//! ```sh
//! cargo bench -p xinfang-index --bench ingest_throughput -- [LETTERS] [--corpus templated|prose]
//! ```
//!
//! LETTERS defaults to 200000; without `--corpus` both corpora run in turn.
//!
//! 1. Generates LETTERS letters of about 1.8 KB (deterministic) as `.txt`
//!    files in a temporary folder: `templated` (twelve matters and seven
//!    fillers) or `prose` (sentences of the sample intake, see [`Prose`]).
//! 2. Baseline: jieba-rs `cut_for_search` (HMM on) over the same texts on a
//!    rayon pool of all cores, in a child process.
//! 3. Floor: the preloaded texts through the jieba word tokenizer into a
//!    bare tantivy index (positions, stored text), nothing else, in a child
//!    process: what any jieba + tantivy pipeline costs here (see `child_floor`).
//! 4. xinfang: the real ingest path (`collect_files` + `Archive::ingest`:
//!    read, decode, clean, extract, assemble, tokenize, index, repeat state,
//!    commit, merge) in a child process, as the `ingest` command runs it.
//!
//! Prints MB/s and letters/s of each, the ratios to the baseline, and each
//! child's peak resident memory (VmHWM).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

/// The allocator of the `xinfang` binary, so that memory is measured as it runs.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "欧阳", "徐", "孙", "马", "朱"];
const GIVEN: &[&str] = &["建华", "国强", "秀英", "志明", "红梅", "德福", "海涛", "玉兰", "长江", "春生", "小平", "金山"];
const TITLES: &[&str] = &["村党支部书记", "村委会主任", "村会计", "村监委会主任", "镇长", "副镇长", "站长", "村支书"];
const PLACES: &[(&str, &str)] = &[
    ("石桥镇", "柳河村"), ("石桥镇", "东山村"), ("青龙镇", "清坝村"), ("河口乡", "大营村"), ("白马镇", "红星村"),
    ("双河镇", "金竹村"), ("南山乡", "松林村"), ("城关镇", "北关村"), ("长岭镇", "鹿鸣村"), ("白马镇", "三岔村"),
];
const MATTERS: &[&str] = &[
    "利用职务之便，将本村低保名额优先分配给自己的亲属，真正困难的群众却吃不上低保，群众意见很大。",
    "在危房改造工作中弄虚作假，把不符合条件的房屋报为危房，骗取国家改造补助资金，每户两万余元。",
    "村集体的土地承包费和租金多年来从不公开，账目混乱，大量开支只有白条，群众多次要求公开均被拒绝。",
    "征地补偿款发放不公开不透明，截留挪用青苗补偿费和安置费，至今仍有十几户村民没有拿到补偿款。",
    "在村两委换届选举前挨家挨户送米送油，拉票贿选，还威胁不投票给他的村民以后不给办事。",
    "违规发展党员，把自己的儿子和侄子发展为预备党员，入党程序走过场，支部大会根本没有召开。",
    "以各种名义滥发津补贴和误工补贴，村干部每人每月多领好几百元，群众的钱被他们瓜分了。",
    "村里的道路硬化工程偷工减料，混凝土厚度远远不够，刚修好半年就到处开裂，工程款却一分不少地结清了。",
    "经常用公款吃喝，节假日收受礼金，办理各种证明时吃拿卡要，工作态度恶劣，群众办事难。",
    "在受到党纪处分后仍然照常履行职务，处分影响期内还领取全额绩效奖金，处分决定形同虚设。",
    "默许他人在河道非法采砂，附近的养殖场废水直排河里，污染严重，鱼都死光了，多次反映无人处理。",
    "扶贫项目资金被挪作他用，产业扶贫的到户资金没有发到贫困户手里，建档立卡户名单也有问题。",
];
const FILLERS: &[&str] = &[
    "我们曾多次向镇里反映，但一直没有得到答复，问题至今没有解决。",
    "以上情况村里很多群众都知道，可以找村民调查核实。",
    "这件事情在村里影响很坏，群众意见很大，严重损害了党和政府的形象。",
    "希望上级领导高度重视，派人下来调查，还群众一个公道。",
    "我们要求依法依纪严肃处理相关人员，追回被侵占的资金，并给群众一个明确的答复。",
    "二〇一八年以来，这种情况越来越严重，有的村民敢怒不敢言，怕遭到打击报复。",
    "具体的账目和名单我们手里都有复印件，如有需要可以提供。",
];

struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn letter(i: usize) -> String {
    let mut r = Lcg(i as u64 * 7919 + 17);
    let (town, village) = PLACES[r.next(PLACES.len())];
    let name = |r: &mut Lcg| format!("{}{}", SURNAMES[r.next(SURNAMES.len())], GIVEN[r.next(GIVEN.len())]);
    let petitioner = name(&mut r);
    let official = name(&mut r);
    let title = TITLES[r.next(TITLES.len())];
    let mut s = format!("尊敬的县纪委领导：\n我是{town}{village}村民{petitioner}，现实名反映{village}{title}{official}的问题。\n");
    while s.len() < 1750 {
        if r.next(3) == 0 {
            s.push_str(FILLERS[r.next(FILLERS.len())]);
        } else {
            s.push_str(&format!("{official}{}", MATTERS[r.next(MATTERS.len())]));
        }
        if r.next(4) == 0 {
            s.push('\n');
        }
    }
    s.push_str(&format!("\n此致\n敬礼\n举报人：{petitioner}\n2019年{}月{}日\n", 1 + r.next(12), 1 + r.next(28)));
    s
}

/// Sentences of real-looking letters: every simplified sentence of the sample
/// intake's text files (`samples/intake`, made by `samples/generate.py`),
/// recombined with names from wide pools and places from the gazetteer.
///
/// Why a second corpus: the templated letters above reuse twelve matters and
/// seven fillers, which makes jieba run at about 320 MB/s, well above the
/// ~120 MB/s measured on varied letters, and makes every letter a near copy
/// of thousands of others. The prose corpus has the vocabulary of real letters.
struct Prose {
    surnames: Vec<char>,
    given: Vec<char>,
    sentences: Vec<String>,
    places: Vec<(String, String)>,
    titles: Vec<String>,
}

const PROSE_SURNAMES: &str = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段";
const PROSE_GIVEN: &str = "建国华明伟强军平东海波涛峰红梅芳秀英兰玉桂珍凤霞丽春生福贵财发德志文武刚勇林森松柏山水成功学新民利荣昌盛兴旺永长胜庆宝金银";

impl Prose {
    fn load(config: &xinfang_config::Config) -> Prose {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/intake");
        let mut files = Vec::new();
        let mut stack = vec![root];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")) {
                    files.push(p);
                }
            }
        }
        files.sort();
        // The sample's people and places become slots (\u{1} a name, \u{2} the
        // village, \u{3} the town) filled per letter: left in, a few hundred
        // sample names would be "the same official" in thousands of letters.
        let truth: serde_json::Value = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/truth.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        let mut names: Vec<String> = Vec::new();
        for l in truth["letters"].as_array().into_iter().flatten() {
            for role in ["petitioners", "accused", "mentioned"] {
                for p in l[role].as_array().into_iter().flatten() {
                    if let Some(n) = p["name"].as_str().filter(|n| n.chars().count() >= 2) {
                        names.push(n.to_string());
                    }
                }
            }
        }
        let mut places: Vec<(String, char)> = names.into_iter().map(|n| (n, '\u{1}')).collect();
        for t in &config.gazetteer.towns {
            places.push((t.name.clone(), '\u{3}'));
            for v in &t.villages {
                places.push((v.name.clone(), '\u{2}'));
            }
        }
        // Longest first, so 王建华 goes before 王建.
        places.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        places.dedup();
        let slot = |sentence: &str| -> String {
            let mut out = sentence.to_string();
            for (name, mark) in &places {
                if out.contains(name.as_str()) {
                    out = out.replace(name.as_str(), &mark.to_string());
                }
            }
            out
        };
        let mut seen = std::collections::HashSet::new();
        let mut sentences = Vec::new();
        for f in files {
            let Ok(bytes) = std::fs::read(&f) else { continue };
            let Ok(decoded) = xinfang_ingest::decode::decode_text(&bytes) else { continue };
            // clean() joins the hard line breaks of OCR text inside sentences.
            for line in xinfang_ingest::text::clean(&decoded.text).lines() {
                let mut cur = String::new();
                for ch in line.trim().chars() {
                    cur.push(ch);
                    if matches!(ch, '。' | '！' | '？' | '；') {
                        let han = cur.chars().filter(|&c| xinfang_ingest::text::is_han(c)).count();
                        let simplified = !cur.chars().any(xinfang_ingest::text::is_traditional_char);
                        if han >= 8 && simplified && seen.insert(cur.clone()) {
                            sentences.push(slot(&cur));
                            cur.clear();
                        } else {
                            cur.clear();
                        }
                    }
                }
            }
        }
        let places = config
            .gazetteer
            .towns
            .iter()
            .flat_map(|t| t.villages.iter().map(move |v| (t.name.clone(), v.name.clone())))
            .collect();
        let titles = config.people.titles_longest_first().into_iter().map(|(t, _)| t).collect();
        Prose { surnames: PROSE_SURNAMES.chars().collect(), given: PROSE_GIVEN.chars().collect(), sentences, places, titles }
    }

    fn letter(&self, i: usize) -> String {
        let mut r = Lcg(i as u64 * 104729 + 7);
        let (sur, giv) = (&self.surnames, &self.given);
        let name = |r: &mut Lcg| {
            let mut n = String::new();
            n.push(sur[r.next(sur.len())]);
            n.push(giv[r.next(giv.len())]);
            if r.next(4) != 0 {
                n.push(giv[r.next(giv.len())]);
            }
            n
        };
        let (town, village) = &self.places[r.next(self.places.len())];
        let petitioner = name(&mut r);
        let official = name(&mut r);
        let title = &self.titles[r.next(self.titles.len())];
        let phone = 13_000_000_000u64 + (r.next(1_000_000_000)) as u64;
        let mut s = format!(
            "尊敬的领导：\n反映人{petitioner}，{town}{village}村民，联系电话{phone}。现将{village}{title}{official}的问题反映如下：\n"
        );
        while s.len() < 1750 {
            if r.next(5) == 0 {
                s.push_str(&official);
                s.push_str("身为");
                s.push_str(title);
                s.push('，');
            }
            for ch in self.sentences[r.next(self.sentences.len())].chars() {
                match ch {
                    '\u{1}' if r.next(2) == 0 => s.push_str(&official),
                    '\u{1}' => s.push_str(&name(&mut r)),
                    '\u{2}' => s.push_str(village),
                    '\u{3}' => s.push_str(town),
                    c => s.push(c),
                }
            }
            if r.next(4) == 0 {
                s.push('\n');
            }
        }
        s.push_str(&format!(
            "\n此致\n敬礼！\n反映人：{petitioner}\n{}年{}月{}日\n",
            2016 + r.next(4),
            1 + r.next(12),
            1 + r.next(28)
        ));
        s
    }
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

fn read_texts(dir: &Path) -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
}

fn child_jieba(dir: &Path) {
    let texts = read_texts(dir);
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let jieba = jieba_rs::Jieba::new();
    let t = Instant::now();
    let tokens: usize = texts.par_iter().map(|t| jieba.cut_for_search(t, true).len()).sum();
    let secs = t.elapsed().as_secs_f64();
    println!("RESULT {} {} {secs} {} {tokens}", texts.len(), bytes, peak_rss_mb());
}

/// The floor: the same texts, preloaded (not timed), through xinfang's jieba
/// word tokenizer into tantivy with positions and the text stored, and
/// nothing else: no file reading, n-grams, extraction or repeats. This is the
/// reference pipeline of `../shared/research/feasibility.md` §5 (2 indexing
/// threads, 300 MB, add → commit → merges), run here to show what ratio even
/// a bare jieba + tantivy index reaches against this baseline on this machine.
fn child_floor(dir: &Path) {
    use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
    let texts = read_texts(dir);
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let Ok(config) = xinfang_config::Config::defaults() else {
        eprintln!("config");
        std::process::exit(1);
    };
    let seg = xinfang_index::tokenizer::Segmenter::new(&config);
    let mut b = Schema::builder();
    let body = b.add_text_field(
        "body",
        TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("floor")
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored(),
    );
    let out = dir.with_extension("floor");
    let _ = std::fs::remove_dir_all(&out);
    let run = || -> tantivy::Result<f64> {
        std::fs::create_dir_all(&out)?;
        let index = tantivy::Index::create_in_dir(&out, b.build())?;
        index.tokenizers().register("floor", xinfang_index::tokenizer::WordTokenizer::new(seg));
        let t = Instant::now();
        let mut w: tantivy::IndexWriter = index.writer_with_num_threads(2, 300 * 1024 * 1024)?;
        for text in &texts {
            w.add_document(tantivy::doc!(body => text.as_str()))?;
        }
        w.commit()?;
        w.wait_merging_threads()?;
        Ok(t.elapsed().as_secs_f64())
    };
    let secs = match run() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("floor: {e}");
            std::process::exit(1);
        }
    };
    let _ = std::fs::remove_dir_all(&out);
    println!("RESULT {} {bytes} {secs} {} {}", texts.len(), peak_rss_mb(), texts.len());
}

fn child_ingest(dir: &Path) {
    // Phase timings (read, index, repeats, commit) go to stderr with XF_BENCH_LOG=1.
    if std::env::var_os("XF_BENCH_LOG").is_some() {
        let _ = tracing_subscriber::fmt().with_writer(std::io::stderr).with_env_filter("info").try_init();
    }
    let config = match xinfang_config::Config::defaults() {
        Ok(mut c) => {
            // Diagnosis only (never in the reported ratio): index without the repeat state.
            if std::env::var_os("XF_BENCH_NO_REPEATS").is_some() {
                c.settings.index.repeats_at_ingest = false;
            }
            Arc::new(c)
        }
        Err(e) => {
            eprintln!("config: {e}");
            std::process::exit(1);
        }
    };
    let data = dir.with_extension("data");
    let _ = std::fs::remove_dir_all(&data);
    let archive = match xinfang_index::Archive::open(&data, config) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("open: {e}");
            std::process::exit(1);
        }
    };
    // As the `ingest` command does: the process exits after the ingest.
    archive.set_keep_repeat_state(false);
    let t = Instant::now();
    let (files, errs, warns) = xinfang_ingest::batch::collect_files(&[dir.to_path_buf()]);
    let bytes: u64 = files
        .iter()
        .filter_map(|f| match &f.data {
            xinfang_ingest::InputData::Path(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            xinfang_ingest::InputData::Bytes(b) => Some(b.len() as u64),
        })
        .sum();
    let n = files.len();
    let summary = archive.ingest(
        files,
        errs,
        warns,
        &xinfang_index::IngestOptions {
            batch: "bench".into(),
            origin: None,
        },
        &|| {},
    );
    let secs = t.elapsed().as_secs_f64();
    match summary {
        Ok(s) => println!("RESULT {n} {bytes} {secs} {} {}", peak_rss_mb(), s.letters_added),
        Err(e) => {
            eprintln!("ingest: {e}");
            std::process::exit(1);
        }
    }
    // XF_BENCH_KEEP=1 keeps the archive, to look at its segments.
    if std::env::var_os("XF_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&data);
    }
}

/// `--stages N`: where one letter's time goes, on one thread, in µs per
/// letter. Not part of the ratio; a guide for optimising the pipeline.
fn stages(n: usize, corpus: Corpus) {
    use tantivy::tokenizer::{TokenStream, Tokenizer};
    use xinfang_ingest::assemble::assemble_with_cleaned;
    use xinfang_ingest::batch::{BatchOptions, InputData, InputFile, Reader};
    let config = match xinfang_config::Config::defaults() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("config: {e}");
            return;
        }
    };
    let make = generator(corpus);
    let texts: Vec<String> = (0..n).map(|i| make(i)).collect();
    let mb = texts.iter().map(|t| t.len()).sum::<usize>() as f64 / 1e6;
    let per = |t: Instant| t.elapsed().as_secs_f64() * 1e6 / n as f64;
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("pool: {e}");
            return;
        }
    };
    let Ok(reader) = Reader::new(&config) else { return };
    let opts = BatchOptions { batch: "b".into(), origin: None, ingested_at: "2026-01-01T00:00:00Z".into() };
    let files: Vec<InputFile> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| InputFile { rel: format!("{i:07}.txt"), data: InputData::Bytes(t.as_bytes().to_vec()) })
        .collect();
    let t = Instant::now();
    let read = pool.install(|| reader.read_all(files, &opts, &|_| false, &|| {}));
    let read_us = per(t);
    let parts: Vec<Vec<xinfang_ingest::record::LetterPart>> = read
        .into_iter()
        .filter_map(|f| match f.outcome {
            xinfang_ingest::batch::FileOutcome::Read { parts, .. } => Some(parts),
            _ => None,
        })
        .collect();
    let extractor = xinfang_ingest::extract::Extractor::new(&config);
    let t = Instant::now();
    let letters: Vec<(xinfang_ingest::record::Letter, String)> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| assemble_with_cleaned(format!("L{i}"), p.clone(), &extractor))
        .collect();
    let assemble_us = per(t);
    let t = Instant::now();
    let cleaned: Vec<String> = letters.iter().map(|(l, _)| xinfang_ingest::text::clean(&l.text)).collect();
    let clean_us = per(t);
    let t = Instant::now();
    let folded: usize = cleaned.iter().map(|c| xinfang_ingest::text::fold_with_offsets(c).1.len()).sum();
    let fold_us = per(t);
    let seg = xinfang_index::tokenizer::Segmenter::new(&config);
    fn count_tokens<T: Tokenizer>(tokenizer: &mut T, texts: &[String]) -> usize {
        let mut n = 0;
        for c in texts {
            let mut ts = tokenizer.token_stream(c);
            while ts.advance() {
                n += 1;
            }
        }
        n
    }
    let mut words = xinfang_index::tokenizer::WordTokenizer::new(seg);
    let t = Instant::now();
    let nw = count_tokens(&mut words, &cleaned);
    let words_us = per(t);
    let mut ngram = xinfang_index::tokenizer::NgramTokenizer::default();
    let t = Instant::now();
    let ng = count_tokens(&mut ngram, &cleaned);
    let ngram_us = per(t);
    let t = Instant::now();
    let json: usize = letters.iter().map(|(l, _)| serde_json::to_vec(l).map(|v| v.len()).unwrap_or(0)).sum();
    let json_us = per(t);
    let t = Instant::now();
    let repeat_inputs: usize = letters
        .iter()
        .zip(&cleaned)
        .map(|((l, _), c)| xinfang_index::repeats::RepeatInput::of_cleaned(l, c, &config.settings.repeats).id().len())
        .sum();
    let repeat_us = per(t);
    println!("stages over {n} {} letters ({mb:.1} MB), one thread, µs per letter:", corpus.name());
    println!("  read (hash, decode, clean, refs)   {read_us:>8.1}");
    println!("  assemble (clean + extract)         {assemble_us:>8.1}");
    println!("    of which clean                   {clean_us:>8.1}");
    println!("  fold_with_offsets (once)           {fold_us:>8.1}   ({folded} chars)");
    println!("  words tokenizer (body)             {words_us:>8.1}   ({nw} tokens)");
    println!("  ngram tokenizer (body)             {ngram_us:>8.1}   ({ng} tokens)");
    println!("  record JSON                        {json_us:>8.1}   ({} bytes avg)", json / n.max(1));
    println!("  repeat features (of_cleaned)       {repeat_us:>8.1}   ({repeat_inputs} id bytes)");
}

fn run_child(phase: &str, dir: &Path) -> Option<(usize, f64, f64, f64, u64)> {
    let exe = std::env::current_exe().ok()?;
    let out = Command::new(exe)
        .arg("--phase")
        .arg(phase)
        .arg(dir)
        .stderr(std::process::Stdio::inherit())
        .output()
        .ok()?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().find(|l| l.starts_with("RESULT "))?;
    let v: Vec<&str> = line.split_whitespace().collect();
    Some((v[1].parse().ok()?, v[2].parse().ok()?, v[3].parse().ok()?, v[4].parse().ok()?, v[5].parse().ok()?))
}

/// Which generated letters: `templated` (the first generator), `prose`
/// (sentences of the sample intake), or both in turn.
#[derive(Clone, Copy, PartialEq)]
enum Corpus {
    Templated,
    Prose,
}

impl Corpus {
    fn name(self) -> &'static str {
        match self {
            Corpus::Templated => "templated",
            Corpus::Prose => "prose",
        }
    }
}

/// The texts of a corpus, as a function of the letter number.
fn generator(corpus: Corpus) -> Box<dyn Fn(usize) -> String + Sync> {
    match corpus {
        Corpus::Templated => Box::new(letter),
        Corpus::Prose => {
            let config = match xinfang_config::Config::defaults() {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("config: {e}");
                    std::process::exit(1);
                }
            };
            let prose = Prose::load(&config);
            if prose.sentences.len() < 100 {
                eprintln!("samples/intake gave only {} sentences", prose.sentences.len());
                std::process::exit(1);
            }
            eprintln!("prose corpus: {} sentences from samples/intake", prose.sentences.len());
            Box::new(move |i| prose.letter(i))
        }
    }
}

fn write_corpus(corpus: Corpus, letters: usize, dir: &Path) {
    let make = generator(corpus);
    (0..letters).into_par_iter().for_each(|i| {
        let _ = std::fs::write(dir.join(format!("{i:07}.txt")), make(i));
    });
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--phase") {
        let dir = PathBuf::from(&args[i + 2]);
        match args[i + 1].as_str() {
            "jieba" => child_jieba(&dir),
            "floor" => child_floor(&dir),
            _ => child_ingest(&dir),
        }
        return;
    }
    let letters: usize = args.iter().skip(1).find_map(|a| a.parse().ok()).unwrap_or(200_000);
    let corpora: Vec<Corpus> = match args.iter().position(|a| a == "--corpus").and_then(|i| args.get(i + 1)) {
        Some(c) if c == "templated" => vec![Corpus::Templated],
        Some(c) if c == "prose" => vec![Corpus::Prose],
        _ => vec![Corpus::Templated, Corpus::Prose],
    };
    if let Some(i) = args.iter().position(|a| a == "--generate") {
        // `--generate N DIR [--corpus C]`: only write the letters, for profiling a child by hand.
        let dir = PathBuf::from(args.get(i + 2).map(String::as_str).unwrap_or("xinfang-letters"));
        let _ = std::fs::create_dir_all(&dir);
        write_corpus(corpora[corpora.len() - 1], letters, &dir);
        return;
    }
    if args.iter().any(|a| a == "--stages") {
        for &c in &corpora {
            stages(letters, c);
        }
        return;
    }
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut table = Vec::new();
    for &corpus in &corpora {
        let dir = std::env::temp_dir().join(format!("xinfang-bench-{}-{}", std::process::id(), corpus.name()));
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("cannot create {}: {e}", dir.display());
            return;
        }
        let t = Instant::now();
        write_corpus(corpus, letters, &dir);
        eprintln!("generated {letters} {} letters in {:.1} s", corpus.name(), t.elapsed().as_secs_f64());
        let jieba = run_child("jieba", &dir);
        let floor = run_child("floor", &dir);
        let ingest = run_child("ingest", &dir);
        let _ = std::fs::remove_dir_all(&dir);
        table.push((corpus, jieba, floor, ingest));
    }
    println!("letters: {letters}, cores: {cores}");
    println!(
        "{:<10} {:<32} {:>7} {:>8} {:>10} {:>7} {:>8}",
        "corpus", "run", "MB", "seconds", "letters/s", "MB/s", "peak MB"
    );
    for (corpus, jieba, floor, ingest) in &table {
        let mut rates = Vec::new();
        for (name, r) in [
            ("jieba cut_for_search (baseline)", jieba),
            ("floor: jieba + tantivy only", floor),
            ("xinfang ingest", ingest),
        ] {
            match r {
                Some((n, bytes, secs, rss, _)) => {
                    let mb = bytes / 1e6;
                    println!(
                        "{:<10} {name:<32} {mb:>7.1} {secs:>8.2} {:>10.0} {:>7.1} {rss:>8.0}",
                        corpus.name(),
                        *n as f64 / secs,
                        mb / secs
                    );
                    rates.push(mb / secs);
                }
                None => println!("{:<10} {name:<32} failed", corpus.name()),
            }
        }
        if rates.len() == 3 {
            println!(
                "{:<10} ratio xinfang / jieba: {:.3}   (floor / jieba: {:.3})",
                corpus.name(),
                rates[2] / rates[0],
                rates[1] / rates[0]
            );
        }
    }
}
