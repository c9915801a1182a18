//! Per-letter features of the repeat engine: boilerplate-free body, the
//! "matter" shingle set, MinHash band keys and entity blocking keys.
//!
//! Whole-text MinHash cannot tell a paraphrased repeat from an unrelated letter
//! written on the same template (see research/repeats-anchor.md: true repeats sit
//! near Jaccard 0.29, unrelated template letters reach 0.45). Two things fix most
//! of that: (1) the parts every letter shares — salutations, demands, closings,
//! "I wrote before" sentences, ledger formulae, signatures, phone and ID numbers
//! — are dropped before hashing; (2) the names and places of the letter are cut
//! out of the *matter* set, so that two letters about the same official but a
//! different matter do not look alike merely because both name him.

use std::hash::{BuildHasherDefault, Hasher};

use xinfang_ingest::record::Letter;
use xinfang_ingest::text::{fold, is_han};

/// A fast, deterministic hasher for integer keys (FxHash-style multiply-rotate).
/// The maps of the engine are keyed by hashes already, so DoS resistance is moot.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
}

/// Hash map builder of the engine.
pub(crate) type Fx = BuildHasherDefault<FxHasher>;
/// Hash map of the engine.
pub(crate) type FxMap<K, V> = std::collections::HashMap<K, V, Fx>;

/// SplitMix64 finaliser: a strong 64-bit mix used for shingle hashes and seeds.
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hash of a character bigram, the unit of the matter set.
#[inline]
pub(crate) fn bigram_hash(a: char, b: char) -> u32 {
    (mix64((u64::from(a as u32) << 21) | u64::from(b as u32)) >> 32) as u32
}

/// Sentence starts that open a salutation, a demand or a closing.
const DEMAND_STARTS: &[&str] = &[
    "要求", "请求", "恳请", "强烈要求", "希望", "望", "请", "恳求", "盼", "谢谢", "此致", "敬礼", "以上", "特此",
    "我们不求", "只求", "此前已有", "信访人", "来信人", "尊敬", "各位", "致", "领导同志",
];
/// Comma-clause starts that introduce the writer (我是…村民, 本人…, 住…).
const INTRO_STARTS: &[&str] = &[
    "我是", "我叫", "本人", "我们是", "住", "是", "现反映", "现举报", "我要反映", "反映的是", "举报人", "信访人",
    "来信人", "联系",
];
/// Phrases that make a sentence about the letter itself (earlier letters,
/// signature, contact details) rather than about the matter.
const META_CUES: &[&str] = &[
    "反映过", "写过信", "写过两次", "写信反映", "没有答复", "至今没有", "没人管", "没有结果", "没人找过", "第二次",
    "第三次", "第四次", "第五次", "好几次", "此致", "敬礼", "句句属实", "情况属实", "明察", "因怕报复", "不留姓名",
    "问题如下", "联系方式", "敬请",
];
/// Ledger formulae and words every summary carries.
const FORMULA_WORDS: &[&str] = &[
    "主要问题", "再次反映", "来信反映", "群众反映", "信访人", "反映", "举报", "等问题",
];
/// Title words: cut from the matter set with the names, since a decoy about the
/// same official repeats his title as often as his name.
const TITLE_WORDS: &[&str] = &[
    "村党支部书记", "社区党支部书记", "党支部书记", "支部书记", "村务监督委员会主任", "村监委会主任", "村委会主任",
    "社区居委会主任", "村委主任", "村主任", "村民小组长", "镇党委书记", "乡党委书记", "村支书", "村书记", "村会计",
    "村长", "支书", "书记", "主任", "会计", "组长", "副镇长", "副乡长", "镇长", "乡长", "站长", "所长", "局长",
    "村委会", "清河县", "清河",
];

/// [`body_of_folded`] of a letter's raw text (tests).
#[cfg(test)]
pub(crate) fn body_of(text: &str) -> String {
    body_of_cleaned(&xinfang_ingest::text::clean(text))
}

