//! The pipeline: parse, segment, recognise, resolve, attribute.

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::document::{Document, EntityType, Format, Mention, MentionKind};
use crate::error::{Error, Result};
use crate::parse::{InputFormat, parse_blocks};
use crate::recognise::{
    ContextRules, Gazetteer, GazetteerRecogniser, PatternRecogniser, Recogniser, Tagger, merge,
};
use crate::segment::segment;
use crate::timex::{Date, DateSource};

/// Default limit on document size: 256 MiB.
pub const DEFAULT_MAX_BYTES: usize = 256 << 20;

/// Everything that defines a [`Pipeline`], as plain data: it serialises (JSON
/// via serde), so a pipeline can be rebuilt elsewhere, e.g. on a Dask or Spark
/// worker, with [`Pipeline::from_config`]. User gazetteer files are held by
/// content, not path. Recognisers added with [`PipelineBuilder::recogniser`]
/// are code, not data, and are not part of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct PipelineConfig {
    /// Input format: `auto`, `text`, `markdown` or `html`.
    pub input: String,
    /// Keep tokens in the output documents.
    pub tokens: bool,
    /// Largest document accepted, in bytes.
    pub max_bytes: usize,
    /// Use the built-in gazetteer.
    pub builtin_gazetteer: bool,
    /// Run the built-in patterns.
    pub patterns: bool,
    /// Run the context rules.
    pub rules: bool,
    /// Run the statistical tagger (after the rules).
    pub tagger: bool,
    /// Group mentions into entities.
    pub resolve: bool,
    /// Resolve Location entities to GeoNames places (needs `resolve`; see [`crate::geo`]);
    /// with `rules`, also run the `Town, St.` recogniser ([`crate::geo::PlaceQualifiers`]).
    /// (Absent in configurations saved before it existed: on.)
    pub geo: bool,
    /// Find attributed claims.
    pub attribute: bool,
    /// User gazetteers as `(name, content)`; the name's extension chooses the reader.
    pub gazetteers: Vec<(String, String)>,
    /// User patterns as `(type, subtype, regex)`.
    pub user_patterns: Vec<(String, Option<String>, String)>,
    /// The mention kinds kept in the output, after resolution; `None` keeps every
    /// kind. (Absent in configurations saved before it existed: every kind.)
    #[serde(default)]
    pub kinds: Option<Vec<MentionKind>>,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig {
            input: "auto".into(),
            tokens: true,
            max_bytes: DEFAULT_MAX_BYTES,
            builtin_gazetteer: true,
            patterns: true,
            rules: true,
            tagger: true,
            resolve: true,
            geo: true,
            attribute: true,
            gazetteers: Vec::new(),
            user_patterns: Vec::new(),
            kinds: None,
        }
    }
}

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
    config: PipelineConfig,
    input: InputFormat,
    recognisers: Vec<Arc<dyn Recogniser>>,
    /// How many recognisers run before the tagger's place (whether or not it is on).
    tagger_at: usize,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new()
    }
}

impl Pipeline {
    /// A pipeline with the defaults: format auto-detected, tokens on, 256 MiB
    /// limit, and entity extraction with the built-in gazetteer, patterns,
    /// context rules and tagger, resolution and attribution.
    pub fn new() -> Self {
        // The built-in data are checked by the test suite; should they ever fail
        // to load, the pipeline still parses and runs the other stages.
        Pipeline::builder().build().unwrap_or_else(|_| Pipeline {
            config: PipelineConfig::default(),
            input: InputFormat::Auto,
            recognisers: Vec::new(),
            tagger_at: 0,
        })
    }

