package io.apogee.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.common.message.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench produce-async}: asynchronous sends with at most {@code --inflight} outstanding, issued by
 * {@code --threads} threads. Same figures as {@code produce}; latency is from issuing the send to its callback.
 *
 * <p>Not thread-safe: one run per instance.
 */
@Command(name = "produce-async", mixinStandardHelpOptions = true,
        description = "Asynchronous sends with a bounded in-flight window; throughput and latency.")
final class ProduceAsyncCommand extends ScenarioCommand {

    @Option(names = "--inflight", defaultValue = "1024",
            description = "Max sends in flight (default: ${DEFAULT-VALUE}).")
    int inflight;

    @Option(names = "--threads", defaultValue = "2", description = "Issuing threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    String scenario() {
        return "produce-async";
    }

    @Override
    void validate() {
        CommonOptions.positive("--inflight", inflight);
        CommonOptions.positive("--threads", threads);
    }

    @Override
    void run(BenchReport report) throws Exception {
        try (BenchClients clients = BenchClients.open(common, scenario())) {
            Window window = common.window();
            LatencyStats latency = new LatencyStats();
            ErrorTally errors = new ErrorTally();
            AsyncSender sender = new AsyncSender(clients.producer(), inflight);
            AsyncSender.Completion completion = (error, start, end) -> {
                if (error == null) {
                    if (window.countIfMeasured(end)) {
                        latency.record(end - start);
                    }
                } else if (window.inWindow(end)) {
                    errors.count(error);
                }
            };
            AtomicReference<Throwable> crash = new AtomicReference<>();
            byte[] body = Payload.filler(common.bodySize);
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(() -> {
                    try {
                        while (!window.over()) {
                            sender.send(new Message(clients.topic(), "bench", body), completion);
                        }
                    } catch (Throwable e) {
                        crash.compareAndSet(null, e);
                    }
                }, "bench-async-issuer-" + i);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
            CostSampler sampler = sampler(clients);
            window.run(sampler);
            long measured = window.measured();
            sampler.end(measured, report);
            for (Thread t : workers) {
                t.join(5_000L);
            }
            boolean drained = sender.drain(CommonOptions.seconds(common.sendTimeoutMillis / 1000.0 + 5));
            report.put("inflight", inflight).put("body.bytes", common.bodySize).put("queues", common.queues);
            putThroughput(report, "send", measured, window.measuredNanos());
            LatencyStats.report(latency.snapshot(), "send.latency", report);
            errors.report(report);
            if (crash.get() != null) {
                report.fail("issuer thread died: " + crash.get());
            } else if (!drained) {
                report.fail("sends still outstanding " + common.sendTimeoutMillis + " ms after the window");
            } else if (measured == 0) {
                report.fail("no successful send in the measured window; errors " + errors.total());
            }
        }
    }
}
