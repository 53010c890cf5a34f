//! The pipeline: parse, segment, and (in later stages) recognise, resolve and attribute.

use std::path::PathBuf;
use std::sync::Arc;

use crate::document::{Document, EntityType};
use crate::error::{Error, Result};
use crate::parse::{InputFormat, parse_blocks};
use crate::recognise::{ContextRules, Gazetteer, GazetteerRecogniser, Recogniser, merge};
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
    recognisers: Vec<Arc<dyn Recogniser>>,
    resolve: bool,
    attribute: bool,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new()
    }
}

impl Pipeline {
    /// A pipeline with the defaults: format auto-detected, tokens on, 256 MiB limit.
    ///
    /// Entity extraction uses the built-in gazetteer, patterns and context rules.
    pub fn new() -> Self {
        // The built-in data are checked by the test suite; should they ever fail
        // to load, the pipeline still parses and runs the other recognisers.
        Pipeline::builder()
            .build()
            .unwrap_or_else(|_| Pipeline::bare())
    }

    /// A pipeline with no recogniser.
    fn bare() -> Self {
        Pipeline {
            input: InputFormat::Auto,
            tokens: true,
            max_bytes: DEFAULT_MAX_BYTES,
            recognisers: Vec::new(),
            resolve: true,
            attribute: true,
        }
    }

    /// A builder to configure a pipeline.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder {
            inner: Pipeline::bare(),
            builtin_gazetteer: true,
            patterns: true,
            rules: true,
            gazetteer_files: Vec::new(),
            gazetteer_sources: Vec::new(),
            user_patterns: Vec::new(),
            extra: Vec::new(),
        }
    }

    /// Names of the recognisers, in the order they run.
    pub fn recogniser_names(&self) -> Vec<&str> {
        self.recognisers.iter().map(|r| r.name()).collect()
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

    /// Runs the whole pipeline on `text`: parse, segment, recognise, resolve, attribute.
    ///
    /// # Errors
    /// As [`Pipeline::parse`].
    ///
    /// # Example
    /// ```
    /// let doc = informant::Pipeline::new().extract("President Vladimir Putin met Assad in Moscow.")?;
    /// let found: Vec<(&str, &str)> = doc
    ///     .mentions()
    ///     .iter()
    ///     .map(|m| (doc.span_text(m.span), m.entity_type.as_str()))
    ///     .collect();
    /// assert!(found.contains(&("Moscow", "Location")));
    /// assert!(found.contains(&("Assad", "Person")));
    /// # Ok::<(), informant::Error>(())
    /// ```
    pub fn extract(&self, text: &str) -> Result<Document> {
        self.extract_owned(text.to_owned())
    }

    /// Like [`Pipeline::extract`], taking ownership of the text.
    ///
    /// # Errors
    /// As [`Pipeline::parse`].
    pub fn extract_owned(&self, text: String) -> Result<Document> {
        if text.len() > self.max_bytes {
            return Err(Error::TooLarge {
                size: text.len(),
                limit: self.max_bytes,
            });
        }
        let mut doc = parse_blocks(text, self.input)?;
        // Recognisers read tokens, whatever the output wants.
        segment(&mut doc, true);
        self.recognise(&mut doc);
        if self.resolve {
            crate::resolve::resolve(&mut doc);
        }
        if self.attribute {
            crate::attribute::attribute(&mut doc);
        }
        if !self.tokens {
            doc.tokens = Vec::new();
        }
        Ok(doc)
    }

    /// Runs [`Pipeline::extract`] on many texts, in parallel on all cores (with the
    /// `parallel` feature, on by default), returning results in input order.
    ///
    /// # Example
    /// ```
    /// let texts = vec!["Assad fled.".to_string(), "Putin spoke.".to_string()];
    /// let docs = informant::Pipeline::new().extract_batch(texts);
    /// assert_eq!(docs.len(), 2);
    /// assert!(docs.iter().all(|d| d.is_ok()));
    /// ```
    pub fn extract_batch(&self, texts: Vec<String>) -> Vec<Result<Document>> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            texts
                .into_par_iter()
                .map(|t| self.extract_owned(t))
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            texts.into_iter().map(|t| self.extract_owned(t)).collect()
        }
    }

    /// Runs [`Pipeline::parse`] on many texts, like [`Pipeline::extract_batch`].
    pub fn parse_batch(&self, texts: Vec<String>) -> Vec<Result<Document>> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            texts.into_par_iter().map(|t| self.parse_owned(t)).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            texts.into_iter().map(|t| self.parse_owned(t)).collect()
        }
    }

    /// Runs the recognisers in order; each sees the merged mentions of those before it.
    fn recognise(&self, doc: &mut Document) {
        for (order, r) in self.recognisers.iter().enumerate() {
            let mut found = Vec::new();
            r.recognise(doc, &mut found);
            if found.is_empty() {
                continue;
            }
            // Merging the merged list with the new mentions equals merging everything
            // (the policy only ever drops), without re-cloning earlier mentions.
            // Earlier mentions carry order 0: a tie goes to the newer recogniser.
            let earlier = std::mem::take(&mut doc.mentions)
                .into_iter()
                .map(|m| (0, m));
            doc.mentions = merge(
                earlier
                    .chain(found.into_iter().map(|m| (order + 1, m)))
                    .collect(),
            );
        }
    }
}

