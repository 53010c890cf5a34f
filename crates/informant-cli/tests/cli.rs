//! The `informant` command as a user runs it: inputs, outputs, errors and exit codes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a panic is a failure.
use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_informant");
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../seeds/assad-asylum-russia.txt"
);

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The command may exit before reading its input (a missing file): ignore a broken pipe.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn extract_seed_prints_the_contract() {
    let o = run(&["extract", SEED], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["format"], "text");
    assert_eq!(v["sentences"].as_array().unwrap().len(), 18);
    assert!(v.get("tokens").is_none());
    let text: Vec<char> = v["text"].as_str().unwrap().chars().collect();
    for m in v["mentions"].as_array().unwrap() {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[s..e].iter().collect::<String>(),
            m["text"].as_str().unwrap()
        );
    }
    assert_eq!(v["attributions"].as_array().unwrap().len(), 6);
}

#[test]
fn stdin_tokens_and_outline() {
    let o = run(&["parse", "--tokens"], "Syria’s army.".as_bytes());
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["id"], serde_json::Value::Null);
    assert_eq!(v["tokens"].as_array().unwrap().len(), 4);
    let o = run(&["extract", "--output", "outline", SEED], b"");
    let out = stdout(&o);
    assert!(out.contains("TITLE Syria’s Bashar al-Assad"), "{out}");
    assert!(out.contains("[Hmeimim Airbase]"));
    assert!(out.contains("ENTITIES") && out.contains("ATTRIBUTIONS"));
}

#[test]
fn jsonl_streams_keeps_ids_and_skips_bad_lines() {
    let input = b"{\"id\": 7, \"text\": \"Assad fled to Moscow.\"}\nnot json\n\n{\"text\": \"No id here.\", \"extra\": 1}\n{\"id\": \"x\"}\n{\"id\": \"y\", \"text\": \"Putin spoke.\"}\n";
    let o = run(&["extract", "--input", "jsonl"], input);
    assert_eq!(o.status.code(), Some(1), "a bad line makes the exit code 1");
    let err = stderr(&o);
    assert!(err.contains("-:2: invalid JSON"), "{err}");
    assert!(err.contains("-:5: invalid JSON"), "{err}");
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], 7);
    assert_eq!(lines[1]["id"], serde_json::Value::Null);
    assert_eq!(lines[2]["id"], "y");
}

