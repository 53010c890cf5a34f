//! The pipeline: parse, segment, and (in later stages) recognise, resolve and attribute.

use crate::document::Document;
use crate::error::{Error, Result};
use crate::parse::{InputFormat, parse_blocks};
use crate::segment::segment;

/// Default limit on document size: 256 MiB.
pub const DEFAULT_MAX_BYTES: usize = 256 << 20;

/// Turns raw text into a [`Document`].
///
/// `Pipeline::new()` has the right defaults; [`Pipeline::builder`] changes them.
/// A pipeline is immutable, cheap to clone, `Send` and `Sync`: share one across threads.
///
/// # Example
/// ```
/// use informant::{Pipeline, InputFormat, Format};
/// let pipeline = Pipeline::builder()
///     .input_format(InputFormat::Fixed(Format::Text))
///     .tokens(true)
///     .build()?;
/// let doc = pipeline.parse("Syria’s army retreated.")?;
/// assert_eq!(doc.tokens().len(), 5); // Syria ’s army retreated .
/// # Ok::<(), informant::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Pipeline {
    input: InputFormat,
    tokens: bool,
    max_bytes: usize,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new()
    }
}

impl Pipeline {
    /// A pipeline with the defaults: format auto-detected, tokens on, 256 MiB limit.
    pub fn new() -> Self {
        Pipeline {
            input: InputFormat::Auto,
            tokens: true,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }

    /// A builder to configure a pipeline.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder {
            inner: Pipeline::new(),
        }
    }

    /// The input format this pipeline parses.
    pub fn input_format(&self) -> InputFormat {
        self.input
    }

    /// Parses and segments `text`: blocks, sentences and (if enabled) tokens.
    ///
    /// # Errors
    /// [`Error::TooLarge`] past the size limit; [`Error::UnsupportedFormat`] for HTML.
    pub fn parse(&self, text: &str) -> Result<Document> {
        self.parse_owned(text.to_owned())
    }

    /// Like [`Pipeline::parse`], taking ownership of the text to avoid a copy.
    ///
    /// # Errors
    /// As [`Pipeline::parse`].
    pub fn parse_owned(&self, text: String) -> Result<Document> {
        if text.len() > self.max_bytes {
            return Err(Error::TooLarge {
                size: text.len(),
                limit: self.max_bytes,
            });
        }
        let mut doc = parse_blocks(text, self.input)?;
        segment(&mut doc, self.tokens);
        Ok(doc)
    }

    /// Parses bytes, checking they are UTF-8.
    ///
    /// # Errors
    /// [`Error::InvalidUtf8`] with the position of the first bad byte, and as [`Pipeline::parse`].
    pub fn parse_bytes(&self, bytes: &[u8]) -> Result<Document> {
        let text = std::str::from_utf8(bytes).map_err(|e| Error::from_utf8(&e))?;
        self.parse(text)
    }

    /// Runs the whole pipeline on `text`. Until entity recognition lands this equals [`Pipeline::parse`].
    ///
    /// # Errors
    /// As [`Pipeline::parse`].
    pub fn extract(&self, text: &str) -> Result<Document> {
        self.parse(text)
    }
}

/// Configures a [`Pipeline`]; see [`Pipeline::builder`].
#[derive(Debug, Clone)]
pub struct PipelineBuilder {
    inner: Pipeline,
}

impl PipelineBuilder {
    /// How to choose the parser. Default: [`InputFormat::Auto`].
    pub fn input_format(mut self, input: InputFormat) -> Self {
        self.inner.input = input;
        self
    }

    /// Whether to tokenize. Default: `true`.
    pub fn tokens(mut self, yes: bool) -> Self {
        self.inner.tokens = yes;
        self
    }

    /// Largest document accepted, in bytes. Default: [`DEFAULT_MAX_BYTES`].
    pub fn max_bytes(mut self, n: usize) -> Self {
        self.inner.max_bytes = n;
        self
    }

    /// Builds the pipeline.
    ///
    /// # Errors
    /// None yet; later options (user gazetteers, patterns) can fail to load.
    pub fn build(self) -> Result<Pipeline> {
        Ok(self.inner)
    }
}
