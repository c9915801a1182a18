//! People in a letter: officials with their titles, the people they were
//! reported to, relatives and villagers, and the petitioner.
//!
//! Names are only read where something anchors them — a title (村支书王建华,
//! 王建华书记), a kinship or role word (其妻子李某, 经办人：王某), a label
//! (被举报人：), a self-introduction (我叫张三) or the signature — because
//! surname characters (高, 常, 和, 明 …) are everyday words. A name is a
//! surname plus one or two given-name characters, or a masked form (王某,
//! 王某某, 王XX); word lists in `people.toml` say where a name cannot go on.

use std::collections::{HashMap, HashSet};

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};
use xinfang_config::{PeopleLexicon, TitleLevel};

use super::doc::{is_sentence_break, Doc};
use super::places::PlaceHit;
use crate::text::{fold, is_han};

/// A small set of characters: sorted, binary-searched (no hashing on the
/// per-character hot path).
#[derive(Debug, Clone)]
struct CharSet(Vec<char>);

impl CharSet {
    fn new(chars: impl Iterator<Item = char>) -> CharSet {
        let mut v: Vec<char> = chars.collect();
        v.sort_unstable();
        v.dedup();
        CharSet(v)
    }

    fn contains(&self, c: &char) -> bool {
        self.0.binary_search(c).is_ok()
    }
}

#[derive(Debug, Clone)]
enum Anchor {
    Title { raw: String, level: TitleLevel },
    Kin,
    Handler(String),
    Villager(String),
    AccusedLabel,
    PetitionerLabel,
    SelfIntro,
}

/// Surname characters that are also function words; a name read backwards
/// from a title does not start with one (和王强书记 is 王强).
const FUNCTION_SURNAMES: &str =
    "和向于时都原应成来信全那从及与同把对给跟让被将是的在称经由叫找问请派令以为";

/// Surname characters that before another surname are a word (和, 与 …).
const PURE_FUNCTION: &str = "和与及同向把对给跟让被将";

/// Characters in `given_stop` that also end many given names (邵永年,
/// 马三元, 田有才, 程万里). As the last character of a three-character name
/// they count when what follows cannot continue a word with them (邵永年把…,
/// 程万里主任), not when it does (王明年底, 李明才知道 is read as 李明才).
const WEAK_LAST_GIVEN: &str = "年元才里";

/// Characters in `given_stop` that also start given names (滕子明).
const WEAK_FIRST_GIVEN: &str = "子";

/// What makes a weak last character part of a word instead: 年底, 元旦.
const WEAK_CONTINUATIONS: [&str; 12] = [
    "年底", "年初", "年前", "年后", "年内", "年中", "年来", "年度", "年龄", "年纪", "年月", "元旦",
];

/// Characters that before a title are words, not a surname of an address
/// form (和村主任, 由村支书, 现任村主任).
const NOT_ADDRESS_SURNAME: &str = "由但连也还就才又只查管";

/// Words ending in 任 before a title: 现任村主任 is not 任村主任.
const TENURE: [&str; 10] = [
    "现任", "时任", "担任", "曾任", "新任", "前任", "原任", "继任", "兼任", "接任",
];

/// Posts of town cadres sent to a village: the writer went to them or they
/// came, unless the clause accuses them.
const LIAISON_TITLES: [&str; 4] = ["包村干部", "驻村干部", "包村领导", "驻村工作队"];

/// Bare titles whose level comes from the context.
const BARE_TITLES: [&str; 3] = ["书记", "主任", "副主任"];

/// Titles that take the name of their unit in front (财政所所长).
const UNIT_TITLES: [&str; 8] = [
    "所长",
    "副所长",
    "站长",
    "副站长",
    "局长",
    "副局长",
    "校长",
    "院长",
];

/// Characters that end the unit read back from a station or office title
/// (当时负责登记的是|司法所所长).
const UNIT_STOP: &str = "的是在和与及向到从对把将为被该本这那个了我你他她们找去原任";

/// Labels whose value is the accused.
const ACCUSED_LABELS: [&str; 8] = [
    "被举报人姓名",
    "被举报人",
    "被反映人姓名",
    "被反映人",
    "被举报对象",
    "被反映对象",
    "被检举人",
    "被投诉人",
];
/// Labels whose value is the writer.
const PETITIONER_LABELS: [&str; 13] = [
    "举报人姓名",
    "举报人",
    "实名举报人",
    "反映人",
    "信访人",
    "来信人",
    "写信人",
    "署名",
    "签名",
    "联名人",
    "检举人",
    "控告人",
    "投诉人",
];
/// Self-introductions.
const SELF_INTRO: [&str; 11] = [
    "我叫",
    "我名叫",
    "名叫",
    "本人叫",
    "本人系",
    "本人是",
    "本人",
    "我是",
    "我系",
    "我们是",
    "我们系",
];

/// How a mention was anchored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Official,
    Kin,
    Handler(String),
    Villager(String),
    AccusedLabel,
    Petitioner,
}

/// One anchored occurrence of a name.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub name: String,
    pub kind: Kind,
    /// Canonical title, with 原 and 兼 kept.
    pub title: String,
    pub level: Option<TitleLevel>,
    pub town: Option<String>,
    pub village: Option<String>,
    /// First char of the mention (place, title or name).
    pub start: usize,
    pub name_start: usize,
    pub name_end: usize,
    /// Whether the title is bare (书记) and its level only guessed.
    pub bare: bool,
}

/// An accused official before the letter's places fill the gaps.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FoundOfficial {
    pub name: String,
    pub title: String,
    pub level: Option<TitleLevel>,
    pub town: Option<String>,
    pub village: Option<String>,
}

/// A named writer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FoundPetitioner {
    pub name: String,
    pub town: Option<String>,
    pub village: Option<String>,
}

/// People found in one letter.
#[derive(Debug, Clone, Default)]
pub(crate) struct Found {
    pub accused: Vec<FoundOfficial>,
    /// (name, title, role)
    pub mentioned: Vec<(String, String, String)>,
    pub petitioners: Vec<FoundPetitioner>,
    /// The writer says who they are without a name (我是柳河村一村民) or signs
    /// with an anonymity marker.
    pub anonymous: bool,
    /// Where the writer says they live.
    pub petitioner_town: Option<String>,
    pub petitioner_village: Option<String>,
}

