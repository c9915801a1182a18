//! The HTTP server: the JSON API under `/api` and the web pages outside it.
//!
//! Shape of a request: the request log layer (method, path without the
//! query, status, latency) → for `/api`, the access gate ([`access`]) →
//! the handler, which parses its parameters by hand ([`params`]) and runs the
//! blocking archive call on the blocking pool under a semaphore. Every
//! failure is an [`ApiError`] with a fixed status and a JSON body; a panic
//! becomes a JSON 500 too.
//!
//! [`router`] builds the whole application and is what both [`serve`] and the
//! tests run, so the tests exercise exactly what users get.

pub mod access;
mod assets;
pub mod error;
mod handlers;
pub mod pages;
pub mod json;
pub mod params;
pub mod schema;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::Request;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::{Mutex, Semaphore};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;
use tracing::Span;
use utoipa::OpenApi;
use xinfang_config::Config;
use xinfang_index::Archive;

pub use access::{AccessPolicy, Caller, OpenAccess, RequestInfo};
pub use error::ApiError;
pub use handlers::{display_name, ROUTE_NOT_FOUND};

/// What every handler shares. Cheap to clone (all `Arc`s).
#[derive(Clone)]
pub struct AppState {
    /// The archive.
    pub archive: Arc<Archive>,
    /// The configuration the archive was opened with.
    pub config: Arc<Config>,
    /// Permits for blocking archive calls (`server.max_concurrent_searches`).
    pub searches: Arc<Semaphore>,
    /// Held while an upload is being ingested.
    pub ingest_gate: Arc<Mutex<()>>,
    /// Authentication and audit of `/api` requests.
    pub access: Arc<dyn AccessPolicy>,
    /// The OpenAPI description, built once.
    pub openapi: Arc<serde_json::Value>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("archive", &self.archive)
            .field("searches_available", &self.searches.available_permits())
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// State with open access (see [`access`]).
    pub fn new(archive: Arc<Archive>, config: Arc<Config>) -> AppState {
        let permits = config.settings.server.max_concurrent_searches.max(1);
        AppState {
            archive,
            config,
            searches: Arc::new(Semaphore::new(permits)),
            ingest_gate: Arc::new(Mutex::new(())),
            access: Arc::new(OpenAccess),
            openapi: Arc::new(openapi_json()),
        }
    }

    /// Replaces the access policy.
    pub fn with_access_policy(mut self, policy: Arc<dyn AccessPolicy>) -> AppState {
        self.access = policy;
        self
    }
}

/// The OpenAPI description: generated from the handlers' `#[utoipa::path]`
/// attributes and the schema types, so it follows the code.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "xinfang",
        description = "Search and analysis of petition letters (信访件). Errors are `{\"error\": {\"code\", \"message\", \"param\"?}}`; a bad parameter is a 400 whose `param` names it. Every JSON answer is `application/json; charset=utf-8`. Text in either script (简/繁) finds the same letters.",
    ),
    paths(
        handlers::health,
        handlers::search,
        handlers::letter,
        handlers::ingest,
        handlers::batches,
        handlers::places,
        handlers::persons,
        handlers::similar,
        handlers::repeats,
        handlers::topics,
        handlers::trends,
        handlers::officials,
        handlers::openapi,
    ),
    components(schemas(
        error::ErrorBody,
        error::ErrorDetail,
        schema::Health,
        schema::Places,
        schema::Persons,
        schema::PersonDoc,
        schema::Officials,
        schema::OfficialRankDoc,
        schema::TownPlace,
        schema::VillagePlace,
        schema::Batches,
        schema::BatchInfoDoc,
        schema::SearchResponseDoc,
        schema::HitDoc,
        schema::FacetsDoc,
        schema::LetterSummaryDoc,
        schema::LetterDetailDoc,
        schema::PetitionerDoc,
        schema::OfficialDoc,
        schema::MentionedDoc,
        schema::SourceRefDoc,
        schema::SourceKindDoc,
        schema::EightWsDoc,
        schema::OriginDoc,
        schema::ScriptDoc,
        schema::IngestSummaryDoc,
        schema::PathErrorDoc,
        schema::PathWarningDoc,
        schema::IngestForm,
    )),
    tags(
        (name = "search", description = "Finding letters"),
        (name = "archive", description = "The archive: health, ingest, batches"),
    )
)]
pub struct ApiDoc;

/// The OpenAPI description as JSON, with the crate's version.
pub fn openapi_json() -> serde_json::Value {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_string();
    serde_json::to_value(&doc).unwrap_or_else(|e| {
        tracing::error!(target: "server", error = %e, "cannot serialize the OpenAPI description");
        serde_json::json!({})
    })
}

