//! Field and entity extraction: people, places, dates, topics and the 八何 record.
//!
//! The [`Extractor`] is built once from the configuration (gazetteer, title
//! lexicon, surnames, taxonomy) and shared by all workers. It combines what a
//! ledger row says (which wins where present) with what the letter text says.
//!
//! Every pass reads the *folded* text (simplified script, NFKC), so names and
//! places come out simplified whatever script the letter used; titles and 八何
//! strings are cut from the text as written. All matchers (gazetteer, titles,
//! cue words, topic keywords) are Aho-Corasick automatons built in
//! [`Extractor::new`]; one letter costs a handful of linear passes.

mod doc;
mod fields;
mod people;
mod places;
mod topics;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use xinfang_config::{Config, TitleLevel};

use crate::record::{EightWs, LedgerRow, MentionedPerson, Official, Petitioner, Sensitive};
use crate::text::fold;

use self::doc::Doc;
use self::people::{FoundOfficial, People};
use self::places::Places;
use self::topics::Topics;

/// Everything the extractor looks at for one letter.
#[derive(Debug, Clone, Copy)]
pub struct ExtractInput<'a> {
    /// The letter text, cleaned (`text::clean`), original script; may be empty
    /// for a ledger row with no file.
    pub text: &'a str,
    /// Labelled fields of forms and web exports.
    pub labels: &'a BTreeMap<String, String>,
    /// The ledger row, when the letter has one.
    pub ledger: Option<&'a LedgerRow>,
}

/// What the extractor found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    /// A short title.
    pub title: String,
    /// Received or written date.
    pub received: Option<NaiveDate>,
    /// Town, gazetteer name.
    pub town: Option<String>,
    /// Village, gazetteer name.
    pub village: Option<String>,
    /// Writers.
    pub petitioners: Vec<Petitioner>,
    /// Accused officials.
    pub accused: Vec<Official>,
    /// Other people named.
    pub mentioned: Vec<MentionedPerson>,
    /// Topics, main first.
    pub topics: Vec<String>,
    /// 即时答复 / 限时办结 / 移送线索.
    pub disposition: Option<String>,
    /// 八何.
    pub fields: EightWs,
    /// Phones and ID numbers.
    pub sensitive: Sensitive,
}

/// The extractor; cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    places: Places,
    people: People,
    topics: Topics,
    anonymous_markers: Vec<String>,
}

/// What a ledger row or a form's labels say, before the text is read.
#[derive(Default)]
struct Hints {
    accused: Vec<FoundOfficial>,
    petitioners: Vec<String>,
    town: Option<String>,
    village: Option<String>,
    disposition: Option<String>,
}

impl Extractor {
    /// Builds the extractor from the configuration.
    pub fn new(config: &Config) -> Extractor {
        Extractor {
            places: Places::new(&config.gazetteer),
            people: People::new(&config.people),
            topics: Topics::new(&config.taxonomy),
            anonymous_markers: config
                .people
                .anonymous_markers
                .iter()
                .map(|m| fold(m))
                .collect(),
        }
    }

    /// Topics of a letter, main first: the ledger category when it maps onto
    /// the taxonomy, else the best keyword score; never empty. Lets a changed
    /// taxonomy re-classify stored letters without re-reading their files.
    pub fn classify(&self, text: &str, title: &str, category: Option<&str>) -> Vec<String> {
        self.topics.classify(text, title, category)
    }

    fn is_anonymous_name(&self, name: &str) -> bool {
        let f = fold(name.trim());
        f.is_empty()
            || f.contains("匿名")
            || self
                .anonymous_markers
                .iter()
                .any(|m| f == *m || f.contains(m.as_str()))
    }

