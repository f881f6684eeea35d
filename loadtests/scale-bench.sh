#!/usr/bin/env bash
# loadtests/scale-bench.sh [SECONDS] [ACCOUNTS]
# City scale, side by side in one run: Wujiaochang's 40 lots and a generated Shanghai of 4,500
# (./parkgrid generate-city --lots 4500 --seed 16). For each: import time, a serve node's start-up
# time (launch to /health UP), its heap after start (after a full GC, jcmd), and nearby-lots and
# guidance throughput and latency (wrk, SECONDS each, default 10). The node is pinned to CPU 0
# (taskset -c 0) and wrk to CPU 1. Then, on the Shanghai schema, ACCOUNTS prepaid accounts (default
# 1,000,000, one plate each, made by INSERT ... SELECT) and a batch of 2,000 exits settled through
# the gate API, and one operator's day of settlement read back.
# Needs Redis, PostgreSQL/PostGIS (PARKGRID_TEST_REDIS_URI, PARKGRID_TEST_PG_URL: ./parkgrid
# test_services) and deploy/target/parkgrid.jar. Leaves nothing behind: its schemas and Redis keys
# are removed at the end and every process it starts is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
accounts=${2:-1000000}
port=${PARKGRID_BENCH_PORT:-18501}
run=$$
out=loadtests/target/scale-$run
mkdir -p "$out"
cp=deploy/target/parkgrid.jar:deploy/target/lib/*
pg=${PARKGRID_TEST_PG_URL#jdbc:}
redis=${PARKGRID_TEST_REDIS_URI:-redis://127.0.0.1:6379}
heap=${PARKGRID_BENCH_XMX:-1g}
server=

main() { java -cp "$cp" city.parkgrid.deploy.ParkGridMain "$@"; }
. loadtests/serve-node.sh
sql() { psql "$pg" -X -q -tA -v ON_ERROR_STOP=1 "$@"; }

stop_server() {
  if [[ -n $server ]]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=
  fi
}
cleanup() {
  stop_server
  for name in wujiaochang shanghai; do
    sql -c "DROP SCHEMA IF EXISTS scale_${run}_$name CASCADE" >/dev/null 2>&1 || true
    redis-cli -u "$redis" --scan --pattern "scale$run$name:*" | xargs -r -n 1000 redis-cli -u "$redis" unlink >/dev/null
  done
}
trap cleanup EXIT

[[ ${PARKGRID_CDS:-on} == off ]] || ./parkgrid class-archive
operator_key=$(main new-key --role OPERATOR --id op-huangpu-mall)
bureau_key=$(main new-key --role BUREAU --id bench-bureau)
{
  echo "credentials:"
  for k in "$operator_key" "$bureau_key"; do sed -n '/^  - role/,$p' <<<"$k"; done
  # wrk's few clients ask far more often than drivers: the per-driver limit is an abuse guard
  printf 'allocation:\n  maxAllocationsPerMinute: 100000000\n'
} >"$out/config.yaml"
operator_token=$(sed -n '2p' <<<"$operator_key" | tr -d ' ')

main generate-city --lots 4500 --seed 16 --out "$out/shanghai.geojson" | tee "$out/generate.log"

cat >"$out/guidance.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("GUIDANCE_BODY")
LUA

wrk_run() { # name url [lua]
  local args=(-t1 -c16 -d"${seconds}s" --latency)
  [[ -n ${3:-} ]] && args+=(-s "$3")
  taskset -c 1 wrk "${args[@]}" "$2" >"$out/wrk-$1.log"
  local rps p50 p99 non2xx
  read -r rps p50 p99 non2xx < <(wrk_figures "$out/wrk-$1.log")
  printf '%-12s %-9s %8s req/s  p50 %-8s p99 %-8s non-2xx %s\n' "$dataset" "$1" "$rps" "$p50" "$p99" "$non2xx" \
    | tee -a "$out/summary.txt"
}

bench() { # name file lat lon
  dataset=$1
  export PARKGRID_PG_URL=$PARKGRID_TEST_PG_URL PARKGRID_PG_SCHEMA=scale_${run}_$1 PARKGRID_REDIS_PREFIX=scale$run$1
  export PARKGRID_REDIS_URI=$redis PARKGRID_PORT=$port PARKGRID_HTTP_HOST=127.0.0.1
  local t0 t1
  t0=$(now_ms)
  main import "$2" --config "$out/config.yaml" >"$out/import-$1.log" 2>&1
  t1=$(now_ms)
  printf '%-12s import    %6d ms (%s)\n' "$1" $((t1 - t0)) "$(grep -o 'imported.*' "$out/import-$1.log" | sed 's/ into schema [^:]*//')" | tee -a "$out/summary.txt"
  # as ./parkgrid serve starts it: from the class-data-sharing archive (PARKGRID_CDS=off: without)
  local cds=()
  [[ ${PARKGRID_CDS:-on} == off ]] || cds=(-XX:SharedArchiveFile=deploy/target/parkgrid-serve.jsa -Xshare:auto)
  start_node 0 "$out/serve-$1.log" -Xmx"$heap" "${cds[@]}"
  jcmd "$server" GC.run >/dev/null
  local used
  # on one CPU the JVM picks the serial collector: sum the used of its generations (G1: one line)
  used=$(jcmd "$server" GC.heap_info | awk '/total/ && !/Metaspace|class space/ {
    for (i = 1; i < NF; i++) if ($i == "used") { v = $(i + 1); gsub(/[K,]/, "", v); s += v } } END { print int(s / 1024) }')
  printf '%-12s start-up  %6d ms to /health UP, heap after GC %d MB (-Xmx%s)\n' "$1" "$started_ms" "$used" "$heap" \
    | tee -a "$out/summary.txt"
  local lots
  lots=$(curl -fs "http://127.0.0.1:$port/v1/lots?near=$3,$4&radius=1000" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["lots"]))')
  echo "$1: $lots lots within 1000 m of $3,$4" >>"$out/summary.txt"
  wrk_run nearby "http://127.0.0.1:$port/v1/lots?near=$3,$4&radius=1000"
  GUIDANCE_BODY="{\"destination\":{\"lat\":$3,\"lon\":$4},\"maxWalkMeters\":1000}" \
    wrk_run guidance "http://127.0.0.1:$port/v1/guidance" "$out/guidance.lua"
}

