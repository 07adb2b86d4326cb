#!/usr/bin/env bash
# A production-mode cluster on this machine, from its own binaries:
#   PostgreSQL (grain state) and Redis with AOF (membership, reminders) on loopback ports,
#   the schema applied, 3 silos and 1 API node (an Orleans client of the silos).
#
#   deploy/local-cluster.sh up               start everything (idempotent: running parts are left alone)
#   deploy/local-cluster.sh down             stop only what this script started (by its recorded process ids)
#   deploy/local-cluster.sh status           what is running, and the API's readiness
#   deploy/local-cluster.sh start NODE       start one node (api, silo1, silo2, silo3) if it is not running
#   deploy/local-cluster.sh kill NODE        SIGKILL one node (a crash: nothing is handed over)
#   deploy/local-cluster.sh restart-postgres stop PostgreSQL (fast: connections dropped) and start it again
#
# The node settings are the cluster's, not the calling shell's: the first `up` records every Actors__*,
# ConnectionStrings__*, Serilog__* and DOTNET_* variable of its environment in $dir/cluster.env, and
# every later start (up, start) reads them from there (delete the file to change them). Each start
# keeps the node's previous log as NODE.log.1 and writes what it was started with to NODE.settings.
#
# Needs: the .NET SDK, Debian's postgresql and redis-server packages (apt-get install -y postgresql redis-server).
# Settings (environment): ACTORS_LOCAL_DIR (state folder, default .actors/local-cluster), ACTORS_PG_PORT (55432),
# ACTORS_REDIS_PORT (56379), ACTORS_API_PORT (5000), ACTORS_SILO_PORT (first silo port, 11111), ACTORS_GATEWAY_PORT (30000).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${ACTORS_LOCAL_DIR:-$root/.actors/local-cluster}
pg_port=${ACTORS_PG_PORT:-55432}
redis_port=${ACTORS_REDIS_PORT:-56379}
api_port=${ACTORS_API_PORT:-5000}
silo_port=${ACTORS_SILO_PORT:-11111}
gateway_port=${ACTORS_GATEWAY_PORT:-30000}
silos=3
key_file=$root/.actors/dev-api-key
bin_silo=$root/src/Silo/bin/Release/net10.0
bin_api=$root/src/Api/bin/Release/net10.0

pg_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$found" ] || { echo "PostgreSQL binaries not found: apt-get install -y postgresql" >&2; exit 1; }
  echo "$found"
}

# initdb and postgres refuse to run as root: run them as the postgres system user then.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# The cluster's settings: recorded from this shell the first time, read back from then on.
cluster_settings() {
  mkdir -p "$dir"
  if [ ! -f "$dir/cluster.env" ]; then
    env | grep -E '^(Actors__|ConnectionStrings__|Serilog__|DOTNET_)' | grep -v '^Actors__Secrets__Key=' | sort \
      | sed -E "s/'/'\\\\''/g; s/^([^=]+)=(.*)$/export \1='\2'/" >"$dir/cluster.env" || true
  fi
  # Only the recorded settings reach the nodes, whatever this shell has.
  local name
  for name in $(compgen -e | grep -E '^(Actors__|ConnectionStrings__|Serilog__|DOTNET_)'); do unset "$name"; done
  # shellcheck disable=SC1091
  . "$dir/cluster.env"
}

# Keeps the node's previous log, and records how it is started (the secrets key masked).
prepare_node() {
  local name=$1; shift
  [ -f "$dir/$name.log" ] && mv -f "$dir/$name.log" "$dir/$name.log.1"
  {
    echo "# $name started $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "arguments: $*"
    env | grep -E '^(Actors__|ConnectionStrings__|Serilog__|DOTNET_|ASPNETCORE_URLS)' | sed -E 's/^(Actors__Secrets__Key)=.*/\1=(set)/' | sort
  } >"$dir/$name.settings"
}

