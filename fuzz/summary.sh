#!/usr/bin/env bash
# Totals per target from fuzz/runs.tsv: runs, CPU hours, executions, largest corpus, failed runs.
cd "$(dirname "$0")"
awk -F'\t' 'NR > 1 {
    runs[$2]++; secs[$2] += $3; execs[$2] += $4
    if ($5 > corpus[$2]) corpus[$2] = $5
    if ($7 != "ok") failed[$2]++
    tr++; ts += $3; te += $4; if ($7 != "ok") tf++
} END {
    printf "%-16s %5s %8s %14s %8s %7s\n", "target", "runs", "hours", "executions", "corpus", "failed"
    for (t in runs)
        printf "%-16s %5d %8.2f %14d %8d %7d\n", t, runs[t], secs[t] / 3600, execs[t], corpus[t], failed[t] | "sort"
    close("sort")
    printf "%-16s %5d %8.2f %14d %8s %7d\n", "total", tr, ts / 3600, te, "", tf
}' runs.tsv
