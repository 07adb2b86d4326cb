#!/usr/bin/env bash
# The fault scenario of docs/production.md ("The fault scenario"), as one command:
#   bench/chaos.sh [--jobs N] [--delay-ms MS]
# starts a fresh production-mode cluster with deploy/local-cluster.sh (3 silos, 1 API node, PostgreSQL,
# Redis with AOF) in a temporary folder on its own ports, runs bench/Actors.Chaos against it (retrying
# clients submitting ~200 jobs of ~3 s while 5 silos are SIGKILLed, the API node is SIGKILLed and
# PostgreSQL restarts), prints the table (also written to bench/results/), and takes the cluster down.
# Exit status 0 when nothing was lost, duplicated or left disagreeing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stamp=$(date -u +%Y%m%d-%H%M%S)
export ACTORS_LOCAL_DIR=${ACTORS_LOCAL_DIR:-$(mktemp -d /tmp/actors-chaos-XXXXXX)}
export ACTORS_PG_PORT=${ACTORS_PG_PORT:-56432} ACTORS_REDIS_PORT=${ACTORS_REDIS_PORT:-57379} ACTORS_API_PORT=${ACTORS_API_PORT:-5090}
export ACTORS_SILO_PORT=${ACTORS_SILO_PORT:-12111} ACTORS_GATEWAY_PORT=${ACTORS_GATEWAY_PORT:-31000}
# Recorded by the first `up` in the cluster's settings, so every restarted node gets them too.
export Actors__Bench__Enabled=true
export Actors__RateLimits__Submit__PerKey=1000000 Actors__RateLimits__Submit__PerTenant=1000000
export Actors__RateLimits__Read__PerKey=1000000 Actors__RateLimits__Read__PerTenant=1000000
export Serilog__MinimumLevel__Default=Information

cluster() { bash "$root/deploy/local-cluster.sh" "$@"; }
trap 'cluster down >/dev/null 2>&1 || true' EXIT

mkdir -p "$root/bench/results"
dotnet build -c Release "$root/bench/Actors.Chaos/Actors.Chaos.csproj" -v quiet -nologo >/dev/null
cluster up
out="$root/bench/results/chaos-$stamp.md"
status=0
dotnet "$root/bench/Actors.Chaos/bin/Release/net10.0/Actors.Chaos.dll" \
  --api "http://127.0.0.1:$ACTORS_API_PORT" --key "$(cat "$root/.actors/dev-api-key")" \
  --cluster "$root/deploy/local-cluster.sh" --service actors-local \
  --postgres "Host=127.0.0.1;Port=$ACTORS_PG_PORT;Username=postgres;Database=actors" \
  --dir "$ACTORS_LOCAL_DIR" --out "$out" "$@" || status=$?
echo "table: $out; node logs and settings: $ACTORS_LOCAL_DIR"
exit $status
