//! Labelled fields at the top of forms and online report exports
//! (`举报人：张三`, `联系电话：138…`), found by their shape: a short label,
//! a colon, a value. Which labels mean what is decided later; here they are
//! only collected.

use std::collections::BTreeMap;

/// Labels longer than this are sentences, not field names.
const MAX_LABEL_CHARS: usize = 8;
/// Only the top of a letter carries its form fields.
const MAX_LINES: usize = 40;
/// A line longer than this is body text even if it has a colon.
const MAX_LINE_CHARS: usize = 300;

/// Collects `label → value` from the first lines of `text`. A line may hold
/// several fields separated by a tab or a run of spaces. The first value of a
/// label wins.
pub(crate) fn top_labels(text: &str) -> BTreeMap<String, String> {
    let mut labels = BTreeMap::new();
    for line in text.lines().take(MAX_LINES) {
        // A long line is body text, unless it follows a block of fields: a
        // web export's 举报内容 is one long line after 举报人, 被举报人 ….
        if line.chars().nth(MAX_LINE_CHARS).is_some() {
            if labels.len() >= 2 {
                if let Some((label, value)) = label_value(line) {
                    labels.entry(label).or_insert(value);
                }
            }
            continue;
        }
        for segment in segments(line) {
            if let Some((label, value)) = label_value(segment) {
                labels.entry(label).or_insert(value);
            }
        }
    }
    labels
}

/// Splits a line at tabs, ideographic spaces and runs of two or more spaces.
fn segments(line: &str) -> impl Iterator<Item = &str> {
    line.split(['\t', '\u{3000}'])
        .flat_map(|part| part.split("  "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// `label：value` or `label:value` with a short, punctuation-free label.
pub(super) fn label_value(segment: &str) -> Option<(String, String)> {
    let (i, colon) = segment
        .char_indices()
        .find(|&(_, c)| c == '：' || c == ':')?;
    let label: String = segment[..i]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let value = segment[i + colon.len_utf8()..].trim();
    if label.is_empty() || value.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
        return None;
    }
    if !label.chars().all(|c| c.is_alphanumeric()) {
        return None;
    }
    // "2019年5月6日 10:20" and URLs are not labels.
    if label.chars().all(|c| c.is_ascii_digit()) || value.starts_with("//") {
        return None;
    }
    Some((label, value.to_string()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn fields_at_the_top_are_collected() {
        let text = "网上举报\n举报人：张三\n被举报人: 李四\n联 系 电 话：13800001111  信访编号：QH-1\n\n我是村民，反映：村里的问题。\n";
        let labels = top_labels(text);
        assert_eq!(labels.get("举报人").map(String::as_str), Some("张三"));
        assert_eq!(labels.get("被举报人").map(String::as_str), Some("李四"));
        assert_eq!(
            labels.get("联系电话").map(String::as_str),
            Some("13800001111")
        );
        assert_eq!(labels.get("信访编号").map(String::as_str), Some("QH-1"));
        // 我是村民，反映 has punctuation: a sentence, not a label.
        assert_eq!(labels.len(), 4, "{labels:?}");
    }

    #[test]
    fn a_long_value_after_a_block_of_fields_is_kept() {
        let content = "龙泉村村主任私自扣留征地补偿款，".repeat(30);
        let export = format!("举报编号：WB1\n被举报人：韦德明\n举报内容：{content}\n");
        assert_eq!(
            top_labels(&export).get("举报内容").map(String::as_str),
            Some(content.as_str())
        );
        // The same long line in a letter with no fields above it is body text.
        let letter = format!("县纪委：\n我反映：{content}\n");
        assert_eq!(top_labels(&letter).get("我反映"), None);
    }

    #[test]
    fn long_labels_times_and_empty_values_are_not_labels() {
        assert_eq!(label_value("尊敬的清河县纪委监委领导："), None);
        assert_eq!(label_value("10:20"), None);
        assert_eq!(label_value("举报人："), None);
        assert_eq!(label_value("https://example.org"), None);
    }
}
