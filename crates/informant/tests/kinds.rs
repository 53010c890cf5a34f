//! Mention kinds in the API: filters after resolution, the configuration field, and
//! the name-span convention (docs/spans.md).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a panic is a failure.
use informant::{MentionKind, Pipeline, PipelineConfig};

const TEXT: &str = "President Bashar al-Assad fled to Moscow. He was granted asylum. \
                    The Kremlin said the regime had fallen. According to the Kremlin, he is safe.";

#[test]
fn every_kind_by_default_and_the_filters_agree() {
    let doc = Pipeline::new().extract(TEXT).unwrap();
    doc.validate().unwrap();
    let pronouns = doc.mentions_of(MentionKind::Pronoun).count();
    assert!(pronouns >= 1, "{:?}", doc.mentions());
    let names: Vec<&str> = doc.names().map(|m| doc.span_text(m.span)).collect();
    assert!(
        names.contains(&"Kremlin") && names.contains(&"Moscow"),
        "{names:?}"
    );
    let total: usize = MentionKind::ALL
        .iter()
        .map(|&k| doc.mentions_of(k).count())
        .sum();
    assert_eq!(total, doc.mentions().len());
}

#[test]
fn names_only_after_resolution_keeps_the_document_consistent() {
    let full = Pipeline::new().extract(TEXT).unwrap();
    let p = Pipeline::builder()
        .kinds(&[MentionKind::Name])
        .build()
        .unwrap();
    let doc = p.extract(TEXT).unwrap();
    doc.validate().unwrap();
    assert!(doc.mentions().iter().all(|m| m.kind == MentionKind::Name));
    // The same names as the full run, and the same entities for them.
    let names = |d: &informant::Document| -> Vec<(String, String)> {
        d.names()
            .map(|m| {
                (
                    d.span_text(m.span).to_owned(),
                    d.entities()[m.entity.unwrap()].name.clone(),
                )
            })
            .collect()
    };
    assert_eq!(names(&doc), names(&full));
    // Entities are renumbered in order and each lists exactly its mentions.
    for (i, e) in doc.entities().iter().enumerate() {
        assert_eq!(e.id, format!("e{i}"));
        assert!(!e.mentions.is_empty());
        for &mi in &e.mentions {
            assert_eq!(doc.mentions()[mi].entity, Some(i));
        }
    }
    // Attribution sources keep their link to a surviving entity.
    let kremlin = doc
        .attributions()
        .iter()
        .find(|a| doc.span_text(a.source) == "the Kremlin")
        .expect("the Kremlin is a source");
    assert_eq!(
        doc.entities()[kremlin.source_entity.unwrap()].name,
        "Kremlin"
    );
    // Pronouns only: the pronoun's entity survives and is still Assad.
    let p = Pipeline::builder()
        .kinds(&[MentionKind::Pronoun])
        .build()
        .unwrap();
    let doc = p.extract(TEXT).unwrap();
    doc.validate().unwrap();
    let he = doc.mentions().first().unwrap();
    assert_eq!(doc.span_text(he.span), "He");
    assert_eq!(doc.entities()[he.entity.unwrap()].name, "Bashar al-Assad");
}

#[test]
fn kinds_travel_with_the_configuration() {
    let p = Pipeline::builder()
        .kinds(&[MentionKind::Value, MentionKind::Name, MentionKind::Name])
        .build()
        .unwrap();
    let json = serde_json::to_value(p.config()).unwrap();
    assert_eq!(json["kinds"], serde_json::json!(["name", "value"]));
    let again = Pipeline::from_config(serde_json::from_value(json.clone()).unwrap()).unwrap();
    assert_eq!(again.config(), p.config());
    // A configuration saved before the field existed keeps every kind.
    let mut old = json;
    old.as_object_mut().unwrap().remove("kinds");
    let config: PipelineConfig = serde_json::from_value(old).unwrap();
    assert_eq!(config.kinds, None);
    // An unknown kind is an error, not a silent default.
    let mut bad = serde_json::to_value(p.config()).unwrap();
    bad["kinds"] = serde_json::json!(["names"]);
    assert!(serde_json::from_value::<PipelineConfig>(bad).is_err());
}

#[test]
fn name_spans_have_no_determiner_nominals_keep_theirs() {
    let doc = Pipeline::new().extract(TEXT).unwrap();
    for m in doc.names() {
        let t = doc.span_text(m.span);
        assert!(
            !t.to_lowercase().starts_with("the ") && !t.ends_with("’s"),
            "{t}"
        );
    }
    assert!(
        doc.mentions_of(MentionKind::Nominal)
            .any(|m| doc.span_text(m.span) == "the regime"),
        "{:?}",
        doc.mentions()
    );
}
