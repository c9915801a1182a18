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
    let lines: Vec<&str> = text.lines().collect();
    let mut at = 0;
    while at < lines.len().min(MAX_LINES) {
        let line = lines[at];
        at += 1;
        // 举报内容：⏎ the report on the lines below, after a block of fields
        // (a 12381 export): the value runs to the next field line.
        if labels.len() >= 2 {
            if let Some(label) = empty_content_label(line) {
                let end = (at..lines.len()).find(|&j| is_field_line(lines[j])).unwrap_or(lines.len());
                let value = lines[at..end].iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
                if !value.is_empty() {
                    labels.entry(label).or_insert(value);
                }
                at = end;
                continue;
            }
        }
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
/// Suffixes of a label holding the matter (举报内容, 反映问题, 来访事由).
const MATTER_SUFFIXES: [&str; 8] = ["内容", "问题", "事由", "事项", "案情", "事实", "摘要", "描述"];
/// A label with one of these is metadata about the matter, not the matter.
const NOT_MATTER: [&str; 8] = ["类别", "类型", "分类", "性质", "处理", "办理", "意见", "结果"];

/// Whether a (folded, space-free) label names the field that tells the matter.
pub(crate) fn is_matter_label(label: &str) -> bool {
    MATTER_SUFFIXES.iter().any(|s| label.ends_with(s)) && !NOT_MATTER.iter().any(|w| label.contains(w))
}

/// A line that is only the label of a field that tells the matter, with
/// nothing after its colon: 举报内容：, 主要问题：, 反映事由：.
fn empty_content_label(line: &str) -> Option<String> {
    let t = line.trim();
    let label = t.strip_suffix('：').or_else(|| t.strip_suffix(':'))?;
    let label: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    (is_matter_label(&label) && label.chars().count() <= MAX_LABEL_CHARS && label.chars().all(char::is_alphanumeric))
        .then_some(label)
}

/// A short `label：value` line: the next field, where a run-on value ends.
fn is_field_line(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() <= 40 && (label_value(t).is_some() || empty_content_label(t).is_some())
}

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
    fn report_content_below_its_label_is_its_value() {
        let export = "清河县纪委监委 12381 网络举报 受理单\n举报时间：2019-05-23 09:50:24\n举报人：匿名\n被举报人：孙振勇\n被举报人职务：村党支部书记\n举报内容：\n我们是柏树村的群众。孙振勇书记在生猪养殖场入了干股，每年分红好几万元。\n\n环保部门来检查那天，孙振勇提前打电话通知老板停工。\n附件：无\n";
        let labels = top_labels(export);
        assert_eq!(
            labels.get("举报内容").map(String::as_str),
            Some("我们是柏树村的群众。孙振勇书记在生猪养殖场入了干股，每年分红好几万元。\n环保部门来检查那天，孙振勇提前打电话通知老板停工。")
        );
        assert_eq!(labels.get("附件").map(String::as_str), Some("无"));
        // A letter's own heading with a colon is no field block.
        assert_eq!(top_labels("主要问题：\n村支书截留低保金。\n").get("主要问题"), None);
    }

    #[test]
    fn long_labels_times_and_empty_values_are_not_labels() {
        assert_eq!(label_value("尊敬的清河县纪委监委领导："), None);
        assert_eq!(label_value("10:20"), None);
        assert_eq!(label_value("举报人："), None);
        assert_eq!(label_value("https://example.org"), None);
    }
}
