#!/usr/bin/env bash
# The peer benchmark in one command (docs/BENCHMARKS.md): builds Actors and the harness in Release,
# installs the BullMQ peer if needed, then runs every workload against every system on loopback.
#   bench/peers/run.sh            the full run (5 runs)
#   bench/peers/run.sh --quick    a short check that everything works (1 run, small counts)
# Other options: --runs N, --systems actors,bullmq (name filters), --workloads drain,streams, --timeout SECONDS.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v redis-server >/dev/null || { echo "redis-server not found: apt-get install -y redis-server" >&2; exit 1; }
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || { echo "PostgreSQL not found: apt-get install -y postgresql" >&2; exit 1; }
command -v node >/dev/null || { echo "node not found: install Node.js 20 or later" >&2; exit 1; }
# npm install, not npm ci: npm 11's ci refuses this lock file over msgpackr's optional per-platform
# packages, which npm install leaves out of it; install still takes the locked versions.
[ -d "$root/bench/peers/bullmq/node_modules" ] || (cd "$root/bench/peers/bullmq" && npm install --no-audit --no-fund)
dotnet build -c Release "$root/src/Api/Api.csproj" -v quiet -nologo >/dev/null
dotnet build -c Release "$root/src/Silo/Silo.csproj" -v quiet -nologo >/dev/null
dotnet build -c Release "$root/bench/Actors.Peers/Actors.Peers.csproj" -v quiet -nologo >/dev/null
exec dotnet "$root/bench/Actors.Peers/bin/Release/net10.0/Actors.Peers.dll" "$@"
