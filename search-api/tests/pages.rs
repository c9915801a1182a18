//! The web pages through real HTTP: every page route answers the page with
//! the navigation bar, the monthly report is rendered on the server (with
//! its month, Chinese headings and SVG charts), a bad month is a 400 page,
//! the workbook downloads, and the server-rendered pages sit behind the
//! access gate like `/api`.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use reqwest::StatusCode;
use tempfile::TempDir;
use xinfang_config::Config;
use xinfang_index::{Archive, IngestOptions};
use xinfang_ingest::batch::{InputData, InputFile};
use xinfang_ingest::Origin;
use xinfang_search_api::server::pages::NAV;
use xinfang_search_api::server::{
    self, AccessPolicy, ApiError, AppState, Caller, RequestInfo,
};

const LETTER_A: &str = "关于石桥镇柳河村村党支部书记王建华的举报信\n\
县纪委：\n我们是石桥镇柳河村村民。2019年3月5日我们发现，村里几户困难群众的低保金被截留，\
村党支部书记王建华把低保名额给了自己的亲戚。\n请求上级调查处理。\n举报人：张秀英\n2019年3月5日\n";

const LETTER_B: &str = "反映青龙镇龙泉村危房改造补助款被挪用的问题\n\
青龙镇龙泉村村委会主任李明在危房改造工作中，把补助款挪用到自家建房。\n村民：赵德明\n2019年3月20日\n";

/// Every script-drawn page route (with a sample path for the ones with parameters).
const PAGE_PATHS: [&str; 15] = [
    "/",
    "/letters/abc",
    "/batches",
    "/persons",
    "/persons?name=%E7%8E%8B%E5%BB%BA%E5%8D%8E",
    "/officials?town=%E7%9F%B3%E6%A1%A5%E9%95%87",
    "/places",
    "/places/%E7%9F%B3%E6%A1%A5%E9%95%87",
    "/places/%E7%9F%B3%E6%A1%A5%E9%95%87/%E6%9F%B3%E6%B2%B3%E6%9D%91",
    "/village?village=%E6%9F%B3%E6%B2%B3%E6%9D%91",
    "/repeats?batch=2019Q1",
    "/repeats/group/rg-1",
    "/trends?by=village&interval=week",
    "/topics",
    "/topics/clusters/c1",
];

struct Server {
    base: String,
    client: reqwest::Client,
    _dir: TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    handle: Option<tokio::task::JoinHandle<()>>,
}

impl Server {
    async fn get(&self, path: &str) -> (StatusCode, String, Vec<u8>) {
        let res = self
            .client
            .get(format!("{}{}", self.base, path))
            .send()
            .await
            .unwrap();
        let status = res.status();
        let ct = res
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        (status, ct, res.bytes().await.unwrap().to_vec())
    }

    async fn text(&self, path: &str) -> (StatusCode, String, String) {
        let (status, ct, body) = self.get(path).await;
        (status, ct, String::from_utf8(body).unwrap())
    }

    async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(h) = self.handle.take() {
            h.await.unwrap();
        }
    }
}

fn txt(name: &str, text: &str) -> InputFile {
    InputFile {
        rel: name.to_string(),
        data: InputData::Bytes(text.as_bytes().to_vec()),
    }
}

/// Two letters in batch 2019Q1, served with `policy` (open access when `None`).
async fn start(policy: Option<Arc<dyn AccessPolicy>>) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let config = Arc::new(Config::defaults().unwrap());
    let archive = Arc::new(Archive::open(dir.path(), config.clone()).unwrap());
    let a = archive.clone();
    let summary = tokio::task::spawn_blocking(move || {
        a.ingest(
            vec![txt("2019Q1/a.txt", LETTER_A), txt("2019Q1/b.txt", LETTER_B)],
            vec![],
            vec![],
            &IngestOptions {
                batch: "2019Q1".into(),
                origin: Some(Origin::Forwarded),
            },
            &|| {},
        )
        .unwrap()
    })
    .await
    .unwrap();
    assert_eq!(summary.letters_added, 2, "{summary:?}");
    let mut state = AppState::new(archive, config);
    if let Some(p) = policy {
        state = state.with_access_policy(p);
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let handle = tokio::spawn(async move {
        server::serve_on(listener, state, async {
            let _ = rx.await;
        })
        .await
        .unwrap();
    });
    Server {
        base: format!("http://{addr}"),
        client: reqwest::Client::new(),
        _dir: dir,
        stop: Some(tx),
        handle: Some(handle),
    }
}

fn assert_nav(path: &str, html: &str) {
    for (href, label) in NAV {
        assert!(
            html.contains(&format!("href=\"{href}\"")) && html.contains(label),
            "{path}: navigation entry {label} ({href}) missing"
        );
    }
}

