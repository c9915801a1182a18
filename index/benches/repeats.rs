//! Repeat engine at archive scale, with the quadratic baseline side by side.
//!
//! ```sh
//! CARGO_TARGET_DIR=/work/target-release cargo bench -p xinfang-index --bench repeats -- [N [SAMPLE]]
//! # defaults: N = 200000, SAMPLE = 20000
//! ```
//!
//! 1. Generates N letters (deterministic; nothing from the eval set) in date
//!    order: real-name and anonymous petitioners in 2,000 villages (a town of
//!    20 more per 2,000 letters beyond 200,000) with a roster
//!    of officials each, matters of 2–3 allegations drawn from templates that
//!    unrelated letters share, and planted repeat groups (about a quarter of the
//!    letters) that reorder, reword, drop or add allegations, switch script
//!    words, change the writer or come as a ledger summary.
//! 2. Times: building the index over the first N − 10,000 letters; matching
//!    the last 10,000 as a batch against it; building the repeat state (a full
//!    regrouping of N − 10,000), saving it to a file and loading it back as a
//!    restart does; applying the 10,000-letter batch to the loaded state
//!    incrementally (with the peak memory of that step: VmHWM is reset before
//!    it), saving the state again; a full regrouping of all N with the same
//!    weights, checked equal to the incremental state; peak memory (VmHWM).
//! 3. On a 20,000-letter sample: brute-force all-pairs vs the LSH + blocking
//!    candidates — time, speed-up, pairs the candidates lose — and pair
//!    precision/recall against the planted groups.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use chrono::NaiveDate;
use xinfang_config::RepeatSettings;
use rayon::prelude::*;
use xinfang_index::repeats::{RepeatInput, RepeatState};
use xinfang_index::RepeatIndex;
use xinfang_ingest::record::{Letter, Official, Petitioner, Script};

const BATCH: usize = 10_000;
const SAMPLE: usize = 20_000;
const CHUNK: usize = 50_000;
/// Letters per town: the archive grows by towns, not by letters per official.
/// 100 towns of 20 villages (2,000 villages, 5 officials each) up to 200,000
/// letters, 2,000 letters per town beyond: about 20 letters per official over
/// the ten years, as in a county; an official named in hundreds of letters
/// would measure the generator, not the engine.
const LETTERS_PER_TOWN: usize = 2_000;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 1_000_000) as f64 / 1_000_000.0 < p
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const SURNAMES: &[&str] = &[
    "赵", "钱", "孙", "李", "周", "吴", "郑", "王", "冯", "陈", "褚", "卫", "蒋", "沈", "韩", "杨", "朱", "秦", "尤", "许",
    "何", "吕", "施", "张", "孔", "曹", "严", "华", "金", "魏", "陶", "姜", "戚", "谢", "邹", "喻", "柏", "水", "窦", "章",
];
const GIVEN: &[&str] = &[
    "德", "明", "国", "华", "建", "军", "平", "秀", "英", "文", "志", "强", "春", "海", "玉", "兰", "福", "贵", "有", "才",
    "长", "林", "振", "东", "永", "红", "金", "山", "小", "伟", "光", "荣", "世", "忠", "庆", "丰", "宝", "成", "新", "民",
];
const PLACE_A: &[&str] = &["石", "青", "白", "双", "南", "长", "河", "城", "东", "西", "上", "下", "大", "小", "新", "老", "龙", "凤", "松", "柳"];
const PLACE_B: &[&str] = &["桥", "龙", "马", "河", "山", "岭", "口", "关", "坪", "湾", "庄", "沟", "坝", "岗", "塘", "园", "林", "泉", "峪", "堡"];
const TITLES: &[(&str, &[&str])] = &[
    ("村党支部书记", &["书记", "支书", "村支书"]),
    ("村委会主任", &["主任", "村长", "村主任"]),
    ("村会计", &["会计"]),
    ("村民小组长", &["组长"]),
    ("村监委会主任", &["主任"]),
];
const ITEMS: &[&str] = &["低保金", "危房补助", "扶贫款", "救济粮", "养老金", "种粮补贴", "退耕还林款", "残疾人补贴", "临时救助金", "征地补偿款"];
const RELS: &[&str] = &["侄子", "表弟", "儿媳", "小舅子", "女婿", "堂兄", "外甥", "亲家"];
const ASSETS: &[&str] = &["鱼塘", "果园", "林地", "厂房", "砂场", "荒山", "门面房", "集体仓库"];
const PROJECTS: &[&str] = &["水渠", "村道", "便民桥", "饮水工程", "文化广场", "河堤", "村部大楼", "路灯工程"];
const GIFTS: &[&str] = &["米和油", "烟酒", "红包", "购物卡", "化肥"];
const NUMS: &[&str] = &["三千", "五千", "八千", "一万二", "两万六", "三万八", "四百", "六百", "十二万", "二十多万", "七千五", "九百"];