/// The temporal mention `text` of a JSON document: its (timex_type, value).
fn timex<'a>(doc: &'a serde_json::Value, text: &str) -> (&'a str, Option<&'a str>) {
    let m = doc["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["type"] == "Temporal" && m["text"] == text)
        .unwrap_or_else(|| panic!("no Temporal {text:?} in {doc}"));
    (m["timex_type"].as_str().unwrap(), m["value"].as_str())
}

#[test]
fn document_dates_from_the_flag_and_jsonl() {
    let text = "Talks ended on Friday. They resume next week.";
    // No date: relative expressions keep their type and get no value.
    let o = run(&["extract"], text.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v.get("date").is_none());
    assert_eq!(timex(&v, "Friday"), ("DATE", None));

    let o = run(&["extract", "--date", "2024-12-11"], text.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["date"], "2024-12-11");
    assert_eq!(v["date_source"], "input");
    assert_eq!(timex(&v, "Friday"), ("DATE", Some("2024-12-06")));
    assert_eq!(timex(&v, "next week"), ("DATE", Some("2024-W51")));

    // A record's own date wins over --date; a bad one skips the line (exit code 1).
    let input = "{\"id\": 1, \"text\": \"Talks ended on Friday.\", \"date\": \"2024-12-04\"}\n\
                 {\"id\": 2, \"text\": \"Talks ended on Friday.\"}\n\
                 {\"id\": 3, \"text\": \"Talks ended on Friday.\", \"date\": \"4 Dec 2024\"}\n\
                 {\"id\": 4, \"text\": \"Talks ended on Friday.\", \"date\": null}\n";
    let o = run(
        &["extract", "--input", "jsonl", "--date", "2024-12-11"],
        input.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("-:3: invalid date \"4 Dec 2024\": expected an ISO 8601 date, YYYY-MM-DD"),
        "{err}"
    );
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(timex(&lines[0], "Friday"), ("DATE", Some("2024-11-29")));
    assert_eq!(lines[1]["id"], 2);
    assert_eq!(timex(&lines[1], "Friday"), ("DATE", Some("2024-12-06")));
    assert_eq!(lines[2]["id"], 4);
    assert_eq!(lines[2]["date"], "2024-12-11");

    // A bad --date is bad usage: exit code 2, with a message naming the value.
    for bad in ["12/11/2024", "2024-02-30", "yesterday"] {
        let o = run(&["extract", "--date", bad], text.as_bytes());
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let err = stderr(&o);
        assert!(err.contains("--date") && err.contains(bad), "{err}");
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn errors_name_the_input() {
    let o = run(&["parse", "/no/such/file.txt"], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("/no/such/file.txt: No such file"),
        "{}",
        stderr(&o)
    );

    let o = run(&["parse"], b"ab\xffcd");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("invalid UTF-8 at byte 2"),
        "{}",
        stderr(&o)
    );

    let o = run(&["parse", "--lossy"], b"ab\xffcd");
    assert!(o.status.success());
    assert!(stdout(&o).contains("ab\u{FFFD}cd"));

    let o = run(&["parse", "--output", "yaml"], b"x");
    assert_eq!(o.status.code(), Some(2), "bad usage is exit code 2");
}

#[test]
fn user_gazetteer_and_its_errors() {
    let dir = std::env::temp_dir().join(format!("informant-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("mine.csv");
    std::fs::write(
        &good,
        "name,type,subtype,aliases\nAl-Tanf garrison,Location,facility,At Tanf|Tanf\n",
    )
    .unwrap();
    let o = run(
        &["extract", "--gazetteer", good.to_str().unwrap()],
        b"Drones struck At Tanf.",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"text\": \"At Tanf\""));

    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "name,type\nX,Planet\n").unwrap();
    let o = run(&["extract", "--gazetteer", bad.to_str().unwrap()], b"x");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("bad.csv, line 2: unknown type \"Planet\""),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn kinds_filter_mentions_and_reject_unknown_kinds() {
    let text = b"President Bashar al-Assad fled to Moscow. He was granted asylum by the regime.";
    let all = run(&["extract"], text);
    assert!(all.status.success(), "{}", stderr(&all));
    let all: serde_json::Value = serde_json::from_str(&stdout(&all)).unwrap();
    let kinds = |v: &serde_json::Value| -> Vec<String> {
        v["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(kinds(&all).iter().any(|k| k == "pronoun"), "{all}");
    let names = run(&["extract", "--kinds", "name"], text);
    assert!(names.status.success(), "{}", stderr(&names));
    let names: serde_json::Value = serde_json::from_str(&stdout(&names)).unwrap();
    assert!(!kinds(&names).is_empty() && kinds(&names).iter().all(|k| k == "name"));
    // Entities are re-indexed: every mention's entity is listed, and lists it back.
    let ids: Vec<&str> = names["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    for m in names["mentions"].as_array().unwrap() {
        assert!(ids.contains(&m["entity"].as_str().unwrap()), "{m}");
    }
    let two = run(&["extract", "--kinds", "name,pronoun"], text);
    let two: serde_json::Value = serde_json::from_str(&stdout(&two)).unwrap();
    assert!(kinds(&two).iter().any(|k| k == "pronoun"));
    assert!(kinds(&two).iter().all(|k| k == "name" || k == "pronoun"));

    let bad = run(&["extract", "--kinds", "name,names"], text);
    assert_eq!(bad.status.code(), Some(2), "bad usage");
    let err = stderr(&bad);
    assert!(err.contains("unknown mention kind \"names\""), "{err}");
    assert!(err.contains("name, nominal, pronoun, value"), "{err}");
}