/// [`body_of_folded`] of a text already passed through `clean` (tests).
#[cfg(test)]
pub(crate) fn body_of_cleaned(cleaned: &str) -> String {
    body_of_folded(&fold(cleaned))
}

/// The body of a letter, from its cleaned and folded text: sentences with
/// the boilerplate dropped, separated by `\n`; list items inside a sentence
/// keep their `、`.
pub(crate) fn body_of_folded(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    let mut sentence = String::new();
    // The value of a form's demand or handling field (诉求：…, 处理意见：…)
    // tells what is asked or done, never what happened.
    let mut skip_value = false;
    for ch in folded.chars() {
        let ends = matches!(ch, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n' | '：' | ':' | '.' | '【' | '】' | '…');
        if ends {
            let colon = matches!(ch, '：' | ':');
            if !skip_value {
                push_sentence(&mut out, &sentence, colon);
            }
            // A label's value runs to the end of its line.
            if colon {
                let label = sentence.trim();
                skip_value = NOT_MATTER_LABELS.contains(&label);
            } else if ch == '\n' {
                skip_value = false;
            }
            sentence.clear();
        } else {
            sentence.push(ch);
        }
    }
    if !skip_value {
        push_sentence(&mut out, &sentence, false);
    }
    out
}

/// Field labels of forms and exports whose value is no part of the matter.
/// Whole labels only: 村支书要求：每户交200元 tells an allegation.
const NOT_MATTER_LABELS: &[&str] = &[
    "诉求", "来访诉求", "信访诉求", "主要诉求", "请求事项", "处理意见", "办理意见", "拟办意见", "接待人", "接待人员",
    "办理情况", "处理情况", "处理结果", "备注", "登记人", "经办人", "承办人", "附件",
];

fn han_count(s: &str) -> usize {
    s.chars().filter(|c| is_han(*c)).count()
}

fn han_prefix(s: &str) -> &str {
    s.find(is_han).map_or("", |i| &s[i..])
}

/// One automaton per word list, built once: a clause is checked against all
/// of a list in one pass instead of one substring search per word. `None`
/// (never with these constant lists) falls back to one search per word.
static META_CUES_AC: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(META_CUES).ok());
static STRIP_WORDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| TITLE_WORDS.iter().chain(FORMULA_WORDS).copied().collect());
static STRIP_AC: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(&*STRIP_WORDS).ok());

fn has_meta_cue(clause: &str) -> bool {
    match &*META_CUES_AC {
        Some(ac) => ac.is_match(clause),
        None => META_CUES.iter().any(|w| clause.contains(w)),
    }
}

fn push_sentence(out: &mut String, sentence: &str, colon: bool) {
    let s = sentence.trim();
    let n = han_count(s);
    if n <= 5 {
        return; // signatures (张三, 匿名群众), labels (举报人, 电话), list numbers
    }
    if colon && n <= 20 {
        return; // salutation or heading: 尊敬的县纪委书记：, 王德茂的问题如下：
    }
    let lead = han_prefix(s);
    if n <= 12 && ["领导", "纪委", "纪检", "监委", "信访室", "您好"].iter().any(|w| s.contains(w)) {
        return;
    }
    let summary_like = s.contains("等问题");
    if !summary_like && DEMAND_STARTS.iter().any(|w| lead.starts_with(w)) {
        return;
    }
    let mut kept = String::with_capacity(s.len());
    for clause in s.split(['，', ',']) {
        let c = clause.trim();
        let lead = han_prefix(c);
        if kept.is_empty() && !summary_like && INTRO_STARTS.iter().any(|w| lead.starts_with(w)) {
            continue;
        }
        if has_meta_cue(c) {
            if summary_like {
                continue;
            }
            return;
        }
        if !kept.is_empty() {
            kept.push('，');
        }
        kept.push_str(c);
    }
    if han_count(&kept) <= 5 {
        return;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&kept);
}

