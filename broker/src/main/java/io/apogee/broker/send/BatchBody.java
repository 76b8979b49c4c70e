package io.apogee.broker.send;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the body of SEND_BATCH_MESSAGE (320): concatenated records, all integers big-endian (
 * docs/protocol/09-message-format.md §7):
 * <pre>
 *   int32 totalSize      20 + bodyLength + 2 + propertiesLength
 *   int32 magicCode      0 (ignored)
 *   int32 bodyCRC        0 (ignored)
 *   int32 flag           the message's user flag
 *   int32 bodyLength     followed by the body bytes
 *   int16 propsLength    followed by the UTF-8 properties string
 * </pre>
 *
 * <p>Stateless, hence thread-safe.
 */
public final class BatchBody {

    /** One message of a batch. */
    public record Entry(int flag, byte[] body, String properties) {
    }

    private static final int FIXED = 22;

    private BatchBody() {
    }

    /**
     * The batch's messages in order.
     *
     * @throws IllegalArgumentException naming the record index and byte position of the first malformed record
     */
    public static List<Entry> decode(byte[] batch) {
        List<Entry> entries = new ArrayList<>();
        int pos = 0;
        while (pos < batch.length) {
            int index = entries.size();
            require(batch.length - pos >= FIXED, index, pos, "only " + (batch.length - pos) + " bytes left");
            int totalSize = readInt(batch, pos);
            int flag = readInt(batch, pos + 12);
            int bodyLength = readInt(batch, pos + 16);
            require(bodyLength >= 0 && bodyLength <= batch.length - pos - FIXED, index, pos,
                    "body length " + bodyLength + " exceeds the batch");
            int propsAt = pos + 20 + bodyLength;
            int propsLength = ((batch[propsAt] & 0xFF) << 8) | (batch[propsAt + 1] & 0xFF);
            int end = propsAt + 2 + propsLength;
            require(end <= batch.length, index, pos, "properties length " + propsLength + " exceeds the batch");
            require(totalSize == end - pos, index, pos,
                    "totalSize " + totalSize + " does not match its content of " + (end - pos) + " bytes");
            byte[] body = Arrays.copyOfRange(batch, pos + 20, propsAt);
            String props = new String(batch, propsAt + 2, propsLength, StandardCharsets.UTF_8);
            entries.add(new Entry(flag, body, props));
            pos = end;
        }
        require(!entries.isEmpty(), 0, 0, "the batch is empty");
        return entries;
    }

    private static void require(boolean ok, int index, int pos, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("malformed batch: message " + index + " at byte " + pos + ": "
                    + problem);
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
