#!/usr/bin/env bash
# loadtests/gate-batch-bench.sh [BATCHES] [LOTS] [REPETITIONS]
# What a call of 100 gate events costs the Redis store as a lot's day of event ids grows (issue 17),
# without HTTP: loadtests/gate-batch/GateBatchDriver.java sends BATCHES batches (default 3000, so
# 300,000 ids in one day) one after the other to LOTS lots (default 1) through RedisOccupancyStore.
# With PARKGRID_COMPARE_REF=<git ref> the occupancy.lua of that ref runs beside the current one,
# alternating REPETITIONS times (default 2), the same driver and JVM flags, so the two are compared
# side by side. The driver is pinned to CPU 1 (taskset -c 1); Redis runs where the system put it.
# Needs Redis (PARKGRID_TEST_REDIS_URI, default redis://127.0.0.1:6379) and deploy/target/lib
# (mvn -pl deploy -am package -DskipTests). Loopback only; the driver deletes its keys.
set -euo pipefail
cd "$(dirname "$0")/.."
batches=${1:-3000}
lots=${2:-1}
reps=${3:-2}
redis=${PARKGRID_TEST_REDIS_URI:-redis://127.0.0.1:6379}
script=core/src/main/resources/city/parkgrid/occupancy/redis
out=loadtests/target/gate-batch-$$
mkdir -p "$out/current/city/parkgrid/occupancy/redis"
cp "$script"/*.lua "$out/current/city/parkgrid/occupancy/redis/"
variants=(current)
if [[ -n ${PARKGRID_COMPARE_REF:-} ]]; then
  mkdir -p "$out/ref/city/parkgrid/occupancy/redis"
  for f in "$script"/*.lua; do
    git show "$PARKGRID_COMPARE_REF:$f" >"$out/ref/city/parkgrid/occupancy/redis/$(basename "$f")"
  done
  variants=(ref current)
fi
for rep in $(seq 1 "$reps"); do
  for v in "${variants[@]}"; do
    echo "== $v (${PARKGRID_COMPARE_REF:-working tree} for ref), repetition $rep: $batches batches to $lots lot(s)"
    taskset -c 1 java -cp "$out/$v:deploy/target/lib/*" loadtests/gate-batch/GateBatchDriver.java \
      "$batches" "$lots" "$redis" 2>&1 | grep -v '^WARNING' | tee "$out/$v-$rep.log"
  done
done
echo "logs in $out"
