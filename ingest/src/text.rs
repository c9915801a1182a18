//! One script, one width: the folding every match in xinfang goes through.
//!
//! Letters arrive in simplified and traditional script, with full-width digits
//! from OCR and input methods. Matching happens on a *folded* form: NFKC width
//! folding, traditional → simplified (OpenCC data via ferrous-opencc, Apache-2.0)
//! and ASCII lower case. The text as written is always kept for display; the
//! index maps folded offsets back to it so highlights land on the original
//! characters.
//!
//! Conversion is skipped for text with no character that T→S would change on
//! its own (a bitset check at GB/s), which is nearly every simplified letter.
//! Phrase-only conversions (答覆 → 答复) are therefore applied only when another
//! traditional character is present; a known, accepted gap.

use std::sync::OnceLock;

use ferrous_opencc::{config::BuiltinConfig, OpenCC};
use unicode_normalization::UnicodeNormalization;

use crate::record::Script;

struct Converter {
    t2s: Option<OpenCC>,
    /// Bit per code point in U+3400..U+9FFF and U+F900..U+FAFF: does T→S change it?
    changes: Vec<u64>,
}

const BMP_CJK_START: u32 = 0x3400;
const BMP_CJK_END: u32 = 0xFAFF;

fn converter() -> &'static Converter {
    static C: OnceLock<Converter> = OnceLock::new();
    C.get_or_init(|| {
        // The converter is built from data embedded in the crate; failure would be
        // a packaging bug. Degrade to "no conversion" rather than panic.
        let t2s = match OpenCC::from_config(BuiltinConfig::T2s) {
            Ok(c) => Some(c),
            Err(e) => {
                tracing::error!(target: "ingest::text", error = %e, "traditional-to-simplified converter unavailable");
                None
            }
        };
        let mut changes = vec![0u64; ((BMP_CJK_END - BMP_CJK_START) as usize + 64) / 64];
        if let Some(t2s) = &t2s {
            let mut buf = [0u8; 4];
            for cp in BMP_CJK_START..=BMP_CJK_END {
                if let Some(ch) = char::from_u32(cp) {
                    let s = ch.encode_utf8(&mut buf);
                    if t2s.convert(s) != *s {
                        let i = (cp - BMP_CJK_START) as usize;
                        changes[i / 64] |= 1 << (i % 64);
                    }
                }
            }
        }
        Converter { t2s, changes }
    })
}

impl Converter {
    #[inline]
    fn changes_char(&self, ch: char) -> bool {
        let cp = ch as u32;
        if !(BMP_CJK_START..=BMP_CJK_END).contains(&cp) {
            return false;
        }
        let i = (cp - BMP_CJK_START) as usize;
        self.changes[i / 64] & (1 << (i % 64)) != 0
    }
}

/// True when T→S would change this character on its own.
pub fn is_traditional_char(ch: char) -> bool {
    converter().changes_char(ch)
}

/// Whether a text is written in traditional script: at least two characters
/// that only traditional text uses, and at least 2% of its Han characters.
pub fn detect_script(text: &str) -> Script {
    let mut han = 0usize;
    let mut trad = 0usize;
    for ch in text.chars() {
        if is_han(ch) {
            han += 1;
            if is_traditional_char(ch) {
                trad += 1;
            }
        }
    }
    if trad >= 2 && trad * 50 >= han {
        Script::Traditional
    } else {
        Script::Simplified
    }
}

/// A Han ideograph (CJK unified, extension A, compatibility).
pub fn is_han(ch: char) -> bool {
    matches!(ch as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn fold_char_into(ch: char, out: &mut String) {
    if ch.is_ascii() {
        out.push(ch.to_ascii_lowercase());
    } else if ch == '\u{3000}' {
        out.push(' ');
    } else if is_han(ch) && !(0xF900..=0xFAFF).contains(&(ch as u32)) {
        out.push(ch);
    } else {
        for c in std::iter::once(ch).nfkc() {
            out.push(c.to_ascii_lowercase());
        }
    }
}

/// Folds text for matching: width, script and ASCII case.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut needs_t2s = false;
    let conv = converter();
    for ch in text.chars() {
        fold_char_into(ch, &mut folded);
        needs_t2s = needs_t2s || conv.changes_char(ch);
    }
    match &conv.t2s {
        Some(t2s) if needs_t2s => to_simplified(t2s, folded),
        _ => folded,
    }
}

/// T→S of folded text, keeping one output character per input character (so
/// an offset map stays exact): by phrase when that keeps the length, else
/// character by character.
fn to_simplified(t2s: &OpenCC, folded: String) -> String {
    let converted = t2s.convert(&folded);
    if converted.chars().count() == folded.chars().count() {
        return converted;
    }
    let mut per_char = String::with_capacity(folded.len());
    let mut buf = [0u8; 4];
    for ch in folded.chars() {
        let c = t2s.convert(ch.encode_utf8(&mut buf));
        let mut it = c.chars();
        match (it.next(), it.next()) {
            (Some(one), None) => per_char.push(one),
            _ => per_char.push(ch),
        }
    }
    per_char
}

/// Folds text and returns, for every `char` of the result, the byte offset of
/// the original character it came from, plus a final entry equal to
/// `text.len()`. Tokenizers use it to point highlights at the original text.
pub fn fold_with_offsets(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() / 2 + 1);
    let mut needs_t2s = false;
    let conv = converter();
    for (off, ch) in text.char_indices() {
        if is_han(ch) && !(0xF900..=0xFAFF).contains(&(ch as u32)) {
            // The common case: a Han character folds to itself.
            folded.push(ch);
            map.push(off);
            needs_t2s = needs_t2s || conv.changes_char(ch);
            continue;
        }
        let before = folded.len();
        fold_char_into(ch, &mut folded);
        let added = folded[before..].chars().count();
        map.extend(std::iter::repeat_n(off, added));
        needs_t2s = needs_t2s || conv.changes_char(ch);
    }
    map.push(text.len());
    if let Some(t2s) = conv.t2s.as_ref().filter(|_| needs_t2s) {
        folded = to_simplified(t2s, folded);
    }
    (folded, map)
}

