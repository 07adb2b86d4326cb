#!/usr/bin/env bash
# Issue 22 item 3: a flood of made-up API keys from one address against one embedded node.
# Builds the API of a checkout (default: this one) in Release, starts it on free loopback ports with
# its default limits, sends N requests (default 10,000), each with a fresh random X-API-Key, and
# prints what the flood cost the node: CPU seconds (utime + stime from /proc/PID/stat), resident
# memory (VmRSS before and after, VmHWM = peak), API-key grain activations and the rate limiter's
# verdicts (both from /metrics). The node is stopped by its pid at the end.
#   bash bench/flood/random-keys.sh [checkout] [requests] [concurrency]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
checkout=$(cd "${1:-$here/../..}" && pwd)
requests=${2:-10000}
concurrency=${3:-16}
. "$here/../lib/node.sh"
bench_node_build "$checkout"
bench_node_start

# Sums a counter over its series; 0 when the node does not export it.
counter() { curl -s "$url/metrics" | awk -v m="$1" -v l="$2" 'index($0, m) == 1 && index($0, l) { s += $NF } END { printf "%d", s }'; }
activations() { counter orleans_catalog_activation_created_total 'grain_type="apikey"'; }

cpu_before=$(bench_cpu_seconds); rss_before=$(bench_mb VmRSS); grains_before=$(activations)
echo "checkout:        $checkout ($(git -C "$checkout" rev-parse --short HEAD 2>/dev/null || echo 'no git'))"
echo "flood:           $(python3 "$here/flood.py" "$url/api/v1/analyses" "$requests" "$concurrency")"
cpu_after=$(bench_cpu_seconds); rss_after=$(bench_mb VmRSS)
echo "node CPU:        $(awk -v a="$cpu_after" -v b="$cpu_before" 'BEGIN { printf "%.2f", a - b }') s during the flood"
echo "RSS:             ${rss_before} MB before, ${rss_after} MB after, peak $(bench_mb VmHWM) MB"
echo "apikey grains:   $(( $(activations) - grains_before )) activated by the flood"
echo "address limiter: $(counter aspnetcore_rate_limiting_requests_total 'result="acquired"') admitted, $(counter aspnetcore_rate_limiting_requests_total 'result="global_limiter"') refused (since start)"