    /// Reads a title cell (石桥镇柳河村党支部书记, 原村主任) into title and places.
    fn title_cell(&self, cell: &str) -> (String, Option<String>, Option<String>) {
        let folded = fold(cell.trim());
        let doc = Doc::new(&folded);
        let hits = self.places.find(&doc);
        let mut rest = String::new();
        let mut k = 0;
        for h in &hits {
            rest.push_str(doc.fstr(k, h.start));
            k = h.end;
        }
        rest.push_str(doc.fstr(k, doc.len()));
        let rest = rest
            .trim()
            .trim_start_matches(['，', ',', '、'])
            .to_string();
        let (former, core) = match rest.strip_prefix('原') {
            Some(c) => (true, c.to_string()),
            None => (false, rest.clone()),
        };
        // 柏树村委会主任: the village's 村 is also the title's (村委会主任).
        let shares_village_char = hits.last().is_some_and(|h| h.village.is_some() && doc.fstr(h.start, h.end).ends_with('村'));
        let core = if shares_village_char && ["委会", "委员会", "党支部", "支部", "两委", "党委", "监委会", "务监督"].iter().any(|w| core.starts_with(w)) {
            format!("村{core}")
        } else {
            core
        };
        let mut title = core
            .split('兼')
            .map(|p| {
                self.people
                    .canonical_title(p, hits.iter().any(|h| h.village.is_some()))
            })
            .collect::<Vec<_>>()
            .join("兼");
        if former && !title.is_empty() {
            title = format!("原{title}");
        }
        let h = hits
            .iter()
            .find(|h| h.village.is_some())
            .or_else(|| hits.first());
        (
            title,
            h.and_then(|h| h.town.clone()),
            h.and_then(|h| h.village.clone()),
        )
    }

    fn hints(&self, input: &ExtractInput<'_>) -> Hints {
        let mut h = Hints::default();
        let split = |s: &str| -> Vec<String> {
            s.split(['、', ',', '，', ';', '；', '/', ' ', '\n'])
                .map(|p| name_in_cell(&fold(p.trim())).to_string())
                .filter(|p| !p.is_empty())
                .collect()
        };
        if let Some(l) = input.ledger {
            for (i, raw) in l.accused.iter().enumerate() {
                let folded = name_in_cell(&fold(raw.trim())).to_string();
                // 王建华（村支书）: a title inside the name cell.
                let (name, inner) = match folded.split_once(['(', '（']) {
                    Some((n, t)) => (
                        n.trim().to_string(),
                        Some(t.trim_end_matches([')', '）']).to_string()),
                    ),
                    None => (folded.clone(), None),
                };
                if name.is_empty() {
                    continue;
                }
                let cell = l.titles.get(i).or(if l.titles.len() == 1 {
                    l.titles.first()
                } else {
                    None
                });
                let (title, town, village) = match (cell, inner) {
                    (Some(c), _) => self.title_cell(c),
                    (None, Some(t)) => self.title_cell(&t),
                    (None, None) => (String::new(), None, None),
                };
                h.accused.push(FoundOfficial {
                    name,
                    level: self.people.level_of(&title),
                    title,
                    town,
                    village,
                });
            }
            h.petitioners.extend(
                l.petitioners
                    .iter()
                    .map(|p| name_in_cell(&fold(p.trim())).to_string())
                    .filter(|p| !p.is_empty()),
            );
            if let Some(t) = l.town.as_deref() {
                let (town, village) = self.places.resolve_cell(t);
                h.town = town;
                h.village = village;
            }
            if let Some(v) = l.village.as_deref() {
                let (town, village) = self.places.resolve_cell(v);
                if village.is_some() {
                    h.village = village;
                    if h.town.is_none() {
                        h.town = town;
                    }
                }
            }
            h.disposition = l
                .disposition
                .as_deref()
                .and_then(fields::normalize_disposition);
        }
        // Form labels fill what the ledger left empty.
        let mut label_title: Option<String> = None;
        let mut label_accused: Vec<String> = Vec::new();
        for (k, v) in input.labels {
            match label_role(k) {
                Some(LabelRole::AccusedPost) => label_title = Some(v.clone()),
                Some(LabelRole::Accused) => label_accused.extend(split(v)),
                Some(LabelRole::Petitioner) if h.petitioners.is_empty() => h.petitioners = split(v),
                Some(LabelRole::Place) if h.town.is_none() && h.village.is_none() => {
                    let (town, village) = self.places.resolve_cell(v);
                    h.town = town;
                    h.village = village;
                }
                Some(LabelRole::Disposition) if h.disposition.is_none() => {
                    h.disposition = fields::normalize_disposition(v);
                }
                _ => {}
            }
        }
        if h.accused.is_empty() {
            // 被反映人：孙林、孙振勇 / 单位及职务：柏树村委会主任、柏树村党支部书记:
            // titles in the names' order, as a ledger's cells are.
            let titles = label_title.as_deref().map(crate::formats::split_names).unwrap_or_default();
            for (i, name) in label_accused.into_iter().enumerate() {
                let cell = titles.get(i).or(if titles.len() == 1 { titles.first() } else { None });
                let (title, town, village) = cell.map(|t| self.title_cell(t)).unwrap_or_default();
                h.accused.push(FoundOfficial {
                    name,
                    level: self.people.level_of(&title),
                    title,
                    town,
                    village,
                });
            }
        }
        if h.village.is_some() && h.town.is_none() {
            h.town = h
                .village
                .as_deref()
                .and_then(|v| self.places.town_of(v))
                .map(str::to_string);
        }
        h
    }

