//! Decoding text bytes of unknown encoding (UTF-8/16, GBK/GB18030, Big5).
//!
//! Order of evidence, strongest first: a byte-order mark; the NUL-byte pattern
//! of UTF-16 without a BOM (chardetng never detects UTF-16); strict UTF-8;
//! and last the legacy Chinese encodings, where chardetng's guess is checked
//! by decoding with both GBK and Big5 and keeping the one that produces less
//! junk (replacement characters, private-use and control characters, rare
//! ideographs), as Tika's junk filter does. A lossy decode is kept, but the
//! number of replacement characters is reported so the caller can warn
//! instead of silently storing U+FFFD.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, BIG5, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// How many leading bytes chardetng and the UTF-16 heuristic look at; the
/// detector runs at about 5 MB/s, so a whole 5 MB file would take a second.
const SNIFF_BYTES: usize = 8 * 1024;
/// How many leading bytes the GBK/Big5 junk comparison decodes.
const SCORE_BYTES: usize = 64 * 1024;

/// A decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a leading BOM.
    pub text: String,
    /// The encoding's WHATWG name (UTF-8, UTF-16LE, GBK, Big5 …).
    pub encoding: &'static str,
    /// Characters that could not be decoded and became U+FFFD.
    pub replacements: usize,
}

/// Why bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Binary content: NUL bytes, mostly control characters or undecodable.
    #[error("{0}")]
    NotText(String),
}

/// Decodes bytes of unknown encoding. See the module documentation for the order.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let decoded = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        decode_with(enc, &bytes[bom_len..])
    } else if let Some(enc) = utf16_without_bom(bytes) {
        decode_with(enc, bytes)
    } else if bytes.contains(&0) {
        return Err(DecodeError::NotText(
            "it contains NUL bytes (binary data)".into(),
        ));
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => Decoded {
                text: s.to_string(),
                encoding: UTF_8.name(),
                replacements: 0,
            },
            // A UTF-8 file cut inside its last character is still UTF-8.
            Err(e)
                if e.error_len().is_none()
                    && e.valid_up_to() + 4 > bytes.len()
                    && e.valid_up_to() > 0 =>
            {
                decode_with(UTF_8, bytes)
            }
            Err(_) => decode_with(legacy_chinese(bytes), bytes),
        }
    };
    let mut decoded = decoded;
    if decoded.text.starts_with('\u{FEFF}') {
        decoded.text.drain(..'\u{FEFF}'.len_utf8());
    }
    check_plausible(&decoded)?;
    Ok(decoded)
}

fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let replacements = if had_errors {
        text.chars().filter(|&c| c == '\u{FFFD}').count()
    } else {
        0
    };
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        replacements,
    }
}

/// UTF-16 without a BOM: NUL bytes (the high byte of ASCII characters such as
/// line breaks and digits) fall almost only on odd offsets (LE) or even
/// offsets (BE), and the whole text decodes as valid UTF-16.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in head.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let enc = if odd > 0 && even * 20 <= odd {
        UTF_16LE
    } else if even > 0 && odd * 20 <= even {
        UTF_16BE
    } else {
        return None;
    };
    // Valid UTF-16 (no unpaired surrogates) and not mostly control characters.
    let (text, had_errors) = enc.decode_without_bom_handling(head);
    if had_errors && bytes.len() <= SNIFF_BYTES {
        return None;
    }
    let chars = text.chars().count().max(1);
    let controls = text.chars().filter(|&c| is_bad_control(c)).count();
    (controls * 10 < chars).then_some(enc)
}

/// GBK (which also decodes GB18030) or Big5: chardetng guesses, and decoding
/// both and comparing their junk decides when the guess was wrong.
fn legacy_chinese(bytes: &[u8]) -> &'static Encoding {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(head, head.len() == bytes.len());
    let guess = detector.guess(None, Utf8Detection::Allow);
    let sample = &bytes[..bytes.len().min(SCORE_BYTES)];
    let gbk = junk_score(GBK, sample);
    let big5 = junk_score(BIG5, sample);
    if gbk < big5 || (gbk == big5 && guess != BIG5) {
        GBK
    } else {
        BIG5
    }
}

/// Replacement characters weigh most; then characters a Chinese letter
/// practically never contains but a wrong decode often produces.
fn junk_score(enc: &'static Encoding, bytes: &[u8]) -> usize {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    text.chars()
        .map(|c| {
            if c == '\u{FFFD}' {
                10
            } else {
                usize::from(is_implausible(c))
            }
        })
        .sum()
}

