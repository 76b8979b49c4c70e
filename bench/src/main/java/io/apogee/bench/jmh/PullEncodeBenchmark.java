package io.apogee.bench.jmh;

import io.apogee.remoting.FrameCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.GetResult;
import io.apogee.store.MessageFilter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Pull answer path, reported per message: {@code MessageStore.get} of 32 dispatched 1 KiB messages, a
 * composite body of the mapped slices (as the broker's pull body does, no copy), the PULL_MESSAGE response
 * header, and {@code FrameCodec.encode} into a pooled buffer; the frame is released as Netty would after the
 * write.
 *
 * <p>Thread-safe: one benchmark thread per state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PullEncodeBenchmark {

    private static final int BATCH = 32;
    private static final MessageFilter ALL = tagsCode -> true;

    private StoreFixture fixture;

    @Setup
    public void setUp() {
        fixture = new StoreFixture();
        for (int i = 0; i < BATCH; i++) {
            fixture.store.put(fixture.draft).join();
        }
        fixture.awaitDispatched();
    }

    @TearDown
    public void tearDown() {
        fixture.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int getAndEncode() {
        GetResult result = fixture.store.get(StoreFixture.TOPIC, 0, 0, BATCH, 256 * 1024, ALL);
        List<ByteBuffer> records = result.records();
        CompositeByteBuf body = Unpooled.compositeBuffer(Math.max(2, records.size()));
        for (int i = 0; i < records.size(); i++) {
            body.addComponent(true, Unpooled.wrappedBuffer(records.get(i)));
        }
        RemotingCommand response = RemotingCommand.response(ResponseCode.SUCCESS, null)
                .opaque(7)
                .putExt("suggestWhichBrokerId", 0L)
                .putExt("nextBeginOffset", result.nextBeginOffset())
                .putExt("minOffset", result.minOffset())
                .putExt("maxOffset", result.maxOffset())
                .bodyRegion(body);
        ByteBuf frame = FrameCodec.encode(response, PooledByteBufAllocator.DEFAULT);
        int size = frame.readableBytes();
        frame.release();
        result.release();
        return size;
    }
}
