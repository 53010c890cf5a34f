//! The document model: the original text and everything found in it, as byte spans.

use std::collections::BTreeMap;
use std::fmt;

use crate::span::Span;

/// The format a document was parsed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Format {
    /// Plain text as pasted from web pages and reports.
    #[default]
    Text,
    /// CommonMark Markdown.
    Markdown,
    /// An HTML page: the document is its article (see [`Block::source`], [`Document::metadata`]).
    Html,
}

impl Format {
    /// The lower-case name used in JSON and on the command line.
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// Parses the lower-case name; `None` for anything else.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "text" | "txt" | "plain" => Some(Format::Text),
            "markdown" | "md" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of structural unit a [`Block`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BlockKind {
    /// The document's title.
    Title,
    /// A section heading; see [`Block::level`].
    Heading,
    /// A paragraph of running text.
    Paragraph,
    /// One item of a bulleted or numbered list.
    ListItem,
    /// A block quotation.
    Quote,
    /// A table (the whole table is one block).
    Table,
    /// Preformatted code or a fenced block.
    Code,
}

impl BlockKind {
    /// The snake-case name used in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list_item",
            BlockKind::Quote => "quote",
            BlockKind::Table => "table",
            BlockKind::Code => "code",
        }
    }

    /// Parses the snake-case name.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "title" => BlockKind::Title,
            "heading" => BlockKind::Heading,
            "paragraph" => BlockKind::Paragraph,
            "list_item" => BlockKind::ListItem,
            "quote" => BlockKind::Quote,
            "table" => BlockKind::Table,
            "code" => BlockKind::Code,
            _ => return None,
        })
    }
}

impl fmt::Display for BlockKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A structural unit of a document: title, heading, paragraph, list item, quote, table or code.
///
/// The span covers the block's content without its markup: a list item's span
/// starts after its bullet, a Markdown heading's after its `#`s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Where its content lies in the text.
    pub span: Span,
    /// Heading level (1 for the title, 2 and more for headings); `None` otherwise.
    pub level: Option<u8>,
    /// For a list item that begins `Label: ...`, the label without its colon.
    pub label: Option<Span>,
    /// For a document parsed from HTML: the byte range, in the original page's
    /// bytes (before decoding), of the element the block came from; `None` for
    /// other formats and for elements the parser created itself.
    pub source: Option<Span>,
}

impl Block {
    /// A block of `kind` over `span`, with no level and no label.
    pub const fn new(kind: BlockKind, span: Span) -> Self {
        Block {
            kind,
            span,
            level: None,
            label: None,
            source: None,
        }
    }
}

/// What a document says about itself: read from an HTML page's `<title>`,
/// `<meta>` (Open Graph, Twitter, `author`, ...), JSON-LD (`NewsArticle`,
/// `Article`) and `<time>`. Every field is optional; for text and Markdown all are empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Metadata {
    /// The headline.
    pub title: Option<String>,
    /// Authors' names, in the order found (empty if unknown).
    pub authors: Vec<String>,
    /// Publication date and time as the page gives it (usually ISO 8601).
    pub published: Option<String>,
    /// The canonical URL.
    pub url: Option<String>,
    /// The site or publisher's name.
    pub site: Option<String>,
    /// The language tag (`en`, `en-GB`).
    pub language: Option<String>,
}

impl Metadata {
    /// Whether no field is set.
    pub fn is_empty(&self) -> bool {
        *self == Metadata::default()
    }
}

/// A sentence: a span that never crosses a block boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Where the sentence lies in the text.
    pub span: Span,
    /// Index into [`Document::blocks`] of the block holding it.
    pub block: usize,
}

/// What kind of unit a [`Token`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// A word, including hyphenated and apostrophised words and abbreviations (`al-Assad`, `U.S.`).
    Word,
    /// A number, possibly with separators, decimals or a unit (`18,000`, `5.56mm`, `60-plus`).
    Number,
    /// Punctuation (`.`, `,`, `“`, `(`).
    Punctuation,
    /// Any other symbol (`$`, `%`, `©`, emoji).
    Symbol,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// A social-media handle (`@user`).
    Handle,
    /// A hashtag (`#topic`).
    Hashtag,
}