/// Cleans OCR and typing noise for indexing and extraction: joins hard line
/// breaks inside sentences, drops page markers (第 2 页, - 3 -, 2/5), removes
/// stray spaces between Chinese characters and folds full-width digits and
/// Latin letters. Paragraph breaks (blank lines, lines ending a sentence)
/// stay. The text as written is kept elsewhere for display.
pub fn clean(text: &str) -> String {
    let text: std::borrow::Cow<'_, str> = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    };
    let mut lines: Vec<String> = Vec::new();
    for raw in text.split('\n') {
        let line = squeeze_han_spaces(raw.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\u{3000}'));
        if is_page_marker(&line) {
            continue;
        }
        lines.push(line);
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let prev = &lines[i - 1];
            let joins = !prev.is_empty() && !line.is_empty() && continues(prev, line);
            if !joins {
                out.push('\n');
            }
        }
        out.push_str(line);
    }
    if out.chars().any(is_fullwidth_alnum) {
        out.chars().map(fold_width).collect()
    } else {
        out
    }
}

fn fold_width(ch: char) -> char {
    match ch {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
        _ => ch,
    }
}

/// A line continues the previous one when the previous does not end a
/// sentence or a heading and both sides are text.
fn continues(prev: &str, next: &str) -> bool {
    let last = prev.chars().last().unwrap_or(' ');
    let first = next.chars().next().unwrap_or(' ');
    if matches!(last, '。' | '！' | '？' | '!' | '?' | '：' | ':' | '；' | '”' | '』' | '」') {
        return false;
    }
    // Labelled lines (举报人：…) and numbered items start a new line.
    if looks_like_item_start(next) {
        return false;
    }
    // Hard wraps happen at the line width; a short line is a heading, a
    // closing (此致 / 敬礼) or a signature, not a wrapped sentence.
    if prev.chars().count() < 8 {
        return false;
    }
    // Numbers on both sides (a phone number, then a date line) never join.
    if last.is_ascii_digit() && first.is_ascii_digit() {
        return false;
    }
    // A date line is short (二〇一九年十二月三十一日 is 36 bytes); a long line is never one.
    if next.len() <= 64 && crate::dates::parse_date(next).is_some() {
        return false;
    }
    let text_like = |c: char| is_han(c) || c.is_ascii_alphanumeric() || "，、（）()“《》0123456789０１２３４５６７８９".contains(c);
    text_like(last) && text_like(first)
}

fn looks_like_item_start(line: &str) -> bool {
    let mut chars = line.chars();
    let first = chars.next().unwrap_or(' ');
    let second = chars.next().unwrap_or(' ');
    if matches!(first, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十') && matches!(second, '、' | '是') {
        return true;
    }
    if first.is_ascii_digit() && matches!(second, '、' | '.' | '．') {
        return true;
    }
    if matches!(first, '（' | '(') {
        return true;
    }
    // A short label followed by a colon: 举报人：, 被举报人：
    line.chars().take(8).any(|c| c == '：' || c == ':') && line.chars().take_while(|&c| c != '：' && c != ':').count() <= 6
}

