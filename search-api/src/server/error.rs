//! The API's error answer: `{"error": {"code": "...", "message": "..."}}`.
//!
//! Every failure a handler can meet maps to one [`ApiError`] variant with a
//! fixed status, so a client can branch on `code` and the status never
//! contradicts it. Internal failures are logged here, once, and the client
//! gets a generic message: index errors may quote stored data.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use xinfang_index::IndexError;

use super::json::JsonBody;

/// An error answer of the API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// A request parameter (query, path or form field) is invalid; `param` names it.
    #[error("invalid parameter `{param}`: {message}")]
    BadParam {
        /// The parameter's name as the client wrote it.
        param: String,
        /// What is wrong, for a person.
        message: String,
    },
    /// The request as a whole is malformed (not a multipart body, …).
    #[error("{0}")]
    BadRequest(String),
    /// No such letter, or no such route.
    #[error("{0}")]
    NotFound(String),
    /// The route exists but not with this method.
    #[error("method {0} is not allowed here")]
    MethodNotAllowed(String),
    /// No valid credentials (reserved for the access policy).
    #[error("{0}")]
    Unauthorized(String),
    /// Credentials valid but not enough (reserved for the access policy).
    #[error("{0}")]
    Forbidden(String),
    /// The archive is being written by someone else.
    #[error("{0}")]
    Conflict(String),
    /// The upload is larger than `server.upload_limit_mb`.
    #[error("the upload is larger than the limit of {limit_mb} MB")]
    PayloadTooLarge {
        /// The configured limit.
        limit_mb: usize,
    },
    /// Too many searches at once.
    #[error("the server is busy; try again in a moment")]
    Overloaded,
    /// A bug or an unreadable archive; the details are in the log only.
    #[error("internal error")]
    Internal,
}

/// The JSON body of an error.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// `error` of [`ErrorBody`].
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Machine-readable code: `bad_request`, `not_found`, `method_not_allowed`,
    /// `unauthorized`, `forbidden`, `conflict`, `payload_too_large`,
    /// `overloaded`, `internal`.
    #[schema(example = "bad_request")]
    pub code: &'static str,
    /// What went wrong, for a person. For a bad parameter it starts with the
    /// parameter's name in backquotes.
    #[schema(example = "invalid parameter `limit`: must be a whole number from 0 to 200")]
    pub message: String,
    /// The parameter at fault, for `bad_request` caused by one parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "limit")]
    pub param: Option<String>,
}

impl ApiError {
    /// A bad parameter.
    pub fn bad_param(param: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError::BadParam {
            param: param.into(),
            message: message.into(),
        }
    }

    /// An internal error: logs `what` (no user data) and hides it from the client.
    pub fn internal(what: &dyn std::fmt::Display) -> ApiError {
        tracing::error!(target: "server", error = %what, "internal error");
        ApiError::Internal
    }

    /// The fixed status of the error.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadParam { .. } | ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Overloaded => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The fixed code of the error.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadParam { .. } | ApiError::BadRequest(_) => "bad_request",
            ApiError::NotFound(_) => "not_found",
            ApiError::MethodNotAllowed(_) => "method_not_allowed",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::Conflict(_) => "conflict",
            ApiError::PayloadTooLarge { .. } => "payload_too_large",
            ApiError::Overloaded => "overloaded",
            ApiError::Internal => "internal",
        }
    }

    /// The body of the error.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code(),
                message: self.to_string(),
                param: match self {
                    ApiError::BadParam { param, .. } => Some(param.clone()),
                    _ => None,
                },
            },
        }
    }
}

impl From<IndexError> for ApiError {
    fn from(e: IndexError) -> Self {
        match e {
            IndexError::BadParam { param, message } => ApiError::BadParam { param, message },
            IndexError::Busy => ApiError::Conflict(
                "the archive is being written by another xinfang process; try again when it finishes".into(),
            ),
            other => ApiError::internal(&other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = JsonBody(self.body()).into_response();
        *res.status_mut() = self.status();
        if let ApiError::Unauthorized(_) = self {
            res.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        res
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn bad_param_names_the_parameter_in_message_and_field() {
        let e = ApiError::bad_param("limit", "must be a whole number");
        let body = serde_json::to_value(e.body()).unwrap();
        assert_eq!(body["error"]["code"], "bad_request");
        assert_eq!(body["error"]["param"], "limit");
        assert!(body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("`limit`"));
        assert_eq!(e.status(), StatusCode::BAD_REQUEST);
    }

    #[test]
    fn index_errors_map_to_user_or_internal_errors() {
        let user: ApiError = IndexError::BadParam {
            param: "from".into(),
            message: "after to".into(),
        }
        .into();
        assert_eq!(user.status(), StatusCode::BAD_REQUEST);
        let busy: ApiError = IndexError::Busy.into();
        assert_eq!(busy.status(), StatusCode::CONFLICT);
        let corrupt: ApiError = IndexError::Corrupt("letter record: secret text".into()).into();
        assert_eq!(corrupt, ApiError::Internal);
        assert!(!corrupt.body().error.message.contains("secret"));
    }
}
