//! Short strings cut from the letter: title, 八何 parts, the written date,
//! disposition, and the phone and ID numbers that must never reach them.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use chrono::NaiveDate;
use regex::Regex;

use super::doc::Doc;
use crate::dates::find_dates;
use crate::record::Sensitive;

/// Longest title cut from the text, in characters.
pub(crate) const TITLE_MAX: usize = 40;
/// Longest single 八何 part, in characters.
const FIELD_MAX: usize = 160;

/// Words that open the matter of a letter.
const MATTER_CUES: [&str; 6] = ["反映", "举报", "检举", "控告", "投诉", "揭发"];
/// Words of a demand (诉求).
const DEMAND_CUES: [&str; 12] = [
    "强烈要求",
    "恳请",
    "恳求",
    "请求",
    "要求",
    "希望",
    "盼望",
    "请上级",
    "请县",
    "请组织",
    "请领导",
    "请你们",
];
/// What a demand asks of the commission; a plain 要求/希望 must lead to one
/// of these in its sentence (要求村民投他一票 is not a demand).
const DEMAND_OBJECTS: [&str; 27] = [
    "上级",
    "领导",
    "纪委",
    "组织",
    "政府",
    "调查",
    "查处",
    "处理",
    "彻查",
    "严肃",
    "追回",
    "退还",
    "给予",
    "公开",
    "核查",
    "还我们",
    "还村民",
    "解决",
    "落实",
    "督促",
    "查清",
    "严惩",
    "撤销",
    "罢免",
    "清查",
    "审计",
    "主持公道",
];
/// Cues that are demands wherever they stand.
const STRONG_DEMAND: [&str; 4] = ["强烈要求", "恳请", "恳求", "请求"];
/// A demand cue after one of these is not a demand (不符合要求, 按照要求).
const DEMAND_NOT_AFTER: [&str; 8] = ["符合", "按照", "按", "的", "上级", "政策", "文件", "规定"];
/// Words of a consequence (何果).
const RESULT_CUES: [&str; 7] = ["造成", "导致", "致使", "以致", "使得", "至今", "结果"];
/// Words of a cause (何因).
const CAUSE_CUES: [&str; 3] = ["由于", "因为", "因"];

/// The three dispositions and the words ledgers and forms use for them.
const DISPOSITIONS: [(&str, &[&str]); 3] = [
    (
        "即时答复",
        &[
            "即时答复",
            "即时回复",
            "当场答复",
            "即时办结",
            "直接答复",
            "及时答复",
            "立即答复",
        ],
    ),
    (
        "限时办结",
        &[
            "限时办结",
            "限期办结",
            "限时办理",
            "限期办理",
            "限时回复",
            "限期答复",
            "限时",
            "限期",
        ],
    ),
    (
        "移送线索",
        &[
            "移送线索",
            "移送问题线索",
            "转为问题线索",
            "作为问题线索",
            "转问题线索",
            "问题线索",
            "线索移送",
            "移送",
            "线索",
        ],
    ),
];

/// Maps a disposition as written onto one of the three, or `None`.
pub(crate) fn normalize_disposition(s: &str) -> Option<String> {
    let f = crate::text::fold(s);
    let f = f.trim();
    if f.is_empty() {
        return None;
    }
    // Exact synonyms first, then containment in list order.
    for (canon, syns) in DISPOSITIONS {
        if syns.contains(&f) {
            return Some(canon.to_string());
        }
    }
    for (canon, syns) in DISPOSITIONS {
        if syns.iter().any(|w| f.contains(w)) {
            return Some(canon.to_string());
        }
    }
    None
}

/// A disposition written in the text as a label (处置方式：限时办结).
pub(crate) fn disposition_in_text(doc: &Doc<'_>) -> Option<String> {
    for label in ["处置方式", "处置意见", "处理方式", "拟办意见"] {
        if let Some(b) = doc.folded.find(label) {
            let i = doc.char_of_byte(b) + label.chars().count();
            let mut j = i;
            while j < doc.len() && j < i + 14 && !matches!(doc.at(j), '\n' | '。' | ';') {
                j += 1;
            }
            if let Some(d) =
                normalize_disposition(doc.fstr(i, j).trim_start_matches([':', '：', ' ']))
            {
                return Some(d);
            }
        }
    }
    None
}

