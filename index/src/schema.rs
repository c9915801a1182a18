//! The index schema: one document per letter.
//!
//! The whole letter record (parts included) is stored as JSON in `record`, so
//! a part arriving in a later run can be merged without re-reading old files;
//! everything else exists to find and count letters.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, SchemaBuilder, TextFieldIndexing, TextOptions,
    BytesOptions, FAST, STORED, STRING,
};

use crate::tokenizer::{NGRAM, WORDS};

/// Schema version, stored beside the index; a mismatch asks for a rebuild.
pub const SCHEMA_VERSION: u32 = 1;

/// Field handles.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Letter id (exact).
    pub id: Field,
    /// Normalised reference number.
    pub reference: Field,
    /// SHA-256 of every file a part came from.
    pub file_hash: Field,
    /// Title, jieba words.
    pub title: Field,
    /// Cleaned text, jieba words.
    pub body: Field,
    /// Title and text, n-grams.
    pub ngram: Field,
    /// Town (gazetteer name).
    pub town: Field,
    /// Village (gazetteer name).
    pub village: Field,
    /// Everyone named, any role (folded names).
    pub person: Field,
    /// Accused officials (folded names).
    pub official: Field,
    /// Accused officials keyed by place: `name|town|village` (empty when unknown).
    pub official_key: Field,
    /// Petitioners (folded names).
    pub petitioner: Field,
    /// Topic labels.
    pub topic: Field,
    /// Main topic label.
    pub main_topic: Field,
    /// `YYYY-MM` of the received date, or `unknown`.
    pub month: Field,
    /// Days since 1970-01-01 of the received date (i64::MIN when unknown).
    pub received: Field,
    /// forwarded / local / unknown.
    pub origin: Field,
    /// Batch label.
    pub batch: Field,
    /// Disposition.
    pub disposition: Field,
    /// The letter as JSON.
    pub record: Field,
}

fn text(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = SchemaBuilder::new();
    let facet = STRING | FAST;
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        reference: b.add_text_field("ref", STRING),
        file_hash: b.add_text_field("file_hash", STRING),
        title: b.add_text_field("title", text(WORDS)),
        body: b.add_text_field("body", text(WORDS)),
        ngram: b.add_text_field("ngram", text(NGRAM)),
        town: b.add_text_field("town", facet.clone()),
        village: b.add_text_field("village", facet.clone()),
        person: b.add_text_field("person", STRING),
        official: b.add_text_field("official", STRING | FAST),
        official_key: b.add_text_field("official_key", STRING | FAST),
        petitioner: b.add_text_field("petitioner", STRING),
        topic: b.add_text_field("topic", facet.clone()),
        main_topic: b.add_text_field("main_topic", facet.clone()),
        month: b.add_text_field("month", facet.clone()),
        received: b.add_i64_field("received", NumericOptions::default().set_indexed().set_fast()),
        origin: b.add_text_field("origin", facet.clone()),
        batch: b.add_text_field("batch", facet.clone()),
        disposition: b.add_text_field("disposition", facet),
        record: b.add_bytes_field("record", BytesOptions::default().set_stored()),
    };
    (b.build(), fields)
}

/// Looks the field handles up in an existing schema (an index opened from disk).
pub fn fields_of(schema: &Schema) -> Result<Fields, tantivy::TantivyError> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        id: f("id")?,
        reference: f("ref")?,
        file_hash: f("file_hash")?,
        title: f("title")?,
        body: f("body")?,
        ngram: f("ngram")?,
        town: f("town")?,
        village: f("village")?,
        person: f("person")?,
        official: f("official")?,
        official_key: f("official_key")?,
        petitioner: f("petitioner")?,
        topic: f("topic")?,
        main_topic: f("main_topic")?,
        month: f("month")?,
        received: f("received")?,
        origin: f("origin")?,
        batch: f("batch")?,
        disposition: f("disposition")?,
        record: f("record")?,
    })
}

/// Sentinel for an unknown date in the `received` fast field: sorts last in
/// date order and falls outside every range.
pub const NO_DATE: i64 = i64::MIN;

/// Days since the Unix epoch.
pub fn days(d: chrono::NaiveDate) -> i64 {
    d.signed_duration_since(chrono::NaiveDate::default()).num_days()
}