/// The whole application: `/api` (behind the access gate) and the page.
pub fn router(state: AppState) -> Router {
    let upload_limit = state
        .config
        .settings
        .server
        .upload_limit_mb
        .saturating_mul(1024 * 1024);
    let api = Router::new()
        .route("/health", get(handlers::health))
        .route("/search", get(handlers::search))
        .route("/letters/{id}", get(handlers::letter))
        .route(
            "/ingest",
            post(handlers::ingest).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/batches", get(handlers::batches))
        .route("/places", get(handlers::places))
        .route("/persons", get(handlers::persons))
        .route("/letters/{id}/similar", get(handlers::similar))
        .route("/repeats", get(handlers::repeats))
        .route("/topics", get(handlers::topics))
        .route("/trends", get(handlers::trends))
        .route("/officials", get(handlers::officials))
        .route("/openapi.json", get(handlers::openapi))
        .fallback(handlers::api_not_found)
        .method_not_allowed_fallback(handlers::method_not_allowed)
        // `layer`, not `route_layer`: unknown routes pass the gate too, so an
        // unauthenticated client cannot probe which routes exist.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            access::api_gate,
        ));

    // Server-rendered pages read the archive themselves: same gate as `/api`.
    let reports = Router::new()
        .route("/report", get(pages::report))
        .route("/report.xlsx", get(pages::report_xlsx))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            access::api_gate,
        ));

    Router::new()
        .nest("/api", api)
        .merge(reports)
        .route("/", get(assets::page))
        .route("/letters/{id}", get(assets::page))
        .route("/batches", get(assets::page))
        .route("/persons", get(assets::page))
        .route("/officials", get(assets::page))
        .route("/places", get(assets::page))
        .route("/places/{town}", get(assets::page))
        .route("/places/{town}/{village}", get(assets::page))
        .route("/village", get(assets::page))
        .route("/repeats", get(assets::page))
        .route("/repeats/group/{id}", get(assets::page))
        .route("/trends", get(assets::page))
        .route("/topics", get(assets::page))
        .route("/topics/clusters/{id}", get(assets::page))
        .route("/assets/app.js", get(assets::app_js))
        .route("/assets/app.css", get(assets::app_css))
        .fallback(assets::page_not_found)
        .method_not_allowed_fallback(handlers::method_not_allowed)
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(request_log())
        .with_state(state)
}

/// A panic in a handler: logged without its payload (which may quote data),
/// answered as the generic JSON 500.
fn panic_response(_payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::internal(&"a request handler panicked").into_response()
}

type RequestLog = TraceLayer<
    tower_http::classify::SharedClassifier<tower_http::classify::ServerErrorsAsFailures>,
    fn(&Request<axum::body::Body>) -> Span,
    (),
    fn(&Response, Duration, &Span),
    (),
    (),
    (),
>;

/// One log line per request: method, path (never the query string: queries
/// hold names), status and latency.
fn request_log() -> RequestLog {
    fn span(req: &Request<axum::body::Body>) -> Span {
        tracing::info_span!(target: "server::http", "http", method = %req.method(), path = %req.uri().path())
    }
    fn done(res: &Response, latency: Duration, _span: &Span) {
        tracing::info!(
            target: "server::http",
            status = res.status().as_u16(),
            latency_ms = latency.as_secs_f64() * 1000.0,
            "request"
        );
    }
    TraceLayer::new_for_http()
        .make_span_with(span as fn(&Request<axum::body::Body>) -> Span)
        .on_request(())
        .on_response(done as fn(&Response, Duration, &Span))
        .on_body_chunk(())
        .on_eos(())
        .on_failure(())
}

/// Why the server stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address cannot be listened on.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// Accepting or serving failed.
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Binds `bind` (port 0 picks a free port), calls `ready` with the address
/// actually bound (to print the URL), and serves until Ctrl-C or SIGTERM;
/// requests in flight are finished before it returns.
pub async fn serve(
    state: AppState,
    bind: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let listener = TcpListener::bind(bind)
        .await
        .map_err(|source| ServeError::Bind { addr: bind, source })?;
    let addr = listener.local_addr()?;
    ready(addr);
    serve_on(listener, state, shutdown_signal()).await
}

/// Serves on a bound listener until `shutdown` completes (for embedding and tests).
pub async fn serve_on(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(target: "server", %addr, "listening");
    }
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await?;
    tracing::info!(target: "server", "stopped");
    Ok(())
}

