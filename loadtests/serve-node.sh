# Sourced by the benchmarks: starts one serve node from the built launcher jar, pinned to a CPU,
# and waits until its /health says UP; and reads the figures of a wrk run. Needs $cp, $port and $out set, and $server declared (the
# caller stops the node); the start's length in ms is left in $started_ms.
now_ms() { date +%s%3N; }

start_node() { # CPU LOG [java options...]
  local cpu=$1 log=$2 t0
  shift 2
  t0=$(now_ms)
  taskset -c "$cpu" java "$@" -cp "$cp" city.parkgrid.deploy.ParkGridMain serve --config "$out/config.yaml" \
    >"$log" 2>&1 &
  server=$!
  until curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$server" 2>/dev/null || { echo "serve died; see $log"; exit 1; }
    (($(now_ms) - t0 < 120000)) || { echo "serve not UP in 120 s"; exit 1; }
    sleep 0.05
  done
  started_ms=$(($(now_ms) - t0))
}

wrk_figures() { # LOG -> "requests/s p50 p99 non-2xx" of a wrk --latency run
  awk '/Requests\/sec/ {rps = $2} $1 == "50%" {p50 = $2} $1 == "99%" {p99 = $2} /Non-2xx/ {bad = $NF}
    END {print rps, p50, p99, (bad == "" ? 0 : bad)}' "$1"
}
