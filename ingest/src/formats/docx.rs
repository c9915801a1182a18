//! Word documents: the body of `word/document.xml`.
//!
//! Paragraphs become lines. Visit registration forms (来访登记表) are tables
//! of `label | value` cells (`来访人 | 孟凡英 | 性别 | 女`): a row made of such
//! pairs becomes one `label：value` line per filled pair, and the pairs become
//! labels, so that later stages see fields rather than one run-together line
//! (text cleaning removes the space between Chinese characters, which would
//! glue `来访人\t孟凡英\t性别\t女` into one word). Any other table row becomes
//! one line with its non-empty cells joined by a tab.
//! The XML part is read through `Read::take`, so a zip bomb costs at most the cap.

use std::collections::BTreeMap;
use std::io::Read;

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::record::SourceKind;

use super::{document, labels, short, FileContent, FileKind, FormatError, Limits};

const KIND: &str = "Word document";

pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<FileContent, FormatError> {
    if super::is_encrypted_ooxml(bytes) {
        return Err(FormatError::Encrypted(KIND.into()));
    }
    if !super::is_zip(bytes) {
        return Err(super::wrong_format("docx", KIND, bytes));
    }
    let xml = read_part(bytes, "word/document.xml", limits.max_decompressed_bytes)?;
    let body = parse_body(&xml)?;
    let text = body.lines.join("\n");
    let mut labels = body.labels;
    for (k, v) in labels::top_labels(&text) {
        labels.entry(k).or_insert(v);
    }
    Ok(FileContent {
        kind: FileKind::Docx,
        items: vec![document(SourceKind::Docx, text, labels, Vec::new(), limits)?],
        warnings: Vec::new(),
    })
}

fn damaged(e: impl std::fmt::Display) -> FormatError {
    FormatError::Damaged {
        kind: KIND.into(),
        detail: short(&e.to_string()),
    }
}

/// Reads one zip entry, refusing to inflate more than `limit` bytes.
fn read_part(bytes: &[u8], name: &str, limit: u64) -> Result<Vec<u8>, FormatError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(damaged)?;
    let bomb = || FormatError::ZipBomb {
        kind: KIND.into(),
        limit,
    };
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(FormatError::WrongFormat {
                ext: "docx".into(),
                expected: KIND.into(),
                found: format!("the zip archive has no {name}"),
            })
        }
        Err(e) => return Err(damaged(e)),
    };
    if entry.size() > limit {
        return Err(bomb());
    }
    let mut out = Vec::new();
    entry
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(damaged)?;
    if out.len() as u64 > limit {
        return Err(bomb());
    }
    Ok(out)
}

#[derive(Default)]
struct Body {
    lines: Vec<String>,
    labels: BTreeMap<String, String>,
}

/// Where finished paragraphs go: the body, or a table cell.
#[derive(Default)]
struct Table {
    rows_done: Vec<String>,
    row: Vec<String>,
    cell: Vec<String>,
}

fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