/// The people matcher, built once.
#[derive(Debug, Clone)]
pub(crate) struct People {
    anchors: Option<AhoCorasick>,
    kinds: Vec<Anchor>,
    /// Words that end a name when they start right after it (anchored).
    enders: Option<AhoCorasick>,
    /// Titles only, anchored (王书记: no given name).
    titles_anchored: Option<AhoCorasick>,
    handler_before: Option<AhoCorasick>,
    handler_after: Option<AhoCorasick>,
    accusation: Option<AhoCorasick>,
    surnames: CharSet,
    compound: HashSet<(char, char)>,
    given_stop: CharSet,
    not_names: HashSet<String>,
    /// The first two characters of the three-character `not_names`, so that
    /// most names need no three-character lookup.
    not_name_heads: HashSet<String>,
    /// Villager words that stand between a signature's place and its names
    /// (柳河村村民 张三, 马家坪村老党员 赵四), longest first.
    signature_words: Vec<String>,
    canonical: HashMap<String, String>,
    /// Title (as written or canonical) → level.
    levels: HashMap<String, TitleLevel>,
    /// Anonymity markers (every match, overlapping).
    anonymous: Option<AhoCorasick>,
    /// The marker 群众, which only counts in the signature.
    crowd: Option<usize>,
}

fn build(patterns: &[String], kind: MatchKind, anchored: bool) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    let mut b = AhoCorasickBuilder::new();
    b.match_kind(kind).kind(Some(AhoCorasickKind::DFA));
    if anchored {
        b.start_kind(StartKind::Anchored);
    }
    b.build(patterns)
        .map_err(
            |e| tracing::error!(target: "ingest::extract", error = %e, "people matcher not built"),
        )
        .ok()
}