/// Clauses of a body, for new-fact detection: sentences, and list items of a
/// ledger summary (主要问题 lists allegations with `、`).
/// Whether a (folded) text says its matter was reported before.
pub(crate) fn says_told_before(text: &str, cues: &[String]) -> bool {
    cues.iter().any(|c| !c.is_empty() && text.contains(c.as_str()))
}

/// What a clause tells beyond retelling an earlier complaint: the part after
/// the last comma-clause that says it was reported before. "村主任卢永福搞危
/// 房改造要收钱的事，我七月初已经写信反映过" retells; "我上次反映过他截留低
/// 保金，这次还要反映他收受贿赂" adds what follows the retelling.
pub(crate) fn beyond_retelling<'a>(clause: &'a str, cues: &[String]) -> &'a str {
    let mut rest = clause;
    let mut at = 0;
    for part in clause.split_inclusive(['，', ',']) {
        at += part.len();
        if says_told_before(part, cues) {
            rest = &clause[at..];
        }
    }
    rest
}

pub(crate) fn clauses(body: &str) -> impl Iterator<Item = &str> {
    body.split(['\n', '、']).filter(|c| han_count(c) >= 4)
}

/// Nouns of money and benefits: a new clause about them (差价被他们分了,
/// 补贴也领了一份, 救济名额他一个人定) is a concrete allegation even in a
/// villager's own words.
const MONEY_WORDS: &[&str] = &[
    "钱", "款", "费", "补贴", "补助", "资金", "名额", "账", "发票", "差价", "工资", "奖金", "报销", "存折", "保障金",
];

/// Marks of the parts of a letter that tell no allegation: who the writer
/// is, the history of earlier complaints, demands and closings.
const NARRATIVE_WORDS: &[&str] = &[
    "我叫", "我是", "本人", "家住", "党龄", "岁", "村民小组", "反映过", "再次反映", "多次反映", "第二次", "没有结果",
    "没人管", "没见人", "没有答复", "没有回复", "请求", "要求", "希望", "恳请", "请领导", "请上级", "做主", "交代",
    "公道", "属实", "影响很坏", "意见很大", "敢怒不敢言", "不是滋味", "说句心里话", "胳膊拧不过大腿",
];

/// Whether a clause alleges wrongdoing, so that new text in a repeat is a new
/// fact and not retelling: it names a wrongdoing (one of `cues`, from the
/// configuration), or, when it is not narrative (who writes, earlier
/// complaints, demands), it is about money or benefits or gives an amount
/// (两万三千元, 八十亩).
pub(crate) fn alleges(clause: &str, cues: &[String]) -> bool {
    // "现实名举报X的违纪问题", "反映X的问题": the letter's heading names the
    // matter without telling any of it.
    let trimmed = clause.trim_end_matches(|c: char| !is_han(c));
    if (clause.contains("举报") || clause.contains("反映")) && trimmed.ends_with("问题") {
        return false;
    }
    if cues.iter().any(|c| !c.is_empty() && clause.contains(c.as_str())) {
        return true;
    }
    if NARRATIVE_WORDS.iter().any(|w| clause.contains(w)) {
        return false;
    }
    MONEY_WORDS.iter().any(|w| clause.contains(w))
        || number_tokens(clause).iter().any(|t| t.ends_with(['元', '块', '万', '亩', '户', '人']))
}

/// Removes names, places, titles and ledger formulae: what remains is the matter.
pub(crate) fn strip_entities(text: &str, entities: &[String]) -> String {
    let mut s = text.to_string();
    for e in entities.iter().filter(|e| e.chars().count() >= 2) {
        if s.contains(e.as_str()) {
            s = s.replace(e.as_str(), "|");
        }
    }
    // Which words occur at all, in one pass; then each is cut in list order as
    // before. Cutting puts a non-Han `|` in, so it never makes a new word appear.
    let words = &*STRIP_WORDS;
    let mut present = vec![STRIP_AC.is_none(); words.len()];
    if let Some(ac) = &*STRIP_AC {
        for m in ac.find_overlapping_iter(s.as_str()) {
            present[m.pattern().as_usize()] = true;
        }
    }
    for (w, _) in words.iter().zip(&present).filter(|(_, &p)| p) {
        if s.contains(w) {
            s = s.replace(w, "|");
        }
    }
    s
}

