package io.apogee.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.remoting.exception.RemotingTimeoutException;

/**
 * Counts failed operations by type: the exception's simple class name, with the response code for broker and
 * client exceptions ({@code MQBrokerException:14}), or {@code status:<SendStatus>} for a send that came back
 * with a status other than SEND_OK.
 *
 * <p>Thread-safe: a concurrent map of {@link LongAdder}s.
 */
final class ErrorTally {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(Throwable error) {
        count(typeOf(error));
    }

    void count(String type) {
        counts.computeIfAbsent(type, k -> new LongAdder()).increment();
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Puts {@code errors} (total) and {@code errors.<type>} per type. */
    void report(BenchReport report) {
        report.put("errors", total());
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.sum()));
        sorted.forEach((k, v) -> report.put("errors." + k, v));
    }

    static String typeOf(Throwable error) {
        Throwable e = error;
        if (e instanceof MQClientException && e.getCause() != null && ((MQClientException) e).getResponseCode() <= 0) {
            e = e.getCause();
        }
        String name = e.getClass().getSimpleName();
        if (e instanceof MQBrokerException broker) {
            return name + ":" + broker.getResponseCode();
        }
        if (e instanceof MQClientException client) {
            return name + ":" + client.getResponseCode();
        }
        if (e instanceof RemotingTimeoutException) {
            return "timeout";
        }
        return name;
    }
}
