#!/usr/bin/env bash
# ./parkgrid load [USERS] [SECONDS]
# Runs the Gatling simulations (guidance, then allocation) against a `serve` node on loopback that
# uses the local Redis and PostGIS, then the Redis-only floor (redis-benchmark running the same
# Lua script at the same concurrency), and prints the figures for docs/PERFORMANCE.md.
# Bounded: USERS concurrent users (default 16) for SECONDS each (default 30); loopback only.
# Leaves nothing behind: its PostGIS schema and Redis keys are removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-16}
seconds=${2:-30}
port=${PARKGRID_LOAD_PORT:-18080}
run=$$
schema=loadtest_$run
prefix=loadtest$run
out=loadtests/target/load-$run
mkdir -p "$out"
cp=deploy/target/parkgrid.jar:deploy/target/lib/*

# one driver per concurrent user: a driver without an account holds for one plate at a time
keys=
: >"$out/credentials.yaml"
for n in $(seq 0 $((users - 1))); do
  key_output=$(java -cp "$cp" city.parkgrid.deploy.ParkGridMain new-key --role DRIVER --id "load-$n")
  keys=${keys:+$keys,}$(sed -n '2p' <<<"$key_output" | tr -d ' ')
  sed -n '/^  - role/,$p' <<<"$key_output" | sed 's/^  //' >>"$out/credentials.yaml"
done

export PARKGRID_PG_URL=$PARKGRID_TEST_PG_URL PARKGRID_PG_SCHEMA=$schema PARKGRID_REDIS_PREFIX=$prefix
export PARKGRID_REDIS_URI=$PARKGRID_TEST_REDIS_URI PARKGRID_CREDENTIALS_FILE=$out/credentials.yaml
export PARKGRID_PORT=$port PARKGRID_HTTP_HOST=127.0.0.1

cleanup() {
  [[ -n ${server:-} ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  psql "${PARKGRID_TEST_PG_URL#jdbc:}" -qc "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 \
    || su postgres -c "psql -d parkgrid_test -qc 'DROP SCHEMA IF EXISTS $schema CASCADE'" >/dev/null 2>&1 || true
  redis-cli --scan --pattern "$prefix:*" | xargs -r -n 1000 redis-cli unlink >/dev/null
  redis-cli --scan --pattern "pgfloor$run:*" | xargs -r -n 1000 redis-cli unlink >/dev/null
}
trap cleanup EXIT

java -cp "$cp" city.parkgrid.deploy.ParkGridMain import core/src/main/resources/datasets/wujiaochang/wujiaochang.geojson \
  >"$out/import.log" 2>&1
# each simulated driver asks far more often than a real one: lift the per-driver rate limit, which
# is an abuse guard, not what is measured here
printf 'allocation:\n  maxAllocationsPerMinute: 100000000\n' >"$out/config.yaml"
java ${PARKGRID_JAVA_OPTS:-} -cp "$cp" city.parkgrid.deploy.ParkGridMain serve --config "$out/config.yaml" \
  >"$out/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$port/health" >/dev/null || { echo "serve did not start; see $out/serve.log"; exit 1; }

for simulation in GuidanceSimulation AllocationSimulation; do
  echo "== $simulation: $users concurrent users for ${seconds}s against http://127.0.0.1:$port"
  mvn -B -q -pl loadtests gatling:test -Dgatling.simulationClass=city.parkgrid.loadtests.$simulation \
    -Dparkgrid.baseUrl="http://127.0.0.1:$port" -Dparkgrid.driverTokens="$keys" \
    -Dparkgrid.users="$users" -Dparkgrid.seconds="$seconds" >"$out/$simulation.log" 2>&1 \
    || { tail -40 "$out/$simulation.log"; exit 1; }
  sed -n '/Global Information/,/^=====/p' "$out/$simulation.log"
done

echo "== Redis-only floor at the same concurrency ($users clients)"
script=core/src/main/resources/city/parkgrid/occupancy/redis/occupancy.lua
sha=$(redis-cli -x SCRIPT LOAD <"$script")
lot="pgfloor$run:lot:{floor}"
keys="$lot:state $lot:holds $lot:hold-records $lot:plate-holds $lot:ended-holds"
redis-cli EVALSHA "$sha" 5 $keys register 1000 86400000 1000000000 >/dev/null
echo "-- the allocation's atomic hold (occupancy.lua 'hold'), one call per request:"
redis-benchmark -q -c "$users" -n 200000 -r 100000000 EVALSHA "$sha" 5 $keys hold 1000 86400000 \
  floor.__rand_int__ P__rand_int__ d1 99999999999999 | tr '\r' '\n' | tail -1
echo "-- guidance's reads: one HMGET per candidate lot, 20 pipelined per request:"
redis-benchmark -q -c "$users" -n 400000 -P 20 HMGET "$lot:state" capacity occupied held closed asOf updatedAt version \
  | tr '\r' '\n' | tail -1
