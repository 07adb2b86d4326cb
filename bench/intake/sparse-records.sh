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
work=$(mktemp -d)
node_pid=
cleanup() {
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build -c Release -o "$work/api" "$checkout/src/Api/Api.csproj" -nologo -v q >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }

# A deterministic body: record i has one field, field_<n> with n drawn from [0, names).
awk -v n="$records" -v k="$names" 'BEGIN {
  srand(42); printf "{\"type\":\"data_interpretation\",\"data\":{\"records\":[";
  for (i = 0; i < n; i++) { printf "%s{\"field_%d\":%d}", (i ? "," : ""), int(rand() * k), int(rand() * 1000) }
  printf "]}}" }' >"$work/body.json"

# Three free loopback ports (HTTP, silo, gateway), so the run does not collide with another node.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port); silo_port=$(free_port); gateway_port=$(free_port)
key="bench-sparse-$(date +%s)-key-0123456789abcdef"
(cd "$work" && ACTORS_DEV_API_KEY="$key" exec dotnet "$work/api/Actors.Api.dll" --urls "http://127.0.0.1:$port" \
  --Actors:RateLimits:Enabled=false --Actors:Silo:SiloPort=$silo_port --Actors:Silo:GatewayPort=$gateway_port >"$work/node.log" 2>&1) &
node_pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  kill -0 "$node_pid" 2>/dev/null || { cat "$work/node.log"; exit 1; }
  sleep 0.5
done
rss() { awk -v f="$1" '$1 == f":" { printf "%.0f MB", $2 / 1024 }' "/proc/$node_pid/status"; }
echo "checkout:    $checkout ($(git -C "$checkout" rev-parse --short HEAD))"
echo "body:        $(stat -c %s "$work/body.json") bytes, $records records of one field from $names names"
echo "RSS before:  $(rss VmRSS)"
answer=$(curl -s -o "$work/answer.json" -w '%{http_code} %{time_total}' -X POST "http://127.0.0.1:$port/api/v1/analyses" \
  -H "X-API-Key: $key" -H 'Content-Type: application/json' --data-binary @"$work/body.json")
echo "answer:      HTTP ${answer% *} after ${answer#* } s: $(head -c 300 "$work/answer.json")"
echo "peak RSS:    $(rss VmHWM) (at the answer)"
sleep 10 # What the job does next on the co-hosted silo, if it was accepted.
echo "peak RSS:    $(rss VmHWM) (10 s later)"
