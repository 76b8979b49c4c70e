#!/bin/sh
# What the duplicate-send window (duplicateSendDetectEnable) costs per send: runs an Apogee name server and broker
# (fresh store each run, ASYNC_FLUSH) with the window on, then off, alternately for --rounds rounds, each loaded
# by `bin/apogee bench produce` (sync sends, 32 threads) and `bin/apogee bench produce-async` (1,024 in flight),
# and prints per run the load tool's throughput, send p99 and broker CPU per message, then the medians per setting.
# The window's own cost without the network: the JMH benchmark DuplicateWindowBenchmark
# (bin/apogee bench jmh io.apogee.bench.jmh.DuplicateWindowBenchmark), which also prints a full window's heap.
#
# Usage: bench/dedup-cost.sh [--rounds N] [--warmup S] [--duration S]
# Needs: mvn -B package -DskipTests (the distribution and the bench module). On a shared machine run it under the
# build lock: flock /tmp/apogee-mvn.lock bench/dedup-cost.sh. Every process and directory it starts is removed.

set -u
ROUNDS=3
WARMUP=4
DURATION=15
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "dedup-cost.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done

HERE=$(cd "$(dirname "$0")" && pwd -P)
ROOT=$(dirname "$HERE")
. "$HERE/processes.sh"
WORK=$(mktemp -d /tmp/apogee-dedup-cost.XXXXXX)
PIDS=""
cleanup() {
    # shellcheck disable=SC2086
    [ -n "$PIDS" ] && stop_pids 20 $PIDS
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# run SETTING ROUND: one name server and broker with duplicateSendDetectEnable=SETTING, both loads, results in WORK.
run() {
    dir="$WORK/$1.r$2"
    mkdir -p "$dir"
    ns_port=$(free_port)
    broker_port=$(free_port)
    printf 'listenPort=%s\n' "$ns_port" >"$dir/namesrv.conf"
    "$ROOT/bin/apogee" namesrv -c "$dir/namesrv.conf" >"$dir/namesrv.out" 2>&1 &
    ns_pid=$!
    cat >"$dir/broker.conf" <<CONF
brokerClusterName=DefaultCluster
brokerName=broker-bench
brokerIP1=127.0.0.1
listenPort=$broker_port
namesrvAddr=127.0.0.1:$ns_port
storePathRootDir=$dir/store
flushDiskType=ASYNC_FLUSH
autoCreateTopicEnable=true
duplicateSendDetectEnable=$1
CONF
    "$ROOT/bin/apogee" broker -c "$dir/broker.conf" >"$dir/broker.out" 2>&1 &
    broker_pid=$!
    PIDS="$ns_pid $broker_pid"
    if ! wait_for "$dir/broker.out" "boot success" "$broker_pid" 60; then
        echo "broker did not boot:" >&2; tail -20 "$dir/broker.out" >&2; exit 1
    fi
    for load in "produce --threads 32" "produce-async --inflight 1024"; do
        name=${load%% *}
        # shellcheck disable=SC2086
        "$ROOT/bin/apogee" bench $load -n "127.0.0.1:$ns_port" --broker-pid "$broker_pid" --warmup "$WARMUP" \
            --duration "$DURATION" >"$dir/$name.txt" 2>"$dir/$name.err"
        printf '%-5s round %s %-13s %s\n' "$1" "$2" "$name" \
            "$(grep -E '^(send\.tps|send\.latency\.p99\.ms|broker\.cpu\.us\.per\.msg)=' "$dir/$name.txt" \
                | tr '\n' ' ')"
    done
    stop_pids 20 $PIDS
    PIDS=""
}

round=1
while [ "$round" -le "$ROUNDS" ]; do
    run true "$round"
    run false "$round"
    round=$((round + 1))
done

echo "medians over $ROUNDS rounds:"
for setting in true false; do
    for name in produce produce-async; do
        for key in send.tps send.latency.p99.ms broker.cpu.us.per.msg; do
            v=$(cat "$WORK"/$setting.r*/$name.txt 2>/dev/null | grep "^$key=" | cut -d= -f2 | sort -g \
                | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]}')
            printf 'duplicateSendDetectEnable=%-5s %-13s %s=%s\n' "$setting" "$name" "$key" "$v"
        done
    done
done