settle() { # on the Shanghai schema, node running
  local schema=scale_${run}_shanghai t0 t1 lot
  t0=$(now_ms)
  sql -c "SET search_path TO $schema; BEGIN;
    INSERT INTO accounts (id, payment_type, balance_fen) SELECT 'bench-' || g, 'PREPAID', 100000 FROM generate_series(1, $accounts) g;
    INSERT INTO account_plates (plate, account_id) SELECT '沪B' || lpad(g::text, 7, '0'), 'bench-' || g FROM generate_series(1, $accounts) g;
    COMMIT; ANALYZE accounts; ANALYZE account_plates;"
  t1=$(now_ms)
  printf 'shanghai     accounts  %6d ms to insert %d accounts and plates (INSERT ... SELECT)\n' $((t1 - t0)) "$accounts" \
    | tee -a "$out/summary.txt"
  lot=$(sql -c "SET search_path TO $schema; SELECT id FROM lots WHERE operator_id = 'op-huangpu-mall' ORDER BY capacity DESC LIMIT 1")
  curl -fs -X PUT "http://127.0.0.1:$port/v1/lots/$lot/tariff" -H "Authorization: Bearer $operator_token" \
    -H 'Content-Type: application/json' \
    -d '{"freeMinutes":15,"dayRateFen":1000,"nightRateFen":500,"dayStarts":"08:00","nightStarts":"20:00","dailyCapFen":8000}' >/dev/null
  python3 - "$out" "$lot" "$accounts" <<'PY'
import json, sys, datetime
out, lot, accounts = sys.argv[1], sys.argv[2], int(sys.argv[3])
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
entered, exited = now - datetime.timedelta(hours=2), now - datetime.timedelta(minutes=1)
step = 997  # spreads the 2,000 plates over the million accounts
for kind, at in (("ENTRY", entered), ("EXIT", exited)):
    for batch in range(2):
        events = [{"eventId": f"{kind.lower()}-{n}", "type": kind, "plate": "沪B%07d" % (1 + (n * step) % accounts),
                   "at": at.isoformat().replace("+00:00", "Z")} for n in range(batch * 1000, (batch + 1) * 1000)]
        json.dump(events, open(f"{out}/{kind.lower()}-{batch}.json", "w"))
PY
  for batch in 0 1; do
    curl -fs -o /dev/null -X POST "http://127.0.0.1:$port/v1/lots/$lot/events" -H "Authorization: Bearer $operator_token" \
      -H 'Content-Type: application/json' --data-binary @"$out/entry-$batch.json"
  done
  t0=$(now_ms)
  for batch in 0 1; do
    curl -fs -o /dev/null -X POST "http://127.0.0.1:$port/v1/lots/$lot/events" -H "Authorization: Bearer $operator_token" \
      -H 'Content-Type: application/json' --data-binary @"$out/exit-$batch.json"
  done
  local settled=0
  until ((settled >= 2000)) || (($(now_ms) - t0 > 120000)); do
    settled=$(sql -c "SET search_path TO $schema; SELECT count(*) FROM parking_sessions WHERE status = 'SETTLED'")
    ((settled >= 2000)) || sleep 0.1
  done
  t1=$(now_ms)
  printf 'shanghai     exits     %6d ms to settle 2000 exits in 2 requests of 1000 (%s sessions SETTLED), %d accounts\n' \
    $((t1 - t0)) "$settled" "$accounts" | tee -a "$out/summary.txt"
  local date
  date=$(TZ=Asia/Shanghai date -d "@$(( $(date +%s) - 60 ))" +%F)
  t0=$(now_ms)
  curl -fs "http://127.0.0.1:$port/v1/operators/op-huangpu-mall/settlements?date=$date" \
    -H "Authorization: Bearer $operator_token" >"$out/settlement.json"
  t1=$(now_ms)
  printf "shanghai     day       %6d ms for op-huangpu-mall's settlement of %s (owedFen %s)\n" $((t1 - t0)) "$date" \
    "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["owedFen"])' "$out/settlement.json")" | tee -a "$out/summary.txt"
}

echo "== scale benchmark $(date -u +%FT%TZ), $(nproc) CPUs (shared), node on CPU 0, wrk on CPU 1" | tee "$out/summary.txt"
bench wujiaochang core/src/main/resources/datasets/wujiaochang/wujiaochang.geojson 31.2995 121.514
stop_server
bench shanghai "$out/shanghai.geojson" 31.14 121.56
settle
stop_server
echo "== figures in $out/summary.txt"