impl TokenKind {
    /// The snake-case name used in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Punctuation => "punctuation",
            TokenKind::Symbol => "symbol",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Handle => "handle",
            TokenKind::Hashtag => "hashtag",
        }
    }

    /// Parses the snake-case name.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "word" => TokenKind::Word,
            "number" => TokenKind::Number,
            "punctuation" => TokenKind::Punctuation,
            "symbol" => TokenKind::Symbol,
            "url" => TokenKind::Url,
            "email" => TokenKind::Email,
            "handle" => TokenKind::Handle,
            "hashtag" => TokenKind::Hashtag,
            _ => return None,
        })
    }
}

/// A token: the smallest unit an analyst reads as one piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where the token lies in the text.
    pub span: Span,
    /// What kind of token it is.
    pub kind: TokenKind,
}

/// The entity types of the analysts' schema (Dstl's re3d/Baleen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum EntityType {
    /// A person, named or not ("Bashar al-Assad", "a spokesman", "he").
    Person,
    /// An organisation: government, military unit, armed group, company, media.
    Organisation,
    /// A place: country, city, region, facility, geographic feature.
    Location,
    /// A nationality or other group adjective ("Russian", "Kurdish").
    Nationality,
    /// A date, time, duration or period.
    Temporal,
    /// An amount of money.
    Money,
    /// A count or measure.
    Quantity,
    /// A weapon or class of weapon.
    Weapon,
    /// A military platform (aircraft, ship, armoured vehicle type).
    MilitaryPlatform,
    /// A non-military vehicle.
    Vehicle,
    /// A commercial product other than a vehicle: a device, a product line, software
    /// ("iPhone", "Xbox 360", "Windows Vista").
    Product,
    /// A financial entity: a stock-market index ("the Dow Jones Industrial Average",
    /// "the FTSE 100").
    Financial,
    /// A reference to a document ("Resolution 2254").
    DocumentReference,
    /// A geographic coordinate.
    Coordinate,
    /// A communications identifier (e-mail, phone number, handle).
    CommsIdentifier,
    /// A radio frequency.
    Frequency,
    /// A web address.
    Url,
}

impl EntityType {
    /// Every type, in schema order.
    pub const ALL: [EntityType; 17] = [
        EntityType::Person,
        EntityType::Organisation,
        EntityType::Location,
        EntityType::Nationality,
        EntityType::Temporal,
        EntityType::Money,
        EntityType::Quantity,
        EntityType::Weapon,
        EntityType::MilitaryPlatform,
        EntityType::Vehicle,
        EntityType::Product,
        EntityType::Financial,
        EntityType::DocumentReference,
        EntityType::Coordinate,
        EntityType::CommsIdentifier,
        EntityType::Frequency,
        EntityType::Url,
    ];

    /// The schema's name for the type (as in re3d: `MilitaryPlatform`).
    pub const fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "Person",
            EntityType::Organisation => "Organisation",
            EntityType::Location => "Location",
            EntityType::Nationality => "Nationality",
            EntityType::Temporal => "Temporal",
            EntityType::Money => "Money",
            EntityType::Quantity => "Quantity",
            EntityType::Weapon => "Weapon",
            EntityType::MilitaryPlatform => "MilitaryPlatform",
            EntityType::Vehicle => "Vehicle",
            EntityType::Product => "Product",
            EntityType::Financial => "Financial",
            EntityType::DocumentReference => "DocumentReference",
            EntityType::Coordinate => "Coordinate",
            EntityType::CommsIdentifier => "CommsIdentifier",
            EntityType::Frequency => "Frequency",
            EntityType::Url => "Url",
        }
    }

    /// Parses a schema name, case-insensitively; `Organization` is accepted too.
    pub fn from_name(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        if lower == "organization" {
            return Some(EntityType::Organisation);
        }
        EntityType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(&lower))
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What sort of expression a mention is: a name, a description, a pronoun or a value.
///
/// Analysts usually want names; resolution wants all of them, so nominal and pronoun
/// mentions stay in the output and a caller filters by kind (see `docs/spans.md`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum MentionKind {
    /// A proper name: `Bashar al-Assad`, `Kremlin`, `Syrian Democratic Forces`, `Syrian`.
    #[default]
    Name,
    /// A description headed by a common noun: `the Syrian president`, `a spokesman`, `the regime`;
    /// also a plural demonym naming a group (`Palestinians`, `the Kurds`), which CoNLL-style
    /// names leave out.
    Nominal,
    /// A pronoun: `he`, `its`, `they`.
    Pronoun,
    /// A value found by a pattern: a date, money, a quantity, coordinates, an identifier.
    Value,
    /// A person's name with the title or role before it: `President Bashar al-Assad`,
    /// `Palestinian negotiator Saeb Erekat`. The bare name inside it is a mention of kind
    /// [`MentionKind::Name`] of the same entity, so names alone follow the news
    /// convention (CoNLL, OntoNotes: no titles) and names with titles follow re3d's.
    Titled,
}

