#!/bin/sh
# Apogee vs Apache RocketMQ 5.4.0 on this machine, driven by the same load tool (bin/apogee bench, built on the
# Apache rocketmq-client 5.4.0). Runs the servers alternately (Apogee, RocketMQ, Apogee, RocketMQ, ...) for
# --rounds rounds, each with the same JVM flags (JVM_OPTS) and the same flush settings, first with
# flushDiskType=ASYNC_FLUSH (produce, produce-async, consume, e2e), then SYNC_FLUSH (produce, produce-async,
# e2e), then "ha": a SYNC_MASTER (inSyncReplicas=2, ASYNC_FLUSH) with one SLAVE, a third process (produce and
# produce-async, with the slave's replication lag sampled); then the JMH micro-benchmarks with -prof gc. Prints a table of medians with the ratio Apogee/RocketMQ
# and regenerates BENCHMARKS.md. Every process and directory it creates is removed on exit.
#
# Usage: bench/compare.sh [--rounds N] [--warmup S] [--duration S] [--backlog N] [--server-warmup S]
#                         [--modes "async sync ha"] [--no-jmh] [--no-doc] [--baseline DIR]
#        --modes: which of the three set-ups to run (default all; BENCHMARKS.md is written only with all three)
#        --baseline DIR: an A/B of two Apogee builds instead: DIR is another Apogee checkout built with
#                        'mvn -B package -DskipTests' (e.g. a git worktree of an older commit); it takes the place
#                        of RocketMQ in the runs and in the table's "RocketMQ" column; BENCHMARKS.md is not written.
#        bench/compare.sh --analysis-only   (re-splices bench/analysis.md into BENCHMARKS.md, measures nothing)
# Run it under the shared build lock on a shared machine:  flock /tmp/apogee-mvn.lock bench/compare.sh
# Needs:  mvn -B install -DskipTests   (Apogee and the bench module), and Apache RocketMQ 5.4.0's jars, fetched
# into bench/target/rocketmq-5.4.0/lib with  mvn -B -f bench/apache/pom.xml dependency:copy-dependencies
# (done here when missing).

set -u

ROUNDS=3
WARMUP=4
DURATION=15
BACKLOG=200000
SERVER_WARMUP=10
RUN_JMH=1
WRITE_DOC=1
BASELINE=""
ANALYSIS_ONLY=0
MODES="async sync ha"
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --backlog) BACKLOG="$2"; shift 2 ;;
        --server-warmup) SERVER_WARMUP="$2"; shift 2 ;;
        --modes) MODES="$2"; shift 2 ;;
        --no-jmh) RUN_JMH=0; shift ;;
        --no-doc) WRITE_DOC=0; shift ;;
        --analysis-only) ANALYSIS_ONLY=1; shift ;;
        --baseline) BASELINE=$(cd "$2" && pwd -P) || exit 2; WRITE_DOC=0; RUN_JMH=0; shift 2 ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
        *) echo "compare.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done

HERE=$(cd "$(dirname "$0")" && pwd -P)
ROOT=$(dirname "$HERE")
. "$HERE/processes.sh"
if [ "$ANALYSIS_ONLY" = 1 ]; then
    DOC="$ROOT/BENCHMARKS.md"
    [ -f "$DOC" ] || { echo "compare.sh: no $DOC to update; run a comparison first" >&2; exit 1; }
    sed '/^## Analysis$/,$d' "$DOC" >"$DOC.tmp" && { echo "## Analysis"; echo; cat "$HERE/analysis.md"; } >>"$DOC.tmp" \
        && mv "$DOC.tmp" "$DOC"
    exit 0
