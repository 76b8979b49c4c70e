package io.apogee.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of the comparison table: which result file ({@code <flush>.<scenario>}, e.g. {@code async.produce})
 * and key it comes from, and the goal for the ratio Apogee/RocketMQ where the project set one.
 *
 * <p>Immutable.
 */
record Figure(String scenario, String label, String key, Goal goal) {

    /** A target for the ratio Apogee/RocketMQ: at most or at least {@code ratio}; NONE for plain information. */
    record Goal(char direction, double ratio) {
        static final Goal NONE = new Goal(' ', 0);

        static Goal atMost(double ratio) {
            return new Goal('≤', ratio);
        }

        static Goal atLeast(double ratio) {
            return new Goal('≥', ratio);
        }

        boolean met(double value) {
            return direction == '≤' ? value <= ratio : value >= ratio;
        }

        String text() {
            return direction == ' ' ? "" : direction + " " + (ratio < 1 ? "1/" + Math.round(1 / ratio) : ratio + "×");
        }
    }

    private static final Goal CPU = Goal.atMost(1 / 3.0);
    private static final Goal P99 = Goal.atMost(0.5);

    /** The rows, in table order. {@code server.*} come from the compare script's own start-up measurements. */
    static List<Figure> table() {
        List<Figure> rows = new ArrayList<>(sends());
        rows.addAll(replicatedSends());
        rows.addAll(consumesAndServer());
        return rows;
    }

    private static List<Figure> sends() {
        return List.of(
                new Figure("async.produce", "sync send, 32 threads: msgs/s", "send.tps", Goal.atLeast(1.5)),
                new Figure("async.produce", "sync send: MB/s", "send.mb.per.s", Goal.NONE),
                new Figure("async.produce", "sync send: p50 ms", "send.latency.p50.ms", Goal.NONE),
                new Figure("async.produce", "sync send: p90 ms", "send.latency.p90.ms", Goal.NONE),
                new Figure("async.produce", "sync send: p99 ms", "send.latency.p99.ms", P99),
                new Figure("async.produce", "sync send: p99.9 ms", "send.latency.p99.9.ms", Goal.NONE),
                new Figure("async.produce", "sync send: max ms", "send.latency.max.ms", Goal.NONE),
                new Figure("async.produce", "sync send: errors", "errors", Goal.NONE),
                new Figure("async.produce", "sync send: broker CPU µs/msg", "broker.cpu.us.per.msg", CPU),
                new Figure("async.produce", "sync send: share of broker CPU in the kernel %",
                        "broker.cpu.kernel.pct", Goal.NONE),
                new Figure("async.produce", "sync send: broker peak RSS MiB", "broker.rss.peak.mib", Goal.NONE),
                new Figure("async.produce", "sync send: client CPU µs/msg", "client.cpu.us.per.msg", Goal.NONE),
                new Figure("async.produce", "sync send: machine CPU busy %", "host.cpu.busy.pct", Goal.NONE),
                new Figure("sync.produce", "SYNC_FLUSH sync send: msgs/s", "send.tps", Goal.atLeast(2)),
                new Figure("sync.produce", "SYNC_FLUSH sync send: p99 ms", "send.latency.p99.ms", P99),
                new Figure("sync.produce", "SYNC_FLUSH sync send: errors", "errors", Goal.NONE),
                new Figure("sync.produce", "SYNC_FLUSH sync send: broker CPU µs/msg", "broker.cpu.us.per.msg", CPU),
                new Figure("async.produce-async", "async send, 1024 in flight: msgs/s", "send.tps", Goal.atLeast(1.5)),
                new Figure("async.produce-async", "async send: p99 ms", "send.latency.p99.ms", P99),
                new Figure("async.produce-async", "async send: errors", "errors", Goal.NONE),
                new Figure("async.produce-async", "async send: broker CPU µs/msg", "broker.cpu.us.per.msg", CPU),
                new Figure("async.produce-async", "async send: client CPU µs/msg", "client.cpu.us.per.msg", Goal.NONE),
                new Figure("async.produce-async", "async send: machine CPU busy %", "host.cpu.busy.pct", Goal.NONE),
                new Figure("sync.produce-async", "SYNC_FLUSH async send: msgs/s", "send.tps", Goal.atLeast(2)),
                new Figure("sync.produce-async", "SYNC_FLUSH async send: p99 ms", "send.latency.p99.ms", P99));
    }

