//! The `/api` handlers. Each one parses its input into typed values (errors
//! name the parameter), runs the blocking archive call off the async
//! threads, and answers JSON.

use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{Multipart, Path, RawQuery, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use xinfang_index::{
    Archive, IngestOptions, IngestSummary, LetterDetail, SearchRequest, SearchResponse,
};
use xinfang_ingest::batch::{InputData, InputFile};
use xinfang_ingest::Origin;

use super::error::{ApiError, ErrorBody};
use super::json::JsonBody;
use super::params::{self, QueryPairs};
use super::schema::{
    Batches, Health, IngestForm, Officials, Persons, IngestSummaryDoc, LetterDetailDoc, Places, SearchParamsDoc,
    SearchResponseDoc, TownPlace, VillagePlace,
};
use super::AppState;

/// Longest letter id looked up; ids are short hashes, anything longer cannot exist.
const MAX_ID_CHARS: usize = 128;
/// Longest batch label accepted from an upload.
const MAX_BATCH_CHARS: usize = 64;

/// Runs a blocking archive call on the blocking pool, holding one permit of
/// the search semaphore; answers 503 at once when all permits are taken, so
/// a burst cannot queue unbounded work behind slow searches.
pub(super) async fn blocking<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Archive) -> Result<T, ApiError> + Send + 'static,
{
    let permit = state
        .searches
        .clone()
        .try_acquire_owned()
        .map_err(|_| ApiError::Overloaded)?;
    let archive = state.archive.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        f(&archive)
    })
    .await
    .map_err(|e| ApiError::internal(&format_args!("blocking task failed: {e}")))?
}

/// Health and size of the archive.
#[utoipa::path(
    get,
    path = "/api/health",
    tag = "archive",
    responses((status = 200, description = "The server answers", body = Health, content_type = "application/json; charset=utf-8"))
)]
pub async fn health(State(state): State<AppState>) -> JsonBody<Health> {
    JsonBody(Health {
        status: "ok",
        letters: state.archive.num_letters(),
    })
}

/// Full-text search with filters and facets.
#[utoipa::path(
    get,
    path = "/api/search",
    tag = "search",
    params(SearchParamsDoc),
    responses(
        (status = 200, description = "Hits of the page and facet counts over all matches", body = SearchResponseDoc, content_type = "application/json; charset=utf-8"),
        (status = 400, description = "A parameter is invalid; `error.param` names it", body = ErrorBody, content_type = "application/json; charset=utf-8"),
        (status = 503, description = "Too many searches at once", body = ErrorBody, content_type = "application/json; charset=utf-8"),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<JsonBody<SearchResponse>, ApiError> {
    let req = params::search_request(
        &QueryPairs::parse(raw.as_deref()),
        state.config.settings.server.max_page_size,
    )?;
    let limit = req.limit;
    let res = blocking(&state, move |archive| {
        let mut res = archive.search(&req)?;
        // The index returns at least one hit; limit=0 asks for counts only.
        res.hits.truncate(limit);
        Ok(res)
    })
    .await?;
    Ok(JsonBody(res))
}

/// One letter with its full text and 八何 record.
#[utoipa::path(
    get,
    path = "/api/letters/{id}",
    tag = "search",
    params(("id" = String, Path, description = "The letter's id, as search hits give it, or a reference number (信访编号) that only this letter carries")),
    responses(
        (status = 200, description = "The letter", body = LetterDetailDoc, content_type = "application/json; charset=utf-8"),
        (status = 404, description = "No letter has this id", body = ErrorBody, content_type = "application/json; charset=utf-8"),
    )
)]
pub async fn letter(
    State(state): State<AppState>,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<JsonBody<LetterDetail>, ApiError> {
    let not_found = || ApiError::NotFound("no letter has this id".into());
    // A path that does not decode cannot name a letter.
    let Ok(Path(id)) = id else {
        return Err(not_found());
    };
    if id.is_empty() || id.chars().count() > MAX_ID_CHARS || id.chars().any(char::is_control) {
        return Err(not_found());
    }
    let letter = blocking(&state, move |archive| Ok(archive.letter_by_id_or_ref(&id)?)).await?;
    match letter {
        Some(l) => Ok(JsonBody(LetterDetail::from(&l))),
        None => Err(ApiError::NotFound("no letter has this id".into())),
    }
}

/// The ingest runs recorded in the archive.
#[utoipa::path(
    get,
    path = "/api/batches",
    tag = "archive",
    responses((status = 200, description = "Batches, newest first", body = Batches, content_type = "application/json; charset=utf-8"))
)]
pub async fn batches(State(state): State<AppState>) -> Result<Response, ApiError> {
    let list = blocking(&state, |archive| Ok(archive.batches()?)).await?;
    Ok(JsonBody(serde_json::json!({ "batches": list })).into_response())
}

