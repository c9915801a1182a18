//! Dates as ledgers and letters write them.
//!
//! Accepted: 2019-03-05, 2019.3.5, 2019/3/5, 2019年3月5日, 二〇一九年三月五日,
//! 20190305, spreadsheet serial numbers (43529), and full-width digits of all
//! of these. Two-digit years and month/day-first orders are not guessed.
//!
//! Chinese-numeral dates are written with whatever zero the writer's input
//! method offers: Big5 has no 〇, so Big5 letters write ○ (white circle), and
//! others type a Latin, full-width or Cyrillic O or a digit 0 (二○二○年,
//! 二Ｏ二Ｏ年, 二O二O年). Inside a Chinese-numeral date these can only mean
//! zero, so [`is_zero_lookalike`] accepts them there, and only there.

use chrono::{Duration, NaiveDate};

/// Parses a whole cell or string as one date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    // A time of day after a space: 2019-03-05 9:05.
    let s = match s.trim().split_once(char::is_whitespace) {
        Some((day, rest)) if rest.contains(':') || rest.contains('：') => day,
        _ => s.trim(),
    };
    let t: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '．' => '.',
            '／' => '/',
            '－' | '—' | '–' => '-',
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return None;
    }
    // Drop a trailing time part: 2019-03-05 10:20:00, 2019-03-05T10:20
    let t = t.split(['T']).next().unwrap_or(&t).to_string();
    let t = strip_time(&t);
    if t.chars().all(|c| c.is_ascii_digit()) {
        return match t.len() {
            8 => ymd(&t[0..4], &t[4..6], &t[6..8]),
            // Spreadsheet serial (1900 system), plausible range 1990..2100.
            5 => t.parse::<i64>().ok().and_then(from_serial),
            _ => None,
        };
    }
    if let Some(d) = t.parse::<f64>().ok().and_then(|f| if f.fract() >= 0.0 && f > 30000.0 { from_serial(f as i64) } else { None }) {
        return Some(d);
    }
    if let Some(d) = chinese_numeral_date(&t) {
        return Some(d);
    }
    let parts: Vec<&str> = t
        .split(|c| matches!(c, '-' | '.' | '/' | '年' | '月' | '日' | '号'))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() == 3 && parts[0].len() == 4 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        return ymd(parts[0], parts[1], parts[2]);
    }
    None
}