impl MentionKind {
    /// Every kind, in schema order.
    pub const ALL: [MentionKind; 5] = [
        MentionKind::Name,
        MentionKind::Nominal,
        MentionKind::Pronoun,
        MentionKind::Value,
        MentionKind::Titled,
    ];

    /// The contract's name for the kind: `name`, `nominal`, `pronoun`, `value` or
    /// `titled`.
    pub const fn as_str(self) -> &'static str {
        match self {
            MentionKind::Name => "name",
            MentionKind::Nominal => "nominal",
            MentionKind::Pronoun => "pronoun",
            MentionKind::Value => "value",
            MentionKind::Titled => "titled",
        }
    }

    /// Parses a contract name, case-insensitively.
    pub fn from_name(name: &str) -> Option<Self> {
        MentionKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(name))
    }

    /// The kind a mention of `entity_type` has when nothing else is known: values for the
    /// pattern types (dates, money, quantities, coordinates, identifiers), names otherwise.
    pub const fn default_for(entity_type: EntityType) -> Self {
        match entity_type {
            EntityType::Temporal
            | EntityType::Money
            | EntityType::Quantity
            | EntityType::Coordinate
            | EntityType::CommsIdentifier
            | EntityType::Frequency
            | EntityType::Url => MentionKind::Value,
            _ => MentionKind::Name,
        }
    }
}

impl fmt::Display for MentionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Free-form attributes of a mention or entity (ISO date, latitude, country code, ...).
pub type Attributes = BTreeMap<String, serde_json::Value>;

/// One mention of an entity in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Where the mention lies in the text.
    pub span: Span,
    /// Its type.
    pub entity_type: EntityType,
    /// Name, nominal, pronoun or value.
    pub kind: MentionKind,
    /// A finer type, such as `country`, `facility`, `armed_group`.
    pub subtype: Option<String>,
    /// How sure the recogniser is, from 0 to 1.
    pub confidence: f32,
    /// The name of the recogniser that found it (`gazetteer`, `pattern`, `rule`, ...).
    pub recogniser: std::borrow::Cow<'static, str>,
    /// Index into [`Document::entities`] of the entity it refers to, once resolved.
    pub entity: Option<usize>,
    /// Normalised values and other attributes (e.g. `"iso": "2024-12-08"`).
    pub attributes: Attributes,
    /// The gazetteer entry the mention matched, if any: its canonical name and
    /// attributes (coordinates, country, ids) without copying them into every mention.
    pub entry: Option<std::sync::Arc<crate::recognise::GazetteerEntry>>,
    /// For a Temporal mention: its TimeML TIMEX3 type and ISO 8601 value, anchored to
    /// [`Document::date`] (set by the pipeline; `None` for other types).
    pub timex: Option<crate::timex::Timex>,
}

