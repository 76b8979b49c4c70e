#!/bin/sh
# Timer (5.x exact-time) messages, Apogee beside Apache RocketMQ 5.4.0 on this machine, driven by the same tool
# (bin/apogee bench timers, built on the Apache rocketmq-client 5.4.0). For each server: a name server and a broker
# (ASYNC_FLUSH, same JVM flags), then
#   accuracy: --count timers sent at --rate per second, each due --delay-ms after its send (TIMER_DELIVER_MS), a push
#             consumer receiving them: percentiles of (store time of the delivered copy - requested millisecond) and
#             of (receipt - requested millisecond); negative = early;
#   pending:  --pending timers due in an hour, parked; the broker's RSS (and its anonymous part: heap and native
#             memory, not the page cache of mapped files) before and after, read from /proc/PID/status, and its
#             live heap (in use right after a full GC, jcmd) before and after: what the pending timers hold.
# Prints each run's figures and a table; every process and directory it creates is removed on exit.
#
# Usage: bench/timers.sh [--rate N] [--count N] [--delay-ms N] [--pending N] [--servers "apogee rocketmq"]
#                        [--apogee-conf "key=value ..."]
#        (defaults 10000, 100000, 10000, 1000000, both; --count 0 skips the accuracy run; --apogee-conf adds
#        lines to Apogee's broker.conf, e.g. "duplicateSendDetectEnable=false" to leave the duplicate-send window,
#        which remembers every send of the last 5 minutes, out of the pending run's live heap)
# Needs:  mvn -B install -DskipTests (distribution and bench), and Apache RocketMQ 5.4.0's jars in
# bench/target/rocketmq-5.4.0/lib (fetched here when missing, as bench/compare.sh does).

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
. "$HERE/processes.sh"
RATE=10000
COUNT=100000
DELAY=10000
PENDING=1000000
SERVERS="apogee rocketmq"
APOGEE_CONF=""
while [ $# -gt 0 ]; do
    case "$1" in
        --rate) RATE="$2"; shift 2 ;;
        --count) COUNT="$2"; shift 2 ;;
        --delay-ms) DELAY="$2"; shift 2 ;;
        --pending) PENDING="$2"; shift 2 ;;
        --servers) SERVERS="$2"; shift 2 ;;
        --apogee-conf) APOGEE_CONF="$2"; shift 2 ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "timers.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done
APACHE_LIB="$HERE/target/rocketmq-5.4.0/lib"
JVM_OPTS="${JVM_OPTS:--server -Xms1g -Xmx1g -XX:MaxDirectMemorySize=1g -XX:+UseG1GC}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/apogee-timers.XXXXXX")
BENCH_JAVA_OPT="${BENCH_JAVA_OPT:--server -Xms512m -Xmx1g -XX:+UseG1GC} -Drocketmq.log.root=$WORK/client-logs"
export BENCH_JAVA_OPT
PIDS=""
cleanup() {
    # shellcheck disable=SC2086
    stop_pids 20 $PIDS
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log() {
    echo "[timers $(date +%H:%M:%S)] $*" >&2
}
case " $SERVERS " in *" rocketmq "*)
    if [ ! -f "$APACHE_LIB/rocketmq-broker-5.4.0.jar" ]; then
        log "fetching Apache RocketMQ 5.4.0 from Maven Central"
        mvn -B -q -f "$HERE/apache/pom.xml" dependency:copy-dependencies || exit 1
    fi ;;
esac
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
rss_mib() {
    awk -v f="${2:-VmRSS}:" '$1 == f {printf "%.1f", $2 / 1024}' "/proc/$1/status"
}
# live_heap_mib PID: the broker's heap in use right after a full GC (jcmd GC.run, GC.heap_info), in MiB.
live_heap_mib() {
    jcmd "$1" GC.run >/dev/null 2>&1
    sleep 2
    jcmd "$1" GC.heap_info 2>/dev/null | awk '/used/ { for (i = 1; i < NF; i++) if ($i == "used") {
        v = $(i + 1); sub(/K.*/, "", v); printf "%.1f", v / 1024; exit } }'
}

