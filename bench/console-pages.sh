#!/bin/sh
# How fast the web console answers its pages on a cluster with many topics and groups (issue 10's goal: under
# 200 ms with 1,000 topics and 1,000 groups, lists paged).
#
# Starts 'bin/apogee standalone' (free ports on 127.0.0.1, store and console data in a temp dir, a console user made
# with 'apogee console-user'), then 'bin/apogee bench console-pages': creates the topics and groups, logs in, and
# times every page (p50 / p99 / max over --samples fetches after a warm-up). Prints the figures and a table.
#
# Usage: bench/console-pages.sh [--topics N] [--groups N] [--samples N]   (defaults 1000, 1000, 30)
# Needs:  mvn -B install -DskipTests (distribution and bench), python3 (free ports). The server and the temp dir
# are removed on exit, Ctrl-C included.

set -u
HERE=$(cd "$(dirname "$0")/.." && pwd)
ARGS="$*"
WORK=$(mktemp -d /tmp/apogee-console-pages.XXXXXX)
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
NAMESRV_PORT=$(free_port)
BROKER_PORT=$(free_port)
CONSOLE_PORT=$(free_port)
PASSWORD="bench-$(date +%s)-pass"
mkdir -p "$WORK/console"
echo "$PASSWORD" | "$HERE/bin/apogee" console-user --user admin > "$WORK/console/users.properties" || exit 1

"$HERE/bin/apogee" standalone --namesrv-port "$NAMESRV_PORT" listenPort="$BROKER_PORT" brokerIP1=127.0.0.1 \
    storePathRootDir="$WORK/store" consolePort="$CONSOLE_PORT" consoleDataDir="$WORK/console" metricsEnable=false \
    > "$WORK/server.out" 2> "$WORK/server.log" &
SERVER_PID=$!
for _ in $(seq 1 120); do
    grep -q "The console is at" "$WORK/server.out" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server did not start:"; tail -20 "$WORK/server.log"; exit 1; }
    sleep 0.5
done
grep -q "The console is at" "$WORK/server.out" || { echo "server did not start in 60 s"; exit 1; }

# shellcheck disable=SC2086
APOGEE_CONSOLE_PASSWORD="$PASSWORD" "$HERE/bin/apogee" bench console-pages -n "127.0.0.1:$NAMESRV_PORT" \
    --console "http://127.0.0.1:$CONSOLE_PORT" $ARGS > "$WORK/figures.txt" || { cat "$WORK/figures.txt"; exit 1; }
cat "$WORK/figures.txt"
echo
echo "| page | p50 ms | p99 ms | max ms | KiB |"
echo "|---|---:|---:|---:|---:|"
grep '^page\.' "$WORK/figures.txt" | sed 's/^page\.//' | awk '
    { split($0, kv, "="); key = kv[1]; val = kv[2] }
    key ~ /\.p50\.ms$/ { p50[substr(key, 1, length(key) - 7)] = val }
    key ~ /\.p99\.ms$/ { p99[substr(key, 1, length(key) - 7)] = val }
    key ~ /\.max\.ms$/ { mx[substr(key, 1, length(key) - 7)] = val }
    key ~ /\.bytes$/    { n = substr(key, 1, length(key) - 6); b[n] = val; order[++c] = n }
    END { for (i = 1; i <= c; i++) { k = order[i]; printf "| %s | %s | %s | %s | %.0f |\n", k, p50[k], p99[k], mx[k], b[k] / 1024 } }'
