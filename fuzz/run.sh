#!/usr/bin/env bash
# Runs every fuzz target (or those named) for a bounded time each.
#
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]      # default: 60 s, every target
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain
# (FUZZ_TOOLCHAIN, default `nightly`). Each target starts from its working corpus
# (fuzz/corpus/<target>/, not committed) plus the committed seeds (fuzz/seeds/<family>/).
# A crash, panic, timeout or out-of-memory stops that target and lands in
# fuzz/artifacts/<target>/; fix it and copy the input to fuzz/regressions/<target>/,
# which the stable test suite replays (crates/informant/tests/fuzz_replay.rs).
# One line per run is appended to fuzz/runs.tsv: date, target, seconds,
# executions, corpus size, coverage and outcome (seconds as run, building included).
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
shift || true
toolchain=${FUZZ_TOOLCHAIN:-nightly}
if [ $# -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(cargo "+$toolchain" fuzz list); fi

seeds_for() {
    case $1 in
        parse_html) echo "seeds/html" ;;
        parse_auto | pipeline) echo "seeds/text seeds/markdown seeds/html" ;;
        user_gazetteer) echo "seeds/gazetteer" ;;
        from_json) echo "seeds/json" ;;
        *) echo "seeds/text seeds/markdown" ;;
    esac
}
max_len_for() {
    case $1 in
        parse_html | parse_auto | pipeline | from_json) echo 65536 ;;
        *) echo 16384 ;;
    esac
}

# -O: release, as users run it; -a: debug assertions on (overflow checks and the like);
# -s none: no AddressSanitizer, twice the executions (the crate forbids unsafe code).
cargo "+$toolchain" fuzz build -O -a -s none || exit 1
mkdir -p logs
[ -f runs.tsv ] || printf 'date\ttarget\tseconds\texecutions\tcorpus\tcoverage\toutcome\n' > runs.tsv
failed=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    started=$SECONDS
    # shellcheck disable=SC2046
    cargo "+$toolchain" fuzz run -O -a -s none "$t" "corpus/$t" $(seeds_for "$t") -- \
        -max_total_time="$secs" -max_len="$(max_len_for "$t")" -timeout=20 \
        -rss_limit_mb=4096 -print_final_stats=1 > "logs/$t.log" 2>&1
    rc=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "logs/$t.log" | tail -1 | grep -o '[0-9]*')
    if [ $rc -eq 0 ]; then outcome=ok; else outcome="FAIL (see fuzz/logs/$t.log, fuzz/artifacts/$t/)"; failed=1; fi
    # Seconds actually fuzzed: a finding stops the run early.
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$((SECONDS - started))" "${execs:-?}" \
        "$(ls "corpus/$t" | wc -l)" "${cov:-?}" "$outcome" | tee -a runs.tsv
done
exit $failed