/// Sorted, deduplicated bigram hashes of the Han runs of `text`.
pub(crate) fn bigrams(text: &str, out: &mut Vec<u32>) {
    out.clear();
    let mut prev: Option<char> = None;
    for ch in text.chars() {
        if is_han(ch) {
            if let Some(p) = prev {
                out.push(bigram_hash(p, ch));
            }
            prev = Some(ch);
        } else {
            prev = None;
        }
    }
    out.sort_unstable();
    out.dedup();
}

/// Number of Han characters in the matter text.
pub(crate) fn han_len(text: &str) -> u32 {
    han_count(text) as u32
}

/// MinHash band keys over k-character shingles of the body.
///
/// `perms` permutations `(a·x + b) mod 2^64` (a odd, from SplitMix64 with a
/// fixed seed) of a 64-bit shingle hash; `bands × rows = perms`. Each band key
/// mixes the band index, so one hash map serves every band.
pub(crate) fn band_keys(body: &str, k: usize, bands: usize, rows: usize, out: &mut Vec<u64>) {
    out.clear();
    let perms = bands * rows;
    let mut mins = vec![u64::MAX; perms];
    let coeffs: Vec<(u64, u64)> = (0..perms as u64)
        .map(|i| (mix64(0xA11C_E5ED ^ (i * 2 + 1)) | 1, mix64(0xB0B0_5EED ^ (i * 2 + 2))))
        .collect();
    let mut window: [char; 8] = ['\0'; 8];
    let k = k.clamp(1, 8);
    let mut run = 0usize;
    let mut any = false;
    for ch in body.chars() {
        if !is_han(ch) {
            run = 0;
            continue;
        }
        window.copy_within(1..8, 0);
        window[7] = ch;
        run += 1;
        if run < k {
            continue;
        }
        let mut x: u64 = 0xCBF2_9CE4_8422_2325;
        for &c in &window[8 - k..] {
            x = mix64(x ^ u64::from(c as u32));
        }
        any = true;
        for (m, &(a, b)) in mins.iter_mut().zip(&coeffs) {
            let v = a.wrapping_mul(x).wrapping_add(b);
            if v < *m {
                *m = v;
            }
        }
    }
    if !any {
        return;
    }
    for band in 0..bands {
        let mut h = mix64(band as u64 + 1);
        for m in &mins[band * rows..(band + 1) * rows] {
            h = mix64(h ^ (m >> 32));
        }
        out.push(h);
    }
}

/// True for a masked name (王某, 王某某, 王XX, 王××): it names nobody in particular.
pub(crate) fn is_masked(name: &str) -> bool {
    name.contains('某') || name.contains('×') || name.to_lowercase().contains("xx")
}

/// True for an anonymous petitioner, whatever the extraction said.
pub(crate) fn is_anonymous(name: &str, flagged: bool) -> bool {
    let n = name.trim();
    flagged || n.is_empty() || n.contains("匿名") || n.contains("群众") || n.contains("村民") || n == "知情人"
}

/// Blocking key of a real-name petitioner: folded name and home village
/// (else the letter's village, else a town). `None` without a place: two
/// people of the same name are only the same person in the same place.
pub(crate) fn petitioner_key(letter: &Letter, i: usize) -> Option<(String, String)> {
    let p = letter.petitioners.get(i)?;
    if is_anonymous(&p.name, p.anonymous) || is_masked(&p.name) {
        return None;
    }
    let name = fold(p.name.trim());
    let place = p
        .village
        .as_deref()
        .or(letter.village.as_deref())
        .or(p.town.as_deref())
        .or(letter.town.as_deref())?;
    Some((format!("{name}|{}", fold(place)), name))
}

