#!/usr/bin/env bash
# Starts Debian's PostgreSQL (installing it where missing) and prints a URL for the store tests.
set -euo pipefail
if ! command -v pg_lsclusters >/dev/null 2>&1; then
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
cluster=$(pg_lsclusters --no-header | head -n 1)
read -r version name _ <<<"$cluster"
pg_ctlcluster "$version" "$name" start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
    su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
done
su postgres -c "psql -qAtc \"select 1 from pg_roles where rolname='scheduler'\"" | grep -q 1 ||
    su postgres -c "psql -qc \"create role scheduler login password 'scheduler'\"" >/dev/null
su postgres -c "psql -qAtc \"select 1 from pg_database where datname='scheduler_test'\"" | grep -q 1 ||
    su postgres -c "psql -qc 'create database scheduler_test owner scheduler'" >/dev/null
echo "postgresql+psycopg://scheduler:scheduler@localhost:5432/scheduler_test"
