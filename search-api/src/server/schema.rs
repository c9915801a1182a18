//! Types of the API's answers for the OpenAPI description.
//!
//! The server answers with the index crate's own types (`SearchResponse`,
//! `LetterDetail`, `IngestSummary`, `BatchInfo`), which cannot carry utoipa
//! derives without making the index depend on the web stack. They are
//! mirrored here field by field; the integration test
//! `openapi_schemas_match_real_answers` compares each mirror's properties
//! with the keys of a real answer, so a field added to the index without
//! its mirror fails the build's tests instead of drifting silently.
//!
//! The answer types of this module's own endpoints (health, places,
//! batches) are the real serialized types, not mirrors.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

/// `GET /api/health`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// Always `ok` when the server answers.
    #[schema(example = "ok")]
    pub status: &'static str,
    /// Letters in the archive.
    pub letters: u64,
}

/// `GET /api/places`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Places {
    /// Towns with letters, most letters first.
    pub towns: Vec<TownPlace>,
}

/// A town of `GET /api/places`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TownPlace {
    /// Gazetteer name, e.g. 石桥镇.
    pub name: String,
    /// Letters about the town.
    pub letters: u64,
    /// Villages of the town with letters, most letters first.
    pub villages: Vec<VillagePlace>,
}

/// A village of `GET /api/places`.
#[derive(Debug, Serialize, ToSchema)]
pub struct VillagePlace {
    /// Gazetteer name, e.g. 柳河村.
    pub name: String,
    /// Letters about the village.
    pub letters: u64,
}

/// `GET /api/batches`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Batches {
    /// Batches, newest ingest first.
    pub batches: Vec<BatchInfoDoc>,
}

/// One batch (mirror of `xinfang_index::BatchInfo`).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = BatchInfo)]
pub struct BatchInfoDoc {
    /// Label, e.g. 2019Q1.
    pub batch: String,
    /// Latest ingest of this label (RFC 3339, UTC).
    pub ingested_at: String,
    /// Files read over all ingests of the label.
    pub files: usize,
    /// Letters of the batch now in the archive.
    pub letters: u64,
    /// Files rejected in the latest ingest.
    pub errors: usize,
}

/// A petitioner (信访人).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Petitioner)]
pub struct PetitionerDoc {
    /// Name, or 匿名.
    pub name: String,
    /// Anonymous or collective (部分村民).
    pub anonymous: bool,
}

/// An accused official (被反映人).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Official)]
pub struct OfficialDoc {
    /// Name as written, simplified script.
    pub name: String,
    /// Title (职务), empty when unknown.
    pub title: String,
    /// Town of the post.
    pub town: Option<String>,
    /// Village of the post.
    pub village: Option<String>,
}

/// A person named who is neither writer nor accused.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = MentionedPerson)]
pub struct MentionedDoc {
    /// Name.
    pub name: String,
    /// Title, may be empty.
    pub title: String,
    /// Why named (经办人, 亲属 …), may be empty.
    pub role: String,
}

/// Kind of a source.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = SourceKind)]
pub enum SourceKindDoc {
    /// One row of a ledger.
    LedgerRow,
    /// A text file.
    Txt,
    /// A PDF.
    Pdf,
    /// A Word document.
    Docx,
}

/// Where a letter was read from.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = SourceRef)]
pub struct SourceRefDoc {
    /// Path relative to the ingest argument (or the upload's file name), `/`-separated.
    #[schema(example = "2019Q1/台账.xlsx")]
    pub path: String,
    /// Kind.
    pub kind: SourceKindDoc,
    /// Sheet, for ledger rows only.
    #[schema(nullable = false)]
    pub sheet: Option<String>,
    /// 1-based row as a spreadsheet program shows it, for ledger rows only.
    #[schema(nullable = false)]
    pub row: Option<u32>,
}