fi
APACHE_LIB="$HERE/target/rocketmq-5.4.0/lib"
JVM_OPTS="${JVM_OPTS:--server -Xms1g -Xmx1g -XX:MaxDirectMemorySize=1g -XX:+UseG1GC}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/apogee-compare.XXXXXX")
# The Apache client logs under rocketmq.log.root (default ~/logs/rocketmqlogs); keep it inside WORK.
BENCH_JAVA_OPT="${BENCH_JAVA_OPT:--server -Xms512m -Xmx1g -XX:+UseG1GC} -Drocketmq.log.root=$WORK/client-logs"
export BENCH_JAVA_OPT
RESULTS="$WORK/results"
mkdir -p "$RESULTS"
PIDS=""

cleanup() {
    # shellcheck disable=SC2086
    stop_pids 20 $PIDS
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() {
    echo "[compare $(date +%H:%M:%S)] $*" >&2
}

# --- prerequisites -------------------------------------------------------------------------------------------
if ! ls "$ROOT"/bench/target/apogee-bench-*.jar >/dev/null 2>&1 || ! ls "$ROOT"/distribution/target/apogee-distribution-*.jar >/dev/null 2>&1; then
    echo "compare.sh: build first: (cd $ROOT && mvn -B install -DskipTests)" >&2
    exit 1
fi
if [ -n "$BASELINE" ] && ! ls "$BASELINE"/distribution/target/apogee-distribution-*.jar >/dev/null 2>&1; then
    echo "compare.sh: build the baseline first: (cd $BASELINE && mvn -B package -DskipTests)" >&2
    exit 1
fi
if [ -z "$BASELINE" ] && [ ! -f "$APACHE_LIB/rocketmq-broker-5.4.0.jar" ]; then
    log "fetching Apache RocketMQ 5.4.0 from Maven Central"
    mvn -B -q -f "$HERE/apache/pom.xml" dependency:copy-dependencies || exit 1
fi

# Ports: a block nobody listens on, derived from our pid.
pick_ports() {
    base=$((20000 + ($$ % 900) * 20))
    while ss -ltn 2>/dev/null | awk '{print $4}' \
        | grep -Eq ":($base|$((base + 3))|$((base + 5))|$((base + 6))|$((base + 8))|$((base + 10))|$((base + 11)))\$"; do
        base=$((base + 20))
    done
    NS_PORT=$base
    BROKER_PORT=$((base + 5))   # and its fast port (- 2) and HA port (+ 1)
    SLAVE_PORT=$((base + 10))   # "ha" mode only, likewise
}

# wait_connect PORT: polls until a TCP connect to 127.0.0.1:PORT succeeds (python3's socket module).
wait_connect() {
    n=0
    while [ $n -lt 3000 ]; do
        if python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1', $1), 0.2); s.close()" 2>/dev/null; then
            return 0
        fi
        sleep 0.02
        n=$((n + 1))
    done
    return 1
}

# rss_mib PID [FIELD]: a /proc/PID/status size field (default VmRSS) in MiB.
rss_mib() {
    awk -v f="${2:-VmRSS}:" '$1 == f {printf "%.3f", $2 / 1024}' "/proc/$1/status"
}

secs_since() {
    awk -v a="$1" -v b="$(now_ns)" 'BEGIN {printf "%.3f", (b - a) / 1e9}'
}

# start_servers SERVER FLUSH ROUND: starts a name server, then a broker; records start-up figures and idle RSS.
start_servers() {
    server=$1 flush=$2 round=$3
    NS_PID="" BROKER_PID="" SLAVE_PID=""
    pick_ports
    STORE="$WORK/store-$server-$flush-$round"
    LOGS="$WORK/logs-$server-$flush-$round"
    mkdir -p "$STORE" "$LOGS"
    ROLE=ASYNC_MASTER
    case $flush in async) FLUSH=ASYNC_FLUSH ;; sync) FLUSH=SYNC_FLUSH ;; ha) FLUSH=ASYNC_FLUSH ROLE=SYNC_MASTER ;; esac
    t0=$(now_ns)
    APOGEE_BIN="$ROOT/bin/apogee"
    if [ "$server" = rocketmq ] && [ -n "$BASELINE" ]; then
        APOGEE_BIN="$BASELINE/bin/apogee"
    fi
    if [ "$server" = apogee ] || [ -n "$BASELINE" ]; then
        JAVA_OPT="$JVM_OPTS" "$APOGEE_BIN" namesrv "listenPort=$NS_PORT" >"$LOGS/namesrv.out" 2>&1 &
    else
        echo "listenPort=$NS_PORT" >"$LOGS/namesrv.conf"
        # shellcheck disable=SC2086
        "$JAVA" $JVM_OPTS -Duser.home="$LOGS" -Drocketmq.home.dir="$LOGS" -cp "$APACHE_LIB/*" \
            org.apache.rocketmq.namesrv.NamesrvStartup -c "$LOGS/namesrv.conf" >"$LOGS/namesrv.out" 2>&1 &
    fi
    NS_PID=$!
    PIDS="$PIDS $NS_PID"
    if ! wait_for "$LOGS/namesrv.out" "boot success" "$NS_PID" 60; then
        log "$server name server did not boot:"; tail -20 "$LOGS/namesrv.out" >&2
        return 1
    fi
    ns_start=$(secs_since "$t0")
    cat >"$LOGS/broker.conf" <<CONF
