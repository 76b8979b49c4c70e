package io.apogee.bench.jmh;

import io.apogee.broker.send.SendRequestHeader;
import io.apogee.remoting.FrameCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Remoting hot path, one message per operation: decoding a SEND_MESSAGE_V2 frame (header and 1 KiB body),
 * decoding it plus parsing the send header from its ext fields (what the broker does per send), and encoding
 * the send response into a pooled buffer. Both header serializations (JSON, the client default, and ROCKETMQ).
 *
 * <p>Thread-safe: JMH gives each thread its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class FrameCodecBenchmark {

    @Param({"JSON", "ROCKETMQ"})
    public String serializeType;

    private ByteBuf requestFrame;
    private RemotingCommand response;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

    @Setup
    public void setUp() {
        SerializeType type = SerializeType.valueOf(serializeType);
        requestFrame = Frames.directFrame(Frames.sendRequest(type));
        response = Frames.sendResponse(type);
    }

    @TearDown
    public void tearDown() {
        requestFrame.release();
    }

    @Benchmark
    public RemotingCommand decodeSendFrame() {
        return FrameCodec.decode(requestFrame);
    }

    @Benchmark
    public SendRequestHeader decodeSendFrameAndHeader() {
        return SendRequestHeader.parse(FrameCodec.decode(requestFrame));
    }

    @Benchmark
    public int encodeSendResponse() {
        ByteBuf frame = FrameCodec.encode(response, alloc);
        int size = frame.readableBytes();
        frame.release();
        return size;
    }
}
