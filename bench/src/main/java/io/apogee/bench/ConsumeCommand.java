package io.apogee.bench;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench consume}: first fills a fresh topic with a backlog of {@code --backlog} messages (asynchronous
 * sends), then drains it with a push consumer in a fresh group starting from the first offset. Reports the
 * drain time (consumer start to the last distinct message; it includes the rebalance, reported alone as
 * {@code consumer.assign.seconds}), msgs/s, missing messages (acknowledged by the
 * broker but never delivered; must be zero) and duplicates. Broker CPU is sampled during the drain only.
 * {@code --warmup} and {@code --duration} are not used; {@code --drain-timeout} bounds the drain.
 *
 * <p>Not thread-safe: one run per instance; listener threads share only atomic counters.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = "Drain a backlog with a push consumer in a fresh group; drain time and msgs/s.")
final class ConsumeCommand extends ScenarioCommand {

    @Option(names = "--backlog", defaultValue = "200000",
            description = "Messages in the backlog (default: ${DEFAULT-VALUE}).")
    int backlog;

    @Option(names = "--inflight", defaultValue = "1024",
            description = "Max sends in flight while filling (default: ${DEFAULT-VALUE}).")
    int inflight;

    @Option(names = "--drain-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "Give up draining after this long (default: ${DEFAULT-VALUE}).")
    double drainTimeoutSeconds;

    @Option(names = "--consume-threads", defaultValue = "20",
            description = "Consumer threads (default: ${DEFAULT-VALUE}, the client's default).")
    int consumeThreads;

    @Option(names = "--pull-batch", defaultValue = "32",
            description = "Messages per pull (default: ${DEFAULT-VALUE}, the client's default).")
    int pullBatch;

    @Override
    String scenario() {
        return "consume";
    }

    @Override
    void validate() {
        CommonOptions.positive("--backlog", backlog);
        CommonOptions.positive("--drain-timeout", (long) Math.ceil(drainTimeoutSeconds));
        CommonOptions.positive("--consume-threads", consumeThreads);
        CommonOptions.positive("--pull-batch", pullBatch);
        if (backlog > common.maxMessages) {
            throw new IllegalArgumentException("--backlog " + backlog + " exceeds --max-messages "
                    + common.maxMessages);
        }
    }

    @Override
    void run(BenchReport report) throws Exception {
        try (BenchClients clients = BenchClients.open(common, scenario())) {
            SeenSet acked = new SeenSet(backlog);
            long expected = fill(clients, acked, report);
            if (expected == 0) {
                report.fail("no backlog message was acknowledged");
                return;
            }
            SeenSet seen = new SeenSet(backlog);
            AtomicLong unique = new AtomicLong();
            LongAdder duplicates = new LongAdder();
            CountDownLatch drained = new CountDownLatch(1);
            DefaultMQPushConsumer consumer = clients.newConsumer();
            consumer.setConsumeThreadMin(consumeThreads);
            consumer.setConsumeThreadMax(consumeThreads);
            consumer.setPullBatchSize(pullBatch);
            consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                count(messages, acked, seen, unique, duplicates, expected, drained);
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            CostSampler sampler = sampler(clients);
            sampler.begin();
            long start = System.nanoTime();
            consumer.start();
            double assigned = BenchClients.awaitAssignment(consumer, common.queues,
                    CommonOptions.seconds(drainTimeoutSeconds));
            long remaining = CommonOptions.seconds(drainTimeoutSeconds) - (System.nanoTime() - start);
            boolean complete = drained.await(Math.max(0, remaining), TimeUnit.NANOSECONDS);
            long elapsed = System.nanoTime() - start;
            report.put("consumer.assign.seconds", assigned);
            long got = unique.get();
            sampler.end(got, report);
            report.put("backlog", backlog).put("body.bytes", common.bodySize).put("queues", common.queues);
            putThroughput(report, "consume", got, elapsed);
            report.put("consume.missing", expected - got);
            report.put("consume.duplicates", duplicates.sum());
            if (!complete) {
                report.fail((expected - got) + " of " + expected + " acknowledged messages not delivered within "
                        + drainTimeoutSeconds + " s");
            }
        }
    }

    private static void count(List<MessageExt> messages, SeenSet acked, SeenSet seen, AtomicLong unique,
                              LongAdder duplicates, long expected, CountDownLatch drained) {
        for (MessageExt m : messages) {
            long seq = Payload.seq(m.getBody());
            if (!acked.contains(seq)) {
                continue;
            }
            if (seen.add(seq)) {
                if (unique.incrementAndGet() == expected) {
                    drained.countDown();
                }
            } else {
                duplicates.increment();
            }
        }
    }

    /** Sends the backlog; returns how many sends the broker acknowledged (their seqs are in {@code acked}). */
    private long fill(BenchClients clients, SeenSet acked, BenchReport report) throws InterruptedException {
        AsyncSender sender = new AsyncSender(clients.producer(), inflight);
        ErrorTally errors = new ErrorTally();
        AtomicLong ok = new AtomicLong();
        long start = System.nanoTime();
        for (long seq = 0; seq < backlog; seq++) {
            long s = seq;
            Message message = new Message(clients.topic(), "bench", Payload.create(common.bodySize, seq, start, true));
            sender.send(message, (error, begin, end) -> {
                if (error == null) {
                    acked.add(s);
                    ok.incrementAndGet();
                } else {
                    errors.count(error);
                }
            });
        }
        if (!sender.drain(CommonOptions.seconds(common.sendTimeoutMillis / 1000.0 + 5))) {
            errors.count("backlog-send-never-completed");
        }
        report.put("fill.seconds", (System.nanoTime() - start) / 1e9);
        report.put("fill.acked", ok.get());
        report.put("fill.errors", errors.total());
        return ok.get();
    }
}
