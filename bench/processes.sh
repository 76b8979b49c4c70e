# Shell functions shared by compare.sh and soak.sh; source it, do not run it.

now_ns() {
    date +%s%N
}

# stop_pids SECONDS PID...: sends SIGTERM to every PID, waits up to SECONDS for each to exit, then SIGKILLs it.
stop_pids() {
    limit=$(($1 * 5))
    shift
    for pid in "$@"; do
        kill "$pid" 2>/dev/null
    done
    for pid in "$@"; do
        n=0
        while kill -0 "$pid" 2>/dev/null && [ $n -lt $limit ]; do sleep 0.2; n=$((n + 1)); done
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
}

# wait_for FILE PATTERN PID SECONDS: polls until the pattern is in the file (0), the process dies (1) or the time
# is up (2).
wait_for() {
    n=0
    while [ $n -lt $(($4 * 50)) ]; do
        grep -q "$2" "$1" 2>/dev/null && return 0
        kill -0 "$3" 2>/dev/null || return 1
        sleep 0.02
        n=$((n + 1))
    done
    return 2
}