connection_strings() {
  cluster_settings
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=actors"
  export ConnectionStrings__Redis="127.0.0.1:$redis_port"
  export Actors__Cluster__Mode=Production
  export Actors__Cluster__ServiceId=actors-local
  export Actors__Cluster__ClusterId=actors-local
  # One sealing key for every node (webhook secrets, tenants' LLM keys), kept with the cluster's state.
  if [ ! -f "$dir/secrets-key" ]; then
    mkdir -p "$dir"
    head -c 32 /dev/urandom | base64 >"$dir/secrets-key"
    chmod 600 "$dir/secrets-key"
  fi
  export Actors__Secrets__Key="$(cat "$dir/secrets-key")"
  # Mutual TLS on the silo and gateway ports (production requires it): one self-signed certificate for
  # every node of this local cluster, made once and kept with its state; the ports listen on loopback only.
  if [ ! -s "$dir/tls/node.pem" ]; then
    command -v openssl >/dev/null || { echo "openssl not found: apt-get install -y openssl" >&2; exit 1; }
    mkdir -p "$dir/tls"
    (umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=actors-local" \
      -addext "subjectAltName=IP:127.0.0.1" -addext "extendedKeyUsage=serverAuth,clientAuth" \
      -keyout "$dir/tls/node.key" -out "$dir/tls/node.pem" 2>/dev/null)
  fi
  export Actors__Cluster__Tls__CertificatePath="$dir/tls/node.pem"
  export Actors__Cluster__Tls__KeyPath="$dir/tls/node.key"
  export Actors__Silo__ListenAddress=127.0.0.1
}

start_postgres() {
  local bin; bin=$(pg_bin)
  mkdir -p "$dir"
  if [ ! -f "$dir/pg/PG_VERSION" ]; then
    mkdir -p "$dir/pg"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/pg" "$dir"
    as_pg "$bin/initdb" -D "$dir/pg" --auth=trust -U postgres >"$dir/initdb.log" 2>&1
  fi
  if ! as_pg "$bin/pg_ctl" -D "$dir/pg" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$dir/pg" -l "$dir/postgres.log" -w \
      -o "-p $pg_port -h 127.0.0.1 -k $dir -c synchronous_commit=on" start >/dev/null
    echo "postgres started on 127.0.0.1:$pg_port"
  fi
  as_pg "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='actors'" | grep -q 1 \
    || as_pg "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres actors
}

start_redis() {
  mkdir -p "$dir/redis"
  if ! alive "$dir/redis.pid"; then
    redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$dir/redis" --appendonly yes --appendfsync everysec \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --save ""
    for _ in $(seq 1 50); do alive "$dir/redis.pid" && break; sleep 0.1; done
    echo "redis started on 127.0.0.1:$redis_port (AOF everysec)"
  fi
}

start_silo() {
  local i=$1 pid="$dir/silo$1.pid"
  alive "$pid" && return
  local args=(--Actors:Silo:SiloPort=$((silo_port + i - 1)) --Actors:Silo:GatewayPort=$((gateway_port + i - 1)) --Serilog:MinimumLevel:Override:Orleans=Warning)
  prepare_node "silo$i" "${args[@]}"
  # exec: the recorded pid is the node's own, and no shell keeps this script's output open.
  (cd "$bin_silo" && exec nohup dotnet Actors.Silo.dll "${args[@]}" >"$dir/silo$i.log" 2>&1) &
  echo $! >"$pid"
  echo "silo $i started (port $((silo_port + i - 1)), gateway $((gateway_port + i - 1)))"
}

start_api() {
  alive "$dir/api.pid" && return
  # Its own audit spill, kept across restarts: what a killed API node did not store is sent by the next.
  local args=(--Actors:Audit:SpillPath="$dir/api-audit-spill")
  # A production node creates the demo tenant only when told to: this local cluster is for trying things out.
  ASPNETCORE_URLS="http://127.0.0.1:$api_port" Actors__DemoTenant__Enabled=true prepare_node api "${args[@]}"
  (cd "$bin_api" && ASPNETCORE_URLS="http://127.0.0.1:$api_port" ACTORS_DEV_API_KEY="$(cat "$key_file")" Actors__DemoTenant__Enabled=true \
      exec nohup dotnet Actors.Api.dll "${args[@]}" >"$dir/api.log" 2>&1) &
  echo $! >"$dir/api.pid"
  echo "api started on http://127.0.0.1:$api_port"
}

up() {
  command -v redis-server >/dev/null || { echo "redis-server not found: apt-get install -y redis-server" >&2; exit 1; }
  mkdir -p "$dir" "$(dirname "$key_file")"
  # Readable by this user only, and never printed: the banner below names the file.
  [ -s "$key_file" ] || (umask 077 && echo "ak_test_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')" >"$key_file")
  dotnet build -c Release "$root/src/Api/Api.csproj" -v quiet -nologo >/dev/null
  start_postgres
  start_redis
  connection_strings
  (cd "$bin_silo" && dotnet Actors.Silo.dll migrate)
  for i in $(seq 1 $silos); do start_silo "$i"; done
  start_api
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$api_port/health/ready" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$api_port/health/ready" >/dev/null || { echo "the API did not become ready; see $dir/*.log" >&2; exit 1; }
  echo
  echo "Actors (3 silos, PostgreSQL, Redis) is ready at http://127.0.0.1:$api_port"
  echo "demo key: in $key_file   (KEY=\$(cat $key_file))"
  echo "logs: $dir/*.log"
}

down() {
  for pid in "$dir"/api.pid "$dir"/silo*.pid; do
    [ -f "$pid" ] || continue
    alive "$pid" && kill "$(cat "$pid")" 2>/dev/null || true
  done
  for pid in "$dir"/api.pid "$dir"/silo*.pid; do
    [ -f "$pid" ] || continue
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && kill -9 "$(cat "$pid")" 2>/dev/null || true
    rm -f "$pid"
  done
  if alive "$dir/redis.pid"; then kill "$(cat "$dir/redis.pid")"; echo "redis stopped"; fi
  rm -f "$dir/redis.pid"
  if [ -f "$dir/pg/PG_VERSION" ] && as_pg "$(pg_bin)/pg_ctl" -D "$dir/pg" status >/dev/null 2>&1; then
    as_pg "$(pg_bin)/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null && echo "postgres stopped"
  fi
  echo "down (state kept in $dir; delete it for a fresh start)"
}

status() {
  for name in api silo1 silo2 silo3 redis; do
    if alive "$dir/$name.pid"; then echo "$name: running (pid $(cat "$dir/$name.pid"))"; else echo "$name: stopped"; fi
  done
  if [ -f "$dir/pg/PG_VERSION" ] && as_pg "$(pg_bin)/pg_ctl" -D "$dir/pg" status >/dev/null 2>&1; then echo "postgres: running"; else echo "postgres: stopped"; fi
  echo "ready: $(curl -s "http://127.0.0.1:$api_port/health/ready" || echo no)"
}

start_node() {
  connection_strings
  case "$1" in
    api) start_api ;;
    silo[1-9]) start_silo "${1#silo}" ;;
    *) echo "unknown node: $1 (api, silo1..silo$silos)" >&2; exit 2 ;;
  esac
}

kill_node() {
  local pid="$dir/$1.pid"
  alive "$pid" || { echo "$1 is not running" >&2; return 0; }
  kill -9 "$(cat "$pid")"
  for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.05; done
  rm -f "$pid"
  echo "$1 killed (SIGKILL)"
}

restart_postgres() {
  local bin; bin=$(pg_bin)
  as_pg "$bin/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null
  as_pg "$bin/pg_ctl" -D "$dir/pg" -l "$dir/postgres.log" -w \
    -o "-p $pg_port -h 127.0.0.1 -k $dir -c synchronous_commit=on" start >/dev/null
  echo "postgres restarted"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  start) start_node "${2:?node}" ;;
  kill) kill_node "${2:?node}" ;;
  restart-postgres) restart_postgres ;;
  *) echo "usage: $0 up|down|status|start NODE|kill NODE|restart-postgres" >&2; exit 2 ;;
esac