/// Phones and ID numbers: maximal runs of ASCII digits (a dash allowed
/// inside landlines and split mobiles, a final X in IDs).
pub(crate) fn find_sensitive(doc: &Doc<'_>) -> (Sensitive, Vec<(usize, usize)>) {
    let mut s = Sensitive::default();
    let mut spans = Vec::new();
    let c = &doc.chars;
    let mut i = 0;
    while i < c.len() {
        if !c[i].is_ascii_digit()
            || (i > 0 && (c[i - 1].is_ascii_digit() || c[i - 1].is_ascii_alphabetic()))
        {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < c.len()
            && (c[j].is_ascii_digit()
                || (c[j] == '-' && j + 1 < c.len() && c[j + 1].is_ascii_digit() && j > i))
        {
            j += 1;
        }
        let mut run: String = c[i..j].iter().collect();
        if j < c.len() && matches!(c[j], 'x' | 'X') && run.len() == 17 {
            run.push('X');
            j += 1;
        }
        let digits: String = run
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == 'X')
            .collect();
        let dashes = run.matches('-').count();
        let b = digits.as_bytes();
        if digits.len() == 18
            && dashes == 0
            && digits[..17].bytes().all(|x| x.is_ascii_digit())
            && matches!(b[0], b'1'..=b'9')
        {
            if !s.id_numbers.contains(&digits) {
                s.id_numbers.push(digits);
            }
            spans.push((i, j));
        } else if digits.len() == 11
            && b[0] == b'1'
            && (b'3'..=b'9').contains(&b[1])
            && !digits.contains('X')
        {
            if !s.phones.contains(&digits) {
                s.phones.push(digits);
            }
            spans.push((i, j));
        } else if dashes == 1 && b.first() == Some(&b'0') {
            let (area, num) = run.split_once('-').unwrap_or(("", ""));
            if (3..=4).contains(&area.len()) && (7..=8).contains(&num.len()) {
                if !s.phones.contains(&run) {
                    s.phones.push(run.clone());
                }
                spans.push((i, j));
            }
        }
        i = j.max(i + 1);
    }
    (s, spans)
}

