//! Query-string parsing into typed requests.
//!
//! axum's `Query` extractor rejects a bad value with a plain-text 400 that a
//! client cannot parse and that does not always name the parameter. Here the
//! raw query string is split into pairs and every parameter is checked by
//! hand, so each mistake becomes an [`ApiError::BadParam`] naming it.
//!
//! Conventions: an empty value (`town=`) is the same as leaving the
//! parameter out, because HTML forms send empty fields; a parameter given
//! twice is an error rather than a silent pick; unknown parameters are
//! ignored (cache busters, future clients).

use chrono::NaiveDate;
use xinfang_index::{SearchRequest, SortOrder};

use super::error::ApiError;

/// Longest accepted `q`, in characters. Longer queries are not searches but
/// pasted letters, and their query trees get expensive.
pub const MAX_QUERY_CHARS: usize = 1000;
/// Longest accepted filter value, in characters.
pub const MAX_FILTER_CHARS: usize = 200;
/// Largest accepted `offset`: the index keeps `offset + limit` candidates in
/// memory per search, so an unbounded offset is a memory lever for a client.
pub const MAX_OFFSET: usize = 100_000;
/// Default page size.
pub const DEFAULT_LIMIT: usize = 20;

/// The pairs of a query string.
#[derive(Debug, Clone, Default)]
pub struct QueryPairs {
    pairs: Vec<(String, String)>,
}

impl QueryPairs {
    /// Splits a raw query string (`None` when the URL had none). Decoding is
    /// lossy by design (invalid UTF-8 becomes U+FFFD), so this never fails.
    pub fn parse(raw: Option<&str>) -> QueryPairs {
        let pairs = raw
            .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
            .unwrap_or_default();
        QueryPairs { pairs }
    }

    /// The trimmed value of `name`, `None` when absent or empty; an error when
    /// given twice with different values.
    pub fn get(&self, name: &str) -> Result<Option<String>, ApiError> {
        let mut found: Option<&str> = None;
        for (k, v) in &self.pairs {
            if k != name {
                continue;
            }
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            // Decoding is lossy: U+FFFD means bytes that were not UTF-8 (a
            // GBK-encoded link, say). Searching for the rest would silently
            // answer another question.
            if v.contains('\u{FFFD}') {
                return Err(ApiError::bad_param(
                    name,
                    "is not valid UTF-8: percent-encode the text as UTF-8",
                ));
            }
            match found {
                Some(prev) if prev != v => {
                    return Err(ApiError::bad_param(
                        name,
                        "given more than once with different values",
                    ));
                }
                _ => found = Some(v),
            }
        }
        Ok(found.map(str::to_string))
    }

    /// A free-text filter value, with a length limit and no control characters.
    pub fn text(&self, name: &str, max_chars: usize) -> Result<Option<String>, ApiError> {
        let Some(v) = self.get(name)? else {
            return Ok(None);
        };
        if v.chars().count() > max_chars {
            return Err(ApiError::bad_param(
                name,
                format!("longer than {max_chars} characters"),
            ));
        }
        if v.chars().any(|c| c.is_control()) {
            return Err(ApiError::bad_param(name, "contains control characters"));
        }
        Ok(Some(v))
    }

    /// A whole number in `min..=max`, `default` when absent.
    pub fn number(
        &self,
        name: &str,
        default: usize,
        min: usize,
        max: usize,
    ) -> Result<usize, ApiError> {
        let Some(v) = self.get(name)? else {
            return Ok(default);
        };
        let bad = || {
            ApiError::bad_param(
                name,
                format!(
                    "must be a whole number from {min} to {max}, got \"{}\"",
                    shorten(&v)
                ),
            )
        };
        if !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let n: usize = v.parse().map_err(|_| bad())?;
        if n < min || n > max {
            return Err(bad());
        }
        Ok(n)
    }

    /// A date `YYYY-MM-DD`.
    pub fn date(&self, name: &str) -> Result<Option<NaiveDate>, ApiError> {
        let Some(v) = self.get(name)? else {
            return Ok(None);
        };
        parse_iso_date(&v).map(Some).ok_or_else(|| {
            ApiError::bad_param(
                name,
                format!("must be a date written YYYY-MM-DD, got \"{}\"", shorten(&v)),
            )
        })
    }
}

/// Strict `YYYY-MM-DD` (chrono alone would accept `2019-3-5`).
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A value quoted back in an error message, cut so that a huge parameter does
/// not make a huge answer.
fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

/// Origins a search filter accepts: the contract's two, and `unknown`, the
/// facet value of letters whose origin nobody recorded (so that clicking
/// that facet works).
pub const ORIGINS: &[&str] = &["forwarded", "local", "unknown"];

