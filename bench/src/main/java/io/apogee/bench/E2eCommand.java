package io.apogee.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench e2e}: a push consumer runs while one pacing thread sends asynchronously at a fixed rate. The
 * warm-up starts once the consumer's rebalance has assigned it every queue ({@code consumer.assign.seconds}).
 * End-to-end latency is from the start of the send (nanosecond clock stamped into the body, see
 * {@link Payload}) to the listener's receipt, for messages sent inside the measured window. After the window
 * the tool waits up to {@code --grace} seconds for the last of them; acknowledged-but-undelivered ones are
 * reported as missing (must be zero).
 *
 * <p>Not thread-safe: one run per instance; listener and callback threads share only atomic counters.
 */
@Command(name = "e2e", mixinStandardHelpOptions = true,
        description = "Fixed-rate sends with a running push consumer; end-to-end latency.")
final class E2eCommand extends ScenarioCommand {

    private static final long PACE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final long ASSIGN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Option(names = "--rate", defaultValue = "2000", description = "Messages per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--inflight", defaultValue = "1024",
            description = "Max sends in flight (default: ${DEFAULT-VALUE}).")
    int inflight;

    @Option(names = "--grace", defaultValue = "10", paramLabel = "SECONDS",
            description = "Wait this long after the window for the last deliveries (default: ${DEFAULT-VALUE}).")
    double graceSeconds;

    @Override
    String scenario() {
        return "e2e";
    }

    @Override
    void validate() {
        CommonOptions.positive("--rate", rate);
        CommonOptions.positive("--inflight", inflight);
        if (common.bodySize < Payload.HEADER) {
            throw new IllegalArgumentException("--body-size " + common.bodySize + ": e2e needs at least "
                    + Payload.HEADER);
        }
    }

    @Override
    void run(BenchReport report) throws Exception {
        try (BenchClients clients = BenchClients.open(common, scenario())) {
            long capacity = (long) (rate * (common.warmupSeconds + common.durationSeconds + 5)) + 1024;
            SeenSet seen = new SeenSet(capacity);
            LatencyStats latency = new LatencyStats();
            AtomicLong received = new AtomicLong();
            LongAdder duplicates = new LongAdder();
            DefaultMQPushConsumer consumer = clients.newConsumer();
            consumer.registerMessageListener(listener(seen, latency, received, duplicates));
            consumer.start();
            double assigned = BenchClients.awaitAssignment(consumer, common.queues, ASSIGN_TIMEOUT_NANOS);
            report.put("consumer.assign.seconds", assigned);
            if (assigned < 0) {
                report.fail("the push consumer was assigned " + BenchClients.assignedQueues(consumer) + " of "
                        + common.queues + " queues within 30 s of its start");
                return;
            }

            Window window = common.window();
            ErrorTally errors = new ErrorTally();
            AtomicLong acked = new AtomicLong();
            AtomicReference<Throwable> crash = new AtomicReference<>();
            AsyncSender sender = new AsyncSender(clients.producer(), inflight);
            Thread pacer = new Thread(() -> pace(clients.topic(), sender, window, capacity, acked, errors, crash),
                    "bench-pacer");
            pacer.setDaemon(true);
            pacer.start();
            CostSampler sampler = sampler(clients);
            window.run(sampler);
            sampler.end(window.measured(), report);
            pacer.join(5_000L);
            sender.drain(CommonOptions.seconds(common.sendTimeoutMillis / 1000.0 + 5));
            long deadline = System.nanoTime() + CommonOptions.seconds(graceSeconds);
            while (received.get() < acked.get() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            report.put("rate.target", rate).put("body.bytes", common.bodySize).put("queues", common.queues);
            report.put("e2e.sent", window.measured());
            report.put("e2e.rate.achieved", window.measured() / (window.measuredNanos() / 1e9));
            report.put("e2e.acked", acked.get());
            report.put("e2e.received", received.get());
            report.put("e2e.missing", acked.get() - received.get());
            report.put("e2e.duplicates", duplicates.sum());
            LatencyStats.report(latency.snapshot(), "e2e.latency", report);
            errors.report(report);
            if (crash.get() != null) {
                report.fail("pacer died: " + crash.get());
            } else if (acked.get() == 0) {
                report.fail("no message acknowledged in the measured window; errors " + errors.total());
            } else if (received.get() < acked.get()) {
                report.fail((acked.get() - received.get()) + " of " + acked.get()
                        + " acknowledged messages not delivered within " + graceSeconds + " s after the window");
            }
        }
    }

    /** Records the end-to-end latency of each measured message seen for the first time, and duplicates. */
    private static MessageListenerConcurrently listener(SeenSet seen, LatencyStats latency, AtomicLong received,
                                                        LongAdder duplicates) {
        return (messages, context) -> {
            long now = System.nanoTime();
            for (MessageExt m : messages) {
                byte[] body = m.getBody();
                if (!Payload.measured(body)) {
                    continue;
                }
                if (seen.add(Payload.seq(body))) {
                    latency.record(now - Payload.sentNanos(body));
                    received.incrementAndGet();
                } else {
                    duplicates.increment();
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        };
    }

    /** Sends message n at start + n / rate (catching up in a burst when behind); stops when the window is over. */
    private void pace(String topic, AsyncSender sender, Window window, long capacity, AtomicLong acked,
                      ErrorTally errors, AtomicReference<Throwable> crash) {
        try {
            long start = System.nanoTime();
            long seq = 0;
            while (!window.over() && seq < capacity) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                while (seq < due && seq < capacity && !window.over()) {
                    long now = System.nanoTime();
                    boolean measured = window.countIfMeasured(now);
                    Message message = new Message(topic, "bench", Payload.create(common.bodySize, seq, now, measured));
                    sender.send(message, (error, begin, end) -> {
                        if (!measured) {
                            return;
                        }
                        if (error == null) {
                            acked.incrementAndGet();
                        } else {
                            errors.count(error);
                        }
                    });
                    seq++;
                }
                LockSupport.parkNanos(PACE_NANOS);
            }
        } catch (Throwable t) {
            crash.compareAndSet(null, t);
        }
    }
}