/// Towns and villages with letters, from the facets of an empty search.
#[utoipa::path(
    get,
    path = "/api/places",
    tag = "search",
    responses((status = 200, description = "Towns and their villages with letter counts, most letters first", body = Places, content_type = "application/json; charset=utf-8"))
)]
pub async fn places(State(state): State<AppState>) -> Result<JsonBody<Places>, ApiError> {
    let towns = blocking(&state, |archive| {
        let all = archive.search(&SearchRequest {
            limit: 1,
            ..Default::default()
        })?;
        let mut towns = Vec::with_capacity(all.facets.town.len());
        // Villages per town from the data, not the gazetteer: a village name
        // may exist in two towns, and a ledger may name a place the gazetteer lacks.
        for (name, letters) in all.facets.town {
            let within = archive.search(&SearchRequest {
                town: Some(name.clone()),
                limit: 1,
                ..Default::default()
            })?;
            let mut villages: Vec<VillagePlace> = within
                .facets
                .village
                .into_iter()
                .map(|(name, letters)| VillagePlace { name, letters })
                .collect();
            villages.sort_by(|a, b| b.letters.cmp(&a.letters).then_with(|| a.name.cmp(&b.name)));
            towns.push(TownPlace {
                name,
                letters,
                villages,
            });
        }
        towns.sort_by(|a, b| b.letters.cmp(&a.letters).then_with(|| a.name.cmp(&b.name)));
        Ok(towns)
    })
    .await?;
    Ok(JsonBody(Places { towns }))
}