    /// Extracts one letter.
    pub fn extract(&self, input: &ExtractInput<'_>) -> Extraction {
        let doc = Doc::new(input.text);
        let (mut sensitive, masks) = fields::find_sensitive(&doc);
        if let Some(l) = input.ledger {
            for p in &l.sensitive.phones {
                if !sensitive.phones.contains(p) {
                    sensitive.phones.push(p.clone());
                }
            }
            for p in &l.sensitive.id_numbers {
                if !sensitive.id_numbers.contains(p) {
                    sensitive.id_numbers.push(p.clone());
                }
            }
        }
        let hits = self.places.find(&doc);
        let found = self.people.find(&doc, &hits);
        let hints = self.hints(input);

        // Accused: ledger (or labels) first, the text fills and adds.
        let mut accused: Vec<FoundOfficial> = hints.accused.clone();
        for t in &found.accused {
            let same = accused.iter_mut().find(|a| {
                a.name == t.name
                    || (is_masked(&a.name)
                        && a.name.chars().next() == t.name.chars().next()
                        && titles_agree(&a.title, &t.title))
            });
            match same {
                Some(a) => {
                    if a.title.is_empty() {
                        a.title.clone_from(&t.title);
                        a.level = t.level;
                    }
                    if a.town.is_none() && a.village.is_none() {
                        a.town.clone_from(&t.town);
                        a.village.clone_from(&t.village);
                    }
                }
                None => accused.push(t.clone()),
            }
        }

        // Petitioners: ledger column first.
        let mut petitioners: Vec<Petitioner> = Vec::new();
        let mut anonymous = false;
        for p in &hints.petitioners {
            if self.is_anonymous_name(p) {
                anonymous = true;
            } else if !petitioners.iter().any(|x| x.name == *p) {
                petitioners.push(Petitioner {
                    name: p.clone(),
                    anonymous: false,
                    town: None,
                    village: None,
                });
            }
        }
        if !anonymous {
            for p in &found.petitioners {
                match petitioners.iter_mut().find(|x| x.name == p.name) {
                    Some(x) if x.village.is_none() => {
                        x.village.clone_from(&p.village);
                        x.town.clone_from(&p.town);
                    }
                    Some(_) => {}
                    None if hints.petitioners.is_empty() => petitioners.push(Petitioner {
                        name: p.name.clone(),
                        anonymous: false,
                        town: p.town.clone(),
                        village: p.village.clone(),
                    }),
                    None => {}
                }
            }
        }
        for p in petitioners.iter_mut() {
            if p.town.is_none() && p.village.is_none() {
                p.town.clone_from(&found.petitioner_town);
                p.village.clone_from(&found.petitioner_village);
            }
            if p.village.is_some() && p.town.is_none() {
                p.town = p
                    .village
                    .as_deref()
                    .and_then(|v| self.places.town_of(v))
                    .map(str::to_string);
            }
        }
        if petitioners.is_empty() && (anonymous || !input.text.trim().is_empty() || found.anonymous)
        {
            petitioners.push(Petitioner {
                name: "匿名".to_string(),
                anonymous: true,
                town: found.petitioner_town.clone(),
                village: found.petitioner_village.clone(),
            });
        }
        // A writer is never the accused nor "mentioned".
        accused.retain(|a| !petitioners.iter().any(|p| !p.anonymous && p.name == a.name));

        // The letter's place: ledger, else the accused's, else the writer's,
        // else the place the text names most.
        let (mut town, mut village) = (hints.town.clone(), hints.village.clone());
        if village.is_none() {
            let text_place = accused
                .iter()
                .find(|a| a.village.is_some())
                .map(|a| (a.town.clone(), a.village.clone()))
                .or_else(|| {
                    accused
                        .iter()
                        .find(|a| a.town.is_some())
                        .map(|a| (a.town.clone(), None))
                })
                .or_else(|| {
                    petitioners
                        .iter()
                        .find(|p| p.village.is_some() || p.town.is_some())
                        .map(|p| (p.town.clone(), p.village.clone()))
                })
                .or_else(|| most_named(&hits));
            if let Some((t, v)) = text_place {
                let fits = town.is_none() || t.is_none() || t == town;
                if fits {
                    if town.is_none() {
                        town = t;
                    }
                    if v.is_some()
                        && (town.is_none()
                            || v.as_deref()
                                .and_then(|v| self.places.town_of(v))
                                .is_none_or(|vt| Some(vt) == town.as_deref()))
                    {
                        village = v;
                    }
                }
            }
            // A town-level official's place does not hide the village the
            // letter is about.
            if village.is_none() {
                if let Some((t, Some(v))) = most_named(&hits) {
                    if town.is_none() || t == town {
                        town = t;
                        village = Some(v);
                    }
                }
            }
        }
        if village.is_some() && town.is_none() {
            town = village
                .as_deref()
                .and_then(|v| self.places.town_of(v))
                .map(str::to_string);
        }

        // Officials the text does not place sit where the letter is.
        for a in accused.iter_mut() {
            if a.town.is_none() && a.village.is_none() {
                match a.level {
                    Some(TitleLevel::County) => {}
                    Some(TitleLevel::Town) => a.town.clone_from(&town),
                    _ => {
                        a.town.clone_from(&town);
                        a.village.clone_from(&village);
                    }
                }
            } else if a.village.is_some() && a.town.is_none() {
                a.town = a
                    .village
                    .as_deref()
                    .and_then(|v| self.places.town_of(v))
                    .map(str::to_string);
            }
            a.title = self.people.settle_bare(&a.title, a.village.is_some(), a.town.as_deref());
        }

        let mentioned: Vec<MentionedPerson> = found
            .mentioned
            .iter()
            .filter(|(n, _, _)| {
                !accused.iter().any(|a| a.name == *n) && !petitioners.iter().any(|p| p.name == *n)
            })
            .map(|(name, title, role)| MentionedPerson {
                name: name.clone(),
                title: title.clone(),
                role: role.clone(),
            })
            .collect();

        let accusation = |s: &str| self.people.is_accusation(s);
        // Listed once: the title, 何事, 何因, 何果 and 诉求 all walk them.
        let sentences = doc.sentences();
        // A form or web export tells its story in its matter field; the
        // title and 八何 are read from that field (and the demand field),
        // not from the form's boilerplate.
        let form = FormFields::new(input.labels);
        let story = form.matter.as_deref().map(|m| Doc::new(strip_reporter_lead(m)));
        let story_sentences = story.as_ref().map(Doc::sentences);
        let story_masks = story.as_ref().map(|d| fields::find_sensitive(d).1);
        let title = input
            .ledger
            .and_then(|l| l.summary.as_deref())
            .or(form.subject.as_deref())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .or_else(|| match (&story, &story_sentences, &story_masks) {
                (Some(d), Some(ss), Some(m)) => {
                    Some(fields::title_from_text(d, ss, m, &accusation)).filter(|t| !t.is_empty())
                }
                _ => None,
            })
            .unwrap_or_else(|| fields::title_from_text(&doc, &sentences, &masks, &accusation));

        // Ledger date first, then a form's or web export's own date label
        // (来访日期, 举报时间), then the letter's date line.
        let received = input
            .ledger
            .and_then(|l| l.received)
            .or_else(|| label_date(input.labels))
            .or_else(|| fields::written_date(&doc));
        let category = input.ledger.and_then(|l| l.category.as_deref());
        let topics = match &story {
            Some(d) => {
                let demand = form.demand.as_deref().map(fold).unwrap_or_default();
                let text = format!("{}\n{demand}", d.folded);
                // The story leaves out the form's 问题类别 line; it counts as a ledger's category.
                let category = category.or(form.category.as_deref());
                self.topics.classify_folded(&text, &fold(&title), category)
            }
            None => self.topics.classify_folded(&doc.folded, &fold(&title), category),
        };
        let disposition = hints
            .disposition
            .clone()
            .or_else(|| fields::disposition_in_text(&doc));

        let body_end = fields::body_end(&doc);
        let names: Vec<String> = accused.iter().map(|a| a.name.clone()).collect();
        let officials: Vec<Official> = accused
            .into_iter()
            .map(|a| Official {
                name: a.name,
                title: a.title,
                town: a.town,
                village: a.village,
            })
            .collect();
        let who = who_line(&petitioners, &officials);
        let mut where_ = String::new();
        if let Some(t) = &town {
            where_.push_str(t);
        }
        if let Some(v) = &village {
            where_.push_str(v);
        }
        let mut fields = match (&story, &story_sentences, &story_masks) {
            (Some(d), Some(ss), Some(m)) => {
                let mut when: Vec<String> = form.date.iter().cloned().collect();
                for p in fields::when_phrases(d, d.len()).split('、').filter(|p| !p.is_empty()) {
                    if !when.iter().any(|w| w == p) {
                        when.push(p.to_string());
                    }
                }
                let demand = match form.demand.as_deref() {
                    Some(text) => {
                        let dd = Doc::new(text);
                        let dm = fields::find_sensitive(&dd).1;
                        fields::whole(&dd, &dm)
                    }
                    None => fields::demand(d, ss, d.len(), m),
                };
                EightWs {
                    who,
                    what: fields::whole(d, m),
                    when: when.join("、"),
                    where_,
                    why: fields::cause(d, ss, d.len(), m),
                    result: fields::result(d, ss, d.len(), m),
                    demand,
                    disposition: String::new(),
                }
            }
            _ => EightWs {
                who,
                what: fields::what(&doc, &sentences, body_end, &masks, &accusation, &names),
                when: fields::when_phrases(&doc, body_end),
                where_,
                why: fields::cause(&doc, &sentences, body_end, &masks),
                result: fields::result(&doc, &sentences, body_end, &masks),
                demand: fields::demand(&doc, &sentences, body_end, &masks),
                disposition: String::new(),
            },
        };
        // 何处置: the disposition when there is one, else what the office
        // wrote about its handling (处理意见, 接待人).
        fields.disposition = disposition
            .clone()
            .unwrap_or_else(|| form.handling.join("；"));
        // A letter that names no time (a ledger row without a file) happened
        // by the date it was received, as far as the archive knows.
        if fields.when.is_empty() {
            if let Some(d) = received {
                fields.when = d.format("%Y年%-m月%-d日").to_string();
            }
        }
        Extraction {
            title,
            received,
            town,
            village,
            petitioners,
            accused: officials,
            mentioned,
            topics,
            disposition,
            fields,
            sensitive,
        }
    }
}

