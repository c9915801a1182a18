//! Pages rendered on the server: the monthly report (月报) as HTML and as a
//! workbook download, and the "page not found" page.
//!
//! The report is the same one `xinfang report --month` writes
//! ([`crate::report::monthly_report`] + [`crate::report::render_html`]), so a
//! printout from the browser and the file from the command line agree. The
//! page adds the site's navigation bar and a month picker, both hidden in
//! print. It needs no script; its policy allows only inline style (the
//! report's own `<style>`), so an injected script could not run.
//!
//! These routes read the archive directly instead of through `/api`, so the
//! router puts them behind the same access gate as `/api`.

use std::fmt::Write as _;

use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use xinfang_index::escape_html;

use super::assets::secure;
use super::error::ApiError;
use super::handlers::blocking;
use super::params::QueryPairs;
use super::AppState;

/// The navigation bar of every page: path and label. The script-drawn
/// pages carry the same list in `assets/index.html`.
pub const NAV: [(&str, &str); 9] = [
    ("/", "检索"),
    ("/persons", "人员"),
    ("/officials", "被反映人排行"),
    ("/places", "地点"),
    ("/repeats", "重复件"),
    ("/trends", "趋势"),
    ("/topics", "主题"),
    ("/report", "月报"),
    ("/batches", "批次"),
];