/// Completes on Ctrl-C or (on Unix) SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(target: "server", error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(target: "server", error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!(target: "server", "shutting down");
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::sync::Mutex as StdMutex;

    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use tower::ServiceExt;

    use super::*;

    fn state(dir: &std::path::Path) -> AppState {
        let config = Arc::new(Config::defaults().unwrap());
        AppState::new(
            Arc::new(Archive::open(dir, config.clone()).unwrap()),
            config,
        )
    }

    /// A policy that wants a bearer token and keeps an audit trail.
    #[derive(Default)]
    struct TokenPolicy {
        audit: StdMutex<Vec<(Option<String>, String, u16)>>,
    }

    impl AccessPolicy for TokenPolicy {
        fn authorize(&self, req: &RequestInfo<'_>) -> Result<Caller, ApiError> {
            match req
                .headers
                .get("authorization")
                .and_then(|v| v.to_str().ok())
            {
                Some("Bearer good") => Ok(Caller {
                    id: "token-1".into(),
                    role: Some("analyst".into()),
                }),
                _ => Err(ApiError::Unauthorized(
                    "a valid access token is required".into(),
                )),
            }
        }

        fn record(
            &self,
            caller: Option<&Caller>,
            req: &RequestInfo<'_>,
            status: StatusCode,
            _latency: Duration,
        ) {
            self.audit.lock().unwrap().push((
                caller.map(|c| c.id.clone()),
                req.path.to_string(),
                status.as_u16(),
            ));
        }
    }

    #[tokio::test]
    async fn access_policy_guards_every_api_route_without_touching_handlers() {
        let dir = tempfile::tempdir().unwrap();
        let policy = Arc::new(TokenPolicy::default());
        let app = router(state(dir.path()).with_access_policy(policy.clone()));

        for path in ["/api/health", "/api/search?q=x", "/api/no-such-route"] {
            let res = app
                .clone()
                .oneshot(Request::get(path).body(Body::empty()).unwrap())
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{path}");
            assert_eq!(res.headers()["www-authenticate"], "Bearer");
            assert_eq!(res.headers()["content-type"], json::JSON_UTF8);
            let body: serde_json::Value = serde_json::from_slice(
                &axum::body::to_bytes(res.into_body(), 1 << 20)
                    .await
                    .unwrap(),
            )
            .unwrap();
            assert_eq!(body["error"]["code"], "unauthorized");
        }
        let res = app
            .clone()
            .oneshot(
                Request::get("/api/health?secret=name")
                    .header("authorization", "Bearer good")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        // The page itself is outside the gate.
        let res = app
            .clone()
            .oneshot(Request::get("/").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);

        let audit = policy.audit.lock().unwrap().clone();
        assert_eq!(audit.len(), 4, "{audit:?}");
        assert_eq!(audit[0], (None, "/api/health".to_string(), 401));
        assert_eq!(
            audit[3],
            (Some("token-1".to_string()), "/api/health".to_string(), 200)
        );
        assert!(
            audit.iter().all(|(_, p, _)| !p.contains('?')),
            "no query strings in the audit"
        );
    }

    #[tokio::test]
    async fn uploads_over_the_limit_are_a_json_413() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::defaults().unwrap();
        config.settings.server.upload_limit_mb = 1;
        let config = Arc::new(config);
        let app = router(AppState::new(
            Arc::new(Archive::open(dir.path(), config.clone()).unwrap()),
            config,
        ));
        let mut body = Vec::new();
        body.extend_from_slice(
            b"--XBOUNDARY\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.txt\"\r\n\r\n",
        );
        body.extend(std::iter::repeat_n(b'a', 2 * 1024 * 1024));
        body.extend_from_slice(b"\r\n--XBOUNDARY--\r\n");
        let res = app
            .oneshot(
                Request::post("/api/ingest")
                    .header("content-type", "multipart/form-data; boundary=XBOUNDARY")
                    .body(Body::from(body))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(res.headers()["content-type"], json::JSON_UTF8);
        let body: serde_json::Value = serde_json::from_slice(
            &axum::body::to_bytes(res.into_body(), 1 << 20)
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(body["error"]["code"], "payload_too_large");
        assert!(body["error"]["message"].as_str().unwrap().contains("1 MB"));
    }

    /// A writer the log subscriber appends to.
    #[derive(Clone, Default)]
    struct Captured(Arc<StdMutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The log of every test in this binary. A global subscriber, installed
    /// once: a thread-local one (`set_default`) races with tests on other
    /// threads over tracing's per-callsite interest cache and can miss events.
    fn global_log() -> &'static Captured {
        static LOG: std::sync::OnceLock<Captured> = std::sync::OnceLock::new();
        LOG.get_or_init(|| {
            let captured = Captured::default();
            let writer = captured.clone();
            let subscriber = tracing_subscriber::fmt()
                .with_ansi(false)
                .with_max_level(tracing::Level::INFO)
                .with_writer(move || writer.clone())
                .finish();
            let _ = tracing::subscriber::set_global_default(subscriber);
            captured
        })
    }

    #[tokio::test(flavor = "current_thread")]
    async fn request_log_has_method_path_status_latency_and_never_the_query() {
        let captured = global_log();
        let dir = tempfile::tempdir().unwrap();
        let app = router(state(dir.path()));
        // A route no other test here calls, so its lines are this request's.
        let res = app
            .oneshot(
                Request::get("/api/officials?town=%E5%BC%A0%E7%A7%80%E8%8B%B1&limit=zz")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = log
            .lines()
            .filter(|l| l.contains("server::http") && l.contains("/api/officials"))
            .collect();
        assert_eq!(lines.len(), 1, "one line per request: {log}");
        let line = lines[0];
        for part in [
            "method=GET",
            "path=/api/officials",
            "status=400",
            "latency_ms=",
        ] {
            assert!(line.contains(part), "{part} missing in {line}");
        }
        assert!(
            !log.contains("张秀英") && !log.contains("town=") && !log.contains("%E5"),
            "{log}"
        );
    }

    #[test]
    fn openapi_document_is_generated() {
        let doc = openapi_json();
        assert_eq!(doc["info"]["title"], "xinfang");
        assert!(doc["paths"]["/api/search"]["get"].is_object());
        assert!(doc["components"]["schemas"]["LetterDetail"].is_object());
    }
}