/// The name in a name cell that also counts the people behind it: 汪海燕等3人,
/// 汪海燕等三人, 汪海燕等十余人, 汪海燕等, 汪海燕等群众 → 汪海燕. What follows
/// 等 must be made only of counts and collective words, so a cell where 等
/// is followed by anything else is kept whole, and so is one with no name
/// (two characters at least) before 等.
fn name_in_cell(cell: &str) -> &str {
    const COLLECTIVE: [&str; 9] = ["群众", "村民", "党员", "联名", "多人", "人", "户", "名", "位"];
    let is_count_char = |c: char| c.is_ascii_digit() || "０１２３４５６７８９一二两三四五六七八九十百余多几".contains(c);
    let Some((i, _)) = cell.char_indices().skip(2).find(|&(_, c)| c == '等') else {
        return cell;
    };
    let mut rest = cell[i + '等'.len_utf8()..].trim();
    loop {
        let before = rest.len();
        rest = rest.trim_start_matches(is_count_char);
        if let Some(w) = COLLECTIVE.iter().find(|w| rest.starts_with(*w)) {
            rest = &rest[w.len()..];
        }
        if rest.is_empty() {
            return cell[..i].trim();
        }
        if rest.len() == before {
            return cell;
        }
    }
}

#[cfg(test)]
mod name_cell_tests {
    use super::name_in_cell;

