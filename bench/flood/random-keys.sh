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
work=$(mktemp -d)
node_pid=
cleanup() {
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build -c Release -o "$work/api" "$checkout/src/Api/Api.csproj" -nologo -v q >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port); silo_port=$(free_port); gateway_port=$(free_port)
(cd "$work" && exec dotnet "$work/api/Actors.Api.dll" --urls "http://127.0.0.1:$port" \
  --Actors:Silo:SiloPort=$silo_port --Actors:Silo:GatewayPort=$gateway_port \
  --Serilog:MinimumLevel:Default=Warning >"$work/node.log" 2>&1) &
node_pid=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  kill -0 "$node_pid" 2>/dev/null || { cat "$work/node.log"; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "the node did not become ready"; exit 1; }

ticks=$(getconf CLK_TCK)
cpu() { awk -v t="$ticks" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$node_pid/stat"; }
mb() { awk -v f="$1" '$1 == f":" { printf "%.0f", $2 / 1024 }' "/proc/$node_pid/status"; }
# Sums a counter over its series; 0 when the node does not export it.
counter() { curl -s "http://127.0.0.1:$port/metrics" | awk -v m="$1" -v l="$2" 'index($0, m) == 1 && index($0, l) { s += $NF } END { printf "%d", s }'; }
activations() { counter orleans_catalog_activation_created_total 'grain_type="apikey"'; }

cpu_before=$(cpu); rss_before=$(mb VmRSS); grains_before=$(activations)
echo "checkout:        $checkout ($(git -C "$checkout" rev-parse --short HEAD 2>/dev/null || echo 'no git'))"
echo "flood:           $(python3 "$here/flood.py" "http://127.0.0.1:$port/api/v1/analyses" "$requests" "$concurrency")"
cpu_after=$(cpu); rss_after=$(mb VmRSS)
echo "node CPU:        $(awk -v a="$cpu_after" -v b="$cpu_before" 'BEGIN { printf "%.2f", a - b }') s during the flood"
echo "RSS:             ${rss_before} MB before, ${rss_after} MB after, peak $(mb VmHWM) MB"
echo "apikey grains:   $(( $(activations) - grains_before )) activated by the flood"
echo "address limiter: $(counter aspnetcore_rate_limiting_requests_total 'result="acquired"') admitted, $(counter aspnetcore_rate_limiting_requests_total 'result="global_limiter"') refused (since start)"
