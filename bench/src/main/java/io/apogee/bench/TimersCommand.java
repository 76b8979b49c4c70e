package io.apogee.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code timers}: timer (5.x exact-time) messages. Sends {@code --count} messages at {@code --rate} per second, each
 * with {@code TIMER_DELIVER_MS} = its send time + {@code --delay-ms} (as {@code Message.setDeliverTimeMs} sets it).
 * With {@code --consume} (the accuracy run) a push consumer of a fresh topic receives them and the tool reports, per
 * message, how long after the requested millisecond the broker stored the delivered copy ({@code timer.store.*}:
 * its store timestamp minus TIMER_DELIVER_MS) and when the consumer got it ({@code timer.receive.*}), as percentiles
 * over the messages not delivered early, plus how many were stored early and by how much at most
 * ({@code timers.early}, {@code timer.store.early.max.ms}), and the missing and duplicate counts. Without it (the
 * pending run) the timers are only parked: the broker's memory is then measured from outside ({@code
 * bench/timers.sh} reads /proc/PID/status and the live heap before and after).
 *
 * <p>Not thread-safe: one invocation per instance; listener threads share only the histograms (synchronized).
 */
@Command(name = "timers", mixinStandardHelpOptions = true,
        description = "Timer messages: delivery accuracy at a send rate, or many pending timers.")
final class TimersCommand implements Callable<Integer> {

    @Option(names = "-n", required = true, description = "Name server host:port.")
    String namesrv;

    @Option(names = "--count", defaultValue = "100000", description = "Timers to send (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--rate", defaultValue = "10000", description = "Sends per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--delay-ms", defaultValue = "10000",
            description = "Delay of each timer after its send (default ${DEFAULT-VALUE}).")
    long delayMs;

    @Option(names = "--consume", description = "Consume and measure accuracy (else only park the timers).")
    boolean consume;

    @Option(names = "--grace", defaultValue = "30", description = "Seconds to wait for the last delivery.")
    int graceSeconds;

    @Spec
    CommandSpec spec;

    private final Histogram stored = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    private final Histogram receivedHist = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    private final AtomicLong received = new AtomicLong();
    private final LongAdder early = new LongAdder();
    private final AtomicLong earliest = new AtomicLong();
    private final LongAdder duplicates = new LongAdder();

    @Override
    public Integer call() throws Exception {
        CommonOptions.positive("--count", count);
        CommonOptions.positive("--rate", rate);
        String topic = "BenchTimer" + System.currentTimeMillis();
        BenchReport report = new BenchReport().put("scenario", consume ? "timers-accuracy" : "timers-pending")
                .put("timers", count).put("rate.target", rate).put("delay.ms", delayMs);
        DefaultMQProducer producer = new DefaultMQProducer("BenchTimerProducer");
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName("bench-timers-" + ProcessHandle.current().pid());
        producer.start();
        DefaultMQPushConsumer consumer = null;
        try {
            producer.send(new Message(topic, "create", "create".getBytes()));
            long[] firstSeen = new long[count];
            if (consume) {
                consumer = consumer(topic, firstSeen);
            }
            long sendNanos = send(producer, topic, report);
            report.put("send.seconds", sendNanos / 1e9);
            if (consume) {
                awaitDeliveries(report);
            }
        } finally {
            if (consumer != null) {
                consumer.shutdown();
            }
            producer.shutdown();
        }
        report.print(spec.commandLine().getOut());
        return report.failed() ? 1 : 0;
    }

    private long send(DefaultMQProducer producer, String topic, BenchReport report) throws Exception {
        AsyncSender sender = new AsyncSender(producer, 1024);
        ErrorTally errors = new ErrorTally();
        LongAdder acked = new LongAdder();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            while (i >= (long) ((System.nanoTime() - start) / 1e9 * rate)) {
                TimeUnit.MILLISECONDS.sleep(1); // paced in bursts of a millisecond's worth
            }
            Message m = new Message(topic, "timer", Integer.toString(i).getBytes());
            m.putUserProperty("seq", Integer.toString(i));
            org.apache.rocketmq.common.message.MessageAccessor.putProperty(m, "TIMER_DELIVER_MS",
                    Long.toString(System.currentTimeMillis() + delayMs));
            sender.send(m, (error, begin, end) -> {
                if (error == null) {
                    acked.increment();
                } else {
                    errors.count(error);
                }
            });
        }
        sender.drain(TimeUnit.SECONDS.toNanos(30));
        long took = System.nanoTime() - start;
        report.put("timers.acked", acked.sum()).put("send.rate.achieved", count / (took / 1e9));
        errors.report(report);
        return took;
    }

    private DefaultMQPushConsumer consumer(String topic, long[] firstSeen) throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("BenchTimerGroup" + System.currentTimeMillis());
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("bench-timers-consumer-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPullInterval(0);
        consumer.setConsumeMessageBatchMaxSize(32);
        consumer.subscribe(topic, "timer");
        consumer.registerMessageListener((MessageListenerConcurrently) (batch, context) -> {
            long now = System.currentTimeMillis();
            for (MessageExt m : batch) {
                record(m, now, firstSeen);
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return consumer;
    }

    private void record(MessageExt m, long now, long[] firstSeen) {
        int seq = Integer.parseInt(m.getUserProperty("seq"));
        long due = Long.parseLong(m.getProperty("TIMER_DELIVER_MS"));
        synchronized (firstSeen) {
            if (firstSeen[seq] != 0) {
                duplicates.increment();
                return;
            }
            firstSeen[seq] = now;
        }
        long storeLateness = m.getStoreTimestamp() - due;
        received.incrementAndGet();
        if (storeLateness < 0) {
            early.increment();
            earliest.accumulateAndGet(-storeLateness, Math::max);
            return;
        }
        synchronized (stored) {
            stored.recordValue(storeLateness);
            receivedHist.recordValue(Math.max(0, now - due));
        }
    }

    private void awaitDeliveries(BenchReport report) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs)
                + TimeUnit.SECONDS.toNanos(graceSeconds);
        while (received.get() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        report.put("timers.received", received.get()).put("timers.missing", count - received.get())
                .put("timers.duplicates", duplicates.sum()).put("timers.early", early.sum())
                .put("timer.store.early.max.ms", earliest.get());
        synchronized (stored) {
            put("timer.store", stored, report);
            put("timer.receive", receivedHist, report);
        }
        if (received.get() < count) {
            report.fail((count - received.get()) + " of " + count + " timers not delivered");
        }
    }

    private static void put(String prefix, Histogram h, BenchReport report) {
        if (h.getTotalCount() == 0) {
            return;
        }
        report.put(prefix + ".min.ms", h.getMinValue());
        for (double p : new double[] {50, 90, 99, 99.9}) {
            report.put(prefix + ".p" + (p == 99.9 ? "999" : Integer.toString((int) p)) + ".ms",
                    h.getValueAtPercentile(p));
        }
        report.put(prefix + ".max.ms", h.getMaxValue());
    }
}