brokerClusterName=DefaultCluster
brokerName=broker-bench
brokerId=0
brokerIP1=127.0.0.1
listenPort=$BROKER_PORT
namesrvAddr=127.0.0.1:$NS_PORT
storePathRootDir=$STORE
storePathCommitLog=$STORE/commitlog
flushDiskType=$FLUSH
autoCreateTopicEnable=true
brokerRole=$ROLE
CONF
    if [ "$ROLE" = SYNC_MASTER ]; then
        # Apache 5.x treats SYNC_MASTER as ASYNC_MASTER unless inSyncReplicas >= 2; Apogee reads it alike.
        printf 'inSyncReplicas=2\ntotalReplicas=2\n' >>"$LOGS/broker.conf"
    fi
    t0=$(now_ns)
    launch_broker "$server" "$LOGS"
    BROKER_PID=$!
    PIDS="$PIDS $BROKER_PID"
    wait_connect "$BROKER_PORT"
    connect=$(secs_since "$t0")
    if ! wait_for "$LOGS/broker.out" "boot success" "$BROKER_PID" 60; then
        log "$server broker did not boot:"; tail -20 "$LOGS/broker.out" >&2
        return 1
    fi
    boot=$(secs_since "$t0")
    if [ "$ROLE" = SYNC_MASTER ] && ! start_slave "$server"; then
        return 1
    fi
    sleep 5  # let the broker settle before reading its idle RSS
    {
        echo "status=OK"
        echo "namesrv.start.seconds=$ns_start"
        echo "broker.start.seconds=$boot"
        echo "broker.connect.seconds=$connect"
        echo "broker.rss.idle.mib=$(rss_mib "$BROKER_PID")"
        echo "broker.rss.idle.anon.mib=$(rss_mib "$BROKER_PID" RssAnon)"
    } >"$RESULTS/$server.$flush.server.r$round.txt"
    log "$server ($FLUSH, $ROLE) up: name server ${ns_start}s, broker ${boot}s, idle RSS $(rss_mib "$BROKER_PID") MiB"
}

# launch_broker SERVER DIR: starts a broker of SERVER in the background on DIR/broker.conf, output to DIR/broker.out
# (Apache's logs under DIR too); $! is its pid.
launch_broker() {
    if [ "$1" = apogee ] || [ -n "$BASELINE" ]; then
        JAVA_OPT="$JVM_OPTS" "$APOGEE_BIN" broker -c "$2/broker.conf" >"$2/broker.out" 2>&1 &
    else
        # shellcheck disable=SC2086
        "$JAVA" $JVM_OPTS -Duser.home="$2" -Drocketmq.home.dir="$2" -cp "$APACHE_LIB/*" \
            org.apache.rocketmq.broker.BrokerStartup -c "$2/broker.conf" >"$2/broker.out" 2>&1 &
    fi
}

