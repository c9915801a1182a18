//! The one gate every `/api` request passes: authentication and audit.
//!
//! Handlers never check access themselves. Today the policy is
//! [`OpenAccess`] (the server binds to loopback by default, where the
//! machine's login is the access control). When tokens arrive
//! (`xinfang token create --role …`), a policy that reads
//! `Authorization: Bearer …`, answers [`ApiError::Unauthorized`] or
//! [`ApiError::Forbidden`], and writes an audit record in
//! [`AccessPolicy::record`] is plugged into [`super::AppState`]; no handler changes.

use std::time::Duration;

use axum::extract::{OriginalUri, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::AppState;

/// What the gate knows about a request. Deliberately no query string: queries
/// hold names, and an audit log must not become a second copy of them.
#[derive(Debug)]
pub struct RequestInfo<'a> {
    /// Method.
    pub method: &'a Method,
    /// Path, without the query string.
    pub path: &'a str,
    /// Headers (for `Authorization`).
    pub headers: &'a HeaderMap,
}

/// Who is calling, as the policy established it. Inserted into the request's
/// extensions, so a handler that one day needs it can take `Extension<Caller>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// An identifier fit for an audit log (a token id, never the token).
    pub id: String,
    /// The role (`screening`, `analyst`, `admin`), when roles exist.
    pub role: Option<String>,
}

/// Decides who may call the API and records what they did.
pub trait AccessPolicy: Send + Sync + 'static {
    /// Lets the request through with its caller, or refuses it.
    fn authorize(&self, req: &RequestInfo<'_>) -> Result<Caller, ApiError>;

    /// Called once per request after the answer is made (also for refused
    /// requests, with `caller` `None`). The default records nothing beyond
    /// the request log line.
    fn record(
        &self,
        caller: Option<&Caller>,
        req: &RequestInfo<'_>,
        status: StatusCode,
        latency: Duration,
    ) {
        let _ = (caller, req, status, latency);
    }
}

/// Everyone may do everything: the policy until tokens exist.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpenAccess;

impl AccessPolicy for OpenAccess {
    fn authorize(&self, _req: &RequestInfo<'_>) -> Result<Caller, ApiError> {
        Ok(Caller {
            id: "anonymous".into(),
            role: None,
        })
    }
}

/// The middleware of the `/api` sub-router: asks the policy, runs the
/// handler, records, and marks the answer uncacheable (letters are sensitive;
/// a shared browser or proxy must not keep them).
pub async fn api_gate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let method = req.method().clone();
    // Inside the nested `/api` router the URI lost its prefix; audit the full path.
    let path = req
        .extensions()
        .get::<OriginalUri>()
        .map(|u| u.path().to_string())
        .unwrap_or_else(|| req.uri().path().to_string());
    let headers = req.headers().clone();
    let info = RequestInfo {
        method: &method,
        path: &path,
        headers: &headers,
    };
    let mut res = match state.access.authorize(&info) {
        Ok(caller) => {
            req.extensions_mut().insert(caller.clone());
            let res = next.run(req).await;
            state
                .access
                .record(Some(&caller), &info, res.status(), started.elapsed());
            res
        }
        Err(e) => {
            let res = e.into_response();
            state
                .access
                .record(None, &info, res.status(), started.elapsed());
            res
        }
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