    /// A builder to configure a pipeline.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder {
            config: PipelineConfig::default(),
            gazetteer_files: Vec::new(),
            extra: Vec::new(),
            tagger: None,
        }
    }

    /// Rebuilds a pipeline from its configuration.
    ///
    /// # Errors
    /// As [`PipelineBuilder::build`], and [`Error::UnsupportedFormat`] for an
    /// unknown input format or entity type in the configuration.
    ///
    /// # Example
    /// ```
    /// use informant::{Pipeline, PipelineConfig};
    /// let p = Pipeline::builder().tokens(false).build()?;
    /// let json = serde_json::to_string(p.config()).unwrap();
    /// let config: PipelineConfig = serde_json::from_str(&json).unwrap();
    /// let again = Pipeline::from_config(config)?;
    /// assert_eq!(again.config(), p.config());
    /// # Ok::<(), informant::Error>(())
    /// ```
    pub fn from_config(config: PipelineConfig) -> Result<Pipeline> {
        PipelineBuilder {
            config,
            gazetteer_files: Vec::new(),
            extra: Vec::new(),
            tagger: None,
        }
        .build()
    }

    /// The configuration this pipeline was built from.
    pub fn config(&self) -> &PipelineConfig {
        &self.config
    }

    /// The input format this pipeline parses.
    pub fn input_format(&self) -> InputFormat {
        self.input
    }

    /// Names of the recognisers, in the order they run.
    pub fn recogniser_names(&self) -> Vec<&str> {
        self.recognisers.iter().map(|r| r.name()).collect()
    }

    fn check_size(&self, text: &str) -> Result<()> {
        if text.len() > self.config.max_bytes {
            return Err(Error::TooLarge {
                size: text.len(),
                limit: self.config.max_bytes,
            });
        }
        Ok(())
    }

    /// Parses and segments `text`: blocks, sentences and (if enabled) tokens.
    ///
    /// # Errors
    /// [`Error::TooLarge`] past the size limit; [`Error::UnsupportedFormat`] for HTML
    /// in a build without the `html` feature.
    pub fn parse(&self, text: &str) -> Result<Document> {
        self.parse_owned(text.to_owned())
    }

    /// Like [`Pipeline::parse`], taking ownership of the text to avoid a copy.
    ///
    /// # Errors
    /// As [`Pipeline::parse`].
    pub fn parse_owned(&self, text: String) -> Result<Document> {
        self.check_size(&text)?;
        let mut doc = parse_blocks(text, self.input)?;
        segment(&mut doc, self.config.tokens);
        Ok(doc)
    }

    /// Parses bytes. HTML (the input format `html`, or `auto` and the bytes look
    /// like a page) is decoded with the charset its BOM or `<meta charset>` declares,
    /// else as UTF-8 with a windows-1252 fallback; other formats must be UTF-8.
    ///
    /// # Errors
    /// [`Error::InvalidUtf8`] with the position of the first bad byte (not for HTML),
    /// [`Error::UnsupportedFormat`] for binary data given as HTML, and as [`Pipeline::parse`].
    ///
    /// # Example
    /// ```
    /// let page = b"<html><meta charset=windows-1252><h1>Caf\xe9 news</h1><p>Text.</p></html>";
    /// let doc = informant::Pipeline::new().parse_bytes(page)?;
    /// assert_eq!(doc.title_text(), Some("Café news"));
    /// # Ok::<(), informant::Error>(())
    /// ```
    pub fn parse_bytes(&self, bytes: &[u8]) -> Result<Document> {
        if let Some(doc) = self.html_from_bytes(bytes)? {
            let mut doc = doc;
            segment(&mut doc, self.config.tokens);
            return Ok(doc);
        }
        let text = std::str::from_utf8(bytes).map_err(|e| Error::from_utf8(&e))?;
        self.parse(text)
    }

    /// Like [`Pipeline::parse_bytes`], then the whole pipeline as [`Pipeline::extract`].
    ///
    /// # Errors
    /// As [`Pipeline::parse_bytes`].
    pub fn extract_bytes(&self, bytes: &[u8]) -> Result<Document> {
        if let Some(doc) = self.html_from_bytes(bytes)? {
            return Ok(self.extract_parsed(doc));
        }
        let text = std::str::from_utf8(bytes).map_err(|e| Error::from_utf8(&e))?;
        self.extract(text)
    }

    /// The HTML document for bytes that are HTML by configuration or by look; `None` otherwise.
    fn html_from_bytes(&self, bytes: &[u8]) -> Result<Option<Document>> {
        let html = match self.input {
            InputFormat::Fixed(Format::Html) => true,
            InputFormat::Auto => crate::parse::bytes_look_like_html(bytes),
            _ => false,
        };
        if !html {
            return Ok(None);
        }
        if bytes.len() > self.config.max_bytes {
            return Err(Error::TooLarge {
                size: bytes.len(),
                limit: self.config.max_bytes,
            });
        }
        #[cfg(feature = "html")]
        {
            crate::parse::parse_html_bytes(bytes).map(Some)
        }
        #[cfg(not(feature = "html"))]
        {
            Err(Error::UnsupportedFormat(
                "html (this build has no `html` feature)".into(),
            ))
        }
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
        self.extract_dated(text, None)
    }

    /// Like [`Pipeline::extract_owned`], with the document's date given by the caller: the
    /// anchor of relative time expressions (`yesterday`, `on Friday`), taking the place of a
    /// date the document gives itself; `None` leaves the date to the document (page metadata,
    /// a dateline), as [`Pipeline::extract`] does. Same as extracting, then
    /// [`Document::set_date`], with the time expressions normalised once.
    ///
    /// # Example
    /// ```
    /// let p = informant::Pipeline::new();
    /// let doc = p.extract_dated("Talks ended on Friday.".into(), Some("2024-12-11".parse()?))?;
    /// let friday = doc.mentions().iter().find(|m| doc.span_text(m.span) == "Friday").unwrap();
    /// assert_eq!(friday.timex.as_ref().unwrap().value.as_deref(), Some("2024-12-06"));
    /// # Ok::<(), informant::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Pipeline::parse`].
    pub fn extract_dated(&self, text: String, date: Option<Date>) -> Result<Document> {
        self.check_size(&text)?;
        let doc = parse_blocks(text, self.input)?;
        Ok(self.extract_parsed_dated(doc, date))
    }

    /// Segments, recognises, resolves and attributes a parsed document.
    fn extract_parsed(&self, doc: Document) -> Document {
        self.extract_parsed_dated(doc, None)
    }

    /// [`Pipeline::extract_parsed`] with the caller's date, if any.
    fn extract_parsed_dated(&self, mut doc: Document, date: Option<Date>) -> Document {
        // Recognisers read tokens, whatever the output wants.
        segment(&mut doc, true);
        self.recognise(&mut doc);
        crate::recognise::spans::normalise(&mut doc);
        if self.config.geo && self.config.rules {
            crate::geo::one_mention_per_nested_place(&mut doc);
        }
        crate::recognise::spans::flat_names(&mut doc);
        if self.config.rules {
            crate::recognise::vehicles::drop_makers(&mut doc);
        }
        if self.config.resolve {
            crate::resolve::resolve(&mut doc);
            if self.config.geo {
                crate::geo::resolve_places(&mut doc);
            }
        }
        if self.config.attribute {
            crate::attribute::attribute(&mut doc);
        }
        crate::recognise::spans::titled(&mut doc);
        crate::recognise::gazetteer::plural_demonyms_nominal(&mut doc);
        // Time expressions against the caller's date, else the date the document gives
        // itself (metadata, dateline).
        let date = date.map(|d| (d, DateSource::Input));
        match date.or_else(|| crate::timex::infer_date(&doc)) {
            Some((date, source)) => doc.set_date_from(Some(date), source),
            None => crate::timex::normalise(&mut doc),
        }
        if let Some(kinds) = &self.config.kinds {
            doc.retain_mentions(|m| kinds.contains(&m.kind));
        }
        if !self.config.tokens {
            doc.tokens = Vec::new();
        }
        doc
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
        self.batch(texts, Pipeline::extract_owned)
    }

    /// Runs [`Pipeline::extract_dated`] on many texts, each with its date, in parallel like
    /// [`Pipeline::extract_batch`].
    pub fn extract_batch_dated(&self, items: Vec<(String, Option<Date>)>) -> Vec<Result<Document>> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            items
                .into_par_iter()
                .map(|(t, d)| self.extract_dated(t, d))
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            items
                .into_iter()
                .map(|(t, d)| self.extract_dated(t, d))
                .collect()
        }
    }

    /// Runs [`Pipeline::parse`] on many texts, like [`Pipeline::extract_batch`].
    pub fn parse_batch(&self, texts: Vec<String>) -> Vec<Result<Document>> {
        self.batch(texts, Pipeline::parse_owned)
    }

    fn batch(
        &self,
        texts: Vec<String>,
        f: fn(&Pipeline, String) -> Result<Document>,
    ) -> Vec<Result<Document>> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            texts.into_par_iter().map(|t| f(self, t)).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            texts.into_iter().map(|t| f(self, t)).collect()
        }
    }

    /// Runs the recognisers in order; each sees the merged mentions of those before it.
    /// Parses `text` and runs only the recognisers placed before the tagger, merged as
    /// in [`Pipeline::extract`] but with no span normalisation, resolution or
    /// attribution: the document as the tagger reads it. For training a tagger
    /// (`crates/informant-train`), so that it learns from what it will see.
    ///
    /// # Errors
    /// As [`Pipeline::parse`].
    pub fn prepare_for_tagger(&self, text: &str) -> Result<Document> {
        self.check_size(text)?;
        let mut doc = parse_blocks(text.to_owned(), self.input)?;
        segment(&mut doc, true);
        self.recognise_with(&mut doc, &self.recognisers[..self.tagger_at]);
        Ok(doc)
    }

    fn recognise(&self, doc: &mut Document) {
        self.recognise_with(doc, &self.recognisers);
    }

    fn recognise_with(&self, doc: &mut Document, recognisers: &[Arc<dyn Recogniser>]) {
        for (order, r) in recognisers.iter().enumerate() {
            let mut found: Vec<Mention> = Vec::new();
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
    config: PipelineConfig,
    gazetteer_files: Vec<PathBuf>,
    extra: Vec<Arc<dyn Recogniser>>,
    tagger: Option<Arc<dyn Recogniser>>,
}

impl PipelineBuilder {
    /// How to choose the parser. Default: [`InputFormat::Auto`].
    pub fn input_format(mut self, input: InputFormat) -> Self {
        self.config.input = match input {
            InputFormat::Fixed(f) => f.as_str().into(),
            _ => "auto".into(),
        };
        self
    }

    /// Whether to keep tokens in the output documents. Default: `true`.
    /// (Extraction always tokenizes internally.)
    pub fn tokens(mut self, yes: bool) -> Self {
        self.config.tokens = yes;
        self
    }

    /// Largest document accepted, in bytes. Default: [`DEFAULT_MAX_BYTES`].
    pub fn max_bytes(mut self, n: usize) -> Self {
        self.config.max_bytes = n;
        self
    }

    /// Whether to use the built-in gazetteer. Default: `true`.
    pub fn builtin_gazetteer(mut self, yes: bool) -> Self {
        self.config.builtin_gazetteer = yes;
        self
    }

    /// Whether to run the built-in patterns (dates, money, quantities, ...). Default: `true`.
    pub fn patterns(mut self, yes: bool) -> Self {
        self.config.patterns = yes;
        self
    }

    /// Whether to run the context rules. Default: `true`.
    pub fn rules(mut self, yes: bool) -> Self {
        self.config.rules = yes;
        self
    }

    /// Whether to run the statistical tagger, which finds the names, nominals and
    /// pronouns the lists and rules miss (see [`Tagger`]). Default: `true`.
    pub fn tagger(mut self, yes: bool) -> Self {
        self.config.tagger = yes;
        self
    }

    /// Whether to group mentions into entities. Default: `true`.
    pub fn resolve(mut self, yes: bool) -> Self {
        self.config.resolve = yes;
        self
    }

    /// Whether to resolve Location entities to GeoNames places with coordinates
    /// (see [`crate::geo`]); it needs [`PipelineBuilder::resolve`]. Default: `true`.
    pub fn geo(mut self, yes: bool) -> Self {
        self.config.geo = yes;
        self
    }

    /// Whether to find attributed claims. Default: `true`.
    pub fn attribute(mut self, yes: bool) -> Self {
        self.config.attribute = yes;
        self
    }

    /// Adds a user gazetteer file (`.tsv`, `.csv`, `.json`, `.jsonl`), merged with
    /// the built-in one; it is read when the pipeline is built. Default: none.
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
        self.config.gazetteers.push((name.into(), content.into()));
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
        self.config
            .user_patterns
            .push((entity_type.as_str().into(), subtype, regex.into()));
        self
    }

    /// Keeps only mentions of these kinds in the output: `&[MentionKind::Name]` for
    /// names alone. Entities still form from every mention (a pronoun still joins
    /// its person) and are then re-indexed; see [`Document::retain_mentions`].
    /// Default: every kind.
    ///
    /// # Example
    /// ```
    /// use informant::{MentionKind, Pipeline};
    /// let p = Pipeline::builder().kinds(&[MentionKind::Name]).build()?;
    /// let doc = p.extract("Assad fled. He reached Moscow.")?;
    /// assert!(doc.mentions().iter().all(|m| m.kind == MentionKind::Name));
    /// assert!(doc.mentions().iter().any(|m| doc.span_text(m.span) == "Moscow"));
    /// # Ok::<(), informant::Error>(())
    /// ```
    pub fn kinds(mut self, kinds: &[MentionKind]) -> Self {
        let mut k = kinds.to_vec();
        k.sort();
        k.dedup();
        self.config.kinds = Some(k);
        self
    }

    /// Uses `tagger` (for example one with a model of your own, [`Tagger::with_model`]) in
    /// the built-in tagger's place, after the lists and rules and before the recognisers
    /// that must not feed it; turns the tagger on. Default: the built-in model.
    pub fn tagger_model(mut self, tagger: Tagger) -> Self {
        self.config.tagger = true;
        self.tagger = Some(Arc::new(tagger));
        self
    }

    /// Adds a recogniser of your own; it runs after the built-in ones. Default: none.
    pub fn recogniser(mut self, r: impl Recogniser + 'static) -> Self {
        self.extra.push(Arc::new(r));
        self
    }

    /// Builds the pipeline, loading gazetteers and compiling patterns.
    ///
    /// # Errors
    /// [`Error::Io`] or [`Error::Gazetteer`] for a user gazetteer that cannot be
    /// read or is malformed; [`Error::Pattern`] for a user pattern that does not compile.
    pub fn build(self) -> Result<Pipeline> {
        let mut config = self.config;
        let input = InputFormat::from_name(&config.input)
            .ok_or_else(|| Error::UnsupportedFormat(config.input.clone()))?;
        // Files are read now and kept by content, so the configuration is self-contained.
        for f in &self.gazetteer_files {
            let content = std::fs::read_to_string(f).map_err(|source| Error::Io {
                path: f.display().to_string(),
                source,
            })?;
            config.gazetteers.push((f.display().to_string(), content));
        }
        let mut gaz = if config.builtin_gazetteer {
            Some(Gazetteer::builtin()?)
        } else {
            None
        };
        if !config.gazetteers.is_empty() {
            let mut b = Gazetteer::builder();
            if let Some(g) = &gaz {
                b = b.extend(g);
            }
            for (name, content) in &config.gazetteers {
                b = b.add_source(name, content)?;
            }
            gaz = Some(b.build()?);
        }
        let mut recognisers: Vec<Arc<dyn Recogniser>> = Vec::new();
        if config.patterns || !config.user_patterns.is_empty() {
            let mut r = if config.patterns {
                PatternRecogniser::new()
            } else {
                PatternRecogniser::user_only()
            };
            for (ty, subtype, regex) in &config.user_patterns {
                let t = EntityType::from_name(ty)
                    .ok_or_else(|| Error::UnsupportedFormat(format!("entity type {ty:?}")))?;
                r = r.with_pattern(t, subtype.clone(), regex)?;
            }
            recognisers.push(Arc::new(r));
        }
        if let Some(g) = &gaz {
            recognisers.push(Arc::new(GazetteerRecogniser::new(g.clone())));
        }
        if config.rules {
            let g = gaz.clone().unwrap_or_else(Gazetteer::empty);
            recognisers.push(Arc::new(ContextRules::new(&g)));
        }
        let tagger_at = recognisers.len();
        if config.tagger {
            if let Some(t) = self.tagger {
                recognisers.push(t);
            } else if let Some(t) = Tagger::builtin() {
                recognisers.push(Arc::new(t));
            }
        }
        // Part of the context rules, after the tagger: it reads the places found before it.
        if config.geo && config.rules {
            recognisers.push(Arc::new(crate::geo::PlaceQualifiers::new()));
        }
        // Part of the context rules, after the tagger, so its output is no tagger feature.
        if config.rules {
            recognisers.push(Arc::new(crate::recognise::VehicleModels::new()));
            recognisers.push(Arc::new(crate::recognise::ProductNames::new()));
            recognisers.push(Arc::new(crate::recognise::MarketIndices::new()));
        }
        recognisers.extend(self.extra);
        Ok(Pipeline {
            config,
            input,
            recognisers,
            tagger_at,
        })
    }
}
