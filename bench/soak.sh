#!/bin/sh
# Kill -9 soak of one Apogee broker: does every acknowledged message survive a crash of the broker process?
#
# Starts a name server and one broker (separate processes, free ports on 127.0.0.1, store in a temp dir,
# commit-log files of 64 MiB so that the kills also land near file rolls), then, for each cycle:
#   1. 'bin/apogee bench soak-produce': T threads send keyed messages synchronously, client retries off; the key of
#      every SEND_OK is appended to acked-<cycle>.txt at once (one write per ack, so the file survives anything
#      short of a machine crash). A body is derived from its key (key, a pattern, a CRC32), so damage shows.
#   2. after a random A..B seconds of load (counted from the first ack), kill -9 the broker; the producer ends by
#      itself once no send has succeeded for 3 s (killed after 30 s if not);
#   3. restart the broker on the same store (recovery), wait for "boot success";
#   4. 'bin/apogee bench soak-verify': reads every message of the topic, every queue from min to max offset, with a
#      pull consumer, and sets it against the acked keys of all cycles so far:
#        cycle 3/10 SYNC_FLUSH: acked 12345 (total 40001) lost 0 (total 0) corrupt 0 (total 0) duplicated 0 (total 0)
#      lost = acked key not found; corrupt = stored body not the one its key implies (or no soak key, or a queue
#      entry that cannot be read); duplicated = a key stored more than once. The cycle's own figures count the keys
#      it sent; the totals cover the whole topic, so an older message lost at a later restart shows there.
# Ends with a summary line; exit status 0 if nothing was lost, corrupt or duplicated, 1 otherwise (or if a step
# failed), 2 for bad usage. Client retries are off, so a duplicate can only come from the broker and fails the run.
#
# Expect 0 lost and 0 corrupt with SYNC_FLUSH (SEND_OK only after the data is forced to disk) and also with
# ASYNC_FLUSH: kill -9 ends the JVM, not the kernel, so data in the page cache still reaches the disk. Only a crash
# of the machine (power loss) may lose ASYNC_FLUSH data, and this script does not simulate that.
#
# Usage: bench/soak.sh [--cycles N] [--threads T] [--flush SYNC_FLUSH|ASYNC_FLUSH] [--min-seconds A]
#                      [--max-seconds B] [--seed S] [--keep]
#        defaults: 10 cycles, 16 threads, SYNC_FLUSH, kill after 3..10 s of load, seed from the clock;
#        --keep leaves the work dir (store, logs, acked keys) in place and prints its path.
# Needs:  mvn -B install -DskipTests   (the distribution and the bench module), python3 (free ports).
# Every process it starts and the work dir are removed on exit, Ctrl-C included. JAVA_OPT sets the servers' JVM
# options, BENCH_JAVA_OPT those of the producer and verifier (as for bin/apogee).

set -u

CYCLES=10
THREADS=16
FLUSH=SYNC_FLUSH
MIN_SECONDS=3
MAX_SECONDS=10
SEED=$(date +%s)
KEEP=0
SILENCE=3
usage_error() {
    echo "soak.sh: $*" >&2
    exit 2
}
need_value() {
    [ "$1" -ge 2 ] || usage_error "$2 needs a value"
}
while [ $# -gt 0 ]; do
    case "$1" in
        --cycles) need_value $# "$1"; CYCLES=$2; shift 2 ;;
        --threads) need_value $# "$1"; THREADS=$2; shift 2 ;;
        --flush) need_value $# "$1"; FLUSH=$2; shift 2 ;;
        --min-seconds) need_value $# "$1"; MIN_SECONDS=$2; shift 2 ;;
        --max-seconds) need_value $# "$1"; MAX_SECONDS=$2; shift 2 ;;
        --seed) need_value $# "$1"; SEED=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
        *) usage_error "unknown option '$1' (see --help)" ;;
    esac
done
for pair in "--cycles:$CYCLES" "--threads:$THREADS" "--min-seconds:$MIN_SECONDS" "--max-seconds:$MAX_SECONDS" \
        "--seed:$SEED"; do
    case "${pair#*:}" in
        ''|*[!0-9]*) usage_error "${pair%%:*} '${pair#*:}': must be a whole number" ;;
    esac
done
[ "$CYCLES" -ge 1 ] && [ "$THREADS" -ge 1 ] || usage_error "--cycles and --threads must be at least 1"
[ "$MIN_SECONDS" -ge 1 ] && [ "$MAX_SECONDS" -ge "$MIN_SECONDS" ] \
    || usage_error "need 1 <= --min-seconds ($MIN_SECONDS) <= --max-seconds ($MAX_SECONDS)"
case "$FLUSH" in
    SYNC_FLUSH|ASYNC_FLUSH) ;;
    *) usage_error "--flush '$FLUSH': SYNC_FLUSH or ASYNC_FLUSH" ;;
esac