fn strip_time(t: &str) -> String {
    // "2019-03-0510:20:00" after whitespace removal: cut at the first ':' minus two digits.
    if let Some(colon) = t.find(':') {
        let head = &t[..colon];
        // Only a time of day: two ASCII digits right before the colon.
        let digits = head.bytes().rev().take_while(|b| b.is_ascii_digit()).count();
        if digits >= 1 {
            let cut = colon - digits.min(2);
            return t[..cut].to_string();
        }
        return t.to_string();
    }
    t.to_string()
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(1949..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Converts a spreadsheet serial day number (1900 date system) to a date.
pub fn from_serial(serial: i64) -> Option<NaiveDate> {
    if !(18264..=73050).contains(&serial) {
        // Outside 1950..2100: not a date serial.
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30).map(|base| base + Duration::days(serial))
}

/// Characters written for 〇 in Chinese-numeral dates: ○ (U+25CB, what Big5
/// writers use since Big5 cannot encode 〇), ◯, Latin/full-width/Greek/Cyrillic
/// O and the digit 0. Only meaningful next to other Chinese numerals.
pub(crate) fn is_zero_lookalike(c: char) -> bool {
    matches!(
        c,
        '○' | '◯' | 'o' | 'O' | 'Ｏ' | 'ｏ' | 'Ο' | 'ο' | 'О' | 'о' | '0' | '０'
    )
}

fn cn_digit(c: char) -> Option<u32> {
    if is_zero_lookalike(c) {
        return Some(0);
    }
    Some(match c {
        '〇' | '零' => 0,
        '一' | '1' => 1,
        '二' | '2' => 2,
        '三' | '3' => 3,
        '四' | '4' => 4,
        '五' | '5' => 5,
        '六' | '6' => 6,
        '七' | '7' => 7,
        '八' | '8' => 8,
        '九' | '9' => 9,
        _ => return None,
    })
}

/// 二〇一九 / 三 / 十五 / 二十三 / 三十一
fn cn_number(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    if let Some(pos) = chars.iter().position(|&c| c == '十') {
        let tens = if pos == 0 { 1 } else { cn_digit(chars[0])? };
        let ones = if pos + 1 < chars.len() { cn_digit(chars[pos + 1])? } else { 0 };
        return Some(tens * 10 + ones);
    }
    let mut n = 0;
    for c in chars {
        n = n * 10 + cn_digit(c)?;
    }
    Some(n)
}

fn chinese_numeral_date(t: &str) -> Option<NaiveDate> {
    if !t.chars().any(|c| matches!(c, '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')) {
        return None;
    }
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.trim_end_matches(['日', '号']);
    let y = cn_number(y)? as i32;
    let (m, d) = (cn_number(m)?, cn_number(d)?);
    if !(1949..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Finds dates written inside running text, with their byte offsets, in
/// order. Only forms with a four-digit (or Chinese-numeral) year count, so
/// amounts and phone numbers are not mistaken for dates.
pub fn find_dates(text: &str) -> Vec<(usize, NaiveDate)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    let is_dateish = |c: char| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || is_zero_lookalike(c)
            || matches!(c, '-' | '.' | '/' | '年' | '月' | '日' | '号' | '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '．' | '／')
    };
    while i < chars.len() {
        let (start, c) = chars[i];
        let starts_year = c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '二' | '一');
        if starts_year && (i == 0 || !chars[i - 1].1.is_ascii_digit()) {
            let mut j = i;
            while j < chars.len() && is_dateish(chars[j].1) && j - i < 16 {
                j += 1;
            }
            // Try the longest prefix that parses.
            let mut k = j;
            while k > i + 5 {
                let end = if k < chars.len() { chars[k].0 } else { text.len() };
                let cand = &text[start..end];
                if let Some(d) = parse_date(cand).filter(|_| cand.chars().count() >= 6 && !cand.chars().all(|c| c.is_ascii_digit())) {
                    found.push((start, d));
                    i = k;
                    break;
                }
                k -= 1;
            }
            if k > i + 5 {
                continue;
            }
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, dd)
    }

    #[test]
    fn parses_every_written_form() {
        for (s, want) in [
            ("2019-03-05", d(2019, 3, 5)),
            ("2019.3.5", d(2019, 3, 5)),
            ("2019/3/5", d(2019, 3, 5)),
            ("2019年3月5日", d(2019, 3, 5)),
            ("二〇一九年三月五日", d(2019, 3, 5)),
            ("二〇一九年十二月二十三日", d(2019, 12, 23)),
            ("20190105", d(2019, 1, 5)),
            ("43529", d(2019, 3, 5)),
            ("２０１９年３月５日", d(2019, 3, 5)),
            ("2019-03-05 10:20:00", d(2019, 3, 5)),
            ("2019-02-30", None),
            ("13800138000", None),
            ("", None),
            (",欺上瞒下,具体问题如下:", None),
            ("问题：", None),
            ("2019-03-05 9:05", d(2019, 3, 5)),
            // Zero look-alikes in Chinese-numeral dates (Big5 has no 〇).
            ("二○二○年八月二十日", d(2020, 8, 20)),
            ("二◯一九年三月五日", d(2019, 3, 5)),
            ("二Ｏ二Ｏ年八月二十日", d(2020, 8, 20)),
            ("二O二O年八月二十日", d(2020, 8, 20)),
            ("二o一九年十月一日", d(2019, 10, 1)),
            ("二0二0年八月二十日", d(2020, 8, 20)),
            // A look-alike alone is not a numeral.
            ("OOOO年O月O日", None),
        ] {
            assert_eq!(parse_date(s), want, "{s}");
        }
    }

    #[test]
    fn finds_dates_in_text() {
        let t = "我于2019年3月5日向镇里反映，至今无果。二〇一九年四月一日";
        let got: Vec<NaiveDate> = find_dates(t).into_iter().map(|(_, d)| d).collect();
        assert_eq!(got, vec![NaiveDate::from_ymd_opt(2019, 3, 5).expect("d"), NaiveDate::from_ymd_opt(2019, 4, 1).expect("d")]);
        assert!(find_dates("电话13800138000，金额20000元").is_empty());
    }

    #[test]
    fn finds_big5_style_dates_with_white_circles() {
        // The signature block of a Big5 letter (probe a-白圈.txt, 桃园村危房改造问题.txt).
        let t = "懇請縣紀委派人查一查。\n鄺秀蘭\n二○二○年八月二十日";
        let got: Vec<NaiveDate> = find_dates(t).into_iter().map(|(_, d)| d).collect();
        assert_eq!(got, vec![NaiveDate::from_ymd_opt(2020, 8, 20).expect("d")]);
        // Folded text lower-cases a Latin O: still a zero inside a numeral date.
        let got: Vec<NaiveDate> = find_dates("落款：二o二o年八月二十日").into_iter().map(|(_, d)| d).collect();
        assert_eq!(got, vec![NaiveDate::from_ymd_opt(2020, 8, 20).expect("d")]);
    }

    #[test]
    fn never_panics_on_arbitrary_text() {
        let alphabet: Vec<char> = "2019年三月五日:：-./ 下问题，０１２３TtX〇十\n".chars().collect();
        let mut state = 42u64;
        for _ in 0..20_000 {
            let len = (state % 16) as usize;
            let s: String = (0..len)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    alphabet[(state >> 33) as usize % alphabet.len()]
                })
                .collect();
            let _ = parse_date(&s);
            let _ = find_dates(&s);
            let _ = crate::text::clean(&s);
        }
    }
}
