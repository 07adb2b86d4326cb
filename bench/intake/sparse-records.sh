#!/usr/bin/env bash
# Issue 24 item 1: one ~1.6 MB submission of 100,000 one-field records drawn from 1,000 field names.
# Builds the API of a checkout (default: this one) in Release, starts it on a free loopback port with
# rate limits off, sends the body once, and prints the answer's status and time and the API process's
# resident memory (VmRSS before, VmHWM = peak) read from /proc. The node is stopped by its pid at the end.
#   bash bench/intake/sparse-records.sh [checkout] [records] [names]
set -euo pipefail
checkout=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
records=${2:-100000}
names=${3:-1000}
. "$(dirname "$0")/../lib/node.sh"
bench_node_build "$checkout"

# A deterministic body: record i has one field, field_<n> with n drawn from [0, names).
awk -v n="$records" -v k="$names" 'BEGIN {
  srand(42); printf "{\"type\":\"data_interpretation\",\"data\":{\"records\":[";
  for (i = 0; i < n; i++) { printf "%s{\"field_%d\":%d}", (i ? "," : ""), int(rand() * k), int(rand() * 1000) }
  printf "]}}" }' >"$work/body.json"

key="bench-sparse-$(date +%s)-key-0123456789abcdef"
ACTORS_DEV_API_KEY="$key" bench_node_start --Actors:RateLimits:Enabled=false
rss() { echo "$(bench_mb "$1") MB"; }
echo "checkout:    $checkout ($(git -C "$checkout" rev-parse --short HEAD))"
echo "body:        $(stat -c %s "$work/body.json") bytes, $records records of one field from $names names"
echo "RSS before:  $(rss VmRSS)"
answer=$(curl -s -o "$work/answer.json" -w '%{http_code} %{time_total}' -X POST "$url/api/v1/analyses" \
  -H "X-API-Key: $key" -H 'Content-Type: application/json' --data-binary @"$work/body.json")
echo "answer:      HTTP ${answer% *} after ${answer#* } s: $(head -c 300 "$work/answer.json")"
echo "peak RSS:    $(rss VmHWM) (at the answer)"
sleep 10 # What the job does next on the co-hosted silo, if it was accepted.
echo "peak RSS:    $(rss VmHWM) (10 s later)"
