package io.apogee.store;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Decides whether the bytes at a position of a commit-log file are an intact message record: a message magic,
 * a total size that fits the file, a physicalOffset field equal to the record's own position in the log, field
 * lengths that add up to the total size, and (when asked) a body CRC that matches. Layout on {@link StoredMessage}.
 *
 * <p>Not thread-safe (it reuses one CRC32); one instance per recovering thread.
 */
final class RecordCheck {

    private final CRC32 crc = new CRC32();

    /** True when an intact record starts at {@code at} of {@code file}. */
    boolean isIntact(MappedFile file, int at, boolean verifyCrc) {
        ByteBuffer buf = file.buffer();
        if (at + StoredMessage.MIN_RECORD_SIZE > file.size()
                || !StoredMessage.isPlausible(buf, at, file.startOffset() + at, file.size())) {
            return false;
        }
        return lengthsAddUp(buf, at, StoredMessage.totalSize(buf, at), StoredMessage.magic(buf, at))
                && (!verifyCrc || crcMatches(buf, at));
    }

    private static boolean lengthsAddUp(ByteBuffer buf, int at, int size, int magic) {
        int sysFlag = StoredMessage.sysFlag(buf, at);
        int bodyLenAt = StoredMessage.bodyLengthOffset(sysFlag);
        if (bodyLenAt + 4 > size) {
            return false;
        }
        int bodyLen = buf.getInt(at + bodyLenAt);
        int topicLenAt = bodyLenAt + 4 + bodyLen;
        if (bodyLen < 0 || topicLenAt + 2 > size) {
            return false;
        }
        boolean v2 = magic == StoredMessage.MAGIC_V2;
        int topicLen = v2 ? buf.getShort(at + topicLenAt) & 0xFFFF : buf.get(at + topicLenAt) & 0xFF;
        int propLenAt = topicLenAt + (v2 ? 2 : 1) + topicLen;
        if (propLenAt + 2 > size) {
            return false;
        }
        int propLen = buf.getShort(at + propLenAt) & 0xFFFF;
        return propLenAt + 2 + propLen == size;
    }

    private boolean crcMatches(ByteBuffer buf, int at) {
        int bodyLenAt = at + StoredMessage.bodyLengthOffset(StoredMessage.sysFlag(buf, at));
        int bodyLen = buf.getInt(bodyLenAt);
        crc.reset();
        crc.update(buf.slice(bodyLenAt + 4, bodyLen));
        return (int) (crc.getValue() & 0x7FFFFFFF) == buf.getInt(at + StoredMessage.OFF_BODY_CRC);
    }
}
