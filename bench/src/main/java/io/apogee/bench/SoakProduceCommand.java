package io.apogee.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench soak-produce}: the load of one cycle of {@code bench/soak.sh}. N threads send keyed messages
 * ({@link SoakMessage}) synchronously, client retries off, to {@code --topic}; the key of every SEND_OK goes to
 * the {@code --acked} file ({@link AckLog}) before the thread sends again. The run ends once no send has
 * succeeded for {@code --stop-after-silence} seconds after the first success (the broker was killed), after
 * {@code --duration} seconds at most, or when the process is killed; the acked file is complete in every case.
 * Reports the acknowledged sends and the errors by type. Of the common options, {@code --body-size} (bodies
 * are 80..540 bytes, derived from the key), {@code --warmup}, {@code --max-messages} and {@code --broker-pid}
 * are not used; {@code --retries} must stay 0.
 *
 * <p>Not thread-safe: one run per instance; the sender threads share only atomics, volatiles and the
 * thread-safe client and log.
 */
@Command(name = "soak-produce", mixinStandardHelpOptions = true,
        description = "Keyed sends for bench/soak.sh; the key of every SEND_OK is appended to --acked at once.")
final class SoakProduceCommand extends ScenarioCommand {

    private static final long NEVER = Long.MIN_VALUE;
    private static final long FAILURE_PAUSE_MILLIS = 10;

    @Option(names = "--threads", defaultValue = "16", description = "Sender threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--cycle", required = true, description = "Soak cycle number, the first part of every key.")
    int cycle;

    @Option(names = "--acked", required = true, paramLabel = "FILE",
            description = "File the key of every acknowledged send is appended to, one per line.")
    Path acked;

    @Option(names = "--stop-after-silence", defaultValue = "3", paramLabel = "SECONDS",
            description = "End once no send has succeeded for this long after the first success "
                    + "(default: ${DEFAULT-VALUE}).")
    double silenceSeconds;

    private final AtomicLong ok = new AtomicLong();
    private volatile long lastOkNanos = NEVER;
    private volatile boolean stop;

    @Override
    String scenario() {
        return "soak-produce";
    }

    @Override
    void validate() {
        CommonOptions.positive("--threads", threads);
        CommonOptions.positive("--cycle", cycle);
        CommonOptions.positive("--stop-after-silence", (long) Math.ceil(silenceSeconds));
        if (common.retries != 0) {
            throw new IllegalArgumentException("--retries " + common.retries
                    + ": the soak sends without client retries (a retried send may be stored twice)");
        }
    }

    @Override
    void run(BenchReport report) throws Exception {
        try (BenchClients clients = BenchClients.open(common, scenario()); AckLog log = AckLog.open(acked)) {
            ErrorTally errors = new ErrorTally();
            AtomicReference<Throwable> crash = new AtomicReference<>();
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int thread = i;
                Thread t = new Thread(() -> sendLoop(clients, thread, log, errors, crash), "soak-sender-" + i);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
            String end = awaitEnd(crash);
            stop = true;
            for (Thread t : workers) {
                t.join(common.sendTimeoutMillis + 5_000L);
            }
            report.put("topic", clients.topic()).put("cycle", cycle).put("threads", threads);
            report.put("soak.acked", ok.get()).put("soak.end", end);
            errors.report(report);
            if (crash.get() != null) {
                report.fail("sender thread died: " + crash.get());
            } else if (ok.get() == 0) {
                report.fail("no send was acknowledged; errors " + errors.total());
            }
        }
    }

    /** Waits for the end of the run; returns why it ended: silence, duration or crash. */
    private String awaitEnd(AtomicReference<Throwable> crash) throws InterruptedException {
        long start = System.nanoTime();
        long limit = CommonOptions.seconds(common.durationSeconds);
        long silence = CommonOptions.seconds(silenceSeconds);
        while (crash.get() == null) {
            long now = System.nanoTime();
            long last = lastOkNanos;
            if (last != NEVER && now - last > silence) {
                return "silence";
            }
            if (now - start > limit) {
                return "duration";
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return "crash";
    }

    private void sendLoop(BenchClients clients, int thread, AckLog log, ErrorTally errors,
                          AtomicReference<Throwable> crash) {
        try {
            for (long seq = 0; !stop; seq++) {
                String key = SoakMessage.key(cycle, thread, seq);
                Message message = new Message(clients.topic(), SoakMessage.TAG, key, SoakMessage.body(key));
                String error = send(clients.producer(), message);
                if (error == null) {
                    log.append(key);
                    lastOkNanos = System.nanoTime();
                    ok.incrementAndGet();
                } else {
                    errors.count(error);
                    TimeUnit.MILLISECONDS.sleep(FAILURE_PAUSE_MILLIS);
                }
            }
        } catch (Throwable t) {
            crash.compareAndSet(null, t);
        }
    }

    /** Sends once; null on SEND_OK, else the error type. */
    private static String send(DefaultMQProducer producer, Message message) {
        try {
            SendResult result = producer.send(message);
            return result.getSendStatus() == SendStatus.SEND_OK ? null : "status:" + result.getSendStatus();
        } catch (Exception e) {
            return ErrorTally.typeOf(e);
        }
    }
}
