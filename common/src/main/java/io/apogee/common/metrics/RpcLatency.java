package io.apogee.common.metrics;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Apache RocketMQ 5's {@code rocketmq_rpc_latency} histogram: milliseconds from a request's arrival to its answer, by
 * {@code request_code} and {@code response_code}, with Apache's buckets (1, 3, 5, 7, 10, 100, 1000, 2000, 3000 ms).
 * A pull parked by long polling counts its whole wait.
 *
 * <p>Thread-safe, and allocation-free once a (request code, response code) pair has been seen, for request codes
 * below {@value #CACHED_REQUESTS} and response codes below {@value #CACHED_RESPONSES} (sends, pulls and their usual
 * answers): their data points are cached in an array; other pairs are looked up by label values.
 */
public final class RpcLatency {

    static final int CACHED_REQUESTS = 1024;
    static final int CACHED_RESPONSES = 32;
    private static final double NANOS_PER_MILLI = 1e6;

    private final Histogram histogram;
    private final AtomicReferenceArray<DistributionDataPoint> points =
            new AtomicReferenceArray<>(CACHED_REQUESTS * CACHED_RESPONSES);

    RpcLatency(Labels node) {
        Histogram.Builder builder = Histogram.builder().name("rocketmq_rpc_latency")
                .help("Milliseconds from a request's arrival to its answer.")
                .labelNames("request_code", "response_code")
                .constLabels(node.merge(Labels.of("protocol_type", "remoting")))
                .classicOnly().classicUpperBounds(1, 3, 5, 7, 10, 100, 1000, 2000, 3000);
        builder.withoutExemplars();
        this.histogram = builder.build();
    }

    Histogram histogram() {
        return histogram;
    }

    /** One answered request. */
    public void record(int requestCode, int responseCode, long nanos) {
        point(requestCode, responseCode).observe(nanos / NANOS_PER_MILLI);
    }

    private DistributionDataPoint point(int requestCode, int responseCode) {
        if (requestCode < 0 || requestCode >= CACHED_REQUESTS || responseCode < 0
                || responseCode >= CACHED_RESPONSES) {
            return labelled(requestCode, responseCode);
        }
        int slot = requestCode * CACHED_RESPONSES + responseCode;
        DistributionDataPoint point = points.get(slot);
        if (point == null) {
            point = labelled(requestCode, responseCode);
            points.lazySet(slot, point);
        }
        return point;
    }

    private DistributionDataPoint labelled(int requestCode, int responseCode) {
        return histogram.labelValues(Integer.toString(requestCode), Integer.toString(responseCode));
    }
}
