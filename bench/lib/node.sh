# Shared by the shell benchmarks: one embedded node of a checkout, built in Release into a temporary
# folder, started on free loopback ports, stopped (by its pid) when the script exits. Source it, then:
#   bench_node_build CHECKOUT            # sets $work; builds src/Api into $work/api
#   bench_node_start [--setting=value…]  # sets $node_pid and $url; waits until /health/ready answers
# Also: bench_free_port, bench_cpu_seconds (utime + stime of the node), bench_mb FIELD (VmRSS, VmHWM).
work=$(mktemp -d)
node_pid=
url=
bench_node_cleanup() {
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap bench_node_cleanup EXIT

bench_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
bench_cpu_seconds() { awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$node_pid/stat"; }
bench_mb() { awk -v f="$1" '$1 == f":" { printf "%.0f", $2 / 1024 }' "/proc/$node_pid/status"; }

bench_node_build() {
  dotnet build -c Release -o "$work/api" "$1/src/Api/Api.csproj" -nologo -v q -p:OpenApiGenerateDocuments=false >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; exit 1; }
}

bench_node_start() {
  local port silo gateway
  port=$(bench_free_port); silo=$(bench_free_port); gateway=$(bench_free_port)
  url="http://127.0.0.1:$port"
  (cd "$work" && exec dotnet "$work/api/Actors.Api.dll" --urls "$url" \
    --Actors:Silo:SiloPort="$silo" --Actors:Silo:GatewayPort="$gateway" \
    --Serilog:MinimumLevel:Default=Warning "$@" >"$work/node.log" 2>&1) &
  node_pid=$!
  for _ in $(seq 1 240); do
    curl -sf "$url/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$node_pid" 2>/dev/null || { cat "$work/node.log"; exit 1; }
    sleep 0.5
  done
  echo "the node did not become ready" >&2; cat "$work/node.log" >&2; exit 1
}