impl Mention {
    /// A mention with no subtype, entity, attributes or gazetteer entry, and the kind
    /// [`MentionKind::default_for`] its type.
    ///
    /// # Example
    /// ```
    /// use informant::{EntityType, Mention, MentionKind, Span};
    /// let m = Mention::new(Span::new(0, 5), EntityType::Person, 0.9, "mine");
    /// assert_eq!(m.kind, MentionKind::Name);
    /// ```
    pub fn new(
        span: Span,
        entity_type: EntityType,
        confidence: f32,
        recogniser: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Self {
        Mention {
            span,
            entity_type,
            kind: MentionKind::default_for(entity_type),
            subtype: None,
            confidence,
            recogniser: recogniser.into(),
            entity: None,
            attributes: Attributes::new(),
            entry: None,
            timex: None,
        }
    }
}

/// How a mention joined its entity: the resolution sieve that linked it, kept as
/// evidence (see `docs/resolution.md`). The sieves run in this order of precision.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Resolution {
    /// The entity's first mention: nothing before it was linked to.
    First,
    /// The same gazetteer entry or the same normalised text as an earlier mention
    /// (`Hmeimim airbase` = `Hmeimim Airbase`, `the Syrian army` twice).
    ExactName,
    /// An acronym defined in the text (`SDF` after `Syrian Democratic Forces (SDF)`).
    Acronym,
    /// A shorter or longer form of a name: a person's words as a subset of the other's,
    /// titles and Arabic article prefixes aside (`Assad` = `Bashar al-Assad`); an
    /// organisation's name as the start of the other's, company suffixes aside
    /// (`Aer Lingus` = `Aer Lingus Group PLC`).
    RelaxedName,
    /// An appositive or a role noun right next to the name (`Bashar al-Assad, the
    /// Syrian president`; `Ryanair chief executive, Michael O'Leary`).
    Appositive,
    /// A role or title noun for the person who carried that title (`the senator`
    /// after `Senator John McCain`).
    Title,
    /// A definite description whose head fits an entity named shortly before
    /// (`the company`, `the carmaker`, `the bank` after `Bank of America`, `the country`),
    /// or a government nominal (`the regime`) for the one government named.
    Nominal,
    /// A third-person pronoun agreeing in number, gender and animacy with the one
    /// fitting entity of the nearest sentence (this one or up to three before).
    Pronoun,
    /// Read from JSON that did not say how the mention was linked.
    Unstated,
}

impl Resolution {
    /// The contract's name: `first`, `exact_name`, `acronym`, `relaxed_name`,
    /// `appositive`, `title`, `nominal`, `pronoun` or `unstated`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Resolution::First => "first",
            Resolution::ExactName => "exact_name",
            Resolution::Acronym => "acronym",
            Resolution::RelaxedName => "relaxed_name",
            Resolution::Appositive => "appositive",
            Resolution::Title => "title",
            Resolution::Nominal => "nominal",
            Resolution::Pronoun => "pronoun",
            Resolution::Unstated => "unstated",
        }
    }

    /// Parses a contract name; `None` for anything else.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "first" => Resolution::First,
            "exact_name" => Resolution::ExactName,
            "acronym" => Resolution::Acronym,
            "relaxed_name" => Resolution::RelaxedName,
            "appositive" => Resolution::Appositive,
            "title" => Resolution::Title,
            "nominal" => Resolution::Nominal,
            "pronoun" => Resolution::Pronoun,
            "unstated" => Resolution::Unstated,
            _ => return None,
        })
    }
}

impl fmt::Display for Resolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A real-world entity: the mentions in one document that refer to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Identifier unique within the document (`e0`, `e1`, ...).
    pub id: String,
    /// Its type.
    pub entity_type: EntityType,
    /// Canonical name: a gazetteer entry's name, else the longest name mention
    /// (without a leading article); a nominal or pronoun only when nothing else
    /// names the entity.
    pub name: String,
    /// Indices into [`Document::mentions`], in text order.
    pub mentions: Vec<usize>,
    /// How each of [`Entity::mentions`] joined the entity, in the same order
    /// (`evidence[i]` for `mentions[i]`; the first is usually [`Resolution::First`]).
    /// [`Document::resolution`] looks it up for one mention.
    pub evidence: Vec<Resolution>,
    /// Known attributes (country code, coordinates, gazetteer id, ...).
    pub attributes: Attributes,
}

/// A claim attributed to a source ("According to X, ...").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// Who makes the claim.
    pub source: Span,
    /// Index into [`Document::entities`] of the source, where one matches.
    pub source_entity: Option<usize>,
    /// The words that mark the attribution ("According to", "said").
    pub cue: Span,
    /// What is claimed.
    pub claim: Span,
}

/// A parsed document: the original text, never altered, and everything found in it.
///
/// Every span is a byte range into [`Document::text`] on char boundaries.
///
/// # Example
/// ```
/// let doc = informant::parse("Assad fled.\n\nHe reached Moscow. Russia said so.")?;
/// assert_eq!(doc.sentences().len(), 3);
/// assert_eq!(doc.sentence_text(1), Some("He reached Moscow."));
/// # Ok::<(), informant::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub(crate) id: Option<String>,
    pub(crate) format: Format,
    pub(crate) text: String,
    pub(crate) title: Option<Span>,
    pub(crate) blocks: Vec<Block>,
    pub(crate) sentences: Vec<Sentence>,
    pub(crate) tokens: Vec<Token>,
    pub(crate) mentions: Vec<Mention>,
    pub(crate) entities: Vec<Entity>,
    pub(crate) attributions: Vec<Attribution>,
    pub(crate) metadata: Metadata,
    pub(crate) date: Option<crate::timex::Date>,
    pub(crate) date_source: Option<crate::timex::DateSource>,
}