/// Cuts original text for chars `a..b`, masking phone and ID numbers and
/// squeezing whitespace.
pub(crate) fn cut(doc: &Doc<'_>, a: usize, b: usize, masks: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut k = a;
    for &(ms, me) in masks.iter().filter(|(ms, me)| *me > a && *ms < b) {
        if ms > k {
            out.push_str(doc.cut(k, ms));
        }
        out.push_str("***");
        k = me.max(k);
    }
    if k < b {
        out.push_str(doc.cut(k, b));
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn limit(s: String, max: usize) -> String {
    if s.chars().count() <= max {
        s
    } else {
        s.chars().take(max).collect()
    }
}

/// A whole short text (a form's matter or demand field), masked, squeezed
/// and cut to the length of one 八何 part.
pub(crate) fn whole(doc: &Doc<'_>, masks: &[(usize, usize)]) -> String {
    limit(cut(doc, 0, doc.len(), masks), FIELD_MAX)
}

/// A salutation or heading line that is not the matter: 尊敬的…领导：, 您好.
fn is_preamble(text: &str) -> bool {
    let t = text.trim();
    t.starts_with("尊敬")
        || t.starts_with("敬爱")
        || t.ends_with("领导")
        || t.ends_with("您好")
        || t.ends_with("你好")
        || t == "举报信"
        || t == "反映信"
        || t.ends_with("举报信")
        || t.starts_with("致")
        || t.starts_with("关于") && t.chars().count() <= 8
        || t.starts_with("此致")
        || t.starts_with("敬礼")
}

/// A sentence about earlier complaints (这已经是我第2次反映这个问题了): it
/// holds the word 反映 but not the matter.
fn is_history(text: &str) -> bool {
    const HISTORY: [&str; 10] =
        ["反映过", "举报过", "再次反映", "多次反映", "已经反映", "次反映", "反映多次", "没有下文", "没有结果", "有个结果"];
    HISTORY.iter().any(|w| text.contains(w))
}

/// Who a letter is addressed to: 县纪委, 尊敬的县纪委领导, 市纪委监委信访室.
/// Such a line (ending with a colon) is a salutation, never the matter.
fn is_addressee(text: &str) -> bool {
    const ADDRESSEES: [&str; 14] = [
        "纪委", "监委", "纪检组", "纪工委", "领导", "同志", "政府", "信访室", "信访局", "信访办", "办公室", "委员会", "书记", "负责人",
    ];
    let t = text.trim();
    is_preamble(t) || (t.chars().count() <= 20 && ADDRESSEES.iter().any(|a| t.ends_with(a)))
}

/// A matter word with an object after it (反映村支书…, 举报王某…), as opposed
/// to one that ends its clause (村民多次向环保部门反映，都说整改): only the
/// first kind states what the letter is about.
fn states_matter(text: &str) -> bool {
    MATTER_CUES.iter().any(|c| {
        text.match_indices(c).any(|(i, _)| {
            let rest = text[i + c.len()..].trim_start_matches(['了', '过']);
            rest.chars().next().is_some_and(|n| n.is_alphanumeric() || matches!(n, '“' | '《' | '"'))
        })
    })
}

/// A label line of a form or export (被举报人：韦德明, 问题类别：征地补偿):
/// the value after a short label, or `None` for a sentence.
fn label_value_of(text: &str) -> Option<&str> {
    let (i, c) = text.char_indices().find(|&(_, c)| matches!(c, ':' | '：'))?;
    let label = &text[..i];
    (!label.is_empty() && label.chars().count() <= 8 && label.chars().all(char::is_alphanumeric))
        .then(|| text[i + c.len_utf8()..].trim())
}

/// A sentence that introduces the writer (我是…村民) without stating the matter.
fn is_intro(text: &str) -> bool {
    (text.starts_with("我是")
        || text.starts_with("我叫")
        || text.starts_with("本人")
        || text.starts_with("我们是"))
        && !MATTER_CUES.iter().any(|c| text.contains(c))
}

/// The letter's own heading: a first line (before any salutation) that is
/// short, unpunctuated and names a matter — 关于黄土岭村养猪场污染问题的反映,
/// 反映石桥镇柳河村低保问题 — rather than a bare 举报信.
fn heading(doc: &Doc<'_>, sentences: &[(usize, usize)]) -> Option<(usize, usize)> {
    let &(a, b) = sentences.first()?;
    let text = doc.fstr(a, b).trim();
    let n = text.chars().count();
    let punctuated = text.chars().any(|c| {
        matches!(c, ',' | '，' | ':' | '：' | '、' | '。' | ';' | '；' | '!' | '?' | '！' | '？')
    });
    // A heading stands alone on its line.
    let own_line = b >= doc.len() || doc.at(b) == '\n';
    // 关于…, 反映…/举报… at its start, …问题/…的反映 at its end; not an
    // export's banner (12381网络举报平台 举报件导出).
    let names_matter = text.starts_with("关于")
        || MATTER_CUES.iter().any(|c| text.starts_with(c))
        || ["问题", "情况", "的反映", "的举报"].iter().any(|w| text.ends_with(w));
    (own_line && !punctuated && (8..=TITLE_MAX).contains(&n) && !is_preamble(text) && names_matter)
        .then_some((a, b))
}

/// The title: the first sentence stating the matter, cut to ≤ 40 chars.
pub(crate) fn title_from_text(
    doc: &Doc<'_>,
    sentences: &[(usize, usize)],
    masks: &[(usize, usize)],
    accusation: &dyn Fn(&str) -> bool,
) -> String {
    let mut chosen: Option<(usize, usize)> = None;
    let mut fallback: Option<(usize, usize)> = None;
    if let Some(h) = heading(doc, sentences) {
        return limit(cut(doc, h.0, h.1, masks), TITLE_MAX);
    }
    for &(a, b) in sentences {
        // A salutation ends with a colon; the matter may follow on the same line.
        let mut a = a;
        if let Some(colon) = (a..b).find(|&k| matches!(doc.at(k), ':' | '：')) {
            if is_addressee(doc.fstr(a, colon)) {
                a = colon + 1;
            }
        }
        let text = doc.fstr(a, b).trim();
        if text.is_empty() || is_preamble(text) || is_history(text) {
            continue;
        }
        if fallback.is_none() && !is_intro(text) {
            fallback = Some((a, b));
        }
        // 举报人：/被举报人： are labels, not the matter.
        let labelled = text.contains("举报人") || text.contains("反映人");
        let matter = (states_matter(text) && !labelled) || accusation(text);
        if matter && !is_intro(text) {
            chosen = Some((a, b));
            break;
        }
    }
    let Some((a, b)) = chosen.or(fallback) else {
        return String::new();
    };
    // 关于王某把亲戚弄进低保的事情，我… names its matter up to 的事情/的问题.
    if doc.starts_with(a, "关于") {
        let text = doc.fstr(a, b);
        // The earliest of the words, the longest at that place (的事情 over 的事).
        if let Some(end) = ["的事情", "的问题", "的情况", "的事"]
            .iter()
            .filter_map(|w| text.find(w).map(|i| (i, i + w.len())))
            .min_by_key(|&(i, end)| (i, std::cmp::Reverse(end)))
            .map(|(_, end)| end)
        {
            let k = doc.char_of_byte(doc.byte(a) + end);
            if k - a <= TITLE_MAX {
                return limit(cut(doc, a, k, masks), TITLE_MAX);
            }
        }
    }
    // Start at the matter word: 现实名反映… → 反映…
    let mut start = a;
    for c in MATTER_CUES.iter().filter(|_| states_matter(doc.fstr(a, b))) {
        if let Some(pos) = doc.fstr(a, b).find(c) {
            let k = doc.char_of_byte(doc.byte(a) + pos);
            // An announcement (现将王某的问题反映如下：…) names the matter before
            // the cue; what follows the colon is the story's first line.
            if let Some(title) = announced_matter(doc, a, k, c, masks) {
                return title;
            }
            // Only when something follows it (特此举报 ends a sentence).
            if b - k > 6 && k - a < 20 {
                start = k;
            }
            break;
        }
    }
    while start < b && matches!(doc.at(start), ' ' | ',' | '，' | ':' | '：') {
        start += 1;
    }
    let mut end = b;
    if end - start > TITLE_MAX {
        // Whole clauses while they fit, else a hard cut.
        let mut last_fit = None;
        for k in start..end {
            if matches!(doc.at(k), ',' | '，' | ':' | '：') {
                if k - start <= TITLE_MAX {
                    last_fit = Some(k);
                } else {
                    break;
                }
            }
        }
        end = match last_fit {
            Some(k) if k - start >= 8 => k,
            _ => start + TITLE_MAX,
        };
    }
    limit(cut(doc, start, end, masks), TITLE_MAX)
}

/// The title of an announcement sentence: 现将王某（村主任）的问题反映如下：
/// → 反映王某（村主任）的问题. `k` is where the cue `cue` starts.
fn announced_matter(doc: &Doc<'_>, a: usize, k: usize, cue: &str, masks: &[(usize, usize)]) -> Option<String> {
    let after = doc.fstr(k, doc.len().min(k + 6));
    if !after.strip_prefix(cue).is_some_and(|rest| rest.starts_with("如下")) {
        return None;
    }
    let mut from = a;
    let head = doc.fstr(a, k);
    for lead in ["我们现将", "现特将", "现将", "现把", "特将", "今将", "兹将", "现就", "我们将", "我将"] {
        if let Some(pos) = head.find(lead) {
            from = doc.char_of_byte(doc.byte(a) + pos + lead.len());
            break;
        }
    }
    while from < k && matches!(doc.at(from), ' ' | ',' | '，') {
        from += 1;
    }
    // Too short to name anything (现将情况反映如下), or a whole story before the cue.
    if k - from < 4 || k - from > TITLE_MAX - 2 {
        return None;
    }
    Some(limit(format!("{}{}", cut(doc, k, k + cue.chars().count(), masks), cut(doc, from, k, masks)), TITLE_MAX))
}

/// The letter's own date: the last date after the closing (此致敬礼) or on
/// one of the last lines.
pub(crate) fn written_date(doc: &Doc<'_>) -> Option<NaiveDate> {
    let closing = ["敬礼", "此致"]
        .iter()
        .filter_map(|k| doc.folded.rfind(k))
        .max()
        .map(|x| doc.char_of_byte(x));
    let lines = doc.lines();
    // Only the tail can hold the date line: after the closing, or the last lines.
    let tail_start = lines
        .len()
        .checked_sub(3)
        .and_then(|k| lines.get(k))
        .map_or(0, |l| l.0)
        .min(closing.unwrap_or(usize::MAX));
    let from = doc.byte(tail_start);
    let dates = find_dates(&doc.folded[from..]);
    let (b, d) = *dates.last()?;
    let at = doc.char_of_byte(from + b);
    if closing.is_some_and(|c| at > c) {
        return Some(d);
    }
    let tail = &lines[lines.len().saturating_sub(3)..];
    if let Some(&(la, lb)) = tail.iter().find(|(la, lb)| *la <= at && at < *lb) {
        if lb - la <= 24 {
            return Some(d);
        }
    }
    None
}

fn time_regex() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}[日号])?(?:份)?)?|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}|[〇零一二三四五六七八九○◯o]{4}年(?:[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}[日号])?)?)(?:以来|至今|期间|左右|年初|年底|初|底|前后|开始|起|上半年|下半年)?|去年|今年|前年|近年来|近几年|多年来|近期|近日|春节前后|春节期间",
        )
        .map_err(|e| tracing::error!(target: "ingest::extract", error = %e, "time regex"))
        .ok()
    })
    .as_ref()
}

