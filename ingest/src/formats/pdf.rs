//! PDF letters through lopdf.
//!
//! lopdf decodes fonts with a ToUnicode map (what LibreOffice, Word and WPS
//! write) and `UniGB-UCS2-H`. For other predefined CJK CMaps (`GBK-EUC-H`,
//! `ETenms-B5-H` …, written by older Chinese producers without ToUnicode) it
//! returns `CharacterEncoding`; the page walker below decodes those fonts'
//! strings by hand from the CMap's character set (GBK, Big5, UTF-16BE).
//! Identity-H glyph ids without ToUnicode cannot be recovered and are
//! reported instead of being read as Latin garbage.
//!
//! lopdf's `extract_text` ends a line at every font switch and text object, so
//! a LibreOffice line reads `清坝村的\n27\n户村民` (research/feasibility.md §7),
//! and it cannot tell a wrapped line from a paragraph end. So pages are walked
//! here with lopdf's content parser and font encodings, keeping each string's
//! position: strings on one baseline form a line, and a line that reaches the
//! right margin continues on the next unless that one is indented. lopdf's
//! `extract_text` with a CJK line join remains the fallback for pages the
//! walker cannot read.

use std::collections::BTreeMap;

use encoding_rs::{Encoding as TextEncoding, BIG5, GBK, UTF_16BE};
use lopdf::{Document, Encoding, Object};

use crate::record::SourceKind;

use super::{document, labels, short, FileContent, FileKind, FormatError, Limits};

pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<FileContent, FormatError> {
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Err(super::wrong_format("pdf", "PDF", bytes));
    }
    let doc = Document::load_mem(bytes).map_err(load_error)?;
    if doc.is_encrypted() {
        // Loaded but still encrypted: lopdf could not decrypt with the empty password.
        return Err(FormatError::Encrypted("PDF".into()));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(FormatError::Damaged {
            kind: "PDF".into(),
            detail: "it has no pages".into(),
        });
    }
    let limit = usize::try_from(limits.max_decompressed_bytes).unwrap_or(usize::MAX);
    let mut pages_read: Vec<PageText> = Vec::with_capacity(pages.len());
    let mut warnings = Vec::new();
    let mut unmapped = 0;
    for (&number, &page_id) in &pages {
        match layout_page(&doc, page_id, limit) {
            Ok((lines, page_unmapped)) => {
                unmapped += page_unmapped;
                pages_read.push(PageText::Lines(lines, media_width(&doc, page_id)));
            }
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => {
                return Err(FormatError::ZipBomb {
                    kind: "PDF".into(),
                    limit: limits.max_decompressed_bytes,
                });
            }
            Err(walk_error) => match doc.extract_text_with_limit(&[number], limit) {
                Ok(text) => {
                    pages_read.push(PageText::Plain(join_broken_lines(text.trim_matches('\n'))))
                }
                Err(e) => {
                    tracing::debug!(page = number, %walk_error, "PDF page text not readable");
                    warnings.push(format!(
                        "page {number}: text could not be read ({})",
                        short(&e.to_string())
                    ));
                }
            },
        }
    }
    let page_texts = join_pages(&pages_read);
    let text = page_texts
        .iter()
        .map(|t| t.trim_matches('\n'))
        .filter(|t| !t.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    // Fonts without a Unicode mapping (Identity-H without ToUnicode, Type 3)
    // come out as glyph numbers: mostly control characters and U+FFFD.
    let junk = unmapped
        + text
            .chars()
            .filter(|&c| c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\t')))
            .count();
    let text: String = text
        .chars()
        .filter(|&c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect();
    let kept = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{FFFD}')
        .count();
    if junk > 0 && junk >= kept {
        return Err(FormatError::Damaged {
            kind: "PDF".into(),
            detail:
                "its fonts have no Unicode mapping, so the text cannot be extracted; run OCR on it"
                    .into(),
        });
    }
    if junk > 0 {
        warnings.push(format!("{junk} characters could not be decoded"));
    }
    if text.trim().is_empty() {
        if !warnings.is_empty() {
            return Err(FormatError::Damaged {
                kind: "PDF".into(),
                detail: warnings.join("; "),
            });
        }
        return Err(FormatError::NoTextLayer);
    }
    let labels = labels::top_labels(&text);
    Ok(FileContent {
        kind: FileKind::Pdf,
        items: vec![document(SourceKind::Pdf, text, labels, warnings, limits)?],
        warnings: Vec::new(),
    })
}

fn load_error(e: lopdf::Error) -> FormatError {
    use lopdf::Error as E;
    match e {
        E::Decryption(_)
        | E::InvalidPassword
        | E::UnsupportedSecurityHandler(_)
        | E::AlreadyEncrypted => FormatError::Encrypted("PDF".into()),
        other => FormatError::Damaged {
            kind: "PDF".into(),
            detail: short(&other.to_string()),
        },
    }
}

/// Joins lines whose neighbouring characters are both CJK or digits: lopdf's
/// font-switch and wrap breaks, not paragraph ends (those follow punctuation).
fn join_broken_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        let line = line.trim_end_matches([' ', '\r']);
        out.push_str(line);
        let Some(next) = lines.peek() else { break };
        let next_first = next.trim_start_matches(' ').chars().next();
        let glue = match (line.chars().last(), next_first) {
            (Some(a), Some(b)) => joinable(a) && joinable(b),
            _ => false,
        };
        if !glue {
            out.push('\n');
        }
    }
    out
}