    #[test]
    fn a_count_after_a_name_is_not_part_of_it() {
        for cell in ["汪海燕等3人", "汪海燕等三人", "汪海燕等", "汪海燕等群众", "汪海燕等十余人", "汪海燕等３人", "汪海燕等村民8人"] {
            assert_eq!(name_in_cell(cell), "汪海燕", "{cell}");
        }
        for cell in ["汪海燕", "杨庄村部分群众", "等待", "王等", "汪海燕等待处理"] {
            assert_eq!(name_in_cell(cell), cell, "{cell}");
        }
    }
}

fn is_masked(name: &str) -> bool {
    name.contains('某') || name.contains('X') || name.contains('×') || name.contains('*')
}

fn titles_agree(a: &str, b: &str) -> bool {
    a.is_empty() || b.is_empty() || a == b || a.contains(b) || b.contains(a)
}

/// The village (or town) the text names most often; ties go to the first.
fn most_named(hits: &[places::PlaceHit]) -> Option<(Option<String>, Option<String>)> {
    let mut best: Option<(&places::PlaceHit, usize)> = None;
    for h in hits.iter().filter(|h| h.village.is_some()) {
        let n = hits.iter().filter(|x| x.village == h.village).count();
        if best.is_none_or(|(_, bn)| n > bn) {
            best = Some((h, n));
        }
    }
    if best.is_none() {
        for h in hits.iter().filter(|h| h.town.is_some()) {
            let n = hits.iter().filter(|x| x.town == h.town).count();
            if best.is_none_or(|(_, bn)| n > bn) {
                best = Some((h, n));
            }
        }
    }
    best.map(|(h, _)| (h.town.clone(), h.village.clone()))
}

