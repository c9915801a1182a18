//! JSON answers with the contract's content type.
//!
//! axum's `Json` answers `application/json` without a charset; the contract
//! promises UTF-8 explicitly, which also keeps old browsers and proxies from
//! guessing an encoding for Chinese text.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The content type of every JSON answer.
pub const JSON_UTF8: &str = "application/json; charset=utf-8";

/// A value answered as `application/json; charset=utf-8`.
#[derive(Debug, Clone)]
pub struct JsonBody<T>(pub T);

impl<T: Serialize> IntoResponse for JsonBody<T> {
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.0) {
            Ok(bytes) => {
                let mut res = bytes.into_response();
                res.headers_mut()
                    .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_UTF8));
                res
            }
            Err(e) => {
                tracing::error!(target: "server", error = %e, "cannot serialize a response");
                // Written by hand: serializing the error body could fail the same way.
                let mut res =
                    r#"{"error":{"code":"internal","message":"internal error"}}"#.into_response();
                *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
                res.headers_mut()
                    .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_UTF8));
                res
            }
        }
    }
}
