//! The web page, embedded in the binary so that the server needs no files
//! beside it and no network (the meeting room has none).
//!
//! One HTML shell serves every page path (`/`, `/letters/{id}`, `/batches`,
//! `/persons`, `/officials`, `/places/…`, `/repeats/…`, `/trends`, `/topics/…`);
//! the script reads the path and draws the view. The monthly report is the
//! exception: it is rendered on the server ([`super::pages`]) so that it
//! prints as the same A4 page as `xinfang report`. The content security policy
//! allows only this origin's script and style: the page loads no CDN, and an
//! injected `<script>` in a letter could not run even if escaping failed.

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

const INDEX_HTML: &str = include_str!("../../assets/index.html");
const APP_JS: &str = include_str!("../../assets/app.js");
const APP_CSS: &str = include_str!("../../assets/app.css");

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; \
                   base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

fn asset(status: StatusCode, content_type: &'static str, body: &'static str) -> Response {
    let mut res = (status, body).into_response();
    secure(&mut res, content_type, CSP);
    // The assets change with the binary; revalidating is cheap on a LAN.
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}

/// Sets the content type and the headers every page carries: the content
/// security policy `csp`, no sniffing, no referrer (URLs hold names), no framing.
pub(super) fn secure(res: &mut Response, content_type: &'static str, csp: &'static str) {
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        HeaderName::from_static("x-frame-options"),
        HeaderValue::from_static("DENY"),
    );
}

/// The page shell of every script-drawn page.
pub async fn page() -> Response {
    asset(StatusCode::OK, "text/html; charset=utf-8", INDEX_HTML)
}

/// The script.
pub async fn app_js() -> Response {
    asset(StatusCode::OK, "text/javascript; charset=utf-8", APP_JS)
}

/// The style sheet.
pub async fn app_css() -> Response {
    asset(StatusCode::OK, "text/css; charset=utf-8", APP_CSS)
}

/// Any path outside `/api` that is no page (with the navigation bar).
pub async fn page_not_found() -> Response {
    let mut res = (StatusCode::NOT_FOUND, super::pages::not_found_html()).into_response();
    secure(&mut res, "text/html; charset=utf-8", CSP);
    res
}