/// 何人: the writer and the accused, as names and titles.
fn who_line(petitioners: &[Petitioner], accused: &[Official]) -> String {
    let mut parts = Vec::new();
    if !petitioners.is_empty() {
        let names: Vec<&str> = petitioners.iter().map(|p| p.name.as_str()).collect();
        parts.push(format!("信访人：{}", names.join("、")));
    }
    if !accused.is_empty() {
        let names: Vec<String> = accused
            .iter()
            .map(|a| {
                let place = a.village.as_deref().or(a.town.as_deref()).unwrap_or("");
                let title = a
                    .title
                    .strip_prefix('村')
                    .filter(|_| a.village.is_some())
                    .unwrap_or(&a.title);
                format!("{place}{title}{}", a.name)
            })
            .collect();
        parts.push(format!("被反映人：{}", names.join("、")));
    }
    parts.join("；")
}

/// What a labelled field of a form or web export is about. Decided by the
/// shape of the label (its person noun, its suffix), not by a list of forms,
/// so 来访人, 来访人姓名, 举报人 and 姓名 all name the writer and 反映问题,
/// 主要问题, 来访事由 and 举报内容 all hold the matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelRole {
    /// The writer or visitor (举报人, 来访人姓名, 姓名).
    Petitioner,
    /// The accused (被反映人, 被举报人).
    Accused,
    /// The accused's post (职务, 单位, 被反映人职务).
    AccusedPost,
    /// An address or town (住址, 所属乡镇).
    Place,
    /// A disposition written as one (处置方式).
    Disposition,
    /// A subject line (标题, 举报标题).
    Subject,
    /// The matter itself (举报内容, 反映问题, 主要问题, 来访事由).
    Matter,
    /// What the writer asks for (诉求, 请求事项).
    Demand,
    /// The office's handling of the visit (接待人, 处理意见, 拟办意见).
    Handling,
    /// A date or time (来访时间, 举报日期).
    Date,
    /// The matter's category as the form files it (问题类别).
    Category,
}

/// Person nouns of a writer's label (姓名 alone also names the writer).
const WRITER_LABELS: [&str; 11] = [
    "举报人", "信访人", "反映人", "来信人", "来访人", "检举人", "投诉人", "上访人", "控告人", "申诉人", "举报者",
];
/// Words of the office's handling of a visit or report.
const HANDLING_WORDS: [&str; 11] =
    ["意见", "批示", "接待", "承办", "经办", "登记人", "办理", "处理", "转办", "交办", "答复"];