/// 何时: time phrases of the body (not the date line).
pub(crate) fn when_phrases(doc: &Doc<'_>, body_end: usize) -> String {
    let Some(re) = time_regex() else {
        return String::new();
    };
    let end = doc.byte(body_end);
    let mut out: Vec<String> = Vec::new();
    for m in re.find_iter(&doc.folded[..end]) {
        let s = m.as_str().to_string();
        // A bare date that equals the written date line is not "when".
        if !out.contains(&s) {
            out.push(s);
        }
        if out.len() >= 6 {
            break;
        }
    }
    out.join("、")
}

/// Where the body ends: before the closing or the signature lines.
pub(crate) fn body_end(doc: &Doc<'_>) -> usize {
    ["此致", "敬礼"]
        .iter()
        .filter_map(|k| doc.folded.find(k))
        .min()
        .map_or(doc.len(), |b| doc.char_of_byte(b))
}

/// Clauses starting at a cue, to the end of the clause (`whole_sentence`:
/// to the end of the sentence).
fn cue_matcher(which: usize) -> Option<&'static AhoCorasick> {
    static ACS: OnceLock<Vec<Option<AhoCorasick>>> = OnceLock::new();
    ACS.get_or_init(|| {
        [&DEMAND_CUES[..], &RESULT_CUES[..], &CAUSE_CUES[..]]
            .iter()
            .map(|cues| {
                AhoCorasickBuilder::new()
                    .kind(Some(AhoCorasickKind::DFA))
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(cues.iter())
                    .map_err(
                        |e| tracing::error!(target: "ingest::extract", error = %e, "cue matcher"),
                    )
                    .ok()
            })
            .collect()
    })
    .get(which)
    .and_then(Option::as_ref)
}