fn joinable(c: char) -> bool {
    c.is_ascii_digit() || crate::text::is_han(c)
}

/// A 2-D affine matrix `[a b c d e f]` as PDF writes it.
#[derive(Debug, Clone, Copy)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    /// `self × other`, the PDF order (self applied first).
    fn then(self, other: Matrix) -> Matrix {
        let [a1, b1, c1, d1, e1, f1] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a1 * a2 + b1 * c2,
            a1 * b2 + b1 * d2,
            c1 * a2 + d1 * c2,
            c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2,
            e1 * b2 + f1 * d2 + f2,
        ])
    }

    fn from_operands(ops: &[Object]) -> Option<Matrix> {
        let v: Vec<f64> = ops
            .iter()
            .filter_map(|o| o.as_float().ok())
            .map(f64::from)
            .collect();
        <[f64; 6]>::try_from(v.as_slice()).ok().map(Matrix)
    }
}

/// One visual line of a page.
#[derive(Debug, Default)]
struct Line {
    text: String,
    y: f64,
    x_start: f64,
    x_end: f64,
    size: f64,
}

/// Text state while walking a content stream.
struct Walker<'a> {
    encodings: &'a BTreeMap<Vec<u8>, FontText<'a>>,
    font: Option<&'a FontText<'a>>,
    /// Glyphs shown in fonts without a Unicode mapping.
    unmapped: usize,
    size: f64,
    leading: f64,
    ctm: Matrix,
    stack: Vec<Matrix>,
    tm: Matrix,
    tlm: Matrix,
    lines: Vec<Line>,
}

/// Advance of a decoded string in text-space units of 1 em: CJK glyphs are a
/// full em, others about half. Only used to tell full lines from short ones.
fn em_width(s: &str) -> f64 {
    s.chars().map(|c| if is_wide(c) { 1.0 } else { 0.5 }).sum()
}

