#!/usr/bin/env bash
# loadtests/hot-path-bench.sh [SECONDS] [REPETITIONS]
# Issue 17's side-by-side run of the navigation hot path against the HTTP stack's floor. For
# Wujiaochang's 40 lots and a generated Shanghai of 4,500 (generate-city --lots 4500 --seed 16): a
# serve node on real Redis and PostGIS pinned to CPU 0 (taskset -c 0), and on the same CPU the floor
# (loadtests' FloorServer: a bare Vert.x 5 HTTP server answering each request with the very bytes
# the node answered it); wrk -t1 -c64 pinned to CPU 1. Requests: nearby lots, one lot, guidance,
# and a batch of 100 gate events (50 cars in and out, fresh plates and ids each batch), at one lot
# and, in the generated city, spread over one operator's 25 lots (events100x25). Each
# request alternates node, floor, node, floor … REPETITIONS times (default 3) for SECONDS each
# (default 15); the summary gives each run and the medians' ratio node / floor.
# PARKGRID_BENCH_DATASETS=wujiaochang (or shanghai) runs one data set only;
# PARKGRID_BENCH_REQUESTS="events100 guidance" runs only the requests named;
# PARKGRID_BENCH_CONNECTIONS=4 opens that many wrk connections instead of 64.
# Needs Redis, PostgreSQL/PostGIS (PARKGRID_TEST_REDIS_URI, PARKGRID_TEST_PG_URL: ./parkgrid
# test_services), deploy/target/parkgrid.jar and loadtests' test classes (mvn -pl loadtests
# test-compile), and wrk (installed here when missing and run as root). Loopback only; bounded;
# leaves nothing behind: its schemas and Redis keys are removed and every process it starts stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
reps=${2:-3}
port=${PARKGRID_BENCH_PORT:-18601}
floor_port=$((port + 1))
run=$$
out=loadtests/target/hot-path-$run
mkdir -p "$out"
cp=deploy/target/parkgrid.jar:deploy/target/lib/*
floor_cp="loadtests/target/test-classes:deploy/target/lib/*"
pg=${PARKGRID_TEST_PG_URL#jdbc:}
redis=${PARKGRID_TEST_REDIS_URI:-redis://127.0.0.1:6379}
server=
floor=

if ! command -v wrk >/dev/null; then
  [[ $(id -u) == 0 ]] || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
  apt-get install -y -q wrk >/dev/null
fi
[[ -f loadtests/target/test-classes/city/parkgrid/loadtests/FloorServer.class ]] \
  || mvn -B -q -o -pl loadtests test-compile

main() { java -cp "$cp" city.parkgrid.deploy.ParkGridMain "$@"; }
. loadtests/serve-node.sh
sql() { psql "$pg" -X -q -tA -v ON_ERROR_STOP=1 "$@"; }

stop() { # PID-VARIABLE
  local pid=${!1}
  if [[ -n $pid ]]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    printf -v "$1" '%s' ''
  fi
}
cleanup() {
  stop server
  stop floor
  for name in wujiaochang shanghai; do
    sql -c "DROP SCHEMA IF EXISTS hot_${run}_$name CASCADE" >/dev/null 2>&1 || true
    redis-cli -u "$redis" --scan --pattern "hot$run$name:*" | xargs -r -n 1000 redis-cli -u "$redis" unlink >/dev/null
  done
}
trap cleanup EXIT

# gate events come from the operator of the lot they are posted to: Wanda's in Wujiaochang, a
# Huangpu mall operator's in the generated city
wanda_key=$(main new-key --role OPERATOR --id op-wanda)
huangpu_key=$(main new-key --role OPERATOR --id op-huangpu-mall)
{
  echo "credentials:"
  for k in "$wanda_key" "$huangpu_key"; do sed -n '/^  - role/,$p' <<<"$k"; done
} >"$out/config.yaml"
wanda_token=$(sed -n '2p' <<<"$wanda_key" | tr -d ' ')
huangpu_token=$(sed -n '2p' <<<"$huangpu_key" | tr -d ' ')

cat >"$out/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("BENCH_BODY")
LUA
# 50 cars in and 50 out per batch, every id and plate fresh, so each batch is new work
cat >"$out/events.lua" <<'LUA'
local n = 0
local token = os.getenv("BENCH_TOKEN")
local lots = {}
for id in string.gmatch(os.getenv("BENCH_LOTS") or "", "%S+") do lots[#lots + 1] = id end
request = function()
  n = n + 1
  local at = os.date("!%Y-%m-%dT%H:%M:%SZ")
  local events = {}
  for i = 1, 50 do
    local plate = string.format("沪H%05d", (n * 50 + i) % 100000)
    local id = string.format("b%d-%d-%d", os.time(), n, i)
    events[#events + 1] = string.format('{"eventId":"%s-in","type":"ENTRY","plate":"%s","at":"%s"}', id, plate, at)
    events[#events + 1] = string.format('{"eventId":"%s-out","type":"EXIT","plate":"%s","at":"%s"}', id, plate, at)
  end
  -- BENCH_LOTS (space-separated lot ids): each batch to the next of them, as a district's gates
  -- send; unset: every batch to the URL's lot
  local path = nil
  if lots and #lots > 0 then path = "/v1/lots/" .. lots[(n % #lots) + 1] .. "/events" end
  return wrk.format("POST", path, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token},
    "[" .. table.concat(events, ",") .. "]")
end
LUA

wrk_run() { # dataset request target url [lua] -> one line of summary.txt
  [[ " ${PARKGRID_BENCH_REQUESTS:-$2} " == *" $2 "* ]] || return 0
  local args=(-t1 -c"${PARKGRID_BENCH_CONNECTIONS:-64}" -d"${seconds}s" --latency)
  [[ -n ${5:-} ]] && args+=(-s "$5")
  local log="$out/wrk-$1-$2-$3-$rep.log"
  taskset -c 1 wrk "${args[@]}" "$4" >"$log"
  local rps p50 p99 non2xx
  read -r rps p50 p99 non2xx < <(wrk_figures "$log")
  printf '%s %s %s %s %s %s %s %s\n' "$1" "$2" "$3" "$rep" "$rps" "$p50" "$p99" "$non2xx" >>"$out/runs.txt"
  printf '%-12s %-9s %-8s rep %d %10s req/s  p50 %-8s p99 %-8s non-2xx %s\n' "$1" "$2" "$3" "$rep" "$rps" "$p50" "$p99" \
    "$non2xx"
}

bench() { # dataset geojson lat lon lot operator-token [lots the batches are also spread over]
  local name=$1 lat=$3 lon=$4 lot=$5 operator_token=$6 spread=${7:-}
  export PARKGRID_PG_URL=$PARKGRID_TEST_PG_URL PARKGRID_PG_SCHEMA=hot_${run}_$name PARKGRID_REDIS_PREFIX=hot$run$name
  export PARKGRID_REDIS_URI=$redis PARKGRID_PORT=$port PARKGRID_HTTP_HOST=127.0.0.1
  main import "$2" --config "$out/config.yaml" >"$out/import-$name.log" 2>&1
  # PARKGRID_BENCH_JAVA_OPTS: e.g. a JFR recording of the node (-XX:StartFlightRecording=...)
  # shellcheck disable=SC2086
  start_node 0 "$out/serve-$name.log" ${PARKGRID_BENCH_JAVA_OPTS:-}
  local base="http://127.0.0.1:$port" fbase="http://127.0.0.1:$floor_port"
  local near="/v1/lots?near=$lat,$lon&radius=800" one="/v1/lots/$lot"
  local guidance_body="{\"destination\":{\"lat\":$lat,\"lon\":$lon}}"
  # the floor answers with the bytes the node answered (a batch's answer: one batch's)
  curl -fs "$base$near" >"$out/$name-near.json"
  curl -fs "$base$one" >"$out/$name-one.json"
  curl -fs -X POST "$base/v1/guidance" -H 'Content-Type: application/json' -d "$guidance_body" >"$out/$name-guidance.json"
  BENCH_TOKEN=$operator_token taskset -c 1 wrk -t1 -c1 -d1s -s "$out/events.lua" "$base$one/events" >/dev/null
  curl -fs -X POST "$base$one/events" -H 'Content-Type: application/json' -H "Authorization: Bearer $operator_token" \
    -d '[{"eventId":"floor-probe","type":"ENTRY","plate":"沪H99999","at":"'"$(date -u +%FT%TZ)"'"}]' >"$out/$name-events.json"
  echo "$name: $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["lots"]))' "$out/$name-near.json") lots within 800 m; answers $(wc -c <"$out/$name-near.json") / $(wc -c <"$out/$name-one.json") / $(wc -c <"$out/$name-guidance.json") bytes" \
    | tee -a "$out/summary.txt"
  taskset -c 0 java -cp "$floor_cp" city.parkgrid.loadtests.FloorServer "$floor_port" \
    GET "$near" "$out/$name-near.json" GET "$one" "$out/$name-one.json" \
    POST /v1/guidance "$out/$name-guidance.json" POST "$one/events" "$out/$name-events.json" \
    $(for l in $spread; do printf 'POST /v1/lots/%s/events %s ' "$l" "$out/$name-events.json"; done) \
    >"$out/floor-$name.log" 2>&1 &
  floor=$!
  until curl -fs -o /dev/null "$fbase$one"; do kill -0 "$floor" || exit 1; sleep 0.05; done
  for rep in $(seq 1 "$reps"); do
    for target in node floor; do
      local b=$base
      [[ $target == floor ]] && b=$fbase
      wrk_run "$name" nearby "$target" "$b$near"
      wrk_run "$name" lot "$target" "$b$one"
      BENCH_BODY=$guidance_body wrk_run "$name" guidance "$target" "$b/v1/guidance" "$out/post.lua"
      BENCH_TOKEN=$operator_token wrk_run "$name" events100 "$target" "$b$one/events" "$out/events.lua"
      if [[ -n $spread ]]; then
        BENCH_TOKEN=$operator_token BENCH_LOTS=$spread \
          wrk_run "$name" events100x$(wc -w <<<"$spread") "$target" "$b$one/events" "$out/events.lua"
      fi
    done
  done
  stop floor
  stop server
}

datasets=${PARKGRID_BENCH_DATASETS:-wujiaochang shanghai}
if [[ " $datasets " == *" wujiaochang "* ]]; then
  bench wujiaochang core/src/main/resources/datasets/wujiaochang/wujiaochang.geojson 31.2995 121.514 wanda-plaza \
    "$wanda_token"
fi
if [[ " $datasets " == *" shanghai "* ]]; then
  main generate-city --lots 4500 --seed 16 --out "$out/shanghai.geojson" >"$out/generate.log"
  # the events go to the Huangpu mall operator's biggest lot
  shanghai_lot=$(python3 -c '
import json, sys
lots = [f["properties"] for f in json.load(open(sys.argv[1]))["features"]
        if f["properties"].get("operatorId") == "op-huangpu-mall"]
print(max(lots, key=lambda p: p["capacity"])["id"])' "$out/shanghai.geojson")
  # the questions are about the place with the most lots within 800 m, as many as around Wujiaochang
  # junction or more, so that the two data sets answer alike and differ in the city's size alone
  read -r lat lon dense < <(python3 -c '
import json, math, sys
pts = [f["geometry"]["coordinates"] for f in json.load(open(sys.argv[1]))["features"]
       if f["properties"].get("featureType") == "lot"]
def metres(a, b):
    dy = (a[1] - b[1]) * 111_320
    dx = (a[0] - b[0]) * 111_320 * math.cos(math.radians(a[1]))
    return math.hypot(dx, dy)
best = max(pts, key=lambda p: sum(1 for q in pts if metres(p, q) <= 800))
print(best[1], best[0], sum(1 for q in pts if metres(best, q) <= 800))' "$out/shanghai.geojson")
  echo "shanghai: questions about $lat,$lon ($dense lots within 800 m)" | tee -a "$out/summary.txt"
  # and, spread over all of that operator's lots, as its gates would send them
  huangpu_lots=$(python3 -c '
import json, sys
print(" ".join(f["properties"]["id"] for f in json.load(open(sys.argv[1]))["features"]
               if f["properties"].get("operatorId") == "op-huangpu-mall"))' "$out/shanghai.geojson")
  bench shanghai "$out/shanghai.geojson" "$lat" "$lon" "$shanghai_lot" "$huangpu_token" "$huangpu_lots"
fi

python3 - "$out/runs.txt" <<'PY' | tee -a "$out/summary.txt"
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    dataset, request, target, rep, rps, p50, p99, non2xx = line.split()
    runs.setdefault((dataset, request, target), []).append((float(rps), p50, p99, int(non2xx)))
print("\n| data set | request | node req/s (median of runs) | floor req/s | ratio | node p50 / p99 (median run) | non-2xx |")
print("|---|---|---|---|---|---|---|")
for (dataset, request, target), r in runs.items():
    if target != "node":
        continue
    f = runs[(dataset, request, "floor")]
    node = statistics.median(x[0] for x in r)
    fl = statistics.median(x[0] for x in f)
    mid = sorted(r)[len(r) // 2]
    print(f"| {dataset} | {request} | {node:,.0f} ({', '.join(f'{x[0]:,.0f}' for x in r)}) | {fl:,.0f} | {node / fl:.2f} | {mid[1]} / {mid[2]} | {sum(x[3] for x in r)} |")
PY
echo "runs and logs in $out"
