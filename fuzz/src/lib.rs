//! Fuzz targets for informant. The logic lives in [`targets`], shared with the
//! stable replay test; `fuzz_targets/*.rs` only hand libFuzzer's bytes to it.

pub mod targets;
