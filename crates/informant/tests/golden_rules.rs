//! The 48 English Golden Rules of sentence boundary detection (from pySBD),
//! run table-driven against [`informant::split_sentences`].

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a panic is a failure.
use informant::{Span, split_sentences};
use serde_json::Value;

const RULES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/data/sbd-golden-rules/english.jsonl"
);

#[test]
fn english_golden_rules() {
    let data = std::fs::read_to_string(RULES).expect("golden rules file");
    let mut total = 0;
    let mut failures = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let rule: Value = serde_json::from_str(line).expect("valid JSON line");
        let n = rule["n"].as_u64().expect("rule number");
        let name = rule["name"].as_str().expect("rule name");
        let input = rule["input"].as_str().expect("rule input");
        let expected: Vec<&str> = rule["expected"]
            .as_array()
            .expect("expected sentences")
            .iter()
            .map(|s| s.as_str().expect("sentence string"))
            .collect();
        let got: Vec<&str> = split_sentences(input, Span::new(0, input.len()))
            .iter()
            .map(|s| s.slice(input).expect("span on char boundaries").trim())
            .collect();
        total += 1;
        if got != expected {
            println!(
                "FAIL {n} {name}\n  input:    {input:?}\n  expected: {expected:?}\n  got:      {got:?}"
            );
            failures.push(n);
        }
    }
    let passed = total - failures.len();
    println!("Golden Rules: {passed}/{total} passed");
    assert_eq!(total, 48, "expected 48 rules in {RULES}");
    assert!(failures.is_empty(), "failed rules: {failures:?}");
}