/// Allegation templates: (full-letter variants, summary label). `{o}` is the
/// official as the writer calls him (surname + short title), `{i}` an item,
/// `{r}` a relative, `{a}` an asset, `{p}` a project, `{g}` a gift, `{n}` `{m}` numbers.
const FACTS: &[(&[&str], &str)] = &[
    (&["{o}把{i}截留了，{n}元到现在也没发到{x}手里", "发给{x}的{i}被{o}扣下了，一共{n}元，一分也没见着"], "截留{i}"),
    (&["{o}让他的{r}{x}吃上了{i}，人家有车有房", "{o}的{r}{x}家里有车有房，却领着{i}"], "优亲厚友违规享受{i}"),
    (&["村里的{a}被{o}以每年{n}元包给了他的{r}{x}，别人出{m}都不让包", "{o}把{a}低价包给{r}{x}，一年才{n}元"], "低价发包{a}"),
    (&["修{p}的时候{o}虚报了工程量，差价{n}元被包工头{x}拿走了", "{p}报的钱是{n}元，实际只花了{m}，{o}和{x}把差价分了"], "{p}虚报工程量"),
    (&["{o}在换届前让{x}挨家挨户送{g}，让大家投他的票", "选举前{o}让{x}给每户送了{g}，说到时候心里有数"], "换届选举送{g}拉票"),
    (&["{o}用公款{n}元买了一辆车，平时让{x}开着接送孩子", "村里花{n}元买的车成了{o}的私家车，司机是{x}"], "公车私用"),
    (&["{o}的{r}{x}打架被拘留过，照样被发展成了党员", "{o}把有劣迹的{r}{x}发展入党，会也没开"], "违规发展党员"),
    (&["{p}没有招标，{o}直接交给了{r}{x}的工程队", "{o}把{p}拆成几个小项目，全给了{r}{x}"], "{p}规避招标"),
    (&["{o}在村里说一不二，{x}提了意见就被停了{i}", "{x}提了意见，{o}就把他家的{i}停了"], "打击报复停发{i}"),
    (&["上面拨的{n}元{p}款，{o}只花了{m}，剩下的在{x}手里", "{p}的{n}元专项资金结余去向不明，是{o}和{x}经的手"], "{p}资金去向不明"),
    (&["{o}每月多报{n}元误工补贴，和{x}一起下乡一天都没去过", "{o}和{x}虚报下乡补贴，一年多领了{n}元"], "虚报补贴"),
    (&["{o}收了{x}{n}元，把{i}名额给了不符合条件的人", "{x}给{o}送了{n}元，就拿到了{i}名额"], "收钱办理{i}"),
];
const SALUTE: &[&str] = &["尊敬的县纪委领导：", "县纪委信访室：", "各位领导：", "尊敬的纪检监察机关：", "县纪委监委：", "领导同志们好："];
const CLOSE: &[&str] = &[
    "请求上级依纪依法处理。", "恳请领导深入调查。", "希望纪委派人下来查一查。", "请领导重视，尽快解决。",
    "以上反映句句属实。", "此致\n敬礼", "望领导明察秋毫。",
];
const AGAIN: &[&str] = &["之前反映的问题没人管，只好再次反映。", "这个问题我已经反映过好几次了，一直没有结果。", "这是第二次反映了。"];

#[derive(Clone)]
struct Fact {
    template: usize,
    slots: [usize; 6],
}

#[derive(Clone)]
struct Matter {
    id: u32,
    village: usize,
    officials: Vec<usize>,
    facts: Vec<Fact>,
    petitioner: Option<String>,
}

struct Gen {
    rng: Rng,
    villages: Vec<(String, String)>,
    /// village -> (name, title index)
    rosters: Vec<Vec<(String, usize)>>,
    recent: Vec<Matter>,
    next_matter: u32,
}

