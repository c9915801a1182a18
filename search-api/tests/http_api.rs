//! The HTTP API through real HTTP: a fresh archive in a temporary folder,
//! built from letters written here, served on 127.0.0.1:0.
//!
//! What the letters say is chosen so that the checks hold whatever the
//! extractor finds beyond places (gazetteer names in the text): checks that
//! need people or dates compare the API's answers with each other (a letter
//! that lists a petitioner must be found by that person filter), so they stay
//! true as extraction improves.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use serde_json::Value;
use tempfile::TempDir;
use xinfang_config::Config;
use xinfang_index::{Archive, IngestOptions};
use xinfang_ingest::batch::{InputData, InputFile};
use xinfang_ingest::Origin;
use xinfang_search_api::server::{self, AppState, ROUTE_NOT_FOUND};

const LETTER_A: &str = "关于石桥镇柳河村村党支部书记王建华的举报信\n\
县纪委：\n我们是石桥镇柳河村村民。2019年3月5日我们发现，村里几户困难群众的低保金被截留，\
村党支部书记王建华把低保名额给了自己的亲戚。\n请求上级调查处理，退还被截留的钱。\n\
举报人：张秀英\n2019年3月5日\n";

const LETTER_B: &str = "反映青龙镇龙泉村危房改造补助款被挪用的问题\n\
青龙镇龙泉村村委会主任李明在危房改造工作中，把补助款挪用到自家建房，困难户至今没有拿到钱。\n\
希望纪委查清。\n村民：赵德明\n";

/// Traditional script: found by simplified queries and filters.
const LETTER_C: &str = "關於河口鄉大營村扶貧資金的舉報\n\
河口鄉大營村的扶貧資金被村幹部截留，貧困戶沒有領到產業扶持款。\n懇請調查。\n";

const LETTER_D: &str = "石桥镇东山村征地补偿款分配不公\n\
石桥镇东山村修路征地，补偿款没有按面积发放，村民多次反映无果。\n";

const LETTER_E: &str =
    "白马镇三岔村换届选举拉票问题\n白马镇三岔村在村两委换届选举中有人请客拉票。\n";

const LETTER_F: &str = "双河镇金竹村村务不公开\n双河镇金竹村三年没有公开村务和财务账目。\n";

struct TestServer {
    base: String,
    client: reqwest::Client,
    state: AppState,
    dir: TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    handle: Option<tokio::task::JoinHandle<()>>,
}

impl TestServer {
    async fn get(&self, path_and_query: &str) -> (StatusCode, String, Value) {
        let res = self
            .client
            .get(format!("{}{}", self.base, path_and_query))
            .send()
            .await
            .unwrap();
        split(res).await
    }

    async fn get_ok(&self, path_and_query: &str) -> Value {
        let (status, ct, body) = self.get(path_and_query).await;
        assert_eq!(status, StatusCode::OK, "{path_and_query}: {body}");
        assert_eq!(ct, "application/json; charset=utf-8", "{path_and_query}");
        body
    }

    async fn search(&self, query: &[(&str, &str)]) -> Value {
        let res = self
            .client
            .get(format!("{}/api/search", self.base))
            .query(query)
            .send()
            .await
            .unwrap();
        let (status, ct, body) = split(res).await;
        assert_eq!(status, StatusCode::OK, "{query:?}: {body}");
        assert_eq!(ct, "application/json; charset=utf-8");
        body
    }