fn is_wide(c: char) -> bool {
    crate::text::is_han(c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

impl<'a> Walker<'a> {
    fn set_td(&mut self, tx: f64, ty: f64) {
        self.tlm = Matrix::translate(tx, ty).then(self.tlm);
        self.tm = self.tlm;
    }

    fn next_line(&mut self) {
        self.set_td(0.0, -self.leading);
    }

    fn show(&mut self, operands: &[Object]) -> lopdf::Result<()> {
        for operand in operands {
            match operand {
                Object::String(bytes, _) => {
                    let text = match self.font {
                        None => continue,
                        Some(FontText::Unmapped) => {
                            // Two-byte glyph ids; advance about one em each.
                            let glyphs = bytes.len().div_ceil(2);
                            self.unmapped += glyphs;
                            self.tm =
                                Matrix::translate(glyphs as f64 * self.size, 0.0).then(self.tm);
                            continue;
                        }
                        Some(FontText::Mapped(enc)) => decode_string(enc, bytes)?,
                    };
                    let width = em_width(&text) * self.size;
                    self.place(&text, width);
                    self.tm = Matrix::translate(width, 0.0).then(self.tm);
                }
                Object::Array(items) => self.show(items)?,
                other => {
                    if let Ok(n) = other.as_float() {
                        let shift = -f64::from(n) / 1000.0 * self.size;
                        self.tm = Matrix::translate(shift, 0.0).then(self.tm);
                    }
                }
            }
        }
        Ok(())
    }

    /// Adds a string at the current text position: to the current line when
    /// it is on the same baseline, else to a new line.
    fn place(&mut self, text: &str, width: f64) {
        if text.is_empty() {
            return;
        }
        let m = self.tm.then(self.ctm);
        let (x, y) = (m.0[4], m.0[5]);
        let scale = (m.0[2] * m.0[2] + m.0[3] * m.0[3]).sqrt().max(1e-6);
        let size = (self.size * scale).abs().max(1.0);
        let x_scale = (m.0[0] * m.0[0] + m.0[1] * m.0[1]).sqrt();
        let end = x + width * x_scale;
        match self.lines.last_mut() {
            Some(line) if (line.y - y).abs() < size * 0.5 && x >= line.x_start => {
                let gap = x - line.x_end;
                let joins_wide = line.text.chars().last().is_some_and(is_wide)
                    && text.chars().next().is_some_and(is_wide);
                if gap > size * 0.25
                    && !joins_wide
                    && !line.text.ends_with(' ')
                    && !text.starts_with(' ')
                {
                    line.text.push(' ');
                }
                line.text.push_str(text);
                line.x_end = line.x_end.max(end);
                line.size = line.size.max(size);
            }
            _ => self.lines.push(Line {
                text: text.to_string(),
                y,
                x_start: x,
                x_end: end,
                size,
            }),
        }
    }
}

/// A page read by the walker (lines with positions and the page width) or by
/// lopdf's `extract_text`.
enum PageText {
    Lines(Vec<Line>, Option<f64>),
    Plain(String),
}

/// The page width from its (possibly inherited) MediaBox.
fn media_width(doc: &Document, page_id: lopdf::ObjectId) -> Option<f64> {
    let mut dict = doc.get_dictionary(page_id).ok()?;
    for _ in 0..32 {
        if let Ok(b) = dict.get(b"MediaBox").and_then(|o| match o {
            Object::Reference(id) => doc.get_object(*id),
            other => Ok(other),
        }) {
            let v: Vec<f64> = b
                .as_array()
                .ok()?
                .iter()
                .filter_map(|o| o.as_float().ok())
                .map(f64::from)
                .collect();
            return (v.len() == 4).then(|| (v[2] - v[0]).abs());
        }
        let parent = dict.get(b"Parent").and_then(Object::as_reference).ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// Joins each page's lines. The margins are taken over the whole document, as
/// a short last page has no full line of its own; with margins assumed
/// symmetric, the right one is at least the page width minus the left one.
fn join_pages(pages: &[PageText]) -> Vec<String> {
    let all_lines = pages.iter().flat_map(|p| match p {
        PageText::Lines(lines, _) => lines.as_slice(),
        PageText::Plain(_) => &[],
    });
    let left = all_lines
        .clone()
        .map(|l| l.x_start)
        .fold(f64::MAX, f64::min);
    let mut right = all_lines.map(|l| l.x_end).fold(f64::MIN, f64::max);
    for p in pages {
        if let PageText::Lines(_, Some(width)) = p {
            right = right.max(width - left);
        }
    }
    pages
        .iter()
        .map(|p| match p {
            PageText::Lines(lines, _) => join_layout_lines(lines, left, right),
            PageText::Plain(text) => text.clone(),
        })
        .collect()
}

/// How a font's strings become text.
enum FontText<'a> {
    /// Through lopdf's encoding (or by hand for predefined CJK CMaps).
    Mapped(Encoding<'a>),
    /// Identity-H/V glyph ids without a ToUnicode map: not recoverable (lopdf
    /// would silently read them as StandardEncoding bytes).
    Unmapped,
}

fn font_text<'a>(
    doc: &'a Document,
    font: &'a lopdf::Dictionary,
    limit: usize,
) -> lopdf::Result<FontText<'a>> {
    let identity = matches!(
        font.get(b"Encoding").and_then(Object::as_name),
        Ok(b"Identity-H" | b"Identity-V")
    );
    if identity && font.get(b"ToUnicode").is_err() {
        return Ok(FontText::Unmapped);
    }
    font.get_font_encoding_with_limit(doc, limit)
        .map(FontText::Mapped)
}

/// A page's lines with their positions, and the count of unmappable glyphs.
type PageLines = (Vec<Line>, usize);

/// Reads one page's lines with their positions.
fn layout_page(doc: &Document, page_id: lopdf::ObjectId, limit: usize) -> lopdf::Result<PageLines> {
    let fonts = doc.get_page_fonts(page_id)?;
    let encodings: BTreeMap<Vec<u8>, FontText> = fonts
        .into_iter()
        .map(|(name, font)| font_text(doc, font, limit).map(|e| (name, e)))
        .collect::<lopdf::Result<_>>()?;
    let content =
        lopdf::content::Content::decode(&doc.get_page_content_with_limit(page_id, limit)?)?;
    let mut w = Walker {
        encodings: &encodings,
        font: None,
        unmapped: 0,
        size: 12.0,
        leading: 0.0,
        ctm: Matrix::IDENTITY,
        stack: Vec::new(),
        tm: Matrix::IDENTITY,
        tlm: Matrix::IDENTITY,
        lines: Vec::new(),
    };
    for op in &content.operations {
        let ops = &op.operands;
        let num = |i: usize| {
            ops.get(i)
                .and_then(|o| o.as_float().ok())
                .map_or(0.0, f64::from)
        };
        match op.operator.as_str() {
            "q" => w.stack.push(w.ctm),
            "Q" => w.ctm = w.stack.pop().unwrap_or(Matrix::IDENTITY),
            "cm" => {
                if let Some(m) = Matrix::from_operands(ops) {
                    w.ctm = m.then(w.ctm);
                }
            }
            "BT" => {
                w.tm = Matrix::IDENTITY;
                w.tlm = Matrix::IDENTITY;
            }
            "Tf" => {
                w.font = ops
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|n| w.encodings.get(n));
                w.size = num(1);
            }
            "TL" => w.leading = num(0),
            "Td" => w.set_td(num(0), num(1)),
            "TD" => {
                w.leading = -num(1);
                w.set_td(num(0), num(1));
            }
            "Tm" => {
                if let Some(m) = Matrix::from_operands(ops) {
                    w.tm = m;
                    w.tlm = m;
                }
            }
            "T*" => w.next_line(),
            "Tj" | "TJ" => w.show(ops)?,
            "'" => {
                w.next_line();
                w.show(ops)?;
            }
            "\"" => {
                w.next_line();
                w.show(ops.get(2).map(std::slice::from_ref).unwrap_or(&[]))?;
            }
            _ => {}
        }
    }
    Ok((w.lines, w.unmapped))
}

/// Joins a line with the next when it reaches the right margin (a wrap) and
/// the next is not indented. Wrapped CJK text and split numbers join without
/// a space, Latin words with one.
fn join_layout_lines(lines: &[Line], left: f64, right: f64) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line.text.trim_end());
        let Some(next) = lines.get(i + 1) else { break };
        let full = line.x_end >= right - line.size * 2.0;
        let indented = next.x_start > left + next.size * 1.5;
        if !full || indented {
            out.push('\n');
        } else {
            let a = line.text.trim_end().chars().last();
            let b = next.text.trim_start().chars().next();
            let digits =
                a.is_some_and(|c| c.is_ascii_digit()) && b.is_some_and(|c| c.is_ascii_digit());
            if !(digits || a.is_some_and(is_wide) || b.is_some_and(is_wide)) {
                out.push(' ');
            }
        }
    }
    out
}

