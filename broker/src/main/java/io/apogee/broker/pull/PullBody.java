package io.apogee.broker.pull;

import io.apogee.store.GetResult;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The body of a FOUND pull answer: the stored records, back to back in offset order, as a composite of
 * the store's mapped-memory slices (no copy). When the remoting layer releases the body after writing it
 * (or after failing to), the store's {@link GetResult} is released too, so the mapped files stay pinned
 * exactly as long as the write needs them.
 *
 * <p>Thread-safety as any Netty buffer: used by one thread at a time; release may happen on an I/O thread.
 */
final class PullBody extends CompositeByteBuf {

    private final GetResult result;

    private PullBody(GetResult result, List<ByteBuffer> records) {
        super(UnpooledByteBufAllocator.DEFAULT, true, Math.max(2, records.size()));
        this.result = result;
        for (int i = 0; i < records.size(); i++) {
            addComponent(true, Unpooled.wrappedBuffer(records.get(i)));
        }
    }

    /** Wraps the records of a FOUND result; the body now owns the result. */
    static PullBody of(GetResult result) {
        try {
            return new PullBody(result, result.records());
        } catch (RuntimeException e) {
            result.release();
            throw e;
        }
    }

    @Override
    protected void deallocate() {
        try {
            super.deallocate();
        } finally {
            result.release();
        }
    }
}
