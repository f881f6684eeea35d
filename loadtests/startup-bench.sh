#!/usr/bin/env bash
# Start-up of a serve node, with and without the class-data-sharing archive the launcher makes
# (docs/DECISIONS.md, "Start-up from a class-data-sharing archive"), at Wujiaochang's 40 lots and
# at a generated 4,500-lot Shanghai, side by side: REPS rounds, each starting all four in turn,
# the node pinned to CPU ${PARKGRID_BENCH_CPU:-0}. Needs Redis and PostgreSQL/PostGIS as
# ./parkgrid test sets them up; builds the launcher and its archive when they are missing.
#   loadtests/startup-bench.sh [REPS]      prints one line per start and the medians
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-3}
cpu=${PARKGRID_BENCH_CPU:-0}
port=${PARKGRID_BENCH_PORT:-18531}
run=$$
out=loadtests/target/startup-$run
mkdir -p "$out"
cp=deploy/target/parkgrid.jar:deploy/target/lib/*
pg=${PARKGRID_TEST_PG_URL:-jdbc:postgresql://127.0.0.1:5432/parkgrid_test?user=parkgrid&password=parkgrid}
redis=${PARKGRID_TEST_REDIS_URI:-redis://127.0.0.1:6379}
archive=deploy/target/parkgrid-serve.jsa
server=

main() { java -cp "$cp" city.parkgrid.deploy.ParkGridMain "$@"; }
. loadtests/serve-node.sh
cleanup() {
  [[ -n $server ]] && { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
  for name in wujiaochang shanghai; do
    psql "${pg#jdbc:}" -X -q -c "DROP SCHEMA IF EXISTS startup_${run}_$name CASCADE" >/dev/null 2>&1 || true
    redis-cli -u "$redis" --scan --pattern "startup$run$name:*" | xargs -r -n 1000 redis-cli -u "$redis" unlink >/dev/null
  done
}
trap cleanup EXIT

./parkgrid class-archive
key=$(main new-key --role BUREAU --id startup-bench)
{ echo "credentials:"; sed -n '/^  - role/,$p' <<<"$key"; } >"$out/config.yaml"
main generate-city --lots 4500 --seed 16 --out "$out/shanghai.geojson" >/dev/null

env_for() {
  export PARKGRID_PG_URL=$pg PARKGRID_PG_SCHEMA=startup_${run}_$1 PARKGRID_REDIS_PREFIX=startup$run$1
  export PARKGRID_REDIS_URI=$redis PARKGRID_PORT=$port PARKGRID_HTTP_HOST=127.0.0.1
}
env_for wujiaochang; main import core/src/main/resources/datasets/wujiaochang/wujiaochang.geojson --config "$out/config.yaml" >/dev/null 2>&1
env_for shanghai; main import "$out/shanghai.geojson" --config "$out/config.yaml" >/dev/null 2>&1

start() { # dataset archive(on|off)
  env_for "$1"
  local opts=()
  [[ $2 == on ]] && opts=(-XX:SharedArchiveFile="$archive" -Xshare:on)
  start_node "$cpu" "$out/serve-$1-$2.log" "${opts[@]}"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
  printf '%-12s archive %-3s %6d ms\n' "$1" "$2" "$started_ms" | tee -a "$out/starts.txt"
}

for ((r = 1; r <= reps; r++)); do
  for name in wujiaochang shanghai; do start "$name" off; start "$name" on; done
done
echo "medians (launch to /health UP, node on CPU $cpu, $reps rounds):"
for name in wujiaochang shanghai; do
  for a in off on; do
    printf '%-12s archive %-3s %6d ms\n' "$name" "$a" \
      "$(awk -v n="$name" -v a="$a" '$1 == n && $3 == a {print $4}' "$out/starts.txt" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')"
  done
done