/// Clauses starting at a cue, to the end of the clause (`whole_sentence`:
/// the clause holding the cue to the end of the sentence). One pass of the
/// cue automaton over the body, then the first accepted cue per sentence.
#[allow(clippy::too_many_arguments)]
fn cue_cuts(
    doc: &Doc<'_>,
    sentences: &[(usize, usize)],
    body_end: usize,
    which: usize,
    not_after: &[&str],
    whole_sentence: bool,
    masks: &[(usize, usize)],
    max: usize,
    accept: &dyn Fn(&Doc<'_>, usize, usize) -> bool,
) -> String {
    let Some(ac) = cue_matcher(which) else {
        return String::new();
    };
    let body = &doc.folded[..doc.byte(body_end)];
    let hits: Vec<usize> = ac
        .find_iter(body)
        .map(|m| doc.char_of_byte(m.start()))
        .collect();
    if hits.is_empty() {
        return String::new();
    }
    let mut out: Vec<String> = Vec::new();
    let mut taken_until = 0;
    let mut h = 0;
    for &(a, b) in sentences {
        if a >= body_end || h >= hits.len() {
            break;
        }
        let b = b.min(body_end);
        while h < hits.len() && hits[h] < a {
            h += 1;
        }
        let mut best = None;
        while h < hits.len() && hits[h] < b {
            let k = hits[h];
            h += 1;
            let excluded = not_after.iter().any(|n| doc.ends_with(k, n))
                || (doc.at(k) == '因'
                    && (doc.starts_with(k, "因此")
                        || doc.starts_with(k, "因而")
                        || (k > 0 && doc.at(k - 1) == '原')))
                || !accept(doc, k, b);
            if !excluded && best.is_none() {
                best = Some(k);
            }
        }
        let Some(k) = best else { continue };
        if k < taken_until {
            continue;
        }
        let start = if whole_sentence {
            doc.clause(k).0.max(a)
        } else {
            k
        };
        let end = if whole_sentence {
            b
        } else {
            doc.clause(k).1.min(b)
        };
        taken_until = end;
        let piece = cut(doc, start, end, masks);
        if !piece.is_empty() && !out.contains(&piece) {
            out.push(piece);
        }
        if out.len() >= max {
            break;
        }
    }
    limit(out.join("；"), FIELD_MAX)
}

pub(crate) fn demand(
    doc: &Doc<'_>,
    sentences: &[(usize, usize)],
    body_end: usize,
    masks: &[(usize, usize)],
) -> String {
    let accept = |doc: &Doc<'_>, k: usize, b: usize| {
        let rest = doc.fstr(k, b);
        STRONG_DEMAND.iter().any(|c| rest.starts_with(c))
            || DEMAND_OBJECTS.iter().any(|o| rest.contains(o))
    };
    cue_cuts(
        doc,
        sentences,
        body_end,
        0,
        &DEMAND_NOT_AFTER,
        true,
        masks,
        3,
        &accept,
    )
}