    async fn search_err(&self, query: &[(&str, &str)]) -> (StatusCode, Value) {
        let res = self
            .client
            .get(format!("{}/api/search", self.base))
            .query(query)
            .send()
            .await
            .unwrap();
        let (status, ct, body) = split(res).await;
        assert_eq!(ct, "application/json; charset=utf-8", "{query:?}");
        (status, body)
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

async fn split(res: reqwest::Response) -> (StatusCode, String, Value) {
    let status = res.status();
    let ct = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let text = res.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, ct, body)
}

fn txt(name: &str, text: &str) -> InputFile {
    InputFile {
        rel: name.to_string(),
        data: InputData::Bytes(text.as_bytes().to_vec()),
    }
}

/// An archive with letters A–D in batch 2019Q1 (forwarded), served.
async fn start_with(config: Config) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let config = Arc::new(config);
    let archive = Arc::new(Archive::open(dir.path(), config.clone()).unwrap());
    let a = archive.clone();
    let summary = tokio::task::spawn_blocking(move || {
        a.ingest(
            vec![
                txt("2019Q1/a.txt", LETTER_A),
                txt("2019Q1/b.txt", LETTER_B),
                txt("2019Q1/c.txt", LETTER_C),
                txt("2019Q1/d.txt", LETTER_D),
            ],
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
    assert_eq!(summary.letters_added, 4, "{summary:?}");
    let state = AppState::new(archive, config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let st = state.clone();
    let handle = tokio::spawn(async move {
        server::serve_on(listener, st, async {
            let _ = rx.await;
        })
        .await
        .unwrap();
    });
    TestServer {
        base: format!("http://{addr}"),
        client: reqwest::Client::new(),
        state,
        dir,
        stop: Some(tx),
        handle: Some(handle),
    }
}

async fn start() -> TestServer {
    start_with(Config::defaults().unwrap()).await
}

fn ids(body: &Value) -> BTreeSet<String> {
    body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

/// The first source path of every hit: identifies the test letters whatever
/// titles the extractor gives them.
fn sources(body: &Value) -> Vec<String> {
    body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["sources"][0]["path"].as_str().unwrap().to_string())
        .collect()
}

fn total(body: &Value) -> u64 {
    body["total"].as_u64().unwrap()
}

fn has_source(body: &Value, path: &str) -> bool {
    sources(body).iter().any(|p| p == path)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_counts_letters() {
    let s = start().await;
    let body = s.get_ok("/api/health").await;
    assert_eq!(body, serde_json::json!({"status": "ok", "letters": 4}));
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_words_phrases_scripts_and_snippets() {
    let s = start().await;

    // Empty q: everything, with facets.
    let all = s.search(&[]).await;
    assert_eq!(total(&all), 4);
    assert_eq!(all["hits"].as_array().unwrap().len(), 4);

    // Words must all match.
    let r = s.search(&[("q", "截留 王建华")]).await;
    assert_eq!(total(&r), 1, "{r}");
    assert!(has_source(&r, "2019Q1/a.txt"));
    let hit = &r["hits"][0];
    assert!(hit["snippet"].as_str().unwrap().contains("<em>"), "{hit}");
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    for key in [
        "id",
        "ref",
        "title",
        "received",
        "origin",
        "batch",
        "town",
        "village",
        "petitioners",
        "accused",
        "topics",
        "disposition",
        "script",
        "sources",
        "score",
        "snippet",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}: {hit}");
    }
    assert_eq!(hit["origin"], "forwarded");
    assert_eq!(hit["batch"], "2019Q1");
    assert_eq!(hit["sources"][0]["path"], "2019Q1/a.txt");
    assert_eq!(hit["sources"][0]["kind"], "txt");

    // A phrase matches as written, not as separate words.
    assert_eq!(total(&s.search(&[("q", "\"低保金被截留\"")]).await), 1);
    assert_eq!(total(&s.search(&[("q", "低保 截留")]).await), 1);
    assert_eq!(total(&s.search(&[("q", "\"截留低保\"")]).await), 0);

    // 截留 is in A (simplified) and C (traditional 截留 is the same word in both).
    let r = s.search(&[("q", "截留")]).await;
    assert_eq!(total(&r), 2, "{r}");

    // Traditional query finds the simplified letter, and the other way round.
    let r = s.search(&[("q", "危房改造補助款")]).await;
    assert_eq!(total(&r), 1, "{r}");
    assert!(has_source(&r, "2019Q1/b.txt"));
    let r = s.search(&[("q", "扶贫资金")]).await;
    assert_eq!(total(&r), 1, "{r}");
    assert!(has_source(&r, "2019Q1/c.txt"), "{r}");
    let snippet = r["hits"][0]["snippet"].as_str().unwrap();
    assert!(
        snippet.contains("<em>扶貧資金</em>"),
        "highlight on the text as written: {snippet}"
    );
    assert_eq!(r["hits"][0]["script"], "traditional");

    // Exclusion.
    let r = s.search(&[("q", "石桥镇 -征地")]).await;
    assert_eq!(total(&r), 1, "{r}");

    // Odd queries are answered, never a 500.
    for q in [
        "\"",
        "-",
        "\"\"",
        "((",
        "*",
        "\\",
        "a.b*c?",
        "镇",
        "😀",
        "-截留",
        "“低保”",
        "OR AND NOT",
        "[]{}^$",
        &"字".repeat(1000),
    ] {
        let (status, body) = s.search_err(&[("q", q)]).await;
        assert!(
            status == StatusCode::OK || status == StatusCode::BAD_REQUEST,
            "{q}: {status} {body}"
        );
    }
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_facets_and_pagination() {
    let s = start().await;
    let all = s.search(&[("limit", "200")]).await;
    let n = total(&all);

    // Town and village filters, in either script and short forms.
    let r = s.search(&[("town", "石桥镇")]).await;
    assert_eq!(total(&r), 2, "{r}");
    assert_eq!(total(&s.search(&[("town", "石橋鎮")]).await), 2);
    assert_eq!(total(&s.search(&[("town", "石桥")]).await), 2);
    let r = s.search(&[("village", "柳河村")]).await;
    assert_eq!(total(&r), 1);
    assert!(has_source(&r, "2019Q1/a.txt"));
    let r = s.search(&[("village", "大营村")]).await;
    assert_eq!(
        total(&r),
        1,
        "simplified filter finds the traditional letter: {r}"
    );
    assert_eq!(
        total(&s.search(&[("town", "石桥镇"), ("q", "征地")]).await),
        1
    );

    // Batch, origin and topic filters.
    assert_eq!(total(&s.search(&[("batch", "2019Q1")]).await), n);
    assert_eq!(total(&s.search(&[("batch", "2020Q4")]).await), 0);
    assert_eq!(total(&s.search(&[("origin", "forwarded")]).await), n);
    assert_eq!(total(&s.search(&[("origin", "local")]).await), 0);
    for (topic, count) in all["facets"]["topic"].as_object().unwrap() {
        assert_eq!(
            total(&s.search(&[("topic", topic)]).await),
            count.as_u64().unwrap(),
            "{topic}"
        );
    }

    // Facets: single-valued facets sum to the total.
    for facet in ["origin", "month"] {
        let sum: u64 = all["facets"][facet]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_eq!(sum, n, "facet {facet}: {}", all["facets"]);
    }
    assert_eq!(all["facets"]["origin"]["forwarded"], 4);
    assert_eq!(all["facets"]["town"]["石桥镇"], 2);
    assert_eq!(all["facets"]["town"]["河口乡"], 1);
    // Facet counts follow the filters.
    let r = s.search(&[("town", "石桥镇")]).await;
    assert_eq!(r["facets"]["village"]["柳河村"], 1);
    assert_eq!(r["facets"]["village"]["东山村"], 1);
    assert!(r["facets"]["town"].get("青龙镇").is_none());

    // People: a name nobody has narrows to nothing; every name the archive
    // lists finds its letter through the matching filter, in either script.
    assert_eq!(total(&s.search(&[("person", "欧阳不存在")]).await), 0);
    assert_eq!(total(&s.search(&[("official", "欧阳不存在")]).await), 0);
    for hit in all["hits"].as_array().unwrap() {
        let id = hit["id"].as_str().unwrap();
        for p in hit["petitioners"].as_array().unwrap() {
            if p["anonymous"] == false {
                let name = p["name"].as_str().unwrap();
                assert!(
                    ids(&s.search(&[("person", name), ("limit", "200")]).await).contains(id),
                    "{name}"
                );
            }
        }
        for o in hit["accused"].as_array().unwrap() {
            let name = o["name"].as_str().unwrap();
            assert!(
                ids(&s.search(&[("official", name), ("limit", "200")]).await).contains(id),
                "{name}"
            );
            assert!(
                ids(&s.search(&[("person", name), ("limit", "200")]).await).contains(id),
                "{name}"
            );
        }
    }

    // Dates: a range covering every possible date finds exactly the dated letters.
    let dated = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| !h["received"].is_null())
        .count() as u64;
    assert_eq!(
        total(
            &s.search(&[("from", "1900-01-01"), ("to", "2100-12-31")])
                .await
        ),
        dated
    );
    assert_eq!(total(&s.search(&[("to", "1900-01-01")]).await), 0);

    // Pagination: pages are disjoint and together make the whole.
    let p1 = s
        .search(&[("limit", "3"), ("offset", "0"), ("sort", "date")])
        .await;
    let p2 = s
        .search(&[("limit", "3"), ("offset", "3"), ("sort", "date")])
        .await;
    assert_eq!(total(&p1), n);
    assert_eq!(ids(&p1).len(), 3);
    assert_eq!(ids(&p2).len(), (n - 3) as usize);
    assert!(ids(&p1).is_disjoint(&ids(&p2)));
    let mut union = ids(&p1);
    union.extend(ids(&p2));
    assert_eq!(union, ids(&all));
    let past = s.search(&[("offset", "100")]).await;
    assert_eq!(total(&past), n);
    assert!(past["hits"].as_array().unwrap().is_empty());
    // limit=0: counts and facets only.
    let counts = s.search(&[("limit", "0")]).await;
    assert_eq!(total(&counts), n);
    assert!(counts["hits"].as_array().unwrap().is_empty());
    assert_eq!(counts["facets"], all["facets"]);
    // Default page size is 20 (fewer letters here), relevance sort accepted.
    assert_eq!(
        total(&s.search(&[("sort", "relevance"), ("q", "村")]).await),
        n
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_parameters_are_400s_that_name_them() {
    let s = start().await;
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[("limit", "abc")], "limit"),
        (&[("limit", "-1")], "limit"),
        (&[("limit", "201")], "limit"),
        (&[("limit", "1e3")], "limit"),
        (&[("offset", "x")], "offset"),
        (&[("sort", "newest")], "sort"),
        (&[("from", "2019-13-01")], "from"),
        (&[("from", "2019/01/01")], "from"),
        (&[("to", "yesterday")], "to"),
        (&[("from", "2019-05-01"), ("to", "2019-04-01")], "from"),
        (&[("origin", "upper")], "origin"),
        (&[("town", "a"), ("town", "b")], "town"),
    ];
    for (query, param) in cases {
        let (status, body) = s.search_err(query).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query:?}: {body}");
        assert_eq!(body["error"]["code"], "bad_request", "{query:?}");
        assert_eq!(body["error"]["param"], *param, "{query:?}: {body}");
        assert!(
            body["error"]["message"].as_str().unwrap().contains(param),
            "{query:?}: {body}"
        );
    }
    // A query string that is not even well-formed is read leniently, not a 500.
    let (status, _, body) = s.get("/api/search?q=%ZZ&&=&limit").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn letters_errors_and_routes() {
    let s = start().await;
    let r = s.search(&[("q", "王建华")]).await;
    let id = r["hits"][0]["id"].as_str().unwrap().to_string();
    let letter = s.get_ok(&format!("/api/letters/{id}")).await;
    assert_eq!(letter["id"], id.as_str());
    assert_eq!(
        letter["text"].as_str().unwrap(),
        LETTER_A,
        "the full text as written"
    );
    let fields = letter["fields"].as_object().unwrap();
    let keys: BTreeSet<&str> = fields.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        BTreeSet::from([
            "who",
            "what",
            "when",
            "where",
            "why",
            "result",
            "demand",
            "disposition"
        ])
    );
    assert_eq!(letter["sources"][0]["path"], "2019Q1/a.txt");
    assert_eq!(letter["town"], "石桥镇");
    assert_eq!(letter["village"], "柳河村");

    // Unknown letter, unknown route, wrong method: JSON errors.
    for path in [
        "/api/letters/nosuchletter",
        "/api/letters/%E4%B8%8D",
        "/api/letters/%FF%FE",
    ] {
        let (status, ct, body) = s.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(ct, "application/json; charset=utf-8");
        assert_eq!(body["error"]["code"], "not_found");
        assert_ne!(body["error"]["message"], ROUTE_NOT_FOUND);
    }
    let (status, ct, body) = s.get("/api/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(ct, "application/json; charset=utf-8");
    assert_eq!(body["error"]["code"], "not_found");
    assert_eq!(body["error"]["message"], ROUTE_NOT_FOUND);
    let res = s
        .client
        .post(format!("{}/api/search", s.base))
        .send()
        .await
        .unwrap();
    let (status, ct, body) = split(res).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(ct, "application/json; charset=utf-8");
    assert_eq!(body["error"]["code"], "method_not_allowed");
    let res = s
        .client
        .post(format!("{}/api/ingest", s.base))
        .body("not a form")
        .send()
        .await
        .unwrap();
    let (status, _, body) = split(res).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "bad_request");

    // API answers are not cached.
    let res = s
        .client
        .get(format!("{}/api/health", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["cache-control"], "no-store");

    // Places: towns with their villages, from the letters.
    let places = s.get_ok("/api/places").await;
    let towns = places["towns"].as_array().unwrap();
    assert_eq!(towns[0]["name"], "石桥镇", "most letters first: {places}");
    assert_eq!(towns[0]["letters"], 2);
    let villages: BTreeMap<&str, u64> = towns[0]["villages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["name"].as_str().unwrap(), v["letters"].as_u64().unwrap()))
        .collect();
    assert_eq!(villages, BTreeMap::from([("东山村", 1), ("柳河村", 1)]));
    let heko = towns.iter().find(|t| t["name"] == "河口乡").unwrap();
    assert_eq!(heko["villages"][0]["name"], "大营村");

    // Batches.
    let batches = s.get_ok("/api/batches").await;
    let b = &batches["batches"][0];
    assert_eq!(b["batch"], "2019Q1");
    assert_eq!(b["letters"], 4);
    assert_eq!(b["files"], 4);
    assert_eq!(b["errors"], 0);
    assert!(b["ingested_at"].as_str().unwrap().starts_with("20"));
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_mixed_batch_and_later_ingests_become_visible() {
    let s = start().await;
    let gbk = encoding_rs::GBK.encode(LETTER_F).0.into_owned();
    let form = Form::new()
        .part(
            "files",
            Part::bytes(LETTER_E.as_bytes().to_vec()).file_name("../../etc/三岔村.txt"),
        )
        .part("files", Part::bytes(gbk).file_name("C:\\扫描\\金竹村.txt"))
        .part("files", Part::bytes(Vec::new()).file_name("empty.txt"))
        .text("batch", "2019Q2")
        .text("origin", "local");
    let res = s
        .client
        .post(format!("{}/api/ingest", s.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (status, ct, summary) = split(res).await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(ct, "application/json; charset=utf-8");
    assert_eq!(summary["batch"], "2019Q2");
    assert_eq!(summary["files_seen"], 3);
    let failed: Vec<&str> = summary["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert!(failed.contains(&"empty.txt"), "{summary}");
    // The GBK letter is read where decoding is supported, else rejected on its own.
    assert!(
        failed
            .iter()
            .all(|p| *p == "empty.txt" || *p == "金竹村.txt"),
        "{summary}"
    );
    assert_eq!(
        summary["files_ingested"].as_u64().unwrap() + summary["files_failed"].as_u64().unwrap(),
        3,
        "{summary}"
    );
    let added = summary["letters_added"].as_u64().unwrap();
    assert!(added >= 1, "{summary}");
    assert_eq!(summary["letters_total"].as_u64().unwrap(), 4 + added);
    for key in ["files_unchanged", "letters_updated", "warnings"] {
        assert!(summary.get(key).is_some(), "{key}");
    }

    // Searchable at once, without restart; the upload's path is only its file name.
    let r = s.search(&[("batch", "2019Q2")]).await;
    assert_eq!(total(&r), added);
    assert_eq!(r["facets"]["origin"]["local"], added);
    let r = s.search(&[("q", "拉票")]).await;
    assert_eq!(total(&r), 1);
    assert_eq!(r["hits"][0]["sources"][0]["path"], "三岔村.txt");
    assert_eq!(s.get_ok("/api/health").await["letters"], 4 + added);
    let batches = s.get_ok("/api/batches").await;
    assert_eq!(batches["batches"].as_array().unwrap().len(), 2);

    // The same upload again adds nothing.
    let form = Form::new()
        .part(
            "files",
            Part::bytes(LETTER_E.as_bytes().to_vec()).file_name("三岔村.txt"),
        )
        .text("batch", "2019Q2");
    let res = s
        .client
        .post(format!("{}/api/ingest", s.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (status, _, again) = split(res).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["letters_added"], 0, "{again}");
    assert_eq!(again["files_unchanged"], 1, "{again}");

    // Bad form fields are 400s naming them.
    for (form, param) in [
        (Form::new().text("batch", "2019Q3"), "files"),
        (
            Form::new()
                .part("files", Part::bytes(b"x".to_vec()).file_name("x.txt"))
                .text("origin", "upper"),
            "origin",
        ),
        (
            Form::new()
                .part("files", Part::bytes(b"x".to_vec()).file_name("x.txt"))
                .text("batch", "a/b"),
            "batch",
        ),
        (Form::new().text("colour", "red"), "colour"),
    ] {
        let res = s
            .client
            .post(format!("{}/api/ingest", s.base))
            .multipart(form)
            .send()
            .await
            .unwrap();
        let (status, _, body) = split(res).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(body["error"]["param"], param, "{body}");
    }

    // Another process (here: a second handle on the same folder) ingests;
    // the running server sees it without being told.
    let dir = s.dir.path().to_path_buf();
    tokio::task::spawn_blocking(move || {
        let other = Archive::open(&dir, Arc::new(Config::defaults().unwrap())).unwrap();
        let sum = other
            .ingest(
                vec![txt(
                    "late.txt",
                    "河口乡桃园村集体鱼塘承包费去向不明\n桃园村鱼塘承包费三年没有入账。\n",
                )],
                vec![],
                vec![],
                &IngestOptions {
                    batch: "2019Q3".into(),
                    origin: None,
                },
                &|| {},
            )
            .unwrap();
        assert_eq!(sum.letters_added, 1);
    })
    .await
    .unwrap();
    let mut seen = 0;
    for _ in 0..100 {
        seen = total(&s.search(&[("q", "鱼塘承包费")]).await);
        if seen == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        seen, 1,
        "a commit by another writer becomes searchable without restart"
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_limit_and_overload_are_refused() {
    let mut config = Config::defaults().unwrap();
    config.settings.server.upload_limit_mb = 1;
    config.settings.server.max_concurrent_searches = 2;
    let s = start_with(config).await;

    // The 413 answer's shape is checked in the unit tests (`tower` oneshot):
    // over a socket, the server may close the connection while the client is
    // still sending, and the client then sees a broken pipe instead of the
    // answer. Either way, nothing of the upload is ingested.
    let big = vec![b'a'; 2 * 1024 * 1024];
    let form = Form::new().part("files", Part::bytes(big).file_name("big.txt"));
    if let Ok(res) = s
        .client
        .post(format!("{}/api/ingest", s.base))
        .multipart(form)
        .send()
        .await
    {
        let (status, ct, body) = split(res).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
        assert_eq!(ct, "application/json; charset=utf-8");
        assert_eq!(body["error"]["code"], "payload_too_large");
    }
    assert_eq!(s.get_ok("/api/health").await["letters"], 4);

    // All search permits taken: 503, not a queue.
    let held = s
        .state
        .searches
        .clone()
        .acquire_many_owned(2)
        .await
        .unwrap();
    let (status, body) = s.search_err(&[("q", "低保")]).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["error"]["code"], "overloaded");
    drop(held);
    assert_eq!(total(&s.search(&[("q", "低保")]).await), 1);
    s.stop().await;
}

/// Properties of a schema, following `$ref` and `allOf` (flattened structs).
fn properties(
    doc: &Value,
    schema: &Value,
    out: &mut BTreeSet<String>,
    required: &mut BTreeSet<String>,
) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap();
        properties(doc, &doc["components"]["schemas"][name], out, required);
        return;
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for s in all {
            properties(doc, s, out, required);
        }
    }
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        out.extend(props.keys().cloned());
    }
    if let Some(req) = schema.get("required").and_then(Value::as_array) {
        required.extend(req.iter().map(|v| v.as_str().unwrap().to_string()));
    }
}

fn assert_matches_schema(doc: &Value, schema_name: &str, real: &Value) {
    let mut props = BTreeSet::new();
    let mut required = BTreeSet::new();
    properties(
        doc,
        &doc["components"]["schemas"][schema_name],
        &mut props,
        &mut required,
    );
    assert!(!props.is_empty(), "schema {schema_name} missing");
    let keys: BTreeSet<String> = real.as_object().unwrap().keys().cloned().collect();
    let undocumented: Vec<&String> = keys.difference(&props).collect();
    assert!(
        undocumented.is_empty(),
        "{schema_name}: undocumented fields {undocumented:?}"
    );
    let missing: Vec<&String> = required.difference(&keys).collect();
    assert!(
        missing.is_empty(),
        "{schema_name}: required but absent {missing:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_schemas_match_real_answers() {
    let s = start().await;
    let doc = s.get_ok("/api/openapi.json").await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/health",
        "/api/search",
        "/api/letters/{id}",
        "/api/ingest",
        "/api/batches",
        "/api/places",
        "/api/openapi.json",
    ] {
        assert!(paths.contains_key(p), "{p} not described");
    }
    let params: BTreeSet<&str> = doc["paths"]["/api/search"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for p in [
        "q", "town", "village", "person", "official", "topic", "origin", "batch", "from", "to",
        "sort", "limit", "offset",
    ] {
        assert!(params.contains(p), "search parameter {p} not described");
    }
    // Every described route exists with its method.
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            let url = format!("{}{}", s.base, path.replace("{id}", "x"));
            let req = match method.as_str() {
                "get" => s.client.get(url),
                "post" => s.client.post(url),
                other => panic!("unexpected method {other}"),
            };
            let (status, _, body) = split(req.send().await.unwrap()).await;
            assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            assert_ne!(body["error"]["message"], ROUTE_NOT_FOUND, "{method} {path}");
        }
    }

    // The mirrored schemas describe the real answers.
    let search = s.search(&[("q", "王建华")]).await;
    assert_matches_schema(&doc, "SearchResponse", &search);
    assert_matches_schema(&doc, "Hit", &search["hits"][0]);
    assert_matches_schema(&doc, "Facets", &search["facets"]);
    assert_matches_schema(&doc, "SourceRef", &search["hits"][0]["sources"][0]);
    let id = search["hits"][0]["id"].as_str().unwrap();
    let letter = s.get_ok(&format!("/api/letters/{id}")).await;
    assert_matches_schema(&doc, "LetterDetail", &letter);
    assert_matches_schema(&doc, "EightWs", &letter["fields"]);
    assert_matches_schema(&doc, "Health", &s.get_ok("/api/health").await);
    let batches = s.get_ok("/api/batches").await;
    assert_matches_schema(&doc, "Batches", &batches);
    assert_matches_schema(&doc, "BatchInfo", &batches["batches"][0]);
    let places = s.get_ok("/api/places").await;
    assert_matches_schema(&doc, "Places", &places);
    assert_matches_schema(&doc, "TownPlace", &places["towns"][0]);
    let (_, _, err) = s.get("/api/letters/none").await;
    assert_matches_schema(&doc, "ErrorBody", &err);
    let form = Form::new().part(
        "files",
        Part::bytes(LETTER_F.as_bytes().to_vec()).file_name("f.txt"),
    );
    let res = s
        .client
        .post(format!("{}/api/ingest", s.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (_, _, summary) = split(res).await;
    assert_matches_schema(&doc, "IngestSummary", &summary);
    assert!(
        summary["batch"].as_str().unwrap().starts_with("upload-"),
        "default batch label"
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn web_page_and_assets_are_served_embedded() {
    let s = start().await;
    for (path, ct) in [
        ("/", "text/html; charset=utf-8"),
        ("/letters/abc", "text/html; charset=utf-8"),
        ("/batches", "text/html; charset=utf-8"),
        ("/assets/app.js", "text/javascript; charset=utf-8"),
        ("/assets/app.css", "text/css; charset=utf-8"),
    ] {
        let res = s
            .client
            .get(format!("{}{}", s.base, path))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()["content-type"], ct, "{path}");
        assert!(res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("script-src 'self'"));
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert!(!res.text().await.unwrap().is_empty(), "{path}");
    }
    let res = s.client.get(format!("{}/", s.base)).send().await.unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains("lang=\"zh-CN\""));
    assert!(html.contains("/assets/app.js"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no CDN or external resource"
    );
    let res = s
        .client
        .get(format!("{}/nope", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.headers()["content-type"], "text/html; charset=utf-8");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_reports_the_bound_port_and_stops_on_request() {
    // `serve` itself listens for signals; here the lower-level `serve_on` is
    // stopped by its shutdown future, and `serve` is checked for binding port 0.
    let s = start().await;
    s.stop().await;
    let dir = tempfile::tempdir().unwrap();
    let config = Arc::new(Config::defaults().unwrap());
    let archive = Arc::new(Archive::open(dir.path(), config.clone()).unwrap());
    let state = AppState::new(archive, config);
    let (tx, rx) = tokio::sync::oneshot::channel();
    let task = tokio::spawn(server::serve(
        state,
        "127.0.0.1:0".parse().unwrap(),
        move |addr| {
            let _ = tx.send(addr);
        },
    ));
    let addr: std::net::SocketAddr = rx.await.unwrap();
    assert_ne!(addr.port(), 0);
    let body: Value = reqwest::get(format!("http://{addr}/api/health"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["letters"], 0);
    task.abort();
    // Binding an address in use is a clear error.
    let taken = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = taken.local_addr().unwrap();
    let dir2 = tempfile::tempdir().unwrap();
    let config = Arc::new(Config::defaults().unwrap());
    let state = AppState::new(
        Arc::new(Archive::open(dir2.path(), config.clone()).unwrap()),
        config,
    );
    let err = server::serve(state, addr, |_| {}).await.unwrap_err();
    assert!(err.to_string().contains(&addr.to_string()), "{err}");
}
