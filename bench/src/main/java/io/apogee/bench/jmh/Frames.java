package io.apogee.bench.jmh;

import io.apogee.remoting.FrameCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * Sample frames for the benchmarks, shaped like what {@code rocketmq-client} 5.4.0 sends and receives: a
 * SEND_MESSAGE_V2 request with the one-letter header keys a..n and a 1 KiB body, and its SUCCESS response.
 *
 * <p>Thread-safe: stateless; every method returns new objects.
 */
final class Frames {

    static final int BODY_SIZE = 1024;
    static final String PROPERTIES = "UNIQ_KEY\u00017F0000017A2B18B4AAC2520B9A4E0000\u0002"
            + "WAIT\u0001true\u0002TAGS\u0001bench\u0002";

    private Frames() {
    }

    static RemotingCommand sendRequest(SerializeType type) {
        byte[] body = new byte[BODY_SIZE];
        Arrays.fill(body, (byte) 'x');
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .putExt("a", "bench_producer")
                .putExt("b", "BenchTopic")
                .putExt("c", "TBW102")
                .putExt("d", 8)
                .putExt("e", 3)
                .putExt("f", 0)
                .putExt("g", 1_763_000_000_000L)
                .putExt("h", 0)
                .putExt("i", PROPERTIES)
                .putExt("j", 0)
                .putExt("k", false)
                .putExt("m", false)
                .putExt("n", "broker-a")
                .serializeType(type)
                .body(body);
    }

    static RemotingCommand sendResponse(SerializeType type) {
        return RemotingCommand.success()
                .opaque(42)
                .putExt("msgId", "7F00000100002A9F0000000000001234")
                .putExt("queueId", 3)
                .putExt("queueOffset", 123_456L)
                .putExt("transactionId", "7F0000017A2B18B4AAC2520B9A4E0000")
                .putExt("MSG_REGION", "DefaultRegion")
                .putExt("TRACE_ON", "true")
                .serializeType(type)
                .markResponse();
    }

    /** The encoded request in a direct buffer, as Netty hands a received frame to the decoder. */
    static ByteBuf directFrame(RemotingCommand command) {
        byte[] bytes = FrameCodec.encodeToBytes(command);
        ByteBuf buf = Unpooled.directBuffer(bytes.length);
        buf.writeBytes(bytes);
        return buf;
    }
}