HERE=$(cd "$(dirname "$0")" && pwd -P)
ROOT=$(dirname "$HERE")
. "$HERE/processes.sh"
APOGEE="$ROOT/bin/apogee"
if ! ls "$ROOT"/bench/target/apogee-bench-*.jar >/dev/null 2>&1 \
        || ! ls "$ROOT"/distribution/target/apogee-distribution-*.jar >/dev/null 2>&1; then
    echo "soak.sh: build first: (cd $ROOT && mvn -B install -DskipTests)" >&2
    exit 1
fi
command -v python3 >/dev/null 2>&1 || { echo "soak.sh: needs python3 (to find free ports)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/apogee-soak.XXXXXX") || exit 1
mkdir -p "$WORK/acked" "$WORK/logs" "$WORK/store"
# The Apache client logs under rocketmq.log.root (default ~/logs/rocketmqlogs); keep it inside WORK.
BENCH_JAVA_OPT="${BENCH_JAVA_OPT:--server -Xms256m -Xmx1g -XX:+UseG1GC} -Drocketmq.log.root=$WORK/client-logs"
export BENCH_JAVA_OPT
PIDS=""
BROKER_PID=""
PRODUCER_PID=""

cleanup() {
    # shellcheck disable=SC2086
    stop_pids 10 $PIDS
    if [ "$KEEP" = 1 ]; then
        echo "soak.sh: work dir kept: $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() {
    echo "[soak $(date +%H:%M:%S)] $*" >&2
}

forget() {
    PIDS=$(echo "$PIDS" | tr ' ' '\n' | grep -vx "$1" | tr '\n' ' ')
}

secs_since() {
    awk -v a="$1" -v b="$(now_ns)" 'BEGIN {printf "%.1f", (b - a) / 1e9}'
}

# free_ports: two distinct ports nobody listens on, below the kernel's ephemeral range (so that no client
# connection takes the broker's port while the broker is down).
free_ports() {
    python3 -c '
import random, socket
found = []
while len(found) < 2:
    port = random.randrange(12000, 32000)
    s = socket.socket()
    try:
        s.bind(("0.0.0.0", port))
        if port not in found:
            found.append(port)
    except OSError:
        pass
    finally:
        s.close()
print(*found)'
}

# keep_evidence REASON: copies the logs, acked keys and verifier outputs (not the store) under bench/target.
keep_evidence() {
    keep="$HERE/target/soak-failures/$(date +%Y%m%d-%H%M%S)"
    mkdir -p "$keep"
    cp -r "$WORK/logs" "$WORK/acked" "$keep/" 2>/dev/null
    cp -r "$WORK/client-logs" "$keep/" 2>/dev/null
    log "$1; logs and acked keys kept in $keep (run with --keep to keep the store as well)"
}

start_namesrv() {
    "$APOGEE" namesrv "listenPort=$NS_PORT" >"$WORK/logs/namesrv.out" 2>&1 &
    NS_PID=$!
    PIDS="$PIDS $NS_PID"
    if ! wait_for "$WORK/logs/namesrv.out" "boot success" "$NS_PID" 60; then
        log "the name server did not boot:"; tail -20 "$WORK/logs/namesrv.out" >&2
        return 1
    fi
}

# start_broker N: starts the broker (start number N: 0 first, then the cycle it recovers from); sets BOOT.
start_broker() {
    out="$WORK/logs/broker-$1.out"
    t0=$(now_ns)
    "$APOGEE" broker -c "$WORK/broker.conf" >"$out" 2>&1 &
    BROKER_PID=$!
    PIDS="$PIDS $BROKER_PID"
    if ! wait_for "$out" "boot success" "$BROKER_PID" 120; then
        keep_evidence "the broker did not boot (start $1): $(tail -3 "$out" | tr '\n' ' ')"
        return 1
    fi
    BOOT=$(secs_since "$t0")
}

kill_broker() {
    kill -9 "$BROKER_PID" 2>/dev/null
    wait "$BROKER_PID" 2>/dev/null
    forget "$BROKER_PID"
    BROKER_PID=""
}

# stop_producer: waits for the producer to end by itself (no ack for SILENCE s), kills it after 30 s.
stop_producer() {
    n=0
    while kill -0 "$PRODUCER_PID" 2>/dev/null && [ $n -lt 150 ]; do sleep 0.2; n=$((n + 1)); done
    if kill -0 "$PRODUCER_PID" 2>/dev/null; then
        log "cycle $cycle: the producer did not end within 30 s of the kill; killing it"
        kill -9 "$PRODUCER_PID" 2>/dev/null
    fi
    wait "$PRODUCER_PID" 2>/dev/null
    forget "$PRODUCER_PID"
    PRODUCER_PID=""
}

