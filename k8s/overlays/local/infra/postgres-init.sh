#!/bin/sh
# Runs once, when the primary's data directory is first initialised (docker-entrypoint-initdb.d).
# Shared by docker-compose.yml and the k8s local overlay, so both create the same databases.
set -eu

# Each service owns its databases; geo spreads location pings over four shard databases.
DATABASES="inventory jobs media geo geo_shard_0 geo_shard_1 geo_shard_2 geo_shard_3"

for db in $DATABASES; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -c "CREATE DATABASE $db OWNER \"$POSTGRES_USER\""
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$db" \
    -c "CREATE EXTENSION IF NOT EXISTS postgis"
done

# The replica clones this primary with pg_basebackup over a replication connection.
echo "host replication all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
