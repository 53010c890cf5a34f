#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| informant_fuzz::targets::parse_markdown(data));
