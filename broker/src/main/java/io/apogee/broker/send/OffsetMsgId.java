package io.apogee.broker.send;

import java.net.InetSocketAddress;

/**
 * The broker's message id ("offsetMsgId", 09 §6.2): uppercase hex of the store host's IP bytes (4 or 16),
 * its port as int32 and the commit-log offset as int64 — 32 hex characters for IPv4.
 *
 * <p>Immutable (the host part is computed once), hence thread-safe.
 */
public final class OffsetMsgId {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final char[] hostPart;

    public OffsetMsgId(InetSocketAddress storeHost) {
        byte[] ip = storeHost.getAddress().getAddress();
        hostPart = new char[ip.length * 2 + 8];
        for (int i = 0; i < ip.length; i++) {
            hostPart[2 * i] = HEX[(ip[i] >> 4) & 0xF];
            hostPart[2 * i + 1] = HEX[ip[i] & 0xF];
        }
        int port = storeHost.getPort();
        for (int i = 0; i < 8; i++) {
            hostPart[ip.length * 2 + i] = HEX[(port >>> (28 - 4 * i)) & 0xF];
        }
    }

    /** The id of the message stored at {@code commitLogOffset}. */
    public String of(long commitLogOffset) {
        char[] id = new char[hostPart.length + 16];
        System.arraycopy(hostPart, 0, id, 0, hostPart.length);
        appendOffset(id, hostPart.length, commitLogOffset);
        return new String(id);
    }

    /** The ids of a batch, comma-joined in order. */
    public String join(long[] commitLogOffsets) {
        StringBuilder sb = new StringBuilder(commitLogOffsets.length * (hostPart.length + 17));
        char[] id = new char[hostPart.length + 16];
        System.arraycopy(hostPart, 0, id, 0, hostPart.length);
        for (int i = 0; i < commitLogOffsets.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendOffset(id, hostPart.length, commitLogOffsets[i]);
            sb.append(id);
        }
        return sb.toString();
    }

    private static void appendOffset(char[] id, int at, long offset) {
        for (int i = 15; i >= 0; i--) {
            id[at + i] = HEX[(int) (offset & 0xF)];
            offset >>>= 4;
        }
    }
}