# start_slave SERVER: a SLAVE (brokerId 1) of broker-bench on SLAVE_PORT, its store beside the master's.
start_slave() {
    mkdir -p "$LOGS/slave"
    sed -e 's/^brokerId=0$/brokerId=1/' -e "s/^listenPort=.*/listenPort=$SLAVE_PORT/" \
        -e "s#^storePathRootDir=.*#storePathRootDir=$STORE-slave#" \
        -e "s#^storePathCommitLog=.*#storePathCommitLog=$STORE-slave/commitlog#" \
        -e 's/^brokerRole=.*/brokerRole=SLAVE/' "$LOGS/broker.conf" >"$LOGS/slave/broker.conf"
    launch_broker "$1" "$LOGS/slave"
    SLAVE_PID=$!
    PIDS="$PIDS $SLAVE_PID"
    if ! wait_for "$LOGS/slave/broker.out" "boot success" "$SLAVE_PID" 60; then
        log "$1 slave did not boot:"; tail -20 "$LOGS/slave/broker.out" >&2
        return 1
    fi
}

stop_servers() {
    for pid in $SLAVE_PID $BROKER_PID $NS_PID; do
        kill "$pid" 2>/dev/null
        n=0
        while kill -0 "$pid" 2>/dev/null && [ $n -lt 150 ]; do sleep 0.2; n=$((n + 1)); done
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        PIDS=$(echo "$PIDS" | tr ' ' '\n' | grep -vx "$pid" | tr '\n' ' ')
    done
    rm -rf "$STORE" "$STORE-slave"
}

# scenario SERVER FLUSH ROUND NAME [options...]
scenario() {
    server=$1 flush=$2 round=$3 name=$4
    shift 4
    out="$RESULTS/$server.$flush.$name.r$round.txt"
    log "$server $flush round $round: $name"
    if [ "$flush" = ha ]; then
        set -- "$@" --slave-lag
    fi
    "$ROOT/bin/apogee" bench "$name" -n "127.0.0.1:$NS_PORT" --broker-pid "$BROKER_PID" \
        --clk-tck "$(getconf CLK_TCK)" --out "$out" "$@" >"$WORK/last-bench.out" 2>&1
    if [ ! -s "$out" ]; then
        { echo "status=FAILED"; echo "failure=bench exited without a result: $(tail -3 "$WORK/last-bench.out" | tr '\n' ' ')"; } >"$out"
    fi
    if grep -q '^status=FAILED' "$out"; then
        # Keep the evidence (the work dir is deleted on exit): tool output, client log, broker output.
        keep="$HERE/target/compare-failures/$server.$flush.$name.r$round"
        mkdir -p "$keep"
        cp "$out" "$WORK/last-bench.out" "$keep/" 2>/dev/null
        tail -n 400 "$WORK/client-logs/rocketmq_client.log" >"$keep/rocketmq_client.log.tail" 2>/dev/null
        tail -n 400 "$LOGS/broker.out" >"$keep/broker.out.tail" 2>/dev/null
        log "FAILED: $(grep '^failure=' "$out") (evidence in $keep)"
    fi
    grep -E '^(status|failure|send.tps|send.latency.p99.ms|consume.tps|e2e.latency.p99.ms|broker.cpu.us.per.msg|slave.lag.p99.kib)=' "$out" \
        | tr '\n' ' ' >&2
    echo >&2
}