/// Blocking key of an accused official: folded name and the village of the
/// post (else the letter's village, else the town). Masked names get none.
pub(crate) fn official_key(letter: &Letter, i: usize) -> Option<(String, String)> {
    let o = letter.accused.get(i)?;
    if o.name.trim().chars().count() < 2 || is_masked(&o.name) {
        return None;
    }
    let name = fold(o.name.trim());
    let place = o
        .village
        .as_deref()
        .or(letter.village.as_deref())
        .or(o.town.as_deref())
        .or(letter.town.as_deref())?;
    Some((format!("{name}|{}", fold(place)), name))
}

/// Names, places and titles of a letter, folded: what [`strip_entities`] cuts.
pub(crate) fn entities_of(letter: &Letter) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for p in &letter.petitioners {
        v.push(fold(p.name.trim()));
        v.extend(p.village.as_deref().map(fold));
        v.extend(p.town.as_deref().map(fold));
    }
    for o in &letter.accused {
        v.push(fold(o.name.trim()));
        v.extend(o.village.as_deref().map(fold));
        v.extend(o.town.as_deref().map(fold));
    }
    for m in &letter.mentioned {
        v.push(fold(m.name.trim()));
    }
    v.extend(letter.village.as_deref().map(fold));
    v.extend(letter.town.as_deref().map(fold));
    // Longest first, so 王建华 is cut before a shorter overlapping entity.
    v.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    v.dedup();
    v
}