#[tokio::test]
async fn every_page_route_answers_the_page_with_the_navigation_bar() {
    let s = start(None).await;
    for path in PAGE_PATHS {
        let (status, ct, html) = s.text(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(ct, "text/html; charset=utf-8", "{path}");
        assert!(html.contains("/assets/app.js"), "{path}: no script");
        assert!(html.contains("id=\"view-page\""), "{path}");
        assert_nav(path, &html);
    }
    // An unknown page is a 404 page that still carries the bar.
    let (status, ct, html) = s.text("/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(ct, "text/html; charset=utf-8");
    assert!(html.contains("页面不存在"));
    assert_nav("/no/such/page", &html);
    s.stop().await;
}

#[tokio::test]
async fn embedded_script_and_style_are_served_with_every_view() {
    let s = start(None).await;
    let (status, ct, js) = s.text("/assets/app.js").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ct, "text/javascript; charset=utf-8");
    for view in [
        "function showPersons",
        "function showOfficials",
        "function showPlaces",
        "function showPlace",
        "function showBatchRepeats",
        "function showGroup",
        "function showTrends",
        "function showTopics",
        "function showCluster",
        "function safeSnippet",
    ] {
        assert!(js.contains(view), "{view} missing in app.js");
    }
    // Values reach the page as text: no innerHTML besides the checked snippet.
    assert_eq!(js.matches("innerHTML").count(), 1, "only safeSnippet may use innerHTML");
    let (status, ct, css) = s.text("/assets/app.css").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ct, "text/css; charset=utf-8");
    assert!(css.contains("@media print"));
    s.stop().await;
}

#[tokio::test]
async fn monthly_report_page_is_rendered_on_the_server() {
    let s = start(None).await;
    let res = s
        .client
        .get(format!("{}/report?month=2019-03", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/html; charset=utf-8");
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(!csp.contains("script-src"), "the report runs no script: {csp}");
    assert_eq!(res.headers()["cache-control"], "no-store");
    let html = res.text().await.unwrap();
    for part in [
        "2019年3月",
        "信访举报形势分析",
        "一、总体情况",
        "问题类别分布",
        "近12个月来信量",
        "被反映较多的干部",
        "预警提示",
        "<svg",
        "value=\"2019-03\"",
        "/report.xlsx?month=2019-03",
        "/report?month=2019-02",
        "/report?month=2019-04",
    ] {
        assert!(html.contains(part), "{part} missing in the report page");
    }
    assert_nav("/report", &html);
    assert!(html.contains(r#"<a href="/report" aria-current="page">月报</a>"#));

    // Without a month: the latest month with letters (or this month), still a report.
    let (status, ct, html) = s.text("/report").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ct, "text/html; charset=utf-8");
    assert!(html.contains("月信访举报形势分析") && html.contains("<svg"));
    s.stop().await;
}

#[tokio::test]
async fn a_bad_month_is_a_400_page() {
    let s = start(None).await;
    for bad in ["2019-13", "2019", "abc", "2019-03-01", "2019-03&month=2019-04"] {
        let path = format!("/report?month={bad}");
        let (status, ct, html) = s.text(&path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(ct, "text/html; charset=utf-8", "{path}");
        assert!(html.contains("role=\"alert\""), "{path}");
        assert_nav(&path, &html);
        let (status, _, _) = s.get(&format!("/report.xlsx?month={bad}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "xlsx {path}");
    }
    let (_, _, html) = s.text("/report?month=2019-13").await;
    assert!(html.contains("月份有误"), "{html}");
    s.stop().await;
}

#[tokio::test]
async fn monthly_report_downloads_as_a_workbook() {
    let s = start(None).await;
    let res = s
        .client
        .get(format!("{}/report.xlsx?month=2019-03", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(
        res.headers()["content-disposition"],
        "attachment; filename=\"xinfang-report-2019-03.xlsx\""
    );
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    assert!(zip.by_name("xl/workbook.xml").is_ok());
    s.stop().await;
}

/// Refuses everyone: the server-rendered report must be refused too.
struct DenyAll;

impl AccessPolicy for DenyAll {
    fn authorize(&self, _req: &RequestInfo<'_>) -> Result<Caller, ApiError> {
        Err(ApiError::Unauthorized("a valid access token is required".into()))
    }
}

#[tokio::test]
async fn server_rendered_pages_pass_the_access_gate() {
    let s = start(Some(Arc::new(DenyAll))).await;
    for path in ["/report?month=2019-03", "/report.xlsx?month=2019-03", "/api/health"] {
        let (status, _, body) = s.text(path).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(!body.contains("形势分析"), "{path}");
    }
    // The script-drawn shells hold no data and stay reachable.
    let (status, _, _) = s.text("/persons?name=x").await;
    assert_eq!(status, StatusCode::OK);
    s.stop().await;
}