/// Ingests uploaded files as one batch.
#[utoipa::path(
    post,
    path = "/api/ingest",
    tag = "archive",
    request_body(content = IngestForm, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "The ingest summary (the `ingest --json` object); rejected files are listed in `errors`, the others are committed", body = IngestSummaryDoc, content_type = "application/json; charset=utf-8"),
        (status = 400, description = "Not a multipart form, no files, or a bad `batch`/`origin`", body = ErrorBody, content_type = "application/json; charset=utf-8"),
        (status = 409, description = "Another ingest is running", body = ErrorBody, content_type = "application/json; charset=utf-8"),
        (status = 413, description = "Upload larger than `server.upload_limit_mb`", body = ErrorBody, content_type = "application/json; charset=utf-8"),
    )
)]
pub async fn ingest(
    State(state): State<AppState>,
    form: Result<Multipart, MultipartRejection>,
) -> Result<JsonBody<IngestSummary>, ApiError> {
    let mut form = form.map_err(|_| {
        ApiError::BadRequest(
            "expected a multipart/form-data body with the fields files, batch and origin".into(),
        )
    })?;
    let limit_mb = state.config.settings.server.upload_limit_mb;
    let read_err = |e: MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge { limit_mb }
        } else {
            ApiError::BadRequest(format!("the upload could not be read: {}", e.body_text()))
        }
    };
    let mut files: Vec<InputFile> = Vec::new();
    let mut batch: Option<String> = None;
    let mut origin: Option<Origin> = None;
    while let Some(field) = form.next_field().await.map_err(read_err)? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "files" | "file" | "files[]" => {
                let rel = display_name(field.file_name().unwrap_or_default(), files.len() + 1);
                let bytes = field.bytes().await.map_err(read_err)?;
                files.push(InputFile {
                    rel,
                    data: InputData::Bytes(bytes.to_vec()),
                });
            }
            "batch" => {
                let v = field.text().await.map_err(read_err)?;
                let v = v.trim();
                if v.chars().count() > MAX_BATCH_CHARS
                    || v.chars().any(|c| c.is_control() || c == '/' || c == '\\')
                {
                    return Err(ApiError::bad_param(
                        "batch",
                        format!("must be at most {MAX_BATCH_CHARS} characters, without control characters or slashes"),
                    ));
                }
                batch = (!v.is_empty()).then(|| v.to_string());
            }
            "origin" => {
                let v = field.text().await.map_err(read_err)?;
                let v = v.trim();
                origin = match v {
                    "" => None,
                    other => Some(Origin::parse(other).ok_or_else(|| {
                        ApiError::bad_param("origin", "must be forwarded or local")
                    })?),
                };
            }
            other => {
                let shown: String = other.chars().filter(|c| !c.is_control()).take(40).collect();
                return Err(ApiError::bad_param(
                    shown,
                    "unknown form field; the fields are files, batch and origin",
                ));
            }
        }
    }
    if files.is_empty() {
        return Err(ApiError::bad_param("files", "no files were uploaded"));
    }
    let opts = IngestOptions {
        batch: batch.unwrap_or_else(|| format!("upload-{}", chrono::Utc::now().format("%Y-%m-%d"))),
        origin,
    };
    // One upload at a time; the archive would serialize them anyway, but a
    // second upload should hear so instead of holding a thread while it waits.
    let gate = state.ingest_gate.clone();
    let Ok(guard) = gate.try_lock_owned() else {
        return Err(ApiError::Conflict(
            "another ingest is running; try again when it finishes".into(),
        ));
    };
    let archive = state.archive.clone();
    let summary = tokio::task::spawn_blocking(move || {
        let _guard = guard;
        let summary = archive.ingest(files, Vec::new(), Vec::new(), &opts, &|| {})?;
        archive.reload()?;
        Ok::<_, ApiError>(summary)
    })
    .await
    .map_err(|e| ApiError::internal(&format_args!("ingest task failed: {e}")))??;
    Ok(JsonBody(summary))
}

/// The display name of an uploaded file. Client file names are never used as
/// paths: only the final component survives, without `..`, separators or
/// control characters; an empty result becomes `upload-N`.
pub fn display_name(client_name: &str, n: usize) -> String {
    let last = client_name.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut name: String = last.chars().filter(|c| !c.is_control()).collect();
    while name.contains("..") {
        name = name.replace("..", ".");
    }
    let name = name.trim().trim_start_matches('.').trim().to_string();
    let name: String = name.chars().take(200).collect();
    if name.is_empty() || name == "." {
        format!("upload-{n}")
    } else {
        name
    }
}

/// The OpenAPI description of this API.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "archive",
    responses((status = 200, description = "OpenAPI 3 description", content_type = "application/json; charset=utf-8"))
)]
pub async fn openapi(State(state): State<AppState>) -> Response {
    JsonBody(state.openapi.as_ref()).into_response()
}

/// Unknown `/api` route.
pub async fn api_not_found() -> ApiError {
    ApiError::NotFound(ROUTE_NOT_FOUND.into())
}

/// The message of an unknown `/api` route (distinct from an unknown letter).
pub const ROUTE_NOT_FOUND: &str = "no such API route; see /api/openapi.json";