/// Concrete-fact tokens of a clause: Chinese or Arabic numbers with their
/// unit (两万三千元, 一百多人, 5万元, 三百亩). A clause that brings a number none
/// of the earlier letters had is new beyond doubt.
pub(crate) fn number_tokens(clause: &str) -> Vec<String> {
    const DIGITS: &str = "0123456789零〇一二两三四五六七八九十百千万亿多几余来半";
    const UNITS: &str = "元块亩户人次年月天桌只头间套笔万";
    let chars: Vec<char> = clause.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if DIGITS.contains(chars[i]) && !"多几余来半".contains(chars[i]) {
            let start = i;
            while i < chars.len() && DIGITS.contains(chars[i]) {
                i += 1;
            }
            let unit = i < chars.len() && UNITS.contains(chars[i]);
            let big = matches!(chars[i - 1], '万' | '亿');
            if unit || big {
                let end = if unit { i } else { i - 1 };
                let tok: String = chars[start..=end].iter().collect();
                // A lone 一 or 两 before a unit (一户, 两年) is a quantity word, not a fact.
                if tok.chars().count() >= 3 {
                    out.push(tok);
                }
                if unit {
                    i += 1;
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_entities_cuts_words_in_list_order_like_one_search_per_word() {
        fn reference(text: &str, entities: &[String]) -> String {
            let mut s = text.to_string();
            for e in entities.iter().filter(|e| e.chars().count() >= 2) {
                s = s.replace(e.as_str(), "|");
            }
            for w in TITLE_WORDS.iter().chain(FORMULA_WORDS) {
                s = s.replace(w, "|");
            }
            s
        }
        let entities = vec!["王建华".to_string(), "柳河村".to_string()];
        for text in [
            "柳河村村党支部书记王建华截留低保金，群众反映多次，支部书记不管。",
            "村委会主任和村主任都是清河县人，镇长、副镇长等问题再次反映。",
            "没有任何称谓的句子。",
            "",
        ] {
            assert_eq!(strip_entities(text, &entities), reference(text, &entities), "{text}");
        }
        assert!(has_meta_cue("我们已经反映过三次") && !has_meta_cue("他截留了低保金"));
    }

    #[test]
    fn a_forms_demand_and_handling_fields_are_no_part_of_the_matter() {
        let form = "来访人：孟凡英\n反映问题：松林村党支部书记谭继业在今年村两委换届选举中挨家挨户送米送油拉票。\n诉求：查处贿选问题，重新组织选举\n处理意见：登记后转党风政风监督室办理\n接待人：韩晓东";
        let body = body_of_cleaned(form);
        assert!(body.contains("送米送油拉票"), "{body}");
        for gone in ["查处贿选问题", "登记后转", "韩晓东"] {
            assert!(!body.contains(gone), "{gone} in {body}");
        }
        // A person's demand in a letter is an allegation: only whole labels count.
        let letter = "村支书要求：每户交两百元修路钱，交了钱的才能领到补贴。";
        assert!(body_of_cleaned(letter).contains("每户交两百元修路钱"));
    }

    #[test]
    fn only_clauses_that_allege_something_are_new_facts() {
        let cues: Vec<String> = ["截留", "冒领"].iter().map(|s| s.to_string()).collect();
        // A wrongdoing, a sum of money, a benefit: allegations.
        assert!(alleges("他还截留了青苗补偿费", &cues));
        assert!(alleges("把送米送油的钱两万三千元拿到村里报了账", &cues));
        assert!(alleges("差价被他们分了", &cues));
        assert!(alleges("占了集体土地八十亩", &cues));
        // Who writes, earlier complaints, demands, closings: retelling.
        assert!(!alleges("系石桥镇柳河村村民，中共党员，党龄25年", &cues));
        assert!(!alleges("这已经是我第2次反映这个问题了，希望这次能有个结果", &cues));
        assert!(!alleges("请求退还多收的钱", &cues));
        assert!(!alleges("为了弄清楚情况，2018年6月我专门到村委会去找他，他不在", &cues));
        assert!(!alleges("这些问题在当地影响很坏", &cues));
        assert!(!alleges("现实名举报党支部书记龚新山的违纪问题", &cues), "a heading tells nothing");
    }

    #[test]
    fn boilerplate_is_dropped_and_matter_kept() {
        let text = "尊敬的县纪委领导：\n我叫李大山，是石桥镇王家湾村的村民。\n这个问题我已经反映过好几次了，一直没有结果。\n\
                    我要反映王德茂（村书记）的问题。\n一、征地的时候说好的养老保险到现在也没办。\n\
                    请求上级依纪依法处理，不要再让这样的人当干部了。\n此致\n敬礼\n举报人：李大山\n电话：13812345678";
        let body = body_of(text);
        assert_eq!(body, "一、征地的时候说好的养老保险到现在也没办");
    }

    #[test]
    fn summary_keeps_allegations_and_drops_formulae() {
        let text = "主要问题：李大山再次反映石桥镇王家湾村村党支部书记王德茂征地评级不公、征地社保安置未落实等问题。信访人称曾多次向镇村反映未果，要求查处。";
        let body = body_of(text);
        assert!(body.contains("征地评级不公"), "{body}");
        assert!(!body.contains("信访人称"), "{body}");
    }

    #[test]
    fn traditional_and_simplified_give_the_same_body() {
        assert_eq!(body_of("村裏修的水泥路，說好厚二十公分，實際不到十公分。"), body_of("村里修的水泥路，说好厚二十公分，实际不到十公分。"));
    }

    #[test]
    fn allegation_that_starts_with_a_demand_word_inside_is_kept() {
        let body = body_of("李主任要求每户从修房子的补助里拿出三千元交给他。");
        assert!(body.contains("三千元"));
    }

    #[test]
    fn numbers_with_units_are_facts() {
        assert_eq!(number_tokens("把送米送油的钱两万三千元拿到村里报了账"), vec!["两万三千元".to_string()]);
        assert!(number_tokens("一户三百").is_empty() || number_tokens("一户三百") == vec!["三百".to_string()]);
        assert_eq!(number_tokens("多拨了十几万工程款"), vec!["十几万".to_string()]);
    }

    #[test]
    fn band_keys_are_deterministic_and_equal_for_equal_text() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        band_keys("村里修的水泥路说好厚二十公分", 3, 16, 4, &mut a);
        band_keys("村里修的水泥路说好厚二十公分", 3, 16, 4, &mut b);
        assert_eq!(a.len(), 16);
        assert_eq!(a, b);
        band_keys("", 3, 16, 4, &mut b);
        assert!(b.is_empty());
    }
}