# run_load CYCLE: starts the producer, waits for its first ack, lets it run for the cycle's random time, kills
# the broker with SIGKILL and stops the producer. Sets LOAD (seconds of load before the kill).
run_load() {
    acked="$WORK/acked/acked-$1.txt"
    : >"$acked"
    "$APOGEE" bench soak-produce -n "127.0.0.1:$NS_PORT" --topic "$TOPIC" --cycle "$1" --threads "$THREADS" \
        --acked "$acked" --stop-after-silence "$SILENCE" --duration $((MAX_SECONDS + 120)) \
        >"$WORK/logs/produce-$1.out" 2>&1 &
    PRODUCER_PID=$!
    PIDS="$PIDS $PRODUCER_PID"
    n=0
    while [ ! -s "$acked" ] && kill -0 "$PRODUCER_PID" 2>/dev/null && [ $n -lt 600 ]; do
        sleep 0.1; n=$((n + 1))
    done
    if [ ! -s "$acked" ]; then
        keep_evidence "cycle $1: no send was acknowledged: $(grep '^failure=' "$WORK/logs/produce-$1.out")"
        return 1
    fi
    t0=$(now_ns)
    sleep "$(echo "$KILL_AFTER" | cut -d' ' -f"$1")"
    if ! kill -0 "$PRODUCER_PID" 2>/dev/null; then
        log "cycle $1: the producer ended before the kill: $(grep -E '^(soak.end|failure)=' \
            "$WORK/logs/produce-$1.out" | tr '\n' ' ')"
    fi
    LOAD=$(secs_since "$t0")
    kill_broker
    stop_producer
    if grep -q '^status=FAILED' "$WORK/logs/produce-$1.out"; then
        log "cycle $1: the producer reports $(grep '^failure=' "$WORK/logs/produce-$1.out")"
    fi
}

# verify CYCLE: runs the verifier; prints its line; sets VERIFY_OK (1/0). Returns 1 if it could not verify.
verify() {
    result="$WORK/logs/verify-$1.txt"
    "$APOGEE" bench soak-verify -n "127.0.0.1:$NS_PORT" --topic "$TOPIC" --acked-dir "$WORK/acked" \
        --cycle "$1" --cycles "$CYCLES" --flush "$FLUSH" --out "$result" >"$WORK/logs/verify-$1.out" 2>&1
    line=$(grep '^cycle ' "$WORK/logs/verify-$1.out")
    if [ -z "$line" ]; then
        keep_evidence "cycle $1: the verifier failed: $(grep '^failure=' "$result" 2>/dev/null \
            || tail -3 "$WORK/logs/verify-$1.out")"
        return 1
    fi
    echo "$line; broker killed after ${LOAD}s of load, restarted in ${BOOT}s"
    if grep -q '^status=OK' "$result"; then
        VERIFY_OK=1
    else
        VERIFY_OK=0
        grep '^example\.' "$result" | sed 's/^/    /'
    fi
}

figure() {
    sed -n "s/^$1=//p" "$WORK/logs/verify-$LAST.txt"
}

set -- $(free_ports)
NS_PORT=$1
BROKER_PORT=$2
TOPIC="soak_$(date +%s)"
cat >"$WORK/broker.conf" <<CONF
brokerClusterName=SoakCluster
brokerName=broker-soak
brokerId=0
brokerIP1=127.0.0.1
listenPort=$BROKER_PORT
namesrvAddr=127.0.0.1:$NS_PORT
storePathRootDir=$WORK/store
storePathCommitLog=$WORK/store/commitlog
mapedFileSizeCommitLog=67108864
flushDiskType=$FLUSH
autoCreateTopicEnable=true
CONF

log "$CYCLES cycles, $FLUSH, $THREADS threads, kill after ${MIN_SECONDS}..${MAX_SECONDS}s of load, seed $SEED;" \
    "name server 127.0.0.1:$NS_PORT, broker 127.0.0.1:$BROKER_PORT, work dir $WORK"
# The kill time of every cycle, one sequence from the seed (mawk's rand() right after srand of neighbouring seeds
# is far from uniform).
KILL_AFTER=$(awk -v a="$MIN_SECONDS" -v b="$MAX_SECONDS" -v s="$SEED" -v n="$CYCLES" \
    'BEGIN {srand(s); for (i = 1; i <= n; i++) printf "%s%.1f", (i > 1 ? " " : ""), a + rand() * (b - a)}')
START=$(now_ns)
start_namesrv || exit 1
start_broker 0 || exit 1
FAILED=0
LAST=""
cycle=1
while [ $cycle -le "$CYCLES" ]; do
    run_load "$cycle" || exit 1
    start_broker "$cycle" || exit 1
    verify "$cycle" || exit 1
    LAST=$cycle
    if [ "$VERIFY_OK" = 0 ]; then
        FAILED=1
    fi
    cycle=$((cycle + 1))
done

if [ "$FAILED" = 0 ]; then VERDICT=PASS; else VERDICT=FAIL; fi
echo "soak $FLUSH: $CYCLES cycles of $THREADS threads in $(secs_since "$START")s: acked $(figure total.acked)," \
    "stored $(figure stored.keys) keys ($(figure stored.unacked) unacked: in flight at a kill)," \
    "lost $(figure total.lost) corrupt $(figure total.corrupt) duplicated $(figure total.duplicated): $VERDICT"
if [ "$FAILED" = 1 ]; then
    keep_evidence "messages were lost, corrupt or duplicated"
    exit 1
fi
exit 0