/// The 八何 record.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = EightWs)]
pub struct EightWsDoc {
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

/// Origin of a letter.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = Origin)]
pub enum OriginDoc {
    /// 上级转办.
    Forwarded,
    /// 本级受理.
    Local,
}

/// Script a letter was written in.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = Script)]
pub enum ScriptDoc {
    /// 简体.
    Simplified,
    /// 繁體.
    Traditional,
}

/// The letter summary of search hits and lists (mirror of `xinfang_index::LetterSummary`).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = LetterSummary)]
pub struct LetterSummaryDoc {
    /// Stable id.
    pub id: String,
    /// Reference number (信访编号).
    #[serde(rename = "ref")]
    #[schema(example = "XF2019-0123")]
    pub reference: Option<String>,
    /// Title.
    pub title: String,
    /// Received date, YYYY-MM-DD.
    #[schema(format = Date)]
    pub received: Option<String>,
    /// forwarded / local.
    pub origin: Option<OriginDoc>,
    /// Batch label.
    pub batch: String,
    /// Town.
    pub town: Option<String>,
    /// Village.
    pub village: Option<String>,
    /// Writers.
    pub petitioners: Vec<PetitionerDoc>,
    /// Officials the letter complains about (not those merely mentioned).
    pub accused: Vec<OfficialDoc>,
    /// Topic labels, main first.
    pub topics: Vec<String>,
    /// 即时答复 / 限时办结 / 移送线索.
    pub disposition: Option<String>,
    /// Script.
    pub script: ScriptDoc,
    /// Sources.
    pub sources: Vec<SourceRefDoc>,
    /// Reading warnings (e.g. undecodable characters); left out when none.
    #[schema(nullable = false)]
    pub warnings: Option<Vec<String>>,
}

/// One search hit: the summary, a score and a snippet.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Hit)]
pub struct HitDoc {
    /// The letter.
    #[serde(flatten)]
    pub letter: LetterSummaryDoc,
    /// Relevance (0 when sorted by date or without words).
    pub score: f32,
    /// A passage with matches in `<em>`; HTML-escaped, phone and ID numbers masked.
    pub snippet: String,
}

/// Facet counts over all matches of a search (value → letters).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Facets)]
pub struct FacetsDoc {
    /// Towns.
    pub town: BTreeMap<String, u64>,
    /// Villages.
    pub village: BTreeMap<String, u64>,
    /// Topics (a letter counts once per topic it has).
    pub topic: BTreeMap<String, u64>,
    /// Months YYYY-MM (`unknown` for undated letters).
    pub month: BTreeMap<String, u64>,
    /// Origins (`unknown` when not recorded).
    pub origin: BTreeMap<String, u64>,
}

/// `GET /api/search` (mirror of `xinfang_index::SearchResponse`).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = SearchResponse)]
pub struct SearchResponseDoc {
    /// Letters matching.
    pub total: usize,
    /// The page.
    pub hits: Vec<HitDoc>,
    /// Counts over all matches.
    pub facets: FacetsDoc,
}

/// `GET /api/letters/{id}` (mirror of `xinfang_index::LetterDetail`).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = LetterDetail)]
pub struct LetterDetailDoc {
    /// The summary.
    #[serde(flatten)]
    pub summary: LetterSummaryDoc,
    /// Full text as written.
    pub text: String,
    /// 八何.
    pub fields: EightWsDoc,
    /// Other people named.
    pub mentioned: Vec<MentionedDoc>,
}

/// A rejected file of an ingest.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = PathError)]
pub struct PathErrorDoc {
    /// The file's display path.
    pub path: String,
    /// What is wrong, in words a clerk understands.
    pub error: String,
}

/// A warning of an ingest.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = PathWarning)]
pub struct PathWarningDoc {
    /// The file's display path.
    pub path: String,
    /// What to look at.
    pub warning: String,
}

/// The `ingest --json` object (mirror of `xinfang_index::IngestSummary`).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = IngestSummary)]
pub struct IngestSummaryDoc {
    /// Batch label.
    pub batch: String,
    /// Files received.
    pub files_seen: usize,
    /// Files read and indexed.
    pub files_ingested: usize,
    /// Files whose bytes were ingested before.
    pub files_unchanged: usize,
    /// Files rejected.
    pub files_failed: usize,
    /// New letters.
    pub letters_added: usize,
    /// Existing letters changed.
    pub letters_updated: usize,
    /// Letters in the archive afterwards.
    pub letters_total: u64,
    /// Rejected files.
    pub errors: Vec<PathErrorDoc>,
    /// Warnings.
    pub warnings: Vec<PathWarningDoc>,
}

/// The multipart form of `POST /api/ingest`.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct IngestForm {
    /// One or more files (.txt, .pdf, .docx, .xlsx, .xls, .ods, .csv); the
    /// field may repeat. Only the final component of each file name is kept,
    /// as the display path.
    #[schema(value_type = Vec<String>, format = Binary)]
    pub files: Vec<Vec<u8>>,
    /// Batch label; defaults to `upload-YYYY-MM-DD` (today, UTC).
    pub batch: Option<String>,
    /// Origin forced on every letter of the upload.
    pub origin: Option<OriginDoc>,
}

