#!/bin/bash
# A streaming read replica: cloned from the primary with pg_basebackup at every start (the local set is
# disposable, and a fresh clone never trips over WAL the primary has already recycled), then started as a
# hot standby. Shared by docker-compose.yml and the k8s local overlay.
set -eu
PRIMARY_HOST=${PRIMARY_HOST:-postgres}
DATA=/var/lib/postgresql/data
mkdir -p "$DATA"
find "$DATA" -mindepth 1 -delete
until pg_basebackup -h "$PRIMARY_HOST" -U "$POSTGRES_USER" -D "$DATA" -R -X stream --checkpoint=fast; do
  echo "waiting for the primary at $PRIMARY_HOST" >&2
  sleep 2
done
chown -R postgres:postgres "$DATA"
chmod 700 "$DATA"
exec gosu postgres postgres -c hot_standby=on -c jit=off