impl Document {
    /// An empty document holding `text`, to be filled by the pipeline's stages.
    pub fn new(text: impl Into<String>, format: Format) -> Self {
        Document {
            text: text.into(),
            format,
            ..Document::default()
        }
    }

    /// The original text, exactly as given.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The caller's identifier, if one was given.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// Sets the identifier.
    pub fn set_id(&mut self, id: Option<String>) {
        self.id = id;
    }

    /// Builder-style [`Document::set_id`].
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The format the document was parsed as.
    pub fn format(&self) -> Format {
        self.format
    }

    /// What the document says about itself (title, authors, date, URL, site,
    /// language); every field is empty unless the input was an HTML page that says it.
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// Sets the metadata.
    pub fn set_metadata(&mut self, metadata: Metadata) {
        self.metadata = metadata;
    }

    /// The document's date (its creation or publication date), the anchor of relative time
    /// expressions: given by the caller ([`Document::set_date`]), else read from the page's
    /// metadata or a dateline by the pipeline; `None` if unknown.
    pub fn date(&self) -> Option<crate::timex::Date> {
        self.date
    }

    /// Where [`Document::date`] came from.
    pub fn date_source(&self) -> Option<crate::timex::DateSource> {
        self.date_source
    }

    /// Sets the document's date and normalises every Temporal mention again against it
    /// (`None`: no date, so relative expressions lose their values).
    ///
    /// # Example
    /// ```
    /// let mut doc = informant::Pipeline::new().extract("Talks ended on Friday.")?;
    /// let friday = doc.mentions().iter().find(|m| doc.span_text(m.span) == "Friday").unwrap();
    /// assert_eq!(friday.timex.as_ref().unwrap().value, None); // no date, no guess
    /// doc.set_date(Some("2024-12-08".parse()?));
    /// let friday = doc.mentions().iter().find(|m| doc.span_text(m.span) == "Friday").unwrap();
    /// assert_eq!(friday.timex.as_ref().unwrap().value.as_deref(), Some("2024-12-06"));
    /// # Ok::<(), informant::Error>(())
    /// ```
    pub fn set_date(&mut self, date: Option<crate::timex::Date>) {
        self.set_date_from(date, crate::timex::DateSource::Input);
    }

    /// Sets the date with its source, then normalises the Temporal mentions.
    pub(crate) fn set_date_from(
        &mut self,
        date: Option<crate::timex::Date>,
        source: crate::timex::DateSource,
    ) {
        self.date = date;
        self.date_source = date.map(|_| source);
        crate::timex::normalise(self);
    }

    /// The title's span, if the document has one.
    pub fn title(&self) -> Option<Span> {
        self.title
    }

    /// The title's text, if the document has one.
    pub fn title_text(&self) -> Option<&str> {
        self.title.and_then(|s| s.slice(&self.text))
    }

    /// Blocks in text order, not overlapping.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Sentences in text order, each inside one block.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// The text of sentence `i`.
    pub fn sentence_text(&self, i: usize) -> Option<&str> {
        self.sentences.get(i).and_then(|s| s.span.slice(&self.text))
    }