/// Configures a [`Pipeline`]; see [`Pipeline::builder`].
#[derive(Debug, Clone)]
pub struct PipelineBuilder {
    inner: Pipeline,
    builtin_gazetteer: bool,
    patterns: bool,
    rules: bool,
    gazetteer_files: Vec<PathBuf>,
    gazetteer_sources: Vec<(String, String)>,
    user_patterns: Vec<(EntityType, Option<String>, String)>,
    extra: Vec<Arc<dyn Recogniser>>,
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

    /// Whether to use the built-in gazetteer. Default: `true`.
    pub fn builtin_gazetteer(mut self, yes: bool) -> Self {
        self.builtin_gazetteer = yes;
        self
    }

    /// Whether to run the pattern recogniser (dates, money, quantities, ...). Default: `true`.
    pub fn patterns(mut self, yes: bool) -> Self {
        self.patterns = yes;
        self
    }

    /// Whether to run the context rules. Default: `true`.
    pub fn rules(mut self, yes: bool) -> Self {
        self.rules = yes;
        self
    }

    /// Whether to group mentions into entities. Default: `true`.
    pub fn resolve(mut self, yes: bool) -> Self {
        self.inner.resolve = yes;
        self
    }

    /// Whether to find attributed claims. Default: `true`.
    pub fn attribute(mut self, yes: bool) -> Self {
        self.inner.attribute = yes;
        self
    }

    /// Adds a user gazetteer file (`.tsv`, `.csv`, `.json`, `.jsonl`), merged with the built-in one.
    /// Default: none.
    pub fn gazetteer_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.gazetteer_files.push(path.into());
        self
    }

    /// Adds a user gazetteer held in memory: `name` is used in error messages and its
    /// extension (`.tsv`, `.csv`, `.json`, `.jsonl`) chooses the reader. Default: none.
    ///
    /// # Example
    /// ```
    /// let p = informant::Pipeline::builder()
    ///     .gazetteer_source("mine.csv", "name,type,aliases\nAl-Tanf garrison,Location,Tanf|At Tanf\n")
    ///     .build()?;
    /// let doc = p.extract("Drones struck near At Tanf.")?;
    /// assert!(doc.mentions().iter().any(|m| doc.span_text(m.span) == "At Tanf"));
    /// # Ok::<(), informant::Error>(())
    /// ```
    pub fn gazetteer_source(mut self, name: impl Into<String>, content: impl Into<String>) -> Self {
        self.gazetteer_sources.push((name.into(), content.into()));
        self
    }

    /// Adds a regular expression (the `regex` crate's syntax) whose matches are
    /// mentions of `entity_type`. Default: none.
    ///
    /// # Example
    /// ```
    /// use informant::{EntityType, Pipeline};
    /// let p = Pipeline::builder()
    ///     .pattern(EntityType::MilitaryPlatform, Some("hull".into()), r"\bDDG-\d+\b")
    ///     .build()?;
    /// let doc = p.extract("USS Ross (DDG-71) fired.")?;
    /// assert!(doc.mentions().iter().any(|m| doc.span_text(m.span) == "DDG-71"));
    /// assert!(Pipeline::builder().pattern(EntityType::Url, None, "(").build().is_err());
    /// # Ok::<(), informant::Error>(())
    /// ```
    pub fn pattern(
        mut self,
        entity_type: EntityType,
        subtype: Option<String>,
        regex: impl Into<String>,
    ) -> Self {
        self.user_patterns
            .push((entity_type, subtype, regex.into()));
        self
    }

    /// Adds a recogniser of your own; it runs after the built-in ones. Default: none.
    pub fn recogniser(mut self, r: impl Recogniser + 'static) -> Self {
        self.extra.push(Arc::new(r));
        self
    }

    /// Builds the pipeline, loading gazetteers.
    ///
    /// # Errors
    /// [`Error::Io`] or [`Error::Gazetteer`] for a user gazetteer file that cannot be read or is malformed.
    pub fn build(self) -> Result<Pipeline> {
        let mut p = self.inner;
        let mut gaz = if self.builtin_gazetteer {
            Some(Gazetteer::builtin()?)
        } else {
            None
        };
        if !self.gazetteer_files.is_empty() || !self.gazetteer_sources.is_empty() {
            let mut b = Gazetteer::builder();
            if let Some(g) = &gaz {
                b = b.extend(g);
            }
            for f in &self.gazetteer_files {
                b = b.add_file(f)?;
            }
            for (name, content) in &self.gazetteer_sources {
                b = b.add_source(name, content)?;
            }
            gaz = Some(b.build()?);
        }
        p.recognisers.clear();
        if self.patterns || !self.user_patterns.is_empty() {
            let mut r = if self.patterns {
                crate::recognise::PatternRecogniser::new()
            } else {
                crate::recognise::PatternRecogniser::user_only()
            };
            for (ty, subtype, regex) in self.user_patterns {
                r = r.with_pattern(ty, subtype, &regex)?;
            }
            p.recognisers.push(Arc::new(r));
        }
        if let Some(g) = &gaz {
            p.recognisers
                .push(Arc::new(GazetteerRecogniser::new(g.clone())));
        }
        if self.rules {
            let g = gaz.clone().unwrap_or_else(Gazetteer::empty);
            p.recognisers.push(Arc::new(ContextRules::new(&g)));
        }
        p.recognisers.extend(self.extra);
        Ok(p)
    }
}