impl Gen {
    fn new(n: usize) -> Gen {
        let towns = (n / LETTERS_PER_TOWN).max(100);
        let mut rng = Rng(0x5EED_1234_ABCD_0001);
        // 100 towns of 20 villages, every village name unique.
        const C: &[&str] = &["家", "阳", "水", "田", "溪", "石", "花", "竹", "云", "台"];
        let mut villages = Vec::new();
        for t in 0..towns {
            let town = format!("{}{}{}镇", PLACE_A[t % 20], ["安", "平", "兴", "宁", "和"][t / 20 % 5], PLACE_B[t / 100 % 20]);
            for v in 0..20 {
                let id = t * 20 + v;
                villages.push((town.clone(), format!("{}{}{}{}村", PLACE_A[id % 20], PLACE_B[(id / 20) % 20], C[(id / 400) % 10], GIVEN[(id / 4000) % 40])));
            }
        }
        let rosters = (0..villages.len())
            .map(|_| (0..TITLES.len()).map(|t| (Self::name(&mut rng), t)).collect())
            .collect();
        Gen { rng, villages, rosters, recent: Vec::new(), next_matter: 0 }
    }

    fn name(rng: &mut Rng) -> String {
        format!("{}{}{}", rng.pick(SURNAMES), rng.pick(GIVEN), rng.pick(GIVEN))
    }

    fn fact(&mut self) -> Fact {
        let mut slots = [0usize; 6];
        for s in &mut slots {
            *s = self.rng.below(1000);
        }
        Fact { template: self.rng.below(FACTS.len()), slots }
    }

    fn new_matter(&mut self) -> Matter {
        let village = self.rng.below(self.villages.len());
        let n_off = if self.rng.chance(0.3) { 2 } else { 1 };
        let mut officials = Vec::new();
        while officials.len() < n_off {
            let o = self.rng.below(TITLES.len());
            if !officials.contains(&o) {
                officials.push(o);
            }
        }
        let n_facts = 2 + self.rng.below(2);
        let facts = (0..n_facts).map(|_| self.fact()).collect();
        let petitioner = (!self.rng.chance(0.3)).then(|| Self::name(&mut self.rng));
        self.next_matter += 1;
        Matter { id: self.next_matter, village, officials, facts, petitioner }
    }

    fn render_fact(&mut self, m: &Matter, f: &Fact, who: usize, summary: bool) -> String {
        let (variants, label) = FACTS[f.template];
        let tpl = if summary { label } else { variants[self.rng.below(variants.len())] };
        let (name, t) = &self.rosters[m.village][m.officials[who % m.officials.len()]];
        let surname: String = name.chars().take(1).collect();
        let short = TITLES[*t].1[self.rng.below(TITLES[*t].1.len())];
        let o = if self.rng.chance(0.5) { format!("{surname}{short}") } else { "他".to_string() };
        tpl.replace("{o}", &o)
            .replace("{i}", ITEMS[f.slots[0] % ITEMS.len()])
            .replace("{r}", RELS[f.slots[1] % RELS.len()])
            .replace("{a}", ASSETS[f.slots[2] % ASSETS.len()])
            .replace("{p}", PROJECTS[f.slots[3] % PROJECTS.len()])
            .replace("{g}", GIFTS[f.slots[4] % GIFTS.len()])
            .replace("{x}", &format!("{}{}{}", SURNAMES[f.slots[2] % SURNAMES.len()], GIVEN[f.slots[3] % GIVEN.len()], GIVEN[f.slots[4] % GIVEN.len()]))
            .replace("{n}", NUMS[f.slots[5] % NUMS.len()])
            .replace("{m}", NUMS[(f.slots[5] + 5) % NUMS.len()])
    }