run_server() {
    server=$1 flush=$2 round=$3
    if ! start_servers "$server" "$flush" "$round"; then
        { echo "status=FAILED"; echo "failure=server did not start"; } >"$RESULTS/$server.$flush.server.r$round.txt"
        stop_servers
        return
    fi
    # Unmeasured load first, so that both JVMs have compiled their hot paths before any measured window.
    log "$server $flush round $round: server warm-up (${SERVER_WARMUP}s of async sends, not measured)"
    "$ROOT/bin/apogee" bench produce-async -n "127.0.0.1:$NS_PORT" --warmup 0 --duration "$SERVER_WARMUP" \
        >"$WORK/warmup.out" 2>&1 || log "server warm-up failed: $(grep '^failure=' "$WORK/warmup.out")"
    W="--warmup $WARMUP --duration $DURATION"
    # shellcheck disable=SC2086
    scenario "$server" "$flush" "$round" produce $W --threads 32
    # shellcheck disable=SC2086
    scenario "$server" "$flush" "$round" produce-async $W --inflight 1024
    if [ "$flush" = async ]; then
        scenario "$server" "$flush" "$round" consume --backlog "$BACKLOG"
    fi
    if [ "$flush" != ha ]; then
        # shellcheck disable=SC2086
        scenario "$server" "$flush" "$round" e2e $W --rate 2000
    fi
    stop_servers
}

START_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
log "results in $RESULTS; $ROUNDS rounds, warm-up ${WARMUP}s, window ${DURATION}s, backlog $BACKLOG"
round=1
while [ $round -le "$ROUNDS" ]; do
    for flush in $MODES; do
        for server in apogee rocketmq; do
            run_server "$server" "$flush" "$round"
        done
    done
    round=$((round + 1))
done

JMH_CSV="$WORK/jmh.csv"
JMH_CMD="bin/apogee bench jmh -prof gc -f 1 -wi 3 -w 1 -i 3 -r 1 -rf csv -rff jmh.csv io.apogee.bench.jmh"
if [ "$RUN_JMH" = 1 ]; then
    log "JMH micro-benchmarks"
    "$ROOT/bin/apogee" bench jmh -prof gc -f 1 -wi 3 -w 1 -i 3 -r 1 -rf csv -rff "$JMH_CSV" io.apogee.bench.jmh \
        >"$WORK/jmh.out" 2>&1 || { log "JMH failed:"; tail -20 "$WORK/jmh.out" >&2; }
fi

TABLE="$WORK/table.md"
"$ROOT/bin/apogee" bench summarize --results "$RESULTS" --rounds "$ROUNDS" --jmh-csv "$JMH_CSV" >"$TABLE"
if [ -n "$BASELINE" ]; then
    echo "A/B of two Apogee builds: 'Apogee' is $ROOT ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)),"
    echo "'RocketMQ 5.4.0' is the baseline $BASELINE ($(git -C "$BASELINE" rev-parse --short HEAD 2>/dev/null))."
    echo
fi
cat "$TABLE"

if [ "$WRITE_DOC" = 1 ] && [ "$MODES" != "async sync ha" ]; then
    log "BENCHMARKS.md not written: it needs all three modes (--modes \"$MODES\")"