/// Policy of the report page: inline style (the report's), nothing else.
const REPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
                          base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Style of the bar and the toolbar added to the report (its own style is
/// print-oriented; these sit above it and disappear in print).
const BAR_STYLE: &str = r#"<style>
.xf-nav { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 22px; background: #8a1c1c; color: #fff;
  padding: 10px 24px; margin: 0 calc(50% - 50vw) 14px; font: 18px/1.5 "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
.xf-nav a { color: #fff; padding: 2px 4px; }
.xf-nav .brand { font-size: 26px; font-weight: bold; text-decoration: none; margin-right: 12px; }
.xf-nav a[aria-current="page"] { font-weight: bold; text-decoration-thickness: 3px; }
.xf-nav a:focus-visible, .xf-tools a:focus-visible, .xf-tools input:focus-visible, .xf-tools button:focus-visible
  { outline: 4px solid #d35400; outline-offset: 2px; }
.xf-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 18px; margin: 0 0 18px; padding: 8px 12px;
  border: 2px solid #767676; font: 17px/1.5 "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
.xf-tools input, .xf-tools button { font: inherit; padding: 2px 8px; border: 2px solid #111; border-radius: 4px; }
.xf-tools button { background: #8a1c1c; color: #fff; border-color: #8a1c1c; font-weight: bold; }
.xf-tools a { color: #0b3d91; }
.xf-main { padding: 0 24px; font: 18px/1.6 "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
.xf-error { border: 3px solid #8a1c1c; background: #fff0f0; padding: 10px 16px; font-weight: bold; }
@media print { .xf-nav, .xf-tools { display: none; } }
</style>"#;

/// The navigation bar as HTML, with `current` (a path of [`NAV`]) marked.
pub fn nav_html(current: &str) -> String {
    let mut s = String::from(
        r#"<nav class="xf-nav mainnav" aria-label="主导航"><a class="brand" href="/">信访件检索</a>"#,
    );
    for (path, label) in NAV {
        let cur = if path == current {
            r#" aria-current="page""#
        } else {
            ""
        };
        let _ = write!(s, r#"<a href="{path}"{cur}>{label}</a>"#);
    }
    s.push_str("</nav>");
    s
}

fn html_response(status: StatusCode, csp: &'static str, body: String) -> Response {
    let mut res = (status, body).into_response();
    secure(&mut res, "text/html; charset=utf-8", csp);
    res
}

/// A page saying what went wrong (a bad month, an archive error).
fn error_page(e: &ApiError) -> Response {
    let message = match e {
        ApiError::BadParam { param, .. } if param == "month" => {
            "月份有误：请写成“年-月”，如 2019-03。".to_string()
        }
        other => other.body().error.message,
    };
    let body = format!(
        r#"<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>月报 - 信访件检索</title>{BAR_STYLE}</head><body>{nav}<main class="xf-main"><h1>月报</h1><p class="xf-error" role="alert">{msg}</p><p><a href="/report">查看最近一个月的月报</a></p></main></body></html>"#,
        nav = nav_html("/report"),
        msg = escape_html(&message),
    );
    html_response(e.status(), REPORT_CSP, body)
}

/// `YYYY-MM` of the month `delta` months from `month` (already validated).
fn shift(month: &str, delta: i32) -> Option<String> {
    let d = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
    let idx = d.year() * 12 + d.month0() as i32 + delta;
    let d = NaiveDate::from_ymd_opt(idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1, 1)?;
    Some(d.format("%Y-%m").to_string())
}

/// The `month` parameter, or the latest month with letters (this month when
/// the archive has no dated letter).
async fn chosen_month(state: &AppState, raw: Option<&str>) -> Result<String, ApiError> {
    let q = QueryPairs::parse(raw);
    if let Some(m) = q.text("month", 20)? {
        return Ok(m);
    }
    let latest = blocking(state, |archive| {
        Ok(archive
            .value_counts("month", None, None)?
            .into_keys()
            .filter(|k| NaiveDate::parse_from_str(&format!("{k}-01"), "%Y-%m-%d").is_ok())
            .max())
    })
    .await?;
    Ok(latest.unwrap_or_else(|| chrono::Utc::now().format("%Y-%m").to_string()))
}

async fn build_report(
    state: &AppState,
    raw: Option<&str>,
) -> Result<crate::report::MonthlyReport, ApiError> {
    let month = chosen_month(state, raw).await?;
    blocking(state, move |archive| {
        Ok(crate::report::monthly_report(archive, &month)?)
    })
    .await
}

/// `GET /report?month=YYYY-MM`: the monthly report as a printable page.
pub async fn report(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let r = match build_report(&state, raw.as_deref()).await {
        Ok(r) => r,
        Err(e) => return error_page(&e),
    };
    let month = escape_html(&r.month);
    let mut tools = format!(
        r#"<form class="xf-tools" method="get" action="/report"><label>月份 <input type="month" name="month" value="{month}" required></label><button type="submit">查看</button>"#
    );
    for (delta, label) in [(-1, "← 上月"), (1, "下月 →")] {
        if let Some(m) = shift(&r.month, delta) {
            let _ = write!(tools, r#"<a href="/report?month={m}">{label}</a>"#);
        }
    }
    let _ = write!(
        tools,
        r#"<a href="/report.xlsx?month={month}" download>下载 Excel（{month}）</a><span>打印：按 Ctrl+P</span></form>"#
    );
    let html = crate::report::render_html(&r)
        .replacen("</head>", &format!("{BAR_STYLE}</head>"), 1)
        .replacen(
            "<body>",
            &format!("<body>{}{tools}", nav_html("/report")),
            1,
        );
    html_response(StatusCode::OK, REPORT_CSP, html)
}

/// `GET /report.xlsx?month=YYYY-MM`: the same report as a workbook.
pub async fn report_xlsx(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let r = match build_report(&state, raw.as_deref()).await {
        Ok(r) => r,
        Err(e) => return error_page(&e),
    };
    let bytes = match crate::report::xlsx_bytes(&r) {
        Ok(b) => b,
        Err(e) => return error_page(&ApiError::internal(&e)),
    };
    let mut res = (StatusCode::OK, bytes).into_response();
    secure(
        &mut res,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        REPORT_CSP,
    );
    // The month is validated (YYYY-MM), so the file name is plain ASCII.
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"xinfang-report-{}.xlsx\"",
        r.month
    )) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// Any path outside `/api` that is no page.
pub fn not_found_html() -> String {
    format!(
        r#"<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>页面不存在</title><link rel="stylesheet" href="/assets/app.css"></head><body><header class="top">{}</header><main class="notfound"><h1>页面不存在</h1><p><a href="/">返回检索</a></p></main></body></html>"#,
        nav_html("")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_shift_across_years() {
        assert_eq!(shift("2019-01", -1).as_deref(), Some("2018-12"));
        assert_eq!(shift("2019-12", 1).as_deref(), Some("2020-01"));
        assert_eq!(shift("bad", 1), None);
    }

    #[test]
    fn nav_marks_the_current_page_and_lists_every_page() {
        let nav = nav_html("/report");
        for (path, label) in NAV {
            assert!(nav.contains(&format!("href=\"{path}\"")), "{path}");
            assert!(nav.contains(label), "{label}");
        }
        assert_eq!(nav.matches("aria-current").count(), 1);
        assert!(nav.contains(r#"<a href="/report" aria-current="page">月报</a>"#));
    }
}