# run SERVER: starts its name server and broker, runs both scenarios, stops them.
run() {
    server=$1
    dir="$WORK/$server"
    mkdir -p "$dir"
    ns_port=$(free_port)
    broker_port=$(free_port)
    while [ "$broker_port" -le 2 ] || [ "$broker_port" = "$ns_port" ]; do broker_port=$(free_port); done
    if [ "$server" = apogee ]; then
        JAVA_OPT="$JVM_OPTS" "$ROOT/bin/apogee" namesrv "listenPort=$ns_port" metricsEnable=false \
            >"$dir/namesrv.out" 2>&1 &
    else
        echo "listenPort=$ns_port" >"$dir/namesrv.conf"
        # shellcheck disable=SC2086
        "$JAVA" $JVM_OPTS -Duser.home="$dir" -Drocketmq.home.dir="$dir" -cp "$APACHE_LIB/*" \
            org.apache.rocketmq.namesrv.NamesrvStartup -c "$dir/namesrv.conf" >"$dir/namesrv.out" 2>&1 &
    fi
    ns_pid=$!
    PIDS="$PIDS $ns_pid"
    wait_for "$dir/namesrv.out" "boot success" "$ns_pid" 60 || { log "$server name server did not boot"; return 1; }
    cat >"$dir/broker.conf" <<CONF
brokerClusterName=DefaultCluster
brokerName=broker-timers
brokerId=0
brokerIP1=127.0.0.1
listenPort=$broker_port
namesrvAddr=127.0.0.1:$ns_port
storePathRootDir=$dir/store
storePathCommitLog=$dir/store/commitlog
flushDiskType=ASYNC_FLUSH
autoCreateTopicEnable=true
CONF
    if [ "$server" = apogee ]; then
        echo "metricsEnable=false" >>"$dir/broker.conf"
        for line in $APOGEE_CONF; do echo "$line" >>"$dir/broker.conf"; done
        JAVA_OPT="$JVM_OPTS" "$ROOT/bin/apogee" broker -c "$dir/broker.conf" >"$dir/broker.out" 2>&1 &
    else
        # shellcheck disable=SC2086
        "$JAVA" $JVM_OPTS -Duser.home="$dir" -Drocketmq.home.dir="$dir" -cp "$APACHE_LIB/*" \
            org.apache.rocketmq.broker.BrokerStartup -c "$dir/broker.conf" >"$dir/broker.out" 2>&1 &
    fi
    broker_pid=$!
    PIDS="$PIDS $broker_pid"
    wait_for "$dir/broker.out" "boot success" "$broker_pid" 60 || { log "$server broker did not boot"; return 1; }
    sleep 5
    if [ "$COUNT" -gt 0 ]; then
        log "$server: accuracy, $COUNT timers at $RATE/s due ${DELAY} ms after their send"
        "$ROOT/bin/apogee" bench timers -n "127.0.0.1:$ns_port" --count "$COUNT" --rate "$RATE" \
            --delay-ms "$DELAY" --consume >"$WORK/$server.accuracy.txt" 2>"$dir/bench-accuracy.err"
    else
        : >"$WORK/$server.accuracy.txt"
    fi
    sleep 5
    echo "broker.rss.before.mib=$(rss_mib "$broker_pid")" >"$WORK/$server.pending.txt"
    echo "broker.rss.anon.before.mib=$(rss_mib "$broker_pid" RssAnon)" >>"$WORK/$server.pending.txt"
    echo "broker.heap.live.before.mib=$(live_heap_mib "$broker_pid")" >>"$WORK/$server.pending.txt"
    log "$server: $PENDING timers pending for an hour"
    "$ROOT/bin/apogee" bench timers -n "127.0.0.1:$ns_port" --count "$PENDING" --rate 1000000 \
        --delay-ms 3600000 >>"$WORK/$server.pending.txt" 2>"$dir/bench-pending.err"
    sleep 10
    echo "broker.rss.after.mib=$(rss_mib "$broker_pid")" >>"$WORK/$server.pending.txt"
    echo "broker.rss.anon.after.mib=$(rss_mib "$broker_pid" RssAnon)" >>"$WORK/$server.pending.txt"
    echo "broker.heap.live.after.mib=$(live_heap_mib "$broker_pid")" >>"$WORK/$server.pending.txt"
    stop_pids 30 "$broker_pid" "$ns_pid"
    PIDS=""
}

for server in $SERVERS; do
    run "$server" || exit 1
done
fig() {
    grep "^$2=" "$WORK/$1" 2>/dev/null | head -1 | cut -d= -f2
}
for server in $SERVERS; do
    echo "== $server"
    cat "$WORK/$server.accuracy.txt" "$WORK/$server.pending.txt"
done
echo
echo "| figure | $(echo "$SERVERS" | sed 's/ / | /g') |"
echo "|---|$(for _ in $SERVERS; do printf -- '---:|'; done)"
for row in "accuracy:timer.store.min.ms" "accuracy:timer.store.p50.ms" "accuracy:timer.store.p99.ms" \
    "accuracy:timer.store.max.ms" "accuracy:timer.receive.p50.ms" "accuracy:timer.receive.p99.ms" \
    "accuracy:timer.receive.max.ms" "accuracy:timers.early" "accuracy:timer.store.early.max.ms" \
    "accuracy:timers.missing" \
    "accuracy:send.rate.achieved" "pending:send.rate.achieved" "pending:broker.rss.before.mib" \
    "pending:broker.rss.after.mib" "pending:broker.rss.anon.before.mib" "pending:broker.rss.anon.after.mib" \
    "pending:broker.heap.live.before.mib" "pending:broker.heap.live.after.mib"; do
    kind=${row%%:*}
    key=${row#*:}
    printf '| %s %s |' "$kind" "$key"
    for server in $SERVERS; do
        printf ' %s |' "$(fig "$server.$kind.txt" "$key")"
    done
    echo
done