elif [ "$WRITE_DOC" = 1 ]; then
    DOC="$ROOT/BENCHMARKS.md"
    {
        echo "# Benchmarks: Apogee vs Apache RocketMQ 5.4.0"
        echo
        echo "_Generated by \`bench/compare.sh\` on $START_DATE; do not edit by hand (the analysis paragraph lives in"
        echo "\`bench/analysis.md\`)._"
        echo
        echo "## Machine"
        echo
        echo "| | |"
        echo "|---|---|"
        echo "| CPUs (nproc) | $(nproc) |"
        echo "| CPU model | $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo) |"
        echo "| Memory | $(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) |"
        echo "| Kernel | $(uname -sr) |"
        echo "| Java | $("$JAVA" -version 2>&1 | head -2 | tr '\n' ' ') |"
        echo "| Disk of the stores | $(df -h "${TMPDIR:-/tmp}" | awk 'NR == 2 {print $1 ", " $2 " total"}') |"
        echo
        echo "## How it was run"
        echo
        echo "Both servers run as two processes (name server, broker) started with the same JVM flags,"
        echo "\`$JVM_OPTS\`, the same broker settings (\`brokerIP1=127.0.0.1\`, \`autoCreateTopicEnable=true\`,"
        echo "\`flushDiskType\` as stated, stores under a temp dir) and the same load tool in a third JVM"
        echo "(\`${BENCH_JAVA_OPT% -Drocketmq.log.root=*}\`). Apache RocketMQ is launched with \`java ... org.apache.rocketmq.namesrv.NamesrvStartup -c namesrv.conf\`"
        echo "and \`org.apache.rocketmq.broker.BrokerStartup -c broker.conf\` on the jars of Maven Central (not its scripts,"
        echo "whose default heap is 8 GB); Apogee with \`bin/apogee namesrv\` and \`bin/apogee broker -c broker.conf\`."
        echo "Order: for each of $ROUNDS rounds, ASYNC_FLUSH Apogee, ASYNC_FLUSH RocketMQ, SYNC_FLUSH Apogee, SYNC_FLUSH RocketMQ,"
        echo "SYNC_MASTER Apogee, SYNC_MASTER RocketMQ. The SYNC_MASTER rows run a master (\`brokerRole=SYNC_MASTER\`,"
        echo "\`inSyncReplicas=2\`, \`totalReplicas=2\`, ASYNC_FLUSH; without \`inSyncReplicas=2\` Apache 5.x would not wait"
        echo "for the slave) and a slave (\`brokerId=1\`, \`brokerRole=SLAVE\`) as two broker processes of the same server,"
        echo "so a send is acknowledged only once the slave holds it; the CPU figure is the master's. Slave lag is"
        echo "master minus slave \`commitLogMaxOffset\` (runtime info, slave read first) every 100 ms of the window;"
        echo "catch-up is how long the slave takes, after the window, to reach the master's offset of that moment."
        echo "each server gets ${SERVER_WARMUP} s of unmeasured async sends after its idle-RSS reading (JIT warm-up), and"
        echo "every scenario has its own ${WARMUP} s warm-up before its measured window."
        echo
        echo '```sh'
        echo "flock /tmp/apogee-mvn.lock bench/compare.sh --rounds $ROUNDS --warmup $WARMUP --duration $DURATION --backlog $BACKLOG --server-warmup $SERVER_WARMUP"
        echo "# per server and round (P = broker pid, N = name server port):"
        echo "bin/apogee bench produce       -n 127.0.0.1:N --broker-pid P --warmup $WARMUP --duration $DURATION --threads 32"
        echo "bin/apogee bench produce-async -n 127.0.0.1:N --broker-pid P --warmup $WARMUP --duration $DURATION --inflight 1024"
        echo "bin/apogee bench consume       -n 127.0.0.1:N --broker-pid P --backlog $BACKLOG          # ASYNC_FLUSH only"
        echo "bin/apogee bench e2e           -n 127.0.0.1:N --broker-pid P --warmup $WARMUP --duration $DURATION --rate 2000"
        echo "# SYNC_MASTER + slave: produce and produce-async as above, plus --slave-lag"
        echo "$JMH_CMD"
        echo '```'
        echo
        echo "Defaults of the tool: 1 KiB bodies, 8 queues, a fresh topic (and consumer group) per run, client"
        echo "retries off (every failure is counted), send timeout 5 s. Broker CPU per message is the broker"
        echo "process's utime+stime (/proc/P/stat) over the measured window divided by the messages of the window;"
        echo "peak RSS is sampled every 100 ms; idle RSS is read 5 s after boot. Start-up is spawn → \"boot success\""
        echo "on the broker's stdout (and spawn → first accepted TCP connection). e2e latency is from the start of the"
        echo "send (nanosecond clock stamped in the body) to the push listener's receipt, in the same JVM."
        echo
        echo "## Results (medians of $ROUNDS rounds)"
        echo
        cat "$TABLE"
        echo
        echo "## Analysis"
        echo
        if [ -f "$HERE/analysis.md" ]; then
            cat "$HERE/analysis.md"
        fi
    } >"$DOC"
    log "wrote $DOC"
fi
