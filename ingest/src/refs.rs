//! Reference numbers (信访编号): the key that makes a ledger row and a letter
//! file one letter.

use regex::Regex;

/// Normalises a reference number so that the ledger's and the file's spelling
/// compare equal: width-folded, upper case, no spaces, any dash as `-`.
pub fn normalize_ref(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for ch in s.trim().chars() {
        let ch = match ch {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
            '—' | '–' | '－' | '_' | '‐' => '-',
            '（' => '(',
            '）' => ')',
            '〔' | '［' => '[',
            '〕' | '］' => ']',
            c => c,
        };
        if ch.is_whitespace() {
            continue;
        }
        out.push(ch.to_ascii_uppercase());
    }
    let out = out.trim_matches(|c: char| matches!(c, '.' | ',' | '，' | '。' | ';' | '；')).to_string();
    if out.is_empty() || out == "-" || out == "无" || out == "/" {
        None
    } else {
        Some(out)
    }
}

/// Finds reference numbers in file names and letter texts.
#[derive(Debug, Clone)]
pub struct RefFinder {
    patterns: Vec<Regex>,
    labelled: Regex,
}

/// Error for a bad pattern in the settings.
#[derive(Debug, thiserror::Error)]
#[error("reference pattern `{pattern}` is not a valid regular expression: {message}")]
pub struct PatternError {
    /// The pattern.
    pub pattern: String,
    /// Why.
    pub message: String,
}

impl RefFinder {
    /// Compiles the configured patterns.
    pub fn new(patterns: &[String]) -> Result<RefFinder, PatternError> {
        let compiled = patterns
            .iter()
            .map(|p| {
                Regex::new(p).map_err(|e| PatternError {
                    pattern: p.clone(),
                    message: e.to_string(),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let labelled = Regex::new(r"(?:信访编号|信访件号|来信编号|举报编号|件号|编号)\s*[:：]\s*([A-Za-z0-9Ａ-Ｚａ-ｚ０-９\-－—–_〔〕\[\]（）()年号]{4,40})")
            .map_err(|e| PatternError {
                pattern: "labelled".into(),
                message: e.to_string(),
            })?;
        Ok(RefFinder {
            patterns: compiled,
            labelled,
        })
    }

    /// Reference numbers in a file name (the stem is tried whole first).
    pub fn in_file_name(&self, name: &str) -> Vec<String> {
        let stem = name.rsplit('/').next().unwrap_or(name);
        let stem = stem.rsplit_once('.').map(|(s, _)| s).unwrap_or(stem);
        let folded = fold_ascii(stem);
        let mut out = Vec::new();
        for p in &self.patterns {
            for m in p.find_iter(&folded) {
                push_unique(&mut out, normalize_ref(m.as_str()));
            }
        }
        out
    }

    /// Reference numbers in a letter's text: labelled ones (信访编号：…) first,
    /// then pattern matches in the first 3,000 characters.
    pub fn in_text(&self, text: &str) -> Vec<String> {
        let head: String = text.chars().take(3000).collect();
        let mut out = Vec::new();
        for c in self.labelled.captures_iter(&head) {
            if let Some(m) = c.get(1) {
                push_unique(&mut out, normalize_ref(m.as_str()));
            }
        }
        let folded = fold_ascii(&head);
        for p in &self.patterns {
            for m in p.find_iter(&folded) {
                push_unique(&mut out, normalize_ref(m.as_str()));
            }
        }
        out
    }
}

fn fold_ascii(s: &str) -> String {
    s.chars()
        .map(|ch| match ch {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
            '—' | '–' | '－' => '-',
            c => c.to_ascii_uppercase(),
        })
        .collect()
}

fn push_unique(out: &mut Vec<String>, r: Option<String>) {
    if let Some(r) = r {
        if !out.contains(&r) {
            out.push(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder() -> RefFinder {
        RefFinder::new(&[r"[A-Z]{1,6}[0-9]{4}[-_—–][0-9]{2,6}".to_string()]).expect("patterns")
    }

    #[test]
    fn normalises_spellings() {
        assert_eq!(normalize_ref(" ｘｆ２０１９－０１２３ "), Some("XF2019-0123".into()));
        assert_eq!(normalize_ref("XF2019—0123"), Some("XF2019-0123".into()));
        assert_eq!(normalize_ref("  "), None);
    }

    #[test]
    fn finds_refs_in_names_and_text() {
        let f = finder();
        assert_eq!(f.in_file_name("2019Q1/XF2019-0123 王某反映.pdf"), vec!["XF2019-0123"]);
        assert_eq!(f.in_file_name("xf2019_0007.TXT"), vec!["XF2019-0007"]);
        assert_eq!(f.in_text("信访编号：XF2019-0042\n尊敬的领导"), vec!["XF2019-0042"]);
        assert!(f.in_text("电话13800138000").is_empty());
    }
}