fn label_role(label: &str) -> Option<LabelRole> {
    let key: String = fold(label).chars().filter(|c| !c.is_whitespace()).collect();
    let key = key.as_str();
    if key.contains("职务") || key.contains("单位") {
        return Some(LabelRole::AccusedPost);
    }
    if ["被举报", "被反映", "被检举", "被投诉", "被控告"].iter().any(|w| key.contains(w)) {
        return Some(LabelRole::Accused);
    }
    let person = key.strip_suffix("姓名").unwrap_or(key);
    if person.is_empty() || WRITER_LABELS.contains(&person) {
        return Some(LabelRole::Petitioner);
    }
    if ["乡镇", "地址", "住址", "所在地", "地区"].iter().any(|w| key.contains(w)) {
        return Some(LabelRole::Place);
    }
    if key.contains("处置") {
        return Some(LabelRole::Disposition);
    }
    if key.ends_with("日期") || key.ends_with("时间") {
        return Some(LabelRole::Date);
    }
    if ["类别", "类型", "分类"].iter().any(|w| key.ends_with(w)) {
        return Some(LabelRole::Category);
    }
    if key.ends_with("标题") || key == "主题" {
        return Some(LabelRole::Subject);
    }
    if key.contains("诉求") || ["要求", "请求", "请求事项", "具体要求", "来访要求"].contains(&key) {
        return Some(LabelRole::Demand);
    }
    if crate::formats::is_matter_label(key) {
        return Some(LabelRole::Matter);
    }
    if HANDLING_WORDS.iter().any(|w| key.contains(w)) {
        return Some(LabelRole::Handling);
    }
    None
}

/// A matter field shorter than this is a heading, not the story.
const MIN_MATTER_CHARS: usize = 8;

/// What a form's or web export's labels say about the matter. A visit form
/// or a 12381 export is a list of fields: its story is the matter field (and
/// the demand), not the form read as prose, so the title and the 八何 come
/// from these fields and the boilerplate around them (接待人, 处理意见,
/// 登记后转…) is never taken for allegation text.
#[derive(Debug, Default)]
struct FormFields {
    subject: Option<String>,
    /// The longest matter field (举报内容 over 问题摘要).
    matter: Option<String>,
    demand: Option<String>,
    /// `label：value` of the handling fields, in label order.
    handling: Vec<String>,
    /// The first date field's value as written, without a time of day.
    date: Option<String>,
    /// The form's own category (问题类别), used like a ledger's.
    category: Option<String>,
}

impl FormFields {
    fn new(labels: &BTreeMap<String, String>) -> FormFields {
        let mut f = FormFields::default();
        for (k, v) in labels {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            match label_role(k) {
                Some(LabelRole::Subject) if f.subject.is_none() => f.subject = Some(v.to_string()),
                // A few characters (存在的问题：1、…) are a heading, not the story.
                Some(LabelRole::Matter)
                    if v.chars().count() >= MIN_MATTER_CHARS
                        && f.matter.as_ref().is_none_or(|m| m.chars().count() < v.chars().count()) =>
                {
                    f.matter = Some(v.to_string());
                }
                Some(LabelRole::Demand) if f.demand.is_none() => f.demand = Some(v.to_string()),
                Some(LabelRole::Category) if f.category.is_none() => f.category = Some(v.to_string()),
                Some(LabelRole::Handling) => f.handling.push(format!("{k}：{v}")),
                Some(LabelRole::Date) if f.date.is_none() && crate::dates::parse_date(v).is_some() => {
                    f.date = v.split_whitespace().next().map(str::to_string);
                }
                _ => {}
            }
        }
        f
    }
}

/// Drops the recorder's lead-in of a matter field: 来访人反映：…, 举报人称，…
/// (the person is the form's writer, not part of the matter).
fn strip_reporter_lead(s: &str) -> &str {
    let s = s.trim();
    let Some((i, c)) = s
        .char_indices()
        .take(9)
        .find(|&(_, c)| matches!(c, '：' | ':' | '，' | ','))
    else {
        return s;
    };
    let head = &s[..i];
    if ["反映", "称", "诉称", "举报", "投诉"].iter().any(|w| head.ends_with(w)) {
        s[i + c.len_utf8()..].trim_start()
    } else {
        s
    }
}

/// The date of a labelled form field such as 来访日期 or 举报时间: the
/// preferred labels first, then any date or time label whose value parses.
fn label_date(labels: &BTreeMap<String, String>) -> Option<NaiveDate> {
    const KEYS: [&str; 8] = ["来信日期", "来访日期", "举报时间", "举报日期", "受理日期", "受理时间", "登记日期", "来访时间"];
    KEYS.iter()
        .filter_map(|k| labels.get(*k))
        .chain(labels.iter().filter(|(k, _)| label_role(k) == Some(LabelRole::Date)).map(|(_, v)| v))
        .find_map(|v| crate::dates::parse_date(v))
}
