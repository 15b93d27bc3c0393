//! The one error shape that crosses IPC: `{code, message, field?}`. The message is for
//! the user; the code is for the UI's logic; raw SQL and internals never cross.

use followthrough_core::Error;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IpcError {
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    /// The part of the field's text to highlight, in UTF-16 units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<[usize; 2]>,
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        let message = match &e {
            // The details of a database failure help nobody at the desk; they go to the
            // log, and the user gets something they can act on.
            Error::Database(inner) => {
                tracing::error!("database error: {inner}");
                "Follow Through couldn't read or write its database. Your data is safe; \
                 try again, and restart the app if it keeps happening."
                    .to_string()
            }
            other => other.to_string(),
        };
        IpcError {
            code: e.code(),
            message,
            field: e.field(),
            span: e.span(),
        }
    }
}

impl IpcError {
    /// A failure outside the core (the desktop, the file system) in the user's words.
    pub fn new(code: &'static str, message: String) -> Self {
        IpcError {
            code,
            message,
            field: None,
            span: None,
        }
    }

    pub fn internal(what: impl std::fmt::Display) -> Self {
        tracing::error!("internal error: {what}");
        IpcError {
            code: "internal",
            message: "Something went wrong inside Follow Through. Please try again.".into(),
            field: None,
            span: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn invalid_input_names_the_field() {
        let e: IpcError = Error::invalid("emails", "bad email").into();
        assert_eq!(
            serde_json::to_value(e).unwrap(),
            json!({"code": "invalid", "message": "bad email", "field": "emails"})
        );
    }

    #[test]
    fn a_template_error_carries_the_span_to_select() {
        let e: IpcError = followthrough_core::merge::check("Hi {{ nope }}", "body")
            .unwrap_err()
            .into();
        let v = serde_json::to_value(e).unwrap();
        assert_eq!(v["code"], "invalid");
        assert_eq!(v["field"], "body");
        assert_eq!(v["span"], json!([6, 10]));
    }

    #[test]
    fn database_errors_hide_sql() {
        let e: IpcError = Error::Database(rusqlite_error()).into();
        let v = serde_json::to_value(e).unwrap();
        assert_eq!(v["code"], "database");
        assert!(!v["message"].as_str().unwrap().contains("SELECT"));
        assert!(v.get("field").is_none());
    }

    #[test]
    fn not_found_is_plain_words() {
        let e: IpcError = Error::NotFound {
            what: "prospect",
            id: 7,
        }
        .into();
        assert_eq!(e.code, "not_found");
        assert!(e.message.contains("no longer exists"));
    }

    fn rusqlite_error() -> followthrough_core::rusqlite::Error {
        use followthrough_core::rusqlite::{ffi, Error as SqlError};
        SqlError::SqliteFailure(
            ffi::Error::new(1),
            Some("near \"SELECT\": syntax error".into()),
        )
    }
}