/// Sort order of a search.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SortDoc {
    /// Best match first (newest first when `q` is empty).
    Relevance,
    /// Newest received first.
    Date,
}

/// Origin filter values.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum OriginFilterDoc {
    /// 上级转办.
    Forwarded,
    /// 本级受理.
    Local,
    /// Not recorded.
    Unknown,
}

/// Parameters of `GET /api/search`. An empty value is the same as leaving
/// the parameter out; a parameter given twice with different values is a
/// 400; unknown parameters are ignored. Names and places match in either script.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct SearchParamsDoc {
    /// Words (all must match, each also as a substring) and "quoted phrases";
    /// `-word` excludes. Empty matches everything the filters let through. At most 1000 characters.
    pub q: Option<String>,
    /// Town, e.g. 石桥镇 or 石桥.
    pub town: Option<String>,
    /// Village, e.g. 柳河村 (old names of merged villages too).
    pub village: Option<String>,
    /// A person in any role (petitioner, accused, mentioned).
    pub person: Option<String>,
    /// Only letters accusing this official.
    pub official: Option<String>,
    /// Topic label, e.g. 低保.
    pub topic: Option<String>,
    /// Origin.
    #[param(inline)]
    pub origin: Option<OriginFilterDoc>,
    /// Batch label.
    pub batch: Option<String>,
    /// Received on or after (YYYY-MM-DD).
    #[param(format = Date, value_type = Option<String>)]
    pub from: Option<String>,
    /// Received on or before (YYYY-MM-DD).
    #[param(format = Date, value_type = Option<String>)]
    pub to: Option<String>,
    /// Order; default relevance.
    #[param(inline)]
    pub sort: Option<SortDoc>,
    /// Page size, 0 (facets only) to `server.max_page_size` (default 200); default 20.
    #[param(minimum = 0)]
    pub limit: Option<u32>,
    /// Hits to skip, 0 to 100000; default 0.
    #[param(minimum = 0, maximum = 100000)]
    pub offset: Option<u32>,
}

/// `GET /api/persons` answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Persons {
    /// One entry per distinct person: the same name in two villages is two people.
    pub persons: Vec<PersonDoc>,
}

/// One person's file, 一人一档 (mirror of `xinfang_index::Person`).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Person)]
pub struct PersonDoc {
    /// Stable key `name|town|village`.
    pub key: String,
    /// Name (simplified script).
    pub name: String,
    /// Town, when known.
    pub town: Option<String>,
    /// Village, when known.
    pub village: Option<String>,
    /// Titles seen, most recent first.
    pub titles: Vec<String>,
    /// Letters the person wrote, oldest first.
    pub as_petitioner: Vec<String>,
    /// Letters accusing the person, oldest first.
    pub as_accused: Vec<String>,
    /// Letters merely naming the person, oldest first.
    pub as_mentioned: Vec<String>,
    /// First received date.
    pub first_seen: Option<String>,
    /// Last received date.
    pub last_seen: Option<String>,
    /// Topic → letters.
    pub topics: std::collections::BTreeMap<String, usize>,
    /// Repeat groups of the person's letters.
    pub repeat_groups: Vec<String>,
}

/// `GET /api/officials` answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Officials {
    /// Officials, most-named first.
    pub officials: Vec<OfficialRankDoc>,
}

/// One official in the ranking (mirror of `xinfang_index::OfficialRank`).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = OfficialRank)]
pub struct OfficialRankDoc {
    /// Stable key `name|town|village`.
    pub key: String,
    /// Name.
    pub name: String,
    /// Titles seen.
    pub titles: Vec<String>,
    /// Town.
    pub town: Option<String>,
    /// Village.
    pub village: Option<String>,
    /// Letters accusing the official.
    pub letters: usize,
    /// Their ids, newest first.
    pub letter_ids: Vec<String>,
    /// Topic → letters.
    pub topics: std::collections::BTreeMap<String, usize>,
}
