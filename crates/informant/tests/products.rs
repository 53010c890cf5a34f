//! Products and the entities they form, through the public API and the JSON output:
//! product names (`iPhone`, `Apple iPhone`, `Xbox 360`), company names after a title
//! word (`General Motors`), and the class nominals that stand for them (`the device`,
//! `the car`, `the automaker`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a panic is a failure.
use informant::{Document, EntityType, JsonOptions, MentionKind, Pipeline};

fn entity_of(doc: &Document, text: &str, ty: EntityType) -> Option<usize> {
    doc.mentions()
        .iter()
        .find(|m| doc.span_text(m.span) == text && m.entity_type == ty)
        .and_then(|m| m.entity)
}

#[test]
fn product_names_form_entities_of_their_own() {
    let text = "Apple shows iPhone\n\n\
                Apple said on Monday that the Apple iPhone would reach Europe in November. \
                The iPhone costs $399. Microsoft, whose Xbox 360 sold well, said nothing.";
    let doc = Pipeline::new().extract(text).unwrap();
    doc.validate().unwrap();
    let products: Vec<&str> = doc
        .mentions()
        .iter()
        .filter(|m| m.entity_type == EntityType::Product && m.kind == MentionKind::Name)
        .map(|m| doc.span_text(m.span))
        .collect();
    assert!(products.contains(&"Apple iPhone"), "{products:?}");
    assert!(products.contains(&"Xbox 360"), "{products:?}");
    // The headline's, the full and the bare name: one entity, named by its longest name.
    let iphone = entity_of(&doc, "Apple iPhone", EntityType::Product).unwrap();
    assert_eq!(entity_of(&doc, "iPhone", EntityType::Product), Some(iphone));
    assert_eq!(doc.entities()[iphone].name, "Apple iPhone");
    assert_eq!(doc.entities()[iphone].entity_type, EntityType::Product);
    // The makers stay organisations, apart from their products.
    let apple = entity_of(&doc, "Apple", EntityType::Organisation).unwrap();
    assert_ne!(apple, iphone);
    // "Microsoft" alone, a listed maker no model follows, is the company (the tagger
    // misses it as a sentence's first word here), apart from its product.
    let microsoft = entity_of(&doc, "Microsoft", EntityType::Organisation).unwrap();
    let xbox = entity_of(&doc, "Xbox 360", EntityType::Product).unwrap();
    assert_ne!(microsoft, xbox);
    // The type reaches the JSON by its schema name, and reads back.
    let json = informant::to_json(&doc, &JsonOptions::default()).to_string();
    assert!(json.contains("\"type\":\"Product\""), "{json}");
    let back = informant::from_json(&json).unwrap();
    assert!(
        back.mentions()
            .iter()
            .any(|m| m.entity_type == EntityType::Product)
    );
    assert_eq!(EntityType::from_name("product"), Some(EntityType::Product));
}

#[test]
fn words_that_only_look_like_products_are_not() {
    for text in [
        "Windows were broken in the storm.",
        "The Office of the Prime Minister said no.",
        "eBay reported a profit. Apple Computer grew.",
        "The farm in Palm Beach uses 40 kWh a day.",
    ] {
        let doc = Pipeline::new().extract(text).unwrap();
        let products: Vec<&str> = doc
            .mentions()
            .iter()
            .filter(|m| m.entity_type == EntityType::Product)
            .map(|m| doc.span_text(m.span))
            .collect();
        assert!(products.is_empty(), "{text}: {products:?}");
    }
}

#[test]
fn a_title_word_before_a_company_word_is_no_person() {
    let p = Pipeline::builder().tagger(false).build().unwrap();
    for text in [
        "General Motors said sales fell.",
        "Shares of General Electric rose.",
    ] {
        let doc = p.extract(text).unwrap();
        let persons: Vec<&str> = doc
            .mentions()
            .iter()
            .filter(|m| m.entity_type == EntityType::Person)
            .map(|m| doc.span_text(m.span))
            .collect();
        assert!(persons.is_empty(), "{text}: {persons:?}");
    }
    // A title before a person's name still makes a person.
    let doc = p.extract("General Petraeus spoke.").unwrap();
    assert!(
        doc.mentions()
            .iter()
            .any(|m| m.entity_type == EntityType::Person)
    );
}

