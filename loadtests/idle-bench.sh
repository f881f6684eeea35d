#!/usr/bin/env bash
# loadtests/idle-bench.sh [SECONDS]
# What a city costs when nothing happens (issue 19), side by side in one run: Wujiaochang's 40 lots
# and a generated Shanghai of 4,500 (./parkgrid generate-city --lots 4500 --seed 16), each with one
# serve node and then with three (one Vert.x cluster over Hazelcast, TCP/IP on 127.0.0.1). No client
# asks anything. After a warm-up, over SECONDS (default 30): each node's CPU (utime + stime of all
# its threads from /proc/PID/stat, as a share of one core) and Redis's commands per second (INFO
# stats total_commands_processed and INFO commandstats, before and after).
# Redis is a redis-server of the script's own (port PARKGRID_BENCH_REDIS_PORT, default 16399), so
# that nothing else on the machine is counted; it is pinned to CPU 1 and every node to CPU 0
# (taskset). Needs PostgreSQL/PostGIS (PARKGRID_TEST_PG_URL: ./parkgrid test_services) and
# deploy/target/parkgrid.jar, or PARKGRID_BENCH_CP for another build's classpath (to measure an
# older commit). Leaves nothing behind: its schemas are dropped and every process it started is
# stopped, by pid.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
warmup=${PARKGRID_BENCH_WARMUP:-20}
port=${PARKGRID_BENCH_PORT:-18601}
redis_port=${PARKGRID_BENCH_REDIS_PORT:-16399}
run=$$
out=loadtests/target/idle-$run
mkdir -p "$out"
cp=${PARKGRID_BENCH_CP:-deploy/target/parkgrid.jar:deploy/target/lib/*}
pg=${PARKGRID_TEST_PG_URL#jdbc:}
tick=$(getconf CLK_TCK)
nodes=()
redis_pid=

main() { java -cp "$cp" city.parkgrid.deploy.ParkGridMain "$@"; }
now_ms() { date +%s%3N; }
sql() { psql "$pg" -X -q -tA -v ON_ERROR_STOP=1 "$@"; }
rcli() { redis-cli -p "$redis_port" "$@"; }

stop_nodes() {
  for pid in "${nodes[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${nodes[@]}"; do wait "$pid" 2>/dev/null || true; done
  nodes=()
}
cleanup() {
  stop_nodes
  [[ -n $redis_pid ]] && { kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; }
  for name in wujiaochang shanghai; do sql -c "DROP SCHEMA IF EXISTS idle_${run}_$name CASCADE" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

taskset -c 1 redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$out/redis.log" 2>&1 &
redis_pid=$!
until rcli ping >/dev/null 2>&1; do sleep 0.05; done

main generate-city --lots 4500 --seed 16 --out "$out/shanghai.geojson" >"$out/generate.log"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# per thread, by name (comm), for where an idle node's CPU goes: "ticks name" lines
thread_ticks() {
  for t in /proc/"$1"/task/*; do
    printf '%s %s\n' "$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0)" "$(tr ' ' _ 2>/dev/null <"$t/comm")"
  done | awk '{s[$2] += $1} END {for (n in s) print n, s[n]}' | sort
}
commands() { rcli info stats | awk -F: '/^total_commands_processed/ {print $2+0}'; }

start_nodes() { # dataset count
  local i t0 http
  for ((i = 0; i < $2; i++)); do
    http=$((port + i))
    local cluster=false
    (($2 > 1)) && cluster=true
    cat >"$out/config-$1-$2-$i.yaml" <<YAML
cluster:
  enabled: $cluster
  name: idle-bench-$run-$1-$2
  host: 127.0.0.1
  port: 5951
  members: [127.0.0.1]
YAML
    PARKGRID_PORT=$http taskset -c 0 java -Xmx512m -cp "$cp" city.parkgrid.deploy.ParkGridMain serve \
      --config "$out/config-$1-$2-$i.yaml" >"$out/serve-$1-$2-$i.log" 2>&1 &
    nodes+=($!)
  done
  t0=$(now_ms)
  for ((i = 0; i < $2; i++)); do
    until curl -fs "http://127.0.0.1:$((port + i))/health" 2>/dev/null | grep -q '"UP"'; do
      kill -0 "${nodes[$i]}" 2>/dev/null || { echo "serve died; see $out/serve-$1-$2-$i.log"; exit 1; }
      (($(now_ms) - t0 < 180000)) || { echo "serve not UP in 180 s"; exit 1; }
      sleep 0.1
    done
  done
}

measure() { # dataset count
  local i before=() after=() c0 c1 t0 t1 step
  rcli config resetstat >/dev/null
  c0=$(commands)
  t0=$(now_ms)
  for pid in "${nodes[@]}"; do before+=("$(cpu_ticks "$pid")"); done
  thread_ticks "${nodes[0]}" >"$out/threads-before-$1-$2.txt"
  sleep "$seconds"
  thread_ticks "${nodes[0]}" >"$out/threads-after-$1-$2.txt"
  for pid in "${nodes[@]}"; do after+=("$(cpu_ticks "$pid")"); done
  # the first node's threads that spent any CPU in the window, most first
  join -a 2 -e 0 -o 0,1.2,2.2 "$out/threads-before-$1-$2.txt" "$out/threads-after-$1-$2.txt" \
    | awk '$3 - $2 > 0 {print $3 - $2, $1}' | sort -rn >"$out/threads-$1-$2.txt"
  t1=$(now_ms)
  c1=$(commands)
  rcli info commandstats >"$out/commandstats-$1-$2.txt"
  local elapsed=$(((t1 - t0)))
  # a history step (PT5M by default) samples every lot once per node: say whether one fell inside
  step=no
  (((t0 / 300000) != (t1 / 300000))) && step=yes
  local cpus=""
  for ((i = 0; i < ${#nodes[@]}; i++)); do
    cpus+=$(awk -v d=$((after[i] - before[i])) -v hz="$tick" -v ms="$elapsed" 'BEGIN {printf "%.2f%% ", 100 * d / hz / (ms / 1000)}')
  done
  local top
  top=$(awk -F'[:=,]' '/^cmdstat_/ {sub("cmdstat_", "", $1); print $3, $1}' "$out/commandstats-$1-$2.txt" \
    | sort -rn | head -4 | awk -v ms="$elapsed" '{printf "%s %.1f/s  ", $2, $1 / (ms / 1000)}')
  printf '%-12s %d node(s)  CPU per node: %s  Redis: %.1f commands/s (%s)  history step in window: %s\n' \
    "$1" "$2" "$cpus" "$(awk -v d=$((c1 - c0)) -v ms="$elapsed" 'BEGIN {print d / (ms / 1000)}')" "$top" "$step" \
    | tee -a "$out/summary.txt"
}

bench() { # name file
  export PARKGRID_PG_URL=$PARKGRID_TEST_PG_URL PARKGRID_PG_SCHEMA=idle_${run}_$1 PARKGRID_REDIS_PREFIX=idle$run$1
  export PARKGRID_REDIS_URI=redis://127.0.0.1:$redis_port PARKGRID_HTTP_HOST=127.0.0.1
  main import "$2" >"$out/import-$1.log" 2>&1
  local count
  for count in 1 3; do
    start_nodes "$1" "$count"
    sleep "$warmup"
    measure "$1" "$count"
    stop_nodes
  done
}

echo "== idle benchmark $(date -u +%FT%TZ), $(nproc) CPUs (shared), nodes on CPU 0, Redis on CPU 1, ${seconds} s each after ${warmup} s" \
  | tee "$out/summary.txt"
bench wujiaochang core/src/main/resources/datasets/wujiaochang/wujiaochang.geojson
bench shanghai "$out/shanghai.geojson"
echo "== figures in $out/summary.txt"
