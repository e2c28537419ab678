//! [`Error`]: what a handler's `?` turns any error into; each has an HTTP status, and the app
//! answers with that status's page (an exception handler's, when one is set).

use ft_html::values::ValueError;
use std::fmt;

/// A handler error with its HTTP status. `?` converts any `std::error::Error` into one (500,
/// or the status the error names: request-value errors are 400/404, ft-data's `NotFound` 404,
/// its constraint errors 409 with a generic message, the database's text going to the log);
/// build others with [`Error::new`] or the shortcuts.
///
/// ```
/// use ft_web::Error;
/// let e = Error::not_found("no such todo");
/// assert_eq!(e.status(), 404);
/// assert_eq!(e.message(), "no such todo");
/// ```
pub struct Error {
    status: u16,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
    retry_after: Option<u32>,
}

/// `Result<T, ft_web::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error with a status and a message shown to the client.
    pub fn new(status: u16, message: impl Into<String>) -> Error {
        Error {
            status,
            message: message.into(),
            source: None,
            retry_after: None,
        }
    }
    /// 400 Bad Request.
    pub fn bad_request(message: impl Into<String>) -> Error {
        Error::new(400, message)
    }
    /// 404 Not Found.
    pub fn not_found(message: impl Into<String>) -> Error {
        Error::new(404, message)
    }
    /// 403 Forbidden.
    pub fn forbidden(message: impl Into<String>) -> Error {
        Error::new(403, message)
    }
    /// 413 Payload Too Large.
    pub fn payload_too_large(limit: usize) -> Error {
        Error::new(413, format!("Request body too large (limit {limit} bytes)"))
    }
    /// 429 Too Many Requests, telling the client when to try again (`Retry-After`).
    ///
    /// ```
    /// let e = ft_web::Error::too_many_requests("slow down", 30);
    /// assert_eq!((e.status(), e.retry_after()), (429, Some(30)));
    /// ```
    pub fn too_many_requests(message: impl Into<String>, retry_after_secs: u32) -> Error {
        Error::new(429, message).with_retry_after(retry_after_secs)
    }
    /// The same error, answered with `Retry-After: secs` (for a 429 or a 503).
    pub fn with_retry_after(mut self, secs: u32) -> Error {
        self.retry_after = Some(secs);
        self
    }
    /// The seconds of the `Retry-After` header, if the error has one.
    pub fn retry_after(&self) -> Option<u32> {
        self.retry_after
    }
    /// 500 Internal Server Error; the message is logged, the client sees a generic page
    /// (unless the app is in debug mode).
    pub fn internal(message: impl Into<String>) -> Error {
        Error::new(500, message)
    }
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }
    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The error this one came from, if any.
    pub fn source(&self) -> Option<&(dyn std::error::Error + Send + Sync + 'static)> {
        self.source.as_deref()
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({}, {:?})", self.status, self.message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status, self.message)
    }
}

/// What the client is told when a database constraint fails: the database's own text names
/// tables, columns and whether a value exists (another account's id, a taken name), so it
/// goes to the server log only.
pub(crate) const CONFLICT: &str = "This conflicts with data that is already stored.";

/// The status and the client's message for errors of other crates, found by their type.
fn status_of(e: &(dyn std::error::Error + 'static)) -> (u16, String) {
    if e.is::<crate::disconnect::ClientGone>() {
        return (204, String::new()); // SPEC 7.14: the work was dropped, nothing to say
    }
    if let Some(v) = e.downcast_ref::<ValueError>() {
        return (v.status(), e.to_string());
    }
    if let Some(d) = e.downcast_ref::<ft_data::Error>() {
        if let ft_data::Error::Constraint(detail) = d {
            tracing::info!(status = 409, "database constraint: {detail}");
            return (409, CONFLICT.to_owned());
        }
        return (d.status(), e.to_string());
    }
    (500, e.to_string())
}

impl<E: std::error::Error + Send + Sync + 'static> From<E> for Error {
    fn from(e: E) -> Error {
        let (status, message) = status_of(&e);
        Error {
            status,
            message,
            source: Some(Box::new(e)),
            retry_after: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_constraint_error_keeps_the_database_text_out_of_the_message() {
        let e = Error::from(ft_data::Error::Constraint(
            "UNIQUE constraint failed: todos.id".into(),
        ));
        assert_eq!((e.status(), e.message()), (409, CONFLICT));
        assert!(
            e.source()
                .is_some_and(|s| s.to_string().contains("todos.id"))
        );
        let nf = Error::from(ft_data::Error::NotFound);
        assert_eq!((nf.status(), nf.message()), (404, "record not found"));
    }
}