fn entity_of_text(doc: &Document, text: &str) -> Option<usize> {
    doc.mentions()
        .iter()
        .find(|m| doc.span_text(m.span) == text)
        .and_then(|m| m.entity)
}

#[test]
fn product_and_company_nominals_stand_for_what_was_named_before() {
    let text = "General Motors will start selling the Chevrolet Volt next year. The car runs \
                on electricity. The Detroit automaker said the Volt would cost $40,000.\n\n\
                Apple unveiled the iPhone 3G on Monday. The device will sell for $199, the firm said.";
    let doc = Pipeline::new().extract(text).unwrap();
    doc.validate().unwrap();
    let volt = entity_of(&doc, "Chevrolet Volt", EntityType::Vehicle).unwrap();
    assert_eq!(entity_of_text(&doc, "The car"), Some(volt));
    let gm = entity_of(&doc, "General Motors", EntityType::Organisation).unwrap();
    assert_eq!(entity_of_text(&doc, "The Detroit automaker"), Some(gm));
    let iphone = entity_of(&doc, "iPhone 3G", EntityType::Product).unwrap();
    assert_eq!(entity_of_text(&doc, "The device"), Some(iphone));
    let apple = entity_of(&doc, "Apple", EntityType::Organisation).unwrap();
    assert_eq!(entity_of_text(&doc, "the firm"), Some(apple));
    let m = doc
        .mentions()
        .iter()
        .find(|m| doc.span_text(m.span) == "The device")
        .unwrap();
    assert_eq!(m.kind, MentionKind::Nominal);
    assert_eq!(m.entity_type, EntityType::Product);
    assert_eq!(m.recogniser, "resolver");
}

#[test]
fn a_class_nominal_with_nothing_named_before_is_no_mention() {
    let text = "The device was found in a car park. The company that owns it said nothing.";
    let doc = Pipeline::new().extract(text).unwrap();
    assert!(
        !doc.mentions()
            .iter()
            .any(|m| doc.span_text(m.span) == "The device"),
        "{:?}",
        doc.mentions()
    );
    // A government is no company's antecedent.
    let text = "The Pentagon awarded the contract. The company will build tankers.";
    let doc = Pipeline::new().extract(text).unwrap();
    let pentagon = entity_of_text(&doc, "Pentagon");
    let company = entity_of_text(&doc, "The company");
    assert!(
        company.is_none() || company != pentagon,
        "{:?}",
        doc.mentions()
    );
}

#[test]
fn a_company_and_its_initials_are_one_entity() {
    let text = "GM to cut jobs\n\nGeneral Motors will cut 10,000 jobs. GM also plans to sell \
                a brand.";
    let doc = Pipeline::new().extract(text).unwrap();
    let gm = entity_of(&doc, "General Motors", EntityType::Organisation).unwrap();
    let acronyms: Vec<Option<usize>> = doc
        .mentions()
        .iter()
        .filter(|m| doc.span_text(m.span) == "GM")
        .map(|m| m.entity)
        .collect();
    assert_eq!(acronyms, vec![Some(gm), Some(gm)], "{:?}", doc.mentions());
}

#[test]
fn a_market_index_its_short_name_and_the_index_are_one_entity() {
    let text = "The Dow Jones Industrial Average fell 4% on Monday. The index lost 300 \
                points. Later the Dow recovered.";
    let doc = Pipeline::new().extract(text).unwrap();
    doc.validate().unwrap();
    let dow = entity_of(&doc, "Dow Jones Industrial Average", EntityType::Financial).unwrap();
    assert_eq!(entity_of_text(&doc, "The index"), Some(dow));
    assert_eq!(entity_of(&doc, "Dow", EntityType::Financial), Some(dow));
    assert_eq!(
        EntityType::from_name("Financial"),
        Some(EntityType::Financial)
    );
}