fn squeeze_han_spaces(line: &str) -> String {
    if !line.contains([' ', '\u{3000}', '\t']) {
        return line.to_string();
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' || c == '\u{3000}' || c == '\t' {
            let mut j = i;
            while j < chars.len() && (chars[j] == ' ' || chars[j] == '\u{3000}' || chars[j] == '\t') {
                j += 1;
            }
            let before = out.chars().last();
            let after = chars.get(j).copied();
            // Full-width digits and letters come from the same OCR and input
            // methods: "２ ０ １ ９年" is one word too.
            let cjkish = |c: Option<char>| c.is_some_and(|c| is_han(c) || is_cjk_punct(c) || is_fullwidth_alnum(c));
            // A space between a digit and a Chinese character is noise of the
            // same kind: PDF text layers and OCR write "2019 年5 月" and
            // "第2 次", which date and number patterns must see whole.
            let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
            let han = |c: Option<char>| c.is_some_and(is_han);
            if (cjkish(before) && cjkish(after)) || (digit(before) && han(after)) || (han(before) && digit(after)) {
                i = j;
                continue;
            }
            out.push(' ');
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

fn is_fullwidth_alnum(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

fn is_page_marker(line: &str) -> bool {
    // Page markers are short (第 2 页 共 5 页, - 3 -, Page 2 of 5).
    if line.len() > 64 {
        return false;
    }
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return false;
    }
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十百".contains(c));
    // 第2页 / 第2页共5页 / 第 二 页
    if let Some(rest) = t.strip_prefix('第') {
        if let Some((n, tail)) = rest.split_once('页') {
            if digits(n) {
                let tail = tail.trim_start_matches(['，', ',']);
                if tail.is_empty() {
                    return true;
                }
                if let Some(total) = tail.strip_prefix('共').and_then(|s| s.strip_suffix('页')) {
                    return digits(total);
                }
            }
        }
    }
    // 共5页第2页
    if let Some(rest) = t.strip_prefix('共') {
        if let Some((n, tail)) = rest.split_once('页') {
            if digits(n) {
                if let Some(m) = tail.strip_prefix('第').and_then(|s| s.strip_suffix('页')) {
                    return digits(m);
                }
            }
        }
    }
    // -3-, — 3 —
    let inner = t.trim_matches(|c| c == '-' || c == '—' || c == '–');
    if inner.len() < t.len() && digits(inner) {
        return true;
    }
    // 2/5
    if let Some((a, b)) = t.split_once('/') {
        if digits(a) && digits(b) && t.len() <= 9 {
            return true;
        }
    }
    // Page 2 / Page 2 of 5
    let lower = t.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("page") {
        let rest = rest.replace("of", "");
        return digits(&rest);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_script_width_and_case() {
        assert_eq!(fold("羣眾來訪接待"), "群众来访接待");
        assert_eq!(fold("村黨支部書記"), "村党支部书记");
        assert_eq!(fold("徵地補償款ＸＦ２０１９"), "征地补偿款xf2019");
        assert_eq!(fold("村党支部书记"), "村党支部书记", "simplified stays");
    }

    #[test]
    fn offsets_point_at_original_characters() {
        let text = "反映村黨支部書記Ａ１";
        let (folded, map) = fold_with_offsets(text);
        assert_eq!(folded.chars().count() + 1, map.len());
        let pos = folded.chars().position(|c| c == '党').expect("党 present");
        assert_eq!(&text[map[pos]..map[pos + 1]], "黨");
        assert_eq!(*map.last().expect("end"), text.len());
    }

    #[test]
    fn fold_and_fold_with_offsets_agree() {
        for text in [
            "反映村黨支部書記Ａ１，ＸＦ２０１９号",
            "羣眾來訪：答覆了嗎？",
            "兀\u{F900}\u{FA0E}村\u{3000}ABC ｄｅｆ",
            "村党支部书记王建华截留低保金。",
            "",
        ] {
            let (folded, map) = fold_with_offsets(text);
            assert_eq!(fold(text), folded, "{text}");
            assert_eq!(folded.chars().count() + 1, map.len(), "{text}");
        }
    }

    #[test]
    fn detects_script() {
        assert_eq!(detect_script("尊敬的縣紀委領導：我們村的黨支部書記"), Script::Traditional);
        assert_eq!(detect_script("尊敬的县纪委领导：我们村的党支部书记"), Script::Simplified);
    }

    #[test]
    fn cleans_ocr_noise() {
        let raw = "尊敬的县纪委：\n我是石桥镇柳河村村民，反映村支书王建\n华截留低保金的问题。\n第 2 页\n他 们 还 多 次\n\n此致\n敬礼\n- 3 -\n电话：１３８００１３８０００";
        let c = clean(raw);
        assert!(c.contains("村支书王建华截留低保金"), "{c}");
        assert!(!c.contains("第 2 页") && !c.contains("- 3 -"), "{c}");
        assert!(c.contains("他们还多次"), "{c}");
        assert!(c.contains("13800138000"), "{c}");
        assert!(c.contains("此致\n敬礼"), "{c}");
        assert!(c.ends_with("１３８００１３８０００".chars().map(fold_width).collect::<String>().as_str()), "{c}");
        assert_eq!(clean("２ ０ １ ９年３月８日"), "2019年3月8日");
        // PDF text layers put spaces between digits and characters.
        assert_eq!(clean("手机：13939987394\n2019 年5 月15日"), "手机：13939987394\n2019年5月15日");
        assert_eq!(clean("这是我第2 次反映"), "这是我第2次反映");
        assert_eq!(clean("编号 2019 0042"), "编号2019 0042", "digits stay apart from digits");
        let signed = clean("举报人：张三 电话13800138000\n2019年3月5日");
        assert!(signed.contains("13800138000\n2019年3月5日"), "{signed}");
    }

    #[test]
    fn page_markers() {
        for m in ["第2页", "第 2 页 共 5 页", "- 3 -", "2/5", "Page 4", "第二页"] {
            assert!(is_page_marker(m), "{m}");
        }
        for m in ["第一书记王某", "2019/3/5", "第2页的内容是"] {
            assert!(!is_page_marker(m), "{m}");
        }
    }
}