    /// Letter `i` of the stream; returns it with its matter id.
    fn letter(&mut self, i: usize, n: usize) -> (Letter, u32) {
        let repeat = !self.recent.is_empty() && self.rng.chance(0.25);
        let (mut m, again) = if repeat {
            let k = self.recent.len() - 1 - self.rng.below(self.recent.len().min(4000));
            let mut m = self.recent[k].clone();
            // Paraphrase: reorder, sometimes drop or add an allegation or an official.
            let len = m.facts.len();
            m.facts.rotate_left(self.rng.below(len));
            if m.facts.len() > 2 && self.rng.chance(0.3) {
                m.facts.pop();
            }
            if self.rng.chance(0.15) {
                let f = self.fact();
                m.facts.push(f);
                self.recent[k].facts.push(m.facts[m.facts.len() - 1].clone());
            }
            if self.rng.chance(0.2) {
                // Another writer (a neighbour, or anonymous) tells the same matter.
                m.petitioner = (!self.rng.chance(0.5)).then(|| Self::name(&mut self.rng));
            }
            (m, true)
        } else {
            let m = self.new_matter();
            if self.recent.len() >= 4000 {
                self.recent.remove(0);
            }
            self.recent.push(m.clone());
            (m, false)
        };
        let (town, village) = self.villages[m.village].clone();
        let summary = again && self.rng.chance(0.25);
        let mut text = String::new();
        if summary {
            let who = m.petitioner.clone().unwrap_or_else(|| "群众".into());
            let (oname, t) = self.rosters[m.village][m.officials[0]].clone();
            let labels: Vec<String> = m.facts.clone().iter().map(|f| self.render_fact(&m, f, 0, true)).collect();
            text.push_str(&format!("{who}反映{town}{village}{}{oname}{}等问题。", TITLES[t].0, labels.join("、")));
            text.push_str(self.rng.pick(&["信访人要求上级调查处理。", "此前已有同类反映，要求重新调查。", ""]));
        } else {
            text.push_str(self.rng.pick(SALUTE));
            text.push('\n');
            match &m.petitioner {
                Some(p) => text.push_str(&format!("我叫{p}，是{town}{village}的村民。\n")),
                None => text.push_str(&format!("我是{village}的群众，因怕报复不留姓名。\n")),
            }
            if again {
                text.push_str(self.rng.pick(AGAIN));
                text.push('\n');
            }
            let names: Vec<String> = m
                .officials
                .iter()
                .map(|&o| format!("{}{}", TITLES[self.rosters[m.village][o].1].0, self.rosters[m.village][o].0))
                .collect();
            text.push_str(&format!("我要反映{}的问题。\n", names.join("和")));
            let facts = m.facts.clone();
            for (k, f) in facts.iter().enumerate() {
                let s = self.render_fact(&m, f, k, false);
                text.push_str(&s);
                text.push_str("。\n");
            }
            text.push_str(self.rng.pick(CLOSE));
            if let Some(p) = &m.petitioner {
                text.push_str(&format!("\n举报人：{p}\n电话：13{:09}", self.rng.below(1_000_000_000)));
            }
        }
        m.petitioner.get_or_insert_with(String::new);
        let day = NaiveDate::from_ymd_opt(2015, 1, 1).map(|d| d + chrono::Days::new((i * 3650 / n.max(1)) as u64));
        let p = m.petitioner.clone().unwrap_or_default();
        let letter = Letter {
            id: format!("L{i:08}"),
            reference: None,
            title: String::new(),
            received: day,
            origin: None,
            batch: format!("B{}", i / 25_000),
            town: Some(town.clone()),
            village: Some(village.clone()),
            petitioners: vec![Petitioner { anonymous: p.is_empty(), name: if p.is_empty() { "匿名".into() } else { p }, town: None, village: None }],
            accused: m
                .officials
                .iter()
                .map(|&o| Official {
                    name: self.rosters[m.village][o].0.clone(),
                    title: TITLES[self.rosters[m.village][o].1].0.to_string(),
                    town: Some(town.clone()),
                    village: Some(village.clone()),
                })
                .collect(),
            mentioned: Vec::new(),
            topics: Vec::new(),
            disposition: Some(["即时答复", "限时办结", "移送线索"][i % 3].to_string()),
            script: Script::Simplified,
            sources: Vec::new(),
            text,
            fields: Default::default(),
            warnings: Vec::new(),
            sensitive: Default::default(),
            parts: Vec::new(),
        };
        (letter, m.id)
    }
}

/// Encodes a state and writes it durably, as an ingest does before its commit.
fn save_state(state: &RepeatState, path: &std::path::Path) -> (std::time::Duration, usize) {
    use std::io::Write;
    let t = Instant::now();
    let bytes = state.to_bytes("bench");
    let mut f = std::fs::File::create(path).expect("create");
    f.write_all(&bytes).expect("write");
    f.sync_all().expect("fsync");
    (t.elapsed(), bytes.len())
}

/// Resets the peak-RSS counter (Linux `clear_refs` 5), so that VmHWM reports
/// the peak of what follows.
fn reset_hwm() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn vm_rss() -> String {
    status_line("VmRSS")
}

