//! Replays the fuzz seed corpus (`fuzz/seeds/`) and every past fuzz finding
//! (`fuzz/regressions/<target>/`) through the fuzz targets' own code, on stable,
//! so a finding once fixed stays fixed without a nightly toolchain.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a panic is a failure.

#[path = "../../../fuzz/src/targets.rs"]
#[allow(dead_code)]
mod targets;

use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn every_seed_passes_every_target() {
    let seeds = fuzz_dir().join("seeds");
    let mut n = 0;
    for family in ["text", "markdown", "html", "json", "gazetteer"] {
        for file in files(&seeds.join(family)) {
            let data = std::fs::read(&file).unwrap();
            for (name, run) in targets::TARGETS {
                let ok = std::panic::catch_unwind(|| run(&data));
                assert!(ok.is_ok(), "target {name} failed on {}", file.display());
            }
            n += 1;
        }
    }
    assert!(n > 100, "only {n} seed files: is fuzz/seeds/ there?");
}

#[test]
fn every_past_finding_stays_fixed() {
    let regressions = fuzz_dir().join("regressions");
    for (name, run) in targets::TARGETS {
        for file in files(&regressions.join(name)) {
            let data = std::fs::read(&file).unwrap();
            let ok = std::panic::catch_unwind(|| run(&data));
            assert!(
                ok.is_ok(),
                "target {name} fails again on {}",
                file.display()
            );
        }
    }
}
