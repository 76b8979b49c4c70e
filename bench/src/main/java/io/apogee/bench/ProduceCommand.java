package io.apogee.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench produce}: N threads of synchronous sends of fixed-size bodies to a fresh topic, a warm-up,
 * then the measured window. Reports msgs/s, MB/s, send latency percentiles, errors by type and (with
 * {@code --broker-pid}) broker CPU per message and RSS.
 *
 * <p>Not thread-safe: one run per instance; the sender threads share only thread-safe objects.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Synchronous sends from N threads; throughput and latency.")
final class ProduceCommand extends ScenarioCommand {

    @Option(names = "--threads", defaultValue = "32", description = "Sender threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    String scenario() {
        return "produce";
    }

    @Override
    void validate() {
        CommonOptions.positive("--threads", threads);
    }

    @Override
    void run(BenchReport report) throws Exception {
        try (BenchClients clients = BenchClients.open(common, scenario())) {
            Window window = common.window();
            LatencyStats latency = new LatencyStats();
            ErrorTally errors = new ErrorTally();
            AtomicReference<Throwable> crash = new AtomicReference<>();
            byte[] body = Payload.filler(common.bodySize);
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(() -> sendLoop(clients.producer(), clients.topic(), body, window, latency,
                        errors, crash), "bench-sender-" + i);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
            CostSampler sampler = sampler(clients);
            window.run(sampler);
            long measured = window.measured();
            sampler.end(measured, report);
            for (Thread t : workers) {
                t.join(common.sendTimeoutMillis + 5_000L);
            }
            report.put("threads", threads).put("body.bytes", common.bodySize).put("queues", common.queues);
            putThroughput(report, "send", measured, window.measuredNanos());
            LatencyStats.report(latency.snapshot(), "send.latency", report);
            errors.report(report);
            if (crash.get() != null) {
                report.fail("sender thread died: " + crash.get());
            } else if (measured == 0) {
                report.fail("no successful send in the measured window; errors " + errors.total());
            }
        }
    }

    private static void sendLoop(DefaultMQProducer producer, String topic, byte[] body, Window window,
                                 LatencyStats latency, ErrorTally errors, AtomicReference<Throwable> crash) {
        try {
            while (!window.over()) {
                Message message = new Message(topic, "bench", body);
                long start = System.nanoTime();
                String error;
                try {
                    SendResult result = producer.send(message);
                    error = result.getSendStatus() == SendStatus.SEND_OK ? null : "status:" + result.getSendStatus();
                } catch (Exception e) {
                    error = ErrorTally.typeOf(e);
                }
                long end = System.nanoTime();
                if (error == null) {
                    if (window.countIfMeasured(end)) {
                        latency.record(end - start);
                    }
                } else if (window.inWindow(end)) {
                    errors.count(error);
                }
            }
        } catch (Throwable t) {
            crash.compareAndSet(null, t);
        }
    }
}