fn folded_list(v: &[String]) -> Vec<String> {
    let mut out: Vec<String> = v
        .iter()
        .map(|s| fold(s))
        .filter(|s| !s.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

impl People {
    pub fn new(lex: &PeopleLexicon) -> People {
        let mut patterns: Vec<String> = Vec::new();
        let mut kinds: Vec<Anchor> = Vec::new();
        let mut add = |p: String, k: Anchor| {
            if !p.is_empty() && !patterns.contains(&p) {
                patterns.push(p);
                kinds.push(k);
            }
        };
        for (t, level) in lex.titles_longest_first() {
            let raw = fold(&t);
            add(raw.clone(), Anchor::Title { raw, level });
        }
        for k in &lex.kinship {
            if k.chars().count() >= 2 {
                add(fold(k), Anchor::Kin);
            }
        }
        for r in &lex.handler_roles {
            add(fold(r), Anchor::Handler(r.clone()));
        }
        for v in &lex.villager_words {
            add(fold(v), Anchor::Villager(v.clone()));
        }
        for l in ACCUSED_LABELS {
            add(l.to_string(), Anchor::AccusedLabel);
        }
        for l in PETITIONER_LABELS {
            add(l.to_string(), Anchor::PetitionerLabel);
        }
        for l in SELF_INTRO {
            add(l.to_string(), Anchor::SelfIntro);
        }
        let titles: Vec<String> = lex
            .titles_longest_first()
            .into_iter()
            .map(|(t, _)| fold(&t))
            .collect();
        let mut enders = folded_list(&lex.name_followers);
        enders.extend(titles.iter().cloned());
        enders.extend(folded_list(&lex.kinship));
        enders.extend(folded_list(&lex.handler_roles));
        enders.extend(folded_list(&lex.villager_words));
        enders.sort();
        enders.dedup();
        People {
            anchors: build(&patterns, MatchKind::LeftmostLongest, false),
            kinds,
            enders: build(&enders, MatchKind::LeftmostLongest, true),
            titles_anchored: build(&titles, MatchKind::LeftmostLongest, true),
            handler_before: build(
                &folded_list(&lex.handler_before),
                MatchKind::LeftmostLongest,
                false,
            ),
            handler_after: build(
                &folded_list(&lex.handler_after),
                MatchKind::LeftmostLongest,
                false,
            ),
            accusation: build(
                &folded_list(&lex.accusation_cues),
                MatchKind::LeftmostLongest,
                false,
            ),
            surnames: CharSet::new(lex.surnames_single.iter().copied()),
            compound: lex
                .surnames_compound
                .iter()
                .filter_map(|s| {
                    let f = fold(s);
                    let mut it = f.chars();
                    Some((it.next()?, it.next()?))
                })
                .collect(),
            given_stop: CharSet::new(
                lex.given_stop
                    .iter()
                    .map(|c| fold(&c.to_string()).chars().next().unwrap_or(*c)),
            ),
            not_names: lex.not_names.iter().map(|s| fold(s)).collect(),
            signature_words: {
                let mut v = folded_list(&lex.villager_words);
                v.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
                v
            },
            not_name_heads: lex
                .not_names
                .iter()
                .map(|s| fold(s))
                .filter(|s| s.chars().count() >= 3)
                .map(|s| s.chars().take(2).collect())
                .collect(),
            canonical: lex
                .canonical
                .iter()
                .map(|(k, v)| (fold(k), v.clone()))
                .collect(),
            levels: {
                let mut m = HashMap::new();
                for (t, level) in lex.titles_longest_first() {
                    m.entry(fold(&t)).or_insert(level);
                    m.entry(fold(lex.canonical_title(&t))).or_insert(level);
                }
                m
            },
            anonymous: build(
                &folded_list(&lex.anonymous_markers),
                MatchKind::Standard,
                false,
            ),
            crowd: folded_list(&lex.anonymous_markers)
                .iter()
                .position(|m| m == "群众"),
        }
    }

    fn anchored_at(ac: &Option<AhoCorasick>, doc: &Doc<'_>, i: usize) -> Option<usize> {
        let ac = ac.as_ref()?;
        if i >= doc.len() {
            return None;
        }
        let input = Input::new(&doc.folded)
            .range(doc.byte(i)..)
            .anchored(Anchored::Yes);
        ac.find(input).map(|m| doc.char_of_byte(m.end()))
    }

    fn is_masked(c: char) -> bool {
        matches!(c, 'x' | '×' | '*' | '＊' | '○' | '〇' | 'ｘ' | '╳')
    }

    /// Reads a name starting at char `p`; returns it (simplified, masks
    /// normalised) and the char index after it.
    pub(crate) fn name_at(
        &self,
        doc: &Doc<'_>,
        p: usize,
        places: &[PlaceHit],
    ) -> Option<(String, usize)> {
        if p >= doc.len() || places.iter().any(|h| h.start <= p && p < h.end) {
            return None;
        }
        let c0 = doc.at(p);
        let slen = if self.compound.contains(&(c0, doc.at(p + 1))) {
            2
        } else if self.surnames.contains(&c0) {
            1
        } else {
            return None;
        };
        // 书记和刘强: 和 is a word here, not the surname of 和刘强.
        if slen == 1
            && PURE_FUNCTION.contains(c0)
            && self.surnames.contains(&doc.at(p + 1))
            && is_han(doc.at(p + 2))
        {
            return None;
        }
        let g = p + slen;
        let surname: String = doc.chars[p..g].iter().collect();
        // Masked names: 王某, 王某某, 王XX.
        if doc.at(g) == '某' {
            let end = if doc.at(g + 1) == '某' { g + 2 } else { g + 1 };
            return Some((doc.fstr(p, end).to_string(), end));
        }
        if Self::is_masked(doc.at(g)) {
            let mut end = g + 1;
            if Self::is_masked(doc.at(end)) {
                end += 1;
            }
            let mask: String = doc.chars[g..end]
                .iter()
                .map(|&c| if c == 'x' || c == 'ｘ' { 'X' } else { c })
                .collect();
            return Some((format!("{surname}{mask}"), end));
        }
        let c1 = doc.at(g);
        // 滕子明: 子 starts a given name when a name character and a clear
        // boundary follow (not 王子 in 王子的).
        let weak_first = WEAK_FIRST_GIVEN.contains(c1)
            && is_han(doc.at(g + 1))
            && !self.given_stop.contains(&doc.at(g + 1))
            && self.clear_boundary(doc, g + 2);
        if !is_han(c1)
            || (self.given_stop.contains(&c1) && !weak_first)
            || Self::anchored_at(&self.titles_anchored, doc, g).is_some()
        {
            return None;
        }
        if places.iter().any(|h| h.start == g) {
            return None;
        }
        let two: String = doc.chars[p..=g].iter().collect();
        // 杨树林、黎明远: a word (杨树, 黎明) that a third character and a
        // boundary make a name.
        let word = self.not_names.contains(&two);
        if word && slen == 1 {
            let c2 = doc.at(g + 1);
            if is_han(c2)
                && !self.given_stop.contains(&c2)
                && self.clear_boundary(doc, g + 2)
                && !self.not_names.contains(&format!("{two}{c2}"))
            {
                return Some((doc.fstr(p, g + 2).to_string(), g + 2));
            }
        }
        if word
            || (slen == 1
                && self.not_name_heads.contains(&two)
                && self
                    .not_names
                    .contains(&format!("{}{}", two, doc.at(g + 1))))
        {
            return None;
        }
        let c2 = doc.at(g + 1);
        let mut end = g + 1;
        if is_han(c2)
            && (!self.given_stop.contains(&c2) || self.weak_last_given(doc, g + 1))
            && Self::anchored_at(&self.enders, doc, g + 1).is_none()
            && !places.iter().any(|h| h.start == g + 1)
        {
            end = g + 2;
        }
        Some((doc.fstr(p, end).to_string(), end))
    }

    /// Whether the weak character at `i` (年, 元, 才, 里) ends a name here:
    /// what follows is not a word it starts and cannot carry the name on.
    fn weak_last_given(&self, doc: &Doc<'_>, i: usize) -> bool {
        let c = doc.at(i);
        if !WEAK_LAST_GIVEN.contains(c) || WEAK_CONTINUATIONS.iter().any(|w| doc.starts_with(i, w))
        {
            return false;
        }
        let next = doc.at(i + 1);
        !is_han(next)
            || self.given_stop.contains(&next)
            || Self::anchored_at(&self.enders, doc, i + 1).is_some()
    }

    /// Whether char `i` clearly ends a name: punctuation, a word that follows
    /// names, or a function character (杨树林、 but not 明知账目).
    fn clear_boundary(&self, doc: &Doc<'_>, i: usize) -> bool {
        let c = doc.at(i);
        !is_han(c)
            || "的和与及等把在是被将".contains(c)
            || Self::anchored_at(&self.enders, doc, i).is_some()
    }

    /// Whether a name occurs on its own at char `i` of the folded text: not
    /// followed by a character that would make it a longer name (孙立 inside
    /// 孙立民 does not count).
    fn standalone_at(&self, doc: &Doc<'_>, i: usize) -> bool {
        let c = doc.at(i);
        !is_han(c)
            || (self.given_stop.contains(&c) && !self.weak_last_given(doc, i))
            || Self::anchored_at(&self.enders, doc, i).is_some()
    }

    /// A name that ends exactly at `s` (王建华书记, 王建华（村党支部书记）).
    fn name_before(&self, doc: &Doc<'_>, s: usize, places: &[PlaceHit]) -> Option<(String, usize)> {
        for k in [4usize, 3, 2] {
            if s < k {
                continue;
            }
            let p = s - k;
            // 和王强书记 is 王强; 来马主任 is 马主任, not a name 来马.
            if k <= 3 && FUNCTION_SURNAMES.contains(doc.at(p)) {
                continue;
            }
            if let Some((name, end)) = self.name_at(doc, p, places) {
                if end == s {
                    return Some((name, p));
                }
            }
        }
        None
    }

    /// Canonical form of a title read from a ledger cell; a bare 书记 or
    /// 主任 counts as a village title when the cell names a village.
    pub(crate) fn canonical_title(&self, raw: &str, village: bool) -> String {
        let raw = raw.trim();
        if village && BARE_TITLES.contains(&raw) {
            return self.contextual_title(raw, TitleLevel::Village, None);
        }
        self.canonical(raw)
    }

    /// Canonical form of a bare title (书记, 主任) once the letter's village is
    /// known, and of 党委书记 once its town is (镇党委书记 or 乡党委书记); other
    /// titles unchanged.
    pub(crate) fn settle_bare(&self, title: &str, village: bool, town: Option<&str>) -> String {
        let (former, core) = match title.strip_prefix('原') {
            Some(c) => ("原", c),
            None => ("", title),
        };
        let (first, rest) = match core.find('兼') {
            Some(k) => core.split_at(k),
            None => (core, ""),
        };
        let settled = if BARE_TITLES.contains(&first) && village {
            self.contextual_title(first, TitleLevel::Village, None)
        } else if first == "党委书记" || first == "党委副书记" {
            let unit = if town.is_some_and(|t| t.ends_with('乡')) {
                "乡"
            } else {
                "镇"
            };
            format!("{unit}{first}")
        } else {
            return title.to_string();
        };
        format!("{former}{settled}{rest}")
    }

    /// The level of a (canonical or written) title, if the lexicon knows it.
    pub(crate) fn level_of(&self, title: &str) -> Option<TitleLevel> {
        let t = title.trim_start_matches('原');
        let first = t.split('兼').next().unwrap_or(t);
        if let Some(l) = self.levels.get(first) {
            return Some(*l);
        }
        // 财政所所长: the longest known title it ends with.
        self.levels
            .iter()
            .filter(|(k, _)| first.ends_with(k.as_str()))
            .max_by_key(|(k, _)| k.len())
            .map(|(_, l)| *l)
    }

    /// Whether a piece of text states wrongdoing.
    pub(crate) fn is_accusation(&self, text: &str) -> bool {
        self.accusation.as_ref().is_some_and(|ac| ac.is_match(text))
    }

    fn canonical(&self, raw: &str) -> String {
        self.canonical
            .get(raw)
            .cloned()
            .unwrap_or_else(|| raw.to_string())
    }

    /// Finds every anchored mention.
    pub(crate) fn mentions(
        &self,
        doc: &Doc<'_>,
        places: &[PlaceHit],
    ) -> (Vec<Mention>, Vec<(usize, usize)>) {
        let mut hits: Vec<(usize, usize, usize)> = Vec::new();
        if let Some(ac) = &self.anchors {
            for m in ac.find_iter(&doc.folded) {
                hits.push((
                    doc.char_of_byte(m.start()),
                    doc.char_of_byte(m.end()),
                    m.pattern().as_usize(),
                ));
            }
        }
        let mut out: Vec<Mention> = Vec::new();
        // Self-introductions without a name still place the writer.
        let mut intros: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < hits.len() {
            let (start, mut end, pid) = hits[i];
            i += 1;
            match &self.kinds[pid] {
                Anchor::Title { raw, level } => {
                    let mut raws = vec![raw.clone()];
                    let mut level = *level;
                    // 村委会主任兼会计李某某
                    while i < hits.len() && doc.at(end) == '兼' && hits[i].0 == end + 1 {
                        if let Anchor::Title { raw: r2, .. } = &self.kinds[hits[i].2] {
                            raws.push(r2.clone());
                            end = hits[i].1;
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    // The place right before the title: 柳河村党支部书记, 柳河村长.
                    let place = places.iter().find(|h| {
                        h.end == start
                            || (h.end == start + 1
                                && h.start < start
                                && matches!(doc.at(start), '村' | '镇' | '乡'))
                    });
                    let mut first = place.map_or(start, |h| h.start);
                    // The unit in front of a station or office title: 财政所所长.
                    let mut unit = String::new();
                    if place.is_none() && UNIT_TITLES.contains(&raws[0].as_str()) {
                        let mut a = start;
                        while a > 0
                            && start - a < 5
                            && is_han(doc.at(a - 1))
                            && !UNIT_STOP.contains(doc.at(a - 1))
                        {
                            a -= 1;
                        }
                        let cand = doc.fstr(a, start);
                        if cand.chars().count() >= 2
                            && cand.ends_with(['所', '站', '局', '校', '院', '办'])
                        {
                            unit = cand.to_string();
                            first = a;
                        }
                    }
                    let former =
                        doc.at(first.wrapping_sub(1)) == '原' || doc.ends_with(first, "前任");
                    let village_ctx =
                        raws[0].starts_with('村') || doc.at(start.wrapping_sub(1)) == '村';
                    let town_ctx = doc.at(start.wrapping_sub(1)) == '镇'
                        || doc.at(start.wrapping_sub(1)) == '乡';
                    if let Some(p) = place {
                        if p.village.is_some() {
                            level = TitleLevel::Village;
                        } else if p.town.is_some() && BARE_TITLES.contains(&raws[0].as_str()) {
                            level = TitleLevel::Town;
                        }
                    } else if town_ctx && BARE_TITLES.contains(&raws[0].as_str()) {
                        level = TitleLevel::Town;
                    }
                    let bare = BARE_TITLES.contains(&raws[0].as_str())
                        && place.is_none()
                        && !village_ctx
                        && !town_ctx;
                    let titles: Vec<String> = raws
                        .iter()
                        .map(|r| {
                            if BARE_TITLES.contains(&r.as_str()) && !bare {
                                self.contextual_title(r, level, place)
                            } else {
                                self.canonical(r)
                            }
                        })
                        .collect();
                    let mut title = titles.join("兼");
                    if !unit.is_empty() {
                        title = format!("{unit}{title}");
                    }
                    if former {
                        title = format!("原{title}");
                    }
                    let named = self.title_name(
                        doc,
                        places,
                        start,
                        end,
                        first,
                        place.is_some() || !unit.is_empty(),
                    );
                    if let Some((name, ns, _)) = named {
                        let name_end = ns + name.chars().count();
                        out.push(Mention {
                            name,
                            kind: Kind::Official,
                            title,
                            level: Some(level),
                            town: place.and_then(|p| p.town.clone()),
                            village: place.and_then(|p| p.village.clone()),
                            start: first.min(ns),
                            name_start: ns,
                            name_end,
                            bare,
                        });
                    }
                }
                Anchor::Kin
                | Anchor::Handler(_)
                | Anchor::Villager(_)
                | Anchor::AccusedLabel
                | Anchor::PetitionerLabel => {
                    let labelled = matches!(
                        self.kinds[pid],
                        Anchor::AccusedLabel | Anchor::PetitionerLabel
                    );
                    let mut at = end;
                    if labelled {
                        // 举报人姓名：, 被举报人：
                        if doc.starts_with(at, "姓名") {
                            at += 2;
                        }
                        if !matches!(doc.at(at), ':' | '：') {
                            continue;
                        }
                        // Not 被举报人 read as 举报人.
                        if matches!(self.kinds[pid], Anchor::PetitionerLabel)
                            && doc.at(start.wrapping_sub(1)) == '被'
                        {
                            continue;
                        }
                    }
                    while matches!(doc.at(at), ':' | ' ' | '：') && at < end + 4 {
                        at += 1;
                    }
                    // 其侄子王某: the kin anchor 其侄 leaves 子.
                    if matches!(self.kinds[pid], Anchor::Kin) {
                        while at < end + 2 && "子女儿媳婿弟兄妹姐".contains(doc.at(at)) {
                            at += 1;
                        }
                    }
                    let place = places.iter().find(|h| h.end == start);
                    // Several names after a label: 张三、李四
                    while let Some((name, ne)) = self.name_at(doc, at, places) {
                        let kind = match &self.kinds[pid] {
                            Anchor::Kin => Kind::Kin,
                            Anchor::Handler(r) => Kind::Handler(r.clone()),
                            Anchor::Villager(v) => Kind::Villager(v.clone()),
                            Anchor::AccusedLabel => Kind::AccusedLabel,
                            _ => Kind::Petitioner,
                        };
                        out.push(Mention {
                            name,
                            kind,
                            title: String::new(),
                            level: None,
                            town: place.and_then(|p| p.town.clone()),
                            village: place.and_then(|p| p.village.clone()),
                            start: place.map_or(start, |p| p.start),
                            name_start: at,
                            name_end: ne,
                            bare: false,
                        });
                        let list = labelled || matches!(self.kinds[pid], Anchor::Villager(_));
                        if list
                            && matches!(doc.at(ne), '、' | ',' | ' ')
                            && self.surnames.contains(&doc.at(ne + 1))
                        {
                            at = ne + 1;
                        } else {
                            break;
                        }
                    }
                }
                Anchor::SelfIntro => {
                    intros.push((start, end));
                    let mut at = end;
                    while matches!(doc.at(at), ':' | ' ' | '：') {
                        at += 1;
                    }
                    // 我是石桥镇柳河村村民张三: the villager word has its own anchor.
                    if let Some(h) = places.iter().find(|h| h.start == at) {
                        at = h.end;
                    }
                    if hits.get(i).is_some_and(|h| h.0 == at) {
                        continue;
                    }
                    if let Some((name, ne)) = self.name_at(doc, at, places) {
                        // 我是张三, 我叫张三; not 我是王家的 (a name ends at a break).
                        let next = doc.at(ne);
                        let ends = ne >= doc.len()
                            || !is_han(next)
                            || matches!(
                                next,
                                '是' | '系' | '男' | '女' | '现' | '家' | '住' | '今' | '年'
                            );
                        if ends {
                            out.push(Mention {
                                name,
                                kind: Kind::Petitioner,
                                title: String::new(),
                                level: None,
                                town: None,
                                village: None,
                                start,
                                name_start: at,
                                name_end: ne,
                                bare: false,
                            });
                        }
                    }
                }
            }
        }
        (out, intros)
    }

    /// The name a title belongs to, read around it: after it (村支书王建华,
    /// 村支书：王建华, 魏会计（魏长河）, 担任村会计的王建华), or before it
    /// (王建华书记, 王建华（村主任）, 尹国华（男，63岁，村主任）, 兰秀英是村会计,
    /// 被举报人：杜宏伟，团结村村会计). `first` is where the title's place or
    /// unit starts; `prefixed` says there is one. Returns the name, its
    /// start and the end of the construction.
    fn title_name(
        &self,
        doc: &Doc<'_>,
        places: &[PlaceHit],
        start: usize,
        end: usize,
        first: usize,
        prefixed: bool,
    ) -> Option<(String, usize, usize)> {
        // After the title, unless it is an address form (邱村长连夜…, 吕书记都用…)
        // that a bracket does not explain (魏会计（魏长河）).
        let address = self.address_form(doc, places, start, prefixed);
        {
            let mut at = end;
            while matches!(doc.at(at), ':' | ' ' | '：') && at < end + 2 {
                at += 1;
            }
            let bracket = matches!(doc.at(at), '(' | '（');
            // 担任村会计的王建华: a post held, then the holder.
            let tenure = doc.at(at) == '的'
                && (doc.ends_with(first, "担任")
                    || matches!(doc.at(first.wrapping_sub(1)), '任' | '当'));
            if bracket || tenure {
                at += 1;
            }
            if address && !bracket {
                at = usize::MAX;
            }
            if let Some((n, e)) = self.name_at(doc, at, places) {
                if !bracket || matches!(doc.at(e), ')' | '）') {
                    return Some((n, at, e));
                }
            }
        }
        // Before the title. 原 and 前任 belong to the title (王某（原村主任）).
        let mut lead = first;
        while lead > 0 && matches!(doc.at(lead - 1), ' ' | '原') {
            lead -= 1;
        }
        if doc.ends_with(lead, "前任") {
            lead -= 2;
        }
        while lead > 0 && doc.at(lead - 1) == ' ' {
            lead -= 1;
        }
        let before = |s: usize| self.name_before(doc, s, places).map(|(n, p)| (n, p, s));
        match doc.at(lead.wrapping_sub(1)) {
            '(' | '（' => return before(lead - 1),
            _ if matches!(doc.at(end), ')' | '）') => {
                // 尹国华（男，63岁，村主任）, 马三元（七组组长）: the bracket opens
                // a few words back.
                let mut q = lead;
                while q > 0 && lead - q < 14 {
                    q -= 1;
                    match doc.at(q) {
                        '(' | '（' => return before(q),
                        ')' | '）' | '。' | '\n' | '：' | ':' => break,
                        _ => {}
                    }
                }
                return None;
            }
            ',' | '，' => {
                // 被举报人：杜宏伟，团结村村会计 — a label's value and its post.
                let (n, p, s) = before(lead - 1)?;
                return matches!(doc.at(p.wrapping_sub(1)), ':' | '：').then_some((n, p, s));
            }
            '是' | '当' if doc.at(end) != '的' => {
                // 兰秀英是村会计, 曹金宝当支书十二年.
                return before(lead - 1);
            }
            _ => {}
        }
        if doc.ends_with(lead, "担任") && doc.at(end) != '的' {
            return before(lead - 2);
        }
        if prefixed || lead != first {
            return None;
        }
        before(start)
    }

    /// Whether the title at `start` follows a lone surname (邱村长, 吕书记):
    /// an address form, after which no name follows.
    fn address_form(
        &self,
        doc: &Doc<'_>,
        places: &[PlaceHit],
        start: usize,
        prefixed: bool,
    ) -> bool {
        if prefixed || start == 0 {
            return false;
        }
        let c = doc.at(start - 1);
        self.surnames.contains(&c)
            && !FUNCTION_SURNAMES.contains(c)
            && !NOT_ADDRESS_SURNAME.contains(c)
            && !TENURE.iter().any(|t| doc.ends_with(start, t))
            && !places.iter().any(|h| h.start < start && start <= h.end)
    }

    fn contextual_title(&self, raw: &str, level: TitleLevel, place: Option<&PlaceHit>) -> String {
        match (raw, level) {
            ("书记", TitleLevel::Village) => "村党支部书记".to_string(),
            ("主任", TitleLevel::Village) => "村委会主任".to_string(),
            ("副主任", TitleLevel::Village) => "村委会副主任".to_string(),
            ("书记", TitleLevel::Town) => {
                if place
                    .and_then(|p| p.town.as_deref())
                    .is_some_and(|t| t.ends_with('乡'))
                {
                    "乡党委书记".to_string()
                } else {
                    "镇党委书记".to_string()
                }
            }
            _ => self.canonical(raw),
        }
    }

    /// Whether the official is only quoted here: the name is followed by a
    /// verb of saying (村主任邱某说会计的事他不清楚, 村支书汪某开会时说…) and
    /// the sentence states no wrongdoing.
    fn only_speaks(&self, doc: &Doc<'_>, m: &Mention) -> bool {
        let (cs, ce) = doc.clause(m.name_end);
        if m.start < cs {
            return false;
        }
        let window = doc.fstr(m.name_end, (m.name_end + 6).min(ce));
        let says = ["说", "表示", "称", "讲"]
            .iter()
            .any(|v| window.contains(v));
        let (ss, se) = sentence_of(doc, m.name_end);
        says && !self.is_accusation(doc.fstr(ss, se))
    }

    /// Whether the mention reads as a report to (or handling by) the official
    /// rather than a complaint about them.
    fn handled_by(
        &self,
        doc: &Doc<'_>,
        m: &Mention,
        next_start: usize,
        places: &[PlaceHit],
    ) -> (bool, bool) {
        let (mut cs, ce) = doc.clause(m.start);
        // OCR text ends sentences with a half-width full stop (反映问题. 我要举报…).
        for k in (cs..m.start).rev() {
            if doc.at(k) == '.' && !doc.at(k + 1).is_ascii_digit() {
                cs = k + 1;
                break;
            }
        }
        let stop = ce.min(next_start.max(m.name_end));
        let suffix = doc.fstr(m.name_end, stop);
        let accused = self
            .accusation
            .as_ref()
            .is_some_and(|ac| ac.is_match(suffix));
        let mut handler = false;
        let prefix = doc.fstr(cs, m.start);
        // 当时负责登记的是副镇长谢某: the one in charge of a step.
        if prefix.contains("负责") && prefix.trim_end().ends_with("的是") {
            handler = true;
        }
        if let Some(ac) = &self.handler_before {
            let base = doc.byte(cs);
            for hit in ac.find_iter(prefix) {
                let c = doc.char_of_byte(base + hit.start());
                if !places.iter().any(|h| h.start <= c && c < h.end) {
                    handler = true;
                }
            }
        }
        if !handler {
            if let Some(ac) = &self.handler_after {
                let window_end = (m.name_end + 8).min(stop.max(m.name_end));
                let window = doc.fstr(m.name_end, window_end);
                for hit in ac.find_iter(window) {
                    let c = doc.char_of_byte(doc.byte(m.name_end) + hit.start());
                    let neg = c > 0 && matches!(doc.at(c - 1), '不' | '未' | '没' | '拒');
                    if !neg {
                        handler = true;
                    }
                }
            }
        }
        (handler, accused)
    }

    /// Finds the people of one letter.
    pub(crate) fn find(&self, doc: &Doc<'_>, places: &[PlaceHit]) -> Found {
        let (mut mentions, intros) = self.mentions(doc, places);
        // Prefer names that recur: a three-character name seen once whose
        // two-character head recurs is the head (村主任李明贪… → 李明).
        let mut shorten: HashMap<String, Option<String>> = HashMap::new();
        for m in mentions.iter_mut() {
            let decision = shorten.entry(m.name.clone()).or_insert_with(|| {
                let n: Vec<char> = m.name.chars().collect();
                if n.len() == 3
                    && self.surnames.contains(&n[0])
                    && !n
                        .iter()
                        .any(|&c| c == '某' || Self::is_masked(c) || c == 'X')
                    && !self.compound.contains(&(n[0], n[1]))
                {
                    let head: String = n[..2].iter().collect();
                    let once = doc.folded.matches(m.name.as_str()).nth(1).is_none();
                    let alone = once
                        && doc
                            .folded
                            .match_indices(head.as_str())
                            .any(|(b, _)| self.standalone_at(doc, doc.char_of_byte(b) + 2));
                    if alone {
                        return Some(head);
                    }
                }
                None
            });
            if let Some(head) = decision.clone() {
                m.name = head;
                m.name_end -= 1;
            }
        }
        let mut found = Found::default();
        self.find_petitioners(doc, places, &mentions, &intros, &mut found);
        let pet_names: HashSet<String> = found.petitioners.iter().map(|p| p.name.clone()).collect();

        #[derive(Default)]
        struct Agg {
            accused: bool,
            handler: Option<String>,
            kin: bool,
            /// Only quoted, never accused (站长罗国辉说是有审批的).
            speaker: bool,
            villager: Option<String>,
            title: String,
            title_bare: bool,
            level: Option<TitleLevel>,
            town: Option<String>,
            village: Option<String>,
            order: usize,
        }
        let mut agg: HashMap<String, Agg> = HashMap::new();
        let starts: Vec<usize> = mentions.iter().map(|m| m.start).collect();
        for m in &mentions {
            if pet_names.contains(&m.name) || matches!(m.kind, Kind::Petitioner) {
                continue;
            }
            let next_start = starts
                .iter()
                .copied()
                .filter(|&s| s > m.name_start)
                .min()
                .unwrap_or(usize::MAX);
            let n = agg.len();
            let a = agg.entry(m.name.clone()).or_insert_with(|| Agg {
                order: n,
                ..Agg::default()
            });
            match &m.kind {
                Kind::Official => {
                    let (handler, accused) = self.handled_by(doc, m, next_start, places);
                    let liaison = LIAISON_TITLES.contains(&m.title.trim_start_matches('原'));
                    if !handler && !accused && self.only_speaks(doc, m) {
                        a.speaker = true;
                    } else if liaison && !handler && !accused {
                        a.handler.get_or_insert_with(|| m.title.clone());
                    } else if handler && !accused {
                        let before = {
                            let (cs, _) = doc.clause(m.start);
                            self.handler_before
                                .as_ref()
                                .is_some_and(|ac| ac.is_match(doc.fstr(cs, m.start)))
                        };
                        a.handler.get_or_insert_with(|| {
                            if before {
                                "受理人".to_string()
                            } else {
                                "经办人".to_string()
                            }
                        });
                    } else {
                        a.accused = true;
                    }
                    let better = a.title.is_empty()
                        || (a.title_bare && !m.bare)
                        || (a.village.is_none() && m.village.is_some());
                    if better && !m.title.is_empty() {
                        a.title.clone_from(&m.title);
                        a.title_bare = m.bare;
                        a.level = m.level;
                    }
                    if a.village.is_none() && m.village.is_some()
                        || a.town.is_none() && m.town.is_some() && a.village.is_none()
                    {
                        a.town.clone_from(&m.town);
                        a.village.clone_from(&m.village);
                    }
                }
                Kind::AccusedLabel => a.accused = true,
                Kind::Handler(r) => {
                    a.handler.get_or_insert_with(|| r.clone());
                }
                Kind::Kin => a.kin = true,
                Kind::Villager(v) => {
                    a.villager.get_or_insert_with(|| v.clone());
                }
                Kind::Petitioner => {}
            }
        }
        let mut people: Vec<(String, Agg)> = agg.into_iter().collect();
        people.sort_by_key(|(_, a)| a.order);
        // A letter complains about somebody: an official who is only quoted
        // stays accused when nobody else is.
        let others_accused = people
            .iter()
            .any(|(_, a)| a.accused && !(a.kin && a.title.is_empty()));
        for (name, a) in people {
            if a.accused && !(a.kin && a.title.is_empty()) {
                found.accused.push(FoundOfficial {
                    name,
                    title: a.title,
                    level: a.level,
                    town: a.town,
                    village: a.village,
                });
            } else if let Some(role) = a.handler {
                found.mentioned.push((name, a.title, role));
            } else if a.kin {
                found.mentioned.push((name, a.title, "亲属".to_string()));
            } else if let Some(v) = a.villager {
                found.mentioned.push((name, a.title, v));
            } else if a.speaker && !a.accused && others_accused {
                found.mentioned.push((name, a.title, "相关人".to_string()));
            } else if a.accused || a.speaker {
                found.accused.push(FoundOfficial {
                    name,
                    title: a.title,
                    level: a.level,
                    town: a.town,
                    village: a.village,
                });
            }
        }
        found
    }

    fn find_petitioners(
        &self,
        doc: &Doc<'_>,
        places: &[PlaceHit],
        mentions: &[Mention],
        intros: &[(usize, usize)],
        found: &mut Found,
    ) {
        let mut add =
            |found: &mut Found, name: String, town: Option<String>, village: Option<String>| {
                if let Some(p) = found.petitioners.iter_mut().find(|p| p.name == name) {
                    if p.village.is_none() && village.is_some() {
                        p.village = village;
                        p.town = town;
                    }
                } else {
                    found.petitioners.push(FoundPetitioner {
                        name,
                        town,
                        village,
                    });
                }
            };
        // Where the writer says they live: the place in a self-introduction.
        for &(s, _) in intros {
            let (a, b) = sentence_of(doc, s);
            if let Some(h) = places.iter().find(|h| {
                h.start >= s
                    && h.end <= b
                    && h.start >= a
                    && (h.village.is_some() || h.town.is_some())
            }) {
                if found.petitioner_town.is_none() && found.petitioner_village.is_none() {
                    found.petitioner_town.clone_from(&h.town);
                    found.petitioner_village.clone_from(&h.village);
                }
            }
        }
        for m in mentions {
            match &m.kind {
                Kind::Petitioner => add(found, m.name.clone(), m.town.clone(), m.village.clone()),
                Kind::Villager(_) => {
                    // 我是柳河村村民张三: a villager in a self-introduction.
                    let (cs, _) = doc.clause(m.start);
                    let (ss, _) = sentence_of(doc, m.start);
                    let intro = intros.iter().any(|&(s, _)| s >= ss && s <= m.start) || {
                        let pre = doc.fstr(cs, m.start);
                        pre.contains("我是") || pre.contains("本人")
                    };
                    if intro {
                        let town = m.town.clone().or_else(|| found.petitioner_town.clone());
                        let village = m
                            .village
                            .clone()
                            .or_else(|| found.petitioner_village.clone());
                        add(found, m.name.clone(), town, village);
                    }
                }
                _ => {}
            }
        }
        // The signature after 此致敬礼, or the last lines.
        let lines = doc.lines();
        let region_start = ["敬礼", "此致"]
            .iter()
            .filter_map(|k| doc.folded.rfind(k).map(|b| doc.char_of_byte(b) + 2))
            .max()
            .unwrap_or_else(|| {
                lines
                    .len()
                    .checked_sub(3)
                    .and_then(|k| lines.get(k))
                    .map_or(0, |l| l.0)
            });
        for &(a, b) in &lines {
            if b <= region_start {
                continue;
            }
            let a = a.max(region_start);
            self.signature_line(doc, a, b, places, found, &mut add);
        }
        // Anonymity markers where the writer names themselves.
        // The end of the first sentence (without listing them all).
        let head_end = {
            let first = doc
                .chars
                .iter()
                .position(|c| !c.is_whitespace() && !is_sentence_break(*c));
            first.map_or(0, |f| sentence_of(doc, f).1)
        };
        let sig = doc.fstr(region_start.min(doc.len()), doc.len());
        let head = doc.fstr(0, head_end.min(doc.len()));
        let marked = self.anonymous.as_ref().is_some_and(|ac| {
            ac.is_match(sig)
                || ac
                    .find_overlapping_iter(head)
                    .any(|m| Some(m.pattern().as_usize()) != self.crowd)
        });
        if marked || doc.folded.contains("匿名") {
            found.anonymous = true;
        }
    }

    /// Splits a run of names written without separators (张翠花蔡春燕, 李四王五)
    /// from `p` to the end of the run; None unless every character belongs
    /// to a name. Prefers three-character names, as most are.
    fn split_names(
        &self,
        doc: &Doc<'_>,
        p: usize,
        b: usize,
        places: &[PlaceHit],
    ) -> Option<Vec<String>> {
        let mut end = p;
        while end < b
            && is_han(doc.at(end))
            && !SIGNATURE_TAILS.iter().any(|t| doc.starts_with(end, t))
        {
            end += 1;
        }
        if end - p > 16 {
            return None;
        }
        self.split_run(doc, p, end, places)
    }

    fn split_run(
        &self,
        doc: &Doc<'_>,
        p: usize,
        end: usize,
        places: &[PlaceHit],
    ) -> Option<Vec<String>> {
        if p == end {
            return Some(Vec::new());
        }
        let (name, ne) = self.name_at(doc, p, places)?;
        if name.contains('某') {
            return None;
        }
        let len = ne - p;
        let compound = usize::from(self.compound.contains(&(doc.at(p), doc.at(p + 1))));
        // The name as read, then one character shorter.
        for l in [len, len - 1] {
            if l < 2 + compound || p + l > end {
                continue;
            }
            if let Some(mut rest) = self.split_run(doc, p + l, end, places) {
                rest.insert(0, doc.fstr(p, p + l).to_string());
                return Some(rest);
            }
        }
        None
    }

    fn signature_line(
        &self,
        doc: &Doc<'_>,
        a: usize,
        b: usize,
        places: &[PlaceHit],
        found: &mut Found,
        add: &mut impl FnMut(&mut Found, String, Option<String>, Option<String>),
    ) {
        let mut p = a;
        while p < b && !is_han(doc.at(p)) {
            p += 1;
        }
        // A signature is a short line, not a sentence that starts with a name.
        if b - p > 24 || doc.fstr(p, b).contains(['。', ',', '，']) {
            return;
        }
        // Labels: 举报人：, 署名：
        for l in PETITIONER_LABELS {
            if doc.starts_with(p, l) {
                let mut q = p + l.chars().count();
                if matches!(doc.at(q), ':' | '：') {
                    q += 1;
                    while doc.at(q) == ' ' {
                        q += 1;
                    }
                    p = q;
                }
                break;
            }
        }
        let mut town = None;
        let mut village = None;
        if let Some(h) = places.iter().find(|h| h.start == p) {
            town.clone_from(&h.town);
            village.clone_from(&h.village);
            p = h.end;
        }
        // 村民, 老党员 …: the villager words, longest first (they are sorted
        // by length in `signature_words`).
        if let Some(v) = self.signature_words.iter().find(|v| doc.starts_with(p, v)) {
            p += v.chars().count();
        }
        while matches!(doc.at(p), ':' | '：' | ' ') && p < b {
            p += 1;
        }
        let mut names = Vec::new();
        while let Some((name, ne)) = self.name_at(doc, p, places) {
            let next = doc.at(ne);
            let rest = doc.fstr(ne, b);
            let ok_end = ne >= b
                || matches!(next, '、' | ',' | ' ' | '(' | '（' | '\u{3000}' | '等')
                || SIGNATURE_TAILS.iter().any(|t| rest.starts_with(t))
                || rest.starts_with('上') && ne + 1 == b
                || rest.chars().next().is_some_and(|c| c.is_ascii_digit());
            if !ok_end {
                // 张翠花蔡春燕: cleaning joined names signed side by side.
                match self.split_names(doc, p, b, places) {
                    Some(more) => {
                        names.extend(more);
                        break;
                    }
                    None => return,
                }
            }
            names.push(name);
            if matches!(next, '、' | ',' | ' ') && self.surnames.contains(&doc.at(ne + 1)) {
                p = ne + 1;
            } else {
                break;
            }
        }
        if town.is_none() && village.is_none() {
            town.clone_from(&found.petitioner_town);
            village.clone_from(&found.petitioner_village);
        }
        for n in names {
            add(found, n, town.clone(), village.clone());
        }
    }
}

/// What may follow a signed name on its line.
const SIGNATURE_TAILS: [&str; 8] = [
    "敬上",
    "谨上",
    "电话",
    "手机",
    "联系",
    "身份证",
    "住址",
    "地址",
];

/// The sentence around char `i`.
pub(crate) fn sentence_of(doc: &Doc<'_>, i: usize) -> (usize, usize) {
    let mut a = i.min(doc.len());
    while a > 0 && !is_sentence_break(doc.at(a - 1)) {
        a -= 1;
    }
    let mut b = i.min(doc.len());
    while b < doc.len() && !is_sentence_break(doc.at(b)) {
        b += 1;
    }
    (a, b)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::OnceLock;

    use xinfang_config::Config;

    use crate::extract::{ExtractInput, Extraction, Extractor};

    fn run(text: &str) -> Extraction {
        static E: OnceLock<Extractor> = OnceLock::new();
        let e = E.get_or_init(|| Extractor::new(&Config::defaults().expect("defaults")));
        let labels = BTreeMap::new();
        let cleaned = crate::text::clean(text);
        e.extract(&ExtractInput { text: &cleaned, labels: &labels, ledger: None })
    }

    fn mentioned(ex: &Extraction) -> Vec<&str> {
        ex.mentioned.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn a_pronoun_after_a_surname_character_is_no_name() {
        // 向 is a surname, 您 is "you": 群众向您反映 names nobody.
        let ex = run("尊敬的领导：我们石桥镇新华村部分群众向您反映村党支部书记钱志刚优亲厚友的问题。");
        assert!(!mentioned(&ex).contains(&"向您"), "{:?}", ex.mentioned);
        assert!(ex.petitioners.iter().all(|p| p.name != "向您"), "{:?}", ex.petitioners);
        assert_eq!(ex.accused.first().map(|a| a.name.as_str()), Some("钱志刚"));
    }

    #[test]
    fn relatives_by_marriage_are_mentioned() {
        let ex = run("村党支部书记钱志刚私下把他弟媳王桂香和他连襟等四户家庭条件较好的人家纳入低保，其嫂子刘秀珍也领了两年。");
        let m = mentioned(&ex);
        assert!(m.contains(&"王桂香"), "{m:?}");
        assert!(m.contains(&"刘秀珍"), "{m:?}");
        assert!(ex.accused.iter().all(|a| a.name != "王桂香"), "{:?}", ex.accused);
    }
}
