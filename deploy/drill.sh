#!/usr/bin/env bash
# deploy/drill.sh — the three-node drill (issue 16): three `serve` JVMs in one Hazelcast cluster
# behind HAProxy (deploy/haproxy/parkgrid.cfg: 127.0.0.1:18500, stats on 18509, nodes on
# 18501-18503, Hazelcast on 18520-18522), on the local Redis and PostgreSQL; a bounded load of gate
# events, allocations and guidance through HAProxy; one node killed with kill -9 and restarted.
# It runs ThreeNodeDrillIT (which `./parkgrid test` runs too) and prints its figures. Needs
# haproxy (Debian: apt-get install haproxy); stops everything it starts.
set -euo pipefail
cd "$(dirname "$0")/.."
export PARKGRID_TEST_REDIS_URI=${PARKGRID_TEST_REDIS_URI:-redis://127.0.0.1:6379}
export PARKGRID_TEST_PG_URL=${PARKGRID_TEST_PG_URL:-jdbc:postgresql://127.0.0.1:5432/parkgrid_test?user=parkgrid&password=parkgrid}
command -v haproxy >/dev/null || { echo "haproxy is missing (apt-get install haproxy)"; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
mvn -o -B -pl core,api,sim,deploy -am verify -Dtest=NoSuchTest -Dit.test=ThreeNodeDrillIT \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
  >"$log" 2>&1 || status=$?
grep -E '^drill:|Tests run:.*ThreeNodeDrillIT|FAIL' "$log" || true
((status == 0)) || tail -60 "$log"
exit "$status"