/// Known route, wrong method.
pub async fn method_not_allowed(method: Method) -> ApiError {
    ApiError::MethodNotAllowed(method.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn client_file_names_are_reduced_to_a_safe_display_name() {
        assert_eq!(display_name("台账.xlsx", 1), "台账.xlsx");
        assert_eq!(display_name("../../etc/passwd", 1), "passwd");
        assert_eq!(display_name("C:\\Users\\a\\信访件.txt", 1), "信访件.txt");
        assert_eq!(display_name("a/b/..", 2), "upload-2");
        assert_eq!(display_name("..\\..\\x..txt", 1), "x.txt");
        assert_eq!(display_name("bad\u{0}name\n.txt", 1), "badname.txt");
        assert_eq!(display_name("", 3), "upload-3");
        assert_eq!(display_name("/", 4), "upload-4");
        assert_eq!(display_name(".hidden.txt", 1), "hidden.txt");
        assert_eq!(display_name(&"长".repeat(300), 1).chars().count(), 200);
    }
}

/// Everyone of a name: the person dossier (一人一档).
#[utoipa::path(
    get,
    path = "/api/persons",
    tag = "people",
    params(("name" = String, Query, description = "The name, in either script")),
    responses(
        (status = 200, description = "One entry per distinct person", body = Persons, content_type = "application/json; charset=utf-8"),
        (status = 400, description = "Missing or bad name", body = ErrorBody, content_type = "application/json; charset=utf-8")
    )
)]
pub async fn persons(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let q = QueryPairs::parse(raw.as_deref());
    let name = q
        .text("name", params::MAX_FILTER_CHARS)?
        .ok_or_else(|| ApiError::bad_param("name", "is required: the person's name"))?;
    let list = blocking(&state, move |archive| Ok(archive.persons(&name)?)).await?;
    Ok(JsonBody(serde_json::json!({ "persons": list })).into_response())
}

/// Officials ranked by the letters accusing them.
#[utoipa::path(
    get,
    path = "/api/officials",
    tag = "people",
    params(
        ("town" = Option<String>, Query, description = "Town (乡镇)"),
        ("village" = Option<String>, Query, description = "Village (村)"),
        ("from" = Option<String>, Query, description = "Received on or after, YYYY-MM-DD"),
        ("to" = Option<String>, Query, description = "Received on or before, YYYY-MM-DD"),
        ("limit" = Option<usize>, Query, description = "How many officials, 1–500, default 50")
    ),
    responses(
        (status = 200, description = "Officials, most-named first", body = Officials, content_type = "application/json; charset=utf-8"),
        (status = 400, description = "A bad parameter, named", body = ErrorBody, content_type = "application/json; charset=utf-8")
    )
)]
pub async fn officials(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let q = QueryPairs::parse(raw.as_deref());
    let req = xinfang_index::OfficialsRequest {
        town: q.text("town", params::MAX_FILTER_CHARS)?,
        village: q.text("village", params::MAX_FILTER_CHARS)?,
        from: q.date("from")?,
        to: q.date("to")?,
        limit: q.number("limit", 50, 1, 500)?,
    };
    if let (Some(a), Some(b)) = (req.from, req.to) {
        if a > b {
            return Err(ApiError::bad_param("from", format!("from ({a}) is after to ({b})")));
        }
    }
    let list = blocking(&state, move |archive| Ok(archive.officials(&req)?)).await?;
    Ok(JsonBody(serde_json::json!({ "officials": list })).into_response())
}

fn date_range(q: &QueryPairs) -> Result<(Option<chrono::NaiveDate>, Option<chrono::NaiveDate>), ApiError> {
    let (from, to) = (q.date("from")?, q.date("to")?);
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            return Err(ApiError::bad_param("from", format!("from ({a}) is after to ({b})")));
        }
    }
    Ok((from, to))
}

/// Repeat groups (重复信访) and the letters that repeat earlier ones.
#[utoipa::path(
    get,
    path = "/api/repeats",
    tag = "repeats",
    params(
        ("batch" = Option<String>, Query, description = "Only this batch's repeats, matched against the whole archive"),
        ("from" = Option<String>, Query, description = "YYYY-MM-DD"),
        ("to" = Option<String>, Query, description = "YYYY-MM-DD")
    ),
    responses(
        (status = 200, description = "groups (oldest letter first) and letters with repeat_of and new_issue", content_type = "application/json; charset=utf-8"),
        (status = 400, description = "A bad parameter, named", body = ErrorBody, content_type = "application/json; charset=utf-8")
    )
)]
pub async fn repeats(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let q = QueryPairs::parse(raw.as_deref());
    let batch = q.text("batch", params::MAX_FILTER_CHARS)?;
    let (from, to) = date_range(&q)?;
    let answer = blocking(&state, move |archive| Ok(archive.repeats(batch.as_deref(), from, to)?)).await?;
    Ok(JsonBody(answer).into_response())
}

