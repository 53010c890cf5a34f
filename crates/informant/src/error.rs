//! The crate's error type.

use thiserror::Error;

/// Everything that can go wrong in informant.
///
/// Each variant carries the offending data (byte position, file and line, the
/// pattern) so that the message alone tells a user what to fix.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// The input bytes are not valid UTF-8.
    #[error("invalid UTF-8 at byte {position}")]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        position: usize,
    },
    /// The document is larger than the configured limit.
    #[error("document of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The configured maximum.
        limit: usize,
    },
    /// The requested input format is not supported by this build.
    #[error("unsupported input format: {0}")]
    UnsupportedFormat(String),
    /// A JSON document or JSON Lines record could not be read.
    #[error("invalid JSON{}: {message}", line.map(|l| format!(" at line {l}")).unwrap_or_default())]
    Json {
        /// 1-based line number for JSON Lines input, if known.
        line: Option<usize>,
        /// What was wrong.
        message: String,
    },
    /// A span or offset does not fit the text it refers to.
    #[error("invalid span {start}..{end}: {message}")]
    InvalidSpan {
        /// Start offset as given.
        start: usize,
        /// End offset as given.
        end: usize,
        /// What was wrong.
        message: String,
    },
    /// A user-supplied gazetteer file is malformed.
    #[error("gazetteer {path}, line {line}: {message}")]
    Gazetteer {
        /// The file (or `<memory>`).
        path: String,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// A user-supplied pattern does not compile.
    #[error("invalid pattern {pattern:?}: {message}")]
    Pattern {
        /// The pattern as given.
        pattern: String,
        /// The regex engine's explanation.
        message: String,
    },
    /// Reading a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file that could not be read.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Worker threads for a stream could not be started (or zero were asked for).
    #[error("cannot start {threads} worker threads: {message}")]
    Threads {
        /// The number of threads asked for.
        threads: usize,
        /// What went wrong.
        message: String,
    },
    /// A date given by the caller (the document's date) is not ISO 8601 or does not exist.
    #[error("invalid date {value:?}: {message}")]
    InvalidDate {
        /// The date as given.
        value: String,
        /// What was wrong.
        message: String,
    },
}

/// Result alias with [`enum@Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The error for bytes that are not UTF-8.
    pub(crate) fn from_utf8(e: &std::str::Utf8Error) -> Self {
        Error::InvalidUtf8 {
            position: e.valid_up_to(),
        }
    }
}