/// Decodes one string operand: lopdf's decoding, or by hand for predefined
/// CJK CMaps lopdf leaves to the caller.
fn decode_string(enc: &Encoding, bytes: &[u8]) -> lopdf::Result<String> {
    match enc {
        Encoding::SimpleEncoding(name) if !matches!(*name, b"UniGB-UCS2-H" | b"UniGB-UTF16-H") => {
            let cs = cmap_charset(name).ok_or(lopdf::Error::CharacterEncoding)?;
            Ok(cs.decode_without_bom_handling(bytes).0.into_owned())
        }
        other => Document::decode_text(other, bytes),
    }
}

/// The byte encoding behind a predefined CJK CMap name (PDF 32000-1 Table 118).
fn cmap_charset(name: &[u8]) -> Option<&'static TextEncoding> {
    let name = std::str::from_utf8(name).ok()?;
    if name.contains("UCS2") || name.contains("UTF16") {
        Some(UTF_16BE)
    } else if name.starts_with("GB")
        || name.starts_with("GBK")
        || name.starts_with("GBpc")
        || name.starts_with("GBT")
    {
        Some(GBK)
    } else if name.starts_with("B5")
        || name.starts_with("ETen")
        || name.starts_with("HKscs")
        || name.starts_with("ETHK")
    {
        Some(BIG5)
    } else {
        None
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn font_switch_breaks_are_joined_paragraph_breaks_kept() {
        assert_eq!(
            join_broken_lines("清坝村的\n27\n户村民"),
            "清坝村的27户村民"
        );
        assert_eq!(join_broken_lines("被拒绝。\n此外"), "被拒绝。\n此外");
        assert_eq!(join_broken_lines("举报人核\n实"), "举报人核实");
        assert_eq!(join_broken_lines("Hello\nworld"), "Hello\nworld");
    }

    fn line(text: &str, x_start: f64, x_end: f64) -> Line {
        Line {
            text: text.into(),
            y: 0.0,
            x_start,
            x_end,
            size: 10.0,
        }
    }

    #[test]
    fn full_lines_join_short_and_before_indent_do_not() {
        let lines = [
            line("标题", 200.0, 220.0),
            line("第一段很长的一行", 50.0, 500.0),
            line("接着写完。", 50.0, 100.0),
            line("第二段开头缩进", 70.0, 500.0),
            line("Latin words", 50.0, 500.0),
            line("continue here", 50.0, 120.0),
        ];
        assert_eq!(
            join_layout_lines(&lines, 50.0, 505.0),
            "标题\n第一段很长的一行接着写完。\n第二段开头缩进Latin words continue here"
        );
    }

    #[test]
    fn cmap_names_map_to_charsets() {
        assert_eq!(cmap_charset(b"GBK-EUC-H"), Some(GBK));
        assert_eq!(cmap_charset(b"GB-EUC-H"), Some(GBK));
        assert_eq!(cmap_charset(b"ETenms-B5-H"), Some(BIG5));
        assert_eq!(cmap_charset(b"B5pc-H"), Some(BIG5));
        assert_eq!(cmap_charset(b"UniCNS-UCS2-H"), Some(UTF_16BE));
        assert_eq!(cmap_charset(b"90ms-RKSJ-H"), None);
    }
}
