package io.apogee.bench.jmh;

import io.apogee.store.PutResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Store write path, one 1 KiB message per operation, ASYNC_FLUSH on a temp directory (a fresh store per
 * iteration, so the disk use stays bounded):
 * <ul>
 *   <li>{@code append}: {@code MessageStore.put} of a reused draft (the commit-log append; the target is zero
 *       allocation, see {@code gc.alloc.rate.norm} under {@code -prof gc});</li>
 *   <li>{@code appendAndDispatch}: 1000 puts, then waiting until the dispatcher has written all of them into
 *       the consume queue, i.e. append plus consume-queue dispatch.</li>
 * </ul>
 *
 * <p>Thread-safe: one benchmark thread per state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class StoreBenchmark {

    private static final int BATCH = 1000;

    private StoreFixture fixture;

    @Setup(Level.Iteration)
    public void setUp() {
        fixture = new StoreFixture();
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        fixture.close();
    }

    @Benchmark
    public PutResult append() {
        return fixture.store.put(fixture.draft).join();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long appendAndDispatch() {
        for (int i = 0; i < BATCH; i++) {
            fixture.store.put(fixture.draft);
        }
        fixture.awaitDispatched();
        return fixture.store.dispatchedOffset();
    }
}
