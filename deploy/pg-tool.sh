# Sourced by deploy/backup.sh and deploy/restore.sh: where a PostgreSQL client program is.
# pg_tool NAME prints the path of NAME from $ACTORS_PG_BIN, else PATH, else the newest
# /usr/lib/postgresql/<version>/bin (Debian's server packages, not on PATH); exits 1 when none has it.
pg_tool() {
  if [ -n "${ACTORS_PG_BIN:-}" ]; then echo "$ACTORS_PG_BIN/$1"; return; fi
  if command -v "$1" >/dev/null 2>&1; then command -v "$1"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$found" ] && [ -x "$found/$1" ] \
    || { echo "$(basename "$0"): $1 not found: apt-get install -y postgresql-client, or set ACTORS_PG_BIN" >&2; exit 1; }
  echo "$found/$1"
}
