package io.apogee.bench.jmh;

import io.apogee.broker.dedup.RecentSends;
import io.apogee.store.PutResult;
import io.apogee.store.PutStatus;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the duplicate-send window ({@link RecentSends}) adds to each send: one claim before the put and one
 * completion after it, for a new UNIQ_KEY each time, against a window already full ({@code capacity} keys; the default
 * is 2^20), so every claim also evicts the oldest key; {@code enabled=false} is the switched-off path (the baseline).
 * Set-up prints the heap the full window holds: its arrays' size and the measured growth of the used heap.
 *
 * <p>Thread-safe: JMH gives each thread its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DuplicateWindowBenchmark {

    private static final int KEYS = 1 << 22;

    /** Keys the window holds: 2^16 (fits the CPU caches) and the default 2^20 (does not). */
    @Param({"65536", "1048576"})
    public int capacity;

    @Param({"true", "false"})
    public boolean enabled;

    private String[] keys;
    private RecentSends window;
    private PutResult stored;
    private int next;

    @Setup
    public void setUp() {
        keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = String.format("AC11000200002A9F%016X", i);
        }
        stored = new PutResult(PutStatus.PUT_OK, 4096, 17, 1, 200, 1, new long[] {4096}, null);
        long before = usedHeap();
        window = new RecentSends(enabled, 300_000, capacity, System::currentTimeMillis);
        for (int i = 0; i < capacity; i++) {
            claimAndComplete();
        }
        long grown = usedHeap() - before;
        System.out.printf("%nduplicate window enabled=%s: %d keys, arrays %.1f MiB, used heap grew %.1f MiB%n",
                enabled, window.size(), window.bytes() / 1048576.0, grown / 1048576.0);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** One send's worth of window work: claim a new key, record its stored result. */
    @Benchmark
    public long claimAndComplete() {
        String key = keys[next++ & (KEYS - 1)];
        long ticket = window.claim("BenchTopic", 0, false, key, 1);
        window.complete(ticket, stored, null);
        return ticket;
    }
}