pub(crate) fn result(
    doc: &Doc<'_>,
    sentences: &[(usize, usize)],
    body_end: usize,
    masks: &[(usize, usize)],
) -> String {
    cue_cuts(doc, sentences, body_end, 1, &[], false, masks, 2, &says_more)
}

/// A cue followed by at least two characters in its clause: 到现在没有结果
/// has the cue 结果 but says no consequence.
fn says_more(doc: &Doc<'_>, k: usize, b: usize) -> bool {
    let cue_len = RESULT_CUES
        .iter()
        .chain(CAUSE_CUES.iter())
        .filter(|c| doc.starts_with(k, c))
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0);
    let end = doc.clause(k).1.min(b);
    end >= k + cue_len + 2
}

pub(crate) fn cause(
    doc: &Doc<'_>,
    sentences: &[(usize, usize)],
    body_end: usize,
    masks: &[(usize, usize)],
) -> String {
    cue_cuts(doc, sentences, body_end, 2, &[], false, masks, 2, &says_more)
}

/// 何事: the first sentences that state wrongdoing.
pub(crate) fn what(
    doc: &Doc<'_>,
    sentences: &[(usize, usize)],
    body_end: usize,
    masks: &[(usize, usize)],
    accusation: &dyn Fn(&str) -> bool,
    names: &[String],
) -> String {
    let mut out: Vec<String> = Vec::new();
    for &(a, b) in sentences {
        if a >= body_end {
            break;
        }
        let b = b.min(body_end);
        let s = doc.fstr(a, b);
        // A form field states the matter only through its value, and a short
        // value (被举报人：韦德明, 问题类别：征地补偿) states none.
        let s = match label_value_of(s) {
            Some(v) if v.chars().count() <= 12 => continue,
            Some(v) => v,
            None => s,
        };
        if is_preamble(s)
            || is_intro(s)
            || DEMAND_CUES.iter().any(|c| s.contains(c)) && !accusation(s)
        {
            continue;
        }
        if accusation(s)
            || names.iter().any(|n| s.contains(n.as_str()))
                && MATTER_CUES.iter().any(|c| s.contains(c))
        {
            out.push(cut(doc, a, b, masks));
            if out.len() >= 2 {
                break;
            }
        }
    }
    limit(out.join("。"), FIELD_MAX)
}
