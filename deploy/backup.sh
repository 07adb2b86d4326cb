#!/usr/bin/env bash
# A consistent backup of Actors' PostgreSQL database, with retention (docs/operations.md, "Backups").
#
#   deploy/backup.sh                 back up now into $ACTORS_BACKUP_DIR, then apply retention
#
# pg_dump reads the whole database in one transaction (one snapshot), so grain state, the job list,
# stored reports, the completion ledger and the audit log in one file are from the same instant, while
# jobs keep running. The file is pg_dump's custom format (compressed; pg_restore reads it), named
# actors-<database>-<UTC time>.dump, with a .sha256 beside it. It appears under its name only once it
# is whole and pg_restore has read its table of contents: a failed run leaves no file to mistake for a
# backup. Redis (membership, reminders) is not backed up: deploy/restore.sh and the silos re-create
# what a restore needs from the database.
#
# Connection: the standard libpq variables: PGHOST, PGPORT, PGUSER, PGDATABASE (default actors), and
# PGPASSWORD or better PGPASSFILE. The pg_dump used must be of the server's major version or newer.
# Settings (environment):
#   ACTORS_BACKUP_DIR        where backups go (default /var/backups/actors)
#   ACTORS_BACKUP_KEEP_DAYS  backups older than this many days are removed (default 14)
#   ACTORS_BACKUP_KEEP_MIN   ...but the newest this many are always kept, however old (default 7)
#   ACTORS_PG_BIN            folder holding pg_dump and pg_restore (default: PATH, else the newest
#                            /usr/lib/postgresql/<version>/bin)
# Exit codes: 0 done, 1 the backup failed (nothing was removed), 2 another backup is running.
set -euo pipefail

dir=${ACTORS_BACKUP_DIR:-/var/backups/actors}
keep_days=${ACTORS_BACKUP_KEEP_DAYS:-14}
keep_min=${ACTORS_BACKUP_KEEP_MIN:-7}
database=${PGDATABASE:-actors}
export PGDATABASE=$database

. "$(dirname "$0")/pg-tool.sh"

case "$keep_days$keep_min" in
  *[!0-9]*) echo "backup: ACTORS_BACKUP_KEEP_DAYS and ACTORS_BACKUP_KEEP_MIN are whole numbers" >&2; exit 1 ;;
esac

mkdir -p "$dir"
chmod 700 "$dir"
# One backup at a time: a timer firing while a slow backup still runs waits for the next turn.
exec 9>"$dir/.backup.lock"
flock -n 9 || { echo "backup: another backup is running in $dir" >&2; exit 2; }

pg_dump=$(pg_tool pg_dump)
pg_restore=$(pg_tool pg_restore)
stamp=$(date -u +%Y%m%dT%H%M%S.%3NZ)
name="actors-$database-$stamp.dump"
partial="$dir/.$name.partial"
trap 'rm -f "$partial"' EXIT

started=$(date +%s.%N)
# Custom format: compressed, and pg_restore can restore it table by table or in parallel.
"$pg_dump" --format=custom --compress=6 --no-password --file="$partial"
# A file pg_restore cannot read is no backup.
"$pg_restore" --list "$partial" >/dev/null
echo "$(sha256sum "$partial" | cut -d ' ' -f 1)  $name" >"$dir/$name.sha256"
mv "$partial" "$dir/$name"
trap - EXIT
elapsed=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
size=$(stat -c %s "$dir/$name")

# Retention: the newest $keep_min always stay; of the rest, those older than $keep_days go.
removed=0
kept=0
while IFS= read -r old; do
  kept=$((kept + 1))
  if [ "$kept" -le "$keep_min" ]; then continue; fi
  if [ -n "$(find "$old" -maxdepth 0 -mmin +"$((keep_days * 1440))" 2>/dev/null)" ]; then
    rm -f "$old" "$old.sha256"
    removed=$((removed + 1))
  fi
done < <(ls -1t "$dir"/actors-"$database"-*.dump 2>/dev/null)

echo "backup: wrote $dir/$name ($size bytes in $elapsed s); $((kept - removed)) backup(s) kept, $removed removed"