fn vm_hwm() -> String {
    status_line("VmHWM")
}

fn status_line(key: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(key)).map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" ")))
        .unwrap_or_else(|| "n/a".into())
}

fn main() {
    // `-- N [SAMPLE]`; cargo bench passes `--bench` too, which does not parse.
    let nums: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let n = nums.first().copied().unwrap_or(200_000).max(BATCH * 2);
    let sample_size = nums.get(1).copied().unwrap_or(SAMPLE);
    let settings = RepeatSettings::default();
    println!("repeats bench: N = {n}, batch = {BATCH}, threads = {}", rayon::current_num_threads());

    // 1. Build over the archive, generating in chunks so letters never all sit in memory.
    let mut gen = Gen::new(n);
    let mut index = RepeatIndex::new(settings.clone());
    let archive = n - BATCH;
    let t = Instant::now();
    let mut gen_time = std::time::Duration::ZERO;
    let mut i = 0;
    while i < archive {
        let tg = Instant::now();
        let chunk: Vec<Letter> = (i..(i + CHUNK).min(archive)).map(|k| gen.letter(k, n).0).collect();
        gen_time += tg.elapsed();
        index.insert_all(&chunk);
        i += chunk.len();
    }
    let build = t.elapsed() - gen_time;
    println!("build index over {archive} letters: {:.1} s (generation {:.1} s not counted); VmHWM {}", build.as_secs_f64(), gen_time.as_secs_f64(), vm_hwm());

    // 2. A 10k batch against the archive.
    let batch: Vec<Letter> = (archive..n).map(|k| gen.letter(k, n).0).collect();
    let t = Instant::now();
    let matches = index.match_batch(&batch);
    let batch_time = t.elapsed();
    let repeats: BTreeSet<&str> = matches.iter().map(|m| m.later.as_str()).collect();
    println!(
        "match batch of {BATCH}: {:.2} s, {} matches, {} letters are repeats",
        batch_time.as_secs_f64(),
        matches.len(),
        repeats.len()
    );
    // 3. The stored, incremental state: a full regrouping of the archive
    //    builds it; it is saved and loaded back as a restart would; the batch
    //    is applied to the loaded state; the state is saved again (what an
    //    ingest writes before its commit).
    let t = Instant::now();
    let state = RepeatState::build(index);
    let regroup_base = t.elapsed();
    println!(
        "full regrouping of {archive} (state build): {:.1} s, {} groups, {} repeat letters; VmHWM {}",
        regroup_base.as_secs_f64(),
        state.groups().len(),
        state.letters().len(),
        vm_hwm()
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("state.bin");
    let (save, size) = save_state(&state, &path);
    println!("save state of {archive}: {:.0} MB in {:.1} s (encode + write + fsync)", size as f64 / 1e6, save.as_secs_f64());
    drop(state);
    let t = Instant::now();
    let bytes = std::fs::read(&path).expect("read state");
    let (mut state, _) = RepeatState::from_bytes(&bytes, settings.clone()).expect("load state");
    drop(bytes);
    let load = t.elapsed();
    println!("load state of {archive}: {:.1} s ({} letters); VmRSS {}", load.as_secs_f64(), state.len(), vm_rss());

    reset_hwm();
    let rss_before = vm_rss();
    let t = Instant::now();
    let inputs: Vec<RepeatInput> = batch.par_iter().map(|l| RepeatInput::of(l, &settings)).collect();
    let features = t.elapsed();
    let applied = state.apply(inputs);
    let incremental = t.elapsed();
    println!(
        "incremental batch of {BATCH} on the loaded state: {:.2} s (features {:.2} s), {applied:?}; \
         VmRSS before {rss_before}, VmHWM during the batch {}",
        incremental.as_secs_f64(),
        features.as_secs_f64(),
        vm_hwm()
    );
    let (save_after, size) = save_state(&state, &path);
    println!("save state of {n} after the batch: {:.0} MB in {:.1} s", size as f64 / 1e6, save_after.as_secs_f64());
    let t = Instant::now();
    let inputs: Vec<RepeatInput> = batch.par_iter().map(|l| RepeatInput::of(l, &settings)).collect();
    let again = state.apply(inputs);
    println!("re-applying the same batch: {:.2} s, {again:?}", t.elapsed().as_secs_f64());
    drop(batch);

    // 4. Full regrouping of all N with the same weights, against the incremental state.
    let t = Instant::now();
    let analysis = state.index().analyze();
    let regroup = t.elapsed();
    let new_issue = analysis.letters.iter().filter(|l| l.new_issue).count();
    let same = analysis.groups.iter().eq(state.groups())
        && analysis.letters.iter().eq(state.letters())
        && analysis.matches.len() == state.pairs().len();
    println!(
        "full regrouping of {n}: {:.1} s, {} groups, {} repeat letters ({} with a new issue), {} pairs; \
         incremental state equals it: {same}",
        regroup.as_secs_f64(),
        analysis.groups.len(),
        analysis.letters.len(),
        new_issue,
        analysis.matches.len()
    );
    if !same {
        // Name the first difference (generated letters: nothing sensitive).
        let inc = state.letters();
        if let Some((a, b)) = analysis.letters.iter().zip(inc.iter()).find(|(a, b)| a != *b) {
            println!("  first differing letter: full {a:?}\n  incremental {b:?}");
        } else if analysis.letters.len() != inc.len() {
            println!("  letters: full {} incremental {}", analysis.letters.len(), inc.len());
        }
        if let Some((a, b)) = analysis.groups.iter().zip(state.groups()).find(|(a, b)| *a != *b) {
            println!("  first differing group: full {a:?}\n  incremental {b:?}");
        }
        println!("  pairs: full {} incremental {}", analysis.matches.len(), state.pairs().len());
    }
    drop(analysis);
    drop(state);
    // The check holds the incremental state and a second, full analysis at
    // once; no workload does that, so its peak is reported apart from the
    // peaks of the state build and the incremental batch above.
    println!("peak memory of the equality check (state + full analysis held together, VmHWM since the batch): {}", vm_hwm());

    // 5. Brute force vs candidates on a sample.
    let mut gen = Gen::new(sample_size);
    let mut truth_of: BTreeMap<String, u32> = BTreeMap::new();
    let sample: Vec<Letter> = (0..sample_size)
        .map(|k| {
            let (l, m) = gen.letter(k, sample_size);
            truth_of.insert(l.id.clone(), m);
            l
        })
        .collect();
    let mut small = RepeatIndex::new(settings);
    small.insert_all(&sample);
    let t = Instant::now();
    let fast: BTreeSet<(String, String)> = small.analyze().matches.into_iter().map(|m| (m.earlier, m.later)).collect();
    let fast_time = t.elapsed();
    let t = Instant::now();
    let brute: BTreeSet<(String, String)> = small.brute_force_pairs().into_iter().collect();
    let brute_time = t.elapsed();
    let lost = brute.difference(&fast).count();
    println!(
        "sample of {sample_size}: brute force all pairs {:.1} s, {} pairs; LSH + blocking {:.2} s, {} pairs; speed-up {:.0}x; \
         pairs lost by the candidates: {lost}",
        brute_time.as_secs_f64(),
        brute.len(),
        fast_time.as_secs_f64(),
        fast.len(),
        brute_time.as_secs_f64() / fast_time.as_secs_f64().max(1e-9)
    );
    // Quality against the planted matters (direct pairs vs same-matter pairs).
    let mut by_matter: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    for (id, m) in &truth_of {
        by_matter.entry(*m).or_default().push(id);
    }
    let truth: usize = by_matter.values().map(|v| v.len() * (v.len() - 1) / 2).sum();
    let correct = fast.iter().filter(|(a, b)| truth_of[a] == truth_of[b]).count();
    let mut groups_of: BTreeMap<&str, usize> = BTreeMap::new();
    let analysis = small.analyze();
    for (g, grp) in analysis.groups.iter().enumerate() {
        for id in &grp.letter_ids {
            groups_of.insert(id, g);
        }
    }
    let mut predicted = 0usize;
    let mut tp = 0usize;
    for g in &analysis.groups {
        for (x, a) in g.letter_ids.iter().enumerate() {
            for b in &g.letter_ids[x + 1..] {
                predicted += 1;
                if truth_of[a] == truth_of[b] {
                    tp += 1;
                }
            }
        }
    }
    println!(
        "sample quality vs planted groups: {truth} truth pairs; direct matches {} ({} correct); grouped pairs {predicted}, \
         precision {:.3}, recall {:.3}",
        fast.len(),
        correct,
        tp as f64 / predicted.max(1) as f64,
        tp as f64 / truth.max(1) as f64
    );
    println!("peak memory (VmHWM): {}", vm_hwm());
}
