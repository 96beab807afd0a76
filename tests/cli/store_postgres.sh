#!/usr/bin/env bash
# The store round trip (store_round_trip.cmake) and, with -DAPI_CMAKE=…, the service's read test
# (tests/server/api_test.cmake) against a real PostgreSQL 15 server started here in a temporary
# folder (Unix socket only, no TCP port) and stopped after, whatever the outcome.
# Exit 77 (CTest: skipped, with a message) where the server package is not installed.
#   store_postgres.sh WORK cmake-args…
set -u
work=$1; shift
bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/initdb" ]; then
  echo "SKIPPED: PostgreSQL 15 server not installed (apt install postgresql-15 postgresql-15-postgis-3)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work/pg"
as_server=()
if [ "$(id -u)" -eq 0 ]; then  # the server refuses to run as root
  chown postgres "$work/pg"
  as_server=(runuser -u postgres --)
fi
"${as_server[@]}" "$bin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 --locale=C >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; exit 1; }
"${as_server[@]}" "$bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w \
  -o "-k $work/pg -c listen_addresses='' -c fsync=off" start >/dev/null || { cat "$work/pg/server.log"; exit 1; }
stop() { "${as_server[@]}" "$bin/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null 2>&1; }
trap stop EXIT
"$bin/psql" -h "$work/pg" -U postgres -d postgres -q -c "CREATE DATABASE citynoise" || exit 1
cmake "$@" "-DSTORE=PG:host=$work/pg dbname=citynoise user=postgres" -DWORK="$work/run" -P "$(dirname "$0")/store_round_trip.cmake" || exit 1
api=""
for a in "$@"; do case $a in -DAPI_CMAKE=*) api=${a#-DAPI_CMAKE=} ;; esac; done
if [ -n "$api" ]; then
  "$bin/psql" -h "$work/pg" -U postgres -d postgres -q -c "CREATE DATABASE citynoise_api" || exit 1
  cmake "$@" "-DSTORE=PG:host=$work/pg dbname=citynoise_api user=postgres" -DWORK="$work/api" -DMODE=read -P "$api"
fi
