#!/bin/sh
# Daily backup (docker-compose.yml, service "backup"): the database with pg_dump (custom format,
# for pg_restore) and the media files (uploaded emails and screenshots) as a tar.gz, into
# BACKUP_DIR, keeping the newest BACKUP_KEEP of each. `backup.sh once` makes one and stops.
# A failed backup leaves no partial file behind (written as .part, renamed when complete).
set -eu

BACKUP_DIR=${BACKUP_DIR:-/backups}
MEDIA_DIR=${MEDIA_DIR:-/media}
BACKUP_KEEP=${BACKUP_KEEP:-14}
BACKUP_EVERY_SECONDS=${BACKUP_EVERY_SECONDS:-86400}

prune() {  # prune PREFIX SUFFIX: keep the newest BACKUP_KEEP (names sort by their UTC stamp)
	ls -1 "$BACKUP_DIR" | grep -E "^$1-[0-9]{8}T[0-9]{6}Z$2\$" | sort -r \
		| tail -n +"$((BACKUP_KEEP + 1))" | while read -r old; do rm -f -- "$BACKUP_DIR/$old"; done
}

backup_once() {
	stamp=$(date -u +%Y%m%dT%H%M%SZ)
	mkdir -p "$BACKUP_DIR"
	pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" \
		--file="$BACKUP_DIR/db-$stamp.dump.part"
	mv "$BACKUP_DIR/db-$stamp.dump.part" "$BACKUP_DIR/db-$stamp.dump"
	tar -C "$MEDIA_DIR" -czf "$BACKUP_DIR/media-$stamp.tar.gz.part" .
	mv "$BACKUP_DIR/media-$stamp.tar.gz.part" "$BACKUP_DIR/media-$stamp.tar.gz"
	prune db .dump
	prune media .tar.gz
	echo "backup $stamp done: $(ls -1 "$BACKUP_DIR" | grep -c '^db-') database and" \
		"$(ls -1 "$BACKUP_DIR" | grep -c '^media-') media backups kept"
}

if [ "${1:-}" = once ]; then
	trap 'rm -f "$BACKUP_DIR"/*.part' EXIT
	backup_once
	exit 0
fi
# Each run is its own process, so `set -e` stops it at the first failure.
while true; do
	sh "$0" once || echo "backup FAILED at $(date -u +%Y-%m-%dT%H:%M:%SZ)" >&2
	sleep "$BACKUP_EVERY_SECONDS"
done
