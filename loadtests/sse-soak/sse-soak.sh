#!/usr/bin/env bash
# The SSE soak (issue 18): a dev node with its heap capped (-Xmx256m), CLIENTS Server-Sent-Event
# clients that never read (half on the lots stream, half on the zones stream), every lot of
# Wujiaochang changed every second, reads timed throughout; the heap after each GC is taken from
# the node's GC log. Bounded (SECONDS, default 120) and it stops the node it started.
#   loadtests/sse-soak/sse-soak.sh [CLIENTS=300] [SECONDS=120] [PORT=18601]
# NODE_CPUS / CLIENT_CPUS (e.g. 0 and 1) pin the node and the clients apart with taskset.
# Needs the packaged launcher (deploy/target/parkgrid.jar and lib/: mvn -pl deploy -am package).
set -euo pipefail
cd "$(dirname "$0")/../.."
CLIENTS=${1:-300}
SECONDS_=${2:-120}
PORT=${3:-18601}
OUT=${SOAK_OUT:-loadtests/target/sse-soak}
mkdir -p "$OUT"
[[ -f deploy/target/parkgrid.jar && -d deploy/target/lib ]] || {
  echo "sse-soak: build first: mvn -B -q -pl deploy -am package -DskipTests" >&2; exit 2; }

NODE_PIN=(); CLIENT_PIN=()
[[ -n ${NODE_CPUS:-} ]] && NODE_PIN=(taskset -c "$NODE_CPUS")
[[ -n ${CLIENT_CPUS:-} ]] && CLIENT_PIN=(taskset -c "$CLIENT_CPUS")
"${NODE_PIN[@]}" java -Xmx256m -Xms256m "-Xlog:gc:file=$OUT/gc.log:uptime" -cp "deploy/target/parkgrid.jar:deploy/target/lib/*" \
  city.parkgrid.deploy.ParkGridMain dev --port "$PORT" >"$OUT/node.log" 2>&1 &
NODE=$!
trap 'kill "$NODE" 2>/dev/null || true; wait "$NODE" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/health" >/dev/null || { echo "sse-soak: the node did not start" >&2; cat "$OUT/node.log" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || true

"${CLIENT_PIN[@]}" java loadtests/sse-soak/SseSoak.java "http://127.0.0.1:$PORT" "$CLIENTS" "$SECONDS_" | tee "$OUT/soak.txt"

# heap after each GC (G1 "…M->NM(…)" of the node's GC log), per 20 s of the run
echo "heap after GC, MB (min / max per 20 s of uptime):" | tee -a "$OUT/soak.txt"
sed -n 's/^\[\([0-9.]*\)s\].*->\([0-9]*\)M(.*/\1 \2/p' "$OUT/gc.log" |
  awk '{b=int($1/20); if(!(b in mn)||$2<mn[b])mn[b]=$2; if($2>mx[b])mx[b]=$2; n[b]++}
       END{for(b in n) printf "  %4d-%4ds: %4d / %4d MB (%d GCs)\n", b*20, b*20+20, mn[b], mx[b], n[b]}' |
  sort -n | tee -a "$OUT/soak.txt"
grep -c "dropped a slow" "$OUT/node.log" | sed 's/^/node log: slow clients dropped: /' | tee -a "$OUT/soak.txt" || true
if grep -q "OutOfMemoryError" "$OUT/node.log"; then echo "sse-soak: the node ran out of memory" | tee -a "$OUT/soak.txt"; exit 1; fi
