#!/usr/bin/env bash
# Restores a backup made by deploy/backup.sh into a new, empty database (docs/operations.md, "Restore").
#
#   deploy/restore.sh BACKUP_FILE [DATABASE]
#
# DATABASE (default $PGDATABASE, else actors) is created on the server if it does not exist; a database
# that already holds tables is refused: restore beside it, then point the nodes at the new one. The
# backup's checksum is verified first when its .sha256 is beside it. The whole restore is one
# transaction: it lands whole or not at all. Then the restore is recorded in the database
# (actors_restores): silos that start on it re-arm every job that was queued or running when the backup
# was taken (their watchdog reminders were in Redis, not in the backup), so those jobs resume from their
# last checkpoint and complete. Start the cluster with the same Actors:Cluster:ServiceId and
# Actors:Secrets:Key as the one that was backed up.
#
# Connection: the standard libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD or PGPASSFILE); the
# database is created from the maintenance database $ACTORS_RESTORE_MAINTENANCE_DB (default postgres).
# ACTORS_PG_BIN: folder holding pg_restore, psql and createdb (default: PATH, else the newest
# /usr/lib/postgresql/<version>/bin). Exit codes: 0 restored, 1 failed, 2 usage or refused target.
set -euo pipefail

[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: deploy/restore.sh BACKUP_FILE [DATABASE]" >&2; exit 2; }
file=$1
database=${2:-${PGDATABASE:-actors}}
maintenance=${ACTORS_RESTORE_MAINTENANCE_DB:-postgres}

. "$(dirname "$0")/pg-tool.sh"
pg_restore=$(pg_tool pg_restore)
psql=$(pg_tool psql)
createdb=$(pg_tool createdb)

[ -f "$file" ] || { echo "restore: no such backup: $file" >&2; exit 2; }
if [ -f "$file.sha256" ]; then
  (cd "$(dirname "$file")" && sha256sum --check --quiet "$(basename "$file").sha256") \
    || { echo "restore: $file does not match its checksum ($file.sha256): it is damaged" >&2; exit 1; }
fi
"$pg_restore" --list "$file" >/dev/null || { echo "restore: $file is not a backup pg_restore can read" >&2; exit 1; }

# psql -v variables are quoted by psql itself (:'name'), so a database name cannot inject SQL.
query() { "$psql" --no-password --no-psqlrc -X -v ON_ERROR_STOP=1 -tA -d "$1" -v db="$database" -v file="$file"; }

exists=$(query "$maintenance" <<'SQL'
SELECT count(*) FROM pg_database WHERE datname = :'db';
SQL
)
if [ "$exists" = 0 ]; then
  "$createdb" --no-password --maintenance-db="$maintenance" "$database"
else
  tables=$(query "$database" <<'SQL'
SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema');
SQL
)
  if [ "$tables" != 0 ]; then
    echo "restore: database '$database' already holds $tables table(s); restore into a new database (deploy/restore.sh $file NEW_NAME)" >&2
    exit 2
  fi
fi

started=$(date +%s.%N)
# --no-owner/--no-privileges: the restoring user owns what it creates, whoever owned the original.
"$pg_restore" --no-password --exit-on-error --single-transaction --no-owner --no-privileges -d "$database" "$file"

recorded=$(query "$database" <<'SQL'
SELECT to_regclass('actors_restores') IS NOT NULL;
SQL
)
if [ "$recorded" = t ]; then
  query "$database" >/dev/null <<'SQL'
INSERT INTO actors_restores (backup_file) VALUES (:'file');
SQL
else
  echo "restore: this backup predates actors_restores: run \`Actors.Silo migrate\` on '$database', then" >&2
  echo "  psql -d $database -c \"INSERT INTO actors_restores (backup_file) VALUES ('$file')\"" >&2
  echo "  before starting silos, or jobs in flight at backup time wait for their next submission or restart" >&2
fi
elapsed=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
echo "restore: restored $file into '$database' in $elapsed s; start the cluster on it with the backed-up cluster's ServiceId and Secrets key"