    /** SYNC_MASTER with one slave: acknowledged once the slave holds the message. */
    private static List<Figure> replicatedSends() {
        return List.of(
                new Figure("ha.produce", "SYNC_MASTER + slave, sync send: msgs/s", "send.tps", Goal.atLeast(1.5)),
                new Figure("ha.produce", "SYNC_MASTER sync send: p99 ms", "send.latency.p99.ms", P99),
                new Figure("ha.produce", "SYNC_MASTER sync send: errors", "errors", Goal.NONE),
                new Figure("ha.produce", "SYNC_MASTER sync send: master CPU µs/msg", "broker.cpu.us.per.msg", CPU),
                new Figure("ha.produce", "SYNC_MASTER sync send: slave lag p50 KiB", "slave.lag.p50.kib", Goal.NONE),
                new Figure("ha.produce", "SYNC_MASTER sync send: slave lag p99 KiB", "slave.lag.p99.kib", Goal.NONE),
                new Figure("ha.produce", "SYNC_MASTER sync send: slave lag max KiB", "slave.lag.max.kib", Goal.NONE),
                new Figure("ha.produce-async", "SYNC_MASTER async send: msgs/s", "send.tps", Goal.atLeast(1.5)),
                new Figure("ha.produce-async", "SYNC_MASTER async send: p99 ms", "send.latency.p99.ms", P99),
                new Figure("ha.produce-async", "SYNC_MASTER async send: errors", "errors", Goal.NONE),
                new Figure("ha.produce-async", "SYNC_MASTER async send: master CPU µs/msg", "broker.cpu.us.per.msg",
                        CPU),
                new Figure("ha.produce-async", "SYNC_MASTER async send: slave lag p99 KiB", "slave.lag.p99.kib",
                        Goal.NONE),
                new Figure("ha.produce-async", "SYNC_MASTER async send: slave lag max KiB", "slave.lag.max.kib",
                        Goal.NONE),
                new Figure("ha.produce-async", "SYNC_MASTER async send: slave catch-up after the load, ms",
                        "slave.catchup.ms", Goal.NONE));
    }

    private static List<Figure> consumesAndServer() {
        return List.of(
                new Figure("async.consume", "drain backlog: msgs/s", "consume.tps", Goal.atLeast(1.5)),
                new Figure("async.consume", "drain backlog: seconds", "consume.seconds", Goal.NONE),
                new Figure("async.consume", "drain backlog: of which consumer rebalance, s",
                        "consumer.assign.seconds", Goal.NONE),
                new Figure("async.consume", "drain backlog: missing", "consume.missing", Goal.NONE),
                new Figure("async.consume", "drain backlog: duplicates", "consume.duplicates", Goal.NONE),
                new Figure("async.consume", "drain backlog: broker CPU µs/msg", "broker.cpu.us.per.msg", CPU),
                new Figure("async.consume", "drain backlog: client CPU µs/msg", "client.cpu.us.per.msg", Goal.NONE),
                new Figure("async.consume", "drain backlog: machine CPU busy %", "host.cpu.busy.pct", Goal.NONE),
                new Figure("async.e2e", "e2e 2000 msg/s: p50 ms", "e2e.latency.p50.ms", Goal.NONE),
                new Figure("async.e2e", "e2e: p99 ms", "e2e.latency.p99.ms", P99),
                new Figure("async.e2e", "e2e: p99.9 ms", "e2e.latency.p99.9.ms", Goal.NONE),
                new Figure("async.e2e", "e2e: max ms", "e2e.latency.max.ms", Goal.NONE),
                new Figure("async.e2e", "e2e: missing", "e2e.missing", Goal.NONE),
                new Figure("async.e2e", "e2e: consumer rebalance before the run, s",
                        "consumer.assign.seconds", Goal.NONE),
                new Figure("async.e2e", "e2e: broker CPU µs/msg", "broker.cpu.us.per.msg", CPU),
                new Figure("sync.e2e", "SYNC_FLUSH e2e: p50 ms", "e2e.latency.p50.ms", Goal.NONE),
                new Figure("sync.e2e", "SYNC_FLUSH e2e: p99 ms", "e2e.latency.p99.ms", P99),
                new Figure("async.server", "broker idle RSS MiB", "broker.rss.idle.mib", Goal.atMost(0.2)),
                new Figure("async.server", "broker idle RSS, anonymous part (heap, GC, metaspace...) MiB",
                        "broker.rss.idle.anon.mib", Goal.NONE),
                new Figure("async.server", "broker start: spawn → boot success, s",
                        "broker.start.seconds", Goal.atMost(0.2)),
                new Figure("async.server", "broker start: spawn → first TCP connect, s",
                        "broker.connect.seconds", Goal.NONE),
                new Figure("async.server", "name server start: spawn → boot success, s",
                        "namesrv.start.seconds", Goal.NONE));
    }
}