    /// Tokens in text order, each inside one sentence.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// Entity mentions, ordered by start then by longer span first.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    /// The mentions of one kind, in order.
    ///
    /// # Example
    /// ```
    /// use informant::MentionKind;
    /// let doc = informant::Pipeline::new().extract("Assad fled. He reached Moscow.")?;
    /// let pronouns: Vec<&str> = doc
    ///     .mentions_of(MentionKind::Pronoun)
    ///     .map(|m| doc.span_text(m.span))
    ///     .collect();
    /// assert_eq!(pronouns, ["He"]);
    /// # Ok::<(), informant::Error>(())
    /// ```
    pub fn mentions_of(&self, kind: MentionKind) -> impl Iterator<Item = &Mention> + '_ {
        self.mentions.iter().filter(move |m| m.kind == kind)
    }

    /// The name mentions ([`MentionKind::Name`]), in order: what a names-only
    /// evaluation (CoNLL style) counts.
    pub fn names(&self) -> impl Iterator<Item = &Mention> + '_ {
        self.mentions_of(MentionKind::Name)
    }

    /// Keeps only the mentions for which `keep` is true, re-indexing what points
    /// at them: each entity lists its remaining mentions; an entity left with none
    /// is removed, the others are renumbered (`e0`, `e1`, ... in order) and
    /// mentions and attribution sources point at their new index (a source whose
    /// entity is gone loses its link; the attribution stays). The document stays
    /// valid ([`Document::validate`]).
    ///
    /// [`PipelineBuilder::kinds`](crate::PipelineBuilder::kinds) calls it after
    /// resolution, so entities form with every mention first.
    ///
    /// # Example
    /// ```
    /// use informant::MentionKind;
    /// let mut doc = informant::Pipeline::new().extract("Assad fled. He reached Moscow.")?;
    /// doc.retain_mentions(|m| m.kind == MentionKind::Name);
    /// assert!(doc.mentions().iter().all(|m| m.kind == MentionKind::Name));
    /// doc.validate()?;
    /// # Ok::<(), informant::Error>(())
    /// ```
    pub fn retain_mentions(&mut self, mut keep: impl FnMut(&Mention) -> bool) {
        // New index of each mention, or None where it goes.
        let mut next = 0;
        let new_mention: Vec<Option<usize>> = self
            .mentions
            .iter()
            .map(|m| {
                keep(m).then(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect();
        if next == self.mentions.len() {
            return;
        }
        let mut new_entity: Vec<Option<usize>> = Vec::with_capacity(self.entities.len());
        let mut entities = Vec::with_capacity(self.entities.len());
        for mut e in std::mem::take(&mut self.entities) {
            let mut evidence = Vec::with_capacity(e.mentions.len());
            let mut mentions = Vec::with_capacity(e.mentions.len());
            for (k, &i) in e.mentions.iter().enumerate() {
                if let Some(n) = new_mention.get(i).copied().flatten() {
                    mentions.push(n);
                    evidence.push(e.evidence.get(k).copied().unwrap_or(Resolution::Unstated));
                }
            }
            e.mentions = mentions;
            e.evidence = evidence;
            if e.mentions.is_empty() {
                new_entity.push(None);
                continue;
            }
            let index = entities.len();
            // Ids the resolver made follow the index; keep others as given.
            if e.id == format!("e{}", new_entity.len()) {
                e.id = format!("e{index}");
            }
            new_entity.push(Some(index));
            entities.push(e);
        }
        self.entities = entities;
        let remap = |e: Option<usize>| e.and_then(|e| new_entity.get(e).copied().flatten());
        let mut i = 0;
        self.mentions.retain_mut(|m| {
            let kept = new_mention[i].is_some();
            i += 1;
            if kept {
                m.entity = remap(m.entity);
            }
            kept
        });
        for a in &mut self.attributions {
            a.source_entity = remap(a.source_entity);
        }
    }

    /// Entities resolved from the mentions.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// How mention `i` joined its entity (the sieve that linked it); `None` for a
    /// mention of no entity or an index out of range.
    ///
    /// # Example
    /// ```
    /// use informant::Resolution;
    /// let doc = informant::Pipeline::new().extract("Bashar al-Assad fled. He reached Moscow.")?;
    /// let he = doc.mentions().iter().position(|m| doc.span_text(m.span) == "He").unwrap();
    /// assert_eq!(doc.resolution(he), Some(Resolution::Pronoun));
    /// assert_eq!(doc.resolution(0), Some(Resolution::First));
    /// # Ok::<(), informant::Error>(())
    /// ```
    pub fn resolution(&self, i: usize) -> Option<Resolution> {
        let e = self.entities.get(self.mentions.get(i)?.entity?)?;
        // Mentions are listed in text order, so in index order.
        let k = e
            .mentions
            .binary_search(&i)
            .ok()
            .or_else(|| e.mentions.iter().position(|&m| m == i))?;
        Some(e.evidence.get(k).copied().unwrap_or(Resolution::Unstated))
    }

    /// Claims attributed to sources.
    pub fn attributions(&self) -> &[Attribution] {
        &self.attributions
    }

    /// The text under a span (empty if the span does not fit the text).
    pub fn span_text(&self, span: Span) -> &str {
        span.slice(&self.text).unwrap_or("")
    }

    /// Index of the sentence containing byte offset `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        self.sentences
            .get(i)
            .filter(|s| s.span.start <= pos && pos < s.span.end)
            .map(|_| i)
    }

    /// The resolved places as a GeoJSON `FeatureCollection` (see [`crate::geo::to_geojson`]).
    ///
    /// # Example
    /// ```
    /// let doc = informant::Pipeline::new().extract("Fighting spread from Aleppo to Idlib.")?;
    /// let fc = doc.to_geojson();
    /// assert!(fc["features"].as_array().is_some_and(|f| !f.is_empty()));
    /// # Ok::<(), informant::Error>(())
    /// ```
    pub fn to_geojson(&self) -> serde_json::Value {
        crate::geo::to_geojson(self)
    }

    /// Checks the invariants every document must keep: spans in bounds and on
    /// char boundaries; blocks in order and not overlapping; sentences in order,
    /// each inside its block; tokens in order, each inside a sentence; mentions
    /// inside the text; every entity and mention index pointing at something.
    ///
    /// [`from_json`](crate::from_json) runs it on what it reads; the fuzz targets
    /// and property tests run it on everything the pipeline produces.
    ///
    /// # Errors
    /// [`Error::InvalidSpan`](crate::Error::InvalidSpan) naming the first broken span.
    pub fn validate(&self) -> crate::Result<()> {
        let text = &self.text;
        let bad = |s: Span, message: &str| crate::Error::InvalidSpan {
            start: s.start,
            end: s.end,
            message: message.into(),
        };
        let check = |s: Span, what: &str| -> crate::Result<()> {
            if s.start > s.end || s.slice(text).is_none() {
                return Err(bad(
                    s,
                    &format!("{what} is out of bounds or not on char boundaries"),
                ));
            }
            Ok(())
        };
        if let Some(t) = self.title {
            check(t, "title")?;
        }
        let mut prev_end = 0;
        for b in &self.blocks {
            check(b.span, "block")?;
            if b.span.start < prev_end {
                return Err(bad(b.span, "block overlaps the previous block"));
            }
            prev_end = b.span.end;
            if let Some(l) = b.label {
                check(l, "label")?;
            }
        }
        let mut prev_end = 0;
        for s in &self.sentences {
            check(s.span, "sentence")?;
            if s.span.start < prev_end {
                return Err(bad(s.span, "sentence overlaps the previous sentence"));
            }
            prev_end = s.span.end;
            match self.blocks.get(s.block) {
                Some(b) if b.span.contains(s.span) => {}
                _ => return Err(bad(s.span, "sentence lies outside its block")),
            }
        }
        let (mut prev_end, mut si) = (0, 0);
        for t in &self.tokens {
            check(t.span, "token")?;
            if t.span.start < prev_end || t.span.is_empty() {
                return Err(bad(t.span, "token is empty or overlaps the previous token"));
            }
            prev_end = t.span.end;
            // Tokens and sentences are both in order: one forward walk.
            while self
                .sentences
                .get(si)
                .is_some_and(|s| s.span.end <= t.span.start)
            {
                si += 1;
            }
            if !self
                .sentences
                .get(si)
                .is_some_and(|s| s.span.contains(t.span))
            {
                return Err(bad(t.span, "token lies outside every sentence"));
            }
        }
        let entity_ok = |e: Option<usize>| e.is_none_or(|e| e < self.entities.len());
        for m in &self.mentions {
            check(m.span, "mention")?;
            if !entity_ok(m.entity) {
                return Err(bad(m.span, "mention points at a missing entity"));
            }
        }
        for (ei, e) in self.entities.iter().enumerate() {
            // Each listed mention exists and names this entity back.
            for &i in &e.mentions {
                match self.mentions.get(i) {
                    Some(m) if m.entity == Some(ei) => {}
                    Some(m) => {
                        return Err(bad(
                            m.span,
                            &format!(
                                "entity {} lists mention {i}, which names another entity",
                                e.id
                            ),
                        ));
                    }
                    None => {
                        return Err(bad(
                            Span::new(i, i),
                            &format!("entity {} lists mention {i}, which does not exist", e.id),
                        ));
                    }
                }
            }
        }
        for a in &self.attributions {
            check(a.source, "attribution source")?;
            check(a.cue, "attribution cue")?;
            check(a.claim, "attribution claim")?;
            if !entity_ok(a.source_entity) {
                return Err(bad(
                    a.source,
                    "attribution source points at a missing entity",
                ));
            }
        }
        Ok(())
    }
}
