//! The letter record: what every later stage works from.
//!
//! A [`Letter`] is assembled from one or more [`LetterPart`]s: a ledger row, a
//! letter file, or both when they carry the same reference number. Parts are
//! kept on the record so that a part arriving later (the PDF after the ledger,
//! or a corrected ledger) re-assembles the letter instead of duplicating it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a letter reached the commission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// 上级转办: forwarded by a higher level, usually with a ledger.
    Forwarded,
    /// 本级受理: received by the county itself.
    Local,
}

impl Origin {
    /// The contract's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Forwarded => "forwarded",
            Origin::Local => "local",
        }
    }

    /// Parses the contract's spelling.
    pub fn parse(s: &str) -> Option<Origin> {
        match s {
            "forwarded" => Some(Origin::Forwarded),
            "local" => Some(Origin::Local),
            _ => None,
        }
    }
}

/// The script a letter was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// 简体.
    #[default]
    Simplified,
    /// 繁體.
    Traditional,
}

/// The kind of source a part came from (contract `sources[].kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// One row of a ledger spreadsheet or CSV.
    LedgerRow,
    /// A plain-text file.
    Txt,
    /// A PDF file.
    Pdf,
    /// A Word document.
    Docx,
}

/// Where a part was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// Path relative to the ingest argument it was found under, `/`-separated.
    pub path: String,
    /// What kind of source.
    pub kind: SourceKind,
    /// Sheet name, for ledger rows.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sheet: Option<String>,
    /// 1-based row number as a spreadsheet program shows it, for ledger rows.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub row: Option<u32>,
}

/// A person who wrote the letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Petitioner {
    /// The name, or 匿名 for an anonymous letter.
    pub name: String,
    /// True for anonymous or collective petitioners (匿名, 部分村民).
    pub anonymous: bool,
    /// Town the petitioner lives in, when the letter says.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub town: Option<String>,
    /// Village the petitioner lives in, when the letter says.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub village: Option<String>,
}

/// An official the letter complains about (被反映人).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Official {
    /// The name as written (simplified script), e.g. 王建华 or 王某某.
    pub name: String,
    /// Title (职务), e.g. 村党支部书记; empty when unknown.
    pub title: String,
    /// Town of the official's post.
    pub town: Option<String>,
    /// Village of the official's post.
    pub village: Option<String>,
}

/// A person named in a letter who is neither its writer nor accused:
/// relatives, witnesses, the officials it was reported to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionedPerson {
    /// The name.
    pub name: String,
    /// Title, when given.
    #[serde(default)]
    pub title: String,
    /// Why they are named (经办人, 受理人, 亲属 …), when known.
    #[serde(default)]
    pub role: String,
}

/// The 八何 record: who, what, when, where, why, result, demand, disposition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EightWs {
    /// 何人.
    pub who: String,
    /// 何事.
    pub what: String,
    /// 何时.
    pub when: String,
    /// 何地.
    #[serde(rename = "where")]
    pub where_: String,
    /// 何因.
    pub why: String,
    /// 何果.
    pub result: String,
    /// 何诉求.
    pub demand: String,
    /// 何处置.
    pub disposition: String,
}

/// Personal identifiers found in a letter. Kept for authorised reading, never
/// logged and never shown in snippets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sensitive {
    /// Phone numbers.
    #[serde(default)]
    pub phones: Vec<String>,
    /// ID-card numbers.
    #[serde(default)]
    pub id_numbers: Vec<String>,
}

/// The cells of one ledger row, mapped onto letter fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRow {
    /// 信访编号.
    pub reference: Option<String>,
    /// 来信日期.
    pub received: Option<NaiveDate>,
    /// 信访人, split into names (匿名 kept as written).
    pub petitioners: Vec<String>,
    /// 被反映人, split into names.
    pub accused: Vec<String>,
    /// 单位及职务, split in the same order as `accused` where possible.
    pub titles: Vec<String>,
    /// 所属乡镇 as written.
    pub town: Option<String>,
    /// 所属村 as written.
    pub village: Option<String>,
    /// 问题类别.
    pub category: Option<String>,
    /// 主要问题.
    pub summary: Option<String>,
    /// A full-text column, if the ledger has one.
    pub text: Option<String>,
    /// 处置方式.
    pub disposition: Option<String>,
    /// 办理结果.
    pub result: Option<String>,
    /// 来源 / 信访形式.
    pub channel: Option<String>,
    /// Phone and ID columns.
    pub sensitive: Sensitive,
    /// Other non-empty columns, header → value, kept for display.
    pub extra: BTreeMap<String, String>,
}

/// What one source says about a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PartContent {
    /// A ledger row.
    Ledger(LedgerRow),
    /// A letter file's text.
    Document {
        /// The decoded text as written (original script, original line breaks).
        text: String,
        /// Labelled fields found at the top of forms and web exports
        /// (举报人：…, 被举报人：…), label → value.
        #[serde(default)]
        labels: BTreeMap<String, String>,
    },
}

/// One source's contribution to a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterPart {
    /// Where it came from.
    pub source: SourceRef,
    /// Which file it is, to tell apart files of the same relative path from
    /// different intake folders (each quarter's 台账.xlsx, two folders'
    /// 来信1.txt): the canonical absolute path of a file on disk,
    /// `upload:{batch}/{path}` for bytes without one. Part of the letter key
    /// of a part without a reference number; never shown. Empty in records
    /// made before it existed (the key then falls back to the relative path).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub locator: String,
    /// SHA-256 (hex) of the whole file's bytes; equal for all rows of a ledger.
    pub file_hash: String,
    /// Batch label of the run that read it.
    pub batch: String,
    /// Origin given on the command line; `None` lets the kind decide.
    pub origin: Option<Origin>,
    /// Reference numbers this part carries, normalised; the first is the key.
    pub refs: Vec<String>,
    /// The content.
    pub content: PartContent,
    /// Problems worth a clerk's attention (lossy decode, cut text …).
    #[serde(default)]
    pub warnings: Vec<String>,
    /// When the part was read (RFC 3339).
    pub ingested_at: String,
}

/// A letter (信访件), assembled from its parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Letter {
    /// Stable id, derived from the reference number or the source.
    pub id: String,
    /// 信访编号.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// A short title: the ledger's 主要问题 or the letter's first sentence.
    pub title: String,
    /// Date received.
    pub received: Option<NaiveDate>,
    /// forwarded / local.
    pub origin: Option<Origin>,
    /// Batch label.
    pub batch: String,
    /// Town (current gazetteer name).
    pub town: Option<String>,
    /// Village (current gazetteer name).
    pub village: Option<String>,
    /// Who wrote it.
    pub petitioners: Vec<Petitioner>,
    /// Officials it complains about.
    pub accused: Vec<Official>,
    /// Other people named.
    pub mentioned: Vec<MentionedPerson>,
    /// Topic labels, main first.
    pub topics: Vec<String>,
    /// 即时答复 / 限时办结 / 移送线索.
    pub disposition: Option<String>,
    /// Script of the letter's text.
    pub script: Script,
    /// Every source, ledger row first.
    pub sources: Vec<SourceRef>,
    /// Full text as written (the file's text, else the ledger's summary).
    pub text: String,
    /// The 八何 record.
    pub fields: EightWs,
    /// Warnings carried from the parts.
    pub warnings: Vec<String>,
    /// Phones and ID numbers.
    pub sensitive: Sensitive,
    /// The parts it was assembled from.
    pub parts: Vec<LetterPart>,
}