/// Parses `GET /api/search` parameters.
pub fn search_request(q: &QueryPairs, max_page_size: usize) -> Result<SearchRequest, ApiError> {
    // Control characters in `q` are harmless (the query parser drops them),
    // so only its length is checked.
    let text = q.get("q")?;
    if text
        .as_ref()
        .is_some_and(|t| t.chars().count() > MAX_QUERY_CHARS)
    {
        return Err(ApiError::bad_param(
            "q",
            format!("longer than {MAX_QUERY_CHARS} characters"),
        ));
    }
    let origin = match q.get("origin")? {
        None => None,
        Some(o) if ORIGINS.contains(&o.as_str()) => Some(o),
        Some(o) => {
            return Err(ApiError::bad_param(
                "origin",
                format!(
                    "must be forwarded, local or unknown, got \"{}\"",
                    shorten(&o)
                ),
            ))
        }
    };
    let sort = match q.get("sort")?.as_deref() {
        None | Some("relevance") => SortOrder::Relevance,
        Some("date") => SortOrder::Date,
        Some(other) => {
            return Err(ApiError::bad_param(
                "sort",
                format!("must be relevance or date, got \"{}\"", shorten(other)),
            ))
        }
    };
    let from = q.date("from")?;
    let to = q.date("to")?;
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            return Err(ApiError::bad_param(
                "from",
                format!("from ({a}) is after to ({b})"),
            ));
        }
    }
    Ok(SearchRequest {
        q: text.unwrap_or_default(),
        town: q.text("town", MAX_FILTER_CHARS)?,
        village: q.text("village", MAX_FILTER_CHARS)?,
        person: q.text("person", MAX_FILTER_CHARS)?,
        official: q.text("official", MAX_FILTER_CHARS)?,
        topic: q.text("topic", MAX_FILTER_CHARS)?,
        origin,
        batch: q.text("batch", MAX_FILTER_CHARS)?,
        from,
        to,
        sort,
        limit: q.number("limit", DEFAULT_LIMIT.min(max_page_size), 0, max_page_size)?,
        offset: q.number("offset", 0, 0, MAX_OFFSET)?,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn req(s: &str) -> Result<SearchRequest, ApiError> {
        search_request(&QueryPairs::parse(Some(s)), 200)
    }

    fn param_of(e: ApiError) -> String {
        match e {
            ApiError::BadParam { param, .. } => param,
            other => panic!("expected BadParam, got {other:?}"),
        }
    }

    #[test]
    fn parses_every_contract_parameter() {
        let r = req("q=%E4%BD%8E%E4%BF%9D+%22%E6%88%AA%E7%95%99%22&town=%E7%9F%B3%E6%A1%A5%E9%95%87&village=v&person=p&official=o&topic=t&origin=local&batch=2019Q1&from=2019-01-01&to=2019-03-31&sort=date&limit=50&offset=100").unwrap();
        assert_eq!(r.q, "低保 \"截留\"");
        assert_eq!(r.town.as_deref(), Some("石桥镇"));
        assert_eq!(r.village.as_deref(), Some("v"));
        assert_eq!(r.person.as_deref(), Some("p"));
        assert_eq!(r.official.as_deref(), Some("o"));
        assert_eq!(r.topic.as_deref(), Some("t"));
        assert_eq!(r.origin.as_deref(), Some("local"));
        assert_eq!(r.batch.as_deref(), Some("2019Q1"));
        assert_eq!(r.from, NaiveDate::from_ymd_opt(2019, 1, 1));
        assert_eq!(r.to, NaiveDate::from_ymd_opt(2019, 3, 31));
        assert_eq!(r.sort, SortOrder::Date);
        assert_eq!((r.limit, r.offset), (50, 100));
    }

    #[test]
    fn defaults_and_empty_values() {
        let r = req("q=&town=&limit=&sort=").unwrap();
        assert_eq!(r.q, "");
        assert_eq!(r.town, None);
        assert_eq!(r.limit, DEFAULT_LIMIT);
        assert_eq!(r.offset, 0);
        assert_eq!(r.sort, SortOrder::Relevance);
        assert_eq!(
            search_request(&QueryPairs::parse(None), 200).unwrap().limit,
            20
        );
    }

    #[test]
    fn bad_values_name_their_parameter() {
        assert_eq!(param_of(req("limit=abc").unwrap_err()), "limit");
        assert_eq!(param_of(req("limit=-1").unwrap_err()), "limit");
        assert_eq!(param_of(req("limit=201").unwrap_err()), "limit");
        assert_eq!(
            param_of(req("limit=99999999999999999999999").unwrap_err()),
            "limit"
        );
        assert_eq!(param_of(req("offset=1.5").unwrap_err()), "offset");
        assert_eq!(param_of(req("offset=100001").unwrap_err()), "offset");
        assert_eq!(param_of(req("sort=newest").unwrap_err()), "sort");
        assert_eq!(param_of(req("origin=upper").unwrap_err()), "origin");
        assert_eq!(param_of(req("from=2019-3-5").unwrap_err()), "from");
        assert_eq!(param_of(req("to=2019-02-30").unwrap_err()), "to");
        assert_eq!(
            param_of(req("from=2019-04-01&to=2019-03-01").unwrap_err()),
            "from"
        );
        assert_eq!(param_of(req("town=a&town=b").unwrap_err()), "town");
        let long = "字".repeat(MAX_QUERY_CHARS + 1);
        assert_eq!(param_of(req(&format!("q={long}")).unwrap_err()), "q");
        assert_eq!(param_of(req("person=a%00b").unwrap_err()), "person");
        // GBK bytes of 低保, not UTF-8.
        assert_eq!(param_of(req("q=%B5%CD%B1%A3").unwrap_err()), "q");
        assert_eq!(param_of(req("village=%FF%FE").unwrap_err()), "village");
    }

    #[test]
    fn strict_dates() {
        assert!(parse_iso_date("2019-03-05").is_some());
        for bad in [
            "2019-3-5",
            "2019/03/05",
            "20190305",
            "2019-03-05T00",
            "二〇一九-03-05",
            "",
        ] {
            assert!(parse_iso_date(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn error_messages_quote_values_shortly() {
        let e = req(&format!("sort={}", "x".repeat(500))).unwrap_err();
        assert!(e.to_string().len() < 200);
    }
}