/// Letters similar to one letter, with whether each is a repeat.
#[utoipa::path(
    get,
    path = "/api/letters/{id}/similar",
    tag = "repeats",
    params(("id" = String, Path, description = "Letter id"), ("limit" = Option<usize>, Query, description = "1–100, default 10")),
    responses(
        (status = 200, description = "similar letters, most similar first", content_type = "application/json; charset=utf-8"),
        (status = 404, description = "No such letter", body = ErrorBody, content_type = "application/json; charset=utf-8")
    )
)]
pub async fn similar(State(state): State<AppState>, Path(id): Path<String>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let q = QueryPairs::parse(raw.as_deref());
    let limit = q.number("limit", 10, 1, 100)?;
    let found = blocking(&state, move |archive| Ok(archive.similar(&id, limit)?)).await?;
    match found {
        Some(list) => Ok(JsonBody(serde_json::json!({ "similar": list })).into_response()),
        None => Err(ApiError::NotFound("no letter has this id".into())),
    }
}

/// Taxonomy counts and discovered clusters.
#[utoipa::path(
    get,
    path = "/api/topics",
    tag = "analysis",
    params(("from" = Option<String>, Query, description = "YYYY-MM-DD"), ("to" = Option<String>, Query, description = "YYYY-MM-DD")),
    responses(
        (status = 200, description = "taxonomy counts and clusters", content_type = "application/json; charset=utf-8"),
        (status = 400, description = "A bad parameter, named", body = ErrorBody, content_type = "application/json; charset=utf-8")
    )
)]
pub async fn topics(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let q = QueryPairs::parse(raw.as_deref());
    let (from, to) = date_range(&q)?;
    let (taxonomy, clusters) = blocking(&state, move |archive| Ok((archive.topic_counts(from, to)?, archive.clusters(from, to)?))).await?;
    Ok(JsonBody(serde_json::json!({ "taxonomy": taxonomy, "clusters": clusters })).into_response())
}

/// Counts per period by topic, town, village or origin, with early warnings.
#[utoipa::path(
    get,
    path = "/api/trends",
    tag = "analysis",
    params(
        ("by" = Option<String>, Query, description = "topic (default), town, village, origin"),
        ("interval" = Option<String>, Query, description = "month (default) or week"),
        ("from" = Option<String>, Query, description = "YYYY-MM-DD"),
        ("to" = Option<String>, Query, description = "YYYY-MM-DD")
    ),
    responses(
        (status = 200, description = "series and alerts", content_type = "application/json; charset=utf-8"),
        (status = 400, description = "A bad parameter, named", body = ErrorBody, content_type = "application/json; charset=utf-8")
    )
)]
pub async fn trends(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let q = QueryPairs::parse(raw.as_deref());
    let by = match q.get("by")? {
        Some(v) => v.parse::<xinfang_index::TrendBy>().map_err(|_| ApiError::bad_param("by", format!("must be topic, town, village or origin, got \"{v}\"")))?,
        None => xinfang_index::TrendBy::Topic,
    };
    let interval = match q.get("interval")? {
        Some(v) => v.parse::<xinfang_index::Interval>().map_err(|_| ApiError::bad_param("interval", format!("must be month or week, got \"{v}\"")))?,
        None => xinfang_index::Interval::Month,
    };
    let (from, to) = date_range(&q)?;
    let req = xinfang_index::TrendRequest { by, interval, from, to };
    let answer = blocking(&state, move |archive| Ok(archive.trends(&req)?)).await?;
    Ok(JsonBody(answer).into_response())
}