/// Characters that are unlikely in a Chinese letter: control characters,
/// private use, CJK extension A and beyond, compatibility ideographs, and
/// scripts a GBK/Big5 mix-up lands in (Hangul, Yi, Latin-1 letters).
fn is_implausible(c: char) -> bool {
    let u = c as u32;
    is_bad_control(c)
        || (0xE000..=0xF8FF).contains(&u)
        || (0x3400..=0x4DBF).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xAC00..=0xD7AF).contains(&u)
        || (0xA000..=0xA4CF).contains(&u)
        || (0x0080..=0x00FF).contains(&u)
        || u >= 0x20000
}

fn is_bad_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}' | '\u{0B}')
}

/// Rejects "text" that is mostly control characters or replacement characters.
fn check_plausible(d: &Decoded) -> Result<(), DecodeError> {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in d.text.chars().take(SCORE_BYTES) {
        chars += 1;
        if is_bad_control(c) {
            controls += 1;
        }
    }
    if chars == 0 {
        return Ok(());
    }
    if controls * 10 > chars {
        return Err(DecodeError::NotText(format!(
            "{controls} of its first {chars} characters are control characters"
        )));
    }
    let total = d.text.chars().count();
    if d.replacements * 3 > total {
        return Err(DecodeError::NotText(format!(
            "{} of {total} characters could not be decoded as {}",
            d.replacements, d.encoding
        )));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/../tests/fixtures/formats/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn gbk_file_decodes_as_gbk() {
        let d = decode_text(&fixture("gbk.txt")).unwrap();
        assert_eq!(d.encoding, "GBK");
        assert_eq!(d.replacements, 0);
        assert!(
            d.text.starts_with("信访编号：QH-2019-010\n举报人：张三\n"),
            "{}",
            d.text
        );
        assert!(d.text.contains("反映村党支部书记李四截留低保金的问题。"));
    }

    #[test]
    fn big5_file_decodes_as_big5() {
        let d = decode_text(&fixture("big5.txt")).unwrap();
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.replacements, 0);
        assert!(
            d.text
                .contains("本人舉報興隆縣某村村長林國華侵佔土地補償款"),
            "{}",
            d.text
        );
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let want = "举报人：王五\n\n反映河口乡河口村村委会主任赵六违规发放危房改造补助。\n";
        let d = decode_text(&fixture("utf16le_bom.txt")).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("UTF-16LE", want));
        let d = decode_text(&fixture("utf16le_nobom.txt")).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("UTF-16LE", want));
        let be: Vec<u8> = want.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode_text(&be).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("UTF-16BE", want));
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let d = decode_text("\u{FEFF}信访件".as_bytes()).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("UTF-8", "信访件"));
    }

    #[test]
    fn short_gbk_and_big5_lines_are_told_apart() {
        let (gbk, _, _) = GBK.encode("反映村干部截留补偿款");
        assert_eq!(decode_text(&gbk).unwrap().text, "反映村干部截留补偿款");
        let (big5, _, _) = BIG5.encode("反映村幹部截留補償款");
        assert_eq!(decode_text(&big5).unwrap().text, "反映村幹部截留補償款");
    }

    #[test]
    fn lossy_decode_counts_replacements() {
        // GBK text with one broken two-byte sequence in the middle.
        let (good, _, _) =
            GBK.encode("清坝村村民反映低保问题，请求调查处理。清坝村村民反映低保问题。");
        let mut bytes = good.into_owned();
        bytes.insert(10, 0xFF);
        let d = decode_text(&bytes).unwrap();
        assert_eq!(d.encoding, "GBK");
        assert!(d.replacements >= 1, "{d:?}");
        assert!(d.text.contains("请求调查处理"));
    }

    #[test]
    fn truncated_utf8_stays_utf8() {
        let mut bytes = "举报信".as_bytes().to_vec();
        bytes.pop();
        let d = decode_text(&bytes).unwrap();
        assert_eq!((d.encoding, d.replacements), ("UTF-8", 1));
        assert!(d.text.starts_with("举报"));
    }

    #[test]
    fn binary_is_not_text() {
        let png_like = [
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R',
            0, 0, 1,
        ];
        assert!(matches!(
            decode_text(&png_like),
            Err(DecodeError::NotText(_))
        ));
        let controls: Vec<u8> = (1u8..=8).cycle().take(400).collect();
        assert!(matches!(
            decode_text(&controls),
            Err(DecodeError::NotText(_))
        ));
    }
}