fn parse_body(xml: &[u8]) -> Result<Body, FormatError> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut body = Body::default();
    let mut tables: Vec<Table> = Vec::new();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut in_text = false;
    // Tabs and breaks count only inside runs; `w:tab` also defines tab stops in `w:tabs`.
    let mut run_depth = 0usize;
    // Inside mc:Fallback, which repeats the content of mc:Choice for old readers.
    let mut fallback_depth = 0usize;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(damaged)?;
        match event {
            Event::Start(ref e) => {
                let name = e.name();
                let n = local(name.as_ref());
                if n == b"Fallback" || fallback_depth > 0 {
                    fallback_depth += 1;
                    buf.clear();
                    continue;
                }
                match n {
                    b"p" => paragraphs.push(String::new()),
                    b"t" => in_text = true,
                    b"r" => run_depth += 1,
                    b"tbl" => tables.push(Table::default()),
                    b"tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.row.clear();
                        }
                    }
                    b"tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.cell.clear();
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(ref e) => {
                if fallback_depth > 0 {
                    buf.clear();
                    continue;
                }
                let name = e.name();
                match local(name.as_ref()) {
                    b"tab" if run_depth > 0 => push_str(&mut paragraphs, "\t"),
                    b"br" | b"cr" if run_depth > 0 => push_str(&mut paragraphs, "\n"),
                    _ => {}
                }
            }
            Event::Text(ref t) if in_text && fallback_depth == 0 => {
                let s = t.unescape().map_err(damaged)?;
                push_str(&mut paragraphs, &s);
            }
            Event::CData(ref t) if in_text && fallback_depth == 0 => {
                push_str(&mut paragraphs, &String::from_utf8_lossy(t));
            }
            Event::End(ref e) => {
                if fallback_depth > 0 {
                    fallback_depth -= 1;
                    buf.clear();
                    continue;
                }
                let name = e.name();
                match local(name.as_ref()) {
                    b"t" => in_text = false,
                    b"r" => run_depth = run_depth.saturating_sub(1),
                    b"p" => {
                        let p = paragraphs.pop().unwrap_or_default();
                        if let Some(outer) = paragraphs.last_mut() {
                            // A text box inside a paragraph: keep its text in line.
                            outer.push_str(&p);
                        } else if let Some(t) = tables.last_mut() {
                            t.cell.push(p);
                        } else {
                            body.lines.push(p);
                        }
                    }
                    b"tc" => {
                        if let Some(t) = tables.last_mut() {
                            let cell = t
                                .cell
                                .iter()
                                .map(|p| p.trim())
                                .filter(|p| !p.is_empty())
                                .collect::<Vec<_>>()
                                .join("\n");
                            t.row.push(cell);
                        }
                    }
                    b"tr" => {
                        if let Some(t) = tables.last_mut() {
                            match label_pairs(&t.row) {
                                Some(pairs) => {
                                    for (k, v) in pairs {
                                        t.rows_done.push(format!("{k}：{}", v.replace('\n', " ")));
                                        body.labels.entry(k).or_insert(v);
                                    }
                                }
                                None => {
                                    let line = t
                                        .row
                                        .iter()
                                        .filter(|c| !c.is_empty())
                                        .map(|c| c.replace('\n', " "))
                                        .collect::<Vec<_>>()
                                        .join("\t");
                                    t.rows_done.push(line);
                                }
                            }
                        }
                    }
                    b"tbl" => {
                        if let Some(t) = tables.pop() {
                            match tables.last_mut() {
                                // A nested table's rows become paragraphs of the outer cell.
                                Some(outer) => outer.cell.extend(t.rows_done),
                                None => body.lines.extend(t.rows_done),
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(body)
}

fn push_str(paragraphs: &mut [String], s: &str) {
    if let Some(p) = paragraphs.last_mut() {
        p.push_str(s);
    }
}

/// The filled `label → value` pairs of a form row, or `None` when the row is
/// not made of pairs. A row of pairs has an even number of cells (empty ones
/// included, so `接待人 | 韩晓东 | 处理意见 | ` stays aligned) and a short
/// label in every other cell, and at least one filled value. A trailing
/// colon on a label (`来访人：`) is dropped.
fn label_pairs(cells: &[String]) -> Option<Vec<(String, String)>> {
    if cells.len() < 2 || !cells.len().is_multiple_of(2) {
        return None;
    }
    let mut pairs = Vec::new();
    for pair in cells.chunks(2) {
        let label = pair[0].trim().trim_end_matches(['：', ':']);
        let value = pair[1].trim();
        if label.contains(['：', ':']) {
            return None;
        }
        // A label cell is one short field name; an empty value is a blank form field.
        let (label, _) = labels::label_value(&format!("{label}：-"))?;
        if !value.is_empty() {
            pairs.push((label, value.to_string()));
        }
    }
    (!pairs.is_empty()).then_some(pairs)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn nested_tables_and_fallbacks() {
        let xml = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>
            <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>A</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">B &amp; C</w:t></w:r></w:p>
            <w:p><mc:AlternateContent><mc:Choice><w:t>X</w:t></mc:Choice><mc:Fallback><w:t>X</w:t></mc:Fallback></mc:AlternateContent></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>姓名</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>张三</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>
            </w:body></w:document>"#;
        let body = parse_body(xml.as_bytes()).unwrap();
        assert_eq!(body.lines, vec!["A\tB & C", "X", "姓名：张三", "内"]);
        assert_eq!(body.labels.get("姓名").map(String::as_str), Some("张三"));
    }

    fn row(cells: &[&str]) -> String {
        let tcs: String = cells
            .iter()
            .map(|c| format!("<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>"))
            .collect();
        format!("<w:tr>{tcs}</w:tr>")
    }

    /// A two-column visit form, and a four-column one whose last value is
    /// blank: every filled pair is a line and a label, and the blank field
    /// does not shift the pairs after it.
    #[test]
    fn form_rows_become_label_lines() {
        let xml = format!(
            r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>来访登记表</w:t></w:r></w:p><w:tbl>{}{}{}{}</w:tbl></w:body></w:document>"#,
            row(&["来访人姓名：", "孟凡英"]),
            row(&["反映问题", "反映谭继业在换届选举中每户送二百元拉票。"]),
            row(&["接待人", "韩晓东", "处理意见", ""]),
            row(&["张三", "男", "45", "农民"]),
        );
        let body = parse_body(xml.as_bytes()).unwrap();
        assert_eq!(
            body.lines,
            vec![
                "来访登记表",
                "来访人姓名：孟凡英",
                "反映问题：反映谭继业在换届选举中每户送二百元拉票。",
                "接待人：韩晓东",
                "张三\t男\t45\t农民",
            ]
        );
        let label = |k: &str| body.labels.get(k).map(String::as_str);
        assert_eq!(label("来访人姓名"), Some("孟凡英"));
        assert_eq!(label("接待人"), Some("韩晓东"));
        assert_eq!(label("处理意见"), None);
        assert_eq!(label("张三"), None, "a data row is not a form row");
    }
}
